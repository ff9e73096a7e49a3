// npm start: the server on 127.0.0.1:3000 (PORT, HOST), the SQLite store under ./data (DATA_DIR), or
// PostgreSQL when DATABASE_URL names one; a fresh store gets the demo office; web/dist is served at /.
import { existsSync } from 'node:fs';
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
    process.stdout.write(`デモの事業所を作成しました。ログイン: ${demo.username} / ${demo.password}\n`);
  }

  const webDist = resolve('web/dist');
  const { app } = await buildApp({
    store,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    webDist,
    secureCookie: process.env.COOKIE_SECURE === '1',
    // Behind a proxy: the origins the browser sees (comma-separated), and whether to read X-Forwarded-*.
    publicOrigins: (process.env.PUBLIC_ORIGIN ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: process.env.TRUST_PROXY === '1',
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

  await app.listen({ port, host });
  const where = databaseUrl ? 'PostgreSQL' : sqlitePath;
  process.stdout.write(
    `santei: http://${host}:${port}/ （API の説明: /docs、データ: ${where}${existsSync(join(webDist, 'index.html')) ? '' : '、画面は web/dist がないため未配信'}）\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`santei: サーバーを起動できません: ${(e as Error).message ?? String(e)}\n`);
  process.exit(1);
});
