// The facts of a patient valid on a day or in a month (the dated histories of the store).
import type {
  CarePlanPeriod,
  CertificationPeriod,
  Patient,
  ResidencePeriod,
} from '../../src/contract/types.js';
import { lastDayOfMonth } from '../../src/contract/dates.js';
import { latestInMonth } from '../../src/contract/periods.js';
import { addDays } from './format.js';

export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: lastDayOfMonth(month) };
}

/** The certification in force latest in the month (the one a close of that month uses). */
export function certificationIn(p: Patient, month: string): CertificationPeriod | undefined {
  return latestInMonth(p.certifications, month);
}

/** The residence in force latest in the month (the one a close of that month uses). */
export function residenceIn(p: Patient, month: string): ResidencePeriod | undefined {
  return latestInMonth(p.residences, month);
}

/** Who made the care plan in force latest in the month (the one a close of that month uses). */
export function carePlanIn(p: Patient, month: string): CarePlanPeriod | undefined {
  return latestInMonth(p.carePlans, month);
}

/**
 * A new period starting on `from`: the open period (no end) that started before it ends the day before,
 * as an office records a level change or a move. Periods that already end, or start later, are kept.
 */
export function endOpenBefore<T extends { from: string; to?: string }>(
  periods: readonly T[],
  from: string,
): T[] {
  return periods.map((p) => (p.to === undefined && p.from < from ? { ...p, to: addDays(from, -1) } : p));
}
