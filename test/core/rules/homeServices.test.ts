// 訪問介護 / 訪問看護 / 訪問リハビリテーション, 2009 (spec/revision-2009.md H21-1 … H21-3,
// H21-5 … H21-7; money.md M-1 … M-5).
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';
import { addDays } from '../../../src/core/dates.js';
import type { Claim, ClaimMonthResult, Rejection } from '../../../src/core/result.js';

type Json = Record<string, unknown>;

const MONTH = '2010-06';

function patient(id: string, extra: Json = {}): Json {
  return { id, care: { level: 'care2', copay: 1 }, ...extra };
}

function help(
  id: string,
  patientId: string,
  date: string,
  category = 'body_under30',
  extra: Json = {},
): Json {
  return { kind: 'home_help', id, patientId, date, category, ...extra };
}

function rehab(id: string, patientId: string, date: string, minutes: number): Json {
  return { kind: 'home_rehab', id, patientId, date, minutes };
}

function run(office: Json, patients: Json[], records: Json[], month = MONTH): ClaimMonthResult {
  const out = calculate({ month, office: { id: '1310000020', ...office }, patients, records });
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return out.result;
}

const helpOffice = (extra: Json = {}): Json => ({ kind: 'home_help', ...extra });

function claim(r: ClaimMonthResult, pid: string): Claim | undefined {
  return r.claims.find((c) => c.patientId === pid);
}

function rejections(r: ClaimMonthResult): Rejection[] {
  return r.rejections.filter((x) => x.code !== 'HISTORY');
}

const day = (d: number): string => addDays(`${MONTH}-01`, d - 1);

describe('H21-5a 訪問介護 units', () => {
  it('H21-5a: 身体介護 under 30 minutes 254, 生活援助 30 minutes to 1 hour 229, type 11', () => {
    const r = run(
      helpOffice(),
      [patient('A')],
      [help('V1', 'A', day(1)), help('V2', 'A', day(2)), help('V3', 'A', day(3), 'life_30to60')],
    );
    const c = claim(r, 'A')!;
    expect(c.serviceType).toBe('11');
    expect(c.lines.map((l) => [l.item, l.unitsEach, l.count, l.rule])).toEqual([
      ['home_help.body_under30', 254, 2, 'H21-5a'],
      ['home_help.life_30to60', 229, 1, 'H21-5a'],
    ]);
    expect(c.units).toBe(737);
  });

  it('H21-5a: any other category → NOT_IN_SCHEDULE (also a name that exists on every object)', () => {
    const r = run(
      helpOffice(),
      [patient('A')],
      [
        help('V1', 'A', day(1), 'body_30to60'),
        help('V2', 'A', day(2), 'constructor'),
        help('V3', 'A', day(3)),
      ],
    );
    expect(rejections(r).map((x) => [x.recordId, x.code, x.rule])).toEqual([
      ['V1', 'NOT_IN_SCHEDULE', 'H21-5a'],
      ['V2', 'NOT_IN_SCHEDULE', 'H21-5a'],
    ]);
    expect(rejections(r)[0]!.message).toContain('body_30to60');
    expect(claim(r, 'A')!.units).toBe(254);
  });

  it('M-3 … M-5 / H21-2: 4 × 254 in 特別区 at 11.05 → 11,226 円, insurer 10,103, copay 1,123', () => {
    const r = run(
      helpOffice({ region: 'tokubetsu_ku' }),
      [patient('A')],
      [1, 2, 3, 4].map((d) => help(`V${d}`, 'A', day(d))),
    );
    expect(claim(r, 'A')).toMatchObject({
      units: 1016,
      unitPrice: 11.05,
      yen: 11226,
      insurer: 10103,
      copay: 1123,
    });
  });
});

describe('H21-5b / H21-5c 訪問介護 additions', () => {
  it('H21-5c: 初回加算 200 once in the month, 緊急時 100 a 身体介護 visit', () => {
    const r = run(
      helpOffice(),
      [patient('A')],
      [
        help('V1', 'A', day(1), 'body_under30', { firstMonth: true, additions: ['emergency'] }),
        help('V2', 'A', day(2), 'body_under30', { firstMonth: true, additions: ['emergency'] }),
      ],
    );
    const c = claim(r, 'A')!;
    expect(c.lines.find((l) => l.item === 'home_help.addition.first')).toMatchObject({
      unitsEach: 200,
      count: 1,
    });
    expect(c.lines.find((l) => l.item === 'home_help.addition.emergency')).toMatchObject({
      unitsEach: 100,
      count: 2,
    });
    expect(c.units).toBe(2 * 254 + 200 + 200);
  });

  it('H21-5c: 緊急時訪問介護加算 on a 生活援助 visit → REQUIREMENT_NOT_MET for the addition only', () => {
    const r = run(
      helpOffice(),
      [patient('A')],
      [help('V1', 'A', day(1), 'life_30to60', { additions: ['emergency'] })],
    );
    expect(rejections(r).map((x) => [x.code, x.addition, x.rule])).toEqual([
      ['REQUIREMENT_NOT_MET', 'emergency', 'H21-5c'],
    ]);
    expect(claim(r, 'A')!.units).toBe(229);
  });

  it('H21-5c: no 初回加算 without a flagged record', () => {
    const r = run(helpOffice(), [patient('A')], [help('V1', 'A', day(1))]);
    expect(claim(r, 'A')!.units).toBe(254);
  });

  it('H21-5b / M-1: (Ⅰ) 20% of the visit units only: 1,016 → 203.2 → 203 (初回・緊急時 not in the base)', () => {
    const r = run(
      helpOffice({ specificOffice: 'I' }),
      [patient('A')],
      [
        help('V1', 'A', day(1), 'body_under30', { firstMonth: true, additions: ['emergency'] }),
        ...[2, 3, 4].map((d) => help(`V${d}`, 'A', day(d))),
      ],
    );
    const l = claim(r, 'A')!.lines.find((x) => x.item.startsWith('home_help.addition.specific_office'))!;
    expect(l).toMatchObject({
      unitsEach: 203,
      count: 1,
      rule: 'H21-5b M-1',
      item: 'home_help.addition.specific_office.I',
    });
    expect(l.recordIds).toEqual(['V1', 'V2', 'V3', 'V4']);
    expect(claim(r, 'A')!.units).toBe(1016 + 200 + 100 + 203);
  });

  it('H21-5b / M-1: (Ⅱ) and (Ⅲ) 10%, half up: 5 × 229 = 1,145 → 114.5 → 115; 4 × 229 = 916 → 91.6 → 92', () => {
    for (const grade of ['II', 'III']) {
      const five = run(
        helpOffice({ specificOffice: grade }),
        [patient('A')],
        [1, 2, 3, 4, 5].map((d) => help(`V${d}`, 'A', day(d), 'life_30to60')),
      );
      expect(claim(five, 'A')!.units).toBe(1145 + 115);
      const four = run(
        helpOffice({ specificOffice: grade }),
        [patient('A')],
        [1, 2, 3, 4].map((d) => help(`V${d}`, 'A', day(d), 'life_30to60')),
      );
      expect(claim(four, 'A')!.units).toBe(916 + 92);
    }
  });
});

describe('H21-3 中山間地域等 for 訪問介護 and 訪問リハ', () => {
  /** `n` visits of 身体介護 spread over 4 patients. */
  function visits(n: number): { patients: Json[]; records: Json[] } {
    const patients = ['A', 'B', 'C', 'D'].map((id) => patient(id));
    const records = Array.from({ length: n }, (_, i) =>
      help(`V${i + 1}`, patients[i % 4]!.id as string, day((i % 28) + 1)),
    );
    return { patients, records };
  }

  it('H21-3a: 200 visits in the month → +10% line; 201 → REQUIREMENT_NOT_MET once per patient', () => {
    const a = visits(200);
    const ra = run(helpOffice({ chusankanSmallOffice: true }), a.patients, a.records);
    expect(rejections(ra)).toEqual([]);
    // 50 visits × 254 = 12,700 → 1,270.
    expect(
      claim(ra, 'A')!.lines.find((l) => l.item === 'home_help.addition.chusankan_small_office'),
    ).toMatchObject({
      unitsEach: 1270,
      rule: 'H21-3a M-1',
    });
    const b = visits(201);
    const rb = run(helpOffice({ chusankanSmallOffice: true }), b.patients, b.records);
    const rej = rejections(rb);
    expect(rej.map((x) => x.patientId)).toEqual(['A', 'B', 'C', 'D']);
    expect(
      rej.every((x) => x.code === 'REQUIREMENT_NOT_MET' && x.addition === 'chusankan_small_office'),
    ).toBe(true);
    expect(rej[0]!.message).toContain('201回');
  });

  it('H21-3a: the visits of uncertified patients are not the office’s 訪問回数', () => {
    const a = visits(200);
    a.patients.push({ id: 'X' });
    a.records.push(help('VX', 'X', day(1)));
    const r = run(helpOffice({ chusankanSmallOffice: true }), a.patients, a.records);
    expect(rejections(r).map((x) => x.code)).toEqual(['NOT_CERTIFIED']);
  });

  it('H21-3b / M-1: a patient in a 中山間地域等 → +5% half up (3 × 229 = 687 → 34.35 → 34; 254 → 12.7 → 13)', () => {
    const r = run(
      helpOffice(),
      [patient('A', { chusankanResident: true }), patient('B', { chusankanResident: true })],
      [...[1, 2, 3].map((d) => help(`A${d}`, 'A', day(d), 'life_30to60')), help('B1', 'B', day(1))],
    );
    expect(claim(r, 'A')!.units).toBe(687 + 34);
    expect(claim(r, 'B')!.units).toBe(254 + 13);
    expect(claim(r, 'A')!.lines.at(-1)!.rule).toBe('H21-3b M-1');
  });

  it('H21-3: a 特別地域 office: no 特別地域加算 in the schedule → NOT_IN_SCHEDULE once per patient', () => {
    const r = run(
      helpOffice({ specialArea: true }),
      [patient('A')],
      [help('V1', 'A', day(1)), help('V2', 'A', day(2))],
    );
    expect(rejections(r).map((x) => [x.recordId, x.code, x.addition])).toEqual([
      ['V1', 'NOT_IN_SCHEDULE', 'special_area'],
    ]);
    expect(claim(r, 'A')!.units).toBe(508);
  });

  it('H21-3b: 訪問リハ +5% of 610 = 30.5 → 31; H21-3a does not exist for 訪問リハ (no line, no refusal)', () => {
    const r = run(
      { kind: 'hospital', chusankanSmallOffice: true },
      [patient('A', { chusankanResident: true })],
      [rehab('R1', 'A', day(1), 40)],
    );
    expect(claim(r, 'A')!.lines.map((l) => [l.item, l.units])).toEqual([
      ['home_rehab.visit', 610],
      ['home_rehab.addition.chusankan_resident', 31],
    ]);
    expect(rejections(r)).toEqual([]);
  });
});

describe('H21-1 who may receive a visit', () => {
  it('H21-1: NOT_CERTIFIED when the certification does not cover the visit date (boundary: its last day)', () => {
    const p = patient('A', { care: { level: 'care2', copay: 1, to: day(10) } });
    const r = run(helpOffice(), [p], [help('V1', 'A', day(10)), help('V2', 'A', day(11))]);
    expect(rejections(r).map((x) => [x.recordId, x.code])).toEqual([['V2', 'NOT_CERTIFIED']]);
  });

  it('H21-1: 要支援 → the 介護予防 service is not in this schedule (NOT_IN_SCHEDULE)', () => {
    const r = run(
      helpOffice(),
      [patient('A', { care: { level: 'support2', copay: 1 } })],
      [help('V1', 'A', day(1))],
    );
    expect(rejections(r).map((x) => [x.code, x.rule])).toEqual([['NOT_IN_SCHEDULE', 'H21-1']]);
    expect(rejections(r)[0]!.message).toContain('介護予防');
  });

  it('H21-1: a 特養 resident → FACILITY_RESIDENT; a paid_home resident is billed', () => {
    const r = run(
      helpOffice(),
      [patient('A', { residence: { kind: 'tokuyo' } }), patient('B', { residence: { kind: 'paid_home' } })],
      [help('V1', 'A', day(1)), help('V2', 'B', day(1))],
    );
    expect(rejections(r).map((x) => [x.recordId, x.code])).toEqual([['V1', 'FACILITY_RESIDENT']]);
    expect(claim(r, 'B')!.units).toBe(254);
  });

  it('H21-1: during a hospital stay → DURING_STAY; the day after discharge is billed', () => {
    const p = patient('A', { stays: [{ kind: 'hospital', from: day(3), to: day(9) }] });
    const r = run(helpOffice(), [p], [help('V1', 'A', day(9)), help('V2', 'A', day(10))]);
    expect(rejections(r).map((x) => [x.recordId, x.code])).toEqual([['V1', 'DURING_STAY']]);
  });

  it('H21-1: 訪問介護 from an office that is not a 訪問介護事業所 → REQUIREMENT_NOT_MET', () => {
    const r = run({ kind: 'clinic' }, [patient('A')], [help('V1', 'A', day(1))]);
    expect(rejections(r).map((x) => [x.code, x.rule])).toEqual([['REQUIREMENT_NOT_MET', 'H21-1']]);
  });

  it('H21-1 / M-7: 2割 in a 2009 month is an input error naming the field', () => {
    const out = calculate({
      month: MONTH,
      office: { id: '1', kind: 'home_help' },
      patients: [{ id: 'A', care: { level: 'care2', copay: 2 } }],
      records: [help('V1', 'A', day(1))],
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => p.path)).toEqual(['patients[0].care.copay']);
  });
});

describe('H21-6 訪問看護: additions only', () => {
  it('H21-6: a visit is NOT_IN_SCHEDULE and its additions cannot be billed without it (the message says so)', () => {
    const r = run(
      { kind: 'visiting_nursing' },
      [patient('A')],
      [
        {
          kind: 'home_nursing',
          id: 'N1',
          patientId: 'A',
          date: day(1),
          additions: ['long', 'two_staff_30plus'],
        },
        { kind: 'home_nursing', id: 'N2', patientId: 'A', date: day(2) },
      ],
    );
    expect(r.claims).toEqual([]);
    expect(rejections(r).map((x) => [x.recordId, x.code, x.rule])).toEqual([
      ['N1', 'NOT_IN_SCHEDULE', 'H21-6'],
      ['N2', 'NOT_IN_SCHEDULE', 'H21-6'],
    ]);
    expect(rejections(r)[0]!.message).toContain('長時間訪問看護加算（300単位／回）');
    expect(rejections(r)[0]!.message).toContain('複数名訪問加算（30分以上）（402単位／回）');
    expect(rejections(r)[0]!.message).toContain('単独では算定できません');
    expect(rejections(r)[1]!.message).toContain('基本の訪問看護費なしには算定できません');
  });
});

describe('H21-7 訪問リハビリテーション', () => {
  it('H21-7: 19 minutes → REQUIREMENT_NOT_MET; 20 → 1 time; 39 → 1; 40 → 2; 60 → 3 (305 each)', () => {
    const r = run(
      { kind: 'clinic' },
      [patient('A')],
      [
        rehab('R19', 'A', day(1), 19),
        rehab('R20', 'A', day(2), 20),
        rehab('R39', 'A', day(3), 39),
        rehab('R40', 'A', day(4), 40),
        rehab('R60', 'A', day(5), 60),
      ],
    );
    expect(rejections(r).map((x) => [x.recordId, x.code, x.rule])).toEqual([
      ['R19', 'REQUIREMENT_NOT_MET', 'H21-7'],
    ]);
    const line = claim(r, 'A')!.lines[0]!;
    expect(line).toMatchObject({
      item: 'home_rehab.visit',
      unitsEach: 305,
      count: 7,
      units: 2135,
      rule: 'H21-7',
    });
    expect(line.recordIds).toEqual(['R20', 'R39', 'R40', 'R60']);
  });

  it('H21-7 / H21-2: type 14 at the 55% price — 甲地 10.33: 610 units → 6,301 円, insurer 5,670, copay 631', () => {
    const r = run({ kind: 'hospital', region: 'ko' }, [patient('A')], [rehab('R1', 'A', day(1), 40)]);
    expect(claim(r, 'A')).toMatchObject({
      serviceType: '14',
      units: 610,
      unitPrice: 10.33,
      yen: 6301,
      insurer: 5670,
      copay: 631,
    });
  });

  it('H21-1: 訪問リハ from a 訪問介護事業所 → REQUIREMENT_NOT_MET', () => {
    const r = run(helpOffice(), [patient('A')], [rehab('R1', 'A', day(1), 40)]);
    expect(rejections(r).map((x) => x.code)).toEqual(['REQUIREMENT_NOT_MET']);
  });
});
