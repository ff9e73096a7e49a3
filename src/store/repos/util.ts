// Small value helpers of the store's repositories (no I/O).
import { StoreError } from '../store.js';

export const now = (): string => new Date().toISOString();

export const json = (v: unknown): string => JSON.stringify(v);

export function parse<T>(text: string | null): T {
  return (text === null ? null : JSON.parse(text)) as T;
}

/** Drops undefined fields (JSON documents and audit images stay minimal and stable). */
export function compact<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function omit<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

/** The stamps and owner of an office-owned record, which an input or patch never sets. */
export const OWNED_KEYS = ['id', 'officeId', 'createdAt', 'updatedAt'] as const;

function errorCode(e: unknown): string {
  const x = e as { code?: unknown };
  return typeof x?.code === 'string' ? x.code : '';
}
export const isUniqueViolation = (e: unknown): boolean =>
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(errorCode(e)) ||
  // SQLite: the append-only tables refuse an INSERT over an existing key in a trigger (migration 0006)
  (errorCode(e) === 'SQLITE_CONSTRAINT_TRIGGER' && /over an existing row/.test((e as Error).message));

export function notFound(what: string, id: string): StoreError {
  return new StoreError('not_found', `${what}（${id}）が見つかりません`);
}

export function clampLimit(limit: number | undefined, dflt: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return dflt;
  return Math.max(1, Math.min(max, Math.floor(limit)));
}

export function likePattern(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows per multi-row INSERT, under both engines' bound-parameter limits. */
export function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(20_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
