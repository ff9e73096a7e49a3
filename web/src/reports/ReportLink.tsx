// The link from a 居宅療養管理指導 visit (visit-entry list) to its report to the care manager (情報提供書), and,
// where the office bills the month on the reports (K24-2a), the state of that report beside it.
import type { Visit, VisitReportState } from '../api.js';
import { shortDate } from '../format.js';
import { reportHref } from './route.js';
import './reports.css';

/** none: no report covers the visit; draft: not sent yet; problem: sent but not valid (a part empty…); sent. */
export type ReportState = VisitReportState['state'];

export const reportStateJa: Record<ReportState, string> = {
  none: '未作成',
  draft: '下書き',
  problem: '送付済み・不備あり',
  sent: '送付済み',
};

const chipOf: Record<ReportState, string> = {
  none: 'chip-refused',
  draft: 'chip-partial',
  problem: 'chip-partial',
  sent: 'chip-billed',
};

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
