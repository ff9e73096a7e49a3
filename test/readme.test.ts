// The README's CLI section runs as written: every command of its CLI block, and every `$ ./bin/santei …`
// example with the output it shows, is run against the shipped examples (the built CLI, in a shell, from
// the repository's root: `npm test` builds first). Each must exit 0 and answer in JSON (the contract) or
// in Japanese; an example's shown lines must be lines of its output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { englishIn, stringsOf } from './support/japanese.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The commands of the CLI block under "### CLI": each `./bin/santei …` line, its comment removed. */
function cliBlock(): string[] {
  const section = readme.slice(readme.indexOf('### CLI'));
  const block = /```\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .filter((l) => l.startsWith('./bin/santei'))
    .map((l) => l.replace(/\s+#.*$/, '').trim());
}

/** The shown examples: a block that starts with `$ ./bin/santei …`, and the lines it shows. */
function examples(): { command: string; shown: string[] }[] {
  return [...readme.matchAll(/```\n\$ (\.\/bin\/santei[^\n]*)\n([\s\S]*?)```/g)].map((m) => ({
    command: m[1]!,
    shown: m[2]!.split('\n').filter((l) => l.trim() !== ''),
  }));
}

/** Every string of the shipped examples (ids, building ids, categories): input data, not English. */
function inputValues(): string[] {
  return readdirSync(join(root, 'examples'))
    .filter((x) => x.endsWith('.json'))
    .flatMap((f) => stringsOf(JSON.parse(readFileSync(join(root, 'examples', f), 'utf8'))));
}

let dataDir: string;
beforeAll(async () => {
  // `santei backup` copies the server's database: a fresh one, as the first `npm start` makes it.
  dataDir = mkdtempSync(join(tmpdir(), 'santei-readme-'));
  const store = await openStore({ sqlitePath: join(dataDir, 'santei.sqlite'), databaseUrl: '' });
  await store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function sh(command: string) {
  const r = spawnSync('sh', ['-c', command], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const isJsonLines = (s: string): boolean =>
  s.trim() !== '' &&
  s
    .trimEnd()
    .split('\n')
    .every((l) => {
      try {
        JSON.parse(l);
        return true;
      } catch {
        return false;
      }
    });

describe('README: the CLI section runs as written', () => {
  const commands = cliBlock();
  const values = inputValues();

  it('the CLI block lists every command of santei', () => {
    const names = new Set(commands.map((c) => c.split(/\s+/)[1]));
    expect([...names].sort()).toEqual([
      'backup',
      'calc',
      'claim-file',
      'compare',
      'migrate',
      'next',
      'schedules',
      'verify',
    ]);
  });

  for (const command of commands) {
    it(`${command}: exit 0, the contract's JSON or Japanese`, () => {
      const r = sh(command);
      expect(r.code, r.stderr).toBe(0);
      expect(englishIn(r.stderr, values)).toEqual([]);
      expect(r.stdout).not.toBe('');
      if (!isJsonLines(r.stdout)) expect(englishIn(r.stdout, [...values, dataDir])).toEqual([]);
    });
  }

  for (const { command, shown } of examples()) {
    it(`${command}: prints the lines the README shows`, () => {
      const r = sh(command);
      expect(r.code, r.stderr).toBe(0);
      const lines = new Set(r.stdout.split('\n'));
      expect(shown.filter((l) => !lines.has(l))).toEqual([]);
      expect(englishIn(r.stdout, values)).toEqual([]);
    });
  }

  it('the ndjson example is the shipped examples, one per line', () => {
    const lines = readFileSync(join(root, 'examples', 'months.ndjson'), 'utf8')
      .trimEnd()
      .split('\n');
    const files = readdirSync(join(root, 'examples'))
      .filter((x) => x.endsWith('.json'))
      .sort();
    expect(lines).toEqual(
      files.map((f) => JSON.stringify(JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')))),
    );
  });
});
