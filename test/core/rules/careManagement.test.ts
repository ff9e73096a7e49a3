// 居宅介護支援 / 介護予防支援, 2009 (spec/revision-2009.md H21-3, H21-4; money.md M-1, M-6).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculate } from '../../../src/santei.js';
import { addDays } from '../../../src/core/dates.js';
import type { Claim, ClaimMonthResult, Rejection } from '../../../src/core/result.js';
import {
  allocateTapering,
  type CareTier,
  type TaperingEntry,
} from '../../../src/core/rules/careManagement.js';
import { careManagement2009 } from '../../../src/schedules/2009-04/careManagement.js';

type Json = Record<string, unknown>;

const MONTH = '2009-09';
const rule = careManagement2009.tapering.value;

/** Contract dates one day apart from 2005-01-01: index order = contract order. */
const contract = (i: number): string => addDays('2005-01-01', i);

function patient(id: string, level = 'care1', extra: Json = {}): Json {
  return { id, care: { level, copay: 1 }, ...extra };
}

function rec(id: string, patientId: string, extra: Json = {}): Json {
  return { kind: 'care_management', id, patientId, ...extra };
}

interface Office {
  fte?: number;
  region?: string;
  specificOffice?: string;
  chusankanSmallOffice?: boolean;
  specialArea?: boolean;
  kind?: string;
}

function run(patients: Json[], records: Json[], office: Office = {}, month = MONTH): ClaimMonthResult {
  const o: Json = { id: '1310000010', kind: office.kind ?? 'care_management' };
  if (office.fte !== undefined) o.careManagerFte = office.fte;
  if (office.region) o.region = office.region;
  if (office.specificOffice) o.specificOffice = office.specificOffice;
  if (office.chusankanSmallOffice) o.chusankanSmallOffice = true;
  if (office.specialArea) o.specialArea = true;
  const out = calculate({ month, office: o, patients, records });
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return out.result;
}

/** `care` 要介護 patients (level care1) and `support` 介護予防支援 patients with the given contract order. */
function office(
  order: ('c' | 's')[],
  opts: { level?: string; extra?: (i: number) => Json; recExtra?: (i: number) => Json } = {},
): { patients: Json[]; records: Json[] } {
  const patients = order.map((k, i) =>
    patient(`P${String(i + 1).padStart(3, '0')}`, k === 'c' ? (opts.level ?? 'care1') : 'support1', {
      contractDate: contract(i),
      ...(opts.extra?.(i) ?? {}),
    }),
  );
  const records = patients.map((p, i) => rec(`R${i + 1}`, p.id as string, opts.recExtra?.(i) ?? {}));
  return { patients, records };
}

const cares = (n: number): ('c' | 's')[] => Array.from({ length: n }, () => 'c' as const);

function claim(r: ClaimMonthResult, pid: string): Claim | undefined {
  return r.claims.find((c) => c.patientId === pid);
}

function baseItem(r: ClaimMonthResult, pid: string): string | undefined {
  return claim(r, pid)?.lines[0]?.item;
}

/** The tier each billed 要介護 patient got, in contract order. */
function tiers(r: ClaimMonthResult): string[] {
  return r.claims
    .filter((c) => c.serviceType === '43')
    .sort((a, b) => (a.patientId < b.patientId ? -1 : 1))
    .map((c) => c.lines[0]!.item.split('.')[1]!);
}

function rejections(r: ClaimMonthResult, code?: string): Rejection[] {
  return r.rejections.filter((x) => x.code !== 'HISTORY' && (code === undefined || x.code === code));
}

const count = (xs: string[], v: string): number => xs.filter((x) => x === v).length;

describe('H21-4b 逓減制: positions in contract order', () => {
  it('H21-4b: 39 patients and 1.0 FTE → everyone (Ⅰ)', () => {
    const { patients, records } = office(cares(39));
    const t = tiers(run(patients, records));
    expect(count(t, 'I')).toBe(39);
  });

  it('H21-4b: 40 patients and 1.0 FTE → the 40th contract bills (Ⅱ)', () => {
    const { patients, records } = office(cares(40));
    const r = run(patients, records);
    expect(count(tiers(r), 'I')).toBe(39);
    expect(baseItem(r, 'P039')).toBe('care_management.I.care12');
    expect(baseItem(r, 'P040')).toBe('care_management.II.care12');
    expect(claim(r, 'P040')!.units).toBe(500);
  });

  it('H21-4b: 41 patients → positions 40 and 41 bill (Ⅱ), 1–39 (Ⅰ)', () => {
    const { patients, records } = office(cares(41));
    const t = tiers(run(patients, records));
    expect(t.slice(0, 39).every((x) => x === 'I')).toBe(true);
    expect(t.slice(39)).toEqual(['II', 'II']);
  });

  it('H21-4b: the 59th position is (Ⅱ), the 60th and 61st are (Ⅲ) with 1.0 FTE', () => {
    const { patients, records } = office(cares(61));
    const r = run(patients, records);
    expect(baseItem(r, 'P059')).toBe('care_management.II.care12');
    expect(baseItem(r, 'P060')).toBe('care_management.III.care12');
    expect(baseItem(r, 'P061')).toBe('care_management.III.care12');
    expect(claim(r, 'P060')!.units).toBe(300);
  });

  it('H21-4b: contract date, not input order, decides the position', () => {
    const { patients, records } = office(cares(41));
    // Input lists the newest contract first.
    const r = run([...patients].reverse(), [...records].reverse());
    expect(baseItem(r, 'P041')).toBe('care_management.II.care12');
    expect(baseItem(r, 'P001')).toBe('care_management.I.care12');
  });

  it('H21-4b: FTE 1.5 — 59 patients (caseload 39.3) all (Ⅰ); 60 patients: the 60th bills (Ⅱ)', () => {
    const a = office(cares(59));
    expect(count(tiers(run(a.patients, a.records, { fte: 1.5 })), 'I')).toBe(59);
    const b = office(cares(60));
    const r = run(b.patients, b.records, { fte: 1.5 });
    expect(baseItem(r, 'P059')).toBe('care_management.I.care12');
    expect(baseItem(r, 'P060')).toBe('care_management.II.care12');
  });

  it('H21-4b: FTE 1.5 — (Ⅲ) from position ⌊60 × 1.5⌋ = 90: the 89th (Ⅱ), the 90th (Ⅲ)', () => {
    const { patients, records } = office(cares(90));
    const r = run(patients, records, { fte: 1.5 });
    expect(baseItem(r, 'P089')).toBe('care_management.II.care12');
    expect(baseItem(r, 'P090')).toBe('care_management.III.care12');
  });

  it('H21-4b: FTE 1.1 is exact — ⌊40 × 1.1⌋ = 44: 43 patients all (Ⅰ), 44 patients the 44th (Ⅱ)', () => {
    const a = office(cares(43));
    expect(count(tiers(run(a.patients, a.records, { fte: 1.1 })), 'I')).toBe(43);
    const b = office(cares(44));
    const r = run(b.patients, b.records, { fte: 1.1 });
    expect(baseItem(r, 'P043')).toBe('care_management.I.care12');
    expect(baseItem(r, 'P044')).toBe('care_management.II.care12');
  });

  it('H21-4b: 介護予防支援 patients count ½ in each position in contract order', () => {
    // Two 介護予防 contracts before 39 要介護 ones: the 39th 要介護 patient stands at 39 + 1 = 40 → (Ⅱ).
    const a = office(['s', 's', ...cares(39)]);
    const ra = run(a.patients, a.records);
    expect(baseItem(ra, 'P041')).toBe('care_management.II.care12');
    expect(baseItem(ra, 'P040')).toBe('care_management.I.care12');
    // One before and one after: the last 要介護 patient stands at 39.5, still under 40 → (Ⅰ), although
    // the caseload is 40 and 逓減 applies.
    const b = office(['s', ...cares(39), 's']);
    expect(count(tiers(run(b.patients, b.records)), 'I')).toBe(39);
  });

  it('H21-4b: 38 要介護 + 3 介護予防 = 39.5 cases → everyone (Ⅰ); + 4 介護予防 = 40 → the last one (Ⅱ)', () => {
    const a = office(['s', 's', 's', ...cares(38)]);
    expect(count(tiers(run(a.patients, a.records)), 'I')).toBe(38);
    const b = office(['s', 's', 's', 's', ...cares(38)]);
    const t = tiers(run(b.patients, b.records));
    expect(t.at(-1)).toBe('II');
    expect(count(t, 'I')).toBe(37);
  });

  it('H21-4b: a 要介護 patient without contract date cannot be placed when 逓減 applies → REQUIREMENT_NOT_MET', () => {
    const { patients, records } = office(cares(41));
    delete patients[40]!.contractDate;
    const r = run(patients, records);
    const rej = rejections(r, 'REQUIREMENT_NOT_MET');
    expect(rej.map((x) => [x.recordId, x.rule])).toEqual([['R41', 'H21-4b']]);
    expect(rej[0]!.message).toContain('契約日');
    // Placed before every dated contract (the others can only move down, never up): the 39th dated
    // contract stands at position 40.
    expect(baseItem(r, 'P038')).toBe('care_management.I.care12');
    expect(baseItem(r, 'P039')).toBe('care_management.II.care12');
  });

  it('H21-4b: without 逓減 (under 40) a missing contract date does not matter', () => {
    const { patients, records } = office(cares(10));
    delete patients[0]!.contractDate;
    const r = run(patients, records);
    expect(rejections(r)).toEqual([]);
    expect(count(tiers(r), 'I')).toBe(10);
  });
});

describe('H21-4a / H21-4c fees', () => {
  it.each<[string, CareTier, number, number]>([
    ['Ⅰ', 'I', 1000, 1300],
    ['Ⅱ', 'II', 500, 650],
    ['Ⅲ', 'III', 300, 390],
  ])('H21-4a: (%s) 要介護2 vs 要介護3', (_ja, tier, low, high) => {
    const pos = tier === 'I' ? 1 : tier === 'II' ? 45 : 65;
    for (const [level, units] of [
      ['care2', low],
      ['care3', high],
    ] as const) {
      const { patients, records } = office(cares(pos), { level: 'care1' });
      patients[pos - 1]!.care = { level, copay: 1 };
      const r = run(patients, records);
      const c = claim(r, patients[pos - 1]!.id as string)!;
      expect(c.lines[0]!.item).toBe(`care_management.${tier}.${level === 'care2' ? 'care12' : 'care345'}`);
      expect(c.units).toBe(units);
    }
  });

  it('H21-4c: 介護予防支援 412 units (type 46), no 逓減 even past the 40th position', () => {
    const { patients, records } = office([...cares(45), 's']);
    const r = run(patients, records);
    const c = claim(r, 'P046')!;
    expect(c.serviceType).toBe('46');
    expect(c.units).toBe(412);
    expect(c.lines[0]!.rule).toBe('H21-4c');
  });

  it('H21-4a / M-6 / H21-2: no copay; 乙地 10.35 and 特別区 11.05 a unit', () => {
    const p = [patient('A', 'care3', { contractDate: '2008-01-01' })];
    const r1 = run(p, [rec('R1', 'A')], { region: 'otsu' });
    expect(claim(r1, 'A')).toMatchObject({
      units: 1300,
      unitPrice: 10.35,
      yen: 13455,
      insurer: 13455,
      copay: 0,
    });
    const r2 = run(p, [rec('R1', 'A')], { region: 'tokubetsu_ku' });
    expect(claim(r2, 'A')).toMatchObject({ unitPrice: 11.05, yen: 14365, insurer: 14365, copay: 0 });
  });

  it('H21-4a: NOT_CERTIFIED without a certification, or one that does not reach the month', () => {
    const r = run(
      [
        { id: 'A', contractDate: '2008-01-01' },
        patient('B', 'care1', { care: { level: 'care1', copay: 1, to: '2009-08-31' } }),
        patient('C', 'care1', { care: { level: 'care1', copay: 1, to: '2009-09-01' } }),
        patient('D', 'care1', { care: { level: 'care1', copay: 1, from: '2009-10-01' } }),
        patient('E', 'care1', { care: { level: 'care1', copay: 1, from: '2009-09-30' } }),
      ],
      ['A', 'B', 'C', 'D', 'E'].map((p) => rec(`R${p}`, p)),
    );
    expect(rejections(r, 'NOT_CERTIFIED').map((x) => x.recordId)).toEqual(['RA', 'RB', 'RD']);
    expect(r.claims.map((c) => c.patientId)).toEqual(['C', 'E']);
  });

  it('H21-4a: one record a month — a second record of the patient → MONTHLY_LIMIT', () => {
    const r = run([patient('A')], [rec('R1', 'A'), rec('R2', 'A')]);
    expect(rejections(r).map((x) => [x.recordId, x.code])).toEqual([['R2', 'MONTHLY_LIMIT']]);
    expect(claim(r, 'A')!.units).toBe(1000);
  });

  it('H21-4: a record of an earlier month is history, not billed', () => {
    const r = run([patient('A')], [rec('R0', 'A', { month: '2009-08' }), rec('R1', 'A')]);
    expect(r.rejections.map((x) => [x.recordId, x.code])).toEqual([['R0', 'HISTORY']]);
    expect(claim(r, 'A')!.lines[0]!.recordIds).toEqual(['R1']);
  });

  it('H21-4: an office that is not a 居宅介護支援事業所 cannot bill it', () => {
    const r = run([patient('A')], [rec('R1', 'A')], { kind: 'home_help' });
    expect(rejections(r).map((x) => x.code)).toEqual(['REQUIREMENT_NOT_MET']);
    expect(r.claims).toEqual([]);
  });
});

describe('H21-4d 特定事業所加算', () => {
  it('H21-4d: (Ⅰ) 500 and (Ⅱ) 300 on every 居宅介護支援 month, not on 介護予防支援', () => {
    const { patients, records } = office(['c', 's']);
    for (const [grade, units] of [
      ['I', 500],
      ['II', 300],
    ] as const) {
      const r = run(patients, records, { specificOffice: grade });
      expect(claim(r, 'P001')!.lines.find((l) => l.item.includes('specific_office'))).toMatchObject({
        unitsEach: units,
        rule: 'H21-4d',
      });
      expect(claim(r, 'P001')!.units).toBe(1000 + units);
      expect(claim(r, 'P002')!.units).toBe(412);
      expect(rejections(r)).toEqual([]);
    }
  });

  it('H21-4d: caseload 39.5 → billed; caseload 40 → REQUIREMENT_NOT_MET on each 居宅介護支援 record', () => {
    const a = office([...cares(39), 's']);
    const ra = run(a.patients, a.records, { specificOffice: 'I' });
    expect(rejections(ra)).toEqual([]);
    expect(ra.claims.filter((c) => c.lines.some((l) => l.item.includes('specific_office')))).toHaveLength(39);

    const b = office([...cares(39), 's', 's']);
    const rb = run(b.patients, b.records, { specificOffice: 'I' });
    const rej = rejections(rb, 'REQUIREMENT_NOT_MET');
    expect(rej).toHaveLength(39);
    expect(rej.every((x) => x.addition === 'specific_office' && x.rule === 'H21-4d')).toBe(true);
    expect(rb.claims.some((c) => c.lines.some((l) => l.item.includes('specific_office')))).toBe(false);
  });

  it('H21-4d: with 1.5 FTE, 59 patients (39.3 each) keep it, 60 (40 each) lose it', () => {
    const a = office(cares(59));
    expect(rejections(run(a.patients, a.records, { fte: 1.5, specificOffice: 'II' }))).toEqual([]);
    const b = office(cares(60));
    expect(
      rejections(run(b.patients, b.records, { fte: 1.5, specificOffice: 'II' }), 'REQUIREMENT_NOT_MET'),
    ).toHaveLength(60);
  });

  it('H21-4d: there is no (Ⅲ) for 居宅介護支援 → NOT_IN_SCHEDULE, the fee itself is billed', () => {
    const r = run([patient('A')], [rec('R1', 'A')], { specificOffice: 'III' });
    expect(rejections(r).map((x) => [x.code, x.addition])).toEqual([['NOT_IN_SCHEDULE', 'specific_office']]);
    expect(claim(r, 'A')!.units).toBe(1000);
  });
});

describe('H21-4e additions', () => {
  const one = (additions: string[], extra: Json = {}, p: Json = {}) =>
    run(
      [patient('A', 'care1', { contractDate: '2008-01-01', ...p })],
      [rec('R1', 'A', { additions, ...extra })],
    );

  it('H21-4e: 初回加算 300, 認知症加算 150, 独居高齢者加算 150, 小規模多機能連携 300', () => {
    const r = one(['first', 'dementia', 'living_alone', 'small_multi_liaison']);
    expect(claim(r, 'A')!.units).toBe(1000 + 300 + 150 + 150 + 300);
    expect(rejections(r)).toEqual([]);
  });

  it('H21-4e: 退院・退所加算 in a month that bills 初回加算 → NOT_COMBINABLE, 初回 is billed', () => {
    const r = one(['first', 'discharge_1'], { stayDays: 10 });
    expect(rejections(r).map((x) => [x.code, x.addition, x.rule])).toEqual([
      ['NOT_COMBINABLE', 'discharge_1', 'H21-4e'],
    ]);
    expect(claim(r, 'A')!.units).toBe(1300);
  });

  it('H21-4e: 退院・退所加算 (Ⅰ) for 30 days, not 31; (Ⅱ) for 31 days, not 30', () => {
    expect(claim(one(['discharge_1'], { stayDays: 30 }), 'A')!.units).toBe(1400);
    const r31 = one(['discharge_1'], { stayDays: 31 });
    expect(rejections(r31).map((x) => [x.code, x.addition])).toEqual([
      ['REQUIREMENT_NOT_MET', 'discharge_1'],
    ]);
    expect(claim(one(['discharge_2'], { stayDays: 31 }), 'A')!.units).toBe(1600);
    const r30 = one(['discharge_2'], { stayDays: 30 });
    expect(rejections(r30).map((x) => [x.code, x.addition])).toEqual([
      ['REQUIREMENT_NOT_MET', 'discharge_2'],
    ]);
  });

  it('H21-4e: the stay length comes from the hospital stay that ended in the month (both days counted)', () => {
    // 2009-08-11 … 2009-09-10 is 31 days → (Ⅱ).
    const stays = [{ kind: 'hospital', from: '2009-08-11', to: '2009-09-10' }];
    expect(claim(one(['discharge_2'], {}, { stays }), 'A')!.units).toBe(1600);
    expect(rejections(one(['discharge_1'], {}, { stays }))[0]!.code).toBe('REQUIREMENT_NOT_MET');
    // No length at all → REQUIREMENT_NOT_MET.
    expect(rejections(one(['discharge_1']))[0]!.message).toContain('stayDays');
  });

  it('H21-4e: 医療連携加算 needs an admission in the month, once per admission', () => {
    expect(rejections(one(['hospital_liaison']))[0]!.code).toBe('REQUIREMENT_NOT_MET');
    const stays = [{ kind: 'hospital', from: '2009-08-20', to: '2009-10-05' }];
    expect(claim(one(['hospital_liaison'], {}, { stays }), 'A')!.units).toBe(1150);
    const r = run(
      [patient('A', 'care1', { stays })],
      [
        rec('R0', 'A', { month: '2009-08', additions: ['hospital_liaison'] }),
        rec('R1', 'A', { additions: ['hospital_liaison'] }),
      ],
    );
    expect(rejections(r).map((x) => [x.recordId, x.code, x.addition])).toEqual([
      ['R1', 'REQUIREMENT_NOT_MET', 'hospital_liaison'],
    ]);
    // A billing in the month before a new admission does not count.
    const r2 = run(
      [patient('A', 'care1', { stays: [{ kind: 'hospital', from: '2009-09-03', to: '2009-09-20' }] })],
      [
        rec('R0', 'A', { month: '2009-08', additions: ['hospital_liaison'] }),
        rec('R1', 'A', { additions: ['hospital_liaison'] }),
      ],
    );
    expect(rejections(r2)).toEqual([]);
  });

  it('H21-4e: 介護予防支援 has 初回加算 and 小規模多機能連携 only; 認知症加算 → NOT_IN_SCHEDULE', () => {
    const r = run(
      [patient('S', 'support2')],
      [rec('R1', 'S', { additions: ['first', 'small_multi_liaison', 'dementia'] })],
    );
    expect(claim(r, 'S')!.units).toBe(412 + 300 + 300);
    expect(rejections(r).map((x) => [x.code, x.addition])).toEqual([['NOT_IN_SCHEDULE', 'dementia']]);
  });
});

describe('H21-3 中山間地域等 for 居宅介護支援', () => {
  it('H21-3a: 20 real 居宅介護支援 patients → +10% line; 21 → REQUIREMENT_NOT_MET on each record', () => {
    const a = office([...cares(20), 's', 's', 's']);
    const ra = run(a.patients, a.records, { chusankanSmallOffice: true });
    expect(rejections(ra)).toEqual([]);
    const l = claim(ra, 'P001')!.lines.find((x) => x.item.includes('chusankan_small_office'))!;
    expect(l).toMatchObject({ unitsEach: 100, rule: 'H21-3a M-1' });
    // 介護予防支援 has no such addition.
    expect(claim(ra, 'P021')!.units).toBe(412);

    const b = office(cares(21));
    const rb = run(b.patients, b.records, { chusankanSmallOffice: true });
    const rej = rejections(rb);
    expect(rej).toHaveLength(21);
    expect(
      rej.every((x) => x.code === 'REQUIREMENT_NOT_MET' && x.addition === 'chusankan_small_office'),
    ).toBe(true);
    expect(rej[0]!.message).toContain('21人');
  });

  it('H21-3b / M-1: +5% rounded half up on the fee (650 → 32.5 → 33), not on the additions', () => {
    const { patients, records } = office(cares(41), {
      extra: (i) => (i === 40 ? { chusankanResident: true, care: { level: 'care3', copay: 1 } } : {}),
      recExtra: (i) => (i === 40 ? { additions: ['dementia'] } : {}),
    });
    const c = claim(run(patients, records), 'P041')!;
    expect(c.lines.find((l) => l.item.includes('chusankan_resident'))).toMatchObject({
      unitsEach: 33,
      rule: 'H21-3b M-1',
    });
    expect(c.units).toBe(650 + 150 + 33);
  });

  it('H21-3: a 特別地域 office: the schedule holds no 特別地域加算 → NOT_IN_SCHEDULE, the fee is billed', () => {
    const r = run([patient('A')], [rec('R1', 'A')], { specialArea: true });
    expect(rejections(r).map((x) => [x.code, x.addition])).toEqual([['NOT_IN_SCHEDULE', 'special_area']]);
    expect(claim(r, 'A')!.units).toBe(1000);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties of the allocation (fast-check).

const entryArb = fc.record({
  day: fc.integer({ min: 0, max: 400 }),
  support: fc.boolean(),
});
const fteArb = fc.oneof(
  fc.constantFrom(0.5, 1, 1.1, 1.5, 2, 2.5),
  fc.integer({ min: 5, max: 40 }).map((n) => n / 10),
);
const rank: Record<CareTier, number> = { I: 0, II: 1, III: 2 };

function entries(list: { day: number; support: boolean }[]): TaperingEntry[] {
  return list.map((e, i) => ({ patientId: `P${i}`, contractDate: contract(e.day), support: e.support }));
}

describe('H21-4b properties of the allocation', () => {
  it('H21-4b: positions are monotone in contract date, and so are the tiers', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 130 }), fteArb, (list, fte) => {
        const es = entries(list);
        const t = allocateTapering(es, fte, rule);
        for (const a of es) {
          for (const b of es) {
            if (a.support || b.support || !(a.contractDate! < b.contractDate!)) continue;
            const sa = t.slots.get(a.patientId)!;
            const sb = t.slots.get(b.patientId)!;
            expect(sa.positionHalves).toBeLessThan(sb.positionHalves);
            expect(rank[sa.tier!]).toBeLessThanOrEqual(rank[sb.tier!]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('H21-4b: adding a patient never raises another patient’s fee', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 130 }),
        entryArb,
        fc.nat(),
        fteArb,
        (list, extra, at, fte) => {
          const before = allocateTapering(entries(list), fte, rule);
          const withExtra = [...list];
          withExtra.splice(at % (list.length + 1), 0, extra);
          // Keep the ids of the original patients: the new one is "NEW".
          const es = entries(withExtra).map((e, i) =>
            i === at % (list.length + 1) ? { ...e, patientId: 'NEW' } : e,
          );
          let k = 0;
          for (const e of es) if (e.patientId !== 'NEW') e.patientId = `P${k++}`;
          const after = allocateTapering(es, fte, rule);
          for (const [id, s] of before.slots) {
            if (s.tier === undefined) continue;
            expect(rank[after.slots.get(id)!.tier!]).toBeGreaterThanOrEqual(rank[s.tier]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('H21-4b: with n 要介護 patients and no 介護予防, (Ⅰ) is n under 40 × FTE, else ⌊40 × FTE⌋ − 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), fteArb, (n, fte) => {
        const t = allocateTapering(
          entries(Array.from({ length: n }, (_, i) => ({ day: i, support: false }))),
          fte,
          rule,
        );
        const first = [...t.slots.values()].filter((s) => s.tier === 'I').length;
        const limit = Math.round(40 * fte * 1000) / 1000;
        expect(first).toBe(n < limit ? n : Math.floor(limit) - 1);
      }),
    );
  });
});
