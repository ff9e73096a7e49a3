// 0005: login throttling that protects without locking anyone out (src/app/login.ts).
// - login_throttle: failed logins counted per key (a client address, a username tried from clients not
//   known for it, one known client, a user's password change), each key stored as its sha-256 so that the
//   table holds no username or address. Rows whose last failure is older than the policy's memory are
//   swept as new failures are written: the table stays as small as the failures of the last day.
// - known_clients: the browsers a user has logged in from (the token in the login cookie, stored as its
//   sha-256). The right password from one of them passes even while strangers' failures throttle the
//   username.
// Both are global like users and sessions (reference tables when sharded).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db.js';

const statements = (): string[] => [
  `CREATE TABLE login_throttle (
  key_hash TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  refusal_audited_at TEXT
)`,
  `CREATE INDEX login_throttle_last ON login_throttle (last_failure_at)`,
  `CREATE TABLE known_clients (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL
)`,
  `CREATE INDEX known_clients_user ON known_clients (user_id, last_used_at)`,
];

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const stmt of statements()) await sql.raw(stmt).execute(db);
}
