// Every CLI message in Japanese (contract "bad input: exit 2, one line per problem"): a file that cannot be
// read is named by its path, text that is not JSON by its line and column, a bad option with the usage —
// each in one line, exit 2, nothing on stdout, no stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeJsonError } from '../../src/cli/io.js';
import { runCli as santei, type CliRun } from '../support/cli.js';
import { englishIn, stringsOf } from '../support/japanese.js';

const dir = mkdtempSync(join(tmpdir(), 'santei-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const PHARMACY = 'examples/demo-2024-07-pharmacy.json';

/** Exit 2, nothing on stdout, one line on stderr: the line. */
function oneLine(r: CliRun): string {
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.endsWith('\n')).toBe(true);
  const lines = r.err.trimEnd().split('\n');
  expect(lines, r.err).toHaveLength(1);
  expect(r.err).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('a file that cannot be read, or is not JSON', () => {
  const bad = file('bad.json', '{"month": "2024-07",\n"office": }\n');
  const missing = join(dir, 'missing.json');

  for (const cmd of [
    ['calc'],
    ['calc', '--explain'],
    ['next', '--patient', 'A01', '--profession', 'pharmacist', '--date', '2024-07-05'],
    ['compare', '--schedule', '2009-04'],
    ['claim-file'],
  ]) {
    const name = cmd.join(' ');
    it(`${name}: not JSON → its path, line and column and what is wrong there`, async () => {
      const args = cmd[0] === 'next' ? ['next', bad, ...cmd.slice(1)] : [...cmd, bad];
      expect(oneLine(await santei(args))).toBe(`${bad}: JSON として読めません（2行目11列: 値がありません）`);
    });
    it(`${name}: a missing file → its path`, async () => {
      const args = cmd[0] === 'next' ? ['next', missing, ...cmd.slice(1)] : [...cmd, missing];
      expect(oneLine(await santei(args))).toBe(`${missing}: ファイルがありません`);
    });
  }

  it('claim-file --check: a missing claim file → its path', async () => {
    expect(oneLine(await santei(['claim-file', '--check', missing]))).toBe(
      `${missing}: ファイルがありません`,
    );
  });

  it('a folder → says to name a file', async () => {
    expect(oneLine(await santei(['calc', dir]))).toBe(`${dir}: フォルダです。ファイルを指定してください`);
  });

  it('a byte-order mark before the JSON is not an error', async () => {
    const { readFileSync } = await import('node:fs');
    const withBom = file('bom.json', '\ufeff' + readFileSync(PHARMACY, 'utf8'));
    const r = await santei(['calc', withBom]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).month).toBe('2024-07');
  });

  it.each([
    ['', '入力が空です'],
    ['{"a":1', '1行目7列: 「{」が「}」で閉じられていません'],
    ['{"a":1}x', '1行目8列: JSON では使えない文字があります'],
    ['{"a":1}\n{}', '2行目1列: JSON の終わりの後に余分な文字があります'],
    ['[1,]', '1行目4列: 値がありません'],
    ['{\n  "a": 1,\n  // note\n}', '3行目3列: JSON にはコメントを書けません'],
    ['{"a":"b\tc"}', '1行目6列: 文字列の中に使えない文字（改行・タブなどの制御文字）があります'],
    ["{'a':1}", '1行目2列: JSON では使えない文字があります'],
  ])('JSON %j → %s', (text, expected) => {
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeDefined();
    expect(describeJsonError(text, err)).toBe(expected);
  });
});

describe('bad options: one Japanese line with the usage, exit 2', () => {
  it.each([
    [['calc', '--foo', PHARMACY], 'santei calc: 「--foo」というオプションはありません。使い方: santei calc '],
    [['calc', '--schedule'], 'santei calc: 「--schedule」の後に値を指定してください。使い方: santei calc '],
    [['calc', '--explain=yes', PHARMACY], 'santei calc: 「--explain」は値をとりません。使い方: '],
    [['calc'], 'santei calc: 入力のファイルを指定してください。使い方: santei calc '],
    [['calc', PHARMACY, PHARMACY], 'santei calc: 入力のファイルは1つだけ指定してください。'],
    [
      ['next', PHARMACY, '--patient'],
      'santei next: 「--patient」の後に値を指定してください。使い方: santei next ',
    ],
    [['next'], 'santei next: 入力のファイルを1つ指定してください。使い方: santei next '],
    [['compare', PHARMACY], 'santei compare: 比較先の算定表を --schedule で指定してください。使い方: '],
    [
      ['compare', '-x', PHARMACY],
      'santei compare: 「-x」というオプションはありません。使い方: santei compare ',
    ],
    [['schedules', 'all'], 'santei schedules: 「all」は余分な引数です。使い方: santei schedules [--json]'],
    [['backup', '--to', 'x'], 'santei backup: 「--to」というオプションはありません。使い方: santei backup '],
    [
      ['claim-file', '--outfile', 'x', PHARMACY],
      'santei claim-file: 「--outfile」というオプションはありません。使い方: ',
    ],
    [
      ['claim-file', PHARMACY, '--input', PHARMACY],
      'santei claim-file: --input は --check と一緒に指定します。',
    ],
  ])('santei %j', async (args, start) => {
    const line = oneLine(await santei(args));
    expect(line.startsWith(start), line).toBe(true);
  });
});

describe('santei next', () => {
  const ask = (date: string) =>
    santei(['next', PHARMACY, '--patient', 'A01', '--profession', 'pharmacist', '--date', date]);

  it('K24-5b a date of the input month: refused with the reason and the earliest billable date', async () => {
    const r = await ask('2024-07-05');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2024-07-05: 算定できません');
    expect(r.out).toContain('INTERVAL（K24-5b）');
    expect(r.out).toContain('最も早く算定できる日: 2024-07-10');
  });

  it.each(['2024-06-30', '2024-08-01'])(
    'a date outside the input month (%s) is refused, not guessed',
    async (date) => {
      const line = oneLine(await ask(date));
      expect(line).toContain(`--date: ${date} は入力の月（2024-07）の日付ではありません`);
      expect(line).toContain(`${date.slice(0, 7)} の入力で確かめてください`);
    },
  );

  it('a patient not in the input names the patients that are', async () => {
    const r = await santei([
      'next',
      PHARMACY,
      '--patient',
      'P1',
      '--profession',
      'pharmacist',
      '--date',
      '2024-07-05',
    ]);
    expect(oneLine(r)).toMatch(/^--patient: "P1" は入力の patients にない利用者です（入力の利用者: A01、/);
  });

  it('--visit: a date outside the month is named by its path in the visit', async () => {
    const visit = {
      kind: 'kyotaku',
      patientId: 'A01',
      profession: 'pharmacist',
      date: '2024-08-09',
      reported: true,
    };
    const line = oneLine(await santei(['next', PHARMACY, '--visit', JSON.stringify(visit)]));
    expect(line).toMatch(/^visit\.date: 2024-08-09 は入力の月（2024-07）の日付ではありません/);
  });
});

describe('santei calc --explain is Japanese', () => {
  it('K24-6b a refused addition reads as its Japanese name, numbers have thousands separators', async () => {
    const r = await santei(['calc', '--explain', PHARMACY]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('K014 麻薬管理指導加算 → NOT_COMBINABLE（K24-6b）');
    expect(r.out).not.toContain('narcotic');
    expect(r.out).toContain('518×4 = 2,072（K24-3 K24-4）');
    // no amount of 1,000 or more without its separator
    expect(r.out).not.toMatch(/(?<![\d,])\d{4,}(単位|点|円|件)|[×=] \d{4,}|×\d{4,}/);
  });

  it('M-7 under --schedule the copay refusal names the schedule that lacks the rate', async () => {
    const r = await santei(['calc', '--schedule', '2009-04', PHARMACY]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('算定表 2009-04 には2割負担がありません（この算定表の負担割合: 1割）');
    expect(r.err).not.toContain('2024-07');
  });

  it('has no English words beyond rule ids, codes and the input’s own ids', async () => {
    for (const f of [
      'examples/demo-2024-07-pharmacy.json',
      'examples/demo-2024-07-clinic.json',
      'examples/c006-2024-07.json',
      'examples/home-help-2009-10.json',
    ]) {
      const r = await santei(['calc', '--explain', f]);
      const { readFileSync } = await import('node:fs');
      const ids = stringsOf(JSON.parse(readFileSync(f, 'utf8')));
      expect(englishIn(r.out, ids), f).toEqual([]);
    }
  });
});
