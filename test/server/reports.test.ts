// K24-2a over HTTP: the reports to the care manager (情報提供書) — CRUD with the same auth, roles, office
// scoping and Japanese 4xx errors as the other routes; a save identical to last month's refused naming the
// field; the month close refusing a visit whose report lacks a part and carrying the report warnings; the
// printable document (A4, 和暦, the four parts, the 医師 guidance part, the signature line) and the FAX cover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer, type TestServer } from './helpers.js';
import { SYSTEM_ACTOR } from '../../src/store/store.js';
import { withCheckDigit } from '../../src/contract/officeNumber.js';

let s: TestServer;
let officeId: string;
let patientId: string;
let selfPlanId: string;
let julyVisits: string[];
let juneVisit: string;
let staffId: string;

const content = {
  condition: '嚥下機能がやや低下し、錠剤の服用に時間がかかるようになりました。',
  dailyLife: '食事は軟菜食にし、入浴後の転倒に注意してください。',
  medication: '降圧薬を一包化し、服薬カレンダーで管理しています。',
  emergency: '血圧が180を超えたときは主治医へ連絡してください。',
};

const body = (over: Record<string, unknown> = {}) => ({
  patientId,
  profession: 'pharmacist',
  visitIds: julyVisits,
  recipient: { kind: 'care_manager', name: '居宅介護支援 ねりま 小池' },
  method: 'fax',
  sentDate: '2024-07-18',
  staffId,
  content,
  ...over,
});

beforeAll(async () => {
  s = await startTestServer();
  officeId = s.a.id;
  await s.store.updateOffice(
    officeId,
    { reportsRequiredFrom: '2024-06', address: '東京都杉並区高円寺南3-45-6', phone: '03-3311-5678' },
    SYSTEM_ACTOR,
  );
  const staff = await s.store.createStaff(
    officeId,
    { name: '田中 美穂', profession: 'pharmacist' },
    SYSTEM_ACTOR,
  );
  staffId = staff.id;
  const p = await s.store.createPatient(
    officeId,
    {
      name: '青木 正雄',
      kana: 'アオキ マサオ',
      insuredNumber: '1300001000',
      birthDate: '1935-04-12',
      careManagerName: '小池',
      careManagerOffice: '居宅介護支援 ねりま',
      certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
      residences: [{ kind: 'home', from: '2020-01-01' }],
    },
    SYSTEM_ACTOR,
  );
  patientId = p.id;
  const q = await s.store.createPatient(
    officeId,
    {
      name: '石川 和子',
      certifications: [{ level: 'support2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
      residences: [{ kind: 'home', from: '2020-01-01' }],
    },
    SYSTEM_ACTOR,
  );
  selfPlanId = q.id;
  const visit = async (pid: string, date: string) =>
    (
      await s.store.createVisit(
        officeId,
        { kind: 'kyotaku', patientId: pid, date, profession: 'pharmacist', reported: true, staffId },
        SYSTEM_ACTOR,
      )
    ).id;
  julyVisits = [await visit(patientId, '2024-07-03'), await visit(patientId, '2024-07-17')];
  juneVisit = await visit(patientId, '2024-06-12');
  await visit(selfPlanId, '2024-07-05');
});
afterAll(async () => {
  await s.close();
});

const url = (path = '') => `/api/v1/offices/${officeId}/reports${path}`;

describe('reports API (K24-2a)', () => {
  let reportId: string;

  it('creates a report (201) with the parts still empty named; reads and lists it', async () => {
    const r = await s.as('clerk', {
      method: 'POST',
      url: url(),
      payload: body({ sentDate: undefined, content: { ...content, emergency: '' } }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const created = json<{ id: string; month: string; missingParts: string[] }>(r);
    expect(created.month).toBe('2024-07');
    expect(created.missingParts).toEqual(['emergency']);
    reportId = created.id;
    const got = await s.as('readonly', { method: 'GET', url: url(`/${reportId}`) });
    expect(got.statusCode).toBe(200);
    expect(json<{ missingParts: string[] }>(got).missingParts).toEqual(['emergency']);
    const list = await s.as('readonly', { method: 'GET', url: url(`?patientId=${patientId}&month=2024-07`) });
    expect(json<{ id: string }[]>(list).map((x) => x.id)).toEqual([reportId]);
    const byVisit = await s.as('readonly', { method: 'GET', url: url(`?visitId=${julyVisits[0]}`) });
    expect(json<unknown[]>(byVisit)).toHaveLength(1);
  });

  it('K24-2a the month close refuses the visits while a part is empty, naming it; the preview shows it too', async () => {
    const close = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${officeId}/months/2024-07/close`,
    });
    expect(close.statusCode, close.body).toBe(201);
    const v = json<{
      result: { rejections: { recordId: string; code: string; message: string; rule: string }[] };
      reportWarnings: unknown[];
    }>(await s.as('readonly', { method: 'GET', url: close.headers.location as string })); // the version, at the close's Location
    const refusals = v.result.rejections.filter((x) => julyVisits.includes(x.recordId));
    expect(refusals.map((x) => `${x.code} ${x.rule}`)).toEqual([
      'NO_CARE_MANAGER_REPORT K24-2a',
      'NO_CARE_MANAGER_REPORT K24-2a',
    ]);
    expect(refusals[0]!.message).toContain('「緊急時の対応方法」が空欄');
    expect(v.reportWarnings).toEqual([]);
    // the 地域包括 patient has no report at all
    const none = v.result.rejections.find(
      (x) => x.code === 'NO_CARE_MANAGER_REPORT' && !julyVisits.includes(x.recordId),
    );
    expect(none?.message).toContain('作成されていません');
  });

  it('replaces it with PUT, records the day it was sent; the close then bills the visits', async () => {
    const put = await s.as('clerk', {
      method: 'PUT',
      url: url(`/${reportId}`),
      payload: body({ sentDate: undefined }),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(json<{ missingParts: string[] }>(put).missingParts).toEqual([]);
    const sent = await s.as('clerk', {
      method: 'POST',
      url: url(`/${reportId}/sent`),
      payload: { sentDate: '2024-07-18', method: 'fax' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(json<{ sentDate: string }>(sent).sentDate).toBe('2024-07-18');
    const preview = await s.as('clerk', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/months/2024-07/preview`,
    });
    const rejections = json<{ rejections: { recordId: string }[] }>(preview).rejections;
    expect(rejections.filter((x) => julyVisits.includes(x.recordId))).toEqual([]);
  });

  it('K24-2a no care manager: a report to the 地域包括支援センター is accepted', async () => {
    const tpl = await s.as('clerk', {
      method: 'GET',
      url: url(`/template?patientId=${selfPlanId}&profession=pharmacist&month=2024-07`),
    });
    const t = json<{
      hasCareManager: boolean;
      recipient: { kind: string };
      uncoveredVisits: { id: string }[];
    }>(tpl);
    expect(t.hasCareManager).toBe(false);
    expect(t.recipient.kind).toBe('community_center');
    const r = await s.as('clerk', {
      method: 'POST',
      url: url(),
      payload: body({
        patientId: selfPlanId,
        visitIds: t.uncoveredVisits.map((v) => v.id),
        recipient: { kind: 'community_center', name: '春日地域包括支援センター' },
        sentDate: '2024-07-05',
      }),
    });
    expect(r.statusCode, r.body).toBe(201);
    const preview = await s.as('clerk', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/months/2024-07/preview`,
    });
    expect(
      json<{ rejections: { code: string }[] }>(preview).rejections.filter((x) => x.code !== 'HISTORY'),
    ).toEqual([]);
  });

  it('the template offers last month’s report; saving it unchanged is refused (400 naming the fields), edited it saves', async () => {
    // June's report of the same patient and profession: the starting point the template offers for July
    const june = await s.as('clerk', {
      method: 'POST',
      url: url(),
      payload: body({
        visitIds: [juneVisit],
        sentDate: '2024-06-13',
        content: { ...content, condition: '6月: ふらつきの訴えがあります。' },
      }),
    });
    expect(june.statusCode, june.body).toBe(201);
    const tpl = await s.as('clerk', {
      method: 'GET',
      url: url(`/template?patientId=${patientId}&profession=pharmacist&month=2024-07`),
    });
    const t = json<{ previous: { content: typeof content; month: string } | null; requiredParts: string[] }>(
      tpl,
    );
    expect(t.previous?.month).toBe('2024-06');
    expect(t.requiredParts).toEqual(['condition', 'dailyLife', 'medication', 'emergency']);
    const copy = await s.as('clerk', {
      method: 'PUT',
      url: url(`/${reportId}`),
      payload: body({ content: t.previous!.content }),
    });
    expect(copy.statusCode).toBe(400);
    const errors = json<{ errors: { path: string; message: string }[] }>(copy).errors;
    expect(errors.map((e) => e.path)).toEqual([
      'content.condition',
      'content.dailyLife',
      'content.medication',
      'content.emergency',
    ]);
    expect(errors[0]!.message).toContain('前月（2024-06）の情報提供書と同じです');
    const edited = await s.as('clerk', {
      method: 'PUT',
      url: url(`/${reportId}`),
      payload: body({
        content: { ...t.previous!.content, condition: '7月: ふらつきは減り、歩行は安定しています。' },
      }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('bad input is a 400 naming the field in Japanese; unknown ids 404; readonly may not write (403)', async () => {
    const bad = await s.as('clerk', {
      method: 'POST',
      url: url(),
      payload: body({ method: 'pigeon', visitIds: ['nowhere'], sentDate: '2024-07-32', extra: 1 }),
    });
    expect(bad.statusCode).toBe(400);
    const paths = json<{ errors: { path: string; message: string }[] }>(bad).errors;
    expect(paths.map((e) => e.path).sort()).toEqual(['extra', 'method', 'sentDate']);
    for (const e of paths) expect(e.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const refs = await s.as('clerk', {
      method: 'POST',
      url: url(),
      payload: body({ visitIds: ['nowhere'] }),
    });
    expect(refs.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(refs).errors[0]!.path).toBe('visitIds[0]');
    expect((await s.as('clerk', { method: 'GET', url: url('/nothing') })).statusCode).toBe(404);
    expect((await s.as('clerk', { method: 'GET', url: url('/nothing/document') })).statusCode).toBe(404);
    const ro = await s.as('readonly', { method: 'POST', url: url(), payload: body() });
    expect(ro.statusCode).toBe(403);
    expect((await s.as('readonly', { method: 'DELETE', url: url(`/${reportId}`) })).statusCode).toBe(403);
    expect((await s.as(null, { method: 'GET', url: url() })).statusCode).toBe(401);
    const noDate = await s.as('clerk', { method: 'GET', url: url('/fax-cover') });
    expect(noDate.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(noDate).errors[0]!.path).toBe('date');
  });

  it('another office’s user gets 404 for the office’s reports, document and FAX cover', async () => {
    for (const path of [``, `/${reportId}`, `/${reportId}/document`, `/fax-cover?date=2024-07-18`]) {
      const r = await s.as('clerkB', { method: 'GET', url: url(path) });
      expect(r.statusCode, path).toBe(404);
      expect(r.body).not.toContain('青木');
    }
    const other = await s.as('clerkB', {
      method: 'GET',
      url: `/api/v1/offices/${s.b.id}/reports/${reportId}`,
    });
    expect(other.statusCode).toBe(404);
  });

  it('the printable document: HTML for A4 with office, recipient, 和暦 date, the parts and the signature line', async () => {
    const r = await s.as('readonly', { method: 'GET', url: url(`/${reportId}/document`) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    const html = r.body;
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('居宅療養管理指導 報告書');
    expect(html).toContain('みどり薬局');
    expect(html).toContain('居宅介護支援 ねりま 小池');
    expect(html).toContain('令和6年7月18日'); // sent
    expect(html).toContain('令和6年7月3日、令和6年7月17日'); // the visits
    expect(html).toContain('昭和10年4月12日'); // birth date
    for (const heading of [
      '利用者の心身の状況',
      '日常生活上の注意点',
      '服薬に関する指導内容',
      '緊急時の対応方法',
    ])
      expect(html).toContain(heading);
    expect(html).toContain('7月: ふらつきは減り');
    expect(html).toContain('薬剤師\u3000田中 美穂');
    expect(html).toContain('署名欄');
    expect(html).not.toContain('療養上の指導（'); // a pharmacist's report has no 医師 guidance part
  });

  it('escapes the records’ text in the document', async () => {
    const nasty = '<script>alert(1)</script>&"';
    const created = await s.as('clerk', {
      method: 'POST',
      url: url(),
      payload: body({ visitIds: [julyVisits[1]], content: { ...content, condition: nasty } }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = json<{ id: string }>(created).id;
    const html = (await s.as('clerk', { method: 'GET', url: url(`/${id}/document`) })).body;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#38;&#34;');
    expect((await s.as('clerk', { method: 'DELETE', url: url(`/${id}`) })).statusCode).toBe(204);
  });

  it('the FAX cover of a day lists the reports sent by FAX per recipient, with the page count', async () => {
    const r = await s.as('clerk', { method: 'GET', url: url('/fax-cover?date=2024-07-18&format=json') });
    expect(r.statusCode).toBe(200);
    const cover = json<{
      recipients: {
        recipient: { name: string };
        pages: number;
        reports: { patientName: string; visitDates: string[] }[];
      }[];
    }>(r);
    expect(cover.recipients.map((g) => g.recipient.name)).toEqual(['居宅介護支援 ねりま 小池']);
    expect(cover.recipients[0]!.pages).toBe(2);
    expect(cover.recipients[0]!.reports[0]).toMatchObject({
      patientName: '青木 正雄',
      visitDates: ['2024-07-03', '2024-07-17'],
    });
    const html = await s.as('clerk', { method: 'GET', url: url('/fax-cover?date=2024-07-18') });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('FAX送信票');
    expect(html.body).toContain('本票を含めて 2 枚');
    expect(html.body).toContain('令和6年7月18日');
    const empty = await s.as('clerk', { method: 'GET', url: url('/fax-cover?date=2024-07-19') });
    expect(empty.body).toContain('FAXで送付した情報提供書はありません');
  });

  it('warnings on read and with the close: a stock-phrase report is warned, not refused', async () => {
    const stock = await s.as('clerk', {
      method: 'PUT',
      url: url(`/${reportId}`),
      payload: body({
        content: {
          condition: '特に変化なし',
          dailyLife: '変わりなし',
          medication: '安定',
          emergency: '特記事項なし',
        },
      }),
    });
    expect(stock.statusCode, stock.body).toBe(200);
    const w = await s.as('readonly', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/months/2024-07/report-warnings`,
    });
    const previewed = await s.as('readonly', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/months/2024-07/preview`,
    });
    expect(json<{ reportWarnings: unknown[] }>(previewed).reportWarnings).toEqual(json(w));
    expect(json<{ code: string; reportId: string }[]>(w)).toEqual([
      expect.objectContaining({ code: 'STOCK_PHRASE', reportId }),
    ]);
    const close = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${officeId}/months/2024-07/close`,
    });
    const v = json<{
      version: number;
      reportWarnings: { code: string }[];
      result: { rejections: { recordId: string }[] };
    }>(await s.as('readonly', { method: 'GET', url: close.headers.location as string })); // the version, at the close's Location
    expect(v.reportWarnings.map((x) => x.code)).toEqual(['STOCK_PHRASE']);
    expect(v.result.rejections.filter((x) => julyVisits.includes(x.recordId))).toEqual([]);
    const again = await s.as('readonly', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/months/2024-07/claims/${v.version}`,
    });
    expect(json<{ reportWarnings: { code: string }[] }>(again).reportWarnings.map((x) => x.code)).toEqual([
      'STOCK_PHRASE',
    ]);
  });

  it('K24-5b planning a visit counts the visits still waiting for their report: 中6日 after one without a report', async () => {
    const p = await s.store.createPatient(
      officeId,
      {
        name: '上田 清',
        careManagerName: '大野',
        certifications: [{ level: 'care3', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
        residences: [{ kind: 'home', from: '2020-01-01' }],
      },
      SYSTEM_ACTOR,
    );
    const first = await s.store.createVisit(
      officeId,
      { kind: 'kyotaku', patientId: p.id, date: '2024-07-10', profession: 'pharmacist', reported: true },
      SYSTEM_ACTOR,
    );
    // the close refuses it (no report yet) …
    const preview = await s.as('clerk', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/months/2024-07/preview`,
    });
    expect(json<{ rejections: { recordId: string; code: string }[] }>(preview).rejections).toContainEqual(
      expect.objectContaining({ recordId: first.id, code: 'NO_CARE_MANAGER_REPORT' }),
    );
    // … but a visit planned three days later is refused for the interval, as it will be once the report is sent
    const check = await s.as('clerk', {
      method: 'POST',
      url: `/api/v1/offices/${officeId}/visits/check`,
      payload: {
        kind: 'kyotaku',
        patientId: p.id,
        date: '2024-07-13',
        profession: 'pharmacist',
        reported: true,
      },
    });
    expect(check.statusCode, check.body).toBe(200);
    const answer = json<{ billable: boolean; asked: { rejections: { code: string; rule: string }[] } }>(
      check,
    );
    expect(answer.billable).toBe(false);
    expect(answer.asked.rejections.map((r) => `${r.code} ${r.rule}`)).toContain('INTERVAL K24-5b');
    await s.store.deleteVisit(officeId, first.id, SYSTEM_ACTOR);
  });

  it('K24-2a visits/check in a month billed on the reports: planned as reported whatever the flag, and billable once the report is sent', async () => {
    const p = await s.store.createPatient(
      officeId,
      {
        name: '遠藤 美代子',
        careManagerName: '大野',
        certifications: [{ level: 'care1', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
        residences: [{ kind: 'home', from: '2020-01-01' }],
      },
      SYSTEM_ACTOR,
    );
    interface Answer {
      billable: boolean;
      asked: { rejections: { code: string }[] };
      reportPending?: { rule: string; message: string };
    }
    const check = async (date: string, reported: boolean): Promise<Answer> => {
      const r = await s.as('clerk', {
        method: 'POST',
        url: `/api/v1/offices/${officeId}/visits/check`,
        payload: { kind: 'kyotaku', patientId: p.id, date, profession: 'pharmacist', reported },
      });
      expect(r.statusCode, r.body).toBe(200);
      return json<Answer>(r);
    };
    // July (reportsRequiredFrom 2024-06): the flag decides nothing; the answer says the report is to be sent
    for (const reported of [false, true]) {
      const a = await check('2024-07-25', reported);
      expect(a.billable).toBe(true);
      expect(a.asked.rejections).toEqual([]);
      expect(a.reportPending?.rule).toBe('K24-2a');
      expect(a.reportPending?.message).toContain('情報提供書');
      expect(a.reportPending?.message).toContain('2024-07-31'); // by the end of the visit's month
    }
    // a month before reportsRequiredFrom (the office moved to August for a moment): the visit's own flag
    // decides, and nothing is said of a report
    await s.store.updateOffice(officeId, { reportsRequiredFrom: '2024-08' }, SYSTEM_ACTOR);
    try {
      const unreported = await check('2024-07-25', false);
      expect(unreported.billable).toBe(false);
      expect(unreported.asked.rejections.map((r) => r.code)).toContain('NO_CARE_MANAGER_REPORT');
      expect(unreported.reportPending).toBeUndefined();
      const reported = await check('2024-07-25', true);
      expect(reported.billable).toBe(true);
      expect(reported.reportPending).toBeUndefined();
    } finally {
      await s.store.updateOffice(officeId, { reportsRequiredFrom: '2024-06' }, SYSTEM_ACTOR);
    }
  });

  it('K24-2a offices: a new one bills on the reports from the month it is created; a month given is kept; null is a 400 naming the field; PATCH moves it, a PATCH without it keeps it', async () => {
    const create = (payload: Record<string, unknown>) =>
      s.as('admin', { method: 'POST', url: '/api/v1/offices', payload });
    const r = await create({ number: withCheckDigit('131000019'), name: '新しい薬局', kind: 'pharmacy' });
    expect(r.statusCode, r.body).toBe(201);
    const created = json<{ id: string; createdAt: string; reportsRequiredFrom: string }>(r);
    // the month of its creation in Japan (UTC+9)
    const japanMonth = new Date(Date.parse(created.createdAt) + 9 * 3600_000).toISOString().slice(0, 7);
    expect(created.reportsRequiredFrom).toBe(japanMonth);

    const given = await create({
      number: withCheckDigit('131000027'),
      name: '移行した薬局',
      kind: 'pharmacy',
      reportsRequiredFrom: '2023-04',
    });
    expect(json<{ reportsRequiredFrom: string }>(given).reportsRequiredFrom).toBe('2023-04');

    const nulled = await create({
      number: withCheckDigit('131000035'),
      name: '設定なし',
      kind: 'pharmacy',
      reportsRequiredFrom: null,
    });
    expect(nulled.statusCode).toBe(400);
    const errors = json<{ errors: { path: string; message: string }[] }>(nulled).errors;
    expect(errors.map((e) => e.path)).toEqual(['reportsRequiredFrom']);
    expect(errors[0]!.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);

    const patch = (payload: Record<string, unknown>) =>
      s.as('admin', { method: 'PATCH', url: `/api/v1/offices/${created.id}`, payload });
    expect(
      json<{ reportsRequiredFrom: string }>(await patch({ reportsRequiredFrom: '2024-06' }))
        .reportsRequiredFrom,
    ).toBe('2024-06');
    expect(
      json<{ reportsRequiredFrom: string }>(await patch({ phone: '03-0000-0000' })).reportsRequiredFrom,
    ).toBe('2024-06');
    const patchNull = await patch({ reportsRequiredFrom: null });
    expect(patchNull.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(patchNull).errors[0]!.path).toBe('reportsRequiredFrom');
    expect((await s.store.getOffice(created.id))!.reportsRequiredFrom).toBe('2024-06');
  });

  it('a visit covered by a report cannot be deleted (409, in Japanese); the report deleted, it can', async () => {
    const del = await s.as('clerk', {
      method: 'DELETE',
      url: `/api/v1/offices/${officeId}/visits/${juneVisit}`,
    });
    expect(del.statusCode).toBe(409);
    expect(json<{ errors: { message: string }[] }>(del).errors[0]!.message).toContain('情報提供書');
    const june = json<{ id: string }[]>(
      await s.as('clerk', { method: 'GET', url: url(`?visitId=${juneVisit}`) }),
    );
    expect((await s.as('clerk', { method: 'DELETE', url: url(`/${june[0]!.id}`) })).statusCode).toBe(204);
    expect(
      (await s.as('clerk', { method: 'DELETE', url: `/api/v1/offices/${officeId}/visits/${juneVisit}` }))
        .statusCode,
    ).toBe(204);
    const audit = await s.as('clerk', {
      method: 'GET',
      url: `/api/v1/offices/${officeId}/audit?entityId=${june[0]!.id}`,
    });
    expect(json<{ entity: string; action: string }[]>(audit).map((e) => `${e.entity}:${e.action}`)).toEqual([
      'care_report:delete',
      'care_report:create',
    ]);
  });
});
