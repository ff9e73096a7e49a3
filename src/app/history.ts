// The history's safeguards as the CLI (and the server) use them: walking the hash chains of a database
// (`santei verify`), a checked backup of the SQLite database while it is written (`santei backup`), and
// migrating as the owner with the grants of the role the server runs as (`santei migrate`).
import { openStore, StoreError, type ChainReport } from '../store/index.js';
import { migrateToLatest, pendingMigrations } from '../store/migrations/index.js';
import { grantAppRole } from '../store/roles.js';
import { chainHeads, type ChainHead } from '../store/chainVerify.js';
import { backupSqlite, openSqliteReadonly, type SqliteBackup } from '../store/sqliteBackup.js';

export { BackupError, type SqliteBackup } from '../store/sqliteBackup.js';
export { RoleError } from '../store/roles.js';
export type { ChainBreak, ChainReport } from '../store/index.js';

/** A database: PostgreSQL by its URL, or a SQLite file. */
export type DatabaseTarget = { databaseUrl: string } | { sqlitePath: string };

const open = (t: DatabaseTarget, migrate: boolean) =>
  openStore(
    'databaseUrl' in t
      ? { databaseUrl: t.databaseUrl, migrate }
      : { sqlitePath: t.sqlitePath, databaseUrl: '', migrate },
  );

/** The chains' heads of an earlier copy (a backup), read without changing it. */
async function headsOf(t: DatabaseTarget): Promise<ChainHead[]> {
  if ('sqlitePath' in t) {
    const db = await openSqliteReadonly(t.sqlitePath);
    try {
      return await chainHeads(db);
    } finally {
      await db.destroy();
    }
  }
  const store = await open(t, false);
  try {
    return await chainHeads(store.db);
  } finally {
    await store.close();
  }
}

/**
 * Walks every office's chains without changing anything (a database not migrated is refused); with
 * `against`, an earlier copy (a backup) whose chain heads must all still be there.
 */
export async function verifyDatabase(
  t: DatabaseTarget,
  opts: { against?: DatabaseTarget } = {},
): Promise<ChainReport> {
  const earlier = opts.against ? await headsOf(opts.against) : undefined;
  const store = await open(t, false);
  try {
    const pending = await pendingMigrations(store.db, store.engine);
    if (pending.length)
      throw new StoreError(
        'conflict',
        `データベースの移行が済んでいません（${pending.join('、')}）。先に santei migrate を実行してください`,
      );
    return await store.verifyHistory({ earlier });
  } finally {
    await store.close();
  }
}

/** Applies the pending migrations (as the tables' owner) and, on PostgreSQL, the app role's grants. */
export async function migrateDatabase(
  t: DatabaseTarget,
  opts: { grantRole?: string } = {},
): Promise<{ applied: string[]; grants: string[] }> {
  const store = await open(t, false);
  try {
    const applied = await migrateToLatest(store.db, store.engine);
    let grants: string[] = [];
    if (opts.grantRole !== undefined) {
      if (store.engine !== 'postgres')
        throw new StoreError(
          'invalid',
          '--grant は PostgreSQL のときだけ使えます（SQLite にはロールがありません）',
        );
      grants = await grantAppRole(store.db, opts.grantRole);
    }
    return { applied, grants };
  } finally {
    await store.close();
  }
}

/** A checked copy of the SQLite database, taken while it may be written (see store/sqliteBackup.ts). */
export function backupDatabase(source: string, out: string): Promise<SqliteBackup> {
  return backupSqlite(source, out);
}
