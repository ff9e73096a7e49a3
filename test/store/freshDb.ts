// A database of a test's own, migrated by the store (a SQLite file, or a new PostgreSQL database next to the
// run's), for tests that change it behind the store's back (tampering) or need roles of their own; and the
// raw statements such a test runs on it as the owner (SQLite: the file itself; PostgreSQL: the superuser).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type KyselyStore } from '../../src/store/index.js';
import { pgUrl } from './engines.js';

export interface FreshDatabase {
  /** The SQLite file or the PostgreSQL URL (the owner's). */
  target: string;
  engine: 'sqlite' | 'postgres';
  open(): Promise<KyselyStore>;
  /** Runs statements directly on the database as its owner (no store, no hooks). */
  raw(statements: string[]): Promise<void>;
  dispose(): Promise<void>;
}

export async function freshDatabase(engine: 'sqlite' | 'postgres'): Promise<FreshDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'santei-fresh-'));
    const target = join(dir, 'santei.sqlite');
    return {
      target,
      engine,
      open: () => openStore({ sqlitePath: target, databaseUrl: '' }),
      async raw(statements) {
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(target);
        try {
          for (const s of statements) db.exec(s);
        } finally {
          db.close();
        }
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { default: pg } = await import('pg');
  // The name the run's setup sweeps when a killed run leaves it behind.
  const name = `santei_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const target = url.toString();
  return {
    target,
    engine,
    open: () => openStore({ databaseUrl: target }),
    async raw(statements) {
      const c = new pg.Client({ connectionString: target });
      await c.connect();
      try {
        for (const s of statements) await c.query(s);
      } finally {
        await c.end();
      }
    },
    dispose: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
