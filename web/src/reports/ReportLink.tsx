// The link from a 居宅療養管理指導 visit (visit-entry list) to its report to the care manager (情報提供書).
import type { Visit } from '../api.js';
import { shortDate } from '../format.js';
import { reportHref } from './route.js';

export function ReportLink({ visit, patientName }: { visit: Visit; patientName: string }) {
  if (visit.kind !== 'kyotaku') return null;
  return (
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
  );
}
