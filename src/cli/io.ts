// The CLI's reading and writing. A file that cannot be read, or is not JSON, is answered in one Japanese
// line that names it (its path, or 標準入力) and, for JSON, the line and column and what is wrong there.
import { readFileSync } from 'node:fs';
import { parse as locateJsonError, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/** How the CLI names an input: its path, or 標準入力 for "-". */
export function inputName(path: string): string {
  return path === '-' ? '標準入力' : path;
}

/** Why a file could not be read, by its error code. */
function readProblem(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'ファイルがありません';
    case 'EISDIR':
      return 'フォルダです。ファイルを指定してください';
    case 'EACCES':
    case 'EPERM':
      return '読む権限がありません';
    default:
      return `読み込めません（${e.code ?? e.message}）`;
  }
}

/** Reads a file path, or standard input for "-", as text. */
export function readInputText(path: string): Read<string> {
  try {
    return { ok: true, value: readFileSync(path === '-' ? 0 : path, 'utf8') };
  } catch (e) {
    return { ok: false, message: `${inputName(path)}: ${readProblem(e as NodeJS.ErrnoException)}` };
  }
}

/** Reads a file path, or standard input for "-", as bytes (a claim file in MS932). */
export function readInputBytes(path: string): Read<Uint8Array> {
  try {
    return { ok: true, value: readFileSync(path === '-' ? 0 : path) };
  } catch (e) {
    return { ok: false, message: `${inputName(path)}: ${readProblem(e as NodeJS.ErrnoException)}` };
  }
}

/** jsonc-parser's error codes (by name) in Japanese. */
const jsonErrorJa: Record<string, string> = {
  InvalidSymbol: 'JSON では使えない文字があります',
  InvalidNumberFormat: '数値の書き方が正しくありません',
  PropertyNameExpected: '項目名（"…"）がありません',
  ValueExpected: '値がありません',
  ColonExpected: '項目名の後に「:」がありません',
  CommaExpected: '「,」がありません',
  CloseBraceExpected: '「{」が「}」で閉じられていません',
  CloseBracketExpected: '「[」が「]」で閉じられていません',
  EndOfFileExpected: 'JSON の終わりの後に余分な文字があります',
  InvalidCommentToken: 'JSON にはコメントを書けません',
  UnexpectedEndOfComment: 'JSON にはコメントを書けません',
  UnexpectedEndOfString: '文字列が「"」で閉じられていません（改行は \\n と書きます）',
  UnexpectedEndOfNumber: '数値が途中で終わっています',
  InvalidUnicode: '「\\u」の後の16進数4桁が正しくありません',
  InvalidEscapeCharacter: '「\\」の後の文字が正しくありません',
  InvalidCharacter: '文字列の中に使えない文字（改行・タブなどの制御文字）があります',
};

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Where and why text that JSON.parse refused is not JSON, in Japanese: "2行目11列: 値がありません".
 * Only run on a refusal (jsonc-parser, strict: no comments, no trailing commas, finds the first error);
 * `oneLine` gives the column alone (an ndjson line).
 */
export function describeJsonError(text: string, e: unknown, oneLine = false): string {
  if (text.trim() === '') return '入力が空です';
  const errors: ParseError[] = [];
  locateJsonError(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  let offset: number | undefined = errors[0]?.offset;
  let why = errors[0] ? jsonErrorJa[printParseErrorCode(errors[0].error)] : undefined;
  if (offset === undefined) {
    // What jsonc-parser accepts but JSON.parse does not: V8 gives the position.
    const m = /position (\d+)/.exec((e as Error)?.message ?? '');
    if (m) offset = Number(m[1]);
  }
  why ??= 'JSON の書き方が正しくありません';
  if (offset === undefined) return why;
  const { line, column } = lineColumn(text, offset);
  return oneLine ? `${column}文字目: ${why}` : `${line}行目${column}列: ${why}`;
}

/** The input's text parsed as JSON (a leading byte-order mark is not part of it). */
export function parseJsonText(text: string, name: string): Read<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, message: `${name}: JSON として読めません（${describeJsonError(body, e)}）` };
  }
}

/** Reads and parses a JSON input (a path or "-"); on failure one Japanese line naming it. */
export function readJsonInput(path: string): Read<unknown> {
  const text = readInputText(path);
  if (!text.ok) return text;
  return parseJsonText(text.value, inputName(path));
}

export function writeOut(s: string): void {
  process.stdout.write(s);
}

export function writeErr(s: string): void {
  process.stderr.write(s);
}
