// The fast acceptance check compiled from the input schema (src/core/schemaCheck.ts) must agree with
// zod: it may answer true only for inputs zod accepts unchanged (contract.md "Bad input" stays zod's).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { compileSchemaCheck } from '../../src/core/schemaCheck.js';
import { claimMonthInputSchema } from '../../src/core/input.js';
import { validateInput } from '../../src/core/validate.js';

type Json = Record<string, unknown>;

const check = compileSchemaCheck(claimMonthInputSchema)!;
const zodAccepts = (v: unknown) => claimMonthInputSchema.safeParse(v).success;

const day = fc.integer({ min: 1, max: 31 }).map((d) => `2024-07-${String(d).padStart(2, '0')}`);
const id = fc.constantFrom('P1', 'P2', 'P3', 'R1', 'B1', 'x');
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const patient = fc
  .record({
    id,
    care: opt(
      fc.record({
        level: fc.constantFrom('support1', 'support2', 'care1', 'care3', 'care5'),
        copay: fc.constantFrom(1, 2, 3),
        from: opt(day),
        to: opt(day),
      }),
    ),
    medical: opt(fc.record({ copay: fc.constantFrom(1, 2, 3) })),
    residence: opt(
      fc.record({
        kind: fc.constantFrom('home', 'sakoju', 'group_home', 'tokuyo'),
        buildingId: opt(id),
        dwellings: opt(fc.integer({ min: 1, max: 300 })),
        householdId: opt(id),
        unitId: opt(id),
      }),
    ),
    stays: opt(
      fc.array(fc.record({ kind: fc.constantFrom('short_stay', 'hospital'), from: day, to: day }), {
        maxLength: 2,
      }),
    ),
    homebound: opt(fc.boolean()),
    conditions: opt(fc.subarray(['terminal_cancer', 'central_venous_nutrition', 'opioid_injection'])),
    otherOfficeBills: opt(fc.subarray(['doctor', 'dentist', 'pharmacist'])),
    lastExamDate: opt(day),
  })
  .map((p) => {
    const out = compact(p);
    for (const k of ['care', 'residence'] as const) if (out[k]) out[k] = compact(out[k] as Json);
    return out;
  });

const record = fc.oneof(
  fc
    .record({
      kind: fc.constant('kyotaku'),
      id,
      patientId: id,
      date: day,
      profession: fc.constantFrom('doctor', 'pharmacist', 'dietitian', 'nurse'),
      staffId: opt(id),
      online: opt(fc.boolean()),
      reported: fc.boolean(),
      specialInstructionDate: opt(day),
      additions: opt(fc.subarray(['narcotic', 'opioid_injection', 'central_venous'])),
    })
    .map(compact),
  fc
    .record({
      kind: fc.constant('c006'),
      id,
      patientId: id,
      date: day,
      units: fc.integer({ min: 1, max: 24 }),
      transportYen: opt(fc.integer({ min: 0, max: 5000 })),
    })
    .map(compact),
  fc
    .record({
      kind: fc.constant('care_management'),
      id,
      patientId: id,
      month: opt(fc.constantFrom('2024-06', '2024-07')),
      stayDays: opt(fc.integer({ min: 1, max: 90 })),
    })
    .map(compact),
  fc.record({
    kind: fc.constant('home_rehab'),
    id,
    patientId: id,
    date: day,
    minutes: fc.integer({ min: 1, max: 1440 }),
  }),
);

// As the CLI and the API receive it: plain JSON objects.
const validInput = fc
  .record({
    month: fc.constantFrom('2024-06', '2024-07', '2009-04'),
    office: fc
      .record({
        id: fc.constant('1310000001'),
        kind: fc.constantFrom('clinic', 'pharmacy', 'care_management'),
        region: opt(fc.constantFrom('tokubetsu_ku', 'other')),
        careManagerFte: opt(fc.constantFrom(0.5, 1, 2.5, 1000)),
      })
      .map(compact),
    patients: fc.array(patient, { maxLength: 4 }),
    records: fc.array(record, { maxLength: 6 }),
  })
  .map((v) => JSON.parse(JSON.stringify(v)) as Json);

/** Every place in the value where a mutation can land: [container, key]. */
function places(
  v: unknown,
  out: [Json | unknown[], string | number][] = [],
): [Json | unknown[], string | number][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      places(x, out);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Json, k]);
      places(x, out);
    }
  }
  return out;
}

const replacements: unknown[] = [
  null,
  '',
  'x',
  '2024-02-30',
  '2024-13',
  0,
  -1,
  1.5,
  25,
  1001,
  true,
  [],
  {},
  'unknown',
];

describe('contract (Bad input): the fast check agrees with zod', () => {
  it('compiles for the input schema of the contract', () => {
    expect(check).toBeTypeOf('function');
  });

  it('accepts every valid input, and zod returns an equal value for it', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        expect(check(input)).toBe(true);
        const parsed = claimMonthInputSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('answers as zod does for an input with one value replaced, removed or one key added', () => {
    fc.assert(
      fc.property(validInput, fc.nat(), fc.nat({ max: replacements.length + 1 }), (input, where, what) => {
        const all = places(input);
        if (all.length === 0) return;
        const [container, key] = all[where % all.length]!;
        if (what === replacements.length) {
          if (Array.isArray(container)) container.splice(key as number, 1);
          else delete container[key as string];
        } else if (what === replacements.length + 1) {
          if (Array.isArray(container)) container.push(undefined);
          else container['unknownField'] = 1;
        } else if (Array.isArray(container)) container[key as number] = replacements[what];
        else container[key as string] = replacements[what];
        expect(check(input)).toBe(zodAccepts(input));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as zod does for every example input', () => {
    const dirs = ['../shared/examples', 'examples'];
    let seen = 0;
    for (const dir of dirs) {
      let files: string[];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      } catch {
        continue;
      }
      for (const f of files) {
        const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json;
        const input = 'input' in doc ? doc.input : doc;
        expect(check(input), f).toBe(zodAccepts(input));
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it.each([
    ['a string at least 1 long: "" vs "P"', { id: '' }, { id: 'P' }],
    [
      'a real date: 2024-02-30 vs 2024-02-29',
      { care: { level: 'care1', copay: 1, to: '2024-02-30' } },
      { care: { level: 'care1', copay: 1, to: '2024-02-29' } },
    ],
    [
      'a positive integer: 0 vs 1 dwellings',
      { residence: { kind: 'home', dwellings: 0 } },
      { residence: { kind: 'home', dwellings: 1 } },
    ],
    [
      'an integer: 1.5 vs 2 dwellings',
      { residence: { kind: 'home', dwellings: 1.5 } },
      { residence: { kind: 'home', dwellings: 2 } },
    ],
    ['a copay of 1–3: 4 vs 3', { medical: { copay: 4 } }, { medical: { copay: 3 } }],
    [
      'an enum value: "hospital2" vs "hospital"',
      { stays: [{ kind: 'hospital2', from: '2024-07-01', to: '2024-07-02' }] },
      { stays: [{ kind: 'hospital', from: '2024-07-01', to: '2024-07-02' }] },
    ],
    ['no unknown key', { id: 'P', homeBound: true }, { id: 'P', homebound: true }],
    ['a boolean: "true" vs true', { homebound: 'true' }, { homebound: true }],
  ])('patients[0]: %s', (_, bad, good) => {
    const input = (p: Json) => ({
      month: '2024-07',
      office: { id: 'O', kind: 'clinic' },
      patients: [{ id: 'P', ...p }],
      records: [],
    });
    expect(check(input(bad))).toBe(false);
    expect(zodAccepts(input(bad))).toBe(false);
    expect(check(input(good))).toBe(true);
    expect(zodAccepts(input(good))).toBe(true);
  });

  it.each([
    [
      'units at most 24: 25 vs 24',
      { kind: 'c006', units: 25, date: '2024-07-01' },
      { kind: 'c006', units: 24, date: '2024-07-01' },
    ],
    [
      'transportYen not negative: -1 vs 0',
      { kind: 'c006', units: 1, date: '2024-07-01', transportYen: -1 },
      { kind: 'c006', units: 1, date: '2024-07-01', transportYen: 0 },
    ],
    [
      'a known kind: "kyotakuu" vs "kyotaku"',
      { kind: 'kyotakuu', date: '2024-07-01', profession: 'doctor', reported: true },
      { kind: 'kyotaku', date: '2024-07-01', profession: 'doctor', reported: true },
    ],
    [
      'a finite number: Infinity vs 1440 minutes',
      { kind: 'home_rehab', date: '2024-07-01', minutes: Infinity },
      { kind: 'home_rehab', date: '2024-07-01', minutes: 1440 },
    ],
  ])('records[0]: %s', (_, bad, good) => {
    const input = (r: Json) => ({
      month: '2024-07',
      office: { id: 'O', kind: 'clinic' },
      patients: [],
      records: [{ id: 'R', patientId: 'P', ...r }],
    });
    expect(check(input(bad))).toBe(false);
    expect(zodAccepts(input(bad))).toBe(false);
    expect(check(input(good))).toBe(true);
    expect(zodAccepts(input(good))).toBe(true);
  });

  it('refuses a __proto__ key, as zod does in a strict object', () => {
    const input = JSON.parse(
      '{"month":"2024-07","office":{"id":"O","kind":"clinic","__proto__":{}},"patients":[],"records":[]}',
    );
    expect(check(input)).toBe(false);
    expect(zodAccepts(input)).toBe(false);
  });

  it('does not compile what would make the parsed value differ from the input', () => {
    expect(compileSchemaCheck(z.object({ a: z.string() }))).toBeUndefined(); // strips unknown keys
    expect(compileSchemaCheck(z.strictObject({ a: z.string().default('x') }))).toBeUndefined();
    expect(compileSchemaCheck(z.strictObject({ a: z.string().transform((s) => s.trim()) }))).toBeUndefined();
    expect(compileSchemaCheck(z.strictObject({ a: z.coerce.number() }))).toBeUndefined();
    expect(compileSchemaCheck(z.strictObject({ a: z.string().trim() }))).toBeUndefined();
    expect(compileSchemaCheck(z.strictObject({ a: z.string().email() }))).toBeUndefined(); // an unknown check
    expect(compileSchemaCheck(z.strictObject({ a: z.string().min(2) }))).toBeTypeOf('function');
  });
});

describe('contract (Bad input): validateInput with the fast check', () => {
  const valid = {
    month: '2024-07',
    office: { id: '1310000001', kind: 'pharmacy' },
    patients: [{ id: 'P1', care: { level: 'care1', copay: 1 } }],
    records: [
      {
        kind: 'kyotaku',
        id: 'R1',
        patientId: 'P1',
        date: '2024-07-01',
        profession: 'pharmacist',
        reported: true,
      },
    ],
  };

  it('uses a valid input as it is', () => {
    const v = validateInput(valid);
    expect(v.ok && v.input).toBe(valid);
  });

  it('still reports each problem through zod, with its path', () => {
    const bad = structuredClone(valid) as Json & { records: Json[] };
    bad.records[0]!.date = '2024-07-32';
    const v = validateInput(bad);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems.map((p) => p.path)).toEqual(['records[0].date']);
  });

  it('still runs the whole-input checks on a valid schema: an unknown patient', () => {
    const bad = structuredClone(valid) as Json & { records: Json[] };
    bad.records[0]!.patientId = 'P9';
    const v = validateInput(bad);
    expect(!v.ok && v.problems.map((p) => p.path)).toEqual(['records[0].patientId']);
  });
});
