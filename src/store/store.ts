// The Store: the system of record's reads and writes, alike on both engines (SQLite and PostgreSQL).
// Every office-owned read and write takes the office id and is scoped by it in the store itself: a row of
// another office is "not found", never returned or changed. Every change writes its audit row in the
// same transaction. The records themselves are the contract's (src/contract/types.ts).
import type { ClaimMonthInput, Profession, ServiceRecord } from '../core/input.js';
import type { ClaimMonthResult } from '../core/result.js';
import type { ChainHead, ChainReport } from './chainVerify.js';
import { check } from '../contract/schemas.js';
import { StoreError } from './errors.js';
import type { z } from 'zod';
import type {
  ActorId,
  AuditAction,
  AuditEntity,
  AuditEntry,
  Building,
  BuildingInput,
  KohiEntryInput,
  KohiEntryRecord,
  KohiMonthInput,
  KohiMonthRecord,
  CareReport,
  CareReportInput,
  CareReportRecord,
  ClaimFileRecord,
  ClaimVersion,
  ClaimVersionSummary,
  NewSession,
  Office,
  OfficeInput,
  Patient,
  PatientInput,
  ReportWarning,
  Session,
  Staff,
  StaffInput,
  User,
  UserInput,
  UserPatch,
  Visit,
  VisitInput,
} from '../contract/types.js';

/** The actor of seeding and migrations. */
export const SYSTEM_ACTOR: ActorId = 'system';
/** The actor of a failed or throttled login: nobody is logged in. */
export const ANONYMOUS_ACTOR: ActorId = 'anonymous';

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

export interface AuditQuery {
  entity?: AuditEntity;
  entityId?: string;
  /** Entries written at or after this instant (ISO, UTC). */
  atFrom?: string;
  /** Entries written before this instant (ISO, UTC). */
  atBefore?: string;
  /** Entries of this actor (a user id or "system"). */
  actor?: string;
  action?: AuditAction;
  /** Entries with seq below this (paging backwards). */
  beforeSeq?: number;
  limit?: number;
}

// ---------------------------------------------------------------------------------------------------
// Errors: thrown by store methods (./errors.ts).

export { isStoreError, StoreError, type StoreErrorCode } from './errors.js';

/** Validates `raw` against a schema of the contract: the value, or StoreError('invalid') with the problems. */
export function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = check(schema, raw);
  if (!r.ok) throw new StoreError('invalid', `${what}の入力に誤りがあります`, r.problems);
  return r.value;
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

  // 公費 (docs/kohi.md): a patient's dated entries, and a 難病 patient's amount paid elsewhere per month
  listKohiEntries(officeId: string, query?: { patientId?: string }): Promise<KohiEntryRecord[]>;
  getKohiEntry(officeId: string, id: string): Promise<KohiEntryRecord | null>;
  /** Refused (invalid) for a patient of another office; (conflict) when it overlaps an entry of its 法別. */
  createKohiEntry(officeId: string, input: KohiEntryInput, actor: ActorId): Promise<KohiEntryRecord>;
  /** The patient of an entry stays its own; the patch is checked merged, like a new entry. */
  updateKohiEntry(
    officeId: string,
    id: string,
    patch: Partial<KohiEntryInput>,
    actor: ActorId,
  ): Promise<KohiEntryRecord>;
  deleteKohiEntry(officeId: string, id: string, actor: ActorId): Promise<void>;
  listKohiMonths(
    officeId: string,
    query?: { patientId?: string; month?: string },
  ): Promise<KohiMonthRecord[]>;
  /** Refused (conflict) when the patient's month and 法別 has its row already. */
  createKohiMonth(officeId: string, input: KohiMonthInput, actor: ActorId): Promise<KohiMonthRecord>;
  updateKohiMonth(
    officeId: string,
    id: string,
    patch: Partial<KohiMonthInput>,
    actor: ActorId,
  ): Promise<KohiMonthRecord>;
  deleteKohiMonth(officeId: string, id: string, actor: ActorId): Promise<void>;

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

  // Users and sessions (global)
  createUser(input: UserInput, actor: ActorId): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByUsername(username: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /**
   * Changes a user. `guard`, when given, sees the user before and after the change and the enabled admins
   * of the user's offices as they are inside the change's transaction (locked on PostgreSQL), and throws to
   * refuse the change (src/app/users.ts: no office loses its last admin).
   */
  updateUser(id: string, patch: UserPatch, actor: ActorId, guard?: UserChangeGuard): Promise<User>;
  /**
   * The user when the username exists, is not disabled and the password matches; else null. A hash made
   * with older scrypt parameters is replaced by one with the current parameters (audited).
   */
  verifyPassword(username: string, password: string): Promise<User | null>;
  createSession(userId: string, ttlMs: number): Promise<NewSession>;
  /** The session and its user for a token that exists and has not expired; else null. */
  getSession(token: string): Promise<{ session: Session; user: User } | null>;
  deleteSession(token: string): Promise<void>;

  // Login throttling and known clients (src/app/login.ts decides what the counts mean)
  /** The failures counted for each key since `forgetBefore` (0 and '' when none). */
  loginThrottles(keys: readonly string[], forgetBefore: string): Promise<LoginThrottleState[]>;
  /**
   * One more failure for each key (counts older than `forgetBefore` are forgotten first), with the audit
   * rows `describe` makes of the new counts, in one transaction; the new counts, in the keys' order.
   */
  recordLoginFailure(
    keys: readonly string[],
    at: string,
    forgetBefore: string,
    describe: (failures: number[]) => NewAuditEntry[],
  ): Promise<number[]>;
  /**
   * Audits a refusal while a key is throttled, once per throttle (per last failure): true when written,
   * false when this throttle's refusal was already audited.
   */
  recordLoginRefusal(key: string, lastFailureAt: string, entries: NewAuditEntry[]): Promise<boolean>;
  clearLoginThrottles(keys: readonly string[]): Promise<void>;
  /** The known client of one of these tokens that belongs to the user with this username, if any. */
  findKnownClient(tokens: readonly string[], username: string): Promise<KnownClient | null>;
  /**
   * Marks a known client used, or remembers a new one for the user (audited; the user's oldest beyond
   * KNOWN_CLIENTS_PER_USER are forgotten). `client` is the address it logged in from, for the audit row.
   */
  rememberClient(userId: string, known: KnownClient | null, client: string): Promise<KnownClient>;

  // Audit log (read only; rows are written by the store with every change)
  listAudit(officeId: string, query?: AuditQuery): Promise<AuditEntry[]>;

  // The month's records and its claim versions
  /**
   * The records a month's engine input is made of, read in one snapshot: the office, the visits of the
   * months `from` … `to` (care_management records by their month), the patients those visits name, the
   * office's buildings, its staff (names), the reports to the care manager covering visits of those months,
   * and when month `to` was first closed.
   */
  monthRecords(officeId: string, months: { from: string; to: string }): Promise<MonthRecords>;
  /**
   * Stores the next claim version of the office's month (1, 2, …) and its audit row, in one transaction:
   * a close computed by the application from the records; nothing is computed here.
   */
  saveClaimVersion(officeId: string, claim: NewClaimVersion, actor: ActorId): Promise<ClaimVersion>;
  listClaimVersions(officeId: string, month?: string): Promise<ClaimVersionSummary[]>;
  getClaimVersion(officeId: string, month: string, version: number): Promise<ClaimVersion | null>;
  /**
   * The audit row of a claim file made from the office's claim version (who made it, from which version,
   * its digest): the file is made by the application, nothing is computed here. The version must be the
   * office's (else 'not_found').
   */
  recordClaimFile(officeId: string, file: ClaimFileRecord, actor: ActorId): Promise<void>;
  /** The close that came with this Idempotency-Key from this user for this office, if one did (0008). */
  findCloseKey(officeId: string, userId: ActorId, key: string): Promise<CloseKey | null>;

  // The history's hash chains (0006: ./chain.ts, ./chainVerify.ts)
  /**
   * Walks every office's chains (or only those of `officeIds`) and names each chain's first broken link;
   * `earlier`: the chains' heads in an earlier copy, each of which must still be there.
   */
  verifyHistory(opts?: {
    officeIds?: readonly string[];
    earlier?: readonly ChainHead[];
  }): Promise<ChainReport>;
}

/** A close's Idempotency-Key as it was kept: what was asked and the version it made. */
export interface CloseKey {
  /** sha-256 (hex) of the month and the body asked. */
  requestHash: string;
  month: string;
  version: ClaimVersionSummary;
}

/** An audit row as a change writes it (the store numbers and times it). */
export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'>;

/** Failed logins counted for one key (Store.loginThrottles). */
export interface LoginThrottleState {
  key: string;
  failures: number;
  /** '' when there is none. */
  lastFailureAt: string;
  /** Whether a refusal during the throttle of this last failure was audited. */
  refusalAudited: boolean;
}

/** A browser the user logged in from: its id and the token of its login cookie. */
export interface KnownClient {
  id: string;
  userId: string;
  token: string;
}

/** A check of a user change inside its transaction (Store.updateUser): throws to refuse the change. */
export type UserChangeGuard = (change: { before: User; after: User; admins: User[] }) => void | Promise<void>;

/** What the store reads for a month's engine input (see Store.monthRecords). */
export interface MonthRecords {
  office: Office;
  /** The patients with a visit in the months read, with their whole dated histories. */
  patients: Patient[];
  buildings: Building[];
  /** The visits of the months read, in no particular order. */
  visits: Visit[];
  staff: Staff[];
  /** Reports covering visits of the months read, ordered by month, patient, entry. */
  reports: CareReportRecord[];
  /** When the last month read was first closed (its version 1), if it was. */
  firstClosedAt?: string;
  /** 公費 entries in force in the months read (absent when none). */
  kohi?: KohiEntryRecord[];
  /** What 難病 patients paid at other 指定医療機関 in the last month read (absent when none). */
  kohiMonths?: KohiMonthRecord[];
}

/** A closed month as the application computed it: what Store.saveClaimVersion keeps. */
export interface NewClaimVersion {
  month: string;
  scheduleId: string;
  engineVersion: string;
  /** The engine input as canonical JSON (the text its digest is of), and its sha-256. */
  inputJson: string;
  inputDigest: string;
  input: ClaimMonthInput;
  result: ClaimMonthResult;
  reportWarnings: ReportWarning[];
  /** The close's Idempotency-Key, kept in the same transaction as the version (a second use: conflict). */
  idempotency?: { key: string; userId: ActorId; requestHash: string };
}

/**
 * Test seams, injected when the store is opened (openStore): the kill test stops a close inside its
 * transaction, after its rows are written and before the commit.
 */
export interface StoreHooks {
  beforeClaimCommit?: (version: ClaimVersion) => Promise<void>;
}

/** How to open a store: see openStore() in ./index.ts. */
export interface OpenOptions {
  /** PostgreSQL connection string; default: process.env.DATABASE_URL. When absent, SQLite is used. */
  databaseUrl?: string;
  /** SQLite file; default ./data/santei.sqlite (created with its folder on first open). */
  sqlitePath?: string;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
  /** Test seams (see StoreHooks). */
  hooks?: StoreHooks;
  /** PostgreSQL: connections in the pool (default PG_POOL_SIZE of ./db.ts). */
  poolSize?: number;
}
