// CSV import of visits and patients from the spreadsheets offices keep. The first row names the columns
// (Japanese headings or the API's field names; the values in Japanese as the labels name them, or codes).
// Each row is turned into the store's input and checked like a request body, with the same references as
// every visit (src/contract/references.ts); every problem is reported as { row, column, message } in
// Japanese. A file with any problem imports nothing, unless `partial`: then the good rows are imported
// and the bad ones listed. The rows are all checked first, then written in one transaction (all or nothing),
// in batches with turns of the event loop between them: reads of the store go on meanwhile (they do not
// wait for the open transaction: src/store/sqliteDriver.ts), writes wait for it.
import type { Profession } from '../core/input.js';
import type { InputProblem } from '../core/validate.js';
import type { ImportResult, RowError } from '../contract/api.js';
import {
  careLevelJa,
  carePlanMakerJa,
  kyotakuAdditionJa,
  professionJa,
  residenceJa,
  serviceNames,
  sexJa,
} from '../contract/labels.js';
import { referenceProblems } from '../contract/references.js';
import type { z } from 'zod';
import { check, patientInputSchema, visitInputSchema } from '../contract/schemas.js';
import type { ActorId, Patient, PatientInput, VisitInput } from '../contract/types.js';
import { StoreError, type Store } from '../store/index.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CSV_ROWS_PER_TURN, decodeCsv, parseCsv, type CsvRow } from './csv.js';
import { kohiImportColumns, takeKohiEntries } from './importKohi.js';

/** Rows of one file (a month of visits of a large office fits). */
export const IMPORT_MAX_ROWS = 50_000;

/** A column: the field it fills, the headings that name it, how its cell becomes a value. */
interface Column {
  field: string;
  headings: string[];
  parse: (cell: string) => { ok: true; value: unknown } | { ok: false; message: string };
}

const text = (cell: string) => ({ ok: true as const, value: cell });
const int = (cell: string) =>
  /^\d+$/.test(cell)
    ? { ok: true as const, value: Number(cell) }
    : { ok: false as const, message: `"${cell}" は整数ではありません` };
const truthy = ['true', '1', 'yes', 'はい', '有', 'あり', '○', '〇', 'TRUE'];
const falsy = ['false', '0', 'no', 'いいえ', '無', 'なし', '×', 'FALSE'];
const bool = (cell: string) =>
  truthy.includes(cell)
    ? { ok: true as const, value: true }
    : falsy.includes(cell)
      ? { ok: true as const, value: false }
      : { ok: false as const, message: `"${cell}" は はい/いいえ（1/0、○/×）のどれでもありません` };
const oneOf =
  (names: Record<string, string>) =>
  (cell: string): { ok: true; value: unknown } | { ok: false; message: string } => {
    if (Object.values(names).includes(cell)) return { ok: true, value: cell };
    const v = names[cell];
    if (v !== undefined) return { ok: true, value: v };
    return { ok: false, message: `"${cell}" は使えない値です（使える値: ${Object.keys(names).join('、')}）` };
  };
const list = (names: Record<string, string>) => (cell: string) => {
  const out: unknown[] = [];
  for (const part of cell.split(/[;；、,\s]+/).filter((x) => x !== '')) {
    const r = oneOf(names)(part);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true as const, value: out };
};
/** 2024/7/5, 2024-7-5, 2024-07-05 → 2024-07-05 (the schema then checks that the day exists). */
const date = (cell: string) => {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(cell);
  if (!m)
    return {
      ok: false as const,
      message: `"${cell}" は日付ではありません（2024-07-05 または 2024/7/5 の形で入力してください）`,
    };
  return { ok: true as const, value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
};
const month = (cell: string) => {
  const m = /^(\d{4})[-/](\d{1,2})$/.exec(cell);
  if (!m)
    return {
      ok: false as const,
      message: `"${cell}" は年月ではありません（2024-07 の形で入力してください）`,
    };
  return { ok: true as const, value: `${m[1]}-${m[2]!.padStart(2, '0')}` };
};

/** The names a cell may give for a code: its label (src/contract/labels.ts) and other spellings offices use. */
function namesOf(
  labels: Record<string, string>,
  aliases: Record<string, string> = {},
): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(labels).map(([code, name]) => [name, code])), ...aliases };
}

const kinds = namesOf(serviceNames, {
  C006: 'c006',
  訪問リハビリ指導管理: 'c006',
  居宅介護支援: 'care_management',
});
const professionNames = namesOf(professionJa, { 歯科衛生士: 'dental_hygienist' });
const kyotakuAdditionNames = namesOf(kyotakuAdditionJa, {
  麻薬: 'narcotic',
  医療用麻薬持続注射療法: 'opioid_injection',
  在宅中心静脈栄養法: 'central_venous',
});

const visitColumns: Column[] = [
  { field: 'kind', headings: ['種類', 'kind'], parse: oneOf(kinds) },
  { field: 'patientId', headings: ['利用者ID', 'patientId'], parse: text },
  { field: 'insuredNumber', headings: ['被保険者番号', 'insuredNumber'], parse: text },
  { field: 'date', headings: ['日付', '訪問日', 'date'], parse: date },
  { field: 'month', headings: ['年月', 'month'], parse: month },
  { field: 'profession', headings: ['職種', 'profession'], parse: oneOf(professionNames) },
  { field: 'staffId', headings: ['職員ID', 'staffId'], parse: text },
  { field: 'reported', headings: ['ケアマネ報告', '報告', 'reported'], parse: bool },
  { field: 'instructed', headings: ['指示', 'instructed'], parse: bool },
  { field: 'examined', headings: ['診察', 'examined'], parse: bool },
  { field: 'online', headings: ['オンライン', 'online'], parse: bool },
  { field: 'additions', headings: ['加算', 'additions'], parse: list(kyotakuAdditionNames) },
  { field: 'units', headings: ['単位数', 'units'], parse: int },
  { field: 'transportYen', headings: ['交通費', 'transportYen'], parse: int },
  { field: 'minutes', headings: ['分', '時間（分）', 'minutes'], parse: int },
  { field: 'category', headings: ['区分', 'category'], parse: text },
];

const levelNames = namesOf(careLevelJa);
const copayNames = { '1': '1', '2': '2', '3': '3', '1割': '1', '2割': '2', '3割': '3' };
const copay = (cell: string) => {
  const r = oneOf(copayNames)(cell);
  return r.ok ? { ok: true as const, value: Number(r.value) } : r;
};
const residenceNames = namesOf(residenceJa, { サ高住: 'sakoju' });
const sexNames = namesOf(sexJa, { 男性: 'male', 女性: 'female' });
const carePlanMakerNames = namesOf(carePlanMakerJa, {
  事業所作成: 'office',
  居宅介護支援事業所: 'office',
  地域包括支援センター: 'office',
  セルフプラン: 'self',
  自己作成: 'self',
});

const patientColumns: Column[] = [
  { field: 'name', headings: ['氏名', 'name'], parse: text },
  { field: 'kana', headings: ['フリガナ', 'ふりがな', 'kana'], parse: text },
  { field: 'insurerNumber', headings: ['保険者番号', 'insurerNumber'], parse: text },
  { field: 'insuredNumber', headings: ['被保険者番号', 'insuredNumber'], parse: text },
  { field: 'birthDate', headings: ['生年月日', 'birthDate'], parse: date },
  { field: 'sex', headings: ['性別', 'sex'], parse: oneOf(sexNames) },
  { field: 'address', headings: ['住所', 'address'], parse: text },
  { field: 'certifications.0.level', headings: ['要介護度', 'level'], parse: oneOf(levelNames) },
  { field: 'certifications.0.copay', headings: ['負担割合', 'copay'], parse: copay },
  { field: 'certifications.0.from', headings: ['認定開始日', '認定有効期間開始', 'certFrom'], parse: date },
  { field: 'certifications.0.to', headings: ['認定終了日', '認定有効期間終了', 'certTo'], parse: date },
  { field: 'residences.0.kind', headings: ['住まい', '住居', 'residence'], parse: oneOf(residenceNames) },
  { field: 'building', headings: ['建物', 'building'], parse: text },
  { field: 'residences.0.from', headings: ['入居日', '住まいの開始日', 'residenceFrom'], parse: date },
  { field: 'medicalCopay', headings: ['医療負担割合', 'medicalCopay'], parse: copay },
  { field: 'careManagerName', headings: ['ケアマネジャー', 'careManagerName'], parse: text },
  { field: 'careManagerOffice', headings: ['居宅介護支援事業所', 'careManagerOffice'], parse: text },
  // Who made the care plan (the claim file's 居宅サービス計画作成区分), one dated period.
  {
    field: 'carePlans.0.maker',
    headings: ['計画作成', '居宅サービス計画作成', 'carePlanMaker'],
    parse: oneOf(carePlanMakerNames),
  },
  {
    field: 'carePlans.0.officeNumber',
    headings: ['計画作成事業所番号', 'carePlanOfficeNumber'],
    parse: text,
  },
  { field: 'carePlans.0.officeName', headings: ['計画作成事業所名', 'carePlanOfficeName'], parse: text },
  { field: 'carePlans.0.from', headings: ['計画開始日', 'carePlanFrom'], parse: date },
  { field: 'carePlans.0.to', headings: ['計画終了日', 'carePlanTo'], parse: date },
  // 公費 (docs/kohi.md): 公費1_法別番号 … 公費2_上限月額, created with the patient (importKohi.ts).
  ...kohiImportColumns({ text, date, int }),
];

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Record<string, unknown> | unknown[] = obj;
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    const key: string | number = /^\d+$/.test(k) ? Number(k) : k;
    const holder = cur as Record<string | number, unknown>;
    if (last) holder[key] = value;
    else {
      if (holder[key] === undefined) holder[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
      cur = holder[key] as Record<string, unknown>;
    }
  });
}

interface Mapped {
  row: number;
  value: Record<string, unknown>;
  errors: RowError[];
  /** The heading of the column that filled each field path. */
  headingOf: Map<string, string>;
}

/** The heading row → columns; unknown headings are an error (a misspelt heading must not be ignored). */
function mapHeadings(
  header: CsvRow,
  columns: Column[],
): { ok: true; map: (Column | null)[] } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const map = header.cells.map((h) => {
    const heading = h.trim();
    if (heading === '') return null;
    const col = columns.find((c) => c.headings.includes(heading));
    if (!col) {
      errors.push({
        row: header.line,
        column: heading,
        message: `知らない列です（使える列: ${columns.map((c) => c.headings[0]).join('、')}）`,
      });
      return null;
    }
    if (seen.has(col.field))
      errors.push({ row: header.line, column: heading, message: '同じ項目の列が2つあります' });
    seen.add(col.field);
    return col;
  });
  return errors.length ? { ok: false, errors } : { ok: true, map };
}

function mapRow(row: CsvRow, header: CsvRow, map: (Column | null)[]): Mapped {
  const value: Record<string, unknown> = {};
  const errors: RowError[] = [];
  const headingOf = new Map<string, string>();
  if (row.cells.length > header.cells.length) {
    errors.push({
      row: row.line,
      column: '',
      message: `列が多すぎます（見出しは${header.cells.length}列、この行は${row.cells.length}列）`,
    });
  }
  map.forEach((col, i) => {
    if (!col) return;
    const cell = (row.cells[i] ?? '').trim();
    const heading = header.cells[i]!.trim();
    headingOf.set(col.field, heading);
    if (cell === '') return;
    const r = col.parse(cell);
    if (!r.ok) errors.push({ row: row.line, column: heading, message: r.message });
    else setPath(value, col.field, r.value);
  });
  return { row: row.line, value, errors, headingOf };
}

/** A schema problem's path (e.g. "certifications[0].copay") → the heading that filled it. */
function headingFor(m: Mapped, problem: InputProblem): string {
  const field = problem.path.replace(/\[(\d+)\]/g, '.$1');
  for (let f = field; f !== ''; f = f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : '') {
    const h = m.headingOf.get(f);
    if (h !== undefined) return h;
  }
  return problem.path;
}

/** A file the import cannot read at all: StoreError('invalid'), with the line where there is one. */
function unreadable(problems: InputProblem[] | string): StoreError {
  const list = typeof problems === 'string' ? [{ path: '', message: problems }] : problems;
  return new StoreError('invalid', list[0]!.message, list);
}

async function readRows(bytes: Uint8Array): Promise<{ header: CsvRow; rows: CsvRow[] }> {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) throw unreadable(decoded.message);
  const parsed = await parseCsv(decoded.text);
  if (!parsed.ok) throw unreadable([{ path: `${parsed.line}行目`, message: parsed.message }]);
  const [header, ...rows] = parsed.rows;
  if (!header) throw unreadable('CSV が空です（1行目に見出しが必要です）');
  if (rows.length === 0) throw unreadable('CSV にデータの行がありません');
  if (rows.length > IMPORT_MAX_ROWS)
    throw unreadable(`1つのファイルは${IMPORT_MAX_ROWS}行までです（${rows.length}行あります）`);
  return { header, rows };
}

/** An import: what was imported, or, for a file with errors and not `partial`, the errors and nothing imported. */
export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; errors: RowError[] };

export interface ImportOptions {
  /** Import the good rows of a file with errors (and list the bad ones). */
  partial?: boolean;
}

/**
 * A CSV file imported: its headings mapped to columns, each row turned into an input, checked by the
 * import's own rules (`rowCheck`, made once the headings are known) and then by the input's schema; the
 * good rows created in one transaction unless a row has errors and the import is not `partial`.
 */
async function importFile<T>(
  bytes: Uint8Array,
  columns: Column[],
  opts: ImportOptions,
  schema: z.ZodType<T>,
  rowCheck: () => Promise<(m: Mapped) => void>,
  create: (inputs: T[]) => Promise<{ id: string }[]>,
): Promise<ImportOutcome> {
  const { header, rows } = await readRows(bytes);
  const heads = mapHeadings(header, columns);
  if (!heads.ok) return { ok: false, errors: heads.errors };
  const checkRow = await rowCheck();
  const errors: RowError[] = [];
  const good: T[] = [];
  for (const [i, row] of rows.entries()) {
    // A few hundred rows per turn of the event loop: the server answers others meanwhile.
    if (i > 0 && i % CSV_ROWS_PER_TURN === 0) await nextTurn();
    const m = mapRow(row, header, heads.map);
    checkRow(m);
    if (m.errors.length === 0) {
      const c = check(schema, m.value);
      if (!c.ok)
        for (const p of c.problems)
          m.errors.push({ row: m.row, column: headingFor(m, p), message: p.message });
      else good.push(c.value);
    }
    errors.push(...m.errors);
  }
  if (errors.length && !opts.partial) return { ok: false, errors };
  const created = good.length ? await create(good) : [];
  return { ok: true, result: { imported: created.length, ids: created.map((x) => x.id), errors } };
}

/** POST …/import/visits: the visits of a CSV file (by 利用者ID or 被保険者番号). */
export function importVisits(
  store: Store,
  officeId: string,
  bytes: Uint8Array,
  opts: ImportOptions,
  actor: ActorId,
): Promise<ImportOutcome> {
  return importFile(
    bytes,
    visitColumns,
    opts,
    visitInputSchema as z.ZodType<VisitInput>,
    async () => {
      const patients = await store.listPatients(officeId);
      const byId = new Map(patients.map((p) => [p.id, p]));
      const byInsured = new Map<string, Patient>();
      for (const p of patients) if (p.insuredNumber) byInsured.set(p.insuredNumber, p);
      const staff = new Map((await store.listStaff(officeId)).map((s) => [s.id, s]));
      const office = { hasPatient: (id: string) => byId.has(id), staff: (id: string) => staff.get(id) };
      return (m) => {
        if (m.value.kind === undefined && m.value.profession !== undefined) m.value.kind = 'kyotaku';
        // The patient: by id, or by 被保険者番号.
        const insured = m.value.insuredNumber as string | undefined;
        delete m.value.insuredNumber;
        if (m.value.patientId === undefined && insured !== undefined) {
          const p = byInsured.get(insured);
          if (p) m.value.patientId = p.id;
          else
            m.errors.push({
              row: m.row,
              column: m.headingOf.get('insuredNumber')!,
              message: `被保険者番号 ${insured} の利用者がこの事業所にいません`,
            });
        } else if (m.value.patientId === undefined) {
          m.errors.push({ row: m.row, column: '', message: '利用者ID か 被保険者番号 の列が必要です' });
        }
        // The patient, the staff member and the staff member's profession, as for every visit (a row
        // without its patient is refused above).
        const patientId = m.value.patientId as string | undefined;
        const refs = referenceProblems(
          {
            patientId: patientId ?? '',
            staffId: m.value.staffId as string | undefined,
            profession: m.value.kind === 'kyotaku' ? (m.value.profession as Profession) : undefined,
          },
          patientId === undefined ? { ...office, hasPatient: () => true } : office,
          { what: '訪問', professionPath: 'profession' },
        );
        for (const p of refs) m.errors.push({ row: m.row, column: headingFor(m, p), message: p.message });
      };
    },
    (good) => store.createVisits(officeId, good, actor),
  );
}

/** POST …/import/patients: the patients of a CSV file, each with one certification and one residence. */
export function importPatients(
  store: Store,
  officeId: string,
  bytes: Uint8Array,
  opts: ImportOptions,
  actor: ActorId,
): Promise<ImportOutcome> {
  const kohiOfRows: ReturnType<typeof takeKohiEntries>[] = [];
  return importFile(
    bytes,
    patientColumns,
    opts,
    patientInputSchema as z.ZodType<PatientInput>,
    async () => {
      const existing = await store.listPatients(officeId);
      const insuredSeen = new Map<string, string>();
      for (const p of existing)
        if (p.insuredNumber) insuredSeen.set(p.insuredNumber, `登録済みの利用者「${p.name}」`);
      const buildings = await store.listBuildings(officeId);
      return (m) => {
        const kohi = takeKohiEntries(m);
        const v = m.value;
        // 建物: a building of the office by name or id; its kind is the residence's unless given.
        const bname = v.building as string | undefined;
        delete v.building;
        if (bname !== undefined) {
          const b = buildings.find((x) => x.name === bname || x.id === bname);
          if (!b)
            m.errors.push({
              row: m.row,
              column: m.headingOf.get('building')!,
              message: `建物「${bname}」はこの事業所に登録されていません`,
            });
          else {
            setPath(v, 'residences.0.buildingId', b.id);
            if ((v.residences as Record<string, unknown>[] | undefined)?.[0]?.kind === undefined)
              setPath(v, 'residences.0.kind', b.kind);
          }
        }
        const res = (v.residences as Record<string, unknown>[] | undefined)?.[0];
        if (res && res.from === undefined) {
          m.errors.push({
            row: m.row,
            column: '',
            message: '住まいの列があるときは「入居日」も入れてください',
          });
        }
        // The care plan: a 事業所番号 without 計画作成 is an office's plan; the period needs its start.
        const plan = (v.carePlans as Record<string, unknown>[] | undefined)?.[0];
        if (plan) {
          if (plan.maker === undefined && plan.officeNumber !== undefined) plan.maker = 'office';
          if (plan.from === undefined)
            m.errors.push({
              row: m.row,
              column: '',
              message: '居宅サービス計画の列があるときは「計画開始日」も入れてください',
            });
          if (plan.maker === 'self' && (plan.officeNumber !== undefined || plan.officeName !== undefined))
            m.errors.push({
              row: m.row,
              column: m.headingOf.get(
                plan.officeNumber !== undefined ? 'carePlans.0.officeNumber' : 'carePlans.0.officeName',
              )!,
              message: 'セルフプラン（自己作成）の利用者には計画作成事業所を入れません',
            });
          const makerHeading = m.headingOf.get('carePlans.0.maker');
          const makerUnread = m.errors.some((e) => makerHeading !== undefined && e.column === makerHeading);
          if (plan.maker === undefined && !makerUnread)
            m.errors.push({
              row: m.row,
              column: '',
              message:
                '「計画作成」（居宅介護支援事業所・地域包括支援センター／セルフプラン）か「計画作成事業所番号」を入れてください',
            });
        }
        const insured = v.insuredNumber as string | undefined;
        if (insured !== undefined) {
          const prev = insuredSeen.get(insured);
          if (prev)
            m.errors.push({
              row: m.row,
              column: m.headingOf.get('insuredNumber')!,
              message: `被保険者番号 ${insured} は${prev}と重複しています`,
            });
          else insuredSeen.set(insured, `${m.row}行目`);
        }
        // The row's 公費, in the order of the rows importFile creates (a row it creates passes this check).
        if (m.errors.length === 0 && check(patientInputSchema, v).ok) kohiOfRows.push(kohi);
      };
    },
    async (good) => {
      const created = await store.createPatients(officeId, good, actor);
      for (const [i, p] of created.entries())
        for (const k of kohiOfRows[i] ?? [])
          await store.createKohiEntry(officeId, { ...k, patientId: p.id }, actor);
      return created;
    },
  );
}
