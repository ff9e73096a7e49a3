// Adds one dated fact to a patient's history: a new certification (level or copay change), a move, a
// hospital / short stay, or who makes the care plan from a day (a 居宅介護支援事業所 / 地域包括支援センター with
// its 事業所番号, or セルフプラン). A new certification, residence or care plan ends the open one the day before
// it starts, as offices record a change; the API checks that periods do not overlap and its messages show at
// the field.
import { useState } from 'react';
import { api, type Patient } from '../api.js';
import { careLevels, residenceKinds } from '../../../src/core/input.js';
import { check, patientPatchSchema } from '../../../src/contract/schemas.js';
import type {
  CarePlanPeriod,
  CertificationPeriod,
  ResidencePeriod,
  Stay,
} from '../../../src/contract/types.js';
import { CarePlanFields, carePlanOf, type CarePlanValues } from './ClaimFactsFields.js';
import { Field, FormErrors } from './Field.js';
import { DateField, useDateProblems } from './DateField.js';
import { useApp, useLoad } from '../context.js';
import { Form, FormActions, useFormSubmit } from './Form.js';
import { careLevelJa, residenceJa, stayJa } from '../format.js';
import { endOpenBefore } from '../patientFacts.js';
import { CodeOptions, BuildingOptions } from './Options.js';

type What = 'stay' | 'certification' | 'residence' | 'carePlan';

export function HistoryForm({ patient, onSaved }: { patient: Patient; onSaved: (p: Patient) => void }) {
  const { office, month, notify } = useApp();
  const [buildings] = useLoad(['buildings', office.id], () => api.buildings(office.id));
  const [what, setWhat] = useState<What>('stay');
  const [from, setFrom] = useState(`${month}-01`);
  const [to, setTo] = useState('');
  const [stayKind, setStayKind] = useState<Stay['kind']>('hospital');
  const [level, setLevel] = useState<string>('care1');
  const [copay, setCopay] = useState('1');
  const [residenceKind, setResidenceKind] = useState<string>('home');
  const [buildingId, setBuildingId] = useState('');
  const [plan, setPlan] = useState<CarePlanValues>({ maker: 'office', officeNumber: '', officeName: '' });
  const { problems, setProblems, busy, refuse, send } = useFormSubmit({ focus: false });
  const [dateProblems, dateProblem] = useDateProblems();

  // The index the new period gets in its array: its messages (`stays[2].to`) show at these fields.
  const field = (
    {
      stay: 'stays',
      certification: 'certifications',
      residence: 'residences',
      carePlan: 'carePlans',
    } as const
  )[what];
  const index = patient[field].length;
  const path = (k: string) => `${field}[${index}].${k}`;

  const patch = (): Record<string, unknown> => {
    if (what === 'stay') {
      const s: Record<string, unknown> = { kind: stayKind, from, to };
      return { stays: [...patient.stays, s] };
    }
    if (what === 'certification') {
      const c: Record<string, unknown> = { level, copay: Number(copay), from };
      if (to) c.to = to;
      return { certifications: [...endOpenBefore<CertificationPeriod>(patient.certifications, from), c] };
    }
    if (what === 'carePlan') {
      const c = carePlanOf(plan, from, to) ?? {};
      return { carePlans: [...endOpenBefore<CarePlanPeriod>(patient.carePlans, from), c] };
    }
    const r: Record<string, unknown> = { kind: residenceKind, from };
    if (buildingId) r.buildingId = buildingId;
    if (to) r.to = to;
    return { residences: [...endOpenBefore<ResidencePeriod>(patient.residences, from), r] };
  };

  const submit = async () => {
    if (dateProblems.length) return refuse(dateProblems);
    const body = patch();
    const local = check(patientPatchSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      const saved = await api.updatePatient(office.id, patient.id, local.value);
      notify(`${patient.name}さんの履歴を追加しました`);
      setProblems([]);
      setTo('');
      onSaved(saved);
    });
  };

  return (
    <Form className="card history-form" label="履歴の追加" onSubmit={submit}>
      <div className="row">
        <Field label="追加するもの">
          {(p) => (
            <select
              {...p}
              value={what}
              onChange={(e) => {
                setWhat(e.target.value as What);
                setProblems([]);
              }}
            >
              <option value="stay">入院・短期入所</option>
              <option value="certification">要介護認定（区分・負担割合の変更）</option>
              <option value="residence">住まい（転居・入居）</option>
              <option value="carePlan">居宅サービス計画の作成者</option>
            </select>
          )}
        </Field>
        {what === 'stay' ? (
          <Field label="種類" path={path('kind')} problems={problems}>
            {(p) => (
              <select {...p} value={stayKind} onChange={(e) => setStayKind(e.target.value as Stay['kind'])}>
                {(['hospital', 'short_stay'] as const).map((k) => (
                  <option key={k} value={k}>
                    {stayJa[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {what === 'certification' ? (
          <>
            <Field label="要介護度" path={path('level')} problems={problems}>
              {(p) => (
                <select {...p} value={level} onChange={(e) => setLevel(e.target.value)}>
                  <CodeOptions codes={careLevels} labels={careLevelJa} />
                </select>
              )}
            </Field>
            <Field label="負担割合" path={path('copay')} problems={problems}>
              {(p) => (
                <select {...p} value={copay} onChange={(e) => setCopay(e.target.value)}>
                  <option value="1">1割</option>
                  <option value="2">2割</option>
                  <option value="3">3割</option>
                </select>
              )}
            </Field>
          </>
        ) : null}
        {what === 'residence' ? (
          <>
            <Field label="住まいの種類" path={path('kind')} problems={problems}>
              {(p) => (
                <select {...p} value={residenceKind} onChange={(e) => setResidenceKind(e.target.value)}>
                  <CodeOptions codes={residenceKinds} labels={residenceJa} />
                </select>
              )}
            </Field>
            <Field label="建物" path={path('buildingId')} problems={problems}>
              {(p) => (
                <select
                  {...p}
                  value={buildingId}
                  onChange={(e) => {
                    const b = buildings.data?.find((x) => x.id === e.target.value);
                    setBuildingId(e.target.value);
                    if (b) setResidenceKind(b.kind);
                  }}
                >
                  <BuildingOptions buildings={buildings.data} />
                </select>
              )}
            </Field>
          </>
        ) : null}
        {what === 'carePlan' ? (
          <CarePlanFields
            values={plan}
            onChange={(k, v) => setPlan((x) => ({ ...x, [k]: v }))}
            problems={problems}
            path={path}
          />
        ) : null}
        <DateField
          label="開始日"
          path={path('from')}
          problems={problems}
          required
          month={month}
          value={from}
          onChange={(v, problem) => {
            setFrom(v);
            dateProblem('from')(v, problem);
          }}
        />
        <DateField
          label="終了日"
          path={path('to')}
          problems={problems}
          required={what === 'stay'}
          month={month}
          value={to}
          onChange={(v, problem) => {
            setTo(v);
            dateProblem('to')(v, problem);
          }}
          {...(what === 'stay' ? {} : { hint: '続いているときは空欄' })}
        />
      </div>
      <FormErrors problems={problems} shown={[`${field}[${index}]`]} />
      <FormActions busy={busy} submit={busy ? '追加中…' : '履歴に追加'}>
        {what !== 'stay' ? (
          <span className="muted small">続いている前の期間は、開始日の前日で終わります。</span>
        ) : null}
      </FormActions>
    </Form>
  );
}
