// K24-2a: the report to the care manager as a record (seed 002_666eeee9c66913a4.txt: its parts, its recipient,
// within the month), and the audit-risk warnings.
import { describe, expect, it } from 'vitest';
import {
  isUnchangedCopy,
  missingParts,
  reportStatus,
  reportWarnings,
  type CareReport,
} from '../../src/core/reports.js';
import { calculate } from '../../src/santei.js';

const report = (over: Partial<CareReport> = {}): CareReport => ({
  id: 'R1',
  patientId: 'P1',
  profession: 'pharmacist',
  visitIds: ['V1'],
  recipient: { kind: 'care_manager', name: '佐藤ケアマネ' },
  method: 'fax',
  sentDate: '2024-07-05',
  content: {
    condition: '嚥下機能がやや低下し、錠剤の服用に時間がかかる。',
    dailyLife: '食事は軟菜食。入浴後の転倒に注意。',
    medication: '降圧薬を一包化し、服薬カレンダーで管理。',
    emergency: '血圧が180を超えた場合は主治医へ連絡。',
  },
  ...over,
});
const visit = { id: 'V1', date: '2024-07-03' };

describe('K24-2a report parts (seed 002)', () => {
  it.each([
    ['condition', '利用者の心身の状況'],
    ['dailyLife', '日常生活上の注意点'],
    ['medication', '服薬に関する指導内容'],
    ['emergency', '緊急時の対応方法'],
  ] as const)('K24-2a a pharmacist report without %s is not reported and names 「%s」', (part, name) => {
    const r = report({ content: { ...report().content, [part]: '  ' } });
    const s = reportStatus(visit, [r], true);
    expect(s.reported).toBe(false);
    expect(s.issue).toContain(name);
  });

  it('K24-2a a complete report sent on the visit day or later within the month makes the visit reported', () => {
    expect(reportStatus(visit, [report({ sentDate: '2024-07-03' })], true)).toEqual({
      reported: true,
      reportId: 'R1',
    });
    expect(reportStatus(visit, [report({ sentDate: '2024-07-31' })], true).reported).toBe(true);
  });

  it('K24-2a sent before the visit, after the month, or not sent: not reported', () => {
    expect(reportStatus(visit, [report({ sentDate: '2024-07-02' })], true).issue).toContain('訪問日');
    expect(reportStatus(visit, [report({ sentDate: '2024-08-01' })], true).issue).toContain(
      '末日 2024-07-31',
    );
    expect(reportStatus(visit, [report({ sentDate: undefined })], true).issue).toContain(
      '送付されていません',
    );
  });

  it('K24-2a no care manager: 地域包括支援センター is accepted; with a care manager it is not', () => {
    const r = report({ recipient: { kind: 'community_center', name: '中央地域包括支援センター' } });
    expect(reportStatus(visit, [r], false).reported).toBe(true);
    expect(reportStatus(visit, [r], true).reported).toBe(false);
    expect(reportStatus(visit, [report()], false).reported).toBe(false);
  });

  it('K24-2a the medication part is not required of a dietitian; a doctor must say whom he guided', () => {
    const dietitian = report({
      profession: 'dietitian',
      content: { ...report().content, medication: undefined },
    });
    expect(missingParts(dietitian)).toEqual([]);
    const doctor = report({ profession: 'doctor' });
    expect(missingParts(doctor)).toEqual(['guidance']);
    expect(
      missingParts({
        ...doctor,
        content: { ...doctor.content, guidance: { to: ['family'], text: '家族へ服薬介助の方法を指導' } },
      }),
    ).toEqual([]);
  });

  it('K24-2a no report covering the visit: not reported', () => {
    expect(reportStatus(visit, [report({ visitIds: ['V9'] })], true).reported).toBe(false);
  });

  it('K24-2a the engine names the missing part in its refusal', () => {
    const out = calculate({
      month: '2024-07',
      office: { id: '1310000002', kind: 'pharmacy' },
      patients: [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      records: [
        {
          kind: 'kyotaku',
          id: 'V1',
          patientId: 'P1',
          date: '2024-07-03',
          profession: 'pharmacist',
          reported: false,
          reportIssue: '情報提供書の「緊急時の対応方法」が空欄です',
        },
      ],
    });
    if (!out.ok) throw new Error('bad input');
    expect(out.result.rejections[0]?.code).toBe('NO_CARE_MANAGER_REPORT');
    expect(out.result.rejections[0]?.message).toContain('緊急時の対応方法');
  });
});

describe('report warnings (seed 002: 「特に変化なし」 only)', () => {
  it('REPEATED_TEXT when the text equals last month’s after normalisation (spaces, punctuation, full width)', () => {
    const prev = report({ id: 'R0', visitIds: ['V0'] });
    const now = report({
      content: { ...report().content, condition: ' 嚥下機能がやや低下し､錠剤の服用に時間がかかる ' },
    });
    expect(reportWarnings([now], [prev]).map((w) => w.code)).toEqual(['REPEATED_TEXT']);
    const edited = report({ content: { ...report().content, condition: '嚥下機能は改善傾向。' } });
    expect(reportWarnings([edited], [prev])).toEqual([]);
  });

  it('REPEATED_TEXT only for the same patient and profession', () => {
    expect(reportWarnings([report()], [report({ id: 'R0', patientId: 'P2' })])).toEqual([]);
    expect(reportWarnings([report()], [report({ id: 'R0', profession: 'dietitian' })])).toEqual([]);
  });

  it('STOCK_PHRASE when every filled part is a stock phrase; not when one part says something', () => {
    const stock = report({
      content: {
        condition: '特に変化なし。',
        dailyLife: '変わりなし',
        medication: '安定',
        emergency: '特記事項なし',
      },
    });
    expect(reportWarnings([stock], []).map((w) => w.code)).toEqual(['STOCK_PHRASE']);
    const one = report({ content: { ...stock.content, emergency: '発熱時は訪問看護へ連絡' } });
    expect(reportWarnings([one], [])).toEqual([]);
  });

  it('SENT_AFTER_CLOSE when sent after the close day; not on the close day', () => {
    expect(
      reportWarnings([report({ sentDate: '2024-08-03' })], [], '2024-08-02T10:00:00Z').map((w) => w.code),
    ).toEqual(['SENT_AFTER_CLOSE']);
    expect(reportWarnings([report({ sentDate: '2024-08-02' })], [], '2024-08-02T10:00:00Z')).toEqual([]);
  });

  it('an unchanged copy of last month’s report is detected (the entry screen refuses to save it)', () => {
    expect(isUnchangedCopy(report(), report({ id: 'R0' }))).toBe(true);
    expect(
      isUnchangedCopy(
        report({ content: { ...report().content, dailyLife: '入浴は週2回に変更。' } }),
        report({ id: 'R0' }),
      ),
    ).toBe(false);
  });
});
