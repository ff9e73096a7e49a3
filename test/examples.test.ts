// The worked examples (test/support/examples.ts) through the library's front door `calculate`, checked as
// the examples checker beside the spec (tools/check-examples) checks the CLI: exit 2 → problems and no
// result; exit 0 → the claims by patient and service type with units / yen / insurer / copay, the
// expected lines, the set of rejections (with their units where given), totals = the sum of the
// claims, and every record billed or rejected.
import { describe, expect, it } from 'vitest';
import { calculate } from '../src/santei.js';
import type { Claim, ClaimMonthResult } from '../src/core/result.js';
import { exampleFiles } from './support/examples.js';

interface ExpectedClaim {
  patientId: string;
  serviceType: string;
  units: number;
  yen: number;
  insurer: number;
  copay: number;
  lines?: { unitsEach: number; count: number }[];
}

interface Example {
  name: string;
  input: unknown;
  expect: {
    exit: number;
    claims: ExpectedClaim[];
    rejections: { recordId: string; code: string; units?: number }[];
  };
}

const examples: Example[] = exampleFiles().map((f) => f.json as Example);

/** The input as the CLI would read it: a string input is the file's text, which may not be JSON at all. */
function parse(input: unknown): { ok: true; raw: unknown } | { ok: false } {
  if (typeof input !== 'string') return { ok: true, raw: input };
  try {
    return { ok: true, raw: JSON.parse(input) };
  } catch {
    return { ok: false };
  }
}

const claimKey = (c: { patientId: string; serviceType: string }) => `${c.patientId} ${c.serviceType}`;

function checkResult(ex: Example, res: ClaimMonthResult): void {
  const want = ex.expect;
  // Claims by patient and service type.
  const got = new Map<string, Claim>(res.claims.map((c) => [claimKey(c), c]));
  expect([...got.keys()].sort(), 'claims (patient, service type)').toEqual(want.claims.map(claimKey).sort());
  for (const w of want.claims) {
    const g = got.get(claimKey(w))!;
    expect(
      { units: g.units, yen: g.yen, insurer: g.insurer, copay: g.copay },
      `claim ${claimKey(w)}`,
    ).toEqual({ units: w.units, yen: w.yen, insurer: w.insurer, copay: w.copay });
    if (w.lines) {
      // Each expected line (unitsEach × count) must be there, as a multiset.
      const have = g.lines.map((l) => `${l.unitsEach}x${l.count}`);
      for (const l of w.lines) {
        const i = have.indexOf(`${l.unitsEach}x${l.count}`);
        expect(
          i,
          `claim ${claimKey(w)}: no line ${l.unitsEach}x${l.count} in ${have.join(', ')}`,
        ).toBeGreaterThanOrEqual(0);
        have.splice(i, 1);
      }
    }
  }
  // The set of rejections (record, code), and the units where the example gives them.
  const gotRej = [...new Set(res.rejections.map((r) => `${r.recordId} ${r.code}`))].sort();
  const wantRej = [...new Set(want.rejections.map((r) => `${r.recordId} ${r.code}`))].sort();
  expect(gotRej, 'rejections (record, code)').toEqual(wantRej);
  for (const w of want.rejections) {
    if (w.units === undefined) continue;
    const g = res.rejections.find((r) => r.recordId === w.recordId && r.code === w.code);
    expect(g?.units, `${w.recordId} ${w.code} rejected units`).toBe(w.units);
  }
  // Totals add up the claims.
  for (const f of ['units', 'yen', 'insurer', 'copay'] as const) {
    expect(res.totals[f], `totals.${f}`).toBe(res.claims.reduce((s, c) => s + c[f], 0));
  }
  // Every record is billed on a line or rejected.
  const seen = new Set(res.rejections.map((r) => r.recordId));
  for (const c of res.claims) for (const l of c.lines) for (const id of l.recordIds) seen.add(id);
  const records = (parse(ex.input) as { raw: { records: { id: string }[] } }).raw.records;
  expect(
    records.map((r) => r.id).filter((id) => !seen.has(id)),
    'records neither billed nor rejected',
  ).toEqual([]);
}

describe('worked examples (test/fixtures/examples)', () => {
  it('contract the examples directory holds cases', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((ex) => [ex.name, ex] as const))('%s', (_name, ex) => {
    const parsed = parse(ex.input);
    const out = parsed.ok ? calculate(parsed.raw) : undefined;
    if (ex.expect.exit !== 0) {
      // Bad input: problems (one per line, each naming what is wrong) and no result.
      if (out === undefined) return; // not JSON: the CLI's own error (test/cli/calc.test.ts)
      expect(out.ok, 'bad input must not give a result').toBe(false);
      if (out.ok) return;
      expect(out.problems.length).toBeGreaterThan(0);
      for (const p of out.problems) {
        expect(p.message).not.toBe('');
        expect(p.message).not.toContain('\n');
      }
      return;
    }
    expect(parsed.ok, 'the input must be JSON').toBe(true);
    if (!out?.ok) throw new Error(`unexpected bad input: ${JSON.stringify(out?.problems)}`);
    checkResult(ex, out.result);
  });
});
