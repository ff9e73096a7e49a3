// The benchmark's months (bench/generate.mjs): deterministic, valid contract input (contract.md), about
// 4.5 records a patient, and exercising the limits the engine enforces (K24-2d, K24-5a, K24-5b).
import { describe, expect, it } from 'vitest';
import { generateMonth, makeRng } from '../../bench/generate.mjs';
import { calculate } from '../../src/santei.js';

describe('bench/generate.mjs', () => {
  it('gives the same month for the same arguments, and another for another seed', () => {
    const a = JSON.stringify(generateMonth({ patients: 300, kind: 'pharmacy', seed: 1 }));
    expect(JSON.stringify(generateMonth({ patients: 300, kind: 'pharmacy', seed: 1 }))).toBe(a);
    expect(JSON.stringify(generateMonth({ patients: 300, kind: 'pharmacy', seed: 2 }))).not.toBe(a);
  });

  it('draws numbers in [0, 1) without Math.random', () => {
    const rng = makeRng(7);
    const xs = Array.from({ length: 1000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(makeRng(7).next()).toBe(xs[0]);
  });

  it.each(['pharmacy', 'clinic'] as const)('makes a valid %s month that the engine prices', (kind) => {
    const input = generateMonth({ patients: 2000, kind });
    expect(input.patients).toHaveLength(2000);
    const perPatient = input.records.length / 2000;
    expect(perPatient).toBeGreaterThan(4);
    expect(perPatient).toBeLessThan(5);
    const out = calculate(input);
    if (!out.ok)
      throw new Error(
        out.problems
          .slice(0, 3)
          .map((p) => `${p.path}: ${p.message}`)
          .join('\n'),
      );
    const codes = new Set(out.result.rejections.map((r) => r.code));
    // K24-5a monthly, K24-5b 中6日, K24-2d same day; the pharmacy's exempt patients also 2 a week (K24-5b).
    for (const code of [
      'MONTHLY_LIMIT',
      'INTERVAL',
      'SAME_DAY',
      'HISTORY',
      'FACILITY_RESIDENT',
      'DURING_STAY',
    ]) {
      expect(codes, code).toContain(code);
    }
    if (kind === 'pharmacy') expect(codes).toContain('WEEKLY_LIMIT');
    // Every column of the 単一建物居住者 count is used (K24-4).
    const columns = new Set(out.result.claims.flatMap((c) => c.lines.map((l) => l.item.split('.').at(-1))));
    for (const c of ['single', 'few', 'many']) expect(columns).toContain(c);
  });
});
