// Service codes of 居宅療養管理指導 (31) and 介護予防居宅療養管理指導 (34), 令和6年6月施行 — the table of
// ../shared/spec/claim-file.md "Service codes (R6, 2024-06)", each code marked as there: [C] confirmed
// (type 31, from one extracted copy of the MHLW code table: research/service-codes-r6.md), [U] unconfirmed
// (the second sets, 311258, and every type 34 code). What each code bills: ../../core/rules/kyotakuCodes.ts.
import type { Column } from '../../core/labels.js';
import type { KyotakuItemKey } from '../../core/rules/kyotaku.js';
import type {
  KyotakuCodeSet,
  KyotakuPercentAddition,
  KyotakuServiceCode,
  KyotakuVisitAddition,
} from '../../core/rules/kyotakuCodes.js';

const TABLE = '介護保険サービスコード表（令和6年6月施行）居宅療養管理指導';
const SOURCE_31 = `${TABLE}; claim-file.md "Service codes" [C]; research/service-codes-r6.md (one extracted copy)`;
const SOURCE_SECOND = `${TABLE}; claim-file.md "Service codes" [U]`;
const SECOND_SET_NOTE =
  '同じ単位数の二つ目のコード: 回数の特例（末期の悪性腫瘍等・特別の指示）による訪問のコードと読んでいる（未確認）';
const SOURCE_34 = `介護予防サービスコード表（令和6年6月施行）介護予防居宅療養管理指導; claim-file.md "Type 34" [U]`;
const NOTE_34 =
  '種類34のコード表は未確認: 種類31と同じ項目コード・同じ単位数と読んでいる（claim-file.md の最も確からしい読み）';

const columns = ['single', 'few', 'many'] as const satisfies readonly Column[];

/** One fee item's codes in the three columns (1人 / 2–9人 / 10人以上). */
interface ItemRow {
  item: KyotakuItemKey;
  set: KyotakuCodeSet;
  narcotic: boolean;
  /** Item codes (the last 4 digits) by column. */
  codes: readonly [string, string, string];
  names: readonly [string, string, string];
  units: readonly [number, number, number];
  confirmed: boolean;
  note?: string;
}

const row = (
  item: KyotakuItemKey,
  set: KyotakuCodeSet,
  narcotic: boolean,
  codes: readonly [string, string, string],
  names: readonly [string, string, string],
  units: readonly [number, number, number],
  confirmed = true,
  note?: string,
): ItemRow => ({ item, set, narcotic, codes, names, units, confirmed, ...(note ? { note } : {}) });

const n3 = (
  base: string,
  marks: readonly [string, string, string],
  suffix = '',
): [string, string, string] => [
  `${base}${marks[0]}${suffix}`,
  `${base}${marks[1]}${suffix}`,
  `${base}${marks[2]}${suffix}`,
];

const I123 = ['Ⅰ１', 'Ⅰ２', 'Ⅰ３'] as const;
const II123 = ['Ⅱ１', 'Ⅱ２', 'Ⅱ３'] as const;

const itemRows: readonly ItemRow[] = [
  row(
    'doctor_1',
    'regular',
    false,
    ['1111', '1113', '1115'],
    n3('医師居宅療養管理指導', I123),
    [515, 487, 446],
  ),
  row(
    'doctor_2',
    'regular',
    false,
    ['1112', '1114', '1116'],
    n3('医師居宅療養管理指導', II123),
    [299, 287, 260],
  ),
  row(
    'dentist',
    'regular',
    false,
    ['2111', '2112', '2113'],
    n3('歯科医師居宅療養管理指導', ['Ⅰ', 'Ⅱ', 'Ⅲ']),
    [517, 487, 441],
  ),
  // 薬剤師 (病院又は診療所): no second set — its monthly limit has no exception (K24-5b).
  row(
    'pharmacist_hospital',
    'regular',
    false,
    ['1221', '1251', '1244'],
    n3('薬剤師居宅療養', I123),
    [566, 417, 380],
  ),
  row(
    'pharmacist_hospital',
    'regular',
    true,
    ['1222', '1252', '1245'],
    n3('薬剤師居宅療養', I123, '・特薬'),
    [666, 517, 480],
  ),
  // 薬剤師 (薬局): Ⅱ１/Ⅱ３/Ⅱ５ and the second set Ⅱ２/Ⅱ４/Ⅱ６ of equal units.
  row(
    'pharmacist_pharmacy',
    'regular',
    false,
    ['1223', '1225', '1246'],
    n3('薬剤師居宅療養', ['Ⅱ１', 'Ⅱ３', 'Ⅱ５']),
    [518, 379, 342],
  ),
  row(
    'pharmacist_pharmacy',
    'regular',
    true,
    ['1224', '1226', '1247'],
    n3('薬剤師居宅療養', ['Ⅱ１', 'Ⅱ３', 'Ⅱ５'], '・特薬'),
    [618, 479, 442],
  ),
  row(
    'pharmacist_pharmacy',
    'special',
    false,
    ['1255', '1253', '1248'],
    n3('薬剤師居宅療養', ['Ⅱ２', 'Ⅱ４', 'Ⅱ６']),
    [518, 379, 342],
    false,
    SECOND_SET_NOTE,
  ),
  row(
    'pharmacist_pharmacy',
    'special',
    true,
    ['1256', '1254', '1249'],
    n3('薬剤師居宅療養', ['Ⅱ２', 'Ⅱ４', 'Ⅱ６'], '・特薬'),
    [618, 479, 442],
    false,
    SECOND_SET_NOTE,
  ),
  row(
    'dietitian_office',
    'regular',
    false,
    ['1131', '1132', '1133'],
    n3('管理栄養士居宅療養', I123),
    [545, 487, 444],
  ),
  row(
    'dietitian_office',
    'special',
    false,
    ['1151', '1152', '1153'],
    n3('管理栄養士居宅療養', ['Ⅰ４', 'Ⅰ５', 'Ⅰ６']),
    [545, 487, 444],
    false,
    SECOND_SET_NOTE,
  ),
  row(
    'dietitian_external',
    'regular',
    false,
    ['1134', '1135', '1136'],
    n3('管理栄養士居宅療養', II123),
    [525, 467, 424],
  ),
  row(
    'dietitian_external',
    'special',
    false,
    ['1154', '1155', '1156'],
    n3('管理栄養士居宅療養', ['Ⅱ４', 'Ⅱ５', 'Ⅱ６']),
    [525, 467, 424],
    false,
    SECOND_SET_NOTE,
  ),
  row(
    'hygienist',
    'regular',
    false,
    ['1241', '1243', '1250'],
    n3('歯科衛生士等居宅療養', ['Ⅰ', 'Ⅱ', 'Ⅲ']),
    [362, 326, 295],
  ),
  row(
    'hygienist',
    'special',
    false,
    ['1281', '1282', '1283'],
    n3('歯科衛生士等居宅療養', ['Ⅳ', 'Ⅴ', 'Ⅵ']),
    [362, 326, 295],
    false,
    SECOND_SET_NOTE,
  ),
];

/** 薬剤師 (薬局) 情報通信機器: 46 units in every column (K24-4g bills it as 1人). */
const onlineRows: readonly { set: KyotakuCodeSet; item: string; name: string; confirmed: boolean }[] = [
  { set: 'regular', item: '1257', name: '薬剤師居宅療養Ⅱ７', confirmed: true },
  { set: 'special', item: '1258', name: '薬剤師居宅療養Ⅱ８', confirmed: false },
];

const visitAdditions: readonly {
  addition: KyotakuVisitAddition;
  item: string;
  name: string;
  units: number;
}[] = [
  { addition: 'opioid_injection', item: '8121', name: '居宅療養医療用麻薬持続注射療法加算', units: 250 },
  { addition: 'central_venous', item: '8122', name: '居宅療養在宅中心静脈栄養法加算', units: 150 },
];

const percentAdditions: readonly {
  addition: KyotakuPercentAddition;
  item: string;
  name: string;
  percent: number;
}[] = [
  { addition: 'specialArea', item: '8000', name: '特別地域居宅療養管理指導加算', percent: 15 },
  {
    addition: 'chusankanSmallOffice',
    item: '8100',
    name: '居宅療養中山間地域等小規模事業所加算',
    percent: 10,
  },
  { addition: 'chusankanResident', item: '8110', name: '居宅療養中山間地域等提供加算', percent: 5 },
];

/** The codes of one service type; 34 carries the same items, names prefixed 予防, all unconfirmed. */
function codesOf(serviceType: '31' | '34'): KyotakuServiceCode[] {
  const prevention = serviceType === '34';
  const mark = (confirmed: boolean, note?: string) =>
    prevention
      ? { status: 'unconfirmed' as const, source: SOURCE_34, note: NOTE_34 }
      : confirmed
        ? { status: 'confirmed' as const, source: SOURCE_31 }
        : { status: 'unconfirmed' as const, source: SOURCE_SECOND, ...(note ? { note } : {}) };
  const name = (n: string) => (prevention ? `予防${n}` : n);
  const out: KyotakuServiceCode[] = [];
  for (const r of itemRows) {
    columns.forEach((column, i) => {
      out.push({
        code: `${serviceType}${r.codes[i]}`,
        name: name(r.names[i]!),
        units: r.units[i]!,
        bills: { kind: 'visit', item: r.item, column, set: r.set, narcotic: r.narcotic },
        ...mark(r.confirmed, r.note),
      });
    });
  }
  for (const o of onlineRows) {
    out.push({
      code: `${serviceType}${o.item}`,
      name: name(o.name),
      units: 46,
      bills: { kind: 'visit', item: 'pharmacist_online', column: 'single', set: o.set, narcotic: false },
      ...mark(o.confirmed, o.confirmed ? undefined : SECOND_SET_NOTE),
    });
  }
  for (const a of visitAdditions) {
    out.push({
      code: `${serviceType}${a.item}`,
      name: name(a.name),
      units: a.units,
      bills: { kind: 'addition', addition: a.addition },
      ...mark(true),
    });
  }
  for (const a of percentAdditions) {
    out.push({
      code: `${serviceType}${a.item}`,
      name: name(a.name),
      percent: a.percent,
      bills: { kind: 'percent', addition: a.addition },
      ...mark(true),
    });
  }
  return out;
}

export const kyotakuCodes2024: readonly KyotakuServiceCode[] = [...codesOf('31'), ...codesOf('34')];
