// GET /api/v1/audit: the audit rows of no office (users, sessions, known clients, failed logins of unknown
// usernames), for an admin of every office only — they name users of every office; the office's own rows
// stay at …/offices/:officeId/audit (test/server/screens.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, login, startTestServer, type TestServer } from './helpers.js';
import type { AuditEntry } from '../../src/contract/types.js';

let s: TestServer;
let everyOfficeAdmin: string;

beforeAll(async () => {
  s = await startTestServer();
  await s.store.createUser(
    { username: 'admin-of-all', role: 'admin', officeIds: [s.a.id, s.b.id], password: 'santei-test-pw' },
    'system',
  );
  everyOfficeAdmin = await login(s.app, 'admin-of-all', 'santei-test-pw');
});
afterAll(async () => {
  await s.close();
});

describe('GET /api/v1/audit (the log of no office)', () => {
  it('an admin of every office reads the failed login of an unknown username, filtered by action', async () => {
    const failed = await s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: 'nobody-such', password: 'wrong-password' },
    });
    expect(failed.statusCode).toBe(401);
    const r = await s.app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=login_failed',
      headers: { cookie: everyOfficeAdmin },
    });
    expect(r.statusCode).toBe(200);
    const rows = json<AuditEntry[]>(r);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((e) => e.action === 'login_failed' && e.officeId === '')).toBe(true);
  });

  it('an admin of one office of two is refused (403), in Japanese, pointing to the office’s own log', async () => {
    const r = await s.as('admin', { method: 'GET', url: '/api/v1/audit' });
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('すべての事業所の管理者だけ');
    expect(r.body).toContain('変更の記録');
  });

  it('a clerk is refused (403); without a session, 401', async () => {
    expect((await s.as('clerk', { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
    expect((await s.as(null, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });

  it('bad filters are 400 naming the field', async () => {
    const r = await s.app.inject({
      method: 'GET',
      url: '/api/v1/audit?from=2026-13-01',
      headers: { cookie: everyOfficeAdmin },
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('from');
  });
});
