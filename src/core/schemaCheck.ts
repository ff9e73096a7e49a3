// A fast acceptance check of the input (./input.ts), used by validateInput before zod itself. Valid months
// are large (a big office: 50,000 patients and 225,000 records), and a full zod parse copies every object of
// the input; the check only reads it, and a valid input is then used as it is.
//
// It is compiled from the schema's JSON Schema, as zod's public `z.toJSONSchema` writes it (draft 2020-12),
// for the constructs the input uses: strict objects, strings with their lengths and named formats, numbers
// and integers with their bounds, booleans, constants, enums, arrays, unions and discriminated unions. A
// string format is a `z.stringFormat` of the schema (date, month): the caller passes the same predicates.
//
// The check is conservative: it answers true only when zod accepts the value unchanged. A keyword it does
// not know (a default, a pattern, an unknown format, a non-strict object, a reference …) makes the
// compilation fail, and validateInput then always uses zod. When it answers false, zod parses the input again
// and reports the problems: the messages come from zod alone. What a JSON Schema cannot show — a `.refine`,
// a `.trim` — must not be in the input schema (its checks are string formats); the tests generate values
// from the JSON Schema and hold zod to accepting them unchanged.
import { z } from 'zod';

export type SchemaCheck = (value: unknown) => boolean;

/** Predicates of the named string formats of the schema (`z.stringFormat(name, predicate)`). */
export type StringFormats = Readonly<Record<string, (s: string) => boolean>>;

/** The compiled check of a zod schema, or undefined when its JSON Schema holds something it cannot answer for. */
export function compileSchemaCheck(schema: z.ZodType, formats: StringFormats = {}): SchemaCheck | undefined {
  let input: unknown;
  let output: unknown;
  try {
    const params = { unrepresentable: 'throw', target: 'draft-2020-12' } as const;
    input = z.toJSONSchema(schema, { ...params, io: 'input' });
    output = z.toJSONSchema(schema, { ...params, io: 'output' });
  } catch {
    return undefined; // a transform, a custom type …: zod parses
  }
  // What zod accepts and what it returns are described alike only where parsing changes nothing (no default,
  // no transform, no pipe).
  if (JSON.stringify(input) !== JSON.stringify(output)) return undefined;
  return compileJsonSchemaCheck(input, formats);
}

/** The check of a JSON Schema of the supported subset, or undefined. */
export function compileJsonSchemaCheck(json: unknown, formats: StringFormats = {}): SchemaCheck | undefined {
  try {
    const { $schema: _, ...root } = asNode(json);
    return compile(root, formats);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Unsupported extends Error {}

type Node = Record<string, unknown>;

function asNode(v: unknown): Node {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Unsupported('not a schema');
  return v as Node;
}

function nodes(v: unknown): Node[] {
  if (!Array.isArray(v)) throw new Unsupported('not a list of schemas');
  return v.map(asNode);
}

function num(v: unknown): number {
  if (typeof v !== 'number') throw new Unsupported('not a number');
  return v;
}

/** Annotations: they do not change what is accepted. */
const ANNOTATIONS = new Set(['title', 'description']);

/** The keywords each kind of node may carry; any other makes the compilation fail. */
const KEYWORDS: Record<string, ReadonlySet<string>> = {
  object: new Set(['type', 'properties', 'required', 'additionalProperties']),
  array: new Set(['type', 'items', 'minItems', 'maxItems']),
  string: new Set(['type', 'minLength', 'maxLength', 'format', 'enum', 'const']),
  number: new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum', 'const']),
  boolean: new Set(['type', 'enum', 'const']),
  null: new Set(['type', 'const']),
  anyOf: new Set(['anyOf']),
  oneOf: new Set(['oneOf']),
};

function kindOf(node: Node): string {
  if ('anyOf' in node) return 'anyOf';
  if ('oneOf' in node) return 'oneOf';
  const t = node.type;
  if (t === 'integer') return 'number';
  if (typeof t !== 'string' || !(t in KEYWORDS)) throw new Unsupported(`type ${JSON.stringify(t)}`);
  return t;
}

function compile(node: Node, formats: StringFormats): SchemaCheck {
  const kind = kindOf(node);
  for (const k of Object.keys(node)) {
    if (!KEYWORDS[kind]!.has(k) && !ANNOTATIONS.has(k)) throw new Unsupported(`keyword ${k}`);
  }
  const base = compileKind(kind, node, formats);
  const allowed = constantsOf(node);
  if (!allowed) return base;
  return (v) => allowed.has(v) && base(v);
}

/** `const` and `enum` of primitive values, as a set; undefined when the node has neither. */
function constantsOf(node: Node): Set<unknown> | undefined {
  const values = 'const' in node ? [node.const] : 'enum' in node ? node.enum : undefined;
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.some((x) => x !== null && typeof x === 'object')) {
    throw new Unsupported('a constant that is not a primitive');
  }
  return new Set(values);
}

function compileKind(kind: string, node: Node, formats: StringFormats): SchemaCheck {
  switch (kind) {
    case 'string':
      return compileString(node, formats);
    case 'number':
      return compileNumber(node);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'array': {
      const element = compile(asNode(node.items), formats);
      const min = node.minItems === undefined ? 0 : num(node.minItems);
      const max = node.maxItems === undefined ? Infinity : num(node.maxItems);
      return (v) => {
        if (!Array.isArray(v) || v.length < min || v.length > max) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return compileStrictObject(node, formats);
    case 'anyOf': {
      const options = nodes(node.anyOf).map((o) => compile(o, formats));
      return (v) => {
        for (const o of options) if (o(v)) return true;
        return false;
      };
    }
    default:
      return compileOneOf(nodes(node.oneOf), formats);
  }
}

function compileString(node: Node, formats: StringFormats): SchemaCheck {
  // zod counts a string's length in UTF-16 code units (`.length`), and so does the check.
  const min = node.minLength === undefined ? 0 : num(node.minLength);
  const max = node.maxLength === undefined ? Infinity : num(node.maxLength);
  const lengthOk = (s: string) => s.length >= min && s.length <= max;
  if (node.format === undefined) return (v) => typeof v === 'string' && lengthOk(v);
  const name = node.format;
  const predicate = typeof name === 'string' && Object.hasOwn(formats, name) ? formats[name] : undefined;
  if (!predicate) throw new Unsupported(`format ${JSON.stringify(name)}`);
  // The formats are pure predicates of a string (isIsoDate, isIsoMonth), and a month repeats a few dozen
  // dates thousands of times: answers are remembered.
  const known = new Map<string, boolean>();
  return (v) => {
    if (typeof v !== 'string' || !lengthOk(v)) return false;
    let ok = known.get(v);
    if (ok === undefined) {
      ok = predicate(v) === true;
      if (known.size < 10_000) known.set(v, ok);
    }
    return ok;
  };
}

function compileNumber(node: Node): SchemaCheck {
  const integer = node.type === 'integer';
  const min = node.minimum === undefined ? -Infinity : num(node.minimum);
  const max = node.maximum === undefined ? Infinity : num(node.maximum);
  const above = node.exclusiveMinimum === undefined ? -Infinity : num(node.exclusiveMinimum);
  const below = node.exclusiveMaximum === undefined ? Infinity : num(node.exclusiveMaximum);
  return (v) =>
    typeof v === 'number' &&
    // zod's numbers are finite, and its integers safe (the JSON Schema gives their bounds).
    (integer ? Number.isInteger(v) : Number.isFinite(v)) &&
    v >= min &&
    v <= max &&
    v > above &&
    v < below;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A strict object (additionalProperties: false): every key of the value is declared and passes, and every
 * required key is there. The loop runs over the value's own keys (a month's objects carry few of their
 * optional fields).
 */
function compileStrictObject(node: Node, formats: StringFormats): SchemaCheck {
  // A non-strict object strips or passes unknown keys: the parsed value would differ from the input.
  if (node.additionalProperties !== false) throw new Unsupported('object is not strict');
  const properties = asNode(node.properties ?? {});
  const required = node.required ?? [];
  if (!Array.isArray(required) || required.some((k) => typeof k !== 'string' || !(k in properties))) {
    throw new Unsupported('required key without a property');
  }
  const fields = new Map<string, { check: SchemaCheck; required: boolean }>();
  for (const [key, schema] of Object.entries(properties)) {
    fields.set(key, { check: compile(asNode(schema), formats), required: required.includes(key) });
  }
  const requiredCount = required.length;
  return (v) => {
    if (!isObject(v)) return false;
    let present = 0;
    for (const key in v) {
      const field = fields.get(key);
      if (field === undefined || !field.check(v[key])) return false;
      if (field.required) present += 1;
    }
    return present === requiredCount;
  };
}

/**
 * oneOf: exactly one option passes. A discriminated union (every option an object whose required `key` is a
 * distinct constant) is answered by the option its constant names; any other oneOf counts the options.
 */
function compileOneOf(options: Node[], formats: StringFormats): SchemaCheck {
  const checks = options.map((o) => compile(o, formats));
  const byTag = discriminated(options, checks);
  if (byTag) {
    const { key, checkOf } = byTag;
    return (v) => {
      if (!isObject(v)) return false;
      const check = checkOf.get(v[key]);
      return check !== undefined && check(v);
    };
  }
  return (v) => {
    let passing = 0;
    for (const c of checks) if (c(v) && ++passing > 1) return false;
    return passing === 1;
  };
}

function discriminated(
  options: Node[],
  checks: SchemaCheck[],
): { key: string; checkOf: Map<unknown, SchemaCheck> } | undefined {
  const first = options[0];
  if (!first || first.type !== 'object') return undefined;
  for (const key of (first.required as string[] | undefined) ?? []) {
    const checkOf = new Map<unknown, SchemaCheck>();
    const ok = options.every((o, i) => {
      const tag = o.type === 'object' ? (o.properties as Record<string, Node> | undefined)?.[key] : undefined;
      if (!tag || !('const' in tag) || !((o.required as string[] | undefined) ?? []).includes(key))
        return false;
      if (checkOf.has(tag.const)) return false; // two options share the constant: count instead
      checkOf.set(tag.const, checks[i]!);
      return true;
    });
    if (ok) return { key, checkOf };
  }
  return undefined;
}
