// 居宅介護支援 / 介護予防支援, 平成21年度改定 (service months 2009-04 … 2012-03) —
// ../shared/spec/revision-2009.md H21-4 and H21-3; the rules are ../../core/rules/careManagement.ts.
import type { CareManagementTable } from '../../core/rules/careManagement.js';

const SEED = 'seed 003_47aeaea5817a62cb.txt';

export const careManagement2009: CareManagementTable = {
  fees: {
    value: {
      I: { care12: 1000, care345: 1300 },
      II: { care12: 500, care345: 650 },
      III: { care12: 300, care345: 390 },
    },
    source: `${SEED} II-2 居宅介護支援費（Ⅰ）（Ⅱ）（Ⅲ）; H21-4a`,
  },
  tapering: {
    value: { tierIIFrom: 40, tierIIIFrom: 60, supportDivisor: 2 },
    source: `${SEED} II-2 (超過部分にのみ適用); H21-4b`,
  },
  supportFee: { value: 412, source: `${SEED} II-2-⑥; H21-4c` },
  specificOffice: {
    value: { I: 500, II: 300 },
    maxCaseload: 40,
    source: `${SEED} II-2-① 特定事業所加算（Ⅰ）（Ⅱ）, 算定要件⑩; H21-4d`,
  },
  additions: {
    hospital_liaison: {
      value: 150,
      name: '医療連携加算',
      serviceTypes: ['43'],
      source: `${SEED} II-2-② (利用者1人につき1回を限度); H21-4e`,
    },
    discharge_1: {
      value: 400,
      name: '退院・退所加算（Ⅰ）',
      serviceTypes: ['43'],
      source: `${SEED} II-2-②; H21-4e`,
    },
    discharge_2: {
      value: 600,
      name: '退院・退所加算（Ⅱ）',
      serviceTypes: ['43'],
      source: `${SEED} II-2-②; H21-4e`,
    },
    dementia: { value: 150, name: '認知症加算', serviceTypes: ['43'], source: `${SEED} II-2-③; H21-4e` },
    living_alone: {
      value: 150,
      name: '独居高齢者加算',
      serviceTypes: ['43'],
      source: `${SEED} II-2-③; H21-4e`,
    },
    small_multi_liaison: {
      value: 300,
      name: '小規模多機能型居宅介護事業所連携加算',
      serviceTypes: ['43', '46'],
      source: `${SEED} II-2-④ (介護予防支援も同様); H21-4e`,
    },
    first: {
      value: 300,
      name: '初回加算',
      serviceTypes: ['43', '46'],
      source: `${SEED} II-2-⑤ (介護予防支援も同様); H21-4e`,
    },
  },
  dischargeShortStayMaxDays: { value: 30, source: `${SEED} II-2-② 退院・退所加算（Ⅰ）（Ⅱ）; H21-4e` },
  chusankanSmallOffice: {
    value: 10,
    rule: 'H21-3a',
    name: '中山間地域等における小規模事業所加算',
    max: 20,
    counted: '居宅介護支援の実利用者数',
    unit: '人',
    source: `${SEED} II-1-(4) (居宅介護支援は実利用者が20人以下／月); H21-3a`,
  },
  chusankanResident: {
    value: 5,
    rule: 'H21-3b',
    name: '中山間地域等に居住する者へのサービス提供加算',
    source: `${SEED} II-1-(5); H21-3b`,
  },
};
