// The 公費 arithmetic (docs/kohi.md, KOHI-1 … KOHI-8, KOHI-12), case by case on both sides of each boundary.
// Worked example used throughout: 2 visits of 518 units (薬局の薬剤師, 1人) = 1,036 units × 10.00 円 =
// 10,360 円; 1割: 保険 9,324 円, the rest 1,036 円 (M-3 … M-5).
import { describe, expect, it } from 'vitest';
import {
  applyKohiMonth,
  kohiShareYen,
  kohiTotalsByLaw,
  patientShareCeilingYen,
  type KohiClaimInput,
  type KohiClaimResult,
  type KohiEntry,
  type KohiLawRow,
  type KohiMonthInput,
  type KohiRefusal,
  type KohiTable,
} from '../../src/core/kohi.js';
import { careSplit } from '../../src/core/money.js';
import { kohiTable } from '../../src/schedules/kohi/index.js';
import type { CopayRate } from '../../src/core/input.js';

import { NANBYO, RECIPIENT, SEIHO, seiho } from './kohiFixtures.js';

const nanbyo = (
  monthlyCapYen: number,
  paidElsewhereYen?: number,
  over: Partial<KohiEntry> = {},
): KohiEntry => ({
  law: '54',
  payerNumber: NANBYO,
  recipientNumber: RECIPIENT,
  from: '2024-04-01',
  monthlyCapYen,
  ...(paidElsewhereYen === undefined ? {} : { paidElsewhereYen }),
  ...over,
});

/** 居宅療養管理指導 (31) of `units` units on the given days of 2024-07, 10.00 円 a unit. */
const claim = (
  units = 1036,
  copay: CopayRate | null = 1,
  dates = ['2024-07-05', '2024-07-19'],
  over: Partial<KohiClaimInput> = {},
): KohiClaimInput => ({ serviceType: '31', units, unitPrice: 1000, copay, dates, ...over });

function month(
  entries: KohiEntry[],
  claims: KohiClaimInput[],
  over: Partial<KohiMonthInput> = {},
): { claims: KohiClaimResult[]; refusals: KohiRefusal[] } {
  const out = applyKohiMonth({
    month: '2024-07',
    patientId: 'A',
    insured: true,
    entries,
    claims,
    table: kohiTable,
    ...over,
  });
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  return { claims: out.claims, refusals: out.refusals };
}

const one = (entries: KohiEntry[], c: KohiClaimInput = claim(), over: Partial<KohiMonthInput> = {}) => {
  const { claims, refusals } = month(entries, [c], over);
  expect(claims).toHaveLength(1);
  return { ...claims[0]!, refusals };
};

describe('KOHI-7 a month without 公費 is today’s split', () => {
  it.each([1, 2, 3] as const)('KOHI-7 %i割: insurer and copay as M-4 / M-5, nothing else', (copay) => {
    const r = one([], claim(1036, copay));
    const today = careSplit(1036, 1000, copay);
    expect(r).toMatchObject({
      yen: today.yen,
      insurer: today.insurer,
      copay: today.copay,
      patientPays: today.copay,
    });
    expect(r.kohi).toEqual([]);
    expect(r.refusals).toEqual([]);
  });

  it('KOHI-7 an entry outside the claim’s dates does not touch it (and says nothing)', () => {
    const r = one([seiho(0, { from: '2024-07-20' })]);
    expect(r).toMatchObject({ insurer: 9324, copay: 1036, kohi: [], refusals: [] });
  });
});

describe('KOHI-3a / KOHI-4 生活保護 (12) for an insured patient: the 1割 is the 介護扶助’s', () => {
  it('KOHI-3a 本人支払額 0: the 公費 pays all the insurer leaves', () => {
    const r = one([seiho(0)]);
    expect(r).toMatchObject({
      yen: 10360,
      insurer: 9324,
      insuranceBenefitRate: 90,
      copay: 0,
      patientPays: 0,
    });
    expect(r.kohi).toEqual([
      {
        law: '12',
        payerNumber: SEIHO,
        recipientNumber: RECIPIENT,
        benefitRate: 100,
        units: 1036,
        claim: 1036,
        selfPay: 0,
        rule: 'KOHI-1 KOHI-3a KOHI-4',
      },
    ]);
  });

  it('KOHI-3a takes the remainder, not a second truncation: 11,447 円 leaves 1,145 円, all the 公費’s', () => {
    // At 11.05 円 a unit: 1,036 × 11.05 = 11,447.8 → 11,447 円; 保険 ⌊10,302.3⌋ = 10,302 円.
    const r = one([seiho(0)], claim(1036, 1, undefined, { unitPrice: 1105 }));
    expect(r).toMatchObject({ yen: 11447, insurer: 10302, copay: 0 });
    expect(r.kohi[0]!.claim).toBe(1145); // ⌊11,447 × 10 / 100⌋ would be 1,144 and leave 1 円 with the patient
  });

  it.each([
    [300, 300, 736],
    [1035, 1035, 1],
    [1036, 1036, 0],
    [1037, 1036, 0], // 本人支払額 larger than the share: all of it is the patient's, the 公費 pays 0
    [5000, 1036, 0],
  ])('KOHI-4 本人支払額 %i: the patient pays %i, the 公費 %i', (selfPayYen, selfPay, kohiClaim) => {
    const r = one([seiho(selfPayYen)]);
    expect(r.kohi[0]).toMatchObject({ selfPay, claim: kohiClaim });
    expect(r).toMatchObject({ insurer: 9324, copay: 0, patientPays: selfPay });
  });

  it('KOHI-4 the 本人支払額 is monthly: what the first claim does not use goes to the next one, then no more', () => {
    const { claims } = month(
      [seiho(1500)],
      [claim(1036), claim(500, 1, ['2024-07-10'], { serviceType: '13' }), claim(300, 1, ['2024-07-25'])],
    );
    expect(claims.map((c) => c.kohi[0]!.selfPay)).toEqual([1036, 464, 0]);
    expect(claims.map((c) => c.kohi[0]!.claim)).toEqual([0, 500 - 464, 300]);
    expect(claims.reduce((s, c) => s + c.patientPays, 0)).toBe(1500);
  });

  it('KOHI-4 居宅介護支援 (M-6, no copay): the insurer pays all and the 公費 nothing', () => {
    const r = one([seiho(500)], claim(1000, null, [], { serviceType: '43' }));
    expect(r).toMatchObject({
      yen: 10000,
      insurer: 10000,
      insuranceBenefitRate: 100,
      copay: 0,
      patientPays: 0,
    });
    expect(r.kohi[0]).toMatchObject({ claim: 0, selfPay: 0 });
  });
});

describe('KOHI-8 生活保護単独 (被保険者番号 H…): no 介護保険, the 公費 pays the whole 費用', () => {
  const uninsured = { insured: false };

  it('KOHI-8 保険請求額 0 and no 保険給付率; 12 pays 10,360 円', () => {
    const r = one([seiho(0)], claim(1036, 1), uninsured);
    expect(r).toMatchObject({ yen: 10360, insurer: 0, insuranceBenefitRate: null, copay: 0, patientPays: 0 });
    expect(r.kohi[0]).toMatchObject({ law: '12', benefitRate: 100, units: 1036, claim: 10360, selfPay: 0 });
  });

  it('KOHI-8 the 負担割合 of an uninsured patient changes nothing', () => {
    expect(one([seiho(0)], claim(1036, 3), uninsured)).toMatchObject({ insurer: 0, copay: 0 });
  });

  it('KOHI-8 with a 本人支払額 the patient pays it and the 公費 the rest', () => {
    expect(one([seiho(700)], claim(), uninsured).kohi[0]).toMatchObject({ claim: 9660, selfPay: 700 });
  });

  it('KOHI-8 居宅介護支援 of an uninsured patient is the 公費’s in full', () => {
    const r = one([seiho(0)], claim(1000, null, [], { serviceType: '43' }), uninsured);
    expect(r).toMatchObject({ insurer: 0, copay: 0 });
    expect(r.kohi[0]!.claim).toBe(10000);
  });

  it('KOHI-8 a claim no 公費 pays cannot be billed: refused, never a silent 0', () => {
    const { claims, refusals } = month(
      [nanbyo(0)],
      [claim(500, 1, ['2024-07-05'], { serviceType: '11' })],
      uninsured,
    );
    expect(claims).toEqual([]);
    expect(refusals.map((r) => [r.code, r.rule, r.law])).toEqual([
      ['NOT_COVERED', 'KOHI-2', '54'],
      ['NO_PAYER', 'KOHI-8', undefined],
    ]);
    expect(refusals[1]!.message).toMatch(/利用者 A/);
  });

  it('KOHI-8 a row that does not pay for the uninsured is refused for them', () => {
    const table: KohiTable = {
      id: 't',
      rows: [{ ...kohiTable.rows[1]!, paysUninsured: { value: false, source: 'test' } }],
    };
    const { claims, refusals } = month([seiho(0)], [claim()], { ...uninsured, table });
    expect(claims).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(['NOT_FOR_UNINSURED', 'NO_PAYER']);
  });
});

describe('KOHI-5 特定医療費 (54): the monthly 自己負担上限額, shared with what was paid elsewhere', () => {
  it.each([
    [5000, undefined, 1036, 0], // far from the cap
    [5000, 3964, 1036, 0], // exactly what is left
    [5000, 3965, 1035, 1], // 1 円 short of the share
    [5000, 4500, 500, 536],
    [5000, 5000, 0, 1036], // reached elsewhere
    [5000, 6000, 0, 1036], // more than the cap elsewhere: nothing, not less than nothing
    [0, undefined, 0, 1036], // 上限額 0 (e.g. 生活保護の受給者)
  ])(
    'KOHI-5 cap %i, paid elsewhere %s: the patient pays %i, the 公費 %i',
    (cap, elsewhere, selfPay, kohiClaim) => {
      const r = one([nanbyo(cap, elsewhere)]);
      expect(r.kohi[0]).toMatchObject({ law: '54', benefitRate: 100, selfPay, claim: kohiClaim });
      expect(r).toMatchObject({ insurer: 9324, copay: 0, patientPays: selfPay });
    },
  );

  it('KOHI-5 the cap is reached within the month: the claims share it in order', () => {
    const claims = [
      claim(1036),
      claim(600, 1, ['2024-07-08'], { serviceType: '13' }),
      claim(400, 1, ['2024-07-22']),
    ];
    const { claims: out } = month([nanbyo(2500, 1000)], claims); // 1,500 円 left this month
    expect(out.map((c) => c.kohi[0]!.selfPay)).toEqual([1036, 464, 0]);
    expect(out.map((c) => c.kohi[0]!.claim)).toEqual([0, 600 - 464, 400]);
    expect(out.reduce((s, c) => s + c.patientPays, 0)).toBe(1500);
  });

  it('KOHI-5 on both sides of reaching the cap with the first claim', () => {
    const second = claim(500, 1, ['2024-07-26']);
    const at = month([nanbyo(1036)], [claim(), second]).claims;
    expect(at.map((c) => c.kohi[0]!.selfPay)).toEqual([1036, 0]);
    const above = month([nanbyo(1037)], [claim(), second]).claims;
    expect(above.map((c) => c.kohi[0]!.selfPay)).toEqual([1036, 1]);
  });
});

describe('KOHI-6 特定医療費: a 3割 patient pays at most 2割', () => {
  it('KOHI-6 3割: 保険 7,252 円, share 3,108 円, the patient 2,072 円 (2割), the 公費 1,036 円', () => {
    const r = one([nanbyo(30000)], claim(1036, 3));
    expect(r).toMatchObject({ insurer: 7252, insuranceBenefitRate: 70, copay: 0, patientPays: 2072 });
    expect(r.kohi[0]).toMatchObject({ selfPay: 2072, claim: 1036, rule: 'KOHI-1 KOHI-3a KOHI-5 KOHI-6' });
  });

  it('KOHI-6 the ceiling is the 2割 remainder of M-4 / M-5: 10,370 円 → 2,074 円', () => {
    expect(patientShareCeilingYen(1037, 1000, 2)).toBe(10370 - 8296);
    const r = one([nanbyo(30000)], claim(1037, 3));
    expect(r.kohi[0]).toMatchObject({ selfPay: 2074, claim: 3111 - 2074 });
  });

  it('KOHI-6 2割 and 1割 patients: the ceiling does not bite, the cap does', () => {
    expect(one([nanbyo(30000)], claim(1036, 2)).kohi[0]).toMatchObject({ selfPay: 2072, claim: 0 });
    expect(one([nanbyo(30000)], claim(1036, 1)).kohi[0]).toMatchObject({ selfPay: 1036, claim: 0 });
    expect(one([nanbyo(2000)], claim(1036, 3)).kohi[0]).toMatchObject({ selfPay: 2000, claim: 1108 });
  });
});

describe('KOHI-1 two 公費: 他法優先, 生活保護 last', () => {
  it('KOHI-1 54 then 12, in whatever order they are entered: 54 pays the 1割, 12 pays nothing', () => {
    for (const entries of [
      [nanbyo(0), seiho(500)],
      [seiho(500), nanbyo(0)],
    ]) {
      const r = one(entries);
      expect(r.kohi.map((k) => [k.law, k.claim, k.selfPay])).toEqual([
        ['54', 1036, 0],
        ['12', 0, 0],
      ]);
      expect(r).toMatchObject({ copay: 0, patientPays: 0 });
    }
  });

  it('KOHI-1 生活保護単独 with 難病: 54 pays the whole 費用 first', () => {
    const r = one([seiho(0), nanbyo(0)], claim(), { insured: false });
    expect(r.kohi.map((k) => [k.law, k.claim])).toEqual([
      ['54', 10360],
      ['12', 0],
    ]);
  });

  it('KOHI-3 a 公費 under 100 % pays its rate above the insurer’s; the next pays the rest (a row added as data)', () => {
    const tb: KohiLawRow = {
      law: '10',
      name: '感染症（結核 適正医療）',
      months: { from: '2000-04', to: '9999-12' },
      source: 'test row',
      serviceTypes: { value: ['31'], source: 'test' },
      benefitRate: { value: 95, source: 'test' },
      order: { value: 10, source: 'test' },
      capKind: { value: 'none', source: 'test' },
      paysUninsured: { value: true, source: 'test' },
    };
    const table: KohiTable = { id: 't', rows: [tb, ...kohiTable.rows] };
    const tbEntry: KohiEntry = {
      law: '10',
      payerNumber: '10131019',
      recipientNumber: RECIPIENT,
      from: '2024-01-01',
    };
    const r = one([seiho(0), tbEntry], claim(), { table });
    // ⌊10,360 × (95 − 90) / 100⌋ = 518; 生活保護 the remaining 518.
    expect(r.kohi.map((k) => [k.law, k.claim, k.rule])).toEqual([
      ['10', 518, 'KOHI-1 KOHI-3'],
      ['12', 518, 'KOHI-1 KOHI-3a KOHI-4'],
    ]);
    expect(kohiShareYen(10360, 95, 90)).toBe(518);
    expect(kohiShareYen(10365, 95, 90)).toBe(518); // 518.25 truncated
    expect(kohiShareYen(10360, 90, 90)).toBe(0);
    expect(kohiShareYen(10360, 80, 90)).toBe(0); // never below 0
  });
});

describe('KOHI-2 a 公費 that does not cover the service is refused for it, by name', () => {
  it('KOHI-2 54 does not pay 訪問介護 (11): the claim is today’s split, and the refusal says so', () => {
    const r = one([nanbyo(0)], claim(500, 1, ['2024-07-05'], { serviceType: '11' }));
    expect(r).toMatchObject({ insurer: 4500, copay: 500, kohi: [] });
    expect(r.refusals).toHaveLength(1);
    expect(r.refusals[0]).toMatchObject({
      patientId: 'A',
      serviceType: '11',
      law: '54',
      code: 'NOT_COVERED',
      rule: 'KOHI-2',
    });
    expect(r.refusals[0]!.message).toMatch(/法別54/);
  });

  it('KOHI-2 no 公費 row covers a 医療保険 claim (C006)', () => {
    const r = one([seiho(0)], claim(765, 3, ['2024-07-03'], { serviceType: 'C006' }));
    expect(r.refusals[0]).toMatchObject({ code: 'NOT_COVERED', law: '12' });
  });

  it('KOHI-2 an entry that ends on the last visit covers the claim; one that ends the day before does not', () => {
    expect(one([seiho(0, { to: '2024-07-19' })]).kohi[0]!.claim).toBe(1036);
    const before = one([seiho(0, { to: '2024-07-18' })]);
    expect(before.kohi).toEqual([]);
    expect(before.refusals[0]).toMatchObject({ code: 'PARTIAL_COVERAGE', rule: 'KOHI-2b' });
  });

  it('KOHI-2b an entry for part of the claim: its units are given, and it pays its rate on them', () => {
    const c = claim(1036, 1, ['2024-07-05', '2024-07-19'], { coveredUnits: { '12': 518 } });
    const r = one([seiho(0, { from: '2024-07-10' })], c);
    // ⌊5,180 × (100 − 90) / 100⌋ = 518; the visit before the 介護券 is the patient's 1割.
    expect(r.kohi[0]).toMatchObject({ units: 518, claim: 518, rule: 'KOHI-1 KOHI-3 KOHI-4' });
    expect(r).toMatchObject({ insurer: 9324, copay: 518, patientPays: 518 });
  });

  it('KOHI-2b a monthly service counts the whole month: an entry from the 10th is for part of it', () => {
    const r = one([seiho(0, { from: '2024-07-10' })], claim(1000, null, [], { serviceType: '43' }));
    expect(r.refusals[0]).toMatchObject({ code: 'PARTIAL_COVERAGE' });
    expect(
      one([seiho(0, { from: '2024-07-01', to: '2024-07-31' })], claim(1000, null, [], { serviceType: '43' }))
        .refusals,
    ).toEqual([]);
  });

  it('KOHI-2b an uninsured patient with a 公費 for part of the claim: nobody pays the rest, refused', () => {
    const c = claim(1036, 1, undefined, { coveredUnits: { '12': 518 } });
    const { claims, refusals } = month([seiho(0, { from: '2024-07-10' })], [c], { insured: false });
    expect(claims).toEqual([]);
    expect(refusals.map((r) => r.code)).toEqual(['PARTIAL_COVERAGE', 'NO_PAYER']);
  });

  it('KOHI-2c two 公費 with one for part of the claim: refused for both, today’s split', () => {
    const c = claim(1036, 1, undefined, { coveredUnits: { '12': 518 } });
    const r = one([nanbyo(0), seiho(0, { from: '2024-07-10' })], c);
    expect(r).toMatchObject({ kohi: [], copay: 1036 });
    expect(r.refusals.map((x) => [x.rule, x.law])).toEqual([
      ['KOHI-2c', '54'],
      ['KOHI-2c', '12'],
    ]);
  });
});

describe('KOHI-12 the 7111 sums of each 法別', () => {
  it('KOHI-12 count, units, 費用, 保険, 公費 and 本人負担 per 法別 over the month’s claims', () => {
    const a = month(
      [nanbyo(1500), seiho(0)],
      [claim(1036), claim(600, 1, ['2024-07-08'], { serviceType: '13' })],
    ).claims;
    const b = month([seiho(200)], [claim(500, 1, ['2024-07-09'])], { patientId: 'B', insured: false }).claims;
    expect(kohiTotalsByLaw([...a, ...b])).toEqual([
      {
        law: '12',
        count: 3,
        units: 1036 + 600 + 500,
        yen: 10360 + 6000 + 5000,
        insurer: 9324 + 5400,
        claim: 4800,
        selfPay: 200,
      },
      { law: '54', count: 2, units: 1636, yen: 16360, insurer: 14724, claim: 0 + 136, selfPay: 1036 + 464 },
    ]);
  });
});
