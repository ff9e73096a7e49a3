// Every unconfirmed choice of the claim file ([U] in ../shared/spec/claim-file.md), here and only here, each
// with what the sources say: correcting one is an edit of this file. The writer, the checker and the
// claim document read them from here. Confirmed facts ([C]) live in ./layout.ts and ./document.ts.
// Also [U] and kept by construction: one file per service month (the claim document has one month).
// The service codes' own marks are data: each code of ../../schedules/2024-06/kyotakuCodes.ts says whether it
// is confirmed (type 34 and the second sets are not), and which visits bill a second set is said where the
// limits count them (../rules/kyotaku.ts, applyLimits). The 保険者番号's check digit (one source) is in
// ../checkDigits.ts.
import type { CarePlan } from '../input.js';
import type { ExchangeId } from './layout.js';

/**
 * Control record items 3, 6, 7, 9, 12 [U]: ボリューム通番, 福祉事務所特定番号, 保険者番号, 都道府県番号 and
 * ファイル管理番号. The spec's reading (ほのぼの as measured by honobono_caremanager): 0 / 0 / 0 / 0 / 1;
 * 給管鳥 writes 0 / 0 / 000000 / 00 / 0. Item 10 媒体区分 7 (インターネット伝送) is [C].
 */
export const CONTROL_ITEMS = {
  volume: '0',
  welfareOffice: '0',
  insurer: '0',
  prefecture: '0',
  fileManagement: '1',
} as const;

/** 7111 item 5 法別番号 of the 保険請求 row [U]: "0" (ほのぼの) — 給管鳥 writes "00". */
export const INSURANCE_LAW_NUMBER = '0';

/**
 * Quoting [U] (claim-file.md "Quoting"): only the 交換情報識別番号 (item 1), the 被保険者番号 (item 6) and
 * the 摘要 (02 item 18, which holds commas, written "" when empty) are quoted, as ほのぼの writes; numbers
 * are never quoted. 給管鳥 quotes every inner item. The checker reads either style.
 */
export const QUOTED_ITEMS: Readonly<Record<'7111' | '01' | '02' | '10', readonly number[]>> = {
  '7111': [1],
  '01': [1, 6],
  '02': [1, 6, 18],
  '10': [1, 6],
};

/**
 * Unused items [U]: numeric items 0, dates and codes empty (claim-file.md "Quoting"). So 01 items 21–25 and
 * 28 (開始 / 中止 / 入所 / 退所 dates and codes) are empty and 26–27 (入所実日数, 外泊日数) are 0 (給管鳥 writes
 * 0 there; the ほのぼの example leaves them empty).
 */
export const UNUSED_NUMBER = '0';
export const UNUSED_CODE = '';

/**
 * 01 item 19 居宅サービス計画作成区分 [U for 7132]: 1 = a 居宅介護支援事業所 (7131) or the 介護予防支援 /
 * 地域包括支援センター (7132), 2 = 自己作成. The 給付管理票 has 3 for 介護予防支援事業所作成, and ほのぼの was
 * seen writing both 1 and 3 on 7132; 様式第二の二 offers 1 (介護予防支援事業者作成) and 2 only, so 1.
 */
export function carePlanMakerCode(_exchangeId: ExchangeId, plan: CarePlan): '1' | '2' {
  return plan.maker === 'office' ? '1' : '2';
}

/**
 * 01 item 21 開始年月日 [U]: ほのぼの writes the contract date for a patient who starts in the month, not
 * the first visit; santei has no such date for 31 / 34 and leaves it empty.
 */
export const START_DATE = '';

/**
 * A percentage addition (特別地域 15 %, 中山間 10 % / 5 %) in the 02 record [U]: one record with its code,
 * 単位数 = the addition's units, 回数 1, 摘要 empty (it is billed once a month, on no day of its own).
 */
export const PERCENT_ADDITION_COUNT = 1;
export const PERCENT_ADDITION_DAYS: readonly number[] = [];

/**
 * The 摘要 (02 item 18) is 20 bytes; eight two-digit days need 23 [U: what real software writes then is not
 * known]. santei writes every day, so that the days still match the 回数, and the checker does not refuse a
 * longer 摘要. The days are joined by "," ([C]: e.g. "5,19").
 */
export function tekiyoText(days: readonly number[]): string {
  return days.join(',');
}

/**
 * The certification of a 明細書 (01 items 15, 17, 18, 29) when the month has two [U]: the one in force on the
 * 明細書's last visit day (the level at the end of the month decides, as the 記載要領 is read). Its 給付率 must
 * give the engine's amounts, or the file is refused for that patient.
 */
export function statementCertificationDay(visitDates: readonly string[]): string {
  let last = visitDates[0]!;
  for (const d of visitDates) if (d > last) last = d;
  return last;
}

/**
 * 10 item 15 単位数単価 × 100 [U: 10.00 円 for 31 / 34 in every region is the engine's K24-7, not read in a
 * claim-file source]: written from the claim's own unit price, so that the file and the claim agree.
 */
export function unitPriceItem(unitPriceYen: number): number {
  return Math.round(unitPriceYen * 100);
}

// ---------------------------------------------------------------------------------------------------------
// 公費 (docs/kohi.md §7, KOHI-11 / KOHI-12): the choices the sources leave open.

/**
 * 7111: whether a 生活保護単独 明細書 (no 介護保険, KOHI-8) counts in the 保険請求 row [U]: no — ほのぼの, as
 * measured by honobono_caremanager, leaves it out and adds it to the 法別12 row only.
 */
export const UNINSURED_IN_INSURANCE_ROW = false;

/**
 * 7111 item 6 請求情報区分 of a 公費請求 row [U]: 01 (居宅・施設・予防・地域密着), as on the 保険請求 row; the
 * two programs read disagree (claims-files.md §5.2 item 3).
 */
export const KOHI_CLAIM_INFO = '01';

/**
 * 7111 item 12 利用者負担 of a 公費請求 row [U]: Σ that 法別's 本人負担額 (HB writes 0). Items 8–10 (単位数,
 * 費用合計, 保険請求額) are Σ 公費対象単位数 and the sums over the 明細書 carrying the 法別 [U, HB]; a 明細書
 * whose 公費請求額 is 0 (12 after 54) counts in its 法別's row [U] (kohi.ts kohiTotalsByLaw).
 */
export function kohiRowCopay(selfPay: number): number {
  return selfPay;
}

/**
 * 01 item 29 保険給付率 of a 生活保護単独 明細書 [U: HB leaves it blank, the research's reading]. Its items
 * 33–35 [U] are the units, 0 and 0 (HB marks them for the 取込チェック): the writer writes the statement's own
 * amounts, which are those for such a claim (KOHI-8). Its item 5 証記載保険者番号 [U] is the 保険者番号
 * recorded for the patient (insured.insurerNumber).
 */
export const UNINSURED_BENEFIT_RATE = '';

/** The 明細書 has three 公費 columns (公費1–3, KOHI-11); more on one claim is refused, not split [U: S1 ⑴② has a second 明細書]. */
export const KOHI_COLUMNS = 3;
