// The 公費 table (src/schedules/kohi): dated, cited data, one row per 法別 and month, 生活保護 last.
import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/core/dates.js';
import { kohiLawsForMonth, kohiRowFor, type KohiLawRow } from '../../src/core/kohi.js';
import { covers } from '../../src/core/schedule.js';
import { kohiTable } from '../../src/schedules/kohi/index.js';

const months = monthRange('2000-04', '2030-12');

function citedValues(r: KohiLawRow) {
  return [r.serviceTypes, r.benefitRate, r.order, r.capKind, r.paysUninsured, r.patientShareCeiling].filter(
    (c) => c !== undefined,
  );
}

describe('公費 table', () => {
  it('every value has a source marked [C] or [U], and every row its own source', () => {
    for (const r of kohiTable.rows) {
      expect(r.source.length, r.law).toBeGreaterThan(10);
      for (const c of citedValues(r))
        expect(c.source, `${r.law} ${JSON.stringify(c.value)}`).toMatch(/\[[CU]\]/);
    }
  });

  it('no month has two rows of one 法別', () => {
    for (const m of months) {
      const laws = kohiTable.rows.filter((r) => covers(r.months, m)).map((r) => r.law);
      expect(new Set(laws).size, m).toBe(laws.length);
    }
  });

  it('KOHI-1 the order of application is strict in every month, and 生活保護 (12) comes last', () => {
    for (const m of months) {
      const rows = kohiTable.rows.filter((r) => covers(r.months, m));
      const orders = rows.map((r) => r.order.value);
      expect(new Set(orders).size, m).toBe(orders.length);
      const seiho = rows.find((r) => r.law === '12');
      expect(seiho, m).toBeDefined();
      expect(seiho!.order.value, m).toBe(Math.max(...orders));
    }
  });

  it('rows are selected by service month: 54 from 2015-01 (難病法), none before — never a default', () => {
    expect(kohiRowFor(kohiTable, '54', '2014-12')).toBeUndefined();
    expect(kohiRowFor(kohiTable, '54', '2015-01')?.name).toBe('特定医療費（指定難病）');
    expect(kohiRowFor(kohiTable, '12', '2000-03')).toBeUndefined();
    expect(kohiRowFor(kohiTable, '12', '2000-04')?.law).toBe('12');
    expect(kohiRowFor(kohiTable, '51', '2024-07')).toBeUndefined();
    expect(kohiLawsForMonth(kohiTable, '2009-06')).toEqual(['12']);
    expect(kohiLawsForMonth(kohiTable, '2024-07').sort()).toEqual(['12', '54']);
  });

  it('both rows cover 居宅療養管理指導 (31) and 介護予防居宅療養管理指導 (34), and no 医療保険 claim', () => {
    for (const r of kohiTable.rows) {
      expect(r.serviceTypes.value, r.law).toEqual(expect.arrayContaining(['31', '34']));
      expect(r.serviceTypes.value, r.law).not.toContain('C006');
      expect(r.benefitRate.value).toBeGreaterThan(0);
      expect(r.benefitRate.value).toBeLessThanOrEqual(100);
    }
  });

  it('each 法別 limits the patient’s part its own way: 12 by 本人支払額, 54 by the monthly cap and 2割', () => {
    expect(kohiRowFor(kohiTable, '12', '2024-07')).toMatchObject({ capKind: { value: 'self_pay' } });
    expect(kohiRowFor(kohiTable, '12', '2024-07')?.patientShareCeiling).toBeUndefined();
    expect(kohiRowFor(kohiTable, '54', '2024-07')).toMatchObject({
      capKind: { value: 'monthly_cap' },
      patientShareCeiling: { value: 2 },
    });
  });
});
