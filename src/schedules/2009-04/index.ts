// Schedule 2009-04: 平成21年度介護報酬改定 (平成21年4月施行), service months 2009-04 … 2012-03 (the next
// revision took effect in 2012-04) — ../shared/spec/revision-2009.md.
import type { Region } from '../../core/input.js';
import type { LaborShareGroup, Schedule } from '../../core/schedule.js';
import { parseUnitPrice, type UnitPriceHundredths } from '../../core/money.js';
import { kyotaku2009 } from './kyotaku.js';
import { careManagement2009 } from './careManagement.js';
import { homeHelp2009, homeNursing2009, homeRehab2009 } from './homeServices.js';
import { kohiTable } from '../kohi/index.js';

const SEED = 'seed 003_47aeaea5817a62cb.txt';
const MONTHS = { from: '2009-04', to: '2012-03' };

/** H21-2: one row of the 地域区分 table, written as the seed prints it (円, two decimals). */
function row(
  tokubetsu_ku: string,
  tokko: string,
  ko: string,
  otsu: string,
  other: string,
): Record<Region, UnitPriceHundredths> {
  return {
    tokubetsu_ku: parseUnitPrice(tokubetsu_ku),
    tokko: parseUnitPrice(tokko),
    ko: parseUnitPrice(ko),
    otsu: parseUnitPrice(otsu),
    other: parseUnitPrice(other),
  };
}

const unitPrices: Record<LaborShareGroup, Record<Region, UnitPriceHundredths>> = {
  //      特別区   特甲地   甲地     乙地     その他
  '70': row('11.05', '10.70', '10.42', '10.35', '10.00'),
  '55': row('10.83', '10.55', '10.33', '10.28', '10.00'),
  '45': row('10.68', '10.45', '10.27', '10.23', '10.00'),
  flat: row('10.00', '10.00', '10.00', '10.00', '10.00'),
};

export const schedule2009: Schedule = {
  id: '2009-04',
  title:
    '平成21年度介護報酬改定（2009年4月施行）: 居宅療養管理指導、居宅介護支援・介護予防支援、訪問介護、訪問看護（加算のみ）、訪問リハビリテーション',
  sources: [
    SEED,
    '平成12年厚生省告示第19号 別表5（平成21年4月施行の改正後）: 居宅療養管理指導の医師・歯科医師・管理栄養士・歯科衛生士等の単位（D10）',
  ],
  copayRates: { value: [1], source: 'H21-1; M-7（2割負担は2015-08から、3割負担は2018-08から）' },
  unitPrices: { value: unitPrices, source: `${SEED} II-1-(3) 見直し後の単価; H21-2` },
  laborShareGroups: {
    value: {
      '11': '70', // 訪問介護
      '43': '70', // 居宅介護支援
      '46': '70', // 介護予防支援 (with 居宅介護支援)
      '13': '55', // 訪問看護
      '14': '55', // 訪問リハビリテーション
      '31': 'flat', // 居宅療養管理指導
      '34': 'flat', // 介護予防居宅療養管理指導
    },
    source: `${SEED} II-1-(3) 人件費割合; H21-2`,
  },
  kohi: kohiTable,
  services: {
    kyotaku: { months: MONTHS, source: `${SEED} II-3-(4); H21-8`, data: kyotaku2009 },
    care_management: { months: MONTHS, source: `${SEED} II-2; H21-4`, data: careManagement2009 },
    home_help: { months: MONTHS, source: `${SEED} II-3-(1); H21-5`, data: homeHelp2009 },
    home_nursing: { months: MONTHS, source: `${SEED} II-3-(2); H21-6（加算のみ）`, data: homeNursing2009 },
    home_rehab: { months: MONTHS, source: `${SEED} II-3-(3); H21-7`, data: homeRehab2009 },
  },
};
