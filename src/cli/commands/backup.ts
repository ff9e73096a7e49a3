// santei backup [--out FILE] [--db FILE] [--force]: a consistent copy of the SQLite database, taken
// with SQLite's online backup API while the server may keep writing (better-sqlite3 `backup`), then
// checked (integrity_check) and summed up. PostgreSQL is backed up with pg_dump instead.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseOptions } from '../args.js';
import { writeErr, writeOut } from '../io.js';

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
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(out);
  } finally {
    db.close();
  }
  const copy = new Database(out, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      writeErr(`バックアップ ${out} の検査に失敗しました: ${String(check)}\n`);
      return 1;
    }
    const count = (table: string): number => {
      const exists = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      return exists ? (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    };
    const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
    writeOut(
      `バックアップしました: ${out}（${mb} MB、事業所 ${count('offices')}、利用者 ${count('patients')}、` +
        `訪問記録 ${count('visits')}、請求の版 ${count('claim_versions')}、監査記録 ${count('audit_log')}）\n`,
    );
  } finally {
    copy.close();
  }
  return 0;
}
