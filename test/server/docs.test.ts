// docs/api.md is what the web app and other clients build against: its table of routes must be the
// routes the server registers, no more and no fewer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

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
