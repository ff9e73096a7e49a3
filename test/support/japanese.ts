// What a clerk reads is Japanese: the words of English left in a text, after the identifiers it may cite —
// rule ids (K24-5b, H21-4e, M-7, C006-1a, D10, O2), contract codes (MONTHLY_LIMIT), roman section numbers
// (II-3-(1)), digests, file paths, and the record ids and other values that come from the input.

/** Identifiers a Japanese text cites as they are. */
/** File paths: /tmp/J202407.CSV, examples/c006-2024-07.json (removed before the input's values). */
const PATH = /(?:[\w.@+-]*\/)+[\w.@+-]+/g;

const CITED = [
  /\b[A-Z]+\d[\w-]*/g, // rule ids and section ids: K24-5b, C006-1a, M-7, D10, O2, H21-3a
  /\b[A-Z]+-\d[\w-]*/g, // M-13
  /\b[A-Z]+(?:_[A-Z]+)+\b|\b(?:HISTORY|INTERVAL)\b/g, // contract codes: WEEKLY_LIMIT
  /\b[IVX]+(?=-)/g, // II-3-(1)
  /\b(?:MB|GB|KB)\b/g, // units
  /\b[0-9a-f]{12,64}\b/g, // digests (sha-256, whole or their first 12)
  /\bJSON\b|\bPORT\b|\bnpm\b|\bsantei\b|\bFILE\b|\bID\b|\bYYYY-MM-DD\b|--?[a-z][\w-]*/g, // commands and options
];

/** The English words left in `text` once the cited identifiers and `values` (input data) are removed. */
export function englishIn(text: string, values: readonly string[] = []): string[] {
  let rest = text.replace(PATH, ' ');
  for (const v of [...values].sort((a, b) => b.length - a.length)) rest = rest.split(v).join(' ');
  for (const re of CITED) rest = rest.replace(re, ' ');
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}

/** Every string in a JSON value that has a Latin letter (ids, building ids, categories): input data. */
export function stringsOf(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...out].filter((x) => /[A-Za-z]/.test(x));
}
