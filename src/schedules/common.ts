import type { Region } from '../core/input.js';
import type { Cited, LaborShareGroup } from '../core/schedule.js';
import type { UnitPriceHundredths } from '../core/money.js';

const flat: Record<Region, UnitPriceHundredths> = {
  tokubetsu_ku: 1000,
  tokko: 1000,
  ko: 1000,
  otsu: 1000,
  other: 1000,
};

/** A schedule whose services are all 10.00 円 a unit in every region. */
export function flatUnitPrices(
  source: string,
): Cited<Record<LaborShareGroup, Record<Region, UnitPriceHundredths>>> {
  return { value: { '70': flat, '55': flat, '45': flat, flat }, source };
}
