// money.md: each named rounding function with its rule id, and the worked examples of money.md.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  benefitRateTenths,
  careSplit,
  careSplitNoCopay,
  careTotalYen,
  medicalSplit,
  parseUnitPrice,
  percentAdditionUnits,
  roundToTenYen,
  unitPriceToNumber,
  YEN_PER_POINT,
} from '../../src/core/money.js';

const copayRate = fc.constantFrom(1 as const, 2 as const, 3 as const);

describe('M-1 percentAdditionUnits: a percentage of the base, half up to a whole unit', () => {
  it.each([
    [518, 15, 78], // 77.7
    [1030, 15, 155], // 154.5 → up
    [515, 10, 52], // 51.5 → up
    [1030, 5, 52], // 51.5 → up
    [1448, 15, 217], // 217.2 (ex04)
    [724, 10, 72], // 72.4 → down
    [299, 10, 30], // 29.9
    [9, 5, 0], // 0.45 → down
    [10, 5, 1], // 0.5 → up
    [0, 15, 0],
  ])('M-1 %i × %i %% → %i', (base, percent, units) => {
    expect(percentAdditionUnits(base, percent)).toBe(units);
  });

  it('M-1 equals the exact half-up rounding of base × percent / 100 for any base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(5, 10, 15, 20),
        (base, percent) => {
          const hundredths = base * percent; // the addition × 100, exact
          const expected = Math.floor(hundredths / 100) + (hundredths % 100 >= 50 ? 1 : 0);
          expect(percentAdditionUnits(base, percent)).toBe(expected);
        },
      ),
    );
  });
});

describe('M-3 careTotalYen: units × unit price, truncated to the yen', () => {
  it('M-3 money.md: 1,016 units × 11.05 円 = 11,226.8 → 11,226 円', () => {
    expect(careTotalYen(1016, 1105)).toBe(11226);
  });

  it('M-3 10.00 円 a unit (K24-7): 1,036 units → 10,360 円', () => {
    expect(careTotalYen(1036, 1000)).toBe(10360);
  });

  it('M-3 truncation on both sides of a yen: 1 × 11.05 → 11; 9 × 11.05 = 99.45 → 99; 20 × 11.05 = 221.0 → 221', () => {
    expect(careTotalYen(1, 1105)).toBe(11);
    expect(careTotalYen(9, 1105)).toBe(99);
    expect(careTotalYen(20, 1105)).toBe(221);
  });
});

describe('M-4 benefitRateTenths: 90 % / 80 % / 70 %', () => {
  it.each([
    [1, 9],
    [2, 8],
    [3, 7],
  ] as const)('M-4 %i割 → %i tenths', (copay, tenths) => {
    expect(benefitRateTenths(copay)).toBe(tenths);
  });
});

describe('M-4 M-5 careSplit: insurer truncated, copay the rest', () => {
  it('M-4 M-5 money.md: 2 × 518 units, 2割 → 10,360 / 8,288 / 2,072', () => {
    expect(careSplit(2 * 518, 1000, 2)).toEqual({ yen: 10360, insurer: 8288, copay: 2072 });
  });

  it('M-4 M-5 money.md: 1,016 units × 11.05, 1割 → 11,226 / 10,103 (10,103.4) / 1,123', () => {
    expect(careSplit(1016, 1105, 1)).toEqual({ yen: 11226, insurer: 10103, copay: 1123 });
  });

  it('M-4 the truncation goes to the patient: 299 units, 3割 → 2,990 × 0.7 = 2,093 / copay 897', () => {
    expect(careSplit(299, 1000, 3)).toEqual({ yen: 2990, insurer: 2093, copay: 897 });
  });

  it('M-4 M-5 insurer + copay = yen, insurer = ⌊yen × rate⌋, for any units, price and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1000, max: 1140 }),
        copayRate,
        (u, p, r) => {
          const s = careSplit(u, p, r);
          expect(s.yen).toBe(Math.floor((u * p) / 100));
          expect(s.insurer + s.copay).toBe(s.yen);
          expect(s.insurer * 10).toBeLessThanOrEqual(s.yen * (10 - r));
          expect((s.insurer + 1) * 10).toBeGreaterThan(s.yen * (10 - r));
        },
      ),
    );
  });
});

describe('M-6 careSplitNoCopay: 居宅介護支援 paid in full', () => {
  it('M-6 1,000 units × 10.35 円 = 10,350: insurer 10,350, copay 0', () => {
    expect(careSplitNoCopay(1000, 1035)).toEqual({ yen: 10350, insurer: 10350, copay: 0 });
  });
});

describe('M-10 … M-12 medicalSplit and roundToTenYen', () => {
  it('M-10 one point is 10 yen', () => {
    expect(YEN_PER_POINT).toBe(10);
  });

  it('M-11 roundToTenYen: 5 yen and up goes up, 4 down', () => {
    expect(roundToTenYen(2295)).toBe(2300);
    expect(roundToTenYen(2294)).toBe(2290);
    expect(roundToTenYen(2290)).toBe(2290);
    expect(roundToTenYen(0)).toBe(0);
  });

  it('M-11 M-12 money.md: 765 points, 3割 → 7,650 円; copay 2,295 → 2,300; insurer 5,350', () => {
    expect(medicalSplit(765, 3)).toEqual({ yen: 7650, insurer: 5350, copay: 2300 });
  });

  it('M-11 M-12 ex06: 1,710 points 3割 → 5,130 / 11,970; 510 points 1割 → 510 / 4,590', () => {
    expect(medicalSplit(1710, 3)).toEqual({ yen: 17100, insurer: 11970, copay: 5130 });
    expect(medicalSplit(510, 1)).toEqual({ yen: 5100, insurer: 4590, copay: 510 });
  });

  it('M-11 a copay of 1割 on 255 points = 255 円 → 260 円 (up at 5); 2割 on 254 points = 508 → 510', () => {
    expect(medicalSplit(255, 1).copay).toBe(260);
    expect(medicalSplit(254, 2).copay).toBe(510);
    expect(medicalSplit(254, 1).copay).toBe(250); // 254 円 → down
  });

  it('M-11 M-12 copay is a multiple of 10 within 5 yen of the exact share; insurer + copay = yen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), copayRate, (points, r) => {
        const s = medicalSplit(points, r);
        expect(s.yen).toBe(points * 10);
        expect(s.copay % 10).toBe(0);
        const exact = points * r; // yen × r / 10
        expect(s.copay - exact).toBeGreaterThan(-5);
        expect(s.copay - exact).toBeLessThanOrEqual(5);
        expect(s.insurer + s.copay).toBe(s.yen);
      }),
    );
  });
});

describe('M-3 unit prices in hundredths', () => {
  it('M-3 parseUnitPrice reads two decimals exactly; unitPriceToNumber writes them back', () => {
    expect(parseUnitPrice('11.05')).toBe(1105);
    expect(parseUnitPrice('10.00')).toBe(1000);
    expect(parseUnitPrice('10.35')).toBe(1035);
    expect(unitPriceToNumber(1105)).toBe(11.05);
    expect(unitPriceToNumber(1000)).toBe(10);
  });

  it('M-3 parseUnitPrice refuses a price not written with two decimals', () => {
    expect(() => parseUnitPrice('11.5')).toThrow();
    expect(() => parseUnitPrice('11')).toThrow();
    expect(() => parseUnitPrice('11.055')).toThrow();
  });
});
