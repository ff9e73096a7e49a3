// The engine's choices where the rules are open to reading (../shared/spec/discrepancies.md O1–O3, O5).
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

/**
 * O5: of two visits of one patient and profession on one day where only one may be billed (SAME_DAY, a
 * limit, 中6日), the one entered first is billed, in every service: a patient's visits are taken in date
 * order and, on one date, in input order (the store gives them in the order they were entered). The sort
 * is stable, so that visits of one day keep the input order.
 */
export function inDateThenInputOrder<T extends { day: number }>(visits: T[]): T[] {
  return visits.sort((a, b) => a.day - b.day);
}

/** O5: what the trace adds to a refusal when visits of the same day entered before it were billed. */
export function firstEnteredNote(billedBefore: readonly string[]): string {
  return `同じ日の訪問は入力順に算定します（先に入力された${billedBefore.join('、')}を算定: O5）`;
}
