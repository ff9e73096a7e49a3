// CSV import of visits and patients: row-level errors in Japanese ({ row, column, message }), nothing
// imported from a file with errors unless ?partial=true, UTF-8 (BOM) and Shift_JIS files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, seedMonth, json, type TestServer } from './helpers.js';
import { SYSTEM_ACTOR } from '../../src/store/index.js';

let s: TestServer;
let base: string;
let seeded: Awaited<ReturnType<typeof seedMonth>>;

type RowErrors = { errors: { path: string; row: number; column: string; message: string }[] };
type Imported = {
  imported: number;
  ids: string[];
  errors: { row: number; column: string; message: string }[];
};

const csv = (text: string) => ({ payload: text, headers: { 'content-type': 'text/csv; charset=utf-8' } });

beforeAll(async () => {
  s = await startTestServer();
  base = `/api/v1/offices/${s.a.id}`;
  seeded = await seedMonth(s);
});
afterAll(async () => {
  await s.close();
});

describe('CSV import of visits', () => {
  it('imports every row of a good file (by 利用者ID or 被保険者番号, Japanese values)', async () => {
    const before = (await s.store.listVisits(s.a.id, { month: '2024-08' })).length;
    const text = [
      '種類,利用者ID,被保険者番号,日付,職種,ケアマネ報告',
      `居宅療養管理指導,${seeded.patientIds[0]},,2024/8/1,薬剤師,1`,
      `,,1000000001,2024-08-08,薬剤師,はい`,
    ].join('\r\n');
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/visits`, ...csv(text) });
    expect(r.statusCode, r.body).toBe(200);
    const body = json<Imported>(r);
    expect(body).toMatchObject({ imported: 2, errors: [] });
    const after = await s.store.listVisits(s.a.id, { month: '2024-08' });
    expect(after.length - before).toBe(2);
    expect(after.find((v) => v.patientId === seeded.patientIds[1])).toMatchObject({
      date: '2024-08-08',
      profession: 'pharmacist',
      reported: true,
    });
  });

  it('a file with errors imports nothing and lists each bad row and column in Japanese', async () => {
    const before = await s.store.listVisits(s.a.id);
    const text = [
      '利用者ID,日付,職種,ケアマネ報告',
      `${seeded.patientIds[0]},2024-08-15,薬剤師,1`, // good (line 2)
      `${seeded.patientIds[0]},2024-02-30,薬剤師,1`, // no such day (line 3)
      `${seeded.patientIds[0]},2024-08-16,魔法使い,1`, // unknown profession (line 4)
      `nobody,2024-08-16,薬剤師,1`, // unknown patient (line 5)
      `${seeded.patientIds[0]},2024-08-16,薬剤師,たぶん`, // not a yes/no (line 6)
    ].join('\n');
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/visits`, ...csv(text) });
    expect(r.statusCode).toBe(400);
    const errs = json<RowErrors>(r).errors;
    expect(errs.map((e) => [e.row, e.column])).toEqual([
      [3, '日付'],
      [4, '職種'],
      [5, '利用者ID'],
      [6, 'ケアマネ報告'],
    ]);
    expect(errs[0]!.message).toBe('訪問日: 2024年2月30日という日はありません');
    expect(errs[0]!.path).toBe('3行目「日付」');
    expect(await s.store.listVisits(s.a.id)).toEqual(before);
  });

  it('a visit by a staff member of another profession is refused naming 職種, as POST /visits refuses it', async () => {
    const doctor = await s.store.createStaff(
      s.a.id,
      { name: '医師 二郎', profession: 'doctor' },
      SYSTEM_ACTOR,
    );
    const before = await s.store.listVisits(s.a.id);
    const text = [
      '利用者ID,日付,職種,職員ID,ケアマネ報告',
      `${seeded.patientIds[0]},2024-08-22,薬剤師,${doctor.id},1`,
    ];
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/visits`, ...csv(text.join('\n')) });
    expect(r.statusCode).toBe(400);
    const errs = json<RowErrors>(r).errors;
    expect(errs.map((e) => [e.row, e.column])).toEqual([[2, '職種']]);
    expect(errs[0]!.message).toContain('医師 二郎');
    expect(await s.store.listVisits(s.a.id)).toEqual(before);
    const direct = await s.as('clerk', {
      method: 'POST',
      url: `${base}/visits`,
      payload: {
        kind: 'kyotaku',
        patientId: seeded.patientIds[0],
        date: '2024-08-22',
        profession: 'pharmacist',
        staffId: doctor.id,
        reported: true,
      },
    });
    expect(direct.statusCode).toBe(400);
    expect(json<RowErrors>(direct).errors.map((e) => [e.path, e.message])).toEqual([
      ['profession', errs[0]!.message],
    ]);
  });

  it('?partial=true imports the good rows and reports the bad ones', async () => {
    const text = [
      '利用者ID,日付,職種,ケアマネ報告',
      `${seeded.patientIds[2]},2024-08-15,薬剤師,1`,
      `${seeded.patientIds[2]},2024-02-30,薬剤師,1`,
    ].join('\n');
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/visits?partial=true`,
      ...csv(text),
    });
    expect(r.statusCode).toBe(200);
    const body = json<Imported>(r);
    expect(body.imported).toBe(1);
    expect(body.errors).toEqual([
      { row: 3, column: '日付', message: expect.stringMatching(/という日はありません/) as unknown as string },
    ]);
    expect(await s.store.getVisit(s.a.id, body.ids[0]!)).toMatchObject({ date: '2024-08-15' });
  });

  it('an unknown heading is refused (a misspelt column must not be ignored)', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/visits`,
      ...csv(`利用者ID,日付,職種,報告した\n${seeded.patientIds[0]},2024-08-20,薬剤師,1`),
    });
    expect(r.statusCode).toBe(400);
    expect(json<RowErrors>(r).errors[0]).toMatchObject({ row: 1, column: '報告した' });
  });

  it('a missing required value is named by its field (reported)', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/visits`,
      ...csv(`利用者ID,日付,職種\n${seeded.patientIds[0]},2024-08-20,薬剤師`),
    });
    expect(r.statusCode).toBe(400);
    expect(json<RowErrors>(r).errors[0]).toMatchObject({
      row: 2,
      column: 'reported',
      message: 'ケアマネジャーへの情報提供を入れてください',
    });
  });

  it('JSON sent to the CSV import is a 415 in Japanese, no body a 400; an empty file a 400', async () => {
    const j = await s.as('clerk', { method: 'POST', url: `${base}/import/visits`, payload: { a: 1 } });
    expect(j.statusCode).toBe(415);
    expect(json<RowErrors>(j).errors[0]!.message).toMatch(/CSV/);
    const none = await s.as('clerk', { method: 'POST', url: `${base}/import/visits` });
    expect(none.statusCode).toBe(400);
    expect(json<RowErrors>(none).errors[0]!.message).toMatch(/CSV/);
    const e = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/visits`,
      ...csv('利用者ID,日付\n'),
    });
    expect(e.statusCode).toBe(400);
  });
});

describe('CSV import of patients', () => {
  it('imports patients with certification and residence in a building (Shift_JIS file)', async () => {
    const text = [
      '氏名,フリガナ,被保険者番号,要介護度,負担割合,認定開始日,認定終了日,建物,入居日',
      `佐藤 花子,サトウ ハナコ,2000000001,要介護2,1割,2024/4/1,2025/3/31,ひだまり荘,2023/10/1`,
      `鈴木 一郎,スズキ イチロウ,2000000002,要支援1,2割,2024-04-01,,,`,
    ].join('\r\n');
    const bytes = encodeShiftJis(text);
    const r = await s.as('clerk', {
      method: 'POST',
      url: `${base}/import/patients`,
      payload: bytes,
      headers: { 'content-type': 'text/csv' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = json<Imported>(r);
    expect(body.imported).toBe(2);
    const p = (await s.store.getPatient(s.a.id, body.ids[0]!))!;
    expect(p).toMatchObject({
      name: '佐藤 花子',
      insuredNumber: '2000000001',
      certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
      residences: [{ kind: 'sakoju', buildingId: seeded.buildingId, from: '2023-10-01' }],
    });
  });

  it('a duplicate 被保険者番号 (registered or in the file) and a bad copay are row errors; nothing imported', async () => {
    const before = await s.store.countPatients(s.a.id);
    const text = [
      '氏名,被保険者番号,要介護度,負担割合,認定開始日',
      `甲,2000000001,要介護1,1割,2024-04-01`,
      `乙,2000000009,要介護1,1割,2024-04-01`,
      `丙,2000000009,要介護1,4割,2024-04-01`,
    ].join('\n');
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/patients`, ...csv(text) });
    expect(r.statusCode).toBe(400);
    const errs = json<RowErrors>(r).errors;
    expect(errs.map((e) => [e.row, e.column])).toEqual([
      [2, '被保険者番号'],
      [4, '負担割合'],
      [4, '被保険者番号'],
    ]);
    expect(errs[0]!.message).toMatch(/重複/);
    expect(await s.store.countPatients(s.a.id)).toBe(before);
  });
});

describe("CSV import of the claim file's records (保険者番号, 生年月日, 性別, the care-plan maker)", () => {
  it('imports them: a 事業所作成 plan with its number and name, a セルフプラン, a number alone meaning 事業所作成', async () => {
    const text = [
      '氏名,保険者番号,被保険者番号,生年月日,性別,要介護度,負担割合,認定開始日,認定終了日,計画作成,計画作成事業所番号,計画作成事業所名,計画開始日',
      `青木 正雄,131201,3000000001,1928/1/1,男,要介護1,1割,2024/4/1,2025/3/31,居宅介護支援事業所,1312005018,居宅介護支援事業所 ねりま,2024/4/1`,
      `石川 和子,131151,3000000002,1935-02-02,女,要支援2,1割,2024-04-01,2025-03-31,セルフプラン,,,2024-04-01`,
      `上田 清,131201,3000000003,1942-03-03,男性,要介護3,2割,2024-04-01,2025-03-31,,1312005026,,2024-05-01`,
    ].join('\r\n');
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/patients`, ...csv(text) });
    expect(r.statusCode, r.body).toBe(200);
    const body = json<Imported>(r);
    expect(body).toMatchObject({ imported: 3, errors: [] });
    const [a, b, c] = await Promise.all(body.ids.map((id) => s.store.getPatient(s.a.id, id)));
    expect(a).toMatchObject({
      insurerNumber: '131201',
      insuredNumber: '3000000001',
      birthDate: '1928-01-01',
      sex: 'male',
      carePlans: [
        {
          maker: 'office',
          officeNumber: '1312005018',
          officeName: '居宅介護支援事業所 ねりま',
          from: '2024-04-01',
        },
      ],
    });
    expect(b!.carePlans).toEqual([{ maker: 'self', from: '2024-04-01' }]);
    expect(b!.sex).toBe('female');
    expect(c!.carePlans).toEqual([{ maker: 'office', officeNumber: '1312005026', from: '2024-05-01' }]);
  });

  it('bad rows: a wrong check digit, a plan without its start, a セルフプラン with a 事業所番号, a bad 事業所番号, an unknown maker — each at its column; nothing imported', async () => {
    const before = await s.store.countPatients(s.a.id);
    const text = [
      '氏名,保険者番号,被保険者番号,計画作成,計画作成事業所番号,計画開始日',
      `甲,131202,3100000001,,,`, // the 保険者番号's check digit (line 2)
      `乙,131201,310000000,,,`, // a 被保険者番号 of 9 digits (line 3)
      `丙,131201,3100000003,事業所作成,1312005018,`, // no 計画開始日 (line 4)
      `丁,131201,3100000004,セルフプラン,1312005018,2024-04-01`, // a セルフプラン with a number (line 5)
      `戊,131201,3100000005,,1312005019,2024-04-01`, // the 事業所番号's check digit (line 6)
      `己,131201,3100000006,病院,,2024-04-01`, // an unknown maker (line 7)
    ].join('\n');
    const r = await s.as('clerk', { method: 'POST', url: `${base}/import/patients`, ...csv(text) });
    expect(r.statusCode, r.body).toBe(400);
    const errs = json<RowErrors>(r).errors;
    expect(errs.map((e) => [e.row, e.column])).toEqual([
      [2, '保険者番号'],
      [3, '被保険者番号'],
      [4, ''],
      [5, '計画作成事業所番号'],
      [6, '計画作成事業所番号'],
      [7, '計画作成'],
    ]);
    expect(errs[0]!.message).toBe(
      '"131202" は保険者番号の検証番号（6桁目）が合いません（被保険者証の保険者番号を確かめてください）',
    );
    expect(errs[2]!.message).toBe('居宅サービス計画の列があるときは「計画開始日」も入れてください');
    expect(errs[3]!.message).toBe('セルフプラン（自己作成）の利用者には計画作成事業所を入れません');
    expect(errs[4]!.message).toContain('事業所番号の検証番号');
    expect(errs[5]!.message).toContain('"病院" は使えない値です');
    expect(await s.store.countPatients(s.a.id)).toBe(before);
  });
});

/** Shift_JIS bytes for the test text (kana, kanji and ASCII of the file above), via a reverse decoder table. */
function encodeShiftJis(text: string): Buffer {
  const dec = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfc; hi++) {
    if (hi > 0x9f && hi < 0xe0) continue;
    for (let lo = 0x40; lo <= 0xfc; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no Shift_JIS for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}
