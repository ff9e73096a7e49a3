// A backup of the SQLite database while the server keeps writing: `VACUUM INTO` copies one consistent
// snapshot in a single statement (a read transaction, which in WAL mode writers do not wait for and which
// no write restarts, unlike the online backup API), into a file next to the target; the copy is synced,
// made a single file (rollback journal), opened read-only and checked (integrity_check and the history's
// chains, ./chainVerify.ts), and only then renamed to the target.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { Kysely, SqliteDialect } from 'kysely';
import { verifyChains, type ChainReport } from './chainVerify.js';
import type { DB } from './db.js';

export interface SqliteBackup {
  path: string;
  bytes: number;
  /** Rows of the main tables in the copy. */
  counts: Record<'offices' | 'patients' | 'visits' | 'claim_versions' | 'audit_log', number>;
  /**
   * The copy's chains (a broken one is the source's: the copy is kept as it is); null for a database not
   * yet migrated to 0006 (no chains to walk).
   */
  chains: ChainReport | null;
}

export class BackupError extends Error {}

/** A SQLite file opened read-only (nothing written to it, not even its journal mode). */
export async function openSqliteReadonly(path: string): Promise<Kysely<DB>> {
  const { default: Database } = await import('better-sqlite3');
  const database = new Database(path, { readonly: true, fileMustExist: true });
  return new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
}

/** Copies `source` to `out` (replacing it), checks the copy and reports; BackupError when the copy is bad. */
export async function backupSqlite(source: string, out: string): Promise<SqliteBackup> {
  const { default: Database } = await import('better-sqlite3');
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const src = new Database(source, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 10000');
    src.prepare('VACUUM INTO ?').run(partial);
  } finally {
    src.close();
  }
  try {
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const rw = new Database(partial, { fileMustExist: true });
    try {
      rw.pragma('journal_mode = DELETE');
    } finally {
      rw.close();
    }
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: copy }) });
    let counts: SqliteBackup['counts'];
    let chains: ChainReport | null = null;
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new BackupError(`バックアップの検査（integrity_check）に失敗しました: ${String(check)}`);
      const count = (table: string): number => {
        const exists = copy
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
          .get(table);
        return exists ? (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
      };
      counts = {
        offices: count('offices'),
        patients: count('patients'),
        visits: count('visits'),
        claim_versions: count('claim_versions'),
        audit_log: count('audit_log'),
      };
      const chained = copy
        .prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'chain_seq'")
        .get();
      if (chained) chains = await verifyChains(db);
    } finally {
      await db.destroy();
    }
    renameSync(partial, out);
    return { path: out, bytes: statSync(out).size, counts, chains };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}
