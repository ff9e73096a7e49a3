// The demo months shipped in examples/ stay valid and every record is billed or refused (contract).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculate } from '../src/santei.js';

const dir = new URL('../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('examples/ demo months', () => {
  it('ships demo months', () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.each(files)('contract: %s prices, and accounts for every record', (f) => {
    const raw = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { records: { id: string }[] };
    const out = calculate(raw);
    if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    const seen = new Set(out.result.rejections.map((r) => r.recordId));
    for (const c of out.result.claims) for (const l of c.lines) for (const id of l.recordIds) seen.add(id);
    expect(raw.records.filter((r) => !seen.has(r.id))).toEqual([]);
    expect(out.result.claims.length).toBeGreaterThan(0);
    // Each demo shows refusals as well as billed lines.
    expect(out.result.rejections.filter((r) => r.code !== 'HISTORY').length).toBeGreaterThan(0);
  });
});
