// 訪問介護, 訪問看護, 訪問リハビリテーション, 平成21年度改定 (service months 2009-04 … 2012-03) —
// ../shared/spec/revision-2009.md H21-5 … H21-7 and H21-3; the rules are ../../core/rules/homeServices.ts.
// The seed lists what changed, not the whole fee table: only the items it prices are held.
import type { ResidenceKind } from '../../core/input.js';
import type { Cited } from '../../core/schedule.js';
import type { HomeHelpTable, HomeNursingTable, HomeRehabTable } from '../../core/rules/homeServices.js';

const SEED = 'seed 003_47aeaea5817a62cb.txt';

// 介護保険施設 residents receive 施設サービス, not 居宅サービス (介護医療院 came in 2018; listed all the same).
const facilityKinds: Cited<ResidenceKind[]> = {
  value: ['tokuyo', 'roken', 'ryoyo', 'iryoin'],
  source: '介護保険法 第8条 (居宅サービス); H21-1',
};

export const homeHelp2009: HomeHelpTable = {
  facilityKinds,
  categories: {
    body_under30: {
      value: 254,
      name: '身体介護（30分未満）',
      body: true,
      source: `${SEED} II-3-(1); H21-5a`,
    },
    life_30to60: {
      value: 229,
      name: '生活援助（30分以上1時間未満）',
      body: false,
      source: `${SEED} II-3-(1); H21-5a`,
    },
  },
  specificOffice: {
    I: { value: 20, rule: 'H21-5b', name: '特定事業所加算（Ⅰ）', source: `${SEED} II-3-(1)-①; H21-5b` },
    II: { value: 10, rule: 'H21-5b', name: '特定事業所加算（Ⅱ）', source: `${SEED} II-3-(1)-①; H21-5b` },
    III: { value: 10, rule: 'H21-5b', name: '特定事業所加算（Ⅲ）', source: `${SEED} II-3-(1)-①; H21-5b` },
  },
  firstMonth: { value: 200, name: '初回加算', source: `${SEED} II-3-(1)-②; H21-5c` },
  emergency: { value: 100, name: '緊急時訪問介護加算', source: `${SEED} II-3-(1)-②; H21-5c` },
  chusankanSmallOffice: {
    value: 10,
    rule: 'H21-3a',
    name: '中山間地域等における小規模事業所加算',
    max: 200,
    counted: '訪問介護の訪問回数',
    unit: '回',
    source: `${SEED} II-1-(4) (訪問介護は訪問回数が200回以下／月); H21-3a`,
  },
  chusankanResident: {
    value: 5,
    rule: 'H21-3b',
    name: '中山間地域等に居住する者へのサービス提供加算',
    source: `${SEED} II-1-(5); H21-3b`,
  },
};

export const homeNursing2009: HomeNursingTable = {
  visit: { value: null, source: `${SEED} II-3-(2) gives additions only; H21-6` },
  additions: {
    long: { value: 300, name: '長時間訪問看護加算', per: '／回', source: `${SEED} II-3-(2)-①; H21-6` },
    two_staff_under30: {
      value: 254,
      name: '複数名訪問加算（30分未満）',
      per: '／回',
      source: `${SEED} II-3-(2)-②; H21-6`,
    },
    two_staff_30plus: {
      value: 402,
      name: '複数名訪問加算（30分以上）',
      per: '／回',
      source: `${SEED} II-3-(2)-②; H21-6`,
    },
    terminal: {
      value: 2000,
      name: 'ターミナルケア加算',
      per: '／死亡月',
      source: `${SEED} II-3-(2)-③; H21-6`,
    },
  },
};

export const homeRehab2009: HomeRehabTable = {
  facilityKinds,
  perTime: {
    value: 305,
    minutes: 20,
    name: '訪問リハビリテーション費',
    source: `${SEED} II-3-(3) (20分間で1回); H21-7`,
  },
  chusankanResident: {
    value: 5,
    rule: 'H21-3b',
    name: '中山間地域等に居住する者へのサービス提供加算',
    source: `${SEED} II-1-(5); H21-3b`,
  },
};
