// Money: every amount is an integer (units, points, yen); unit prices are integer hundredths of a yen
// (11.05 円 → 1105). Each rounding step is a named function citing the rule that defines it
// (../shared/spec/money.md).
import type { CopayRate } from './input.js';

/** Yen per unit in hundredths of a yen: 1000 = 10.00 円. */
export type UnitPriceHundredths = number;

export interface Split {
  yen: number;
  insurer: number;
  copay: number;
}

/** M-1: a percentage addition on its base units, rounded half up (四捨五入) to a whole unit. */
export function percentAdditionUnits(baseUnits: number, percent: number): number {
  // Integer arithmetic: base × percent / 100, half up. Percent is a whole number (15, 10, 5, 20).
  return Math.floor((baseUnits * percent * 2 + 100) / 200);
}

/** M-3: 費用総額 = 合計単位数 × 単位数単価, truncated to whole yen (1円未満切り捨て). */
export function careTotalYen(units: number, unitPrice: UnitPriceHundredths): number {
  return Math.floor((units * unitPrice) / 100);
}

/** M-4: 給付率 — 90 % for a 1割 patient, 80 % for 2割, 70 % for 3割 — in tenths. */
export function benefitRateTenths(copay: CopayRate): number {
  return 10 - copay;
}

/** M-4 / M-5: 保険請求額 = 費用総額 × 給付率 truncated; 利用者負担額 = 費用総額 − 保険請求額. */
export function careSplit(units: number, unitPrice: UnitPriceHundredths, copay: CopayRate): Split {
  const yen = careTotalYen(units, unitPrice);
  const insurer = Math.floor((yen * benefitRateTenths(copay)) / 10);
  return { yen, insurer, copay: yen - insurer };
}

/** M-6: 居宅介護支援 and 介護予防支援 are paid in full by the insurer (給付率 100 %, no copay). */
export function careSplitNoCopay(units: number, unitPrice: UnitPriceHundredths): Split {
  const yen = careTotalYen(units, unitPrice);
  return { yen, insurer: yen, copay: 0 };
}

/** M-10: one point is 10 yen. */
export const YEN_PER_POINT = 10;

/** M-11: 10円未満四捨五入 — to the nearest 10 yen, 5 yen and up goes up. */
export function roundToTenYen(yen: number): number {
  return Math.floor((yen + 5) / 10) * 10;
}

/**
 * M-10 … M-12: 総点数 × 10 = yen; 一部負担金 = yen × 負担割合, rounded to 10 yen on the month's total
 * (M-11); 保険者負担 = yen − 一部負担金 (M-12).
 */
export function medicalSplit(points: number, copay: CopayRate): Split {
  const yen = points * YEN_PER_POINT;
  const copayYen = roundToTenYen((yen * copay) / 10);
  return { yen, insurer: yen - copayYen, copay: copayYen };
}

/** Hundredths to the contract's decimal unit price (1105 → 11.05); exact for two decimals. */
export function unitPriceToNumber(p: UnitPriceHundredths): number {
  return p / 100;
}

/** "11.05" → 1105, exactly, without passing through a binary float. */
export function parseUnitPrice(s: string): UnitPriceHundredths {
  const m = /^(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`unit price must be written with two decimals: ${s}`);
  return Number(m[1]) * 100 + Number(m[2]);
}
