// `santei calc --ndjson` on worker threads (contract "CLI", batch mode): the built CLI in a child process
// (the workers run the compiled dist/; `npm test` builds first). The results come in input order whatever
// the time each line takes, and every line — good, bad, blank, CRLF, unterminated — is answered exactly as
// when every line is priced in the main thread (--workers 0).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateMonth } from '../../bench/generate.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'santei');

function ndjson(stdin: string, workers?: number) {
  const args = ['calc', '--ndjson', ...(workers === undefined ? [] : ['--workers', String(workers)])];
  const r = spawnSync(bin, args, {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 2 ** 28,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const example = (f: string): string =>
  JSON.stringify(JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')));

describe('santei calc --ndjson on every core', () => {
  it('contract results in input order: a slow first line, quick lines after it', () => {
    const big = JSON.stringify(generateMonth({ patients: 3000, kind: 'clinic', seed: 7 }));
    const small = ['c006-2024-07.json', 'demo-2024-07-pharmacy.json', 'home-help-2009-10.json'].map(example);
    const stdin = [big, ...small, ...small, big, ...small].join('\n') + '\n';
    const threads = ndjson(stdin, 2);
    const inline = ndjson(stdin, 0);
    expect(threads.code).toBe(0);
    expect(threads.stderr).toBe('');
    const lines = threads.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.map((l) => (JSON.parse(l) as { month: string }).month)).toEqual([
      '2024-07',
      '2024-07',
      '2024-07',
      '2009-10',
      '2024-07',
      '2024-07',
      '2009-10',
      '2024-07',
      '2024-07',
      '2024-07',
      '2009-10',
    ]);
    expect(threads.stdout).toBe(inline.stdout);
  });

  it('contract bad, blank, CRLF and unterminated lines: answered as in the main thread, exit 2', () => {
    const good = example('c006-2024-07.json');
    const badField = example('demo-2024-07-pharmacy.json').replace('"2024-07-03"', '"2024-07-32"');
    const stdin = [good, '', '{"month": "2024-07", ', `${good}\r`, '   ', badField, 'null', good].join('\n');
    const threads = ndjson(stdin, 2);
    const inline = ndjson(stdin, 0);
    expect(threads.code).toBe(2);
    expect(threads).toEqual(inline);
    const out = threads.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(6); // the two blank lines have no answer
    expect(JSON.parse(out[1]!)).toEqual({
      line: 3,
      errors: ['JSON として読めません（22文字目: 項目名（"…"）がありません）'],
    });
    expect(JSON.parse(out[2]!).totals).toEqual(JSON.parse(out[0]!).totals); // the CRLF line
    expect(JSON.parse(out[3]!).line).toBe(6);
    expect(JSON.parse(out[5]!).totals).toEqual(JSON.parse(out[0]!).totals); // no line break at the end
    expect(threads.stderr).toContain('3行目: JSON として読めません（22文字目: 項目名（"…"）がありません）\n');
    expect(threads.stderr).toMatch(/^6行目: records\[\d+\]\.date: /m);
    expect(threads.stderr).toMatch(/^7行目: /m);
  });

  it('a reader that stops early (| head) ends it quietly: exit 0, no stack trace', async () => {
    const line = example('demo-2024-07-pharmacy.json');
    const child = spawn(bin, ['calc', '--ndjson'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => {}); // it may stop reading before the input ends
    child.stdin.end(Array.from({ length: 2000 }, () => line).join('\n') + '\n');
    const code = await new Promise((ok) => child.once('close', ok));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('an empty input: no output, exit 0', () => {
    expect(ndjson('')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each(['x', '-1', '1.5', '999'])('--workers=%s → exit 2, one Japanese line', (n) => {
    const bad = spawnSync(bin, ['calc', '--ndjson', `--workers=${n}`], {
      cwd: root,
      input: '',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(
      /^santei calc: --workers には作業スレッドの数（0〜256。0 なら作業スレッドを使いません）を指定してください。使い方: [^\n]*\n$/,
    );
  });
});
