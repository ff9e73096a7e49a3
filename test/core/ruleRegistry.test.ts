// The rule registry (src/core/ruleRegistry.ts): every rule id the engine writes is a typed id with a
// Japanese text and the spec section that defines it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calculate } from '../../src/santei.js';
import { besideRepo } from '../support/beside.js';
import { cite, isRuleId, ruleIds, ruleText, rules, type RuleId } from '../../src/core/ruleRegistry.js';

const entries = Object.entries(rules) as [RuleId, (typeof rules)[RuleId]][];

/** The spec file each family of ids lives in (shared/spec beside the repository). */
function specFileOf(id: RuleId): string {
  if (id === 'contract') return 'contract.md';
  if (id.startsWith('K24-')) return 'kyotaku-2024.md';
  if (id.startsWith('C006-')) return 'c006-2024.md';
  if (id.startsWith('H21-')) return 'revision-2009.md';
  if (id.startsWith('KOHI-')) return 'docs/kohi.md';
  return 'money.md';
}

describe('rule registry', () => {
  it('every text is one Japanese sentence ending in 。', () => {
    expect(entries.length).toBeGreaterThan(80);
    for (const [id, r] of entries) {
      expect(r.text, id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(r.text.endsWith('。'), id).toBe(true);
    }
  });

  it('every rule points into the spec file of its family, at a section of its own number', () => {
    for (const [id, r] of entries) {
      const [file, anchor] = r.spec.split('#');
      expect(file, id).toBe(specFileOf(id));
      const section = /^((?:K24|C006|H21)-\d+)/.exec(id)?.[1];
      if (section) expect(anchor?.startsWith(`${section.toLowerCase()}-`), id).toBe(true);
    }
  });

  // The spec itself lives beside the repository; where it is present, each anchor is one of its headings.
  const specDir = besideRepo('spec');
  it.skipIf(!specDir)('every anchor is a heading of the spec file, which names the rule id', () => {
    const slug = (h: string) =>
      h
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '')
        .replace(/ /g, '-');
    for (const [id, r] of entries) {
      const [file, anchor] = r.spec.split('#');
      // The 公費 rules are specified in the repository itself (docs/kohi.md).
      const text = file!.startsWith('docs/')
        ? readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8')
        : readFileSync(join(specDir!, file!), 'utf8');
      if (anchor !== undefined) {
        const headings = [...text.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!));
        expect(headings, id).toContain(anchor);
      }
      if (id !== 'contract') expect(text, id).toContain(id);
    }
  });

  it('cite builds the contract string from typed ids; a misspelt id does not compile', () => {
    expect(cite('K24-3')).toBe('K24-3');
    expect(cite('K24-3', 'K24-4')).toBe('K24-3 K24-4');
    expect(cite('K24-6d', 'K24-6g', 'M-1')).toBe('K24-6d K24-6g M-1');
    // @ts-expect-error "K24-3x" is not a rule id of the spec
    expect(cite('K24-3x')).toBe('K24-3x');
    expect(isRuleId('K24-5b')).toBe(true);
    expect(isRuleId('K24-3x')).toBe(false);
  });

  it('ruleIds splits a rule of several ids; ruleText reads each, a sub-rule of a stored claim falls back to its parent', () => {
    expect(ruleIds('K24-3 H21-8')).toEqual(['K24-3', 'H21-8']);
    expect(ruleIds('K24-6d')).toEqual(['K24-6d']);
    expect(ruleText('K24-5b')).toBe(rules['K24-5b'].text);
    expect(ruleText('K24-4z')).toBe(rules['K24-4'].text);
    expect(ruleText('X-1')).toBeUndefined();
  });

  it('every rule the engine writes on the demo months is a registered id', () => {
    const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
    const seen = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const out = calculate(JSON.parse(readFileSync(`${dir}${f}`, 'utf8')));
      if (!out.ok) throw new Error(`${f}: bad input`);
      for (const c of out.result.claims) for (const l of c.lines) ruleIds(l.rule).forEach((i) => seen.add(i));
      for (const r of out.result.rejections) ruleIds(r.rule).forEach((i) => seen.add(i));
    }
    expect(seen.size).toBeGreaterThan(15);
    expect([...seen].filter((i) => !isRuleId(i))).toEqual([]);
  });
});
