// K24-2a: the report to the care manager (情報提供書) as a record, on both engines — its checks, audit rows
// and office scoping; the month close deriving each kyotaku visit's `reported` from it (every required part,
// a valid recipient, sent on or after the visit and within its month; seed 002_666eeee9c66913a4.txt), the
// visits of months before the office's `reportsRequiredFrom` keeping their own flag; and the audit-risk
// warnings at the close.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeMonth, diffVersions, monthInput, reportWarnings } from '../../src/app/index.js';
import { addDays } from '../../src/core/dates.js';
import type { Profession } from '../../src/core/input.js';
import { isStoreError, type KyselyStore, type Store } from '../../src/store/index.js';
import type { CareReportInput, Office, OfficeInput, Visit } from '../../src/contract/types.js';
import { engines, freshOfficeNumber, uniqueName } from './engines.js';

const ADMIN = 'user-admin';

const full = {
  condition: '嚥下機能がやや低下し、錠剤の服用に時間がかかるようになりました。',
  dailyLife: '食事は軟菜食にし、入浴後の転倒に注意してください。',
  medication: '降圧薬を一包化し、服薬カレンダーで管理しています。',
  emergency: '血圧が180を超えたときは主治医へ連絡してください。',
};

async function problemsOf(
  p: Promise<unknown>,
  code = 'invalid',
): Promise<{ path: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    expect(isStoreError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return (e as { problems: { path: string; message: string }[] }).problems;
  }
  throw new Error(`expected a ${code} error`);
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`care reports on ${engine.name}`, () => {
    let store: KyselyStore & Store;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ store, dispose } = await engine.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    async function office(kind: Office['kind'] = 'pharmacy', reportsRequiredFrom?: string): Promise<Office> {
      return store.createOffice(
        {
          number: freshOfficeNumber(),
          name: `テスト事業所${uniqueName('')}`,
          kind,
          region: 'otsu',
          ...(reportsRequiredFrom ? { reportsRequiredFrom } : {}),
        },
        ADMIN,
      );
    }

    async function patient(o: Office, careManager = true): Promise<string> {
      const p = await store.createPatient(
        o.id,
        {
          name: `利用者${uniqueName('')}`,
          certifications: [{ level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' }],
          residences: [{ kind: 'home', from: '2020-01-01' }],
          ...(careManager
            ? { careManagerName: '小池 ケアマネ', careManagerOffice: '居宅介護支援 ねりま' }
            : {}),
        },
        ADMIN,
      );
      return p.id;
    }

    async function visit(o: Office, patientId: string, date: string, profession: Profession = 'pharmacist') {
      return (await store.createVisit(
        o.id,
        { kind: 'kyotaku', patientId, date, profession, reported: true, instructed: true, examined: true },
        ADMIN,
      )) as Extract<Visit, { kind: 'kyotaku' }>;
    }

    function report(
      patientId: string,
      visitIds: string[],
      over: Partial<CareReportInput> = {},
    ): CareReportInput {
      return {
        patientId,
        profession: 'pharmacist',
        visitIds,
        recipient: { kind: 'care_manager', name: '小池 ケアマネ' },
        method: 'fax',
        sentDate: '2024-07-20',
        content: { ...full },
        ...over,
      };
    }

    /** The month's refusals of the visit (besides HISTORY), after a close. */
    async function refusalsOf(o: Office, visitId: string, month = '2024-07') {
      const closed = await closeMonth(store, o.id, month, ADMIN);
      if (!closed.ok) throw new Error(JSON.stringify(closed.problems));
      return closed.version.result.rejections.filter((r) => r.recordId === visitId && r.code !== 'HISTORY');
    }

    it('creates, reads, lists, replaces, marks sent and deletes a report, each with its audit row', async () => {
      const o = await office();
      const pid = await patient(o);
      const v1 = await visit(o, pid, '2024-07-03');
      const v2 = await visit(o, pid, '2024-07-17');
      const staff = await store.createStaff(o.id, { name: '薬剤 花子', profession: 'pharmacist' }, ADMIN);
      const r = await store.createReport(
        o.id,
        report(pid, [v2.id, v1.id], { sentDate: undefined, staffId: staff.id }),
        ADMIN,
      );
      expect(r.month).toBe('2024-07');
      expect(r.officeId).toBe(o.id);
      expect([...r.visitIds].sort()).toEqual([v1.id, v2.id].sort());
      expect(await store.getReport(o.id, r.id)).toEqual({ ...r, visitIds: [...r.visitIds].sort() });
      expect((await store.listReports(o.id, { patientId: pid, month: '2024-07' })).map((x) => x.id)).toEqual([
        r.id,
      ]);
      expect((await store.listReports(o.id, { visitId: v1.id })).map((x) => x.id)).toEqual([r.id]);
      expect(await store.listReports(o.id, { month: '2024-06' })).toEqual([]);
      expect(await store.listReports(o.id, { profession: 'doctor' })).toEqual([]);

      const edited = await store.updateReport(
        o.id,
        r.id,
        report(pid, [v1.id], {
          sentDate: undefined,
          content: { ...full, condition: '嚥下は改善傾向です。' },
        }),
        'clerk-1',
      );
      expect(edited.visitIds).toEqual([v1.id]);
      expect(edited.staffId).toBeUndefined();
      const sent = await store.markReportSent(
        o.id,
        r.id,
        { sentDate: '2024-07-05', method: 'ict' },
        'clerk-2',
      );
      expect(sent.sentDate).toBe('2024-07-05');
      expect(sent.method).toBe('ict');
      expect(sent.content.condition).toBe('嚥下は改善傾向です。');
      expect((await store.listReports(o.id, { sentDate: '2024-07-05' })).map((x) => x.id)).toEqual([r.id]);
      await store.deleteReport(o.id, r.id, 'clerk-2');
      expect(await store.getReport(o.id, r.id)).toBeNull();

      const log = await store.listAudit(o.id, { entity: 'care_report', entityId: r.id });
      expect(log.map((e) => `${e.action}:${e.actor}`)).toEqual([
        'delete:clerk-2',
        'update:clerk-2',
        'update:clerk-1',
        'create:user-admin',
      ]);
      expect((log[1]!.before as { sentDate?: string }).sentDate).toBeUndefined();
      expect((log[1]!.after as { sentDate?: string }).sentDate).toBe('2024-07-05');
      expect(log[0]!.after).toBeNull();
    });

    it('refuses a report whose visits, patient or author do not fit, naming the field', async () => {
      const o = await office('clinic');
      const pid = await patient(o);
      const other = await patient(o);
      const july = await visit(o, pid, '2024-07-03', 'doctor');
      const june = await visit(o, pid, '2024-06-20', 'doctor');
      const nurse = await visit(o, pid, '2024-07-04', 'pharmacist');
      const otherPatients = await visit(o, other, '2024-07-05', 'doctor');
      const nursing = await store.createVisit(
        o.id,
        { kind: 'home_nursing', patientId: pid, date: '2024-07-06' },
        ADMIN,
      );
      const pharmacist = await store.createStaff(
        o.id,
        { name: '薬剤 一郎', profession: 'pharmacist' },
        ADMIN,
      );
      const doctorReport = (visitIds: string[], over: Partial<CareReportInput> = {}) =>
        report(pid, visitIds, {
          profession: 'doctor',
          content: { ...full, guidance: { to: ['family'], text: 'ご家族へ服薬介助の方法を説明しました。' } },
          ...over,
        });
      const problems = await problemsOf(
        store.createReport(
          o.id,
          doctorReport([july.id, june.id, nurse.id, otherPatients.id, nursing.id, 'nowhere', july.id], {
            staffId: pharmacist.id,
          }),
          ADMIN,
        ),
      );
      expect(problems.map((p) => p.path)).toEqual([
        'staffId',
        'visitIds[1]',
        'visitIds[2]',
        'visitIds[3]',
        'visitIds[4]',
        'visitIds[5]',
        'visitIds[6]',
      ]);
      expect(problems[1]!.message).toContain('月が違います');
      expect(problems[2]!.message).toContain('薬剤師の訪問');
      expect(problems[3]!.message).toContain('別の利用者');
      expect(problems[4]!.message).toContain('居宅療養管理指導の訪問ではありません');
      expect(problems[5]!.message).toContain('この事業所の訪問ではありません');
      expect(problems[6]!.message).toContain('2回');
      expect(problems.every((p) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(p.message))).toBe(true);

      const schema = await problemsOf(
        store.createReport(
          o.id,
          { ...doctorReport([july.id]), recipient: { kind: 'care_manager', name: ' ' }, visitIds: [] },
          ADMIN,
        ),
      );
      expect(schema.map((p) => p.path).sort()).toEqual(['recipient.name', 'visitIds']);
      expect(await store.listReports(o.id)).toEqual([]);
    });

    it('scopes reports by office: another office can neither read, list, change nor cover its visits', async () => {
      const a = await office();
      const b = await office();
      const pa = await patient(a);
      const pb = await patient(b);
      const va = await visit(a, pa, '2024-07-03');
      const vb = await visit(b, pb, '2024-07-03');
      const rb = await store.createReport(b.id, report(pb, [vb.id]), ADMIN);
      expect(await store.getReport(a.id, rb.id)).toBeNull();
      expect(await store.listReports(a.id)).toEqual([]);
      expect(await store.listReports(a.id, { visitId: vb.id })).toEqual([]);
      await problemsOf(store.updateReport(a.id, rb.id, report(pa, [va.id]), ADMIN), 'not_found');
      await problemsOf(store.markReportSent(a.id, rb.id, { sentDate: '2024-07-04' }, ADMIN), 'not_found');
      await problemsOf(store.deleteReport(a.id, rb.id, ADMIN), 'not_found');
      const cross = await problemsOf(store.createReport(a.id, report(pb, [vb.id]), ADMIN));
      expect(cross.map((p) => p.path)).toEqual(['patientId', 'visitIds[0]']);
      expect(await store.getReport(b.id, rb.id)).toEqual(rb);
      expect(await reportWarnings(store, a.id, '2024-07')).toEqual([]);
    });

    it('refuses saving last month’s report unchanged (spaces and punctuation aside), naming each part; an edit saves', async () => {
      const o = await office();
      const pid = await patient(o);
      const june = await visit(o, pid, '2024-06-12');
      const july = await visit(o, pid, '2024-07-10');
      await store.createReport(o.id, report(pid, [june.id], { sentDate: '2024-06-13' }), ADMIN);
      const copy = report(pid, [july.id], {
        content: { ...full, condition: ` ${full.condition.replace('、', '､')} ` },
      });
      const problems = await problemsOf(store.createReport(o.id, copy, ADMIN));
      expect(problems.map((p) => p.path)).toEqual([
        'content.condition',
        'content.dailyLife',
        'content.medication',
        'content.emergency',
      ]);
      expect(problems[0]!.message).toContain('前月（2024-06）');
      expect(problems[0]!.message).toContain('利用者の心身の状況');
      // another patient or profession may say the same
      const other = await patient(o);
      const otherVisit = await visit(o, other, '2024-07-10');
      await store.createReport(o.id, report(other, [otherVisit.id]), ADMIN);
      // edited: saved; an update back to the copy is refused again
      const saved = await store.createReport(
        o.id,
        { ...copy, content: { ...full, condition: '嚥下機能は改善し、錠剤をそのまま飲めています。' } },
        ADMIN,
      );
      await problemsOf(store.updateReport(o.id, saved.id, copy, ADMIN));
      expect((await store.getReport(o.id, saved.id))!.content.condition).toContain('改善');
    });

    describe('K24-2a the month close derives `reported` from the reports', () => {
      it.each([
        ['condition', '利用者の心身の状況'],
        ['dailyLife', '日常生活上の注意点'],
        ['medication', '服薬に関する指導内容'],
        ['emergency', '緊急時の対応方法'],
      ] as const)(
        'K24-2a a pharmacist’s report without %s: refused NO_CARE_MANAGER_REPORT naming 「%s」',
        async (part, name) => {
          const o = await office('pharmacy', '2024-07');
          const pid = await patient(o);
          const v = await visit(o, pid, '2024-07-03');
          await store.createReport(o.id, report(pid, [v.id], { content: { ...full, [part]: '　' } }), ADMIN);
          const refusals = await refusalsOf(o, v.id);
          expect(refusals.map((r) => `${r.code} ${r.rule}`)).toEqual(['NO_CARE_MANAGER_REPORT K24-2a']);
          expect(refusals[0]!.message).toContain(`「${name}」`);
        },
      );

      it('K24-2a a doctor’s report without whom he guided is refused naming the guidance part; with it, billed', async () => {
        const o = await office('clinic', '2024-07');
        const pid = await patient(o);
        const v = await visit(o, pid, '2024-07-03', 'doctor');
        const r = await store.createReport(o.id, report(pid, [v.id], { profession: 'doctor' }), ADMIN);
        const refusals = await refusalsOf(o, v.id);
        expect(refusals[0]!.message).toContain('指導の内容と相手');
        await store.updateReport(
          o.id,
          r.id,
          report(pid, [v.id], {
            profession: 'doctor',
            content: {
              ...full,
              guidance: { to: ['facility_staff'], text: '施設職員へ食後の姿勢を指導しました。' },
            },
          }),
          ADMIN,
        );
        expect(await refusalsOf(o, v.id)).toEqual([]);
      });

      it('K24-2a a complete report sent on the visit day or within the month bills; before, after the month or unsent refuses', async () => {
        const o = await office('pharmacy', '2024-07');
        const pid = await patient(o);
        const v = await visit(o, pid, '2024-07-10');
        const r = await store.createReport(o.id, report(pid, [v.id], { sentDate: undefined }), ADMIN);
        expect((await refusalsOf(o, v.id))[0]!.message).toContain('まだ送付されていません');
        for (const [date, billed] of [
          ['2024-07-09', false],
          ['2024-07-10', true],
          ['2024-07-31', true],
          ['2024-08-01', false],
        ] as const) {
          await store.markReportSent(o.id, r.id, { sentDate: date }, ADMIN);
          const refusals = await refusalsOf(o, v.id);
          expect(refusals.length === 0, date).toBe(billed);
          if (!billed) expect(refusals[0]!.message).toContain(date);
        }
      });

      it('K24-2a no report: refused, saying none was made; the visit’s own flag no longer counts', async () => {
        const o = await office('pharmacy', '2024-07');
        const pid = await patient(o);
        const v = await visit(o, pid, '2024-07-10');
        const input = await monthInput(store, o.id, '2024-07');
        expect(input.records[0]).toMatchObject({
          id: v.id,
          reported: false,
          reportIssue: '情報提供書が作成されていません',
        });
        // planning a visit (before its report can exist) uses the flag
        const planned = await monthInput(store, o.id, '2024-07', 'flag');
        expect(planned.records[0]).toMatchObject({ id: v.id, reported: true });
        expect(planned.records[0]).not.toHaveProperty('reportIssue');
      });

      it('K24-2a no care manager: 地域包括支援センター or the municipality accepted; a care manager recipient refused', async () => {
        const o = await office('pharmacy', '2024-07');
        const selfPlan = await patient(o, false);
        const v = await visit(o, selfPlan, '2024-07-10');
        const r = await store.createReport(
          o.id,
          report(selfPlan, [v.id], {
            recipient: { kind: 'community_center', name: '春日地域包括支援センター' },
          }),
          ADMIN,
        );
        expect(await refusalsOf(o, v.id)).toEqual([]);
        await store.updateReport(
          o.id,
          r.id,
          report(selfPlan, [v.id], { recipient: { kind: 'municipality', name: '練馬区 介護保険課' } }),
          ADMIN,
        );
        expect(await refusalsOf(o, v.id)).toEqual([]);
        await store.updateReport(o.id, r.id, report(selfPlan, [v.id]), ADMIN);
        expect((await refusalsOf(o, v.id))[0]!.message).toContain('地域包括支援センター');
        // with a care manager, the 地域包括 is not the recipient
        const withManager = await patient(o);
        const w = await visit(o, withManager, '2024-07-11');
        await store.createReport(
          o.id,
          report(withManager, [w.id], {
            recipient: { kind: 'community_center', name: '春日地域包括支援センター' },
          }),
          ADMIN,
        );
        expect((await refusalsOf(o, w.id))[0]!.message).toContain('ケアマネジャーに送る');
      });

      it('K24-2a visits of months before reportsRequiredFrom keep their own flag; from that month on the reports decide', async () => {
        const o = await office('pharmacy', '2024-07');
        const pid = await patient(o);
        const june = await visit(o, pid, '2024-06-05');
        const july = await visit(o, pid, '2024-07-10');
        expect(await refusalsOf(o, june.id, '2024-06')).toEqual([]);
        expect((await refusalsOf(o, july.id))[0]?.code).toBe('NO_CARE_MANAGER_REPORT');
        // an office that bills on the reports from a later month keeps the flags before it (visits entered
        // before it used report records); moved back to July, the July visit needs its report
        const later = await office('pharmacy', '2024-08');
        const lp = await patient(later);
        const lv = await visit(later, lp, '2024-07-10');
        expect(await refusalsOf(later, lv.id)).toEqual([]);
        await store.updateOffice(later.id, { reportsRequiredFrom: '2024-07' }, ADMIN);
        expect((await refusalsOf(later, lv.id))[0]?.code).toBe('NO_CARE_MANAGER_REPORT');
      });

      it('one monthly report covers every visit sent after; closing again after a report changes shows the input changed', async () => {
        const o = await office('pharmacy', '2024-07');
        const pid = await patient(o);
        const v1 = await visit(o, pid, '2024-07-03');
        const v2 = await visit(o, pid, '2024-07-17');
        const r = await store.createReport(
          o.id,
          report(pid, [v1.id, v2.id], { sentDate: '2024-07-10' }),
          ADMIN,
        );
        const first = await closeMonth(store, o.id, '2024-07', ADMIN);
        if (!first.ok) throw new Error('close');
        const refused = first.version.result.rejections.filter((x) => x.code !== 'HISTORY');
        expect(refused.map((x) => x.recordId)).toEqual([v2.id]); // sent before the second visit
        await store.markReportSent(o.id, r.id, { sentDate: '2024-07-18' }, ADMIN);
        const second = await closeMonth(store, o.id, '2024-07', ADMIN);
        if (!second.ok) throw new Error('close');
        expect(second.version.result.rejections.filter((x) => x.code !== 'HISTORY')).toEqual([]);
        const diff = await diffVersions(store, o.id, '2024-07', 1, 2);
        expect(diff.inputChanged).toBe(true);
        expect(diff.patients[0]?.rejectionsRemoved.map((x) => x.code)).toEqual(['NO_CARE_MANAGER_REPORT']);
      });
    });

    describe('K24-2a reports are required by default', () => {
      afterEach(() => {
        vi.useRealTimers();
      });
      /** An office created at `instant` (the store's clock faked: only Date). */
      async function officeCreatedAt(instant: string, over: Partial<OfficeInput> = {}): Promise<Office> {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date(instant));
        try {
          return await store.createOffice(
            { number: freshOfficeNumber(), name: `テスト事業所${uniqueName('')}`, kind: 'pharmacy', ...over },
            ADMIN,
          );
        } finally {
          vi.useRealTimers();
        }
      }

      it('K24-2a a new office bills on the reports from the month it was created in Japan (JST midnight, both sides)', async () => {
        expect((await officeCreatedAt('2024-07-31T14:59:59.999Z')).reportsRequiredFrom).toBe('2024-07');
        const o = await officeCreatedAt('2024-07-31T15:00:00.000Z'); // 2024-08-01 00:00 in Japan
        expect(o.reportsRequiredFrom).toBe('2024-08');
        expect((await store.getOffice(o.id))!.reportsRequiredFrom).toBe('2024-08');
        const created = (await store.listAudit(o.id, { entity: 'office' }))[0]!;
        expect((created.after as Office).reportsRequiredFrom).toBe('2024-08');
      });

      it('K24-2a the month given at creation is kept; a patch moves it; a patch without it (or undefined) keeps it; null is refused naming the field', async () => {
        const o = await officeCreatedAt('2024-07-10T03:00:00.000Z', { reportsRequiredFrom: '2024-04' });
        expect(o.reportsRequiredFrom).toBe('2024-04');
        expect((await store.updateOffice(o.id, { name: '改名した薬局' }, ADMIN)).reportsRequiredFrom).toBe(
          '2024-04',
        );
        expect(
          (await store.updateOffice(o.id, { reportsRequiredFrom: undefined }, ADMIN)).reportsRequiredFrom,
        ).toBe('2024-04');
        expect(
          (await store.updateOffice(o.id, { reportsRequiredFrom: '2024-09' }, ADMIN)).reportsRequiredFrom,
        ).toBe('2024-09');
        const patchNull = await problemsOf(
          store.updateOffice(o.id, { reportsRequiredFrom: null } as unknown as Partial<OfficeInput>, ADMIN),
        );
        expect(patchNull.map((p) => p.path)).toEqual(['reportsRequiredFrom']);
        expect(patchNull[0]!.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        const createNull = await problemsOf(
          store.createOffice(
            {
              number: freshOfficeNumber(),
              name: 'テスト薬局',
              kind: 'pharmacy',
              reportsRequiredFrom: null,
            } as unknown as OfficeInput,
            ADMIN,
          ),
        );
        expect(createNull.map((p) => p.path)).toEqual(['reportsRequiredFrom']);
        expect((await store.getOffice(o.id))!.reportsRequiredFrom).toBe('2024-09');
      });

      it('K24-2a a new office: a visit of its first month without a complete, sent report is refused; one of the month before bills on its flag', async () => {
        const o = await officeCreatedAt('2024-07-10T03:00:00.000Z');
        expect(o.reportsRequiredFrom).toBe('2024-07');
        const pid = await patient(o);
        const june = await visit(o, pid, '2024-06-20'); // entered with reported: true
        const july = await visit(o, pid, '2024-07-05'); // entered with reported: true
        expect(await refusalsOf(o, june.id, '2024-06')).toEqual([]);
        const refused = await refusalsOf(o, july.id);
        expect(refused.map((r) => `${r.code} ${r.rule}`)).toEqual(['NO_CARE_MANAGER_REPORT K24-2a']);
        expect(refused[0]!.message).toContain('情報提供書が作成されていません');
        // a draft still refuses; sent, the visit bills
        const r = await store.createReport(o.id, report(pid, [july.id], { sentDate: undefined }), ADMIN);
        expect((await refusalsOf(o, july.id))[0]?.message).toContain('まだ送付されていません');
        await store.markReportSent(o.id, r.id, { sentDate: '2024-07-06' }, ADMIN);
        expect(await refusalsOf(o, july.id)).toEqual([]);
      });
    });

    it('a covered visit cannot be deleted, nor moved to another patient, profession or month; within the month it can', async () => {
      const o = await office('pharmacy', '2024-07');
      const pid = await patient(o);
      const v = await visit(o, pid, '2024-07-03');
      await store.createReport(o.id, report(pid, [v.id]), ADMIN);
      const refusal = await store.deleteVisit(o.id, v.id, ADMIN).then(
        () => null,
        (e: unknown) => e as Error & { code: string },
      );
      expect(refusal?.code).toBe('conflict');
      expect(refusal?.message).toContain('情報提供書');
      const base = { kind: 'kyotaku', patientId: pid, profession: 'pharmacist', reported: true } as const;
      await problemsOf(store.updateVisit(o.id, v.id, { ...base, date: '2024-08-01' }, ADMIN), 'conflict');
      await problemsOf(
        store.updateVisit(o.id, v.id, { ...base, date: '2024-07-03', profession: 'dietitian' }, ADMIN),
        'conflict',
      );
      const moved = await store.updateVisit(o.id, v.id, { ...base, date: '2024-07-04' }, ADMIN);
      expect(moved.kind === 'kyotaku' && moved.date).toBe('2024-07-04');
      expect(await store.getVisit(o.id, v.id)).not.toBeNull();
    });

    it('warns at the close (stored with the version) and on read: repeated text, stock phrases, sent after the close', async () => {
      const o = await office('pharmacy', '2024-07');
      const repeated = await patient(o);
      const stock = await patient(o);
      const late = await patient(o);
      const rv = await visit(o, repeated, '2024-07-03');
      const sv = await visit(o, stock, '2024-07-03');
      const lv = await visit(o, late, '2024-07-03');
      const july = await store.createReport(o.id, report(repeated, [rv.id]), ADMIN);
      // June's report typed in afterwards from paper, with July's text: the save of June is not refused (May has
      // none), the close of July warns
      const june = await visit(o, repeated, '2024-06-05');
      await store.createReport(o.id, report(repeated, [june.id], { sentDate: '2024-06-06' }), ADMIN);
      const stockReport = await store.createReport(
        o.id,
        report(stock, [sv.id], {
          content: {
            condition: '特に変化なし。',
            dailyLife: '変わりなし',
            medication: '安定',
            emergency: '特記事項なし',
          },
        }),
        ADMIN,
      );
      const lateReport = await store.createReport(
        o.id,
        report(late, [lv.id], { sentDate: undefined }),
        ADMIN,
      );
      const first = await closeMonth(store, o.id, '2024-07', ADMIN);
      if (!first.ok) throw new Error('close');
      const codes = (w: { code: string; reportId: string }[]) =>
        w.map((x) => `${x.code}:${x.reportId}`).sort();
      expect(codes(first.version.reportWarnings)).toEqual(
        [`REPEATED_TEXT:${july.id}`, `STOCK_PHRASE:${stockReport.id}`].sort(),
      );
      // stock phrases fill the parts: billed, only warned
      expect(first.version.result.rejections.filter((r) => r.recordId === sv.id)).toEqual([]);
      expect(first.version.result.rejections.find((r) => r.recordId === lv.id)?.code).toBe(
        'NO_CARE_MANAGER_REPORT',
      );

      // sent the day after the close: warned on read and at the next close; the first version keeps what it said
      const dayAfterClose = addDays(first.version.closedAt.slice(0, 10), 1);
      await store.markReportSent(o.id, lateReport.id, { sentDate: dayAfterClose }, ADMIN);
      expect(codes(await reportWarnings(store, o.id, '2024-07'))).toContain(
        `SENT_AFTER_CLOSE:${lateReport.id}`,
      );
      const second = await closeMonth(store, o.id, '2024-07', ADMIN);
      if (!second.ok) throw new Error('close');
      expect(codes(second.version.reportWarnings)).toContain(`SENT_AFTER_CLOSE:${lateReport.id}`);
      expect((await store.getClaimVersion(o.id, '2024-07', 1))!.reportWarnings).toEqual(
        first.version.reportWarnings,
      );
      expect((await store.getClaimVersion(o.id, '2024-07', 2))!.reportWarnings).toEqual(
        second.version.reportWarnings,
      );
      expect(second.version.reportWarnings.every((w) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(w.message))).toBe(
        true,
      );
    });
  });
}
