// The fast acceptance check compiled from the input schema's JSON Schema (src/core/schemaCheck.ts) must
// agree with zod: it may answer true only for inputs zod accepts unchanged (contract.md "Bad input" stays
// zod's).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { besideRepo } from '../support/beside.js';
import fc from 'fast-check';
import { z } from 'zod';
import { compileJsonSchemaCheck, compileSchemaCheck } from '../../src/core/schemaCheck.js';
import { claimMonthInputSchema, inputFormats } from '../../src/core/input.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../src/core/checkDigits.js';
import { validateInput } from '../../src/core/validate.js';

type Json = Record<string, unknown>;

const check = compileSchemaCheck(claimMonthInputSchema, inputFormats)!;
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
    const dirs = [
      besideRepo('examples'),
      join(import.meta.dirname, '../fixtures/examples'),
      'examples',
    ].filter((d) => d !== undefined);
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

  it('does not compile what would make the parsed value differ from the input, or what it cannot read', () => {
    const compiles = (schema: z.ZodType) => compileSchemaCheck(schema, inputFormats) !== undefined;
    expect(compiles(z.object({ a: z.string() }))).toBe(false); // strips unknown keys
    expect(compiles(z.strictObject({ a: z.string().default('x') }))).toBe(false);
    expect(compiles(z.strictObject({ a: z.string().transform((s) => s.trim()) }))).toBe(false);
    expect(compiles(z.strictObject({ a: z.string().email() }))).toBe(false); // a format it does not know
    expect(compiles(z.strictObject({ a: z.string().regex(/^a/) }))).toBe(false); // a pattern
    expect(compiles(z.strictObject({ a: z.stringFormat('date', () => true) }))).toBe(true);
    expect(compileSchemaCheck(z.strictObject({ a: z.stringFormat('date', () => true) }))).toBeUndefined(); // no predicate
    expect(compiles(z.strictObject({ a: z.string().min(2) }))).toBe(true);
    expect(
      compileJsonSchemaCheck({ type: 'object', properties: {}, additionalProperties: false, $ref: '#' }),
    ).toBeUndefined();
    expect(compileJsonSchemaCheck({ type: 'string', pattern: 'a' })).toBeUndefined();
    expect(compileJsonSchemaCheck({ not: {} })).toBeUndefined();
  });

  it('reads the JSON Schema keywords as zod means them', () => {
    const c = (json: unknown) => compileJsonSchemaCheck(json)!;
    const int = c({ type: 'integer', exclusiveMinimum: 0, maximum: 24 });
    expect([0, 1, 24, 25, 1.5, '1'].map(int)).toEqual([false, true, true, false, false, false]);
    const n = c({ type: 'number', minimum: 0 });
    expect([0, 0.5, -0.1, Infinity, NaN].map(n)).toEqual([true, true, false, false, false]);
    const s = c({ type: 'string', minLength: 1, maxLength: 2 });
    expect(['', 'a', 'ab', 'abc', '𠮷'].map(s)).toEqual([false, true, true, false, true]); // UTF-16 length, as zod
    const one = c({ oneOf: [{ type: 'number' }, { type: 'integer' }] }); // exactly one
    expect([1.5, 1].map(one)).toEqual([true, false]);
    const any = c({ anyOf: [{ type: 'number' }, { type: 'integer' }] });
    expect([1.5, 1].map(any)).toEqual([true, true]);
    const arr = c({ type: 'array', items: { type: 'boolean' }, minItems: 1 });
    expect([[], [true], [true, 1], 'x'].map(arr)).toEqual([false, true, false, false]);
  });

  // A `.refine` or a `.trim` does not show in a JSON Schema, so the check could not see one: the input
  // schema must hold none (its checks are string formats). Values generated from the schema's own JSON
  // Schema — strings with spaces and symbols, numbers at their bounds — must all be accepted by zod
  // unchanged, and by the check.
  it('zod accepts unchanged every value its JSON Schema allows (no hidden refinement or overwrite)', () => {
    const json = z.toJSONSchema(claimMonthInputSchema, { io: 'input' }) as JsonNode;
    fc.assert(
      fc.property(fromJsonSchema(json), (input) => {
        const parsed = claimMonthInputSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(input);
        expect(check(input)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

type JsonNode = Record<string, unknown>;

const validDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Values of each named string format of the input (input.ts inputFormats). */
const formatArbitraries: Record<string, fc.Arbitrary<string>> = {
  date: validDate,
  month: validDate.map((d) => d.slice(0, 7)),
  insurerNumber: fc.stringMatching(/^\d{5}$/).map(withInsurerCheckDigit),
  insuredNumber: fc.stringMatching(/^[0-9A-Z]{10}$/),
  officeNumber: fc.stringMatching(/^\d{9}$/).map(withCheckDigit),
  kohiLaw: fc.stringMatching(/^\d{2}$/),
};

/** A fast-check arbitrary of the values a JSON Schema (of the subset zod writes for the input) allows. */
function fromJsonSchema(node: JsonNode): fc.Arbitrary<unknown> {
  const list = (v: unknown) => (v as JsonNode[]).map(fromJsonSchema);
  if (node.anyOf) return fc.oneof(...list(node.anyOf));
  if (node.oneOf) return fc.oneof(...list(node.oneOf));
  if ('const' in node) return fc.constant(node.const);
  if (node.enum) return fc.constantFrom(...(node.enum as unknown[]));
  const n = (k: string): number | undefined => node[k] as number | undefined;
  switch (node.type) {
    case 'string':
      if (node.format !== undefined) {
        const formatted = formatArbitraries[node.format as string];
        if (!formatted) throw new Error(`no generator for the string format ${String(node.format)}`);
        return formatted;
      }
      return fc.string({ minLength: n('minLength') ?? 0, maxLength: Math.min(n('maxLength') ?? 8, 8) });
    case 'integer':
      return fc.integer({
        min: Math.max(n('minimum') ?? -1e6, (n('exclusiveMinimum') ?? -1e6 - 1) + 1),
        max: Math.min(n('maximum') ?? 1e6, (n('exclusiveMaximum') ?? 1e6 + 1) - 1),
      });
    case 'number':
      return fc.double({
        min: n('minimum') ?? n('exclusiveMinimum') ?? -1e6,
        minExcluded: n('exclusiveMinimum') !== undefined,
        max: n('maximum') ?? n('exclusiveMaximum') ?? 1e6,
        maxExcluded: n('exclusiveMaximum') !== undefined,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromJsonSchema(node.items as JsonNode), { maxLength: 3 });
    case 'object': {
      const props = Object.fromEntries(
        Object.entries((node.properties ?? {}) as Record<string, JsonNode>).map(([k, v]) => [
          k,
          fromJsonSchema(v),
        ]),
      );
      return fc.record(props, { requiredKeys: (node.required ?? []) as string[], noNullPrototype: true });
    }
    default:
      throw new Error(`the test does not generate ${JSON.stringify(node)}`);
  }
}

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
