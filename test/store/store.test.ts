// The store on both engines: records, audit rows for every change, office scoping, effective-dated
// history, the monthly close and its immutable versions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMonth, diffVersions, monthInput } from '../../src/app/index.js';
import { isStoreError, type KyselyStore, type Store, type StoreError } from '../../src/store/index.js';
import type { Office, Patient, VisitInput } from '../../src/contract/types.js';
import { engines, freshOfficeNumber, uniqueName } from './engines.js';

const ADMIN = 'user-admin';

async function office(store: Store, kind: Office['kind'] = 'pharmacy'): Promise<Office> {
  return store.createOffice(
    { number: freshOfficeNumber(), name: `テスト薬局${uniqueName('')}`, kind, region: 'otsu' },
    ADMIN,
  );
}

function kyotaku(patientId: string, date: string, extra: Partial<VisitInput> = {}): VisitInput {
  return {
    kind: 'kyotaku',
    patientId,
    date,
    profession: 'pharmacist',
    reported: true,
    ...extra,
  } as VisitInput;
}

async function expectStoreError(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isStoreError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected a ${code} error`);
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`store on ${engine.name}`, () => {
    let store: KyselyStore & Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await engine.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    it('refuses an office number whose check digit is wrong, naming the field', async () => {
      const number = freshOfficeNumber();
      const wrong = number.slice(0, 9) + String((Number(number[9]) + 1) % 10);
      try {
        await store.createOffice({ number: wrong, name: '誤番号', kind: 'clinic' }, ADMIN);
        throw new Error('accepted');
      } catch (e) {
        expect(isStoreError(e)).toBe(true);
        const problems = (e as { problems: { path: string; message: string }[] }).problems;
        expect(problems[0]?.path).toBe('number');
        expect(problems[0]?.message).toMatch(/検証番号/);
      }
      const o = await store.createOffice({ number, name: '正しい番号', kind: 'clinic' }, ADMIN);
      expect(o.number).toBe(number);
      await expectStoreError(store.createOffice({ number, name: '重複', kind: 'clinic' }, ADMIN), 'conflict');
    });

    it('writes an audit row with before and after for every change', async () => {
      const o = await office(store);
      const staff = await store.createStaff(o.id, { name: '薬剤 花子', profession: 'pharmacist' }, ADMIN);
      const b = await store.createBuilding(
        o.id,
        { name: 'グループホームさくら', kind: 'group_home', dwellings: 18, units: ['1F', '2F'] },
        ADMIN,
      );
      const p = await store.createPatient(
        o.id,
        {
          name: '山田 太郎',
          kana: 'ヤマダ タロウ',
          certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
          residences: [{ kind: 'group_home', buildingId: b.id, unitId: '1F', from: '2024-01-01' }],
        },
        ADMIN,
      );
      const v = await store.createVisit(o.id, kyotaku(p.id, '2024-07-03', { staffId: staff.id }), ADMIN);
      await store.updateStaff(o.id, staff.id, { kana: 'ヤクザイ ハナコ' }, 'clerk-1');
      await store.updateBuilding(o.id, b.id, { dwellings: 20 }, 'clerk-1');
      const p2 = await store.updatePatient(o.id, p.id, { medicalCopay: 1 }, 'clerk-1');
      expect(p2.certifications).toEqual(p.certifications);
      await store.updateVisit(o.id, v.id, kyotaku(p.id, '2024-07-04', { staffId: staff.id }), 'clerk-1');
      await store.updateOffice(o.id, { specialArea: true }, ADMIN);
      await store.deleteVisit(o.id, v.id, 'clerk-2');

      const log = await store.listAudit(o.id, { limit: 1000 });
      const seen = log.map((e) => `${e.entity}:${e.action}`).reverse();
      expect(seen).toEqual([
        'office:create',
        'staff:create',
        'building:create',
        'patient:create',
        'visit:create',
        'staff:update',
        'building:update',
        'patient:update',
        'visit:update',
        'office:update',
        'visit:delete',
      ]);
      const visitUpdate = log.find((e) => e.entity === 'visit' && e.action === 'update')!;
      expect(visitUpdate.actor).toBe('clerk-1');
      expect((visitUpdate.before as { date: string }).date).toBe('2024-07-03');
      expect((visitUpdate.after as { date: string }).date).toBe('2024-07-04');
      const del = log.find((e) => e.action === 'delete')!;
      expect(del.after).toBeNull();
      expect((del.before as { id: string }).id).toBe(v.id);
      expect(log.every((e) => e.officeId === o.id)).toBe(true);
      const patientLog = await store.listAudit(o.id, { entity: 'patient', entityId: p.id });
      expect(patientLog.map((e) => e.action)).toEqual(['update', 'create']);
      expect((patientLog[0]!.before as Patient).medicalCopay).toBeUndefined();
      expect((patientLog[0]!.after as Patient).medicalCopay).toBe(1);
    });

    it('refuses a visit by a staff member of another profession, as a single visit and in a batch, naming the profession', async () => {
      const o = await office(store);
      const p = await store.createPatient(o.id, { name: '五郎' }, ADMIN);
      const doctor = await store.createStaff(o.id, { name: '医師 一郎', profession: 'doctor' }, ADMIN);
      const nurse = await store.createStaff(o.id, { name: '看護 花子', profession: 'nurse' }, ADMIN);
      const one = await store
        .createVisit(o.id, kyotaku(p.id, '2024-07-03', { staffId: doctor.id }), ADMIN)
        .then(
          () => [],
          (e: StoreError) => e.problems,
        );
      expect(one.map((x) => x.path)).toEqual(['profession']);
      expect(one[0]!.message).toContain('医師 一郎');
      const batch = await store
        .createVisits(
          o.id,
          [kyotaku(p.id, '2024-07-03'), kyotaku(p.id, '2024-07-10', { staffId: doctor.id })],
          ADMIN,
        )
        .then(
          () => [],
          (e: StoreError) => e.problems,
        );
      expect(batch.map((x) => x.path)).toEqual(['[1].profession']);
      expect(await store.listVisits(o.id)).toEqual([]);
      // a 看護師 may record a 准看護師's visit
      const assistant = await store.createVisit(
        o.id,
        kyotaku(p.id, '2024-07-03', { profession: 'assistant_nurse', staffId: nurse.id }),
        ADMIN,
      );
      expect(assistant.kind === 'kyotaku' && assistant.staffId).toBe(nurse.id);
    });

    it('refuses bad input with Japanese field messages, and a unit the building does not have', async () => {
      const o = await office(store);
      const b = await store.createBuilding(o.id, { name: 'GH', kind: 'group_home', units: ['東'] }, ADMIN);
      try {
        await store.createPatient(
          o.id,
          {
            name: '',
            certifications: [
              { level: 'care1', copay: 1, from: '2024-04-01', to: '2024-09-30' },
              { level: 'care2', copay: 1, from: '2024-09-01' },
            ],
          },
          ADMIN,
        );
        throw new Error('accepted');
      } catch (e) {
        const problems = (e as { problems: { path: string; message: string }[] }).problems;
        expect(problems.map((x) => x.path)).toEqual(['name', 'certifications[1].from']);
        expect(problems[1]!.message).toMatch(/重なって/);
      }
      try {
        await store.createPatient(
          o.id,
          {
            name: '西',
            residences: [{ kind: 'group_home', buildingId: b.id, unitId: '西', from: '2024-01-01' }],
          },
          ADMIN,
        );
        throw new Error('accepted');
      } catch (e) {
        expect((e as { problems: { path: string }[] }).problems[0]!.path).toBe('residences[0].unitId');
      }
      try {
        await store.createVisits(
          o.id,
          [
            kyotaku('nobody', '2024-07-01'),
            { kind: 'kyotaku', patientId: 'x', date: '2024-02-30' } as VisitInput,
          ],
          ADMIN,
        );
        throw new Error('accepted');
      } catch (e) {
        const paths = (e as { problems: { path: string }[] }).problems.map((x) => x.path);
        expect(paths).toContain('[1].date');
        expect(paths).toContain('[1].profession');
      }
      // all or nothing: one unknown patient refuses the whole batch
      const p = await store.createPatient(o.id, { name: '東' }, ADMIN);
      await expectStoreError(
        store.createVisits(o.id, [kyotaku(p.id, '2024-07-01'), kyotaku('nobody', '2024-07-02')], ADMIN),
        'invalid',
      );
      expect(await store.listVisits(o.id)).toEqual([]);
    });

    it('scopes every method by office: office A can neither read nor change B’s records', async () => {
      const a = await office(store);
      const b = await office(store);
      const bStaff = await store.createStaff(b.id, { name: 'B 職員', profession: 'pharmacist' }, ADMIN);
      const bBuilding = await store.createBuilding(
        b.id,
        { name: 'B 館', kind: 'paid_home', dwellings: 30 },
        ADMIN,
      );
      const bPatient = await store.createPatient(
        b.id,
        {
          name: 'B 利用者',
          certifications: [{ level: 'care1', copay: 1, from: '2024-01-01' }],
          residences: [{ kind: 'paid_home', buildingId: bBuilding.id, from: '2024-01-01' }],
        },
        ADMIN,
      );
      const bVisit = await store.createVisit(
        b.id,
        kyotaku(bPatient.id, '2024-07-10', { staffId: bStaff.id }),
        ADMIN,
      );
      const closed = await closeMonth(store, b.id, '2024-07', ADMIN);
      expect(closed.ok).toBe(true);
      const aPatient = await store.createPatient(a.id, { name: 'A 利用者' }, ADMIN);

      // reads
      expect(await store.getPatient(a.id, bPatient.id)).toBeNull();
      expect(await store.getStaff(a.id, bStaff.id)).toBeNull();
      expect(await store.getBuilding(a.id, bBuilding.id)).toBeNull();
      expect(await store.getVisit(a.id, bVisit.id)).toBeNull();
      expect((await store.listPatients(a.id)).map((p) => p.id)).toEqual([aPatient.id]);
      expect(await store.listStaff(a.id)).toEqual([]);
      expect(await store.listBuildings(a.id)).toEqual([]);
      expect(await store.listVisits(a.id)).toEqual([]);
      expect(await store.listVisits(a.id, { patientId: bPatient.id })).toEqual([]);
      expect(await store.listClaimVersions(a.id)).toEqual([]);
      expect(await store.getClaimVersion(a.id, '2024-07', 1)).toBeNull();
      expect((await store.listAudit(a.id, { limit: 1000 })).some((e) => e.entityId === bPatient.id)).toBe(
        false,
      );
      expect((await monthInput(store, a.id, '2024-07')).records).toEqual([]);
      expect(await store.countPatients(a.id)).toBe(1);
      // changes
      await expectStoreError(
        store.updatePatient(a.id, bPatient.id, { name: '乗っ取り' }, ADMIN),
        'not_found',
      );
      await expectStoreError(store.deletePatient(a.id, bPatient.id, ADMIN), 'not_found');
      await expectStoreError(store.updateStaff(a.id, bStaff.id, { name: 'x' }, ADMIN), 'not_found');
      await expectStoreError(store.deleteStaff(a.id, bStaff.id, ADMIN), 'not_found');
      await expectStoreError(store.updateBuilding(a.id, bBuilding.id, { name: 'x' }, ADMIN), 'not_found');
      await expectStoreError(store.deleteBuilding(a.id, bBuilding.id, ADMIN), 'not_found');
      await expectStoreError(
        store.updateVisit(a.id, bVisit.id, kyotaku(aPatient.id, '2024-07-11'), ADMIN),
        'not_found',
      );
      await expectStoreError(store.deleteVisit(a.id, bVisit.id, ADMIN), 'not_found');
      await expectStoreError(diffVersions(store, a.id, '2024-07', 1, 1), 'not_found');
      // references into B from A's own records
      await expectStoreError(store.createVisit(a.id, kyotaku(bPatient.id, '2024-07-12'), ADMIN), 'invalid');
      await expectStoreError(
        store.createVisits(a.id, [kyotaku(bPatient.id, '2024-07-12')], ADMIN),
        'invalid',
      );
      await expectStoreError(
        store.createVisit(a.id, kyotaku(aPatient.id, '2024-07-12', { staffId: bStaff.id }), ADMIN),
        'invalid',
      );
      await expectStoreError(
        store.updatePatient(
          a.id,
          aPatient.id,
          { residences: [{ kind: 'paid_home', buildingId: bBuilding.id, from: '2024-01-01' }] },
          ADMIN,
        ),
        'invalid',
      );
      // B is untouched
      const still = await store.getPatient(b.id, bPatient.id);
      expect(still?.name).toBe('B 利用者');
      expect((await store.listVisits(b.id)).map((v) => v.id)).toEqual([bVisit.id]);
      // the schema refuses a cross-office reference even past the store's checks
      await expect(
        store.db
          .insertInto('visits')
          .values({
            office_id: a.id,
            id: 'forged',
            patient_id: bPatient.id,
            kind: 'kyotaku',
            date: '2024-07-01',
            month: '2024-07',
            staff_id: null,
            data: '{}',
            created_at: 'x',
            updated_at: 'x',
          })
          .execute(),
      ).rejects.toThrow();
    });

    it('closes July with July’s facts after an August move and a renewed certification (history by effective dates)', async () => {
      const o = await office(store);
      const home12 = await store.createBuilding(
        o.id,
        { name: 'サービス付き高齢者向け住宅 あおば', kind: 'sakoju', dwellings: 40 },
        ADMIN,
      );
      const p = await store.createPatient(
        o.id,
        {
          name: '佐藤 花子',
          certifications: [{ level: 'care1', copay: 1, from: '2023-08-01', to: '2024-07-31' }],
          residences: [{ kind: 'home', from: '2020-01-01' }],
        },
        ADMIN,
      );
      await store.createVisits(
        o.id,
        [
          kyotaku(p.id, '2024-07-05'),
          kyotaku(p.id, '2024-07-19'),
          kyotaku(p.id, '2024-08-02'),
          kyotaku(p.id, '2024-06-20'),
        ],
        ADMIN,
      );
      const v1 = await closeMonth(store, o.id, '2024-07', ADMIN);
      if (!v1.ok) throw new Error(JSON.stringify(v1.problems));
      expect(v1.version.version).toBe(1);

      // August: moved into the building, certification renewed as 要介護2 with 2割.
      await store.updatePatient(
        o.id,
        p.id,
        {
          certifications: [
            { level: 'care1', copay: 1, from: '2023-08-01', to: '2024-07-31' },
            { level: 'care2', copay: 2, from: '2024-08-01', to: '2025-07-31' },
          ],
          residences: [
            { kind: 'home', from: '2020-01-01', to: '2024-07-31' },
            { kind: 'sakoju', buildingId: home12.id, from: '2024-08-01' },
          ],
        },
        ADMIN,
      );
      const july = await monthInput(store, o.id, '2024-07');
      expect(july.patients).toHaveLength(1);
      expect(july.patients[0]!.care).toEqual({
        level: 'care1',
        copay: 1,
        from: '2023-08-01',
        to: '2024-07-31',
      });
      expect(july.patients[0]!.residence).toEqual({ kind: 'home' });
      // the month and 2 months of history; August's visit is not in July's input
      expect(july.records.map((r) => ('date' in r ? r.date : ''))).toEqual([
        '2024-06-20',
        '2024-07-05',
        '2024-07-19',
      ]);
      const aug = await monthInput(store, o.id, '2024-08');
      expect(aug.patients[0]!.care).toEqual({
        level: 'care2',
        copay: 2,
        from: '2024-08-01',
        to: '2025-07-31',
      });
      expect(aug.patients[0]!.residence).toEqual({ kind: 'sakoju', buildingId: home12.id, dwellings: 40 });

      const v2 = await closeMonth(store, o.id, '2024-07', ADMIN);
      if (!v2.ok) throw new Error(JSON.stringify(v2.problems));
      expect(v2.version.version).toBe(2);
      expect(v2.version.inputDigest).toBe(v1.version.inputDigest);
      expect(v2.version.result).toEqual(v1.version.result);
    });

    it('keeps every closed version, numbers them, and shows what changed per patient', async () => {
      const o = await office(store);
      const p1 = await store.createPatient(
        o.id,
        { name: '一郎', certifications: [{ level: 'care3', copay: 1, from: '2024-01-01' }] },
        ADMIN,
      );
      const p2 = await store.createPatient(
        o.id,
        { name: '二郎', certifications: [{ level: 'care1', copay: 2, from: '2024-01-01' }] },
        ADMIN,
      );
      await store.createVisits(o.id, [kyotaku(p1.id, '2024-07-02'), kyotaku(p2.id, '2024-07-03')], ADMIN);
      const v1 = await closeMonth(store, o.id, '2024-07', 'clerk-9');
      if (!v1.ok) throw new Error(JSON.stringify(v1.problems));
      expect(v1.version.closedBy).toBe('clerk-9');
      expect(v1.version.scheduleId).toBe('2024-06');
      expect(v1.version.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(v1.version.inputDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(v1.version.claimCount).toBe(2);
      // a second visit for p2 and an unreported one for p1 (refused: K24-2a)
      await store.createVisits(
        o.id,
        [kyotaku(p2.id, '2024-07-17'), kyotaku(p1.id, '2024-07-16', { reported: false })],
        ADMIN,
      );
      const v2 = await closeMonth(store, o.id, '2024-07', 'clerk-9');
      if (!v2.ok) throw new Error(JSON.stringify(v2.problems));
      expect(v2.version.version).toBe(2);
      expect(v2.version.inputDigest).not.toBe(v1.version.inputDigest);

      const list = await store.listClaimVersions(o.id, '2024-07');
      expect(list.map((v) => v.version)).toEqual([2, 1]);
      const again = await store.getClaimVersion(o.id, '2024-07', 1);
      expect(again?.result).toEqual(v1.version.result);
      expect(again?.input).toEqual(v1.version.input);

      const diff = await diffVersions(store, o.id, '2024-07', 1, 2);
      expect(diff.inputChanged).toBe(true);
      const d2 = diff.patients.find((d) => d.patientId === p2.id)!;
      expect(d2.to.units).toBe(d2.from.units * 2);
      expect(d2.to.copay).toBeGreaterThan(d2.from.copay);
      const d1 = diff.patients.find((d) => d.patientId === p1.id)!;
      expect(d1.to).toEqual(d1.from);
      expect(d1.rejectionsAdded.map((r) => r.code)).toEqual(['NO_CARE_MANAGER_REPORT']);
      expect(d1.rejectionsAdded[0]!.rule).toMatch(/^K24-2a/);
      expect(diff.totals.to.yen - diff.totals.from.yen).toBe(d2.to.yen - d2.from.yen);
      const same = await diffVersions(store, o.id, '2024-07', 2, 2);
      expect(same.patients).toEqual([]);

      const closes = await store.listAudit(o.id, { entity: 'claim_version' });
      expect(closes.map((e) => e.action)).toEqual(['close', 'close']);
      expect((closes[0]!.after as { version: number }).version).toBe(2);
    });

    it('refuses UPDATE and DELETE of claim versions and audit rows (append-only triggers)', async () => {
      const o = await office(store);
      const p = await store.createPatient(
        o.id,
        { name: '三郎', certifications: [{ level: 'care1', copay: 1, from: '2024-01-01' }] },
        ADMIN,
      );
      await store.createVisit(o.id, kyotaku(p.id, '2024-07-09'), ADMIN);
      const v = await closeMonth(store, o.id, '2024-07', ADMIN);
      expect(v.ok).toBe(true);
      await expect(
        sql`UPDATE claim_versions SET yen = 0 WHERE office_id = ${o.id}`.execute(store.db),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql`DELETE FROM claim_versions WHERE office_id = ${o.id}`.execute(store.db),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql`UPDATE audit_log SET actor = 'someone' WHERE office_id = ${o.id}`.execute(store.db),
      ).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log WHERE office_id = ${o.id}`.execute(store.db)).rejects.toThrow(
        /append-only/,
      );
      const after = await store.getClaimVersion(o.id, '2024-07', 1);
      expect(after?.totals.yen).toBeGreaterThan(0);
      expect((await store.listAudit(o.id)).every((e) => e.actor === ADMIN)).toBe(true);
    });

    it('returns the engine’s problems in Japanese instead of closing when the records are incomplete (M-11)', async () => {
      const o = await office(store, 'clinic');
      const p = await store.createPatient(o.id, { name: '四郎' }, ADMIN);
      await store.createVisit(o.id, { kind: 'c006', patientId: p.id, date: '2024-07-08', units: 2 }, ADMIN);
      const out = await closeMonth(store, o.id, '2024-07', ADMIN);
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.problems[0]!.message).toMatch(/四郎/);
      expect(await store.listClaimVersions(o.id)).toEqual([]);
    });

    it('K24-2c the close names the staff members (from the staff records, as of the close), not their ids', async () => {
      const o = await office(store);
      const first = await store.createStaff(o.id, { name: '田中 美穂', profession: 'pharmacist' }, ADMIN);
      const second = await store.createStaff(o.id, { name: '伊藤 健', profession: 'pharmacist' }, ADMIN);
      const p = await store.createPatient(
        o.id,
        {
          name: '青木 正雄',
          certifications: [{ level: 'care2', copay: 1, from: '2024-04-01' }],
          residences: [{ kind: 'home', from: '2020-01-01' }],
        },
        ADMIN,
      );
      await store.createVisit(o.id, kyotaku(p.id, '2024-07-03', { staffId: first.id }), ADMIN);
      // a name sent with the visit is not trusted: the staff record's is used
      const v = await store.createVisit(
        o.id,
        kyotaku(p.id, '2024-07-17', { staffId: second.id, staffName: '別の名前' } as Partial<VisitInput>),
        ADMIN,
      );
      const refusalOf = async () => {
        const closed = await closeMonth(store, o.id, '2024-07', ADMIN);
        if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
        const r = closed.version.result.rejections.filter((x) => x.recordId === v.id);
        expect(r.map((x) => `${x.code} ${x.rule}`)).toEqual(['SECOND_PRACTITIONER K24-2c']);
        return { message: r[0]!.message, input: closed.version.input };
      };
      const { message, input } = await refusalOf();
      expect(message).toContain('（田中 美穂）');
      expect(message).toContain('伊藤 健の訪問');
      expect(message).not.toContain(first.id);
      expect(message).not.toContain(second.id);
      expect(message).not.toContain('別の名前');
      const names = input.records.map((r) => (r.kind === 'kyotaku' ? r.staffName : undefined));
      expect(names).toEqual(['田中 美穂', '伊藤 健']);
      // renamed: the next close names the staff member as the record says then
      await store.updateStaff(o.id, second.id, { name: '伊藤 健一' }, ADMIN);
      expect((await refusalOf()).message).toContain('伊藤 健一の訪問');
      // the preview (buildMonthInput) carries the same names
      const preview = await monthInput(store, o.id, '2024-07');
      expect(preview.records.map((r) => (r.kind === 'kyotaku' ? r.staffName : undefined))).toEqual([
        '田中 美穂',
        '伊藤 健一',
      ]);
    });

    it('keeps users’ passwords as scrypt hashes and ends sessions on expiry, logout and password change', async () => {
      const o = await office(store);
      const username = uniqueName('clerk');
      const u = await store.createUser(
        { username, role: 'clerk', officeIds: [o.id], password: 'correct horse' },
        ADMIN,
      );
      expect(u.officeIds).toEqual([o.id]);
      expect(JSON.stringify(u)).not.toMatch(/scrypt/);
      const row = await store.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain('correct horse');
      expect((await store.verifyPassword(username, 'correct horse'))?.id).toBe(u.id);
      expect(await store.verifyPassword(username, 'correct horsE')).toBeNull();
      expect(await store.verifyPassword(`${username}x`, 'correct horse')).toBeNull();
      await expectStoreError(
        store.createUser({ username, role: 'readonly', officeIds: [], password: 'another one' }, ADMIN),
        'conflict',
      );
      await expectStoreError(
        store.createUser(
          { username: uniqueName('u'), role: 'readonly', officeIds: ['nope'], password: 'another one' },
          ADMIN,
        ),
        'invalid',
      );

      const s = await store.createSession(u.id, 60_000);
      expect((await store.getSession(s.token))?.user.username).toBe(username);
      expect(await store.getSession(s.token + 'x')).toBeNull();
      const expired = await store.createSession(u.id, 0);
      expect(await store.getSession(expired.token)).toBeNull();
      await store.updateUser(u.id, { password: 'new password!' }, ADMIN);
      expect(await store.getSession(s.token)).toBeNull();
      expect(await store.verifyPassword(username, 'correct horse')).toBeNull();
      expect((await store.verifyPassword(username, 'new password!'))?.id).toBe(u.id);
      const s2 = await store.createSession(u.id, 60_000);
      await store.deleteSession(s2.token);
      expect(await store.getSession(s2.token)).toBeNull();
      await store.updateUser(u.id, { disabled: true }, ADMIN);
      expect(await store.verifyPassword(username, 'new password!')).toBeNull();

      const log = await store.listAudit('', { entityId: u.id });
      expect(log.map((e) => e.action)).toEqual(['update', 'update', 'create']);
      expect(JSON.stringify(log)).not.toMatch(/scrypt|new password/);
    });
  });
}
