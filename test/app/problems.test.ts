// The one problem namer for the claim file's problems (src/app/problems.ts): the patient the core names by id
// is named by name wherever the sentence names one (`利用者 <id> の…`, `利用者 <a> と <b> の…`, `利用者 <id>: …`),
// the path by the ids, and the patient's id kept beside it; a problem of no patient stays as it is.
import { describe, expect, it } from 'vitest';
import { nameClaimFileProblems } from '../../src/app/problems.js';
import type { ClaimMonthInput } from '../../src/core/input.js';

const input = {
  month: '2024-07',
  office: { id: '1342007893', kind: 'pharmacy' },
  patients: [{ id: 'p-a' }, { id: 'p-b' }],
  records: [],
} as unknown as ClaimMonthInput;
const names = new Map([
  ['p-a', '青木 正雄'],
  ['p-b', '石川 和子'],
]);

describe('claim-file problems named for the clerk', () => {
  it('a patient by path and sentence; two patients of one sentence; a problem of no patient', () => {
    expect(
      nameClaimFileProblems(
        [
          {
            path: 'patients[1].sex',
            patientId: 'p-b',
            message: '利用者 p-b の性別（sex）がありません（伝送ファイルに必要です）',
          },
          {
            patientId: 'p-b',
            message:
              '利用者 p-a と p-b の保険者番号 131201・被保険者番号 1300001000 が同じです（被保険者証を確かめてください）',
          },
          {
            path: 'patients[0].insured.insurerNumber',
            patientId: 'p-a',
            message: '利用者 p-a: "131202" は保険者番号の…',
          },
          { message: '2024-07 には伝送ファイルに載せる居宅療養管理指導（種類31・34）の請求がありません' },
        ],
        input,
        names,
      ),
    ).toEqual([
      {
        path: 'patients["p-b"].sex',
        patientId: 'p-b',
        patientName: '石川 和子',
        message: '利用者「石川 和子」の性別（sex）がありません（伝送ファイルに必要です）',
      },
      {
        path: 'patients["p-b"]',
        patientId: 'p-b',
        patientName: '石川 和子',
        message:
          '利用者「青木 正雄」と「石川 和子」の保険者番号 131201・被保険者番号 1300001000 が同じです（被保険者証を確かめてください）',
      },
      {
        path: 'patients["p-a"].insured.insurerNumber',
        patientId: 'p-a',
        patientName: '青木 正雄',
        message: '利用者「青木 正雄」: "131202" は保険者番号の…',
      },
      {
        path: '',
        message: '2024-07 には伝送ファイルに載せる居宅療養管理指導（種類31・34）の請求がありません',
      },
    ]);
  });
});
