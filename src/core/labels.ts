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
