// One office cannot read or change another's records through ANY endpoint. The test walks the table of
// registered routes (a new route is covered, or fails the test until it is): every route is called by
// users of office A with office B's id and B's record ids in the URL, and with B's record ids inside
// otherwise valid bodies; nothing of B may come back and B's records must be exactly as they were.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeMonth } from '../../src/app/index.js';
import type { InjectOptions } from 'fastify';
import { startTestServer, seedMonth, type TestServer } from './helpers.js';
import { SYSTEM_ACTOR } from '../../src/store/store.js';
import type { RouteInfo } from '../../src/server/route.js';

let s: TestServer;
interface Ids {
  officeId: string;
  staffId: string;
  buildingId: string;
  patientId: string;
  visitId: string;
  reportId: string;
  version: string;
  month: string;
  kohiId: string;
  kohiMonthId: string;
}
let A: Ids;
let B: Ids;
const MARK = 'B事業所';

async function seedOffice(officeId: string, mark: string): Promise<Ids> {
  const staff = await s.store.createStaff(
    officeId,
    { name: `${mark}の職員`, profession: 'pharmacist' },
    SYSTEM_ACTOR,
  );
  const seeded = await seedMonth(s, officeId);
  const building = await s.store.updateBuilding(
    officeId,
    seeded.buildingId,
    { name: `${mark}の建物` },
    SYSTEM_ACTOR,
  );
  for (const id of seeded.patientIds) {
    const p = (await s.store.getPatient(officeId, id))!;
    await s.store.updatePatient(officeId, id, { name: `${mark}の${p.name}` }, SYSTEM_ACTOR);
  }
  const report = await s.store.createReport(
    officeId,
    {
      patientId: seeded.patientIds[0]!,
      profession: 'pharmacist',
      visitIds: [seeded.visitIds[0]!],
      recipient: { kind: 'care_manager', name: `${mark}のケアマネジャー` },
      method: 'fax',
      sentDate: '2024-07-04',
      content: {
        condition: `${mark}の様子`,
        dailyLife: '入浴は短時間で',
        medication: '一包化',
        emergency: '主治医へ連絡',
      },
    },
    SYSTEM_ACTOR,
  );
  const closed = await closeMonth(s.store, officeId, '2024-07', SYSTEM_ACTOR);
  if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
  const kohi = await s.store.createKohiEntry(officeId, kohiBody(seeded.patientIds[0]!), SYSTEM_ACTOR);
  const kohiMonth = await s.store.createKohiMonth(
    officeId,
    { patientId: seeded.patientIds[0]!, month: '2024-07', law: '54', paidElsewhereYen: 1000 },
    SYSTEM_ACTOR,
  );
  return {
    kohiId: kohi.id,
    kohiMonthId: kohiMonth.id,
    officeId,
    staffId: staff.id,
    buildingId: building.id,
    patientId: seeded.patientIds[0]!,
    visitId: seeded.visitIds[0]!,
    reportId: report.id,
    version: '1',
    month: '2024-07',
  };
}

/** A 生活保護 entry (12) of the patient, from 2025 (after the closed month). */
function kohiBody(patientId: string) {
  return {
    patientId,
    law: '12',
    payerNumber: '12131017',
    recipientNumber: '1234566',
    from: '2025-01-01',
    selfPayYen: 0,
  };
}

async function snapshot(officeId: string): Promise<unknown> {
  return {
    office: await s.store.getOffice(officeId),
    staff: await s.store.listStaff(officeId),
    buildings: await s.store.listBuildings(officeId),
    patients: await s.store.listPatients(officeId),
    visits: await s.store.listVisits(officeId),
    reports: await s.store.listReports(officeId),
    versions: await s.store.listClaimVersions(officeId),
    kohi: await s.store.listKohiEntries(officeId),
    kohiMonths: await s.store.listKohiMonths(officeId),
    audit: await s.store.listAudit(officeId, { limit: 100_000 }),
  };
}

function urlFor(route: RouteInfo, ids: Ids): string {
  const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = (ids as unknown as Record<string, string>)[name];
    if (v === undefined)
      throw new Error(`the cross-office test does not know the parameter :${name} of ${route.url}`);
    return encodeURIComponent(v);
  });
  return route.url.endsWith('/counts') ? `${url}?month=2024-07` : url;
}

/** A valid body for the route whose references (patient, building, staff) are those of `refs`. */
function bodyFor(route: RouteInfo, refs: Ids): Pick<InjectOptions, 'payload' | 'headers'> {
  const u = route.url;
  const visit = {
    kind: 'kyotaku',
    patientId: refs.patientId,
    date: '2024-07-24',
    profession: 'pharmacist',
    staffId: refs.staffId,
    reported: true,
  };
  if (route.bodyType === 'csv') {
    const csv = /\/visits(\/preview)?$/.test(u)
      ? `利用者ID,日付,職種,職員ID,ケアマネ報告\n${refs.patientId},2024-07-24,薬剤師,${refs.staffId},1\n`
      : `氏名,建物,入居日\n新しい利用者,${refs.buildingId},2024-01-01\n`;
    return { payload: csv, headers: { 'content-type': 'text/csv' } };
  }
  if (!route.bodyType) return {};
  if (u.endsWith('/reports/:reportId/sent')) return { payload: { sentDate: '2024-07-25' } };
  if (u.includes('/reports')) {
    return {
      payload: {
        patientId: refs.patientId,
        profession: 'pharmacist',
        visitIds: [refs.visitId],
        recipient: { kind: 'care_manager', name: 'ケアマネジャー' },
        method: 'fax',
        content: { condition: '新しい報告', dailyLife: '変更', medication: '変更', emergency: '変更' },
      },
    };
  }
  if (u.includes('/visits')) return { payload: visit };
  if (u.endsWith('/kohi')) return { payload: { ...kohiBody(refs.patientId), from: '2026-01-01' } };
  if (u.endsWith('/kohi/:kohiId')) return { payload: { selfPayYen: 100 } }; // a change names no patient
  if (u.endsWith('/kohi-months')) {
    return { payload: { patientId: refs.patientId, month: '2024-09', law: '54', paidElsewhereYen: 10 } };
  }
  if (u.endsWith('/kohi-months/:kohiMonthId')) return { payload: { paidElsewhereYen: 20 } };
  if (u.endsWith('/patients')) {
    return {
      payload: {
        name: '新しい利用者',
        residences: [{ kind: 'sakoju', buildingId: refs.buildingId, from: '2024-01-01' }],
      },
    };
  }
  if (u.endsWith('/patients/:patientId')) {
    return {
      payload: {
        name: '変更',
        residences: [{ kind: 'sakoju', buildingId: refs.buildingId, from: '2024-01-01' }],
      },
    };
  }
  if (u.endsWith('/staff')) return { payload: { name: '新しい職員', profession: 'pharmacist' } };
  if (u.endsWith('/buildings')) return { payload: { name: '新しい建物', kind: 'sakoju' } };
  if (u.endsWith('/offices/:officeId')) return { payload: { name: '変更' } };
  return { payload: { name: '変更' } };
}

// Both engines: SQLite, and the run's PostgreSQL database when one answers (test/store/pgSetup.ts).
const pgUrl = inject('pgUrl');
const engines = [
  { engine: 'SQLite', pgUrl: undefined, available: true },
  { engine: 'PostgreSQL', pgUrl, available: pgUrl !== '' },
];

describe.each(engines)(
  'cross-office on $engine: office A cannot read or change office B through any endpoint',
  (e) => {
    beforeAll(async () => {
      if (!e.available) return;
      s = await startTestServer(e.pgUrl ? { pgUrl: e.pgUrl } : {});
      A = await seedOffice(s.a.id, 'A事業所');
      B = await seedOffice(s.b.id, MARK);
    });
    afterAll(async () => {
      if (e.available) await s.close();
    });
    if (!e.available) {
      it.skip('no PostgreSQL answers in this run', () => {});
      return;
    }

    const users = ['admin', 'clerk', 'readonly'] as const;

    it('covers every office route', () => {
      const scoped = s.table.routes.filter((r) => r.officeScoped);
      expect(scoped.length).toBeGreaterThanOrEqual(30);
      // Every route whose path names an office is scoped (nothing reaches an office's data another way).
      for (const r of s.table.routes) expect(r.officeScoped, r.url).toBe(r.url.includes(':officeId'));
    });

    it('B’s office id in the URL: 404 for every route and every user of A, nothing of B in the answer', async () => {
      const before = await snapshot(B.officeId);
      for (const user of users) {
        for (const route of s.table.routes.filter((r) => r.officeScoped)) {
          const r = await s.as(user, {
            method: route.method as 'GET',
            url: urlFor(route, B),
            ...bodyFor(route, B),
          });
          expect(r.statusCode, `${user} ${route.method} ${route.url}`).toBe(404);
          expect(r.body).not.toContain(MARK);
          expect(r.body).not.toContain(s.b.number);
        }
      }
      expect(await snapshot(B.officeId)).toEqual(before);
    });

    it('A’s office id with B’s record ids in the URL: 404 wherever a record is named; nothing of B anywhere', async () => {
      const before = await snapshot(B.officeId);
      const mixed: Ids = { ...B, officeId: A.officeId };
      for (const route of s.table.routes.filter((r) => r.officeScoped)) {
        const r = await s.as('admin', {
          method: route.method as 'GET',
          url: urlFor(route, mixed),
          ...bodyFor(route, A),
        });
        const namesRecord = /:(staffId|buildingId|patientId|visitId|reportId|kohiId|kohiMonthId)/.test(
          route.url,
        );
        if (namesRecord) expect(r.statusCode, `${route.method} ${route.url}`).toBe(404);
        expect(r.body, `${route.method} ${route.url}`).not.toContain(MARK);
        expect(r.body).not.toContain(s.b.number);
      }
      expect(await snapshot(B.officeId)).toEqual(before);
    });

    it('A’s URLs with B’s patient, building and staff inside the body: refused (4xx), nothing of B', async () => {
      const before = await snapshot(B.officeId);
      const refsB: Ids = { ...B, officeId: A.officeId };
      const withRefs = s.table.routes.filter(
        (r) =>
          r.officeScoped &&
          r.bodyType !== undefined &&
          !/offices\/:officeId$|\/staff|\/buildings(\/:buildingId)?$|\/sent$|\/kohi(-months)?\/:kohi(Month)?Id$/.test(
            r.url,
          ),
      );
      expect(withRefs.length).toBeGreaterThanOrEqual(6);
      for (const route of withRefs) {
        const r = await s.as('admin', {
          method: route.method as 'POST',
          url: urlFor(route, A),
          ...bodyFor(route, refsB),
        });
        if (route.url.endsWith('/preview')) {
          // The import's dry run answers with its row errors: B's records are errors, no row to import.
          expect(r.statusCode, `${route.method} ${route.url} ${r.body}`).toBe(200);
          const p = JSON.parse(r.body) as { rows: unknown[]; errors: unknown[] };
          expect(p.rows).toEqual([]);
          expect(p.errors.length).toBeGreaterThan(0);
        } else {
          expect(r.statusCode, `${route.method} ${route.url} ${r.body}`).toBeGreaterThanOrEqual(400);
          expect(r.statusCode).toBeLessThan(500);
        }
        expect(r.body).not.toContain(MARK);
      }
      expect(await snapshot(B.officeId)).toEqual(before);
    });

    it('lists show only the user’s offices and users', async () => {
      const offices = await s.as('clerk', { method: 'GET', url: '/api/v1/offices' });
      expect(offices.body).not.toContain(s.b.id);
      const me = await s.as('clerk', { method: 'GET', url: '/api/v1/me' });
      expect(me.body).not.toContain(s.b.id);
      const audit = await s.as('admin', {
        method: 'GET',
        url: `/api/v1/offices/${A.officeId}/audit?limit=1000`,
      });
      expect(audit.statusCode).toBe(200);
      expect(audit.body).not.toContain(MARK);
      for (const e of JSON.parse(audit.body) as { officeId: string }[]) expect(e.officeId).toBe(A.officeId);
    });

    it('the same calls with A’s own ids succeed (the test reaches the handlers)', async () => {
      for (const path of [
        `patients/${A.patientId}`,
        `visits/${A.visitId}`,
        `staff/${A.staffId}`,
        `buildings/${A.buildingId}`,
        `months/2024-07/claims/1`,
        `reports/${A.reportId}`,
        `reports/${A.reportId}/document`,
      ]) {
        const r = await s.as('readonly', { method: 'GET', url: `/api/v1/offices/${A.officeId}/${path}` });
        expect(r.statusCode, path).toBe(200);
      }
    });
  },
);
