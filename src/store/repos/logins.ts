// Login throttling and known clients (migration 0005). The store keeps the counts and the tokens; what
// they mean — which keys, how long to wait, what is audited — is src/app/login.ts's. Each key is kept as
// its sha-256 (no username or address in the table); each known client's token as its sha-256.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../store.js';
import { audit, type StoreContext } from './shared.js';
import { now } from './util.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The newest known clients kept per user; older ones are forgotten (and audited as deleted). */
export const KNOWN_CLIENTS_PER_USER = 20;

/** A known client's token: 32 random bytes, base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

type LoginMethods =
  | 'loginThrottles'
  | 'recordLoginFailure'
  | 'recordLoginRefusal'
  | 'clearLoginThrottles'
  | 'findKnownClient'
  | 'rememberClient';

export function loginsRepo(ctx: StoreContext): Pick<Store, LoginMethods> {
  return {
    async loginThrottles(keys, forgetBefore) {
      if (keys.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('login_throttle')
        .selectAll()
        .where(
          'key_hash',
          'in',
          keys.map((k) => sha256(k)),
        )
        .execute();
      const byHash = new Map(rows.map((r) => [r.key_hash, r]));
      return keys.map((key) => {
        const r = byHash.get(sha256(key));
        if (!r || r.last_failure_at < forgetBefore) {
          return { key, failures: 0, lastFailureAt: '', refusalAudited: false };
        }
        return {
          key,
          failures: Number(r.failures),
          lastFailureAt: r.last_failure_at,
          refusalAudited: r.refusal_audited_at === r.last_failure_at,
        };
      });
    },

    async recordLoginFailure(keys, at, forgetBefore, describe) {
      return ctx.db.transaction().execute(async (trx) => {
        // The failures of the last `forget` period are all that is kept: older rows go as new ones come.
        await trx.deleteFrom('login_throttle').where('last_failure_at', '<', forgetBefore).execute();
        const counts: number[] = [];
        for (const key of keys) {
          const r = await trx
            .insertInto('login_throttle')
            .values({ key_hash: sha256(key), failures: 1, last_failure_at: at, refusal_audited_at: null })
            .onConflict((oc) =>
              oc.column('key_hash').doUpdateSet({
                failures: sql<number>`login_throttle.failures + 1`,
                last_failure_at: at,
              }),
            )
            .returning('failures')
            .executeTakeFirstOrThrow();
          counts.push(Number(r.failures));
        }
        await audit(trx, describe(counts));
        return counts;
      });
    },

    async recordLoginRefusal(key, lastFailureAt, entries) {
      return ctx.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('login_throttle')
          .set({ refusal_audited_at: lastFailureAt })
          .where('key_hash', '=', sha256(key))
          .where('last_failure_at', '=', lastFailureAt)
          .where((eb) =>
            eb.or([eb('refusal_audited_at', 'is', null), eb('refusal_audited_at', '<>', lastFailureAt)]),
          )
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await audit(trx, entries);
        return true;
      });
    },

    async clearLoginThrottles(keys) {
      if (keys.length === 0) return;
      await ctx.db
        .deleteFrom('login_throttle')
        .where(
          'key_hash',
          'in',
          keys.map((k) => sha256(k)),
        )
        .execute();
    },

    async findKnownClient(tokens, username) {
      const valid = tokens.filter((t) => TOKEN.test(t)).slice(0, 10);
      if (valid.length === 0) return null;
      const byHash = new Map(valid.map((t) => [sha256(t), t]));
      const r = await ctx.db
        .selectFrom('known_clients')
        .innerJoin('users', 'users.id', 'known_clients.user_id')
        .select(['known_clients.id as id', 'known_clients.user_id as userId', 'known_clients.token_hash'])
        .where('known_clients.token_hash', 'in', [...byHash.keys()])
        .where('users.username', '=', username)
        .executeTakeFirst();
      return r ? { id: r.id, userId: r.userId, token: byHash.get(r.token_hash)! } : null;
    },

    async rememberClient(userId, known, client) {
      const t = now();
      return ctx.db.transaction().execute(async (trx) => {
        if (known) {
          await trx
            .updateTable('known_clients')
            .set({ last_used_at: t })
            .where('id', '=', known.id)
            .where('user_id', '=', userId)
            .execute();
          return known;
        }
        const remembered = { id: randomUUID(), userId, token: randomBytes(32).toString('base64url') };
        await trx
          .insertInto('known_clients')
          .values({
            id: remembered.id,
            user_id: userId,
            token_hash: sha256(remembered.token),
            created_at: t,
            last_used_at: t,
          })
          .execute();
        const older = await trx
          .selectFrom('known_clients')
          .select(['id', 'created_at', 'last_used_at'])
          .where('user_id', '=', userId)
          // The newest by last use; within one millisecond, the one made later is the newer.
          .orderBy('last_used_at', 'desc')
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .offset(KNOWN_CLIENTS_PER_USER)
          .limit(1000)
          .execute();
        if (older.length) {
          await trx
            .deleteFrom('known_clients')
            .where(
              'id',
              'in',
              older.map((o) => o.id),
            )
            .execute();
        }
        await audit(trx, [
          {
            officeId: '',
            actor: userId,
            entity: 'known_client',
            entityId: remembered.id,
            action: 'create',
            before: null,
            after: { id: remembered.id, userId, client, createdAt: t },
          },
          ...older.map((o) => ({
            officeId: '',
            actor: userId,
            entity: 'known_client' as const,
            entityId: o.id,
            action: 'delete' as const,
            before: { id: o.id, userId, createdAt: o.created_at, lastUsedAt: o.last_used_at },
            after: null,
          })),
        ]);
        return remembered;
      });
    },
  };
}
