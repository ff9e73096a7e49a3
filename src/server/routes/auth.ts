// POST /login, POST /logout, GET /me.
import { z } from 'zod';
import { passwordSchema } from '../../contract/schemas.js';
import { me, type Store } from '../../app/index.js';
import type { ServerContext } from '../context.js';
import { HttpError, badRequest } from '../errors.js';
import {
  LoginThrottle,
  SESSION_COOKIE,
  clearSessionCookie,
  setSessionCookie,
  userOf,
  type AuthOptions,
} from '../auth.js';
import { meSchema } from '../shapes.js';

const loginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export function registerAuthRoutes({ define }: ServerContext, store: Store, opts: AuthOptions): void {
  const throttle = new LoginThrottle();

  define({
    method: 'POST',
    url: '/api/v1/login',
    summary: 'ログイン（セッションのクッキーを設定）',
    tags: ['auth'],
    access: 'public',
    body: loginBody,
    response: { 200: meSchema },
    handler: async (req, reply) => {
      const { username, password } = req.body;
      if (throttle.blocked(username)) {
        throw new HttpError(
          429,
          'ログインの失敗が続いたため、しばらくこのユーザー名ではログインできません（15分後に再度お試しください）',
        );
      }
      const user = await store.verifyPassword(username, password);
      if (!user) {
        throttle.fail(username);
        throw new HttpError(401, [{ path: 'password', message: 'ユーザー名またはパスワードが違います' }]);
      }
      throttle.succeed(username);
      const session = await store.createSession(user.id, opts.sessionTtlSeconds * 1000);
      setSessionCookie(reply, session.token, opts);
      return me(store, user);
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
    summary: '自分のパスワードを変更（今のパスワードが必要）',
    tags: ['auth'],
    access: 'user',
    body: z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
    handler: async (req, reply) => {
      const user = userOf(req);
      if (throttle.blocked(user.username)) {
        throw new HttpError(
          429,
          'パスワードの誤りが続いたため、しばらく変更できません（15分後に再度お試しください）',
        );
      }
      if (!(await store.verifyPassword(user.username, req.body.currentPassword))) {
        throttle.fail(user.username);
        throw badRequest([{ path: 'currentPassword', message: '今のパスワードが違います' }]);
      }
      await store.updateUser(user.id, { password: req.body.newPassword }, user.id);
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
