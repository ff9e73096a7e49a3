// The store's connections (src/store/sqliteDriver.ts on SQLite, the pool on PostgreSQL): a read does not wait
// for a write transaction that is open; on SQLite, a write while another connection holds the write lock
// waits on the event loop (timers keep firing) and goes through once the lock is released.
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/store/index.js';
import { engines, freshOfficeNumber } from './engines.js';

for (const engine of engines) {
  describe.skipIf(!engine.available)(`connections on ${engine.name}`, () => {
    it('reads (single and snapshot) are answered while a write transaction is open and waiting', async () => {
      const { store, dispose } = await engine.open();
      try {
        const office = await store.createOffice(
          { number: freshOfficeNumber(), name: '読み取り薬局', kind: 'pharmacy' },
          SYSTEM_ACTOR,
        );
        let release!: () => void;
        const held = new Promise<void>((ok) => (release = ok));
        let inside!: () => void;
        const started = new Promise<void>((ok) => (inside = ok));
        const writing = store.db.transaction().execute(async (trx) => {
          await trx.updateTable('offices').set({ name: '書き込み中' }).where('id', '=', office.id).execute();
          inside();
          await held;
        });
        await started;
        // The write is open and not committed: reads see the committed name, at once.
        expect((await store.getOffice(office.id))!.name).toBe('読み取り薬局');
        const records = await store.monthRecords(office.id, { from: '2024-07', to: '2024-07' });
        expect(records.office.name).toBe('読み取り薬局');
        release();
        await writing;
        expect((await store.getOffice(office.id))!.name).toBe('書き込み中');
      } finally {
        await dispose();
      }
    });

    it.runIf(engine.name === 'sqlite')(
      'a write while another connection holds the lock waits on the event loop, then goes through',
      async () => {
        const { store, dispose, sqlitePath } = await engine.open();
        const other = new Database(sqlitePath!);
        try {
          const office = await store.createOffice(
            { number: freshOfficeNumber(), name: 'ロック薬局', kind: 'pharmacy' },
            SYSTEM_ACTOR,
          );
          other.prepare('begin immediate').run();
          let done = false;
          const writing = store
            .updateOffice(office.id, { name: '待ってから保存' }, 'clerk')
            .finally(() => (done = true));
          // Timers fire while the write waits: the event loop is not held inside SQLite.
          let ticks = 0;
          for (let i = 0; i < 10; i++) {
            await sleep(10);
            ticks++;
          }
          expect(ticks).toBe(10);
          expect(done).toBe(false);
          other.prepare('commit').run();
          expect((await writing).name).toBe('待ってから保存');
        } finally {
          other.close();
          await dispose();
        }
      },
    );
  });
}
