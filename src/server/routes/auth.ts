// POST /login, POST /logout, GET /me, POST /me/password. Throttling and its audit: src/app/login.ts.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { passwordSchema } from '../../contract/schemas.js';
import { changePassword, knownTokensAfter, login, me, type Store, type Throttled } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { HttpError, badRequest } from '../errors.js';
import {
  SESSION_COOKIE,
  clearSessionCookie,
  knownTokensOf,
  setKnownClientCookie,
  setSessionCookie,
  userOf,
  type AuthOptions,
} from '../auth.js';
import { meSchema } from '../shapes.js';

const loginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** 429 with Retry-After: how long this client still waits. */
function tooSoon(reply: FastifyReply, out: Throttled): never {
  void reply.header('retry-after', String(out.retryAfterSeconds));
  throw new HttpError(429, out.message);
}

export function registerAuthRoutes({ define }: ServerContext, store: Store, opts: AuthOptions): void {
  define({
    method: 'POST',
    url: '/api/v1/login',
    summary:
      'ログイン（セッションのクッキーを設定）。失敗が続くと待ち時間（429、Retry-After）。以前にログインしたブラウザーは待たずに入れます',
    tags: ['auth'],
    access: 'public',
    body: loginBody,
    response: { 200: meSchema },
    handler: async (req, reply) => {
      const tokens = knownTokensOf(req);
      const out = await login(store, {
        ...req.body,
        client: req.ip,
        knownTokens: tokens,
        sessionTtlMs: opts.sessionTtlSeconds * 1000,
      });
      if (out.kind === 'wait') tooSoon(reply, out);
      if (out.kind === 'wrong') {
        throw new HttpError(401, [{ path: 'password', message: 'ユーザー名またはパスワードが違います' }]);
      }
      setSessionCookie(reply, out.session.token, opts);
      setKnownClientCookie(reply, knownTokensAfter(tokens, out.knownClient), opts);
      return me(store, out.user);
    },
  });

  define({
    method: 'POST',
    url: '/api/v1/logout',
    summary: 'ログアウト',
    tags: ['auth'],
    access: 'user',
    handler: async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await store.deleteSession(token);
      clearSessionCookie(reply, opts);
      return reply.status(204).send();
    },
  });

  define({
    method: 'POST',
    url: '/api/v1/me/password',
    summary: '自分のパスワードを変更（今のパスワードが必要。誤りが続くと待ち時間、429）',
    tags: ['auth'],
    access: 'user',
    body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
    handler: async (req, reply) => {
      const out = await changePassword(store, userOf(req), { ...req.body, client: req.ip });
      if (out.kind === 'wait') tooSoon(reply, out);
      if (out.kind === 'wrong') {
        throw badRequest([{ path: 'currentPassword', message: '今のパスワードが違います' }]);
      }
      return reply.status(204).send();
    },
  });

  define({
    method: 'GET',
    url: '/api/v1/me',
    summary: 'ログイン中のユーザーと使える事業所',
    tags: ['auth'],
    access: 'user',
    response: { 200: meSchema },
    handler: async (req) => me(store, userOf(req)),
  });
}
