// A throwaway PostgreSQL database for a benchmark: made on SANTEI_BENCH_PG (default
// postgres://postgres@127.0.0.1:5432/test), handed to `use` as a URL, dropped afterwards. Without a
// server, `{ engine: 'postgres', skipped: true }` and a line saying so.
import { randomBytes } from 'node:crypto';

export async function withBenchPostgres(log, use) {
  const base = process.env.SANTEI_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    log(`postgres no server at ${base} (${e.message}): skipped`);
    return { engine: 'postgres', skipped: true };
  }
  const name = `santei_bench_${randomBytes(5).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    return await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
