// Reports to the care manager (情報提供書, K24-2a): the record a 居宅療養管理指導 visit's `reported` is
// derived from at the close. One report covers one visit, or several visits of one patient and
// profession in one month (care_report_visits).
import { randomUUID } from 'node:crypto';
import { addMonths } from '../../core/dates.js';
import { professionJa } from '../../core/labels.js';
import {
  isUnchangedCopy,
  normalizeReportText,
  reportPartNames,
  type ReportPart,
} from '../../core/reports.js';
import { referenceProblems } from '../../contract/references.js';
import { careReportInputSchema, reportSentSchema } from '../../contract/schemas.js';
import type { CareReportInput, CareReportRecord } from '../../contract/types.js';
import type { DB } from '../db.js';
import { parseOrThrow, StoreError, type CareReportQuery, type Store } from '../store.js';
import { reportFromRow, reportRow, visitFromRow } from './rows.js';
import {
  audit,
  created,
  changedColumns,
  deleteRow,
  findRow,
  findRows,
  officeRecords,
  requireOffice,
  updateRow,
  type Db,
  type StoreContext,
} from './shared.js';
import { chunks, clampLimit, compact, notFound, now } from './util.js';

/** The reports of the rows, with the visits each covers. */
export async function reportsFromRows(
  db: Db,
  officeId: string,
  rows: DB['care_reports'][],
): Promise<CareReportRecord[]> {
  if (rows.length === 0) return [];
  const visitIds = new Map<string, string[]>();
  for (const c of chunks(
    rows.map((r) => r.id),
    1,
  )) {
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
  return rows.map((r) => reportFromRow(r, visitIds.get(r.id) ?? []));
}

async function queryReports(db: Db, officeId: string, query: CareReportQuery): Promise<CareReportRecord[]> {
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
  return reportsFromRows(db, officeId, rows);
}

async function loadReport(db: Db, officeId: string, id: string): Promise<CareReportRecord | undefined> {
  const r = await findRow(db, 'care_reports', officeId, id);
  if (!r) return undefined;
  const [rep] = await reportsFromRows(db, officeId, [r]);
  return rep;
}

/**
 * K24-2a: the report's patient, author and visits belong to the office and fit together (one patient,
 * one profession, 居宅療養管理指導 visits of one month; the author of the report's profession); its
 * content is not an unchanged copy of the previous month's report. Returns the month of the visits.
 */
async function checkReport(
  db: Db,
  officeId: string,
  input: CareReportInput,
  selfId?: string,
): Promise<string> {
  const office = await officeRecords(
    db,
    officeId,
    [input.patientId],
    input.staffId !== undefined ? [input.staffId] : [],
  );
  const problems = referenceProblems(input, office, { what: '情報提供書', professionPath: 'staffId' });
  const visits = new Map(
    (await findRows(db, 'visits', officeId, input.visitIds)).map((r) => [r.id, visitFromRow(r)]),
  );
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
  const previous = await queryReports(db, officeId, {
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

async function writeReportVisits(db: Db, rep: CareReportRecord): Promise<void> {
  await db
    .deleteFrom('care_report_visits')
    .where('office_id', '=', rep.officeId)
    .where('report_id', '=', rep.id)
    .execute();
  const rows = rep.visitIds.map((visit_id) => ({ office_id: rep.officeId, report_id: rep.id, visit_id }));
  for (const c of chunks(rows, 3)) await db.insertInto('care_report_visits').values(c).execute();
}

type ReportMethods =
  'listReports' | 'getReport' | 'createReport' | 'updateReport' | 'deleteReport' | 'markReportSent';

export function reportsRepo(ctx: StoreContext): Pick<Store, ReportMethods> {
  return {
    listReports: (officeId, query = {}) => queryReports(ctx.db, officeId, query),

    async getReport(officeId, id) {
      return (await loadReport(ctx.db, officeId, id)) ?? null;
    },

    async createReport(officeId, raw, actor) {
      const input = parseOrThrow(careReportInputSchema, raw, '情報提供書') as CareReportInput;
      return ctx.db.transaction().execute(async (trx) => {
        await requireOffice(trx, officeId);
        const month = await checkReport(trx, officeId, input);
        const t = now();
        const rep: CareReportRecord = compact({
          ...input,
          id: randomUUID(),
          officeId,
          month,
          createdAt: t,
          updatedAt: t,
        });
        await trx.insertInto('care_reports').values(reportRow(rep)).execute();
        await writeReportVisits(trx, rep);
        await audit(trx, created(officeId, actor, 'care_report', [rep]));
        return rep;
      });
    },

    async updateReport(officeId, id, raw, actor) {
      const input = parseOrThrow(careReportInputSchema, raw, '情報提供書') as CareReportInput;
      return ctx.db.transaction().execute(async (trx) => {
        const before = await loadReport(trx, officeId, id);
        if (!before) throw notFound('情報提供書', id);
        const month = await checkReport(trx, officeId, input, id);
        const after: CareReportRecord = compact({
          ...input,
          id,
          officeId,
          month,
          createdAt: before.createdAt,
          updatedAt: now(),
        });
        await updateRow(trx, 'care_reports', officeId, id, changedColumns(reportRow(after)));
        await writeReportVisits(trx, after);
        await audit(trx, {
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
    },

    async deleteReport(officeId, id, actor) {
      await ctx.db.transaction().execute(async (trx) => {
        const before = await loadReport(trx, officeId, id);
        if (!before) throw notFound('情報提供書', id);
        await trx
          .deleteFrom('care_report_visits')
          .where('office_id', '=', officeId)
          .where('report_id', '=', id)
          .execute();
        await deleteRow(trx, 'care_reports', officeId, id);
        await audit(trx, {
          officeId,
          actor,
          entity: 'care_report',
          entityId: id,
          action: 'delete',
          before,
          after: null,
        });
      });
    },

    async markReportSent(officeId, id, raw, actor) {
      const sent = parseOrThrow(reportSentSchema, raw, '送付');
      return ctx.db.transaction().execute(async (trx) => {
        const before = await loadReport(trx, officeId, id);
        if (!before) throw notFound('情報提供書', id);
        const after: CareReportRecord = {
          ...before,
          sentDate: sent.sentDate,
          method: sent.method ?? before.method,
          updatedAt: now(),
        };
        await updateRow(trx, 'care_reports', officeId, id, {
          sent_date: after.sentDate ?? null,
          method: after.method,
          updated_at: after.updatedAt,
        });
        await audit(trx, {
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
    },
  };
}
