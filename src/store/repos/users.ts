// Users and their sessions (global, not office-owned). A password is kept as its scrypt hash and never
// leaves the store; a session token only as its sha-256, returned once at creation.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { userInputSchema, userPatchSchema } from '../../contract/schemas.js';
import type { ActorId, NewSession, Session, User, UserInput, UserPatch } from '../../contract/types.js';
import type { DB } from '../db.js';
import {
  DUMMY_HASH,
  hashPassword,
  needsRehash,
  paramsOf,
  verifyPassword as passwordMatches,
} from '../passwords.js';
import { parseOrThrow, StoreError, type Store, type UserChangeGuard } from '../store.js';
import { audit, type Db, type StoreContext } from './shared.js';
import { compact, isUniqueViolation, notFound, now, omit } from './util.js';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function userFromRow(db: Db, r: DB['users']): Promise<User> {
  const offices = await db
    .selectFrom('user_offices')
    .select('office_id')
    .where('user_id', '=', r.id)
    .orderBy('office_id')
    .execute();
  return compact({
    id: r.id,
    username: r.username,
    displayName: r.display_name ?? undefined,
    role: r.role as User['role'],
    officeIds: offices.map((o) => o.office_id),
    disabled: r.disabled ? true : undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

async function checkOffices(db: Db, officeIds: readonly string[]): Promise<void> {
  if (officeIds.length === 0) return;
  const rows = await db
    .selectFrom('offices')
    .select('id')
    .where('id', 'in', [...officeIds])
    .execute();
  const known = new Set(rows.map((r) => r.id));
  const problems = officeIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `officeIds[${i}]`, message: `事業所 "${id}" はありません` }],
  );
  if (problems.length) throw new StoreError('invalid', 'ユーザーの入力に誤りがあります', problems);
}

/**
 * The enabled admins of any of these offices, read inside the caller's transaction. On PostgreSQL their
 * rows are locked (FOR UPDATE) so that two changes that each leave one admin cannot both pass; SQLite runs
 * one write transaction at a time.
 */
async function enabledAdmins(ctx: StoreContext, trx: Db, officeIds: readonly string[]): Promise<User[]> {
  if (officeIds.length === 0) return [];
  let q = trx
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', 'in', (sub) =>
      sub
        .selectFrom('user_offices')
        .select('user_id')
        .where('office_id', 'in', [...officeIds]),
    )
    .orderBy('id');
  if (ctx.engine === 'postgres') q = q.forUpdate();
  const rows = await q.execute();
  return Promise.all(rows.map((r) => userFromRow(trx, r)));
}

/** The scheme of a stored hash as the audit shows it (never the hash itself). */
const scheme = (hash: string): string => {
  const p = paramsOf(hash);
  return p ? `scrypt N=${p.N} r=${p.r} p=${p.p}` : 'unknown';
};

/**
 * A hash made with older parameters, replaced at a successful login by one with the current parameters
 * (the password is at hand only now), with its audit row. Only if it is still the hash that was checked.
 */
async function rehash(ctx: StoreContext, r: DB['users'], password: string): Promise<void> {
  const fresh = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('users')
      .set({ password_hash: fresh })
      .where('id', '=', r.id)
      .where('password_hash', '=', r.password_hash)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return;
    await audit(trx, {
      officeId: '',
      actor: r.id,
      entity: 'user',
      entityId: r.id,
      action: 'update',
      before: { passwordHash: scheme(r.password_hash) },
      after: { passwordHash: scheme(fresh) },
    });
  });
}

function usernameTaken(e: unknown, username: string): never {
  if (isUniqueViolation(e)) {
    throw new StoreError('conflict', 'そのユーザー名はすでに使われています', [
      { path: 'username', message: `ユーザー名 "${username}" はすでに使われています` },
    ]);
  }
  throw e;
}

type UserMethods =
  | 'createUser'
  | 'getUser'
  | 'getUserByUsername'
  | 'listUsers'
  | 'updateUser'
  | 'verifyPassword'
  | 'createSession'
  | 'getSession'
  | 'deleteSession';

export function usersRepo(ctx: StoreContext): Pick<Store, UserMethods> {
  return {
    async createUser(raw: UserInput, actor: ActorId): Promise<User> {
      const input = parseOrThrow(userInputSchema, raw, 'ユーザー');
      const hash = await hashPassword(input.password);
      const t = now();
      const user: User = compact({
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        officeIds: [...new Set(input.officeIds)].sort(),
        disabled: input.disabled ? true : undefined,
        createdAt: t,
        updatedAt: t,
      });
      try {
        await ctx.db.transaction().execute(async (trx) => {
          await checkOffices(trx, user.officeIds);
          await trx
            .insertInto('users')
            .values({
              id: user.id,
              username: user.username,
              display_name: user.displayName ?? null,
              role: user.role,
              password_hash: hash,
              disabled: user.disabled ? 1 : 0,
              created_at: t,
              updated_at: t,
            })
            .execute();
          if (user.officeIds.length) {
            await trx
              .insertInto('user_offices')
              .values(user.officeIds.map((office_id) => ({ user_id: user.id, office_id })))
              .execute();
          }
          await audit(trx, {
            officeId: '',
            actor,
            entity: 'user',
            entityId: user.id,
            action: 'create',
            before: null,
            after: user,
          });
        });
      } catch (e) {
        usernameTaken(e, user.username);
      }
      return user;
    },

    async getUser(id: string): Promise<User | null> {
      const r = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? userFromRow(ctx.db, r) : null;
    },

    async getUserByUsername(username: string): Promise<User | null> {
      const r = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return r ? userFromRow(ctx.db, r) : null;
    },

    async listUsers(): Promise<User[]> {
      const rows = await ctx.db.selectFrom('users').selectAll().orderBy('username').execute();
      return Promise.all(rows.map((r) => userFromRow(ctx.db, r)));
    },

    async updateUser(
      id: string,
      rawPatch: UserPatch,
      actor: ActorId,
      guard?: UserChangeGuard,
    ): Promise<User> {
      const patch = parseOrThrow(userPatchSchema, rawPatch, 'ユーザー');
      const hash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          const r = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
          if (!r) throw notFound('ユーザー', id);
          const before = await userFromRow(trx, r);
          const after: User = compact({
            ...before,
            ...omit(patch, ['password']),
            officeIds: patch.officeIds ? [...new Set(patch.officeIds)].sort() : before.officeIds,
            disabled: (patch.disabled ?? before.disabled) ? true : undefined,
            updatedAt: now(),
          });
          await checkOffices(trx, after.officeIds);
          if (guard) await guard({ before, after, admins: await enabledAdmins(ctx, trx, before.officeIds) });
          await trx
            .updateTable('users')
            .set({
              username: after.username,
              display_name: after.displayName ?? null,
              role: after.role,
              disabled: after.disabled ? 1 : 0,
              updated_at: after.updatedAt,
              ...(hash !== undefined ? { password_hash: hash } : {}),
            })
            .where('id', '=', id)
            .execute();
          if (patch.officeIds) {
            await trx.deleteFrom('user_offices').where('user_id', '=', id).execute();
            if (after.officeIds.length) {
              await trx
                .insertInto('user_offices')
                .values(after.officeIds.map((office_id) => ({ user_id: id, office_id })))
                .execute();
            }
          }
          // A new password or a disabled user ends the user's sessions.
          if (hash !== undefined || after.disabled)
            await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
          const shown = hash !== undefined ? { ...after, passwordChanged: true } : after;
          await audit(trx, {
            officeId: '',
            actor,
            entity: 'user',
            entityId: id,
            action: 'update',
            before,
            after: shown,
          });
          return after;
        });
      } catch (e) {
        usernameTaken(e, String(patch.username ?? ''));
      }
    },

    async verifyPassword(username: string, password: string): Promise<User | null> {
      const r = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      const ok = await passwordMatches(password, r?.password_hash ?? DUMMY_HASH);
      if (!r || !ok || r.disabled) return null;
      if (needsRehash(r.password_hash)) await rehash(ctx, r, password);
      return userFromRow(ctx.db, r);
    },

    async createSession(userId: string, ttlMs: number): Promise<NewSession> {
      const token = randomBytes(32).toString('base64url');
      const t = new Date();
      const session: Session = {
        id: randomUUID(),
        userId,
        createdAt: t.toISOString(),
        expiresAt: new Date(t.getTime() + Math.max(0, ttlMs)).toISOString(),
      };
      await ctx.db.transaction().execute(async (trx) => {
        const u = await trx
          .selectFrom('users')
          .select(['id', 'disabled'])
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!u || u.disabled) throw notFound('ユーザー', userId);
        // Expired sessions are swept as new ones are made.
        await trx.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute();
        await trx
          .insertInto('sessions')
          .values({
            id: session.id,
            user_id: userId,
            token_hash: tokenHash(token),
            created_at: session.createdAt,
            expires_at: session.expiresAt,
          })
          .execute();
        await audit(trx, {
          officeId: '',
          actor: userId,
          entity: 'session',
          entityId: session.id,
          action: 'login',
          before: null,
          after: session,
        });
      });
      return { ...session, token };
    },

    async getSession(token: string): Promise<{ session: Session; user: User } | null> {
      if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
      const r = await ctx.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select([
          'sessions.id as session_id',
          'sessions.created_at as session_created_at',
          'sessions.expires_at as session_expires_at',
        ])
        .where('sessions.token_hash', '=', tokenHash(token))
        .executeTakeFirst();
      if (!r || r.disabled || r.session_expires_at <= now()) return null;
      const { session_id, session_created_at, session_expires_at, ...userRow } = r;
      return {
        session: {
          id: session_id,
          userId: r.id,
          createdAt: session_created_at,
          expiresAt: session_expires_at,
        },
        user: await userFromRow(ctx.db, userRow),
      };
    },

    async deleteSession(token: string): Promise<void> {
      await ctx.db.transaction().execute(async (trx) => {
        const s = await trx
          .selectFrom('sessions')
          .selectAll()
          .where('token_hash', '=', tokenHash(token))
          .executeTakeFirst();
        if (!s) return;
        await trx.deleteFrom('sessions').where('id', '=', s.id).execute();
        const before: Session = {
          id: s.id,
          userId: s.user_id,
          createdAt: s.created_at,
          expiresAt: s.expires_at,
        };
        await audit(trx, {
          officeId: '',
          actor: s.user_id,
          entity: 'session',
          entityId: s.id,
          action: 'logout',
          before,
          after: null,
        });
      });
    },
  };
}
