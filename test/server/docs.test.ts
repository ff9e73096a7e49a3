// docs/api.md is what the web app and other clients build against: its table of routes must be the
// routes the server registers, no more and no fewer. /docs (Swagger UI, the OpenAPI document) needs a
// session.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { APP_CSP, DOCS_CSP } from '../../src/server/app.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('docs/api.md', () => {
  it('lists exactly the registered routes', () => {
    const text = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');
    const documented = new Set<string>();
    for (const m of text.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/gm)) {
      documented.add(`${m[1]} ${m[2]!.split('?')[0]}`);
    }
    const registered = new Set(s.table.routes.map((r) => `${r.method} ${r.url}`));
    expect([...registered].filter((r) => !documented.has(r)).sort(), 'registered but not documented').toEqual(
      [],
    );
    expect([...documented].filter((r) => !registered.has(r)).sort(), 'documented but not registered').toEqual(
      [],
    );
  });
});

describe('/docs is for logged-in users', () => {
  it('without a session: 401 in Japanese for the page, its scripts and the OpenAPI document', async () => {
    for (const url of ['/docs', '/docs/json', '/docs/yaml', '/docs/static/swagger-ui-bundle.js']) {
      const r = await s.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(JSON.parse(r.body).errors[0].message).toContain('ログインしてください');
    }
  });

  it('with a session: the page, with its own policy (the API answers have the app’s)', async () => {
    expect((await s.as('readonly', { method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    const page = await s.as('readonly', { method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    const api = await s.as('readonly', { method: 'GET', url: '/api/v1/me' });
    expect(api.headers['content-security-policy']).toBe(APP_CSP);
  });
});
