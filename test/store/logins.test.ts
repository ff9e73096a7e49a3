// Login throttling's store and policy on both engines (src/store/repos/logins.ts, src/app/login.ts): the
// counts per key, forgotten a day after their last failure and never pushed out by other keys; one audit
// row per wait; known clients; the waits' growth; scrypt at OWASP's parameters and the re-hash of an older
// hash at the next login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { LOGIN_POLICY, login, waitAfter } from '../../src/app/login.js';
import { CURRENT, hashPassword, paramsOf, verifyPassword } from '../../src/store/passwords.js';
import { KNOWN_CLIENTS_PER_USER } from '../../src/store/repos/logins.js';
import type { KyselyStore, Store } from '../../src/store/index.js';
import { engines, freshOfficeNumber, uniqueName } from './engines.js';

const PW = 'the-right-password';
const HOUR = 60 * 60 * 1000;

describe('the waits (LOGIN_POLICY)', () => {
  it('none until the free failures are used up, then 1 s doubling up to 15 minutes', () => {
    expect(waitAfter(LOGIN_POLICY.username - 1, 'username')).toBe(0);
    expect(waitAfter(LOGIN_POLICY.username, 'username')).toBe(1000);
    expect(waitAfter(LOGIN_POLICY.username + 1, 'username')).toBe(2000);
    expect(waitAfter(LOGIN_POLICY.username + 9, 'username')).toBe(512_000);
    expect(waitAfter(LOGIN_POLICY.username + 10, 'username')).toBe(15 * 60 * 1000);
    expect(waitAfter(10_000, 'username')).toBe(15 * 60 * 1000);
    expect(waitAfter(LOGIN_POLICY.client - 1, 'client')).toBe(0);
    expect(waitAfter(LOGIN_POLICY.client, 'client')).toBe(1000);
    expect(waitAfter(LOGIN_POLICY.known - 1, 'known')).toBe(0);
  });
});

describe('scrypt (OWASP Password Storage Cheat Sheet)', () => {
  it('new hashes are N=2^14 r=8 p=5, one of the sheet’s equal settings', async () => {
    expect(CURRENT).toEqual({ N: 16384, r: 8, p: 5 });
    const h = await hashPassword(PW);
    expect(paramsOf(h)).toEqual(CURRENT);
    expect(await verifyPassword(PW, h)).toBe(true);
    expect(await verifyPassword('another-password', h)).toBe(false);
  });
});

describe.each(engines)('login store on $name', (engine) => {
  let store: KyselyStore & Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (!engine.available) return;
    ({ store, dispose } = await engine.open());
  });
  afterAll(async () => {
    if (engine.available) await dispose();
  });
  if (!engine.available) {
    it.skip('no PostgreSQL answers in this run', () => {});
    return;
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const none = () => [];

  it('counts failures per key and forgets them a day after the last one (swept as new ones come)', async () => {
    const t0 = Date.parse('2030-01-01T00:00:00Z');
    const k = [`username:${uniqueName('u')}`, `client:${uniqueName('c')}`];
    expect(await store.recordLoginFailure(k, iso(t0), iso(t0 - 24 * HOUR), none)).toEqual([1, 1]);
    expect(await store.recordLoginFailure(k.slice(0, 1), iso(t0 + 1), iso(t0 - 24 * HOUR), none)).toEqual([
      2,
    ]);
    const read = await store.loginThrottles(k, iso(t0 - 24 * HOUR));
    expect(read.map((r) => [r.failures, r.lastFailureAt])).toEqual([
      [2, iso(t0 + 1)],
      [1, iso(t0)],
    ]);
    // A day later they read as none, and the next failure of any key removes them.
    const later = t0 + 25 * HOUR;
    expect((await store.loginThrottles(k, iso(later - 24 * HOUR))).map((r) => r.failures)).toEqual([0, 0]);
    await store.recordLoginFailure(
      [`client:${uniqueName('other')}`],
      iso(later),
      iso(later - 24 * HOUR),
      none,
    );
    const left = await sql<{
      n: number | string;
    }>`SELECT COUNT(*) AS n FROM login_throttle WHERE last_failure_at < ${iso(later - 24 * HOUR)}`.execute(
      store.db,
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('failures on 10,000 other usernames push nothing out: the admin’s count and wait stay', async () => {
    const t0 = Date.parse('2031-01-01T00:00:00Z');
    const forget = iso(t0 - 24 * HOUR);
    const admin = `username:${uniqueName('admin')}`;
    for (let i = 0; i < 5; i++) await store.recordLoginFailure([admin], iso(t0 + i), forget, none);
    const before = await store.loginThrottles([admin], forget);
    const others = Array.from({ length: 10_000 }, (_, i) => `username:${uniqueName(`x${i}-`)}`);
    // (100 keys per write: the same upsert and sweep as a login's failure, in fewer transactions.)
    for (let i = 0; i < others.length; i += 100) {
      await store.recordLoginFailure(others.slice(i, i + 100), iso(t0 + 10), forget, none);
    }
    const counted = await store.loginThrottles(others.slice(-3), forget);
    expect(counted.map((r) => r.failures)).toEqual([1, 1, 1]);
    const after = await store.loginThrottles([admin], forget);
    expect(after).toEqual(before);
    expect(after[0]!.failures).toBe(5);
    expect(waitAfter(after[0]!.failures, 'username')).toBe(1000);
    // The table holds no username: only the keys' digests.
    const sample = await store.db.selectFrom('login_throttle').select('key_hash').limit(3).execute();
    for (const r of sample) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a refusal is audited once per wait (per last failure)', async () => {
    const t0 = Date.parse('2032-01-01T00:00:00Z');
    const key = `username:${uniqueName('w')}`;
    await store.recordLoginFailure([key], iso(t0), iso(t0 - 24 * HOUR), none);
    const entry = {
      officeId: '',
      actor: 'anonymous',
      entity: 'session' as const,
      entityId: '',
      action: 'login_throttled' as const,
      before: null,
      after: { key: 'test' },
    };
    expect(await store.recordLoginRefusal(key, iso(t0), [entry])).toBe(true);
    expect(await store.recordLoginRefusal(key, iso(t0), [entry])).toBe(false);
    await store.recordLoginFailure([key], iso(t0 + 5), iso(t0 - 24 * HOUR), none);
    expect(await store.recordLoginRefusal(key, iso(t0), [entry])).toBe(false);
    expect(await store.recordLoginRefusal(key, iso(t0 + 5), [entry])).toBe(true);
  });

  it('known clients: found by token and username only; the newest 20 per user kept, each change audited', async () => {
    const office = await store.createOffice(
      { number: freshOfficeNumber(), name: '既知の端末の薬局', kind: 'pharmacy' },
      'system',
    );
    const u = await store.createUser(
      { username: uniqueName('k'), role: 'clerk', officeIds: [office.id], password: PW },
      'system',
    );
    const first = await store.rememberClient(u.id, null, '192.0.2.1');
    expect(await store.findKnownClient([first.token], u.username)).toEqual(first);
    expect(await store.findKnownClient([first.token], 'someone-else')).toBeNull();
    expect(await store.findKnownClient(['not-a-token', 'x'.repeat(43)], u.username)).toBeNull();
    expect(await store.rememberClient(u.id, first, '192.0.2.1')).toEqual(first);
    // The clients remembered next are used later than the first, not within its millisecond.
    await new Promise((ok) => setTimeout(ok, 5));
    for (let i = 0; i < KNOWN_CLIENTS_PER_USER; i++) await store.rememberClient(u.id, null, '192.0.2.2');
    expect(await store.findKnownClient([first.token], u.username)).toBeNull();
    const rows = (await store.listAudit('', { entity: 'known_client', limit: 1000 })).filter(
      (r) => (r.after as { userId?: string } | null)?.userId === u.id || r.entityId === first.id,
    );
    expect(rows.filter((r) => r.action === 'create')).toHaveLength(KNOWN_CLIENTS_PER_USER + 1);
    expect(rows.filter((r) => r.action === 'delete').map((r) => r.entityId)).toEqual([first.id]);
  });

  it('an older hash (N=2^14 r=8 p=1) is re-hashed at the next successful login, audited; a wrong password changes nothing', async () => {
    const u = await store.createUser(
      { username: uniqueName('old'), role: 'clerk', officeIds: [], password: PW },
      'system',
    );
    const old = await hashPassword(PW, { N: 2 ** 14, r: 8, p: 1 });
    await store.db.updateTable('users').set({ password_hash: old }).where('id', '=', u.id).execute();
    const stored = async () =>
      (
        await store.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', u.id)
          .executeTakeFirstOrThrow()
      ).password_hash;
    expect(await store.verifyPassword(u.username, 'not-the-password')).toBeNull();
    expect(await stored()).toBe(old);
    expect((await store.verifyPassword(u.username, PW))?.id).toBe(u.id);
    const now = await stored();
    expect(paramsOf(now)).toEqual(CURRENT);
    expect(await verifyPassword(PW, now)).toBe(true);
    const rows = (await store.listAudit('', { entity: 'user', entityId: u.id })).filter(
      (r) => r.action === 'update',
    );
    expect(rows[0]).toMatchObject({
      before: { passwordHash: 'scrypt N=16384 r=8 p=1' },
      after: { passwordHash: 'scrypt N=16384 r=8 p=5' },
    });
    expect(JSON.stringify(rows)).not.toContain(now);
    // Logged in again: nothing more to re-hash.
    await store.verifyPassword(u.username, PW);
    expect(await stored()).toBe(now);
  });

  it('login(): the waits count from each failure, and the right password passes once the wait is over', async () => {
    const u = await store.createUser(
      { username: uniqueName('clock'), role: 'clerk', officeIds: [], password: PW },
      'system',
    );
    let t = Date.parse('2033-01-01T00:00:00Z');
    const clock = () => t;
    const req = (password: string) => ({
      username: u.username,
      password,
      client: '192.0.2.77',
      knownTokens: [],
      sessionTtlMs: HOUR,
    });
    for (let i = 0; i < LOGIN_POLICY.username; i++) {
      expect((await login(store, req(`wrong-${i}-pw`), clock)).kind).toBe('wrong');
    }
    t += 999;
    expect(await login(store, req(PW), clock)).toMatchObject({ kind: 'wait', retryAfterSeconds: 1 });
    t += 1;
    expect((await login(store, req('wrong-again-pw'), clock)).kind).toBe('wrong');
    t += 1999;
    expect(await login(store, req(PW), clock)).toMatchObject({ kind: 'wait', retryAfterSeconds: 1 });
    t += 1;
    const ok = await login(store, req(PW), clock);
    expect(ok.kind).toBe('ok');
    // Success starts the username's count again: the next wrong password does not wait.
    expect((await login(store, req('one-more-typo'), clock)).kind).toBe('wrong');
  });
});
