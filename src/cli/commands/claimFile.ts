// santei claim-file: the 国保連 claim file of a month (../shared/spec/claim-file.md "CLI"), and its check.
//   santei claim-file INPUT.json [--submitted YYYY-MM] [--out FILE]   MS932 bytes; stdout without --out
//   santei claim-file --check FILE.CSV [--input INPUT.json]            re-reads a file and says what is wrong
// The use case is ../../app/claimFile.ts; this command reads and writes files and prints.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkClaimFileBytes, makeClaimFile } from '../../app/claimFile.js';
import type { CheckSummary } from '../../core/claimFile/index.js';
import { formatWareki } from '../../core/wareki.js';
import { parseOptions } from '../args.js';
import { readInputBytes, readJsonInput, writeErr, writeOut } from '../io.js';

const USAGE =
  '使い方: santei claim-file INPUT.json [--submitted YYYY-MM] [--out FILE]' +
  '  または  santei claim-file --check FILE.CSV [--input INPUT.json]';

export async function claimFileCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'claim-file',
    args,
    {
      submitted: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'string' },
      input: { type: 'string' },
    },
    USAGE,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.check !== undefined) {
    if (positionals.length || values.out !== undefined || values.submitted !== undefined) {
      writeErr(`santei claim-file: --check には確かめるファイルと --input だけを指定します。${USAGE}\n`);
      return 2;
    }
    return check(values.check, values.input);
  }
  if (positionals.length !== 1 || values.input !== undefined) {
    const why =
      values.input !== undefined
        ? '--input は --check と一緒に指定します'
        : '入力のファイルを1つ指定してください';
    writeErr(`santei claim-file: ${why}。${USAGE}\n`);
    return 2;
  }
  const input = readJsonInput(positionals[0]!);
  if (!input.ok) {
    writeErr(`${input.message}\n`);
    return 2;
  }
  const made = makeClaimFile(input.value, { submitted: values.submitted });
  if (!made.ok) {
    writeErr(made.problems.map((p) => p + '\n').join(''));
    return 2;
  }
  const note = made.unconfirmedCodes.length
    ? `注意: 未確認のサービスコードを使っています（${made.unconfirmedCodes.join(', ')}）。提出の前に国保中央会の取込チェックで確かめてください。\n`
    : '';
  if (values.out === undefined) {
    process.stdout.write(Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength));
    if (note) writeErr(note);
    return 0;
  }
  const wrote = writeWhole(values.out, made.bytes);
  if (wrote) {
    writeErr(`${values.out}: 書き込めません（${wrote}）\n`);
    return 1;
  }
  const d = made.document;
  writeOut(
    `${values.out}: ${formatWareki(d.serviceMonth)}分（審査月 ${d.submitted}）明細書 ${d.invoice.count} 件、` +
      `${d.invoice.units.toLocaleString('ja-JP')}単位、保険請求額 ${d.invoice.insurer.toLocaleString('ja-JP')}円\n${note}`,
  );
  return 0;
}

/**
 * Writes the whole file or nothing: to a temporary file beside it, flushed, then renamed over the target.
 * Returns the error code on failure (the temporary file removed).
 */
function writeWhole(path: string, bytes: Uint8Array): string | undefined {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    rmSync(tmp, { force: true });
    return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
}

function check(file: string, inputPath: string | undefined): number {
  const bytes = readInputBytes(file);
  if (!bytes.ok) {
    writeErr(`${bytes.message}\n`);
    return 2;
  }
  let raw: unknown;
  if (inputPath !== undefined) {
    const input = readJsonInput(inputPath);
    if (!input.ok) {
      writeErr(`${input.message}\n`);
      return 2;
    }
    raw = input.value;
  }
  const checked = checkClaimFileBytes(bytes.value, raw);
  if (!checked.ok) {
    writeErr(checked.problems.map((p) => p + '\n').join(''));
    return 2;
  }
  const { report } = checked;
  if (!report.ok) {
    writeErr(
      `${file}: 誤りが${report.problems.length}件あります\n` +
        report.problems.map((p) => `  ${p}\n`).join(''),
    );
    return 2;
  }
  writeOut(
    `${file}: 誤りはありません${inputPath !== undefined ? `（${inputPath} の算定結果と一致）` : ''}\n${describe(report.summary!)}`,
  );
  return 0;
}

function describe(s: CheckSummary): string {
  const n = (x: number) => x.toLocaleString('ja-JP');
  return (
    `  サービス提供年月 ${s.serviceMonth}（${formatWareki(s.serviceMonth)}）  審査月 ${s.submitted}  事業所番号 ${s.officeNumber}\n` +
    `  レコード ${s.records} 件  明細書 ${s.statements['7131'] + s.statements['7132']} 件（様式第二 7131: ${s.statements['7131']} 件、様式第二の二 7132: ${s.statements['7132']} 件）\n` +
    `  単位数 ${n(s.units)}  費用合計 ${n(s.yen)}円  保険請求額 ${n(s.insurer)}円` +
    // With 公費 (KOHI-11), what they pay is shown too, so that the three add up to 費用合計.
    `${s.kohi > 0 ? `  公費請求額 ${n(s.kohi)}円` : ''}  利用者負担 ${n(s.copay)}円\n`
  );
}
