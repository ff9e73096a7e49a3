// The link from a 居宅療養管理指導 visit (visit-entry list) to its report to the care manager (情報提供書), and,
// where the office bills the month on the reports (K24-2a), the state of that report beside it.
import type { Visit } from '../api.js';
import { shortDate } from '../format.js';
import type { CareReport } from './api.js';
import { reportHref } from './route.js';
import './reports.css';

/** none: no report covers the visit; draft: not sent yet; incomplete: sent with a required part empty. */
export type ReportState = 'none' | 'draft' | 'incomplete' | 'sent';

export const reportStateJa: Record<ReportState, string> = {
  none: '未作成',
  draft: '下書き',
  incomplete: '送付済み・空欄あり',
  sent: '送付済み',
};

const chipOf: Record<ReportState, string> = {
  none: 'chip-refused',
  draft: 'chip-partial',
  incomplete: 'chip-partial',
  sent: 'chip-billed',
};

/** The state of the visit's report: the best of the reports covering it (sent and complete first). */
export function reportStateOf(visitId: string, reports: readonly CareReport[]): ReportState {
  const covering = reports.filter((r) => r.visitIds.includes(visitId));
  if (covering.some((r) => r.sentDate && r.missingParts.length === 0)) return 'sent';
  if (covering.some((r) => r.sentDate)) return 'incomplete';
  return covering.length > 0 ? 'draft' : 'none';
}

export function ReportStateChip({ state }: { state: ReportState }) {
  return (
    <span className={`chip report-chip ${chipOf[state]}`} data-report-state={state}>
      {reportStateJa[state]}
    </span>
  );
}

export function ReportLink({
  visit,
  patientName,
  state,
}: {
  visit: Visit;
  patientName: string;
  /** Shown where the visit's month is billed on the reports. */
  state?: ReportState;
}) {
  if (visit.kind !== 'kyotaku') return null;
  return (
    <span className="visit-report">
      <a
        className="visit-report-link"
        href={reportHref({
          name: 'report',
          patientId: visit.patientId,
          profession: visit.profession,
          month: visit.date.slice(0, 7),
          visitId: visit.id,
        })}
        aria-label={`${shortDate(visit.date)} ${patientName}さんの情報提供書`}
      >
        情報提供書
      </a>
      {state ? <ReportStateChip state={state} /> : null}
    </span>
  );
}
