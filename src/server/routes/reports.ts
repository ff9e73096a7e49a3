// Reports to the care manager (情報提供書, K24-2a): the record that makes a 居宅療養管理指導 visit billable
// from the office's `reportsRequiredFrom` month on (docs/api.md "Reports"). CRUD, the day it was sent, the
// starting point for a new report (last month's text, the month's visits not yet covered), the printable
// document and the FAX cover list of a day, and the month's audit-risk warnings. Every route is under
// /api/v1/offices/:officeId and the store scopes every read and write (and every id inside a body) by it.
import { z } from 'zod';
import { professions } from '../../core/input.js';
import type { FaxCoverList } from '../../contract/api.js';
import { careReportInputSchema, reportSentSchema } from '../../contract/schemas.js';
import {
  faxCover,
  notFound,
  reportAnswer as out,
  reportDocument,
  reportTemplate,
  reportWarnings,
  type Store,
} from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { userOf } from '../auth.js';
import { dateParam, idParam, intParam, monthParam, offsetParam, withOffice } from '../params.js';
import { reportWarningSchema } from '../shapes.js';
import { DOCUMENT_CSP, renderFaxCover, renderReportDocument } from '../reportDocument.js';

const reportOutSchema = careReportInputSchema.safeExtend({
  id: z.string(),
  officeId: z.string(),
  month: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  missingParts: z.array(z.string()),
});

export function registerReportRoutes({ define }: ServerContext, store: Store): void {
  const base = '/api/v1/offices/:officeId';

  define({
    method: 'GET',
    url: `${base}/reports`,
    summary: '情報提供書の一覧（patientId / month / profession / visitId / sentDate で絞り込み）',
    tags: ['reports'],
    access: 'user',
    params: withOffice({}),
    query: z.strictObject({
      patientId: idParam.optional(),
      month: monthParam.optional(),
      profession: z.enum(professions).optional(),
      visitId: idParam.optional(),
      sentDate: dateParam.optional(),
      limit: intParam(10_000).optional(),
      offset: offsetParam.optional(),
    }),
    response: { 200: z.array(reportOutSchema) },
    handler: async (req) => (await store.listReports(req.params.officeId, req.query)).map(out),
  });

  define({
    method: 'GET',
    url: `${base}/reports/template`,
    summary:
      '新しい情報提供書のひな形: 前月の同じ利用者・職種の情報提供書（そのままでは保存できません）、この月のまだ含まれていない訪問、宛先の候補、必須の項目',
    tags: ['reports'],
    access: 'user',
    params: withOffice({}),
    query: z.strictObject({
      patientId: idParam,
      profession: z.enum(professions),
      month: monthParam,
    }),
    handler: async (req) => reportTemplate(store, req.params.officeId, req.query),
  });

  define({
    method: 'GET',
    url: `${base}/reports/fax-cover`,
    summary: 'FAX送信票: その日にFAXで送付した情報提供書を宛先ごとに（印刷用 HTML、format=json で JSON）',
    tags: ['reports'],
    access: 'user',
    document: true,
    params: withOffice({}),
    query: z.strictObject({ date: dateParam, format: z.enum(['html', 'json']).optional() }),
    handler: async (req, reply) => {
      const { office, groups } = await faxCover(store, req.params.officeId, req.query.date);
      if (req.query.format === 'json') {
        const list: FaxCoverList = {
          date: req.query.date,
          recipients: groups.map((g) => ({
            recipient: g.recipient,
            pages: g.reports.length + 1,
            reports: g.reports.map((x) => ({
              reportId: x.report.id,
              patientId: x.report.patientId,
              patientName: x.patientName,
              profession: x.report.profession,
              visitDates: x.visitDates,
            })),
          })),
        };
        return list;
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(renderFaxCover(office, req.query.date, groups));
    },
  });

  define({
    method: 'POST',
    url: `${base}/reports`,
    summary:
      '情報提供書を登録（同じ利用者・職種・月の居宅療養管理指導の訪問について。前月と同じ内容のままでは保存できません）',
    tags: ['reports'],
    access: 'write',
    params: withOffice({}),
    body: careReportInputSchema,
    response: { 201: reportOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(out(await store.createReport(req.params.officeId, req.body, userOf(req).id))),
  });

  define({
    method: 'GET',
    url: `${base}/reports/:reportId`,
    summary: '情報提供書（まだ空の必須項目 missingParts つき）',
    tags: ['reports'],
    access: 'user',
    params: withOffice({ reportId: idParam }),
    response: { 200: reportOutSchema },
    handler: async (req) => {
      const r = await store.getReport(req.params.officeId, req.params.reportId);
      if (!r) throw notFound('情報提供書');
      return out(r);
    },
  });

  define({
    method: 'PUT',
    url: `${base}/reports/:reportId`,
    summary: '情報提供書を置き換える（登録と同じ確認）',
    tags: ['reports'],
    access: 'write',
    params: withOffice({ reportId: idParam }),
    body: careReportInputSchema,
    response: { 200: reportOutSchema },
    handler: async (req) =>
      out(await store.updateReport(req.params.officeId, req.params.reportId, req.body, userOf(req).id)),
  });

  define({
    method: 'DELETE',
    url: `${base}/reports/:reportId`,
    summary: '情報提供書を削除',
    tags: ['reports'],
    access: 'write',
    params: withOffice({ reportId: idParam }),
    handler: async (req, reply) => {
      await store.deleteReport(req.params.officeId, req.params.reportId, userOf(req).id);
      return reply.status(204).send();
    },
  });

  define({
    method: 'POST',
    url: `${base}/reports/:reportId/sent`,
    summary: '情報提供書を送付した日（と方法）を記録（内容は変わりません）',
    tags: ['reports'],
    access: 'write',
    params: withOffice({ reportId: idParam }),
    body: reportSentSchema,
    response: { 200: reportOutSchema },
    handler: async (req) =>
      out(await store.markReportSent(req.params.officeId, req.params.reportId, req.body, userOf(req).id)),
  });

  define({
    method: 'GET',
    url: `${base}/reports/:reportId/document`,
    summary: '情報提供書の印刷用の文書（HTML、A4、和暦）',
    tags: ['reports'],
    access: 'user',
    document: true,
    params: withOffice({ reportId: idParam }),
    handler: async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', DOCUMENT_CSP)
        .send(renderReportDocument(await reportDocument(store, req.params.officeId, req.params.reportId))),
  });

  define({
    method: 'GET',
    url: `${base}/months/:month/report-warnings`,
    summary:
      'この月の情報提供書についての注意（前月と同じ文面、定型句だけ、締めの後に送付）。請求の版には締めたときの注意が保存されます',
    tags: ['reports'],
    access: 'user',
    params: withOffice({ month: monthParam }),
    response: { 200: z.array(reportWarningSchema) },
    handler: async (req) => reportWarnings(store, req.params.officeId, req.params.month),
  });
}
