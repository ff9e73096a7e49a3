// CRUD of the records through the API: staff, buildings, patients with their dated histories, visits;
// validation answers name the field in Japanese; every change lands in the read-only audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, json, type TestServer } from './helpers.js';

let s: TestServer;
let base: string;
type Problems = { errors: { path: string; message: string }[] };

beforeAll(async () => {
  s = await startTestServer();
  base = `/api/v1/offices/${s.a.id}`;
});
afterAll(async () => {
  await s.close();
});

describe('records CRUD', () => {
  let staffId: string;
  let buildingId: string;
  let patientId: string;
  let visitId: string;

  it('staff: create, read, change, list', async () => {
    const c = await s.as('clerk', {
      method: 'POST',
      url: `${base}/staff`,
      payload: { name: '薬剤師 花子', kana: 'ヤクザイシ ハナコ', profession: 'pharmacist' },
    });
    expect(c.statusCode).toBe(201);
    staffId = json<{ id: string }>(c).id;
    const p = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/staff/${staffId}`,
      payload: { retired: true },
    });
    expect(p.statusCode).toBe(200);
    expect(json<{ retired: boolean; name: string }>(p)).toMatchObject({ retired: true, name: '薬剤師 花子' });
    const l = await s.as('readonly', { method: 'GET', url: `${base}/staff` });
    expect(json<{ id: string }[]>(l).map((x) => x.id)).toContain(staffId);
    await s.as('clerk', { method: 'PATCH', url: `${base}/staff/${staffId}`, payload: { retired: false } });
  });

  it('staff: a wrong profession is a 400 naming the field in Japanese', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/staff`,
      payload: { name: 'x', profession: 'wizard' },
    });
    expect(r.statusCode).toBe(400);
    const e = json<Problems>(r).errors[0]!;
    expect(e.path).toBe('profession');
    expect(e.message).toBe('職種の「wizard」は選べません（選択肢から選んでください）');
  });

  it('buildings: create with dwellings and units, read', async () => {
    const c = await s.as('clerk', {
      method: 'POST',
      url: `${base}/buildings`,
      payload: { name: 'GHさくら', kind: 'group_home', units: ['東', '西'], dwellings: 18 },
    });
    expect(c.statusCode).toBe(201);
    buildingId = json<{ id: string }>(c).id;
    const g = await s.as('readonly', { method: 'GET', url: `${base}/buildings/${buildingId}` });
    expect(json(g)).toMatchObject({ name: 'GHさくら', units: ['東', '西'], dwellings: 18 });
  });

  it('patients: create with certification and residence history', async () => {
    const c = await s.as('clerk', {
      method: 'POST',
      url: `${base}/patients`,
      payload: {
        name: '山田 太郎',
        insuredNumber: '0123456789',
        certifications: [{ level: 'care1', copay: 1, from: '2024-01-01', to: '2024-12-31' }],
        residences: [
          { kind: 'home', from: '2020-01-01', to: '2024-07-31' },
          { kind: 'group_home', buildingId, unitId: '東', from: '2024-08-01' },
        ],
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    const p = json<{ id: string; residences: unknown[] }>(c);
    patientId = p.id;
    expect(p.residences).toHaveLength(2);
  });

  it('patients: an unknown unit of the building and an overlapping period are 400s naming the field', async () => {
    const unit = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patientId}`,
      payload: { residences: [{ kind: 'group_home', buildingId, unitId: '南', from: '2024-08-01' }] },
    });
    expect(unit.statusCode).toBe(400);
    expect(json<Problems>(unit).errors[0]!.path).toBe('residences[0].unitId');
    const overlap = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patientId}`,
      payload: {
        certifications: [
          { level: 'care1', copay: 1, from: '2024-01-01', to: '2024-12-31' },
          { level: 'care2', copay: 1, from: '2024-06-01' },
        ],
      },
    });
    expect(overlap.statusCode).toBe(400);
    expect(json<Problems>(overlap).errors[0]!.path).toBe('certifications[1].from');
    const bad = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patientId}`,
      payload: { insuredNumber: '12-34' },
    });
    expect(json<Problems>(bad).errors[0]).toEqual({
      path: 'insuredNumber',
      message:
        '"12-34" は被保険者番号ではありません（被保険者証の被保険者番号10桁をそのまま入力してください）',
    });
  });

  it('patients: a misspelt field is refused, not ignored', async () => {
    const r = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patientId}`,
      payload: { nmae: 'x' },
    });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors[0]!.message).toMatch(/知らない項目/);
  });

  it('patients: a change of the history replaces it', async () => {
    const r = await s.as('clerk', {
      method: 'PATCH',
      url: `${base}/patients/${patientId}`,
      payload: { certifications: [{ level: 'care3', copay: 2, from: '2024-01-01' }] },
    });
    expect(r.statusCode).toBe(200);
    expect(json<{ certifications: unknown[] }>(r).certifications).toEqual([
      { level: 'care3', copay: 2, from: '2024-01-01' },
    ]);
  });

  it('visits: create, read, replace, list by month, delete', async () => {
    const c = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits`,
      payload: {
        kind: 'kyotaku',
        patientId,
        date: '2024-07-04',
        profession: 'pharmacist',
        staffId,
        reported: true,
      },
    });
    expect(c.statusCode, c.body).toBe(201);
    visitId = json<{ id: string }>(c).id;
    const put = await s.as('clerk', {
      method: 'PUT',
      url: `${base}/visits/${visitId}`,
      payload: {
        kind: 'kyotaku',
        patientId,
        date: '2024-07-05',
        profession: 'pharmacist',
        staffId,
        reported: true,
      },
    });
    expect(put.statusCode).toBe(200);
    expect(json<{ date: string }>(put).date).toBe('2024-07-05');
    const list = await s.as('readonly', { method: 'GET', url: `${base}/visits?month=2024-07` });
    expect(json<{ id: string }[]>(list).map((v) => v.id)).toEqual([visitId]);
    const other = await s.as('readonly', { method: 'GET', url: `${base}/visits?month=2024-08` });
    expect(json<unknown[]>(other)).toEqual([]);
    const del = await s.as('clerk', { method: 'DELETE', url: `${base}/visits/${visitId}` });
    expect(del.statusCode).toBe(204);
    const gone = await s.as('clerk', { method: 'GET', url: `${base}/visits/${visitId}` });
    expect(gone.statusCode).toBe(404);
  });

  it('visits: a staff member of another profession, an impossible date', async () => {
    const doctor = json<{ id: string }>(
      await s.as('clerk', {
        method: 'POST',
        url: `${base}/staff`,
        payload: { name: '医師', profession: 'doctor' },
      }),
    ).id;
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits`,
      payload: {
        kind: 'kyotaku',
        patientId,
        date: '2024-07-04',
        profession: 'pharmacist',
        staffId: doctor,
        reported: true,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors[0]!.path).toBe('profession');
    const d = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits`,
      payload: { kind: 'kyotaku', patientId, date: '2024-02-30', profession: 'pharmacist', reported: true },
    });
    expect(json<Problems>(d).errors[0]).toMatchObject({ path: 'date' });
    expect(json<Problems>(d).errors[0]!.message).toBe('訪問日: 2024年2月30日という日はありません');
  });

  it('a patient with visits cannot be deleted (409); without, it can', async () => {
    await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits`,
      payload: { kind: 'kyotaku', patientId, date: '2024-07-10', profession: 'pharmacist', reported: true },
    });
    const r = await s.as('clerk', { method: 'DELETE', url: `${base}/patients/${patientId}` });
    expect(r.statusCode).toBe(409);
    const lone = json<{ id: string }>(
      await s.as('clerk', { method: 'POST', url: `${base}/patients`, payload: { name: '削除 予定' } }),
    ).id;
    expect((await s.as('clerk', { method: 'DELETE', url: `${base}/patients/${lone}` })).statusCode).toBe(204);
  });

  it('audit: every change above is logged with who, before and after; there is no route to change it', async () => {
    const clerk = (await s.store.getUserByUsername('clerk'))!;
    const r = await s.as('readonly', {
      method: 'GET',
      url: `${base}/audit?entity=patient&entityId=${patientId}`,
    });
    expect(r.statusCode).toBe(200);
    const entries =
      json<{ actor: string; action: string; before: unknown; after: { certifications?: unknown } | null }[]>(
        r,
      );
    // Newest first: the history change, then the creation; the refused changes left nothing.
    expect(entries.map((e) => e.action)).toEqual(['update', 'create']);
    expect(entries.every((e) => e.actor === clerk.id)).toBe(true);
    expect(entries[1]!.before).toBeNull();
    expect(JSON.stringify(entries[0]!.before)).toContain('care1');
    expect(JSON.stringify(entries[0]!.after)).toContain('care3');
    const writesToAudit = s.table.routes.filter((x) => x.url.includes('/audit') && x.method !== 'GET');
    expect(writesToAudit).toEqual([]);
    const paged = await s.as('readonly', { method: 'GET', url: `${base}/audit?limit=2` });
    const page = json<{ seq: number }[]>(paged);
    expect(page).toHaveLength(2);
    const next = await s.as('readonly', {
      method: 'GET',
      url: `${base}/audit?limit=2&before=${page[1]!.seq}`,
    });
    expect(json<{ seq: number }[]>(next)[0]!.seq).toBeLessThan(page[1]!.seq);
  });
});

describe('text fields refuse control characters and direction overrides (src/contract/text.ts)', () => {
  it('a patient named with U+202E is a 400 naming the field; nothing is stored', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/patients`,
      payload: { name: '山田\u202e郎太', notes: '二行の\n備考' },
    });
    expect(r.statusCode).toBe(400);
    expect(json<Problems>(r).errors).toEqual([
      {
        path: 'name',
        message: expect.stringMatching(/^氏名の3文字目に使えない文字 右から左への上書き（U\+202E）/),
      },
    ]);
    const list = await s.as('clerk', {
      method: 'GET',
      url: `${base}/patients?q=${encodeURIComponent('山田')}`,
    });
    expect(json<{ name: string }[]>(list).some((p) => p.name.includes('\u202e'))).toBe(false);
  });

  it('a NUL in a staff name is a 400 on its path; newlines and tabs in the notes are kept', async () => {
    const staff = await s.as('clerk', {
      method: 'POST',
      url: `${base}/staff`,
      payload: { name: '薬剤師\u0000', profession: 'pharmacist' },
    });
    expect(staff.statusCode).toBe(400);
    expect(json<Problems>(staff).errors[0]!.path).toBe('name');
    const ok = await s.as('clerk', {
      method: 'POST',
      url: `${base}/patients`,
      payload: { name: '改行 花子', notes: '一行目\n二行目\tタブ' },
    });
    expect(ok.statusCode).toBe(201);
    expect(json<{ notes: string }>(ok).notes).toBe('一行目\n二行目\tタブ');
  });

  it('the CSV import refuses a row whose 氏名 holds U+202E, naming its row and column', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/patients`,
      headers: { 'content-type': 'text/csv' },
      payload: '氏名\n普通 花子\n逆向き\u202e太郎\n',
    });
    expect(r.statusCode).toBe(400);
    const e = json<{ errors: { row: number; column: string; message: string }[] }>(r).errors;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ row: 3, column: '氏名' });
    expect(e[0]!.message).toContain('U+202E');
  });
});
