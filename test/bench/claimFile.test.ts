// The benchmark's months carry what the claim file needs (bench/generate.mjs): their file is made and passes
// its check, and the fields do not change what the engine bills.
import { describe, expect, it } from 'vitest';
import { generateMonth } from '../../bench/generate.mjs';
import { makeClaimFile } from '../../src/app/claimFile.js';
import { calculate } from '../../src/santei.js';

describe('bench/generate.mjs months and the claim file', () => {
  it.each(['pharmacy', 'clinic'] as const)('a %s month makes a claim file that passes its check', (kind) => {
    const input = generateMonth({ patients: 800, kind });
    const made = makeClaimFile(input);
    if (!made.ok) throw new Error(made.problems.slice(0, 5).join('\n'));
    expect(made.document.statements.length).toBeGreaterThan(700);
    expect(new Set(made.document.statements.map((s) => s.insurerNumber)).size).toBeGreaterThan(3);
    expect(made.document.statements.some((s) => s.exchangeId === '7132')).toBe(true);
  });

  it('the claim-file fields leave the engine’s claims as they are', () => {
    const input = generateMonth({ patients: 500, kind: 'pharmacy' });
    const stripped = {
      ...input,
      patients: input.patients.map((p) => {
        const { insured: _i, birthDate: _b, sex: _s, carePlan: _c, ...rest } = p;
        return rest;
      }),
    };
    const a = calculate(input);
    const b = calculate(stripped);
    if (!a.ok || !b.ok) throw new Error('bad input');
    expect(a.result).toEqual(b.result);
  });
});
