// The layout of the 介護給付費請求 file for 居宅療養管理指導 (../shared/spec/claim-file.md "File"), the
// confirmed facts ([C]) the writer and the checker share: record kinds, item counts, exchange ids, codes.
// The unconfirmed choices are in ./choices.ts.
import type { CareLevel, Sex } from '../input.js';

/** 交換情報識別番号 of the 明細書: 7131 様式第二 (31), 7132 様式第二の二 (34). */
export type ExchangeId = '7131' | '7132';

/** The 請求書 (様式第一). */
export const INVOICE_ID = '7111';

/** Service type → 明細書 exchange id. */
export const exchangeIdOf: Readonly<Record<string, ExchangeId>> = { '31': '7131', '34': '7132' };

/** 明細書 exchange id → service type. */
export const serviceTypeOf: Readonly<Record<ExchangeId, '31' | '34'>> = { '7131': '31', '7132': '34' };

/** 明細書 record types (レコード種別コード). */
export const BASIC = '01';
export const DETAIL = '02';
export const TOTAL = '10';

/** Items of each data record, after レコード種別 and レコード番号. */
export const ITEM_COUNT = { '7111': 18, [BASIC]: 56, [DETAIL]: 18, [TOTAL]: 38 } as const;

/** The control record: `1,1,<volume>,<data records>,711,…,<審査月>,<file no>` — 12 items. */
export const CONTROL_ITEM_COUNT = 12;
/** The end record: `3,<its record number>`. */
export const END_ITEM_COUNT = 2;
/** データ種別 of a file of 7111 and 71xx. */
export const DATA_KIND = '711';
/** 媒体区分 7 = インターネット伝送. */
export const MEDIUM_INTERNET = '7';

/** 7111 item 4 保険・公費等区分 1 = 保険請求; item 6 請求情報区分 01 = 居宅・施設・予防・地域密着. */
export const INSURANCE_CLAIM = '1';
/** 7111 item 4 保険・公費等区分 2 = 公費請求 (one row per 法別, KOHI-12). */
export const KOHI_CLAIM = '2';
export const CLAIM_INFO_HOME_SERVICES = '01';

/** 01 item 15 要介護状態区分コード. */
export const careLevelCode: Readonly<Record<CareLevel, string>> = {
  support1: '12',
  support2: '13',
  care1: '21',
  care2: '22',
  care3: '23',
  care4: '24',
  care5: '25',
};

/** 01 item 14 性別コード. */
export const sexCode: Readonly<Record<Sex, string>> = { male: '1', female: '2' };

/** 01 item 5: the 6-digit 保険者番号 left-padded with 0 to 8 (証記載保険者番号). */
export function insurerItem(insurerNumber: string): string {
  return insurerNumber.padStart(8, '0');
}

/** "2024-07" → "202407"; "2024-07-05" → "20240705". */
export function compactDate(iso: string): string {
  return iso.replaceAll('-', '');
}
