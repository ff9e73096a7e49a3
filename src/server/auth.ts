// Who may call what. The session cookie names a session in the store; its user has a role and offices.
// Checked on every request before the body is read (onRequest): not logged in → 401, a role that may not
// → 403, an office the user does not belong to → 404 (another office's existence is not disclosed).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound, type Store } from '../app/index.js';
import type { User } from '../contract/types.js';
import { HttpError, forbidden } from './errors.js';
import type { Access } from './route.js';

export const SESSION_COOKIE = 'santei_session';

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
    const token = req.cookies[SESSION_COOKIE];
    const found = token ? await store.getSession(token) : null;
    if (!found || found.user.disabled)
      throw new HttpError(401, 'ログインしてください（セッションがないか期限切れです）');
    const user = found.user;
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

/**
 * Failed logins per username: after `max` failures within `windowMs` the username is refused for the rest
 * of the window (429), so that a password cannot be guessed by trying many.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  blocked(username: string, now = Date.now()): boolean {
    return this.recent(username, now).length >= this.max;
  }

  fail(username: string, now = Date.now()): void {
    const list = this.recent(username, now);
    list.push(now);
    this.failures.set(username, list);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(username: string): void {
    this.failures.delete(username);
  }

  private recent(username: string, now: number): number[] {
    return (this.failures.get(username) ?? []).filter((t) => now - t < this.windowMs);
  }
}
