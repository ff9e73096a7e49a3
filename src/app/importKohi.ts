// The 公費 columns of the patients' CSV import (docs/kohi.md): 公費1_… and 公費2_… (法別番号, 負担者番号,
// 受給者番号, 開始日, 終了日, 本人支払額, 上限月額), each 公費 of a row checked like a request body
// (kohiEntryInputSchema: the check digits, KOHI-9; an end before the start) and two of one 法別 in one row
// refused when they overlap (KOHI-10); the patient's entries are created with the patient. Kept beside
// import.ts so that the file import itself stays as it is.
import type { RowError } from '../contract/api.js';
import { check, kohiEntryInputSchema } from '../contract/schemas.js';
import type { KohiEntryInput } from '../contract/types.js';

type Parse = (cell: string) => { ok: true; value: unknown } | { ok: false; message: string };

/** The fields of one 公費 column group, with the heading each has after its 公費n_ prefix. */
const parts: [field: keyof KohiEntryInput, heading: string, kind: 'text' | 'date' | 'int'][] = [
  ['law', '法別番号', 'text'],
  ['payerNumber', '負担者番号', 'text'],
  ['recipientNumber', '受給者番号', 'text'],
  ['from', '開始日', 'date'],
  ['to', '終了日', 'date'],
  ['selfPayYen', '本人支払額', 'int'],
  ['monthlyCapYen', '上限月額', 'int'],
];

/** Two 公費 per row: 公費1_法別番号 … 公費2_上限月額 (field `kohi.<i>.<field>`). */
export function kohiImportColumns(parse: Record<'text' | 'date' | 'int', Parse>) {
  return [0, 1].flatMap((i) =>
    parts.map(([field, heading, kind]) => ({
      field: `kohi.${i}.${field}`,
      headings: [`公費${i + 1}_${heading}`],
      parse: parse[kind],
    })),
  );
}

interface Row {
  row: number;
  value: Record<string, unknown>;
  errors: RowError[];
  headingOf: Map<string, string>;
}

/**
 * Takes a row's 公費 out of its value (the patient's input has none) and checks each: the entries without
 * their patient, or none; the problems are the row's errors, at the column that filled the field.
 */
export function takeKohiEntries(m: Row): Omit<KohiEntryInput, 'patientId'>[] {
  const raw = m.value.kohi as (Record<string, unknown> | undefined)[] | undefined;
  delete m.value.kohi;
  if (!raw) return [];
  const out: Omit<KohiEntryInput, 'patientId'>[] = [];
  raw.forEach((k, i) => {
    if (!k) return;
    const c = check(kohiEntryInputSchema, { patientId: 'import', ...k });
    if (!c.ok) {
      for (const p of c.problems) {
        const column = m.headingOf.get(`kohi.${i}.${p.path}`) ?? `公費${i + 1}`;
        m.errors.push({ row: m.row, column, message: `公費${i + 1}: ${p.message}` });
      }
      return;
    }
    const { patientId: _p, ...entry } = c.value;
    const clash = out.find(
      (o) =>
        o.law === entry.law && o.from <= (entry.to ?? '9999-12-31') && entry.from <= (o.to ?? '9999-12-31'),
    );
    if (clash) {
      m.errors.push({
        row: m.row,
        column: m.headingOf.get(`kohi.${i}.from`) ?? `公費${i + 1}`,
        message: `公費${i + 1}: 同じ行の法別${entry.law} の公費と有効期間が重なっています（KOHI-10）`,
      });
      return;
    }
    out.push(entry);
  });
  return out;
}
