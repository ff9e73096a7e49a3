// The report screen's address: #/reports/<id> for a saved report, #/reports?patient=…&profession=…&month=…
// (&visit=…) for a new one (or the one that already covers the visit).
import { professions, type Profession } from '../../../src/core/input.js';

export interface ReportRoute {
  name: 'report';
  id?: string;
  patientId?: string;
  profession?: Profession;
  month?: string;
  visitId?: string;
}

export function parseReportRoute(parts: readonly string[], query: URLSearchParams): ReportRoute {
  if (parts[1]) return { name: 'report', id: parts[1] };
  const route: ReportRoute = { name: 'report' };
  const patient = query.get('patient');
  const profession = query.get('profession');
  const month = query.get('month');
  const visit = query.get('visit');
  if (patient) route.patientId = patient;
  if (profession && (professions as readonly string[]).includes(profession)) {
    route.profession = profession as Profession;
  }
  if (month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month)) route.month = month;
  if (visit) route.visitId = visit;
  return route;
}

export function reportHref(route: ReportRoute): string {
  if (route.id) return `#/reports/${encodeURIComponent(route.id)}`;
  const q = new URLSearchParams();
  if (route.patientId) q.set('patient', route.patientId);
  if (route.profession) q.set('profession', route.profession);
  if (route.month) q.set('month', route.month);
  if (route.visitId) q.set('visit', route.visitId);
  const s = q.toString();
  return `#/reports${s ? `?${s}` : ''}`;
}
