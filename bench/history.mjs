// History benchmark (runs the built application and store from dist/, SQLite in a temp folder): what the
// hash chains cost and what checking them takes, on an office of PATIENTS patients closed twice —
// - a close end to end, and the digest of its claim version alone (sha-256 over its input and result);
// - `santei verify` of the database (every chain walked, each version's input and result read and hashed);
// - `santei backup` while another process writes without pause (VACUUM INTO, then integrity_check and
//   verify of the copy), and how many writes the writer made meanwhile.
//
//   node bench/history.mjs [--patients 20000] [--visits 80000]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist', 'store', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write('bench/history.mjs: dist/ がありません。先に `npm run build` を実行してください。\n');
  process.exit(70);
}
const { openStore } = await import(dist);
const { seedSyntheticOffice } = await import(join(root, 'dist', 'store', 'synthetic.js'));
const { claimDigest } = await import(join(root, 'dist', 'store', 'chain.js'));
const { closeMonth } = await import(join(root, 'dist', 'app', 'index.js'));

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '20000' }, visits: { type: 'string', default: '80000' } },
});
const month = '2024-07';
const log = (s = '') => process.stdout.write(s + '\n');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const santei = join(root, 'bin', 'santei');

const dir = mkdtempSync(join(tmpdir(), 'santei-bench-history-'));
try {
  const db = join(dir, 'santei.sqlite');
  const store = await openStore({ sqlitePath: db, databaseUrl: '' });
  const office = await seedSyntheticOffice(store, {
    patients: Number(values.patients),
    visits: Number(values.visits),
    month,
  });
  const closes = [];
  for (let i = 0; i < 2; i++) {
    const t = process.hrtime.bigint();
    const r = await closeMonth(store, office.id, month, 'bench');
    closes.push(ms(t));
    if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  }
  const row = await store.db
    .selectFrom('claim_versions')
    .selectAll()
    .where('office_id', '=', office.id)
    .executeTakeFirstOrThrow();
  const { digest: _d, ...content } = row;
  let t = process.hrtime.bigint();
  claimDigest(content);
  const digestMs = ms(t);
  const versionMb = (Buffer.byteLength(row.input_json) + Buffer.byteLength(row.result_json)) / 1024 / 1024;
  const staff = await store.createStaff(
    office.id,
    { name: '書き込み 前', profession: 'pharmacist' },
    'bench',
  );
  await store.close();
  log(
    `office: ${values.patients} patients, ${values.visits} visits; database ${(statSync(db).size / 1024 / 1024).toFixed(1)} MB`,
  );
  log(
    `close (end to end): ${closes.map((c) => c.toFixed(0)).join(' / ')} ms; a version's digest alone: ${digestMs.toFixed(0)} ms for ${versionMb.toFixed(1)} MB of input and result`,
  );

  t = process.hrtime.bigint();
  const v = spawnSync(santei, ['verify', '--db', db], { encoding: 'utf8' });
  log(`santei verify: ${ms(t).toFixed(0)} ms, exit ${v.status}: ${v.stdout.trim() || v.stderr.trim()}`);

  // a writer from its own process, as a busy server
  const started = join(dir, 'started');
  const stop = join(dir, 'stop');
  const writer = `
    const { existsSync, writeFileSync } = await import('node:fs');
    const { openStore } = await import(${JSON.stringify(dist)});
    const store = await openStore({ sqlitePath: ${JSON.stringify(db)}, databaseUrl: '' });
    let n = 0;
    while (!existsSync(${JSON.stringify(stop)})) {
      await store.updateStaff(${JSON.stringify(office.id)}, ${JSON.stringify(staff.id)}, { name: '書き込み 中 ' + n }, 'writer');
      if (++n === 1) writeFileSync(${JSON.stringify(started)}, '');
    }
    await store.close();
    process.stdout.write(String(n));`;
  const proc = spawn(process.execPath, ['--input-type=module', '-e', writer], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let writes = '';
  proc.stdout.on('data', (d) => (writes += d));
  const exited = new Promise((r) => proc.on('exit', r));
  while (!existsSync(started)) await sleep(20);
  t = process.hrtime.bigint();
  const b = spawnSync(santei, ['backup', '--db', db, '--out', join(dir, 'copy.sqlite')], {
    encoding: 'utf8',
  });
  const backupMs = ms(t);
  writeFileSync(stop, '');
  await exited;
  log(
    `santei backup while writing: ${backupMs.toFixed(0)} ms, exit ${b.status}; the writer made ${writes} writes in all`,
  );
  log(b.stdout.trim() || b.stderr.trim());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
