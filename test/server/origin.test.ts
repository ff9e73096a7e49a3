// Cross-site writes (src/server/origin.ts) and the bodies each route reads (src/server/app.ts), walked over
// the table of every route: a write whose Origin or Sec-Fetch-Site says another site is refused 403 before
// anything is read or changed; reads, the server's own pages and clients without those headers (curl, the
// CLI) pass. A route that takes JSON takes only JSON, the CSV imports only text/csv, and a route without a
// body no text/plain or form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { json, seedMonth, startTestServer, type TestServer } from './helpers.js';
import type { RouteInfo } from '../../src/server/route.js';

type Errors = { errors: { path: string; message: string }[] };

let s: TestServer;
let ids: Record<string, string>;
beforeAll(async () => {
  s = await startTestServer();
  const seeded = await seedMonth(s);
  ids = {
    officeId: s.a.id,
    patientId: seeded.patientIds[0]!,
    visitId: seeded.visitIds[0]!,
    buildingId: seeded.buildingId,
    month: '2024-07',
    userId: (await s.store.getUserByUsername('readonly'))!.id,
  };
});
afterAll(async () => {
  await s.close();
});

const fill = (route: RouteInfo) => route.url.replace(/:([A-Za-z]+)/g, (_, n: string) => ids[n] ?? 'x1');
const writes = () => s.table.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
const bodyOf = (route: RouteInfo) =>
  route.bodyType === 'csv'
    ? { payload: '氏名\n越境 太郎\n', headers: { 'content-type': 'text/csv' } }
    : route.bodyType
      ? { payload: { name: '越境' }, headers: { 'content-type': 'application/json' } }
      : {};

/** The whole audit log of office A and the users: a refused request wrote nothing. */
const history = async () => JSON.stringify(await s.store.listAudit(s.a.id, { limit: 1000 }));

describe('cross-site writes are refused (403) on every route', () => {
  const foreign: [string, Record<string, string>, string][] = [
    ['another port of the same host', { origin: 'http://localhost:4000' }, 'Origin'],
    ['another scheme', { origin: 'https://localhost' }, 'Origin'],
    ['a sibling subdomain', { origin: 'http://evil.localhost' }, 'Origin'],
    ['an opaque origin (null)', { origin: 'null' }, 'Origin'],
    ['Sec-Fetch-Site: same-site, no Origin', { 'sec-fetch-site': 'same-site' }, 'Sec-Fetch-Site'],
    ['Sec-Fetch-Site: cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }, 'Sec-Fetch-Site'],
    [
      'our Origin but Sec-Fetch-Site: same-site',
      { origin: 'http://localhost', 'sec-fetch-site': 'same-site' },
      'Sec-Fetch-Site',
    ],
  ];
  for (const [what, headers, path] of foreign) {
    it(`${what}: 403 naming ${path}, in Japanese, and nothing written`, async () => {
      expect(writes().length).toBeGreaterThan(25);
      const before = await history();
      for (const route of writes()) {
        const b = bodyOf(route);
        const r = await s.as('admin', {
          method: route.method as 'POST',
          url: fill(route),
          ...b,
          headers: { ...(b.headers ?? {}), ...headers },
        });
        expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
        const e = json<Errors>(r).errors;
        expect(e).toHaveLength(1);
        expect(e[0]!.path).toBe(path);
        expect(e[0]!.message).toContain('別のサイト');
      }
      expect(await history()).toBe(before);
    });
  }

  it('a login from another site is refused too (no login forced on the clerk)', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      headers: { origin: 'http://localhost:4000' },
      payload: { username: 'clerk', password: 'correct horse battery' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.cookies).toHaveLength(0);
  });
});

describe('what passes', () => {
  it('our own origin (Origin = scheme://Host) and Sec-Fetch-Site: same-origin', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/staff`,
      headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
      payload: { name: '同じ画面', profession: 'pharmacist' },
    });
    expect(r.statusCode).toBe(201);
  });

  it('a client with neither header (curl, the CLI, scripts)', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/staff`,
      payload: { name: 'スクリプト', profession: 'pharmacist' },
    });
    expect(r.statusCode).toBe(201);
  });

  it('reads from another site are not writes (and no CORS header lets that site read the answer)', async () => {
    const r = await s.as('clerk', {
      method: 'GET',
      url: `/api/v1/offices/${s.a.id}/patients`,
      headers: { origin: 'http://localhost:4000', 'sec-fetch-site': 'same-site' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('behind a proxy: the origins of PUBLIC_ORIGIN, and X-Forwarded-Proto with TRUST_PROXY', async () => {
    const { app } = await buildApp({
      store: s.store,
      publicOrigins: ['https://santei.example.jp'],
      trustProxy: true,
    });
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/login',
        headers,
        payload: { username: 'nobody-here', password: 'not-a-password' },
      });
    expect((await post({ origin: 'https://santei.example.jp' })).statusCode).toBe(401);
    const proxied = { host: 'santei.internal', 'x-forwarded-proto': 'https' };
    expect((await post({ ...proxied, origin: 'https://santei.internal' })).statusCode).toBe(401);
    expect((await post({ ...proxied, origin: 'http://santei.internal' })).statusCode).toBe(403);
    expect((await post({ origin: 'https://other.example.jp' })).statusCode).toBe(403);
    await app.close();
    await expect(buildApp({ store: s.store, publicOrigins: ['santei.example.jp'] })).rejects.toThrow(
      /PUBLIC_ORIGIN/,
    );
  });
});

describe('each route reads only the body it declares', () => {
  const office = () => `/api/v1/offices/${s.a.id}`;
  const send = (url: string, type: string, payload: string) =>
    s.as('clerk', { method: 'POST', url, headers: { 'content-type': type }, payload });

  it('text/plain, forms and multipart are 415 on the close, the imports and logout', async () => {
    const versions = await s.store.listClaimVersions(s.a.id);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      for (const url of [
        `${office()}/months/2024-07/close`,
        `${office()}/import/patients`,
        `${office()}/import/visits`,
        '/api/v1/logout',
      ]) {
        const r = await send(url, type, '氏名\n越境 花子\n');
        expect(r.statusCode, `${type} ${url}`).toBe(415);
        expect(json<Errors>(r).errors[0]!.message).toMatch(/Content-Type/);
      }
    }
    expect(await s.store.listClaimVersions(s.a.id)).toEqual(versions);
    expect((await s.as('clerk', { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('JSON to a CSV import, CSV to a JSON route: 415 naming the type to send', async () => {
    const csv = await send(`${office()}/import/patients`, 'application/json', '{}');
    expect(json<Errors>(csv).errors[0]!.message).toBe('CSV を送ってください（Content-Type: text/csv）');
    expect(csv.statusCode).toBe(415);
    const js = await send(`${office()}/staff`, 'text/csv', 'name\nx\n');
    expect(js.statusCode).toBe(415);
    expect(json<Errors>(js).errors[0]!.message).toContain('application/json');
  });

  it('the close as the web app sends it (JSON {}) and with no body at all still work', async () => {
    const withJson = await send(`${office()}/months/2024-07/close`, 'application/json', '{}');
    expect(withJson.statusCode).toBe(201);
    const bare = await s.as('clerk', { method: 'POST', url: `${office()}/months/2024-07/close` });
    expect(bare.statusCode).toBe(201);
  });
});
