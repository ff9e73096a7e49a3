// The claim document refuses to be made with a guess (claim-file.md "CLI": the problems that stop the file):
// one problem per fact, naming the patient, and no document while there is one. Also what goes in: 31 / 34
// only (C006 is not in the file), and the 審査月.
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';
import { buildClaimDocument, formatClaimFileProblem } from '../../../src/core/claimFile/document.js';
import type { ClaimMonthInput } from '../../../src/core/input.js';
import { month, patient, visit, documentOf, okDocument, OFFICE, NERIMA, type Json } from './fixtures.js';

function problemsOf(raw: Json, submitted?: string): string[] {
  const d = documentOf(raw, submitted);
  if (d.ok) throw new Error('expected problems, got a document');
  return d.problems.map(formatClaimFileProblem);
}

/** Prices `raw`, then builds the document with the input changed afterwards (records changed after the close). */
function problemsAfterChange(raw: Json, change: (input: ClaimMonthInput) => void): string[] {
  const out = calculate(raw);
  if (!out.ok) throw new Error('bad input');
  const input = structuredClone(out.input);
  change(input);
  const d = buildClaimDocument({ result: out.result, input, schedule: out.schedule });
  if (d.ok) throw new Error('expected problems');
  return d.problems.map(formatClaimFileProblem);
}

const without = (p: Json, ...keys: string[]): Json => {
  const q = { ...p };
  for (const k of keys) delete q[k];
  return q;
};

describe('claim-file.md "CLI": problems that stop the file, each naming the patient', () => {
  it('a patient with a 31 claim and no insured (保険者番号・被保険者番号)', () => {
    const raw = month(
      [without(patient('P1', 1), 'insured'), patient('P2', 2)],
      [visit('P1', '2024-07-03'), visit('P2', '2024-07-03')],
    );
    expect(problemsOf(raw)).toEqual([
      'patients[0].insured: 利用者 P1 の被保険者証の保険者番号・被保険者番号（insured）がありません（伝送ファイルに必要です）',
    ]);
  });

  it('a bad check digit of the 保険者番号 (records changed after the close)', () => {
    const raw = month([patient('P1', 1)], [visit('P1', '2024-07-03')]);
    expect(
      problemsAfterChange(raw, (i) => {
        i.patients[0]!.insured!.insurerNumber = NERIMA.slice(0, 5) + String((Number(NERIMA[5]) + 1) % 10);
      }),
    ).toEqual([
      expect.stringMatching(
        /^patients\[0\]\.insured\.insurerNumber: 利用者 P1: "\d{6}" は保険者番号の検証番号（6桁目）が合いません/,
      ),
    ]);
  });

  it('no carePlan (who made the care plan)', () => {
    const raw = month([without(patient('P1', 1), 'carePlan')], [visit('P1', '2024-07-03')]);
    expect(problemsOf(raw)).toEqual([
      'patients[0].carePlan: 利用者 P1 の居宅サービス計画の作成者（carePlan: 居宅介護支援事業所・地域包括支援センター、またはセルフプラン）がありません（伝送ファイルに必要です）',
    ]);
  });

  it('no certification validity (認定有効期間): from, to or both', () => {
    const noTo = month(
      [patient('P1', 1, { care: { level: 'care2', copay: 1, from: '2024-04-01' } })],
      [visit('P1', '2024-07-03')],
    );
    expect(problemsOf(noTo)).toEqual([
      'patients[0].care.to: 利用者 P1 の認定有効期間の終了日がありません（伝送ファイルに必要です）',
    ]);
    const neither = month(
      [patient('P1', 1, { care: { level: 'care2', copay: 1 } })],
      [visit('P1', '2024-07-03')],
    );
    expect(problemsOf(neither)).toEqual([
      'patients[0].care.from: 利用者 P1 の認定有効期間の開始日と終了日がありません（伝送ファイルに必要です）',
    ]);
  });

  it('the certification of the 明細書 is that of its last visit day, with its own path (certifications[0])', () => {
    const raw = month(
      [
        patient('P1', 1, {
          care: { level: 'care2', copay: 1, from: '2024-04-01', to: '2024-07-10' },
          certifications: [{ level: 'care3', copay: 1, from: '2024-07-11' }],
        }),
      ],
      [visit('P1', '2024-07-03'), visit('P1', '2024-07-17')],
    );
    expect(problemsOf(raw)).toEqual([
      'patients[0].certifications[0].to: 利用者 P1 の認定有効期間の終了日がありません（伝送ファイルに必要です）',
    ]);
  });

  it('a 要介護 patient on 34 and a 要支援 patient on 31 (records changed after the close)', () => {
    const raw = month(
      [
        patient('P1', 1, { care: { level: 'support1', copay: 1, from: '2024-04-01', to: '2025-03-31' } }),
        patient('P2', 2),
      ],
      [visit('P1', '2024-07-03'), visit('P2', '2024-07-03')],
    );
    expect(
      problemsAfterChange(raw, (i) => {
        i.patients[0]!.care!.level = 'care1';
        i.patients[1]!.care!.level = 'support2';
      }),
    ).toEqual([
      'patients[0].care.level: 利用者 P1 は要介護1ですが、介護予防居宅療養管理指導（種類34）の請求です（要支援は種類34、要介護は種類31）',
      'patients[1].care.level: 利用者 P2 は要支援2ですが、居宅療養管理指導（種類31）の請求です（要支援は種類34、要介護は種類31）',
    ]);
  });

  it('lines without codes: a 2009 month (its schedule has no service codes) names each line', () => {
    const raw = month(
      [patient('P1', 1, { care: { level: 'care2', copay: 1, from: '2009-04-01', to: '2010-03-31' } })],
      [visit('P1', '2009-07-03')],
      {},
      '2009-07',
    );
    expect(problemsOf(raw, '2009-08')).toEqual([
      '利用者 P1: 「薬剤師居宅療養管理指導費（薬局の薬剤師）（在宅）」（kyotaku.pharmacist.pharmacy.home）にサービスコードがありません（算定表 2009-04 にこの項目のサービスコードがないため、伝送ファイルを作成できません）',
    ]);
  });

  it('no 生年月日, no 性別: one line each; every patient lacking something is listed', () => {
    const raw = month(
      [without(patient('P1', 1), 'birthDate', 'sex'), without(patient('P2', 2), 'insured')],
      [visit('P1', '2024-07-03'), visit('P2', '2024-07-03')],
    );
    expect(problemsOf(raw)).toEqual([
      'patients[0].birthDate: 利用者 P1 の生年月日（birthDate）がありません（伝送ファイルに必要です）',
      'patients[0].sex: 利用者 P1 の性別（sex）がありません（伝送ファイルに必要です）',
      'patients[1].insured: 利用者 P2 の被保険者証の保険者番号・被保険者番号（insured）がありません（伝送ファイルに必要です）',
    ]);
  });

  it('a patient refused in full needs nothing: only patients with a 31 / 34 claim are checked', () => {
    const raw = month(
      [patient('P1', 1), { id: 'P2', care: { level: 'care2', copay: 1 }, residence: { kind: 'tokuyo' } }],
      [visit('P1', '2024-07-03'), visit('P2', '2024-07-03')],
    );
    expect(okDocument(raw).statements.map((s) => s.patientId)).toEqual(['P1']);
  });

  it('two patients with the same 保険者番号 and 被保険者番号', () => {
    const raw = month(
      [patient('P1', 7), patient('P2', 7)],
      [visit('P1', '2024-07-03'), visit('P2', '2024-07-03')],
    );
    expect(problemsOf(raw)).toEqual([
      `利用者 P1 と P2 の保険者番号 ${NERIMA}・被保険者番号 0000000007 が同じです（被保険者証を確かめてください）`,
    ]);
  });

  it("the office's 事業所番号 must be one (10 digits, check digit)", () => {
    const raw = month([patient('P1', 1)], [visit('P1', '2024-07-03')], { id: '1310000001' });
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(/^office\.id: "1310000001" は事業所番号の検証番号/),
    ]);
  });

  it('a 審査月 not after the service month; a month with nothing to claim', () => {
    const raw = month([patient('P1', 1)], [visit('P1', '2024-07-03')]);
    expect(problemsOf(raw, '2024-07')).toEqual([
      '審査月 "2024-07" はサービス提供月 2024-07 より後の年月を YYYY-MM で指定してください',
    ]);
    const nothing = month([patient('P1', 1)], [visit('P1', '2024-07-03', 'pharmacist', { reported: false })]);
    expect(problemsOf(nothing)).toEqual([
      '2024-07 には伝送ファイルに載せる居宅療養管理指導（種類31・34）の請求がありません',
    ]);
  });
});

describe('claim-file.md "CLI": what the file holds', () => {
  it('claims of other insurances (C006) are not in the file', () => {
    const raw = month(
      [
        patient('P1', 1, { medical: { copay: 1 }, lastExamDate: '2024-07-01' }),
        patient('P2', 2, { medical: { copay: 1 } }),
      ],
      [
        { kind: 'c006', id: 'C1', patientId: 'P2', date: '2024-07-02', units: 1 },
        visit('P1', '2024-07-03', 'doctor'),
      ],
      { kind: 'clinic' },
    );
    const out = calculate(raw);
    if (!out.ok) throw new Error('bad input');
    const doc = okDocument(raw);
    expect(doc.statements.map((s) => s.patientId)).toEqual(['P1']);
    expect(doc.officeNumber).toBe(OFFICE);
  });

  it('the 審査月 defaults to the service month + 1, across a year', () => {
    const raw = month([patient('P1', 1)], [visit('P1', '2024-12-03')], {}, '2024-12');
    expect(okDocument(raw).submitted).toBe('2025-01');
  });
});
