// Versioned migrations, provided in code (not read from a folder) so that they run from dist/ alike.
// A new migration is a new entry with the next number; an applied one is never edited.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Engine } from '../db.js';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_care_reports.js';
import * as m0003 from './0003_reports_required.js';
import * as m0004 from './0004_claim_records.js';
import * as m0005 from './0005_login_throttle.js';
import * as m0006 from './0006_history_chain.js';
import * as m0007 from './0007_kohi.js';
import * as m0008 from './0008_idempotency_keys.js';

function list(engine: Engine): Record<string, Migration> {
  return {
    '0001_initial': { up: (db) => m0001.up(db, engine) },
    '0002_care_reports': { up: (db) => m0002.up(db, engine) },
    '0003_reports_required': { up: (db) => m0003.up(db, engine) },
    '0004_claim_records': { up: (db) => m0004.up(db, engine) },
    '0005_login_throttle': { up: (db) => m0005.up(db, engine) },
    '0006_history_chain': { up: (db) => m0006.up(db, engine) },
    '0007_kohi': { up: (db) => m0007.up(db, engine) },
    '0008_idempotency_keys': { up: (db) => m0008.up(db, engine) },
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(list(this.engine));
  }
}

/**
 * The migrations not applied yet, read from the migration table (all of them when it cannot be read). A
 * database with none pending is not touched: the PostgreSQL role the server runs as (README, Security) may
 * read that table but create and change nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its tables exist
export async function pendingMigrations(db: Kysely<any>, engine: Engine): Promise<string[]> {
  const names = Object.keys(list(engine));
  try {
    const done = await sql<{ name: string }>`SELECT name FROM santei_migrations`.execute(db);
    const applied = new Set(done.rows.map((r) => r.name));
    return names.filter((n) => !applied.has(n));
  } catch {
    return names;
  }
}

/** Applies the pending migrations; throws with the failing migration's name and error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database before its tables exist
export async function migrateToLatest(db: Kysely<any>, engine: Engine): Promise<string[]> {
  if ((await pendingMigrations(db, engine)).length === 0) return [];
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(engine),
    migrationTableName: 'santei_migrations',
    migrationLockTableName: 'santei_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const msg = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    // 42501: insufficient privilege (the server's role owns nothing: migrations run as the owner)
    const hint =
      code === '42501' || /permission denied|must be owner/.test(msg)
        ? '。テーブルの所有者の接続で santei migrate --db <所有者の URL> を実行してください'
        : '';
    throw new Error(
      `データベースの移行に失敗しました${failed ? `（${failed.migrationName}）` : ''}: ${msg}${hint}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
