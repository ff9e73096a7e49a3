// `npm start` (the built server, dist/server/main.js, as a process): what it says when it starts. A fresh
// data folder prints the demo accounts the README names; a port in use is answered in one Japanese line
// with the command to start elsewhere, exit 2, no stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the server until it prints its address (then stops it) or exits; what it wrote and its code. */
function serve(env: Record<string, string>): Promise<{ out: string; err: string; code: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'santei-main-'));
  dirs.push(dataDir);
  const proc = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (/santei: http:\/\//.test(out)) proc.kill('SIGTERM');
  });
  proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((ok) => proc.once('close', (code) => ok({ out, err, code })));
}

function listen(): Promise<Server> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => ok(s));
  });
}

describe('npm start: the start-up messages', () => {
  it('a fresh data folder prints both demo accounts, the one the README names first', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const named = /\(log in: (\S+) \/ (\S+)\)/.exec(readme)!;
    const r = await serve({ PORT: '0' });
    expect(r.err).toBe('');
    const accounts = [...r.out.matchAll(/^ {2}(\S+) \/ (\S+) （(.+)）$/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(accounts).toEqual([
      [named[1], named[2], '事務'],
      ['admin', named[2], '管理者'],
    ]);
  });

  it('a port in use: one Japanese line naming a free port to use instead, exit 2', async () => {
    const busy = await listen();
    const port = (busy.address() as AddressInfo).port;
    try {
      const r = await serve({ PORT: String(port) });
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/^\s+at /m);
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^santei: ポート ${port} はほかのプログラムが使っているため、サーバーを起動できません。別のポートで起動してください（例: PORT=\\d+ npm start）。$`,
        ),
      );
      const other = Number(/PORT=(\d+)/.exec(lines[0]!)![1]);
      expect(other).not.toBe(port);
    } finally {
      busy.close();
    }
  });

  it('a HOST that is not this machine: one Japanese line, exit 2', async () => {
    const r = await serve({ PORT: '0', HOST: '192.0.2.1' });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'santei: HOST "192.0.2.1" はこのコンピューターのアドレスではありません（例: HOST=127.0.0.1 npm start）。\n',
    );
  });
});
