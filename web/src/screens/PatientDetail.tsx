// 利用者の詳細: the facts valid this month, the history on a timeline, the month's visits on a calendar.
import { useMemo, useState } from 'react';
import { api } from '../api.js';
import { useApp, useLoad } from '../context.js';
import { useHumanize } from '../staffNames.js';
import { careLevelJa, conditionJa, formatWareki, residenceJa, shortDate } from '../format.js';
import { sexJa } from '../../../src/contract/labels.js';
import { carePlanIn, certificationIn, residenceIn } from '../patientFacts.js';
import { hrefOf } from '../router.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { Timeline } from '../components/Timeline.js';
import { HistoryForm } from '../components/HistoryForm.js';
import { InsuredForm } from '../components/InsuredForm.js';
import { KohiPanel } from '../components/KohiPanel.js';
import { MonthCalendar, type CalendarItem } from '../components/MonthCalendar.js';
import { RuleRef } from '../components/RuleRef.js';
import { verdictOf, visitDate, visitLabel } from '../visits.js';

export function PatientDetail({ id }: { id: string }) {
  const { office, month, me } = useApp();
  const [patient, reloadPatient] = useLoad(['patient', office.id, id], () => api.patient(office.id, id));
  const [buildings] = useLoad(['buildings', office.id], () => api.buildings(office.id));
  const [visits] = useLoad(['visits', office.id, month, id], () => api.visits(office.id, month, id));
  const [preview, reloadPreview] = useLoad(['preview', office.id, month], () =>
    api.preview(office.id, month),
  );
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const humanize = useHumanize();

  const buildingName = useMemo(() => {
    const m = new Map((buildings.data ?? []).map((b) => [b.id, b.name]));
    return (bid: string) => m.get(bid);
  }, [buildings.data]);

  const p = patient.data;
  if (!p) {
    return (
      <section>
        <h1 tabIndex={-1}>利用者</h1>
        <LoadProblems loaded={patient} />
      </section>
    );
  }
  const cert = certificationIn(p, month);
  const res = residenceIn(p, month);
  const plan = carePlanIn(p, month);
  const missing = <span className="warn-text">未入力</span>;
  const sorted = [...(visits.data ?? [])].sort((a, b) =>
    (visitDate(a) ?? '').localeCompare(visitDate(b) ?? ''),
  );
  const items: CalendarItem[] = sorted.flatMap((v) => {
    const d = visitDate(v);
    if (!d) return [];
    const verdict = verdictOf(preview.data, v.id);
    return [
      {
        date: d,
        key: v.id,
        text: visitLabel(v),
        status: verdict.status,
        ...(verdict.rejections[0] ? { title: humanize(verdict.rejections[0].message) } : {}),
      },
    ];
  });
  const claims = preview.data?.claims.filter((c) => c.patientId === p.id) ?? [];
  const copay = claims.reduce((s, c) => s + c.copay, 0);

  return (
    <section aria-labelledby="patient-title">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <a href="#/patients">利用者</a> ›
          </p>
          <h1 id="patient-title" tabIndex={-1}>
            {p.name}
            {p.kana ? <span className="kana-inline">{p.kana}</span> : null}
          </h1>
        </div>
        <div className="actions">
          <a className="button primary" href={hrefOf({ name: 'visits', patientId: p.id })}>
            訪問を入力
          </a>
          <a className="button" href={hrefOf({ name: 'statement', patientId: p.id, kind: 'invoice' })}>
            請求書・領収書
          </a>
        </div>
      </div>

      <div className="facts card">
        <dl>
          <div>
            <dt>保険者番号</dt>
            <dd className="mono" data-testid="insurer-number">
              {p.insurerNumber ?? missing}
            </dd>
          </div>
          <div>
            <dt>被保険者番号</dt>
            <dd className="mono">{p.insuredNumber ?? missing}</dd>
          </div>
          <div>
            <dt>生年月日・性別</dt>
            <dd>
              {p.birthDate ? formatWareki(p.birthDate) : missing}・{p.sex ? sexJa[p.sex] : missing}
            </dd>
          </div>
          <div>
            <dt>{formatWareki(month)}の認定</dt>
            <dd>
              {cert ? (
                <>
                  {careLevelJa[cert.level]}（{cert.copay}割負担）
                  <span className="small muted">
                    {' '}
                    {formatWareki(cert.from)}〜
                    {cert.to ? formatWareki(cert.to) : <span className="warn-text">終了日未入力</span>}
                  </span>
                </>
              ) : (
                <span className="warn-text">認定なし</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{formatWareki(month)}の居宅サービス計画</dt>
            <dd>
              {plan
                ? plan.maker === 'self'
                  ? 'セルフプラン（自己作成）'
                  : `${plan.officeName ?? '事業所作成'}（${plan.officeNumber}）`
                : missing}
            </dd>
          </div>
          <div>
            <dt>住まい</dt>
            <dd>
              {res
                ? `${res.buildingId ? `${buildingName(res.buildingId) ?? ''}・` : ''}${residenceJa[res.kind]}`
                : '—'}
            </dd>
          </div>
          <div>
            <dt>ケアマネジャー</dt>
            <dd>
              {p.careManagerName ?? '—'}
              {p.careManagerOffice ? `（${p.careManagerOffice}）` : ''}
            </dd>
          </div>
          <div>
            <dt>状態</dt>
            <dd>
              {[
                p.homebound === false ? '通院可能' : '通院困難',
                ...(p.conditions ?? []).map((c) => conditionJa[c]),
                ...(p.homeMedicalManagement ? ['在医総管・特医総管'] : []),
              ].join('・')}
            </dd>
          </div>
          <div>
            <dt>{formatWareki(month)}の利用者負担（見込み）</dt>
            <dd className="num-strong">{copay.toLocaleString('ja-JP')}円</dd>
          </div>
        </dl>
      </div>

      {me.user.role !== 'readonly' ? (
        editing ? (
          <InsuredForm
            patient={p}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              reloadPatient();
            }}
          />
        ) : (
          <p className="actions-inline">
            <button type="button" onClick={() => setEditing(true)} aria-expanded={editing}>
              被保険者証・生年月日・性別を編集
            </button>
          </p>
        )
      ) : null}

      <KohiPanel patient={p} onChanged={reloadPreview} />

      <div className="section-head">
        <h2>認定・住まい・居宅サービス計画・入院等の履歴</h2>
        {me.user.role !== 'readonly' ? (
          <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            ＋ 履歴を追加
          </button>
        ) : null}
      </div>
      {adding ? (
        <HistoryForm
          patient={p}
          onSaved={() => {
            setAdding(false);
            reloadPatient();
            reloadPreview();
          }}
        />
      ) : null}
      <Timeline patient={p} month={month} buildingName={buildingName} />

      <h2>{formatWareki(month)}の訪問</h2>
      <p className="legend" aria-hidden="true">
        <span className="chip chip-billed">算定</span>
        <span className="chip chip-partial">一部算定不可</span>
        <span className="chip chip-refused">算定不可</span>
      </p>
      <MonthCalendar month={month} items={items} stays={p.stays} />
      {sorted.some((v) => verdictOf(preview.data, v.id).rejections.length > 0) ? (
        <>
          <h3>算定できない訪問</h3>
          <ul className="refusals">
            {sorted.flatMap((v) =>
              verdictOf(preview.data, v.id).rejections.map((r, i) => (
                <li key={`${v.id}-${i}`}>
                  <span className="refusal-date">{visitDate(v) ? shortDate(visitDate(v) ?? '') : ''}</span>
                  {visitLabel(v)}：{humanize(r.message)} <RuleRef rule={r.rule} />
                </li>
              )),
            )}
          </ul>
        </>
      ) : null}
    </section>
  );
}
