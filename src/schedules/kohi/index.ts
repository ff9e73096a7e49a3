// The 公費 table: one row per 法別 and span of service months, every value with its source and a [C] / [U]
// mark (docs/kohi.md gives the sources in full). Another 法別 is another row here, not code: a row says what
// it covers, its 給付率, its place in the order of application and how the patient's part is limited.
import type { KohiLawRow, KohiTable } from '../../core/kohi.js';

/** Care service types of santei's schedules: 居宅療養管理指導 and the services beside it. */
const KYOTAKU = ['31', '34'] as const;

const KISAI_YORYO =
  '介護給付費請求書等の記載要領について（平成13年11月16日老老発第31号）6 公費の介護給付費明細書等に関する事項、令和4年6月23日改正通知 https://www.mhlw.go.jp/content/000955742.pdf';
const SEIKYU_MEIREI =
  '介護給付費及び公費負担医療等に関する費用等の請求に関する命令（平成12年厚生省令第20号）第1条第2項';

/** 法別12: 生活保護法 第15条の2 の介護扶助 (and the 介護支援給付 of 中国残留邦人等, which is 法別25). */
export const kohi12: KohiLawRow = {
  law: '12',
  name: '生活保護（介護扶助）',
  // 介護扶助 began with 介護保険, 2000-04.
  months: { from: '2000-04', to: '9999-12' },
  source: `生活保護法 第15条の2・第4条第2項; 生活保護法による介護扶助の運営要領（平成12年3月31日社援第825号）; ${SEIKYU_MEIREI}`,
  serviceTypes: {
    // 11 訪問介護, 13 訪問看護, 14 訪問リハ, 31 / 34 居宅療養管理指導, 43 / 46 居宅介護支援・介護予防支援.
    value: ['11', '13', '14', ...KYOTAKU, '43', '46'],
    source:
      '[C] 介護扶助は介護保険の給付対象となる居宅介護・介護予防・居宅介護支援の全般（生活保護法 第15条の2、介護扶助運営要領 第1）',
  },
  benefitRate: {
    value: 100,
    source:
      '[C] 公費給付率100: 保険給付の残り（被保険者）または費用の全額（生活保護単独）を介護扶助が負担し、本人支払額だけが利用者の負担（介護扶助運営要領; 国保連に伝送している請求ソフトの明細書も公費給付率100）; [U] 記載要領 別表の給付率欄そのものは未見',
  },
  order: {
    value: 99,
    source: `[C] 他法優先: 他の法律による扶助は生活保護に優先する（生活保護法 第4条第2項）; 生活保護の請求額は最後に計算する（${KISAI_YORYO} ⑴②）`,
  },
  capKind: {
    value: 'self_pay',
    source:
      '[C] 本人支払額: 福祉事務所が決定し介護券に記載する月額（生活保護法による介護券の記載要領及び留意点について、平成12年3月13日社援保第11号）',
  },
  paysUninsured: {
    value: true,
    source:
      '[C] 介護保険の被保険者でない被保護者（40〜64歳で医療保険未加入）は介護扶助が10割を負担し、福祉事務所が H で始まる被保険者番号を付す（社援保第11号 二「被保険者以外の者に係る被保険者番号」）',
  },
};

/** 法別54: 難病の患者に対する医療等に関する法律 (平成26年法律第50号) の特定医療費, from 2015-01. */
export const kohi54: KohiLawRow = {
  law: '54',
  name: '特定医療費（指定難病）',
  months: { from: '2015-01', to: '9999-12' },
  source:
    '難病の患者に対する医療等に関する法律 第5条・第12条・第14条（2015-01-01施行）; 同施行令（平成26年政令第358号）第1条; 特定医療費に係る自己負担上限額管理票等の記載方法について（平成26年12月22日 厚生労働省健康局疾病対策課）',
  serviceTypes: {
    // 13 訪問看護, 14 訪問リハ, 31 / 34 居宅療養管理指導 (介護予防 included); not 11 訪問介護, not 43 / 46.
    value: ['13', '14', ...KYOTAKU],
    source:
      '[C] 介護保険の訪問看護・訪問リハビリテーション・居宅療養管理指導（介護予防を含む）は、指定医療機関が行うものに限り特定医療費の対象（東京都「難病医療費助成の御案内」令和元年7月版; 平成30年3月8日 様式記載例 例10「難病の認定を受けた生保単独受給者が居宅療養管理指導を受けた場合」）',
  },
  benefitRate: {
    value: 100,
    source:
      '[U] 公費給付率100として、患者の負担は自己負担上限月額（KOHI-5）と2割（KOHI-6）で限る: 給付率の値そのものは記載要領の別表で確かめていない',
  },
  order: {
    value: 50,
    source: `[C] 生活保護（12）より先（生活保護法 第4条第2項; ${KISAI_YORYO} ⑴②）; [U] 他の法別との順位（記載要領 別表2）は未確認`,
  },
  capKind: {
    value: 'monthly_cap',
    source:
      '[C] 自己負担上限月額（難病法施行令 第1条）を、同月に他の指定医療機関で支払った額と合わせて超えない（自己負担上限額管理票、平成26年12月22日 疾病対策課）',
  },
  patientShareCeiling: {
    value: 2,
    source:
      '[C] 3割負担の者も2割に軽減（難病法 第5条第2項第1号; 東京都「難病医療費助成の御案内」: 介護保険3割の者も対象サービスは2割）; [U] 2割相当額の端数処理（M-4 / M-5 の2割の利用者負担額とする）',
  },
  paysUninsured: {
    value: true,
    source:
      '[C] 生活保護単独（みなし2号）の難病患者にも特定医療費を請求する（平成30年3月8日「平成30年制度改正における様式記載例のパターン」例10-1 / 10-2）; [U] その記載例の金額そのものは未見',
  },
};

export const kohiTable: KohiTable = {
  id: 'kohi',
  rows: [kohi54, kohi12],
};
