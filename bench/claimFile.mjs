// Claim file benchmark (runs the built code from dist/): the 国保連 claim file of a 5,000-patient month
// (bench/generate.mjs, 2024-07, with the patient fields the file needs), pharmacy and clinic — the engine's
// result, then the claim document, the writer and the checker (as `santei claim-file` checks the file before
// it leaves), best of RUNS; and the check against the month (`--check FILE --input MONTH`). Shown beside the month
// close of bench/close.mjs when its results are at hand (SANTEI_BENCH_OUT/close.json).
//
//   node bench/claimFile.mjs [--patients 5000] [--runs 3]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMonth } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist', 'core', 'claimFile', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write(
    'bench/claimFile.mjs: dist/ がありません。先に `npm run build` を実行してください。\n',
  );
  process.exit(70);
}
const { buildClaimDocument, writeClaimFile, checkClaimFile } = await import(dist);
const { codesForMonth } = await import(join(root, 'dist', 'app', 'claimFile.js'));
const { calculate } = await import(join(root, 'dist', 'santei.js'));

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' } },
});
const patients = Number(values.patients);
const runs = Math.max(1, Number(values.runs));
const log = (s = '') => process.stdout.write(s + '\n');
const since = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const best = (xs) => Math.min(...xs);

const outDir = process.env.SANTEI_BENCH_OUT ?? join(root, 'bench', 'out');
let close;
try {
  const c = JSON.parse(readFileSync(join(outDir, 'close.json'), 'utf8'));
  close = c.results?.find((r) => r.engine === 'sqlite' && !r.skipped);
} catch {
  // no close results: the claim file alone
}

log(`claim file of 2024-07: ${patients} patients per office, best of ${runs} (Node ${process.version})`);
const results = [];
for (const kind of ['pharmacy', 'clinic']) {
  const input = generateMonth({ patients, kind });
  const times = { engine: [], document: [], write: [], check: [], checkAgainstMonth: [] };
  const cpu = []; // CPU time of document + write + check: steadier than the wall clock on a busy machine
  let last;
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    const priced = calculate(input);
    times.engine.push(since(t));
    if (!priced.ok) throw new Error(JSON.stringify(priced.problems.slice(0, 3)));
    const cpu0 = process.cpuUsage();
    t = process.hrtime.bigint();
    const doc = buildClaimDocument({ result: priced.result, input: priced.input, schedule: priced.schedule });
    times.document.push(since(t));
    if (!doc.ok) throw new Error(JSON.stringify(doc.problems.slice(0, 3)));
    t = process.hrtime.bigint();
    const bytes = writeClaimFile(doc.document);
    times.write.push(since(t));
    t = process.hrtime.bigint();
    const report = checkClaimFile(bytes, { codesFor: codesForMonth });
    times.check.push(since(t));
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
    if (!report.ok)
      throw new Error(`the file does not pass its check: ${report.problems.slice(0, 3).join(' / ')}`);
    t = process.hrtime.bigint();
    const against = checkClaimFile(bytes, { codesFor: codesForMonth, expected: doc.document });
    times.checkAgainstMonth.push(since(t));
    if (!against.ok)
      throw new Error(`the file is not the month's: ${against.problems.slice(0, 3).join(' / ')}`);
    last = {
      bytes: bytes.length,
      statements: doc.document.statements.length,
      records: report.summary.records,
    };
  }
  // The fastest run of each step; write + check = the claim document, the writer and the checker.
  const ms = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, best(xs)]));
  ms.writeAndCheck = best(times.document.map((d, i) => d + times.write[i] + times.check[i]));
  ms.writeAndCheckCpu = best(cpu);
  const r = { kind, patients, ...last, ms };
  results.push(r);
  log(
    `  ${kind.padEnd(8)} ${r.statements} 明細書, ${r.records} records, ${(r.bytes / 2 ** 20).toFixed(1)} MB | ` +
      `engine ${ms.engine.toFixed(0)} ms | document ${ms.document.toFixed(0)} ms, write ${ms.write.toFixed(0)} ms, ` +
      `check ${ms.check.toFixed(0)} ms: write + check ${ms.writeAndCheck.toFixed(0)} ms (cpu ${ms.writeAndCheckCpu.toFixed(0)} ms) | ` +
      `check against the month ${ms.checkAgainstMonth.toFixed(0)} ms`,
  );
}
if (close) {
  log(
    `  beside the close (bench/close.mjs, SQLite, ${close.patients} patients, ${close.visits} visits): close median ` +
      `${close.closeMedianMs.toFixed(0)} ms; the claim file's write + check ${results.map((r) => `${r.kind} ${((100 * r.ms.writeAndCheck) / close.closeMedianMs).toFixed(0)} %`).join(', ')} of it`,
  );
} else log('  (no bench/close.mjs results at hand: run `npm run bench` for the close beside it)');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'claim-file.json'),
  JSON.stringify({ patients, runs, results, close }, null, 2) + '\n',
);
log(`results: ${join(outDir, 'claim-file.json')}`);
