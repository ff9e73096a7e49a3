// santei compare: the same month under its own schedule and under another one (H21-8 vs K24-3, M-7).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseTargetMonth, compare, shiftInput } from '../../../src/app/compare.js';
import { calculate } from '../../../src/santei.js';
import { claimMonthInputSchema } from '../../../src/core/input.js';
import { daysInMonth, weekday } from '../../../src/core/dates.js';
import { runCli as santei } from '../../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'santei-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

/** A pharmacy in 2024-07: P1 at home twice (518 each), P2 (2割) in a paid_home, alone in its building. */
const pharmacy2024 = {
  month: '2024-07',
  office: { id: '1310000050', kind: 'pharmacy' },
  patients: [
    { id: 'P1', care: { level: 'care2', copay: 1 } },
    { id: 'P2', care: { level: 'care4', copay: 2 }, residence: { kind: 'paid_home', buildingId: 'B1' } },
  ],
  records: [
    {
      kind: 'kyotaku',
      id: 'V1',
      patientId: 'P1',
      date: '2024-07-02',
      profession: 'pharmacist',
      reported: true,
    },
    {
      kind: 'kyotaku',
      id: 'V2',
      patientId: 'P1',
      date: '2024-07-16',
      profession: 'pharmacist',
      reported: true,
    },
    {
      kind: 'kyotaku',
      id: 'V3',
      patientId: 'P2',
      date: '2024-07-09',
      profession: 'pharmacist',
      reported: true,
    },
  ],
};

describe('the month the other schedule prices in', () => {
  it('the same number of days and the same weekday on the 1st, inside the other schedule', () => {
    const t = chooseTargetMonth('2024-07', '2009-04', '2012-03')!;
    expect(t.sameLength && t.sameWeekday).toBe(true);
    expect(daysInMonth(+t.month.slice(0, 4), +t.month.slice(5))).toBe(31);
    expect(weekday(`${t.month}-01`)).toBe(weekday('2024-07-01'));
    expect(t.month >= '2009-04' && t.month <= '2012-03').toBe(true);
  });

  it('falls back to the same length when no month has the same weekday, and says so', () => {
    // 2012-02 has 29 days; 2024-06 … 2027-03 has no 29-day February.
    const t = chooseTargetMonth('2012-02', '2024-06', '2027-03')!;
    expect(t.sameLength).toBe(false);
  });

  it('every date moves by the same days, months by whole months, identifiers never', () => {
    const input = claimMonthInputSchema.parse({
      month: '2024-07',
      office: { id: '2024-07-01', kind: 'care_management' },
      patients: [
        {
          id: '2024-07-02',
          care: { level: 'care1', copay: 1, from: '2024-01-01', to: '2025-12-31' },
          contractDate: '2020-05-05',
          stays: [{ kind: 'hospital', from: '2024-06-20', to: '2024-07-03' }],
        },
      ],
      records: [{ kind: 'care_management', id: 'R1', patientId: '2024-07-02', month: '2024-06' }],
    });
    const s = shiftInput(input, -7, -1);
    expect(s.month).toBe('2024-06');
    expect(s.office.id).toBe('2024-07-01');
    expect(s.patients[0]!.id).toBe('2024-07-02');
    expect(s.patients[0]!.care).toMatchObject({ from: '2023-12-25', to: '2025-12-24' });
    expect(s.patients[0]!.contractDate).toBe('2020-04-28');
    expect(s.patients[0]!.stays).toEqual([{ kind: 'hospital', from: '2024-06-13', to: '2024-06-26' }]);
    expect(s.records[0]).toMatchObject({ patientId: '2024-07-02', month: '2024-05' });
  });
});

describe('compare', () => {
  it('prices the other side in a covered month and gives the difference per patient', () => {
    const out = compare(pharmacy2024, '2009-04');
    if (!out.ok || !out.comparison) throw new Error('expected a comparison');
    const c = out.comparison;
    expect(c.own.schedule).toBe('2024-06');
    expect(c.other.schedule).toBe('2009-04');
    expect(c.compared).toEqual(['kyotaku']);
    const p1 = c.patients.find((p) => p.patientId === 'P1')!;
    // K24-3 518 × 2 vs H21-8 500 × 2.
    expect(p1.own.units).toBe(1036);
    expect(p1.other.units).toBe(1000);
    expect(p1.diff).toEqual({ units: -36, yen: -360, insurer: -324, copay: -36 });
    // P2: a paid_home resident → 居住系 350 in 2009; 2割 does not exist there: split at 1割 and said so.
    const p2 = c.patients.find((p) => p.patientId === 'P2')!;
    expect(p2.other.units).toBe(350);
    expect(p2.other.copay).toBe(350);
    expect(c.copayAdjusted).toEqual([{ patientId: 'P2', from: 2, to: 1 }]);
    // The totals are the sums of the two calculations.
    const direct = calculate(pharmacy2024);
    expect(direct.ok && c.totals.own.yen).toBe(direct.ok && direct.result.totals.yen);
    expect(c.totals.diff.yen).toBe(c.totals.other.yen - c.totals.own.yen);
  });

  it('leaves out the services one schedule lacks, on both sides, and lists them', () => {
    const input = {
      ...pharmacy2024,
      office: { id: '1310000050', kind: 'clinic' },
      patients: [
        { id: 'P1', care: { level: 'care2', copay: 1 }, medical: { copay: 3 }, lastExamDate: '2024-07-01' },
      ],
      records: [
        {
          kind: 'kyotaku',
          id: 'V1',
          patientId: 'P1',
          date: '2024-07-02',
          profession: 'doctor',
          reported: true,
        },
        { kind: 'c006', id: 'C1', patientId: 'P1', date: '2024-07-03', units: 1 },
      ],
    };
    const out = compare(input, '2009-04');
    if (!out.ok || !out.comparison) throw new Error('expected a comparison');
    expect(out.comparison.compared).toEqual(['kyotaku']);
    expect(out.comparison.excluded.map((e) => e.service)).toEqual(['c006']);
    expect(out.comparison.own.result.claims.map((c) => c.serviceType)).toEqual(['31']);
  });

  it('a 2009 居宅介護支援 month against 2024-06: no common service → a note, exit 0', async () => {
    const p = file('cm.json', {
      month: '2009-09',
      office: { id: '1310000010', kind: 'care_management' },
      patients: [{ id: 'C1', care: { level: 'care1', copay: 1 } }],
      records: [{ kind: 'care_management', id: 'R1', patientId: 'C1' }],
    });
    const r = await santei(['compare', '--schedule', '2024-06', p]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('比較できません');
  });
});

describe('santei compare (CLI)', () => {
  it('prints the difference per patient in Japanese, exit 0', async () => {
    const r = await santei(['compare', '--schedule', '2009-04', file('ph.json', pharmacy2024)]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('利用者 P1');
    expect(r.out).toContain('差（2009-04 − 2024-06）: -36単位  -360円');
    expect(r.out).toContain('2割負担は算定表 2009-04 にないため');
    expect(r.out).toMatch(/2009-04 側は 20\d\d-\d\d のサービスとして算定しました/);
  });

  it('--json gives the comparison as data', async () => {
    const r = await santei(['compare', '--schedule', '2009-04', '--json', file('ph2.json', pharmacy2024)]);
    const c = JSON.parse(r.out);
    expect(c.patients.map((p: { patientId: string }) => p.patientId)).toEqual(['P1', 'P2']);
  });

  it.each([
    ['no --schedule', (p: string) => ['compare', p], '使い方'],
    [
      'an unknown schedule',
      (p: string) => ['compare', '--schedule', '1999-01', p],
      '算定表 "1999-01" はありません',
    ],
    ['the input month’s own schedule', (p: string) => ['compare', '--schedule', '2024-06', p], '別の算定表'],
    [
      'an unknown option',
      (p: string) => ['compare', '--schedule', '2009-04', '--frobnicate', p],
      'santei compare',
    ],
  ])('bad usage or input: %s → exit 2, nothing on stdout', async (_name, args, text) => {
    const r = await santei(args(file('ok.json', pharmacy2024)));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(text);
  });

  it('unparseable JSON or an invalid input → exit 2 with the problem', async () => {
    const a = await santei(['compare', '--schedule', '2009-04', file('bad.json', '{')]);
    expect(a.code).toBe(2);
    expect(a.err).toContain('JSON');
    const b = await santei([
      'compare',
      '--schedule',
      '2009-04',
      file('bad2.json', { ...pharmacy2024, month: '2024-13' }),
    ]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('month:');
  });
});
