// Cross-site writes refused. The session cookie is SameSite=Strict, but "site" ignores the port and the
// subdomain: a page on another port of the same host, or on a sibling subdomain, is same-site and its
// requests carry the cookie. So every state-changing request (POST, PUT, PATCH, DELETE) that a browser marks
// as coming from another origin is refused 403 before anything else reads it:
// - `Origin`, when present, must be the server's own (scheme, host and port of the request, or one of the
//   origins configured with PUBLIC_ORIGIN when a proxy in front changes them); `null` is never our own;
// - `Sec-Fetch-Site`, when present, must be `same-origin` (or `none`: the user typed it).
// A request with neither header is not from a browser's page (curl, the CLI, scripts) and passes: they hold
// no victim's cookie. JSON bodies stay JSON (app.ts): a cross-origin page can only send text/plain, a form
// or multipart without a CORS preflight, and santei answers no preflight.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host[:port]` of a URL, normalised (default ports dropped, lower case), or null. */
function originOf(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The origins this server answers as: the request's own, and the configured ones. */
function ownOrigins(req: FastifyRequest, configured: readonly string[]): Set<string> {
  const own = new Set(configured);
  const self = originOf(`${req.protocol}://${req.host}`);
  if (self) own.add(self);
  return own;
}

/** Why a request is refused as cross-site, or null when it is not. */
export function crossSiteProblem(
  req: FastifyRequest,
  configured: readonly string[] = [],
): { path: string; message: string } | null {
  if (!WRITES.has(req.method)) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const o = originOf(origin);
    if (!o || !ownOrigins(req, configured).has(o)) {
      return {
        path: 'Origin',
        message: `別のサイト（${o ?? origin}）からの変更は受け付けません。santei の画面から操作してください`,
      };
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return {
      path: 'Sec-Fetch-Site',
      message: `別のサイトのページからの変更は受け付けません（${String(site)}）。santei の画面から操作してください`,
    };
  }
  return null;
}

/** Refuses cross-site writes (403) on every route, before the session is looked up or a body is read. */
export function installOriginCheck(app: FastifyInstance, configured: readonly string[] = []): void {
  const origins = configured.map((o) => {
    const n = originOf(o);
    if (!n) throw new Error(`PUBLIC_ORIGIN "${o}" は http(s)://ホスト[:ポート] ではありません`);
    return n;
  });
  app.addHook('onRequest', async (req) => {
    const problem = crossSiteProblem(req, origins);
    if (problem) throw new HttpError(403, [problem]);
  });
}
