// npm start: the server on 127.0.0.1:3000 (PORT, HOST), the SQLite store under ./data (DATA_DIR), or
// PostgreSQL when DATABASE_URL names one; a fresh store gets the demo office; web/dist is served at /.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildApp } from './app.js';
import { openStore, seedDemo } from '../app/index.js';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT "${process.env.PORT}" はポート番号ではありません\n`);
    process.exit(2);
  }
  const host = process.env.HOST ?? '127.0.0.1';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  const sqlitePath = join(dataDir, 'santei.sqlite');

  const store = await openStore({ databaseUrl, sqlitePath });
  // A fresh store (no office, no user) gets the demo office with its patients and a month of visits.
  if ((await store.listOffices()).length === 0 && (await store.listUsers()).length === 0) {
    const demo = await seedDemo(store);
    process.stdout.write(
      `デモの事業所を作成しました。ログイン:\n` +
        `  ${demo.clerkUsername} / ${demo.password} （事務）\n` +
        `  ${demo.username} / ${demo.password} （管理者）\n`,
    );
  }

  const webDist = resolve('web/dist');
  const { app } = await buildApp({
    store,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    webDist,
    secureCookie: process.env.COOKIE_SECURE === '1',
  });

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: 終了します`);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    await store.close();
    process.stderr.write(`santei: ${await listenProblem(e as NodeJS.ErrnoException, port, host)}\n`);
    process.exit(2);
  }
  const where = databaseUrl ? 'PostgreSQL' : sqlitePath;
  process.stdout.write(
    `santei: http://${host}:${port}/ （API の説明: /docs、データ: ${where}${existsSync(join(webDist, 'index.html')) ? '' : '、画面は web/dist がないため未配信'}）\n`,
  );
}

/** Whether a port on the host can be listened on now. */
function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, host, () => s.close(() => ok(true)));
  });
}

/** Why the server cannot listen, in Japanese, with the command that starts it elsewhere. */
async function listenProblem(e: NodeJS.ErrnoException, port: number, host: string): Promise<string> {
  if (e.code === 'EADDRINUSE') {
    let other = port + 1;
    while (other < Math.min(port + 100, 65536) && !(await isFree(other, host))) other += 1;
    return (
      `ポート ${port} はほかのプログラムが使っているため、サーバーを起動できません。` +
      `別のポートで起動してください（例: PORT=${other} npm start）。`
    );
  }
  if (e.code === 'EACCES') {
    return `ポート ${port} を使う権限がありません。1024 以上のポートで起動してください（例: PORT=3000 npm start）。`;
  }
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
    return `HOST "${host}" はこのコンピューターのアドレスではありません（例: HOST=127.0.0.1 npm start）。`;
  }
  return `サーバーを起動できません: ${e.message ?? String(e)}`;
}

main().catch((e: unknown) => {
  process.stderr.write(`santei: サーバーを起動できません: ${(e as Error).message ?? String(e)}\n`);
  process.exit(1);
});
