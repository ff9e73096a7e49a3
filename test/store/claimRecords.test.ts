// The records the claim file needs (claim-file.md "Input the file needs") on both engines: the 被保険者証's
// 保険者番号 (with its check digit, the core's one check) and 被保険者番号, 生年月日, 性別, and the dated
// care-plan history (a 居宅介護支援事業所 / 地域包括支援センター with its 事業所番号, or セルフプラン); each
// refusal names the field in Japanese; the month's input carries them to the engine as of the month; the
// audit row of a claim file made from a version, and only of the office's own version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMonth, monthInput } from '../../src/app/index.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../src/contract/officeNumber.js';
import { isStoreError, type KyselyStore, type Store } from '../../src/store/index.js';
import type { ClaimFileRecord, Office, PatientInput } from '../../src/contract/types.js';
import { engines, newPharmacy } from './engines.js';

const ACTOR = 'user-clerk';
const NERIMA = withInsurerCheckDigit('13120'); // 131201
const KYOTAKU = withCheckDigit('131200501'); // a 居宅介護支援事業所

const office = (store: Store): Promise<Office> => newPharmacy(store, ACTOR);

async function problemsOf(p: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    if (!isStoreError(e)) throw e;
    expect(e.code).toBe('invalid');
    return e.problems;
  }
  throw new Error('expected the store to refuse the input');
}

const complete: PatientInput = {
  name: '青木 正雄',
  insurerNumber: NERIMA,
  insuredNumber: '1300001000',
  birthDate: '1928-01-01',
  sex: 'male',
  certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
  carePlans: [
    { maker: 'self', from: '2024-04-01', to: '2024-06-30' },
    { maker: 'office', officeNumber: KYOTAKU, officeName: '居宅介護支援事業所 ねりま', from: '2024-07-01' },
  ],
};

for (const engine of engines) {
  describe.skipIf(!engine.available)(`the claim file's records on ${engine.name}`, () => {
    let store: KyselyStore & Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await engine.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    it('保険者番号, 被保険者番号, 生年月日, 性別 and the care-plan history are kept, read back and audited', async () => {
      const o = await office(store);
      const p = await store.createPatient(o.id, complete, ACTOR);
      const read = (await store.getPatient(o.id, p.id))!;
      expect(read).toMatchObject({
        insurerNumber: NERIMA,
        insuredNumber: '1300001000',
        birthDate: '1928-01-01',
        sex: 'male',
        carePlans: complete.carePlans,
      });
      expect((await store.listPatients(o.id))[0]!.carePlans).toEqual(complete.carePlans);
      const [created] = await store.listAudit(o.id, { entity: 'patient', entityId: p.id });
      expect((created!.after as PatientInput).carePlans).toEqual(complete.carePlans);

      // A patch of the history replaces it; the other facts stay.
      const changed = await store.updatePatient(
        o.id,
        p.id,
        { carePlans: [{ maker: 'self', from: '2024-04-01' }] },
        ACTOR,
      );
      expect(changed.carePlans).toEqual([{ maker: 'self', from: '2024-04-01' }]);
      expect((await store.getPatient(o.id, p.id))!.insurerNumber).toBe(NERIMA);
      const [update] = await store.listAudit(o.id, { entity: 'patient', entityId: p.id });
      expect(update!.action).toBe('update');
      expect((update!.before as PatientInput).carePlans).toEqual(complete.carePlans);

      // A patient entered without them has none (the file names what is missing).
      const bare = await store.createPatient(o.id, { name: '石川 和子' }, ACTOR);
      expect(bare.carePlans).toEqual([]);
      expect(bare.insurerNumber).toBeUndefined();
    });

    it('a wrong check digit, a short 被保険者番号, a plan without its 事業所番号: refused, each at its field', async () => {
      const o = await office(store);
      const wrongDigit = NERIMA.slice(0, 5) + String((Number(NERIMA[5]) + 1) % 10);
      expect(
        await problemsOf(store.createPatient(o.id, { name: 'A', insurerNumber: wrongDigit }, ACTOR)),
      ).toEqual([
        {
          path: 'insurerNumber',
          message: `"${wrongDigit}" は保険者番号の検証番号（6桁目）が合いません（被保険者証の保険者番号を確かめてください）`,
        },
      ]);
      expect(
        await problemsOf(store.createPatient(o.id, { name: 'A', insurerNumber: '13120' }, ACTOR)),
      ).toEqual([
        {
          path: 'insurerNumber',
          message: '"13120" は保険者番号ではありません（被保険者証の保険者番号6桁を数字で入力してください）',
        },
      ]);
      expect(
        await problemsOf(store.createPatient(o.id, { name: 'A', insuredNumber: '130000100' }, ACTOR)),
      ).toEqual([
        {
          path: 'insuredNumber',
          message:
            '"130000100" は被保険者番号ではありません（被保険者証の被保険者番号10桁をそのまま入力してください）',
        },
      ]);
      const badPlans = await problemsOf(
        store.createPatient(
          o.id,
          {
            name: 'A',
            carePlans: [
              { maker: 'office', from: '2024-04-01' } as never,
              { maker: 'office', officeNumber: '1312005019', from: '2024-05-01' },
              { maker: 'self', officeNumber: KYOTAKU, from: '2024-06-01' } as never,
              { maker: 'nobody', from: '2024-07-01' } as never,
            ],
          },
          ACTOR,
        ),
      );
      expect(badPlans.map((p) => p.path)).toEqual([
        'carePlans[0].officeNumber',
        'carePlans[1].officeNumber',
        'carePlans[2].officeNumber',
        'carePlans[3].maker',
      ]);
      expect(badPlans[1]!.message).toContain('検証番号');
      expect(badPlans[3]!.message).toContain('self＝セルフプラン');
      // Overlapping periods: one maker per day.
      const overlap = await problemsOf(
        store.createPatient(
          o.id,
          {
            name: 'A',
            carePlans: [
              { maker: 'self', from: '2024-04-01' },
              { maker: 'office', officeNumber: KYOTAKU, from: '2024-07-01' },
            ],
          },
          ACTOR,
        ),
      );
      expect(overlap).toEqual([
        {
          path: 'carePlans[1].from',
          message: expect.stringContaining('期間が carePlans[0]（2024-04-01〜）と重なっています'),
        },
      ]);
      expect(await store.listPatients(o.id)).toEqual([]);
    });

    it('the month input carries them as of the month: the plan in force latest in the month, the 認定有効期間', async () => {
      const o = await office(store);
      const p = await store.createPatient(o.id, complete, ACTOR);
      const bare = await store.createPatient(
        o.id,
        {
          name: '石川 和子',
          insuredNumber: '1300001037',
          certifications: [{ level: 'support1', copay: 1, from: '2024-04-01' }],
        },
        ACTOR,
      );
      for (const id of [p.id, bare.id])
        for (const date of ['2024-06-12', '2024-07-10'])
          await store.createVisit(
            o.id,
            { kind: 'kyotaku', patientId: id, date, profession: 'pharmacist', reported: true },
            ACTOR,
          );
      const july = await monthInput(store, o.id, '2024-07', 'flag');
      const june = await monthInput(store, o.id, '2024-06', 'flag');
      const of = (input: typeof july, id: string) => input.patients.find((x) => x.id === id)!;
      expect(of(july, p.id)).toMatchObject({
        insured: { insurerNumber: NERIMA, number: '1300001000' },
        birthDate: '1928-01-01',
        sex: 'male',
        care: { level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' },
        carePlan: { maker: 'office', officeNumber: KYOTAKU },
      });
      expect(of(june, p.id).carePlan).toEqual({ maker: 'self' });
      // Only the 被保険者番号: no `insured` (both numbers or none); no plan; the period without its end.
      const b = of(july, bare.id);
      expect(b.insured).toBeUndefined();
      expect(b.carePlan).toBeUndefined();
      expect(b.care).toEqual({ level: 'support1', copay: 1, from: '2024-04-01' });
    });

    it("a claim file's audit row: the version it came from, its digest and who made it; another office's version is not found", async () => {
      const a = await office(store);
      const b = await office(store);
      const p = await store.createPatient(a.id, complete, ACTOR);
      await store.createVisit(
        a.id,
        { kind: 'kyotaku', patientId: p.id, date: '2024-07-10', profession: 'pharmacist', reported: true },
        ACTOR,
      );
      const closed = await closeMonth(store, a.id, '2024-07', ACTOR);
      if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
      const file: ClaimFileRecord = {
        versionId: closed.version.id,
        month: '2024-07',
        version: 1,
        submitted: '2024-08',
        fileName: 'K2407000.CSV',
        sha256: 'a'.repeat(64),
        bytes: 400,
        statements: 1,
        units: 518,
        insurer: 4662,
        unconfirmedCodes: [],
      };
      await store.recordClaimFile(a.id, file, ACTOR);
      const [row] = await store.listAudit(a.id, { entity: 'claim_file' });
      expect(row).toMatchObject({
        actor: ACTOR,
        entity: 'claim_file',
        entityId: closed.version.id,
        action: 'create',
        before: null,
        after: file,
      });
      await expect(store.recordClaimFile(b.id, file, ACTOR)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.recordClaimFile(a.id, { ...file, version: 2 }, ACTOR)).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(await store.listAudit(b.id, { entity: 'claim_file' })).toEqual([]);
      expect(await store.listAudit(a.id, { entity: 'claim_file' })).toHaveLength(1);
    });
  });
}
