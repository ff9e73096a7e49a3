// The engine's choices where the rules are open to reading (../shared/spec/discrepancies.md O1–O3).
// Each lives here and only here: change the reading in one place.

/**
 * O1: the base of a percentage addition of 居宅療養管理指導 (K24-6d/e/f) is the month's イ〜ホ units
 * without the 100 / 250 / 150 additions (K24-6a/b/c), rounded once per line (M-1).
 * The caller passes the visit units only; this function is where a change of reading would add them.
 */
export function kyotakuPercentBase(visitUnits: number): number {
  return visitUnits;
}

/** O2: 中6日 (K24-5b) — billed days at least `intervalDays` (7) apart by date difference. */
export function pharmacistIntervalOk(lastDay: number, day: number, intervalDays: number): boolean {
  return day - lastDay >= intervalDays;
}

/**
 * O3: online pharmacist visits are not bound by the 中6日 interval and do not restart it for the next
 * in-person visit.
 */
export const onlineVisitRestartsInterval = false;
