// The build, and what each part was built from. `npm run build` (also run by `npm ci`, as `prepare`)
// compiles src/ into dist/ (tsc) and the web app into web/dist/ (vite), and leaves in each output folder a
// stamp: the digest of the files that part is made from. `npm start` rebuilds only a part whose sources no
// longer match its stamp, so a start after `npm ci` serves at once.
//
//   node scripts/build.mjs               build both parts, write their stamps
//   node scripts/build.mjs --if-changed  build only the parts whose sources changed since their stamp
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The two parts of the build: their sources, their output and the command that makes them. */
export const parts = [
  {
    name: 'サーバーと CLI（dist/）',
    sources: ['src', 'tsconfig.json', 'tsconfig.build.json'],
    output: 'dist',
    made: 'dist/server/main.js',
    command: [bin('tsc'), '-p', 'tsconfig.build.json'],
  },
  {
    // The web app imports the contract and the core from src/, and its bundle depends on the locked packages.
    name: '画面（web/dist/）',
    sources: ['web', 'src', 'tsconfig.json', 'package-lock.json'],
    output: 'web/dist',
    made: 'web/dist/index.html',
    command: [bin('vite'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  },
];

const STAMP = '.sources-digest';
const SKIP = new Set(['node_modules', 'dist', '.git']);

/** Every file under the part's sources (its own output, node_modules and dist/ left out), sorted. */
function sourceFiles(part) {
  const files = [];
  const walk = (path) => {
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (SKIP.has(e.name)) continue;
      const p = join(path, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(p);
    }
  };
  for (const s of part.sources) {
    const p = join(root, s);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
  return files.map((f) => relative(root, f)).sort();
}

/** The digest of a part's sources: each file's path and bytes. */
export function sourcesDigest(part) {
  const h = createHash('sha256');
  for (const f of sourceFiles(part)) {
    h.update(f)
      .update('\0')
      .update(readFileSync(join(root, f)))
      .update('\0');
  }
  return h.digest('hex');
}

/** Whether the part's output is there and was built from its current sources. */
export function isCurrent(part) {
  const stamp = join(root, part.output, STAMP);
  if (!existsSync(join(root, part.made)) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === sourcesDigest(part);
}

/** Builds one part and stamps it; false when the build failed (its output then has no stamp). */
function buildPart(part) {
  const digest = sourcesDigest(part);
  const r = spawnSync(part.command[0], part.command.slice(1), { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) return false;
  writeFileSync(join(root, part.output, STAMP), `${digest}\n`);
  return true;
}

/**
 * Builds every part (`onlyChanged`: only those not current). Returns true when all parts are built;
 * `say` gets a line before each build.
 */
export function build({ onlyChanged = false, say = () => {} } = {}) {
  for (const part of parts) {
    if (onlyChanged && isCurrent(part)) continue;
    if (onlyChanged) say(`${part.name}をビルドします（前回のビルドからソースが変わりました）`);
    if (!buildPart(part)) {
      process.stderr.write(`${part.name}のビルドに失敗しました\n`);
      return false;
    }
  }
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const onlyChanged = process.argv.includes('--if-changed');
  process.exitCode = build({ onlyChanged, say: (s) => process.stdout.write(`${s}\n`) }) ? 0 : 1;
}
