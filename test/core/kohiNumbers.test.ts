// KOHI-9 (公費負担者番号 / 受給者番号 check digits) and the checks on a patient's 公費 entries (KOHI-1,
// KOHI-4, KOHI-5, KOHI-10) — docs/kohi.md.
import { describe, expect, it } from 'vitest';
import {
  applyKohiMonth,
  kohiEntryProblems,
  kohiEntrySchema,
  kohiPayerNumberProblem,
  kohiRecipientNumberProblem,
  modulus10CheckDigit,
  type KohiEntry,
} from '../../src/core/kohi.js';
import { kohiTable } from '../../src/schedules/kohi/index.js';

import { NANBYO, RECIPIENT, SEIHO } from './kohiFixtures.js';

const seiho = (over: Partial<KohiEntry> = {}): KohiEntry => ({
  law: '12',
  payerNumber: SEIHO,
  recipientNumber: RECIPIENT,
  from: '2024-04-01',
  selfPayYen: 0,
  ...over,
});
const nanbyo = (over: Partial<KohiEntry> = {}): KohiEntry => ({
  law: '54',
  payerNumber: NANBYO,
  recipientNumber: RECIPIENT,
  from: '2024-04-01',
  monthlyCapYen: 5000,
  ...over,
});

const problems = (entries: KohiEntry[], month = '2024-07') =>
  kohiEntryProblems('A', entries, kohiTable, month, 'patients[0].kohi');

describe('KOHI-9 modulus10CheckDigit: モジュラス10 ウェイト2-1 分割方式', () => {
  it.each([
    ['5401602', 7], // 公費負担者番号 54016027
    ['1213101', 7], // 12131017
    ['3312001', 5], // 保険者番号 33120015, the MHLW 設定要領 example of the same scheme
    ['123456', 6], // 受給者番号 1234566
    ['000000', 0], // a sum of 0 ends in 0: the check digit is 0, not 10
  ])('KOHI-9 %s → %i', (digits, check) => {
    expect(modulus10CheckDigit(digits)).toBe(check);
  });

  it('KOHI-9 a two-digit product counts as the sum of its digits', () => {
    expect(modulus10CheckDigit('5')).toBe(9); // 5 × 2 = 10 → 1 + 0 = 1 → 10 − 1
    expect(modulus10CheckDigit('9')).toBe(1); // 9 × 2 = 18 → 1 + 8 = 9 → 10 − 9
    expect(modulus10CheckDigit('90')).toBe(1); // 0 × 2 + 9 × 1 = 9 → 1
  });
});

describe('KOHI-9 公費負担者番号 (8 digits) and 受給者番号 (7 digits)', () => {
  it('KOHI-9 valid numbers pass', () => {
    expect(kohiPayerNumberProblem(SEIHO, '12')).toBeNull();
    expect(kohiPayerNumberProblem(NANBYO, '54')).toBeNull();
    expect(kohiRecipientNumberProblem(RECIPIENT)).toBeNull();
  });

  it('KOHI-9 a wrong check digit, on either side of the right one, is refused', () => {
    expect(kohiPayerNumberProblem('54016026', '54')).toMatch(/検証番号/);
    expect(kohiPayerNumberProblem('54016028', '54')).toMatch(/検証番号/);
    expect(kohiRecipientNumberProblem('1234565')).toMatch(/検証番号/);
    expect(kohiRecipientNumberProblem('1234567')).toMatch(/検証番号/);
  });

  it('KOHI-9 lengths: 7 and 9 digits are not a 公費負担者番号; 6 and 8 not a 受給者番号', () => {
    expect(kohiPayerNumberProblem('5401602')).toMatch(/8桁/);
    expect(kohiPayerNumberProblem('540160270')).toMatch(/8桁/);
    expect(kohiRecipientNumberProblem('123456')).toMatch(/7桁/);
    expect(kohiRecipientNumberProblem('12345660')).toMatch(/7桁/);
    expect(kohiRecipientNumberProblem('12345a6')).toMatch(/7桁/);
  });

  it('KOHI-9 the first two digits must be the entry’s 法別', () => {
    expect(kohiPayerNumberProblem(NANBYO, '12')).toMatch(/法別12/);
  });
});

describe('the entries of a patient', () => {
  it('valid entries of both 法別 give no problem', () => {
    expect(problems([seiho(), nanbyo({ paidElsewhereYen: 1200 })])).toEqual([]);
  });

  it('KOHI-9 a wrong check digit names the patient, the field and the rule', () => {
    const p = problems([nanbyo({ payerNumber: '54016028' })]);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: 'patients[0].kohi[0].payerNumber', rule: 'KOHI-9' });
    expect(p[0]!.message).toMatch(/利用者 A/);
  });

  it('KOHI-10 two overlapping entries of one 法別 are an error; back-to-back entries are not', () => {
    const overlap = problems([seiho({ to: '2024-07-15' }), seiho({ from: '2024-07-15' })]);
    expect(overlap).toHaveLength(1);
    expect(overlap[0]).toMatchObject({ path: 'patients[0].kohi[1]', rule: 'KOHI-10' });
    expect(problems([seiho({ to: '2024-07-14' }), seiho({ from: '2024-07-15' })])).toEqual([]);
    // An open-ended entry overlaps every later one.
    expect(problems([seiho(), seiho({ from: '2025-01-01' })])).toHaveLength(1);
  });

  it('KOHI-10 entries of two 法別 may overlap', () => {
    expect(problems([seiho(), nanbyo({ monthlyCapYen: 0 })])).toEqual([]);
  });

  it('KOHI-10 an end before the start is an error', () => {
    expect(problems([seiho({ from: '2024-07-10', to: '2024-07-09' })])[0]).toMatchObject({ rule: 'KOHI-10' });
  });

  it('KOHI-1 a 法別 the table has no row for in the month is an error, never a default', () => {
    const p = problems([nanbyo({ from: '2009-04-01' })], '2009-06'); // 特定医療費 began 2015-01
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: 'patients[0].kohi[0].law', rule: 'KOHI-1' });
    expect(p[0]!.message).toMatch(/収録している法別: 12/);
    expect(problems([nanbyo({ from: '2015-01-01' })], '2015-01')).toEqual([]);
    expect(problems([nanbyo({ law: '51', payerNumber: '51016020' })])[0]).toMatchObject({ rule: 'KOHI-1' });
  });

  it('KOHI-1 an entry outside the month needs no row of the month', () => {
    expect(problems([nanbyo({ from: '2009-04-01', to: '2009-05-31' })], '2009-06')).toEqual([]);
  });

  it('KOHI-4 / KOHI-5 each 法別 needs its own amount and refuses the other kind', () => {
    expect(problems([seiho({ selfPayYen: undefined })])[0]).toMatchObject({
      path: 'patients[0].kohi[0].selfPayYen',
      rule: 'KOHI-4',
    });
    expect(problems([nanbyo({ monthlyCapYen: undefined })])[0]).toMatchObject({
      path: 'patients[0].kohi[0].monthlyCapYen',
      rule: 'KOHI-5',
    });
    expect(problems([seiho({ monthlyCapYen: 5000 })])[0]).toMatchObject({ rule: 'KOHI-5' });
    expect(problems([nanbyo({ selfPayYen: 300 })])[0]).toMatchObject({ rule: 'KOHI-4' });
  });

  it('problems stop the month: no split is computed on a wrong number', () => {
    const out = applyKohiMonth({
      month: '2024-07',
      patientId: 'A',
      insured: true,
      entries: [seiho({ recipientNumber: '1234567' })],
      claims: [{ serviceType: '31', units: 518, unitPrice: 1000, copay: 1, dates: ['2024-07-05'] }],
      table: kohiTable,
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => p.rule)).toEqual(['KOHI-9']);
  });

  it('the schema refuses unknown fields and a 法別 that is not two digits', () => {
    expect(kohiEntrySchema.safeParse({ ...seiho(), extra: 1 }).success).toBe(false);
    expect(kohiEntrySchema.safeParse({ ...seiho(), law: '120' }).success).toBe(false);
    expect(kohiEntrySchema.safeParse({ ...seiho(), selfPayYen: -1 }).success).toBe(false);
    expect(kohiEntrySchema.safeParse(seiho()).success).toBe(true);
  });
});
