// API throughput (after `npm run build`): the server runs in a child process on 127.0.0.1 with a fresh
// SQLite store; autocannon drives it from this process.
//   1. POST /api/v1/calculate with a 50-patient month: requests/s, p50 and p99 latency.
//   2. The same interleaved with visit writes (POST /offices/:id/visits): requests/s and p99; then the
//      server is stopped and the SQLite file reopened: every write it acknowledged must be there.
//
//   node bench/api.mjs [--duration 5] [--connections 10] [--patients 50]
//
// Exit 1 when a request failed or an acknowledged write is missing. Only loopback addresses are used.
/* global fetch */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { runLoad, syntheticMonth } from './load.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = (p) => pathToFileURL(join(root, 'dist', p)).href;
const PASSWORD = 'bench-password-1';
const log = (s = '') => process.stdout.write(`${s}\n`);

async function serve(sqlitePath) {
  const { openStore, withCheckDigit, SYSTEM_ACTOR } = await import(dist('store/index.js'));
  const { buildApp } = await import(dist('server/app.js'));
  const store = await openStore({ databaseUrl: '', sqlitePath });
  const office = await store.createOffice(
    { number: withCheckDigit('131000001'), name: 'ベンチ薬局', kind: 'pharmacy' },
    SYSTEM_ACTOR,
  );
  await store.createUser(
    { username: 'bench', role: 'clerk', officeIds: [office.id], password: PASSWORD },
    SYSTEM_ACTOR,
  );
  const patientIds = [];
  for (let i = 0; i < 50; i++) {
    const p = await store.createPatient(
      office.id,
      {
        name: `利用者${i + 1}`,
        certifications: [{ level: 'care2', copay: 1, from: '2024-04-01' }],
        residences: [{ kind: 'home', from: '2020-01-01' }],
      },
      SYSTEM_ACTOR,
    );
    patientIds.push(p.id);
  }
  const { app } = await buildApp({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address();
  process.stdout.write(JSON.stringify({ port, officeId: office.id, patientIds }) + '\n');
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function main() {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      patients: { type: 'string', default: '50' },
    },
  });
  if (values.serve) return serve(values.serve);
  if (!existsSync(join(root, 'dist', 'server', 'app.js'))) {
    log('dist/ がありません。`npm run build` の後に実行してください。');
    process.exit(2);
  }
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const nPatients = Number(values.patients);

  const dir = mkdtempSync(join(tmpdir(), 'santei-bench-api-'));
  const sqlitePath = join(dir, 'santei.sqlite');
  const child = spawn(process.execPath, [import.meta.filename, '--serve', sqlitePath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  let failed = false;
  try {
    const first = await new Promise((res, rej) => {
      const rl = createInterface({ input: child.stdout });
      rl.once('line', (l) => res(l));
      child.once('exit', (code) => rej(new Error(`server exited (${code})`)));
    });
    const { port, officeId, patientIds } = JSON.parse(first);
    const url = `http://127.0.0.1:${port}`;
    const login = await fetch(`${url}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (login.status !== 200 || !cookie) throw new Error(`login: ${login.status}`);
    const month = syntheticMonth(nPatients);
    const check = await fetch(`${url}/api/v1/calculate`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(month),
    });
    const claims = (await check.json()).claims?.length;
    log(
      `server: 127.0.0.1:${port} (SQLite, child process); /calculate body: ${nPatients} patients, ${month.records.length} records, ${claims} claims`,
    );

    const calc = await runLoad({ url, cookie, month, duration, connections });
    const r1 = calc.result;
    log(
      `POST /api/v1/calculate (${nPatients} patients), ${connections} connections, ${duration} s: ` +
        `${r1.requests.average.toFixed(0)} requests/s, p50 ${r1.latency.p50} ms, p99 ${r1.latency.p99} ms, ` +
        `${r1.requests.total} requests, errors ${r1.errors}, non-2xx ${r1.non2xx}`,
    );
    if (r1.errors || r1.non2xx || r1.timeouts) failed = true;

    const mixed = await runLoad({
      url,
      cookie,
      month,
      duration,
      connections,
      write: {
        officeId,
        visit: (i) => ({
          kind: 'kyotaku',
          patientId: patientIds[i % patientIds.length],
          date: `2024-08-${String(1 + (i % 31)).padStart(2, '0')}`,
          profession: 'pharmacist',
          reported: true,
        }),
      },
    });
    const r2 = mixed.result;
    log(
      `calculate + visit writes interleaved, ${connections} connections, ${duration} s: ${r2.requests.average.toFixed(0)} requests/s, ` +
        `p99 ${r2.latency.p99} ms, writes acknowledged ${mixed.acked.length} of ${mixed.attempted} sent, refused ${mixed.refused.length}, errors ${r2.errors}, non-2xx ${r2.non2xx}`,
    );
    if (r2.errors || r2.non2xx || r2.timeouts || mixed.refused.length) failed = true;

    child.kill('SIGTERM');
    await exited;
    const { openStore } = await import(dist('store/index.js'));
    const store = await openStore({ databaseUrl: '', sqlitePath });
    const stored = new Set((await store.listVisits(officeId)).map((v) => v.id));
    await store.close();
    const lost = mixed.acked.filter((id) => !stored.has(id));
    log(
      `after stopping the server: ${stored.size} visits in the store, acknowledged writes missing: ${lost.length}`,
    );
    if (lost.length) failed = true;
    log(
      JSON.stringify({
        calculate: {
          patients: nPatients,
          requestsPerSecond: Math.round(r1.requests.average),
          p50Ms: r1.latency.p50,
          p99Ms: r1.latency.p99,
        },
        mixed: {
          requestsPerSecond: Math.round(r2.requests.average),
          p99Ms: r2.latency.p99,
          acknowledgedWrites: mixed.acked.length,
          lostWrites: lost.length,
        },
      }),
    );
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`bench/api.mjs: ${e.message}\n`);
  process.exit(1);
});
