// Bad requests of every kind answer a 4xx with { errors: [{ path, message }] } in Japanese — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, json, type TestServer } from './helpers.js';
import { MAX_JSON_DEPTH, nestingDeeperThan } from '../../src/server/app.js';

let s: TestServer;
type Problems = { errors: { path: string; message: string }[] };

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('error answers', () => {
  it('an unknown route is a 404 in JSON', async () => {
    const r = await s.as('clerk', { method: 'GET', url: '/api/v1/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(json<Problems>(r).errors[0]!.message).toMatch(/APIはありません/);
  });

  it('a body over 1 MiB is a 413 in Japanese', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/staff`,
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), profession: 'doctor' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(413);
    expect(json<Problems>(r).errors[0]!.message).toMatch(/大きすぎます/);
  });

  it('/calculate takes a body of several MiB (a large office month), and refuses over 10 MiB', async () => {
    const patients = Array.from({ length: 40_000 }, (_, i) => ({
      id: `P${i}`,
      care: { level: 'care1', copay: 1 },
    }));
    const payload = JSON.stringify({
      month: '2024-07',
      office: { id: '1310000001', kind: 'pharmacy' },
      patients,
      records: [],
    });
    expect(payload.length).toBeGreaterThan(1024 * 1024);
    const ok = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload,
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.statusCode).toBe(200);
    const big = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload: payload + ' '.repeat(10 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(413);
  });

  it('JSON nested deeper than the limit is a 400, not a stack overflow', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors[0]!.message).toMatch(/入れ子が深すぎます/);
    expect(nestingDeeperThan('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(
      false,
    );
    expect(nestingDeeperThan('['.repeat(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestingDeeperThan(JSON.stringify({ a: '[[[[[[[[\\"[[[[' }), 2)).toBe(false);
  });

  it('unparseable JSON, an empty JSON body, a wrong content type', async () => {
    const bad = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload: '{"month":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problems>(bad).errors[0]!.message).toBe('本文が JSON として読めません');
    const empty = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(400);
    const xml = await s.as('clerk', {
      method: 'POST',
      url: '/api/v1/calculate',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
    expect(json<Problems>(xml).errors[0]!.message).toMatch(/形式/);
  });

  it('an empty JSON body is fine where the route reads none (logout, close, delete)', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/months/2024-07/close`,
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const needsOne = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/staff`,
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(needsOne.statusCode).toBe(400);
    expect(json<Problems>(needsOne).errors[0]!.message).toMatch(/本文が空です/);
  });

  it('an overlong URL parameter is a 414 in JSON', async () => {
    const r = await s.as('clerk', { method: 'GET', url: `/api/v1/offices/${'a'.repeat(300)}` });
    expect(r.statusCode).toBe(414);
    expect(json<Problems>(r).errors[0]!.message).toMatch(/長すぎます/);
  });

  it('a huge string in a field is a 400 naming the field', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/staff`,
      payload: { name: 'あ'.repeat(5000), profession: 'doctor' },
    });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors[0]!.path).toBe('name');
  });

  it('the OpenAPI document lists every route (for a logged-in user)', async () => {
    const r = await s.as('readonly', { method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(r);
    for (const route of s.table.routes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    const ui = await s.as('readonly', { method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });
});
