import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCsv, parseCsv } from '../../src/app/csv.js';

describe('CSV as offices save it', () => {
  it('parses quoted fields, doubled quotes, commas and newlines inside quotes, CRLF', async () => {
    const r = await parseCsv('a,b,c\r\n"x, y","he said ""hi""","two\nlines"\r\n\r\n1,,3');
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['x, y', 'he said "hi"', 'two\nlines'] },
        { line: 5, cells: ['1', '', '3'] },
      ],
    });
  });

  it('refuses an unclosed quote with its line', async () => {
    const r = await parseCsv('a,b\n"open,2\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(2);
      expect(r.message).toMatch(/引用符/);
    }
  });

  it('refuses text after a closing quote', async () => {
    expect((await parseCsv('"a"b,c')).ok).toBe(false);
  });

  it('decodes UTF-8 with a BOM and Shift_JIS', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('氏名,番号')]);
    expect(decodeCsv(utf8)).toEqual({ ok: true, text: '氏名,番号', encoding: 'utf-8' });
    // "氏名" in Shift_JIS
    const sjis = new Uint8Array([0x8e, 0x81, 0x96, 0xbc]);
    expect(decodeCsv(sjis)).toEqual({ ok: true, text: '氏名', encoding: 'shift_jis' });
  });

  it('says in Japanese when the bytes are neither UTF-8 nor Shift_JIS', () => {
    const r = decodeCsv(new Uint8Array([0xff, 0xff, 0xff, 0x80]));
    expect(r.ok).toBe(false);
  });

  it('round-trips any table written with RFC 4180 quoting (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'あ', ',', '"', '\n', ' ', '1') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        async (table) => {
          const text = table
            .map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
            .join('\r\n');
          const r = await parseCsv(text);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.rows.map((x) => x.cells)).toEqual(table);
        },
      ),
    );
  });
});
