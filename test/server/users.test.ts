// Who may change whom (src/app/users.ts), over HTTP on both engines. Offices A and B; the admin of A alone,
// the admin of B alone, a global admin of A and B, a clerk of A and B. A user's password, role and disabled
// flag hold in all of their offices, so the admin of A changes only the users whose every office is A; and no
// change leaves an office without an enabled admin.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { json, login, PASSWORD, startTestServer, type TestServer } from './helpers.js';
import { freshOfficeNumber } from '../store/engines.js';
import { SYSTEM_ACTOR } from '../../src/store/store.js';
import type { ManagedUser } from '../../src/contract/api.js';
import type { User } from '../../src/contract/types.js';

const pgUrl = inject('pgUrl');
const engines = [
  { engine: 'SQLite', pgUrl: undefined, available: true },
  { engine: 'PostgreSQL', pgUrl, available: pgUrl !== '' },
];

type Errors = { errors: { path: string; message: string }[] };

describe.each(engines)('users and roles on $engine', (e) => {
  let s: TestServer;
  const tag = Math.random().toString(36).slice(2, 8);
  const name = (n: string) => `${n}_${tag}`;
  const cookies = new Map<string, string>();

  async function user(n: string, role: User['role'], officeIds: string[]): Promise<User> {
    const u = await s.store.createUser(
      { username: name(n), role, officeIds, password: PASSWORD },
      SYSTEM_ACTOR,
    );
    cookies.set(n, await login(s.app, name(n)));
    return u;
  }
  const as = (n: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    s.app.inject({ method, url, headers: { cookie: cookies.get(n)! }, ...(payload ? { payload } : {}) });
  const patch = (actor: string, target: User, body: object) =>
    as(actor, 'PATCH', `/api/v1/users/${target.id}`, body);
  const stored = async (u: User) => (await s.store.getUser(u.id))!;

  let adminA: User;
  let adminB: User;
  let global: User;
  let clerkA: User;
  let clerkAB: User;
  let clerkB: User;

  beforeAll(async () => {
    if (!e.available) return;
    s = await startTestServer(e.pgUrl ? { pgUrl: e.pgUrl } : {});
    adminA = await user('adminA', 'admin', [s.a.id]);
    adminB = await user('adminB', 'admin', [s.b.id]);
    global = await user('global', 'admin', [s.a.id, s.b.id]);
    clerkA = await user('clerkA', 'clerk', [s.a.id]);
    clerkAB = await user('clerkAB', 'clerk', [s.a.id, s.b.id]);
    clerkB = await user('clerkB', 'clerk', [s.b.id]);
  });
  afterAll(async () => {
    if (e.available) await s.close();
  });
  if (!e.available) {
    it.skip('no PostgreSQL answers in this run', () => {});
    return;
  }

  it('the admin of A changes a user of A alone: password, role, offices, disabled', async () => {
    const u = await user('plainA', 'readonly', [s.a.id]);
    expect((await patch('adminA', u, { password: 'a-new-password-1' })).statusCode).toBe(200);
    await login(s.app, name('plainA'), 'a-new-password-1');
    expect((await patch('adminA', u, { role: 'clerk' })).statusCode).toBe(200);
    expect((await patch('adminA', u, { officeIds: [s.a.id] })).statusCode).toBe(200);
    expect((await patch('adminA', u, { disabled: true })).statusCode).toBe(200);
    expect(await stored(u)).toMatchObject({ role: 'clerk', disabled: true, officeIds: [s.a.id] });
  });

  it('the admin of A cannot take over a user who also belongs to B: password, role, disabled → 403, nothing changed', async () => {
    for (const body of [{ password: 'taken-over-pw' }, { role: 'admin' }, { disabled: true }]) {
      const r = await patch('adminA', clerkAB, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(403);
      expect(json<Errors>(r).errors[0]!.message).toContain(
        'あなたが管理していない事業所にも所属しているため',
      );
    }
    expect(await stored(clerkAB)).toMatchObject({ role: 'clerk', officeIds: [s.a.id, s.b.id].sort() });
    expect((await stored(clerkAB)).disabled).toBeUndefined();
    await login(s.app, name('clerkAB')); // the old password still works
  });

  it('the admin of A cannot disable, demote or re-password the global admin (403)', async () => {
    for (const body of [{ disabled: true }, { role: 'readonly' }, { password: 'taken-over-pw' }]) {
      expect((await patch('adminA', global, body)).statusCode, JSON.stringify(body)).toBe(403);
    }
    expect(await stored(global)).toMatchObject({ role: 'admin' });
    await login(s.app, name('global'));
  });

  it('a user of B alone is not found by the admin of A (404)', async () => {
    expect((await patch('adminA', clerkB, { role: 'admin' })).statusCode).toBe(404);
    expect((await stored(clerkB)).role).toBe('clerk');
  });

  it('the global admin (every office) changes a user of A and B, and one of B alone', async () => {
    expect((await patch('global', clerkAB, { displayName: '両方の事務' })).statusCode).toBe(200);
    expect((await patch('global', clerkB, { displayName: 'Bの事務' })).statusCode).toBe(200);
    expect((await stored(clerkAB)).displayName).toBe('両方の事務');
    expect((await stored(clerkB)).displayName).toBe('Bの事務');
  });

  it('exception: the admin of A takes A away from a user of A and B; the user keeps B', async () => {
    const u = await user('leaverAB', 'clerk', [s.a.id, s.b.id]);
    const withOther = await patch('adminA', u, { officeIds: [], role: 'readonly' });
    expect(withOther.statusCode).toBe(403);
    const r = await patch('adminA', u, { officeIds: [] });
    expect(r.statusCode).toBe(200);
    expect(await stored(u)).toMatchObject({ role: 'clerk', officeIds: [s.b.id] });
  });

  it('the admin of A cannot give office B to a user of A (400 naming officeIds[1])', async () => {
    const u = await user('giveB', 'clerk', [s.a.id]);
    const r = await patch('adminA', u, { officeIds: [s.a.id, s.b.id] });
    expect(r.statusCode).toBe(400);
    expect(json<Errors>(r).errors[0]!.path).toBe('officeIds[1]');
    expect((await stored(u)).officeIds).toEqual([s.a.id]);
  });

  it('the list: a user of A and B is shown to the admin of A as not manageable, with A only (B not disclosed)', async () => {
    const r = await as('adminA', 'GET', '/api/v1/users');
    const list = json<ManagedUser[]>(r);
    const ab = list.find((u) => u.id === clerkAB.id)!;
    expect(ab).toMatchObject({ manageable: false, officeIds: [s.a.id] });
    expect(list.find((u) => u.id === clerkA.id)).toMatchObject({ manageable: true, officeIds: [s.a.id] });
    expect(list.some((u) => u.id === clerkB.id)).toBe(false);
    expect(r.body).not.toContain(s.b.id);
    const fromGlobal = json<ManagedUser[]>(await as('global', 'GET', '/api/v1/users'));
    expect(fromGlobal.find((u) => u.id === clerkAB.id)).toMatchObject({ manageable: true });
  });

  it('a user with no office yet: any admin may change them', async () => {
    const u = await user('nobodyYet', 'clerk', []);
    expect((await patch('adminB', u, { officeIds: [s.b.id] })).statusCode).toBe(200);
    expect((await stored(u)).officeIds).toEqual([s.b.id]);
  });

  describe('the last admin of an office', () => {
    let c: { id: string; name: string };
    beforeAll(async () => {
      // Office C, made by the admin of A: its only admin is adminA (the global admin does not belong to it).
      const number = freshOfficeNumber();
      const r = await as('adminA', 'POST', '/api/v1/offices', { number, name: 'C薬局', kind: 'pharmacy' });
      expect(r.statusCode).toBe(201);
      c = json<{ id: string; name: string }>(r);
    });

    it('cannot demote themself (409 on role, naming the office)', async () => {
      const r = await patch('adminA', adminA, { role: 'clerk' });
      expect(r.statusCode).toBe(409);
      expect(json<Errors>(r).errors[0]).toEqual({
        path: 'role',
        message: `${name('adminA')} は事業所「C薬局」のただ一人の管理者のため、管理者から外せません（先にほかのユーザーをこの事業所の管理者にしてください）`,
      });
      expect((await stored(adminA)).role).toBe('admin');
    });

    it('cannot disable themself (409 on disabled)', async () => {
      const r = await patch('adminA', adminA, { disabled: true });
      expect(r.statusCode).toBe(409);
      expect(json<Errors>(r).errors[0]!.path).toBe('disabled');
      expect((await stored(adminA)).disabled).toBeUndefined();
    });

    it('cannot take the office from themself (409 on officeIds); an office with another admin, yes', async () => {
      const r = await patch('adminA', adminA, { officeIds: [s.a.id] });
      expect(r.statusCode).toBe(409);
      expect(json<Errors>(r).errors[0]!.path).toBe('officeIds');
      expect((await stored(adminA)).officeIds).toContain(c.id);
      // A keeps the global admin: adminA may leave A.
      expect((await patch('adminA', adminA, { officeIds: [c.id] })).statusCode).toBe(200);
      expect((await stored(adminA)).officeIds).toEqual([c.id]);
    });

    it('another admin of the office may then be demoted, the last one not', async () => {
      const second = await user('secondC', 'clerk', [c.id]);
      expect((await patch('adminA', second, { role: 'admin' })).statusCode).toBe(200);
      cookies.set('secondC', await login(s.app, name('secondC')));
      expect((await patch('secondC', adminA, { role: 'clerk' })).statusCode).toBe(200);
      const r = await patch('secondC', second, { role: 'clerk' });
      expect(r.statusCode).toBe(409);
      // Back as they were for the next test.
      expect((await patch('secondC', adminA, { role: 'admin' })).statusCode).toBe(200);
    });

    it('two admins demoting each other at the same moment: one succeeds, the office keeps an admin', async () => {
      const second = (await s.store.getUserByUsername(name('secondC')))!;
      const answers = await Promise.all([
        patch('adminA', second, { role: 'clerk' }),
        patch('secondC', adminA, { role: 'clerk' }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const admins = (await s.store.listUsers()).filter(
        (u) => u.role === 'admin' && !u.disabled && u.officeIds.includes(c.id),
      );
      expect(admins).toHaveLength(1);
    });
  });

  it('the admin of B cannot touch the admin of A (404) nor the global admin (403)', async () => {
    expect((await patch('adminB', adminA, { disabled: true })).statusCode).toBe(404);
    expect((await patch('adminB', global, { disabled: true })).statusCode).toBe(403);
    expect((await stored(adminB)).role).toBe('admin');
  });
});
