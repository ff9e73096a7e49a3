// The system of record: openStore() gives the Store of ./store.ts on SQLite (default: the file
// ./data/santei.sqlite, created and migrated on first open) or on PostgreSQL when DATABASE_URL is set.
import { connectPostgres, connectSqlite, DEFAULT_SQLITE_PATH, type Connection } from './db.js';
import { KyselyStore } from './kyselyStore.js';
import { migrateToLatest } from './migrations/index.js';
import type { OpenOptions, Store } from './store.js';

export * from './store.js';
export { KyselyStore, ENGINE_VERSION, PAUSE_BEFORE_COMMIT_ENV } from './kyselyStore.js';
export { DEFAULT_SQLITE_PATH } from './db.js';

/** Which engine openStore(options) would use, and where (for messages; no connection is made). */
export function describeTarget(opts: OpenOptions = {}): { engine: 'sqlite' | 'postgres'; where: string } {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return { engine: 'postgres', where: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') };
  return { engine: 'sqlite', where: opts.sqlitePath ?? DEFAULT_SQLITE_PATH };
}

export async function openStore(opts: OpenOptions = {}): Promise<KyselyStore & Store> {
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
  return new KyselyStore(conn);
}
