// Login throttling that protects without punishing (src/app/login.ts), over HTTP: clients are told apart by
// their address (app.inject's remoteAddress) and by the known-client cookie a successful login leaves in the
// browser. Failed logins and waits are audited where an admin can read them. (The store's counts, the waits'
// growth and the re-hash run on both engines in test/store/logins.test.ts; every attempt here costs a real
// scrypt, so these run on SQLite.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { json, PASSWORD, startTestServer, type TestServer } from './helpers.js';
import { SYSTEM_ACTOR } from '../../src/store/store.js';
import type { AuditEntry, User } from '../../src/contract/types.js';

type Errors = { errors: { path: string; message: string }[] };

describe('login throttling', () => {
  let s: TestServer;
  const tag = Math.random().toString(36).slice(2, 8);
  const name = (n: string) => `${n}_${tag}`;
  // Each test uses its own client addresses (TEST-NET ranges) so that their counts do not meet.
  let net = 0;
  const address = () => `198.18.${Math.floor(net / 250)}.${(net++ % 250) + 1}`;

  const attempt = (username: string, password: string, from: string, known?: string) =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      remoteAddress: from,
      payload: { username, password },
      ...(known ? { cookies: { santei_known: known } } : {}),
    });
  const knownCookie = (r: LightMyRequestResponse) => r.cookies.find((c) => c.name === 'santei_known');
  async function user(n: string, officeIds: string[], role: User['role'] = 'clerk'): Promise<User> {
    return s.store.createUser({ username: name(n), role, officeIds, password: PASSWORD }, SYSTEM_ACTOR);
  }
  const auditOf = async (officeId: string) => s.store.listAudit(officeId, { limit: 1000 });

  /** `n` wrong attempts at once (they are all within the free failures, so their order does not matter). */
  const failures = async (n: number, username: (i: number) => string, from: string, known?: string) => {
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => attempt(username(i), `wrong-${i}-password`, from, known)),
    );
    return answers.map((r) => r.statusCode);
  };

  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('a login leaves a known-client cookie: httpOnly, SameSite=Strict, sent only to /api/v1/login', async () => {
    await user('cookie', [s.a.id]);
    const r = await attempt(name('cookie'), PASSWORD, address());
    expect(r.statusCode).toBe(200);
    const c = knownCookie(r)!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/login' });
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('five wrong passwords for the admin from a stranger do not keep the real admin out of their own browser', async () => {
    await user('boss', [s.a.id], 'admin');
    const home = address();
    const known = knownCookie(await attempt(name('boss'), PASSWORD, home))!.value;
    const stranger = address();
    expect(await failures(5, () => name('boss'), stranger)).toEqual(Array(5).fill(401));
    // The username now waits for clients not known for it, even with the right password …
    const blocked = await attempt(name('boss'), PASSWORD, stranger);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(json<Errors>(blocked).errors[0]!.message).toMatch(/ログインの失敗が続いたため.*秒後/);
    expect((await attempt(name('boss'), PASSWORD, address())).statusCode).toBe(429);
    // … but not the admin's own browser, from home or even from the stranger's address.
    expect((await attempt(name('boss'), PASSWORD, home, known)).statusCode).toBe(200);
    expect((await attempt(name('boss'), PASSWORD, stranger, known)).statusCode).toBe(200);
  });

  it('the wait is a wait, not a lock: after it, the right password passes from a new browser', async () => {
    await user('patient', [s.a.id]);
    const from = address();
    await failures(5, () => name('patient'), from);
    const r = await attempt(name('patient'), PASSWORD, from);
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe('1');
    await new Promise((ok) => setTimeout(ok, 1100));
    expect((await attempt(name('patient'), PASSWORD, from)).statusCode).toBe(200);
  });

  it('an unknown username waits exactly like a known one (the answers do not tell which exist)', async () => {
    const from = address();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await attempt(name('ghost'), `x-${i}-wrong`, from)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('one client trying many usernames waits (per address); another address does not', async () => {
    await user('bystander', [s.a.id]);
    const known = knownCookie(await attempt(name('bystander'), PASSWORD, address()))!.value;
    const sprayer = address();
    expect(await failures(20, (i) => name(`spray${i}`), sprayer)).toEqual(Array(20).fill(401));
    expect((await attempt(name('spray-next'), 'wrong-password', sprayer)).statusCode).toBe(429);
    expect((await attempt(name('spray-next'), 'wrong-password', address())).statusCode).toBe(401);
    // A user at the sprayer's address (one office behind one address) with their own browser: not waiting.
    expect((await attempt(name('bystander'), PASSWORD, sprayer, known)).statusCode).toBe(200);
  });

  it('a known browser’s own failures make only that browser wait', async () => {
    await user('owner', [s.a.id]);
    const home = address();
    const known = knownCookie(await attempt(name('owner'), PASSWORD, home))!.value;
    expect(await failures(10, () => name('owner'), home, known)).toEqual(Array(10).fill(401));
    const r = await attempt(name('owner'), PASSWORD, home, known);
    expect(r.statusCode).toBe(429);
    expect(json<Errors>(r).errors[0]!.message).toMatch(/パスワードの誤りが続いたため/);
    expect((await attempt(name('owner'), PASSWORD, address())).statusCode).toBe(200);
  });

  it('one browser keeps the known-client tokens of several users (an office PC)', async () => {
    await user('first', [s.a.id]);
    await user('second', [s.a.id]);
    const pc = address();
    const one = knownCookie(await attempt(name('first'), PASSWORD, pc))!.value;
    const both = knownCookie(await attempt(name('second'), PASSWORD, pc, one))!.value;
    expect(both.split('.')).toHaveLength(2);
    await failures(5, () => name('first'), address());
    expect((await attempt(name('first'), PASSWORD, pc, both)).statusCode).toBe(200);
  });

  it('audit: a failed login of a known user is in each office of that user, with the address, never the password', async () => {
    const u = await user('twoOffices', [s.a.id, s.b.id]);
    const from = address();
    const wrong = 'my-secret-typo-123';
    expect((await attempt(name('twoOffices'), wrong, from)).statusCode).toBe(401);
    for (const officeId of [s.a.id, s.b.id]) {
      const rows = (await auditOf(officeId)).filter(
        (r) => r.entityId === u.id && r.action === 'login_failed',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        officeId,
        actor: 'anonymous',
        entity: 'user',
        after: {
          username: name('twoOffices'),
          client: from,
          knownClient: false,
          failures: { client: 1, username: 1 },
          waitSeconds: 0,
        },
      });
      expect(JSON.stringify(await auditOf(officeId))).not.toContain(wrong);
    }
    // The office's admin reads it over the API.
    const r = await s.as('admin', {
      method: 'GET',
      url: `/api/v1/offices/${s.a.id}/audit?entity=user&entityId=${u.id}`,
    });
    expect(json<AuditEntry[]>(r).map((x) => x.action)).toContain('login_failed');
  });

  it('audit: an unknown username goes to the global log without the username (it may be a password)', async () => {
    const from = address();
    const typed = `Pa55-${tag}-word`;
    await attempt(typed, 'whatever-it-was', from);
    const rows = (await auditOf('')).filter(
      (r) => r.action === 'login_failed' && (r.after as { client?: string }).client === from,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ officeId: '', entity: 'session', entityId: '', actor: 'anonymous' });
    expect(JSON.stringify(await auditOf(''))).not.toContain(typed);
  });

  it('audit: the refusals of one wait are one login_throttled row, not one per attempt', async () => {
    const u = await user('waiter', [s.a.id]);
    const from = address();
    await failures(5, () => name('waiter'), from);
    for (let i = 0; i < 4; i++) expect((await attempt(name('waiter'), PASSWORD, from)).statusCode).toBe(429);
    const rows = (await auditOf(s.a.id)).filter((r) => r.entityId === u.id);
    expect(rows.filter((r) => r.action === 'login_failed')).toHaveLength(5);
    const throttled = rows.filter((r) => r.action === 'login_throttled');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.after).toMatchObject({ client: from, waitingFor: 'username' });
    expect(
      rows.find((r) => r.action === 'login_failed' && (r.after as { waitSeconds: number }).waitSeconds > 0),
    ).toBeDefined();
  });

  it('a password change: wrong current passwords wait per user and are audited; then the right one works', async () => {
    const u = await user('changer', [s.a.id]);
    const r0 = await attempt(name('changer'), PASSWORD, address());
    const cookie = `santei_session=${r0.cookies.find((c) => c.name === 'santei_session')!.value}`;
    const change = (currentPassword: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { cookie },
        payload: { currentPassword, newPassword: 'the-new-password' },
      });
    for (let i = 0; i < 5; i++) expect((await change(`not-it-${i}`)).statusCode).toBe(400);
    const waiting = await change(PASSWORD);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    const rows = (await auditOf(s.a.id)).filter((r) => r.entityId === u.id && r.action === 'login_failed');
    expect(rows).toHaveLength(5);
    expect(rows[0]!.after).toMatchObject({ during: 'password_change' });
    await new Promise((ok) => setTimeout(ok, 1100));
    expect((await change(PASSWORD)).statusCode).toBe(204);
  });
});
