// The Idempotency-Key of a close (0008): written in the close's transaction beside its claim version, read
// back when a close comes again with the same key, the same office and the same user.
import type { ActorId } from '../../contract/types.js';
import type { CloseKey, Store } from '../store.js';
import { summaryFromRow } from './rows.js';
import type { Db, StoreContext } from './shared.js';
import { now } from './util.js';

/** Keeps the key of the close that made version `versionId` (in that close's transaction). */
export async function saveCloseKey(
  trx: Db,
  officeId: string,
  month: string,
  versionId: string,
  key: { key: string; userId: ActorId; requestHash: string },
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({
      office_id: officeId,
      user_id: key.userId,
      key: key.key,
      request_hash: key.requestHash,
      month,
      version_id: versionId,
      created_at: now(),
    })
    .execute();
}

export function idempotencyRepo(ctx: StoreContext): Pick<Store, 'findCloseKey'> {
  return {
    async findCloseKey(officeId, userId, key): Promise<CloseKey | null> {
      const r = await ctx.db
        .selectFrom('idempotency_keys as k')
        .innerJoin('claim_versions as v', (j) =>
          j.onRef('v.office_id', '=', 'k.office_id').onRef('v.id', '=', 'k.version_id'),
        )
        .select([
          'k.request_hash',
          'k.month as key_month',
          'v.office_id',
          'v.id',
          'v.month',
          'v.version',
          'v.schedule_id',
          'v.engine_version',
          'v.input_digest',
          'v.closed_by',
          'v.closed_at',
          'v.units',
          'v.yen',
          'v.insurer',
          'v.copay',
          'v.claim_count',
          'v.rejection_count',
        ])
        .where('k.office_id', '=', officeId)
        .where('k.user_id', '=', userId)
        .where('k.key', '=', key)
        .executeTakeFirst();
      if (!r) return null;
      return { requestHash: r.request_hash, month: r.key_month, version: summaryFromRow(r) };
    },
  };
}
