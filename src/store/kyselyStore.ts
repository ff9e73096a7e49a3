// The Store on Kysely: the same code for SQLite and PostgreSQL. Every office-owned query has
// `office_id = ?` in it; every change writes its audit row in the same transaction.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { formatPath, type InputProblem } from '../core/validate.js';
import type { ClaimMonthInput } from '../core/input.js';
import type { ClaimMonthResult } from '../core/result.js';
import { addMonths } from '../core/dates.js';
import {
  isUnchangedCopy,
  normalizeReportText,
  reportPartNames,
  type ReportPart,
  type ReportWarning,
} from '../core/reports.js';
import { creationMonth } from '../contract/reportsRequired.js';
import { referenceProblems, residenceProblems, type OfficeRecords } from '../contract/references.js';
import { num, type Connection, type DB, type Engine } from './db.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import {
  buildingInputSchema,
  buildingPatchSchema,
  careReportInputSchema,
  officeInputSchema,
  officePatchSchema,
  patientInputSchema,
  patientPatchSchema,
  reportSentSchema,
  staffInputSchema,
  staffPatchSchema,
  userInputSchema,
  userPatchSchema,
  visitInputSchema,
} from '../contract/schemas.js';
import {
  parseOrThrow,
  StoreError,
  type AuditQuery,
  type CareReportQuery,
  type ListQuery,
  type MonthRecords,
  type NewClaimVersion,
  type Store,
  type StoreHooks,
  type VisitQuery,
} from './store.js';
import type {
  ActorId,
  AuditAction,
  AuditEntity,
  AuditEntry,
  Building,
  BuildingInput,
  CareReportInput,
  CareReportRecord,
  ClaimVersion,
  ClaimVersionSummary,
  NewSession,
  Office,
  OfficeInput,
  Patient,
  PatientInput,
  Session,
  Staff,
  StaffInput,
  User,
  UserInput,
  UserPatch,
  Visit,
  VisitInput,
} from '../contract/types.js';
import { professionJa } from '../core/labels.js';

type Db = Kysely<DB> | Transaction<DB>;

interface AuditInput {
  officeId: string;
  actor: ActorId;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

const now = (): string => new Date().toISOString();

const json = (v: unknown): string => JSON.stringify(v);

function parse<T>(text: string | null): T {
  return (text === null ? null : JSON.parse(text)) as T;
}

/** Drops undefined fields (JSON documents and audit images stay minimal and stable). */
function compact<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function omit<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

function errorCode(e: unknown): string {
  const x = e as { code?: unknown };
  return typeof x?.code === 'string' ? x.code : '';
}
const isUniqueViolation = (e: unknown): boolean =>
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(errorCode(e));

function notFound(what: string, id: string): StoreError {
  return new StoreError('not_found', `${what}（${id}）が見つかりません`);
}

function clampLimit(limit: number | undefined, dflt: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return dflt;
  return Math.max(1, Math.min(max, Math.floor(limit)));
}

function likePattern(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows per multi-row INSERT, under both engines' bound-parameter limits. */
function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(20_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const OFFICE_DATA_KEYS = [
  'reportsRequiredFrom',
  'region',
  'specialArea',
  'chusankanSmallOffice',
  'careManagerFte',
  'specificOffice',
  'address',
  'phone',
] as const;
const PATIENT_COLUMNS = [
  'name',
  'kana',
  'insuredNumber',
  'birthDate',
  'certifications',
  'residences',
  'stays',
] as const;

export class KyselyStore implements Store {
  readonly engine: Engine;
  readonly db: Kysely<DB>;
  readonly sqlitePath: string | undefined;

  private readonly hooks: StoreHooks;

  constructor(conn: Connection, hooks: StoreHooks = {}) {
    this.engine = conn.engine;
    this.db = conn.db;
    this.sqlitePath = conn.sqlitePath;
    this.hooks = hooks;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // -------------------------------------------------------------------------------------------------
  // Audit

  private audit(db: Db, e: AuditInput): Promise<void> {
    return this.auditMany(db, [e]);
  }

  /** Audit rows of a bulk change: multi-row inserts, in the change's transaction. */
  private async auditMany(db: Db, entries: readonly AuditInput[]): Promise<void> {
    const at = now();
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
    for (const c of chunks(rows, 8)) await db.insertInto('audit_log').values(c).execute();
  }

  async listAudit(officeId: string, query: AuditQuery = {}): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('office_id', '=', officeId);
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(clampLimit(query.limit, 100, 1000))
      .execute();
    return rows.map((r) => ({
      seq: num(r.seq),
      officeId: r.office_id,
      at: r.at,
      actor: r.actor,
      entity: r.entity as AuditEntity,
      entityId: r.entity_id,
      action: r.action as AuditAction,
      before: parse(r.before_json),
      after: parse(r.after_json),
    }));
  }

  // -------------------------------------------------------------------------------------------------
  // Offices

  private officeFromRow(r: DB['offices']): Office {
    const data = parse<Partial<Office>>(r.data);
    return {
      id: r.id,
      number: r.number,
      name: r.name,
      kind: r.kind as Office['kind'],
      ...data,
      // Migration 0003 set it on every row; a row written without it since (an older server during an
      // upgrade) reads as the same default (K24-2a).
      reportsRequiredFrom: data.reportsRequiredFrom ?? creationMonth(r.created_at),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private async loadOffice(db: Db, officeId: string): Promise<Office | null> {
    const r = await db.selectFrom('offices').selectAll().where('id', '=', officeId).executeTakeFirst();
    return r ? this.officeFromRow(r) : null;
  }

  private async requireOffice(db: Db, officeId: string): Promise<Office> {
    const o = await this.loadOffice(db, officeId);
    if (!o) throw notFound('事業所', officeId);
    return o;
  }

  private officeConflict(e: unknown, number: string): never {
    if (isUniqueViolation(e)) {
      throw new StoreError('conflict', '同じ事業所番号の事業所がすでにあります', [
        { path: 'number', message: `事業所番号 ${number} はすでに登録されています` },
      ]);
    }
    throw e;
  }

  async createOffice(raw: OfficeInput, actor: ActorId): Promise<Office> {
    const input = parseOrThrow(officeInputSchema, raw, '事業所');
    const t = now();
    const office: Office = compact({
      id: randomUUID(),
      ...input,
      // K24-2a: a new office bills on the report records from the month it is created, unless told otherwise.
      reportsRequiredFrom: input.reportsRequiredFrom ?? creationMonth(t),
      createdAt: t,
      updatedAt: t,
    });
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('offices')
          .values({
            id: office.id,
            number: office.number,
            name: office.name,
            kind: office.kind,
            data: json(pick(office, OFFICE_DATA_KEYS)),
            created_at: t,
            updated_at: t,
          })
          .execute();
        await this.audit(trx, {
          officeId: office.id,
          actor,
          entity: 'office',
          entityId: office.id,
          action: 'create',
          before: null,
          after: office,
        });
      });
    } catch (e) {
      this.officeConflict(e, office.number);
    }
    return office;
  }

  getOffice(officeId: string): Promise<Office | null> {
    return this.loadOffice(this.db, officeId);
  }

  async listOffices(officeIds?: readonly string[]): Promise<Office[]> {
    if (officeIds && officeIds.length === 0) return [];
    let q = this.db.selectFrom('offices').selectAll();
    if (officeIds) q = q.where('id', 'in', [...officeIds]);
    const rows = await q.orderBy('number').execute();
    return rows.map((r) => this.officeFromRow(r));
  }

  async updateOffice(officeId: string, rawPatch: Partial<OfficeInput>, actor: ActorId): Promise<Office> {
    const patch = parseOrThrow(officePatchSchema, rawPatch, '事業所');
    try {
      return await this.db.transaction().execute(async (trx) => {
        const before = await this.requireOffice(trx, officeId);
        const merged = parseOrThrow(
          officeInputSchema,
          { ...omit(before, ['id', 'createdAt', 'updatedAt']), ...patch },
          '事業所',
        );
        const after: Office = compact({
          ...merged,
          // K24-2a: the setting can be moved to another month, never removed (a patch without it keeps it).
          reportsRequiredFrom: merged.reportsRequiredFrom ?? before.reportsRequiredFrom,
          id: officeId,
          createdAt: before.createdAt,
          updatedAt: now(),
        });
        await trx
          .updateTable('offices')
          .set({
            number: after.number,
            name: after.name,
            kind: after.kind,
            data: json(pick(after, OFFICE_DATA_KEYS)),
            updated_at: after.updatedAt,
          })
          .where('id', '=', officeId)
          .execute();
        await this.audit(trx, {
          officeId,
          actor,
          entity: 'office',
          entityId: officeId,
          action: 'update',
          before,
          after,
        });
        return after;
      });
    } catch (e) {
      this.officeConflict(e, String(patch.number ?? ''));
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Staff

  private staffFromRow(r: DB['staff']): Staff {
    return compact({
      id: r.id,
      officeId: r.office_id,
      name: r.name,
      kana: r.kana ?? undefined,
      profession: r.profession as Staff['profession'],
      ...parse<Partial<Staff>>(r.data),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }

  private staffRow(s: Staff): DB['staff'] {
    return {
      office_id: s.officeId,
      id: s.id,
      name: s.name,
      kana: s.kana ?? null,
      profession: s.profession,
      data: json(pick(s, ['retired'])),
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    };
  }

  async listStaff(officeId: string, query: ListQuery = {}): Promise<Staff[]> {
    let q = this.db.selectFrom('staff').selectAll().where('office_id', '=', officeId);
    if (query.search) {
      const p = likePattern(query.search);
      q = q.where((eb) =>
        eb.or([eb(eb.fn('lower', ['name']), 'like', p), eb(eb.fn('lower', ['kana']), 'like', p)]),
      );
    }
    const rows = await q
      .orderBy('kana')
      .orderBy('name')
      .orderBy('id')
      .limit(clampLimit(query.limit, 10_000, 100_000))
      .offset(query.offset ?? 0)
      .execute();
    return rows.map((r) => this.staffFromRow(r));
  }

  async getStaff(officeId: string, id: string): Promise<Staff | null> {
    const r = await this.db
      .selectFrom('staff')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? this.staffFromRow(r) : null;
  }

  async createStaff(officeId: string, raw: StaffInput, actor: ActorId): Promise<Staff> {
    const input = parseOrThrow(staffInputSchema, raw, '職員');
    return this.db.transaction().execute(async (trx) => {
      await this.requireOffice(trx, officeId);
      const t = now();
      const s: Staff = compact({ ...input, id: randomUUID(), officeId, createdAt: t, updatedAt: t });
      await trx.insertInto('staff').values(this.staffRow(s)).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'staff',
        entityId: s.id,
        action: 'create',
        before: null,
        after: s,
      });
      return s;
    });
  }

  async updateStaff(
    officeId: string,
    id: string,
    rawPatch: Partial<StaffInput>,
    actor: ActorId,
  ): Promise<Staff> {
    const patch = parseOrThrow(staffPatchSchema, rawPatch, '職員');
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('staff')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('職員', id);
      const before = this.staffFromRow(r);
      const merged = parseOrThrow(
        staffInputSchema,
        { ...omit(before, ['id', 'officeId', 'createdAt', 'updatedAt']), ...patch },
        '職員',
      );
      const after: Staff = compact({
        ...merged,
        id,
        officeId,
        createdAt: before.createdAt,
        updatedAt: now(),
      });
      const { office_id: _o, id: _i, created_at: _c, ...set } = this.staffRow(after);
      await trx
        .updateTable('staff')
        .set(set)
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'staff',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async deleteStaff(officeId: string, id: string, actor: ActorId): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('staff')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('職員', id);
      const used = await trx
        .selectFrom('visits')
        .select('id')
        .where('office_id', '=', officeId)
        .where('staff_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (used)
        throw new StoreError('conflict', 'この職員の訪問記録があるため削除できません（退職にしてください）');
      const wrote = await trx
        .selectFrom('care_reports')
        .select('id')
        .where('office_id', '=', officeId)
        .where('staff_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (wrote)
        throw new StoreError(
          'conflict',
          'この職員が書いた情報提供書があるため削除できません（退職にしてください）',
        );
      await trx.deleteFrom('staff').where('office_id', '=', officeId).where('id', '=', id).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'staff',
        entityId: id,
        action: 'delete',
        before: this.staffFromRow(r),
        after: null,
      });
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Buildings

  private buildingFromRow(r: DB['buildings']): Building {
    return compact({
      id: r.id,
      officeId: r.office_id,
      name: r.name,
      kind: r.kind as Building['kind'],
      dwellings: r.dwellings ?? undefined,
      ...parse<Partial<Building>>(r.data),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }

  private buildingRow(b: Building): DB['buildings'] {
    return {
      office_id: b.officeId,
      id: b.id,
      name: b.name,
      kind: b.kind,
      dwellings: b.dwellings ?? null,
      data: json(pick(b, ['address', 'units'])),
      created_at: b.createdAt,
      updated_at: b.updatedAt,
    };
  }

  async listBuildings(officeId: string, query: ListQuery = {}): Promise<Building[]> {
    let q = this.db.selectFrom('buildings').selectAll().where('office_id', '=', officeId);
    if (query.search) q = q.where(sql<string>`lower(name)`, 'like', likePattern(query.search));
    const rows = await q
      .orderBy('name')
      .orderBy('id')
      .limit(clampLimit(query.limit, 10_000, 100_000))
      .offset(query.offset ?? 0)
      .execute();
    return rows.map((r) => this.buildingFromRow(r));
  }

  async getBuilding(officeId: string, id: string): Promise<Building | null> {
    const r = await this.db
      .selectFrom('buildings')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? this.buildingFromRow(r) : null;
  }

  async createBuilding(officeId: string, raw: BuildingInput, actor: ActorId): Promise<Building> {
    const input = parseOrThrow(buildingInputSchema, raw, '建物');
    return this.db.transaction().execute(async (trx) => {
      await this.requireOffice(trx, officeId);
      const t = now();
      const b: Building = compact({ ...input, id: randomUUID(), officeId, createdAt: t, updatedAt: t });
      await trx.insertInto('buildings').values(this.buildingRow(b)).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'building',
        entityId: b.id,
        action: 'create',
        before: null,
        after: b,
      });
      return b;
    });
  }

  async updateBuilding(
    officeId: string,
    id: string,
    rawPatch: Partial<BuildingInput>,
    actor: ActorId,
  ): Promise<Building> {
    const patch = parseOrThrow(buildingPatchSchema, rawPatch, '建物');
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('buildings')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('建物', id);
      const before = this.buildingFromRow(r);
      const merged = parseOrThrow(
        buildingInputSchema,
        { ...omit(before, ['id', 'officeId', 'createdAt', 'updatedAt']), ...patch },
        '建物',
      );
      const after: Building = compact({
        ...merged,
        id,
        officeId,
        createdAt: before.createdAt,
        updatedAt: now(),
      });
      const { office_id: _o, id: _i, created_at: _c, ...set } = this.buildingRow(after);
      await trx
        .updateTable('buildings')
        .set(set)
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'building',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async deleteBuilding(officeId: string, id: string, actor: ActorId): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('buildings')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('建物', id);
      const used = await trx
        .selectFrom('residences')
        .select('patient_id')
        .where('office_id', '=', officeId)
        .where('building_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (used)
        throw new StoreError('conflict', 'この建物に住む（住んでいた）利用者がいるため削除できません');
      await trx.deleteFrom('buildings').where('office_id', '=', officeId).where('id', '=', id).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'building',
        entityId: id,
        action: 'delete',
        before: this.buildingFromRow(r),
        after: null,
      });
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Patients

  /** Patients of the office with their dated history; all of them, or those with the given ids. */
  private async loadPatients(
    db: Db,
    officeId: string,
    ids?: readonly string[],
    query: ListQuery = {},
  ): Promise<Patient[]> {
    let q = db.selectFrom('patients').selectAll().where('office_id', '=', officeId);
    if (ids) {
      if (ids.length === 0) return [];
      q = q.where('id', 'in', [...ids]);
    }
    if (query.search) {
      const p = likePattern(query.search);
      q = q.where((eb) =>
        eb.or([eb(eb.fn('lower', ['name']), 'like', p), eb(eb.fn('lower', ['kana']), 'like', p)]),
      );
    }
    q = q.orderBy('kana').orderBy('name').orderBy('id');
    if (query.limit !== undefined || query.offset !== undefined) {
      q = q.limit(clampLimit(query.limit, 100, 100_000)).offset(query.offset ?? 0);
    }
    const rows = await q.execute();
    if (rows.length === 0) return [];
    // The children of all the office's patients when many are wanted (one scan), else by id.
    const few = rows.length <= 200;
    const wanted = rows.map((r) => r.id);
    const [certs, residences, stays] = await Promise.all([
      (few
        ? db
            .selectFrom('certifications')
            .selectAll()
            .where('office_id', '=', officeId)
            .where('patient_id', 'in', wanted)
        : db.selectFrom('certifications').selectAll().where('office_id', '=', officeId)
      )
        .orderBy('patient_id')
        .orderBy('seq')
        .execute(),
      (few
        ? db
            .selectFrom('residences')
            .selectAll()
            .where('office_id', '=', officeId)
            .where('patient_id', 'in', wanted)
        : db.selectFrom('residences').selectAll().where('office_id', '=', officeId)
      )
        .orderBy('patient_id')
        .orderBy('seq')
        .execute(),
      (few
        ? db
            .selectFrom('stays')
            .selectAll()
            .where('office_id', '=', officeId)
            .where('patient_id', 'in', wanted)
        : db.selectFrom('stays').selectAll().where('office_id', '=', officeId)
      )
        .orderBy('patient_id')
        .orderBy('seq')
        .execute(),
    ]);
    const byPatient = new Map<string, Patient>();
    const out = rows.map((r) => {
      const p: Patient = compact({
        id: r.id,
        officeId: r.office_id,
        name: r.name,
        kana: r.kana ?? undefined,
        insuredNumber: r.insured_number ?? undefined,
        birthDate: r.birth_date ?? undefined,
        ...parse<Partial<Patient>>(r.data),
        certifications: [],
        residences: [],
        stays: [],
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      });
      byPatient.set(p.id, p);
      return p;
    });
    for (const c of certs) {
      byPatient.get(c.patient_id)?.certifications.push(
        compact({
          level: c.level as Patient['certifications'][number]['level'],
          copay: c.copay as 1 | 2 | 3,
          from: c.valid_from,
          to: c.valid_to ?? undefined,
        }),
      );
    }
    for (const x of residences) {
      byPatient.get(x.patient_id)?.residences.push(
        compact({
          kind: x.kind as Patient['residences'][number]['kind'],
          buildingId: x.building_id ?? undefined,
          householdId: x.household_id ?? undefined,
          unitId: x.unit_id ?? undefined,
          from: x.valid_from,
          to: x.valid_to ?? undefined,
        }),
      );
    }
    for (const s of stays) {
      byPatient
        .get(s.patient_id)
        ?.stays.push({ kind: s.kind as 'short_stay' | 'hospital', from: s.valid_from, to: s.valid_to });
    }
    return out;
  }

  listPatients(officeId: string, query: ListQuery = {}): Promise<Patient[]> {
    return this.loadPatients(this.db, officeId, undefined, query);
  }

  async countPatients(officeId: string): Promise<number> {
    const r = await this.db
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('office_id', '=', officeId)
      .executeTakeFirst();
    return num(r?.n as number | string | undefined);
  }

  async getPatient(officeId: string, id: string): Promise<Patient | null> {
    const [p] = await this.loadPatients(this.db, officeId, [id]);
    return p ?? null;
  }

  /** Residence buildings and units must be the office's own (residenceProblems). */
  private async checkResidences(
    db: Db,
    officeId: string,
    list: { p: PatientInput; prefix: (string | number)[] }[],
  ): Promise<void> {
    const buildingIds = new Set<string>();
    for (const { p } of list)
      for (const r of p.residences ?? []) if (r.buildingId) buildingIds.add(r.buildingId);
    if (buildingIds.size === 0) return;
    const rows = await db
      .selectFrom('buildings')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', 'in', [...buildingIds])
      .execute();
    const buildings = new Map(rows.map((r) => [r.id, this.buildingFromRow(r)]));
    const problems = list.flatMap(({ p, prefix }) => residenceProblems(p.residences, buildings, prefix));
    if (problems.length) throw new StoreError('invalid', '利用者の入力に誤りがあります', problems);
  }

  private async insertPatientRows(db: Db, patients: Patient[]): Promise<void> {
    const rows: DB['patients'][] = patients.map((p) => ({
      office_id: p.officeId,
      id: p.id,
      name: p.name,
      kana: p.kana ?? null,
      insured_number: p.insuredNumber ?? null,
      birth_date: p.birthDate ?? null,
      data: json(omit(p, ['id', 'officeId', 'createdAt', 'updatedAt', ...PATIENT_COLUMNS])),
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    }));
    for (const c of chunks(rows, 9)) await db.insertInto('patients').values(c).execute();
    await this.insertPatientChildren(db, patients);
  }

  private async insertPatientChildren(db: Db, patients: Patient[]): Promise<void> {
    const certs: DB['certifications'][] = [];
    const residences: DB['residences'][] = [];
    const stays: DB['stays'][] = [];
    for (const p of patients) {
      const base = { office_id: p.officeId, patient_id: p.id };
      p.certifications.forEach((c, seq) =>
        certs.push({
          ...base,
          seq,
          level: c.level,
          copay: c.copay,
          valid_from: c.from,
          valid_to: c.to ?? null,
        }),
      );
      p.residences.forEach((r, seq) =>
        residences.push({
          ...base,
          seq,
          kind: r.kind,
          building_id: r.buildingId ?? null,
          household_id: r.householdId ?? null,
          unit_id: r.unitId ?? null,
          valid_from: r.from,
          valid_to: r.to ?? null,
        }),
      );
      p.stays.forEach((s, seq) =>
        stays.push({ ...base, seq, kind: s.kind, valid_from: s.from, valid_to: s.to }),
      );
    }
    for (const c of chunks(certs, 7)) await db.insertInto('certifications').values(c).execute();
    for (const c of chunks(residences, 9)) await db.insertInto('residences').values(c).execute();
    for (const c of chunks(stays, 6)) await db.insertInto('stays').values(c).execute();
  }

  private newPatient(officeId: string, input: PatientInput, t: string): Patient {
    return compact({
      ...input,
      certifications: input.certifications ?? [],
      residences: input.residences ?? [],
      stays: input.stays ?? [],
      id: randomUUID(),
      officeId,
      createdAt: t,
      updatedAt: t,
    });
  }

  async createPatient(officeId: string, raw: PatientInput, actor: ActorId): Promise<Patient> {
    const [p] = await this.createPatientsChecked(
      officeId,
      [parseOrThrow(patientInputSchema, raw, '利用者')],
      actor,
      false,
    );
    return p!;
  }

  async createPatients(officeId: string, raws: PatientInput[], actor: ActorId): Promise<Patient[]> {
    const problems: InputProblem[] = [];
    const inputs: PatientInput[] = [];
    raws.forEach((raw, i) => {
      const r = patientInputSchema.safeParse(raw);
      if (r.success) inputs.push(r.data);
      else {
        try {
          parseOrThrow(patientInputSchema, raw, '利用者');
        } catch (e) {
          for (const p of (e as StoreError).problems)
            problems.push({
              path: formatPath([i]) + (p.path ? (p.path.startsWith('[') ? p.path : `.${p.path}`) : ''),
              message: p.message,
            });
        }
      }
    });
    if (problems.length) throw new StoreError('invalid', '利用者の入力に誤りがあります', problems);
    return this.createPatientsChecked(officeId, inputs, actor, true);
  }

  private async createPatientsChecked(
    officeId: string,
    inputs: PatientInput[],
    actor: ActorId,
    indexed: boolean,
  ): Promise<Patient[]> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireOffice(trx, officeId);
      await this.checkResidences(
        trx,
        officeId,
        inputs.map((p, i) => ({ p, prefix: indexed ? [i] : [] })),
      );
      const t = now();
      const patients = inputs.map((input) => this.newPatient(officeId, input, t));
      await this.insertPatientRows(trx, patients);
      await this.auditMany(
        trx,
        patients.map((p) => ({
          officeId,
          actor,
          entity: 'patient',
          entityId: p.id,
          action: 'create',
          before: null,
          after: p,
        })),
      );
      return patients;
    });
  }

  async updatePatient(
    officeId: string,
    id: string,
    rawPatch: Partial<PatientInput>,
    actor: ActorId,
  ): Promise<Patient> {
    const patch = parseOrThrow(patientPatchSchema, rawPatch, '利用者');
    return this.db.transaction().execute(async (trx) => {
      const [before] = await this.loadPatients(trx, officeId, [id]);
      if (!before) throw notFound('利用者', id);
      const merged = parseOrThrow(
        patientInputSchema,
        { ...omit(before, ['id', 'officeId', 'createdAt', 'updatedAt']), ...patch },
        '利用者',
      );
      await this.checkResidences(trx, officeId, [{ p: merged, prefix: [] }]);
      const after: Patient = compact({
        ...merged,
        certifications: merged.certifications ?? [],
        residences: merged.residences ?? [],
        stays: merged.stays ?? [],
        id,
        officeId,
        createdAt: before.createdAt,
        updatedAt: now(),
      });
      await trx
        .updateTable('patients')
        .set({
          name: after.name,
          kana: after.kana ?? null,
          insured_number: after.insuredNumber ?? null,
          birth_date: after.birthDate ?? null,
          data: json(omit(after, ['id', 'officeId', 'createdAt', 'updatedAt', ...PATIENT_COLUMNS])),
          updated_at: after.updatedAt,
        })
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .execute();
      for (const table of ['certifications', 'residences', 'stays'] as const) {
        await trx.deleteFrom(table).where('office_id', '=', officeId).where('patient_id', '=', id).execute();
      }
      await this.insertPatientChildren(trx, [after]);
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'patient',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async deletePatient(officeId: string, id: string, actor: ActorId): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const [before] = await this.loadPatients(trx, officeId, [id]);
      if (!before) throw notFound('利用者', id);
      const used = await trx
        .selectFrom('visits')
        .select('id')
        .where('office_id', '=', officeId)
        .where('patient_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (used) throw new StoreError('conflict', 'この利用者の訪問記録があるため削除できません');
      await trx.deleteFrom('patients').where('office_id', '=', officeId).where('id', '=', id).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'patient',
        entityId: id,
        action: 'delete',
        before,
        after: null,
      });
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Visits

  private visitFromRow(r: DB['visits']): Visit {
    return {
      ...parse<VisitInput>(r.data),
      id: r.id,
      officeId: r.office_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    } as Visit;
  }

  private visitRow(v: Visit): DB['visits'] {
    const { id, officeId, createdAt, updatedAt, ...record } = v;
    return {
      office_id: officeId,
      id,
      patient_id: record.patientId,
      kind: record.kind,
      date: 'date' in record ? record.date : null,
      month: record.kind === 'care_management' ? record.month! : record.date.slice(0, 7),
      staff_id: record.kind === 'kyotaku' ? (record.staffId ?? null) : null,
      data: json(record),
      created_at: createdAt,
      updated_at: updatedAt,
    };
  }

  async listVisits(officeId: string, query: VisitQuery = {}): Promise<Visit[]> {
    let q = this.db.selectFrom('visits').selectAll().where('office_id', '=', officeId);
    if (query.month) q = q.where('month', '=', query.month);
    if (query.from)
      q = q
        .where('month', '>=', query.from.slice(0, 7))
        .where((eb) => eb.or([eb('date', 'is', null), eb('date', '>=', query.from!)]));
    if (query.to)
      q = q
        .where('month', '<=', query.to.slice(0, 7))
        .where((eb) => eb.or([eb('date', 'is', null), eb('date', '<=', query.to!)]));
    if (query.patientId) q = q.where('patient_id', '=', query.patientId);
    if (query.kind) q = q.where('kind', '=', query.kind);
    const rows = await q
      .orderBy('month')
      .orderBy('date')
      .orderBy('created_at')
      .orderBy('id')
      .limit(clampLimit(query.limit, 100_000, 1_000_000))
      .offset(query.offset ?? 0)
      .execute();
    return rows.map((r) => this.visitFromRow(r));
  }

  async getVisit(officeId: string, id: string): Promise<Visit | null> {
    const r = await this.db
      .selectFrom('visits')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? this.visitFromRow(r) : null;
  }

  /** The patients and staff a visit names must be the office's own, the staff of its profession (referenceProblems). */
  private async checkVisitRefs(
    db: Db,
    officeId: string,
    list: { v: VisitInput; prefix: (string | number)[] }[],
  ): Promise<void> {
    const office = await this.officeRecords(
      db,
      officeId,
      list.map(({ v }) => v.patientId),
      list.flatMap(({ v }) => (v.kind === 'kyotaku' && v.staffId ? [v.staffId] : [])),
    );
    const problems = list.flatMap(({ v, prefix }) =>
      referenceProblems(
        v.kind === 'kyotaku'
          ? { patientId: v.patientId, staffId: v.staffId, profession: v.profession }
          : { patientId: v.patientId },
        office,
        { what: '訪問', professionPath: 'profession', prefix },
      ),
    );
    if (problems.length) throw new StoreError('invalid', '訪問記録の入力に誤りがあります', problems);
  }

  /** The office's patients and staff of these ids, for referenceProblems. */
  private async officeRecords(
    db: Db,
    officeId: string,
    patientIds: readonly string[],
    staffIds: readonly string[],
  ): Promise<OfficeRecords> {
    const patients = new Set<string>();
    for (const c of chunks([...new Set(patientIds)], 1)) {
      const rows = await db
        .selectFrom('patients')
        .select('id')
        .where('office_id', '=', officeId)
        .where('id', 'in', c)
        .execute();
      for (const r of rows) patients.add(r.id);
    }
    const staff = new Map<string, Staff>();
    for (const c of chunks([...new Set(staffIds)], 1)) {
      const rows = await db
        .selectFrom('staff')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', 'in', c)
        .execute();
      for (const r of rows) staff.set(r.id, this.staffFromRow(r));
    }
    return { hasPatient: (id) => patients.has(id), staff: (id) => staff.get(id) };
  }

  private parseVisits(raws: readonly unknown[], indexed: boolean): VisitInput[] {
    const problems: InputProblem[] = [];
    const out: VisitInput[] = [];
    raws.forEach((raw, i) => {
      try {
        out.push(parseOrThrow(visitInputSchema, raw, '訪問記録') as VisitInput);
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        for (const p of e.problems) {
          const path = indexed
            ? formatPath([i]) + (p.path ? (p.path.startsWith('[') ? p.path : `.${p.path}`) : '')
            : p.path;
          problems.push({ path, message: p.message });
        }
      }
    });
    if (problems.length) throw new StoreError('invalid', '訪問記録の入力に誤りがあります', problems);
    return out;
  }

  async createVisit(officeId: string, raw: VisitInput, actor: ActorId): Promise<Visit> {
    const [v] = await this.insertVisits(officeId, this.parseVisits([raw], false), actor, false);
    return v!;
  }

  createVisits(officeId: string, raws: VisitInput[], actor: ActorId): Promise<Visit[]> {
    return this.insertVisits(officeId, this.parseVisits(raws, true), actor, true);
  }

  private async insertVisits(
    officeId: string,
    inputs: VisitInput[],
    actor: ActorId,
    indexed: boolean,
  ): Promise<Visit[]> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireOffice(trx, officeId);
      await this.checkVisitRefs(
        trx,
        officeId,
        inputs.map((v, i) => ({ v, prefix: indexed ? [i] : [] })),
      );
      const t = now();
      const visits = inputs.map(
        (v) => ({ ...v, id: randomUUID(), officeId, createdAt: t, updatedAt: t }) as Visit,
      );
      for (const c of chunks(
        visits.map((v) => this.visitRow(v)),
        10,
      ))
        await trx.insertInto('visits').values(c).execute();
      await this.auditMany(
        trx,
        visits.map((v) => ({
          officeId,
          actor,
          entity: 'visit',
          entityId: v.id,
          action: 'create',
          before: null,
          after: v,
        })),
      );
      return visits;
    });
  }

  async updateVisit(officeId: string, id: string, raw: VisitInput, actor: ActorId): Promise<Visit> {
    const [input] = this.parseVisits([raw], false);
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('visits')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('訪問記録', id);
      const before = this.visitFromRow(r);
      if (before.kind !== input!.kind) {
        throw new StoreError('invalid', '記録の種類は変更できません', [
          {
            path: 'kind',
            message: `記録の種類は変更できません（${before.kind}）。削除して登録し直してください`,
          },
        ]);
      }
      await this.checkVisitRefs(trx, officeId, [{ v: input!, prefix: [] }]);
      await this.checkReportedVisitChange(trx, officeId, before, input!);
      const after = { ...input!, id, officeId, createdAt: before.createdAt, updatedAt: now() } as Visit;
      const { office_id: _o, id: _i, created_at: _c, ...set } = this.visitRow(after);
      await trx
        .updateTable('visits')
        .set(set)
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'visit',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async deleteVisit(officeId: string, id: string, actor: ActorId): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('visits')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw notFound('訪問記録', id);
      const report = await this.reportCovering(trx, officeId, id);
      if (report) {
        throw new StoreError(
          'conflict',
          `この訪問は情報提供書（${report.month}、${report.recipientName}宛）に含まれているため削除できません。先に情報提供書から外してください`,
        );
      }
      await trx.deleteFrom('visits').where('office_id', '=', officeId).where('id', '=', id).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'visit',
        entityId: id,
        action: 'delete',
        before: this.visitFromRow(r),
        after: null,
      });
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Reports to the care manager (情報提供書, K24-2a)

  /** A report covering the visit, if any (for the refusals of deleteVisit / updateVisit). */
  private async reportCovering(
    db: Db,
    officeId: string,
    visitId: string,
  ): Promise<{ id: string; month: string; recipientName: string } | undefined> {
    const r = await db
      .selectFrom('care_report_visits as v')
      .innerJoin('care_reports as r', (j) =>
        j.onRef('r.office_id', '=', 'v.office_id').onRef('r.id', '=', 'v.report_id'),
      )
      .select(['r.id', 'r.month', 'r.data'])
      .where('v.office_id', '=', officeId)
      .where('v.visit_id', '=', visitId)
      .limit(1)
      .executeTakeFirst();
    if (!r) return undefined;
    return { id: r.id, month: r.month, recipientName: parse<ReportData>(r.data).recipientName };
  }

  /** A visit a report covers keeps its patient, profession and month (else the report would cover another visit). */
  private async checkReportedVisitChange(
    db: Db,
    officeId: string,
    before: Visit,
    after: VisitInput,
  ): Promise<void> {
    if (before.kind !== 'kyotaku' || after.kind !== 'kyotaku') return;
    const same =
      before.patientId === after.patientId &&
      before.profession === after.profession &&
      before.date.slice(0, 7) === after.date.slice(0, 7);
    if (same) return;
    const report = await this.reportCovering(db, officeId, before.id);
    if (report) {
      throw new StoreError(
        'conflict',
        `この訪問は情報提供書（${report.month}、${report.recipientName}宛）に含まれているため、利用者・職種・月は変更できません。先に情報提供書から外してください`,
      );
    }
  }

  /** The reports of the rows, with the visits each covers. */
  private async reportsFromRows(
    db: Db,
    officeId: string,
    rows: DB['care_reports'][],
  ): Promise<CareReportRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const visitIds = new Map<string, string[]>();
    for (const c of chunks(ids, 1)) {
      const links = await db
        .selectFrom('care_report_visits')
        .select(['report_id', 'visit_id'])
        .where('office_id', '=', officeId)
        .where('report_id', 'in', c)
        .orderBy('report_id')
        .orderBy('visit_id')
        .execute();
      for (const l of links) {
        const list = visitIds.get(l.report_id);
        if (list) list.push(l.visit_id);
        else visitIds.set(l.report_id, [l.visit_id]);
      }
    }
    return rows.map((r) => this.reportFromRow(r, visitIds.get(r.id) ?? []));
  }

  private reportFromRow(r: DB['care_reports'], visitIds: string[]): CareReportRecord {
    const data = parse<ReportData>(r.data);
    return compact({
      id: r.id,
      officeId: r.office_id,
      patientId: r.patient_id,
      profession: r.profession as CareReportRecord['profession'],
      month: r.month,
      visitIds,
      staffId: r.staff_id ?? undefined,
      recipient: {
        kind: r.recipient_kind as CareReportRecord['recipient']['kind'],
        name: data.recipientName,
      },
      method: r.method as CareReportRecord['method'],
      sentDate: r.sent_date ?? undefined,
      content: data.content,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }

  private reportRow(rep: CareReportRecord): DB['care_reports'] {
    const data: ReportData = { recipientName: rep.recipient.name, content: rep.content };
    return {
      office_id: rep.officeId,
      id: rep.id,
      patient_id: rep.patientId,
      profession: rep.profession,
      month: rep.month,
      staff_id: rep.staffId ?? null,
      recipient_kind: rep.recipient.kind,
      method: rep.method,
      sent_date: rep.sentDate ?? null,
      data: json(data),
      created_at: rep.createdAt,
      updated_at: rep.updatedAt,
    };
  }

  private async queryReports(db: Db, officeId: string, query: CareReportQuery): Promise<CareReportRecord[]> {
    let q = db.selectFrom('care_reports').selectAll().where('office_id', '=', officeId);
    if (query.patientId !== undefined) q = q.where('patient_id', '=', query.patientId);
    if (query.month !== undefined) q = q.where('month', '=', query.month);
    if (query.profession !== undefined) q = q.where('profession', '=', query.profession);
    if (query.sentDate !== undefined) q = q.where('sent_date', '=', query.sentDate);
    if (query.visitId !== undefined) {
      const visitId = query.visitId;
      q = q.where('id', 'in', (eb) =>
        eb
          .selectFrom('care_report_visits')
          .select('report_id')
          .where('office_id', '=', officeId)
          .where('visit_id', '=', visitId),
      );
    }
    const rows = await q
      .orderBy('month')
      .orderBy('patient_id')
      .orderBy('created_at')
      .orderBy('id')
      .limit(clampLimit(query.limit, 10_000, 100_000))
      .offset(query.offset ?? 0)
      .execute();
    return this.reportsFromRows(db, officeId, rows);
  }

  listReports(officeId: string, query: CareReportQuery = {}): Promise<CareReportRecord[]> {
    return this.queryReports(this.db, officeId, query);
  }

  async getReport(officeId: string, id: string): Promise<CareReportRecord | null> {
    return (await this.loadReport(this.db, officeId, id)) ?? null;
  }

  private async loadReport(db: Db, officeId: string, id: string): Promise<CareReportRecord | undefined> {
    const r = await db
      .selectFrom('care_reports')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    const [rep] = await this.reportsFromRows(db, officeId, [r]);
    return rep;
  }

  /**
   * K24-2a: the report's patient, author and visits belong to the office and fit together (one patient,
   * one profession, 居宅療養管理指導 visits of one month); its content is not an unchanged copy of the
   * previous month's report. Returns the month of the visits.
   */
  private async checkReport(
    db: Db,
    officeId: string,
    input: CareReportInput,
    selfId?: string,
  ): Promise<string> {
    const office = await this.officeRecords(
      db,
      officeId,
      [input.patientId],
      input.staffId !== undefined ? [input.staffId] : [],
    );
    const problems = referenceProblems(input, office, { what: '情報提供書', professionPath: 'staffId' });
    const rows = await db
      .selectFrom('visits')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('id', 'in', [...new Set(input.visitIds)])
      .execute();
    const visits = new Map(rows.map((r) => [r.id, this.visitFromRow(r)]));
    const seen = new Set<string>();
    let month: string | undefined;
    input.visitIds.forEach((vid, i) => {
      const path = `visitIds[${i}]`;
      const v = visits.get(vid);
      if (seen.has(vid)) {
        problems.push({ path, message: '同じ訪問が2回指定されています' });
        return;
      }
      seen.add(vid);
      if (!v) {
        problems.push({ path, message: `"${vid}" はこの事業所の訪問ではありません` });
        return;
      }
      if (v.kind !== 'kyotaku') {
        problems.push({ path, message: '居宅療養管理指導の訪問ではありません' });
        return;
      }
      if (v.patientId !== input.patientId) {
        problems.push({ path, message: `${v.date}の訪問は別の利用者の訪問です` });
        return;
      }
      if (v.profession !== input.profession) {
        problems.push({
          path,
          message: `${v.date}の訪問は${professionJa[v.profession]}の訪問です（情報提供書は${professionJa[input.profession]}）`,
        });
        return;
      }
      const m = v.date.slice(0, 7);
      if (month === undefined) month = m;
      else if (m !== month) {
        problems.push({
          path,
          message: `${v.date}の訪問はほかの訪問（${month}）と月が違います。情報提供書は月ごとに作成してください`,
        });
      }
    });
    if (problems.length || month === undefined) {
      throw new StoreError('invalid', '情報提供書の入力に誤りがあります', problems);
    }
    // K24-2a (seed 002): a copy of last month's report, unchanged, is not a report of this month.
    const previous = await this.queryReports(db, officeId, {
      patientId: input.patientId,
      profession: input.profession,
      month: addMonths(month, -1),
    });
    const draft = { ...input, id: selfId ?? '' };
    const copied = previous.find((p) => p.id !== selfId && isUnchangedCopy(draft, p));
    if (copied) {
      const parts = (Object.keys(reportPartNames) as ReportPart[]).filter((part) => {
        const text = part === 'guidance' ? input.content.guidance?.text : input.content[part];
        return text !== undefined && normalizeReportText(text) !== '';
      });
      throw new StoreError(
        'invalid',
        '前月の情報提供書と同じ内容です',
        parts.map((part) => ({
          path: part === 'guidance' ? 'content.guidance.text' : `content.${part}`,
          message: `「${reportPartNames[part]}」が前月（${copied.month}）の情報提供書と同じです。今月の状況に合わせて書き直してください`,
        })),
      );
    }
    return month;
  }

  private async writeReportVisits(db: Db, rep: CareReportRecord): Promise<void> {
    await db
      .deleteFrom('care_report_visits')
      .where('office_id', '=', rep.officeId)
      .where('report_id', '=', rep.id)
      .execute();
    const rows = rep.visitIds.map((visit_id) => ({ office_id: rep.officeId, report_id: rep.id, visit_id }));
    for (const c of chunks(rows, 3)) await db.insertInto('care_report_visits').values(c).execute();
  }

  async createReport(officeId: string, raw: CareReportInput, actor: ActorId): Promise<CareReportRecord> {
    const input = parseOrThrow(careReportInputSchema, raw, '情報提供書') as CareReportInput;
    return this.db.transaction().execute(async (trx) => {
      await this.requireOffice(trx, officeId);
      const month = await this.checkReport(trx, officeId, input);
      const t = now();
      const rep: CareReportRecord = compact({
        ...input,
        id: randomUUID(),
        officeId,
        month,
        createdAt: t,
        updatedAt: t,
      });
      await trx.insertInto('care_reports').values(this.reportRow(rep)).execute();
      await this.writeReportVisits(trx, rep);
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'care_report',
        entityId: rep.id,
        action: 'create',
        before: null,
        after: rep,
      });
      return rep;
    });
  }

  async updateReport(
    officeId: string,
    id: string,
    raw: CareReportInput,
    actor: ActorId,
  ): Promise<CareReportRecord> {
    const input = parseOrThrow(careReportInputSchema, raw, '情報提供書') as CareReportInput;
    return this.db.transaction().execute(async (trx) => {
      const before = await this.loadReport(trx, officeId, id);
      if (!before) throw notFound('情報提供書', id);
      const month = await this.checkReport(trx, officeId, input, id);
      const after: CareReportRecord = compact({
        ...input,
        id,
        officeId,
        month,
        createdAt: before.createdAt,
        updatedAt: now(),
      });
      const { office_id: _o, id: _i, created_at: _c, ...set } = this.reportRow(after);
      await trx
        .updateTable('care_reports')
        .set(set)
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .execute();
      await this.writeReportVisits(trx, after);
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'care_report',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async deleteReport(officeId: string, id: string, actor: ActorId): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.loadReport(trx, officeId, id);
      if (!before) throw notFound('情報提供書', id);
      await trx
        .deleteFrom('care_report_visits')
        .where('office_id', '=', officeId)
        .where('report_id', '=', id)
        .execute();
      await trx.deleteFrom('care_reports').where('office_id', '=', officeId).where('id', '=', id).execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'care_report',
        entityId: id,
        action: 'delete',
        before,
        after: null,
      });
    });
  }

  async markReportSent(
    officeId: string,
    id: string,
    raw: { sentDate: string; method?: CareReportRecord['method'] },
    actor: ActorId,
  ): Promise<CareReportRecord> {
    const sent = parseOrThrow(reportSentSchema, raw, '送付');
    return this.db.transaction().execute(async (trx) => {
      const before = await this.loadReport(trx, officeId, id);
      if (!before) throw notFound('情報提供書', id);
      const after: CareReportRecord = {
        ...before,
        sentDate: sent.sentDate,
        method: sent.method ?? before.method,
        updatedAt: now(),
      };
      await trx
        .updateTable('care_reports')
        .set({ sent_date: after.sentDate ?? null, method: after.method, updated_at: after.updatedAt })
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .execute();
      await this.audit(trx, {
        officeId,
        actor,
        entity: 'care_report',
        entityId: id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Users and sessions

  private async userFromRow(db: Db, r: DB['users']): Promise<User> {
    const offices = await db
      .selectFrom('user_offices')
      .select('office_id')
      .where('user_id', '=', r.id)
      .orderBy('office_id')
      .execute();
    return compact({
      id: r.id,
      username: r.username,
      displayName: r.display_name ?? undefined,
      role: r.role as User['role'],
      officeIds: offices.map((o) => o.office_id),
      disabled: r.disabled ? true : undefined,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }

  private async checkOffices(db: Db, officeIds: readonly string[]): Promise<void> {
    if (officeIds.length === 0) return;
    const rows = await db
      .selectFrom('offices')
      .select('id')
      .where('id', 'in', [...officeIds])
      .execute();
    const known = new Set(rows.map((r) => r.id));
    const problems = officeIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: `officeIds[${i}]`, message: `事業所 "${id}" はありません` }],
    );
    if (problems.length) throw new StoreError('invalid', 'ユーザーの入力に誤りがあります', problems);
  }

  private usernameTaken(e: unknown, username: string): never {
    if (isUniqueViolation(e)) {
      throw new StoreError('conflict', 'そのユーザー名はすでに使われています', [
        { path: 'username', message: `ユーザー名 "${username}" はすでに使われています` },
      ]);
    }
    throw e;
  }

  async createUser(raw: UserInput, actor: ActorId): Promise<User> {
    const input = parseOrThrow(userInputSchema, raw, 'ユーザー');
    const hash = await hashPassword(input.password);
    const t = now();
    const user: User = compact({
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      officeIds: [...new Set(input.officeIds)].sort(),
      disabled: input.disabled ? true : undefined,
      createdAt: t,
      updatedAt: t,
    });
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.checkOffices(trx, user.officeIds);
        await trx
          .insertInto('users')
          .values({
            id: user.id,
            username: user.username,
            display_name: user.displayName ?? null,
            role: user.role,
            password_hash: hash,
            disabled: user.disabled ? 1 : 0,
            created_at: t,
            updated_at: t,
          })
          .execute();
        if (user.officeIds.length) {
          await trx
            .insertInto('user_offices')
            .values(user.officeIds.map((office_id) => ({ user_id: user.id, office_id })))
            .execute();
        }
        await this.audit(trx, {
          officeId: '',
          actor,
          entity: 'user',
          entityId: user.id,
          action: 'create',
          before: null,
          after: user,
        });
      });
    } catch (e) {
      this.usernameTaken(e, user.username);
    }
    return user;
  }

  async getUser(id: string): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? this.userFromRow(this.db, r) : null;
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r ? this.userFromRow(this.db, r) : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    return Promise.all(rows.map((r) => this.userFromRow(this.db, r)));
  }

  async updateUser(id: string, rawPatch: UserPatch, actor: ActorId): Promise<User> {
    const patch = parseOrThrow(userPatchSchema, rawPatch, 'ユーザー');
    const hash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const r = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
        if (!r) throw notFound('ユーザー', id);
        const before = await this.userFromRow(trx, r);
        const after: User = compact({
          ...before,
          ...omit(patch, ['password']),
          officeIds: patch.officeIds ? [...new Set(patch.officeIds)].sort() : before.officeIds,
          disabled: (patch.disabled ?? before.disabled) ? true : undefined,
          updatedAt: now(),
        });
        await this.checkOffices(trx, after.officeIds);
        await trx
          .updateTable('users')
          .set({
            username: after.username,
            display_name: after.displayName ?? null,
            role: after.role,
            disabled: after.disabled ? 1 : 0,
            updated_at: after.updatedAt,
            ...(hash !== undefined ? { password_hash: hash } : {}),
          })
          .where('id', '=', id)
          .execute();
        if (patch.officeIds) {
          await trx.deleteFrom('user_offices').where('user_id', '=', id).execute();
          if (after.officeIds.length) {
            await trx
              .insertInto('user_offices')
              .values(after.officeIds.map((office_id) => ({ user_id: id, office_id })))
              .execute();
          }
        }
        // A new password or a disabled user ends the user's sessions.
        if (hash !== undefined || after.disabled)
          await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        const shown = hash !== undefined ? { ...after, passwordChanged: true } : after;
        await this.audit(trx, {
          officeId: '',
          actor,
          entity: 'user',
          entityId: id,
          action: 'update',
          before,
          after: shown,
        });
        return after;
      });
    } catch (e) {
      this.usernameTaken(e, String(patch.username ?? ''));
    }
  }

  async verifyPassword(username: string, password: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    const ok = await verifyPassword(password, r?.password_hash ?? DUMMY_HASH);
    if (!r || !ok || r.disabled) return null;
    return this.userFromRow(this.db, r);
  }

  async createSession(userId: string, ttlMs: number): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const t = new Date();
    const session: Session = {
      id: randomUUID(),
      userId,
      createdAt: t.toISOString(),
      expiresAt: new Date(t.getTime() + Math.max(0, ttlMs)).toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      const u = await trx
        .selectFrom('users')
        .select(['id', 'disabled'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!u || u.disabled) throw notFound('ユーザー', userId);
      // Expired sessions are swept as new ones are made.
      await trx.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute();
      await trx
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: userId,
          token_hash: tokenHash(token),
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
      await this.audit(trx, {
        officeId: '',
        actor: userId,
        entity: 'session',
        entityId: session.id,
        action: 'login',
        before: null,
        after: session,
      });
    });
    return { ...session, token };
  }

  async getSession(token: string): Promise<{ session: Session; user: User } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const r = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select([
        'sessions.id as session_id',
        'sessions.created_at as session_created_at',
        'sessions.expires_at as session_expires_at',
      ])
      .where('sessions.token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!r || r.disabled || r.session_expires_at <= now()) return null;
    const { session_id, session_created_at, session_expires_at, ...userRow } = r;
    return {
      session: { id: session_id, userId: r.id, createdAt: session_created_at, expiresAt: session_expires_at },
      user: await this.userFromRow(this.db, userRow),
    };
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const s = await trx
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash(token))
        .executeTakeFirst();
      if (!s) return;
      await trx.deleteFrom('sessions').where('id', '=', s.id).execute();
      const before: Session = {
        id: s.id,
        userId: s.user_id,
        createdAt: s.created_at,
        expiresAt: s.expires_at,
      };
      await this.audit(trx, {
        officeId: '',
        actor: s.user_id,
        entity: 'session',
        entityId: s.id,
        action: 'logout',
        before,
        after: null,
      });
    });
  }

  // -------------------------------------------------------------------------------------------------
  // The month's records and its claim versions

  async monthRecords(officeId: string, months: { from: string; to: string }): Promise<MonthRecords> {
    let tx = this.db.transaction();
    // PostgreSQL: one snapshot for the reads; SQLite transactions are serializable already.
    if (this.engine === 'postgres') tx = tx.setIsolationLevel('repeatable read');
    return tx.execute(async (trx) => {
      const office = await this.requireOffice(trx, officeId);
      const visitRows = await trx
        .selectFrom('visits')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('month', '>=', months.from)
        .where('month', '<=', months.to)
        .execute();
      const visits = visitRows.map((r) => this.visitFromRow(r));
      const patientIds = [...new Set(visits.map((v) => v.patientId))];
      const [patients, buildingRows, reportRows, staff, first] = await Promise.all([
        this.loadPatients(trx, officeId, patientIds),
        trx.selectFrom('buildings').selectAll().where('office_id', '=', officeId).execute(),
        trx
          .selectFrom('care_reports')
          .selectAll()
          .where('office_id', '=', officeId)
          .where('month', '>=', months.from)
          .where('month', '<=', months.to)
          .orderBy('month')
          .orderBy('patient_id')
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        trx.selectFrom('staff').selectAll().where('office_id', '=', officeId).execute(),
        trx
          .selectFrom('claim_versions')
          .select('closed_at')
          .where('office_id', '=', officeId)
          .where('month', '=', months.to)
          .orderBy('version')
          .limit(1)
          .executeTakeFirst(),
      ]);
      const out: MonthRecords = {
        office,
        patients,
        buildings: buildingRows.map((r) => this.buildingFromRow(r)),
        visits,
        staff: staff.map((r) => this.staffFromRow(r)),
        reports: await this.reportsFromRows(trx, officeId, reportRows),
      };
      if (first) out.firstClosedAt = first.closed_at;
      return out;
    });
  }

  async saveClaimVersion(officeId: string, claim: NewClaimVersion, actor: ActorId): Promise<ClaimVersion> {
    const { month, input, inputJson, result, reportWarnings } = claim;
    try {
      return await this.db.transaction().execute(async (trx) => {
        await this.requireOffice(trx, officeId);
        const prev = await trx
          .selectFrom('claim_versions')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('office_id', '=', officeId)
          .where('month', '=', month)
          .executeTakeFirst();
        const version: ClaimVersion = {
          id: randomUUID(),
          officeId,
          month,
          version: num(prev?.v as number | null | undefined) + 1,
          scheduleId: claim.scheduleId,
          engineVersion: claim.engineVersion,
          inputDigest: claim.inputDigest,
          closedBy: actor,
          closedAt: now(),
          totals: result.totals,
          claimCount: result.claims.length,
          rejectionCount: result.rejections.length,
          input,
          result,
          reportWarnings,
        };
        await trx
          .insertInto('claim_versions')
          .values({
            office_id: officeId,
            id: version.id,
            month,
            version: version.version,
            schedule_id: version.scheduleId,
            engine_version: version.engineVersion,
            input_digest: version.inputDigest,
            closed_by: actor,
            closed_at: version.closedAt,
            units: result.totals.units,
            yen: result.totals.yen,
            insurer: result.totals.insurer,
            copay: result.totals.copay,
            claim_count: version.claimCount,
            rejection_count: version.rejectionCount,
            input_json: inputJson,
            result_json: json(result),
            report_warnings_json: json(reportWarnings),
          })
          .execute();
        await this.audit(trx, {
          officeId,
          actor,
          entity: 'claim_version',
          entityId: version.id,
          action: 'close',
          before: null,
          after: summaryOf(version),
        });
        await this.hooks.beforeClaimCommit?.(version);
        return version;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new StoreError(
          'conflict',
          `${month}の締め処理が同時に実行されました。もう一度実行してください`,
        );
      }
      throw e;
    }
  }

  private summaryFromRow(
    r: Omit<DB['claim_versions'], 'input_json' | 'result_json' | 'report_warnings_json'>,
  ): ClaimVersionSummary {
    return {
      id: r.id,
      officeId: r.office_id,
      month: r.month,
      version: num(r.version),
      scheduleId: r.schedule_id,
      engineVersion: r.engine_version,
      inputDigest: r.input_digest,
      closedBy: r.closed_by,
      closedAt: r.closed_at,
      totals: { units: num(r.units), yen: num(r.yen), insurer: num(r.insurer), copay: num(r.copay) },
      claimCount: num(r.claim_count),
      rejectionCount: num(r.rejection_count),
    };
  }

  async listClaimVersions(officeId: string, month?: string): Promise<ClaimVersionSummary[]> {
    let q = this.db
      .selectFrom('claim_versions')
      .select([
        'office_id',
        'id',
        'month',
        'version',
        'schedule_id',
        'engine_version',
        'input_digest',
        'closed_by',
        'closed_at',
        'units',
        'yen',
        'insurer',
        'copay',
        'claim_count',
        'rejection_count',
      ])
      .where('office_id', '=', officeId);
    if (month !== undefined) q = q.where('month', '=', month);
    const rows = await q.orderBy('month', 'desc').orderBy('version', 'desc').execute();
    return rows.map((r) => this.summaryFromRow(r));
  }

  async getClaimVersion(officeId: string, month: string, version: number): Promise<ClaimVersion | null> {
    if (!Number.isInteger(version) || version < 1) return null;
    const r = await this.db
      .selectFrom('claim_versions')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('month', '=', month)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!r) return null;
    return {
      ...this.summaryFromRow(r),
      input: JSON.parse(r.input_json) as ClaimMonthInput,
      result: JSON.parse(r.result_json) as ClaimMonthResult,
      reportWarnings: r.report_warnings_json ? (JSON.parse(r.report_warnings_json) as ReportWarning[]) : [],
    };
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function summaryOf(v: ClaimVersion): ClaimVersionSummary {
  const { input: _i, result: _r, reportWarnings: _w, ...summary } = v;
  return summary;
}

/** The JSON document of a care_reports row. */
interface ReportData {
  recipientName: string;
  content: CareReportRecord['content'];
}
