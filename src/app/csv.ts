// CSV as offices keep it: spreadsheets saved as UTF-8 (with or without BOM) or Shift_JIS (Excel's
// default in Japan), RFC 4180 quoting, CRLF or LF line ends, read with csv-parse. Rows come back with
// the line they start on; blank lines are skipped.
import { CsvError, parse } from 'csv-parse/sync';

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

/** RFC 4180: fields separated by commas, quoted with ", "" inside quotes; spaces around a field ignored. */
export function parseCsv(text: string): Parsed {
  // Each record starts on the line after the one the previous record ended on (blank lines are records too).
  let lastLine = 0;
  const rows: CsvRow[] = [];
  try {
    parse(text, {
      relax_column_count: true,
      ltrim: true,
      rtrim: true,
      on_record: (cells: string[], context) => {
        if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: lastLine + 1, cells });
        lastLine = context.lines;
        return null;
      },
    });
    return { ok: true, rows };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const message = messages[e.code] ?? 'CSV として読めません（列の区切りと引用符を確かめてください）';
    // An unclosed quote is reported on the line its row starts on; the others where they are found.
    const line =
      e.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : ((e as { lines?: number }).lines ?? lastLine + 1);
    return { ok: false, line, message };
  }
}
