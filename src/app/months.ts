// The month of an office: the preview (the engine on the records now, not stored), the close (月締め: the
// engine on the records, then a new immutable claim version), the versions, the reports' audit-risk
// warnings and the patient's statement. The store reads and saves; the engine runs here, outside any
// transaction.
import { addMonths } from '../core/dates.js';
import { calculateMonth } from '../core/calculate.js';
import { reportWarnings as warningsOfReports, type ReportWarning } from '../core/reports.js';
import type { ClaimMonthInput } from '../core/input.js';
import type { Schedule } from '../core/schedule.js';
import { monthSchema } from '../contract/schemas.js';
import type { MonthPreview, Statement } from '../contract/api.js';
import type { ActorId, ClaimVersionSummary, CloseOutcome } from '../contract/types.js';
import { parseOrThrow, type MonthRecords, type NewClaimVersion, type Store } from '../store/index.js';
import { assembleMonthInput, canonicalJson, monthWindow, sha256Hex } from './monthInput.js';
import { nameProblems, preparedOrThrow } from './problems.js';
import { buildStatement } from './statement.js';
import { ENGINE_VERSION } from './version.js';
import { notFound } from './errors.js';
import { prepare } from '../santei.js';

/** The month's records and the engine input made of them (one snapshot), the month checked first. */
export async function monthRecordsAndInput(
  store: Store,
  officeId: string,
  month: string,
  reports: 'records' | 'flag' = 'records',
): Promise<{ records: MonthRecords; input: ClaimMonthInput; names: Map<string, string> }> {
  const m = parseOrThrow(monthSchema, month, '年月');
  const records = await store.monthRecords(officeId, monthWindow(m));
  const input = assembleMonthInput(records, m, reports);
  return { records, input, names: patientNames(records) };
}

export function patientNames(records: Pick<MonthRecords, 'patients'>): Map<string, string> {
  return new Map(records.patients.map((p) => [p.id, p.name]));
}

/** The month priced on its records now: the input, its schedule, and the records it was made of. */
async function pricedNow(
  store: Store,
  officeId: string,
  month: string,
): Promise<{ records: MonthRecords; input: ClaimMonthInput; schedule: Schedule }> {
  const { records, input, names } = await monthRecordsAndInput(store, officeId, month);
  return { records, ...preparedOrThrow(input, names) };
}

/**
 * K24-2a: the month's audit-risk warnings about its reports (src/core/reports.ts): the month's reports
 * against the previous month's, SENT_AFTER_CLOSE against the month's first close.
 */
function warningsOf(records: MonthRecords, month: string): ReportWarning[] {
  const previous = addMonths(month, -1);
  return warningsOfReports(
    records.reports.filter((r) => r.month === month),
    records.reports.filter((r) => r.month === previous),
    records.firstClosedAt,
  );
}

/** The engine on the records now, with the reports' warnings beside the refusals (nothing is stored). */
export async function previewMonth(store: Store, officeId: string, month: string): Promise<MonthPreview> {
  const { records, input, schedule } = await pricedNow(store, officeId, month);
  return { ...calculateMonth(input, schedule), reportWarnings: warningsOf(records, input.month) };
}

/** The month's warnings on the records now. */
export async function reportWarnings(
  store: Store,
  officeId: string,
  month: string,
): Promise<ReportWarning[]> {
  const m = parseOrThrow(monthSchema, month, '年月');
  return warningsOf(await store.monthRecords(officeId, monthWindow(m)), m);
}

/**
 * 月締め: the engine on the month's records; when it can price them, version n+1 of the month is stored
 * with its input digest, schedule, engine version, the reports' warnings as they stand, who and when.
 * When it cannot, the problems (naming the patient and record) and nothing stored.
 */
export async function closeMonth(
  store: Store,
  officeId: string,
  month: string,
  actor: ActorId,
  opts: { idempotency?: NewClaimVersion['idempotency'] } = {},
): Promise<CloseOutcome> {
  const { records, input, names } = await monthRecordsAndInput(store, officeId, month);
  const prepared = prepare(input);
  if (!prepared.ok) return { ok: false, problems: nameProblems(prepared.problems, input, names) };
  const result = calculateMonth(prepared.input, prepared.schedule);
  const inputJson = canonicalJson(input);
  const version = await store.saveClaimVersion(
    officeId,
    {
      month: input.month,
      scheduleId: prepared.schedule.id,
      engineVersion: ENGINE_VERSION,
      inputJson,
      inputDigest: sha256Hex(inputJson),
      input,
      result,
      reportWarnings: warningsOf(records, input.month),
      idempotency: opts.idempotency,
    },
    actor,
  );
  return { ok: true, version };
}

/** The month's versions, newest first. */
export async function claimVersions(
  store: Store,
  officeId: string,
  month: string,
): Promise<ClaimVersionSummary[]> {
  const list = await store.listClaimVersions(officeId, month);
  return [...list].sort((a, b) => b.version - a.version);
}

/**
 * The patient's statement of the month: from version `version`, or from the latest close when none is
 * given, or, when the month was never closed, from the records now (a preview, not billed yet).
 */
export async function statement(
  store: Store,
  officeId: string,
  month: string,
  patientId: string,
  version?: number,
): Promise<Statement> {
  const office = await store.getOffice(officeId);
  const patient = await store.getPatient(officeId, patientId);
  if (!office) throw notFound('事業所');
  if (!patient) throw notFound('利用者');
  const chosen = version ?? (await claimVersions(store, officeId, month))[0]?.version;
  if (chosen !== undefined) {
    const v = await store.getClaimVersion(officeId, month, chosen);
    if (!v) throw notFound(`${month}の第${chosen}版`);
    return buildStatement(office, patient, v.input, v.result, {
      kind: 'claim',
      version: v.version,
      closedAt: v.closedAt,
    });
  }
  const { input, schedule } = await pricedNow(store, officeId, month);
  return buildStatement(office, patient, input, calculateMonth(input, schedule), { kind: 'preview' });
}
