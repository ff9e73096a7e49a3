// Login, sessions and roles: admin manages users and offices, clerk writes its offices' records,
// readonly only reads. Every route but the public ones needs a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, json, PASSWORD, type TestServer } from './helpers.js';
import { withCheckDigit } from '../../src/contract/officeNumber.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

const fill = (url: string, officeId: string): string =>
  url
    .replace(':officeId', officeId)
    .replace(':month', '2024-07')
    .replace(/:[A-Za-z]+/g, 'x1');

describe('login and sessions', () => {
  it('a wrong password is a 401 in Japanese, naming no user', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: 'clerk', password: 'nope-nope' },
    });
    expect(r.statusCode).toBe(401);
    expect(json<{ errors: { message: string }[] }>(r).errors[0]!.message).toBe(
      'ユーザー名またはパスワードが違います',
    );
    expect(r.cookies).toHaveLength(0);
  });

  it('an unknown user answers exactly like a wrong password', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: 'nobody', password: 'nope-nope' },
    });
    expect(r.statusCode).toBe(401);
    expect(json<{ errors: { message: string }[] }>(r).errors[0]!.message).toBe(
      'ユーザー名またはパスワードが違います',
    );
  });

  it('login sets an httpOnly, SameSite=Strict session cookie and answers the user and offices', async () => {
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: 'clerk', password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((x) => x.name === 'santei_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = json<{
      user: { username: string; role: string; password?: string };
      offices: { id: string }[];
    }>(r);
    expect(me.user).toMatchObject({ username: 'clerk', role: 'clerk' });
    expect(JSON.stringify(me)).not.toMatch(/scrypt|passwordHash/);
    expect(me.offices.map((o) => o.id)).toEqual([s.a.id]);
  });

  it('GET /me with the cookie; logout ends the session', async () => {
    const cookie = await login(s.app, 'readonly');
    const me = await s.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(json<{ user: { role: string } }>(me).user.role).toBe('readonly');
    const out = await s.app.inject({ method: 'POST', url: '/api/v1/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const again = await s.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(again.statusCode).toBe(401);
  });

  it('a user changes their own password with the current one; the wrong current one is a 400 naming it', async () => {
    await s.store.createUser(
      { username: 'changer', role: 'readonly', officeIds: [s.a.id], password: PASSWORD },
      'system',
    );
    const cookie = await login(s.app, 'changer');
    const wrong = await s.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie },
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-new-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(wrong).errors[0]!.path).toBe('currentPassword');
    const short = await s.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie },
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(json<{ errors: { path: string; message: string }[] }>(short).errors[0]).toEqual({
      path: 'newPassword',
      message: '新しいパスワードは8文字以上にしてください',
    });
    const ok = await s.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie },
      payload: { currentPassword: PASSWORD, newPassword: 'a-new-password' },
    });
    expect(ok.statusCode).toBe(204);
    await login(s.app, 'changer', 'a-new-password');
  });

  it('API answers are not cached and not sniffed', async () => {
    const r = await s.as('clerk', { method: 'GET', url: '/api/v1/me' });
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a forged token is a 401', async () => {
    const r = await s.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: 'santei_session=forged' },
    });
    expect(r.statusCode).toBe(401);
  });

  it('every route but login and health needs a session (401 before the body is read)', async () => {
    const open = s.table.routes.filter((r) => r.access !== 'public');
    expect(open.length).toBeGreaterThan(30);
    for (const route of open) {
      const r = await s.app.inject({
        method: route.method as 'GET',
        url: fill(route.url, s.a.id),
        payload: route.bodyType ? {} : undefined,
      });
      expect(r.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(json<{ errors: unknown[] }>(r).errors).toHaveLength(1);
    }
    expect(
      s.table.routes
        .filter((r) => r.access === 'public')
        .map((r) => r.url)
        .sort(),
    ).toEqual(['/api/v1/health', '/api/v1/login']);
  });

  it('repeated failed logins make a browser that never logged in as the user wait (429), even with the right password', async () => {
    await s.store.createUser(
      { username: 'target', role: 'clerk', officeIds: [s.a.id], password: PASSWORD },
      'system',
    );
    for (let i = 0; i < 5; i++) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { username: 'target', password: `wrong-${i}-pw` },
      });
      expect(r.statusCode).toBe(401);
    }
    const r = await s.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: 'target', password: PASSWORD },
    });
    expect(r.statusCode).toBe(429);
  });
});

describe('roles', () => {
  it('readonly: every write route of its own office answers 403 and changes nothing', async () => {
    const before = await s.store.listAudit(s.a.id, { limit: 1000 });
    const writes = s.table.routes.filter((r) => r.access === 'write');
    expect(writes.length).toBeGreaterThan(10);
    for (const route of writes) {
      const r = await s.as('readonly', {
        method: route.method as 'POST',
        url: fill(route.url, s.a.id),
        ...(route.bodyType === 'csv'
          ? { payload: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } }
          : route.bodyType
            ? { payload: {} }
            : {}),
      });
      expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(json<{ errors: { message: string }[] }>(r).errors[0]!.message).toMatch(/閲覧専用/);
    }
    expect(await s.store.listAudit(s.a.id, { limit: 1000 })).toEqual(before);
  });

  it('readonly can read: patients, preview, audit', async () => {
    for (const url of [
      'patients',
      'months/2024-07/preview',
      'audit',
      'staff',
      'buildings',
      'visits?month=2024-07',
    ]) {
      const r = await s.as('readonly', { method: 'GET', url: `/api/v1/offices/${s.a.id}/${url}` });
      expect(r.statusCode, url).toBe(200);
    }
  });

  it('clerk: admin routes answer 403', async () => {
    const admin = s.table.routes.filter((r) => r.access === 'admin');
    expect(admin.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/audit',
      'GET /api/v1/users',
      'PATCH /api/v1/offices/:officeId',
      'PATCH /api/v1/users/:userId',
      'POST /api/v1/offices',
      'POST /api/v1/users',
    ]);
    for (const route of admin) {
      const r = await s.as('clerk', {
        method: route.method as 'POST',
        url: fill(route.url, s.a.id),
        ...(route.bodyType ? { payload: {} } : {}),
      });
      expect(r.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('clerk writes its office: a staff member is created (201)', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.a.id}/staff`,
      payload: { name: '薬剤師 一郎', profession: 'pharmacist' },
    });
    expect(r.statusCode).toBe(201);
  });

  it('admin creates a user of its office; the user logs in', async () => {
    const r = await s.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'newclerk', role: 'clerk', officeIds: [s.a.id], password: 'a-long-password' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.body).not.toMatch(/password/);
    await login(s.app, 'newclerk', 'a-long-password');
  });

  it('admin cannot give an office it does not manage (400 naming officeIds[0])', async () => {
    const r = await s.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'sneaky', role: 'clerk', officeIds: [s.b.id], password: 'a-long-password' },
    });
    expect(r.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(r).errors[0]!.path).toBe('officeIds[0]');
  });

  it('admin cannot change a user of another office (404)', async () => {
    const clerkB = (await s.store.getUserByUsername('clerkB'))!;
    const r = await s.as('admin', {
      method: 'PATCH',
      url: `/api/v1/users/${clerkB.id}`,
      payload: { role: 'admin' },
    });
    expect(r.statusCode).toBe(404);
    expect((await s.store.getUser(clerkB.id))!.role).toBe('clerk');
  });

  it('admin lists only the users of its offices', async () => {
    const r = await s.as('admin', { method: 'GET', url: '/api/v1/users' });
    const names = json<{ username: string }[]>(r).map((u) => u.username);
    expect(names).toContain('clerk');
    expect(names).not.toContain('clerkB');
  });

  it('admin creates an office (with a valid 事業所番号) and is given it', async () => {
    const bad = await s.as('admin', {
      method: 'POST',
      url: '/api/v1/offices',
      payload: { number: '1310000000', name: 'x', kind: 'pharmacy' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { path: string; message: string }[] }>(bad).errors[0]).toMatchObject({
      path: 'number',
    });
    const number = withCheckDigit('131000009');
    const r = await s.as('admin', {
      method: 'POST',
      url: '/api/v1/offices',
      payload: { number, name: '新しい薬局', kind: 'pharmacy' },
    });
    expect(r.statusCode).toBe(201);
    const id = json<{ id: string }>(r).id;
    const me = await s.as('admin', { method: 'GET', url: '/api/v1/me' });
    expect(json<{ user: { officeIds: string[] } }>(me).user.officeIds).toContain(id);
    const get = await s.as('admin', { method: 'GET', url: `/api/v1/offices/${id}` });
    expect(get.statusCode).toBe(200);
  });
});
