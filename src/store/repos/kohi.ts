// 公費 (docs/kohi.md) as records: a patient's dated 公費 entries (kohi_entries) and what a 難病 patient paid
// in a month at other 指定医療機関 (kohi_months). Both are office-scoped, name a patient of the same office,
// and write an audit row with every change. Two entries of one 法別 of a patient may not overlap (KOHI-10);
// one month row per patient, month and 法別.
import {
  kohiEntryInputSchema,
  kohiEntryPatchSchema,
  kohiMonthInputSchema,
  kohiMonthPatchSchema,
} from '../../contract/schemas.js';
import type {
  ActorId,
  KohiEntryInput,
  KohiEntryRecord,
  KohiMonthInput,
  KohiMonthRecord,
} from '../../contract/types.js';
import type { DB } from '../db.js';
import { parseOrThrow, StoreError, type Store } from '../store.js';
import {
  audit,
  changedColumns,
  createAll,
  entityCrud,
  findRow,
  updateRow,
  type Db,
  type StoreContext,
} from './shared.js';
import { compact, notFound, now, omit, OWNED_KEYS } from './util.js';

const FAR = '9999-12-31';

export function kohiEntryFromRow(r: DB['kohi_entries']): KohiEntryRecord {
  return compact({
    id: r.id,
    officeId: r.office_id,
    patientId: r.patient_id,
    law: r.law,
    payerNumber: r.payer_number,
    recipientNumber: r.recipient_number,
    from: r.valid_from,
    to: r.valid_to ?? undefined,
    selfPayYen: r.self_pay_yen ?? undefined,
    monthlyCapYen: r.monthly_cap_yen ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

function kohiEntryRow(k: KohiEntryRecord): DB['kohi_entries'] {
  return {
    office_id: k.officeId,
    id: k.id,
    patient_id: k.patientId,
    law: k.law,
    payer_number: k.payerNumber,
    recipient_number: k.recipientNumber,
    valid_from: k.from,
    valid_to: k.to ?? null,
    self_pay_yen: k.selfPayYen ?? null,
    monthly_cap_yen: k.monthlyCapYen ?? null,
    created_at: k.createdAt,
    updated_at: k.updatedAt,
  };
}

export function kohiMonthFromRow(r: DB['kohi_months']): KohiMonthRecord {
  return {
    id: r.id,
    officeId: r.office_id,
    patientId: r.patient_id,
    month: r.month,
    law: r.law,
    paidElsewhereYen: Number(r.paid_elsewhere_yen),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function kohiMonthRow(k: KohiMonthRecord): DB['kohi_months'] {
  return {
    office_id: k.officeId,
    id: k.id,
    patient_id: k.patientId,
    month: k.month,
    law: k.law,
    paid_elsewhere_yen: k.paidElsewhereYen,
    created_at: k.createdAt,
    updated_at: k.updatedAt,
  };
}

/** The patient must be the office's own (a patient of another office is not found). */
async function requirePatient(db: Db, officeId: string, patientId: string): Promise<void> {
  if (!(await findRow(db, 'patients', officeId, patientId))) {
    throw new StoreError('invalid', '公費の入力に誤りがあります', [
      { path: 'patientId', message: `利用者 "${patientId}" はこの事業所にいません` },
    ]);
  }
}

/** KOHI-10: no other entry of the patient's 法別 overlaps this one. */
async function checkOverlap(db: Db, k: KohiEntryInput & { id?: string }, officeId: string): Promise<void> {
  const others = await db
    .selectFrom('kohi_entries')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('patient_id', '=', k.patientId)
    .where('law', '=', k.law)
    .execute();
  const clash = others.find(
    (o) => o.id !== k.id && o.valid_from <= (k.to ?? FAR) && k.from <= (o.valid_to ?? FAR),
  );
  if (clash) {
    throw new StoreError('conflict', '公費の有効期間が重なっています（KOHI-10）', [
      {
        path: 'from',
        message: `法別${k.law} の公費（${clash.valid_from}〜${clash.valid_to ?? ''}）と有効期間が重なっています（同じ法別は期間を分けて1件ずつ登録してください）`,
      },
    ]);
  }
}

/** One month row per patient, month and 法別. */
async function checkMonthUnique(db: Db, k: KohiMonthInput & { id?: string }, officeId: string) {
  const same = await db
    .selectFrom('kohi_months')
    .select('id')
    .where('office_id', '=', officeId)
    .where('patient_id', '=', k.patientId)
    .where('month', '=', k.month)
    .where('law', '=', k.law)
    .executeTakeFirst();
  if (same && same.id !== k.id) {
    throw new StoreError('conflict', `${k.month} の法別${k.law} の支払額はもう登録されています`, [
      { path: 'month', message: `${k.month} の法別${k.law} は登録済みです（その行を直してください）` },
    ]);
  }
}

type KohiMethods =
  | 'listKohiEntries'
  | 'getKohiEntry'
  | 'createKohiEntry'
  | 'updateKohiEntry'
  | 'deleteKohiEntry'
  | 'listKohiMonths'
  | 'createKohiMonth'
  | 'updateKohiMonth'
  | 'deleteKohiMonth';

export function kohiRepo(ctx: StoreContext): Pick<Store, KohiMethods> {
  const entries = entityCrud(ctx, {
    table: 'kohi_entries',
    entity: 'kohi_entry',
    what: '公費',
    input: kohiEntryInputSchema,
    patch: kohiEntryPatchSchema,
    fromRow: kohiEntryFromRow,
    toRow: kohiEntryRow,
  });
  const months = entityCrud(ctx, {
    table: 'kohi_months',
    entity: 'kohi_month',
    what: '公費の月の支払額',
    input: kohiMonthInputSchema,
    patch: kohiMonthPatchSchema,
    fromRow: kohiMonthFromRow,
    toRow: kohiMonthRow,
  });

  /** An update checked whole (the patch merged) and against the other rows, in one transaction. */
  async function updateChecked<T extends { id: string; officeId: string; createdAt: string }, I, R>(
    officeId: string,
    id: string,
    table: 'kohi_entries' | 'kohi_months',
    what: string,
    entity: 'kohi_entry' | 'kohi_month',
    parse: (raw: unknown) => I,
    fromRow: (r: never) => T,
    toRow: (t: T) => R,
    guard: (db: Db, merged: I & { id: string }) => Promise<void>,
    actor: ActorId,
    rawPatch: unknown,
  ): Promise<T> {
    return ctx.db.transaction().execute(async (trx) => {
      const row = await findRow(trx, table, officeId, id);
      if (!row) throw notFound(what, id);
      const before = fromRow(row as never);
      const merged = parse({
        ...omit(before, [...OWNED_KEYS, 'patientId'] as never),
        ...(rawPatch as object),
        patientId: (before as unknown as { patientId: string }).patientId,
      });
      await guard(trx, { ...merged, id });
      const after = compact({
        ...merged,
        id,
        officeId,
        createdAt: before.createdAt,
        updatedAt: now(),
      }) as unknown as T;
      await updateRow(trx, table, officeId, id, changedColumns(toRow(after) as never) as never);
      await audit(trx, { officeId, actor, entity, entityId: id, action: 'update', before, after });
      return after;
    });
  }

  return {
    async listKohiEntries(officeId, query = {}) {
      let q = ctx.db.selectFrom('kohi_entries').selectAll().where('office_id', '=', officeId);
      if (query.patientId !== undefined) q = q.where('patient_id', '=', query.patientId);
      const rows = await q.orderBy('patient_id').orderBy('law').orderBy('valid_from').orderBy('id').execute();
      return rows.map(kohiEntryFromRow);
    },
    getKohiEntry: entries.get,
    async createKohiEntry(officeId, raw, actor) {
      const input = parseOrThrow(kohiEntryInputSchema, raw, '公費');
      const [rec] = await createAll(ctx, officeId, [input], actor, false, {
        entity: 'kohi_entry',
        async check(db) {
          await requirePatient(db, officeId, input.patientId);
          await checkOverlap(db, input, officeId);
        },
        make: (i, stamps) => compact({ ...i, ...stamps }),
        insert: async (db, recs) => {
          await db.insertInto('kohi_entries').values(recs.map(kohiEntryRow)).execute();
        },
      });
      return rec!;
    },
    updateKohiEntry: (officeId, id, rawPatch, actor) => {
      parseOrThrow(kohiEntryPatchSchema, rawPatch, '公費');
      return updateChecked(
        officeId,
        id,
        'kohi_entries',
        '公費',
        'kohi_entry',
        (raw) => parseOrThrow(kohiEntryInputSchema, raw, '公費'),
        kohiEntryFromRow,
        kohiEntryRow,
        (db, merged) => checkOverlap(db, merged, officeId),
        actor,
        rawPatch,
      );
    },
    deleteKohiEntry: entries.remove,

    async listKohiMonths(officeId, query = {}) {
      let q = ctx.db.selectFrom('kohi_months').selectAll().where('office_id', '=', officeId);
      if (query.patientId !== undefined) q = q.where('patient_id', '=', query.patientId);
      if (query.month !== undefined) q = q.where('month', '=', query.month);
      const rows = await q.orderBy('patient_id').orderBy('month').orderBy('law').execute();
      return rows.map(kohiMonthFromRow);
    },
    async createKohiMonth(officeId, raw, actor) {
      const input = parseOrThrow(kohiMonthInputSchema, raw, '公費の月の支払額');
      const [rec] = await createAll(ctx, officeId, [input], actor, false, {
        entity: 'kohi_month',
        async check(db) {
          await requirePatient(db, officeId, input.patientId);
          await checkMonthUnique(db, input, officeId);
        },
        make: (i, stamps) => compact({ ...i, ...stamps }),
        insert: async (db, recs) => {
          await db.insertInto('kohi_months').values(recs.map(kohiMonthRow)).execute();
        },
      });
      return rec!;
    },
    updateKohiMonth: (officeId, id, rawPatch, actor) => {
      parseOrThrow(kohiMonthPatchSchema, rawPatch, '公費の月の支払額');
      return updateChecked(
        officeId,
        id,
        'kohi_months',
        '公費の月の支払額',
        'kohi_month',
        (raw) => parseOrThrow(kohiMonthInputSchema, raw, '公費の月の支払額'),
        kohiMonthFromRow,
        kohiMonthRow,
        (db, merged) => checkMonthUnique(db, merged, officeId),
        actor,
        rawPatch,
      );
    },
    deleteKohiMonth: months.remove,
  };
}
