// What every repository of the store shares: the connection, small value helpers, the audit row written
// with every change (in the change's transaction), office-scoped row access, and the one helper for the
// records that are only created, changed and deleted (staff, buildings).
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { formatPath, type InputProblem } from '../../core/validate.js';
import { check } from '../../contract/schemas.js';
import type { ActorId, AuditEntity, AuditEntry, Office } from '../../contract/types.js';
import { insertAuditRows } from '../chain.js';
import type { DB, Engine } from '../db.js';
import { parseOrThrow, StoreError, type StoreHooks } from '../store.js';
import { officeFromRow, staffFromRow } from './rows.js';
import type { OfficeRecords } from '../../contract/references.js';
import { chunks, compact, json, notFound, now, omit, OWNED_KEYS } from './util.js';

/** A connection or an open transaction. */
export type Db = Kysely<DB> | Transaction<DB>;

/** What a repository is made with. */
export interface StoreContext {
  engine: Engine;
  db: Kysely<DB>;
  hooks: StoreHooks;
}

/**
 * Inputs checked against their schema, all or nothing: each problem's path is the field's, behind the
 * input's index in the list when `indexed` (a bulk write: `[3].date`).
 */
export function parseEach<T>(
  schema: z.ZodType<T>,
  raws: readonly unknown[],
  what: string,
  indexed: boolean,
): T[] {
  const problems: InputProblem[] = [];
  const out: T[] = [];
  raws.forEach((raw, i) => {
    const r = check(schema, raw);
    if (r.ok) {
      out.push(r.value);
      return;
    }
    for (const p of r.problems) {
      const path = indexed
        ? formatPath([i]) + (p.path ? (p.path.startsWith('[') ? p.path : `.${p.path}`) : '')
        : p.path;
      problems.push({ path, message: p.message });
    }
  });
  if (problems.length) throw new StoreError('invalid', `${what}の入力に誤りがあります`, problems);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The audit log: one row per change, in the change's transaction (append-only: see migrations/), each
// row chained after its office's last (../chain.ts).

/** An audit row as a change writes it (the store numbers and times it). */
export type AuditInput = Omit<AuditEntry, 'seq' | 'at'>;

/** Audit rows of a change or a bulk change: multi-row inserts, in the change's transaction. */
export async function audit(db: Db, change: AuditInput | readonly AuditInput[]): Promise<void> {
  const at = now();
  const entries: readonly AuditInput[] = Array.isArray(change) ? change : [change as AuditInput];
  const rows = entries.map((e) => ({
    office_id: e.officeId,
    at,
    actor: e.actor,
    entity: e.entity,
    entity_id: e.entityId,
    action: e.action,
    before_json: e.before === null || e.before === undefined ? null : json(e.before),
    after_json: e.after === null || e.after === undefined ? null : json(e.after),
  }));
  await insertAuditRows(db, rows);
}

/** The audit rows of records just created (nothing before, the record after). */
export function created(
  officeId: string,
  actor: ActorId,
  entity: AuditEntity,
  records: readonly { id: string }[],
): AuditInput[] {
  return records.map((r) => ({
    officeId,
    actor,
    entity,
    entityId: r.id,
    action: 'create',
    before: null,
    after: r,
  }));
}

// ---------------------------------------------------------------------------------------------------
// Office-scoped rows: every office-owned table has office_id first in its key.

/** The tables whose rows are one record each, keyed by (office_id, id). */
export type OfficeTable =
  'staff' | 'buildings' | 'patients' | 'visits' | 'care_reports' | 'kohi_entries' | 'kohi_months';

// The helpers below are written once for any of these tables; Kysely types them on one of them.
type AnyOfficeTable = 'staff';

/** The row of the office with this id, or undefined (a row of another office is not found). */
export async function findRow<T extends OfficeTable>(
  db: Db,
  table: T,
  officeId: string,
  id: string,
): Promise<DB[T] | undefined> {
  const r = await db
    .selectFrom(table as AnyOfficeTable)
    .selectAll()
    .where('office_id', '=', officeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r as DB[T] | undefined;
}

/** The rows of the office with these ids (in chunks under the engines' parameter limits). */
export async function findRows<T extends OfficeTable>(
  db: Db,
  table: T,
  officeId: string,
  ids: readonly string[],
): Promise<DB[T][]> {
  const out: DB[T][] = [];
  for (const c of chunks([...new Set(ids)], 1)) {
    const rows = await db
      .selectFrom(table as AnyOfficeTable)
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', 'in', c)
      .execute();
    out.push(...(rows as DB[T][]));
  }
  return out;
}

/** Whether a row of the office has `column = value` (a record still in use). */
export async function anyRow(
  db: Db,
  table: 'visits' | 'care_reports' | 'residences',
  officeId: string,
  column: 'staff_id' | 'patient_id' | 'building_id',
  value: string,
): Promise<boolean> {
  const r = await db
    .selectFrom(table as 'visits')
    .select('office_id')
    .where('office_id', '=', officeId)
    .where(column as 'staff_id', '=', value)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateRow<T extends OfficeTable>(
  db: Db,
  table: T,
  officeId: string,
  id: string,
  set: Partial<DB[T]>,
): Promise<void> {
  await db
    .updateTable(table as AnyOfficeTable)
    .set(set as Partial<DB[AnyOfficeTable]>)
    .where('office_id', '=', officeId)
    .where('id', '=', id)
    .execute();
}

export async function deleteRow(db: Db, table: OfficeTable, officeId: string, id: string): Promise<void> {
  await db
    .deleteFrom(table as AnyOfficeTable)
    .where('office_id', '=', officeId)
    .where('id', '=', id)
    .execute();
}

/** A row's columns that an update sets: all but its key and creation stamp. */
export function changedColumns<R extends { office_id: string; id: string; created_at: string }>(
  row: R,
): Omit<R, 'office_id' | 'id' | 'created_at'> {
  const { office_id: _o, id: _i, created_at: _c, ...set } = row;
  return set;
}

export async function loadOffice(db: Db, officeId: string): Promise<Office | null> {
  const r = await db.selectFrom('offices').selectAll().where('id', '=', officeId).executeTakeFirst();
  return r ? officeFromRow(r) : null;
}

export async function requireOffice(db: Db, officeId: string): Promise<Office> {
  const o = await loadOffice(db, officeId);
  if (!o) throw notFound('事業所', officeId);
  return o;
}

/** The office's patients and staff of these ids, for referenceProblems. */
export async function officeRecords(
  db: Db,
  officeId: string,
  patientIds: readonly string[],
  staffIds: readonly string[],
): Promise<OfficeRecords> {
  const patients = new Set((await findRows(db, 'patients', officeId, patientIds)).map((r) => r.id));
  const staff = new Map(
    (await findRows(db, 'staff', officeId, staffIds)).map((r) => [r.id, staffFromRow(r)]),
  );
  return { hasPatient: (id) => patients.has(id), staff: (id) => staff.get(id) };
}

/** The stamps of a new record. */
export type NewStamps = { id: string; officeId: string; createdAt: string; updatedAt: string };

export interface Creation<I, T> {
  entity: AuditEntity;
  /** The inputs' references checked in the transaction (each with its path prefix: `[3]` in a bulk write). */
  check?(db: Db, list: { input: I; prefix: (string | number)[] }[]): Promise<void>;
  make(input: I, stamps: NewStamps): T;
  insert(db: Db, records: T[]): Promise<void>;
}

/** New records of the office and their audit rows, all in one transaction (or none). */
export function createAll<I, T extends { id: string }>(
  ctx: StoreContext,
  officeId: string,
  inputs: readonly I[],
  actor: ActorId,
  indexed: boolean,
  c: Creation<I, T>,
): Promise<T[]> {
  return ctx.db.transaction().execute(async (trx) => {
    await requireOffice(trx, officeId);
    await c.check?.(
      trx,
      inputs.map((input, i) => ({ input, prefix: indexed ? [i] : [] })),
    );
    const t = now();
    const records = inputs.map((input) =>
      c.make(input, { id: randomUUID(), officeId, createdAt: t, updatedAt: t }),
    );
    // A large import in batches, a turn of the event loop between them (the transaction stays open:
    // all or nothing; reads go on meanwhile, on the store's readers).
    for (let i = 0; i < records.length; i += WRITE_BATCH) {
      if (i > 0) await nextTurn();
      const batch = records.slice(i, i + WRITE_BATCH);
      await c.insert(trx, batch);
      await audit(trx, created(officeId, actor, c.entity, batch));
    }
    return records;
  });
}

/** Records written between two turns of the event loop in a bulk creation. */
export const WRITE_BATCH = 500;

// ---------------------------------------------------------------------------------------------------
// Records that are only created, changed (a patch merged and checked whole) and deleted, with their
// audit rows: staff and buildings.

interface Owned {
  id: string;
  officeId: string;
  createdAt: string;
  updatedAt: string;
}

interface OwnedRow {
  office_id: string;
  id: string;
  created_at: string;
}

export interface EntityTable<T extends Owned, I extends object, R extends OwnedRow> {
  table: OfficeTable;
  entity: AuditEntity;
  /** What the clerk calls it (messages): 職員, 建物. */
  what: string;
  input: z.ZodType<I>;
  patch: z.ZodType<Partial<I>>;
  fromRow(r: R): T;
  toRow(t: T): R;
  /** Why the record may not be deleted while other records name it (a conflict), or undefined. */
  inUse?(db: Db, officeId: string, id: string): Promise<string | undefined>;
}

export interface EntityCrud<T, I> {
  get(officeId: string, id: string): Promise<T | null>;
  create(officeId: string, raw: I, actor: ActorId): Promise<T>;
  update(officeId: string, id: string, rawPatch: Partial<I>, actor: ActorId): Promise<T>;
  remove(officeId: string, id: string, actor: ActorId): Promise<void>;
}

export function entityCrud<T extends Owned, I extends object, R extends OwnedRow>(
  ctx: StoreContext,
  e: EntityTable<T, I, R>,
): EntityCrud<T, I> {
  const find = async (db: Db, officeId: string, id: string): Promise<T | undefined> => {
    const r = (await findRow(db, e.table, officeId, id)) as R | undefined;
    return r ? e.fromRow(r) : undefined;
  };
  return {
    async get(officeId, id) {
      return (await find(ctx.db, officeId, id)) ?? null;
    },
    async create(officeId, raw, actor) {
      const input = parseOrThrow(e.input, raw, e.what);
      const [rec] = await createAll(ctx, officeId, [input], actor, false, {
        entity: e.entity,
        make: (i, stamps) => compact({ ...i, ...stamps }) as unknown as T,
        insert: async (db, recs) => {
          await db
            .insertInto(e.table as AnyOfficeTable)
            .values(recs.map((r) => e.toRow(r) as unknown as DB[AnyOfficeTable]))
            .execute();
        },
      });
      return rec!;
    },
    async update(officeId, id, rawPatch, actor) {
      const patch = parseOrThrow(e.patch, rawPatch, e.what);
      return ctx.db.transaction().execute(async (trx) => {
        const before = await find(trx, officeId, id);
        if (!before) throw notFound(e.what, id);
        const merged = parseOrThrow(e.input, { ...omit(before, OWNED_KEYS), ...patch }, e.what);
        const after = compact({
          ...merged,
          id,
          officeId,
          createdAt: before.createdAt,
          updatedAt: now(),
        }) as unknown as T;
        await updateRow(trx, e.table, officeId, id, changedColumns(e.toRow(after)) as never);
        await audit(trx, {
          officeId,
          actor,
          entity: e.entity,
          entityId: id,
          action: 'update',
          before,
          after,
        });
        return after;
      });
    },
    async remove(officeId, id, actor) {
      await ctx.db.transaction().execute(async (trx) => {
        const before = await find(trx, officeId, id);
        if (!before) throw notFound(e.what, id);
        const used = await e.inUse?.(trx, officeId, id);
        if (used) throw new StoreError('conflict', used);
        await deleteRow(trx, e.table, officeId, id);
        await audit(trx, {
          officeId,
          actor,
          entity: e.entity,
          entityId: id,
          action: 'delete',
          before,
          after: null,
        });
      });
    },
  };
}
