// 利用者の登録: the store's own schema checks the form before it is sent (the same Japanese messages as
// the API), and the API's answer is shown next to each field.
import { useState } from 'react';
import { api, type Patient, type PatientInput } from '../api.js';
import { check, patientInputSchema } from '../../../src/contract/schemas.js';
import { careLevels, residenceKinds, conditions as conditionIds } from '../../../src/core/input.js';
import { Check, Field, FormErrors } from '../components/Field.js';
import { DateField, useDateProblems } from '../components/DateField.js';
import { useApp, useLoad } from '../context.js';
import { Form, FormActions, useFormSubmit } from '../components/Form.js';
import { careLevelJa, conditionJa, residenceJa } from '../format.js';
import { navigate } from '../router.js';
import { CodeOptions, BuildingOptions } from '../components/Options.js';
import {
  CarePlanFields,
  carePlanOf,
  InsuredFields,
  insuredKeys,
  type CarePlanValues,
  type InsuredValues,
} from '../components/ClaimFactsFields.js';

interface Form {
  name: string;
  kana: string;
  insured: InsuredValues;
  address: string;
  level: string;
  copay: string;
  certFrom: string;
  certTo: string;
  residenceKind: string;
  buildingId: string;
  householdId: string;
  residenceFrom: string;
  careManagerName: string;
  careManagerOffice: string;
  plan: CarePlanValues;
  planFrom: string;
  homebound: boolean;
  homeMedicalManagement: boolean;
  conditions: string[];
}

const shownPaths = [
  'name',
  'kana',
  'insurerNumber',
  'insuredNumber',
  'birthDate',
  'sex',
  'address',
  'certifications',
  'residences',
  'careManagerName',
  'careManagerOffice',
  'carePlans',
  'conditions',
];

/** The API's body from the form: empty fields are left out, numbers are numbers. */
export function patientInputOf(f: Form): Record<string, unknown> {
  const body: Record<string, unknown> = { name: f.name };
  const opt = (k: string, v: string) => {
    if (v.trim() !== '') body[k] = v.trim();
  };
  opt('kana', f.kana);
  for (const k of insuredKeys) opt(k, f.insured[k]);
  opt('address', f.address);
  opt('careManagerName', f.careManagerName);
  opt('careManagerOffice', f.careManagerOffice);
  if (f.level || f.certFrom) {
    const c: Record<string, unknown> = { level: f.level, copay: Number(f.copay), from: f.certFrom };
    if (f.certTo) c.to = f.certTo;
    body.certifications = [c];
  }
  const plan = carePlanOf(f.plan, f.planFrom);
  if (plan) body.carePlans = [plan];
  if (f.residenceKind) {
    const r: Record<string, unknown> = { kind: f.residenceKind, from: f.residenceFrom };
    if (f.buildingId) r.buildingId = f.buildingId;
    if (f.householdId.trim()) r.householdId = f.householdId.trim();
    body.residences = [r];
  }
  body.homebound = f.homebound;
  if (f.homeMedicalManagement) body.homeMedicalManagement = true;
  if (f.conditions.length) body.conditions = f.conditions;
  return body;
}

export function NewPatient() {
  const { office, month, notify } = useApp();
  const [buildings] = useLoad(['buildings', office.id], () => api.buildings(office.id));
  const [form, setForm] = useState<Form>({
    name: '',
    kana: '',
    insured: { insurerNumber: '', insuredNumber: '', birthDate: '', sex: '' },
    address: '',
    level: 'care1',
    copay: '1',
    certFrom: `${month}-01`,
    certTo: '',
    residenceKind: 'home',
    buildingId: '',
    householdId: '',
    residenceFrom: `${month}-01`,
    careManagerName: '',
    careManagerOffice: '',
    plan: { maker: '', officeNumber: '', officeName: '' },
    planFrom: `${month}-01`,
    homebound: true,
    homeMedicalManagement: false,
    conditions: [],
  });
  const { problems, busy, refuse, send } = useFormSubmit();
  const [dateProblems, dateProblem] = useDateProblems();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async () => {
    if (dateProblems.length) return refuse(dateProblems);
    const body = patientInputOf(form);
    const local = check(patientInputSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      const p: Patient = await api.createPatient(office.id, local.value as PatientInput);
      notify(`${p.name}さんを登録しました`);
      navigate({ name: 'patient', id: p.id });
    });
  };

  const common = { problems };
  return (
    <section aria-labelledby="new-patient-title">
      <div className="page-head">
        <h1 id="new-patient-title" tabIndex={-1}>
          利用者を登録
        </h1>
      </div>
      <Form className="card form-grid" onSubmit={submit}>
        <fieldset>
          <legend>基本情報</legend>
          <div className="row">
            <Field label="氏名" path="name" required {...common}>
              {(p) => (
                <input
                  {...p}
                  name="name"
                  autoFocus
                  value={form.name}
                  onChange={(e) => set('name', e.target.value)}
                />
              )}
            </Field>
            <Field label="フリガナ" path="kana" {...common}>
              {(p) => (
                <input {...p} name="kana" value={form.kana} onChange={(e) => set('kana', e.target.value)} />
              )}
            </Field>
          </div>
          <div className="row">
            <InsuredFields
              values={form.insured}
              onChange={(k, v) => setForm((f) => ({ ...f, insured: { ...f.insured, [k]: v } }))}
              problems={problems}
              onDateProblem={dateProblem('birthDate')}
            />
          </div>
          <div className="row">
            <Field label="住所" path="address" className="grow" {...common}>
              {(p) => (
                <input
                  {...p}
                  name="address"
                  value={form.address}
                  onChange={(e) => set('address', e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>要介護認定</legend>
          <div className="row">
            <Field label="要介護度" path="certifications[0].level" {...common}>
              {(p) => (
                <select {...p} name="level" value={form.level} onChange={(e) => set('level', e.target.value)}>
                  <option value="">認定なし</option>
                  <CodeOptions codes={careLevels} labels={careLevelJa} />
                </select>
              )}
            </Field>
            <Field label="負担割合" path="certifications[0].copay" {...common}>
              {(p) => (
                <select {...p} name="copay" value={form.copay} onChange={(e) => set('copay', e.target.value)}>
                  <option value="1">1割</option>
                  <option value="2">2割</option>
                  <option value="3">3割</option>
                </select>
              )}
            </Field>
            <DateField
              label="有効期間（開始）"
              path="certifications[0].from"
              name="certFrom"
              month={month}
              value={form.certFrom}
              onChange={(v, problem) => {
                set('certFrom', v);
                dateProblem('certifications[0].from')(v, problem);
              }}
              {...common}
            />
            <DateField
              label="有効期間（終了）"
              path="certifications[0].to"
              name="certTo"
              month={month}
              value={form.certTo}
              onChange={(v, problem) => {
                set('certTo', v);
                dateProblem('certifications[0].to')(v, problem);
              }}
              {...common}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>居宅サービス計画の作成者</legend>
          <div className="row">
            <CarePlanFields
              values={form.plan}
              onChange={(k, v) => setForm((f) => ({ ...f, plan: { ...f.plan, [k]: v } }))}
              problems={problems}
              path={(k) => `carePlans[0].${k}`}
              optional
            />
            {form.plan.maker ? (
              <DateField
                label="計画の開始日"
                path="carePlans[0].from"
                name="planFrom"
                month={month}
                value={form.planFrom}
                onChange={(v, problem) => {
                  set('planFrom', v);
                  dateProblem('carePlans[0].from')(v, problem);
                }}
                {...common}
              />
            ) : null}
          </div>
          <p className="muted small">国保連への伝送ファイルに必要です（居宅サービス計画作成区分）。</p>
        </fieldset>

        <fieldset>
          <legend>住まい</legend>
          <div className="row">
            <Field label="住まいの種類" path="residences[0].kind" {...common}>
              {(p) => (
                <select
                  {...p}
                  name="residenceKind"
                  value={form.residenceKind}
                  onChange={(e) => set('residenceKind', e.target.value)}
                >
                  <CodeOptions codes={residenceKinds} labels={residenceJa} />
                </select>
              )}
            </Field>
            <Field label="建物" path="residences[0].buildingId" hint="戸建ては「なし」" {...common}>
              {(p) => (
                <select
                  {...p}
                  name="buildingId"
                  value={form.buildingId}
                  onChange={(e) => {
                    const id = e.target.value;
                    const b = buildings.data?.find((x) => x.id === id);
                    setForm((f) => ({ ...f, buildingId: id, ...(b ? { residenceKind: b.kind } : {}) }));
                  }}
                >
                  <BuildingOptions buildings={buildings.data} />
                </select>
              )}
            </Field>
            <Field
              label="同一世帯の記号"
              path="residences[0].householdId"
              hint="同じ住戸の家族に同じ記号"
              {...common}
            >
              {(p) => (
                <input
                  {...p}
                  name="householdId"
                  value={form.householdId}
                  onChange={(e) => set('householdId', e.target.value)}
                />
              )}
            </Field>
            <DateField
              label="入居日"
              path="residences[0].from"
              name="residenceFrom"
              month={month}
              value={form.residenceFrom}
              onChange={(v, problem) => {
                set('residenceFrom', v);
                dateProblem('residences[0].from')(v, problem);
              }}
              {...common}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>ケアマネジャーと状態</legend>
          <div className="row">
            <Field label="ケアマネジャー氏名" path="careManagerName" {...common}>
              {(p) => (
                <input
                  {...p}
                  name="careManagerName"
                  value={form.careManagerName}
                  onChange={(e) => set('careManagerName', e.target.value)}
                />
              )}
            </Field>
            <Field label="居宅介護支援事業所" path="careManagerOffice" className="grow" {...common}>
              {(p) => (
                <input
                  {...p}
                  name="careManagerOffice"
                  value={form.careManagerOffice}
                  onChange={(e) => set('careManagerOffice', e.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="checks">
            <Check checked={form.homebound} onChange={(v) => set('homebound', v)}>
              通院困難
            </Check>
            <Check checked={form.homeMedicalManagement} onChange={(v) => set('homeMedicalManagement', v)}>
              医師が在医総管・特医総管を算定
            </Check>
            {conditionIds.map((c) => (
              <label key={c}>
                <input
                  type="checkbox"
                  checked={form.conditions.includes(c)}
                  onChange={(e) =>
                    set(
                      'conditions',
                      e.target.checked ? [...form.conditions, c] : form.conditions.filter((x) => x !== c),
                    )
                  }
                />
                {conditionJa[c]}
              </label>
            ))}
          </div>
        </fieldset>

        <FormErrors problems={problems} shown={shownPaths} />
        <FormActions busy={busy} submit={busy ? '登録中…' : '登録する'}>
          <a className="button" href="#/patients">
            取り消し
          </a>
        </FormActions>
      </Form>
    </section>
  );
}
