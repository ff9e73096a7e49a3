// CSV as offices keep it: spreadsheets saved as UTF-8 (with or without BOM) or Shift_JIS (Excel's
// default in Japan), RFC 4180 quoting, CRLF or LF line ends, read with csv-parse. Rows come back with
// the line they start on; blank lines are skipped. A large file is parsed as a stream, a few hundred rows
// between two turns of the event loop.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse, type Options } from 'csv-parse';

export interface CsvRow {
  /** 1-based line number in the file where the row starts (the header is line 1). */
  line: number;
  cells: string[];
}

export type Decoded =
  { ok: true; text: string; encoding: 'utf-8' | 'shift_jis' } | { ok: false; message: string };

/** UTF-8 if the bytes are valid UTF-8, else Shift_JIS; neither → a message for the clerk. */
export function decodeCsv(bytes: Uint8Array): Decoded {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    // not UTF-8
  }
  try {
    const text = new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    return { ok: true, text, encoding: 'shift_jis' };
  } catch {
    return {
      ok: false,
      message: 'ファイルの文字コードが読めません（UTF-8 か Shift_JIS の CSV で保存してください）',
    };
  }
}

export type Parsed = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

/** csv-parse's refusals, in the clerk's words. */
const messages: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引用符（"）が閉じられていません',
  CSV_INVALID_CLOSING_QUOTE: '引用符（"）の後に文字があります',
  INVALID_OPENING_QUOTE: '引用符（"）の位置が正しくありません',
};

/** Rows parsed between two turns of the event loop (a 50,000-row file does not hold the server). */
export const CSV_ROWS_PER_TURN = 500;
/** Characters handed to the parser at a time. */
const SLICE = 64 * 1024;

/**
 * RFC 4180: fields separated by commas, quoted with ", "" inside quotes; spaces around a field ignored.
 * Streamed through csv-parse in slices, yielding to the event loop every CSV_ROWS_PER_TURN rows.
 */
export async function parseCsv(text: string): Promise<Parsed> {
  // Each record starts on the line after the one the previous record ended on (blank lines are records too).
  let lastLine = 0;
  const rows: CsvRow[] = [];
  const onRecord = (cells: string[], context: { lines: number }): CsvRow | null => {
    const row = cells.length === 1 && cells[0]!.trim() === '' ? null : { line: lastLine + 1, cells };
    lastLine = context.lines;
    return row;
  };
  const parser = parse({
    relax_column_count: true,
    ltrim: true,
    rtrim: true,
    // The rows come out as { line, cells } (csv-parse's types know only cells).
    on_record: onRecord as unknown as Options['on_record'],
  });
  const feed = Readable.from(
    (function* () {
      for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
    })(),
  );
  feed.pipe(parser);
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      rows.push(row);
      if (rows.length % CSV_ROWS_PER_TURN === 0) await nextTurn();
    }
    return { ok: true, rows };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const message = messages[e.code] ?? 'CSV として読めません（列の区切りと引用符を確かめてください）';
    // An unclosed quote is reported on the line its row starts on; the others where they are found.
    const line =
      e.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : ((e as { lines?: number }).lines ?? lastLine + 1);
    return { ok: false, line, message };
  } finally {
    feed.destroy();
  }
}
