// The 公費 step of calculateMonth (docs/kohi.md §10): the patient's 公費 entries in the input, each claim's
// split (保険請求額, 公費請求額 per 公費, what the patient pays), the totals, the refusals with their rule
// and the patient named, and --explain. Worked example: 2 visits of 薬局の薬剤師 (518 units, 1人) =
// 1,036 units × 10.00 円 = 10,360 円.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculate } from '../../src/santei.js';
import { formatProblem } from '../../src/core/validate.js';
import { formatExplanation } from '../../src/cli/explain.js';
import type { KohiEntry } from '../../src/core/input.js';
import { modulus10CheckDigit } from '../../src/core/checkDigits.js';

import { NANBYO, RECIPIENT, seiho } from './kohiFixtures.js';

const nanbyo = (monthlyCapYen: number, paidElsewhereYen = 0, over: Partial<KohiEntry> = {}): KohiEntry => ({
  law: '54',
  payerNumber: NANBYO,
  recipientNumber: RECIPIENT,
  from: '2024-04-01',
  monthlyCapYen,
  paidElsewhereYen,
  ...over,
});

function monthOf(
  kohi: KohiEntry[] | undefined,
  opts: { copay?: 1 | 2 | 3; number?: string; dates?: string[] } = {},
) {
  const dates = opts.dates ?? ['2024-07-05', '2024-07-19'];
  return {
    month: '2024-07',
    office: { id: '1342007893', kind: 'pharmacy' },
    patients: [
      {
        id: 'A',
        care: { level: 'care2', copay: opts.copay ?? 1 },
        residence: { kind: 'home' },
        insured: { insurerNumber: '131151', number: opts.number ?? '1300001000' },
        ...(kohi ? { kohi } : {}),
      },
    ],
    records: dates.map((date, i) => ({
      kind: 'kyotaku',
      id: `V${i + 1}`,
      patientId: 'A',
      date,
      profession: 'pharmacist',
      reported: true,
      instructed: true,
    })),
  };
}

function run(raw: unknown) {
  const r = calculate(raw, { explain: true });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r;
}

function only(raw: unknown) {
  const { result } = run(raw);
  expect(result.claims).toHaveLength(1);
  const c = result.claims[0]!;
  expect(c.insurer + (c.kohi?.shares.reduce((s, k) => s + k.claim, 0) ?? 0) + c.copay, 'KOHI-7').toBe(c.yen);
  return { claim: c, result };
}

function problems(raw: unknown): string[] {
  const r = calculate(raw);
  if (r.ok) throw new Error('expected input problems');
  return r.problems.map(formatProblem);
}

describe('KOHI-1 … KOHI-8 through calculateMonth', () => {
  it('without 公費 the claim is today’s (M-3 … M-5), and has no kohi field', () => {
    const { claim, result } = only(monthOf(undefined));
    expect(claim).toMatchObject({ units: 1036, yen: 10360, insurer: 9324, copay: 1036 });
    expect(claim.kohi).toBeUndefined();
    expect(result.totals.kohi).toBeUndefined();
    expect(result.kohiRefusals).toBeUndefined();
  });

  it('KOHI-4: 生活保護 1割, 本人支払額 0 → the 公費 pays the whole 1割, the patient nothing', () => {
    const { claim, result } = only(monthOf([seiho(0)]));
    expect(claim).toMatchObject({ yen: 10360, insurer: 9324, copay: 0 });
    expect(claim.kohi).toMatchObject({
      insured: true,
      insuranceBenefitRate: 90,
      insuranceCopay: 0,
      shares: [
        { law: '12', name: '生活保護（介護扶助）', benefitRate: 100, units: 1036, claim: 1036, selfPay: 0 },
      ],
    });
    expect(result.totals).toMatchObject({ yen: 10360, insurer: 9324, kohi: 1036, copay: 0 });
  });

  it('KOHI-4: 本人支払額 300 (smaller than the share) → the patient 300, the 公費 736', () => {
    const { claim } = only(monthOf([seiho(300)]));
    expect(claim.copay).toBe(300);
    expect(claim.kohi!.shares[0]).toMatchObject({ claim: 736, selfPay: 300 });
  });

  it('KOHI-4: 本人支払額 equal to the share (1,036) and larger (1,037) → the patient pays the share, the 公費 0', () => {
    for (const selfPay of [1036, 1037, 2000]) {
      const { claim } = only(monthOf([seiho(selfPay)]));
      expect(claim.copay, String(selfPay)).toBe(1036);
      expect(claim.kohi!.shares[0], String(selfPay)).toMatchObject({ claim: 0, selfPay: 1036 });
    }
    const { claim } = only(monthOf([seiho(1035)]));
    expect(claim.kohi!.shares[0]).toMatchObject({ claim: 1, selfPay: 1035 });
  });

  it('KOHI-8: 生活保護単独 (被保険者番号 H…) → no insurer, the 公費 pays 10,360 less the 本人支払額', () => {
    const { claim } = only(monthOf([seiho(0)], { number: 'H123456789' }));
    expect(claim).toMatchObject({ yen: 10360, insurer: 0, copay: 0 });
    expect(claim.kohi).toMatchObject({ insured: false, insuranceBenefitRate: null, insuranceCopay: 0 });
    expect(claim.kohi!.shares[0]).toMatchObject({ claim: 10360, selfPay: 0 });
    const withSelfPay = only(monthOf([seiho(500)], { number: 'H123456789' })).claim;
    expect(withSelfPay).toMatchObject({ insurer: 0, copay: 500 });
    expect(withSelfPay.kohi!.shares[0]).toMatchObject({ claim: 9860, selfPay: 500 });
  });

  it('KOHI-8: 生活保護単独 without a 公費 entry → NO_PAYER on every record, naming the patient; no claim', () => {
    const { result } = run(monthOf(undefined, { number: 'H123456789' }));
    expect(result.claims).toEqual([]);
    expect(result.rejections.map((r) => [r.recordId, r.code, r.rule])).toEqual([
      ['V1', 'NO_PAYER', 'KOHI-8'],
      ['V2', 'NO_PAYER', 'KOHI-8'],
    ]);
    expect(result.rejections[0]!.message).toContain('利用者 A');
    expect(result.totals).toEqual({ units: 0, yen: 0, insurer: 0, copay: 0 });
  });

  it('KOHI-8: 生活保護単独 whose 介護券 ended before the month → NO_PAYER (nobody pays)', () => {
    const { result } = run(monthOf([seiho(0, { to: '2024-06-30' })], { number: 'H123456789' }));
    expect(result.claims).toEqual([]);
    expect(result.rejections.every((r) => r.code === 'NO_PAYER')).toBe(true);
  });

  it('KOHI-5: 難病, cap 5,000 with 4,500 paid elsewhere → the patient 500, the 公費 536', () => {
    const { claim } = only(monthOf([nanbyo(5000, 4500)]));
    expect(claim.copay).toBe(500);
    expect(claim.kohi!.shares[0]).toMatchObject({ law: '54', claim: 536, selfPay: 500 });
  });

  it('KOHI-5: the cap reached at this claim (both sides: 1 円 left over, exactly reached, 1 円 short)', () => {
    // cap 5,000: paid elsewhere 3,963 leaves 1,037 ≥ the share 1,036; 3,964 leaves exactly 1,036; 3,965 leaves 1,035.
    const cases: [number, number, number][] = [
      [3963, 1036, 0],
      [3964, 1036, 0],
      [3965, 1035, 1],
      [5000, 0, 1036],
      [6000, 0, 1036],
    ];
    for (const [elsewhere, patient, kohi] of cases) {
      const { claim } = only(monthOf([nanbyo(5000, elsewhere)]));
      expect([claim.copay, claim.kohi!.shares[0]!.claim], `paid elsewhere ${elsewhere}`).toEqual([
        patient,
        kohi,
      ]);
    }
  });

  it('KOHI-6: 難病, 3割 → the patient pays at most the 2割 (2,072), the 公費 1,036', () => {
    const { claim } = only(monthOf([nanbyo(30000)], { copay: 3 }));
    expect(claim).toMatchObject({ insurer: 7252, copay: 2072 });
    expect(claim.kohi!.shares[0]).toMatchObject({ claim: 1036, selfPay: 2072 });
    // 2割 itself is not lowered: the ceiling is the patient's own share.
    const two = only(monthOf([nanbyo(30000)], { copay: 2 })).claim;
    expect(two).toMatchObject({ insurer: 8288, copay: 2072 });
  });

  it('KOHI-1: 難病 (cap 0) and 生活保護 → 54 first pays all, 12 pays 0; both on the claim in that order', () => {
    const { claim, result } = only(monthOf([seiho(0), nanbyo(0)]));
    expect(claim.kohi!.shares.map((s) => [s.law, s.claim, s.selfPay])).toEqual([
      ['54', 1036, 0],
      ['12', 0, 0],
    ]);
    expect(claim.copay).toBe(0);
    expect(result.totals.kohi).toBe(1036);
  });

  it('KOHI-1 / KOHI-8: 難病 and 生活保護単独 → 54 pays 10,360, 12 pays 0', () => {
    const { claim } = only(monthOf([nanbyo(0), seiho(0)], { number: 'H123456789' }));
    expect(claim.kohi!.shares.map((s) => [s.law, s.claim])).toEqual([
      ['54', 10360],
      ['12', 0],
    ]);
  });

  it('KOHI-2: an entry that ends before the month pays nothing; one that ends on the last visit pays', () => {
    const ended = only(monthOf([seiho(0, { to: '2024-06-30' })])).claim;
    expect(ended.kohi).toBeUndefined();
    expect(ended.copay).toBe(1036);
    const last = only(monthOf([seiho(0, { to: '2024-07-19' })])).claim;
    expect(last.kohi!.shares[0]!.claim).toBe(1036);
  });

  it('KOHI-2b: an entry from the second visit pays on that visit’s units only (518)', () => {
    const { claim } = only(monthOf([seiho(0, { from: '2024-07-10' })]));
    expect(claim.kohi!.shares[0]).toMatchObject({ units: 518, claim: 518 });
    expect(claim.copay).toBe(518);
  });

  it('KOHI-2: a 公費 on a 医療保険 claim (C006) is refused by name, and the claim is priced without it', () => {
    const raw = {
      month: '2024-07',
      office: { id: '1310000001', kind: 'clinic' },
      patients: [{ id: 'M', medical: { copay: 1 }, lastExamDate: '2024-07-02', kohi: [nanbyo(5000)] }],
      records: [{ kind: 'c006', id: 'C1', patientId: 'M', date: '2024-07-22', units: 1 }],
    };
    const { result } = run(raw);
    expect(result.claims[0]!.kohi).toBeUndefined();
    expect(result.kohiRefusals).toEqual([
      expect.objectContaining({ patientId: 'M', law: '54', code: 'NOT_COVERED', rule: 'KOHI-2' }),
    ]);
    expect(result.kohiRefusals![0]!.message).toContain('利用者 M');
  });

  it('--explain shows each 公費 of the claim, the patient’s part and the totals’ 公費', () => {
    const r = run(monthOf([nanbyo(0), seiho(0)]));
    const text = formatExplanation(r.result, r.trace);
    expect(text).toContain('公費1 法別54 特定医療費（指定難病）');
    expect(text).toContain('公費2 法別12 生活保護（介護扶助）');
    expect(text).toContain('公費請求 1,036円');
    expect(text).toContain('公費 1,036円');
    expect(text).toContain('利用者負担額（保険分）0円（KOHI-7）');
  });
});

describe('the 公費 entries refused as input, with the rule and the patient named', () => {
  it('KOHI-9: a wrong check digit of the 公費負担者番号 and of the 受給者番号', () => {
    const out = problems(monthOf([seiho(0, { payerNumber: '12131018', recipientNumber: '1234567' })]));
    expect(out).toEqual([
      expect.stringMatching(
        /^patients\[0\]\.kohi\[0\]\.payerNumber: 利用者 A の公費負担者番号 "12131018" の検証番号.*（KOHI-9）$/,
      ),
      expect.stringMatching(
        /^patients\[0\]\.kohi\[0\]\.recipientNumber: 利用者 A の受給者番号 "1234567" の検証番号.*（KOHI-9）$/,
      ),
    ]);
    // the right digits (検証番号 7 of 1213101, 6 of 123456) pass
    expect(modulus10CheckDigit('1213101')).toBe(7);
    expect(modulus10CheckDigit('123456')).toBe(6);
    expect(calculate(monthOf([seiho(0)])).ok).toBe(true);
  });

  it('KOHI-9: a 公費 without its numbers names the field and the patient', () => {
    const bad = monthOf([{ law: '12', from: '2024-04-01', selfPayYen: 0 } as unknown as KohiEntry]);
    const out = problems(bad);
    expect(out).toContain('patients[0].kohi[0].payerNumber: 必須項目がありません（利用者 A）');
    expect(out).toContain('patients[0].kohi[0].recipientNumber: 必須項目がありません（利用者 A）');
    const empty = problems(monthOf([seiho(0, { payerNumber: '' })]));
    expect(empty[0]).toMatch(
      /^patients\[0\]\.kohi\[0\]\.payerNumber: 利用者 A の公費負担者番号 "" は8桁の数字で入力してください（KOHI-9）$/,
    );
  });

  it('KOHI-10: two overlapping entries of one 法別; back to back they are accepted', () => {
    const overlap = problems(monthOf([seiho(0, { to: '2024-07-10' }), seiho(0, { from: '2024-07-10' })]));
    expect(overlap).toEqual([
      expect.stringMatching(
        /^patients\[0\]\.kohi\[1\]: 利用者 A の公費 法別12 の有効期間が.*重なっています.*（KOHI-10）$/,
      ),
    ]);
    expect(calculate(monthOf([seiho(0, { to: '2024-07-09' }), seiho(0, { from: '2024-07-10' })])).ok).toBe(
      true,
    );
  });

  it('KOHI-1: a 法別 the 公費 table does not hold; KOHI-4: 生活保護 without its 本人支払額', () => {
    const unknown = problems(monthOf([{ ...seiho(0), law: '15', payerNumber: '15131013' }]));
    expect(unknown.some((p) => p.includes('法別15') && p.endsWith('（KOHI-1）'))).toBe(true);
    const { selfPayYen: _, ...noSelfPay } = seiho(0);
    const out = problems(monthOf([noSelfPay]));
    expect(out).toEqual([
      expect.stringMatching(
        /^patients\[0\]\.kohi\[0\]\.selfPayYen: 利用者 A の公費 法別12.*本人支払額.*（KOHI-4）$/,
      ),
    ]);
  });

  it('a 法別番号 that is not two digits', () => {
    expect(problems(monthOf([{ ...seiho(0), law: '1' }]))[0]).toMatch(
      /^patients\[0\]\.kohi\[0\]\.law: "1" は法別番号ではありません.*（利用者 A）$/,
    );
  });
});

describe('KOHI-7 over random months: insurer + Σ公費 + patient = 費用, per claim and in the totals', () => {
  const entry = fc.oneof(
    fc.record({ law: fc.constant('12'), selfPayYen: fc.integer({ min: 0, max: 3000 }) }),
    fc.record({
      law: fc.constant('54'),
      monthlyCapYen: fc.constantFrom(0, 2500, 5000, 10000, 20000, 30000),
      paidElsewhereYen: fc.integer({ min: 0, max: 30000 }),
    }),
  );
  it('holds for 公費 entries, copay rates, 生活保護単独 and visit counts', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => e.law, maxLength: 2 }),
        fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 28 }),
        (es, copay, uninsured, visits, from) => {
          const kohi = es.map((e) => ({
            ...(e.law === '12' ? seiho(0) : nanbyo(0)),
            ...e,
            from: `2024-07-${String(from).padStart(2, '0')}`,
          })) as KohiEntry[];
          const dates = [3, 10, 17, 24].slice(0, visits).map((d) => `2024-07-${String(d).padStart(2, '0')}`);
          const r = calculate(monthOf(kohi, { copay, dates, number: uninsured ? 'H000000001' : undefined }));
          if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
          const t = { yen: 0, insurer: 0, kohi: 0, copay: 0 };
          for (const c of r.result.claims) {
            const k = c.kohi?.shares.reduce((s, x) => s + x.claim, 0) ?? 0;
            expect(c.insurer + k + c.copay).toBe(c.yen);
            expect(
              Math.min(c.insurer, c.copay, ...(c.kohi?.shares.flatMap((s) => [s.claim, s.selfPay]) ?? [0])),
            ).toBeGreaterThanOrEqual(0);
            if (c.kohi)
              expect(c.copay - c.kohi.shares.reduce((s, x) => s + x.selfPay, 0)).toBe(c.kohi.insuranceCopay);
            if (uninsured) expect(c.insurer).toBe(0);
            t.yen += c.yen;
            t.insurer += c.insurer;
            t.kohi += k;
            t.copay += c.copay;
          }
          expect(r.result.totals.insurer + (r.result.totals.kohi ?? 0) + r.result.totals.copay).toBe(
            r.result.totals.yen,
          );
          const { units: _units, ...totals } = r.result.totals;
          expect(t).toEqual({ ...totals, kohi: totals.kohi ?? 0 });
        },
      ),
      { numRuns: 300 },
    );
  });
});
