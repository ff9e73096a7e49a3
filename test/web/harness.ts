// What the browser tests share: Debian's chromium (driven by playwright-core; no browser is downloaded) and
// the real server (`node dist/server/main.js`, as `npm start` runs it) on a free port with a fresh SQLite
// folder, so that the demo offices are seeded.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const SCREENS = resolve('test-results/screens');

/** Says in one line why a browser suite is skipped. */
export function sayIfNoChromium(suite: string): void {
  if (!haveChromium) console.log(`${suite} skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface Started {
  proc: ChildProcess;
  base: string;
  /** The demo admin login the server prints on a fresh data folder. */
  username: string;
  password: string;
}

/** Starts the built server on a free port with an empty data folder; resolves when it listens. */
export async function startServer(dataDir: string): Promise<Started> {
  for (const f of ['dist/server/main.js', 'web/dist/index.html']) {
    if (!existsSync(f)) throw new Error(`${f} がありません: 先に npm run build を実行してください`);
  }
  const port = await freePort();
  const proc = spawn(process.execPath, ['dist/server/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const login = /(\S+) \/ (\S+) （管理者）/.exec(out); // the demo's admin account
      if (/santei: http:\/\//.test(out)) {
        clearTimeout(timer);
        if (!login?.[1] || !login[2]) {
          fail(new Error(`no demo login printed on a fresh data folder:\n${out}`));
          return;
        }
        ok({ proc, base: `http://127.0.0.1:${port}`, username: login[1], password: login[2] });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

/** Headless chromium in Japanese, without the background connections this closed network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Chromium on Linux takes its UI language (date fields) from LANGUAGE, not from --lang.
    env: { ...process.env, LANGUAGE: 'ja', LANG: 'ja_JP.UTF-8' },
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=ja-JP',
    ],
  });
}

/** Ends a server started by startServer and waits for it to exit. */
export async function stopServer(server: Started | undefined): Promise<void> {
  if (!server?.proc || server.proc.exitCode !== null) return;
  const exited = new Promise((r) => server.proc.once('exit', r));
  server.proc.kill('SIGTERM');
  await exited;
}

/** The whole page as a clerk sees it, once fonts and the last answer settled, to test-results/screens/NAME.png. */
export async function shot(page: Page, name: string): Promise<void> {
  // (A string: the tests are compiled without the DOM library; the code runs in the page.)
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}
