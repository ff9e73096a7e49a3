import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleIds, ruleText, ruleTexts } from '../../src/core/ruleTexts.js';

const RULE_ID = /\b(?:K24|H21|C006|M)-\d+[a-z]?\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('rule texts', () => {
  it('every rule id cited in the engine and schedules has a Japanese text', () => {
    const cited = new Set<string>();
    for (const f of [...sourceFiles('src/core'), ...sourceFiles('src/schedules')]) {
      if (f.endsWith('ruleTexts.ts')) continue;
      for (const m of readFileSync(f, 'utf8').matchAll(RULE_ID)) cited.add(m[0]);
    }
    expect(cited.size).toBeGreaterThan(20);
    const missing = [...cited].filter((id) => ruleText(id) === undefined);
    expect(missing).toEqual([]);
  });

  it('every text is one Japanese sentence ending in 。', () => {
    for (const [id, text] of Object.entries(ruleTexts)) {
      expect(text, id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text.endsWith('。'), id).toBe(true);
    }
  });

  it('a sub-rule without its own text falls back to its parent; an unknown id has none', () => {
    expect(ruleText('K24-5b')).toBe(ruleTexts['K24-5b']);
    expect(ruleText('K24-4z')).toBe(ruleTexts['K24-4']);
    expect(ruleText('X-1')).toBeUndefined();
  });

  it('splits a line rule of several ids', () => {
    expect(ruleIds('K24-3 H21-8')).toEqual(['K24-3', 'H21-8']);
    expect(ruleIds('K24-6d')).toEqual(['K24-6d']);
  });
});
