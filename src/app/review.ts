// The month's verdicts, separated (GET …/months/:month/review): each visit as the engine bills it with the
// report requirement set aside (one engine run of the month, asIfReported), and beside it where its report
// to the care manager stands (K24-2a, from the report records: 未作成 / 下書き / 送付済み and the deadline).
// A refusal that a missing report would hide (the 5th visit of a month, K24-5a; a second practitioner,
// K24-2c) shows before the report is sent, and a visit checked billable before it was saved stays so after.
// The same verdicts grouped by what the clerk must do before the close: send a report, move a visit, fix a
// record; and the patient data the claim file will need (src/app/claimFile.ts) in the same reading.
import { calculateMonth } from '../core/calculate.js';
import { lastDayOfMonth, monthOf } from '../core/dates.js';
import type { ClaimMonthInput, Profession } from '../core/input.js';
import { columnJa, type Column } from '../core/labels.js';
import { reportStatus } from '../core/reports.js';
import type { ClaimMonthResult, RejectionCode } from '../core/result.js';
import { columnOfItem } from '../core/rules/kyotaku.js';
import { actionOf } from '../contract/actions.js';
import type { MonthReview, ReportTask, VisitReportState, VisitTask, VisitVerdict } from '../contract/api.js';
import { byPatientKana } from '../contract/order.js';
import { billsOnReports } from '../contract/reportsRequired.js';
import type { CareReportRecord, Patient, Visit } from '../contract/types.js';
import type { MonthRecords, Store } from '../store/index.js';
import { asIfReported, hasCareManager } from './monthInput.js';
import { claimVersions, monthRecordsAndInput } from './months.js';
import { nameClaimFileProblems, preparedOrThrow } from './problems.js';
import { claimDocumentFor } from './claimFile.js';

/** The engine's verdict on one record of a priced month: its own lines, column and units, its refusals. */
export function verdictIn(
  result: ClaimMonthResult,
  recordId: string,
): Pick<VisitVerdict, 'status' | 'column' | 'columnName' | 'lines' | 'units' | 'rejections'> {
  const lines: VisitVerdict['lines'] = [];
  let column: Column | null = null;
  for (const c of result.claims)
    for (const l of c.lines)
      if (l.recordIds.includes(recordId)) {
        lines.push({ item: l.item, name: l.name, unitsEach: l.unitsEach, rule: l.rule });
        column = columnOfItem(l.item) ?? column;
      }
  const rejections = result.rejections.filter((r) => r.recordId === recordId && r.code !== 'HISTORY');
  const status = lines.length === 0 ? 'refused' : rejections.length > 0 ? 'partial' : 'billed';
  return {
    status,
    column,
    columnName: column ? columnJa[column] : null,
    lines,
    units: lines.reduce((n, l) => n + l.unitsEach, 0),
    rejections,
  };
}

/** K24-2a: where the visit stands with its report (the best report covering it, by reportStatus). */
export function reportStateOf(
  visit: { id: string; date: string },
  reports: readonly CareReportRecord[],
  patient: Pick<Patient, 'careManagerName' | 'careManagerOffice'> | undefined,
): VisitReportState {
  const deadline = lastDayOfMonth(monthOf(visit.date));
  const covering = reports.filter((r) => r.visitIds.includes(visit.id));
  const status = reportStatus(visit, covering, patient ? hasCareManager(patient) : false);
  if (status.reported)
    return { state: 'sent', deadline, ...(status.reportId ? { reportId: status.reportId } : {}) };
  const first = covering.find((r) => r.sentDate) ?? covering[0];
  const state: VisitReportState['state'] =
    covering.length === 0 ? 'none' : covering.some((r) => r.sentDate) ? 'problem' : 'draft';
  return {
    state,
    deadline,
    ...(first ? { reportId: first.id } : {}),
    ...(status.issue ? { issue: status.issue } : {}),
  };
}

const stateOrder: Record<ReportTask['state'], number> = { none: 0, draft: 1, problem: 2 };

/** The verdicts of the month's visits on an input whose report requirement is set aside. */
export function reviewOf(
  records: MonthRecords,
  input: ClaimMonthInput,
  result: ClaimMonthResult,
): Pick<MonthReview, 'visits' | 'tasks' | 'refusalsByCode' | 'onReports'> {
  const month = input.month;
  const patients = new Map(records.patients.map((p) => [p.id, p]));
  const order = byPatientKana(records.patients);
  const ofMonth = records.visits.filter((v) => visitMonth(v) === month);
  const onReports = billsOnReports(records.office, month);
  const visits: VisitVerdict[] = ofMonth.map((v) => {
    const date = 'date' in v ? v.date : undefined;
    const report =
      v.kind === 'kyotaku' && billsOnReports(records.office, monthOf(v.date))
        ? reportStateOf(v, records.reports, patients.get(v.patientId))
        : null;
    return {
      visitId: v.id,
      patientId: v.patientId,
      ...(date ? { date } : {}),
      ...verdictIn(result, v.id),
      report,
    };
  });
  visits.sort(
    (a, b) => order(a.patientId, b.patientId) || cmp(a.date ?? '', b.date ?? '') || cmp(a.visitId, b.visitId),
  );

  const report = new Map<string, ReportTask>();
  const move: VisitTask[] = [];
  const fix: VisitTask[] = [];
  const profession = new Map(ofMonth.map((v) => [v.id, v.kind === 'kyotaku' ? v.profession : undefined]));
  const byCode = new Map<RejectionCode, number>();
  for (const v of visits) {
    for (const r of v.rejections) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    const task: VisitTask = {
      visitId: v.visitId,
      patientId: v.patientId,
      ...(v.date ? { date: v.date } : {}),
      rejections: v.rejections,
    };
    const actions = new Set(v.rejections.map((r) => actionOf(r.code)));
    if (actions.has('move')) move.push(task);
    else if (actions.has('fix') || actions.has('report')) fix.push(task); // a report tick left unticked is the record's
    // K24-2a: a visit the engine would bill once reported, whose report is not sent yet.
    const prof = profession.get(v.visitId);
    if (v.report && v.report.state !== 'sent' && v.status !== 'refused' && prof) {
      const key = `${v.patientId}\u0000${prof}`;
      const t = report.get(key);
      if (!t) {
        report.set(key, {
          patientId: v.patientId,
          profession: prof as Profession,
          visitIds: [v.visitId],
          state: v.report.state,
          deadline: v.report.deadline,
          ...(v.report.reportId ? { reportId: v.report.reportId } : {}),
          ...(v.report.issue ? { issue: v.report.issue } : {}),
        });
      } else {
        t.visitIds.push(v.visitId);
        if (stateOrder[v.report.state] < stateOrder[t.state]) t.state = v.report.state;
        t.reportId ??= v.report.reportId;
        t.issue ??= v.report.issue;
      }
    }
  }
  return {
    onReports,
    visits,
    tasks: { report: [...report.values()], move, fix },
    refusalsByCode: [...byCode]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || cmp(a.code, b.code)),
  };
}

/** GET …/months/:month/review: the month's verdicts and what to do before the close (nothing is stored). */
export async function monthReview(store: Store, officeId: string, month: string): Promise<MonthReview> {
  const { records, input, names } = await monthRecordsAndInput(store, officeId, month);
  const prepared = preparedOrThrow(asIfReported(input, records.office), names);
  const result = calculateMonth(prepared.input, prepared.schedule);
  const closed = (await claimVersions(store, officeId, input.month))[0] ?? null;
  // The claim file's facts of every patient the month will bill once the reports are sent (the same reading):
  // a missing 被保険者番号, 生年月日, 性別 or care-plan maker is named before the close, not after it.
  const doc = claimDocumentFor({ input: prepared.input, result, schedule: prepared.schedule });
  return {
    month: input.month,
    ...reviewOf(records, input, result),
    claimFileProblems: doc.ok ? [] : nameClaimFileProblems(doc.problems, prepared.input, names),
    closed,
  };
}

function visitMonth(v: Visit): string {
  return 'date' in v ? monthOf(v.date) : (v.month ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
