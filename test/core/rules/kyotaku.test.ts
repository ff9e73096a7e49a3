// 居宅療養管理指導 2024 (spec/kyotaku-2024.md K24-1 … K24-7, money.md M-4 / M-5): one case per
// rule, on both sides of each boundary, through the front door `calculate` (validation + schedule + engine).
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';
import { formatProblem } from '../../../src/core/validate.js';
import type { ClaimMonthResult, Line, Rejection } from '../../../src/core/result.js';

type Json = Record<string, unknown>;

interface Build {
  month?: string;
  office?: Json;
  patients: Json[];
  records: Json[];
}

function input(b: Build): Json {
  return {
    month: b.month ?? '2024-07',
    office: { id: '1310000001', kind: 'clinic', ...b.office },
    patients: b.patients,
    records: b.records,
  };
}

function run(b: Build): ClaimMonthResult {
  const out = calculate(input(b));
  if (!out.ok) throw new Error(`unexpected bad input:\n${out.problems.map(formatProblem).join('\n')}`);
  return out.result;
}

function problems(raw: unknown): { path: string; message: string }[] {
  const out = calculate(raw);
  if (out.ok) throw new Error('expected bad input, got a result');
  return out.problems;
}

const patient = (id: string, extra: Json = {}): Json => ({
  id,
  care: { level: 'care2', copay: 1 },
  ...extra,
});

let seq = 0;
const visit = (patientId: string, date: string, profession: string, extra: Json = {}): Json => ({
  kind: 'kyotaku',
  id: (extra.id as string | undefined) ?? `V${++seq}`,
  patientId,
  date,
  profession,
  reported: true,
  ...extra,
});

const visitLines = (r: ClaimMonthResult): Line[] =>
  r.claims.flatMap((c) => c.lines).filter((l) => !l.item.startsWith('kyotaku.addition.'));

/** The units each the record was billed at (its visit line), or undefined when not billed. */
function billedUnits(r: ClaimMonthResult, recordId: string): number | undefined {
  return visitLines(r).find((l) => l.recordIds.includes(recordId))?.unitsEach;
}

/** Whole-record rejections of the record (not the refusal of one addition). */
function refusal(r: ClaimMonthResult, recordId: string): Rejection | undefined {
  const found = r.rejections.filter((x) => x.recordId === recordId && x.addition === undefined);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

function expectBilled(r: ClaimMonthResult, recordId: string, units?: number): void {
  expect(refusal(r, recordId), `${recordId} should be billed`).toBeUndefined();
  const u = billedUnits(r, recordId);
  expect(u, `${recordId} should be on a line`).toBeDefined();
  if (units !== undefined) expect(u).toBe(units);
}

function expectRefused(r: ClaimMonthResult, recordId: string, code: string, rule?: string): Rejection {
  const x = refusal(r, recordId);
  expect(x, `${recordId} should be refused with ${code}`).toBeDefined();
  expect(x!.code).toBe(code);
  if (rule !== undefined) expect(x!.rule).toContain(rule);
  expect(x!.message).toMatch(/[ぁ-んァ-ヶ一-龠]/); // a Japanese sentence for the clerk
  expect(billedUnits(r, recordId)).toBeUndefined();
  return x!;
}

/** One visit of one patient: the shortest month that shows a rule's decision. */
function single(
  profession: string,
  opts: { office?: Json; patient?: Json; visit?: Json; date?: string } = {},
) {
  const v = visit('P1', opts.date ?? '2024-07-10', profession, { id: 'V1', ...opts.visit });
  return run({ office: opts.office, patients: [patient('P1', opts.patient)], records: [v] });
}

const PHARMACY = { kind: 'pharmacy' };
const HOSPITAL = { kind: 'hospital' };
const DENTAL = { kind: 'dental_clinic' };

describe('K24-1 who may receive it', () => {
  it('K24-1a certification from 07-10: a visit on 07-09 is NOT_CERTIFIED, on 07-10 billed', () => {
    const care = { level: 'care2', copay: 1, from: '2024-07-10' };
    expectRefused(
      single('doctor', { patient: { care }, date: '2024-07-09' }),
      'V1',
      'NOT_CERTIFIED',
      'K24-1a',
    );
    expectBilled(single('doctor', { patient: { care }, date: '2024-07-10' }), 'V1', 515);
  });

  it('K24-1a certification to 07-20: a visit on 07-20 is billed, on 07-21 NOT_CERTIFIED', () => {
    const care = { level: 'care2', copay: 1, to: '2024-07-20' };
    expectBilled(single('doctor', { patient: { care }, date: '2024-07-20' }), 'V1', 515);
    expectRefused(
      single('doctor', { patient: { care }, date: '2024-07-21' }),
      'V1',
      'NOT_CERTIFIED',
      'K24-1a',
    );
  });

  it('K24-1a no certification at all → NOT_CERTIFIED', () => {
    const r = run({ patients: [{ id: 'P1' }], records: [visit('P1', '2024-07-10', 'doctor', { id: 'V1' })] });
    expectRefused(r, 'V1', 'NOT_CERTIFIED', 'K24-1a');
    expect(r.claims).toEqual([]);
  });

  it.each([
    ['support1', '34'],
    ['support2', '34'],
    ['care1', '31'],
    ['care3', '31'],
    ['care5', '31'],
  ])('K24-1a level %s → service type %s, same units', (level, type) => {
    const r = single('doctor', { patient: { care: { level, copay: 1 } } });
    expect(r.claims.map((c) => c.serviceType)).toEqual([type]);
    expectBilled(r, 'V1', 515);
  });

  it('K24-1a 要支援 and 要介護 patients of one building are separate claims (34 / 31) and count together', () => {
    const res = { kind: 'sakoju', buildingId: 'B1' };
    const r = run({
      patients: [
        patient('P1', { care: { level: 'support2', copay: 1 }, residence: res }),
        patient('P2', { residence: res }),
      ],
      records: [
        visit('P1', '2024-07-03', 'doctor', { id: 'V1' }),
        visit('P2', '2024-07-03', 'doctor', { id: 'V2' }),
      ],
    });
    expect(r.claims.map((c) => [c.patientId, c.serviceType])).toEqual([
      ['P1', '34'],
      ['P2', '31'],
    ]);
    expectBilled(r, 'V1', 487);
    expectBilled(r, 'V2', 487);
  });

  it('K24-1b a patient able to visit a clinic → NOT_HOMEBOUND; homebound (or unset) is billed', () => {
    expectRefused(single('doctor', { patient: { homebound: false } }), 'V1', 'NOT_HOMEBOUND', 'K24-1b');
    expectBilled(single('doctor', { patient: { homebound: true } }), 'V1');
    expectBilled(single('doctor'), 'V1');
  });

  it.each(['tokuyo', 'roken', 'iryoin', 'ryoyo'])(
    'K24-1c a resident of 介護保険施設 %s → FACILITY_RESIDENT',
    (kind) => {
      const x = expectRefused(
        single('doctor', { patient: { residence: { kind, buildingId: 'F1' } } }),
        'V1',
        'FACILITY_RESIDENT',
        'K24-1c',
      );
      expect(x.message).toContain('医療保険'); // D6: the exceptions belong to 医療保険
    },
  );

  it.each(['home', 'paid_home', 'tokutei', 'sakoju', 'yogo', 'keihi', 'group_home'])(
    'K24-1c a patient living in %s (home or treated as home) is billed',
    (kind) => {
      expectBilled(single('doctor', { patient: { residence: { kind, buildingId: 'H1' } } }), 'V1', 515);
    },
  );

  it.each(['short_stay', 'hospital'])(
    'K24-1c %s 07-10..07-15: visits on 07-09 and 07-16 billed, on 07-10 and 07-15 DURING_STAY',
    (kind) => {
      const p = { stays: [{ kind, from: '2024-07-10', to: '2024-07-15' }] };
      expectBilled(single('doctor', { patient: p, date: '2024-07-09' }), 'V1');
      expectRefused(single('doctor', { patient: p, date: '2024-07-10' }), 'V1', 'DURING_STAY', 'K24-1c');
      expectRefused(single('doctor', { patient: p, date: '2024-07-15' }), 'V1', 'DURING_STAY', 'K24-1c');
      expectBilled(single('doctor', { patient: p, date: '2024-07-16' }), 'V1');
    },
  );
});

describe('K24-2 what each visit needs', () => {
  it('K24-2a no information to the care manager → NO_CARE_MANAGER_REPORT; reported → billed', () => {
    expectRefused(single('doctor', { visit: { reported: false } }), 'V1', 'NO_CARE_MANAGER_REPORT', 'K24-2a');
    expectBilled(single('doctor', { visit: { reported: true } }), 'V1');
  });

  it.each([
    ['pharmacist', PHARMACY],
    ['pharmacist', HOSPITAL],
    ['dietitian', {}],
    ['dental_hygienist', DENTAL],
  ])(
    'K24-2b %s (office %o) without the instruction → NO_INSTRUCTION; with it → billed',
    (profession, office) => {
      expectRefused(
        single(profession, { office, visit: { instructed: false } }),
        'V1',
        'NO_INSTRUCTION',
        'K24-2b',
      );
      expectBilled(single(profession, { office, visit: { instructed: true } }), 'V1');
      expectBilled(single(profession, { office }), 'V1'); // default: instructed
    },
  );

  it.each([
    ['doctor', {}],
    ['dentist', DENTAL],
  ])('K24-2b a %s needs no instruction: billed with instructed false', (profession, office) => {
    expectBilled(single(profession, { office, visit: { instructed: false } }), 'V1');
  });

  it.each([
    ['doctor', {}],
    ['dentist', DENTAL],
    ['pharmacist', PHARMACY],
  ])(
    'K24-2c two staff (%s): the first visitor by date bills, the other → SECOND_PRACTITIONER',
    (profession, office) => {
      const records = [
        visit('P1', '2024-07-12', profession, { id: 'B1', staffId: 'SB' }),
        visit('P1', '2024-07-03', profession, { id: 'A1', staffId: 'SA' }), // earlier date, later in input
        visit('P1', '2024-07-24', profession, { id: 'A2', staffId: 'SA' }),
      ];
      const r = run({ office, patients: [patient('P1')], records });
      expectBilled(r, 'A1');
      expectBilled(r, 'A2');
      const x = expectRefused(r, 'B1', 'SECOND_PRACTITIONER', 'K24-2c');
      expect(x.message).toContain('SA');
    },
  );

  it('K24-2c the same staff member twice is not a second practitioner', () => {
    const records = [
      visit('P1', '2024-07-03', 'doctor', { id: 'A1', staffId: 'SA' }),
      visit('P1', '2024-07-17', 'doctor', { id: 'A2', staffId: 'SA' }),
    ];
    const r = run({ patients: [patient('P1')], records });
    expectBilled(r, 'A1');
    expectBilled(r, 'A2');
  });

  it('K24-2c a visit refused for a limit does not make its staff member the practitioner', () => {
    // June 28 (history) makes SA's 07-02 visit break 中6日; SB's 07-10 visit is the first billable one.
    const r = run({
      office: PHARMACY,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-06-28', 'pharmacist', { id: 'H1', staffId: 'SA' }),
        visit('P1', '2024-07-02', 'pharmacist', { id: 'A1', staffId: 'SA' }),
        visit('P1', '2024-07-10', 'pharmacist', { id: 'B1', staffId: 'SB' }),
      ],
    });
    expectRefused(r, 'A1', 'INTERVAL', 'K24-5b');
    expectBilled(r, 'B1');
  });

  it('K24-2c two dietitians may both bill (the rule covers 医師・歯科医師・薬剤師)', () => {
    const records = [
      visit('P1', '2024-07-03', 'dietitian', { id: 'A1', staffId: 'SA' }),
      visit('P1', '2024-07-17', 'dietitian', { id: 'B1', staffId: 'SB' }),
    ];
    const r = run({ patients: [patient('P1')], records });
    expectBilled(r, 'A1');
    expectBilled(r, 'B1');
  });

  it('K24-2c otherOfficeBills: the same profession → OTHER_OFFICE; another profession is billed', () => {
    expectRefused(
      single('pharmacist', { office: PHARMACY, patient: { otherOfficeBills: ['pharmacist'] } }),
      'V1',
      'OTHER_OFFICE',
      'K24-2c',
    );
    expectBilled(
      single('pharmacist', { office: PHARMACY, patient: { otherOfficeBills: ['doctor', 'dentist'] } }),
      'V1',
    );
    expectRefused(
      single('doctor', { patient: { otherOfficeBills: ['doctor'] } }),
      'V1',
      'OTHER_OFFICE',
      'K24-2c',
    );
    expectRefused(
      single('dentist', { office: DENTAL, patient: { otherOfficeBills: ['dentist'] } }),
      'V1',
      'OTHER_OFFICE',
      'K24-2c',
    );
  });

  it('K24-2d a second visit of one profession on one day → SAME_DAY; the next day is billed', () => {
    const r = run({
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-10', 'doctor', { id: 'A' }),
        visit('P1', '2024-07-10', 'doctor', { id: 'B' }),
        visit('P1', '2024-07-11', 'doctor', { id: 'C' }),
      ],
    });
    expectBilled(r, 'A');
    expectRefused(r, 'B', 'SAME_DAY', 'K24-2d');
    expectBilled(r, 'C');
  });

  it('K24-2d two professions on one day are both billed', () => {
    const r = run({
      office: HOSPITAL,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-10', 'doctor', { id: 'A' }),
        visit('P1', '2024-07-10', 'pharmacist', { id: 'B' }),
      ],
    });
    expectBilled(r, 'A', 515);
    expectBilled(r, 'B', 566);
  });

  it('K24-2d an online and an in-person pharmacist visit on one day: the second → SAME_DAY', () => {
    const r = run({
      office: PHARMACY,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-10', 'pharmacist', { id: 'A' }),
        visit('P1', '2024-07-10', 'pharmacist', { id: 'B', online: true }),
      ],
    });
    expectBilled(r, 'A', 518);
    expectRefused(r, 'B', 'SAME_DAY', 'K24-2d');
  });

  it.each([
    ['doctor', {}],
    ['dentist', DENTAL],
  ])(
    'K24-2e a %s visit without an examination that day → REQUIREMENT_NOT_MET; examined → billed',
    (p, office) => {
      expectRefused(single(p, { office, visit: { examined: false } }), 'V1', 'REQUIREMENT_NOT_MET', 'K24-2e');
      expectBilled(single(p, { office, visit: { examined: true } }), 'V1');
    },
  );

  it('K24-2e does not apply to a pharmacist: examined false is billed', () => {
    expectBilled(single('pharmacist', { office: PHARMACY, visit: { examined: false } }), 'V1', 518);
  });
});

// K24-3: the spec's table, row by row: [row, profession, office, patient / visit flags, 1人, 2–9人, 10人以上, limit].
const rows: [string, string, Json, Json, Json, number, number, number, number][] = [
  ['イ(1) 医師(Ⅰ)', 'doctor', {}, {}, {}, 515, 487, 446, 2],
  ['イ(2) 医師(Ⅱ)', 'doctor', {}, { homeMedicalManagement: true }, {}, 299, 287, 260, 2],
  ['ロ 歯科医師', 'dentist', DENTAL, {}, {}, 517, 487, 441, 2],
  ['ハ(1) 病院の薬剤師', 'pharmacist', HOSPITAL, {}, {}, 566, 417, 380, 2],
  ['ハ(1) 診療所の薬剤師', 'pharmacist', {}, {}, {}, 566, 417, 380, 2],
  ['ハ(2) 薬局の薬剤師', 'pharmacist', PHARMACY, {}, {}, 518, 379, 342, 4],
  ['ハ(2) 薬局の薬剤師 online', 'pharmacist', PHARMACY, {}, { online: true }, 46, 46, 46, 4],
  ['ニ(1) 管理栄養士 (office)', 'dietitian', {}, {}, {}, 545, 487, 444, 2],
  ['ニ(2) 管理栄養士 (external)', 'dietitian', {}, {}, { dietitianExternal: true }, 525, 467, 424, 2],
  ['ホ 歯科衛生士等', 'dental_hygienist', DENTAL, {}, {}, 362, 326, 295, 4],
];

/** n patients of one building, each with one visit of the profession on a different day. */
function building(n: number, profession: string, office: Json, p: Json, v: Json): ClaimMonthResult {
  const patients = Array.from({ length: n }, (_, i) =>
    patient(`P${i + 1}`, { ...p, residence: { kind: 'sakoju', buildingId: 'B1' } }),
  );
  // Online visits do not make a patient count (K24-4g): the others of the building visit in person.
  const records = patients.map((x, i) =>
    visit(x.id as string, `2024-07-${String(i + 1).padStart(2, '0')}`, profession, {
      id: `V${i + 1}`,
      ...(i === 0 ? v : {}),
    }),
  );
  return run({ office, patients, records });
}

describe('K24-3 units per visit', () => {
  describe.each(rows)('%s', (_row, profession, office, p, v, one, few, many) => {
    it.each([
      [1, one],
      [2, few],
      [9, few],
      [10, many],
    ])(`K24-3 K24-4a %i patient(s) in the building → %i units`, (n, units) => {
      const r = building(n, profession, office, p, v);
      expectBilled(r, 'V1', units);
      expect(r.claims.find((c) => c.patientId === 'P1')!.units).toBe(units);
    });
  });

  it.each([
    ['nurse', {}],
    ['assistant_nurse', {}],
    ['nurse', HOSPITAL],
  ])('K24-3 a %s visit (office %o) → NOT_IN_SCHEDULE (abolished in 2021, D7)', (profession, office) => {
    expectRefused(single(profession, { office }), 'V1', 'NOT_IN_SCHEDULE', 'K24-3');
  });

  it.each([
    ['doctor', {}],
    ['dentist', DENTAL],
    ['pharmacist', HOSPITAL],
    ['pharmacist', {}],
    ['dietitian', {}],
    ['dental_hygienist', DENTAL],
  ])('K24-3 an online %s visit (office %o) → NOT_IN_SCHEDULE; in person → billed', (profession, office) => {
    expectRefused(single(profession, { office, visit: { online: true } }), 'V1', 'NOT_IN_SCHEDULE', 'K24-3');
    expectBilled(single(profession, { office, visit: { online: false } }), 'V1');
  });

  it('K24-3 a profession the office does not employ → REQUIREMENT_NOT_MET (a pharmacy doctor)', () => {
    expectRefused(single('doctor', { office: PHARMACY }), 'V1', 'REQUIREMENT_NOT_MET', 'K24-3');
  });
});

describe('K24-4 単一建物居住者', () => {
  const B1 = { kind: 'sakoju', buildingId: 'B1' };

  it("K24-4a per profession: a doctor's patients do not raise the pharmacist's count", () => {
    const r = run({
      office: HOSPITAL,
      patients: [
        patient('P1', { residence: B1 }),
        patient('P2', { residence: B1 }),
        patient('P3', { residence: B1 }),
      ],
      records: [
        visit('P1', '2024-07-03', 'doctor', { id: 'D1' }),
        visit('P2', '2024-07-03', 'pharmacist', { id: 'F2' }),
        visit('P3', '2024-07-03', 'pharmacist', { id: 'F3' }),
      ],
    });
    expectBilled(r, 'D1', 515); // the only doctor patient: 1人
    expectBilled(r, 'F2', 417); // two pharmacist patients: 2–9人
    expectBilled(r, 'F3', 417);
  });

  it('K24-4a visits on different days of the month still count together; every visit uses the same column', () => {
    const r = run({
      patients: [patient('P1', { residence: B1 }), patient('P2', { residence: B1 })],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'A1' }),
        visit('P1', '2024-07-15', 'doctor', { id: 'A2' }),
        visit('P2', '2024-07-31', 'doctor', { id: 'B1' }),
      ],
    });
    expectBilled(r, 'A1', 487);
    expectBilled(r, 'A2', 487);
    expectBilled(r, 'B1', 487);
  });

  it('K24-4a different buildings count apart', () => {
    const r = run({
      patients: [
        patient('P1', { residence: B1 }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B2' } }),
      ],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'A' }),
        visit('P2', '2024-07-01', 'doctor', { id: 'B' }),
      ],
    });
    expectBilled(r, 'A', 515);
    expectBilled(r, 'B', 515);
  });

  it('K24-4b patients without a building id are each 1人, however many', () => {
    const patients = Array.from({ length: 10 }, (_, i) => patient(`P${i}`, { residence: { kind: 'home' } }));
    const r = run({
      patients,
      records: patients.map((p, i) => visit(p.id as string, '2024-07-05', 'doctor', { id: `V${i}` })),
    });
    for (let i = 0; i < 10; i++) expectBilled(r, `V${i}`, 515);
  });

  it('K24-4c two patients of one household in a building are each 1人', () => {
    const h = { ...B1, householdId: 'H1' };
    const r = run({
      patients: [patient('P1', { residence: h }), patient('P2', { residence: h })],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'A' }),
        visit('P2', '2024-07-01', 'doctor', { id: 'B' }),
      ],
    });
    expectBilled(r, 'A', 515);
    expectBilled(r, 'B', 515);
  });

  it('K24-4c two patients of different households in a building are 2人', () => {
    const r = run({
      patients: [
        patient('P1', { residence: { ...B1, householdId: 'H1' } }),
        patient('P2', { residence: { ...B1, householdId: 'H2' } }),
      ],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'A' }),
        visit('P2', '2024-07-01', 'doctor', { id: 'B' }),
      ],
    });
    expectBilled(r, 'A', 487);
    expectBilled(r, 'B', 487);
  });

  it('K24-4c a household of two and a third patient: the household members are each 1人, the third counts 3', () => {
    const h = { ...B1, householdId: 'H1' };
    const r = run({
      patients: [
        patient('P1', { residence: h }),
        patient('P2', { residence: h }),
        patient('P3', { residence: B1 }),
      ],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'A' }),
        visit('P2', '2024-07-01', 'doctor', { id: 'B' }),
        visit('P3', '2024-07-01', 'doctor', { id: 'C' }),
      ],
    });
    expectBilled(r, 'A', 515);
    expectBilled(r, 'B', 515);
    expectBilled(r, 'C', 487);
  });

  /** n patients of a building with `dwellings` 戸数: the units each is billed at (all alike). */
  function withDwellings(n: number, dwellings: number): number[] {
    const patients = Array.from({ length: n }, (_, i) =>
      patient(`P${i}`, { residence: { ...B1, dwellings } }),
    );
    const r = run({
      patients,
      records: patients.map((p, i) => visit(p.id as string, '2024-07-05', 'doctor', { id: `V${i}` })),
    });
    return patients.map((_, i) => billedUnits(r, `V${i}`)!);
  }

  it('K24-4d 10 % of the dwellings: 3 patients / 30 dwellings → 1人; 4 / 30 → 2–9人', () => {
    expect(withDwellings(3, 30)).toEqual([515, 515, 515]);
    expect(withDwellings(4, 30)).toEqual([487, 487, 487, 487]);
  });

  it('K24-4d under 20 dwellings: 19 dwellings with 2 patients → 1人; with 3 → 2–9人', () => {
    expect(withDwellings(2, 19)).toEqual([515, 515]);
    expect(withDwellings(3, 19)).toEqual([487, 487, 487]);
  });

  it('K24-4d 20 dwellings with 2 patients → 1人 (10 %); with 3 → 2–9人', () => {
    expect(withDwellings(2, 20)).toEqual([515, 515]);
    expect(withDwellings(3, 20)).toEqual([487, 487, 487]);
  });

  it('K24-4d 100 dwellings: 10 patients → 1人; 11 → 10人以上', () => {
    expect(new Set(withDwellings(10, 100))).toEqual(new Set([515]));
    expect(new Set(withDwellings(11, 100))).toEqual(new Set([446]));
  });

  it('K24-4d the building’s dwellings apply to every patient of it, also one whose record omits them', () => {
    const r = run({
      patients: [
        patient('P1', { residence: { ...B1, dwellings: 30 } }),
        patient('P2', { residence: B1 }),
        patient('P3', { residence: B1 }),
      ],
      records: ['P1', 'P2', 'P3'].map((p) => visit(p, '2024-07-05', 'doctor', { id: `V${p}` })),
    });
    expect(['VP1', 'VP2', 'VP3'].map((id) => billedUnits(r, id))).toEqual([515, 515, 515]);
  });

  it('K24-4e a group home counts per unit: 2 patients in unit U1 → 2–9人, 1 in U2 → 1人', () => {
    const gh = (unitId: string) => ({ residence: { kind: 'group_home', buildingId: 'G1', unitId } });
    const r = run({
      patients: [patient('P1', gh('U1')), patient('P2', gh('U1')), patient('P3', gh('U2'))],
      records: ['P1', 'P2', 'P3'].map((p) => visit(p, '2024-07-05', 'doctor', { id: `V${p}` })),
    });
    expectBilled(r, 'VP1', 487);
    expectBilled(r, 'VP2', 487);
    expectBilled(r, 'VP3', 515);
  });

  it('K24-4e the same three group-home patients without units → 2–9人 each', () => {
    const gh = { residence: { kind: 'group_home', buildingId: 'G1' } };
    const r = run({
      patients: [patient('P1', gh), patient('P2', gh), patient('P3', gh)],
      records: ['P1', 'P2', 'P3'].map((p) => visit(p, '2024-07-05', 'doctor', { id: `V${p}` })),
    });
    for (const id of ['VP1', 'VP2', 'VP3']) expectBilled(r, id, 487);
  });

  it('K24-4f a patient whose every visit is refused does not count; billed, the patient counts', () => {
    const patients = [patient('P1', { residence: B1 }), patient('P2', { residence: B1 })];
    const refused = run({
      patients,
      records: [
        visit('P1', '2024-07-05', 'doctor', { id: 'A' }),
        visit('P2', '2024-07-05', 'doctor', { id: 'B', reported: false }),
      ],
    });
    expectBilled(refused, 'A', 515);
    expectRefused(refused, 'B', 'NO_CARE_MANAGER_REPORT');
    const billed = run({
      patients,
      records: [
        visit('P1', '2024-07-05', 'doctor', { id: 'A' }),
        visit('P2', '2024-07-05', 'doctor', { id: 'B' }),
      ],
    });
    expectBilled(billed, 'A', 487);
  });

  it('K24-4g an online-only patient does not count; in person, the patient counts; online is 46 either way', () => {
    const patients = [patient('P1', { residence: B1 }), patient('P2', { residence: B1 })];
    const online = run({
      office: PHARMACY,
      patients,
      records: [
        visit('P1', '2024-07-05', 'pharmacist', { id: 'A' }),
        visit('P2', '2024-07-05', 'pharmacist', { id: 'B', online: true }),
      ],
    });
    expectBilled(online, 'A', 518);
    expectBilled(online, 'B', 46);
    const inPerson = run({
      office: PHARMACY,
      patients,
      records: [
        visit('P1', '2024-07-05', 'pharmacist', { id: 'A' }),
        visit('P2', '2024-07-05', 'pharmacist', { id: 'B' }),
        visit('P2', '2024-07-20', 'pharmacist', { id: 'C', online: true }),
      ],
    });
    expectBilled(inPerson, 'A', 379);
    expectBilled(inPerson, 'B', 379);
    expectBilled(inPerson, 'C', 46);
  });
});

describe('K24-5 limits', () => {
  it.each(rows)('K24-5a %s: up to the monthly limit billed, one more → MONTHLY_LIMIT', (...row) => {
    const [, profession, office, p, v, , , , limit] = row;
    // Weekly, 7 days apart, so that 中6日 (K24-5b) does not interfere.
    const dates = Array.from(
      { length: limit + 1 },
      (_, i) => `2024-07-${String(1 + 7 * i).padStart(2, '0')}`,
    );
    const r = run({
      office,
      patients: [patient('P1', p)],
      records: dates.map((d, i) => visit('P1', d, profession, { id: `V${i}`, ...v })),
    });
    for (let i = 0; i < limit; i++) expectBilled(r, `V${i}`);
    expectRefused(r, `V${limit}`, 'MONTHLY_LIMIT', 'K24-5a');
  });

  it('K24-5a the limit is per month: two doctor visits in June (history) do not limit July', () => {
    const r = run({
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-06-05', 'doctor', { id: 'H1' }),
        visit('P1', '2024-06-19', 'doctor', { id: 'H2' }),
        visit('P1', '2024-07-03', 'doctor', { id: 'A' }),
        visit('P1', '2024-07-17', 'doctor', { id: 'B' }),
      ],
    });
    expectBilled(r, 'A');
    expectBilled(r, 'B');
  });

  const pharmacy = (records: Json[], p: Json = {}, month = '2024-07') =>
    run({ month, office: PHARMACY, patients: [patient('P1', p)], records });

  it('K24-5b 中6日: 07-01 then 07-07 is INTERVAL, 07-08 is billed', () => {
    const r = pharmacy([
      visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
      visit('P1', '2024-07-07', 'pharmacist', { id: 'B' }),
      visit('P1', '2024-07-08', 'pharmacist', { id: 'C' }),
    ]);
    expectBilled(r, 'A');
    const x = expectRefused(r, 'B', 'INTERVAL', 'K24-5b');
    expect(x.message).toContain('2024-07-08');
    expectBilled(r, 'C');
  });

  it('K24-5b 中6日 applies to a hospital pharmacist too', () => {
    const r = run({
      office: HOSPITAL,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
        visit('P1', '2024-07-07', 'pharmacist', { id: 'B' }),
      ],
    });
    expectRefused(r, 'B', 'INTERVAL', 'K24-5b');
  });

  it('K24-5b 中6日 across a month boundary: history 07-29, then 08-04 is INTERVAL and 08-05 billed', () => {
    const early = pharmacy(
      [
        visit('P1', '2024-07-29', 'pharmacist', { id: 'H' }),
        visit('P1', '2024-08-04', 'pharmacist', { id: 'A' }),
      ],
      {},
      '2024-08',
    );
    expectRefused(early, 'H', 'HISTORY');
    expectRefused(early, 'A', 'INTERVAL', 'K24-5b');
    const onTime = pharmacy(
      [
        visit('P1', '2024-07-29', 'pharmacist', { id: 'H' }),
        visit('P1', '2024-08-05', 'pharmacist', { id: 'A' }),
      ],
      {},
      '2024-08',
    );
    expectBilled(onTime, 'A', 518);
  });

  it.each(['terminal_cancer', 'central_venous_nutrition', 'opioid_injection'])(
    'K24-5b %s: no 中6日 (07-01 and 07-02 both billed)',
    (c) => {
      const r = pharmacy(
        [
          visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
          visit('P1', '2024-07-02', 'pharmacist', { id: 'B' }),
        ],
        { conditions: [c] },
      );
      expectBilled(r, 'A');
      expectBilled(r, 'B');
    },
  );

  it('K24-5b terminal cancer, 2 a week (Sunday–Saturday): Thu, Fri, Sat → Sat WEEKLY_LIMIT', () => {
    const r = pharmacy(
      [
        visit('P1', '2024-07-04', 'pharmacist', { id: 'Thu' }),
        visit('P1', '2024-07-05', 'pharmacist', { id: 'Fri' }),
        visit('P1', '2024-07-06', 'pharmacist', { id: 'Sat' }),
      ],
      { conditions: ['terminal_cancer'] },
    );
    expectBilled(r, 'Thu');
    expectBilled(r, 'Fri');
    expectRefused(r, 'Sat', 'WEEKLY_LIMIT', 'K24-5b');
  });

  it('K24-5b terminal cancer, 2 a week: Thu, Fri, then Sunday starts a new week and is billed', () => {
    const r = pharmacy(
      [
        visit('P1', '2024-07-04', 'pharmacist', { id: 'Thu' }),
        visit('P1', '2024-07-05', 'pharmacist', { id: 'Fri' }),
        visit('P1', '2024-07-07', 'pharmacist', { id: 'Sun' }),
      ],
      { conditions: ['terminal_cancer'] },
    );
    expectBilled(r, 'Sun');
  });

  it('K24-5b terminal cancer, the week across a month boundary counts June visits (history)', () => {
    // 2024-06-30 is a Sunday: 06-30, 07-01 fill the week of 06-30 … 07-06.
    const r = pharmacy(
      [
        visit('P1', '2024-06-30', 'pharmacist', { id: 'H' }),
        visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
        visit('P1', '2024-07-02', 'pharmacist', { id: 'B' }),
      ],
      { conditions: ['terminal_cancer'] },
    );
    expectBilled(r, 'A');
    expectRefused(r, 'B', 'WEEKLY_LIMIT', 'K24-5b');
  });

  it('K24-5b terminal cancer: 8 a month billed, the 9th → MONTHLY_LIMIT', () => {
    // Two a week: Mon and Tue of each week of July 2024, 9 visits.
    const days = ['01', '02', '08', '09', '15', '16', '22', '23', '29'];
    const r = pharmacy(
      days.map((d) => visit('P1', `2024-07-${d}`, 'pharmacist', { id: `D${d}` })),
      { conditions: ['terminal_cancer'] },
    );
    for (const d of days.slice(0, 8)) expectBilled(r, `D${d}`);
    expectRefused(r, 'D29', 'MONTHLY_LIMIT', 'K24-5b');
    expect(r.claims[0]!.units).toBe(8 * 518);
  });

  it('K24-5b a hospital pharmacist with a terminal-cancer patient: no interval, still 2 a month', () => {
    const r = run({
      office: HOSPITAL,
      patients: [patient('P1', { conditions: ['terminal_cancer'] })],
      records: [
        visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
        visit('P1', '2024-07-02', 'pharmacist', { id: 'B' }),
        visit('P1', '2024-07-03', 'pharmacist', { id: 'C' }),
      ],
    });
    expectBilled(r, 'A', 566);
    expectBilled(r, 'B', 566);
    expectRefused(r, 'C', 'MONTHLY_LIMIT');
  });

  it('K24-5b online visits count inside the 4: 3 in person + 1 online billed, a 2nd online → MONTHLY_LIMIT', () => {
    const r = pharmacy([
      visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
      visit('P1', '2024-07-08', 'pharmacist', { id: 'B' }),
      visit('P1', '2024-07-15', 'pharmacist', { id: 'C' }),
      visit('P1', '2024-07-20', 'pharmacist', { id: 'O1', online: true }),
      visit('P1', '2024-07-25', 'pharmacist', { id: 'O2', online: true }),
    ]);
    expectBilled(r, 'O1', 46);
    expectRefused(r, 'O2', 'MONTHLY_LIMIT');
    expect(r.claims[0]!.units).toBe(3 * 518 + 46);
  });

  it('K24-5b O3 an online visit is not bound by 中6日 and does not restart it', () => {
    const r = pharmacy([
      visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
      visit('P1', '2024-07-03', 'pharmacist', { id: 'O', online: true }),
      visit('P1', '2024-07-08', 'pharmacist', { id: 'B' }),
    ]);
    expectBilled(r, 'A', 518);
    expectBilled(r, 'O', 46);
    expectBilled(r, 'B', 518); // 7 days after 07-01; the online 07-03 did not restart the interval
  });

  it('K24-5b O3 after an online visit, the interval still runs from the last in-person visit', () => {
    const r = pharmacy([
      visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
      visit('P1', '2024-07-03', 'pharmacist', { id: 'O', online: true }),
      visit('P1', '2024-07-07', 'pharmacist', { id: 'B' }),
    ]);
    expectRefused(r, 'B', 'INTERVAL', 'K24-5b');
  });

  it('K24-5b online visits count in the 2 a week of a terminal-cancer patient', () => {
    const r = pharmacy(
      [
        visit('P1', '2024-07-01', 'pharmacist', { id: 'A' }),
        visit('P1', '2024-07-02', 'pharmacist', { id: 'O', online: true }),
        visit('P1', '2024-07-03', 'pharmacist', { id: 'B' }),
      ],
      { conditions: ['terminal_cancer'] },
    );
    expectBilled(r, 'O', 46);
    expectRefused(r, 'B', 'WEEKLY_LIMIT', 'K24-5b');
  });

  const dietitian = (dates: string[], instruction?: string, month = '2024-07') =>
    run({
      month,
      patients: [patient('P1')],
      records: dates.map((d) =>
        visit('P1', d, 'dietitian', {
          id: d,
          ...(instruction ? { specialInstructionDate: instruction } : {}),
        }),
      ),
    });

  it('K24-5c without a special instruction the 3rd dietitian visit → MONTHLY_LIMIT', () => {
    const r = dietitian(['2024-07-02', '2024-07-05', '2024-07-10']);
    expectRefused(r, '2024-07-10', 'MONTHLY_LIMIT', 'K24-5a');
  });

  it('K24-5c special instruction 07-01: a 3rd visit on day 30 (07-30) is billed, on day 31 (07-31) refused', () => {
    const day30 = dietitian(['2024-07-02', '2024-07-05', '2024-07-30'], '2024-07-01');
    expectBilled(day30, '2024-07-30', 545);
    expect(visitLines(day30).find((l) => l.recordIds.includes('2024-07-30'))!.rule).toContain('K24-5c');
    const day31 = dietitian(['2024-07-02', '2024-07-05', '2024-07-31'], '2024-07-01');
    expectRefused(day31, '2024-07-31', 'MONTHLY_LIMIT', 'K24-5c');
  });

  it('K24-5c a visit before the instruction day cannot use it', () => {
    const r = dietitian(['2024-07-02', '2024-07-05', '2024-07-09'], '2024-07-10');
    expectRefused(r, '2024-07-09', 'MONTHLY_LIMIT');
  });

  it('K24-5c the instruction gives 2 extra visits: 4 billed, the 5th → MONTHLY_LIMIT', () => {
    const dates = ['2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05', '2024-07-06'];
    const r = dietitian(dates, '2024-07-01');
    for (const d of dates.slice(0, 4)) expectBilled(r, d);
    expectRefused(r, '2024-07-06', 'MONTHLY_LIMIT');
  });

  it('K24-5c a window across months: instruction 07-20, in August day 30 (08-18) billed, day 31 (08-19) refused', () => {
    const july = ['2024-07-21', '2024-07-22'];
    const inWindow = dietitian([...july, '2024-08-01', '2024-08-02', '2024-08-18'], '2024-07-20', '2024-08');
    expectBilled(inWindow, '2024-08-18');
    expectRefused(inWindow, '2024-07-21', 'HISTORY');
    const outside = dietitian([...july, '2024-08-01', '2024-08-02', '2024-08-19'], '2024-07-20', '2024-08');
    expectRefused(outside, '2024-08-19', 'MONTHLY_LIMIT');
  });

  it('K24-5c extra visits used in July count against the same instruction in August', () => {
    const r = dietitian(
      ['2024-07-21', '2024-07-22', '2024-07-25', '2024-07-28', '2024-08-01', '2024-08-02', '2024-08-05'],
      '2024-07-20',
      '2024-08',
    );
    expectBilled(r, '2024-08-01');
    expectBilled(r, '2024-08-02');
    expectRefused(r, '2024-08-05', 'MONTHLY_LIMIT');
  });

  const hygienist = (n: number, p: Json = {}) =>
    run({
      office: DENTAL,
      patients: [patient('P1', p)],
      records: Array.from({ length: n }, (_, i) =>
        visit('P1', `2024-07-${String(i + 1).padStart(2, '0')}`, 'dental_hygienist', { id: `H${i + 1}` }),
      ),
    });

  it('K24-5d 歯科衛生士等: 4 a month, the 5th → MONTHLY_LIMIT', () => {
    const r = hygienist(5);
    for (let i = 1; i <= 4; i++) expectBilled(r, `H${i}`);
    expectRefused(r, 'H5', 'MONTHLY_LIMIT', 'K24-5a');
  });

  it('K24-5d terminal cancer: 6 a month billed (5th and 6th too), the 7th → MONTHLY_LIMIT', () => {
    const r = hygienist(7, { conditions: ['terminal_cancer'] });
    for (let i = 1; i <= 6; i++) expectBilled(r, `H${i}`);
    expectRefused(r, 'H7', 'MONTHLY_LIMIT', 'K24-5d');
  });

  it('K24-5d the 6 a month is for terminal cancer only (central venous nutrition stays at 4)', () => {
    const r = hygienist(5, { conditions: ['central_venous_nutrition'] });
    expectRefused(r, 'H5', 'MONTHLY_LIMIT');
  });
});

describe('K24-6 additions', () => {
  const additionLines = (r: ClaimMonthResult, item: string) =>
    r.claims.flatMap((c) => c.lines).filter((l) => l.item === `kyotaku.addition.${item}`);
  const additionRefusal = (r: ClaimMonthResult, addition: string) =>
    r.rejections.find((x) => x.addition === addition);

  it.each([
    ['pharmacy', PHARMACY, 518],
    ['hospital', HOSPITAL, 566],
  ])('K24-6a 麻薬管理指導加算 +100 for a %s pharmacist', (_k, office, units) => {
    const r = single('pharmacist', { office, visit: { additions: ['narcotic'] } });
    expectBilled(r, 'V1', units);
    expect(additionLines(r, 'narcotic').map((l) => [l.unitsEach, l.count, l.rule])).toEqual([
      [100, 1, 'K24-6a'],
    ]);
    expect(r.claims[0]!.units).toBe(units + 100);
  });

  it('K24-6a not for an online visit: the visit bills 46, the addition is refused', () => {
    const r = single('pharmacist', { office: PHARMACY, visit: { online: true, additions: ['narcotic'] } });
    expectBilled(r, 'V1', 46);
    expect(additionLines(r, 'narcotic')).toEqual([]);
    const x = additionRefusal(r, 'narcotic')!;
    expect(x.rule).toBe('K24-6a');
    expect(x.units).toBe(100);
    expect(r.claims[0]!.units).toBe(46);
  });

  it('K24-6a not for a doctor: the visit is billed, the addition refused', () => {
    const r = single('doctor', { visit: { additions: ['narcotic'] } });
    expectBilled(r, 'V1', 515);
    expect(additionRefusal(r, 'narcotic')!.code).toBe('REQUIREMENT_NOT_MET');
    expect(r.claims[0]!.units).toBe(515);
  });

  it('K24-6b 医療用麻薬持続注射療法加算 +250 for a pharmacy pharmacist', () => {
    const r = single('pharmacist', { office: PHARMACY, visit: { additions: ['opioid_injection'] } });
    expect(additionLines(r, 'opioid_injection').map((l) => l.unitsEach)).toEqual([250]);
    expect(r.claims[0]!.units).toBe(768);
  });

  it('K24-6b with K24-6a on one visit: 250 billed, the 100 → NOT_COMBINABLE', () => {
    const r = single('pharmacist', {
      office: PHARMACY,
      visit: { additions: ['narcotic', 'opioid_injection'] },
    });
    expect(additionLines(r, 'opioid_injection').map((l) => l.unitsEach)).toEqual([250]);
    expect(additionLines(r, 'narcotic')).toEqual([]);
    const x = additionRefusal(r, 'narcotic')!;
    expect([x.code, x.rule, x.units]).toEqual(['NOT_COMBINABLE', 'K24-6b', 100]);
    expect(r.claims[0]!.units).toBe(518 + 250);
  });

  it('K24-6b not for a hospital pharmacist: refused, and the 麻薬管理指導加算 asked with it is billed', () => {
    const r = single('pharmacist', {
      office: HOSPITAL,
      visit: { additions: ['opioid_injection', 'narcotic'] },
    });
    expect(additionRefusal(r, 'opioid_injection')!.code).toBe('REQUIREMENT_NOT_MET');
    expect(additionRefusal(r, 'narcotic')).toBeUndefined();
    expect(additionLines(r, 'narcotic').map((l) => l.unitsEach)).toEqual([100]);
    expect(r.claims[0]!.units).toBe(566 + 100);
  });

  it('K24-6b not for an online visit', () => {
    const r = single('pharmacist', {
      office: PHARMACY,
      visit: { online: true, additions: ['opioid_injection'] },
    });
    expect(additionRefusal(r, 'opioid_injection')!.rule).toBe('K24-6b');
    expect(r.claims[0]!.units).toBe(46);
  });

  it('K24-6c 在宅中心静脈栄養法加算 +150 for a pharmacy pharmacist, combinable with K24-6a', () => {
    const r = single('pharmacist', {
      office: PHARMACY,
      visit: { additions: ['central_venous', 'narcotic'] },
    });
    expect(additionLines(r, 'central_venous').map((l) => [l.unitsEach, l.rule])).toEqual([[150, 'K24-6c']]);
    expect(r.claims[0]!.units).toBe(518 + 150 + 100);
  });

  it('K24-6c not for a hospital pharmacist nor an online visit', () => {
    const hosp = single('pharmacist', { office: HOSPITAL, visit: { additions: ['central_venous'] } });
    expect(additionRefusal(hosp, 'central_venous')!.code).toBe('REQUIREMENT_NOT_MET');
    expect(hosp.claims[0]!.units).toBe(566);
    const online = single('pharmacist', {
      office: PHARMACY,
      visit: { online: true, additions: ['central_venous'] },
    });
    expect(additionRefusal(online, 'central_venous')!.rule).toBe('K24-6c');
  });

  it('K24-6a per visit: two visits with the addition → one line 100 × 2', () => {
    const r = run({
      office: PHARMACY,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-01', 'pharmacist', { id: 'A', additions: ['narcotic'] }),
        visit('P1', '2024-07-08', 'pharmacist', { id: 'B', additions: ['narcotic'] }),
      ],
    });
    expect(additionLines(r, 'narcotic').map((l) => [l.unitsEach, l.count, l.units, l.recordIds])).toEqual([
      [100, 2, 200, ['A', 'B']],
    ]);
  });

  /** The percentage line of a one-patient month. */
  function percentLine(office: Json, p: Json, records: Json[], item: string): Line | undefined {
    const r = run({ office, patients: [patient('P1', p)], records });
    return additionLines(r, item)[0];
  }

  it('K24-6d 特別地域 +15 %: 518 → 78 (77.7 rounded half up), one line count 1', () => {
    const l = percentLine(
      { ...PHARMACY, specialArea: true },
      {},
      [visit('P1', '2024-07-01', 'pharmacist')],
      'specialArea',
    )!;
    expect([l.unitsEach, l.count, l.units]).toEqual([78, 1, 78]);
    expect(l.rule).toContain('K24-6d');
  });

  it('K24-6d 特別地域 +15 % half up at .5: 2 × 515 = 1,030 → 154.5 → 155; 362 → 54.3 → 54', () => {
    const doctor = percentLine(
      { specialArea: true },
      {},
      [visit('P1', '2024-07-01', 'doctor'), visit('P1', '2024-07-15', 'doctor')],
      'specialArea',
    )!;
    expect(doctor.units).toBe(155);
    const hyg = percentLine(
      { ...DENTAL, specialArea: true },
      {},
      [visit('P1', '2024-07-01', 'dental_hygienist')],
      'specialArea',
    )!;
    expect(hyg.units).toBe(54);
  });

  it('K24-6e 中山間 small office +10 %: 515 → 51.5 → 52; 299 → 29.9 → 30; 444 … 2 × 362 = 724 → 72.4 → 72', () => {
    const o = { chusankanSmallOffice: true };
    expect(percentLine(o, {}, [visit('P1', '2024-07-01', 'doctor')], 'chusankanSmallOffice')!.units).toBe(52);
    expect(
      percentLine(
        o,
        { homeMedicalManagement: true },
        [visit('P1', '2024-07-01', 'doctor')],
        'chusankanSmallOffice',
      )!.units,
    ).toBe(30);
    const hyg = percentLine(
      { ...DENTAL, ...o },
      {},
      [visit('P1', '2024-07-01', 'dental_hygienist'), visit('P1', '2024-07-08', 'dental_hygienist')],
      'chusankanSmallOffice',
    )!;
    expect(hyg.units).toBe(72);
  });

  it('K24-6e is not combined with 特別地域: the input is refused naming the field', () => {
    const ps = problems(
      input({ office: { specialArea: true, chusankanSmallOffice: true }, patients: [], records: [] }),
    );
    expect(ps.map((p) => p.path)).toEqual(['office.chusankanSmallOffice']);
  });

  it('K24-6f 中山間 resident +5 %: 2 × 515 = 1,030 → 51.5 → 52; 518 → 25.9 → 26; not without the flag', () => {
    expect(
      percentLine(
        {},
        { chusankanResident: true },
        [visit('P1', '2024-07-01', 'doctor'), visit('P1', '2024-07-15', 'doctor')],
        'chusankanResident',
      )!.units,
    ).toBe(52);
    expect(
      percentLine(
        PHARMACY,
        { chusankanResident: true },
        [visit('P1', '2024-07-01', 'pharmacist')],
        'chusankanResident',
      )!.units,
    ).toBe(26);
    expect(
      percentLine(PHARMACY, {}, [visit('P1', '2024-07-01', 'pharmacist')], 'chusankanResident'),
    ).toBeUndefined();
  });

  it('K24-6d with K24-6f: two lines, each on the same base', () => {
    const r = run({
      office: { ...PHARMACY, specialArea: true },
      patients: [patient('P1', { chusankanResident: true })],
      records: [visit('P1', '2024-07-01', 'pharmacist', { id: 'A' })],
    });
    expect(additionLines(r, 'specialArea').map((l) => l.units)).toEqual([78]);
    expect(additionLines(r, 'chusankanResident').map((l) => l.units)).toEqual([26]);
    expect(r.claims[0]!.units).toBe(518 + 78 + 26);
  });

  it('K24-6g O1 the base leaves out K24-6a/6b/6c: 518 + 100 麻薬 → 15 % of 518 = 78, not of 618', () => {
    const r = run({
      office: { ...PHARMACY, specialArea: true },
      patients: [patient('P1')],
      records: [visit('P1', '2024-07-01', 'pharmacist', { id: 'A', additions: ['narcotic'] })],
    });
    expect(additionLines(r, 'specialArea').map((l) => l.units)).toEqual([78]);
    expect(r.claims[0]!.units).toBe(518 + 100 + 78);
  });

  it('K24-6g the base is the month total of all professions of the office: 515 + 566 = 1,081 → 162 (one line)', () => {
    const r = run({
      office: { ...HOSPITAL, specialArea: true },
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'D' }),
        visit('P1', '2024-07-02', 'pharmacist', { id: 'F' }),
      ],
    });
    const lines = additionLines(r, 'specialArea');
    expect(lines.map((l) => [l.units, l.count])).toEqual([[162, 1]]);
    expect(new Set(lines[0]!.recordIds)).toEqual(new Set(['D', 'F']));
  });

  it('K24-6g refused visits are not in the base', () => {
    const r = run({
      office: { specialArea: true },
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-01', 'doctor', { id: 'A' }),
        visit('P1', '2024-07-08', 'doctor', { id: 'B' }),
        visit('P1', '2024-07-15', 'doctor', { id: 'C' }),
      ],
    });
    expectRefused(r, 'C', 'MONTHLY_LIMIT');
    expect(additionLines(r, 'specialArea').map((l) => l.units)).toEqual([155]);
  });
});

describe('K24-7 / M-3 … M-5 money', () => {
  const twoVisits = (copay: number) =>
    run({
      office: PHARMACY,
      patients: [patient('P1', { care: { level: 'care2', copay } })],
      records: [visit('P1', '2024-07-01', 'pharmacist'), visit('P1', '2024-07-08', 'pharmacist')],
    }).claims[0]!;

  it.each([
    [1, 9324, 1036],
    [2, 8288, 2072],
    [3, 7252, 3108],
  ])('K24-7 M-4 M-5 518 × 2 at 10 円, %i割 → insurer %i, copay %i', (copay, insurer, copayYen) => {
    const c = twoVisits(copay);
    expect(c.unitPrice).toBe(10);
    expect([c.units, c.yen, c.insurer, c.copay]).toEqual([1036, 10360, insurer, copayYen]);
    expect(c.insurer).toBe(Math.floor((c.yen * (10 - copay)) / 10)); // M-4 truncation
  });

  it('M-4 truncation: 1 × 299 units, 1割 → 2,990 yen, insurer 2,691, copay 299; 3割 → 2,093 / 897', () => {
    const r = (copay: number) =>
      run({
        patients: [patient('P1', { homeMedicalManagement: true, care: { level: 'care1', copay } })],
        records: [visit('P1', '2024-07-01', 'doctor')],
      }).claims[0]!;
    expect([r(1).yen, r(1).insurer, r(1).copay]).toEqual([2990, 2691, 299]);
    expect([r(3).yen, r(3).insurer, r(3).copay]).toEqual([2990, 2093, 897]);
  });

  it('M-4 a 2割 patient with an odd total: 46 + 518 = 564 units → 5,640; insurer 4,512; copay 1,128', () => {
    const r = run({
      office: PHARMACY,
      patients: [patient('P1', { care: { level: 'care1', copay: 2 } })],
      records: [
        visit('P1', '2024-07-01', 'pharmacist'),
        visit('P1', '2024-07-03', 'pharmacist', { online: true }),
      ],
    }).claims[0]!;
    expect([r.units, r.yen, r.insurer, r.copay]).toEqual([564, 5640, 4512, 1128]);
  });
});

describe('HISTORY records of other months', () => {
  it('contract records before and after the month are reported once as HISTORY and never billed', () => {
    const r = run({
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-06-28', 'doctor', { id: 'Before' }),
        visit('P1', '2024-07-05', 'doctor', { id: 'In' }),
        visit('P1', '2024-08-02', 'doctor', { id: 'After' }),
      ],
    });
    expect(r.rejections.filter((x) => x.recordId === 'Before').map((x) => x.code)).toEqual(['HISTORY']);
    expect(r.rejections.filter((x) => x.recordId === 'After').map((x) => x.code)).toEqual(['HISTORY']);
    expectBilled(r, 'In');
    expect(r.claims[0]!.units).toBe(515);
  });

  it('contract a history record that would be refused is only HISTORY (no second rejection)', () => {
    const r = run({
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-06-28', 'doctor', { id: 'Before', reported: false }),
        visit('P1', '2024-08-02', 'nurse', { id: 'After' }),
      ],
    });
    expect(r.rejections.map((x) => [x.recordId, x.code]).sort()).toEqual([
      ['After', 'HISTORY'],
      ['Before', 'HISTORY'],
    ]);
    expect(r.claims).toEqual([]);
  });

  it('contract a later month never limits the billed month: 07-29 billed despite 08-01 in the input', () => {
    const r = run({
      office: PHARMACY,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-08-01', 'pharmacist', { id: 'After' }),
        visit('P1', '2024-07-29', 'pharmacist', { id: 'In' }),
      ],
    });
    expectBilled(r, 'In');
  });

  it('contract a history record refused in its own month does not count for the interval', () => {
    const r = run({
      month: '2024-08',
      office: PHARMACY,
      patients: [patient('P1')],
      records: [
        visit('P1', '2024-07-29', 'pharmacist', { id: 'H', reported: false }),
        visit('P1', '2024-08-01', 'pharmacist', { id: 'A' }),
      ],
    });
    expectBilled(r, 'A');
  });
});

describe('validation: bad input names the JSON path (contract "Bad input")', () => {
  const good = (): Json =>
    input({ patients: [patient('P1')], records: [visit('P1', '2024-07-05', 'doctor', { id: 'V1' })] });
  const withRecord = (rec: Json): Json => ({ ...good(), records: [rec] });

  it('contract the good input is accepted (the cases below differ from it in one field)', () => {
    expect(calculate(good()).ok).toBe(true);
  });

  it('contract an unknown patient → records[0].patientId', () => {
    const ps = problems(withRecord(visit('P9', '2024-07-05', 'doctor', { id: 'V1' })));
    expect(ps.map((p) => p.path)).toEqual(['records[0].patientId']);
    expect(ps[0]!.message).toContain('P9');
  });

  it('contract a duplicate record id → records[1].id', () => {
    const g = good();
    const ps = problems({
      ...g,
      records: [
        visit('P1', '2024-07-05', 'doctor', { id: 'V1' }),
        visit('P1', '2024-07-06', 'doctor', { id: 'V1' }),
      ],
    });
    expect(ps.map((p) => p.path)).toEqual(['records[1].id']);
  });

  it('contract a duplicate patient id → patients[1].id', () => {
    const ps = problems({ ...good(), patients: [patient('P1'), patient('P1')] });
    expect(ps.map((p) => p.path)).toEqual(['patients[1].id']);
  });

  it('contract 2024-02-30 is not a date → records[0].date; 2024-02-29 (leap year) is', () => {
    const ps = problems(withRecord(visit('P1', '2024-02-30', 'doctor', { id: 'V1' })));
    expect(ps.map((p) => p.path)).toEqual(['records[0].date']);
    expect(ps[0]!.message).toContain('2024-02-30');
    expect(calculate(withRecord(visit('P1', '2024-02-29', 'doctor', { id: 'V1' }))).ok).toBe(true);
    expect(
      problems(withRecord(visit('P1', '2023-02-29', 'doctor', { id: 'V1' }))).map((p) => p.path),
    ).toEqual(['records[0].date']);
  });

  it('contract an unknown enum value → the field, listing the values', () => {
    const ps = problems(withRecord(visit('P1', '2024-07-05', 'surgeon', { id: 'V1' })));
    expect(ps.map((p) => p.path)).toEqual(['records[0].profession']);
    expect(ps[0]!.message).toContain('pharmacist');
    const level = problems({ ...good(), patients: [{ id: 'P1', care: { level: 'care9', copay: 1 } }] });
    expect(level.map((p) => p.path)).toEqual(['patients[0].care.level']);
    const kind = problems(withRecord({ ...visit('P1', '2024-07-05', 'doctor'), kind: 'massage' }));
    expect(kind.map((p) => p.path)).toEqual(['records[0].kind']);
  });

  it('contract an unknown field → its path (a misspelt field is not ignored)', () => {
    const ps = problems(withRecord({ ...visit('P1', '2024-07-05', 'doctor', { id: 'V1' }), reportd: true }));
    expect(ps.map((p) => p.path)).toEqual(['records[0].reportd']);
    const office = problems({ ...good(), office: { id: 'O', kind: 'clinic', specialarea: true } });
    expect(office.map((p) => p.path)).toEqual(['office.specialarea']);
  });

  it('contract a missing field → its path', () => {
    const rec = visit('P1', '2024-07-05', 'doctor', { id: 'V1' });
    delete rec.reported;
    const ps = problems(withRecord(rec));
    expect(ps.map((p) => p.path)).toEqual(['records[0].reported']);
    expect(ps[0]!.message).toContain('必須');
    const { month: _m, ...noMonth } = good();
    expect(problems(noMonth).map((p) => p.path)).toEqual(['month']);
  });

  it('contract a month with no schedule (2015-01) → month; 2024-06 has one', () => {
    const ps = problems({ ...good(), month: '2015-01', records: [] });
    expect(ps.map((p) => p.path)).toEqual(['month']);
    expect(ps[0]!.message).toContain('2015-01');
    expect(calculate({ ...good(), month: '2024-06', records: [] }).ok).toBe(true);
  });

  it('K24-4d dwellings inconsistent in one building → the second patient’s dwellings', () => {
    const ps = problems({
      ...good(),
      patients: [
        patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1', dwellings: 30 } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1', dwellings: 31 } }),
      ],
    });
    expect(ps.map((p) => p.path)).toEqual(['patients[1].residence.dwellings']);
    expect(
      calculate({
        ...good(),
        patients: [
          patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1', dwellings: 30 } }),
          patient('P2', { residence: { kind: 'sakoju', buildingId: 'B2', dwellings: 31 } }),
        ],
      }).ok,
    ).toBe(true);
  });

  it('contract several problems → one line each, in Japanese, without a stack trace', () => {
    const ps = problems({
      ...good(),
      records: [
        visit('P1', '2024-13-01', 'doctor', { id: 'V1' }),
        { ...visit('P1', '2024-07-05', 'doctor', { id: 'V2' }), reported: 'yes' },
      ],
    });
    expect(ps.map((p) => p.path).sort()).toEqual(['records[0].date', 'records[1].reported']);
    for (const p of ps) {
      expect(formatProblem(p)).not.toContain('\n');
      expect(formatProblem(p)).not.toMatch(/\bat .*\.js/);
      expect(p.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
  });
});
