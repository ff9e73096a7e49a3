// The Japanese names of the contract's codes, as a clerk reads them (glossary.md): one place for the
// engine's messages, the server's documents and the web app.
import type { CareLevel, Office, Profession, ResidenceKind } from './input.js';

export const professionJa: Record<Profession, string> = {
  doctor: '医師',
  dentist: '歯科医師',
  pharmacist: '薬剤師',
  dietitian: '管理栄養士',
  dental_hygienist: '歯科衛生士等',
  nurse: '看護師',
  assistant_nurse: '准看護師',
};

export const officeKindJa: Record<Office['kind'], string> = {
  hospital: '病院',
  clinic: '診療所',
  dental_clinic: '歯科診療所',
  pharmacy: '薬局',
  home_help: '訪問介護事業所',
  visiting_nursing: '訪問看護事業所',
  care_management: '居宅介護支援事業所',
};

export const careLevelJa: Record<CareLevel, string> = {
  support1: '要支援1',
  support2: '要支援2',
  care1: '要介護1',
  care2: '要介護2',
  care3: '要介護3',
  care4: '要介護4',
  care5: '要介護5',
};

export const residenceJa: Record<ResidenceKind, string> = {
  home: '自宅',
  paid_home: '有料老人ホーム',
  tokutei: '特定施設',
  sakoju: 'サービス付き高齢者向け住宅',
  yogo: '養護老人ホーム',
  keihi: '軽費老人ホーム',
  group_home: 'グループホーム',
  tokuyo: '特別養護老人ホーム',
  roken: '介護老人保健施設',
  iryoin: '介護医療院',
  ryoyo: '介護療養型医療施設',
};

export const stayJa = { short_stay: '短期入所', hospital: '入院' } as const;

/** Service types of the claims (contract Claim.serviceType). */
export const serviceTypeJa: Record<string, string> = {
  '31': '居宅療養管理指導',
  '34': '介護予防居宅療養管理指導',
  '11': '訪問介護',
  '13': '訪問看護',
  '14': '訪問リハビリテーション',
  '43': '居宅介護支援',
  '46': '介護予防支援',
  C006: '在宅患者訪問リハビリテーション指導管理料',
};

/** Columns of the 居宅療養管理指導 unit table: 単一建物居住者 1人 / 2–9人 / 10人以上 (2024), 在宅 / 居住系施設 (2009). */
export type Column = 'single' | 'few' | 'many' | 'home' | 'residential';

export const columnJa: Record<Column, string> = {
  single: '単一建物居住者1人',
  few: '単一建物居住者2〜9人',
  many: '単一建物居住者10人以上',
  home: '在宅',
  residential: '居住系施設入居者',
};

/**
 * The additions (加算) by the code a record asks for or a refusal names (contract Rejection.addition), in
 * every service: the name the fee schedule prints.
 */
export const additionJa = {
  // 居宅療養管理指導 (K24-6)
  narcotic: '麻薬管理指導加算',
  opioid_injection: '医療用麻薬持続注射療法加算',
  central_venous: '在宅中心静脈栄養法加算',
  specialArea: '特別地域居宅療養管理指導加算',
  chusankanSmallOffice: '中山間地域等における小規模事業所加算',
  chusankanResident: '中山間地域等に居住する者へのサービス提供加算',
  // 居宅介護支援・介護予防支援 (H21-4), 訪問介護・訪問看護・訪問リハビリテーション (H21-5 … 7), H21-3
  first: '初回加算',
  hospital_liaison: '医療連携加算',
  discharge_1: '退院・退所加算（Ⅰ）',
  discharge_2: '退院・退所加算（Ⅱ）',
  dementia: '認知症加算',
  living_alone: '独居高齢者加算',
  small_multi_liaison: '小規模多機能型居宅介護事業所連携加算',
  specific_office: '特定事業所加算',
  special_area: '特別地域加算',
  emergency: '緊急時訪問介護加算',
  chusankan_small_office: '中山間地域等における小規模事業所加算',
  chusankan_resident: '中山間地域等に居住する者へのサービス提供加算',
  long: '長時間訪問看護加算',
  two_staff_under30: '複数名訪問加算（30分未満）',
  two_staff_30plus: '複数名訪問加算（30分以上）',
  terminal: 'ターミナルケア加算',
} as const satisfies Record<string, string>;

/** An addition's Japanese name; a code this table does not know is shown as it is. */
export function additionName(code: string): string {
  return (additionJa as Record<string, string>)[code] ?? code;
}

/** A count, units, points or yen as people read it: thousands separated (2,072). */
export function formatNumber(n: number): string {
  return n.toLocaleString('ja-JP');
}

/**
 * A rule citation ("K24-3 K24-4") as a clerk reads it: the spec's rule ids as they are, and the rule of
 * the contract itself (`contract`: the input's form, a record of another month) by its Japanese name.
 */
export function citationForClerk(rule: string): string {
  return rule.replace(/\bcontract\b/g, '入出力の決まり');
}
