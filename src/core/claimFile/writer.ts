// The writer: claim document → the bytes of the 介護給付費請求 file (../shared/spec/claim-file.md "File").
// Control record, the 7111 請求書 (保険請求, then one 公費請求 row per 法別), each 明細書's 01 / 02 / 10 records in the document's order, the end
// record; numbered on from 1; CRLF after every line; MS932 (./encoding.ts). Pure: no I/O.
import type { ClaimDocument, DetailLine, KohiInvoiceRow, Statement, TypeTotal } from './document.js';
import {
  BASIC,
  CLAIM_INFO_HOME_SERVICES,
  DATA_KIND,
  DETAIL,
  INSURANCE_CLAIM,
  INVOICE_ID,
  KOHI_CLAIM,
  ITEM_COUNT,
  MEDIUM_INTERNET,
  TOTAL,
  careLevelCode,
  compactDate,
  insurerItem,
  sexCode,
} from './layout.js';
import {
  CONTROL_ITEMS,
  INSURANCE_LAW_NUMBER,
  KOHI_CLAIM_INFO,
  KOHI_COLUMNS,
  QUOTED_ITEMS,
  START_DATE,
  UNUSED_CODE,
  UNUSED_NUMBER,
  UNINSURED_BENEFIT_RATE,
  carePlanMakerCode,
  kohiRowCopay,
  tekiyoText,
} from './choices.js';
import { encodeClaimFileText } from './encoding.js';

type Kind = keyof typeof ITEM_COUNT;
type Item = string | number;

const repeat = (n: number, v: string): string[] => new Array<string>(n).fill(v);

/** 7111 請求書, 保険請求 row (18 items): the sums over the file's 明細書; 特定入所者 0. */
function invoiceItems(doc: ClaimDocument): Item[] {
  const t = doc.invoice;
  return [
    INVOICE_ID,
    compactDate(doc.serviceMonth),
    doc.officeNumber,
    INSURANCE_CLAIM,
    INSURANCE_LAW_NUMBER,
    CLAIM_INFO_HOME_SERVICES,
    t.count,
    t.units,
    t.yen,
    t.insurer,
    t.publicYen, // 11 公費請求額
    t.copay,
    ...repeat(6, UNUSED_NUMBER), // 13–18 特定入所者介護サービス費等
  ];
}

/** KOHI-12: the 7111 公費請求 row of one 法別 (保険・公費等区分 2). */
function kohiInvoiceItems(doc: ClaimDocument, r: KohiInvoiceRow): Item[] {
  return [
    INVOICE_ID,
    compactDate(doc.serviceMonth),
    doc.officeNumber,
    KOHI_CLAIM,
    r.law,
    KOHI_CLAIM_INFO,
    r.count,
    r.units,
    r.yen,
    r.insurer,
    r.claim, // 11 公費請求額
    kohiRowCopay(r.selfPay), // 12 利用者負担
    ...repeat(6, UNUSED_NUMBER), // 13–18 特定入所者介護サービス費等
  ];
}

/** The 7111 rows: 保険請求, then one per 法別 (KOHI-12). */
function invoiceRows(doc: ClaimDocument): Item[][] {
  return [invoiceItems(doc), ...doc.kohiRows.map((r) => kohiInvoiceItems(doc, r))];
}

/** 公費1–3 of a 明細書: the i-th of `list`, or what an absent 公費 writes. */
function kohiColumns<T>(list: readonly T[], items: (k: T) => Item[], absent: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < KOHI_COLUMNS; i++) {
    const k = list[i];
    out.push(...(k === undefined ? absent : items(k)));
  }
  return out;
}

/** Items 3–6 of every 明細書 record (提供年月, 事業所番号, 保険者番号, 被保険者番号), made once per 明細書. */
const keyTails = new WeakMap<Statement, Item[]>();

/** Items 1–6 of every 明細書 record. */
function key(doc: ClaimDocument, s: Statement, recordType: string): Item[] {
  let tail = keyTails.get(s);
  if (!tail) {
    tail = [compactDate(doc.serviceMonth), doc.officeNumber, insurerItem(s.insurerNumber), s.insuredNumber];
    keyTails.set(s, tail);
  }
  return [s.exchangeId, recordType, ...tail];
}

/** 01 基本 (56 items). */
function basicItems(doc: ClaimDocument, s: Statement): Item[] {
  const a = s.amounts;
  return [
    ...key(doc, s, BASIC),
    ...kohiColumns(s.kohi, (k) => [k.payerNumber, k.recipientNumber], [UNUSED_CODE, UNUSED_CODE]), // 7–12 (KOHI-11)
    compactDate(s.birthDate),
    sexCode[s.sex],
    careLevelCode[s.careLevel],
    UNUSED_CODE, // 16 旧措置入所者特例
    compactDate(s.certification.from),
    compactDate(s.certification.to),
    carePlanMakerCode(s.exchangeId, s.carePlan),
    s.carePlan.maker === 'office' ? s.carePlan.officeNumber : UNUSED_CODE,
    START_DATE, // 21 開始年月日
    UNUSED_CODE, // 22 中止年月日
    UNUSED_CODE, // 23 中止理由・入所前の状況
    UNUSED_CODE, // 24 入所年月日
    UNUSED_CODE, // 25 退所年月日
    UNUSED_NUMBER, // 26 入所実日数
    UNUSED_NUMBER, // 27 外泊日数
    UNUSED_CODE, // 28 退所後の状態
    s.benefitRate ?? UNINSURED_BENEFIT_RATE, // 29 (KOHI-8: blank for 生活保護単独)
    ...kohiColumns(s.kohi, (k) => [k.benefitRate], [UNUSED_CODE]), // 30–32 公費1–3 給付率
    a.units,
    a.insurer,
    s.insuranceCopay, // 35 保険 利用者負担額, without the 本人負担額 (KOHI-7)
    ...repeat(3, UNUSED_NUMBER), // 36–38 緊急時施設療養費, 特定診療費, 特定入所者
    // 39–56 公費1–3: 単位数, 請求額, 本人負担額, 緊急時, 特定診療, 特定入所者 (KOHI-11)
    ...kohiColumns(
      s.kohi,
      (k) => [k.units, k.claim, k.selfPay, ...repeat(3, UNUSED_NUMBER)],
      repeat(6, UNUSED_NUMBER),
    ),
  ];
}

/** 02 明細 (18 items): one per service code. */
function detailItems(doc: ClaimDocument, s: Statement, d: DetailLine): Item[] {
  return [
    ...key(doc, s, DETAIL),
    d.serviceType,
    d.item,
    d.unitsEach,
    d.count,
    ...kohiColumns(d.kohi, (k) => [k.count], [UNUSED_NUMBER]), // 11–13 公費1–3 日数・回数 (KOHI-11)
    d.units,
    ...kohiColumns(d.kohi, (k) => [k.units], [UNUSED_NUMBER]), // 15–17 公費1–3 対象サービス単位数
    tekiyoText(d.days),
  ];
}

/** 10 集計 (38 items): one per service type. */
function totalItems(doc: ClaimDocument, s: Statement, t: TypeTotal): Item[] {
  return [
    ...key(doc, s, TOTAL),
    t.serviceType,
    t.days,
    ...repeat(3, UNUSED_NUMBER), // 9–11 計画 / 限度額管理対象 / 対象外 単位数: 0 for 31 / 34
    ...repeat(2, UNUSED_CODE), // 12–13 短期入所 計画日数 / 実日数
    t.units,
    t.unitPrice,
    t.insurer,
    t.copay,
    // 18–26 公費1–3 単位数合計 / 請求額 / 本人負担額 (KOHI-11)
    ...kohiColumns(t.kohi, (k) => [k.units, k.claim, k.selfPay], repeat(3, UNUSED_NUMBER)),
    ...repeat(12, UNUSED_CODE), // 27–38 出来高医療費
  ];
}

/** By record kind, whether item n (at index n − 1) is quoted (choices.ts). */
const quotedMask = Object.fromEntries(
  (Object.keys(ITEM_COUNT) as Kind[]).map((kind) => [
    kind,
    Array.from({ length: ITEM_COUNT[kind] }, (_, i) => QUOTED_ITEMS[kind].includes(i + 1)),
  ]),
) as Record<Kind, boolean[]>;

function dataRecord(recordNo: number, kind: Kind, items: Item[]): string {
  if (items.length !== ITEM_COUNT[kind]) {
    throw new Error(`record ${kind} has ${items.length} items, the layout ${ITEM_COUNT[kind]}`);
  }
  const quoted = quotedMask[kind];
  const out = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = quoted[i] ? `"${items[i]}"` : String(items[i]);
  return `2,${recordNo},${out.join(',')}`;
}

export interface DataRecord {
  kind: Kind;
  /** The record's items, unquoted (item n at index n − 1). */
  items: string[];
}

/** The 7111 records' items: 保険請求, then the 公費請求 row of each 法別. */
export function invoiceRecords(doc: ClaimDocument): DataRecord[] {
  return invoiceRows(doc).map((items) => ({ kind: '7111', items: items.map(String) }));
}

/** The records of one 明細書, in their order: 01, the 02 by code, the 10 by service type. */
export function statementRecords(doc: ClaimDocument, s: Statement): DataRecord[] {
  const out: DataRecord[] = [{ kind: BASIC, items: basicItems(doc, s).map(String) }];
  for (const d of s.details) out.push({ kind: DETAIL, items: detailItems(doc, s, d).map(String) });
  for (const t of s.totals) out.push({ kind: TOTAL, items: totalItems(doc, s, t).map(String) });
  return out;
}

/** The file's lines, without their CRLF. */
export function claimFileLines(doc: ClaimDocument): string[] {
  const data: [Kind, Item[]][] = invoiceRows(doc).map((items) => ['7111', items]);
  for (const s of doc.statements) {
    data.push([BASIC, basicItems(doc, s)]);
    for (const d of s.details) data.push([DETAIL, detailItems(doc, s, d)]);
    for (const t of s.totals) data.push([TOTAL, totalItems(doc, s, t)]);
  }
  const c = CONTROL_ITEMS;
  const lines = [
    [
      1,
      1,
      c.volume,
      data.length,
      DATA_KIND,
      c.welfareOffice,
      c.insurer,
      doc.officeNumber,
      c.prefecture,
      MEDIUM_INTERNET,
      compactDate(doc.submitted),
      c.fileManagement,
    ].join(','),
  ];
  data.forEach(([kind, items], i) => lines.push(dataRecord(i + 2, kind, items)));
  lines.push(`3,${data.length + 2}`);
  return lines;
}

/** The file: MS932 bytes, CRLF after every line (the end record's too), no 0x1A. */
export function writeClaimFile(doc: ClaimDocument): Uint8Array {
  return encodeClaimFileText(claimFileLines(doc).join('\r\n') + '\r\n');
}
