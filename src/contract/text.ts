// The one rule of what a text field may hold, for every text field of the records' schemas (schemas.ts
// applies it to each input schema as a whole, so a field added later is covered too): no NUL or other
// control character, no character that turns the direction of the text (U+202E and the other bidirectional
// overrides, embeddings, isolates and marks, which make a name or a note read differently from what it
// holds, on screen and on paper), no line or paragraph separator, and no half of a surrogate pair (not a
// character at all). A multi-line field (a note, a report's parts) also takes newlines and tabs.
// Passwords are not text fields: any character may be part of one.
import type { z } from 'zod';
import { fieldNameOf } from './fields.js';

/** The names of the characters refused, in the clerk's words. */
function nameOf(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0) return `NUL（${hex}）`;
  if (code === 0x0a || code === 0x0d) return `改行（${hex}）`;
  if (code === 0x09) return `タブ（${hex}）`;
  if (code === 0x202e) return `右から左への上書き（${hex}）`;
  if (code === 0x202d) return `左から右への上書き（${hex}）`;
  if (code === 0x2028 || code === 0x2029) return `行・段落の区切り（${hex}）`;
  if (code >= 0xd800 && code <= 0xdfff) return `文字として読めない符号（${hex}）`;
  if (isBidi(code)) return `文字の向きを変える記号（${hex}）`;
  return `制御文字（${hex}）`;
}

function isBidi(code: number): boolean {
  return (
    code === 0x061c || // ARABIC LETTER MARK
    code === 0x200e || // LEFT-TO-RIGHT MARK
    code === 0x200f || // RIGHT-TO-LEFT MARK
    (code >= 0x202a && code <= 0x202e) || // embeddings and overrides (LRE RLE PDF LRO RLO)
    (code >= 0x2066 && code <= 0x2069) // isolates (LRI RLI FSI PDI)
  );
}

/** The first refused character of `value` as [index, code], or null. */
function firstRefused(value: string, multiLine: boolean): [number, number] | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a whole surrogate pair: one character (e.g. 𠮷)
        continue;
      }
      return [i, c];
    }
    if (c >= 0xdc00 && c <= 0xdfff) return [i, c];
    if (multiLine && (c === 0x0a || c === 0x09)) continue;
    if (multiLine && c === 0x0d && value.charCodeAt(i + 1) === 0x0a) continue; // CRLF
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || isBidi(c)) return [i, c];
  }
  return null;
}

/** What a refused character is, as the text rule's zod issue carries it (schemas.ts words it). */
export interface TextIssue {
  santei: 'text';
  /** 0-based position of the character in the value. */
  index: number;
  code: number;
  multiLine: boolean;
}

/** The message of a refused character in a field named `field` (fields.ts fieldNameOf). */
export function textMessage(field: string, issue: Omit<TextIssue, 'santei'>): string {
  const allowed = issue.multiLine
    ? '改行とタブのほかの制御文字や、文字の向きを変える記号は使えません'
    : 'この欄は1行で、改行・タブなどの制御文字や文字の向きを変える記号は使えません';
  return `${field}の${issue.index + 1}文字目に使えない文字 ${nameOf(issue.code)} があります。${allowed}（その文字を消して入力し直してください）`;
}

/** What is wrong with one text value of a field, or null when it may be stored. */
export function textProblem(
  value: string,
  path: readonly PropertyKey[],
  multiLine: boolean,
  names: Readonly<Record<string, string>> = {},
): string | null {
  const found = firstRefused(value, multiLine);
  return found ? textMessage(fieldNameOf(path, names), { index: found[0], code: found[1], multiLine }) : null;
}

/**
 * The rule over a whole input: every string in it (in objects and arrays, at any depth) is checked, with
 * the fields named in `multiLine` (dotted paths without array indexes, e.g. `content.condition`) allowed
 * newlines and tabs. Keys named `password` are skipped.
 */
export function withTextRule<S extends z.ZodType>(schema: S, multiLine: readonly string[] = []): S {
  const lines = new Set(multiLine);
  return schema.superRefine((value, ctx) => {
    const walk = (v: unknown, path: PropertyKey[]): void => {
      if (typeof v === 'string') {
        const multiLine = lines.has(path.filter((k) => typeof k === 'string').join('.'));
        const found = firstRefused(v, multiLine);
        if (found) {
          const params: TextIssue = { santei: 'text', index: found[0], code: found[1], multiLine };
          // The message here names the field in general terms; check() (schemas.ts) names it as the record does.
          ctx.addIssue({ code: 'custom', path, params, message: textMessage(fieldNameOf(path), params) });
        }
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, [...path, i]));
      } else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) if (k !== 'password') walk(x, [...path, k]);
      }
    };
    walk(value, []);
  }) as S;
}
