// The writer (claim-file.md "File"): every record type item by item, the order of the records and of the
// 明細書 (7131 and 7132 in one file, several insurers), the sums, and the bytes (MS932 = ASCII here, CRLF).
import { describe, expect, it } from 'vitest';
import { claimFileLines, writeClaimFile } from '../../../src/core/claimFile/writer.js';
import { encodeClaimFileText } from '../../../src/core/claimFile/encoding.js';
import {
  CARE_PLAN_OFFICE,
  COMMUNITY_CENTER,
  NERIMA,
  OFFICE,
  SUGINAMI,
  month,
  okDocument,
  patient,
  visit,
} from './fixtures.js';

const care = (level: string, copay = 1) => ({ level, copay, from: '2024-04-01', to: '2025-03-31' });

/** One doctor (Ⅰ, 1人) visited on the 5th and the 19th, 1割, plan by a 居宅介護支援事業所. */
const simple = month(
  [patient('P1', 12345, { sex: 'female', care: care('care3'), birthDate: '1940-01-01' })],
  [visit('P1', '2024-07-05', 'doctor'), visit('P1', '2024-07-19', 'doctor')],
  { kind: 'clinic' },
);

const items = (line: string): string[] => {
  const out: string[] = [];
  for (const m of line.matchAll(/("[^"]*"|[^,]*)(,|$)/g)) {
    out.push(m[1]!);
    if (m[2] === '') break;
  }
  return out;
};

describe('claim-file.md "File": the records of one 明細書', () => {
  const lines = claimFileLines(okDocument(simple));

  it('control: 1,1,0,<data records>,711,0,0,<事業所番号>,0,7,<審査月>,1 — 審査月 = service month + 1', () => {
    expect(lines[0]).toBe(`1,1,0,4,711,0,0,${OFFICE},0,7,202408,1`);
  });

  it('7111 請求書 (18 items): 件数, 単位数, 費用合計, 保険請求額, 公費 0, 利用者負担 — the sums over the 明細書', () => {
    expect(lines[1]).toBe(`2,2,"7111",202407,${OFFICE},1,0,01,1,1030,10300,9270,0,1030,0,0,0,0,0,0`);
    expect(items(lines[1]!)).toHaveLength(2 + 18);
  });

  it('01 基本 (56 items): 証記載保険者番号 to 8 digits, 生年月日, 性別, 要介護状態区分, 認定有効期間, 計画, 給付率, 保険 amounts', () => {
    const it01 = items(lines[2]!);
    expect(it01).toHaveLength(2 + 56);
    expect(lines[2]).toBe(
      [
        '2,3,"7131",01,202407',
        OFFICE,
        `00${NERIMA}`,
        '"0000012345"',
        ',,,,,', // 7–12 公費 (six items)
        '19400101,2,23,', // 13 生年月日, 14 女, 15 要介護3, 16
        '20240401,20250331', // 17–18 認定有効期間
        `1,${CARE_PLAN_OFFICE}`, // 19–20 居宅介護支援事業所作成
        ',,,,,0,0,', // 21–28
        '90,,,', // 29 給付率, 30–32
        '1030,9270,1030', // 33–35
        Array(21).fill('0').join(','), // 36–56
      ].join(','),
    );
  });

  it('02 明細 (18 items): 種類, 項目, 単位数, 回数, サービス単位数 = 単位数 × 回数, 摘要 = the days ("5,19")', () => {
    expect(lines[3]).toBe(
      `2,4,"7131",02,202407,${OFFICE},00${NERIMA},"0000012345",31,1111,515,2,0,0,0,1030,0,0,0,"5,19"`,
    );
    expect(items(lines[3]!)).toHaveLength(2 + 18);
  });

  it('10 集計 (38 items): 実日数, 0 outside the 限度額, 単位数合計, 単価 1000, 請求額, 利用者負担', () => {
    expect(lines[4]).toBe(
      `2,5,"7131",10,202407,${OFFICE},00${NERIMA},"0000012345",31,2,0,0,0,,,1030,1000,9270,1030,0,0,0,0,0,0,0,0,0,,,,,,,,,,,,`,
    );
    expect(items(lines[4]!)).toHaveLength(2 + 38);
  });

  it('end: 3,<its record number>', () => {
    expect(lines[5]).toBe('3,6');
    expect(lines).toHaveLength(6);
  });

  it('--submitted: the 審査月 given is item 11 of the control record', () => {
    expect(claimFileLines(okDocument(simple, '2024-09'))[0]).toBe(`1,1,0,4,711,0,0,${OFFICE},0,7,202409,1`);
  });
});

describe('claim-file.md "File": bytes', () => {
  const bytes = writeClaimFile(okDocument(simple));

  it('MS932 CRLF after every line, the end record too, no 0x1A; every byte printable ASCII', () => {
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.endsWith('3,6\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(7);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect([...bytes].every((b) => (b >= 0x20 && b <= 0x7e) || b === 13 || b === 10)).toBe(true);
    expect(bytes.includes(0x1a)).toBe(false);
  });

  it('the checked encoder refuses a character the file cannot hold (it is ASCII by construction)', () => {
    expect(() => encodeClaimFileText('2,3,"7131",山田')).toThrow(/U\+5C71/);
    expect([...encodeClaimFileText('1,"5,19"\r\n')]).toEqual([...Buffer.from('1,"5,19"\r\n', 'latin1')]);
  });
});

describe('claim-file.md "Order": several 明細書', () => {
  const raw = month(
    [
      patient('S1', 900, { insured: { insurerNumber: SUGINAMI, number: '0000000900' } }),
      patient('N2', 20, { insured: { insurerNumber: NERIMA, number: '0000000020' } }),
      patient('N1', 10, { insured: { insurerNumber: NERIMA, number: '0000000010' } }),
      patient('Y1', 5, {
        care: care('support2', 2),
        insured: { insurerNumber: NERIMA, number: '0000000005' },
        carePlan: { maker: 'office', officeNumber: COMMUNITY_CENTER },
      }),
      patient('Y2', 6, {
        care: care('support1'),
        insured: { insurerNumber: NERIMA, number: '0000000006' },
        carePlan: { maker: 'self' },
      }),
    ],
    [
      visit('S1', '2024-07-02'),
      visit('N2', '2024-07-03'),
      visit('N1', '2024-07-04', 'pharmacist', { additions: ['narcotic'] }),
      visit('N1', '2024-07-11'),
      visit('Y1', '2024-07-05'),
      visit('Y2', '2024-07-06'),
    ],
    { specialArea: true },
  );
  const lines = claimFileLines(okDocument(raw));
  const body = lines.slice(2, -1).map(items);

  it('the 7111 first; then 7131 before 7132, each by 保険者番号, then 被保険者番号 (a month with two insurers)', () => {
    const basics = body.filter((x) => x[3] === '01').map((x) => [x[2], x[6], x[7]]);
    expect(basics).toEqual([
      ['"7131"', `00${SUGINAMI}`, '"0000000900"'],
      ['"7131"', `00${NERIMA}`, '"0000000010"'],
      ['"7131"', `00${NERIMA}`, '"0000000020"'],
      ['"7132"', `00${NERIMA}`, '"0000000005"'],
      ['"7132"', `00${NERIMA}`, '"0000000006"'],
    ]);
    expect(SUGINAMI < NERIMA).toBe(true); // 131151 before 131201
  });

  it('inside one 明細書: 01, the 02 by service code ascending, one 10 per service type', () => {
    const n1 = body.filter((x) => x[7] === '"0000000010"');
    expect(n1.map((x) => [x[3], x[3] === '02' ? `${x[8]}${x[9]}` : ''])).toEqual([
      ['01', ''],
      ['02', '311223'],
      ['02', '311224'], // the 麻薬 visit: 518 + 100 under ・特薬
      ['02', '318000'], // 特別地域 15 % (K24-6d)
      ['10', ''],
    ]);
    const tokuyaku = n1[2]!;
    expect([tokuyaku[10], tokuyaku[11], tokuyaku[15], tokuyaku[19]]).toEqual(['618', '1', '618', '"4"']);
    const percent = n1[3]!;
    // [U] choices.ts: a percentage addition is one record, 回数 1, 摘要 empty.
    expect([percent[10], percent[11], percent[15], percent[19]]).toEqual(['155', '1', '155', '""']);
  });

  it('7132 (様式第二の二): 種類34, 要支援 12/13, 計画 1 with the 地域包括支援センター or 2 セルフプラン, 給付率 80 for 2割', () => {
    const y1 = body.find((x) => x[3] === '01' && x[7] === '"0000000005"')!;
    expect([y1[16], y1[20], y1[21], y1[30]]).toEqual(['13', '1', COMMUNITY_CENTER, '80']);
    const y2 = body.find((x) => x[3] === '01' && x[7] === '"0000000006"')!;
    expect([y2[16], y2[20], y2[21]]).toEqual(['12', '2', '']);
    const y1detail = body.find((x) => x[3] === '02' && x[7] === '"0000000005"')!;
    expect([y1detail[8], y1detail[9]]).toEqual(['34', '1223']);
  });

  it('the sums: Σ 02 item 14 = 10 item 14 = 01 item 33, and the 7111 = Σ 明細書', () => {
    const n = (x: string) => Number(x);
    let units = 0;
    let insurer = 0;
    let copay = 0;
    for (const b of body.filter((x) => x[3] === '01')) {
      const key = b[7];
      const details = body.filter((x) => x[3] === '02' && x[7] === key);
      const total = body.find((x) => x[3] === '10' && x[7] === key)!;
      const sum = details.reduce((s, d) => s + n(d[15]!), 0);
      expect(n(total[15]!)).toBe(sum);
      expect(n(b[34]!)).toBe(sum);
      expect([b[35], b[36]]).toEqual([total[17], total[18]]);
      units += sum;
      insurer += n(b[35]!);
      copay += n(b[36]!);
    }
    const inv = items(lines[1]!);
    expect(inv.slice(8, 14).map(Number)).toEqual([5, units, insurer + copay, insurer, 0, copay]);
  });
});
