// The system of record: domain types and the Store interface (both engines, SQLite and PostgreSQL,
// implement it alike). Every office-owned read and write takes the office id and is scoped by it in
// the store itself: a row of another office is "not found", never returned or changed.
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
export const SYSTEM_ACTOR: ActorId = 'system';

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

export interface Patient extends Stamped {
  officeId: string;
  name: string;
  kana?: string;
  /** 被保険者番号 (介護保険, 10 digits). */
  insuredNumber?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  address?: string;
  /** Dated history: the close of a month uses the period valid in that month. */
  certifications: CertificationPeriod[];
  residences: ResidencePeriod[];
  stays: Stay[];
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
  keyof Stamped | 'officeId' | 'certifications' | 'residences' | 'stays'
> & {
  certifications?: CertificationPeriod[];
  residences?: ResidencePeriod[];
  stays?: Stay[];
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

export interface VisitQuery {
  /** Visits of this month (care_management records by their month). */
  month?: string;
  /** Inclusive date range (ignored for care_management records unless their month is in range). */
  from?: string;
  to?: string;
  patientId?: string;
  kind?: ServiceRecord['kind'];
  limit?: number;
  offset?: number;
}

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

export interface CareReportQuery {
  patientId?: string;
  /** Reports covering visits of this month. */
  month?: string;
  profession?: Profession;
  /** Reports covering this visit. */
  visitId?: string;
  /** Reports sent on this day (the FAX cover list). */
  sentDate?: string;
  limit?: number;
  offset?: number;
}

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
// Audit log: append-only (UPDATE and DELETE are refused by triggers on both engines).

export type AuditEntity =
  | 'office'
  | 'staff'
  | 'building'
  | 'patient'
  | 'visit'
  | 'care_report'
  | 'user'
  | 'session'
  | 'claim_version';
export type AuditAction = 'create' | 'update' | 'delete' | 'close' | 'login' | 'logout';

export interface AuditEntry {
  /** Increasing sequence number. */
  seq: number;
  /** The office the change belongs to; '' for global entities (users, sessions). */
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

export interface AuditQuery {
  entity?: AuditEntity;
  entityId?: string;
  /** Entries with seq below this (paging backwards). */
  beforeSeq?: number;
  limit?: number;
}

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

export type CloseOutcome = { ok: true; version: ClaimVersion } | { ok: false; problems: InputProblem[] };

// ---------------------------------------------------------------------------------------------------
// Errors: thrown by store methods; the server maps `code` to 404 / 409 / 400.

export type StoreErrorCode = 'not_found' | 'conflict' | 'invalid';

export class StoreError extends Error {
  constructor(
    public readonly code: StoreErrorCode,
    message: string,
    /** Field-level problems (Japanese), for 'invalid' and some 'conflict'. */
    public readonly problems: InputProblem[] = [],
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

// ---------------------------------------------------------------------------------------------------
// The Store

export interface ListQuery {
  limit?: number;
  offset?: number;
  /** Case-insensitive substring of name or kana. */
  search?: string;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // Offices (global list; the server shows a user only the offices in user.officeIds).
  createOffice(input: OfficeInput, actor: ActorId): Promise<Office>;
  getOffice(officeId: string): Promise<Office | null>;
  /** All offices, or only those whose id is in `officeIds`. */
  listOffices(officeIds?: readonly string[]): Promise<Office[]>;
  updateOffice(officeId: string, patch: Partial<OfficeInput>, actor: ActorId): Promise<Office>;

  // Staff
  listStaff(officeId: string, query?: ListQuery): Promise<Staff[]>;
  getStaff(officeId: string, id: string): Promise<Staff | null>;
  createStaff(officeId: string, input: StaffInput, actor: ActorId): Promise<Staff>;
  updateStaff(officeId: string, id: string, patch: Partial<StaffInput>, actor: ActorId): Promise<Staff>;
  /** Refused (conflict) while visits name the staff member: mark them `retired` instead. */
  deleteStaff(officeId: string, id: string, actor: ActorId): Promise<void>;

  // Buildings
  listBuildings(officeId: string, query?: ListQuery): Promise<Building[]>;
  getBuilding(officeId: string, id: string): Promise<Building | null>;
  createBuilding(officeId: string, input: BuildingInput, actor: ActorId): Promise<Building>;
  updateBuilding(
    officeId: string,
    id: string,
    patch: Partial<BuildingInput>,
    actor: ActorId,
  ): Promise<Building>;
  /** Refused (conflict) while a residence period names the building. */
  deleteBuilding(officeId: string, id: string, actor: ActorId): Promise<void>;

  // Patients (with their certification / residence / stay history)
  listPatients(officeId: string, query?: ListQuery): Promise<Patient[]>;
  countPatients(officeId: string): Promise<number>;
  getPatient(officeId: string, id: string): Promise<Patient | null>;
  createPatient(officeId: string, input: PatientInput, actor: ActorId): Promise<Patient>;
  /** All or nothing (CSV import): one transaction, one audit row per patient. */
  createPatients(officeId: string, inputs: PatientInput[], actor: ActorId): Promise<Patient[]>;
  /** Merges the patch; arrays given (certifications, residences, stays, …) replace the stored ones. */
  updatePatient(officeId: string, id: string, patch: Partial<PatientInput>, actor: ActorId): Promise<Patient>;
  /** Refused (conflict) while the patient has visits. */
  deletePatient(officeId: string, id: string, actor: ActorId): Promise<void>;

  // Visits
  listVisits(officeId: string, query?: VisitQuery): Promise<Visit[]>;
  getVisit(officeId: string, id: string): Promise<Visit | null>;
  createVisit(officeId: string, input: VisitInput, actor: ActorId): Promise<Visit>;
  /** All or nothing (CSV import): one transaction, one audit row per visit. */
  createVisits(officeId: string, inputs: VisitInput[], actor: ActorId): Promise<Visit[]>;
  /**
   * Replaces the visit (its kind may not change: delete and create instead). Refused (conflict) when a
   * report covers it and the patient, profession or month would change.
   */
  updateVisit(officeId: string, id: string, input: VisitInput, actor: ActorId): Promise<Visit>;
  /** Refused (conflict) while a report to the care manager covers the visit. */
  deleteVisit(officeId: string, id: string, actor: ActorId): Promise<void>;

  // Reports to the care manager (情報提供書, K24-2a)
  listReports(officeId: string, query?: CareReportQuery): Promise<CareReportRecord[]>;
  getReport(officeId: string, id: string): Promise<CareReportRecord | null>;
  /**
   * The visits must be 居宅療養管理指導 visits of the office, of the report's patient and profession, in one
   * month; the staff member of the office and of that profession. Refused (invalid, naming each part)
   * while the content is an unchanged copy of the same patient's and profession's report of the previous
   * month (isUnchangedCopy).
   */
  createReport(officeId: string, input: CareReportInput, actor: ActorId): Promise<CareReportRecord>;
  /** Replaces the report, with the checks of createReport. */
  updateReport(
    officeId: string,
    id: string,
    input: CareReportInput,
    actor: ActorId,
  ): Promise<CareReportRecord>;
  deleteReport(officeId: string, id: string, actor: ActorId): Promise<void>;
  /** Records the day the report was sent (and how), without touching its content. */
  markReportSent(
    officeId: string,
    id: string,
    sent: { sentDate: string; method?: CareReport['method'] },
    actor: ActorId,
  ): Promise<CareReportRecord>;
  /**
   * The month's audit-risk warnings on the records now (computed on read): the month's reports against the
   * previous month's, and SENT_AFTER_CLOSE against the month's first close.
   */
  reportWarnings(officeId: string, month: string): Promise<ReportWarning[]>;

  // Users and sessions (global)
  createUser(input: UserInput, actor: ActorId): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByUsername(username: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: string, patch: UserPatch, actor: ActorId): Promise<User>;
  /** The user when the username exists, is not disabled and the password matches; else null. */
  verifyPassword(username: string, password: string): Promise<User | null>;
  createSession(userId: string, ttlMs: number): Promise<NewSession>;
  /** The session and its user for a token that exists and has not expired; else null. */
  getSession(token: string): Promise<{ session: Session; user: User } | null>;
  deleteSession(token: string): Promise<void>;

  // Audit log (read only; rows are written by the store with every change)
  listAudit(officeId: string, query?: AuditQuery): Promise<AuditEntry[]>;

  // Monthly close
  /**
   * The engine input for the office and month, from the records as of that month. From the office's
   * `reportsRequiredFrom` month on, a 居宅療養管理指導 visit's `reported` is derived from the report records
   * (K24-2a), with `reportIssue` naming what is missing; `reports: 'flag'` uses the visits' own flags
   * instead (planning a visit before its report can exist).
   */
  buildMonthInput(
    officeId: string,
    month: string,
    opts?: { reports?: 'records' | 'flag' },
  ): Promise<ClaimMonthInput>;
  /**
   * Runs the engine and stores version n+1 (with the month's report warnings) and its audit row, in one
   * transaction.
   */
  closeMonth(officeId: string, month: string, actor: ActorId): Promise<CloseOutcome>;
  listClaimVersions(officeId: string, month?: string): Promise<ClaimVersionSummary[]>;
  getClaimVersion(officeId: string, month: string, version: number): Promise<ClaimVersion | null>;
  /** What changed per patient from version `a` to version `b` of the office's month. */
  diffVersions(officeId: string, month: string, a: number, b: number): Promise<VersionDiff>;
}

/** How to open a store: see openStore() in ./index.ts. */
export interface OpenOptions {
  /** PostgreSQL connection string; default: process.env.DATABASE_URL. When absent, SQLite is used. */
  databaseUrl?: string;
  /** SQLite file; default ./data/santei.sqlite (created with its folder on first open). */
  sqlitePath?: string;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
}

export type { ClaimMonthInput, ClaimMonthResult };
