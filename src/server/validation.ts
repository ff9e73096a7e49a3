// Request validation with zod, answered in the clerk's words (describeIssue of src/core/validate.ts), and
// the same zod schemas turned into JSON Schema for the generated OpenAPI document at /docs.
// Fastify is given the JSON Schema (for the document) and a validator compiler that looks the zod schema
// up by that JSON Schema object, so one definition serves both.
import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import { check } from '../contract/schemas.js';
import { ValidationProblems } from './errors.js';

const zodOf = new WeakMap<object, z.ZodType>();

/** JSON Schema of a zod schema for the OpenAPI document, remembered so that the validator finds the zod one. */
export function jsonSchema(schema: z.ZodType, opts: { validate?: boolean } = {}): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<
    string,
    unknown
  >;
  delete js.$schema;
  if (opts.validate !== false) zodOf.set(js, schema);
  return js;
}

/** A doc-only schema: shown in the OpenAPI document, not used to validate. */
export function docSchema(schema: z.ZodType): Record<string, unknown> {
  return jsonSchema(schema, { validate: false });
}

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const zs = zodOf.get(schema as object);
  if (!zs) return (data: unknown) => ({ value: data });
  return (data: unknown) => {
    // The store's wording (describeIssue, with its own messages for 被保険者番号, username, password).
    const r = check(zs, data ?? undefined);
    return r.ok ? { value: r.value } : { error: new ValidationProblems(r.problems) };
  };
};
