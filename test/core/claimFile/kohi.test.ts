// The claim file of a month with both 公費 (docs/kohi.md §7, KOHI-11 / KOHI-12): 生活保護 (12) on an insured
// patient, 指定難病 (54) on another, 54 + 12 on a third, a 生活保護単独 patient (H…); the 01 / 02 / 10 公費
// items, one 7111 row per 法別, the checker passing the writer's file and finding each damage to the 公費 sums.
import { describe, expect, it } from 'vitest';
import { checkClaimFile, type CheckReport } from '../../../src/core/claimFile/checker.js';
import { claimFileLines } from '../../../src/core/claimFile/writer.js';
import { renderClaimForms } from '../../../src/core/claimFile/forms.js';
import { NERIMA, codesFor, month, okDocument, patient, visit, type Json } from './fixtures.js';

import { NANBYO, SEIHO } from '../kohiFixtures.js';
const seiho = (selfPayYen: number, extra: Json = {}): Json => ({
  law: '12',
  payerNumber: SEIHO,
  recipientNumber: '1234566',
  from: '2024-04-01',
  selfPayYen,
  ...extra,
});
const nanbyo = (monthlyCapYen: number, paidElsewhereYen = 0): Json => ({
  law: '54',
  payerNumber: NANBYO,
  recipientNumber: '7654320',
  from: '2024-04-01',
  monthlyCapYen,
  paidElsewhereYen,
});

const raw = month(
  [
    patient('S1', 1, { kohi: [seiho(300)] }),
    patient('N1', 2, { kohi: [nanbyo(5000, 4500)] }),
    patient('B1', 3, { kohi: [nanbyo(0), seiho(0)] }),
    patient('H1', 4, { insured: { insurerNumber: NERIMA, number: 'H000000004' }, kohi: [seiho(0)] }),
    patient('P1', 5),
  ],
  ['S1', 'N1', 'B1', 'H1', 'P1'].flatMap((p) => [visit(p, '2024-07-05'), visit(p, '2024-07-19')]),
);
const doc = okDocument(raw);
const lines = claimFileLines(doc);

const fields = (line: string): string[] => line.split(',').map((f) => f.replace(/^"(.*)"$/, '$1'));
/** Item n of a data record (after レコード種別 and レコード番号). */
const item = (line: string, n: number): string => fields(line)[n + 1]!;
const setItem = (line: string, n: number, value: string): string => {
  const f = line.split(',');
  f[n + 1] = value;
  return f.join(',');
};
const recordOf = (type: string, insured: string): number =>
  lines.findIndex(
    (l) => l.startsWith('2,') && item(l, 1) !== '7111' && item(l, 2) === type && item(l, 6) === insured,
  );
const invoiceRow = (law: string): number =>
  lines.findIndex((l) => l.startsWith('2,') && item(l, 1) === '7111' && item(l, 5) === law);
const bytesOf = (ls: string[]): Uint8Array => Buffer.from(ls.join('\r\n') + '\r\n', 'latin1');
const check = (ls: string[]): CheckReport => checkClaimFile(bytesOf(ls), { codesFor });
function damaged(index: number, n: number, value: string): string[] {
  const ls = [...lines];
  ls[index] = setItem(ls[index]!, n, value);
  const r = check(ls);
  expect(r.ok).toBe(false);
  return r.problems;
}

describe('KOHI-11 / KOHI-12: the claim file of a month with both 公費', () => {
  it('the writer’s file passes the checker, alone and against its own claim document', () => {
    expect(check(lines).problems).toEqual([]);
    expect(checkClaimFile(bytesOf(lines), { codesFor, expected: doc }).problems).toEqual([]);
  });

  it('KOHI-11: the checker’s summary carries the 公費請求額, so that 保険 + 公費 + 利用者負担 = 費用合計', () => {
    const s = check(lines).summary!;
    expect(s.kohi).toBe(Number(item(lines[1]!, 11)));
    expect(s.kohi).toBeGreaterThan(0);
    expect(s.insurer + s.kohi + s.copay).toBe(s.yen);
  });

  it('KOHI-11: the 01 record of 生活保護 with 本人支払額 300 (1割)', () => {
    const b = lines[recordOf('01', '0000000001')]!;
    expect([item(b, 7), item(b, 8), item(b, 9), item(b, 29), item(b, 30), item(b, 31)]).toEqual([
      SEIHO,
      '1234566',
      '',
      '90',
      '100',
      '',
    ]);
    expect([33, 34, 35, 39, 40, 41, 45].map((n) => item(b, n))).toEqual([
      '1036',
      '9324',
      '0',
      '1036',
      '736',
      '300',
      '0',
    ]);
    const t = lines[recordOf('10', '0000000001')]!;
    expect([14, 16, 17, 18, 19, 20, 21].map((n) => item(t, n))).toEqual([
      '1036',
      '9324',
      '0',
      '1036',
      '736',
      '300',
      '0',
    ]);
    const d = lines[recordOf('02', '0000000001')]!;
    expect([10, 11, 12, 14, 15, 16].map((n) => item(d, n))).toEqual(['2', '2', '0', '1036', '1036', '0']);
  });

  it('KOHI-1 / KOHI-11: 54 then 12 on one 明細書 — 公費1 is 54, 公費2 is 12 at 0', () => {
    const b = lines[recordOf('01', '0000000003')]!;
    expect([7, 9, 30, 31, 39, 40, 41, 45, 46, 47].map((n) => item(b, n))).toEqual([
      NANBYO,
      SEIHO,
      '100',
      '100',
      '1036',
      '1036',
      '0',
      '1036',
      '0',
      '0',
    ]);
  });

  it('KOHI-8: the 生活保護単独 明細書 — 保険給付率 blank, 保険 0, 公費 the whole 費用', () => {
    const b = lines[recordOf('01', 'H000000004')]!;
    expect([29, 30, 33, 34, 35, 39, 40, 41].map((n) => item(b, n))).toEqual([
      '',
      '100',
      '1036',
      '0',
      '0',
      '1036',
      '10360',
      '0',
    ]);
  });

  it('KOHI-12: the 7111 保険 row leaves out the 生活保護単独 明細書; one row per 法別 with its sums', () => {
    const ins = lines[1]!;
    expect([4, 5, 7, 8, 9, 10, 11, 12].map((n) => item(ins, n))).toEqual([
      '1',
      '0',
      '4', // S1, N1, B1, P1
      String(4 * 1036),
      String(4 * 10360),
      String(4 * 9324),
      String(736 + 536 + 1036),
      String(300 + 500 + 0 + 1036),
    ]);
    const r54 = lines[invoiceRow('54')]!;
    expect([4, 6, 7, 8, 9, 10, 11, 12].map((n) => item(r54, n))).toEqual([
      '2',
      '01',
      '2',
      '2072',
      '20720',
      String(2 * 9324),
      String(536 + 1036),
      '500',
    ]);
    const r12 = lines[invoiceRow('12')]!;
    expect([7, 8, 9, 10, 11, 12].map((n) => item(r12, n))).toEqual([
      '3', // S1, B1 (0), H1
      String(3 * 1036),
      String(3 * 10360),
      String(2 * 9324),
      String(736 + 0 + 10360),
      '300',
    ]);
    expect(lines.filter((l) => l.startsWith('2,') && item(l, 1) === '7111')).toHaveLength(3);
  });

  it('the checker finds damage to the 公費 of a 01 record (請求額, 本人負担額, 負担者番号, 給付率)', () => {
    const b = recordOf('01', '0000000001');
    expect(damaged(b, 40, '737').join('\n')).toMatch(/項目40 公費1 請求額 737 が集計の 736 と合いません/);
    expect(damaged(b, 41, '299').join('\n')).toMatch(/項目41 公費1 本人負担額 299/);
    expect(damaged(b, 7, '12131018').join('\n')).toMatch(
      /項目7: 公費負担者番号 "12131018" の検証番号.*KOHI-9/,
    );
    expect(damaged(b, 8, '1234567').join('\n')).toMatch(/項目8: 受給者番号 "1234567" の検証番号/);
    expect(damaged(b, 30, '').join('\n')).toMatch(/項目30: 公費1 給付率 ""/);
  });

  it('the checker finds damage to the 公費 of a 10 record and of a 02 record', () => {
    const t = recordOf('10', '0000000001');
    const p19 = damaged(t, 19, '737').join('\n');
    expect(p19).toMatch(/公費の請求額と本人負担額 1037 が.*と合いません（KOHI-7）/);
    expect(damaged(t, 18, '1000').join('\n')).toMatch(
      /項目18 公費1 単位数合計 1000 が明細の公費対象単位数の合計 1036/,
    );
    const d = recordOf('02', '0000000001');
    expect(damaged(d, 15, '518').join('\n')).toMatch(
      /公費1 対象サービス単位数 518 が 単位数 518 × 対象回数 2 と合いません/,
    );
    expect(damaged(d, 11, '3').join('\n')).toMatch(/公費1 の対象 3回・1036単位 が 回数 2/);
    const h = recordOf('10', 'H000000004');
    expect(damaged(h, 16, '9324').join('\n')).toMatch(/生活保護単独の明細書で.*（KOHI-8）/);
  });

  it('the checker finds damage to a 7111 公費 row, and a missing or extra one', () => {
    expect(damaged(invoiceRow('54'), 11, '1573').join('\n')).toMatch(
      /公費請求（法別54）の項目11 公費請求額 1573 が明細書の合計 1572/,
    );
    expect(damaged(invoiceRow('12'), 7, '2').join('\n')).toMatch(
      /公費請求（法別12）の項目7 件数 2 が明細書の合計 3/,
    );
    const renamed = damaged(invoiceRow('12'), 5, '15');
    expect(renamed).toContainEqual(
      expect.stringMatching(/公費請求（法別15）の行がありますが、その公費の明細書がありません（KOHI-12）/),
    );
    expect(renamed).toContain('請求書情報（7111）に公費請求（法別12）の行がありません（KOHI-12）');
    expect(damaged(1, 11, '0').join('\n')).toMatch(/7111 の項目11 公費請求額 0 が明細書の合計 2308/);
  });

  it('the printed 明細書 and 請求書 show the 公費', () => {
    const html = renderClaimForms(doc);
    expect(html).toContain('<td>54</td>');
    expect(html).toContain('<td>12</td>');
    expect(html).not.toContain('（なし）');
  });
});

describe('KOHI-11: a 公費 for part of the month on the 02 record', () => {
  it('an entry from the second visit: 対象回数 1, 対象単位数 518; the checker passes it', () => {
    const partial = okDocument(
      month(
        [patient('S2', 6, { kohi: [seiho(0, { from: '2024-07-10' })] })],
        [visit('S2', '2024-07-05'), visit('S2', '2024-07-19')],
      ),
    );
    const ls = claimFileLines(partial);
    const d = ls.find((l) => l.startsWith('2,') && item(l, 2) === '02')!;
    expect([10, 11, 14, 15].map((n) => item(d, n))).toEqual(['2', '1', '1036', '518']);
    expect(check(ls).problems).toEqual([]);
  });
});
