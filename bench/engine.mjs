// In-process timings of one input file, phase by phase, as the CLI runs them:
// read → JSON.parse → validateInput → calculateMonth (schedule 2024-06) → JSON.stringify.
// Each phase is timed `runs` times (a full GC before each when node runs with --expose-gc); the best
// time is kept. Prints one JSON object on stdout. Used by bench/run.mjs; runs on the built dist/.
//
//   node --expose-gc bench/engine.mjs FILE [RUNS]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const load = (p) => import(pathToFileURL(resolve(root, p)).href);
const { calculateMonth } = await load('dist/core/calculate.js');
const { validateInput, validateForSchedule } = await load('dist/core/validate.js');
const { schedule2024 } = await load('dist/schedules/2024-06/index.js');

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!file) {
  process.stderr.write('usage: node bench/engine.mjs FILE [RUNS]\n');
  process.exit(2);
}

const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

const cpuTimes = {};

/**
 * Best wall time of `runs` calls of fn, in ms; returns [best, all, last value]. The best CPU time (user +
 * system, all threads of the process) is kept in cpuTimes[name].
 */
function best(fn, name) {
  const times = [];
  const cpu = [];
  let value;
  for (let i = 0; i < runs; i++) {
    collect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  if (name) cpuTimes[name] = Math.min(...cpu);
  return [Math.min(...times), times, value];
}

const [readMs, , text] = best(() => readFileSync(file, 'utf8'));
const [parseMs, , raw] = best(() => JSON.parse(text));
const [validateMs, validateAll, validated] = best(() => validateInput(raw), 'validate');
if (!validated.ok) {
  process.stderr.write(
    `${file}: input rejected by validateInput: ${JSON.stringify(validated.problems.slice(0, 3))}\n`,
  );
  process.exit(1);
}
const scheduleProblems = validateForSchedule(validated.input, schedule2024);
if (scheduleProblems.length) {
  process.stderr.write(`${file}: ${JSON.stringify(scheduleProblems.slice(0, 3))}\n`);
  process.exit(1);
}
const [engineMs, engineAll, result] = best(() => calculateMonth(validated.input, schedule2024), 'engine');
const [stringifyMs, , out] = best(() => JSON.stringify(result));

const rejections = {};
for (const r of result.rejections) rejections[r.code] = (rejections[r.code] ?? 0) + 1;
let lines = 0;
for (const c of result.claims) lines += c.lines.length;
const mem = process.memoryUsage();

process.stdout.write(
  JSON.stringify({
    file,
    runs,
    gc: typeof globalThis.gc === 'function',
    ms: { read: readMs, parse: parseMs, validate: validateMs, engine: engineMs, stringify: stringifyMs },
    cpuMs: cpuTimes,
    all: { validate: validateAll, engine: engineAll },
    input: { patients: raw.patients.length, records: raw.records.length, bytes: Buffer.byteLength(text) },
    result: {
      claims: result.claims.length,
      lines,
      rejections: result.rejections.length,
      byCode: rejections,
      totals: result.totals,
      bytes: Buffer.byteLength(out),
    },
    memory: { rssMB: Math.round(mem.rss / 2 ** 20), heapUsedMB: Math.round(mem.heapUsed / 2 ** 20) },
  }) + '\n',
);
