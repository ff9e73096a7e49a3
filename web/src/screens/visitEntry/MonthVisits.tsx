// The month's visits on the visit entry, each with two verdicts side by side: the engine's as if its report
// were sent (billable, column and units, or each refusal with its rule), and where its report to the care
// manager stands (未作成 / 下書き / 送付済み and the last day to send it, K24-2a) — so that a 月4回 refusal
// is not hidden behind a missing report, and a visit checked billable before saving stays so after.
import type { MonthReview, Visit, VisitVerdict } from '../../api.js';
import { RuleRef } from '../../components/RuleRef.js';
import { shortDate, units } from '../../format.js';
import { hrefOf } from '../../router.js';
import { ReportLink, ReportStateChip } from '../../reports/ReportLink.js';
import { useHumanize } from '../../staffNames.js';
import { visitDate, visitLabel } from '../../visits.js';
import { ActionsHeader, EmptyRow } from '../../components/Table.js';

const statusJa: Record<VisitVerdict['status'], string> = {
  billed: '算定',
  partial: '一部算定不可',
  refused: '算定不可',
};

export function MonthVisits({
  visits,
  review,
  patientName,
  staffName,
  onDelete,
  onEdit,
  canEdit,
  editingId,
}: {
  visits: readonly Visit[];
  review: MonthReview | undefined;
  patientName: (id: string) => string;
  staffName: ReadonlyMap<string, string>;
  /** Absent for a user who may not write. */
  onDelete?: (v: Visit) => void;
  /** Loads the visit into the entry form to edit it (absent for a user who may not write). */
  onEdit?: (v: Visit) => void;
  canEdit?: (v: Visit) => boolean;
  /** The visit being edited (its row is marked). */
  editingId?: string | undefined;
}) {
  const humanize = useHumanize();
  const verdicts = new Map((review?.visits ?? []).map((v) => [v.visitId, v]));
  return (
    <table className="data visits-table" data-testid="month-visits">
      <thead>
        <tr>
          <th scope="col">日付</th>
          <th scope="col">利用者</th>
          <th scope="col">内容</th>
          <th scope="col">担当者</th>
          <th scope="col">
            算定の判定<span className="th-note">（情報提供書の送付を前提に）</span>
          </th>
          <th scope="col">情報提供書</th>
          <ActionsHeader />
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => {
          const verdict = verdicts.get(v.id);
          const d = visitDate(v);
          return (
            <tr
              key={v.id}
              data-visit-id={v.id}
              className={v.id === editingId ? 'row-editing' : undefined}
              aria-current={v.id === editingId ? 'true' : undefined}
            >
              <td>{d ? shortDate(d) : v.kind === 'care_management' ? v.month : ''}</td>
              <td>
                <a href={hrefOf({ name: 'patient', id: v.patientId })}>{patientName(v.patientId)}</a>
              </td>
              <td>{visitLabel(v)}</td>
              <td>{v.kind === 'kyotaku' && v.staffId ? (staffName.get(v.staffId) ?? '') : ''}</td>
              <td className="verdict-cell" data-testid="visit-verdict">
                {verdict ? (
                  <>
                    <span className={`chip chip-${verdict.status === 'billed' ? 'billed' : verdict.status}`}>
                      {statusJa[verdict.status]}
                    </span>
                    {verdict.status !== 'refused' ? (
                      <span className="small">
                        {' '}
                        {verdict.columnName ? `${verdict.columnName}・` : ''}
                        {units(verdict.units)}
                      </span>
                    ) : null}
                    {verdict.rejections.map((r, i) => (
                      <div key={i} className="reason-small">
                        {r.addition ? '（加算）' : ''}
                        {humanize(r.message)} <RuleRef rule={r.rule} />
                      </div>
                    ))}
                  </>
                ) : (
                  <span className="chip chip-unknown">—</span>
                )}
              </td>
              <td className="report-cell" data-testid="visit-report">
                <ReportLink visit={v} patientName={patientName(v.patientId)} />
                {verdict?.report ? (
                  <>
                    <ReportStateChip state={verdict.report.state} />
                    {verdict.report.state !== 'sent' ? (
                      <div className="reason-small">
                        {shortDate(verdict.report.deadline)}までに送付
                        {verdict.report.state !== 'none' && verdict.report.issue
                          ? `（${verdict.report.issue}）`
                          : ''}{' '}
                        <RuleRef rule="K24-2a" />
                      </div>
                    ) : null}
                  </>
                ) : null}
              </td>
              <td className="row-actions">
                {onEdit && (canEdit?.(v) ?? true) ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${d ?? ''} ${patientName(v.patientId)} ${visitLabel(v)} を編集`}
                    onClick={() => onEdit(v)}
                  >
                    編集
                  </button>
                ) : null}
                {onDelete ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${d ?? ''} ${patientName(v.patientId)} ${visitLabel(v)} を削除`}
                    onClick={() => onDelete(v)}
                  >
                    削除
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
        {visits.length === 0 ? <EmptyRow columns={7} text="この月の訪問はまだありません。" /> : null}
      </tbody>
    </table>
  );
}
