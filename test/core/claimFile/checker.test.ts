// The checker (claim-file.md "File"): the writer's output always passes it (property over generated months),
// and each kind of damage is found and named by its record — one test per kind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';
import { checkClaimFile, type CheckReport } from '../../../src/core/claimFile/checker.js';
import { claimFileLines, writeClaimFile } from '../../../src/core/claimFile/writer.js';
import { buildClaimDocument } from '../../../src/core/claimFile/document.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../../src/core/checkDigits.js';
import {
  COMMUNITY_CENTER,
  NERIMA,
  SUGINAMI,
  codesFor,
  month,
  okDocument,
  patient,
  visit,
  type Json,
} from './fixtures.js';

const care = (level: string, copay = 1) => ({ level, copay, from: '2024-04-01', to: '2025-03-31' });

/** Three 明細書: two 7131 (one with 麻薬 and 特別地域), one 7132; two insurers. */
const raw = month(
  [
    patient('A1', 11, { conditions: ['terminal_cancer'] }),
    patient('A2', 12, { insured: { insurerNumber: SUGINAMI, number: '0000000012' } }),
    patient('B1', 21, {
      care: care('support2'),
      carePlan: { maker: 'office', officeNumber: COMMUNITY_CENTER },
    }),
  ],
  [
    visit('A1', '2024-07-02', 'pharmacist', { additions: ['narcotic'] }),
    visit('A1', '2024-07-05'),
    visit('A1', '2024-07-09', 'pharmacist', { additions: ['narcotic'] }),
    visit('A2', '2024-07-03'),
    visit('A2', '2024-07-17'),
    visit('B1', '2024-07-04'),
  ],
  { specialArea: true },
);
const doc = okDocument(raw);
const lines = claimFileLines(doc);

const fieldsOf = (line: string): string[] => {
  const out: string[] = [];
  for (const m of line.matchAll(/("[^"]*"|[^,]*)(,|$)/g)) {
    out.push(m[1]!);
    if (m[2] === '') break;
  }
  return out;
};
/** Item n of a data record is field n + 1 (after レコード種別 and レコード番号). */
const setItem = (line: string, item: number, value: string): string => {
  const f = fieldsOf(line);
  f[item + 1] = value;
  return f.join(',');
};
const item = (line: string, n: number): string => fieldsOf(line)[n + 1]!;
const bytesOf = (ls: string[]): Uint8Array => Buffer.from(ls.join('\r\n') + '\r\n', 'latin1');
/** Renumbers the data and end records and sets the control count, so that only the damage itself remains. */
const renumber = (ls: string[]): string[] =>
  ls.map((l, i) => {
    if (i === 0) return l.replace(/^1,1,0,\d+,/, `1,1,0,${ls.length - 2},`);
    const f = fieldsOf(l);
    f[1] = String(i + 1);
    return f.join(',');
  });
const check = (b: Uint8Array): CheckReport => checkClaimFile(b, { codesFor });
const recordIndex = (pred: (l: string) => boolean): number => lines.findIndex(pred);
const A1 = '"0000000011"';
/** The first record of a 明細書 of this record type (01 / 02 / 10) and 被保険者番号 item. */
const recordOf = (type: string, insured: string): number =>
  recordIndex((l) => l.startsWith('2,') && item(l, 2) === type && item(l, 6) === insured);
const a1Detail = recordOf('02', A1);
const a1Total = recordOf('10', A1);
const a1Basic = recordOf('01', A1);

function damaged(change: (ls: string[]) => string[]): string[] {
  const r = check(bytesOf(change([...lines])));
  expect(r.ok).toBe(false);
  return r.problems;
}

describe('claim-file.md "File": the writer output passes the checker', () => {
  it('the example month, alone and against its own claim document', () => {
    expect(check(writeClaimFile(doc))).toMatchObject({ ok: true, problems: [] });
    const r = checkClaimFile(writeClaimFile(doc), { codesFor, expected: doc });
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ statements: { '7131': 2, '7132': 1 }, units: doc.invoice.units });
  });

  it('every generated month (property, fast-check)', () => {
    const insurers = [NERIMA, SUGINAMI, withInsurerCheckDigit('13101')];
    const levels = ['support1', 'support2', 'care1', 'care2', 'care3', 'care4', 'care5'];
    const kinds = {
      pharmacy: ['pharmacist'],
      clinic: ['doctor', 'pharmacist', 'dietitian'],
      dental_clinic: ['dentist', 'dental_hygienist'],
    } as const;
    const patientArb = fc.record({
      level: fc.constantFrom(...levels),
      copay: fc.constantFrom(1, 2, 3),
      insurer: fc.constantFrom(...insurers),
      plan: fc.constantFrom('office', 'center', 'self'),
      building: fc.constantFrom(undefined, 'B1', 'B2'),
      conditions: fc.subarray(['terminal_cancer', 'central_venous_nutrition', 'opioid_injection']),
      chusankan: fc.boolean(),
      homeMedical: fc.boolean(),
      visits: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 31 }),
          pick: fc.nat(),
          additions: fc.subarray(['narcotic', 'opioid_injection', 'central_venous']),
          online: fc.boolean(),
          external: fc.boolean(),
          instruction: fc.boolean(),
        }),
        { minLength: 1, maxLength: 9 },
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('pharmacy', 'clinic', 'dental_clinic'),
        fc.constantFrom('none', 'specialArea', 'chusankanSmallOffice'),
        fc.array(patientArb, { minLength: 1, maxLength: 10 }),
        (kind, area, ps) => {
          const patients: Json[] = ps.map((p, i) =>
            patient(`P${i}`, 100 + i, {
              care: care(p.level, p.copay),
              insured: { insurerNumber: p.insurer, number: String(100 + i).padStart(10, '0') },
              carePlan:
                p.plan === 'self'
                  ? { maker: 'self' }
                  : {
                      maker: 'office',
                      officeNumber: p.plan === 'center' ? COMMUNITY_CENTER : withCheckDigit('131200100'),
                    },
              ...(p.building ? { residence: { kind: 'sakoju', buildingId: p.building } } : {}),
              ...(p.conditions.length ? { conditions: p.conditions } : {}),
              chusankanResident: p.chusankan,
              homeMedicalManagement: p.homeMedical,
            }),
          );
          const records = ps.flatMap((p, i) =>
            p.visits.map((v) => {
              const professions = kinds[kind];
              const profession = professions[v.pick % professions.length]!;
              return visit(`P${i}`, `2024-07-${String(v.day).padStart(2, '0')}`, profession, {
                ...(v.additions.length ? { additions: v.additions } : {}),
                ...(v.online && profession === 'pharmacist' ? { online: true } : {}),
                ...(profession === 'dietitian' && v.external ? { dietitianExternal: true } : {}),
                ...(profession === 'dietitian' && v.instruction
                  ? { specialInstructionDate: '2024-07-10' }
                  : {}),
              });
            }),
          );
          const input = month(patients, records, { kind, ...(area === 'none' ? {} : { [area]: true }) });
          const out = calculate(input);
          if (!out.ok) throw new Error(JSON.stringify(out.problems));
          const d = buildClaimDocument({ result: out.result, input: out.input, schedule: out.schedule });
          fc.pre(d.ok); // a month where every visit is refused has nothing to claim
          if (!d.ok) return;
          const report = checkClaimFile(writeClaimFile(d.document), { codesFor, expected: d.document });
          expect(report.problems).toEqual([]);
          expect(report.summary!.units).toBe(
            out.result.claims.filter((c) => c.insurance === 'care').reduce((s, c) => s + c.units, 0),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads the other quoting style too (every inner item quoted, as 給管鳥 writes)', () => {
    const all = lines.map((l, i) =>
      i === 0 || i === lines.length - 1
        ? l
        : fieldsOf(l)
            .map((f, j) => (j < 2 || f.startsWith('"') ? f : `"${f}"`))
            .join(','),
    );
    expect(check(bytesOf(all)).problems).toEqual([]);
  });
});

describe('claim-file.md "File": the checker finds each kind of damage', () => {
  it('a wrong sum: 10 item 14 is not Σ 02 item 14 (and 01 item 33 no longer matches it)', () => {
    const p = damaged((ls) => {
      ls[a1Total] = setItem(ls[a1Total]!, 14, '9999');
      return ls;
    });
    expect(p).toContain(
      `レコード${a1Total + 1}（被保険者番号 0000000011）: 項目14 単位数合計 9999 が明細のサービス単位数の合計 ${item(lines[a1Total]!, 14)} と合いません`,
    );
    expect(p.some((x) => x.includes('項目33 保険 単位数'))).toBe(true);
  });

  it('a wrong sum: 01 item 34 is not the 10 item 16', () => {
    const p = damaged((ls) => {
      ls[a1Basic] = setItem(ls[a1Basic]!, 34, '1');
      return ls;
    });
    expect(p[0]).toMatch(
      /^レコード\d+（被保険者番号 0000000011）: 項目34 保険 請求額 1 が集計の請求額 \d+ と合いません$/,
    );
  });

  it('a wrong sum: the 7111 is not Σ 明細書', () => {
    const p = damaged((ls) => {
      ls[1] = setItem(ls[1]!, 8, '1');
      return ls;
    });
    expect(p).toEqual([`レコード2: 7111 の項目8 単位数 1 が明細書の合計 ${doc.invoice.units} と合いません`]);
  });

  it('a wrong amount: 10 item 16 is not ⌊units × 単価⌋ × 給付率 (M-3 … M-5), even with the sums made to agree', () => {
    const p = damaged((ls) => {
      const insurer = Number(item(ls[a1Total]!, 16)) + 10;
      const copay = Number(item(ls[a1Total]!, 17)) - 10;
      ls[a1Total] = setItem(setItem(ls[a1Total]!, 16, String(insurer)), 17, String(copay));
      ls[a1Basic] = setItem(setItem(ls[a1Basic]!, 34, String(insurer)), 35, String(copay));
      ls[1] = setItem(
        setItem(ls[1]!, 10, String(doc.invoice.insurer + 10)),
        12,
        String(doc.invoice.copay - 10),
      );
      return ls;
    });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /^レコード\d+（被保険者番号 0000000011）: 請求額 \d+・利用者負担 \d+ が \d+単位 × 10.00円・給付率90% の \d+・\d+ と合いません$/,
    );
  });

  it('a missing record: a 02 record taken out (numbering and count made right)', () => {
    const p = damaged((ls) => renumber(ls.filter((_, i) => i !== a1Detail)));
    expect(p.some((x) => x.includes('単位数合計') && x.includes('明細のサービス単位数の合計'))).toBe(true);
  });

  it('a missing record: the 10 record taken out', () => {
    const p = damaged((ls) => renumber(ls.filter((_, i) => i !== a1Total)));
    expect(p).toContain(
      `レコード${a1Basic + 1}（被保険者番号 0000000011）: サービス種類 31 の集計情報レコード（10）がありません`,
    );
  });

  it('a missing record: a 明細書 without its 01', () => {
    const p = damaged((ls) => renumber(ls.filter((_, i) => i !== a1Basic)));
    expect(p[0]).toMatch(
      /^レコード\d+（被保険者番号 0000000011）: 明細書の基本情報レコード（01）がこのレコードの前にありません$/,
    );
  });

  it('a bad count: the control record says another number of data records', () => {
    const p = damaged((ls) => {
      ls[0] = ls[0]!.replace(/^1,1,0,\d+,/, '1,1,0,99,');
      return ls;
    });
    expect(p).toEqual([
      `レコード1: コントロールレコードのレコード件数が 99 ですが、データレコードは ${lines.length - 2} 件です`,
    ]);
  });

  it('renumbering: a record number out of sequence', () => {
    const p = damaged((ls) => {
      ls[3] = ls[3]!.replace(/^2,4,/, '2,40,');
      return ls;
    });
    expect(p).toEqual(['レコード4: レコード番号が "40" です（4 の連番にしてください）']);
  });

  it('the end record: not the last number, or missing', () => {
    expect(damaged((ls) => [...ls.slice(0, -1), '3,1'])).toEqual([
      `レコード${lines.length}: レコード番号が "1" です（${lines.length} の連番にしてください）`,
    ]);
    expect(damaged((ls) => ls.slice(0, -1)).some((x) => x.includes('レコード種別'))).toBe(true);
  });

  it('a non-CRLF line: LF alone, CR alone, no CRLF after the last line', () => {
    const lf = Buffer.from(
      lines.slice(0, 3).join('\r\n') + '\n' + lines.slice(3).join('\r\n') + '\r\n',
      'latin1',
    );
    expect(check(lf).problems).toEqual(['レコード3: 行の終わりが CRLF ではなく LF だけです']);
    const cr = Buffer.from(
      lines.slice(0, 2).join('\r\n') + '\r' + lines.slice(2).join('\r\n') + '\r\n',
      'latin1',
    );
    expect(check(cr).problems).toEqual(['レコード2: 行の終わりが CRLF ではなく CR だけです']);
    const noEnd = Buffer.from(lines.join('\r\n'), 'latin1');
    expect(check(noEnd).problems).toEqual([`レコード${lines.length}: 最後の行の後に CRLF がありません`]);
  });

  it('a bad byte: a kanji (MS932 0x8E 0x52), a BOM, the 0x1A end-of-file byte', () => {
    const good = writeClaimFile(doc);
    const at = good.indexOf(0x0a) + 5; // inside record 2
    const kanji = new Uint8Array([...good.subarray(0, at), 0x8e, 0x52, ...good.subarray(at)]);
    const p = check(kanji).problems;
    expect(p[0]).toBe(
      `レコード2: ${at + 1}バイト目に使えないバイト 0x8E があります（居宅療養管理指導の伝送ファイルは半角の英数字と記号だけです）`,
    );
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...good]);
    expect(check(bom).problems[0]).toBe(
      'ファイルの先頭に UTF-8 の BOM があります（MS932 で、BOM なしにしてください）',
    );
    const eof = new Uint8Array([...good, 0x1a]);
    expect(check(eof).problems).toContain(
      `レコード${lines.length + 1}: ファイル終端文字 0x1A があります（この伝送ファイルには付けません）`,
    );
  });

  it('codes out of order: two 02 records of a 明細書 swapped', () => {
    const p = damaged((ls) => {
      [ls[a1Detail], ls[a1Detail + 1]] = [ls[a1Detail + 1]!, ls[a1Detail]!];
      return renumber(ls);
    });
    expect(p[0]).toMatch(
      /^レコード\d+（被保険者番号 0000000011）: サービスコード 31\d{4} が 31\d{4} の後にあります（コードの昇順に1行ずつにしてください）$/,
    );
  });

  it('摘要: days not ascending, a day the month has not, days that do not match the 回数', () => {
    const a2 = recordOf('02', '"0000000012"');
    expect(item(lines[a2]!, 18)).toBe('"3,17"');
    const set = (v: string) => damaged((ls) => ((ls[a2] = setItem(ls[a2]!, 18, v)), ls));
    expect(set('"17,3"')[0]).toMatch(/摘要の訪問日 17,3 が昇順でないか、同じ日が2回あります$/);
    expect(set('"3,32"')[0]).toMatch(/摘要の訪問日 3,32 に 2024-07 にない日があります$/);
    expect(set('"3"')[0]).toMatch(/摘要の訪問日が 1 日ですが、回数は 2 です$/);
    expect(set('""')[0]).toMatch(/摘要 "" が訪問日（例 5,19）ではありません$/);
  });

  it('10 item 8 サービス実日数 is the distinct visit days', () => {
    const p = damaged((ls) => ((ls[a1Total] = setItem(ls[a1Total]!, 8, '9')), ls));
    expect(p[0]).toMatch(/項目8 サービス実日数 9 が摘要の訪問日数 3 と合いません$/);
  });

  it('02 item 14 is not item 9 × item 10', () => {
    const p = damaged((ls) => ((ls[a1Detail] = setItem(ls[a1Detail]!, 9, '1')), ls));
    expect(p.some((x) => /サービス単位数 \d+ が 単位数 1 × 回数 \d+ = \d+ と合いません/.test(x))).toBe(true);
  });

  it('a code the table does not have, or its units not the table’s', () => {
    expect(
      damaged((ls) => ((ls[a1Detail] = setItem(ls[a1Detail]!, 8, '9999')), ls)).some((x) =>
        x.includes('サービスコード 319999 は算定表のコード表にありません'),
      ),
    ).toBe(true);
    const units = damaged((ls) => {
      const count = Number(item(ls[a1Detail]!, 10));
      ls[a1Detail] = setItem(setItem(ls[a1Detail]!, 9, '600'), 14, String(600 * count));
      return ls;
    });
    expect(units.some((x) => /サービスコード 31\d{4}（.+）の単位数は \d+ ですが、600 です/.test(x))).toBe(
      true,
    );
  });

  it('明細書 out of order: two 明細書 swapped', () => {
    const p = damaged((ls) => {
      const blocks: string[][] = [];
      for (const l of ls.slice(2, -1)) {
        if (item(l, 2) === '01') blocks.push([]);
        blocks.at(-1)!.push(l);
      }
      [blocks[0], blocks[1]] = [blocks[1]!, blocks[0]!];
      return renumber([ls[0]!, ls[1]!, ...blocks.flat(), ls.at(-1)!]);
    });
    expect(p).toEqual([
      expect.stringMatching(
        /明細書の順が（交換情報識別番号、保険者番号、被保険者番号）の昇順ではありません$/,
      ),
    ]);
  });

  it('a record with one item too few', () => {
    const p = damaged((ls) => ((ls[a1Detail] = fieldsOf(ls[a1Detail]!).slice(0, -1).join(',')), ls));
    expect(p[0]).toMatch(/7131 の 02 レコードの項目数が 17 です（18）$/);
  });

  it('a 7132 明細書 with a 要介護 level, and a 保険者番号 whose check digit is wrong', () => {
    const b1 = recordOf('01', '"0000000021"');
    expect(damaged((ls) => ((ls[b1] = setItem(ls[b1]!, 15, '22')), ls))).toEqual([
      expect.stringMatching(
        /項目15 要介護状態区分 "22" は様式第二の二（要支援 12・13）の区分ではありません$/,
      ),
    ]);
    const wrong = `00${NERIMA.slice(0, 5)}${(Number(NERIMA[5]) + 1) % 10}`;
    const p = damaged((ls) => ls.map((l) => (l.includes('"0000000011"') ? setItem(l, 5, wrong) : l)));
    expect(p.some((x) => x.includes('保険者番号の検証番号（6桁目）が合いません'))).toBe(true);
  });

  it('the 7111 after a 明細書', () => {
    const p = damaged((ls) => renumber([ls[0]!, ...ls.slice(2, -1), ls[1]!, ls.at(-1)!]));
    expect(p).toContain(
      `レコード${lines.length - 1}: 請求書情報（7111）が明細書の後にあります（7111 は明細書より前に置きます）`,
    );
  });

  it('given the month: a 明細書 that is not the engine’s, named by patient', () => {
    const other = okDocument(
      month(
        (raw.patients as Json[]).map((p) => p),
        (raw.records as Json[]).filter((r) => r.date !== '2024-07-17'),
        { specialArea: true },
      ),
    );
    const r = checkClaimFile(writeClaimFile(other), { codesFor, expected: doc });
    expect(r.problems.length).toBeGreaterThan(0);
    expect(
      r.problems.some((x) => x.includes('利用者 A2、被保険者番号 0000000012') && x.includes('算定結果では')),
    ).toBe(true);
    expect(r.problems.every((x) => !x.includes('A1') && !x.includes('B1'))).toBe(true);
  });
});
