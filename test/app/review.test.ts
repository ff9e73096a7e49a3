// The month's verdicts separated from the reports (issue 13, item 1) and last month's pattern checked with
// the month (item 2), on a store: a pharmacy that bills July 2024 on its report records (K24-2a).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, SYSTEM_ACTOR, type Store } from '../../src/store/index.js';
import { withCheckDigit } from '../../src/contract/officeNumber.js';
import type { Office, Patient, Staff, Visit, VisitInput } from '../../src/contract/types.js';
import { monthReview } from '../../src/app/review.js';
import { checkProposals } from '../../src/app/proposals.js';
import { previewMonth } from '../../src/app/months.js';

let dir: string;
let store: Store;
let office: Office;
let hanako: Patient;
let taro: Patient;
let tanaka: Staff;
let ito: Staff;
const visits: Visit[] = [];

const cert = [{ level: 'care2' as const, copay: 1 as const, from: '2024-04-01', to: '2025-03-31' }];
const pharmacist = (patientId: string, date: string, staffId?: string): VisitInput => ({
  kind: 'kyotaku',
  patientId,
  date,
  profession: 'pharmacist',
  reported: true,
  ...(staffId ? { staffId } : {}),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'santei-review-'));
  store = await openStore({ databaseUrl: '', sqlitePath: join(dir, 'santei.sqlite') });
  office = await store.createOffice(
    {
      number: withCheckDigit('131000009'),
      name: 'みどり薬局',
      kind: 'pharmacy',
      reportsRequiredFrom: '2024-07',
    },
    SYSTEM_ACTOR,
  );
  tanaka = await store.createStaff(office.id, { name: '田中 美穂', profession: 'pharmacist' }, SYSTEM_ACTOR);
  ito = await store.createStaff(office.id, { name: '伊藤 健', profession: 'pharmacist' }, SYSTEM_ACTOR);
  hanako = await store.createPatient(
    office.id,
    { name: '山田 花子', kana: 'ヤマダ ハナコ', certifications: cert, careManagerName: '居宅 太郎' },
    SYSTEM_ACTOR,
  );
  taro = await store.createPatient(
    office.id,
    { name: '青木 太郎', kana: 'アオキ タロウ', certifications: cert, careManagerName: '居宅 次郎' },
    SYSTEM_ACTOR,
  );
  // 山田: five Tuesdays (the 5th is over 月4回, K24-5a); 青木: two pharmacists in one month (K24-2c).
  for (const d of ['2024-07-02', '2024-07-09', '2024-07-16', '2024-07-23', '2024-07-30'])
    visits.push(await store.createVisit(office.id, pharmacist(hanako.id, d, tanaka.id), SYSTEM_ACTOR));
  visits.push(await store.createVisit(office.id, pharmacist(taro.id, '2024-07-03', tanaka.id), SYSTEM_ACTOR));
  visits.push(await store.createVisit(office.id, pharmacist(taro.id, '2024-07-17', ito.id), SYSTEM_ACTOR));
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the month’s verdicts as if reported, beside the report states (K24-2a)', () => {
  it('before any report is sent, the close refuses every visit for K24-2a alone', async () => {
    const preview = await previewMonth(store, office.id, '2024-07');
    expect(new Set(preview.rejections.map((r) => r.code))).toEqual(new Set(['NO_CARE_MANAGER_REPORT']));
  });

  it('K24-5a: the 5th visit of 山田 shows its 月4回 refusal before the report is sent; the others bill', async () => {
    const review = await monthReview(store, office.id, '2024-07');
    const of = (id: string) => review.visits.find((v) => v.visitId === id)!;
    for (const v of visits.slice(0, 4)) {
      expect(of(v.id).status).toBe('billed');
      expect(of(v.id).columnName).toBe('単一建物居住者1人');
      expect(of(v.id).units).toBeGreaterThan(0);
      expect(of(v.id).report).toMatchObject({ state: 'none', deadline: '2024-07-31' });
    }
    const fifth = of(visits[4]!.id);
    expect(fifth.status).toBe('refused');
    expect(fifth.rejections.map((r) => [r.code, r.rule])).toEqual([
      ['MONTHLY_LIMIT', expect.stringContaining('K24-5a')],
    ]);
    expect(review.onReports).toBe(true);
  });

  it('K24-2c: 青木’s second pharmacist is refused before the report is sent, naming the first', async () => {
    const review = await monthReview(store, office.id, '2024-07');
    const second = review.visits.find((v) => v.visitId === visits[6]!.id)!;
    expect(second.status).toBe('refused');
    expect(second.rejections[0]?.code).toBe('SECOND_PRACTITIONER');
    expect(second.rejections[0]?.message).toContain('田中 美穂');
  });

  it('grouped by what to do: reports to send per patient and profession, a visit to move, a record to fix; patients by kana', async () => {
    const { tasks, refusalsByCode } = await monthReview(store, office.id, '2024-07');
    expect(tasks.report.map((t) => [t.patientId, t.visitIds.length, t.state])).toEqual([
      [taro.id, 1, 'none'],
      [hanako.id, 4, 'none'],
    ]);
    expect(tasks.move.map((t) => t.visitId)).toEqual([visits[4]!.id]);
    expect(tasks.fix.map((t) => t.visitId)).toEqual([visits[6]!.id]);
    expect(refusalsByCode).toEqual([
      { code: 'MONTHLY_LIMIT', count: 1 },
      { code: 'SECOND_PRACTITIONER', count: 1 },
    ]);
  });

  it('a sent report moves its visits to 送付済み and out of the tasks; a draft is 下書き', async () => {
    const content = {
      condition: '安定',
      dailyLife: '水分を多めに',
      medication: '一包化',
      emergency: '薬局へ連絡',
    };
    const sent = await store.createReport(
      office.id,
      {
        patientId: taro.id,
        profession: 'pharmacist',
        visitIds: [visits[5]!.id],
        recipient: { kind: 'care_manager', name: '居宅 次郎' },
        method: 'fax',
        content,
      },
      SYSTEM_ACTOR,
    );
    await store.markReportSent(office.id, sent.id, { sentDate: '2024-07-05' }, SYSTEM_ACTOR);
    await store.createReport(
      office.id,
      {
        patientId: hanako.id,
        profession: 'pharmacist',
        visitIds: [visits[0]!.id],
        recipient: { kind: 'care_manager', name: '居宅 太郎' },
        method: 'fax',
        content,
      },
      SYSTEM_ACTOR,
    );
    const review = await monthReview(store, office.id, '2024-07');
    expect(review.visits.find((v) => v.visitId === visits[5]!.id)!.report?.state).toBe('sent');
    expect(review.visits.find((v) => v.visitId === visits[0]!.id)!.report?.state).toBe('draft');
    expect(review.tasks.report.map((t) => [t.patientId, t.state])).toEqual([[hanako.id, 'none']]);
    // The claim file's facts of the patients the month will bill once reported: none of them has a 被保険者証.
    expect(new Set(review.claimFileProblems!.map((p) => p.patientId))).toEqual(new Set([hanako.id, taro.id]));
    expect(review.claimFileProblems![0]!.patientName).toBeDefined();
    expect(review.closed).toBeNull();
  });
});

describe('copying last month’s pattern: the proposals checked together with the month (one engine run)', () => {
  it('K24-5b: three visits of one patient in one week are not all billable', async () => {
    const patient = await store.createPatient(
      office.id,
      { name: '石川 和子', kana: 'イシカワ カズコ', certifications: cert, careManagerName: '居宅 太郎' },
      SYSTEM_ACTOR,
    );
    const a = await checkProposals(store, office.id, {
      visits: ['2024-07-08', '2024-07-10', '2024-07-12'].map((d) => pharmacist(patient.id, d)),
    });
    expect(a.verdicts.map((v) => v.status)).toEqual(['billed', 'refused', 'refused']);
    expect(a.verdicts[1]!.rejections[0]?.rule).toContain('K24-5b');
    expect(a.verdicts[0]!.reportPending?.rule).toBe('K24-2a');
    expect(a.displaces).toEqual([]);
  });

  it('K24-5a: a copy of the month’s 5th visit is refused with the saved visits; one the day before a saved visit pushes it out', async () => {
    const later = await checkProposals(store, office.id, { visits: [pharmacist(hanako.id, '2024-07-31')] });
    expect(later.verdicts[0]!.status).toBe('refused');
    expect(later.verdicts[0]!.rejections[0]?.rule).toMatch(/K24-5/);
    // A proposal the day before the saved 7/2: billed, and the saved 7/2 would no longer be (K24-5b).
    const earlier = await checkProposals(store, office.id, { visits: [pharmacist(hanako.id, '2024-07-01')] });
    expect(earlier.verdicts[0]!.status).toBe('billed');
    expect(earlier.displaces).toContain(visits[0]!.id);
  });

  it('proposals of two months, or of a patient of another office, are refused naming the field', async () => {
    await expect(
      checkProposals(store, office.id, {
        visits: [pharmacist(hanako.id, '2024-07-01'), pharmacist(hanako.id, '2024-08-01')],
      }),
    ).rejects.toMatchObject({ problems: [{ path: 'visits[1].date' }] });
    await expect(
      checkProposals(store, office.id, { visits: [pharmacist('nobody', '2024-07-01')] }),
    ).rejects.toMatchObject({ problems: [{ path: 'visits[0].patientId' }] });
  });
});
