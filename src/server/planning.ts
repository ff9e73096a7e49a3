// Answers for planning visits, computed by the engine itself so that they agree with the claim:
// - a building's 単一建物居住者 count and column this month per profession (K24-4), and what one more
//   patient would change, with the monthly yen effect;
// - whether a visit would be billed, and the earliest billable date (core/next.ts).
import { calculateMonth } from '../core/calculate.js';
import { addDays, addMonths, dayNumber, lastDayOfMonth, monthOf } from '../core/dates.js';
import type { ClaimMonthInput, Patient, Profession, ServiceRecord } from '../core/input.js';
import type { ClaimMonthResult } from '../core/result.js';
import type { Schedule } from '../core/schedule.js';
import { earliestBillableDate, type NextAnswer } from '../core/next.js';
import { scheduleForMonth } from '../schedules/index.js';
import type { VisitInput } from '../contract/types.js';
import { columnJa, type Column } from '../core/labels.js';

export { columnJa, type Column };

const columns: readonly string[] = ['single', 'few', 'many', 'home', 'residential'];

/** The column of a 居宅療養管理指導 line (its item id ends in the column), or undefined for other lines. */
export function columnOfItem(item: string): Column | undefined {
  if (!item.startsWith('kyotaku.')) return undefined;
  const last = item.slice(item.lastIndexOf('.') + 1);
  return columns.includes(last) ? (last as Column) : undefined;
}

export interface ProfessionCount {
  profession: Profession;
  /** Patients of this building billed by the profession this month (K24-4a), the count the engine used. */
  patients: number;
  patientIds: string[];
  /** The column most of them are billed in, and each patient's (K24-4c/d can differ per patient). */
  column: Column | null;
  columnName: string | null;
  columnsByPatient: Record<string, Column>;
  /** Yen of this profession's lines for the building's patients this month. */
  yen: number;
  oneMore: {
    patients: number;
    column: Column | null;
    columnName: string | null;
    /** Change of the yen of the patients already billed (a column change moves all of them, K24-4a). */
    existingYenChange: number;
    /** Yen the new patient's one visit would bring. */
    newPatientYen: number;
    /** The month's total change for the office. */
    totalYenChange: number;
  };
}

export interface BuildingCounts {
  buildingId: string;
  /** Set by the route (GET …/buildings/:buildingId/counts). */
  buildingName?: string;
  month: string;
  schedule: string;
  professions: ProfessionCount[];
}

const HYPOTHETICAL = '__one_more__';

function yenOfLines(
  result: ClaimMonthResult,
  ids: Set<string>,
  records: Map<string, ServiceRecord>,
  prof: Profession,
): number {
  // The yen of the claims (M-2 … M-4) that hold this profession's visits for these patients: a claim is
  // per patient and service type, and one patient has one practitioner per profession (K24-2c).
  let yen = 0;
  for (const c of result.claims) {
    if (!ids.has(c.patientId)) continue;
    const ofProf = c.lines.some((l) =>
      l.recordIds.some((r) => {
        const rec = records.get(r);
        return rec?.kind === 'kyotaku' && rec.profession === prof;
      }),
    );
    if (ofProf) yen += c.yen;
  }
  return yen;
}

interface Counted {
  patientIds: string[];
  columnsByPatient: Record<string, Column>;
}

function countIn(
  result: ClaimMonthResult,
  inBuilding: Set<string>,
  records: Map<string, ServiceRecord>,
  prof: Profession,
): Counted {
  const columnsByPatient: Record<string, Column> = {};
  for (const c of result.claims) {
    if (!inBuilding.has(c.patientId)) continue;
    for (const l of c.lines) {
      const col = columnOfItem(l.item);
      if (!col) continue;
      const rec = records.get(l.recordIds[0] ?? '');
      if (rec?.kind !== 'kyotaku' || rec.profession !== prof || rec.online) continue; // K24-4g: online not counted
      columnsByPatient[c.patientId] = col;
    }
  }
  return { patientIds: Object.keys(columnsByPatient).sort(), columnsByPatient };
}

function mostCommon(cols: Column[]): Column | null {
  const n = new Map<Column, number>();
  for (const c of cols) n.set(c, (n.get(c) ?? 0) + 1);
  let best: Column | null = null;
  let bestN = 0;
  for (const [c, k] of n) if (k > bestN) [best, bestN] = [c, k];
  return best;
}

/**
 * K24-4: the building's count and column per profession this month, and the effect of one more patient
 * of the building seen once by that profession on the month's last day.
 */
export function buildingCounts(
  input: ClaimMonthInput,
  schedule: Schedule,
  buildingId: string,
  professions: readonly Profession[],
): BuildingCounts {
  const records = new Map(input.records.map((r) => [r.id, r]));
  const before = calculateMonth(input, schedule);
  const inBuilding = new Set(
    input.patients.filter((p) => p.residence?.buildingId === buildingId).map((p) => p.id),
  );
  const template = input.patients.find(
    (p) => p.id !== HYPOTHETICAL && p.residence?.buildingId === buildingId,
  );
  const out: ProfessionCount[] = [];
  for (const prof of professions) {
    const now = countIn(before, inBuilding, records, prof);
    const column = mostCommon(Object.values(now.columnsByPatient));
    const newPatient: Patient = {
      id: HYPOTHETICAL,
      care: { level: 'care1', copay: 1 },
      residence: {
        kind: template?.residence?.kind ?? 'sakoju',
        buildingId,
        ...(template?.residence?.dwellings !== undefined ? { dwellings: template.residence.dwellings } : {}),
      },
    };
    const visit: ServiceRecord = {
      kind: 'kyotaku',
      id: HYPOTHETICAL,
      patientId: HYPOTHETICAL,
      date: lastDayOfMonth(input.month),
      profession: prof,
      reported: true,
    };
    const withOne: ClaimMonthInput = {
      ...input,
      patients: [...input.patients, newPatient],
      records: [...input.records, visit],
    };
    const after = calculateMonth(withOne, schedule);
    const recordsAfter = new Map(records).set(HYPOTHETICAL, visit);
    const inBuildingAfter = new Set(inBuilding).add(HYPOTHETICAL);
    const then = countIn(after, inBuildingAfter, recordsAfter, prof);
    const existing = new Set(now.patientIds);
    const existingBefore = yenOfLines(before, existing, records, prof);
    const existingAfter = yenOfLines(after, existing, recordsAfter, prof);
    const newPatientYen = yenOfLines(after, new Set([HYPOTHETICAL]), recordsAfter, prof);
    const columnAfter = then.columnsByPatient[HYPOTHETICAL] ?? null;
    out.push({
      profession: prof,
      patients: now.patientIds.length,
      patientIds: now.patientIds,
      column,
      columnName: column ? columnJa[column] : null,
      columnsByPatient: now.columnsByPatient,
      yen: existingBefore,
      oneMore: {
        patients: then.patientIds.length,
        column: columnAfter,
        columnName: columnAfter ? columnJa[columnAfter] : null,
        existingYenChange: existingAfter - existingBefore,
        newPatientYen,
        totalYenChange: after.totals.yen - before.totals.yen,
      },
    });
  }
  return { buildingId, month: input.month, schedule: schedule.id, professions: out };
}

/** The schedule in force for a month (the registry's choice), or undefined. */
export function scheduleFor(month: string): Schedule | undefined {
  const c = scheduleForMonth(month);
  return c.ok ? c.schedule : undefined;
}

export interface VisitCheckAnswer extends NextAnswer {
  billable: boolean;
  column: Column | null;
  columnName: string | null;
  /**
   * K24-2a: present when the office bills the visit's month on the report records and no complete, sent
   * report covers the visit yet: the answer was planned with the visit as reported, so `billable` means
   * "billable once its report is sent".
   */
  reportPending?: { rule: 'K24-2a'; message: string };
}

/**
 * K24-2a: whether a kyotaku visit of `date` is billed on the report records (the office's `reportsRequiredFrom`
 * month or later) rather than on its own `reported` flag.
 */
export function billedOnReports(
  reportsRequiredFrom: string,
  visit: { kind: string; date?: string },
): boolean {
  return visit.kind === 'kyotaku' && visit.date !== undefined && monthOf(visit.date) >= reportsRequiredFrom;
}

/** K24-2a: what the visit check says of a visit billed on the reports that no complete, sent report covers yet. */
export function reportPending(date: string): NonNullable<VisitCheckAnswer['reportPending']> {
  return {
    rule: 'K24-2a',
    message: `この訪問を含む情報提供書（ケアマネジャーへの情報提供）を${date}から${lastDayOfMonth(monthOf(date))}までに送付すると算定できます（送付済みの情報提供書はまだありません）。`,
  };
}

/** Would this visit be billed; if not, the earliest date it would be (core/next.ts). */
export function checkVisit(
  input: ClaimMonthInput,
  visit: VisitInput,
  horizonDays = HORIZON_DAYS,
): VisitCheckAnswer {
  const answer = earliestBillableDate(input, visit as ServiceRecord, scheduleFor, horizonDays);
  let column: Column | null = null;
  for (const l of answer.asked.lines) column = columnOfItem(l.item) ?? column;
  return { ...answer, billable: answer.asked.billable, column, columnName: column ? columnJa[column] : null };
}

export const HORIZON_DAYS = 62;

/**
 * checkVisit with each month's own facts: a later month may have another certification or residence
 * (a certification starting next month makes the visit billable from then). The search in the asked
 * month's input is trusted only within that month; each later month in the horizon is searched with its
 * own input from its first day.
 */
export async function checkVisitAcrossMonths(
  inputFor: (month: string) => Promise<ClaimMonthInput>,
  visit: VisitInput & { date: string },
  horizonDays = HORIZON_DAYS,
): Promise<VisitCheckAnswer> {
  const month = monthOf(visit.date);
  const first = checkVisit(await inputFor(month), visit, horizonDays);
  if (first.billable || (first.earliestDate !== undefined && monthOf(first.earliestDate) === month))
    return first;
  const last = addDays(visit.date, horizonDays);
  for (let m = addMonths(month, 1); `${m}-01` <= last; m = addMonths(m, 1)) {
    const start = `${m}-01`;
    const remaining = dayNumber(last) - dayNumber(start);
    const a = checkVisit(await inputFor(m), { ...visit, date: start } as VisitInput, remaining);
    if (a.earliestDate !== undefined && monthOf(a.earliestDate) === m) {
      const { earliestDate: _e, earliest: _x, ...asked } = first;
      return { ...asked, earliestDate: a.earliestDate, earliest: a.earliest ?? a.asked, horizonDays };
    }
  }
  const { earliestDate: _e, earliest: _x, ...none } = first;
  return none;
}
