// The dated histories of a patient (certifications, residences, stays): which period is in force on a day
// or in a month. One home for the store's month input, the printed documents and the web app.
import { lastDayOfMonth } from '../core/dates.js';

/** A dated period, both ends inclusive; open-ended when `to` is absent. */
export interface Period {
  from: string;
  to?: string | undefined;
}

/** Whether the period touches [first, last] (ISO dates). */
export function overlaps(p: Period, first: string, last: string): boolean {
  return p.from <= last && (p.to === undefined || p.to >= first);
}

/** The period covering the day, if any. */
export function periodOn<T extends Period>(periods: readonly T[], date: string): T | undefined {
  return periods.find((p) => overlaps(p, date, date));
}

/** The period in force latest in [first, last]: of those touching it, the one that starts last. */
export function latestIn<T extends Period>(
  periods: readonly T[],
  first: string,
  last: string,
): T | undefined {
  let best: T | undefined;
  for (const p of periods) {
    if (overlaps(p, first, last) && (!best || p.from > best.from)) best = p;
  }
  return best;
}

/** The period in force latest in the month ("YYYY-MM"): the one a close of the month uses. */
export function latestInMonth<T extends Period>(periods: readonly T[], month: string): T | undefined {
  return latestIn(periods, `${month}-01`, lastDayOfMonth(month));
}
