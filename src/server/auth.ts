// Who may call what. The session cookie names a session in the store; its user has a role and offices.
// Checked on every request before the body is read (onRequest): not logged in → 401, a role that may not
// → 403, an office the user does not belong to → 404 (another office's existence is not disclosed).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound, type Store } from '../app/index.js';
import type { User } from '../contract/types.js';
import { HttpError, forbidden } from './errors.js';
import type { Access } from './route.js';

export const SESSION_COOKIE = 'santei_session';
/** The known-client tokens of this browser (src/app/login.ts), sent only to the login route. */
export const KNOWN_CLIENT_COOKIE = 'santei_known';
const LOGIN_PATH = '/api/v1/login';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
}

export interface AuthOptions {
  secureCookie: boolean;
  sessionTtlSeconds: number;
}

interface RouteConfig {
  access?: Access;
  officeScoped?: boolean;
}

export function installAuth(app: FastifyInstance, store: Store): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const cfg = (req.routeOptions.config ?? {}) as RouteConfig;
    if (!cfg.access || cfg.access === 'public') return;
    const user = await sessionUser(store, req);
    if (!user) throw new HttpError(401, 'ログインしてください（セッションがないか期限切れです）');
    req.user = user;
    if (cfg.officeScoped) {
      const officeId = (req.params as { officeId?: string }).officeId;
      if (!officeId || !user.officeIds.includes(officeId)) throw notFound('事業所');
    }
    if (cfg.access === 'write' && user.role === 'readonly') {
      throw forbidden('閲覧専用のユーザーは記録を変更できません');
    }
    if (cfg.access === 'admin' && user.role !== 'admin') {
      throw forbidden('この操作は管理者だけができます');
    }
  });
}

/** The user of the request's session cookie, when it names a live session of an enabled user. */
export async function sessionUser(store: Store, req: FastifyRequest): Promise<User | null> {
  const token = req.cookies[SESSION_COOKIE];
  const found = token ? await store.getSession(token) : null;
  return found && !found.user.disabled ? found.user : null;
}

/** The logged-in user of a route that requires one (the hook has checked it). */
export function userOf(req: FastifyRequest): User {
  if (!req.user) throw new HttpError(401, 'ログインしてください');
  return req.user;
}

export function setSessionCookie(reply: FastifyReply, token: string, opts: AuthOptions): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: opts.secureCookie,
    path: '/',
    maxAge: opts.sessionTtlSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, opts: AuthOptions): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: opts.secureCookie,
    path: '/',
  });
}

/** The known-client tokens the browser's login cookie holds (at most a few; malformed ones are ignored). */
export function knownTokensOf(req: FastifyRequest): string[] {
  const v = req.cookies[KNOWN_CLIENT_COOKIE];
  return typeof v === 'string' ? v.split('.').slice(0, 10) : [];
}

/** The login cookie: httpOnly, SameSite=Strict, sent only to POST /login, kept for 400 days. */
export function setKnownClientCookie(
  reply: FastifyReply,
  tokens: readonly string[],
  opts: AuthOptions,
): void {
  void reply.setCookie(KNOWN_CLIENT_COOKIE, tokens.join('.'), {
    httpOnly: true,
    sameSite: 'strict',
    secure: opts.secureCookie,
    path: LOGIN_PATH,
    maxAge: 400 * 24 * 60 * 60,
  });
}
