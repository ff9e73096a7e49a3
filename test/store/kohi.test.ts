// 公費 records (docs/kohi.md, migration 0007) on both engines: a patient's dated entries and a 難病 patient's
// amount paid elsewhere in a month, kept, read back, office-scoped and audited; each refusal names the field
// in Japanese (a wrong check digit, KOHI-9; an overlap of one 法別, KOHI-10; an end before the start; a
// patient of another office; a second row of one month); the month's input carries them to the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthInput } from '../../src/app/index.js';
import { calculate } from '../../src/santei.js';
import { isStoreError, type KyselyStore, type Store } from '../../src/store/index.js';
import type { KohiEntryInput, Office } from '../../src/contract/types.js';
import { engines, newPharmacy } from './engines.js';

const ACTOR = 'user-clerk';
const office = (store: Store): Promise<Office> => newPharmacy(store, ACTOR);

async function refusal(
  p: Promise<unknown>,
  code: 'invalid' | 'conflict',
): Promise<{ path: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    if (!isStoreError(e)) throw e;
    expect(e.code).toBe(code);
    return e.problems;
  }
  throw new Error('expected the store to refuse the input');
}

const seiho = (patientId: string, over: Partial<KohiEntryInput> = {}): KohiEntryInput => ({
  patientId,
  law: '12',
  payerNumber: '12131017',
  recipientNumber: '1234566',
  from: '2024-04-01',
  selfPayYen: 300,
  ...over,
});

for (const engine of engines) {
  describe.skipIf(!engine.available)(`公費 records on ${engine.name}`, () => {
    let store: KyselyStore & Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await engine.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    async function patientOf(o: Office, name = '生保 花子') {
      return store.createPatient(
        o.id,
        { name, certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }] },
        ACTOR,
      );
    }

    it('an entry is kept, read back, changed and deleted, each change audited', async () => {
      const o = await office(store);
      const p = await patientOf(o);
      const k = await store.createKohiEntry(o.id, seiho(p.id), ACTOR);
      expect(k).toMatchObject({ ...seiho(p.id), officeId: o.id });
      expect(await store.getKohiEntry(o.id, k.id)).toEqual(k);
      expect(await store.listKohiEntries(o.id, { patientId: p.id })).toEqual([k]);
      const changed = await store.updateKohiEntry(o.id, k.id, { selfPayYen: 0, to: '2024-12-31' }, ACTOR);
      expect(changed).toMatchObject({ selfPayYen: 0, to: '2024-12-31', patientId: p.id });
      await store.deleteKohiEntry(o.id, k.id, ACTOR);
      expect(await store.listKohiEntries(o.id)).toEqual([]);
      const audit = await store.listAudit(o.id, { entity: 'kohi_entry', entityId: k.id });
      expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
    });

    it('KOHI-9: a wrong check digit is refused at its field, in Japanese', async () => {
      const o = await office(store);
      const p = await patientOf(o);
      const problems = await refusal(
        store.createKohiEntry(
          o.id,
          seiho(p.id, { payerNumber: '12131018', recipientNumber: '1234567' }),
          ACTOR,
        ),
        'invalid',
      );
      expect(problems).toEqual([
        { path: 'recipientNumber', message: expect.stringContaining('受給者番号 "1234567" の検証番号') },
        { path: 'payerNumber', message: expect.stringContaining('公費負担者番号 "12131018" の検証番号') },
      ]);
      const law = await refusal(store.createKohiEntry(o.id, seiho(p.id, { law: '54' }), ACTOR), 'invalid');
      expect(law).toEqual([{ path: 'payerNumber', message: expect.stringContaining('法別54と合いません') }]);
    });

    it('KOHI-10: an overlap of one 法別 is refused; back to back, and another 法別, are kept', async () => {
      const o = await office(store);
      const p = await patientOf(o);
      await store.createKohiEntry(o.id, seiho(p.id, { to: '2024-06-30' }), ACTOR);
      const overlap = await refusal(
        store.createKohiEntry(o.id, seiho(p.id, { from: '2024-06-30' }), ACTOR),
        'conflict',
      );
      expect(overlap[0]).toMatchObject({
        path: 'from',
        message: expect.stringContaining('有効期間が重なっています'),
      });
      const next = await store.createKohiEntry(o.id, seiho(p.id, { from: '2024-07-01' }), ACTOR);
      await store.createKohiEntry(
        o.id,
        {
          patientId: p.id,
          law: '54',
          payerNumber: '54016027',
          recipientNumber: '1234566',
          from: '2024-04-01',
          monthlyCapYen: 5000,
        },
        ACTOR,
      );
      // a change into the first entry's period is refused too
      await refusal(store.updateKohiEntry(o.id, next.id, { from: '2024-06-01' }, ACTOR), 'conflict');
      const ended = await refusal(
        store.updateKohiEntry(o.id, next.id, { to: '2024-06-01' }, ACTOR),
        'invalid',
      );
      expect(ended).toEqual([{ path: 'to', message: expect.stringContaining('開始日') }]);
    });

    it('office-scoped: a patient of another office, and another office’s entry, are not reached', async () => {
      const a = await office(store);
      const b = await office(store);
      const pa = await patientOf(a);
      const problems = await refusal(store.createKohiEntry(b.id, seiho(pa.id), ACTOR), 'invalid');
      expect(problems[0]!.path).toBe('patientId');
      const k = await store.createKohiEntry(a.id, seiho(pa.id), ACTOR);
      expect(await store.getKohiEntry(b.id, k.id)).toBeNull();
      expect(await store.listKohiEntries(b.id)).toEqual([]);
      await expect(store.deleteKohiEntry(b.id, k.id, ACTOR)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('KOHI-5: the month’s amount paid elsewhere, one row per month and 法別, audited', async () => {
      const o = await office(store);
      const p = await patientOf(o);
      const m = await store.createKohiMonth(
        o.id,
        { patientId: p.id, month: '2024-07', law: '54', paidElsewhereYen: 4500 },
        ACTOR,
      );
      expect(await store.listKohiMonths(o.id, { month: '2024-07' })).toEqual([m]);
      const again = await refusal(
        store.createKohiMonth(
          o.id,
          { patientId: p.id, month: '2024-07', law: '54', paidElsewhereYen: 1 },
          ACTOR,
        ),
        'conflict',
      );
      expect(again[0]!.path).toBe('month');
      expect(await store.updateKohiMonth(o.id, m.id, { paidElsewhereYen: 4000 }, ACTOR)).toMatchObject({
        paidElsewhereYen: 4000,
      });
      const bad = await refusal(
        store.createKohiMonth(
          o.id,
          { patientId: p.id, month: '2024-08', law: '54', paidElsewhereYen: -1 },
          ACTOR,
        ),
        'invalid',
      );
      expect(bad).toEqual([
        { path: 'paidElsewhereYen', message: expect.stringContaining('他の医療機関等で支払った額') },
      ]);
      expect((await store.listAudit(o.id, { entity: 'kohi_month' })).length).toBe(2);
    });

    it('the month’s input carries the entries in force and the amount paid elsewhere to the engine', async () => {
      const o = await office(store);
      const s = await patientOf(o, '生保 一郎');
      const n = await patientOf(o, '難病 次郎');
      await store.createKohiEntry(o.id, seiho(s.id), ACTOR);
      await store.createKohiEntry(o.id, seiho(s.id, { from: '2023-01-01', to: '2023-12-31' }), ACTOR); // not in force
      await store.createKohiEntry(
        o.id,
        {
          patientId: n.id,
          law: '54',
          payerNumber: '54016027',
          recipientNumber: '1234566',
          from: '2024-04-01',
          monthlyCapYen: 5000,
        },
        ACTOR,
      );
      await store.createKohiMonth(
        o.id,
        { patientId: n.id, month: '2024-07', law: '54', paidElsewhereYen: 4500 },
        ACTOR,
      );
      await store.createKohiMonth(
        o.id,
        { patientId: n.id, month: '2024-06', law: '54', paidElsewhereYen: 1000 },
        ACTOR,
      );
      for (const p of [s, n])
        for (const date of ['2024-07-05', '2024-07-19'])
          await store.createVisit(
            o.id,
            { kind: 'kyotaku', patientId: p.id, date, profession: 'pharmacist', reported: true },
            ACTOR,
          );
      const input = await monthInput(store, o.id, '2024-07', 'flag');
      const of = (id: string) => input.patients.find((x) => x.id === id)!;
      expect(of(s.id).kohi).toEqual([
        {
          law: '12',
          payerNumber: '12131017',
          recipientNumber: '1234566',
          from: '2024-04-01',
          selfPayYen: 300,
        },
      ]);
      expect(of(n.id).kohi).toEqual([
        {
          law: '54',
          payerNumber: '54016027',
          recipientNumber: '1234566',
          from: '2024-04-01',
          monthlyCapYen: 5000,
          paidElsewhereYen: 4500,
        },
      ]);
      const out = calculate(input);
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      const claim = (id: string) => out.result.claims.find((c) => c.patientId === id)!;
      expect(claim(s.id)).toMatchObject({ insurer: 9324, copay: 300 });
      expect(claim(n.id)).toMatchObject({ insurer: 9324, copay: 500 });
    });
  });
}
