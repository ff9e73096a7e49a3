// The routes the office's screens added (issue 13 item 4): an edit of a visit checked without counting the
// visit it replaces (K24-5a), the CSV import's dry run (nothing written, rows and row errors as the import
// reads them), the audit log filtered by days in Japan, actor, action and record — each office-scoped
// (another office's ids are 404) with Japanese messages naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, seedMonth, json, type TestServer } from './helpers.js';
import type { AuditEntry, Staff } from '../../src/contract/types.js';
import type { ImportPreview, VisitCheckAnswer } from '../../src/contract/api.js';
import { japanDayStart, japanDateOf } from '../../src/contract/dates.js';

let s: TestServer;
let base: string;
let seeded: Awaited<ReturnType<typeof seedMonth>>;

const csv = (text: string) => ({ payload: text, headers: { 'content-type': 'text/csv; charset=utf-8' } });
type Problems = { errors: { path: string; message: string }[] };

beforeAll(async () => {
  s = await startTestServer();
  base = `/api/v1/offices/${s.a.id}`;
  seeded = await seedMonth(s);
});
afterAll(async () => {
  await s.close();
});

describe('POST …/visits/:visitId/check (an edit checked as entry checks a visit)', () => {
  it('K24-5a: the 4th visit of the month moved to another day is billable when the visit it replaces is not counted', async () => {
    const patientId = seeded.patientIds[3]!;
    const ids: string[] = [];
    for (const date of ['2024-07-10', '2024-07-24']) {
      const v = await s.store.createVisit(
        s.a.id,
        { kind: 'kyotaku', patientId, date, profession: 'pharmacist', reported: true },
        'system',
      );
      ids.push(v.id);
    }
    // Four visits (3, 10, 17, 24): moving the 24th to the 31st is still the 4th visit, not a 5th.
    const body = { kind: 'kyotaku', patientId, date: '2024-07-31', profession: 'pharmacist', reported: true };
    const asEdit = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits/${ids[1]}/check`,
      payload: body,
    });
    expect(asEdit.statusCode, asEdit.body).toBe(200);
    expect(json<VisitCheckAnswer>(asEdit).billable).toBe(true);
    // The same visit checked as a new one is a 5th visit: K24-5a refuses it.
    const asNew = await s.as('clerk', { method: 'POST', url: `${base}/visits/check`, payload: body });
    expect(json<VisitCheckAnswer>(asNew).billable).toBe(false);
    expect(JSON.stringify(json<VisitCheckAnswer>(asNew).asked.rejections)).toContain('K24-5a');
  });

  it('another office’s visit id is 404, and a body with an empty date names 訪問日', async () => {
    const other = await s.as('clerkB', {
      method: 'POST',
      url: `/api/v1/offices/${s.b.id}/visits/${seeded.visitIds[0]}/check`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[0],
        date: '2024-07-05',
        profession: 'pharmacist',
        reported: true,
      },
    });
    expect(other.statusCode, other.body).toBe(404);
    const bad = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits/${seeded.visitIds[0]}/check`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[0],
        date: '',
        profession: 'pharmacist',
        reported: true,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problems>(bad).errors.find((e) => e.path === 'date')?.message).toContain('訪問日');
  });

  it('PUT …/visits/:visitId saves the edit with an audit row (before and after)', async () => {
    const id = seeded.visitIds[1]!;
    const r = await s.as('clerk', {
      method: 'PUT',
      url: `${base}/visits/${id}`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[0],
        date: '2024-07-18',
        profession: 'pharmacist',
        reported: true,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    const rows = json<AuditEntry[]>(
      await s.as('clerk', { method: 'GET', url: `${base}/audit?entity=visit&entityId=${id}&action=update` }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ before: { date: '2024-07-17' }, after: { date: '2024-07-18' } });
  });
});

describe('POST …/import/visits/preview and …/import/patients/preview (the import’s dry run)', () => {
  const file = () =>
    [
      '利用者ID,日付,職種,ケアマネ報告',
      `${seeded.patientIds[0]},2024-09-02,薬剤師,1`, // line 2: good
      '',
      `${seeded.patientIds[0]},2024-09-31,薬剤師,1`, // line 4: no such day
      `${seeded.patientIds[1]},2024/9/9,薬剤師,はい`, // line 5: good
      `${seeded.patientIds[1]},2024-09-10,魔法使い,1`, // line 6: unknown profession
    ].join('\n');

  it('lists the rows to be imported with their lines and each row error (line, column, Japanese), writing nothing', async () => {
    const visitsBefore = await s.store.listVisits(s.a.id);
    const auditBefore = await s.store.listAudit(s.a.id, { limit: 1000 });
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/visits/preview`, ...csv(file()) });
    expect(r.statusCode, r.body).toBe(200);
    const p = json<ImportPreview>(r);
    expect(p.kind).toBe('visits');
    expect(p.rowsInFile).toBe(4);
    expect(p.rows.map((x) => [x.row, (x.value as { date: string }).date])).toEqual([
      [2, '2024-09-02'],
      [5, '2024-09-09'],
    ]);
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '日付'],
      [6, '職種'],
    ]);
    for (const e of p.errors) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(await s.store.listVisits(s.a.id)).toEqual(visitsBefore);
    expect(await s.store.listAudit(s.a.id, { limit: 1000 })).toEqual(auditBefore);
  });

  it('the import after the preview creates exactly the rows the preview listed', async () => {
    const p = json<ImportPreview>(
      await s.as('clerk', { method: 'POST', url: `${base}/import/visits/preview`, ...csv(file()) }),
    );
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/visits?partial=true`,
      ...csv(file()),
    });
    expect(r.statusCode, r.body).toBe(200);
    const out = json<{ imported: number; errors: unknown[] }>(r);
    expect(out.imported).toBe(p.rows.length);
    expect(out.errors).toEqual(p.errors);
  });

  it('patients: a duplicated 被保険者番号 is a row error of its column; a readonly user may not preview', async () => {
    const text = ['氏名,被保険者番号', '新規 一郎,2000000001', '新規 二郎,1000000000'].join('\n');
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/patients/preview`, ...csv(text) });
    expect(r.statusCode, r.body).toBe(200);
    const p = json<ImportPreview>(r);
    expect(p.rows.map((x) => x.row)).toEqual([2]);
    expect(p.errors).toEqual([expect.objectContaining({ row: 3, column: '被保険者番号' })]);
    const ro = await s.as('readonly', {
      method: 'POST',
      url: `${base}/import/patients/preview`,
      ...csv(text),
    });
    expect(ro.statusCode).toBe(403);
  });

  it('another office is 404 for a user not of it; an empty file is refused in Japanese', async () => {
    const other = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${s.b.id}/import/visits/preview`,
      ...csv(file()),
    });
    expect(other.statusCode).toBe(404);
    const empty = await s.as('clerk', { method: 'POST', url: `${base}/import/visits/preview`, ...csv('') });
    expect(empty.statusCode).toBe(400);
    expect(json<Problems>(empty).errors[0]?.message).toContain('CSV');
  });
});

describe('GET …/audit with filters', () => {
  it('staff added, renamed and retired: each change one audit row, filtered by actor, action and entity', async () => {
    const created = json<Staff>(
      await s.as('clerk', {
        method: 'POST',
        url: `${base}/staff`,
        payload: { name: '監査 花子', profession: 'pharmacist' },
      }),
    );
    await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/staff/${created.id}`,
      payload: { name: '監査 華子' },
    });
    await s.as('clerk', { method: 'PATCH', url: `${base}/staff/${created.id}`, payload: { retired: true } });
    const me = json<{ user: { id: string } }>(await s.as('clerk', { method: 'GET', url: '/api/v1/me' }));
    const rows = json<AuditEntry[]>(
      await s.as('readonly', {
        method: 'GET',
        url: `${base}/audit?entity=staff&actor=${me.user.id}&entityId=${created.id}`,
      }),
    );
    expect(rows.map((r) => r.action)).toEqual(['update', 'update', 'create']);
    expect(rows[0]?.before).not.toHaveProperty('retired');
    expect(rows[0]).toMatchObject({ before: { name: '監査 華子' }, after: { retired: true } });
    const updates = json<AuditEntry[]>(
      await s.as('readonly', { method: 'GET', url: `${base}/audit?entity=staff&action=update` }),
    );
    expect(updates.every((r) => r.action === 'update' && r.entity === 'staff')).toBe(true);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    const system = json<AuditEntry[]>(
      await s.as('readonly', { method: 'GET', url: `${base}/audit?entity=staff&actor=system` }),
    );
    expect(system.some((r) => r.entityId === created.id)).toBe(false);
  });

  it('days in Japan, both ends included: today’s rows are in from=to=today and not in the day before', async () => {
    const today = japanDateOf(new Date().toISOString());
    const all = json<AuditEntry[]>(await s.as('clerk', { method: 'GET', url: `${base}/audit?limit=1000` }));
    const inToday = json<AuditEntry[]>(
      await s.as('clerk', { method: 'GET', url: `${base}/audit?from=${today}&to=${today}&limit=1000` }),
    );
    const expected = all.filter((r) => r.at >= japanDayStart(today));
    expect(inToday.map((r) => r.seq)).toEqual(expected.map((r) => r.seq));
    expect(inToday.length).toBeGreaterThan(0);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = json<AuditEntry[]>(
      await s.as('clerk', { method: 'GET', url: `${base}/audit?to=${yesterday}&limit=1000` }),
    );
    expect(before.filter((r) => r.at >= japanDayStart(today))).toEqual([]);
  });

  it('a range that ends before it starts names 終了日; a wrong date names the field; pages by before', async () => {
    const r = await s.as('clerk', { method: 'GET', url: `${base}/audit?from=2024-07-10&to=2024-07-09` });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors[0]).toMatchObject({ path: 'to' });
    expect(json<Problems>(r).errors[0]?.message).toContain('終了日');
    const bad = await s.as('clerk', { method: 'GET', url: `${base}/audit?from=2024-13-01` });
    expect(bad.statusCode).toBe(400);
    expect(json<Problems>(bad).errors[0]?.message).toContain('開始日');
    const page1 = json<AuditEntry[]>(await s.as('clerk', { method: 'GET', url: `${base}/audit?limit=3` }));
    const page2 = json<AuditEntry[]>(
      await s.as('clerk', { method: 'GET', url: `${base}/audit?limit=3&before=${page1.at(-1)!.seq}` }),
    );
    expect(page2[0]!.seq).toBeLessThan(page1.at(-1)!.seq);
  });

  it('office-scoped: another office’s log is 404 for a clerk of A, and B’s rows never show in A’s', async () => {
    const r = await s.as('clerk', { method: 'GET', url: `/api/v1/offices/${s.b.id}/audit` });
    expect(r.statusCode).toBe(404);
    await s.as('clerkB', {
      method: 'POST',
      url: `/api/v1/offices/${s.b.id}/staff`,
      payload: { name: 'B 職員', profession: 'doctor' },
    });
    const rows = json<AuditEntry[]>(await s.as('clerk', { method: 'GET', url: `${base}/audit?limit=1000` }));
    expect(rows.every((x) => x.officeId === s.a.id)).toBe(true);
  });
});

describe('the office’s record and its staff from the screens (PATCH …/offices/:officeId, …/staff/:staffId)', () => {
  it('a wrong 事業所番号 check digit is 400 naming 事業所番号; a clerk may not change the office; the change is audited', async () => {
    const number = s.a.number;
    const wrong = number.slice(0, 9) + String((Number(number[9]) + 1) % 10);
    const bad = await s.as('admin', { method: 'PATCH', url: base, payload: { number: wrong } });
    expect(bad.statusCode).toBe(400);
    expect(json<Problems>(bad).errors[0]).toMatchObject({ path: 'number' });
    expect(json<Problems>(bad).errors[0]?.message).toContain('事業所番号');
    const clerk = await s.as('clerk', { method: 'PATCH', url: base, payload: { name: '変更' } });
    expect(clerk.statusCode).toBe(403);
    const ok = await s.as('admin', { method: 'PATCH', url: base, payload: { name: 'みどり薬局 本店' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const rows = json<AuditEntry[]>(
      await s.as('admin', { method: 'GET', url: `${base}/audit?entity=office&action=update` }),
    );
    expect(rows[0]).toMatchObject({ entityId: s.a.id, after: { name: 'みどり薬局 本店' } });
  });

  it('another office’s staff member is 404 to rename or retire; an empty name names 氏名', async () => {
    const b = json<Staff>(
      await s.as('clerkB', {
        method: 'POST',
        url: `/api/v1/offices/${s.b.id}/staff`,
        payload: { name: 'B の職員', profession: 'doctor' },
      }),
    );
    const r = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/staff/${b.id}`,
      payload: { retired: true },
    });
    expect(r.statusCode).toBe(404);
    const mine = json<Staff>(
      await s.as('clerk', {
        method: 'POST',
        url: `${base}/staff`,
        payload: { name: 'A の職員', profession: 'pharmacist' },
      }),
    );
    const empty = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/staff/${mine.id}`,
      payload: { name: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(json<Problems>(empty).errors[0]?.message).toContain('氏名');
  });
});
