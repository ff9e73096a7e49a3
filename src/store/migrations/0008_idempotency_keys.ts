// 0008: the Idempotency-Key of a close (POST …/months/:month/close). A retried close with the same key
// (the same office and user) answers with the version the first one made instead of making another: the
// key is written in the close's own transaction, beside its claim version, so a key is there exactly when
// its version is (a retry after a crash or a restart replays too). `request_hash` is the sha-256 of what
// was asked (the month and the body): the same key asking something else is refused.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../db.js';

const statements = (): string[] => [
  `CREATE TABLE idempotency_keys (
  office_id TEXT NOT NULL REFERENCES offices (id),
  user_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  month TEXT NOT NULL,
  version_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (office_id, user_id, key),
  FOREIGN KEY (office_id, version_id) REFERENCES claim_versions (office_id, id)
)`,
];

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const stmt of statements()) await sql.raw(stmt).execute(db);
}
