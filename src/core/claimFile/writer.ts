// The writer: claim document → the bytes of the 介護給付費請求 file (../shared/spec/claim-file.md "File").
// Control record, the 7111 請求書, each 明細書's 01 / 02 / 10 records in the document's order, the end
// record; numbered on from 1; CRLF after every line; MS932 (./encoding.ts). Pure: no I/O.
import type { ClaimDocument, DetailLine, Statement, TypeTotal } from './document.js';
import {
  BASIC,
  CLAIM_INFO_HOME_SERVICES,
  DATA_KIND,
  DETAIL,
  INSURANCE_CLAIM,
  INVOICE_ID,
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
  QUOTED_ITEMS,
  START_DATE,
  UNUSED_CODE,
  UNUSED_NUMBER,
  carePlanMakerCode,
  tekiyoText,
} from './choices.js';
import { encodeClaimFileText } from './encoding.js';

type Kind = keyof typeof ITEM_COUNT;
type Item = string | number;

const repeat = (n: number, v: string): string[] => new Array<string>(n).fill(v);

/** 7111 請求書 (18 items): the sums over the file's 明細書; 公費 and 特定入所者 0 until they are billed. */
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
    ...repeat(6, UNUSED_CODE), // 7–12 公費1–3 負担者番号 / 受給者番号 (公費: later)
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
    s.benefitRate,
    ...repeat(3, UNUSED_CODE), // 30–32 公費1–3 給付率 (公費: later)
    a.units,
    a.insurer,
    a.copay,
    ...repeat(3, UNUSED_NUMBER), // 36–38 緊急時施設療養費, 特定診療費, 特定入所者
    ...repeat(18, UNUSED_NUMBER), // 39–56 公費1–3: 単位数, 請求額, 本人負担額, … (公費: later)
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
    ...repeat(3, UNUSED_NUMBER), // 11–13 公費1–3 日数・回数 (公費: later)
    d.units,
    ...repeat(3, UNUSED_NUMBER), // 15–17 公費1–3 対象サービス単位数 (公費: later)
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
    ...repeat(9, UNUSED_NUMBER), // 18–26 公費1–3 単位数合計 / 請求額 / 本人負担額 (公費: later)
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

/** The 7111 record's items. */
export function invoiceRecord(doc: ClaimDocument): DataRecord {
  return { kind: '7111', items: invoiceItems(doc).map(String) };
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
  const data: [Kind, Item[]][] = [['7111', invoiceItems(doc)]];
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
