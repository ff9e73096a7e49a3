// Each validation message names the field in Japanese and says what to enter (issue 13, item 6).
import { describe, expect, it } from 'vitest';
import {
  buildingInputSchema,
  check,
  patientInputSchema,
  reportSentSchema,
  visitInputSchema,
} from '../../src/contract/schemas.js';
import { fieldNameOf } from '../../src/contract/fields.js';

const problems = (r: ReturnType<typeof check>) => (r.ok ? [] : r.problems);

describe('validation messages name the field and what to enter', () => {
  it('an empty visit date: 訪問日を入れてください, with examples (not 「"" は日付ではありません」)', () => {
    const r = check(visitInputSchema, {
      kind: 'kyotaku',
      patientId: 'p',
      date: '',
      profession: 'doctor',
      reported: true,
    });
    expect(problems(r)).toEqual([
      { path: 'date', message: '訪問日を入れてください（例: 2024-07-05、令和6年7月5日、R6.7.5）' },
    ]);
  });

  it('a year out of range is refused with the field’s name', () => {
    const r = check(reportSentSchema, { sentDate: '40830-07-05' });
    expect(problems(r)).toEqual([
      { path: 'sentDate', message: '送付日: 40830年は入力できません（1900〜2200年の日付を入れてください）' },
    ]);
  });

  it('a field inside a list is named with its list and position', () => {
    const r = check(patientInputSchema, {
      name: '試験 花子',
      certifications: [{ level: 'care1', copay: 1, from: '' }],
    });
    expect(problems(r)).toEqual([
      {
        path: 'certifications[0].from',
        message: '認定（1件目）の開始日を入れてください（例: 2024-07-05、令和6年7月5日、R6.7.5）',
      },
    ]);
  });

  it('an empty name: the record’s own word (建物名, not 「空にできません」)', () => {
    expect(problems(check(buildingInputSchema, { name: ' ', kind: 'sakoju' }))).toEqual([
      { path: 'name', message: '建物名を入れてください' },
    ]);
    expect(problems(check(patientInputSchema, { name: '' }))).toEqual([
      { path: 'name', message: '氏名を入れてください' },
    ]);
  });

  it('a choice not offered, a number too large, a missing choice', () => {
    const v = { kind: 'c006', patientId: 'p', date: '2024-07-05', units: 99 };
    expect(problems(check(visitInputSchema, v))[0]?.message).toMatch(/^単位数は\d+以下にしてください$/);
    expect(fieldNameOf(['recipient', 'name'])).toBe('送付先の氏名・名称');
    expect(fieldNameOf(['residences', 2, 'kind'])).toBe('住まい（3件目）の種類');
  });
});
