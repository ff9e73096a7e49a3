// Schedule 2024-06: 令和6年度 介護報酬改定 (居宅療養管理指導) and 診療報酬改定 (C006), both in force from
// service month 2024-06.
import type { Schedule } from '../../core/schedule.js';
import { flatUnitPrices } from '../common.js';
import { kyotaku2024 } from './kyotaku.js';
import { c006_2024 } from './c006.js';
import { kohiTable } from '../kohi/index.js';

export const schedule2024: Schedule = {
  id: '2024-06',
  title:
    '令和6年度改定（2024年6月施行）: 居宅療養管理指導・介護予防居宅療養管理指導、C006 在宅患者訪問リハビリテーション指導管理料',
  sources: [
    '平成12年厚生省告示第19号 別表5（令和6年厚生労働省告示第86号による改正）',
    '老企第36号 留意事項通知',
    '診療報酬の算定方法 別表第一 C006（令和6年厚生労働省告示第57号）',
    'seeds 000_e10642fd423905d2.txt, 001_b83f2a86771641cb.txt, 002_666eeee9c66913a4.txt, 004_e0a48269192b4906.txt',
  ],
  copayRates: { value: [1, 2, 3], source: 'M-4; M-7（2割負担は2015-08から、3割負担は2018-08から）' },
  unitPrices: flatUnitPrices('K24-7（居宅療養管理指導はどの地域も1単位10円）'),
  laborShareGroups: { value: { '31': 'flat', '34': 'flat' }, source: 'K24-7' },
  kohi: kohiTable,
  services: {
    // The next 介護報酬 revision is 2027-04: 居宅療養管理指導 is priced by this table until 2027-03.
    kyotaku: {
      months: { from: '2024-06', to: '2027-03' },
      source: '令和6年度介護報酬改定',
      data: kyotaku2024,
    },
    // 診療報酬 was revised again in 2026-06 (令和8年度改定): this table covers C006 up to 2026-05 only.
    c006: { months: { from: '2024-06', to: '2026-05' }, source: '令和6年度診療報酬改定', data: c006_2024 },
  },
};
