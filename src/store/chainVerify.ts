// The walk over the hash chains (./chain.ts) that `santei verify` and the backup's check run: every office's
// claim versions and audit rows in chain order, each row's place (no gap), its link to the row before it,
// its digest recomputed from its content, and for a claim version its input against input_digest and its
// totals against its result. Each chain's first broken link is named in Japanese (office, table, row,
// what differs). A close's audit row and its claim version must both be there: a version deleted from the
// end of its chain is found by the audit row that recorded it.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  auditDigest,
  claimDigest,
  GENESIS,
  type AuditContent,
  type ChainTable,
  type ClaimContent,
} from './chain.js';
import { num, type DB } from './db.js';

export type ChainBreakKind =
  'gap' | 'link' | 'content' | 'input' | 'totals' | 'unrecorded' | 'missing' | 'truncated' | 'diverged';

/** The last row of one chain: where an earlier copy (a backup) left it. */
export interface ChainHead {
  table: ChainTable;
  officeId: string;
  seq: number;
  digest: string;
}

/** Every chain's last row. */
export async function chainHeads(db: Kysely<DB>): Promise<ChainHead[]> {
  const out: ChainHead[] = [];
  for (const table of ['claim_versions', 'audit_log'] as const) {
    const rows = await sql<{ office_id: string; chain_seq: number | string; digest: string }>`
      SELECT office_id, chain_seq, digest FROM ${sql.table(table)}
      WHERE (office_id, chain_seq) IN (SELECT office_id, max(chain_seq) FROM ${sql.table(table)} GROUP BY office_id)
      ORDER BY office_id`.execute(db);
    for (const r of rows.rows)
      out.push({ table, officeId: r.office_id, seq: num(r.chain_seq), digest: r.digest });
  }
  return out;
}

/** The first broken link of one chain. */
export interface ChainBreak {
  officeId: string;
  table: ChainTable;
  /** The row's place in the chain (chain_seq) where the break is found. */
  chainSeq: number;
  /** The row as the clerk names it: `2024-07 第2版` / `seq 123`. */
  row: string;
  kind: ChainBreakKind;
  /** What is wrong, in Japanese, naming the office, the table, the row and what differs. */
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Offices with a chain (the global audit chain, office '', counted as one). */
  offices: number;
  claimVersions: number;
  auditRows: number;
  /**
   * sha-256 over every chain's last place and digest: noted after a verify, it shows at the next one whether
   * rows were cut from the end of a chain (which no link inside the chain can show).
   */
  head: string;
  breaks: ChainBreak[];
}

export const TABLE_LABEL: Record<ChainTable, string> = { claim_versions: '請求の版', audit_log: '監査記録' };

const TOTAL_LABEL = {
  units: '単位数（units）',
  yen: '金額（yen）',
  insurer: '保険者負担（insurer）',
  copay: '利用者負担（copay）',
} as const;

const short = (d: string): string => (d ? `${d.slice(0, 12)}…` : '（空）');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

interface Walk {
  officeId: string;
  table: ChainTable;
  where: string;
  expected: number;
  prev: string;
  broken?: ChainBreak;
}

/** Checks the row's place and link (the parts both tables share); false once the chain is broken. */
function link(w: Walk, seq: number, row: string, prevDigest: string): boolean {
  const fail = (kind: ChainBreakKind, message: string): false => {
    w.broken = { officeId: w.officeId, table: w.table, chainSeq: seq, row, kind, message };
    return false;
  };
  if (seq !== w.expected) {
    return fail(
      'gap',
      w.expected === 1
        ? `${w.where}: 連番 1 の行がありません（最初の行が連番 ${seq}（${row}）です。行が削除されています）`
        : `${w.where}: 連番 ${w.expected} の行がありません（連番 ${w.expected - 1} の次が連番 ${seq}（${row}）です。行が削除されています）`,
    );
  }
  if (prevDigest !== w.prev) {
    return fail(
      'link',
      seq === 1
        ? `${w.where}: 連番 1（${row}）が最初の行の印（${short(GENESIS)}）を指していません（${short(prevDigest)}。前に行があったか、差し替えられています）`
        : `${w.where}: 連番 ${seq}（${row}）が指す前の行の要約値 ${short(prevDigest)} が、連番 ${seq - 1} の要約値 ${short(w.prev)} と違います（連番 ${seq - 1} が書き換えられたか、差し替えられています）`,
    );
  }
  return true;
}

function contentBreak(w: Walk, seq: number, row: string, stored: string, computed: string): void {
  w.broken = {
    officeId: w.officeId,
    table: w.table,
    chainSeq: seq,
    row,
    kind: 'content',
    message: `${w.where}: 連番 ${seq}（${row}）の内容が記録されたときと違います（要約値: 記録 ${short(stored)}、内容から計算 ${short(computed)}）`,
  };
}

/** What a claim version's content says against itself (input digest, totals); undefined when it agrees. */
function claimSelfCheck(r: ClaimContent): { kind: ChainBreakKind; what: string } | undefined {
  if (sha256(r.input_json) !== r.input_digest)
    return { kind: 'input', what: '入力（input_json）がその要約値（input_digest）と一致しません' };
  let result: { totals?: Record<string, unknown>; claims?: unknown[]; rejections?: unknown[] };
  try {
    result = JSON.parse(r.result_json) as typeof result;
  } catch {
    return { kind: 'totals', what: '結果（result_json）が JSON として読めません' };
  }
  for (const k of Object.keys(TOTAL_LABEL) as (keyof typeof TOTAL_LABEL)[]) {
    const inResult = Number(result.totals?.[k]);
    if (num(r[k]) !== inResult)
      return {
        kind: 'totals',
        what: `${TOTAL_LABEL[k]}が ${num(r[k])} ですが、結果（result_json）の合計では ${inResult} です`,
      };
  }
  const counts = [
    ['請求件数（claim_count）', r.claim_count, result.claims?.length],
    ['返戻件数（rejection_count）', r.rejection_count, result.rejections?.length],
  ] as const;
  for (const [label, col, inResult] of counts)
    if (num(col) !== inResult)
      return {
        kind: 'totals',
        what: `${label}が ${num(col)} ですが、結果（result_json）では ${inResult} 件です`,
      };
  return undefined;
}

async function officeLabels(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('offices').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, `事業所「${r.name}」（${r.id}）`]));
}

async function officesOf(db: Kysely<DB>, table: ChainTable, only?: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom(table as 'audit_log')
    .select('office_id')
    .distinct()
    .orderBy('office_id')
    .execute();
  const all = rows.map((r) => r.office_id);
  return only ? all.filter((o) => only.includes(o)) : all;
}

/** Walks the chains (all offices', or only those of `officeIds`) and reports each chain's first break. */
export async function verifyChains(
  db: Kysely<DB>,
  opts: {
    officeIds?: readonly string[];
    /**
     * The chains' heads in an earlier copy (a backup, chainHeads): each must still be there, with the same
     * digest; a chain cut from its end (which no link inside it can show) is found against them.
     */
    earlier?: readonly ChainHead[];
  } = {},
): Promise<ChainReport> {
  const labels = await officeLabels(db);
  const whereOf = (officeId: string, table: ChainTable): string =>
    `${officeId === '' ? '事業所に属さない記録' : (labels.get(officeId) ?? `事業所（${officeId}）`)}の${TABLE_LABEL[table]}`;
  const breaks: ChainBreak[] = [];
  const heads: string[] = [];
  let claimVersions = 0;
  let auditRows = 0;
  /** Per office: claim version id → its row name, and the ids that close audit rows recorded. */
  const versionsOf = new Map<string, Map<string, { seq: number; row: string }>>();
  const closesOf = new Map<string, Map<string, number>>();

  for (const officeId of await officesOf(db, 'claim_versions', opts.officeIds)) {
    const w: Walk = {
      officeId,
      table: 'claim_versions',
      where: whereOf(officeId, 'claim_versions'),
      expected: 1,
      prev: GENESIS,
    };
    const ids = new Map<string, { seq: number; row: string }>();
    versionsOf.set(officeId, ids);
    let after = 0;
    while (!w.broken) {
      // A few at a time: a version's input and result can be large.
      const page = await db
        .selectFrom('claim_versions')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('chain_seq', '>', after)
        .orderBy('chain_seq')
        .limit(4)
        .execute();
      if (page.length === 0) break;
      for (const r of page) {
        const seq = num(r.chain_seq);
        const row = `${r.month} 第${num(r.version)}版`;
        claimVersions += 1;
        ids.set(r.id, { seq, row });
        if (!link(w, seq, row, r.prev_digest)) break;
        const { digest: stored, ...content } = r;
        const self = claimSelfCheck(content);
        if (self) {
          w.broken = {
            officeId,
            table: w.table,
            chainSeq: seq,
            row,
            kind: self.kind,
            message: `${w.where}: 連番 ${seq}（${row}）の${self.what}`,
          };
          break;
        }
        const computed = claimDigest(content);
        if (computed !== stored) {
          contentBreak(w, seq, row, stored, computed);
          break;
        }
        w.prev = stored;
        w.expected = seq + 1;
        after = seq;
      }
    }
    if (w.broken) breaks.push(w.broken);
    heads.push(`claim_versions\t${officeId}\t${w.expected - 1}\t${w.prev}`);
  }

  const auditOffices = await officesOf(db, 'audit_log', opts.officeIds);
  for (const officeId of auditOffices) {
    const w: Walk = {
      officeId,
      table: 'audit_log',
      where: whereOf(officeId, 'audit_log'),
      expected: 1,
      prev: GENESIS,
    };
    const closes = new Map<string, number>();
    closesOf.set(officeId, closes);
    let after = 0;
    while (!w.broken) {
      const page = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('office_id', '=', officeId)
        .where('chain_seq', '>', after)
        .orderBy('chain_seq')
        .limit(1000)
        .execute();
      if (page.length === 0) break;
      for (const r of page) {
        const seq = num(r.chain_seq);
        const row = `seq ${num(r.seq)}`;
        auditRows += 1;
        if (!link(w, seq, row, r.prev_digest)) break;
        const { seq: _s, digest: stored, ...content } = r;
        const computed = auditDigest(content as AuditContent);
        if (computed !== stored) {
          contentBreak(w, seq, row, stored, computed);
          break;
        }
        if (r.entity === 'claim_version' && r.action === 'close') closes.set(r.entity_id, seq);
        w.prev = stored;
        w.expected = seq + 1;
        after = seq;
      }
    }
    if (w.broken) breaks.push(w.broken);
    heads.push(`audit_log\t${officeId}\t${w.expected - 1}\t${w.prev}`);
  }

  // Each close and its version, both ways (only where both chains are whole).
  for (const [officeId, ids] of versionsOf) {
    if (breaks.some((b) => b.officeId === officeId)) continue;
    const closes = closesOf.get(officeId) ?? new Map<string, number>();
    for (const [id, v] of ids) {
      if (closes.has(id)) continue;
      breaks.push({
        officeId,
        table: 'claim_versions',
        chainSeq: v.seq,
        row: v.row,
        kind: 'unrecorded',
        message: `${whereOf(officeId, 'claim_versions')}: 連番 ${v.seq}（${v.row}）の締めの監査記録がありません（版 ${id}）`,
      });
      break;
    }
  }
  for (const [officeId, closes] of closesOf) {
    if (breaks.some((b) => b.officeId === officeId)) continue;
    const ids = versionsOf.get(officeId) ?? new Map<string, { seq: number; row: string }>();
    for (const [id, seq] of closes) {
      if (ids.has(id)) continue;
      // a close committed after the versions were walked (a live database) is there now
      const now = await db
        .selectFrom('claim_versions')
        .select('id')
        .where('office_id', '=', officeId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (now) continue;
      breaks.push({
        officeId,
        table: 'claim_versions',
        chainSeq: seq,
        row: `版 ${id}`,
        kind: 'missing',
        message: `${whereOf(officeId, 'claim_versions')}: 監査記録（連番 ${seq}）が記録した締めの版 ${id} がありません（請求の版が削除されています）`,
      });
      break;
    }
  }

  for (const h of opts.earlier ?? []) {
    if (opts.officeIds && !opts.officeIds.includes(h.officeId)) continue;
    if (breaks.some((b) => b.officeId === h.officeId && b.table === h.table)) continue;
    const now = await db
      .selectFrom(h.table as 'audit_log')
      .select('digest')
      .where('office_id', '=', h.officeId)
      .where('chain_seq', '=', h.seq)
      .executeTakeFirst();
    if (now?.digest === h.digest) continue;
    breaks.push({
      officeId: h.officeId,
      table: h.table,
      chainSeq: h.seq,
      row: `連番 ${h.seq}`,
      kind: now ? 'diverged' : 'truncated',
      message: now
        ? `${whereOf(h.officeId, h.table)}: 連番 ${h.seq} の要約値が以前のコピーの ${short(h.digest)} と違います（${short(now.digest)}。鎖ごと作り直されています）`
        : `${whereOf(h.officeId, h.table)}: 以前のコピーにある連番 ${h.seq}（要約値 ${short(h.digest)}）がありません（鎖の末尾が削られています）`,
    });
  }

  const offices = new Set([...versionsOf.keys(), ...auditOffices]).size;
  const head = createHash('sha256').update(heads.sort().join('\n'), 'utf8').digest('hex');
  return { ok: breaks.length === 0, offices, claimVersions, auditRows, head, breaks };
}
