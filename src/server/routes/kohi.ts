// 公費 (docs/kohi.md): the 公費 table (GET /api/v1/kohi-laws), and per office a patient's dated 公費 entries
// and what a 難病 patient paid in a month at other 指定医療機関. Every office route is under
// /api/v1/offices/:officeId; the store scopes each read and write by that office, checks that the patient
// is the office's own, refuses overlapping entries of one 法別 (KOHI-10), and audits every change.
import { z } from 'zod';
import {
  kohiEntryInputSchema,
  kohiEntryPatchSchema,
  kohiMonthInputSchema,
  kohiMonthPatchSchema,
} from '../../contract/schemas.js';
import { kohiLaws, notFound, type Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { userOf } from '../auth.js';
import { idParam, monthParam, withOffice } from '../params.js';
import { kohiEntryOutSchema, kohiLawSchema, kohiMonthOutSchema } from '../shapes.js';

export function registerKohiRoutes({ define }: ServerContext, store: Store): void {
  const base = '/api/v1/offices/:officeId';

  define({
    method: 'GET',
    url: '/api/v1/kohi-laws',
    summary: '公費の一覧（法別番号・対象サービス・給付率・適用順・本人負担の上限の種類、出典つき）',
    tags: ['kohi'],
    access: 'user',
    response: { 200: z.array(kohiLawSchema) },
    handler: async () => kohiLaws(),
  });

  // ---- 公費 entries
  define({
    method: 'GET',
    url: `${base}/kohi`,
    summary: '公費（受給者証・介護券）の一覧',
    tags: ['kohi'],
    access: 'user',
    params: withOffice({}),
    query: z.strictObject({ patientId: idParam.optional() }),
    response: { 200: z.array(kohiEntryOutSchema) },
    handler: async (req) => store.listKohiEntries(req.params.officeId, { patientId: req.query.patientId }),
  });
  define({
    method: 'POST',
    url: `${base}/kohi`,
    summary: '公費を登録（同じ法別の有効期間は重ねられません）',
    tags: ['kohi'],
    access: 'write',
    params: withOffice({}),
    body: kohiEntryInputSchema,
    response: { 201: kohiEntryOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(await store.createKohiEntry(req.params.officeId, req.body, userOf(req).id)),
  });
  define({
    method: 'GET',
    url: `${base}/kohi/:kohiId`,
    summary: '公費を1件',
    tags: ['kohi'],
    access: 'user',
    params: withOffice({ kohiId: idParam }),
    response: { 200: kohiEntryOutSchema },
    handler: async (req) =>
      (await store.getKohiEntry(req.params.officeId, req.params.kohiId)) ?? Promise.reject(notFound('公費')),
  });
  define({
    method: 'PATCH',
    url: `${base}/kohi/:kohiId`,
    summary: '公費を変更',
    tags: ['kohi'],
    access: 'write',
    params: withOffice({ kohiId: idParam }),
    body: kohiEntryPatchSchema,
    response: { 200: kohiEntryOutSchema },
    handler: async (req) =>
      store.updateKohiEntry(req.params.officeId, req.params.kohiId, req.body, userOf(req).id),
  });
  define({
    method: 'DELETE',
    url: `${base}/kohi/:kohiId`,
    summary: '公費を削除',
    tags: ['kohi'],
    access: 'write',
    params: withOffice({ kohiId: idParam }),
    handler: async (req, reply) => {
      await store.deleteKohiEntry(req.params.officeId, req.params.kohiId, userOf(req).id);
      return reply.status(204).send();
    },
  });

  // ---- 難病: paid this month at other 指定医療機関 (自己負担上限額管理票)
  define({
    method: 'GET',
    url: `${base}/kohi-months`,
    summary: '指定難病の他の医療機関等での月の支払額の一覧',
    tags: ['kohi'],
    access: 'user',
    params: withOffice({}),
    query: z.strictObject({ patientId: idParam.optional(), month: monthParam.optional() }),
    response: { 200: z.array(kohiMonthOutSchema) },
    handler: async (req) =>
      store.listKohiMonths(req.params.officeId, { patientId: req.query.patientId, month: req.query.month }),
  });
  define({
    method: 'POST',
    url: `${base}/kohi-months`,
    summary: '指定難病の他の医療機関等での月の支払額を登録（利用者・月・法別ごとに1件）',
    tags: ['kohi'],
    access: 'write',
    params: withOffice({}),
    body: kohiMonthInputSchema,
    response: { 201: kohiMonthOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(await store.createKohiMonth(req.params.officeId, req.body, userOf(req).id)),
  });
  define({
    method: 'PATCH',
    url: `${base}/kohi-months/:kohiMonthId`,
    summary: '指定難病の月の支払額を変更',
    tags: ['kohi'],
    access: 'write',
    params: withOffice({ kohiMonthId: idParam }),
    body: kohiMonthPatchSchema,
    response: { 200: kohiMonthOutSchema },
    handler: async (req) =>
      store.updateKohiMonth(req.params.officeId, req.params.kohiMonthId, req.body, userOf(req).id),
  });
  define({
    method: 'DELETE',
    url: `${base}/kohi-months/:kohiMonthId`,
    summary: '指定難病の月の支払額を削除',
    tags: ['kohi'],
    access: 'write',
    params: withOffice({ kohiMonthId: idParam }),
    handler: async (req, reply) => {
      await store.deleteKohiMonth(req.params.officeId, req.params.kohiMonthId, userOf(req).id);
      return reply.status(204).send();
    },
  });
}
