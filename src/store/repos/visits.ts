// Visits (訪問の記録): every record kind of the engine's contract input, stored as it is (plus office and
// stamps). Their patient and staff member must be the office's, the staff member of the visit's
// profession (src/contract/references.ts). A visit a report to the care manager covers is not deleted,
// nor moved to another patient, profession or month.
import { referenceProblems } from '../../contract/references.js';
import { visitInputSchema } from '../../contract/schemas.js';
import type { Visit, VisitInput } from '../../contract/types.js';
import { StoreError, type Store } from '../store.js';
import { visitFromRow, visitRow, type ReportData } from './rows.js';
import {
  audit,
  changedColumns,
  deleteRow,
  createAll,
  findRow,
  officeRecords,
  parseEach,
  updateRow,
  type Db,
  type StoreContext,
} from './shared.js';
import { chunks, clampLimit, notFound, now, parse } from './util.js';

/** The patients and staff a visit names must be the office's own, the staff of its profession. */
async function checkVisitRefs(
  db: Db,
  officeId: string,
  list: { input: VisitInput; prefix: (string | number)[] }[],
): Promise<void> {
  const office = await officeRecords(
    db,
    officeId,
    list.map(({ input }) => input.patientId),
    list.flatMap(({ input: v }) => (v.kind === 'kyotaku' && v.staffId ? [v.staffId] : [])),
  );
  const problems = list.flatMap(({ input: v, prefix }) =>
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

/** A report covering the visit, if any (for the refusals of deleteVisit / updateVisit). */
async function reportCovering(
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
async function checkReportedVisitChange(
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
  const report = await reportCovering(db, officeId, before.id);
  if (report) {
    throw new StoreError(
      'conflict',
      `この訪問は情報提供書（${report.month}、${report.recipientName}宛）に含まれているため、利用者・職種・月は変更できません。先に情報提供書から外してください`,
    );
  }
}

type VisitMethods =
  'listVisits' | 'getVisit' | 'createVisit' | 'createVisits' | 'updateVisit' | 'deleteVisit';

export function visitsRepo(ctx: StoreContext): Pick<Store, VisitMethods> {
  const find = async (db: Db, officeId: string, id: string): Promise<Visit | undefined> => {
    const r = await findRow(db, 'visits', officeId, id);
    return r ? visitFromRow(r) : undefined;
  };
  const insert = (officeId: string, inputs: VisitInput[], actor: string, indexed: boolean) =>
    createAll(ctx, officeId, inputs, actor, indexed, {
      entity: 'visit',
      check: (db, list) => checkVisitRefs(db, officeId, list),
      make: (v, stamps) => ({ ...v, ...stamps }) as Visit,
      async insert(db, visits) {
        for (const c of chunks(visits.map(visitRow), 10)) await db.insertInto('visits').values(c).execute();
      },
    });

  return {
    async listVisits(officeId, query = {}) {
      let q = ctx.db.selectFrom('visits').selectAll().where('office_id', '=', officeId);
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
      return rows.map(visitFromRow);
    },

    async getVisit(officeId, id) {
      return (await find(ctx.db, officeId, id)) ?? null;
    },

    async createVisit(officeId, raw, actor) {
      const [v] = await insert(
        officeId,
        parseEach(visitInputSchema, [raw], '訪問記録', false) as VisitInput[],
        actor,
        false,
      );
      return v!;
    },

    createVisits: (officeId, raws, actor) =>
      insert(officeId, parseEach(visitInputSchema, raws, '訪問記録', true) as VisitInput[], actor, true),

    async updateVisit(officeId, id, raw, actor) {
      const [input] = parseEach(visitInputSchema, [raw], '訪問記録', false) as VisitInput[];
      return ctx.db.transaction().execute(async (trx) => {
        const before = await find(trx, officeId, id);
        if (!before) throw notFound('訪問記録', id);
        if (before.kind !== input!.kind) {
          throw new StoreError('invalid', '記録の種類は変更できません', [
            {
              path: 'kind',
              message: `記録の種類は変更できません（${before.kind}）。削除して登録し直してください`,
            },
          ]);
        }
        await checkVisitRefs(trx, officeId, [{ input: input!, prefix: [] }]);
        await checkReportedVisitChange(trx, officeId, before, input!);
        const after = { ...input!, id, officeId, createdAt: before.createdAt, updatedAt: now() } as Visit;
        await updateRow(trx, 'visits', officeId, id, changedColumns(visitRow(after)));
        await audit(trx, { officeId, actor, entity: 'visit', entityId: id, action: 'update', before, after });
        return after;
      });
    },

    async deleteVisit(officeId, id, actor) {
      await ctx.db.transaction().execute(async (trx) => {
        const before = await find(trx, officeId, id);
        if (!before) throw notFound('訪問記録', id);
        const report = await reportCovering(trx, officeId, id);
        if (report) {
          throw new StoreError(
            'conflict',
            `この訪問は情報提供書（${report.month}、${report.recipientName}宛）に含まれているため削除できません。先に情報提供書から外してください`,
          );
        }
        await deleteRow(trx, 'visits', officeId, id);
        await audit(trx, {
          officeId,
          actor,
          entity: 'visit',
          entityId: id,
          action: 'delete',
          before,
          after: null,
        });
      });
    },
  };
}
