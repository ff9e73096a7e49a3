// santei claim-file (claim-file.md "CLI"): the file of a month on stdout or in --out, its check, and the
// problems that stop it — exit 2, nothing on stdout, nothing written, one Japanese line per problem naming the
// patient.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as santei } from '../../support/cli.js';
import { makeClaimFile } from '../../../src/app/claimFile.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../../src/core/checkDigits.js';

const dir = mkdtempSync(join(tmpdir(), 'santei-claim-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PHARMACY = new URL('../../../examples/demo-2024-07-pharmacy.json', import.meta.url).pathname;
const CLINIC = new URL('../../../examples/demo-2024-07-clinic.json', import.meta.url).pathname;

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(
    p,
    typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content),
  );
  return p;
}

const complete = (id: string, n: number, extra: Record<string, unknown> = {}) => ({
  id,
  care: { level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' },
  insured: { insurerNumber: withInsurerCheckDigit('13120'), number: String(n).padStart(10, '0') },
  birthDate: '1940-01-01',
  sex: 'male',
  carePlan: { maker: 'self' },
  ...extra,
});
const month = (patients: unknown[], m = '2024-07') => ({
  month: m,
  office: { id: withCheckDigit('131200345'), kind: 'pharmacy' },
  patients,
  records: (patients as { id: string }[]).map((p, i) => ({
    kind: 'kyotaku',
    id: `V${i}`,
    patientId: p.id,
    date: `${m}-03`,
    profession: 'pharmacist',
    reported: true,
  })),
});

function expectRefused(r: { code: number; out: string; err: string }, lines: number): string[] {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/^\s+at /m);
  const out = r.err.trimEnd().split('\n');
  expect(out, r.err).toHaveLength(lines);
  return out;
}

describe('santei claim-file INPUT.json', () => {
  it('writes the demo month as MS932 bytes on stdout, exit 0; notes the unconfirmed codes on stderr', async () => {
    const r = await santei(['claim-file', PHARMACY]);
    expect(r.code).toBe(0);
    const made = makeClaimFile(JSON.parse(readFileSync(PHARMACY, 'utf8')));
    if (!made.ok) throw new Error(made.problems.join('\n'));
    expect(r.out).toBe(Buffer.from(made.bytes).toString('latin1'));
    expect(r.out.startsWith('1,1,0,')).toBe(true);
    expect(r.out.endsWith('\r\n')).toBe(true);
    expect(r.err).toMatch(/^注意: 未確認のサービスコードを使っています（311255, 311256）/);
  });

  it('--submitted gives the 審査月 (control record item 11); default the service month + 1', async () => {
    expect((await santei(['claim-file', PHARMACY])).out.split('\r\n')[0]).toMatch(/,7,202408,1$/);
    expect((await santei(['claim-file', PHARMACY, '--submitted', '2024-10'])).out.split('\r\n')[0]).toMatch(
      /,7,202410,1$/,
    );
    const bad = await santei(['claim-file', PHARMACY, '--submitted', '2024-13']);
    expect(expectRefused(bad, 1)[0]).toBe(
      '審査月 "2024-13" はサービス提供月 2024-07 より後の年月を YYYY-MM で指定してください',
    );
  });

  it('--out FILE writes the whole file and says what it holds; --check reads it back', async () => {
    const out = join(dir, 'J202407.CSV');
    const r = await santei(['claim-file', CLINIC, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^.*J202407\.CSV: 令和6年7月分（審査月 2024-08）明細書 21 件、17,751単位、保険請求額 152,332円\n/,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const checked = await santei(['claim-file', '--check', out]);
    expect(checked.code).toBe(0);
    expect(checked.err).toBe('');
    expect(checked.out).toContain('誤りはありません');
    expect(checked.out).toContain('明細書 21 件（様式第二 7131: 20 件、様式第二の二 7132: 1 件）');
    const against = await santei(['claim-file', '--check', out, '--input', CLINIC]);
    expect(against.out).toContain(`の算定結果と一致`);
  });

  it('--check of a damaged file: exit 2, one line per problem on stderr, nothing on stdout', async () => {
    const good = (await santei(['claim-file', PHARMACY])).out;
    const broken = file('broken.CSV', good.replace(/^1,1,0,(\d+),/, '1,1,0,7,').replace('\r\n3,', '\n3,'));
    const r = await santei(['claim-file', '--check', broken]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe(`${broken}: 誤りが2件あります`);
    expect(r.err).toContain('コントロールレコードのレコード件数が 7 ですが');
    expect(r.err).toContain('行の終わりが CRLF ではなく LF だけです');
    const other = await santei(['claim-file', '--check', file('good.CSV', good), '--input', CLINIC]);
    expect(other.code).toBe(2);
    expect(other.err).toContain('算定結果では');
  });
});

describe('santei claim-file: problems that stop the file (exit 2, nothing on stdout, nothing written)', () => {
  it('a patient without insured, without carePlan, without a certification period: each named', async () => {
    const raw = month([
      complete('P1', 1),
      { ...complete('P2', 2), insured: undefined },
      { ...complete('P3', 3), carePlan: undefined },
      complete('P4', 4, { care: { level: 'care2', copay: 1 } }),
    ]);
    const out = join(dir, 'never.CSV');
    const r = await santei(['claim-file', file('missing.json', raw), '--out', out]);
    expect(expectRefused(r, 3)).toEqual([
      'patients[1].insured: 利用者 P2 の被保険者証の保険者番号・被保険者番号（insured）がありません（伝送ファイルに必要です）',
      'patients[2].carePlan: 利用者 P3 の居宅サービス計画の作成者（carePlan: 居宅介護支援事業所・地域包括支援センター、またはセルフプラン）がありません（伝送ファイルに必要です）',
      'patients[3].care.from: 利用者 P4 の認定有効期間の開始日と終了日がありません（伝送ファイルに必要です）',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad check digit of the 保険者番号: the input line names the path and the patient; an existing file is left as it was', async () => {
    const raw = month([complete('P1', 1, { insured: { insurerNumber: '131012', number: '0000000001' } })]);
    const out = file('kept.CSV', 'before');
    const r = await santei(['claim-file', file('digit.json', raw), '--out', out]);
    expect(expectRefused(r, 1)[0]).toBe(
      'patients[0].insured.insurerNumber: "131012" は保険者番号の検証番号（6桁目）が合いません（被保険者証の保険者番号を確かめてください）（利用者 P1）',
    );
    expect(readFileSync(out, 'utf8')).toBe('before');
  });

  it('lines without codes (a 2009 month): refused, naming the patient and the line', async () => {
    const raw = month(
      [complete('P1', 1, { care: { level: 'care2', copay: 1, from: '2009-04-01', to: '2010-03-31' } })],
      '2009-07',
    );
    const r = await santei(['claim-file', file('2009.json', raw)]);
    expect(expectRefused(r, 1)[0]).toMatch(
      /^利用者 P1: 「.+」（kyotaku\.pharmacist\.pharmacy\.home）にサービスコードがありません（算定表 2009-04 に/,
    );
  });

  it('bad JSON, a missing file, and usage', async () => {
    expectRefused(await santei(['claim-file', file('bad.json', '{')]), 1);
    expectRefused(await santei(['claim-file', join(dir, 'none.json')]), 1);
    expect((await santei(['claim-file'])).code).toBe(2);
    expect((await santei(['claim-file', PHARMACY, '--check', 'x.CSV'])).code).toBe(2);
    expectRefused(await santei(['claim-file', '--check', join(dir, 'none.CSV')]), 1);
  });
});
