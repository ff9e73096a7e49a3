// 居宅療養管理指導 / 介護予防居宅療養管理指導, 平成21年度改定 (service months 2009-04 … 2012-03) —
// ../shared/spec/revision-2009.md H21-8. Units: seed 003 II-3-(4) where it gives them, the 2009 告示 for the
// rest (D10); the rules are those of ../../core/rules/kyotaku.ts.
import type { KyotakuTable } from '../../core/rules/kyotaku.js';

const SEED = 'seed 003_47aeaea5817a62cb.txt';
const KOKUJI = '平成12年厚生省告示第19号 別表5（平成21年4月施行の改正後）';

export const kyotaku2009: KyotakuTable = {
  // H21-8: no 単一建物 columns in 2009 — 在宅 or 居住系施設 入居者.
  columns: { value: 'residential', source: `${SEED} II-3-(4)-③; H21-8` },
  // The 2009 units, columns and limits are those of H21-8.
  ruleIds: { 'K24-3': 'H21-8', 'K24-4': 'H21-8', 'K24-5a': 'H21-8', 'K24-5b': 'H21-8' },
  residentialKinds: {
    // 有料老人ホーム, 特定施設, 養護老人ホーム, 軽費老人ホーム, 認知症対応型共同生活介護 (サ高住 came in 2011-10
    // and is not in the 2009 list).
    value: ['paid_home', 'tokutei', 'yogo', 'keihi', 'group_home'],
    source: `${KOKUJI} 注; H21-8`,
  },
  items: {
    // H21-8: the 居住系 units apply to 薬剤師, 管理栄養士, 歯科衛生士等 only; 医師, 歯科医師 and 看護職員 bill
    // the same units in both columns. Seed 003 does not list the doctor's and dentist's units (告示).
    doctor_1: {
      item: 'kyotaku.doctor.1',
      name: '医師居宅療養管理指導費（Ⅰ）',
      units: { home: 500, residential: 500 },
      monthlyLimit: 2,
      source: `${KOKUJI} イ(1); H21-8; D1, D2`,
    },
    doctor_2: {
      item: 'kyotaku.doctor.2',
      name: '医師居宅療養管理指導費（Ⅱ）',
      units: { home: 290, residential: 290 },
      monthlyLimit: 2,
      source: `${KOKUJI} イ(2); H21-8; D2`,
    },
    dentist: {
      item: 'kyotaku.dentist',
      name: '歯科医師居宅療養管理指導費',
      units: { home: 500, residential: 500 },
      monthlyLimit: 2,
      source: `${KOKUJI} ロ; H21-8; D1`,
    },
    pharmacist_hospital: {
      item: 'kyotaku.pharmacist.hospital',
      name: '薬剤師居宅療養管理指導費（病院又は診療所の薬剤師）',
      units: { home: 550, residential: 385 },
      monthlyLimit: 2,
      source: `${SEED} II-3-(4)-② 注2, ③; H21-8`,
    },
    pharmacist_pharmacy: {
      item: 'kyotaku.pharmacist.pharmacy',
      name: '薬剤師居宅療養管理指導費（薬局の薬剤師）',
      units: { home: 500, residential: 350 },
      monthlyLimit: 4,
      source: `${SEED} II-3-(4)-② (月2回目以降も500単位), ③; H21-8`,
    },
    dietitian_office: {
      item: 'kyotaku.dietitian',
      name: '管理栄養士居宅療養管理指導費',
      units: { home: 530, residential: 450 },
      monthlyLimit: 2,
      source: `${KOKUJI} ニ; H21-8; D10 (seed 003 ends before this row)`,
    },
    hygienist: {
      item: 'kyotaku.hygienist',
      name: '歯科衛生士等居宅療養管理指導費',
      units: { home: 350, residential: 300 },
      monthlyLimit: 4,
      source: `${KOKUJI} ホ; H21-8; D10 (seed 003 ends before this row)`,
    },
    nurse: {
      item: 'kyotaku.nurse',
      name: '看護職員居宅療養管理指導費（看護師）',
      units: { home: 400, residential: 400 },
      monthlyLimit: 1,
      source: `${SEED} II-3-(4)-① (新設); H21-8`,
    },
    assistant_nurse: {
      item: 'kyotaku.nurse.assistant',
      name: '看護職員居宅療養管理指導費（准看護師）',
      // 400 × 90/100 = 360 exactly: no rounding.
      units: { home: 360, residential: 360 },
      monthlyLimit: 1,
      source: `${SEED} II-3-(4)-① (准看護師は所定単位数の90/100); H21-8`,
    },
    // No dietitian of another office, no online pharmacist guidance in 2009 (H21-8): NOT_IN_SCHEDULE.
  },
  facilityKinds: {
    // 介護保険施設: 特養, 老健, 介護療養型医療施設 (介護医療院 came in 2018; listed so that such a resident is
    // never billed).
    value: ['tokuyo', 'roken', 'ryoyo', 'iryoin'],
    source: `${KOKUJI}; K24-1c; D6`,
  },
  pharmacistIntervalDays: null, // the 中6日 came later: seed 003 has no interval in 2009
  pharmacistExempt: {
    value: { conditions: ['terminal_cancer', 'central_venous_nutrition'], perWeek: 2, perMonthPharmacy: 8 },
    source: `${SEED} II-3-(4)-② 算定要件; H21-8`,
  },
  dietitianSpecialInstruction: null,
  hygienistTerminalCancerLimit: null,
  additions: {}, // H21-8: no 2024 加算 in 2009 → NOT_IN_SCHEDULE
  additionsNotHeld: {
    // D12: the 2006 告示 is said to have added 100 units a visit for a patient given 特別な薬剤 (疼痛緩和の
    // 麻薬), kept in 2009 (別表 居宅療養管理指導費, the pharmacist's 注). No official text of the 2009 告示
    // (告示 text, WAM NET, MHLW, 介護報酬の解釈) could be found to confirm the units, the item and its
    // conditions: the schedule does not price it, and the refusal says why. Found were only secondary
    // texts: a transcription of the 2009 告示 on a blog that stops before the 注, a trade paper's erratum
    // (薬事日報) with "麻薬の場合 100単位/回を加算", and the MHLW service-code table of 2014-04 (平成26年4月版)
    // with its 薬剤師居宅療養・特薬 codes, which is not the 2009 table.
    narcotic: {
      value:
        '2006年4月に設けられた特別な薬剤（麻薬）の投薬がある利用者への1回100単位の加算が2009年4月にも続いていたとみられますが、公的な告示の本文で確認できていないため、この算定表には収録していません',
      source:
        'D12; searched: 平成12年厚生省告示第19号 別表 居宅療養管理指導費 (平成21年4月施行) — no official text found',
    },
  },
  percentAdditions: {}, // H21-3: 居宅療養管理指導 has no 特別地域 / 中山間 additions in 2009
  nurseCarePlanMonths: { value: 2, source: `${SEED} II-3-(4)-① 算定要件; H21-8` },
};
