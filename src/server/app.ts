// The HTTP API (docs/api.md): Fastify with zod validation, the OpenAPI document at /docs, session auth,
// office scoping, and one error shape for everything that goes wrong.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Store } from '../store/types.js';
import { errorBody, handleError } from './errors.js';
import { validatorCompiler } from './validation.js';
import type { RouteTable } from './route.js';
import { makeContext } from './context.js';
import { installAuth } from './auth.js';
import { registerCalculate } from './routes/calculate.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerMonthRoutes } from './routes/months.js';
import { registerImportRoutes } from './routes/import.js';
import { ENGINE_VERSION } from '../store/index.js';

export interface AppOptions {
  store: Store;
  /** Fastify's logger option; default off (tests). main.ts turns it on. */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the web app to serve at `/` when it exists (web/dist). */
  webDist?: string;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookie?: boolean;
  /** Session lifetime in seconds (default 12 hours). */
  sessionTtlSeconds?: number;
}

export interface SanteiApp {
  app: FastifyInstance;
  table: RouteTable;
}

/** Default body limit: 1 MiB; the calculate contract and the CSV imports allow more. */
export const BODY_LIMIT = 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<SanteiApp> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // The error handler answers every error; Fastify must not answer with its own shape.
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
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

  // CSV bodies are text; the import decodes them itself (UTF-8 or Shift_JIS).
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

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
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const table: RouteTable = { routes: [] };
  const ctx = makeContext(app, table);
  const authOpts = {
    secureCookie: opts.secureCookie ?? false,
    sessionTtlSeconds: opts.sessionTtlSeconds ?? 12 * 60 * 60,
  };
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
  registerMonthRoutes(ctx, opts.store);
  registerImportRoutes(ctx, opts.store);

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
