// The hash chains of the append-only history (0006): each claim version and each audit row carries its
// place in its office's chain (chain_seq 1, 2, …), the digest of the row before it (prev_digest; the first
// row links to GENESIS) and its own digest: sha-256 over a canonical serialisation of its fields and
// prev_digest. Global audit rows (office '') form their own chain. A row is chained in the transaction
// that writes it: the office's chain is locked (PostgreSQL: an advisory lock per office; SQLite writes are
// serialised by the database) and its last row read, so two writes cannot fork it, and the unique key
// (office_id, chain_seq) refuses a fork all the same. The walk that checks the chains is ./chainVerify.ts.
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { AuditLogTable, ClaimVersionsTable, DB } from './db.js';

/** The prev_digest of an office's first row. */
export const GENESIS = '0'.repeat(64);

/** The chained tables. */
export type ChainTable = 'claim_versions' | 'audit_log';

/** The columns a row's place in its chain adds. */
export interface ChainLink {
  chain_seq: number;
  prev_digest: string;
  digest: string;
}

type Db = Kysely<DB> | Transaction<DB>;
type Value = string | number | bigint | null | undefined;

/**
 * sha-256 over the row's fields in a fixed order, each written as `name=<bytes>:<text>\n` (null as
 * `name=null\n`): unambiguous whatever the text holds, and fed piece by piece (a version's result is large).
 */
function digestOf(table: ChainTable, fields: readonly (readonly [string, Value])[]): string {
  const h = createHash('sha256');
  h.update(`santei-chain-1\n${table}\n`);
  for (const [name, v] of fields) {
    if (v === null || v === undefined) {
      h.update(`${name}=null\n`);
      continue;
    }
    const text = String(v);
    h.update(`${name}=${Buffer.byteLength(text, 'utf8')}:`);
    h.update(text, 'utf8');
    h.update('\n');
  }
  return h.digest('hex');
}

/** The claim version's fields as its digest covers them (all its columns but the digest itself). */
export type ClaimContent = Omit<ClaimVersionsTable, 'digest'>;
/** The audit row's fields as its digest covers them (all but seq, the database's own numbering). */
export type AuditContent = Omit<AuditLogTable, 'seq' | 'digest'>;

export function claimDigest(r: ClaimContent): string {
  return digestOf('claim_versions', [
    ['office_id', r.office_id],
    ['chain_seq', r.chain_seq],
    ['id', r.id],
    ['month', r.month],
    ['version', r.version],
    ['schedule_id', r.schedule_id],
    ['engine_version', r.engine_version],
    ['input_digest', r.input_digest],
    ['closed_by', r.closed_by],
    ['closed_at', r.closed_at],
    ['units', r.units],
    ['yen', r.yen],
    ['insurer', r.insurer],
    ['copay', r.copay],
    ['claim_count', r.claim_count],
    ['rejection_count', r.rejection_count],
    ['input_json', r.input_json],
    ['result_json', r.result_json],
    ['report_warnings_json', r.report_warnings_json],
    ['prev_digest', r.prev_digest],
  ]);
}

export function auditDigest(r: AuditContent): string {
  return digestOf('audit_log', [
    ['office_id', r.office_id],
    ['chain_seq', r.chain_seq],
    ['at', r.at],
    ['actor', r.actor],
    ['entity', r.entity],
    ['entity_id', r.entity_id],
    ['action', r.action],
    ['before_json', r.before_json],
    ['after_json', r.after_json],
    ['prev_digest', r.prev_digest],
  ]);
}

const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Holds the office's chains (both tables) until the transaction ends. PostgreSQL: an advisory lock per
 * office (taken again in the same transaction it is already held). SQLite: one writer at a time already.
 */
export async function lockChain(trx: Transaction<DB>, officeId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`SELECT pg_advisory_xact_lock(hashtext('santei.chain'), hashtext(${officeId}))`.execute(trx);
}

/** The office's last row in the chain: its place and digest (0 and GENESIS when the chain is empty). */
export async function chainHead(
  db: Db,
  table: ChainTable,
  officeId: string,
): Promise<{ seq: number; digest: string }> {
  const r = await db
    .selectFrom(table as 'audit_log')
    .select(['chain_seq', 'digest'])
    .where('office_id', '=', officeId)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: Number(r.chain_seq), digest: r.digest } : { seq: 0, digest: GENESIS };
}

/** The claim version row with its link: call inside the transaction that inserts it. */
export async function chainClaimVersion(
  trx: Transaction<DB>,
  row: Omit<ClaimContent, 'chain_seq' | 'prev_digest'>,
): Promise<Insertable<ClaimVersionsTable>> {
  await lockChain(trx, row.office_id);
  const head = await chainHead(trx, 'claim_versions', row.office_id);
  const content: ClaimContent = { ...row, chain_seq: head.seq + 1, prev_digest: head.digest };
  return { ...content, digest: claimDigest(content) };
}

/** An audit row before it is chained. */
export type AuditRow = Omit<AuditContent, 'chain_seq' | 'prev_digest'>;

/**
 * The audit rows chained after their offices' last rows, in the order given, and inserted (multi-row
 * inserts): in the caller's transaction, or in one of their own when `db` is not one.
 */
export async function insertAuditRows(db: Db, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const write = async (trx: Transaction<DB>): Promise<void> => {
    // Offices in a fixed order, so that two transactions never wait on each other's office.
    const offices = [...new Set(rows.map((r) => r.office_id))].sort();
    const heads = new Map<string, { seq: number; digest: string }>();
    for (const officeId of offices) {
      await lockChain(trx, officeId);
      heads.set(officeId, await chainHead(trx, 'audit_log', officeId));
    }
    const chained = rows.map((r) => {
      const head = heads.get(r.office_id)!;
      const content: AuditContent = { ...r, chain_seq: head.seq + 1, prev_digest: head.digest };
      const digest = auditDigest(content);
      heads.set(r.office_id, { seq: content.chain_seq, digest });
      return { ...content, digest };
    });
    // Multi-row inserts under both engines' bound-parameter limits (11 columns a row, as repos/util.ts chunks).
    const perInsert = Math.floor(20_000 / 11);
    for (let i = 0; i < chained.length; i += perInsert)
      await trx
        .insertInto('audit_log')
        .values(chained.slice(i, i + perInsert))
        .execute();
  };
  if (db.isTransaction) await write(db as Transaction<DB>);
  else await db.transaction().execute(write);
}
