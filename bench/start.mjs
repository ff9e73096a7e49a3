// Start-up time: from `npm start` to the first HTTP 200 of the web app (GET /), as a clerk waits for it.
// The first start makes a fresh data folder (migrations and the demo offices); each later start opens it,
// as every start after the first does. The build must be current (`npm run build`): a start that has to
// build first is not what is measured.
//
//   node bench/start.mjs [--runs 5] [--command 'npm start']
/* global fetch */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { isCurrent, parts } from '../scripts/build.mjs';

const root = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, command: { type: 'string', default: 'npm start' } },
});
const runs = Number(opts.runs);
const [cmd, ...args] = opts.command.split(' ');
const log = (s = '') => process.stdout.write(`${s}\n`);

for (const part of parts) {
  if (!isCurrent(part)) {
    log(`${part.output} が現在のソースから作られていません。先に \`npm run build\` を実行してください。`);
    process.exit(2);
  }
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Milliseconds from the spawn to the first 200 on GET /; then the server is stopped (SIGTERM). */
async function startOnce(dataDir) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group: npm and the server it starts are stopped together
  });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  let exited = false;
  const gone = new Promise((ok) => child.once('exit', () => ((exited = true), ok())));
  try {
    for (;;) {
      if (exited) throw new Error(`サーバーが終了しました: ${stderr.trim()}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/`);
        await r.arrayBuffer();
        if (r.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await sleep(10);
    }
  } finally {
    if (!exited) process.kill(-child.pid, 'SIGTERM');
    await gone;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'santei-start-'));
try {
  const first = await startOnce(dataDir);
  log(`${opts.command}: 初回（新しいデータフォルダ、デモの作成を含む） ${Math.round(first)} ms`);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await startOnce(dataDir));
  times.sort((a, b) => a - b);
  const ms = (x) => `${Math.round(x)} ms`;
  log(
    `${opts.command}: 2回目以降 ${runs}回 最小 ${ms(times[0])}、中央値 ${ms(times[Math.floor(runs / 2)])}、最大 ${ms(times.at(-1))}`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
