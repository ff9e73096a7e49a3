// The input check of validateInput against zod's own parsing, on the benchmark's office-months
// (bench/generate.mjs): is the fast acceptance check (src/core/schemaCheck.ts, compiled from the schema's
// JSON Schema) still worth having next to zod 4?
//
//   fast check     compileSchemaCheck(claimMonthInputSchema, inputFormats)(input) — reads the input only
//   validateInput  the fast check, then the whole-input checks (what the CLI and the API run)
//   zod safeParse  claimMonthInputSchema.safeParse(input) — zod's parse, which copies the input
//   zod compile    z.compile(claimMonthInputSchema).safeParse(input) — zod's own compiled parser
//
// Wall time, best of RUNS (a full GC before each), and the heap the answer keeps alive (the parsed copy).
// Runs on the built dist/; months from SANTEI_BENCH_INPUTS (bench/run.mjs) or generated here.
//
//   node --expose-gc bench/validate.mjs [--sizes 10000,50000] [--kinds pharmacy,clinic] [--runs 5]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { writeMonth } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const load = (p) => import(pathToFileURL(resolve(root, p)).href);
const { claimMonthInputSchema, inputFormats } = await load('dist/core/input.js');
const { compileSchemaCheck } = await load('dist/core/schemaCheck.js');
const { validateInput } = await load('dist/core/validate.js');

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000' },
    kinds: { type: 'string', default: 'pharmacy,clinic' },
    runs: { type: 'string', default: '5' },
  },
});
const runs = Number(opts.runs);
const outDir = process.env.SANTEI_BENCH_OUT ?? join(root, 'bench', 'out');
const log = (s = '') => process.stdout.write(`${s}\n`);
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;

/** The months: those bench/run.mjs generated, or new ones of the asked sizes. */
function months() {
  const given = process.env.SANTEI_BENCH_INPUTS ? JSON.parse(process.env.SANTEI_BENCH_INPUTS) : {};
  if (Object.keys(given).length > 0) return Object.entries(given).map(([name, file]) => ({ name, file }));
  mkdirSync(outDir, { recursive: true });
  const out = [];
  for (const kind of opts.kinds.split(',')) {
    for (const n of opts.sizes.split(',').map(Number)) {
      const file = join(outDir, `${kind}-${n}.json`);
      writeMonth(file, { patients: n, kind, seed: 1 });
      out.push({ name: `${kind}-${n}`, file });
    }
  }
  return out;
}

let held; // the last answer, kept alive while its heap is measured

/** Best wall time of `runs` calls in ms, and the heap (MB) the last answer keeps alive. */
function measure(fn, accepted) {
  let best = Infinity;
  let keptMB;
  for (let i = 0; i < runs; i++) {
    held = undefined;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    held = fn();
    best = Math.min(best, performance.now() - t0);
    if (!accepted(held)) throw new Error('the month was refused');
    gc?.();
    keptMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  }
  held = undefined;
  return { ms: best, keptMB: gc ? keptMB : undefined };
}

const fastCheck = compileSchemaCheck(claimMonthInputSchema, inputFormats);
if (!fastCheck) {
  log('The fast check does not compile for the input schema: validateInput always parses with zod.');
  process.exit(1);
}
const compiled = z.compile(claimMonthInputSchema);
const ways = [
  ['fast check', (raw) => fastCheck(raw), (a) => a === true],
  ['validateInput', (raw) => validateInput(raw), (a) => a.ok],
  ['zod safeParse', (raw) => claimMonthInputSchema.safeParse(raw), (a) => a.success],
  ['zod compile', (raw) => compiled.safeParse(raw), (a) => a.success],
];

log(
  `Input check, best of ${runs} in ms (heap kept by the answer in MB${gc ? '' : ': run node with --expose-gc'})`,
);
log(
  `${'month'.padEnd(16)}${'records'.padStart(8)}${ways.map(([w]) => w.padStart(16)).join('')}${'zod / fast'.padStart(12)}`,
);
const results = [];
for (const { name, file } of months()) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const row = { month: name, records: raw.records.length, ways: {} };
  for (const [way, fn, accepted] of ways) row.ways[way] = measure(() => fn(raw), accepted);
  row.zodOverFast = row.ways['zod safeParse'].ms / row.ways['fast check'].ms;
  results.push(row);
  const cell = ({ ms, keptMB }) =>
    `${Math.round(ms)}${keptMB === undefined ? '' : ` (${Math.max(0, Math.round(keptMB))})`}`.padStart(16);
  log(
    `${name.padEnd(16)}${String(row.records).padStart(8)}${ways.map(([w]) => cell(row.ways[w])).join('')}${`${row.zodOverFast.toFixed(1)}×`.padStart(12)}`,
  );
}
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'validate.json'), JSON.stringify({ runs, results }, null, 2) + '\n');
