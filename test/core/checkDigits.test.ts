// 介護保険事業所番号 / 医療機関コード: モジュラス10 ウェイト2-1 分割方式 over the first 9 characters; the
// 保険者番号's check digit; the form of the 被保険者番号.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  insuredNumberProblem,
  insurerCheckDigit,
  insurerNumberProblem,
  isOfficeNumber,
  officeCheckDigit,
  withInsurerCheckDigit,
  officeNumberProblem,
  withCheckDigit,
} from '../../src/core/checkDigits.js';

describe('office number check digit', () => {
  it('accepts the published 医療機関コード example and refuses every other last digit', () => {
    expect(isOfficeNumber('0110113719')).toBe(true);
    for (let d = 0; d <= 9; d++) if (d !== 9) expect(isOfficeNumber(`011011371${d}`)).toBe(false);
  });

  it('weights 2 on the rightmost of the 9 and adds the digits of two-digit products', () => {
    // 9 characters "000000009": 9 × 2 = 18 → 1 + 8 = 9 → check 1
    expect(officeCheckDigit('000000009')).toBe(1);
    // "000000090": 9 × 1 = 9 → check 1
    expect(officeCheckDigit('000000090')).toBe(1);
    // a sum ending in 0 gives 0
    expect(officeCheckDigit('000000000')).toBe(0);
    // "000000055": 5 × 2 = 10 → 1 + 0, 5 × 1 = 5: sum 6 → check 4
    expect(officeCheckDigit('000000055')).toBe(4);
  });

  it('reads the letter of 総合事業 offices as a number (A = 10, skipping I, O, Q)', () => {
    // third position weight 2 (positions 9,7,5,3,1 from the right): A = 10 → 20 → 2
    expect(officeCheckDigit('00A000000')).toBe(8);
    // J comes right after H because I is skipped: J = 18 → 36 → 9
    expect(officeCheckDigit('00J000000')).toBe(1);
    expect(officeCheckDigit('00I000000')).toBeNull();
    expect(isOfficeNumber('00O0000000')).toBe(false);
  });

  it('names what is wrong in Japanese', () => {
    expect(officeNumberProblem('123')).toMatch(/10桁/);
    expect(officeNumberProblem('13712345670')).toMatch(/10桁/);
    const n = withCheckDigit('137123456');
    expect(officeNumberProblem(n)).toBeNull();
    expect(officeNumberProblem(n.slice(0, 9) + String((Number(n[9]) + 5) % 10))).toMatch(/検証番号/);
  });

  it('detects every single-digit error and every adjacent transposition of different digits except 0↔9 (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const n = withCheckDigit(body);
          const digits = n.split('');
          digits[pos] = String((Number(digits[pos]) + delta) % 10);
          expect(isOfficeNumber(digits.join(''))).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 7 }), (body, pos) => {
        const a = body[pos]!;
        const b = body[pos + 1]!;
        fc.pre(a !== b && !((a === '0' && b === '9') || (a === '9' && b === '0')));
        const n = withCheckDigit(body);
        const swapped = n.slice(0, pos) + b + a + n.slice(pos + 2);
        expect(isOfficeNumber(swapped)).toBe(false);
      }),
    );
  });
});

describe('保険者番号 check digit (claim-file.md "Input the file needs")', () => {
  it('passes the spec examples 131011 and 131029 and refuses every other last digit', () => {
    for (const ok of ['131011', '131029']) {
      expect(insurerNumberProblem(ok)).toBeNull();
      for (let d = 0; d <= 9; d++) {
        if (String(d) !== ok[5]) expect(insurerNumberProblem(ok.slice(0, 5) + String(d))).toMatch(/検証番号/);
      }
    }
  });

  it('weights 2, 1, 2, 1, 2 from the left and adds the digits of two-digit products', () => {
    // 9 × 2 = 18 → 9 → check 1; 9 × 1 = 9 → check 1; 5 × 2 = 10 → 1 → check 9
    expect(insurerCheckDigit('90000')).toBe(1);
    expect(insurerCheckDigit('09000')).toBe(1);
    expect(insurerCheckDigit('00005')).toBe(9);
    expect(insurerCheckDigit('00000')).toBe(0);
    expect(insurerCheckDigit('1310')).toBeNull();
  });

  it('names what is wrong in Japanese', () => {
    expect(insurerNumberProblem('13101')).toMatch(/6桁/);
    expect(insurerNumberProblem('13101a')).toMatch(/6桁/);
    expect(withInsurerCheckDigit('13120')).toHaveLength(6);
    expect(insurerNumberProblem(withInsurerCheckDigit('13120'))).toBeNull();
  });

  it('detects every single-digit error (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5}$/),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const digits = withInsurerCheckDigit(body).split('');
          digits[pos] = String((Number(digits[pos]) + delta) % 10);
          expect(insurerNumberProblem(digits.join(''))).not.toBeNull();
        },
      ),
    );
  });
});

describe('被保険者番号', () => {
  it('is 10 characters as on the card, never padded', () => {
    expect(insuredNumberProblem('0000012345')).toBeNull();
    expect(insuredNumberProblem('H123456789')).toBeNull();
    expect(insuredNumberProblem('12345')).toMatch(/10桁/);
    expect(insuredNumberProblem('00000123456')).toMatch(/10桁/);
  });
});
