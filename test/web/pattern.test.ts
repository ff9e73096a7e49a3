// "Copy last month's pattern" (web/src/pattern.ts): the k-th weekday of last month → the k-th same weekday.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nthWeekday, proposeFromLastMonth, sameWeekdayIn } from '../../web/src/pattern.js';
import type { VisitInput } from '../../src/contract/types.js';

const visit = (date: string, patientId = 'p1'): VisitInput => ({
  kind: 'kyotaku',
  patientId,
  date,
  profession: 'pharmacist',
  reported: true,
});

describe('copy last month pattern', () => {
  it('the 2nd Tuesday of 2024-06 (06-11) becomes the 2nd Tuesday of 2024-07 (07-09)', () => {
    expect(sameWeekdayIn('2024-06-11', '2024-07')).toBe('2024-07-09');
  });

  it('the 1st Monday stays the 1st Monday across a month that starts on a Monday', () => {
    // 2024-07-01 is a Monday: the 1st Monday of June (06-03) → 07-01.
    expect(sameWeekdayIn('2024-06-03', '2024-07')).toBe('2024-07-01');
  });

  it('a 5th weekday the month does not have gives no date (not moved to another day)', () => {
    // 2024-07-29 is the 5th Monday of July; August 2024 has only 4 Mondays.
    expect(sameWeekdayIn('2024-07-29', '2024-08')).toBeUndefined();
    expect(nthWeekday('2024-08', 1, 4)).toBe('2024-08-26');
    expect(nthWeekday('2024-08', 1, 5)).toBeUndefined();
  });

  it('proposals: in date order, a missing weekday is explained, a visit already entered is not repeated', () => {
    const last = [visit('2024-07-29'), visit('2024-07-08'), visit('2024-07-22')];
    const now = [visit('2024-08-12')]; // the 2nd Monday of August is already entered
    const out = proposeFromLastMonth(last, now, '2024-08');
    expect(out.map((p) => [p.from, p.date, p.input ? 'new' : p.note])).toEqual([
      ['2024-07-08', '2024-08-12', '入力済みです'],
      ['2024-07-22', '2024-08-26', 'new'],
      ['2024-07-29', undefined, 'この月には同じ週の同じ曜日がありません'],
    ]);
    expect(out[1]?.input).toEqual({ ...visit('2024-08-26') });
  });

  it('every proposed date is in the target month, on the same weekday and in the same week of the month', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / day, max: Date.UTC(2100, 0, 1) / day }),
        fc.integer({ min: -24, max: 24 }),
        (n, shift) => {
          const from = new Date(n * day).toISOString().slice(0, 10);
          const d = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1 + shift, 1));
          const month = d.toISOString().slice(0, 7);
          const to = sameWeekdayIn(from, month);
          const ordinal = Math.ceil(Number(from.slice(8)) / 7);
          if (to === undefined) {
            expect(ordinal).toBe(5);
            return;
          }
          expect(to.slice(0, 7)).toBe(month);
          expect(new Date(`${to}T00:00:00Z`).getUTCDay()).toBe(new Date(`${from}T00:00:00Z`).getUTCDay());
          expect(Math.ceil(Number(to.slice(8)) / 7)).toBe(ordinal);
        },
      ),
    );
  });
});
