// 0001: the initial schema, one for both engines. Every office-owned table carries office_id and has
// it first in its primary key and in its foreign keys, so that a row can only ever point at rows of
// the same office (scoping enforced by the schema too) and so that a distributed PostgreSQL can use
// office_id as the distribution column of every office-owned table.
// claim_versions and audit_log are append-only: triggers refuse UPDATE and DELETE on both engines.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db.js';

const tables = (e: Engine): string[] => {
  const bigint = e === 'postgres' ? 'BIGINT' : 'INTEGER';
  const seq = e === 'postgres' ? 'seq BIGSERIAL NOT NULL' : 'seq INTEGER PRIMARY KEY AUTOINCREMENT';
  const auditPk = e === 'postgres' ? ',\n  PRIMARY KEY (office_id, seq)' : '';
  return [
    `CREATE TABLE offices (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE TABLE staff (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  kana TEXT,
  profession TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id)
)`,
    `CREATE TABLE buildings (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  dwellings INTEGER,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id)
)`,
    `CREATE TABLE patients (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  kana TEXT,
  insured_number TEXT,
  birth_date TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id)
)`,
    `CREATE TABLE certifications (
  office_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  level TEXT NOT NULL,
  copay INTEGER NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  PRIMARY KEY (office_id, patient_id, seq),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id) ON DELETE CASCADE
)`,
    `CREATE TABLE residences (
  office_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  building_id TEXT,
  household_id TEXT,
  unit_id TEXT,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  PRIMARY KEY (office_id, patient_id, seq),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id) ON DELETE CASCADE,
  FOREIGN KEY (office_id, building_id) REFERENCES buildings (office_id, id)
)`,
    `CREATE TABLE stays (
  office_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  PRIMARY KEY (office_id, patient_id, seq),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id) ON DELETE CASCADE
)`,
    `CREATE TABLE visits (
  office_id TEXT NOT NULL,
  id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  date TEXT,
  month TEXT NOT NULL,
  staff_id TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, patient_id) REFERENCES patients (office_id, id),
  FOREIGN KEY (office_id, staff_id) REFERENCES staff (office_id, id)
)`,
    `CREATE INDEX visits_month ON visits (office_id, month)`,
    `CREATE INDEX visits_patient ON visits (office_id, patient_id, date)`,
    `CREATE INDEX residences_building ON residences (office_id, building_id)`,
    `CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE TABLE user_offices (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  office_id TEXT NOT NULL REFERENCES offices (id),
  PRIMARY KEY (user_id, office_id)
)`,
    `CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
)`,
    `CREATE INDEX sessions_user ON sessions (user_id)`,
    `CREATE TABLE audit_log (
  ${seq},
  office_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT${auditPk}
)`,
    `CREATE INDEX audit_entity ON audit_log (office_id, entity, entity_id)`,
    `CREATE TABLE claim_versions (
  office_id TEXT NOT NULL REFERENCES offices (id),
  id TEXT NOT NULL,
  month TEXT NOT NULL,
  version INTEGER NOT NULL,
  schedule_id TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  input_digest TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  units ${bigint} NOT NULL,
  yen ${bigint} NOT NULL,
  insurer ${bigint} NOT NULL,
  copay ${bigint} NOT NULL,
  claim_count INTEGER NOT NULL,
  rejection_count INTEGER NOT NULL,
  input_json TEXT NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (office_id, id),
  UNIQUE (office_id, month, version)
)`,
  ];
};

const appendOnly = (e: Engine): string[] => {
  const names = ['audit_log', 'claim_versions'];
  if (e === 'sqlite') {
    return names.flatMap((t) =>
      ['UPDATE', 'DELETE'].map(
        (op) =>
          `CREATE TRIGGER ${t}_no_${op.toLowerCase()} BEFORE ${op} ON ${t}
BEGIN SELECT RAISE(ABORT, '${t} is append-only: ${op} is not allowed'); END`,
      ),
    );
  }
  return [
    `CREATE FUNCTION santei_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END
$$`,
    ...names.flatMap((t) => [
      `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
FOR EACH ROW EXECUTE FUNCTION santei_append_only()`,
      `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
FOR EACH STATEMENT EXECUTE FUNCTION santei_append_only()`,
    ]),
  ];
};

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  for (const stmt of [...tables(engine), ...appendOnly(engine)]) await sql.raw(stmt).execute(db);
}
