// C006 在宅患者訪問リハビリテーション指導管理料, 令和6年度診療報酬改定 — ../shared/spec/c006-2024.md.
// Points and limits: 診療報酬の算定方法 別表第一 C006 (令和6年厚生労働省告示第57号) and its 留意事項通知,
// as quoted by seed 004_e0a48269192b4906.txt.
import type { C006Table } from '../../core/rules/c006.js';

const TENSU = '診療報酬点数表 C006 (令和6年6月施行)';
const RYUI = '留意事項 C006';
const SEED = 'seed 004_e0a48269192b4906.txt';

export const c006_2024: C006Table = {
  items: {
    other: {
      item: 'c006.1',
      name: '在宅患者訪問リハビリテーション指導管理料１（同一建物居住者以外）',
      points: 300,
      source: `${TENSU} 1; ${RYUI} (2); C006-1a; ${SEED}`,
    },
    sameBuilding: {
      item: 'c006.2',
      name: '在宅患者訪問リハビリテーション指導管理料２（同一建物居住者）',
      points: 255,
      source: `${TENSU} 2, 注1 (同一建物居住者); ${RYUI} (2); C006-1b; ${SEED}`,
    },
  },
  officeKinds: {
    value: ['hospital', 'clinic'],
    source: `${TENSU} 注1 (当該診療を行った保険医療機関); C006-1; ${SEED} (病院・診療所のみ)`,
  },
  weeklyLimit: { value: 6, source: `${TENSU} 注1; ${RYUI} (3); C006-3a; ${SEED}` },
  weeklyLimitAfterDischarge: { value: 12, source: `${TENSU} 注1; ${RYUI} (3); C006-3b; ${SEED}` },
  dischargeMonths: {
    value: 3,
    source: `${TENSU} 注1 (退院の日から起算して3月以内); ${RYUI} (3); C006-3b; ${SEED}`,
  },
  noWeeklyLimitConditions: {
    value: ['terminal_cancer'],
    source: `${RYUI} (3) (末期の悪性腫瘍の患者の場合を除く); C006-3c; D11; ${SEED}`,
  },
  acuteDailyLimit: { value: 4, source: `${TENSU} 注2; ${RYUI} (11); C006-4a; ${SEED}` },
  acuteDays: {
    value: 14,
    source: `${TENSU} 注2 (診療の日から14日以内, 14日を限度); ${RYUI} (11); C006-4a; ${SEED}`,
  },
  acuteOncePerMonths: { value: 6, source: `${TENSU} 注2 (6月に1回に限り); ${RYUI} (11); C006-4b; ${SEED}` },
  examMonths: { value: 1, source: `${RYUI} (4) (診療のあった日から1月以内); C006-2c; ${SEED}` },
};
