// 情報提供書の一覧: the office's reports to the care manager (K24-2a), filtered by patient, month, state
// (下書き / 送付済み / 不備あり) and profession; each opens in the report editor.
import { useId, useMemo, useState } from 'react';
import { api } from '../api.js';
import { professions, type Profession } from '../../../src/core/input.js';
import { comparePatients } from '../../../src/contract/order.js';
import { reportPartNames } from '../../../src/core/reports.js';
import { recipientKindJa, reportMethodJa } from '../../../src/contract/labels.js';
import { formatDateJa } from '../../../src/contract/dateText.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { RuleRef } from '../components/RuleRef.js';
import { useApp, useLoad } from '../context.js';
import { formatWareki, professionJa } from '../format.js';
import { hrefOf } from '../router.js';
import { reportsApi, type CareReport } from '../reports/api.js';
import { ReportStateChip, type ReportState } from '../reports/ReportLink.js';
import { EmptyRow } from '../components/Table.js';
import './office.css';

type StateFilter = '' | 'draft' | 'sent' | 'problem';

/** Where a saved report stands: a draft until sent; sent but with a part missing is 不備あり. */
function stateOf(r: CareReport): ReportState {
  if (!r.sentDate) return 'draft';
  return r.missingParts.length > 0 ? 'problem' : 'sent';
}

export function ReportList() {
  const { office, month } = useApp();
  const [patientId, setPatientId] = useState('');
  const [allMonths, setAllMonths] = useState(false);
  const [state, setState] = useState<StateFilter>('');
  const [profession, setProfession] = useState<Profession | ''>('');
  const ids = { patient: useId(), month: useId(), state: useId(), profession: useId() };
  const [patients] = useLoad(['patients', office.id], () => api.patients(office.id));
  const query = {
    ...(patientId ? { patientId } : {}),
    ...(allMonths ? {} : { month }),
    ...(profession ? { profession } : {}),
  };
  const [reports] = useLoad(['reports', office.id, query], () => reportsApi.list(office.id, query));
  const patientName = useMemo(() => {
    const m = new Map((patients.data ?? []).map((p) => [p.id, p.name]));
    return (id: string) => m.get(id) ?? id;
  }, [patients.data]);
  const sortedPatients = useMemo(() => [...(patients.data ?? [])].sort(comparePatients), [patients.data]);
  const byPatient = useMemo(() => {
    const order = new Map(sortedPatients.map((p, i) => [p.id, i]));
    return (a: CareReport, b: CareReport) =>
      b.month.localeCompare(a.month) ||
      (order.get(a.patientId) ?? 0) - (order.get(b.patientId) ?? 0) ||
      a.createdAt.localeCompare(b.createdAt);
  }, [sortedPatients]);
  const shown = useMemo(
    () => (reports.data ?? []).filter((r) => !state || stateOf(r) === state).sort(byPatient),
    [reports.data, state, byPatient],
  );

  return (
    <section aria-labelledby="report-list-title">
      <div className="page-head">
        <h1 id="report-list-title" tabIndex={-1}>
          情報提供書の一覧 <span className="subtitle">{allMonths ? 'すべての月' : formatWareki(month)}</span>
        </h1>
      </div>
      <p className="lead">
        ケアマネジャーへの情報提供書。送付日のない情報提供書は下書きで、その訪問は算定できません。
        <RuleRef rule="K24-2a" />
      </p>
      <form
        className="toolbar filters"
        role="search"
        aria-label="情報提供書の絞り込み"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="inline-field">
          <label htmlFor={ids.patient}>利用者</label>
          <select id={ids.patient} value={patientId} onChange={(e) => setPatientId(e.target.value)}>
            <option value="">すべての利用者</option>
            {sortedPatients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.kana ? `（${p.kana}）` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={ids.month}>対象月</label>
          <select
            id={ids.month}
            value={allMonths ? 'all' : 'month'}
            onChange={(e) => setAllMonths(e.target.value === 'all')}
          >
            <option value="month">{formatWareki(month)}（画面上部の月）</option>
            <option value="all">すべての月</option>
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={ids.state}>状態</label>
          <select id={ids.state} value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            <option value="">すべて</option>
            <option value="draft">下書き（未送付）</option>
            <option value="sent">送付済み</option>
            <option value="problem">送付済み・不備あり</option>
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={ids.profession}>職種</label>
          <select
            id={ids.profession}
            value={profession}
            onChange={(e) => setProfession(e.target.value as Profession | '')}
          >
            <option value="">すべての職種</option>
            {professions.map((p) => (
              <option key={p} value={p}>
                {professionJa[p]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <LoadProblems loaded={reports} />
      <p className="muted" role="status" aria-live="polite">
        {reports.data ? `${shown.length}件` : ''}
      </p>
      <table className="data" data-testid="report-list">
        <thead>
          <tr>
            <th scope="col">対象月</th>
            <th scope="col">利用者</th>
            <th scope="col">職種</th>
            <th scope="col">訪問</th>
            <th scope="col">送付先・方法</th>
            <th scope="col">送付日</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id} data-report-id={r.id}>
              <td>{formatWareki(r.month)}</td>
              <td>
                <a href={hrefOf({ name: 'report', id: r.id })}>{patientName(r.patientId)}</a>
              </td>
              <td>{professionJa[r.profession]}</td>
              <td>{r.visitIds.length}回</td>
              <td>
                {r.recipient.name || recipientKindJa[r.recipient.kind]}
                <div className="reason-small">{reportMethodJa[r.method]}</div>
              </td>
              <td>{r.sentDate ? formatDateJa(r.sentDate) : '—'}</td>
              <td>
                <ReportStateChip state={stateOf(r)} />
                {r.missingParts.length > 0 ? (
                  <div className="reason-small">
                    未記入: {r.missingParts.map((p) => reportPartNames[p]).join('、')}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
          {reports.state === 'ok' && shown.length === 0 ? (
            <EmptyRow columns={7} text="条件に合う情報提供書はありません。" />
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
