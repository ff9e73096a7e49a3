// The engine's output: the contract of ../shared/spec/contract.md ("Output").

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
  | 'HISTORY';

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
  copay: number;
  transportYen?: number;
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
}

export interface ClaimMonthResult {
  month: string;
  officeId: string;
  schedule: string;
  claims: Claim[];
  rejections: Rejection[];
  totals: Totals;
}

/** One step of the readable trace that `santei calc --explain` prints (Japanese). */
export interface TraceEntry {
  patientId: string;
  recordId?: string;
  /** The record's date, for ordering the trace; absent for the patient's monthly facts. */
  date?: string;
  text: string;
}
