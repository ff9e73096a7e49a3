// Latency of other offices' reads while the server works (after `npm run build`): the server runs in a
// child process on 127.0.0.1 (dist/, closes in their worker threads) on a temp SQLite file, then on a fresh
// PostgreSQL database when one answers (SANTEI_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test,
// dropped afterwards). The store holds a large office (PATIENTS patients, VISITS visits in 2024-07) and a
// small one. A client reads the small office's pages one after the other (GET …/patients and GET
// …/months/2024-07/review in turn), first alone, then while the large office's month is closed and a CSV of
// IMPORT visits (2024-08) is imported into it, both at once. Figures: the reads' p50 / p99 / max, the close's
// and the import's wall time. Goal: p99 < 200 ms during the close and the import.
//
//   node bench/latency.mjs [--patients 20000] [--visits 60000] [--import 50000] [--only sqlite|postgres]
/* global fetch, setTimeout */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { withBenchPostgres } from './postgres.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
const PASSWORD = 'bench-password-1';
const MONTH = '2024-07';
const GOAL_P99_MS = 200;
const log = (s = '') => process.stdout.write(`${s}\n`);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

const { values } = parseArgs({
  options: {
    serve: { type: 'string' },
    patients: { type: 'string', default: '20000' },
    visits: { type: 'string', default: '60000' },
    import: { type: 'string', default: '50000' },
    idle: { type: 'string', default: '3' },
    only: { type: 'string' },
    /** Only the close or only the import (to see which one a slow read waits for). */
    alone: { type: 'string' },
  },
});

/** The server process: the built app on the store `target` (JSON: { sqlitePath } or { databaseUrl }). */
async function serve(target) {
  const { openStore } = await import(dist('store/index.js'));
  const { buildApp } = await import(dist('server/app.js'));
  const store = await openStore({ databaseUrl: '', ...JSON.parse(target) });
  // Errors only, to stderr: a failed request is shown with its cause.
  const { app } = await buildApp({ store, logger: { level: 'error', stream: process.stderr } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(JSON.stringify({ port: app.server.address().port }) + '\n');
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

/** The two offices and their users, written before the server starts. */
async function seed(target, patients, visits) {
  const { openStore, SYSTEM_ACTOR } = await import(dist('store/index.js'));
  const { seedSyntheticOffice } = await import(dist('store/synthetic.js'));
  const store = await openStore({ databaseUrl: '', ...target });
  try {
    const t0 = process.hrtime.bigint();
    const large = await seedSyntheticOffice(store, {
      patients,
      visits,
      month: MONTH,
      numberPrefix: '134999990',
    });
    const small = await seedSyntheticOffice(store, {
      patients: 50,
      visits: 150,
      month: MONTH,
      numberPrefix: '134999980',
    });
    for (const [username, office] of [
      ['large', large],
      ['small', small],
    ]) {
      await store.createUser(
        { username, role: 'clerk', officeIds: [office.id], password: PASSWORD },
        SYSTEM_ACTOR,
      );
    }
    const ids = (await store.listPatients(large.id, { limit: patients })).map((p) => p.id);
    return { large: large.id, small: small.id, patientIds: ids, seedSeconds: ms(t0) / 1000 };
  } finally {
    await store.close();
  }
}

/** A CSV of `rows` visits of the large office's patients in 2024-08 (at most 4 per patient a month). */
function visitsCsv(patientIds, rows) {
  const lines = ['利用者ID,日付,職種,ケアマネ報告'];
  for (let n = 0; n < rows; n++) {
    const i = n % patientIds.length;
    const k = Math.floor(n / patientIds.length);
    const day = String(Math.min(31, 1 + (i % 5) + k * 7)).padStart(2, '0');
    lines.push(`${patientIds[i]},2024-08-${day},薬剤師,はい`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function login(url, username) {
  const r = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  if (r.status !== 200 || !cookie) throw new Error(`login ${username}: ${r.status}`);
  return cookie;
}

function quantiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
  const round = (x) => Math.round(x * 10) / 10;
  return { reads: s.length, p50: round(q(0.5)), p99: round(q(0.99)), max: round(s.at(-1) ?? 0) };
}

/** Reads of the small office one after the other until `stop()` resolves; each read's latency (ms). */
async function readWhile(url, cookie, officeId, stop) {
  const pages = [
    `/api/v1/offices/${officeId}/patients`,
    `/api/v1/offices/${officeId}/months/${MONTH}/review`,
  ];
  const samples = [];
  let errors = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  for (let i = 0; !stopped; i++) {
    const t0 = process.hrtime.bigint();
    const r = await fetch(url + pages[i % pages.length], { headers: { cookie } });
    await r.arrayBuffer();
    samples.push(ms(t0));
    if (r.status !== 200) errors++;
  }
  return { ...quantiles(samples), errors };
}

async function measure(engine, target, patients, visits, importRows) {
  const seeded = await seed(target, patients, visits);
  log(`${engine.padEnd(8)} seeded ${patients} + 50 patients in ${seeded.seedSeconds.toFixed(0)} s`);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SANTEI_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      import.meta.filename,
      '--serve',
      JSON.stringify(target),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise((r) => child.on('exit', r));
  try {
    const first = await new Promise((res, rej) => {
      createInterface({ input: child.stdout }).once('line', res);
      child.once('exit', (code) => rej(new Error(`server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${JSON.parse(first).port}`;
    const [large, small] = [await login(url, 'large'), await login(url, 'small')];
    const csv = visitsCsv(seeded.patientIds, importRows);

    const idle = await readWhile(
      url,
      small,
      seeded.small,
      new Promise((r) => setTimeout(r, Number(values.idle) * 1000)),
    );

    let closeMs = 0;
    let importMs = 0;
    const t0 = process.hrtime.bigint();
    const closing =
      values.alone === 'import'
        ? Promise.resolve({ claimCount: 0 })
        : fetch(`${url}/api/v1/offices/${seeded.large}/months/${MONTH}/close`, {
            method: 'POST',
            headers: { cookie: large },
          }).then(async (r) => {
            const body = await r.json();
            closeMs = ms(t0);
            if (r.status !== 201) throw new Error(`close: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
            return body;
          });
    const importing =
      values.alone === 'close'
        ? Promise.resolve({ imported: 0 })
        : fetch(`${url}/api/v1/offices/${seeded.large}/import/visits`, {
            method: 'POST',
            headers: { cookie: large, 'content-type': 'text/csv' },
            body: csv,
          }).then(async (r) => {
            const body = await r.json();
            importMs = ms(t0);
            if (r.status !== 200 && r.status !== 201)
              throw new Error(`import: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
            return body;
          });
    const both = Promise.allSettled([closing, importing]);
    const busy = await readWhile(url, small, seeded.small, both);
    const [closed, imported] = await both;
    if (closed.status === 'rejected') throw closed.reason;
    if (imported.status === 'rejected') throw imported.reason;
    const r = {
      engine,
      patients,
      visits,
      importRows,
      claims: closed.value.claimCount,
      imported: imported.value.imported,
      closeSeconds: closeMs / 1000,
      importSeconds: importMs / 1000,
      csvBytes: Buffer.byteLength(csv),
      idle,
      busy,
      goalP99Ms: GOAL_P99_MS,
      goalMet: busy.p99 < GOAL_P99_MS && busy.errors === 0,
    };
    log(
      `${engine.padEnd(8)} alone: ${idle.reads} reads, p50 ${idle.p50} ms, p99 ${idle.p99} ms, max ${idle.max} ms`,
    );
    log(
      `${engine.padEnd(8)} during the close (${patients} patients, ${r.claims} claims, ${r.closeSeconds.toFixed(1)} s) ` +
        `and the import (${r.imported} rows, ${r.importSeconds.toFixed(1)} s): ${busy.reads} reads, ` +
        `p50 ${busy.p50} ms, p99 ${busy.p99} ms, max ${busy.max} ms, errors ${busy.errors}` +
        ` — goal p99 < ${GOAL_P99_MS} ms ${r.goalMet ? 'met' : 'NOT met'}`,
    );
    return r;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function main() {
  if (values.serve) return serve(values.serve);
  if (!existsSync(join(root, 'dist', 'server', 'app.js'))) {
    log('dist/ がありません。`npm run build` の後に実行してください。');
    process.exit(2);
  }
  const patients = Number(values.patients);
  const visits = Number(values.visits);
  const importRows = Number(values.import);
  log(
    `reads of a small office while a ${patients}-patient close and a ${importRows}-row import run (Node ${process.version})`,
  );
  const results = [];

  if (values.only !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'santei-bench-latency-'));
    try {
      results.push(
        await measure('sqlite', { sqlitePath: join(dir, 'santei.sqlite') }, patients, visits, importRows),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (values.only !== 'sqlite') {
    results.push(
      await withBenchPostgres(log, (databaseUrl) =>
        measure('postgres', { databaseUrl }, patients, visits, importRows),
      ),
    );
  }

  const outDir = process.env.SANTEI_BENCH_OUT ?? join(root, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latency.json'), JSON.stringify({ month: MONTH, results }, null, 2) + '\n');
  log(`results: ${join(outDir, 'latency.json')}`);
  if (results.some((r) => !r.skipped && !r.goalMet)) process.exitCode = 1;
}

await main();
