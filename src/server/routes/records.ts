// CRUD of an office's records: staff, buildings, patients (with their dated histories), visits, and the
// questions asked before a visit is saved (POST /visits/check) or a patient moves in (building counts).
// Every route is under /api/v1/offices/:officeId; the store scopes every read and write by that office,
// and checks that the references inside a body (a building of a residence, the patient and staff of a
// visit) belong to the same office (src/contract/references.ts).
import { z } from 'zod';
import { recordKinds } from '../../core/input.js';
import {
  buildingInputSchema,
  buildingPatchSchema,
  patientInputSchema,
  patientPatchSchema,
  staffInputSchema,
  staffPatchSchema,
  visitInputSchema,
  proposalsInputSchema,
} from '../../contract/schemas.js';
import { buildingCounts, checkProposals, checkVisit, notFound, type Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { userOf } from '../auth.js';
import { dateParam, idParam, intParam, monthParam, offsetParam, withOffice } from '../params.js';
import { buildingOutSchema, patientOutSchema, staffOutSchema, visitOutSchema } from '../shapes.js';

const listQuery = z.strictObject({
  q: z.string().max(100).optional(),
  limit: intParam(5000).optional(),
  offset: offsetParam.optional(),
});

export function registerRecordRoutes({ define }: ServerContext, store: Store): void {
  const base = '/api/v1/offices/:officeId';

  // ---- staff
  define({
    method: 'GET',
    url: `${base}/staff`,
    summary: '職員の一覧',
    tags: ['staff'],
    access: 'user',
    params: withOffice({}),
    query: listQuery,
    response: { 200: z.array(staffOutSchema) },
    handler: async (req) =>
      store.listStaff(req.params.officeId, {
        search: req.query.q,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  });
  define({
    method: 'POST',
    url: `${base}/staff`,
    summary: '職員を登録',
    tags: ['staff'],
    access: 'write',
    params: withOffice({}),
    body: staffInputSchema,
    response: { 201: staffOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(await store.createStaff(req.params.officeId, req.body, userOf(req).id)),
  });
  define({
    method: 'GET',
    url: `${base}/staff/:staffId`,
    summary: '職員',
    tags: ['staff'],
    access: 'user',
    params: withOffice({ staffId: idParam }),
    response: { 200: staffOutSchema },
    handler: async (req) =>
      (await store.getStaff(req.params.officeId, req.params.staffId)) ?? Promise.reject(notFound('職員')),
  });
  define({
    method: 'PATCH',
    url: `${base}/staff/:staffId`,
    summary: '職員を変更',
    tags: ['staff'],
    access: 'write',
    params: withOffice({ staffId: idParam }),
    body: staffPatchSchema,
    response: { 200: staffOutSchema },
    handler: async (req) =>
      store.updateStaff(req.params.officeId, req.params.staffId, req.body, userOf(req).id),
  });
  define({
    method: 'DELETE',
    url: `${base}/staff/:staffId`,
    summary: '職員を削除（訪問の記録があるときは退職にしてください）',
    tags: ['staff'],
    access: 'write',
    params: withOffice({ staffId: idParam }),
    handler: async (req, reply) => {
      await store.deleteStaff(req.params.officeId, req.params.staffId, userOf(req).id);
      return reply.status(204).send();
    },
  });

  // ---- buildings
  define({
    method: 'GET',
    url: `${base}/buildings`,
    summary: '建物の一覧',
    tags: ['buildings'],
    access: 'user',
    params: withOffice({}),
    query: listQuery,
    response: { 200: z.array(buildingOutSchema) },
    handler: async (req) =>
      store.listBuildings(req.params.officeId, {
        search: req.query.q,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  });
  define({
    method: 'POST',
    url: `${base}/buildings`,
    summary: '建物を登録',
    tags: ['buildings'],
    access: 'write',
    params: withOffice({}),
    body: buildingInputSchema,
    response: { 201: buildingOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(await store.createBuilding(req.params.officeId, req.body, userOf(req).id)),
  });
  define({
    method: 'GET',
    url: `${base}/buildings/:buildingId`,
    summary: '建物',
    tags: ['buildings'],
    access: 'user',
    params: withOffice({ buildingId: idParam }),
    response: { 200: buildingOutSchema },
    handler: async (req) =>
      (await store.getBuilding(req.params.officeId, req.params.buildingId)) ??
      Promise.reject(notFound('建物')),
  });
  define({
    method: 'PATCH',
    url: `${base}/buildings/:buildingId`,
    summary: '建物を変更',
    tags: ['buildings'],
    access: 'write',
    params: withOffice({ buildingId: idParam }),
    body: buildingPatchSchema,
    response: { 200: buildingOutSchema },
    handler: async (req) =>
      store.updateBuilding(req.params.officeId, req.params.buildingId, req.body, userOf(req).id),
  });
  define({
    method: 'DELETE',
    url: `${base}/buildings/:buildingId`,
    summary: '建物を削除（住まいの履歴で使われているときはできません）',
    tags: ['buildings'],
    access: 'write',
    params: withOffice({ buildingId: idParam }),
    handler: async (req, reply) => {
      await store.deleteBuilding(req.params.officeId, req.params.buildingId, userOf(req).id);
      return reply.status(204).send();
    },
  });
  define({
    method: 'GET',
    url: `${base}/buildings/:buildingId/counts`,
    summary: 'この月の単一建物居住者の人数と区分（職種ごと）、もう1人増えたときの変化と月額の影響（K24-4）',
    tags: ['buildings'],
    access: 'user',
    params: withOffice({ buildingId: idParam }),
    query: z.strictObject({ month: monthParam }),
    handler: async (req) =>
      buildingCounts(store, req.params.officeId, req.params.buildingId, req.query.month),
  });

  // ---- patients
  define({
    method: 'GET',
    url: `${base}/patients`,
    summary: '利用者の一覧（q: 氏名・フリガナ・被保険者番号で検索）',
    tags: ['patients'],
    access: 'user',
    params: withOffice({}),
    query: listQuery,
    response: { 200: z.array(patientOutSchema) },
    handler: async (req) =>
      store.listPatients(req.params.officeId, {
        search: req.query.q,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  });
  define({
    method: 'POST',
    url: `${base}/patients`,
    summary: '利用者を登録（認定・住まい・入院等の履歴を含む）',
    tags: ['patients'],
    access: 'write',
    params: withOffice({}),
    body: patientInputSchema,
    response: { 201: patientOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(await store.createPatient(req.params.officeId, req.body, userOf(req).id)),
  });
  define({
    method: 'GET',
    url: `${base}/patients/:patientId`,
    summary: '利用者（履歴を含む）',
    tags: ['patients'],
    access: 'user',
    params: withOffice({ patientId: idParam }),
    response: { 200: patientOutSchema },
    handler: async (req) =>
      (await store.getPatient(req.params.officeId, req.params.patientId)) ??
      Promise.reject(notFound('利用者')),
  });
  define({
    method: 'PATCH',
    url: `${base}/patients/:patientId`,
    summary: '利用者を変更（送った履歴の配列は保存済みのものと置き換わります）',
    tags: ['patients'],
    access: 'write',
    params: withOffice({ patientId: idParam }),
    body: patientPatchSchema,
    response: { 200: patientOutSchema },
    handler: async (req) =>
      store.updatePatient(req.params.officeId, req.params.patientId, req.body, userOf(req).id),
  });
  define({
    method: 'DELETE',
    url: `${base}/patients/:patientId`,
    summary: '利用者を削除（訪問の記録があるときはできません）',
    tags: ['patients'],
    access: 'write',
    params: withOffice({ patientId: idParam }),
    handler: async (req, reply) => {
      await store.deletePatient(req.params.officeId, req.params.patientId, userOf(req).id);
      return reply.status(204).send();
    },
  });

  // ---- visits
  define({
    method: 'GET',
    url: `${base}/visits`,
    summary: '訪問の記録の一覧（month / from・to / patientId / kind で絞り込み）',
    tags: ['visits'],
    access: 'user',
    params: withOffice({}),
    query: z.strictObject({
      month: monthParam.optional(),
      from: dateParam.optional(),
      to: dateParam.optional(),
      patientId: idParam.optional(),
      kind: z.enum(recordKinds).optional(),
      limit: intParam(100_000).optional(),
      offset: offsetParam.optional(),
    }),
    response: { 200: z.array(visitOutSchema) },
    handler: async (req) => store.listVisits(req.params.officeId, req.query),
  });
  define({
    method: 'POST',
    url: `${base}/visits`,
    summary: '訪問の記録を登録',
    tags: ['visits'],
    access: 'write',
    params: withOffice({}),
    body: visitInputSchema,
    response: { 201: visitOutSchema },
    handler: async (req, reply) =>
      reply.status(201).send(await store.createVisit(req.params.officeId, req.body, userOf(req).id)),
  });
  define({
    method: 'POST',
    url: `${base}/visits/check`,
    summary: 'この訪問は算定できるか（できないときは理由と、算定できる最も早い日）。保存はしません',
    tags: ['visits'],
    access: 'user',
    params: withOffice({}),
    body: visitInputSchema,
    handler: async (req) => checkVisit(store, req.params.officeId, req.body),
  });
  define({
    method: 'POST',
    url: `${base}/visits/check-all`,
    summary:
      '提案した訪問（先月のパターンなど）を、この月の保存済みの訪問と一緒に1回で算定したときの判定。保存はしません',
    tags: ['visits'],
    access: 'user',
    params: withOffice({}),
    body: proposalsInputSchema,
    handler: async (req) => checkProposals(store, req.params.officeId, req.body),
  });
  define({
    method: 'GET',
    url: `${base}/visits/:visitId`,
    summary: '訪問の記録',
    tags: ['visits'],
    access: 'user',
    params: withOffice({ visitId: idParam }),
    response: { 200: visitOutSchema },
    handler: async (req) =>
      (await store.getVisit(req.params.officeId, req.params.visitId)) ??
      Promise.reject(notFound('訪問の記録')),
  });
  define({
    method: 'POST',
    url: `${base}/visits/:visitId/check`,
    summary:
      'この訪問の記録をこう変えたら算定できるか（変える前の記録は数えずに判定。できないときは理由と、算定できる最も早い日）。保存はしません',
    tags: ['visits'],
    access: 'user',
    params: withOffice({ visitId: idParam }),
    body: visitInputSchema,
    handler: async (req) => checkVisit(store, req.params.officeId, req.body, req.params.visitId),
  });
  define({
    method: 'PUT',
    url: `${base}/visits/:visitId`,
    summary: '訪問の記録を置き換える（種類は変えられません）',
    tags: ['visits'],
    access: 'write',
    params: withOffice({ visitId: idParam }),
    body: visitInputSchema,
    response: { 200: visitOutSchema },
    handler: async (req) =>
      store.updateVisit(req.params.officeId, req.params.visitId, req.body, userOf(req).id),
  });
  define({
    method: 'DELETE',
    url: `${base}/visits/:visitId`,
    summary: '訪問の記録を削除',
    tags: ['visits'],
    access: 'write',
    params: withOffice({ visitId: idParam }),
    handler: async (req, reply) => {
      await store.deleteVisit(req.params.officeId, req.params.visitId, userOf(req).id);
      return reply.status(204).send();
    },
  });
}
