// Dates as a clerk types them in every date field (src/contract/dateText.ts): the paper log's shorthand,
// the calendar and 和暦, shown back in 和暦 with the weekday.
import { describe, expect, it } from 'vitest';
import {
  dateFieldText,
  dateTextProblem,
  formatDateJa,
  parseDateText,
  readDateText,
} from '../../src/contract/dateText.js';

describe('the paper log’s shorthand, in the month being worked on', () => {
  it('a day alone is that day of the service month', () => {
    expect(parseDateText('5', '2024-07')).toBe('2024-07-05');
    expect(parseDateText('31', '2024-07')).toBe('2024-07-31');
    expect(parseDateText('５日', '2024-07')).toBe('2024-07-05');
  });

  it('a day the month does not have is not a date (both sides of the month end)', () => {
    expect(parseDateText('30', '2024-06')).toBe('2024-06-30');
    expect(parseDateText('31', '2024-06')).toBeNull();
    expect(parseDateText('29', '2024-02')).toBe('2024-02-29');
    expect(parseDateText('29', '2023-02')).toBeNull();
    expect(parseDateText('0', '2024-07')).toBeNull();
  });

  it('month/day in the service month’s year', () => {
    expect(parseDateText('7/9', '2024-07')).toBe('2024-07-09');
    expect(parseDateText('8/1', '2024-07')).toBe('2024-08-01');
    expect(parseDateText('7月9日', '2024-07')).toBe('2024-07-09');
  });

  it('without a month being worked on, the shorthand is refused and says to give the year', () => {
    expect(parseDateText('5')).toBeNull();
    expect(dateTextProblem('生年月日', '7/5')).toBe(
      '生年月日: 「7/5」には年がありません（例: 2024-07-05、令和6年7月5日、R6.7.5）',
    );
  });

  it('shows a date of the month as m/d, and round-trips', () => {
    expect(dateFieldText('2024-07-09', '2024-07')).toBe('7/9');
    expect(dateFieldText('2024-08-01', '2024-07')).toBe('2024-08-01');
    expect(dateFieldText('2024-08-01')).toBe('2024-08-01');
    for (let d = 1; d <= 31; d++) {
      const date = `2024-07-${String(d).padStart(2, '0')}`;
      expect(parseDateText(dateFieldText(date, '2024-07'), '2024-07')).toBe(date);
    }
  });
});

describe('calendar dates', () => {
  it('ISO, slashes, 年月日, eight digits, full-width', () => {
    for (const t of [
      '2024-07-09',
      '2024/7/9',
      '2024.7.9',
      '2024年7月9日',
      '20240709',
      '２０２４年７月９日',
    ]) {
      expect(parseDateText(t, '2024-07'), t).toBe('2024-07-09');
      expect(parseDateText(t), t).toBe('2024-07-09');
    }
  });

  it('a year outside 1900–2200 is refused with the field’s name (40830 from a native picker)', () => {
    expect(dateTextProblem('開始日', '40830-07-05')).toBe(
      '開始日: 40830年は入力できません（1900〜2200年の日付を入れてください）',
    );
    expect(parseDateText('1899-12-31')).toBeNull();
    expect(parseDateText('1900-01-01')).toBe('1900-01-01');
    expect(parseDateText('2200-12-31')).toBe('2200-12-31');
    expect(parseDateText('2201-01-01')).toBeNull();
  });

  it('anything else is not a date, and the message says what to enter', () => {
    for (const t of ['abc', '7/', '/9', '2024-13-01', '123', '7/9/1', '2024-02-30']) {
      expect(parseDateText(t, '2024-07'), t).toBeNull();
      expect(readDateText(t, '2024-07').kind, t).toBe('invalid');
    }
    expect(dateTextProblem('訪問日', 'abc', '2024-07')).toBe(
      '訪問日: 「abc」は日付として読めません（例: 5、7/5、2024-07-05、令和6年7月5日、R6.7.5）',
    );
    expect(dateTextProblem('送付日', '2024-02-30')).toBe('送付日: 2024年2月30日という日はありません');
    expect(readDateText('  ').kind).toBe('empty');
    expect(dateTextProblem('送付日', '')).toBeNull();
  });
});

describe('和暦', () => {
  it('令和6年7月5日, R6.7.5, r6/7/5, R060705 are 2024-07-05', () => {
    for (const t of [
      '令和6年7月5日',
      'R6.7.5',
      'r6/7/5',
      'R6-7-5',
      'R060705',
      '令和６年７月５日',
      'R6年7月5日',
    ]) {
      expect(parseDateText(t), t).toBe('2024-07-05');
    }
  });

  it('平成 for the 2009 months: 平成21年10月1日, H21.10.1', () => {
    expect(parseDateText('平成21年10月1日')).toBe('2009-10-01');
    expect(parseDateText('H21.10.1')).toBe('2009-10-01');
  });

  it('昭和 and 大正 for birth dates', () => {
    expect(parseDateText('昭和15年3月15日')).toBe('1940-03-15');
    expect(parseDateText('S3.1.1')).toBe('1928-01-01');
    expect(parseDateText('大正15年12月24日')).toBe('1926-12-24');
  });

  it('元年, and the first and last day of an era (令和 from 2019-05-01)', () => {
    expect(parseDateText('令和元年5月1日')).toBe('2019-05-01');
    expect(parseDateText('平成31年4月30日')).toBe('2019-04-30');
    expect(parseDateText('平成31年5月1日')).toBeNull();
    expect(dateTextProblem('訪問日', '平成31年5月1日')).toBe(
      '訪問日: 平成は平成元年1月8日から平成31年4月30日までです（2019-05-01 は令和元年5月1日）',
    );
    expect(parseDateText('令和1年4月30日')).toBeNull();
    expect(parseDateText('令和0年5月1日')).toBeNull();
  });

  it('shows a date back in 和暦 with its weekday', () => {
    expect(formatDateJa('2024-07-05')).toBe('令和6年7月5日（金）');
    expect(formatDateJa('2009-10-01')).toBe('平成21年10月1日（木）');
  });
});
