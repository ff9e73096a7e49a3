// The database a command works on: `--db` (a PostgreSQL URL or a SQLite file), else DATABASE_URL, else the
// server's SQLite file (DATA_DIR, default ./data, /santei.sqlite), as `npm start` opens it.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatabaseTarget } from '../app/index.js';

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//.test(s);

export function databaseTarget(db: string | undefined): DatabaseTarget {
  const given = db ?? (process.env.DATABASE_URL || undefined);
  if (given !== undefined && isPostgresUrl(given)) return { databaseUrl: given };
  return { sqlitePath: resolve(given ?? join(process.env.DATA_DIR ?? 'data', 'santei.sqlite')) };
}

/** Why the target cannot be opened as it is (a SQLite file that is not there), or undefined. */
export function missingDatabase(t: DatabaseTarget): string | undefined {
  if ('sqlitePath' in t && !existsSync(t.sqlitePath))
    return `データベース ${t.sqlitePath} がありません（--db でファイルか PostgreSQL の URL を指定してください）`;
  return undefined;
}
