// The Japanese names of the codes, as a clerk reads them: the engine's own (src/core/labels.ts, the
// schedule's service names) and those of the records around it. One place for the web app, the printed
// documents and the CSV import (which reads these names back).
import type { Condition, kyotakuAdditions, RecordKind, Region } from '../core/input.js';
import type { guidanceAudiences, recipientKinds, reportMethods } from '../core/reports.js';
import type { AuditAction, AuditEntity, CarePlanPeriod, Patient, Role } from './types.js';
import { serviceTypeJa } from '../core/labels.js';

export * from '../core/labels.js';
export { serviceNames } from '../core/schedule.js';

/** Record kinds, short (lists and forms); the schedule's serviceNames are the full names. */
export const recordKindJa: Record<RecordKind, string> = {
  kyotaku: '居宅療養管理指導',
  c006: '訪問リハ（医療・C006）',
  care_management: '居宅介護支援',
  home_help: '訪問介護',
  home_nursing: '訪問看護',
  home_rehab: '訪問リハ（介護）',
};

export const conditionJa: Record<Condition, string> = {
  terminal_cancer: '末期の悪性腫瘍',
  central_venous_nutrition: '中心静脈栄養',
  opioid_injection: '麻薬の注射',
};

export const kyotakuAdditionJa: Record<(typeof kyotakuAdditions)[number], string> = {
  narcotic: '麻薬管理指導加算',
  opioid_injection: '医療用麻薬持続注射療法加算',
  central_venous: '在宅中心静脈栄養法加算',
};

export const sexJa: Record<NonNullable<Patient['sex']>, string> = { male: '男', female: '女' };

/** Who made the care plan (居宅サービス計画作成区分 of the 明細書). */
export const carePlanMakerJa: Record<CarePlanPeriod['maker'], string> = {
  office: '居宅介護支援事業所・地域包括支援センター',
  self: 'セルフプラン（被保険者自己作成）',
};

export const roleJa: Record<Role, string> = { admin: '管理者', clerk: '事務', readonly: '閲覧のみ' };

/** The office's 地域区分 as the record keeps it (the unit price's region). */
export const regionJa: Record<Region, string> = {
  tokubetsu_ku: '特別区',
  tokko: '特甲地',
  ko: '甲地',
  otsu: '乙地',
  other: 'その他',
};

// The audit log (its filters and rows)

export const auditActionJa: Record<AuditAction, string> = {
  create: '登録',
  update: '変更',
  delete: '削除',
  close: '月締め',
  login: 'ログイン',
  logout: 'ログアウト',
  login_failed: 'ログイン失敗',
  login_throttled: 'ログインの待ち時間',
};

export const auditEntityJa: Record<AuditEntity, string> = {
  office: '事業所',
  staff: '職員',
  building: '建物',
  patient: '利用者',
  visit: '訪問の記録',
  care_report: '情報提供書',
  user: 'ユーザー',
  session: 'セッション',
  known_client: 'ログインしたブラウザー',
  claim_version: '請求の版',
  claim_file: '伝送ファイル',
  kohi_entry: '公費',
  kohi_month: '公費の月の支払額（他の医療機関等）',
};

// Reports to the care manager (K24-2a)

export const recipientKindJa: Record<(typeof recipientKinds)[number], string> = {
  care_manager: '介護支援専門員（ケアマネジャー）',
  community_center: '地域包括支援センター',
  municipality: '市町村',
};

export const reportMethodJa: Record<(typeof reportMethods)[number], string> = {
  conference: 'サービス担当者会議に参加して口頭で',
  fax: 'FAX',
  mail: '郵送',
  hand: '手渡し',
  ict: 'ICT（情報共有システム）',
};

export const guidanceAudienceJa: Record<(typeof guidanceAudiences)[number], string> = {
  patient: '利用者本人',
  family: '家族',
  facility_staff: '施設職員',
};

export const insuranceJa: Record<'care' | 'medical', string> = { care: '介護保険', medical: '医療保険' };

/**
 * A claim of a version diff ("care:31", insurance and service type) in the clerk's words:
 * 「居宅療養管理指導（介護保険・31）」.
 */
export function claimKeyJa(key: string): string {
  const [insurance, type = ''] = key.split(':');
  const ins = insurance === 'care' || insurance === 'medical' ? insuranceJa[insurance] : insurance;
  return `${serviceTypeJa[type] ?? type}（${ins}・${type}）`;
}

/** 公費 (docs/kohi.md): which monthly amount a 法別 needs, as the patient's form asks for it (KOHI-4, KOHI-5). */
export const kohiCapKindJa: Record<'self_pay' | 'monthly_cap' | 'none', string> = {
  self_pay: '本人支払額（介護券の月額、なければ0）',
  monthly_cap: '自己負担上限月額（受給者証）',
  none: '本人の負担なし',
};

/** 公費: the patient's form's title and its month amount. */
export const kohiJa = {
  title: '公費（生活保護・指定難病など）',
  paidElsewhere: '他の医療機関等で今月支払った額（自己負担上限額管理票）',
} as const;
