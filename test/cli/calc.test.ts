// `santei calc` as a user runs it (contract.md "CLI"): the built CLI in a child process (the test command
// builds dist/ first: `npm test`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'santei');
const dir = mkdtempSync(join(tmpdir(), 'santei-calc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function santei(args: string[], stdin?: string) {
  const r = spawnSync(bin, args, { cwd: root, input: stdin ?? '', encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Two patients of building B1 (2–9人) and one doctor visit each; P2 is 2割. */
const good = {
  month: '2024-07',
  office: { id: '1310000001', kind: 'clinic' },
  patients: [
    { id: 'P1', care: { level: 'care3', copay: 1 }, residence: { kind: 'sakoju', buildingId: 'B1' } },
    { id: 'P2', care: { level: 'care1', copay: 2 }, residence: { kind: 'sakoju', buildingId: 'B1' } },
  ],
  records: [
    { kind: 'kyotaku', id: 'V1', patientId: 'P1', date: '2024-07-05', profession: 'doctor', reported: true },
    { kind: 'kyotaku', id: 'V2', patientId: 'P2', date: '2024-07-19', profession: 'doctor', reported: true },
  ],
};

const STACK = /^\s+at .+[:(]/m;

function expectBadInput(r: { code: number | null; stdout: string; stderr: string }, lines: number): string[] {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr.endsWith('\n')).toBe(true);
  const out = r.stderr.trimEnd().split('\n');
  expect(out, r.stderr).toHaveLength(lines);
  return out;
}

describe('santei calc', () => {
  it('contract calc FILE prints the result JSON, exit 0, nothing on stderr', () => {
    const r = santei(['calc', file('good.json', JSON.stringify(good))]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.claims.map((c: { patientId: string; units: number }) => [c.patientId, c.units])).toEqual([
      ['P1', 487],
      ['P2', 487],
    ]);
    expect(res.totals).toEqual({ units: 974, yen: 9740, insurer: 4383 + 3896, copay: 487 + 974 });
  });

  it('contract calc - reads stdin and answers as for a file', () => {
    const fromFile = santei(['calc', file('same.json', JSON.stringify(good))]);
    const fromStdin = santei(['calc', '-'], JSON.stringify(good));
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('contract bad JSON → exit 2, nothing on stdout, one line on stderr, no stack trace', () => {
    const lines = expectBadInput(
      santei(['calc', file('bad.json', '{"month": "2024-07",\n"office": }\n')]),
      1,
    );
    expect(lines[0]).toContain('JSON');
    expectBadInput(santei(['calc', '-'], 'nope\n'), 1);
  });

  it('contract bad fields → exit 2, one line per problem naming its JSON path, no stack trace', () => {
    const bad = structuredClone(good) as typeof good & { records: Record<string, unknown>[] };
    bad.records[0]!.date = '2024-02-30';
    bad.records[1]!.profession = 'surgeon';
    const lines = expectBadInput(santei(['calc', file('badfield.json', JSON.stringify(bad))]), 2);
    expect(lines.find((l) => l.startsWith('records[0].date: '))).toContain('2024-02-30');
    expect(lines.find((l) => l.startsWith('records[1].profession: '))).toContain('surgeon');
  });

  it('contract a month with no fee schedule → exit 2 naming month', () => {
    const lines = expectBadInput(
      santei(['calc', '-'], JSON.stringify({ ...good, month: '2015-01', records: [] })),
      1,
    );
    expect(lines[0]).toMatch(/^month: /);
  });

  it('contract a missing file → exit 2, no stack trace', () => {
    const r = santei(['calc', join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('K24-4 --explain prints Japanese text naming the building and its count', () => {
    const r = santei(['calc', '--explain', file('explain.json', JSON.stringify(good))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('建物B1');
    expect(r.stdout).toMatch(/単一建物居住者\s*2人/);
    expect(r.stdout).toContain('利用者負担');
    expect(() => JSON.parse(r.stdout)).toThrow(); // text, not JSON
  });

  it('contract --ndjson: 3 input lines (one bad) → 3 output lines, exit 2, the bad line named on stderr', () => {
    const second = { ...good, patients: [good.patients[0]], records: [good.records[0]] }; // P1 alone: 1人
    const stdin =
      [JSON.stringify(good), '{"month": "2024-07", "office": ', JSON.stringify(second)].join('\n') + '\n';
    const r = santei(['calc', '--ndjson'], stdin);
    expect(r.code).toBe(2);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(3);
    expect(JSON.parse(out[0]!).totals.units).toBe(974);
    expect(JSON.parse(out[1]!)).toMatchObject({ line: 2 });
    expect(JSON.parse(out[1]!).errors).toHaveLength(1);
    expect(JSON.parse(out[2]!).totals.units).toBe(515);
    expect(r.stderr).toContain('2行目');
    expect(r.stderr).not.toMatch(STACK);
  });
});
