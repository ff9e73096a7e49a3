// The Japanese names of the records' fields, as the forms label them: a validation message names the field
// it is about ("訪問日を入れてください"), not its JSON key. One place for the forms' labels of the visit's tick
// boxes too, so that a planning answer can name the box that is not ticked.

/** Field names by key; a key inside a list is named with its list ("認定（1件目）の開始日"). */
export const fieldJa: Readonly<Record<string, string>> = {
  patientId: '利用者',
  law: '法別番号',
  payerNumber: '公費負担者番号',
  recipientNumber: '受給者番号',
  selfPayYen: '本人支払額',
  monthlyCapYen: '自己負担上限月額',
  paidElsewhereYen: '他の医療機関等で支払った額',
  staffId: '担当者',
  date: '訪問日',
  reported: 'ケアマネジャーへの情報提供',
  instructed: '医師・歯科医師の指示',
  examined: '同じ日の訪問診療・往診',
  online: 'オンライン',
  month: '年月',
  kind: '種類',
  profession: '職種',
  units: '単位数',
  minutes: '時間（分）',
  transportYen: '交通費',
  category: '区分',
  specialInstructionDate: '特別の指示日',
  additions: '加算',
  name: '氏名',
  kana: 'フリガナ',
  insuredNumber: '被保険者番号',
  insurerNumber: '保険者番号',
  carePlans: '居宅サービス計画',
  maker: '計画の作成',
  officeNumber: '事業所番号',
  officeName: '事業所名',
  birthDate: '生年月日',
  sex: '性別',
  address: '住所',
  phone: '電話番号',
  number: '事業所番号',
  level: '要介護度',
  copay: '負担割合',
  from: '開始日',
  to: '終了日',
  buildingId: '建物',
  householdId: '世帯',
  unitId: 'ユニット',
  dwellings: '戸数',
  medicalCopay: '医療保険の負担割合',
  careManagerName: 'ケアマネジャー氏名',
  careManagerOffice: '居宅介護支援事業所',
  contractDate: '契約日',
  dischargeDate: '退院日',
  lastExamDate: '最終診察日',
  acuteExamDate: '急性増悪の診察日',
  previousAcuteExamDate: '前回の急性増悪の診察日',
  carePlanStartDate: 'ケアプランの開始日',
  notes: 'メモ',
  reportsRequiredFrom: '情報提供書で判定する最初の月',
  visitIds: '対象の訪問',
  recipient: '送付先',
  method: '送付方法',
  sentDate: '送付日',
  condition: '利用者の心身の状況',
  dailyLife: '日常生活上の注意点',
  medication: '服薬に関する指導内容',
  emergency: '緊急時の対応方法',
  guidance: '指導の内容と相手',
  text: '内容',
  username: 'ユーザー名',
  displayName: '表示名',
  password: 'パスワード',
  newPassword: '新しいパスワード',
  currentPassword: '今のパスワード',
  actor: '操作した人',
  action: '操作',
  entity: '対象の記録',
  entityId: '対象の記録のID',
  retired: '退職',
  region: '地域区分',
  specialArea: '特別地域加算の対象',
  chusankanSmallOffice: '中山間地域等の小規模事業所',
  careManagerFte: '介護支援専門員の常勤換算数',
  specificOffice: '特定事業所加算',
  disabled: '無効',
  role: '権限',
  officeIds: '事業所',
  certifications: '認定',
  residences: '住まい',
  stays: '入院・短期入所',
};

/** Names that differ by record: a building's name is its 建物名, a recipient's name the 送付先の氏名・名称. */
const inContext: Readonly<Record<string, string>> = {
  'recipient.name': '送付先の氏名・名称',
  'recipient.kind': '送付先の種類',
  'guidance.to': '指導の相手',
  'guidance.text': '指導の内容',
  'residences.kind': '住まいの種類',
  'stays.kind': '入院・短期入所の種類',
};

/**
 * The Japanese name of the field at `path` (zod's path: keys and list positions): "certifications[0].from"
 * → "認定（1件目）の開始日"; `names` overrides a key for one form (a building's `name` is 建物名).
 */
export function fieldNameOf(
  path: readonly PropertyKey[],
  names: Readonly<Record<string, string>> = {},
): string {
  const keys = path.filter((k): k is string => typeof k === 'string');
  const last = keys.at(-1);
  if (last === undefined) return names[''] ?? '入力';
  const pair = keys.slice(-2).join('.');
  const own = names[pair] ?? names[last] ?? inContext[pair] ?? fieldJa[last] ?? last;
  // The list the field is in: 認定（1件目）の開始日
  const at = path.findIndex((k) => typeof k === 'number');
  if (at > 0 && typeof path[at - 1] === 'string' && at < path.length - 1) {
    const list = fieldJa[path[at - 1] as string];
    const rest = own.startsWith(list ?? '\u0000') ? own.slice(list!.length).replace(/^の/, '') : own;
    if (list && rest) return `${list}（${Number(path[at]) + 1}件目）の${rest}`;
  }
  return own;
}

/** The visit's tick boxes as the visit entry labels them (a planning answer names the one not ticked). */
export const visitFlagJa = {
  reported: 'ケアマネジャーへ情報提供した',
  instructed: '医師・歯科医師の指示がある',
  examined: '同じ日に訪問診療・往診をした',
  online: 'オンライン（情報通信機器）',
  dietitianExternal: '事業所以外の管理栄養士',
} as const;
