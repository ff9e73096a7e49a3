// POST …/months/:month/close as the server runs it (docs/api.md "Months"), on SQLite and PostgreSQL: the
// answer is the version's summary with its Location; an Idempotency-Key replays the first close's answer
// (after a restart too), refuses the key asking another month (422) and a malformed key (400); and a close
// runs in its worker thread while the server answers other reads — the close is held inside its
// transaction, in its worker, and another office's pages are read meanwhile.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { closeMonth, SYSTEM_ACTOR, workersFor } from '../../src/app/index.js';
import { json, login, seedMonth, startTestServer, type TestServer } from './helpers.js';

const pgUrl = inject('pgUrl');
const engines = [
  { engine: 'SQLite', pgUrl: undefined, available: true },
  { engine: 'PostgreSQL', pgUrl, available: pgUrl !== '' },
];
const workerFile = new URL('../../dist/app/worker.js', import.meta.url);

interface Summary {
  id: string;
  version: number;
  month: string;
  inputDigest: string;
  closedBy: string;
  totals: { yen: number };
  claimCount: number;
  result?: unknown;
}

describe.each(engines)('the close on $engine', (e) => {
  describe.skipIf(!e.available)('Idempotency-Key', () => {
    let s: TestServer;
    let base: string;
    beforeAll(async () => {
      s = await startTestServer(e.pgUrl ? { pgUrl: e.pgUrl } : {});
      base = `/api/v1/offices/${s.a.id}`;
      await seedMonth(s);
    });
    afterAll(async () => {
      await s.close();
    });
    const close = (month: string, key?: string, user: 'clerk' | 'admin' = 'clerk') =>
      s.as(user, {
        method: 'POST',
        url: `${base}/months/${month}/close`,
        headers: key === undefined ? {} : { 'idempotency-key': key },
      });

    it('the same key from the same user replays the first answer: one version', async () => {
      const first = await close('2024-07', 'key-one');
      expect(first.statusCode, first.body).toBe(201);
      const again = await close('2024-07', 'key-one');
      expect(again.statusCode).toBe(201);
      expect(json<Summary>(again)).toEqual(json<Summary>(first));
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await s.store.listClaimVersions(s.a.id, '2024-07')).toHaveLength(1);
      // Without a key, or with another one, a close makes the next version.
      expect(json<Summary>(await close('2024-07')).version).toBe(2);
      expect(json<Summary>(await close('2024-07', 'key-two')).version).toBe(3);
    });

    it('the same key asking another month: 422 naming Idempotency-Key, nothing closed', async () => {
      const r = await close('2024-08', 'key-one');
      expect(r.statusCode).toBe(422);
      const err = json<{ errors: { path: string; message: string }[] }>(r).errors[0]!;
      expect(err.path).toBe('Idempotency-Key');
      expect(err.message).toContain('別の内容の締め（2024-07）');
      expect(await s.store.listClaimVersions(s.a.id, '2024-08')).toEqual([]);
    });

    it('the key is the user’s: another user’s same key closes on its own', async () => {
      const before = (await s.store.listClaimVersions(s.a.id, '2024-07')).length;
      const r = await close('2024-07', 'key-one', 'admin');
      expect(r.statusCode).toBe(201);
      expect(json<Summary>(r).version).toBe(before + 1);
    });

    it('a key with a space, or longer than 255 characters: 400 naming Idempotency-Key', async () => {
      for (const key of ['has space', 'x'.repeat(256)]) {
        const r = await close('2024-07', key);
        expect(r.statusCode).toBe(400);
        expect(json<{ errors: { path: string }[] }>(r).errors[0]!.path).toBe('Idempotency-Key');
      }
      expect(json<Summary>(await close('2024-09', 'x'.repeat(255))).version).toBe(1);
    });

    it('the same key sent twice at once: one version, both answers the same', async () => {
      const before = (await s.store.listClaimVersions(s.a.id, '2024-10')).length;
      const [a, b] = await Promise.all([close('2024-10', 'together'), close('2024-10', 'together')]);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(json<Summary>(a)).toEqual(json<Summary>(b));
      expect(await s.store.listClaimVersions(s.a.id, '2024-10')).toHaveLength(before + 1);
    });

    it('after a restart (a new server on the same database) the key still replays', async () => {
      const first = json<Summary>(await close('2024-11', 'before-restart'));
      const store = await openStore(
        e.pgUrl ? { databaseUrl: e.pgUrl } : { databaseUrl: '', sqlitePath: s.store.sqlitePath },
      );
      const { app } = await buildApp({ store });
      try {
        const clerk = (await s.store.getUser(first.closedBy))!;
        const cookie = await login(app, clerk.username);
        const r = await app.inject({
          method: 'POST',
          url: `${base}/months/2024-11/close`,
          headers: { cookie, 'idempotency-key': 'before-restart' },
        });
        expect(r.statusCode).toBe(201);
        expect(json<Summary>(r)).toEqual(first);
        expect(await store.listClaimVersions(s.a.id, '2024-11')).toHaveLength(1);
      } finally {
        await app.close();
        await store.close();
      }
    });
  });

  describe.skipIf(!e.available)('in its worker thread', () => {
    let s: TestServer;
    const held: { version: number; release: () => void }[] = [];
    beforeAll(async () => {
      expect(existsSync(workerFile), 'the close runs in the built worker: run `npm run build` first').toBe(
        true,
      );
      s = await startTestServer({
        ...(e.pgUrl ? { pgUrl: e.pgUrl } : {}),
        // As the server makes them (workersFor), from the built worker.
        workers: (store) =>
          workersFor(store, {
            file: workerFile,
            onHeld: (version, release) => held.push({ version, release }),
          }),
      });
      await seedMonth(s);
      await seedMonth(s, s.b.id);
      // A version of office B, closed in this thread, to be read while A's close is held.
      const b = await closeMonth(s.store, s.b.id, '2024-07', SYSTEM_ACTOR);
      if (!b.ok) throw new Error(JSON.stringify(b.problems));
    });
    afterAll(async () => {
      for (const h of held) h.release();
      await s.close();
    });

    it('another office’s pages are read while a close waits inside its transaction', async () => {
      let done = false;
      const closing = s
        .as('clerk', { method: 'POST', url: `/api/v1/offices/${s.a.id}/months/2024-07/close` })
        .finally(() => (done = true));
      const until = Date.now() + 30_000;
      while (held.length === 0) {
        if (Date.now() > until) throw new Error('the close did not reach its commit');
        await new Promise((ok) => setTimeout(ok, 20));
      }
      // The close has written its version in its worker and waits before COMMIT; the server answers.
      const b = `/api/v1/offices/${s.b.id}`;
      const patients = await s.as('clerkB', { method: 'GET', url: `${b}/patients` });
      expect(patients.statusCode).toBe(200);
      expect(json<unknown[]>(patients)).toHaveLength(4);
      const review = await s.as('clerkB', { method: 'GET', url: `${b}/months/2024-07/review` });
      expect(review.statusCode, review.body).toBe(200);
      // A version is read in a worker of its own, not behind the close.
      const version = await s.as('clerkB', { method: 'GET', url: `${b}/months/2024-07/claims/1` });
      expect(version.statusCode).toBe(200);
      expect(json<{ version: number; result: unknown }>(version)).toMatchObject({ version: 1 });
      const claims = await s.as('clerk', {
        method: 'GET',
        url: `/api/v1/offices/${s.a.id}/months/2024-07/claims`,
      });
      expect(json<unknown[]>(claims)).toEqual([]); // not committed yet: nothing to see
      expect(done).toBe(false);
      held[0]!.release();
      const r = await closing;
      expect(r.statusCode, r.body).toBe(201);
      const summary = json<Summary>(r);
      expect(summary.version).toBe(1);
      expect(summary.result).toBeUndefined();
      const v = await s.as('clerk', { method: 'GET', url: r.headers.location as string });
      expect(json<{ result: { claims: unknown[] } }>(v).result.claims).toHaveLength(summary.claimCount);
    });

    it('an import runs in a worker too: all or nothing, its refusals in Japanese as in the calling thread', async () => {
      const b = `/api/v1/offices/${s.b.id}`;
      const [p] = json<{ id: string }[]>(await s.as('clerkB', { method: 'GET', url: `${b}/patients` }));
      const send = (text: string) =>
        s.as('clerkB', {
          method: 'POST',
          url: `${b}/import/visits`,
          payload: text,
          headers: { 'content-type': 'text/csv; charset=utf-8' },
        });
      const before = (await s.store.listVisits(s.b.id)).length;
      const good = await send(`利用者ID,日付,職種,ケアマネ報告\r\n${p!.id},2024-08-05,薬剤師,はい\r\n`);
      expect(good.statusCode, good.body).toBe(200);
      expect(json<{ imported: number }>(good).imported).toBe(1);
      const bad = await send(
        `利用者ID,日付,職種,ケアマネ報告\r\n${p!.id},2024-08-06,薬剤師,はい\r\nnobody,2024-08-07,薬剤師,はい\r\n`,
      );
      expect(bad.statusCode).toBe(400);
      expect(json<{ errors: { path: string }[] }>(bad).errors[0]!.path).toBe('3行目「利用者ID」');
      const unreadable = await send('利用者ID,日付\r\n"open,2024-08-08\r\n');
      expect(unreadable.statusCode).toBe(400);
      expect(json<{ errors: { message: string }[] }>(unreadable).errors[0]!.message).toMatch(/引用符/);
      expect((await s.store.listVisits(s.b.id)).length).toBe(before + 1);
    });
  });
});
