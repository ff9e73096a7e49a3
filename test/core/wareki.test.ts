import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatWareki, warekiYear } from '../../src/core/wareki.js';

describe('formatWareki (和暦)', () => {
  it('formats a service month: 2024-07 is 令和6年7月', () => {
    expect(formatWareki('2024-07')).toBe('令和6年7月');
  });

  it('formats a date: 2024-07-01 is 令和6年7月1日', () => {
    expect(formatWareki('2024-07-01')).toBe('令和6年7月1日');
  });

  it('令和 starts on 2019-05-01; the day before is 平成31年', () => {
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
  });

  it('2019-04 is 平成31年4月 and 2019-05 is 令和元年5月', () => {
    expect(formatWareki('2019-04')).toBe('平成31年4月');
    expect(formatWareki('2019-05')).toBe('令和元年5月');
    expect(formatWareki('2020-01')).toBe('令和2年1月');
  });

  it('the 2009 schedule month is 平成21年4月', () => {
    expect(formatWareki('2009-04')).toBe('平成21年4月');
  });

  it('平成 starts on 1989-01-08; a patient born before is 昭和', () => {
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWareki('1926-12-24')).toBe('大正15年12月24日');
    expect(formatWareki('1926-12-25')).toBe('昭和元年12月25日');
    expect(formatWareki('1940-03-15')).toBe('昭和15年3月15日');
  });

  it('refuses what is not an ISO month or date, and dates before 大正', () => {
    expect(() => formatWareki('2024-13')).toThrow(RangeError);
    expect(() => formatWareki('2024-02-30')).toThrow(RangeError);
    expect(() => formatWareki('令和6年')).toThrow(RangeError);
    expect(() => formatWareki('1912-07-29')).toThrow(RangeError);
  });

  it('every date from 2019-05-01 is 令和 (year − 2018), every date before it back to 1989-01-08 is 平成 (year − 1988)', () => {
    const day = 86_400_000;
    const reiwaStart = Date.UTC(2019, 4, 1) / day;
    const heiseiStart = Date.UTC(1989, 0, 8) / day;
    const iso = (n: number) => new Date(n * day).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: heiseiStart, max: reiwaStart + 80 * 366 }), (n) => {
        const d = iso(n);
        const y = Number(d.slice(0, 4));
        const w = warekiYear(d);
        if (n >= reiwaStart) expect(w).toEqual({ era: '令和', year: y - 2018 });
        else expect(w).toEqual({ era: '平成', year: y - 1988 });
        // The formatted date ends in its own month and day (no zero padding).
        const text = formatWareki(d);
        expect(text.endsWith(`${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`)).toBe(true);
      }),
    );
  });
});
