// The facts of a patient valid on a day or in a month (the dated histories of the store).
import type { CertificationPeriod, Patient, ResidencePeriod } from '../../src/contract/types.js';
import { addDays, daysIn } from './format.js';

interface Period {
  from: string;
  to?: string;
}

function overlaps(p: Period, from: string, to: string): boolean {
  return p.from <= to && (p.to === undefined || p.to >= from);
}

export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${String(daysIn(month)).padStart(2, '0')}` };
}

/** The latest period that touches the month (the one a close of that month uses last). */
function latestIn<T extends Period>(periods: readonly T[], month: string): T | undefined {
  const { from, to } = monthRange(month);
  return [...periods].filter((p) => overlaps(p, from, to)).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}

export function certificationIn(p: Patient, month: string): CertificationPeriod | undefined {
  return latestIn(p.certifications, month);
}

export function residenceIn(p: Patient, month: string): ResidencePeriod | undefined {
  return latestIn(p.residences, month);
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
