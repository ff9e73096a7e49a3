// The engine's output: the contract of ../shared/spec/contract.md ("Output"); the 公費 additions
// (docs/kohi.md, KOHI-1 … KOHI-12) are optional fields, absent for a month without 公費.
import type { KohiRefusal, KohiShare } from './kohi.js';

export type { KohiRefusal, KohiShare };

export type RejectionCode =
  | 'NOT_CERTIFIED'
  | 'NOT_HOMEBOUND'
  | 'FACILITY_RESIDENT'
  | 'DURING_STAY'
  | 'NO_CARE_MANAGER_REPORT'
  | 'NO_INSTRUCTION'
  | 'SECOND_PRACTITIONER'
  | 'OTHER_OFFICE'
  | 'SAME_DAY'
  | 'MONTHLY_LIMIT'
  | 'WEEKLY_LIMIT'
  | 'DAILY_LIMIT'
  | 'INTERVAL'
  | 'NOT_IN_SCHEDULE'
  | 'NOT_COMBINABLE'
  | 'REQUIREMENT_NOT_MET'
  | 'CARE_INSURANCE_PRIORITY'
  | 'NO_RECENT_EXAM'
  | 'OTHER_INSTITUTION'
  | 'ROKEN_DAY_REHAB'
  | 'HISTORY'
  | 'NO_PAYER';

export interface Line {
  /** Stable id of the fee item, e.g. "kyotaku.pharmacist.pharmacy". */
  item: string;
  /** The official service code, only where the schedule knows it. */
  code?: string;
  /** Japanese name as on a 明細書. */
  name: string;
  unitsEach: number;
  count: number;
  units: number;
  recordIds: string[];
  /** The rule id(s) that priced it. */
  rule: string;
}

export type Insurance = 'care' | 'medical';

export interface Claim {
  patientId: string;
  insurance: Insurance;
  serviceType: string;
  lines: Line[];
  units: number;
  unitPrice: number;
  yen: number;
  insurer: number;
  /** What the patient pays: the 利用者負担額, plus the 本人負担額 of the 公費 when `kohi` is present (KOHI-7). */
  copay: number;
  transportYen?: number;
  /**
   * The 公費 split (KOHI-1 … KOHI-8): present only when a 公費 pays on the claim or the patient has no
   * 介護保険 (生活保護単独). Then insurer + Σ shares[].claim + copay = yen.
   */
  kohi?: ClaimKohi;
}

/** A 公費 share of a claim, with the 法別's name from the 公費 table. */
export interface ClaimKohiShare extends KohiShare {
  name: string;
}

export interface ClaimKohi {
  /** false for 生活保護単独 (被保険者番号 H…, KOHI-8): no insurer's share, the 保険給付率 left blank. */
  insured: boolean;
  /** 保険給付率 in percent (明細書 item 29); null when not insured. */
  insuranceBenefitRate: number | null;
  /** The 公費 in their order of application: 公費1, 公費2, … */
  shares: ClaimKohiShare[];
  /** 利用者負担額 of the 保険 part (明細書 item 35): copay less the 本人負担額 (KOHI-7). */
  insuranceCopay: number;
}

export interface Rejection {
  recordId: string;
  patientId: string;
  code: RejectionCode;
  units?: number;
  addition?: string;
  rule: string;
  message: string;
}

export interface Totals {
  units: number;
  yen: number;
  insurer: number;
  copay: number;
  /** Σ 公費請求額 of the claims (KOHI-7); present only when a 公費 pays. */
  kohi?: number;
}

export interface ClaimMonthResult {
  month: string;
  officeId: string;
  schedule: string;
  claims: Claim[];
  rejections: Rejection[];
  totals: Totals;
  /**
   * 公費 that do not pay for a claim, each said with its rule (KOHI-2 NOT_COVERED, KOHI-2b / 2c
   * PARTIAL_COVERAGE, KOHI-8 NOT_FOR_UNINSURED): the claim is billed without them. Present only when any.
   */
  kohiRefusals?: KohiRefusal[];
}

/** One step of the readable trace that `santei calc --explain` prints (Japanese). */
export interface TraceEntry {
  patientId: string;
  recordId?: string;
  /** The record's date, for ordering the trace; absent for the patient's monthly facts. */
  date?: string;
  text: string;
}
