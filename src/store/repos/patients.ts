// Patients (利用者) with their dated histories: certifications, residences, stays and care plans (child
// tables, in the order given). A patient with visits is not deleted.
import type { Kysely } from 'kysely';
import { residenceProblems } from '../../contract/references.js';
import { patientInputSchema, patientPatchSchema } from '../../contract/schemas.js';
import type { ActorId, CarePlanPeriod, Patient, PatientInput } from '../../contract/types.js';
import { num, type DB } from '../db.js';
import { parseOrThrow, StoreError, type ListQuery, type Store } from '../store.js';
import { buildingFromRow } from './rows.js';
import {
  anyRow,
  audit,
  deleteRow,
  findRows,
  parseEach,
  updateRow,
  createAll,
  type Db,
  type NewStamps,
  type StoreContext,
} from './shared.js';
import {
  chunks,
  clampLimit,
  compact,
  json,
  likePattern,
  notFound,
  now,
  omit,
  OWNED_KEYS,
  parse,
} from './util.js';

/** The patient's fields kept in columns (the rest is the row's JSON document). */
const PATIENT_COLUMNS = [
  'name',
  'kana',
  'insurerNumber',
  'insuredNumber',
  'birthDate',
  'certifications',
  'residences',
  'stays',
  'carePlans',
] as const;

const HISTORY_TABLES = ['certifications', 'residences', 'stays', 'care_plans'] as const;

/** The children of the patients of the office: of these patients, or of all when many are wanted (one scan). */
function historyQuery<T extends (typeof HISTORY_TABLES)[number]>(
  db: Db,
  table: T,
  officeId: string,
  patientIds: readonly string[] | undefined,
) {
  let q = (db as Kysely<DB>)
    .selectFrom(table as 'stays')
    .selectAll()
    .where('office_id', '=', officeId);
  if (patientIds) q = q.where('patient_id', 'in', [...patientIds]);
  return q.orderBy('patient_id').orderBy('seq').execute() as Promise<DB[T][]>;
}

/** Patients of the office with their dated history; all of them, or those with the given ids. */
export async function loadPatients(
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
  const wanted = rows.length <= 200 ? rows.map((r) => r.id) : undefined;
  const [certs, residences, stays, plans] = await Promise.all([
    historyQuery(db, 'certifications', officeId, wanted),
    historyQuery(db, 'residences', officeId, wanted),
    historyQuery(db, 'stays', officeId, wanted),
    historyQuery(db, 'care_plans', officeId, wanted),
  ]);
  const byPatient = new Map<string, Patient>();
  const out = rows.map((r) => {
    const p: Patient = compact({
      id: r.id,
      officeId: r.office_id,
      name: r.name,
      kana: r.kana ?? undefined,
      insurerNumber: r.insurer_number ?? undefined,
      insuredNumber: r.insured_number ?? undefined,
      birthDate: r.birth_date ?? undefined,
      ...parse<Partial<Patient>>(r.data),
      certifications: [],
      residences: [],
      stays: [],
      carePlans: [],
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
  for (const c of plans) byPatient.get(c.patient_id)?.carePlans.push(carePlanFromRow(c));
  return out;
}

function carePlanFromRow(c: DB['care_plans']): CarePlanPeriod {
  const dates = compact({ from: c.valid_from, to: c.valid_to ?? undefined });
  if (c.maker === 'self') return { maker: 'self', ...dates };
  return compact({
    maker: 'office' as const,
    officeNumber: c.office_number ?? '',
    officeName: c.office_name ?? undefined,
    ...dates,
  });
}

/** Residence buildings and units must be the office's own (residenceProblems). */
async function checkResidences(
  db: Db,
  officeId: string,
  list: { input: PatientInput; prefix: (string | number)[] }[],
): Promise<void> {
  const ids = list.flatMap(({ input }) =>
    (input.residences ?? []).flatMap((r) => (r.buildingId ? [r.buildingId] : [])),
  );
  if (ids.length === 0) return;
  const buildings = new Map(
    (await findRows(db, 'buildings', officeId, ids)).map((r) => [r.id, buildingFromRow(r)]),
  );
  const problems = list.flatMap(({ input, prefix }) =>
    residenceProblems(input.residences, buildings, prefix),
  );
  if (problems.length) throw new StoreError('invalid', '利用者の入力に誤りがあります', problems);
}

function patientRow(p: Patient): DB['patients'] {
  return {
    office_id: p.officeId,
    id: p.id,
    name: p.name,
    kana: p.kana ?? null,
    insurer_number: p.insurerNumber ?? null,
    insured_number: p.insuredNumber ?? null,
    birth_date: p.birthDate ?? null,
    data: json(omit(p, [...OWNED_KEYS, ...PATIENT_COLUMNS])),
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

async function insertPatientChildren(db: Db, patients: Patient[]): Promise<void> {
  const certs: DB['certifications'][] = [];
  const residences: DB['residences'][] = [];
  const stays: DB['stays'][] = [];
  const plans: DB['care_plans'][] = [];
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
    p.carePlans.forEach((c, seq) =>
      plans.push({
        ...base,
        seq,
        maker: c.maker,
        office_number: c.maker === 'office' ? c.officeNumber : null,
        office_name: c.maker === 'office' ? (c.officeName ?? null) : null,
        valid_from: c.from,
        valid_to: c.to ?? null,
      }),
    );
  }
  for (const c of chunks(certs, 7)) await db.insertInto('certifications').values(c).execute();
  for (const c of chunks(residences, 9)) await db.insertInto('residences').values(c).execute();
  for (const c of chunks(stays, 6)) await db.insertInto('stays').values(c).execute();
  for (const c of chunks(plans, 8)) await db.insertInto('care_plans').values(c).execute();
}

/** A patient record from its input: the histories default to none. */
function patientOf(input: PatientInput, stamps: NewStamps): Patient {
  return compact({
    ...input,
    certifications: input.certifications ?? [],
    residences: input.residences ?? [],
    stays: input.stays ?? [],
    carePlans: input.carePlans ?? [],
    ...stamps,
  });
}

type PatientMethods =
  | 'listPatients'
  | 'countPatients'
  | 'getPatient'
  | 'createPatient'
  | 'createPatients'
  | 'updatePatient'
  | 'deletePatient';

export function patientsRepo(ctx: StoreContext): Pick<Store, PatientMethods> {
  const insertChecked = (officeId: string, inputs: PatientInput[], actor: ActorId, indexed: boolean) =>
    createAll(ctx, officeId, inputs, actor, indexed, {
      entity: 'patient',
      check: (db, list) => checkResidences(db, officeId, list),
      make: patientOf,
      async insert(db, patients) {
        for (const c of chunks(patients.map(patientRow), 9))
          await db.insertInto('patients').values(c).execute();
        await insertPatientChildren(db, patients);
      },
    });

  return {
    listPatients: (officeId, query = {}) => loadPatients(ctx.db, officeId, undefined, query),

    async countPatients(officeId) {
      const r = await ctx.db
        .selectFrom('patients')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('office_id', '=', officeId)
        .executeTakeFirst();
      return num(r?.n as number | string | undefined);
    },

    async getPatient(officeId, id) {
      const [p] = await loadPatients(ctx.db, officeId, [id]);
      return p ?? null;
    },

    async createPatient(officeId, raw, actor) {
      const [p] = await insertChecked(
        officeId,
        parseEach(patientInputSchema, [raw], '利用者', false),
        actor,
        false,
      );
      return p!;
    },

    createPatients: (officeId, raws, actor) =>
      insertChecked(officeId, parseEach(patientInputSchema, raws, '利用者', true), actor, true),

    async updatePatient(officeId, id, rawPatch, actor) {
      const patch = parseOrThrow(patientPatchSchema, rawPatch, '利用者');
      return ctx.db.transaction().execute(async (trx) => {
        const [before] = await loadPatients(trx, officeId, [id]);
        if (!before) throw notFound('利用者', id);
        const merged = parseOrThrow(patientInputSchema, { ...omit(before, OWNED_KEYS), ...patch }, '利用者');
        await checkResidences(trx, officeId, [{ input: merged, prefix: [] }]);
        const after = patientOf(merged, { id, officeId, createdAt: before.createdAt, updatedAt: now() });
        const { office_id: _o, id: _i, created_at: _c, ...set } = patientRow(after);
        await updateRow(trx, 'patients', officeId, id, set);
        for (const table of HISTORY_TABLES) {
          await trx
            .deleteFrom(table)
            .where('office_id', '=', officeId)
            .where('patient_id', '=', id)
            .execute();
        }
        await insertPatientChildren(trx, [after]);
        await audit(trx, {
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
    },

    async deletePatient(officeId, id, actor) {
      await ctx.db.transaction().execute(async (trx) => {
        const [before] = await loadPatients(trx, officeId, [id]);
        if (!before) throw notFound('利用者', id);
        if (await anyRow(trx, 'visits', officeId, 'patient_id', id))
          throw new StoreError('conflict', 'この利用者の訪問記録があるため削除できません');
        await deleteRow(trx, 'patients', officeId, id);
        await audit(trx, {
          officeId,
          actor,
          entity: 'patient',
          entityId: id,
          action: 'delete',
          before,
          after: null,
        });
      });
    },
  };
}
