// One way to declare a route: its zod schemas (validated, and shown in the OpenAPI document), who may call
// it, and whether it belongs to an office. The table of declared routes is kept so that the tests can walk
// every route (the cross-office test and the fuzz test).
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { z } from 'zod';
import { docSchema, jsonSchema } from './validation.js';

/** Who may call a route: nobody logged in, any user, users who may write, or admins. */
export type Access = 'public' | 'user' | 'write' | 'admin';

export interface RouteInfo {
  method: HTTPMethods;
  url: string;
  access: Access;
  /** Under /api/v1/offices/:officeId — the user must belong to the office. */
  officeScoped: boolean;
  /** The body's content type, when it has one. */
  bodyType?: 'json' | 'csv';
  /** Answers a printed document (HTML with its own Content-Security-Policy) rather than JSON. */
  document?: true;
}

type Out<S> = S extends z.ZodType ? z.output<S> : unknown;

export interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
> {
  method: HTTPMethods;
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: B;
  /** A body documented in OpenAPI but validated by the handler (the calculate contract, CSV). */
  docBody?: z.ZodType;
  bodyType?: 'json' | 'csv';
  /** The route answers a printed HTML document (the fuzz test reads it as one). */
  document?: true;
  query?: Q;
  params?: P;
  /** Documented answers by status. */
  response?: Record<number, z.ZodType>;
  bodyLimit?: number;
  handler: (
    req: FastifyRequest<{ Body: Out<B>; Querystring: Out<Q>; Params: Out<P> }>,
    reply: FastifyReply,
  ) => Promise<unknown>;
}

export interface RouteTable {
  routes: RouteInfo[];
}

export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(app: FastifyInstance, table: RouteTable, spec: RouteSpec<B, Q, P>): void {
  const officeScoped = spec.url.includes('/offices/:officeId');
  const schema: Record<string, unknown> = { summary: spec.summary, tags: spec.tags };
  if (spec.body) schema.body = jsonSchema(spec.body);
  else if (spec.docBody) schema.body = docSchema(spec.docBody);
  if (spec.query) schema.querystring = jsonSchema(spec.query);
  if (spec.params) schema.params = jsonSchema(spec.params);
  if (spec.response) {
    const resp: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(spec.response)) resp[status] = docSchema(s);
    schema.response = resp;
  }
  if (spec.access !== 'public') schema.security = [{ session: [] }];
  if (spec.bodyType === 'csv') schema.consumes = ['text/csv'];
  table.routes.push({
    method: spec.method,
    url: spec.url,
    access: spec.access,
    officeScoped,
    ...(spec.bodyType || spec.body || spec.docBody ? { bodyType: spec.bodyType ?? 'json' } : {}),
    ...(spec.document ? { document: true as const } : {}),
  });
  app.route({
    method: spec.method,
    url: spec.url,
    schema,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    config: {
      access: spec.access,
      officeScoped,
      ...(spec.bodyType || spec.body || spec.docBody ? { bodyType: spec.bodyType ?? 'json' } : {}),
    },
    handler: spec.handler as never,
  });
}
