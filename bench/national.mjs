// A national month through `santei calc --ndjson` (after `npm run build`): PATIENTS patients in offices of
// OFFICE patients each (1,000,000 in offices of 2,000: 500 office-months, about 4.5 million records), one
// office-month a line, as a 国保連 or a group of offices would send them. Offices alternate pharmacy and
// clinic, each with its own seed (bench/generate.mjs); the file is made once under bench/out/.
//
//   node bench/national.mjs [--patients 1000000] [--office 2000] [--workers 0,auto] [--runs 1]
//
// For each --workers value (0: every line priced in the main thread; auto: one worker per core), the wall
// time of `./bin/santei calc --ndjson --workers N < FILE > /dev/null`, its CPU time and peak RSS (GNU time),
// and that the output has one line per input line. Then the floor: one thread doing only
// JSON.stringify(JSON.parse(line)) for every line, and that divided by the cores (the floor on every core).
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMonth } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'bench', 'out');
const santei = join(root, 'bin', 'santei');
const { values: opts } = parseArgs({
  options: {
    patients: { type: 'string', default: '1000000' },
    office: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '0,auto' },
    runs: { type: 'string', default: '1' },
  },
});
const patients = Number(opts.patients);
const perOffice = Number(opts.office);
const offices = Math.ceil(patients / perOffice);
const runs = Number(opts.runs);
const log = (s = '') => process.stdout.write(`${s}\n`);
const num = (n) => n.toLocaleString('en-US');

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  log('dist/ がありません。先に `npm run build` を実行してください。');
  process.exit(2);
}

/** The month's file: one office-month per line (made once; a half-written file is never left). */
async function monthFile() {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `national-${patients}-${perOffice}.ndjson`);
  if (existsSync(file)) return file;
  const part = `${file}.part`;
  const out = createWriteStream(part);
  let records = 0;
  const t0 = Date.now();
  for (let i = 0; i < offices; i++) {
    const n = Math.min(perOffice, patients - i * perOffice);
    const month = generateMonth({ patients: n, kind: i % 2 === 0 ? 'pharmacy' : 'clinic', seed: i + 1 });
    records += month.records.length;
    if (!out.write(JSON.stringify(month) + '\n')) await new Promise((ok) => out.once('drain', ok));
  }
  await new Promise((ok, fail) => out.end((e) => (e ? fail(e) : ok())));
  renameSync(part, file);
  log(
    `  ${relative(root, file)}: ${num(offices)} office-months, ${num(records)} records, generated in ${Date.now() - t0} ms`,
  );
  return file;
}

const gnuTime = spawnSync('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' }).status === 0;

/** Runs argv with FILE on stdin; wall time, CPU, peak RSS and the number of output lines. */
function measure(argv, file) {
  const input = openSync(file, 'r');
  const cmd = gnuTime ? ['/usr/bin/time', '-v', ...argv] : argv;
  const counter = `${process.execPath} -e "let n=0;process.stdin.on('data',b=>{for(const c of b)if(c===10)n++}).on('end',()=>console.log(n))"`;
  const t0 = process.hrtime.bigint();
  // stdout through a line counter (a pipe, as a consumer of the results reads them); stderr kept for time -v.
  const r = spawnSync('sh', ['-c', `"$@" 2>&3 | ${counter}`, 'sh', ...cmd], {
    cwd: root,
    stdio: [input, 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 2 ** 26,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(input);
  const err = r.output[3] ?? '';
  const numOf = (re) => {
    const m = re.exec(err);
    return m ? Number(m[1]) : undefined;
  };
  const user = numOf(/User time \(seconds\): ([\d.]+)/);
  const sys = numOf(/System time \(seconds\): ([\d.]+)/);
  return {
    ok: r.status === 0 && !/Exit status: [1-9]/.test(err),
    stderr: err,
    lines: Number(r.stdout.trim()),
    wallMs,
    cpuMs: user !== undefined ? Math.round((user + sys) * 1000) : undefined,
    rssMB: numOf(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
  };
}

const floorScript = `
const rl = require('node:readline').createInterface({ input: process.stdin, crlfDelay: Infinity });
let bytes = 0;
rl.on('line', (l) => { bytes += JSON.stringify(JSON.parse(l)).length; });
rl.on('close', () => process.stdout.write(String(bytes) + '\\n'));`;

const mach = {
  cpu: cpus()[0]?.model,
  cores: availableParallelism(),
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  load: loadavg().map((x) => x.toFixed(2)),
};
log(`${mach.cpu}, ${mach.cores} cores, ${mach.memoryGB} GB, Node ${mach.node}, load ${mach.load.join(' ')}`);
log(`National month: ${num(patients)} patients in ${num(offices)} offices of ${num(perOffice)}`);
const file = await monthFile();
log(`  input ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`);

const best = (xs) => xs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
for (const w of opts.workers.split(',')) {
  const argv = [santei, 'calc', '--ndjson', ...(w === 'auto' ? [] : ['--workers', w])];
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(measure(argv, file));
  const bad = rs.find((r) => !r.ok || r.lines !== offices);
  if (bad) {
    log(`  --workers ${w}: failed (${bad.lines} lines): ${bad.stderr.split('\n').slice(0, 3).join(' / ')}`);
    process.exitCode = 1;
    continue;
  }
  const r = best(rs);
  log(
    `  calc --ndjson${w === 'auto' ? '' : ` --workers ${w}`}: ${(r.wallMs / 1000).toFixed(1)} s wall, ` +
      `${(r.cpuMs / 1000).toFixed(1)} s CPU, peak RSS ${Math.round(r.rssMB)} MB, ` +
      `${Math.round(patients / (r.wallMs / 1000)).toLocaleString('en-US')} patients/s (best of ${runs})`,
  );
}
const floor = measure([process.execPath, '-e', floorScript], file);
log(
  `  floor (JSON.parse + JSON.stringify of every line, one thread): ${(floor.wallMs / 1000).toFixed(1)} s; ` +
    `on ${mach.cores} cores ${(floor.wallMs / 1000 / mach.cores).toFixed(1)} s`,
);
