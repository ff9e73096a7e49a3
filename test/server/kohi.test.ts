// 公費 through the API (docs/kohi.md): the 公費 table (GET /api/v1/kohi-laws), a patient's entries and a 難病
// patient's month; validation answers name the field in Japanese; office-scoped (another office's clerk
// neither reads nor writes them; a readonly user only reads); every change in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, json, type TestServer } from './helpers.js';

let s: TestServer;
let base: string;
let patientId: string;
type Problems = { errors: { path: string; message: string }[] };

const entry = (over: object = {}) => ({
  patientId,
  law: '12',
  payerNumber: '12131017',
  recipientNumber: '1234566',
  from: '2024-04-01',
  selfPayYen: 0,
  ...over,
});

beforeAll(async () => {
  s = await startTestServer();
  base = `/api/v1/offices/${s.a.id}`;
  const p = await s.as('clerk', { method: 'POST', url: `${base}/patients`, payload: { name: '生保 花子' } });
  patientId = json<{ id: string }>(p).id;
});
afterAll(async () => {
  await s.close();
});

describe('公費 API', () => {
  it('GET /api/v1/kohi-laws lists 12 and 54 with their sources', async () => {
    const r = await s.as('readonly', { method: 'GET', url: '/api/v1/kohi-laws' });
    expect(r.statusCode).toBe(200);
    const laws = json<{ law: string; name: string; capKind: { value: string; source: string } }[]>(r);
    expect(laws.map((l) => [l.law, l.name, l.capKind.value])).toEqual([
      ['12', '生活保護（介護扶助）', 'self_pay'],
      ['54', '特定医療費（指定難病）', 'monthly_cap'],
    ]);
    expect(laws.every((l) => l.capKind.source.length > 0)).toBe(true);
    expect((await s.as(null, { method: 'GET', url: '/api/v1/kohi-laws' })).statusCode).toBe(401);
  });

  it('an entry: created (201), read, changed, listed for the patient, deleted (204), all audited', async () => {
    const c = await s.as('clerk', { method: 'POST', url: `${base}/kohi`, payload: entry() });
    expect(c.statusCode).toBe(201);
    const id = json<{ id: string }>(c).id;
    const p = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/kohi/${id}`,
      payload: { selfPayYen: 500 },
    });
    expect(json<{ selfPayYen: number }>(p).selfPayYen).toBe(500);
    const l = await s.as('readonly', { method: 'GET', url: `${base}/kohi?patientId=${patientId}` });
    expect(json<{ id: string }[]>(l).map((x) => x.id)).toEqual([id]);
    expect((await s.as('clerk', { method: 'DELETE', url: `${base}/kohi/${id}` })).statusCode).toBe(204);
    expect((await s.as('clerk', { method: 'GET', url: `${base}/kohi/${id}` })).statusCode).toBe(404);
    const audit = await s.as('admin', {
      method: 'GET',
      url: `${base}/audit?entity=kohi_entry&entityId=${id}`,
    });
    expect(
      json<{ action: string }[]>(audit)
        .map((a) => a.action)
        .sort(),
    ).toEqual(['create', 'delete', 'update']);
  });

  it('KOHI-9: a wrong check digit is a 400 naming the field', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/kohi`,
      payload: entry({ payerNumber: '12131018' }),
    });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors).toEqual([
      {
        path: 'payerNumber',
        message: expect.stringContaining('公費負担者番号 "12131018" の検証番号（8桁目）が合いません'),
      },
    ]);
    const missing = await s.as('clerk', {
      method: 'POST',
      url: `${base}/kohi`,
      payload: { patientId, law: '12', from: '2024-04-01' },
    });
    expect(missing.statusCode).toBe(400);
    expect(json<Problems>(missing).errors.map((e) => [e.path, e.message])).toEqual(
      expect.arrayContaining([
        ['payerNumber', '公費負担者番号を入れてください'],
        ['recipientNumber', '受給者番号を入れてください'],
      ]),
    );
  });

  it('KOHI-10: an overlapping entry of one 法別 is a 409 naming the field', async () => {
    const first = await s.as('clerk', {
      method: 'POST',
      url: `${base}/kohi`,
      payload: entry({ to: '2024-06-30' }),
    });
    expect(first.statusCode).toBe(201);
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/kohi`,
      payload: entry({ from: '2024-06-01' }),
    });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('有効期間が重なっています');
  });

  it('office-scoped: the clerk of office B neither reads nor writes office A’s 公費 (404); readonly cannot write (403)', async () => {
    expect((await s.as('clerkB', { method: 'GET', url: `${base}/kohi` })).statusCode).toBe(404);
    expect(
      (await s.as('clerkB', { method: 'POST', url: `${base}/kohi`, payload: entry({ from: '2025-01-01' }) }))
        .statusCode,
    ).toBe(404);
    const own = `/api/v1/offices/${s.b.id}/kohi`;
    const cross = await s.as('clerkB', { method: 'POST', url: own, payload: entry({ from: '2025-01-01' }) });
    expect(cross.statusCode).toBe(400);
    expect(json<Problems>(cross).errors[0]!.path).toBe('patientId');
    expect(
      (
        await s.as('readonly', {
          method: 'POST',
          url: `${base}/kohi`,
          payload: entry({ from: '2025-01-01' }),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('KOHI-5: a 難病 patient’s month — one per month and 法別, the amount named in Japanese when wrong', async () => {
    const payload = { patientId, month: '2024-07', law: '54', paidElsewhereYen: 4500 };
    const c = await s.as('clerk', { method: 'POST', url: `${base}/kohi-months`, payload });
    expect(c.statusCode).toBe(201);
    expect((await s.as('clerk', { method: 'POST', url: `${base}/kohi-months`, payload })).statusCode).toBe(
      409,
    );
    const bad = await s.as('clerk', {
      method: 'POST',
      url: `${base}/kohi-months`,
      payload: { ...payload, month: '2024-08', paidElsewhereYen: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problems>(bad).errors[0]).toMatchObject({
      path: 'paidElsewhereYen',
      message: expect.stringContaining('他の医療機関等で支払った額'),
    });
    const l = await s.as('readonly', { method: 'GET', url: `${base}/kohi-months?month=2024-07` });
    expect(json<{ paidElsewhereYen: number }[]>(l).map((x) => x.paidElsewhereYen)).toEqual([4500]);
  });
});

describe('CSV import: the 公費 columns of the patients’ file', () => {
  const csv = (text: string) => ({
    payload: Buffer.from(text, 'utf8'),
    headers: { 'content-type': 'text/csv' },
  });
  const head =
    '氏名,公費1_法別番号,公費1_負担者番号,公費1_受給者番号,公費1_開始日,公費1_本人支払額,公費2_法別番号,公費2_負担者番号,公費2_受給者番号,公費2_開始日,公費2_上限月額';

  it('a row with 生活保護 and 指定難病 creates the patient and both entries', async () => {
    const text = `${head}\n生保 難病子,12,12131017,1234566,2024/4/1,0,54,54016027,1234566,2024/4/1,5000\n`;
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/patients`, ...csv(text) });
    expect(r.statusCode, r.body).toBe(200);
    const id = json<{ ids: string[] }>(r).ids[0]!;
    const entries = await s.store.listKohiEntries(s.a.id, { patientId: id });
    expect(entries.map((k) => [k.law, k.payerNumber, k.from, k.selfPayYen, k.monthlyCapYen])).toEqual([
      ['12', '12131017', '2024-04-01', 0, undefined],
      ['54', '54016027', '2024-04-01', undefined, 5000],
    ]);
  });

  it('KOHI-9: a wrong check digit is the row’s error at its column, and nothing is imported', async () => {
    const before = await s.store.countPatients(s.a.id);
    const text = `${head}\n誤り 太郎,12,12131018,1234566,2024/4/1,0,,,,,\n`;
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/patients`, ...csv(text) });
    expect(r.statusCode).toBe(400);
    const errs = json<{ errors: { row: number; column: string; message: string }[] }>(r).errors;
    expect(errs).toEqual([
      expect.objectContaining({
        row: 2,
        column: '公費1_負担者番号',
        message: expect.stringContaining('公費1: 公費負担者番号 "12131018" の検証番号'),
      }),
    ]);
    expect(await s.store.countPatients(s.a.id)).toBe(before);
  });
});
