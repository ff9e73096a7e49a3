// The tables as Kysely sees them (one schema for both engines: see migrations/), and the connections.
// Dates and instants are ISO text, money and units integers, JSON documents text.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, type Generated } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { routingSqliteDialect } from './sqliteDriver.js';

export type Engine = 'sqlite' | 'postgres';

interface Rows {
  created_at: string;
  updated_at: string;
}

export interface OfficesTable extends Rows {
  id: string;
  number: string;
  name: string;
  kind: string;
  /** JSON: the office's other fields. */
  data: string;
}

export interface StaffTable extends Rows {
  office_id: string;
  id: string;
  name: string;
  kana: string | null;
  profession: string;
  data: string;
}

export interface BuildingsTable extends Rows {
  office_id: string;
  id: string;
  name: string;
  kind: string;
  dwellings: number | null;
  data: string;
}

export interface PatientsTable extends Rows {
  office_id: string;
  id: string;
  name: string;
  kana: string | null;
  /** 0004; null for patients entered before it. */
  insurer_number: string | null;
  insured_number: string | null;
  birth_date: string | null;
  data: string;
}

export interface CertificationsTable {
  office_id: string;
  patient_id: string;
  seq: number;
  level: string;
  copay: number;
  valid_from: string;
  valid_to: string | null;
}

export interface ResidencesTable {
  office_id: string;
  patient_id: string;
  seq: number;
  kind: string;
  building_id: string | null;
  household_id: string | null;
  unit_id: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface StaysTable {
  office_id: string;
  patient_id: string;
  seq: number;
  kind: string;
  valid_from: string;
  valid_to: string;
}

/** Who made the care plan, dated (0004). */
/** 0007: a patient's dated 公費 (docs/kohi.md). */
export interface KohiEntriesTable extends Rows {
  office_id: string;
  id: string;
  patient_id: string;
  law: string;
  payer_number: string;
  recipient_number: string;
  valid_from: string;
  valid_to: string | null;
  self_pay_yen: number | null;
  monthly_cap_yen: number | null;
}

/** 0007: what a 難病 patient paid in a month at other 指定医療機関 (KOHI-5). */
export interface KohiMonthsTable extends Rows {
  office_id: string;
  id: string;
  patient_id: string;
  month: string;
  law: string;
  paid_elsewhere_yen: number;
}

export interface CarePlansTable {
  office_id: string;
  patient_id: string;
  seq: number;
  /** 'office' | 'self'. */
  maker: string;
  /** The 事業所番号 of the 居宅介護支援事業所 / 地域包括支援センター (maker 'office'). */
  office_number: string | null;
  office_name: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface VisitsTable extends Rows {
  office_id: string;
  id: string;
  patient_id: string;
  kind: string;
  /** null for care_management records (they have a month). */
  date: string | null;
  month: string;
  staff_id: string | null;
  /** JSON: the record without id. */
  data: string;
}

export interface CareReportsTable extends Rows {
  office_id: string;
  id: string;
  patient_id: string;
  profession: string;
  /** The month of the visits it covers. */
  month: string;
  staff_id: string | null;
  recipient_kind: string;
  method: string;
  /** null while it is a draft. */
  sent_date: string | null;
  /** JSON: recipient name and the content. */
  data: string;
}

/** The visits a report covers (a foreign key keeps a covered visit from being deleted). */
export interface CareReportVisitsTable {
  office_id: string;
  report_id: string;
  visit_id: string;
}

export interface UsersTable extends Rows {
  id: string;
  username: string;
  display_name: string | null;
  role: string;
  password_hash: string;
  disabled: number;
}

export interface UserOfficesTable {
  user_id: string;
  office_id: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/** Failed logins per key (0005; src/app/login.ts): the key as its sha-256. */
export interface LoginThrottleTable {
  key_hash: string;
  failures: number;
  last_failure_at: string;
  /** The last_failure_at whose throttle refusals were audited (once per throttle). */
  refusal_audited_at: string | null;
}

/** The browsers a user logged in from (0005): the login cookie's token as its sha-256. */
export interface KnownClientsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string;
}

export interface AuditLogTable {
  seq: Generated<number | string>;
  office_id: string;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  /** The row's place in its office's chain, the previous row's digest and its own (0006: ../store/chain.ts). */
  chain_seq: number;
  prev_digest: string;
  digest: string;
}

export interface ClaimVersionsTable {
  office_id: string;
  id: string;
  month: string;
  version: number;
  schedule_id: string;
  engine_version: string;
  input_digest: string;
  closed_by: string;
  closed_at: string;
  units: number | string;
  yen: number | string;
  insurer: number | string;
  copay: number | string;
  claim_count: number;
  rejection_count: number;
  input_json: string;
  result_json: string;
  /** JSON: the month's report warnings at the close (0002; null for versions closed before). */
  report_warnings_json: string | null;
  /** The version's place in its office's chain, the previous version's digest and its own (0006). */
  chain_seq: number;
  prev_digest: string;
  digest: string;
}

/** The Idempotency-Key of a close (0008): the version it made, and what was asked. */
export interface IdempotencyKeysTable {
  office_id: string;
  user_id: string;
  key: string;
  /** sha-256 (hex) of the month and the body asked. */
  request_hash: string;
  month: string;
  version_id: string;
  created_at: string;
}

export interface DB {
  offices: OfficesTable;
  staff: StaffTable;
  buildings: BuildingsTable;
  patients: PatientsTable;
  certifications: CertificationsTable;
  residences: ResidencesTable;
  stays: StaysTable;
  care_plans: CarePlansTable;
  kohi_entries: KohiEntriesTable;
  kohi_months: KohiMonthsTable;
  visits: VisitsTable;
  care_reports: CareReportsTable;
  care_report_visits: CareReportVisitsTable;
  users: UsersTable;
  user_offices: UserOfficesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  known_clients: KnownClientsTable;
  audit_log: AuditLogTable;
  claim_versions: ClaimVersionsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export const DEFAULT_SQLITE_PATH = './data/santei.sqlite';

export interface Connection {
  db: Kysely<DB>;
  engine: Engine;
  /** The SQLite file (absolute), for backup and for a worker thread's own connection. */
  sqlitePath?: string;
  /** The PostgreSQL connection string, for a worker thread's own pool. */
  databaseUrl?: string;
}

function openSqlite(Database: typeof BetterSqlite3, file: string, readonly: boolean) {
  const sqlite = new Database(file, { readonly });
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  // FULL: a committed close survives a power cut, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

/**
 * Opens the SQLite file (creating it and its folder), in WAL mode with foreign keys on: a writer
 * connection and a reader connection (./sqliteDriver.ts; one connection for ':memory:'). `busyTimeoutMs`:
 * how long the writer waits inside SQLite for another connection's write lock; 0 (the server's main
 * thread) leaves the waiting to the driver, on the event loop.
 */
export async function connectSqlite(
  path: string = DEFAULT_SQLITE_PATH,
  opts: { busyTimeoutMs?: number } = {},
): Promise<Connection> {
  const { default: Database } = await import('better-sqlite3');
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const writer = openSqlite(Database, file, false);
  writer.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 0}`);
  const reader = () => {
    const r = openSqlite(Database, file, true);
    // WAL readers do not wait for writers; this covers only the rare recovery of the WAL index.
    r.pragma('busy_timeout = 1000');
    return r;
  };
  const readers = file === ':memory:' ? undefined : { reader: reader(), snapshot: reader() };
  const db = new Kysely<DB>({ dialect: routingSqliteDialect(writer, readers) });
  return { db, engine: 'sqlite', sqlitePath: file };
}

/** Connections per pool: reads of other offices get a connection while a close or an import writes. */
export const PG_POOL_SIZE = 10;

export async function connectPostgres(url: string, poolSize: number = PG_POOL_SIZE): Promise<Connection> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // One failed idle client must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', databaseUrl: url };
}

/** pg returns bigint columns as strings. */
export function num(v: number | string | bigint | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
