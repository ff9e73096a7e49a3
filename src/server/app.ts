// The HTTP API (docs/api.md): Fastify with zod validation, the OpenAPI document at /docs, session auth,
// office scoping, and one error shape for everything that goes wrong.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { ENGINE_VERSION, workersFor, type Store, type Workers } from '../app/index.js';
import { HttpError, errorBody, handleError } from './errors.js';
import { validatorCompiler } from './validation.js';
import type { RouteTable } from './route.js';
import { makeContext } from './context.js';
import { installAuth, sessionUser } from './auth.js';
import { installOriginCheck } from './origin.js';
import { registerCalculate } from './routes/calculate.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerKohiRoutes } from './routes/kohi.js';
import { registerMonthRoutes } from './routes/months.js';
import { registerImportRoutes } from './routes/import.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerClaimFileRoutes } from './routes/claimFile.js';

export interface AppOptions {
  store: Store;
  /**
   * Where closes and imports run (default: workersFor(store), worker threads when built; stopped with the app).
   */
  workers?: Workers;
  /** Fastify's logger option; default off (tests). main.ts turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the web app to serve at `/` when it exists (web/dist). */
  webDist?: string;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookie?: boolean;
  /** Session lifetime in seconds (default 12 hours). */
  sessionTtlSeconds?: number;
  /**
   * Origins the browser sees this server at, when a proxy in front changes the scheme, host or port
   * (PUBLIC_ORIGIN): writes from them are the server's own (origin.ts).
   */
  publicOrigins?: readonly string[];
  /** Take the client's address and scheme from X-Forwarded-For / -Proto (behind a proxy: TRUST_PROXY=1). */
  trustProxy?: boolean;
}

export interface SanteiApp {
  app: FastifyInstance;
  table: RouteTable;
}

/**
 * The Content-Security-Policy of the web app and of /docs (Swagger UI), and of every other answer that
 * brings none: scripts, styles, fonts and requests from santei itself only; images also as data: URLs (the
 * app's icon, Swagger UI's logo); no plugins, no <base>, forms only to santei, never framed.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * /docs (Swagger UI) under the same policy, with one allowance: the Swagger logo of its top bar is an SVG
 * that React renders with a <style> element (in @fastify/swagger-ui's swagger-ui-standalone-preset.js),
 * allowed by the hash of its text and nothing else. test/web/csp.test.ts opens /docs in chromium and fails on
 * any violation, so a new Swagger UI with other inline styles is noticed.
 */
export const DOCS_CSP = APP_CSP.replace(
  "style-src 'self'",
  "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
);

/** Default body limit: 1 MiB; the calculate contract and the CSV imports allow more. */
export const BODY_LIMIT = 1024 * 1024;

/** Deepest JSON nesting accepted; the contract's input nests 4 levels. */
export const MAX_JSON_DEPTH = 64;

/** Whether the JSON text nests arrays / objects deeper than `max` (strings skipped), without parsing it. */
export function nestingDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export async function buildApp(opts: AppOptions): Promise<SanteiApp> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    // The error handler answers every error; Fastify must not answer with its own shape.
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // A malformed URL or an overlong URL parameter: the same JSON error shape as everything else.
    frameworkErrors: (error, _req, res) => {
      const reply = res as unknown as FastifyReply;
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'URL の項目が長すぎます（200文字まで）'
          : error.code === 'FST_ERR_BAD_URL'
            ? 'URL が正しくありません'
            : 'リクエストが正しくありません';
      void reply
        .status(error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400)
        .send(errorBody([{ path: '', message }]));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the answers; the answers themselves are plain JSON.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  const webIndex = opts.webDist ? resolve(opts.webDist, 'index.html') : undefined;
  const hasWeb = webIndex !== undefined && existsSync(webIndex);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // The web app routes in the browser: its pages load index.html (GET, not /api, not a file).
    if (
      hasWeb &&
      req.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/docs') &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      void reply.type('text/html; charset=utf-8').send(readFileSync(webIndex));
      return;
    }
    void reply
      .status(404)
      .send(errorBody([{ path: '', message: `${req.method} ${path} というAPIはありません` }]));
  });

  // A body is read only as the route declares it (route.ts bodyType): JSON for every route that takes one,
  // text/csv for the CSV imports; any other type is 415 (text/plain and forms are what another site's page
  // can send without a CORS preflight, origin.ts).
  const declared = (req: FastifyRequest): 'json' | 'csv' | undefined =>
    (req.routeOptions.config as { bodyType?: 'json' | 'csv' }).bodyType;
  const wrongType = (want: 'json' | 'csv' | undefined) =>
    new HttpError(
      415,
      want === 'csv'
        ? 'CSV を送ってください（Content-Type: text/csv）'
        : 'この形式のデータは受け付けていません（Content-Type を application/json にしてください）',
    );

  // JSON: Fastify's parser (prototype-poisoning safe) after a depth check — a body nested thousands deep
  // would otherwise overflow the stack later (validation, messages) and end as a 500.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (declared(req) === 'csv') {
      done(wrongType('csv'), undefined);
      return;
    }
    if (body === '' && declared(req) === undefined) {
      // POST /logout, /close, DELETE … with a JSON content type and nothing in it: there is nothing to read.
      done(null, undefined);
      return;
    }
    if (nestingDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(new HttpError(400, `JSON の入れ子が深すぎます（${MAX_JSON_DEPTH}段まで）`), undefined);
      return;
    }
    jsonParser(req, body as string, done);
  });

  // CSV bodies are text; the import decodes them itself (UTF-8 or Shift_JIS). Only the imports take them.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (req, body, done) => {
    if (declared(req) !== 'csv') done(wrongType(declared(req)), undefined);
    else done(null, body);
  });
  // Any other type (text/plain, forms, multipart, …): refused unread, naming the type the route takes.
  app.addContentTypeParser('*', (req, _payload, done) => done(wrongType(declared(req)), undefined));

  // Records are personal health information: no caching of API answers; no MIME sniffing, no framing; and
  // a Content-Security-Policy on every answer that does not bring its own (the printed documents do).
  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', APP_CSP);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'santei API',
        description:
          '在宅医療・介護の算定と記録（docs/api.md）。エラーはすべて { errors: [{ path, message }] }。',
        version: ENGINE_VERSION,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'santei_session' } } },
    },
  });
  // The API's description (Swagger UI and the OpenAPI document) is for logged-in users only: every route of
  // /docs, its scripts included, is in this plugin behind the session check.
  await app.register(async (docs) => {
    docs.addHook('onRequest', async (req) => {
      if (!(await sessionUser(opts.store, req))) {
        throw new HttpError(
          401,
          'API の説明を見るにはログインしてください（santei の画面でログインしてから /docs を開いてください）',
        );
      }
    });
    docs.addHook('onSend', async (_req, reply, payload) => {
      void reply.header('content-security-policy', DOCS_CSP);
      return payload;
    });
    await docs.register(fastifySwaggerUi, { routePrefix: '/docs' });
  });

  const table: RouteTable = { routes: [] };
  const ctx = makeContext(app, table);
  const authOpts = {
    secureCookie: opts.secureCookie ?? false,
    sessionTtlSeconds: opts.sessionTtlSeconds ?? 12 * 60 * 60,
  };
  installOriginCheck(app, opts.publicOrigins);
  installAuth(app, opts.store);

  ctx.define({
    method: 'GET',
    url: '/api/v1/health',
    summary: '稼働確認',
    tags: ['system'],
    access: 'public',
    handler: async () => ({ ok: true, engineVersion: ENGINE_VERSION }),
  });
  registerCalculate(ctx);
  registerAuthRoutes(ctx, opts.store, authOpts);
  registerAdminRoutes(ctx, opts.store);
  registerRecordRoutes(ctx, opts.store);
  registerKohiRoutes(ctx, opts.store);
  const workers = opts.workers ?? workersFor(opts.store);
  app.addHook('onClose', () => workers.stop());
  registerMonthRoutes(ctx, opts.store, workers);
  registerAuditRoutes(ctx, opts.store);
  registerReportRoutes(ctx, opts.store);
  registerClaimFileRoutes(ctx, opts.store);
  registerImportRoutes(ctx, workers);

  if (hasWeb && opts.webDist) {
    await app.register(fastifyStatic, {
      root: resolve(opts.webDist),
      prefix: '/',
      decorateReply: false,
      wildcard: false,
    });
  }

  await app.ready();
  return { app, table };
}
