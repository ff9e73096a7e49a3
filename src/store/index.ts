// The system of record: openStore() gives the Store of ./store.ts on SQLite (default: the file
// ./data/santei.sqlite, created and migrated on first open) or on PostgreSQL when DATABASE_URL is set.
import { connectPostgres, connectSqlite, DEFAULT_SQLITE_PATH, type Connection } from './db.js';
import { kyselyStore, type KyselyStore } from './kyselyStore.js';
import { migrateToLatest } from './migrations/index.js';
import type { OpenOptions } from './store.js';

export * from './store.js';
export type { KyselyStore } from './kyselyStore.js';
export { DEFAULT_SQLITE_PATH } from './db.js';
export type { ChainBreak, ChainReport } from './chainVerify.js';

export async function openStore(opts: OpenOptions = {}): Promise<KyselyStore> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  const conn: Connection = url
    ? await connectPostgres(url)
    : await connectSqlite(opts.sqlitePath ?? DEFAULT_SQLITE_PATH);
  try {
    if (opts.migrate !== false) await migrateToLatest(conn.db, conn.engine);
  } catch (e) {
    await conn.db.destroy();
    throw e;
  }
  return kyselyStore(conn, opts.hooks);
}
