// A fast acceptance check compiled from the zod schema of the input (./input.ts), used by validateInput
// before zod itself. Valid months are large (a big office: 50,000 patients and 225,000 visits), and a
// full zod parse copies every object of the input; for the schema's constructs used here — strict
// objects, strings, numbers, booleans, enums, literals, arrays, optionals, unions — the parsed value of
// a valid input is equal to the input, so a valid input can be used as it is.
//
// The check is conservative: it answers true only when zod would accept the value unchanged. Anything
// it does not know (a transform, a default, a coercion, a non-strict object, an unknown check) makes the
// compilation fail, and validateInput then always uses zod. When it answers false, zod parses the input
// again and reports the problems: the messages come from zod alone.

/** The parts of zod's internal definitions that the compiler reads (zod 4 `schema._zod.def`). */
interface Def {
  type: string;
  coerce?: boolean;
  checks?: Node[];
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  innerType?: Node;
  options?: Node[];
  discriminator?: string;
  unionFallback?: boolean;
  inclusive?: boolean;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

interface CheckDef {
  check?: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  fn?: (v: unknown) => unknown;
}

interface Node {
  _zod: { def: Def & CheckDef };
}

export type SchemaCheck = (value: unknown) => boolean;

/** The compiled check, or undefined when the schema uses something the compiler does not know. */
export function compileSchemaCheck(schema: unknown): SchemaCheck | undefined {
  try {
    return compile(schema as Node);
  } catch {
    return undefined;
  }
}

class Unsupported extends Error {}

function defOf(node: Node): Def & CheckDef {
  const def = node?._zod?.def;
  if (!def || typeof def.type !== 'string') throw new Unsupported('not a zod schema');
  return def;
}

function compile(node: Node): SchemaCheck {
  const def = defOf(node);
  if (def.coerce) throw new Unsupported('coercion changes the value');
  const base = compileType(def);
  const refinements = (def.checks ?? []).map(compileRefinement);
  if (refinements.length === 0) return base;
  return (v) => {
    if (!base(v)) return false;
    for (const r of refinements) if (!r(v)) return false;
    return true;
  };
}

function compileType(def: Def): SchemaCheck {
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'literal': {
      const values = new Set(def.values ?? []);
      return (v) => values.has(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => v === undefined || inner(v);
    }
    case 'array': {
      const element = compile(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return compileStrictObject(def);
    case 'union':
      return def.discriminator !== undefined ? compileDiscriminatedUnion(def) : compileUnion(def);
    default:
      throw new Unsupported(`zod type ${def.type}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * z.strictObject: every key of the value is declared and passes, and every required key is there.
 * The loop runs over the value's own keys (a month's objects carry few of their optional fields).
 */
function compileStrictObject(def: Def): SchemaCheck {
  // A non-strict object strips or passes unknown keys: the parsed value would differ from the input.
  if (!def.catchall || defOf(def.catchall).type !== 'never') throw new Unsupported('object is not strict');
  const fields = new Map<string, { check: SchemaCheck; required: boolean }>();
  let requiredCount = 0;
  for (const [key, node] of Object.entries(def.shape ?? {})) {
    // Only `optional` lets a key be absent; anything else that accepts undefined is left to zod.
    const required = defOf(node).type !== 'optional';
    if (required) requiredCount += 1;
    fields.set(key, { check: compile(node), required });
  }
  return (v) => {
    if (!isObject(v)) return false;
    let required = 0;
    for (const key in v) {
      const field = fields.get(key);
      if (field === undefined || !field.check(v[key])) return false;
      if (field.required) required += 1;
    }
    return required === requiredCount;
  };
}

function compileUnion(def: Def): SchemaCheck {
  // An exclusive union (exactly one option) cannot be answered by "some option passes".
  if (def.inclusive === false) throw new Unsupported('exclusive union');
  const options = (def.options ?? []).map(compile);
  return (v) => {
    for (const o of options) if (o(v)) return true;
    return false;
  };
}

/** z.discriminatedUnion: the option whose literal matches the discriminator. */
function compileDiscriminatedUnion(def: Def): SchemaCheck {
  const key = def.discriminator!;
  const byValue = new Map<unknown, SchemaCheck>();
  for (const option of def.options ?? []) {
    const optionDef = defOf(option);
    const tag = optionDef.shape?.[key];
    if (optionDef.type !== 'object' || !tag || defOf(tag).type !== 'literal') {
      throw new Unsupported('discriminator is not a literal');
    }
    const check = compile(option);
    for (const value of defOf(tag).values ?? []) {
      if (byValue.has(value)) throw new Unsupported('duplicate discriminator value');
      byValue.set(value, check);
    }
  }
  return (v) => {
    if (!isObject(v)) return false;
    const check = byValue.get(v[key]);
    return check !== undefined && check(v);
  };
}

function compileRefinement(node: Node): SchemaCheck {
  const c = node?._zod?.def;
  if (!c) throw new Unsupported('not a zod check');
  switch (c.check) {
    case 'min_length': {
      const min = c.minimum!;
      return (v) => (v as { length: number }).length >= min;
    }
    case 'max_length': {
      const max = c.maximum!;
      return (v) => (v as { length: number }).length <= max;
    }
    case 'greater_than': {
      const limit = c.value!;
      return c.inclusive ? (v) => (v as number) >= limit : (v) => (v as number) > limit;
    }
    case 'less_than': {
      const limit = c.value!;
      return c.inclusive ? (v) => (v as number) <= limit : (v) => (v as number) < limit;
    }
    case 'number_format':
      if (c.format !== 'safeint') throw new Unsupported(`number format ${c.format}`);
      return (v) => Number.isSafeInteger(v);
    case 'custom': {
      // A refine: its own predicate. Only a plain `true` passes (a promise or another truthy value is
      // left to zod). The schema's refinements are pure predicates of a string (isIsoDate, isIsoMonth):
      // a month repeats a few dozen dates thousands of times, so answers for strings are remembered.
      const fn = c.fn;
      if (typeof fn !== 'function') throw new Unsupported('custom check without a predicate');
      const known = new Map<string, boolean>();
      return (v) => {
        if (typeof v !== 'string') return fn(v) === true;
        let ok = known.get(v);
        if (ok === undefined) {
          ok = fn(v) === true;
          if (known.size < 10_000) known.set(v, ok);
        }
        return ok;
      };
    }
    default:
      throw new Unsupported(`check ${c.check}`);
  }
}
