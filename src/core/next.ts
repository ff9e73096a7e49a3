// "Will this visit be billable, and if not, when is the earliest day it would be?" — asked before a visit
// is saved (web app, `santei next`, POST /visits/check). Pure: it prices candidate months with the engine
// itself, so every rule (中6日, weekly and monthly limits, the dietitian window, …) answers alike.
import { calculateMonth } from './calculate.js';
import { addDays, monthOf } from './dates.js';
import type { ClaimMonthInput, ServiceRecord } from './input.js';
import type { Line, Rejection } from './result.js';
import type { Schedule } from './schedule.js';
import { cite } from './ruleRegistry.js';

export const CANDIDATE_ID = '__candidate__';

export interface VisitCheck {
  date: string;
  billable: boolean;
  /** The lines the visit would take part in (its own line, its additions, the month's % lines). */
  lines: Pick<Line, 'item' | 'name' | 'unitsEach' | 'rule'>[];
  /** Why not (the whole visit), or which addition is refused. */
  rejections: Rejection[];
  /** Records already entered that are billed without this visit and refused with it. */
  displaces: string[];
}

export interface NextAnswer {
  asked: VisitCheck;
  /** The first date from the asked date on which the visit would be billed; absent when none in the horizon. */
  earliestDate?: string;
  /** The check on the earliest date (its column and units), when it differs from the asked date. */
  earliest?: VisitCheck;
  horizonDays: number;
}

type Candidate = Omit<ServiceRecord, 'id'> & { id?: string };

/** The schedule in force for a month, or undefined (the caller's registry lookup). */
export type ScheduleFor = (month: string) => Schedule | undefined;

/**
 * Checks `visit` against the office's records in `input`, on its own date, then day by day up to
 * `horizonDays` later. Earlier and later months are priced under their own schedules.
 */
export function earliestBillableDate(
  input: ClaimMonthInput,
  visit: Candidate,
  scheduleFor: ScheduleFor,
  horizonDays = 62,
): NextAnswer {
  if (!('date' in visit) || typeof visit.date !== 'string') {
    throw new Error('earliestBillableDate needs a visit with a date');
  }
  const askedDate = visit.date;
  const asked = checkOn(input, visit, askedDate, scheduleFor, new Map());
  if (asked.billable) return { asked, earliestDate: askedDate, horizonDays };

  // Billability of a patient's visit does not depend on other patients (they change only the column):
  // search on the patient's own records, then price the found date with the whole office.
  const own: ClaimMonthInput = {
    ...input,
    patients: input.patients.filter((p) => p.id === visit.patientId),
    records: input.records.filter((r) => r.patientId === visit.patientId),
  };
  // The earliest date is one on which the visit is billed without pushing out a visit already entered.
  const baselines = new Map<string, Set<string>>();
  for (let i = 1; i <= horizonDays; i++) {
    const date = addDays(askedDate, i);
    const probe = checkOn(own, visit, date, scheduleFor, baselines);
    if (probe.billable && probe.displaces.length === 0) {
      return {
        asked,
        earliestDate: date,
        earliest: checkOn(input, visit, date, scheduleFor, new Map()),
        horizonDays,
      };
    }
  }
  return { asked, horizonDays };
}

function billedIds(input: ClaimMonthInput, month: string, schedule: Schedule): Set<string> {
  const ids = new Set<string>();
  for (const c of calculateMonth({ ...input, month }, schedule).claims)
    for (const l of c.lines) for (const id of l.recordIds) ids.add(id);
  return ids;
}

function checkOn(
  input: ClaimMonthInput,
  visit: Candidate,
  date: string,
  scheduleFor: ScheduleFor,
  baselines: Map<string, Set<string>>,
): VisitCheck {
  const month = monthOf(date);
  const schedule = scheduleFor(month);
  const candidate = { ...visit, id: CANDIDATE_ID, date } as ServiceRecord;
  if (!schedule) {
    return {
      date,
      billable: false,
      displaces: [],
      lines: [],
      rejections: [
        {
          recordId: CANDIDATE_ID,
          patientId: visit.patientId,
          code: 'NOT_IN_SCHEDULE',
          rule: cite('contract'),
          message: `${month} の算定表がありません。`,
        },
      ],
    };
  }
  const result = calculateMonth(
    { ...input, month, records: [...input.records.filter((r) => r.id !== CANDIDATE_ID), candidate] },
    schedule,
  );
  const lines: VisitCheck['lines'] = [];
  for (const c of result.claims) {
    for (const l of c.lines) {
      // The visit's own line, its additions, and the month's percentage lines it takes part in.
      if (l.recordIds.includes(CANDIDATE_ID))
        lines.push({ item: l.item, name: l.name, unitsEach: l.unitsEach, rule: l.rule });
    }
  }
  const rejections = result.rejections.filter((r) => r.recordId === CANDIDATE_ID);
  const wholeRefusal = rejections.some((r) => r.addition === undefined && r.units === undefined);
  let baseline = baselines.get(month);
  if (!baseline) baselines.set(month, (baseline = billedIds(input, month, schedule)));
  const displaces = result.rejections
    .filter(
      (r) =>
        r.recordId !== CANDIDATE_ID &&
        r.addition === undefined &&
        baseline.has(r.recordId) &&
        r.code !== 'HISTORY',
    )
    .map((r) => r.recordId);
  return { date, billable: !wholeRefusal && lines.length > 0, lines, rejections, displaces };
}
