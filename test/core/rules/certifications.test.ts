// K24-1a with several certification periods in one month (`care` plus `certifications`), and M-7 on them.
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';

const office = { id: '1310000001', kind: 'clinic' };
const visit = (id: string, date: string) => ({
  kind: 'kyotaku',
  id,
  patientId: 'P1',
  date,
  profession: 'doctor',
  reported: true,
});

describe('K24-1a certification periods', () => {
  it('K24-1a a level change on 07-15 (要支援2 → 要介護1) bills 07-14 as type 34 and 07-15 as type 31', () => {
    const out = calculate({
      month: '2024-07',
      office,
      patients: [
        {
          id: 'P1',
          care: { level: 'support2', copay: 1, from: '2023-07-01', to: '2024-07-14' },
          certifications: [{ level: 'care1', copay: 2, from: '2024-07-15', to: '2025-07-31' }],
        },
      ],
      records: [visit('V1', '2024-07-14'), visit('V2', '2024-07-15')],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const byType = Object.fromEntries(out.result.claims.map((c) => [c.serviceType, c]));
    expect(byType['34']?.lines[0]?.recordIds).toEqual(['V1']);
    expect(byType['31']?.lines[0]?.recordIds).toEqual(['V2']);
    // M-4: each claim uses the copay rate of its own period (1割 then 2割).
    expect(byType['34']?.copay).toBe(515);
    expect(byType['31']?.copay).toBe(1030);
  });

  it('K24-1a a day between two periods is NOT_CERTIFIED; the days inside them are billed', () => {
    const out = calculate({
      month: '2024-07',
      office,
      patients: [
        {
          id: 'P1',
          care: { level: 'care2', copay: 1, to: '2024-07-09' },
          certifications: [{ level: 'care2', copay: 1, from: '2024-07-11' }],
        },
      ],
      records: [visit('V1', '2024-07-09'), visit('V2', '2024-07-10'), visit('V3', '2024-07-11')],
    });
    if (!out.ok) throw new Error('bad input');
    expect(out.result.rejections.map((r) => [r.recordId, r.code])).toEqual([['V2', 'NOT_CERTIFIED']]);
    expect(out.result.claims[0]?.lines[0]?.recordIds).toEqual(['V1', 'V3']);
  });

  it('overlapping periods are bad input naming the second period', () => {
    const out = calculate({
      month: '2024-07',
      office,
      patients: [
        {
          id: 'P1',
          care: { level: 'care2', copay: 1, to: '2024-07-20' },
          certifications: [{ level: 'care3', copay: 1, from: '2024-07-15' }],
        },
      ],
      records: [],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems[0]?.path).toBe('patients[0].certifications[0]');
  });
});

describe('H21-4a certification periods in a care-management month', () => {
  it('H21-4a a change from 要支援2 to 要介護3 on 2009-09-20 bills the month as 居宅介護支援 (43) at the 要介護3 fee', () => {
    const out = calculate({
      month: '2009-09',
      office: { id: '1310000010', kind: 'care_management' },
      patients: [
        {
          id: 'P1',
          care: { level: 'support2', copay: 1, to: '2009-09-19' },
          certifications: [{ level: 'care3', copay: 1, from: '2009-09-20' }],
          contractDate: '2009-01-10',
        },
      ],
      records: [{ kind: 'care_management', id: 'R1', patientId: 'P1' }],
    });
    if (!out.ok) throw new Error('bad input');
    expect(out.result.claims.map((c) => [c.serviceType, c.units])).toEqual([['43', 1300]]);
  });
});

describe('K24-2c names the staff members', () => {
  it('K24-2c the refusal names both pharmacists by staffName when given', () => {
    const rec = (id: string, date: string, staffId: string, staffName: string) => ({
      kind: 'kyotaku',
      id,
      patientId: 'P1',
      date,
      profession: 'pharmacist',
      reported: true,
      staffId,
      staffName,
    });
    const out = calculate({
      month: '2024-07',
      office: { id: '1342007893', kind: 'pharmacy' },
      patients: [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      records: [rec('V1', '2024-07-02', 'u-1', '伊藤 健'), rec('V2', '2024-07-16', 'u-2', '佐藤 由美')],
    });
    if (!out.ok) throw new Error('bad input');
    const r = out.result.rejections[0]!;
    expect([r.recordId, r.code]).toEqual(['V2', 'SECOND_PRACTITIONER']);
    expect(r.message).toContain('伊藤 健');
    expect(r.message).toContain('佐藤 由美');
    expect(r.message).not.toContain('u-1');
  });
});
