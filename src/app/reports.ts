// Reports to the care manager (情報提供書, K24-2a) beyond their records: the starting point of a new
// report (last month's, which must be edited; the month's visits no report covers yet; the recipient),
// what the printed report is made of, and the day's FAX reports grouped by recipient.
import { addMonths } from '../core/dates.js';
import { missingParts, requiredParts } from '../core/reports.js';
import type { Profession } from '../core/input.js';
import type { CareReportAnswer, FaxCoverGroup, ReportDocumentData, ReportTemplate } from '../contract/api.js';
import { referenceProblems } from '../contract/references.js';
import type { CareReportRecord, Office } from '../contract/types.js';
import { StoreError, type Store } from '../store/index.js';
import { notFound } from './errors.js';
import { hasCareManager } from './monthInput.js';

/** A report as the API answers it: the record and the required parts still empty (seed 002). */
export function reportAnswer(r: CareReportRecord): CareReportAnswer {
  return { ...r, missingParts: missingParts(r) };
}

/** The dates of the visits the report covers. */
async function visitDatesOf(store: Store, officeId: string, r: CareReportRecord): Promise<string[]> {
  const visits = await store.listVisits(officeId, {
    month: r.month,
    patientId: r.patientId,
    kind: 'kyotaku',
  });
  const covered = new Set(r.visitIds);
  return visits.flatMap((v) => (covered.has(v.id) && 'date' in v ? [v.date] : [])).sort();
}

/** GET …/reports/template: the starting point of a new report of the patient, profession and month. */
export async function reportTemplate(
  store: Store,
  officeId: string,
  q: { patientId: string; profession: Profession; month: string },
): Promise<ReportTemplate> {
  const { patientId, profession, month } = q;
  const patient = await store.getPatient(officeId, patientId);
  if (!patient) {
    const problems = referenceProblems(
      { patientId },
      { hasPatient: () => false, staff: () => undefined },
      { what: '情報提供書', professionPath: 'staffId' },
    );
    throw new StoreError('invalid', problems[0]!.message, problems);
  }
  const [previous, current, visits] = await Promise.all([
    store.listReports(officeId, { patientId, profession, month: addMonths(month, -1) }),
    store.listReports(officeId, { patientId, profession, month }),
    store.listVisits(officeId, { patientId, month, kind: 'kyotaku' }),
  ]);
  const covered = new Set(current.flatMap((r) => r.visitIds));
  // Seed 002: a patient without a care manager (セルフプラン) is reported to 地域包括支援センター or the municipality.
  const withManager = hasCareManager(patient);
  const manager = [patient.careManagerOffice, patient.careManagerName].filter(Boolean).join(' ');
  return {
    patientId,
    profession,
    month,
    previous: previous.length ? reportAnswer(previous[previous.length - 1]!) : null,
    reports: current.map(reportAnswer),
    uncoveredVisits: visits.filter(
      (v) => v.kind === 'kyotaku' && v.profession === profession && !covered.has(v.id),
    ),
    recipient: withManager ? { kind: 'care_manager', name: manager } : { kind: 'community_center', name: '' },
    hasCareManager: withManager,
    requiredParts: requiredParts(profession),
  };
}

/** What the printed report is made of: the office, the patient, the author and the visits' dates. */
export async function reportDocument(
  store: Store,
  officeId: string,
  reportId: string,
): Promise<ReportDocumentData> {
  const report = await store.getReport(officeId, reportId);
  if (!report) throw notFound('情報提供書');
  const [office, patient, staff, visitDates] = await Promise.all([
    store.getOffice(officeId),
    store.getPatient(officeId, report.patientId),
    report.staffId ? store.getStaff(officeId, report.staffId) : null,
    visitDatesOf(store, officeId, report),
  ]);
  if (!office) throw notFound('事業所');
  if (!patient) throw notFound('利用者');
  return { office, patient, report, staff, visitDates };
}

/** The reports sent by FAX on the day, grouped by recipient (kind and name) in the order of its name. */
export async function faxCover(
  store: Store,
  officeId: string,
  date: string,
): Promise<{ office: Office; groups: FaxCoverGroup[] }> {
  const office = await store.getOffice(officeId);
  if (!office) throw notFound('事業所');
  const sent = (await store.listReports(officeId, { sentDate: date })).filter((r) => r.method === 'fax');
  const names = new Map<string, string>();
  const dates = new Map<string, string[]>();
  for (const r of sent) {
    if (!names.has(r.patientId))
      names.set(r.patientId, (await store.getPatient(officeId, r.patientId))?.name ?? r.patientId);
    dates.set(r.id, await visitDatesOf(store, officeId, r));
  }
  const groups = new Map<string, FaxCoverGroup>();
  for (const r of sent) {
    const key = `${r.recipient.kind}\u0000${r.recipient.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { recipient: r.recipient, reports: [] }));
    g.reports.push({
      report: r,
      patientName: names.get(r.patientId) ?? r.patientId,
      visitDates: dates.get(r.id) ?? [],
    });
  }
  const out = [...groups.values()].sort((a, b) => a.recipient.name.localeCompare(b.recipient.name, 'ja'));
  for (const g of out) g.reports.sort((a, b) => a.patientName.localeCompare(b.patientName, 'ja'));
  return { office, groups: out };
}
