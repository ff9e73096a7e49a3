// CRUD of an office's records: staff, buildings, patients (with their dated histories), visits, and the
// questions asked before a visit is saved (POST /visits/check) or a patient moves in (building counts).
// Every route is under /api/v1/offices/:officeId; the store scopes every read and write by that office,
// and references inside a body (a building of a residence, the patient and staff of a visit) are checked
// to belong to the same office.
import { z } from 'zod';
import type { InputProblem } from '../../core/validate.js';
import type { Profession } from '../../core/input.js';
import { professions } from '../../core/input.js';
import { addDays } from '../../core/dates.js';
import {
  buildingInputSchema,
  buildingPatchSchema,
  patientInputSchema,
  patientPatchSchema,
  staffInputSchema,
  staffPatchSchema,
  visitInputSchema,
} from '../../contract/schemas.js';
import type { ResidencePeriod, VisitInput } from '../../contract/types.js';
import type { Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { userOf } from '../auth.js';
import { dateParam, idParam, intParam, monthParam, withOffice } from '../params.js';
import {
  HORIZON_DAYS,
  billedOnReports,
  buildingCounts,
  checkVisitAcrossMonths,
  reportPending,
} from '../planning.js';
import { buildingOutSchema, patientOutSchema, staffOutSchema, visitOutSchema } from '../shapes.js';
import { scheduleForMonth } from '../../schedules/index.js';
import { monthRecordsAndInput } from '../../app/index.js';
import { preparedOrThrow } from '../../app/problems.js';
import { enginePatient, engineRecord } from '../../app/monthInput.js';

const listQuery = z.strictObject({
  q: z.string().max(100).optional(),
  limit: intParam(5000).optional(),
  offset: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional(),
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
    handler: async (req) => {
      const { officeId, buildingId } = req.params;
      const building = await store.getBuilding(officeId, buildingId);
      if (!building) throw notFound('建物');
      const month = req.query.month;
      const choice = scheduleForMonth(month);
      if (!choice.ok) throw badRequest([{ path: 'month', message: choice.message }]);
      // Planning: visits whose report to the care manager is still to be written count as planned (K24-2a).
      const { input, names } = await monthRecordsAndInput(store, officeId, month, 'flag');
      preparedOrThrow(input, names);
      // The professions the office has: its staff's, and those that visited this month.
      const present = new Set<Profession>();
      for (const s of await store.listStaff(officeId)) if (!s.retired) present.add(s.profession);
      for (const r of input.records) if (r.kind === 'kyotaku') present.add(r.profession);
      const profs = professions.filter((p) => present.has(p));
      return { buildingName: building.name, ...buildingCounts(input, choice.schedule, buildingId, profs) };
    },
  });

  // ---- patients
  const checkResidences = async (
    officeId: string,
    residences: ResidencePeriod[] | undefined,
  ): Promise<void> => {
    const problems: InputProblem[] = [];
    for (const [i, r] of (residences ?? []).entries()) {
      if (r.buildingId === undefined) continue;
      const b = await store.getBuilding(officeId, r.buildingId);
      if (!b)
        problems.push({
          path: `residences[${i}].buildingId`,
          message: `"${r.buildingId}" はこの事業所の建物ではありません`,
        });
      else if (r.unitId !== undefined && b.units && !b.units.includes(r.unitId)) {
        problems.push({
          path: `residences[${i}].unitId`,
          message: `"${r.unitId}" は建物「${b.name}」のユニットではありません（${b.units.join('、')}）`,
        });
      }
    }
    if (problems.length) throw badRequest(problems);
  };

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
    handler: async (req, reply) => {
      await checkResidences(req.params.officeId, req.body.residences);
      return reply.status(201).send(await store.createPatient(req.params.officeId, req.body, userOf(req).id));
    },
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
    handler: async (req) => {
      await checkResidences(req.params.officeId, req.body.residences);
      return store.updatePatient(req.params.officeId, req.params.patientId, req.body, userOf(req).id);
    },
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
  const checkVisitRefs = async (officeId: string, v: VisitInput): Promise<void> => {
    const problems: InputProblem[] = [];
    if (!(await store.getPatient(officeId, v.patientId))) {
      problems.push({ path: 'patientId', message: `"${v.patientId}" はこの事業所の利用者ではありません` });
    }
    if (v.kind === 'kyotaku' && v.staffId !== undefined) {
      const s = await store.getStaff(officeId, v.staffId);
      if (!s) problems.push({ path: 'staffId', message: `"${v.staffId}" はこの事業所の職員ではありません` });
      else if (
        s.profession !== v.profession &&
        !(s.profession === 'nurse' && v.profession === 'assistant_nurse')
      ) {
        problems.push({
          path: 'profession',
          message: `職員「${s.name}」の職種（${s.profession}）と異なります`,
        });
      }
    }
    if (problems.length) throw badRequest(problems);
  };

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
      kind: z
        .enum(['kyotaku', 'c006', 'care_management', 'home_help', 'home_nursing', 'home_rehab'])
        .optional(),
      limit: intParam(100_000).optional(),
      offset: z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number)
        .optional(),
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
    handler: async (req, reply) => {
      await checkVisitRefs(req.params.officeId, req.body);
      return reply.status(201).send(await store.createVisit(req.params.officeId, req.body, userOf(req).id));
    },
  });
  define({
    method: 'POST',
    url: `${base}/visits/check`,
    summary: 'この訪問は算定できるか（できないときは理由と、算定できる最も早い日）。保存はしません',
    tags: ['visits'],
    access: 'user',
    params: withOffice({}),
    body: visitInputSchema,
    handler: async (req) => {
      const { officeId } = req.params;
      const visit = req.body;
      await checkVisitRefs(officeId, visit);
      const date = 'date' in visit ? visit.date : undefined;
      if (date === undefined) {
        throw badRequest([
          { path: 'kind', message: '日付のある訪問（居宅療養管理指導など）だけ確認できます' },
        ]);
      }
      const patient = (await store.getPatient(officeId, visit.patientId))!;
      // K24-2a: where the office bills the month on the report records, the visit's own flag decides nothing:
      // it is planned as reported, and the answer says that the report is still to be sent (a visit being
      // checked is not saved, so no report can cover it yet).
      const office = (await store.getOffice(officeId))!;
      const onReports = billedOnReports(office.reportsRequiredFrom, { kind: visit.kind, date });
      // K24-2c: the visits carry their staff members' names (as in the month's input), for the messages.
      const staffNames = new Map((await store.listStaff(officeId)).map((x) => [x.id, x.name]));
      const staffName =
        visit.kind === 'kyotaku' && visit.staffId !== undefined ? staffNames.get(visit.staffId) : undefined;
      const asked =
        visit.kind === 'kyotaku'
          ? {
              ...visit,
              ...(onReports ? { reported: true } : {}),
              ...(staffName !== undefined ? { staffName } : {}),
            }
          : visit;
      const buildings = new Map((await store.listBuildings(officeId)).map((b) => [b.id, b]));
      // Later visits of the patient count too (the earliest date may fall in the next months).
      const later = await store.listVisits(officeId, {
        patientId: visit.patientId,
        from: date,
        to: addDays(date, HORIZON_DAYS),
      });
      const inputFor = async (month: string) => {
        // Planning: the other visits count as planned, their reports to the care manager still to be
        // written (K24-2a is judged at the close, from the report records).
        const { input, names } = await monthRecordsAndInput(store, officeId, month, 'flag');
        const known = new Set(input.records.map((r) => r.id));
        for (const v of later) if (!known.has(v.id)) input.records.push(engineRecord(v, staffNames));
        // A patient with no visit in the window is not in the month's input: add them as of the month.
        if (!input.patients.some((p) => p.id === visit.patientId))
          input.patients.push(enginePatient(patient, buildings, month));
        preparedOrThrow(input, names.set(patient.id, patient.name));
        return input;
      };
      const answer = await checkVisitAcrossMonths(inputFor, { ...asked, date });
      return onReports ? { ...answer, reportPending: reportPending(date) } : answer;
    },
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
    method: 'PUT',
    url: `${base}/visits/:visitId`,
    summary: '訪問の記録を置き換える（種類は変えられません）',
    tags: ['visits'],
    access: 'write',
    params: withOffice({ visitId: idParam }),
    body: visitInputSchema,
    response: { 200: visitOutSchema },
    handler: async (req) => {
      await checkVisitRefs(req.params.officeId, req.body);
      return store.updateVisit(req.params.officeId, req.params.visitId, req.body, userOf(req).id);
    },
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
