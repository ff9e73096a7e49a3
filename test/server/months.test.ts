// The month through the API: preview (not stored), close → immutable versions with the diff to the
// previous one, the patient statement (K24-7 医療費控除対象額), building counts (K24-4) and the visit check
// (K24-5b).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, seedMonth, json, type TestServer } from './helpers.js';
import type { ClaimMonthResult } from '../../src/core/result.js';
import { SYSTEM_ACTOR } from '../../src/store/store.js';

let s: TestServer;
let base: string;
let seeded: Awaited<ReturnType<typeof seedMonth>>;

beforeAll(async () => {
  s = await startTestServer();
  base = `/api/v1/offices/${s.a.id}`;
  seeded = await seedMonth(s);
});
afterAll(async () => {
  await s.close();
});

interface Version {
  id: string;
  officeId: string;
  month: string;
  scheduleId: string;
  engineVersion: string;
  inputDigest: string;
  closedAt: string;
  version: number;
  result: ClaimMonthResult;
  reportWarnings: unknown[];
  diff: null | { fromVersion: number; toVersion: number; patients: { patientId: string }[] };
  closedBy: string;
}

describe('month close and claim versions', () => {
  it('preview: the engine on the records, nothing stored', async () => {
    const r = await s.as('readonly', { method: 'GET', url: `${base}/months/2024-07/preview` });
    expect(r.statusCode, r.body).toBe(200);
    const res = json<ClaimMonthResult>(r);
    expect(res.officeId).toBe(s.a.number);
    expect(res.claims).toHaveLength(4);
    expect(res.totals.yen).toBeGreaterThan(0);
    expect(await s.store.listClaimVersions(s.a.id, '2024-07')).toEqual([]);
  });

  it('close: version 1, the same result as the preview, closed by the user', async () => {
    const { reportWarnings, ...preview } = json<ClaimMonthResult & { reportWarnings: unknown[] }>(
      await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/preview` }),
    );
    const r = await s.as('clerk', { method: 'POST', url: `${base}/months/2024-07/close` });
    expect(r.statusCode, r.body).toBe(201);
    // The close answers with the summary; the version is read at its Location.
    expect(r.headers.location).toBe(`${base}/months/2024-07/claims/1`);
    const summary = json<Version>(r);
    expect(summary.result).toBeUndefined();
    const v = json<Version>(await s.as('clerk', { method: 'GET', url: r.headers.location as string }));
    expect(summary).toEqual({
      id: v.id,
      officeId: v.officeId,
      month: v.month,
      version: v.version,
      scheduleId: v.scheduleId,
      engineVersion: v.engineVersion,
      inputDigest: v.inputDigest,
      closedBy: v.closedBy,
      closedAt: v.closedAt,
      totals: v.result.totals,
      claimCount: v.result.claims.length,
      rejectionCount: v.result.rejections.length,
    });
    expect(v.version).toBe(1);
    expect(v.result).toEqual(preview);
    expect(v.reportWarnings).toEqual(reportWarnings); // K24-2a: the preview's warnings are stored with the close
    expect(v.diff).toBeNull();
    expect(v.closedBy).toBe((await s.store.getUserByUsername('clerk'))!.id);
  });

  it('close again after a change: version 2 with what changed; version 1 is unchanged', async () => {
    const v1 = json<Version>(await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/claims/1` }));
    // A third visit in the month for the patient in the detached house.
    await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[3],
        date: '2024-07-24',
        profession: 'pharmacist',
        reported: true,
      },
    });
    const r = await s.as('clerk', { method: 'POST', url: `${base}/months/2024-07/close` });
    expect(r.statusCode).toBe(201);
    const v2 = json<Version>(await s.as('clerk', { method: 'GET', url: r.headers.location as string }));
    expect(v2.version).toBe(2);
    expect(v2.diff).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect(v2.diff!.patients.map((p) => p.patientId)).toEqual([seeded.patientIds[3]]);
    expect(v2.result.totals.yen).toBeGreaterThan(v1.result.totals.yen);
    const again = json<Version>(
      await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/claims/1` }),
    );
    expect(again.result).toEqual(v1.result);
    const list = json<{ version: number }[]>(
      await s.as('readonly', { method: 'GET', url: `${base}/months/2024-07/claims` }),
    );
    expect(list.map((x) => x.version)).toEqual([2, 1]);
  });

  it('closes sent at the same time get consecutive versions, none lost, no error', async () => {
    const before = (await s.store.listClaimVersions(s.a.id, '2024-10')).length;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => s.as('clerk', { method: 'POST', url: `${base}/months/2024-10/close` })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const versions = answers.map((r) => json<Version>(r).version).sort((a, b) => a - b);
    expect(versions).toEqual([1, 2, 3, 4, 5].map((v) => before + v));
    expect(await s.store.listClaimVersions(s.a.id, '2024-10')).toHaveLength(before + 5);
  });

  it('an unknown version is a 404; version 0 or text is a 400 naming version', async () => {
    expect((await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/claims/9` })).statusCode).toBe(
      404,
    );
    const zero = await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/claims/0` });
    expect(zero.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(zero).errors[0]!.path).toBe('version');
    const bad = await s.as('clerk', { method: 'GET', url: `${base}/months/2024-13/preview` });
    expect(json<{ errors: { path: string; message: string }[] }>(bad).errors[0]!.path).toBe('month');
  });

  it('a readonly user cannot close (403)', async () => {
    expect((await s.as('readonly', { method: 'POST', url: `${base}/months/2024-07/close` })).statusCode).toBe(
      403,
    );
  });

  it('a month the records cannot price is a 422 naming the patient (M-11: C006 needs a medical copay)', async () => {
    // After the patient's certification ends (2025-03-31): a C006 visit that may be billed (O6: on a
    // certified day it would be refused CARE_INSURANCE_PRIORITY, which needs no copay).
    await s.store.createVisit(
      s.a.id,
      { kind: 'c006', patientId: seeded.patientIds[1]!, date: '2025-04-05', units: 2 },
      SYSTEM_ACTOR,
    );
    const r = await s.as('clerk', { method: 'GET', url: `${base}/months/2025-04/preview` });
    expect(r.statusCode).toBe(422);
    const e = json<{ errors: { path: string; message: string }[] }>(r).errors[0]!;
    expect(e.path).toContain(seeded.patientIds[1]!);
    expect(e.message).toMatch(/医療保険の負担割合/);
    const c = await s.as('clerk', { method: 'POST', url: `${base}/months/2025-04/close` });
    expect(c.statusCode).toBe(422);
    expect(await s.store.listClaimVersions(s.a.id, '2025-04')).toEqual([]);
  });
});

describe('patient statement', () => {
  it('K24-7: the statement of the latest close, with 医療費控除対象額 = the copay of 居宅療養管理指導', async () => {
    const pid = seeded.patientIds[0]!; // copay 2割
    const r = await s.as('readonly', { method: 'GET', url: `${base}/months/2024-07/statements/${pid}` });
    expect(r.statusCode, r.body).toBe(200);
    const st = json<{
      office: { name: string };
      patient: { name: string; copayRate: number };
      monthWareki: string;
      source: { kind: string; version: number };
      claims: { serviceType: string; copay: number; lines: { dates: string[] }[] }[];
      totals: { copay: number };
      medicalDeductionYen: number;
    }>(r);
    expect(st.office.name).toBe('みどり薬局');
    expect(st.patient).toMatchObject({ name: '利用者1', copayRate: 2 });
    expect(st.monthWareki).toBe('令和6年7月');
    expect(st.source).toMatchObject({ kind: 'claim', version: 2 });
    const v2 = json<Version>(await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/claims/2` }));
    const claim = v2.result.claims.find((c) => c.patientId === pid)!;
    expect(st.claims[0]!.copay).toBe(claim.copay);
    expect(st.claims[0]!.serviceType).toBe('31');
    expect(st.medicalDeductionYen).toBe(claim.copay);
    expect(st.claims[0]!.lines[0]!.dates).toEqual(['2024-07-03', '2024-07-17']);
  });

  it('?version=1 and a month never closed (preview)', async () => {
    const pid = seeded.patientIds[0]!;
    const v1 = await s.as('readonly', {
      method: 'GET',
      url: `${base}/months/2024-07/statements/${pid}?version=1`,
    });
    expect(json<{ source: { version: number } }>(v1).source.version).toBe(1);
    const aug = await s.as('readonly', { method: 'GET', url: `${base}/months/2024-08/statements/${pid}` });
    expect(aug.statusCode).toBe(200);
    expect(
      json<{ source: { kind: string }; claims: unknown[]; medicalDeductionYen: number }>(aug),
    ).toMatchObject({
      source: { kind: 'preview' },
      claims: [],
      medicalDeductionYen: 0,
    });
  });
});

describe('planning', () => {
  type Counts = {
    professions: {
      profession: string;
      patients: number;
      column: string;
      oneMore: { patients: number; column: string; existingYenChange: number };
    }[];
  };
  const pharmacist = async (): Promise<Counts['professions'][number]> => {
    const r = await s.as('readonly', {
      method: 'GET',
      url: `${base}/buildings/${seeded.buildingId}/counts?month=2024-07`,
    });
    expect(r.statusCode, r.body).toBe(200);
    return json<Counts>(r).professions.find((p) => p.profession === 'pharmacist')!;
  };

  it('K24-4d: 3 patients in a building of 40 dwellings count as 1人 each, and so would 4 (10 % or less)', async () => {
    expect(await pharmacist()).toMatchObject({
      patients: 3,
      column: 'single',
      oneMore: { patients: 4, column: 'single', existingYenChange: 0 },
    });
  });

  it('K24-4a: with 20 dwellings the same 3 patients are the 2–9 column; one more stays 2–9', async () => {
    await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/buildings/${seeded.buildingId}`,
      payload: { dwellings: 20 },
    });
    expect(await pharmacist()).toMatchObject({
      patients: 3,
      column: 'few',
      oneMore: { patients: 4, column: 'few', existingYenChange: 0 },
    });
  });

  it('K24-4: counts need a month (400 naming month)', async () => {
    const r = await s.as('readonly', { method: 'GET', url: `${base}/buildings/${seeded.buildingId}/counts` });
    expect(r.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(r).errors[0]!.path).toBe('month');
  });

  it('K24-5b: a pharmacist visit 2 days after one is refused (INTERVAL) and the earliest date is given', async () => {
    const r = await s.as('readonly', {
      method: 'POST',
      url: `${base}/visits/check`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[1],
        date: '2024-07-05',
        profession: 'pharmacist',
        reported: true,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    const a = json<{
      billable: boolean;
      asked: { rejections: { code: string; rule: string; message: string }[] };
      earliestDate: string;
    }>(r);
    expect(a.billable).toBe(false);
    expect(a.asked.rejections[0]).toMatchObject({ code: 'INTERVAL' });
    expect(a.asked.rejections[0]!.message).toMatch(/./);
    // 07-03 and 07-17 are billed: a visit between them must keep 中6日 from both sides.
    expect(a.earliestDate! > '2024-07-05').toBe(true);
    expect(
      await s.store.listVisits(s.a.id, { patientId: seeded.patientIds[1]!, month: '2024-07' }),
    ).toHaveLength(2);
  });

  it('a new patient with no visit yet can be checked (the first visit is billable)', async () => {
    const p = await s.store.createPatient(
      s.a.id,
      {
        name: '新規 利用者',
        certifications: [{ level: 'care1', copay: 1, from: '2024-07-01' }],
        residences: [{ kind: 'home', from: '2024-01-01' }],
      },
      SYSTEM_ACTOR,
    );
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits/check`,
      payload: {
        kind: 'kyotaku',
        patientId: p.id,
        date: '2024-07-10',
        profession: 'pharmacist',
        reported: true,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json<{ billable: boolean; column: string }>(r)).toMatchObject({
      billable: true,
      column: 'single',
    });
    const before = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits/check`,
      payload: {
        kind: 'kyotaku',
        patientId: p.id,
        date: '2024-06-28',
        profession: 'pharmacist',
        reported: true,
      },
    });
    // K24-1: not yet certified on 06-28; billable from the certification's first day.
    expect(json<{ billable: boolean; earliestDate: string }>(before)).toMatchObject({
      billable: false,
      earliestDate: '2024-07-01',
    });
  });

  it('K24-5b: a visit 7 days after the last is billable, with its column', async () => {
    const r = await s.as('readonly', {
      method: 'POST',
      url: `${base}/visits/check`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[1],
        date: '2024-07-24',
        profession: 'pharmacist',
        reported: true,
      },
    });
    const a = json<{ billable: boolean; column: string; earliestDate: string }>(r);
    expect(a).toMatchObject({ billable: true, column: 'few', earliestDate: '2024-07-24' }); // 20 dwellings since the test above
  });

  it('K24-2c the visit check and the preview name the staff members, not their ids', async () => {
    const tanaka = await s.store.createStaff(
      s.a.id,
      { name: '田中 美穂', profession: 'pharmacist' },
      SYSTEM_ACTOR,
    );
    const ito = await s.store.createStaff(
      s.a.id,
      { name: '伊藤 健', profession: 'pharmacist' },
      SYSTEM_ACTOR,
    );
    const p = await s.store.createPatient(
      s.a.id,
      {
        name: '二人目 薬剤師',
        certifications: [{ level: 'care1', copay: 1, from: '2024-04-01' }],
        residences: [{ kind: 'home', from: '2020-01-01' }],
      },
      SYSTEM_ACTOR,
    );
    const visit = { kind: 'kyotaku', patientId: p.id, profession: 'pharmacist', reported: true } as const;
    const first = await s.store.createVisit(
      s.a.id,
      { ...visit, date: '2024-07-03', staffId: tanaka.id },
      SYSTEM_ACTOR,
    );
    const expectNames = (message: string | undefined) => {
      expect(message).toContain('（田中 美穂）');
      expect(message).toContain('伊藤 健の訪問');
      expect(message).not.toContain(tanaka.id);
      expect(message).not.toContain(ito.id);
    };
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits/check`,
      payload: { ...visit, date: '2024-07-17', staffId: ito.id },
    });
    expect(r.statusCode, r.body).toBe(200);
    const a = json<{ asked: { rejections: { code: string; rule: string; message: string }[] } }>(r);
    const refused = a.asked.rejections.filter((x) => x.code === 'SECOND_PRACTITIONER');
    expect(refused.map((x) => x.rule)).toEqual(['K24-2c']);
    expectNames(refused[0]!.message);

    const second = await s.store.createVisit(
      s.a.id,
      { ...visit, date: '2024-07-17', staffId: ito.id },
      SYSTEM_ACTOR,
    );
    const preview = json<ClaimMonthResult>(
      await s.as('clerk', { method: 'GET', url: `${base}/months/2024-07/preview` }),
    );
    expectNames(preview.rejections.find((x) => x.recordId === second.id)?.message);
    for (const v of [second, first]) await s.store.deleteVisit(s.a.id, v.id, SYSTEM_ACTOR);
  });
});
