// What every routes module receives: the app, the store, the route table and `define` (route.ts).
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { defineRoute, type RouteSpec, type RouteTable } from './route.js';

export type Define = <
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
  spec: RouteSpec<B, Q, P>,
) => void;

export interface ServerContext {
  app: FastifyInstance;
  table: RouteTable;
  define: Define;
}

export function makeContext(app: FastifyInstance, table: RouteTable): ServerContext {
  return { app, table, define: (spec) => defineRoute(app, table, spec) };
}
