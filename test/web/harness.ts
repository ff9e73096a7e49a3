// What the browser tests share: Debian's chromium (driven by playwright-core; no browser is downloaded) and
// the real server (`node dist/server/main.js`, as `npm start` runs it) on a free port with a fresh SQLite
// folder, so that the demo offices are seeded.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';

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

/** Logs in on the login screen at `base` and waits for the patient list (利用者). */
export async function logIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '利用者', level: 1 }).waitFor();
}

export interface BrowserSessionOptions {
  /** Names the data folder (santei-NAME-…) and a failed step's picture (failed-NAME-….png). */
  name: string;
  /** Over the defaults (1280×900, ja-JP, Asia/Tokyo). */
  context?: BrowserContextOptions;
  /** Which console messages count as errors; by default those of type error. */
  consoleError?: (m: ConsoleMessage) => boolean;
  /** Accept every confirm() the app asks (otherwise chromium dismisses it). */
  acceptDialogs?: boolean;
  /** Leave a picture of the page when a step fails, after removing those of an earlier run. */
  failedShots?: boolean;
  /** The beforeAll's time limit. */
  timeout?: number;
}

/** What a browser suite works with; the fields are set once its beforeAll ran. */
export interface BrowserSession {
  server: Started;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  /** Console errors and page errors, in order. */
  readonly consoleErrors: string[];
  /** Answers of 400 and above, as "STATUS METHOD /path". */
  readonly failedRequests: string[];
  /** logIn with the demo admin printed by the server unless told whom. */
  login(username?: string, password?: string): Promise<void>;
}

/**
 * A browser suite's set-up in one place: the real server on a fresh data folder, chromium with a Japanese
 * context and a 15 s step limit, console / page errors and failed answers collected; torn down after the
 * suite (browser, server, data folder). Registers the suite's beforeAll / afterEach / afterAll.
 */
export function useBrowserSession(options: BrowserSessionOptions): BrowserSession {
  const { name } = options;
  const isError = options.consoleError ?? ((m: ConsoleMessage) => m.type() === 'error');
  const session = {
    consoleErrors: [] as string[],
    failedRequests: [] as string[],
    login(username?: string, password?: string) {
      const s = session.server;
      return logIn(session.page, s.base, username ?? s.username, password ?? s.password);
    },
  } as BrowserSession;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    // Pictures of an earlier failed run would be taken for this run's.
    if (options.failedShots)
      for (const f of readdirSync(SCREENS)) if (f.startsWith(`failed-${name}-`)) rmSync(join(SCREENS, f));
    session.dataDir = mkdtempSync(join(tmpdir(), `santei-${name}-`));
    session.server = await startServer(session.dataDir);
    session.browser = await launchChromium();
    session.context = await session.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      ...options.context,
    });
    const page = (session.page = await session.context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => {
      if (isError(m)) session.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => session.consoleErrors.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400)
        session.failedRequests.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  }, options.timeout ?? 60_000);

  if (options.failedShots)
    afterEach(async (ctx) => {
      // A failed step leaves its screen behind, to see what the clerk would have seen.
      if (ctx.task.result?.state === 'fail' && session.page) {
        await session.page.screenshot({
          path: join(SCREENS, `failed-${name}-${ctx.task.name.slice(0, 40)}.png`),
          fullPage: true,
        });
      }
    });

  afterAll(async () => {
    await session.browser?.close();
    await stopServer(session.server);
    if (session.dataDir) rmSync(session.dataDir, { recursive: true, force: true });
  });
  return session;
}
