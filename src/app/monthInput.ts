// From records to the engine's contract input, as of one month: the store reads the month's records
// (monthRecords), the rest is pure (no I/O, no clock).
//
// History by effective dates: a patient's certification and residence are the periods valid in the
// closed month, whatever came later (closing July after an August move still uses July's home).
// Certifications: every period that touches the month (or its history window) goes to the engine,
// which lets the period covering a visit's date decide it (K24-1a). Residence: when several periods
// overlap the month (a move within the month), the one in force latest in the month is used — the
// engine takes one residence per month.
import { createHash } from 'node:crypto';
import { addMonths, lastDayOfMonth, monthOf } from '../core/dates.js';
import type { ClaimMonthInput, KohiEntry, Patient as EnginePatient, ServiceRecord } from '../core/input.js';
import { reportStatus, type CareReport } from '../core/reports.js';
import { latestInMonth, overlaps } from '../contract/periods.js';
import { billsOnReports } from '../contract/reportsRequired.js';
import type {
  Building,
  CareReportRecord,
  CertificationPeriod,
  Office,
  Patient,
  ResidencePeriod,
  Visit,
} from '../contract/types.js';
import { parseOrThrow, type MonthRecords, type Store } from '../store/index.js';
import { monthSchema } from '../contract/schemas.js';

/** Months of history given to the engine before the closed month (intervals, weekly limits). */
export const HISTORY_MONTHS = 2;

export function historyStart(month: string): string {
  return addMonths(month, -HISTORY_MONTHS);
}

/**
 * The certification periods for the month (K24-1a): `care` is the period in force latest in the month;
 * the other periods that touch the month or its history window go to `certifications`, so that the
 * period covering each visit's date decides it (a level change or renewal within the month).
 */
export function certificationsFor(
  certs: readonly CertificationPeriod[],
  month: string,
): Pick<EnginePatient, 'care' | 'certifications'> {
  const last = lastDayOfMonth(month);
  const inWindow = certs
    .filter((c) => overlaps(c, `${historyStart(month)}-01`, last))
    .sort((a, b) => cmp(a.from, b.from));
  if (inWindow.length === 0) return {};
  const main = latestInMonth(inWindow, month) ?? inWindow[inWindow.length - 1]!;
  const period = (c: CertificationPeriod): NonNullable<EnginePatient['care']> =>
    c.to === undefined
      ? { level: c.level, copay: c.copay, from: c.from }
      : { level: c.level, copay: c.copay, from: c.from, to: c.to };
  const others = inWindow.filter((c) => c !== main).map(period);
  return others.length ? { care: period(main), certifications: others } : { care: period(main) };
}

export function residenceFor(
  residences: readonly ResidencePeriod[],
  buildings: ReadonlyMap<string, Building>,
  month: string,
): EnginePatient['residence'] {
  const r = latestInMonth(residences, month);
  if (!r) return undefined;
  const out: NonNullable<EnginePatient['residence']> = { kind: r.kind };
  if (r.buildingId !== undefined) {
    out.buildingId = r.buildingId;
    const b = buildings.get(r.buildingId);
    if (b?.dwellings !== undefined) out.dwellings = b.dwellings;
  }
  if (r.householdId !== undefined) out.householdId = r.householdId;
  if (r.unitId !== undefined) out.unitId = r.unitId;
  return out;
}

const copied = [
  'homebound',
  'conditions',
  'homeMedicalManagement',
  'chusankanResident',
  'otherOfficeBills',
  'dischargeDate',
  'lastExamDate',
  'acuteExamDate',
  'previousAcuteExamDate',
  'otherInstitutionC006',
  'rokenDayRehab',
  'contractDate',
  'carePlanStartDate',
  'receivesVisitingMedicalOrNursing',
] as const;

/**
 * What the claim file needs of the patient (claim-file.md "Input the file needs"), as of the month: the
 * 被保険者証's numbers (both, or none), 生年月日, 性別 and who made the care plan in force latest in the
 * month. A fact not entered is left out, never guessed: the file names the patient who lacks it.
 */
export function claimFacts(
  p: Pick<Patient, 'insurerNumber' | 'insuredNumber' | 'birthDate' | 'sex' | 'carePlans'>,
  month: string,
): Pick<EnginePatient, 'insured' | 'birthDate' | 'sex' | 'carePlan'> {
  const out: Pick<EnginePatient, 'insured' | 'birthDate' | 'sex' | 'carePlan'> = {};
  if (p.insurerNumber !== undefined && p.insuredNumber !== undefined)
    out.insured = { insurerNumber: p.insurerNumber, number: p.insuredNumber };
  if (p.birthDate !== undefined) out.birthDate = p.birthDate;
  if (p.sex !== undefined) out.sex = p.sex;
  const plan = latestInMonth(p.carePlans, month);
  if (plan)
    out.carePlan =
      plan.maker === 'office' ? { maker: 'office', officeNumber: plan.officeNumber } : { maker: 'self' };
  return out;
}

/** One stored patient → the engine's patient for the month. */
export function enginePatient(
  p: Patient,
  buildings: ReadonlyMap<string, Building>,
  month: string,
): EnginePatient {
  const out: EnginePatient = { id: p.id };
  Object.assign(out, certificationsFor(p.certifications, month));
  if (p.medicalCopay !== undefined) out.medical = { copay: p.medicalCopay };
  const residence = residenceFor(p.residences, buildings, month);
  if (residence) out.residence = residence;
  // Stays that touch the month or its history window (they decide DURING_STAY of the month's visits).
  const stays = p.stays.filter((s) => overlaps(s, `${historyStart(month)}-01`, lastDayOfMonth(month)));
  if (stays.length) out.stays = stays.map((s) => ({ kind: s.kind, from: s.from, to: s.to }));
  for (const k of copied) {
    const v = p[k];
    if (v !== undefined) (out as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  }
  return Object.assign(out, claimFacts(p, month));
}

export function engineOffice(o: Office): ClaimMonthInput['office'] {
  const out: ClaimMonthInput['office'] = { id: o.number, kind: o.kind };
  if (o.region !== undefined) out.region = o.region;
  if (o.specialArea !== undefined) out.specialArea = o.specialArea;
  if (o.chusankanSmallOffice !== undefined) out.chusankanSmallOffice = o.chusankanSmallOffice;
  if (o.careManagerFte !== undefined) out.careManagerFte = o.careManagerFte;
  if (o.specificOffice !== undefined) out.specificOffice = o.specificOffice;
  return out;
}

/**
 * One stored visit → the engine's record. With `staffNames` (staff id → name, from the staff records), a
 * kyotaku visit with a staffId carries its staff member's name, which the engine's messages use instead of
 * the id (K24-2c: who bills the month and whose visit is refused).
 */
export function engineRecord(v: Visit, staffNames?: ReadonlyMap<string, string>): ServiceRecord {
  const { officeId: _o, createdAt: _c, updatedAt: _u, ...record } = v;
  if (record.kind === 'kyotaku' && record.staffId !== undefined) {
    const name = staffNames?.get(record.staffId);
    if (name !== undefined) return { ...record, staffName: name };
  }
  return record as ServiceRecord;
}

/** Seed 002: a patient without a care manager (セルフプラン) reports to 地域包括支援センター or the municipality. */
export function hasCareManager(p: Pick<Patient, 'careManagerName' | 'careManagerOffice'>): boolean {
  return Boolean(p.careManagerName?.trim() || p.careManagerOffice?.trim());
}

/** The report records of the month and its history window, and the first month they decide. */
export interface MonthReports {
  /** The office's `reportsRequiredFrom`: kyotaku visits of this month and later are judged by the reports. */
  from: string;
  reports: readonly CareReport[];
}

/**
 * K24-2a: a kyotaku visit of a month from `from` on is `reported` only when a report covering it passes
 * reportStatus (every required part, a valid recipient, sent on or after the visit and within its month);
 * otherwise `reportIssue` names what is missing, for the engine's NO_CARE_MANAGER_REPORT refusal. Visits
 * of earlier months keep their own flag (entered before report records existed).
 */
export function withReportStatus(
  records: readonly ServiceRecord[],
  patients: ReadonlyMap<string, Pick<Patient, 'careManagerName' | 'careManagerOffice'>>,
  reports: MonthReports,
): ServiceRecord[] {
  const covering = new Map<string, CareReport[]>();
  for (const r of reports.reports) {
    for (const id of r.visitIds) {
      const list = covering.get(id);
      if (list) list.push(r);
      else covering.set(id, [r]);
    }
  }
  return records.map((rec) => {
    if (rec.kind !== 'kyotaku' || !billsOnReports({ reportsRequiredFrom: reports.from }, monthOf(rec.date)))
      return rec;
    const p = patients.get(rec.patientId);
    const status = reportStatus(rec, covering.get(rec.id) ?? [], p ? hasCareManager(p) : false);
    const { reportIssue: _stale, ...rest } = rec;
    if (status.reported) return { ...rest, reported: true };
    return status.issue
      ? { ...rest, reported: false, reportIssue: status.issue }
      : { ...rest, reported: false };
  });
}

/**
 * K24-2a set aside: the input with every kyotaku visit of a month billed on the reports taken as reported,
 * so that the engine says what else it would decide of it (a monthly limit, an interval, a second
 * practitioner) — the reading of the month's verdicts beside their report states, never a close.
 */
export function asIfReported(
  input: ClaimMonthInput,
  office: Pick<Office, 'reportsRequiredFrom'>,
): ClaimMonthInput {
  return {
    ...input,
    records: input.records.map((rec) => {
      if (rec.kind !== 'kyotaku' || !billsOnReports(office, monthOf(rec.date))) return rec;
      const { reportIssue: _issue, ...rest } = rec;
      return { ...rest, reported: true };
    }),
  };
}

/**
 * The contract input of `month` from its records (read by the store for the month and its history
 * window): the patients that have a record in the window, as of the month, and those records, ordered
 * by date (or month), entry, id (the month's are billed, the earlier ones are history). Every kyotaku
 * visit with a staffId gets its staff member's name (`staffName`, for the K24-2c messages).
 * `reports: 'records'` (the close, the preview): from the office's reportsRequiredFrom month on, a kyotaku
 * visit's `reported` comes from the report records (withReportStatus, K24-2a); `'flag'` keeps the visits'
 * own flags (planning a visit before its report can exist).
 */
export function assembleMonthInput(
  records: MonthRecords,
  month: string,
  reports: 'records' | 'flag' = 'records',
): ClaimMonthInput {
  const { office, patients, buildings, visits, staff } = records;
  const byBuilding = new Map(buildings.map((b) => [b.id, b]));
  const withRecords = new Set(visits.map((v) => v.patientId));
  const chosen = patients.filter((p) => withRecords.has(p.id)).sort((a, b) => cmp(a.id, b.id));
  const sorted = [...visits].sort(
    (a, b) => cmp(visitDay(a), visitDay(b)) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id),
  );
  const staffNames = new Map(staff.map((x) => [x.id, x.name]));
  const engineRecords = sorted.map((v) => engineRecord(v, staffNames));
  const judged = reports === 'records' ? reportsDeciding(office, month, records.reports) : undefined;
  const kohi = kohiByPatient(records, month);
  return {
    month,
    office: engineOffice(office),
    patients: chosen.map((p) => {
      const out = enginePatient(p, byBuilding, month);
      const entries = kohi.get(p.id);
      if (entries) out.kohi = entries;
      return out;
    }),
    records: judged
      ? withReportStatus(engineRecords, new Map(chosen.map((p) => [p.id, p])), judged)
      : engineRecords,
  };
}

/**
 * KOHI-1 … KOHI-10: each patient's 公費 entries in force in the month, as the engine reads them; a 難病
 * entry carries what the month's row says the patient paid at other 指定医療機関 (KOHI-5). The engine
 * checks them (numbers, overlaps, the amounts each 法別 needs) and names the patient.
 */
function kohiByPatient(records: MonthRecords, month: string): Map<string, KohiEntry[]> {
  const out = new Map<string, KohiEntry[]>();
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  const paid = new Map<string, number>();
  for (const m of records.kohiMonths ?? []) {
    if (m.month === month) paid.set(`${m.patientId} ${m.law}`, m.paidElsewhereYen);
  }
  for (const k of records.kohi ?? []) {
    if (k.from > last || (k.to !== undefined && k.to < first)) continue;
    const e: KohiEntry = {
      law: k.law,
      payerNumber: k.payerNumber,
      recipientNumber: k.recipientNumber,
      from: k.from,
    };
    if (k.to !== undefined) e.to = k.to;
    if (k.selfPayYen !== undefined) e.selfPayYen = k.selfPayYen;
    if (k.monthlyCapYen !== undefined) e.monthlyCapYen = k.monthlyCapYen;
    const elsewhere = paid.get(`${k.patientId} ${k.law}`);
    if (elsewhere !== undefined) e.paidElsewhereYen = elsewhere;
    const list = out.get(k.patientId);
    if (list) list.push(e);
    else out.set(k.patientId, [e]);
  }
  return out;
}

/** K24-2a: the reports deciding the month's kyotaku visits, when the office bills the month on them. */
function reportsDeciding(
  office: Office,
  month: string,
  reports: readonly CareReportRecord[],
): MonthReports | undefined {
  if (!billsOnReports(office, month)) return undefined;
  const from = office.reportsRequiredFrom;
  return { from, reports: reports.filter((r) => r.month >= from) };
}

/** The months whose records make a month's input: the month and its history window. */
export function monthWindow(month: string): { from: string; to: string } {
  return { from: historyStart(month), to: month };
}

/**
 * The engine input of an office's month, from the records now (one snapshot). The month is checked
 * first (StoreError 'invalid', naming 年月); an unknown office is 'not_found'.
 */
export async function monthInput(
  store: Store,
  officeId: string,
  month: string,
  reports: 'records' | 'flag' = 'records',
): Promise<ClaimMonthInput> {
  const m = parseOrThrow(monthSchema, month, '年月');
  return assembleMonthInput(await store.monthRecords(officeId, monthWindow(m)), m, reports);
}

function visitDay(v: Visit): string {
  return 'date' in v ? v.date : `${v.month ?? ''}-00`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
