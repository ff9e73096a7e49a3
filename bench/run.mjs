// `npm run bench` (after `npm run build`): the speed of santei on large office-months, and the other
// benchmarks of bench/ each in its own process.
//
//   node bench/run.mjs [--sizes 10000,50000,100000] [--kinds pharmacy,clinic] [--runs 3]
//                      [--skip-profile] [--only engine|validate|close|claimFile|api|latency]
//
// For each generated month (bench/generate.mjs, written to bench/out/):
//   validate  validateInput (dist/core/validate.js), in process, best of RUNS
//   engine    calculateMonth (dist/core/calculate.js) with schedule 2024-06, after validation, best of RUNS
//   CLI       `./bin/santei calc FILE > /dev/null`, wall time, best of RUNS
//   floor     `node -e 'JSON.stringify(JSON.parse(readFileSync(FILE)))'`, wall time, best of RUNS
//   ratio     CLI / floor (goal ≤ 3×), peak RSS of the CLI (goal < 1 GB at 100k patients), and time per
//             patient at each size (linear growth).
// Then a CPU profile of the CLI at 50k patients (bench/profile.mjs), and bench/validate.mjs (the input
// check against zod's own parsing), bench/close.mjs, bench/claimFile.mjs (the claim file of a 5,000-patient
// month, beside the close), bench/api.mjs and bench/latency.mjs (other offices' reads during a large close
// and import) when they exist. Results: bench/out/results.json.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeMonth } from './generate.mjs';
import { printProfile, profileCli } from './profile.mjs';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'bench');
const outDir = join(benchDir, 'out');
const santei = join(root, 'bin', 'santei');

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000,100000' },
    kinds: { type: 'string', default: 'pharmacy,clinic' },
    runs: { type: 'string', default: '3' },
    'skip-profile': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const kinds = opts.kinds.split(',');
const runs = Number(opts.runs);
const GOAL_RATIO = 3;
const GOAL_RSS_MB = 1024;
const log = (s = '') => process.stdout.write(`${s}\n`);
let failed = false;

if (!existsSync(join(root, 'dist', 'core', 'calculate.js'))) {
  log('dist/ がありません。`npm run bench`（または先に `npm run build`）で実行してください。');
  process.exit(2);
}

// --- the machine -------------------------------------------------------------------------------------

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux: os.cpus() has it
  }
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return {
    cpu,
    cores: availableParallelism(),
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    commit: git.status === 0 ? git.stdout.trim() : undefined,
  };
}

// --- running a command and measuring it ---------------------------------------------------------------

const gnuTime =
  existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' }).status === 0;

/**
 * Runs argv with stdout to /dev/null; wall time from here, peak RSS and CPU time from GNU time -v when the
 * machine has it (otherwise RSS from a wrapper that reports process.resourceUsage().maxRSS, CLI only).
 */
function measure(argv, { rssWrapper } = {}) {
  const devNull = openSync('/dev/null', 'w');
  let cmd = argv;
  if (gnuTime) cmd = ['/usr/bin/time', '-v', ...argv];
  else if (rssWrapper) cmd = rssWrapper;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), {
    cwd: root,
    stdio: ['ignore', devNull, 'pipe'],
    maxBuffer: 2 ** 26,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(devNull);
  const err = String(r.stderr ?? '');
  const num = (re) => {
    const m = re.exec(err);
    return m ? Number(m[1]) : undefined;
  };
  const rssKB = gnuTime ? num(/Maximum resident set size \(kbytes\): (\d+)/) : num(/maxrss-kb=(\d+)/);
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  return {
    ok: r.status === 0,
    status: r.status,
    stderr: err,
    wallMs,
    cpuMs: user !== undefined && sys !== undefined ? Math.round((user + sys) * 1000) : undefined,
    rssMB: rssKB !== undefined ? Math.round(rssKB / 1024) : undefined,
  };
}

// The command as a clerk runs it: the script itself, with the node options of its first line.
const cliArgv = (file) => [santei, 'calc', file];
const cliRssWrapper = (file) => [
  process.execPath,
  '--input-type=module',
  '-e',
  `const { run } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href)});
   process.on('exit', () => process.stderr.write('\\nmaxrss-kb=' + process.resourceUsage().maxRSS + '\\n'));
   process.exitCode = await run(['calc', process.argv[1]]);`,
  file,
];
// The floor: what any program that reads the JSON and writes JSON must spend.
const floorArgv = (file) => [
  process.execPath,
  '-e',
  "JSON.stringify(JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8')))",
  file,
];

const bestOf = (xs, key) => Math.min(...xs.map((x) => x[key]));
const maxOf = (xs, key) => {
  const v = xs.map((x) => x[key]).filter((x) => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
};

function engineTimes(file) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(benchDir, 'engine.mjs'), file, String(runs)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
  });
  if (r.status !== 0)
    throw new Error(`bench/engine.mjs ${file} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout);
}

// --- the engine benchmark ----------------------------------------------------------------------------

const label = (kind, n) => `${kind} ${n >= 1000 ? `${n / 1000}k` : n}`;
const fmt = (ms) => (ms === undefined ? '—' : ms >= 100 ? String(Math.round(ms)) : ms.toFixed(1));
const pad = (s, w, left = false) => (left ? String(s).padEnd(w) : String(s).padStart(w));

function runEngineBench(mach) {
  mkdirSync(outDir, { recursive: true });
  log(`Inputs (bench/generate.mjs, seed 1, month 2024-07) → ${relative(root, outDir)}/`);
  const inputs = [];
  for (const kind of kinds) {
    for (const n of sizes) {
      const t0 = process.hrtime.bigint();
      const info = writeMonth(join(outDir, `${kind}-${n}.json`), { patients: n, kind, seed: 1 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      inputs.push({ kind, n, ...info, file: relative(root, info.file) });
      log(
        `  ${pad(label(kind, n), 13, true)} ${pad(info.records, 7)} records (${info.visitsInMonth} in 2024-07, ${info.history} of June)  ${(info.bytes / 2 ** 20).toFixed(1)} MB  generated in ${fmt(ms)} ms`,
      );
    }
  }
  log();

  const results = [];
  for (const input of inputs) {
    const file = join(root, input.file);
    process.stdout.write(`  measuring ${label(input.kind, input.n)} …`);
    const engine = engineTimes(file);
    const cli = [];
    const floor = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so that a busy moment of the machine weighs on both alike.
      cli.push(measure(cliArgv(file), { rssWrapper: cliRssWrapper(file) }));
      floor.push(measure(floorArgv(file)));
    }
    const bad = [...cli, ...floor].find((r) => !r.ok);
    if (bad) {
      failed = true;
      log(` failed (exit ${bad.status}): ${bad.stderr.split('\n').slice(0, 3).join(' / ')}`);
      continue;
    }
    const r = {
      kind: input.kind,
      patients: input.n,
      records: input.records,
      inputMB: Math.round((input.bytes / 2 ** 20) * 10) / 10,
      outputMB: Math.round((engine.result.bytes / 2 ** 20) * 10) / 10,
      ms: {
        parse: engine.ms.parse,
        validate: engine.ms.validate,
        engine: engine.ms.engine,
        stringify: engine.ms.stringify,
        cli: bestOf(cli, 'wallMs'),
        floor: bestOf(floor, 'wallMs'),
      },
      engineCpuMs: engine.cpuMs.engine,
      cliRuns: cli.map((x) => Math.round(x.wallMs)),
      floorRuns: floor.map((x) => Math.round(x.wallMs)),
      cpuMs: {
        cli: cli[0].cpuMs === undefined ? undefined : bestOf(cli, 'cpuMs'),
        floor: floor[0].cpuMs === undefined ? undefined : bestOf(floor, 'cpuMs'),
      },
      cliPeakRssMB: maxOf(cli, 'rssMB'),
      floorPeakRssMB: maxOf(floor, 'rssMB'),
      result: engine.result,
    };
    r.ratio = r.ms.cli / r.ms.floor;
    r.usPerPatient = {
      engine: (1000 * r.ms.engine) / r.patients,
      engineCpu: (1000 * r.engineCpuMs) / r.patients,
      validate: (1000 * r.ms.validate) / r.patients,
      cli: (1000 * r.ms.cli) / r.patients,
    };
    results.push(r);
    log(` CLI ${fmt(r.ms.cli)} ms, floor ${fmt(r.ms.floor)} ms`);
  }
  log();

  // The tables.
  const table = (title, head, rows) => {
    log(title);
    log(head.map(([h, w, l]) => pad(h, w, l)).join('  '));
    for (const cells of rows) log(cells.map((c, i) => pad(c, head[i][1], head[i][2])).join('  '));
    log();
  };
  table(
    `Time in ms, best of ${runs}: wall clock; "cpu" = user + system CPU time of the process (steadier on a busy machine)`,
    [
      ['input', 13, true],
      ['patients', 8],
      ['records', 7],
      ['MB in', 5],
      ['parse', 6],
      ['validate', 8],
      ['engine', 6],
      ['stringify', 9],
      ['CLI', 6],
      ['floor', 6],
      ['CLI/floor', 9],
      ['CLI cpu', 7],
      ['floor cpu', 9],
      ['cpu ratio', 9],
    ],
    results.map((r) => [
      label(r.kind, r.patients),
      r.patients,
      r.records,
      r.inputMB.toFixed(1),
      fmt(r.ms.parse),
      fmt(r.ms.validate),
      fmt(r.ms.engine),
      fmt(r.ms.stringify),
      fmt(r.ms.cli),
      fmt(r.ms.floor),
      `${r.ratio.toFixed(1)}×`,
      fmt(r.cpuMs.cli),
      fmt(r.cpuMs.floor),
      r.cpuMs.cli === undefined ? '—' : `${(r.cpuMs.cli / r.cpuMs.floor).toFixed(1)}×`,
    ]),
  );
  table(
    'Memory and growth: peak RSS in MB; time per patient in µs',
    [
      ['input', 13, true],
      ['CLI RSS', 7],
      ['floor RSS', 9],
      ['MB out', 6],
      ['validate/patient', 16],
      ['engine/patient', 14],
      ['engine cpu/patient', 18],
      ['CLI/patient', 11],
    ],
    results.map((r) => [
      label(r.kind, r.patients),
      r.cliPeakRssMB ?? '—',
      r.floorPeakRssMB ?? '—',
      r.outputMB.toFixed(1),
      r.usPerPatient.validate.toFixed(1),
      r.usPerPatient.engine.toFixed(1),
      r.usPerPatient.engineCpu.toFixed(1),
      r.usPerPatient.cli.toFixed(1),
    ]),
  );

  // Goals.
  const goals = [];
  for (const kind of kinds) {
    const mine = results.filter((r) => r.kind === kind).sort((a, b) => a.patients - b.patients);
    if (!mine.length) continue;
    const mid = mine.find((r) => r.patients === 50000) ?? mine[Math.floor(mine.length / 2)];
    const big = mine.find((r) => r.patients === 100000) ?? mine[mine.length - 1];
    const small = mine[0];
    goals.push({
      kind,
      goal: `CLI within ${GOAL_RATIO}× of the floor (${label(kind, mid.patients)})`,
      value: `${mid.ratio.toFixed(2)}×`,
      met: mid.ratio <= GOAL_RATIO,
    });
    if (big.cliPeakRssMB !== undefined) {
      goals.push({
        kind,
        goal: `peak RSS under 1 GB (${label(kind, big.patients)})`,
        value: `${big.cliPeakRssMB} MB`,
        met: big.cliPeakRssMB < GOAL_RSS_MB,
      });
    }
    if (big !== small) {
      // On CPU time: waiting for a core on a shared machine is not growth.
      const growth = big.usPerPatient.engineCpu / small.usPerPatient.engineCpu;
      goals.push({
        kind,
        goal: `linear: engine CPU time per patient ${label(kind, big.patients)} / ${label(kind, small.patients)} (≤ 1.3)`,
        value: `${growth.toFixed(2)} (${small.usPerPatient.engineCpu.toFixed(1)} → ${big.usPerPatient.engineCpu.toFixed(1)} µs)`,
        met: growth <= 1.3,
      });
    }
  }
  log('Goals (issue 2, "Speed")');
  for (const g of goals) log(`  ${g.met ? 'met    ' : 'NOT met'}  ${g.goal}: ${g.value}`);
  log();

  // What the months hold: the rules they exercise.
  log('What the engine decided (rejections by code)');
  for (const r of results.filter((x) => x.patients === (sizes.includes(50000) ? 50000 : sizes[0]))) {
    const codes = Object.entries(r.result.byCode)
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    log(`  ${label(r.kind, r.patients)}: ${r.result.claims} claims, ${r.result.lines} lines; ${codes}`);
  }
  log();
  return { inputs, results, goals, machine: mach };
}

// --- main ----------------------------------------------------------------------------------------------

const started = process.hrtime.bigint();
mkdirSync(outDir, { recursive: true });
const mach = machine();
log('santei benchmark');
log(
  `Machine: ${mach.cpu}, ${mach.cores} cores, ${mach.memoryGB} GB RAM, Node ${mach.node}, ${mach.os}` +
    `${mach.commit ? `, commit ${mach.commit}` : ''}; load average ${mach.loadAverage.join(' ')}`,
);
log(`Peak RSS from ${gnuTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS (wrapper)'}`);
log();

const report = { command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(), machine: mach };
if (!opts.only || opts.only === 'engine') {
  try {
    Object.assign(report, runEngineBench(mach));
  } catch (e) {
    failed = true;
    log(`engine benchmark failed: ${e.message}`);
  }
  if (!opts['skip-profile'] && report.results?.length) {
    const target =
      report.results.find((r) => r.patients === 50000) ??
      report.results[Math.floor(report.results.length / 2)];
    try {
      const p = profileCli(join(outDir, `${target.kind}-${target.patients}.json`));
      printProfile(p, log);
      report.profile = {
        input: `${target.kind}-${target.patients}`,
        ...p,
        profile: relative(root, p.profile),
      };
    } catch (e) {
      failed = true;
      log(`profile failed: ${e.message}`);
    }
    log();
  }
}

// Other benchmarks, each in its own process, with the generated months at hand.
const others = ['validate.mjs', 'close.mjs', 'claimFile.mjs', 'api.mjs', 'latency.mjs'];
report.others = [];
for (const name of others) {
  if (opts.only && opts.only !== name.replace(/\.mjs$/, '')) continue;
  const file = join(benchDir, name);
  if (!existsSync(file)) {
    log(`bench/${name}: not present, skipped`);
    report.others.push({ name, skipped: true });
    continue;
  }
  log(`=== bench/${name} ===`);
  const t0 = process.hrtime.bigint();
  // bench/validate.mjs measures the heap an answer keeps: it runs with a GC it can call.
  const r = spawnSync(process.execPath, name === 'validate.mjs' ? ['--expose-gc', file] : [file], {
    cwd: root,
    stdio: 'inherit',
    timeout: 15 * 60 * 1000,
    env: {
      ...process.env,
      SANTEI_BENCH_OUT: outDir,
      SANTEI_BENCH_INPUTS: JSON.stringify(
        Object.fromEntries((report.inputs ?? []).map((i) => [`${i.kind}-${i.n}`, join(root, i.file)])),
      ),
    },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const ok = r.status === 0;
  if (!ok) failed = true;
  log(
    `=== bench/${name}: ${ok ? 'done' : `failed (exit ${r.status ?? r.signal})`} in ${(ms / 1000).toFixed(1)} s ===`,
  );
  report.others.push({ name, ok, status: r.status, seconds: ms / 1000 });
}

report.seconds = Number(process.hrtime.bigint() - started) / 1e9;
report.machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
writeFileSync(join(outDir, 'results.json'), JSON.stringify(report, null, 2) + '\n');
log();
const busiest = Math.max(mach.loadAverage[0], report.machine.loadAverageAtEnd[0]);
if (busiest > mach.cores * 0.75) {
  log(
    `Note: the machine was busy (load average up to ${busiest} on ${mach.cores} cores): wall times include waiting for a core; the cpu columns are steadier.`,
  );
}
log(
  `Done in ${report.seconds.toFixed(0)} s; load average at the end ${report.machine.loadAverageAtEnd.join(' ')}. Results: ${relative(root, join(outDir, 'results.json'))}`,
);
process.exitCode = failed ? 1 : 0;
