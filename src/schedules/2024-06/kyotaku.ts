// 居宅療養管理指導 / 介護予防居宅療養管理指導, 令和6年度改定 (service months from 2024-06).
// Units: 指定居宅サービスに要する費用の額の算定に関する基準 (平成12年厚生省告示第19号) 別表5 as revised
// by 令和6年厚生労働省告示第86号, with 老企第36号 (留意事項通知); rules as in ../shared/spec/kyotaku-2024.md.
import type { KyotakuTable } from '../../core/rules/kyotaku.js';
import { kyotakuCodes2024 } from './kyotakuCodes.js';

const KOKUJI = '平成12年厚生省告示第19号 別表5 (令和6年6月施行)';

export const kyotaku2024: KyotakuTable = {
  columns: { value: 'building', source: `${KOKUJI}; K24-4; seed 002_666eeee9c66913a4.txt` },
  items: {
    doctor_1: {
      item: 'kyotaku.doctor.1',
      name: '医師居宅療養管理指導費（Ⅰ）',
      units: { single: 515, few: 487, many: 446 },
      monthlyLimit: 2,
      source: `${KOKUJI} イ(1); K24-3; D1, D2 (seed 000_e10642fd423905d2.txt corrected)`,
    },
    doctor_2: {
      item: 'kyotaku.doctor.2',
      name: '医師居宅療養管理指導費（Ⅱ）',
      units: { single: 299, few: 287, many: 260 },
      monthlyLimit: 2,
      source: `${KOKUJI} イ(2); K24-3; D2`,
    },
    dentist: {
      item: 'kyotaku.dentist',
      name: '歯科医師居宅療養管理指導費',
      units: { single: 517, few: 487, many: 441 },
      monthlyLimit: 2,
      source: `${KOKUJI} ロ; K24-3; D1`,
    },
    pharmacist_hospital: {
      item: 'kyotaku.pharmacist.hospital',
      name: '薬剤師居宅療養管理指導費（病院又は診療所の薬剤師）',
      units: { single: 566, few: 417, many: 380 },
      monthlyLimit: 2,
      source: `${KOKUJI} ハ(1); K24-3`,
    },
    pharmacist_pharmacy: {
      item: 'kyotaku.pharmacist.pharmacy',
      name: '薬剤師居宅療養管理指導費（薬局の薬剤師）',
      units: { single: 518, few: 379, many: 342 },
      monthlyLimit: 4,
      source: `${KOKUJI} ハ(2); K24-3; K24-5b; seed 001_b83f2a86771641cb.txt`,
    },
    pharmacist_online: {
      item: 'kyotaku.pharmacist.online',
      name: '薬剤師居宅療養管理指導費（薬局の薬剤師・情報通信機器を用いた場合）',
      units: { single: 46, few: 46, many: 46 },
      monthlyLimit: 4,
      source: `${KOKUJI} ハ(2) 情報通信機器を用いた場合; K24-3; K24-4g; seed 001_b83f2a86771641cb.txt`,
    },
    dietitian_office: {
      item: 'kyotaku.dietitian.office',
      name: '管理栄養士居宅療養管理指導費（当該事業所の管理栄養士）',
      units: { single: 545, few: 487, many: 444 },
      monthlyLimit: 2,
      source: `${KOKUJI} ニ(1); K24-3; K24-5c`,
    },
    dietitian_external: {
      item: 'kyotaku.dietitian.external',
      name: '管理栄養士居宅療養管理指導費（当該事業所以外の管理栄養士）',
      units: { single: 525, few: 467, many: 424 },
      monthlyLimit: 2,
      source: `${KOKUJI} ニ(2); K24-3; K24-5c`,
    },
    hygienist: {
      item: 'kyotaku.hygienist',
      name: '歯科衛生士等居宅療養管理指導費',
      units: { single: 362, few: 326, many: 295 },
      monthlyLimit: 4,
      source: `${KOKUJI} ホ; K24-3; K24-5d`,
    },
    // 看護職員 (H21-8) was abolished by the 2021 revision (D7): no nurse items in this schedule.
  },
  facilityKinds: {
    value: ['tokuyo', 'roken', 'iryoin', 'ryoyo'],
    source: 'K24-1c; D6; seed 002_666eeee9c66913a4.txt',
  },
  pharmacistIntervalDays: { value: 7, source: '老企第36号 第2の6(3); K24-5b; O2' },
  pharmacistExempt: {
    value: {
      conditions: ['terminal_cancer', 'central_venous_nutrition', 'opioid_injection'],
      perWeek: 2,
      perMonthPharmacy: 8,
    },
    source: `${KOKUJI} ハ 注1; K24-5b; seed 001_b83f2a86771641cb.txt`,
  },
  dietitianSpecialInstruction: {
    value: { extraVisits: 2, windowDays: 30 },
    source: `${KOKUJI} ニ 注; K24-5c; seed 001_b83f2a86771641cb.txt`,
  },
  hygienistTerminalCancerLimit: {
    value: 6,
    source: `${KOKUJI} ホ 注; K24-5d; seed 001_b83f2a86771641cb.txt`,
  },
  additions: {
    narcotic: { value: 100, name: '麻薬管理指導加算', source: `${KOKUJI} ハ 注2; K24-6a` },
    opioid_injection: {
      value: 250,
      name: '医療用麻薬持続注射療法加算',
      source: `${KOKUJI} ハ 注3 (令和6年新設); K24-6b`,
    },
    central_venous: {
      value: 150,
      name: '在宅中心静脈栄養法加算',
      source: `${KOKUJI} ハ 注4 (令和6年新設); K24-6c`,
    },
  },
  codes: {
    value: kyotakuCodes2024,
    source: '介護保険サービスコード表（令和6年6月施行）; claim-file.md "Service codes"',
  },
  percentAdditions: {
    specialArea: {
      value: 15,
      rule: 'K24-6d',
      name: '特別地域居宅療養管理指導加算',
      source: `${KOKUJI} 注 特別地域加算; K24-6d; seed 001_b83f2a86771641cb.txt`,
    },
    chusankanSmallOffice: {
      value: 10,
      rule: 'K24-6e',
      name: '中山間地域等における小規模事業所加算',
      source: `${KOKUJI} 注; K24-6e; D5`,
    },
    chusankanResident: {
      value: 5,
      rule: 'K24-6f',
      name: '中山間地域等に居住する者へのサービス提供加算',
      source: `${KOKUJI} 注; K24-6f; D5`,
    },
  },
};
