// 0006: history that cannot be rewritten unnoticed.
// - claim_versions and audit_log get their place in their office's hash chain (chain_seq, prev_digest,
//   digest: ../chain.ts), back-filled for the rows already there in the order they were written (claim
//   versions by closed_at, month, version; audit rows by seq), and a unique (office_id, chain_seq): a
//   chain cannot fork.
// - SQLite: a BEFORE INSERT trigger refuses an INSERT over an existing key of either table, so that
//   `INSERT OR REPLACE` (which deletes the old row without firing the DELETE trigger) cannot rewrite one.
//   PostgreSQL has no REPLACE: an INSERT over a key fails on the key, ON CONFLICT DO UPDATE fires the
//   UPDATE trigger of 0001.
// The UPDATE refusals of 0001 are set aside for the back-fill only, inside this migration's transaction.
// A later migration that writes audit rows chains them as the store does (../chain.ts insertAuditRows).
import { sql, type Kysely, type Transaction } from 'kysely';
import { auditDigest, claimDigest, GENESIS, type AuditContent, type ClaimContent } from '../chain.js';
import type { DB, Engine } from '../db.js';

const TABLES = ['claim_versions', 'audit_log'] as const;

const columns = (): string[] =>
  TABLES.flatMap((t) => [
    `ALTER TABLE ${t} ADD COLUMN chain_seq INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE ${t} ADD COLUMN prev_digest TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE ${t} ADD COLUMN digest TEXT NOT NULL DEFAULT ''`,
  ]);

const chainKeys = (): string[] =>
  TABLES.map((t) => `CREATE UNIQUE INDEX ${t}_chain ON ${t} (office_id, chain_seq)`);

/** SQLite: no INSERT over an existing key (any of the table's unique keys), hence no REPLACE. */
const noReplace = (): string[] => [
  `CREATE TRIGGER claim_versions_no_replace BEFORE INSERT ON claim_versions
WHEN EXISTS (SELECT 1 FROM claim_versions c WHERE c.office_id = NEW.office_id
  AND (c.id = NEW.id OR (c.month = NEW.month AND c.version = NEW.version) OR c.chain_seq = NEW.chain_seq))
BEGIN SELECT RAISE(ABORT, 'claim_versions is append-only: INSERT over an existing row is not allowed'); END`,
  `CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = NEW.seq
  OR (a.office_id = NEW.office_id AND a.chain_seq = NEW.chain_seq))
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: INSERT over an existing row is not allowed'); END`,
];

const sqliteNoUpdate = (t: string): string =>
  `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
BEGIN SELECT RAISE(ABORT, '${t} is append-only: UPDATE is not allowed'); END`;

async function backfill(db: Transaction<DB>): Promise<void> {
  // Claim versions: one at a time (a version's result can be large).
  const versions = await db
    .selectFrom('claim_versions')
    .select(['office_id', 'id'])
    .orderBy('office_id')
    .orderBy('closed_at')
    .orderBy('month')
    .orderBy('version')
    .orderBy('id')
    .execute();
  let office: string | undefined;
  let seq = 0;
  let prev = GENESIS;
  for (const key of versions) {
    if (key.office_id !== office) [office, seq, prev] = [key.office_id, 0, GENESIS];
    const r = await db
      .selectFrom('claim_versions')
      .selectAll()
      .where('office_id', '=', key.office_id)
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    seq += 1;
    const { digest: _d, ...rest } = r;
    const content: ClaimContent = { ...rest, chain_seq: seq, prev_digest: prev };
    prev = claimDigest(content);
    await db
      .updateTable('claim_versions')
      .set({ chain_seq: seq, prev_digest: content.prev_digest, digest: prev })
      .where('office_id', '=', key.office_id)
      .where('id', '=', key.id)
      .execute();
  }
  // Audit rows: in pages, by seq.
  const heads = new Map<string, { seq: number; digest: string }>();
  let after: number | string = -1;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(2000)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      const head = heads.get(r.office_id) ?? { seq: 0, digest: GENESIS };
      const { seq: rowSeq, digest: _d, ...rest } = r;
      const content: AuditContent = { ...rest, chain_seq: head.seq + 1, prev_digest: head.digest };
      const digest = auditDigest(content);
      heads.set(r.office_id, { seq: content.chain_seq, digest });
      await db
        .updateTable('audit_log')
        .set({ chain_seq: content.chain_seq, prev_digest: content.prev_digest, digest })
        .where('office_id', '=', r.office_id)
        .where('seq', '=', rowSeq)
        .execute();
    }
    after = page[page.length - 1]!.seq;
  }
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const run = async (trx: Transaction<DB>): Promise<void> => {
    const exec = async (stmts: string[]): Promise<void> => {
      for (const s of stmts) await sql.raw(s).execute(trx);
    };
    await exec(columns());
    if (engine === 'sqlite') {
      await exec(TABLES.map((t) => `DROP TRIGGER ${t}_no_update`));
      await backfill(trx);
      await exec([...TABLES.map(sqliteNoUpdate), ...noReplace()]);
    } else {
      await exec(TABLES.map((t) => `ALTER TABLE ${t} DISABLE TRIGGER ${t}_append_only`));
      await backfill(trx);
      await exec(TABLES.map((t) => `ALTER TABLE ${t} ENABLE TRIGGER ${t}_append_only`));
    }
    await exec(chainKeys());
  };
  // PostgreSQL runs each migration in a transaction already; SQLite's are run without one (Kysely).
  const k = db as Kysely<DB>;
  if (k.isTransaction) await run(k as Transaction<DB>);
  else await k.transaction().execute(run);
}
