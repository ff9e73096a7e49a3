// Where the CLI's time goes: runs `./bin/santei calc FILE > /dev/null` under `node --cpu-prof` and
// splits the samples into phases (start-up, reading, JSON.parse, zod validation, the whole-input
// checks, the engine, JSON.stringify, writing, GC), then lists the hottest functions and source lines,
// mapped back to src/*.ts through the build's source maps.
//
//   node bench/profile.mjs FILE [--top 15]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');

// --- source maps (only what is needed: generated line → source file and line) -------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = new Map([...B64].map((c, i) => [c, i]));

function decodeVlq(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = b64.get(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** generated line (1-based) → { source, line } (1-based), from the first mapped segment of each line. */
function loadLineMap(jsFile) {
  const mapFile = `${jsFile}.map`;
  if (!existsSync(mapFile)) return undefined;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = new Map();
  let src = 0;
  let srcLine = 0;
  map.mappings.split(';').forEach((line, i) => {
    if (!line) return;
    for (const seg of line.split(',')) {
      const v = decodeVlq(seg);
      if (v.length < 4) continue;
      src += v[1];
      srcLine += v[2];
      if (!lines.has(i + 1)) {
        const source = relative(root, resolve(dirname(mapFile), map.sourceRoot ?? '', map.sources[src]));
        lines.set(i + 1, { source, line: srcLine + 1 });
      }
    }
  });
  return lines;
}

const lineMaps = new Map();
function mapLine(url, line) {
  if (!url.startsWith('file://')) return undefined;
  const file = fileURLToPath(url);
  if (!lineMaps.has(file)) lineMaps.set(file, file.endsWith('.js') ? loadLineMap(file) : undefined);
  const m = lineMaps.get(file);
  if (!m) return { source: relative(root, file), line };
  // The nearest mapped line at or above.
  for (let l = line; l > 0; l--) if (m.has(l)) return m.get(l);
  return { source: relative(root, file), line };
}

const sourceLines = new Map();
function sourceText(url, line) {
  if (!url.startsWith('file://')) return '';
  const file = fileURLToPath(url);
  if (!sourceLines.has(file))
    sourceLines.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  return sourceLines.get(file)[line - 1] ?? '';
}

// --- the profile -------------------------------------------------------------------------------------

const shortUrl = (url) =>
  url.startsWith('file://')
    ? relative(root, fileURLToPath(url)).replace(/^node_modules\//, '')
    : url || '(native)';

/** The phase of a sample, from its stack (innermost frame first). */
function phaseOf(stack) {
  const top = stack[0].callFrame;
  if (top.functionName === '(garbage collector)') return 'GC';
  const names = new Set(stack.map((n) => n.callFrame.functionName));
  const inUrl = (part) => stack.some((n) => n.callFrame.url.includes(part));
  if (names.has('calculateMonthExplained') || names.has('calculateMonth')) return 'engine (calculateMonth)';
  if (names.has('validateInput') || names.has('validateForSchedule')) {
    // (zod's own compiled parsers have no url, but are called from its files)
    if (inUrl('/node_modules/zod/')) return 'validation: zod schema';
    if (inUrl('/schemaCheck.js')) return 'validation: schema fast check';
    return 'validation: whole-input checks';
  }
  if (names.has('readInputText')) return 'read input file';
  if (names.has('jsonPieces')) return 'JSON.stringify';
  if (names.has('writeOut') || names.has('writeJsonLine') || names.has('formatExplanation'))
    return 'write output';
  if (inUrl('/dist/cli/')) return 'calc command (other)';
  return 'start-up, module loading, exit';
}

/**
 * JSON.parse and JSON.stringify are builtins: their time is the calling line's own. Splits the CLI's own
 * ticks by the text of the line.
 */
function linePhase(url, line) {
  if (!url.includes('/dist/cli/')) return undefined;
  const text = sourceText(url, line);
  if (text.includes('JSON.parse')) return 'JSON.parse';
  if (text.includes('JSON.stringify')) return 'JSON.stringify';
  return undefined;
}

export function analyzeProfile(file, top = 15) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const selfUs = new Map();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));

  const phases = new Map();
  const fns = new Map();
  const lines = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const stack = [];
    for (let n = node; n; n = parent.get(n.id)) stack.push(n);
    total += us;
    const cf = node.callFrame;
    const ticks = node.positionTicks ?? [];
    const tickSum = ticks.reduce((a, t) => a + t.ticks, 0);
    let phase = phaseOf(stack);
    // Per line of the function: split its time by the line ticks.
    for (const t of ticks) {
      const share = (us * t.ticks) / tickSum;
      add(phases, linePhase(cf.url, t.line) ?? phase, share);
      const m = mapLine(cf.url, t.line);
      if (m) add(lines, `${m.source}:${m.line} ${cf.functionName || '(anonymous)'}`, share);
    }
    if (!tickSum) add(phases, phase, us);
    const fm = mapLine(cf.url, cf.lineNumber + 1);
    const where = fm ? `${fm.source}:${fm.line}` : shortUrl(cf.url);
    add(fns, `${cf.functionName || '(anonymous)'} ${where}`, us);
  }
  const ms = (us) => Math.round(us / 1000);
  const sorted = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => ({ what: k, ms: ms(us), pct: Math.round((1000 * us) / total) / 10 }));
  return {
    totalMs: ms(total),
    phases: sorted(phases, 100),
    functions: sorted(fns, top),
    lines: sorted(new Map([...lines].filter(([k]) => k.startsWith('src/') || k.includes('dist/'))), top),
  };
}

/** Runs the CLI once under the profiler; returns the analysis and the wall time. */
export function profileCli(
  inputFile,
  { outDir = join(root, 'bench', 'out', 'prof'), top = 15, intervalUs = 250 } = {},
) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const devNull = openSync('/dev/null', 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${outDir}`,
      `--cpu-prof-interval=${intervalUs}`,
      join(root, 'bin', 'santei'),
      'calc',
      inputFile,
    ],
    { cwd: root, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 64 * 2 ** 20 },
  );
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(devNull);
  if (r.status !== 0) throw new Error(`santei calc exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  const prof = readdirSync(outDir).find((f) => f.endsWith('.cpuprofile'));
  if (!prof) throw new Error('no .cpuprofile written');
  return { wallMs, profile: join(outDir, prof), ...analyzeProfile(join(outDir, prof), top) };
}

export function printProfile(p, log = console.log) {
  log(
    `Profile of the CLI (${p.totalMs} ms sampled, ${Math.round(p.wallMs)} ms wall; ${relative(root, p.profile)})`,
  );
  log('  phase                                   ms      %');
  for (const x of p.phases)
    log(`  ${x.what.padEnd(36)} ${String(x.ms).padStart(6)} ${x.pct.toFixed(1).padStart(6)}`);
  log('  hottest functions (self time)');
  for (const x of p.functions)
    log(`  ${String(x.ms).padStart(6)} ms ${x.pct.toFixed(1).padStart(5)} %  ${x.what}`);
  log('  hottest source lines (self time)');
  for (const x of p.lines)
    log(`  ${String(x.ms).padStart(6)} ms ${x.pct.toFixed(1).padStart(5)} %  ${x.what}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '15' } },
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: node bench/profile.mjs FILE [--top 15]\n');
    process.exit(2);
  }
  printProfile(profileCli(resolve(positionals[0]), { top: Number(values.top) }));
}
