// Vitest global setup for the store tests: when a PostgreSQL answers (SANTEI_TEST_PG, default
// postgres://postgres@127.0.0.1:5432/test, trust auth), a fresh database with a random name is
// created and migrated for this run and dropped afterwards; else one line says so and the
// PostgreSQL suites are skipped (the SQLite ones run).
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL database, or '' when none answers. */
    pgUrl: string;
  }
}

const BASE = process.env.SANTEI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const STALE_MS = 2 * 60 * 60 * 1000;

/** Drops the databases of runs that were killed before their teardown (older than 2 hours, unused). */
async function sweepStale(admin: {
  query: (q: string) => Promise<{ rows: { datname: string; busy: string }[] }>;
}): Promise<void> {
  const { rows } = await admin.query(
    `SELECT datname, (SELECT count(*) FROM pg_stat_activity a WHERE a.datname = d.datname) AS busy
       FROM pg_database d WHERE datname LIKE 'santei\\_test\\_%'`,
  );
  for (const r of rows) {
    const m = /^santei_test_([0-9a-z]+)_[0-9a-f]+$/.exec(r.datname);
    const legacy = /^santei_test_[0-9a-f]{12}$/.test(r.datname);
    const old = m ? Date.now() - parseInt(m[1]!, 36) > STALE_MS : legacy;
    if (old && Number(r.busy) === 0)
      await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: BASE, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    process.stdout.write(
      `store tests: no PostgreSQL at ${BASE} (${(e as Error).message}); running the SQLite suite only\n`,
    );
    project.provide('pgUrl', '');
    return async () => {};
  }
  await sweepStale(admin);
  const name = `santei_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  // Migrate once here, so that parallel test files do not race to create the schema.
  const { openStore } = await import('../../src/store/index.js');
  const store = await openStore({ databaseUrl: url.toString() });
  await store.close();
  project.provide('pgUrl', url.toString());
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
