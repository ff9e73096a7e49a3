// CSV as offices keep it: spreadsheets saved as UTF-8 (with or without BOM) or Shift_JIS (Excel's
// default in Japan), RFC 4180 quoting, CRLF or LF line ends. Rows come back with their line number.

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

/** RFC 4180: fields separated by commas, quoted with ", "" inside quotes; empty lines are skipped. */
export function parseCsv(text: string): Parsed {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let afterQuote = false;
  const endRow = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== '' || afterQuote)
        return { ok: false, line, message: '引用符（"）の位置が正しくありません' };
      cell = '';
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      afterQuote = false;
      line++;
      rowLine = line;
    } else {
      if (afterQuote && ch.trim() !== '')
        return { ok: false, line, message: '引用符（"）の後に文字があります' };
      if (!afterQuote) cell += ch;
    }
  }
  if (quoted) return { ok: false, line: rowLine, message: '引用符（"）が閉じられていません' };
  if (cell !== '' || cells.length > 0) endRow();
  return { ok: true, rows };
}
