// The checker: reads a 介護給付費請求 file of 31 / 34 back from its bytes and says what is wrong, one
// Japanese line per problem naming the record (its line) and, where it can, the patient
// (../shared/spec/claim-file.md "File"): encoding and CRLF, the record structure and numbering, the control
// record's count, the item count of each record type, the order of the 明細書 and of their records, the
// sums (Σ 02 item 14 = 10 item 14 = 01 item 33; 10 item 16 = 01 item 34; 10 item 17 = 01 item 35; 7111 = Σ
// 明細書), the money of each 10 record (M-3 … M-5), the service codes and the 摘要 days; and, given the
// month's claim document, that each 明細書 is the engine's. The 公費 columns of 01 / 02 / 10 and the 7111 row
// of each 法別 are checked by ./kohiChecks.ts (KOHI-9, KOHI-11, KOHI-12): with 公費 the 10 record's money is
// 保険 + 利用者負担 + 公費 = 費用 (KOHI-7), a 生活保護単独 明細書 (item 29 blank) has no 保険 and is summed in its
// 法別's row only. It reads both quoting styles (choices.ts). Pure.
import { careSplit, careTotalYen } from '../money.js';
import { daysInMonth, isIsoDate, isIsoMonth } from '../dates.js';
import { insurerNumberProblem, officeNumberProblem } from '../checkDigits.js';
import { billedMonthly, type ServiceCode } from '../serviceCodes.js';
import type { ClaimDocument } from './document.js';
import { decodeClaimFileBytes } from './encoding.js';
import {
  BASIC,
  CONTROL_ITEM_COUNT,
  DATA_KIND,
  DETAIL,
  END_ITEM_COUNT,
  INSURANCE_CLAIM,
  INVOICE_ID,
  ITEM_COUNT,
  MEDIUM_INTERNET,
  TOTAL,
  careLevelCode,
  insurerItem,
  serviceTypeOf,
  type ExchangeId,
} from './layout.js';
import {
  PERCENT_ADDITION_COUNT,
  PERCENT_ADDITION_DAYS,
  UNINSURED_BENEFIT_RATE,
  UNINSURED_IN_INSURANCE_ROW,
  tekiyoText,
} from './choices.js';
import { claimFileLines, invoiceRecords, statementRecords } from './writer.js';
import {
  basicKohiProblems,
  detailKohiProblems,
  invoiceKohiProblems,
  totalKohiItems,
  type LawSums,
} from './kohiChecks.js';

export interface CheckOptions {
  /**
   * The service codes of the file's service month (its schedule's), or undefined when no schedule covers
   * the month: the 02 records must use them, with their units.
   */
  codesFor?: (serviceMonth: string) => ReadonlyMap<string, ServiceCode> | undefined;
  /** The claim document of the month's input: each 明細書 and the 7111 must be the engine's. */
  expected?: ClaimDocument;
}

export interface CheckSummary {
  serviceMonth: string;
  submitted: string;
  officeNumber: string;
  records: number;
  statements: Record<ExchangeId, number>;
  units: number;
  yen: number;
  insurer: number;
  /** 公費請求額: Σ of the 明細書 (7111 item 11; KOHI-11). */
  kohi: number;
  copay: number;
}

export interface CheckReport {
  ok: boolean;
  /** One Japanese line per problem. */
  problems: string[];
  /** What the file claims, when its structure could be read. */
  summary?: CheckSummary;
}

interface Row {
  /** 1-based line of the file = the record number it should carry. */
  line: number;
  /** The line's items, unquoted. */
  fields: string[];
  /** The line as it is. */
  text: string;
}

interface StatementRows {
  key: string;
  id: ExchangeId;
  insurer: string;
  insured: string;
  basic?: Row;
  details: Row[];
  totals: Row[];
}

/** Splits one line into items; a quoted item ("…") may hold commas. Undefined when a quote is not closed. */
function splitLine(line: string): string[] | undefined {
  const parts = line.split(',');
  if (!line.includes('"')) return parts;
  // A quoted item is one part, or (with commas inside, as the 摘要 "5,19") several joined again.
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i]!;
    if (part.startsWith('"')) {
      while (!(part.length > 1 && part.endsWith('"')) && i + 1 < parts.length) part += `,${parts[++i]!}`;
      if (part.length < 2 || !part.endsWith('"')) return undefined;
      part = part.slice(1, -1);
    }
    if (part.includes('"')) return undefined;
    out.push(part);
  }
  return out;
}

const DIGITS = /^\d+$/;

/** 01 item 15 by 様式: 要介護 21–25 on 7131, 要支援 12 / 13 on 7132. */
const levelCodes: Record<ExchangeId, readonly string[]> = {
  '7131': Object.values(careLevelCode).filter((code) => code >= '20'),
  '7132': Object.values(careLevelCode).filter((code) => code < '20'),
};

export function checkClaimFile(bytes: Uint8Array, options: CheckOptions = {}): CheckReport {
  const problems: string[] = [];
  // The checks of values that repeat over the 明細書 (保険者番号, 事業所番号, dates), each value checked once.
  const memo = new Map<(s: string) => string | null | undefined, Map<string, string | null | undefined>>();
  const once = (
    check: (s: string) => string | null | undefined,
    value: string,
  ): string | null | undefined => {
    let known = memo.get(check);
    if (!known) memo.set(check, (known = new Map()));
    if (!known.has(value)) known.set(value, check(value));
    return known.get(value);
  };
  const who = new Map<string, string>(); // statement key → "利用者 P1、被保険者番号 …"
  for (const s of options.expected?.statements ?? []) {
    who.set(
      `${s.exchangeId} ${insurerItem(s.insurerNumber)} ${s.insuredNumber}`,
      `利用者 ${s.patientId}、被保険者番号 ${s.insuredNumber}`,
    );
  }
  const at = (line: number, key?: string, insured?: string): string => {
    const name =
      key !== undefined ? (who.get(key) ?? (insured ? `被保険者番号 ${insured}` : undefined)) : undefined;
    return `レコード${line}${name ? `（${name}）` : ''}`;
  };

  // Encoding: MS932 with printable ASCII only for this file; no BOM, no 0x1A (claim-file.md "File").
  if (bytes.length === 0) return { ok: false, problems: ['ファイルが空です'] };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    problems.push('ファイルの先頭に UTF-8 の BOM があります（MS932 で、BOM なしにしてください）');
  }
  let text = decodeClaimFileBytes(bytes);
  // Only printable ASCII and CRLF: one look over the text; the bytes are gone through only when it finds one.
  const clean = !/[^\x20-\x7e\r\n]|\r(?!\n)|(?<!\r)\n/.test(text);
  let line = 1;
  let badBytes = 0;
  let bareEnds = false; // a line ended by LF or CR alone
  for (let i = 0; !clean && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 && b <= 0x7e) continue;
    if (b === 0x0a) {
      if (bytes[i - 1] !== 0x0d) {
        bareEnds = true;
        problems.push(`レコード${line}: 行の終わりが CRLF ではなく LF だけです`);
      }
      line += 1;
    } else if (b === 0x0d) {
      if (bytes[i + 1] === 0x0a) continue; // CRLF: the LF counts the line
      bareEnds = true;
      problems.push(`レコード${line}: 行の終わりが CRLF ではなく CR だけです`);
      line += 1;
    } else if (badBytes++ < 20) {
      problems.push(
        b === 0x1a
          ? `レコード${line}: ファイル終端文字 0x1A があります（この伝送ファイルには付けません）`
          : `レコード${line}: ${i + 1}バイト目に使えないバイト 0x${b.toString(16).toUpperCase().padStart(2, '0')} があります（居宅療養管理指導の伝送ファイルは半角の英数字と記号だけです）`,
      );
    }
  }
  if (clean) for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line += 1;
  const last = bytes[bytes.length - 1];
  if (last !== 0x0a && last !== 0x0d) problems.push(`レコード${line}: 最後の行の後に CRLF がありません`);

  if (text.endsWith('\r\n')) text = text.slice(0, -2);
  else if (text.endsWith('\n') || text.endsWith('\r')) text = text.slice(0, -1);
  const rows: Row[] = [];
  (bareEnds ? text.split(/\r\n|\n|\r/) : text.split('\r\n')).forEach((l, i) => {
    const fields = splitLine(l);
    if (!fields) problems.push(`レコード${i + 1}: 引用符（"）が閉じていないか、項目の途中にあります`);
    else rows.push({ line: i + 1, fields, text: l });
  });
  if (rows.length < 3) {
    problems.push('コントロールレコード、データレコード、エンドレコードがそろっていません');
    return { ok: false, problems };
  }

  // Structure: control (1), data (2) numbered on, end (3).
  const v = (r: Row, item: number): string => r.fields[item + 1] ?? ''; // item n of a data record
  rows.forEach((r, i) => {
    const kind = r.fields[0]!;
    const expectKind = i === 0 ? '1' : i === rows.length - 1 ? '3' : '2';
    if (kind !== expectKind) {
      const names = {
        '1': 'コントロールレコード（1）',
        '2': 'データレコード（2）',
        '3': 'エンドレコード（3）',
      };
      problems.push(`レコード${r.line}: レコード種別が "${kind}" です（ここは${names[expectKind]}）`);
    }
    if (r.fields[1] !== String(r.line)) {
      problems.push(
        `レコード${r.line}: レコード番号が "${r.fields[1] ?? ''}" です（${r.line} の連番にしてください）`,
      );
    }
  });
  const control = rows[0]!;
  const end = rows[rows.length - 1]!;
  const data = rows.slice(1, -1);
  const c = (n: number) => control.fields[n - 1] ?? '';
  if (control.fields.length !== CONTROL_ITEM_COUNT) {
    problems.push(
      `レコード1: コントロールレコードの項目数が ${control.fields.length} です（${CONTROL_ITEM_COUNT}）`,
    );
  }
  if (c(4) !== String(data.length)) {
    problems.push(
      `レコード1: コントロールレコードのレコード件数が ${c(4)} ですが、データレコードは ${data.length} 件です`,
    );
  }
  if (c(5) !== DATA_KIND) problems.push(`レコード1: データ種別が "${c(5)}" です（${DATA_KIND}）`);
  if (c(10) !== MEDIUM_INTERNET)
    problems.push(`レコード1: 媒体区分が "${c(10)}" です（${MEDIUM_INTERNET} = 伝送）`);
  const officeNumber = c(8);
  const officeProblem = officeNumberProblem(officeNumber);
  if (officeProblem) problems.push(`レコード1: ${officeProblem}`);
  const submittedItem = c(11);
  const submitted = /^\d{6}$/.test(submittedItem)
    ? `${submittedItem.slice(0, 4)}-${submittedItem.slice(4)}`
    : '';
  if (!isIsoMonth(submitted))
    problems.push(`レコード1: 処理対象年月（審査月）"${submittedItem}" が YYYYMM の年月ではありません`);
  if (end.fields.length !== END_ITEM_COUNT) {
    problems.push(
      `レコード${end.line}: エンドレコードの項目数が ${end.fields.length} です（${END_ITEM_COUNT}）`,
    );
  }

  // Data records: the 7111 first, then the 明細書.
  const invoices: Row[] = [];
  const statements: StatementRows[] = [];
  let current: StatementRows | undefined;
  for (const r of data) {
    const id = v(r, 1);
    if (id === INVOICE_ID) {
      if (statements.length)
        problems.push(
          `${at(r.line)}: 請求書情報（7111）が明細書の後にあります（7111 は明細書より前に置きます）`,
        );
      if (r.fields.length !== ITEM_COUNT['7111'] + 2) {
        problems.push(`${at(r.line)}: 7111 の項目数が ${r.fields.length - 2} です（${ITEM_COUNT['7111']}）`);
      }
      invoices.push(r);
      continue;
    }
    if (id !== '7131' && id !== '7132') {
      problems.push(
        `${at(r.line)}: 交換情報識別番号 "${id}" はこのファイルにはありません（7111・7131・7132）`,
      );
      continue;
    }
    const type = v(r, 2);
    const key = `${id} ${v(r, 5)} ${v(r, 6)}`;
    const expectedCount = type === BASIC || type === DETAIL || type === TOTAL ? ITEM_COUNT[type] : undefined;
    if (expectedCount === undefined) {
      problems.push(
        `${at(r.line, key, v(r, 6))}: レコード種別コード "${type}" は明細書にありません（01・02・10）`,
      );
      continue;
    }
    if (r.fields.length !== expectedCount + 2) {
      problems.push(
        `${at(r.line, key, v(r, 6))}: ${id} の ${type} レコードの項目数が ${r.fields.length - 2} です（${expectedCount}）`,
      );
      continue;
    }
    if (type === BASIC) {
      if (current?.key === key)
        problems.push(`${at(r.line, key)}: 同じ明細書に基本情報レコード（01）が2つあります`);
      current = { key, id, insurer: v(r, 5), insured: v(r, 6), basic: r, details: [], totals: [] };
      statements.push(current);
    } else if (!current || current.key !== key) {
      problems.push(
        `${at(r.line, key, v(r, 6))}: 明細書の基本情報レコード（01）がこのレコードの前にありません`,
      );
      current = { key, id, insurer: v(r, 5), insured: v(r, 6), details: [], totals: [] };
      statements.push(current);
      (type === DETAIL ? current.details : current.totals).push(r);
    } else if (type === DETAIL) {
      if (current.totals.length)
        problems.push(`${at(r.line, key)}: 明細情報レコード（02）が集計情報レコード（10）の後にあります`);
      current.details.push(r);
    } else current.totals.push(r);
  }

  // The service month: from the 7111, the same in every record.
  const serviceItem = invoices[0] ? v(invoices[0], 2) : statements[0]?.basic ? v(statements[0].basic, 3) : '';
  const serviceMonth = /^\d{6}$/.test(serviceItem)
    ? `${serviceItem.slice(0, 4)}-${serviceItem.slice(4)}`
    : '';
  if (!isIsoMonth(serviceMonth))
    problems.push(`サービス提供年月 "${serviceItem}" が YYYYMM の年月ではありません`);
  else if (isIsoMonth(submitted) && submitted <= serviceMonth) {
    problems.push(`レコード1: 審査月 ${submitted} がサービス提供年月 ${serviceMonth} より後ではありません`);
  }
  const monthDays = isIsoMonth(serviceMonth)
    ? daysInMonth(+serviceMonth.slice(0, 4), +serviceMonth.slice(5))
    : 31;
  const codes = isIsoMonth(serviceMonth) ? options.codesFor?.(serviceMonth) : undefined;
  if (options.codesFor && isIsoMonth(serviceMonth) && !codes) {
    problems.push(`サービス提供年月 ${serviceMonth} の算定表がないため、サービスコードを確かめられません`);
  }
  for (const r of data) {
    if (r.fields.length < 6) continue;
    const invoice = v(r, 1) === INVOICE_ID;
    const monthItem = v(r, invoice ? 2 : 3);
    const officeItem = v(r, invoice ? 3 : 4);
    if (monthItem === serviceItem && officeItem === officeNumber) continue;
    const key = invoice ? undefined : `${v(r, 1)} ${v(r, 5)} ${v(r, 6)}`;
    if (monthItem !== serviceItem)
      problems.push(
        `${at(r.line, key)}: サービス提供年月 "${monthItem}" がファイルの ${serviceItem} と違います`,
      );
    if (officeItem !== officeNumber)
      problems.push(
        `${at(r.line, key)}: 事業所番号 "${officeItem}" がコントロールレコードの ${officeNumber} と違います`,
      );
  }

  // Each 明細書.
  const sums = { count: 0, units: 0, yen: 0, insurer: 0, publicYen: 0, copay: 0 };
  const lawSums = new Map<string, LawSums>(); // KOHI-12: the 公費請求 row each 法別 must have
  const byStyle: Record<ExchangeId, number> = { '7131': 0, '7132': 0 };
  let previous: StatementRows | undefined;
  for (const s of statements) {
    const here = (r: Row) => at(r.line, s.key, s.insured);
    const first = s.basic ?? s.details[0] ?? s.totals[0]!;
    if (previous) {
      const order =
        cmp(previous.id, s.id) || cmp(previous.insurer, s.insurer) || cmp(previous.insured, s.insured);
      if (order > 0)
        problems.push(
          `${here(first)}: 明細書の順が（交換情報識別番号、保険者番号、被保険者番号）の昇順ではありません`,
        );
      if (order === 0 && s.basic)
        problems.push(`${here(first)}: 同じ保険者番号・被保険者番号の明細書が2つあります`);
    }
    previous = s;
    byStyle[s.id] += 1;
    const serviceType = serviceTypeOf[s.id];
    const insurerProblem = once(insurerItemProblem, s.insurer);
    if (insurerProblem) problems.push(`${here(first)}: ${insurerProblem}`);
    if (!/^[0-9A-Z]{10}$/.test(s.insured))
      problems.push(`${here(first)}: 被保険者番号 "${s.insured}" が10桁ではありません`);
    const b = s.basic;
    let rate: number | undefined;
    let uninsured = false;
    let laws: string[] = [];
    if (b) {
      const dateItems: [number, string][] = [
        [13, '生年月日'],
        [17, '認定有効期間の開始日'],
        [18, '認定有効期間の終了日'],
      ];
      for (const [item, name] of dateItems) {
        const p = once(dateProblem, v(b, item));
        if (p) problems.push(`${here(b)}: 項目${item} ${name}: ${p}`);
      }
      if (v(b, 17) > v(b, 18)) problems.push(`${here(b)}: 認定有効期間の終了日が開始日より前です`);
      if (isIsoMonth(serviceMonth) && (v(b, 17) > `${serviceItem}31` || v(b, 18) < `${serviceItem}01`)) {
        problems.push(`${here(b)}: 認定有効期間がサービス提供年月 ${serviceMonth} にかかっていません`);
      }
      if (v(b, 14) !== '1' && v(b, 14) !== '2')
        problems.push(`${here(b)}: 項目14 性別コード "${v(b, 14)}" は 1（男）か 2（女）です`);
      if (!levelCodes[s.id].includes(v(b, 15))) {
        problems.push(
          `${here(b)}: 項目15 要介護状態区分 "${v(b, 15)}" は${s.id === '7131' ? '様式第二（要介護 21〜25）' : '様式第二の二（要支援 12・13）'}の区分ではありません`,
        );
      }
      const plan = v(b, 19);
      if (plan === '1') {
        const p = once(officeNumberProblem, v(b, 20));
        if (p) problems.push(`${here(b)}: 項目20 居宅介護支援事業所番号: ${p}`);
      } else if (plan === '2') {
        if (v(b, 20) !== '')
          problems.push(`${here(b)}: 自己作成（項目19 = 2）なのに項目20 に事業所番号があります`);
      } else problems.push(`${here(b)}: 項目19 居宅サービス計画作成区分 "${plan}" は 1 か 2 です`);
      laws = basicKohiProblems(b, v, (m) => problems.push(`${here(b)}: ${m}`));
      rate = Number(v(b, 29));
      if (v(b, 29) === UNINSURED_BENEFIT_RATE && laws.length > 0) {
        uninsured = true; // KOHI-8: 生活保護単独, no 保険給付率
        rate = undefined;
      } else if (![90, 80, 70].includes(rate)) {
        problems.push(`${here(b)}: 項目29 保険給付率 "${v(b, 29)}" は 90・80・70 のどれかです`);
        rate = undefined;
      }
    } else problems.push(`${here(first)}: 明細書に基本情報レコード（01）がありません`);

    // 02: codes ascending, 14 = 9 × 10, the code table's units, the 摘要 days.
    const byType = new Map<string, { units: number; days: Set<number>; kohiUnits: number[] }>();
    let lastCode = '';
    for (const d of s.details) {
      const code = `${v(d, 7)}${v(d, 8)}`;
      if (v(d, 7) !== serviceType)
        problems.push(
          `${here(d)}: 項目7 サービス種類 "${v(d, 7)}" は ${s.id} の種類 ${serviceType} ではありません`,
        );
      if (!/^\d{4}$/.test(v(d, 8)))
        problems.push(`${here(d)}: 項目8 サービス項目コード "${v(d, 8)}" が4桁ではありません`);
      if (code <= lastCode)
        problems.push(
          `${here(d)}: サービスコード ${code} が ${lastCode} の後にあります（コードの昇順に1行ずつにしてください）`,
        );
      lastCode = code;
      const each = num(v(d, 9));
      const count = num(v(d, 10));
      const units = num(v(d, 14));
      if (each === undefined || count === undefined || units === undefined) {
        problems.push(`${here(d)}: 単位数・回数・サービス単位数（項目9・10・14）が数値ではありません`);
        continue;
      }
      if (each * count !== units)
        problems.push(
          `${here(d)}: サービス単位数 ${units} が 単位数 ${each} × 回数 ${count} = ${each * count} と合いません`,
        );
      const sc = codes?.get(code);
      if (codes && !sc) problems.push(`${here(d)}: サービスコード ${code} は算定表のコード表にありません`);
      const monthly = sc ? billedMonthly(sc) : false;
      if (sc?.units !== undefined && !monthly && each !== sc.units) {
        problems.push(
          `${here(d)}: サービスコード ${code}（${sc.name}）の単位数は ${sc.units} ですが、${each} です`,
        );
      }
      const t = byType.get(v(d, 7)) ?? { units: 0, days: new Set<number>(), kohiUnits: [0, 0, 0] };
      byType.set(v(d, 7), t);
      t.units += units;
      detailKohiProblems(d, v, each, count, units, t.kohiUnits, (m) => problems.push(`${here(d)}: ${m}`));
      const tekiyo = v(d, 18);
      if (monthly) {
        if (count !== PERCENT_ADDITION_COUNT || tekiyo !== tekiyoText(PERCENT_ADDITION_DAYS)) {
          problems.push(
            `${here(d)}: 率の加算 ${code} は回数 ${PERCENT_ADDITION_COUNT}・摘要なしで1行にします`,
          );
        }
        continue;
      }
      const days = /^\d{1,2}(,\d{1,2})*$/.test(tekiyo) ? tekiyo.split(',').map(Number) : undefined;
      if (!days) {
        problems.push(`${here(d)}: 摘要 "${tekiyo}" が訪問日（例 5,19）ではありません`);
        continue;
      }
      if (days.some((x, i) => i > 0 && x <= days[i - 1]!))
        problems.push(`${here(d)}: 摘要の訪問日 ${tekiyo} が昇順でないか、同じ日が2回あります`);
      if (days.some((x) => x < 1 || x > monthDays))
        problems.push(`${here(d)}: 摘要の訪問日 ${tekiyo} に ${serviceMonth} にない日があります`);
      if (days.length !== count)
        problems.push(`${here(d)}: 摘要の訪問日が ${days.length} 日ですが、回数は ${count} です`);
      for (const x of days) t.days.add(x);
    }

    // 10: one per service type, the sums and the money.
    const totals = { units: 0, insurer: 0, copay: 0, kohi: new Array<number>(9).fill(0) };
    let lastType = '';
    for (const t of s.totals) {
      const type = v(t, 7);
      if (type <= lastType)
        problems.push(`${here(t)}: 集計情報レコード（10）がサービス種類の昇順に1つずつではありません`);
      lastType = type;
      const mine = byType.get(type);
      if (!mine) {
        problems.push(`${here(t)}: サービス種類 ${type} の明細情報レコード（02）がありません`);
        continue;
      }
      byType.delete(type);
      const days = num(v(t, 8));
      const units = num(v(t, 14));
      const price = num(v(t, 15));
      const insurer = num(v(t, 16));
      const copay = num(v(t, 17));
      if (
        days === undefined ||
        units === undefined ||
        price === undefined ||
        insurer === undefined ||
        copay === undefined
      ) {
        problems.push(
          `${here(t)}: 実日数・単位数合計・単価・請求額・利用者負担（項目8・14〜17）が数値ではありません`,
        );
        continue;
      }
      if (days !== mine.days.size)
        problems.push(
          `${here(t)}: 項目8 サービス実日数 ${days} が摘要の訪問日数 ${mine.days.size} と合いません`,
        );
      if (units !== mine.units)
        problems.push(
          `${here(t)}: 項目14 単位数合計 ${units} が明細のサービス単位数の合計 ${mine.units} と合いません`,
        );
      // KOHI-11: 公費1–3 (items 18–26): their units are the 02 records', the 公費 paid what the 保険 left.
      const kohi = totalKohiItems(t, v, mine.kohiUnits, (m) => problems.push(`${here(t)}: ${m}`));
      const kohiPaid = kohi.reduce((x, k, i) => x + (i % 3 === 0 ? 0 : k), 0);
      if (rate !== undefined) {
        const split = careSplit(units, price, ((100 - rate) / 10) as 1 | 2 | 3); // M-3 … M-5
        if (insurer !== split.insurer || copay + kohiPaid !== split.copay) {
          problems.push(
            kohiPaid === 0
              ? `${here(t)}: 請求額 ${insurer}・利用者負担 ${copay} が ${units}単位 × ${(price / 100).toFixed(2)}円・給付率${rate}% の ${split.insurer}・${split.copay} と合いません`
              : `${here(t)}: 請求額 ${insurer}・利用者負担 ${copay}・公費の請求額と本人負担額 ${kohiPaid} が ${units}単位 × ${(price / 100).toFixed(2)}円・給付率${rate}% の ${split.insurer}・${split.copay}（利用者負担と公費の計）と合いません（KOHI-7）`,
          );
        }
      } else if (uninsured && (insurer !== 0 || copay + kohiPaid !== careTotalYen(units, price))) {
        problems.push(
          `${here(t)}: 生活保護単独の明細書で、請求額 ${insurer}・利用者負担 ${copay}・公費 ${kohiPaid} が費用 ${careTotalYen(units, price)}（保険 0、残りは公費と本人）と合いません（KOHI-8）`,
        );
      }
      kohi.forEach((k, i) => (totals.kohi[i]! += k));
      totals.units += units;
      totals.insurer += insurer;
      totals.copay += copay;
    }
    for (const type of byType.keys())
      problems.push(`${here(first)}: サービス種類 ${type} の集計情報レコード（10）がありません`);
    if (b) {
      const [u, ins, cp] = [33, 34, 35].map((i) => num(v(b, i)));
      if (u !== totals.units)
        problems.push(
          `${here(b)}: 項目33 保険 単位数 ${v(b, 33)} が集計の単位数合計 ${totals.units} と合いません`,
        );
      if (ins !== totals.insurer)
        problems.push(
          `${here(b)}: 項目34 保険 請求額 ${v(b, 34)} が集計の請求額 ${totals.insurer} と合いません`,
        );
      if (cp !== totals.copay)
        problems.push(
          `${here(b)}: 項目35 保険 利用者負担額 ${v(b, 35)} が集計の利用者負担 ${totals.copay} と合いません`,
        );
      // KOHI-11: 01 items 39–41 / 45–47 / 51–53 = Σ 10 items 18–20 / 21–23 / 24–26.
      const names = ['単位数', '請求額', '本人負担額'];
      for (let i = 0; i < 9; i++) {
        const item = 39 + Math.floor(i / 3) * 6 + (i % 3);
        if (num(v(b, item)) !== totals.kohi[i])
          problems.push(
            `${here(b)}: 項目${item} 公費${Math.floor(i / 3) + 1} ${names[i % 3]} ${v(b, item)} が集計の ${totals.kohi[i]} と合いません（KOHI-11）`,
          );
      }
      const publicYen = [40, 46, 52].reduce((x, i) => x + (num(v(b, i)) ?? 0), 0);
      const publicCopay = [41, 47, 53].reduce((x, i) => x + (num(v(b, i)) ?? 0), 0);
      const yen = (ins ?? 0) + (cp ?? 0) + publicYen + publicCopay;
      laws.forEach((law, i) => {
        const l = lawSums.get(law) ?? { count: 0, units: 0, yen: 0, insurer: 0, claim: 0, selfPay: 0 };
        lawSums.set(law, l);
        l.count += 1;
        l.units += num(v(b, 39 + 6 * i)) ?? 0;
        l.yen += yen;
        l.insurer += ins ?? 0;
        l.claim += num(v(b, 40 + 6 * i)) ?? 0;
        l.selfPay += num(v(b, 41 + 6 * i)) ?? 0;
      });
      if (uninsured && !UNINSURED_IN_INSURANCE_ROW) continue; // KOHI-12: only in its 法別's row
      sums.count += 1;
      sums.units += u ?? 0;
      sums.insurer += ins ?? 0;
      sums.publicYen += publicYen;
      sums.copay += (cp ?? 0) + publicCopay;
      sums.yen += yen;
    }
  }

  // 7111 = Σ 明細書.
  const insuranceRows = invoices.filter((r) => v(r, 4) === INSURANCE_CLAIM);
  if (insuranceRows.length !== 1)
    problems.push(`請求書情報（7111）の保険請求の行が ${insuranceRows.length} 行です（1行）`);
  const inv = insuranceRows[0];
  if (inv) {
    const items: [number, string, number][] = [
      [7, '件数', sums.count],
      [8, '単位数', sums.units],
      [9, '費用合計', sums.yen],
      [10, '保険請求額', sums.insurer],
      [11, '公費請求額', sums.publicYen],
      [12, '利用者負担', sums.copay],
    ];
    for (const [item, name, sum] of items) {
      if (num(v(inv, item)) !== sum)
        problems.push(
          `${at(inv.line)}: 7111 の項目${item} ${name} ${v(inv, item)} が明細書の合計 ${sum} と合いません`,
        );
    }
  }

  invoiceKohiProblems(invoices, lawSums, v, at, problems);

  if (options.expected) compareWithExpected(options.expected, invoices, statements, v, at, problems);

  const summary: CheckSummary = {
    serviceMonth,
    submitted,
    officeNumber,
    records: rows.length,
    statements: byStyle,
    units: sums.units,
    yen: sums.yen,
    insurer: sums.insurer,
    kohi: sums.publicYen,
    copay: sums.copay,
  };
  return { ok: problems.length === 0, problems, summary };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function num(s: string): number | undefined {
  return DIGITS.test(s) ? Number(s) : undefined;
}

/** 01 item 5: the 6-digit 保険者番号 with its check digit, left-padded with 0 to 8. */
function insurerItemProblem(item: string): string | undefined {
  if (!/^00\d{6}$/.test(item))
    return `証記載保険者番号 "${item}" が保険者番号6桁を0で8桁にしたものではありません`;
  return insurerNumberProblem(item.slice(2)) ?? undefined;
}

/** A date item: YYYYMMDD of a real day. */
function dateProblem(item: string): string | undefined {
  const iso = `${item.slice(0, 4)}-${item.slice(4, 6)}-${item.slice(6)}`;
  return /^\d{8}$/.test(item) && isIsoDate(iso) ? undefined : `"${item}" は YYYYMMDD の日付ではありません`;
}

/** Given the month's claim document: the 7111 and each 明細書 are the engine's, item by item. */
function compareWithExpected(
  doc: ClaimDocument,
  invoices: Row[],
  statements: StatementRows[],
  v: (r: Row, item: number) => string,
  at: (line: number, key?: string, insured?: string) => string,
  problems: string[],
): void {
  // The writer's lines of the document: control, 7111, each 明細書's records in order, end. A record that is
  // the same text after its record number is the engine's; another is compared item by item to name the first
  // difference (a file quoted in another style differs in text, not in items).
  const lines = claimFileLines(doc);
  const body = (line: string): string => line.slice(line.indexOf(',', 2) + 1);
  const diff = (r: Row, kind: string, expected: string[], key?: string): void => {
    for (let i = 0; i < expected.length; i++) {
      if (v(r, i + 1) !== expected[i]) {
        problems.push(
          `${at(r.line, key)}: ${kind} の項目${i + 1} は "${v(r, i + 1)}" ですが、算定結果では "${expected[i]}" です`,
        );
        return; // the first difference of the record
      }
    }
  };
  const expectedInvoices = invoiceRecords(doc);
  if (invoices.length !== expectedInvoices.length) {
    problems.push(
      `請求書情報（7111）が ${invoices.length} 行ですが、算定結果では ${expectedInvoices.length} 行です（保険請求と法別ごとの公費請求）`,
    );
  }
  invoices.forEach((invoice, i) => {
    const expected = expectedInvoices[i];
    if (expected && body(invoice.text) !== body(lines[1 + i]!)) diff(invoice, '7111', expected.items);
  });
  const inFile = new Map(statements.map((s) => [s.key, s]));
  let next = 1 + expectedInvoices.length;
  for (const s of doc.statements) {
    const count = 1 + s.details.length + s.totals.length;
    const expectedLines = lines.slice(next, next + count);
    next += count;
    const key = `${s.exchangeId} ${insurerItem(s.insurerNumber)} ${s.insuredNumber}`;
    const found = inFile.get(key);
    const name = `利用者 ${s.patientId}、被保険者番号 ${s.insuredNumber}`;
    if (!found) {
      problems.push(`算定結果の明細書（${name}、${s.exchangeId}）がファイルにありません`);
      continue;
    }
    inFile.delete(key);
    const rows = [...(found.basic ? [found.basic] : []), ...found.details, ...found.totals];
    if (rows.length !== count) {
      problems.push(
        `${at(rows[0]!.line, key)}: 明細書のレコードが ${rows.length} 件ですが、算定結果では ${count} 件です`,
      );
      continue;
    }
    rows.forEach((r, i) => {
      if (body(r.text) === body(expectedLines[i]!)) return;
      const expected = statementRecords(doc, s)[i]!;
      diff(r, `${s.exchangeId} ${expected.kind}`, expected.items, key);
    });
  }
  for (const s of inFile.values()) {
    const r = s.basic ?? s.details[0] ?? s.totals[0]!;
    problems.push(`${at(r.line, s.key, s.insured)}: 算定結果にない明細書です`);
  }
}
