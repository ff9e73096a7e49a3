// The last admin of an office under concurrency, on both engines: two changes that each demote one of the
// office's two admins run at the same moment, and each one's check (src/app/users.ts lastAdminProblems)
// waits for the other to reach its own check. The store reads the office's admins inside the change's
// transaction and locks them (PostgreSQL FOR UPDATE; SQLite runs one write at a time), so the second check
// sees the first change and refuses: the office keeps one admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastAdminProblems } from '../../src/app/users.js';
import { StoreError, type KyselyStore, type Store, type UserChangeGuard } from '../../src/store/index.js';
import { engines, freshOfficeNumber, uniqueName } from './engines.js';

describe.each(engines)('the last admin of an office on $name', (engine) => {
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

  it('two admins demoted at the same moment: one change passes, the other is refused', async () => {
    const office = await store.createOffice(
      { number: freshOfficeNumber(), name: '二人の管理者の薬局', kind: 'pharmacy' },
      'system',
    );
    const admin = (n: string) =>
      store.createUser(
        { username: uniqueName(n), role: 'admin', officeIds: [office.id], password: 'a-long-password' },
        'system',
      );
    const [a1, a2] = [await admin('one'), await admin('two')];

    // Each check waits (up to 1 s) until both have started theirs.
    let arrived = 0;
    const bothArrived = () =>
      new Promise<void>((done) => {
        arrived += 1;
        const start = Date.now();
        const poll = () => (arrived >= 2 || Date.now() - start > 1000 ? done() : setTimeout(poll, 5));
        poll();
      });
    const guard: UserChangeGuard = async ({ before, after, admins }) => {
      await bothArrived();
      const problems = lastAdminProblems(before, after, admins);
      if (problems.length) throw new StoreError('conflict', problems[0]!.message, problems);
    };

    const outcomes = await Promise.allSettled([
      store.updateUser(a1.id, { role: 'clerk' }, a2.id, guard),
      store.updateUser(a2.id, { role: 'clerk' }, a1.id, guard),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as StoreError).code).toBe('conflict');
    const admins = (await store.listUsers()).filter(
      (u) => u.role === 'admin' && !u.disabled && u.officeIds.includes(office.id),
    );
    expect(admins).toHaveLength(1);
  });
});
