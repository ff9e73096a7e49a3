// dates.ts: calendar arithmetic without a clock, each function with the rule it serves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isIsoMonth,
  lastDayOfMonth,
  monthOf,
  monthRange,
  monthsPeriodEnd,
  sameDayMonthsLater,
  weekday,
  weekStart,
  withinMonthsFrom,
} from '../../src/core/dates.js';

const anyDay = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2100-12-31') });

describe('contract isIsoDate / isIsoMonth: a date that does not exist is bad input', () => {
  it.each(['2024-02-29', '2024-07-31', '2000-02-29', '2024-12-31', '2024-01-01'])(
    'contract %s is a date',
    (s) => {
      expect(isIsoDate(s)).toBe(true);
    },
  );

  it.each([
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-07-00',
    '2024-7-01',
    '2024-07-01T00:00',
    '',
  ])('contract %j is not a date', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('contract months: 2024-07 and 2009-04 are months; 2024-13, 2024-7, 2024-07-01 are not', () => {
    expect(isIsoMonth('2024-07')).toBe(true);
    expect(isIsoMonth('2009-04')).toBe(true);
    expect(isIsoMonth('2024-13')).toBe(false);
    expect(isIsoMonth('2024-00')).toBe(false);
    expect(isIsoMonth('2024-7')).toBe(false);
    expect(isIsoMonth('2024-07-01')).toBe(false);
  });

  it('contract daysInMonth: leap years (2024, 2000) and not (2023, 2100)', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});

describe('O2 dayNumber / fromDayNumber / addDays: 中6日 by date difference', () => {
  it('O2 day numbers count days since 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-07-08') - dayNumber('2024-07-01')).toBe(7); // 中6日 (K24-5b)
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2); // leap day
    expect(dayNumber('2025-01-01') - dayNumber('2024-12-31')).toBe(1);
  });

  it('O2 addDays across a month, a leap day and a year', () => {
    expect(addDays('2024-07-29', 7)).toBe('2024-08-05');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-07-20', 29)).toBe('2024-08-18'); // K24-5c day 30 of a window from 07-20
    expect(addDays('2024-07-01', -1)).toBe('2024-06-30');
  });

  it('O2 fromDayNumber(dayNumber(d)) = d and addDays(d, n) − d = n for any date', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -400, max: 400 }), (n, k) => {
        const d = fromDayNumber(n);
        expect(isIsoDate(d)).toBe(true);
        expect(dayNumber(d)).toBe(n);
        expect(dayNumber(addDays(d, k)) - n).toBe(k);
      }),
    );
  });
});

describe('K24-5b weekday / weekStart: weeks run Sunday–Saturday', () => {
  it('K24-5b 2024-07-07 is a Sunday, 2024-07-06 a Saturday, 2024-07-01 a Monday', () => {
    expect(weekday('2024-07-07')).toBe(0);
    expect(weekday('2024-07-06')).toBe(6);
    expect(weekday('2024-07-01')).toBe(1);
    expect(weekday('1970-01-01')).toBe(4); // a Thursday
  });

  it('K24-5b a Saturday belongs to the week that began the Sunday before; a Sunday starts its own week', () => {
    expect(fromDayNumber(weekStart(dayNumber('2024-07-06')))).toBe('2024-06-30');
    expect(fromDayNumber(weekStart(dayNumber('2024-07-07')))).toBe('2024-07-07');
    expect(fromDayNumber(weekStart(dayNumber('2024-07-13')))).toBe('2024-07-07');
  });

  it('K24-5b weekStart is a Sunday at most 6 days before, for any date; weekday agrees with the calendar', () => {
    fc.assert(
      fc.property(anyDay, (n) => {
        const s = weekStart(n);
        expect(n - s).toBeGreaterThanOrEqual(0);
        expect(n - s).toBeLessThan(7);
        expect(weekday(fromDayNumber(s))).toBe(0);
        expect(weekday(fromDayNumber(n))).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });
});

describe('contract months: monthOf, addMonths, monthRange, lastDayOfMonth (history = other months)', () => {
  it('contract monthOf gives the service month of a date', () => {
    expect(monthOf('2024-07-31')).toBe('2024-07');
  });

  it('contract addMonths across years, both ways', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-07', 0)).toBe('2024-07');
    expect(addMonths('2024-07', 24)).toBe('2026-07');
    expect(addMonths('2024-07', -19)).toBe('2022-12');
  });

  it('contract monthRange is inclusive', () => {
    expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthRange('2024-07', '2024-07')).toEqual(['2024-07']);
    expect(monthRange('2024-08', '2024-07')).toEqual([]);
  });

  it('contract lastDayOfMonth', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2023-02')).toBe('2023-02-28');
    expect(lastDayOfMonth('2024-07')).toBe('2024-07-31');
    expect(lastDayOfMonth('2024-06')).toBe('2024-06-30');
  });
});

describe("C006-2c / C006-4b sameDayMonthsLater: the same day n months later, or the month's last day", () => {
  it('C006-2c the same day n months later (examined 06-15 → 07-15)', () => {
    expect(sameDayMonthsLater('2024-06-15', 1)).toBe('2024-07-15');
    expect(sameDayMonthsLater('2024-03-15', 3)).toBe('2024-06-15');
    expect(sameDayMonthsLater('2024-11-10', 3)).toBe('2025-02-10');
  });

  it('C006-2c when the later month is shorter, its last day', () => {
    expect(sameDayMonthsLater('2024-01-31', 1)).toBe('2024-02-29');
    expect(sameDayMonthsLater('2023-01-31', 1)).toBe('2023-02-28');
    expect(sameDayMonthsLater('2024-08-31', 1)).toBe('2024-09-30');
    expect(sameDayMonthsLater('2024-01-30', 1)).toBe('2024-02-29');
    expect(sameDayMonthsLater('2024-01-28', 1)).toBe('2024-02-28');
  });
});

describe('D13 monthsPeriodEnd: 「…から起算して…月」 ends under 民法 第143条', () => {
  it('D13 the day before the same date n months later (05-10 → 08-09; 10-31 → 01-30)', () => {
    expect(monthsPeriodEnd('2024-05-10', 3)).toBe('2024-08-09');
    expect(monthsPeriodEnd('2024-10-31', 3)).toBe('2025-01-30');
    expect(monthsPeriodEnd('2024-12-01', 3)).toBe('2025-02-28');
    expect(monthsPeriodEnd('2024-08-31', 2)).toBe('2024-10-30');
  });

  it('D13 the end of the month when it has no such date (11-30 → 02-28; a leap year 02-29)', () => {
    expect(monthsPeriodEnd('2024-11-30', 3)).toBe('2025-02-28');
    expect(monthsPeriodEnd('2024-11-29', 3)).toBe('2025-02-28');
    expect(monthsPeriodEnd('2023-11-30', 3)).toBe('2024-02-29');
    expect(monthsPeriodEnd('2023-11-29', 3)).toBe('2024-02-28'); // 2024-02-29 exists: the day before
    expect(monthsPeriodEnd('2010-12-31', 2)).toBe('2011-02-28');
    expect(monthsPeriodEnd('2024-05-31', 1)).toBe('2024-06-30');
  });

  it('D13 withinMonthsFrom: from the first day through the end, both sides of each boundary', () => {
    expect(withinMonthsFrom('2024-11-30', 3, '2024-11-29')).toBe(false);
    expect(withinMonthsFrom('2024-11-30', 3, '2024-11-30')).toBe(true);
    expect(withinMonthsFrom('2024-11-30', 3, '2025-02-27')).toBe(true);
    expect(withinMonthsFrom('2024-11-30', 3, '2025-02-28')).toBe(true);
    expect(withinMonthsFrom('2024-11-30', 3, '2025-03-01')).toBe(false);
    expect(withinMonthsFrom('2024-10-31', 3, '2025-01-30')).toBe(true);
    expect(withinMonthsFrom('2024-10-31', 3, '2025-01-31')).toBe(false);
    expect(withinMonthsFrom('2023-11-30', 3, '2024-02-29')).toBe(true);
    expect(withinMonthsFrom('2023-11-30', 3, '2024-03-01')).toBe(false);
  });

  it('D13 for any first day, the period ends in the n-th month after it, and the next day starts a new count', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 12 }), (n, months) => {
        const first = fromDayNumber(n);
        const end = monthsPeriodEnd(first, months);
        const target = addMonths(monthOf(first), months);
        // The end is in the target month, or it is the last day of the month before it (the first day was a 1st).
        const next = addDays(end, 1);
        expect(monthOf(end) === target || monthOf(next) === target).toBe(true);
        // Within the period the same date of the target month has not been reached; the day after the end has.
        expect(next >= sameDayMonthsLater(first, months)).toBe(true);
        expect(end < sameDayMonthsLater(first, months) || end === lastDayOfMonth(target)).toBe(true);
      }),
    );
  });
});

describe('dayNumber reads the date in place', () => {
  it('equals Date.UTC for every day from 1900-01-01 to 2200-12-31', () => {
    let wrong: string | undefined;
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2200, 11, 31) && !wrong; t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (dayNumber(iso) !== t / 86_400_000) wrong = iso;
    }
    expect(wrong).toBeUndefined();
  });
});

describe('weekday', () => {
  it('counts back before 1970 too (a birth date): 1940-03-15 was a Friday, 1969-12-31 a Wednesday', () => {
    expect(weekday('1940-03-15')).toBe(5);
    expect(weekday('1969-12-31')).toBe(3);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2024-07-05')).toBe(5);
  });
});
