// Monthly close benchmark (runs the built application and store from dist/): an office of 5,000 patients
// and 20,000 visits in 2024-07, closed on SQLite (a temp file, WAL, synchronous=FULL) and on PostgreSQL (a
// fresh database on SANTEI_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test, dropped afterwards).
// Goal: a close under 2 s on SQLite. Each close is timed end to end (read records → engine → one
// transaction with the claim version and its audit row), RUNS times; the split of the first is shown.
//
//   node bench/close.mjs [--patients 5000] [--visits 20000] [--runs 3] [--only sqlite|postgres]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withBenchPostgres } from './postgres.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist', 'store', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write('bench/close.mjs: dist/ がありません。先に `npm run build` を実行してください。\n');
  process.exit(70);
}
const { openStore } = await import(dist);
const { seedSyntheticOffice } = await import(join(root, 'dist', 'store', 'synthetic.js'));
const { calculate } = await import(join(root, 'dist', 'santei.js'));
const { closeMonth, monthInput } = await import(join(root, 'dist', 'app', 'index.js'));

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '5000' },
    visits: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const patients = Number(values.patients);
const visits = Number(values.visits);
const runs = Math.max(1, Number(values.runs));
const month = '2024-07';
const log = (s = '') => process.stdout.write(s + '\n');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

async function measure(engine, store) {
  const t0 = process.hrtime.bigint();
  const office = await seedSyntheticOffice(store, { patients, visits, month });
  const seedMs = ms(t0);

  // The split of one close: reading the records into the engine input, and the engine alone.
  let t = process.hrtime.bigint();
  const input = await monthInput(store, office.id, month);
  const buildMs = ms(t);
  t = process.hrtime.bigint();
  const direct = calculate(input);
  const engineMs = ms(t);
  if (!direct.ok) throw new Error(JSON.stringify(direct.problems.slice(0, 3)));

  const closes = [];
  let last;
  for (let i = 0; i < runs; i++) {
    t = process.hrtime.bigint();
    last = await closeMonth(store, office.id, month, 'bench');
    closes.push(ms(t));
    if (!last.ok) throw new Error(JSON.stringify(last.problems.slice(0, 3)));
  }
  t = process.hrtime.bigint();
  await store.getClaimVersion(office.id, month, last.version.version);
  const readMs = ms(t);
  const sorted = [...closes].sort((a, b) => a - b);
  const r = {
    engine,
    patients,
    visits,
    records: input.records.length,
    claims: last.version.claimCount,
    rejections: last.version.rejectionCount,
    seedSeconds: seedMs / 1000,
    buildInputMs: buildMs,
    engineMs,
    closeMs: closes,
    closeMedianMs: sorted[Math.floor(sorted.length / 2)],
    closeBestMs: sorted[0],
    readVersionMs: readMs,
    resultBytes: JSON.stringify(last.version.result).length,
  };
  log(
    `${engine.padEnd(8)} seed ${r.seedSeconds.toFixed(1)} s | build input ${buildMs.toFixed(0)} ms, engine ${engineMs.toFixed(0)} ms | ` +
      `close ${closes.map((x) => x.toFixed(0)).join(' / ')} ms (median ${r.closeMedianMs.toFixed(0)} ms) | ` +
      `read version ${readMs.toFixed(0)} ms | ${r.claims} claims, ${r.rejections} rejections, result ${(r.resultBytes / 1e6).toFixed(1)} MB`,
  );
  return r;
}

const results = [];
log(
  `close of ${month}: ${patients} patients, ${visits} visits, ${runs} closes per engine (Node ${process.version})`,
);

if (values.only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'santei-bench-'));
  const store = await openStore({ sqlitePath: join(dir, 'santei.sqlite'), databaseUrl: '' });
  try {
    const r = await measure('sqlite', store);
    r.goalMs = 2000;
    r.goalMet = r.closeMedianMs < 2000;
    log(`sqlite   goal: close under 2 s — ${r.goalMet ? 'met' : 'NOT met'}`);
    results.push(r);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.only !== 'sqlite') {
  results.push(
    await withBenchPostgres(log, async (databaseUrl) => {
      const store = await openStore({ databaseUrl });
      try {
        return await measure('postgres', store);
      } finally {
        await store.close();
      }
    }),
  );
}

const outDir = process.env.SANTEI_BENCH_OUT ?? join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'close.json'),
  JSON.stringify({ month, patients, visits, runs, results }, null, 2) + '\n',
);
log(`results: ${join(outDir, 'close.json')}`);
