// The visit date field of the visit entry (web/src/dayInput.ts).
import { describe, expect, it } from 'vitest';
import { parseVisitDate, visitDateText } from '../../web/src/dayInput.js';

describe('visit date typed from a paper log', () => {
  it('a day alone is that day of the service month', () => {
    expect(parseVisitDate('5', '2024-07')).toBe('2024-07-05');
    expect(parseVisitDate('31', '2024-07')).toBe('2024-07-31');
    expect(parseVisitDate('５日', '2024-07')).toBe('2024-07-05');
  });

  it('a day the month does not have is not a date (both sides of the month end)', () => {
    expect(parseVisitDate('30', '2024-06')).toBe('2024-06-30');
    expect(parseVisitDate('31', '2024-06')).toBeNull();
    expect(parseVisitDate('29', '2024-02')).toBe('2024-02-29');
    expect(parseVisitDate('29', '2023-02')).toBeNull();
    expect(parseVisitDate('0', '2024-07')).toBeNull();
  });

  it('month/day, Japanese and full dates', () => {
    expect(parseVisitDate('7/9', '2024-07')).toBe('2024-07-09');
    expect(parseVisitDate('8/1', '2024-07')).toBe('2024-08-01');
    expect(parseVisitDate('7月9日', '2024-07')).toBe('2024-07-09');
    expect(parseVisitDate('2024-07-09', '2024-07')).toBe('2024-07-09');
    expect(parseVisitDate('2024/7/9', '2024-07')).toBe('2024-07-09');
    expect(parseVisitDate('20240709', '2024-07')).toBe('2024-07-09');
    expect(parseVisitDate('２０２４年７月９日', '2024-07')).toBe('2024-07-09');
  });

  it('anything else is not a date', () => {
    for (const t of ['', 'abc', '7/', '/9', '2024-13-01', '123', '7/9/1']) {
      expect(parseVisitDate(t, '2024-07'), t).toBeNull();
    }
  });

  it('shows a date of the month as m/d, and round-trips', () => {
    expect(visitDateText('2024-07-09', '2024-07')).toBe('7/9');
    expect(visitDateText('2024-08-01', '2024-07')).toBe('2024-08-01');
    for (let d = 1; d <= 31; d++) {
      const date = `2024-07-${String(d).padStart(2, '0')}`;
      expect(parseVisitDate(visitDateText(date, '2024-07'), '2024-07')).toBe(date);
    }
  });
});
