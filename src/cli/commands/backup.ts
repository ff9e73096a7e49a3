// santei backup [--out FILE] [--db FILE] [--force]: a consistent copy of the SQLite database while the
// server keeps writing (`VACUUM INTO`, one statement, src/store/sqliteBackup.ts), then checked
// (integrity_check and the history's chains) and summed up. PostgreSQL is backed up with pg_dump instead.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backupDatabase, BackupError } from '../../app/index.js';
import { parseOptions } from '../args.js';
import { writeErr, writeOut } from '../io.js';
import { chainSummary } from './verify.js';

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export async function backupCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'backup',
    args,
    { out: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean' } },
    '使い方: santei backup [--out FILE] [--db FILE] [--force]',
    false,
  );
  if (!parsed) return 2;
  const { values } = parsed;
  if (process.env.DATABASE_URL && !values.db) {
    writeErr(
      'DATABASE_URL が設定されています（PostgreSQL）。PostgreSQL のバックアップには pg_dump を使ってください。\n' +
        '  例: pg_dump --format=custom --file=santei.dump "$DATABASE_URL"   （戻すとき: pg_restore --dbname=... santei.dump）\n',
    );
    return 2;
  }
  const source = resolve(values.db ?? join(process.env.DATA_DIR ?? 'data', 'santei.sqlite'));
  if (!existsSync(source)) {
    writeErr(`データベース ${source} がありません（--db でファイルを指定してください）\n`);
    return 1;
  }
  const out = resolve(values.out ?? join(dirname(source), 'backups', `santei-${stamp(new Date())}.sqlite`));
  if (out === source) {
    writeErr('バックアップ先が元のデータベースと同じです\n');
    return 2;
  }
  if (existsSync(out) && !values.force) {
    writeErr(`${out} はすでにあります（上書きするには --force）\n`);
    return 2;
  }
  mkdirSync(dirname(out), { recursive: true });
  let made;
  try {
    made = await backupDatabase(source, out);
  } catch (e) {
    if (e instanceof BackupError) {
      writeErr(`${out}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const { counts, chains } = made;
  const mb = (made.bytes / 1024 / 1024).toFixed(1);
  writeOut(
    `バックアップしました: ${out}（${mb} MB、事業所 ${counts.offices}、利用者 ${counts.patients}、` +
      `訪問記録 ${counts.visits}、請求の版 ${counts.claim_versions}、監査記録 ${counts.audit_log}）\n`,
  );
  if (chains === null) {
    writeOut('履歴の鎖は検査していません（移行 0006 の前のデータベースです）\n');
    return 0;
  }
  if (!chains.ok) {
    writeErr(
      `バックアップの履歴の鎖が切れています（元のデータベースのとおりです。${chains.breaks.length} か所）:\n` +
        chains.breaks.map((b) => `  ${b.message}\n`).join(''),
    );
    return 1;
  }
  writeOut(`バックアップの検査: 破損なし、履歴の鎖はすべてつながっています（${chainSummary(chains)}）\n`);
  return 0;
}
