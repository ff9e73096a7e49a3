// The records of the system of record, as the store keeps them and the API answers them: offices, staff,
// buildings, patients with their dated histories, visits, reports to the care manager, users, the audit
// log and the claim versions. What the web app and API clients may import (src/contract).
//
// Conventions: ids are opaque strings; dates are ISO "YYYY-MM-DD", months "YYYY-MM", instants ISO
// timestamps ("2024-07-31T09:00:00.000Z"); money and units are integers; copay rates are 割 (1 | 2 | 3).
import type {
  CareLevel,
  ClaimMonthInput,
  Condition,
  CopayRate,
  Profession,
  ResidenceKind,
  ServiceRecord,
  Office as EngineOffice,
} from '../core/input.js';
import type { ClaimMonthResult, RejectionCode } from '../core/result.js';
import type { InputProblem } from '../core/validate.js';
import type { CareReport, ReportWarning } from '../core/reports.js';

export type { InputProblem };

/** Who does a write (goes to the audit log): a user id, or "system" for seeding and migrations. */
export type ActorId = string;

/** Common columns of every stored entity. */
export interface Stamped {
  id: string;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------------
// Offices

/**
 * An office (事業所). `number` is the 10-character 介護保険事業所番号 (or, for a clinic or pharmacy
 * deemed designated, its 10-digit 医療機関コード), validated with its check digit (see officeNumber.ts).
 * The engine's `office` is built from it with `id = number`.
 */
export interface Office extends Stamped {
  number: string;
  name: string;
  kind: EngineOffice['kind'];
  region?: EngineOffice['region'];
  specialArea?: boolean;
  chusankanSmallOffice?: boolean;
  careManagerFte?: number;
  specificOffice?: EngineOffice['specificOffice'];
  address?: string;
  phone?: string;
  /**
   * K24-2a: the first service month ("YYYY-MM") whose 居宅療養管理指導 visits are judged by the report
   * records (情報提供書, see CareReportRecord) instead of the visit's own `reported` flag. Every office has
   * it: by default the month the office was created (in Japan), so that a visit without a complete, sent
   * report cannot be billed; an earlier month makes imported visits depend on their reports too, a later
   * one leaves the months before it on the visits' flags (visits entered before the office used reports).
   */
  reportsRequiredFrom: string;
}
/** An office as created or changed: `reportsRequiredFrom` may be left out (the creation month; unchanged). */
export type OfficeInput = Omit<Office, keyof Stamped | 'reportsRequiredFrom'> & {
  reportsRequiredFrom?: string;
};

// ---------------------------------------------------------------------------------------------------
// Staff

export interface Staff extends Stamped {
  officeId: string;
  name: string;
  kana?: string;
  profession: Profession;
  /** No longer working at the office (kept for the history of visits). */
  retired?: boolean;
}
export type StaffInput = Omit<Staff, keyof Stamped | 'officeId'>;

// ---------------------------------------------------------------------------------------------------
// Buildings

export interface Building extends Stamped {
  officeId: string;
  name: string;
  address?: string;
  /** The usual residence kind of the building (a residence period may say otherwise). */
  kind: ResidenceKind;
  /** 戸数 of the building (K24-4d). */
  dwellings?: number;
  /** Group-home units (ユニット) by name; a residence period's unitId names one of them (K24-4e). */
  units?: string[];
}
export type BuildingInput = Omit<Building, keyof Stamped | 'officeId'>;

// ---------------------------------------------------------------------------------------------------
// Patients and their dated history

/** 介護保険 認定: level and copay rate valid from `from` to `to` (inclusive; open-ended when absent). */
export interface CertificationPeriod {
  level: CareLevel;
  copay: CopayRate;
  from: string;
  to?: string;
}

/** Where the patient lived from `from` to `to` (inclusive; open-ended when absent). */
export interface ResidencePeriod {
  kind: ResidenceKind;
  buildingId?: string;
  /** 同一世帯 (K24-4c): same id = same household. */
  householdId?: string;
  /** Group-home unit name, one of the building's `units` (K24-4e). */
  unitId?: string;
  from: string;
  to?: string;
}

export interface Stay {
  kind: 'short_stay' | 'hospital';
  from: string;
  to: string;
}

/**
 * Who made the care plan (居宅サービス計画 / 介護予防サービス計画) from `from` to `to` (inclusive; open-ended
 * when absent): a 居宅介護支援事業所 or 地域包括支援センター with its 10-digit 事業所番号 (and, for the printed
 * 明細書 and the clerk, its name), or the patient (セルフプラン). The claim file's 明細書 names it
 * (居宅サービス計画作成区分, claim-file.md "明細書 01 基本" items 19–20); a close uses the period in force
 * latest in the month, as for the other histories.
 */
export type CarePlanPeriod = (
  { maker: 'office'; officeNumber: string; officeName?: string } | { maker: 'self' }
) & { from: string; to?: string };

export interface Patient extends Stamped {
  officeId: string;
  name: string;
  kana?: string;
  /** 保険者番号 of the 被保険者証 (介護保険): 6 digits, the last a check digit (src/core/checkDigits.ts). */
  insurerNumber?: string;
  /** 被保険者番号 (介護保険): the 10 characters of the 被保険者証. */
  insuredNumber?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  address?: string;
  /** Dated history: the close of a month uses the period valid in that month. */
  certifications: CertificationPeriod[];
  residences: ResidencePeriod[];
  stays: Stay[];
  /** Who made the care plan, dated (the claim file needs it). */
  carePlans: CarePlanPeriod[];
  /** 医療保険 負担割合 (needed for C006). */
  medicalCopay?: CopayRate;
  conditions?: Condition[];
  homebound?: boolean;
  homeMedicalManagement?: boolean;
  chusankanResident?: boolean;
  otherOfficeBills?: ('doctor' | 'dentist' | 'pharmacist')[];
  careManagerName?: string;
  careManagerOffice?: string;
  contractDate?: string;
  // C006 and related facts (see contract.md)
  dischargeDate?: string;
  lastExamDate?: string;
  acuteExamDate?: string;
  previousAcuteExamDate?: string;
  otherInstitutionC006?: boolean;
  rokenDayRehab?: boolean;
  carePlanStartDate?: string;
  receivesVisitingMedicalOrNursing?: boolean;
  notes?: string;
}
export type PatientInput = Omit<
  Patient,
  keyof Stamped | 'officeId' | 'certifications' | 'residences' | 'stays' | 'carePlans'
> & {
  certifications?: CertificationPeriod[];
  residences?: ResidencePeriod[];
  stays?: Stay[];
  carePlans?: CarePlanPeriod[];
};

// ---------------------------------------------------------------------------------------------------
// Visits: every record kind of the engine's contract input, stored as is (plus office and stamps).

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A stored visit / service record. For `care_management` the `month` is required in the store
 * (the engine's default "the input's month" has no meaning for a stored record).
 */
export type Visit = DistributiveOmit<ServiceRecord, 'id'> & Stamped & { officeId: string };
/** What a client sends to create or replace a visit (no id: the store assigns it). */
export type VisitInput = DistributiveOmit<ServiceRecord, 'id'>;

// ---------------------------------------------------------------------------------------------------
// Reports to the care manager (情報提供書, K24-2a): the record a 居宅療養管理指導 visit's `reported` is
// derived from (src/core/reports.ts). One report covers one visit, or several visits of one patient and
// profession in one month.

export interface CareReportRecord extends CareReport, Stamped {
  officeId: string;
  /** The month of the visits it covers ("YYYY-MM"; derived from them by the store). */
  month: string;
  /** Who wrote it (staff of the office, of the report's profession); printed on the signature line. */
  staffId?: string;
}
/** What a client sends to create or replace a report (no id, office or month: the store sets them). */
export type CareReportInput = Omit<CareReportRecord, keyof Stamped | 'officeId' | 'month'>;

export type { CareReport, ReportWarning };

// ---------------------------------------------------------------------------------------------------
// Users and sessions (global, not office-owned)

export const roles = ['admin', 'clerk', 'readonly'] as const;
export type Role = (typeof roles)[number];

export interface User extends Stamped {
  username: string;
  displayName?: string;
  role: Role;
  /** Offices the user may use. */
  officeIds: string[];
  disabled?: boolean;
}
/** The password is hashed with scrypt (node:crypto) by the store; the hash never leaves it. */
export type UserInput = Omit<User, keyof Stamped> & { password: string };
export type UserPatch = Partial<Omit<User, keyof Stamped>> & { password?: string };

export interface Session {
  /** Opaque id of the session row (not the token). */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** The secret token is returned once, at creation; only its sha-256 is stored. */
export interface NewSession extends Session {
  token: string;
}

// ---------------------------------------------------------------------------------------------------
// Audit log: append-only (UPDATE, DELETE and an INSERT over a row are refused by triggers on both engines)
// and hash-chained per office (src/store/chain.ts; `santei verify`).

export const auditEntities = [
  'office',
  'staff',
  'building',
  'patient',
  'visit',
  'care_report',
  'user',
  'session',
  'known_client',
  'claim_version',
  'claim_file',
  'kohi_entry',
  'kohi_month',
] as const;
export type AuditEntity = (typeof auditEntities)[number];
export const auditActions = [
  'create',
  'update',
  'delete',
  'close',
  'login',
  'logout',
  /** A wrong password (or a disabled user): src/app/login.ts. */
  'login_failed',
  /** A login refused while failures make it wait (once per wait). */
  'login_throttled',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  /** Increasing sequence number. */
  seq: number;
  /** The office the change belongs to; '' for global entities (users, sessions, known clients). */
  officeId: string;
  at: string;
  actor: ActorId;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  /** The entity before and after the change, as JSON values (null when it did not / no longer exists). */
  before: unknown;
  after: unknown;
}

// ---------------------------------------------------------------------------------------------------
// 公費 (docs/kohi.md): dated entries on a patient — the 受給者証 of a 指定難病, the 介護券 of 生活保護 —
// and what a 難病 patient already paid this month at other 指定医療機関 (the 自己負担上限額管理票).

export interface KohiEntryRecord extends Stamped {
  officeId: string;
  patientId: string;
  /** 法別番号: 12 生活保護（介護扶助）, 54 特定医療費（指定難病）, … (GET /api/v1/kohi-laws). */
  law: string;
  /** 公費負担者番号: 8 digits, the first two the 法別番号, the last the check digit (KOHI-9). */
  payerNumber: string;
  /** 受給者番号: 7 digits, the last the check digit (KOHI-9). */
  recipientNumber: string;
  /** Valid from / to, inclusive dates. */
  from: string;
  to?: string;
  /** 生活保護: the monthly 本人支払額 of the 介護券 (0 when none, KOHI-4). */
  selfPayYen?: number;
  /** 指定難病: the 自己負担上限月額 of the 受給者証 (KOHI-5). */
  monthlyCapYen?: number;
}
export type KohiEntryInput = Omit<KohiEntryRecord, keyof Stamped | 'officeId'>;

/** 指定難病: what the patient paid in a month at other 指定医療機関 (the 管理票), KOHI-5. */
export interface KohiMonthRecord extends Stamped {
  officeId: string;
  patientId: string;
  month: string;
  law: string;
  paidElsewhereYen: number;
}
export type KohiMonthInput = Omit<KohiMonthRecord, keyof Stamped | 'officeId'>;

// ---------------------------------------------------------------------------------------------------
// Claim versions: one per close of an office's month; immutable.

export interface ClaimVersionSummary {
  id: string;
  officeId: string;
  month: string;
  /** 1, 2, … per office and month. */
  version: number;
  scheduleId: string;
  /** package.json version of the engine that computed it. */
  engineVersion: string;
  /** sha-256 (hex) of the canonical JSON of the engine input. */
  inputDigest: string;
  closedBy: ActorId;
  closedAt: string;
  totals: ClaimMonthResult['totals'];
  claimCount: number;
  rejectionCount: number;
}

export interface ClaimVersion extends ClaimVersionSummary {
  input: ClaimMonthInput;
  result: ClaimMonthResult;
  /**
   * Audit-risk warnings about the month's reports to the care manager, as they stood at this close
   * (REPEATED_TEXT, STOCK_PHRASE, SENT_AFTER_CLOSE: src/core/reports.ts). Stored with the version; empty
   * for versions closed before reports were recorded.
   */
  reportWarnings: ReportWarning[];
}

export interface PatientAmounts {
  units: number;
  yen: number;
  insurer: number;
  copay: number;
}

export interface RejectionKey {
  recordId: string;
  code: RejectionCode;
  addition?: string;
  rule: string;
  message: string;
}

export interface PatientDiff {
  patientId: string;
  /** Sums over the patient's claims in each version (zero when absent). */
  from: PatientAmounts;
  to: PatientAmounts;
  /** Insurance / service types billed that appear or disappear. */
  claimsAdded: string[];
  claimsRemoved: string[];
  rejectionsAdded: RejectionKey[];
  rejectionsRemoved: RejectionKey[];
}

export interface VersionDiff {
  officeId: string;
  month: string;
  fromVersion: number;
  toVersion: number;
  inputChanged: boolean;
  totals: { from: PatientAmounts; to: PatientAmounts };
  /** Only patients with a difference. */
  patients: PatientDiff[];
}

/**
 * A claim file (伝送ファイル, claim-file.md) made from a closed version: what its audit row keeps (entity
 * 'claim_file', action 'create', entity id the version's id; the actor is who made it). The file itself is
 * not stored: the same version and 審査月 always give the same bytes (sha256 says which).
 */
export interface ClaimFileRecord {
  versionId: string;
  month: string;
  version: number;
  /** 審査月 "YYYY-MM". */
  submitted: string;
  fileName: string;
  /** sha-256 (hex) of the file's bytes. */
  sha256: string;
  bytes: number;
  /** 明細書 in the file. */
  statements: number;
  units: number;
  insurer: number;
  /** The unconfirmed service codes the file uses ([U] of the code table). */
  unconfirmedCodes: string[];
}

export type CloseOutcome = { ok: true; version: ClaimVersion } | { ok: false; problems: InputProblem[] };

export type { ClaimMonthInput, ClaimMonthResult };
