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
  const name = `santei_test_${randomBytes(6).toString('hex')}`;
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
