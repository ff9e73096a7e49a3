// KOHI-7 / contract: a month without 公費 gives exactly the output it gave before the 公費 existed. The
// fingerprints in test/fixtures/outputsBeforeKohi.json are the SHA-256 of each example's result (JSON) and its
// `--explain` text, computed by the engine of the commit before the 公費 step was wired in; every example of
// the repository without a 公費 entry must still give them, byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculate } from '../../src/santei.js';
import { formatExplanation } from '../../src/cli/explain.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const before = JSON.parse(read('test/fixtures/outputsBeforeKohi.json')) as Record<string, string>;

function inputs(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const f of readdirSync(new URL('test/fixtures/examples/', root)).sort()) {
    out.push([
      `fixtures/${f}`,
      (JSON.parse(read(`test/fixtures/examples/${f}`)) as { input: unknown }).input,
    ]);
  }
  for (const f of ['c006-2024-07.json', 'home-help-2009-10.json']) {
    out.push([`examples/${f}`, JSON.parse(read(`examples/${f}`))]);
  }
  read('examples/months.ndjson')
    .split('\n')
    .filter(Boolean)
    .forEach((l, i) => {
      // The pharmacy's demo month has had a 生活保護 and a 指定難病 patient since the 公費: not a month without.
      const month = JSON.parse(l) as { patients: { kohi?: unknown }[] };
      if (!month.patients.some((p) => p.kohi)) out.push([`examples/months.ndjson#${i + 1}`, month]);
    });
  return out;
}

function fingerprint(raw: unknown): string {
  const r = calculate(raw, { explain: true });
  const text = r.ok
    ? `${JSON.stringify(r.result)}\n${formatExplanation(r.result, r.trace)}`
    : JSON.stringify(r.problems);
  return createHash('sha256').update(text).digest('hex');
}

/** Every patient of an input given an empty list of 公費 entries. */
function withEmptyKohi(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { patients?: unknown }).patients))
    return raw;
  const r = raw as { patients: object[] };
  return { ...r, patients: r.patients.map((p) => ({ ...p, kohi: [] })) };
}

describe('KOHI-7: a month without 公費 gives today’s output, byte for byte', () => {
  const all = inputs();
  it('every example has its fingerprint from before the 公費 step', () => {
    expect(all.map(([name]) => name).sort()).toEqual(Object.keys(before).sort());
  });
  for (const [name, raw] of all) {
    it(`${name}: the same result and --explain text`, () => {
      expect(fingerprint(raw)).toBe(before[name]);
    });
    it(`${name}: the same with an empty list of 公費 entries on every patient`, () => {
      expect(fingerprint(withEmptyKohi(raw))).toBe(before[name]);
    });
  }
});
