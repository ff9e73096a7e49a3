// Input validation (contract.md "Bad input"): the schema, then the checks that need the whole input
// (unknown patients, duplicate ids, a month no schedule covers, M-7). One problem per line: the JSON
// path and what is wrong, in Japanese a billing clerk understands.
import type { z } from 'zod';
import { claimMonthInputSchema, inputFormats, type ClaimMonthInput } from './input.js';
import { covers, type Schedule } from './schedule.js';
import { careInsuranceFirst } from './rules/c006.js';
import { recordMonth } from './rules/service.js';
import { compileSchemaCheck } from './schemaCheck.js';
import { insuredNumberProblem, insurerNumberProblem, officeNumberProblem } from './checkDigits.js';
import { kohiEntryProblems } from './kohi.js';

export interface InputProblem {
  /** JSON path, e.g. `records[3].date`; '' for the document itself. */
  path: string;
  message: string;
  /** The rule the problem breaks, where one does (the 公費 entries: KOHI-1, KOHI-4, KOHI-5, KOHI-9, KOHI-10). */
  rule?: string;
}

export type Validated = { ok: true; input: ClaimMonthInput } | { ok: false; problems: InputProblem[] };

export function formatProblem(p: InputProblem): string {
  const message = p.rule ? `${p.message}（${p.rule}）` : p.message;
  return p.path ? `${p.path}: ${message}` : message;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

/** The value at a zod path inside `root` (undefined where the path leaves the value). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return '（なし）';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const typeJa: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: 'true か false',
  object: 'オブジェクト',
  array: '配列',
  int: '整数',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '配列';
  return typeJa[typeof v] ?? typeof v;
}

/** The claim file's numbers (input.ts): the sentence of their one check (./checkDigits.ts). */
const numberProblems: Record<string, (s: string) => string | null> = {
  insurerNumber: insurerNumberProblem,
  insuredNumber: insuredNumberProblem,
  officeNumber: officeNumberProblem,
};

/** "（利用者 A01）" when the path is inside a patient that has an id, so that the line names the patient. */
function patientNamed(root: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'patients' || typeof path[1] !== 'number') return '';
  const id = (valueAt(root, path.slice(0, 2)) as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? `（利用者 ${id}）` : '';
}

/** A date or a month that is not one: what to enter instead. */
function notA(kind: 'date' | 'month', value: unknown): string {
  return kind === 'date'
    ? `${show(value)} は日付ではありません（実在する日付を YYYY-MM-DD で入力してください）`
    : `${show(value)} は年月ではありません（YYYY-MM で入力してください）`;
}

/** One zod issue → one clerk-readable line; inside a patient's 公費 entries, naming the patient. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): InputProblem {
  const p = describeIssueOnly(issue, root);
  if (issue.path[2] !== 'kohi') return p;
  const named = patientNamed(root, issue.path);
  return named && !p.message.includes(named) ? { ...p, message: `${p.message}${named}` } : p;
}

function describeIssueOnly(issue: z.core.$ZodIssue, root: unknown): InputProblem {
  const path = formatPath(issue.path);
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { path, message: '必須項目がありません' };
      return {
        path,
        message: `${show(value)} は${typeJa[issue.expected] ?? issue.expected}ではありません（${typeOf(value)}です）`,
      };
    case 'invalid_value':
      return {
        path,
        message: `${show(value)} は使えない値です（使える値: ${issue.values.map((x) => String(x)).join(', ')}）`,
      };
    case 'unrecognized_keys':
      // Contract "Bad input": name the field itself (`records[0].reportd`) when there is one.
      if (issue.keys.length === 1) {
        return {
          path: formatPath([...issue.path, issue.keys[0]!]),
          message: '知らない項目です（項目名の誤りがないか確認してください）',
        };
      }
      return {
        path,
        message: `知らない項目です: ${issue.keys.join(', ')}（項目名の誤りがないか確認してください）`,
      };
    case 'too_small':
      if (issue.origin === 'string') return { path, message: '空にできません' };
      if (issue.origin === 'number') {
        return {
          path,
          message: `${show(value)} は${issue.inclusive ? `${issue.minimum}以上` : `${issue.minimum}より大きい値`}にしてください`,
        };
      }
      return { path, message: `少なくとも${issue.minimum}件必要です` };
    case 'too_big':
      return { path, message: `${show(value)} は大きすぎます（上限 ${String(issue.maximum)}）` };
    case 'invalid_union':
      if (issue.path.at(-1) === 'maker') {
        return {
          path,
          message: `${value === undefined ? '必須項目がありません' : `${show(value)} は使えない値です`}（使える値: office＝居宅介護支援事業所・地域包括支援センターが作成, self＝セルフプラン）`,
        };
      }
      if (issue.path.length > 0 && value && typeof value === 'object' && 'kind' in value) {
        return {
          path: formatPath([...issue.path, 'kind']),
          message: `${show((value as { kind: unknown }).kind)} は使えない記録の種類です（使える値: kyotaku, c006, care_management, home_help, home_nursing, home_rehab）`,
        };
      }
      return {
        path,
        message: value === undefined ? '必須項目がありません' : `${show(value)} の形が正しくありません`,
      };
    case 'custom': {
      const kind = (issue.params as { santei?: string } | undefined)?.santei;
      if (kind === 'date' || kind === 'month') return { path, message: notA(kind, value) };
      return { path, message: issue.message };
    }
    case 'invalid_format':
      // The input's string formats (z.stringFormat 'date' / 'month', input.ts).
      if (issue.format === 'date') return { path, message: notA('date', value) };
      if (issue.format === 'month') return { path, message: notA('month', value) };
      if (issue.format === 'kohiLaw')
        return {
          path,
          message: `${show(value)} は法別番号ではありません（2桁の数字、例: 生活保護は12、指定難病は54）`,
        };
      if (typeof value === 'string' && issue.format in numberProblems) {
        return {
          path,
          message: `${numberProblems[issue.format]!(value) ?? ''}${patientNamed(root, issue.path)}`,
        };
      }
      return { path, message: `${show(value)} の形式が正しくありません` };
    default:
      if (issue.code === 'not_multiple_of')
        return { path, message: `${show(value)} の形式が正しくありません` };
      return { path, message: `${show(value)} は正しくありません` };
  }
}

/** Contract "Bad input": one line per problem — each unknown field its own line, named by its path. */
function splitUnknownKeys(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((i): z.core.$ZodIssue[] =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ ...i, keys: [k] })) : [i],
  );
}

// The schema's fast path (./schemaCheck.ts): a valid input is used as it is instead of zod's copy of it.
// Undefined when the schema holds something the check cannot answer for: then zod always parses.
const acceptsUnchanged = compileSchemaCheck(claimMonthInputSchema, inputFormats);

/** The schema and the whole-input checks; no schedule yet. */
export function validateInput(raw: unknown): Validated {
  let input: ClaimMonthInput;
  if (acceptsUnchanged?.(raw)) {
    input = raw as ClaimMonthInput; // zod would accept it and return an equal value
  } else {
    const parsed = claimMonthInputSchema.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, problems: splitUnknownKeys(parsed.error.issues).map((i) => describeIssue(i, raw)) };
    }
    input = parsed.data;
  }
  const problems: InputProblem[] = [];

  const patientIndex = new Map<string, number>();
  input.patients.forEach((p, i) => {
    const prev = patientIndex.get(p.id);
    if (prev !== undefined)
      problems.push({
        path: `patients[${i}].id`,
        message: `"${p.id}" は patients[${prev}] と重複しています`,
      });
    else patientIndex.set(p.id, i);
    // K24-1a: each certification period is ordered, and no two periods overlap.
    const periods = certificationPeriods(p);
    periods.forEach((c, a) => {
      if (c.from && c.to && c.from > c.to) {
        problems.push({
          path: `${periodPath(p, i, a)}.to`,
          message: `認定の終了日 ${c.to} が開始日 ${c.from} より前です`,
        });
      }
    });
    for (let a = 0; a < periods.length; a++) {
      for (let b = a + 1; b < periods.length; b++) {
        const x = periods[a]!;
        const y = periods[b]!;
        if ((x.from ?? '') <= (y.to ?? '9999') && (y.from ?? '') <= (x.to ?? '9999')) {
          problems.push({
            path: periodPath(p, i, b),
            message: `認定期間が ${periodPath(p, i, a)} と重なっています`,
          });
        }
      }
    }
    p.stays?.forEach((s, j) => {
      if (s.from > s.to)
        problems.push({
          path: `patients[${i}].stays[${j}].to`,
          message: `終了日 ${s.to} が開始日 ${s.from} より前です`,
        });
    });
  });

  // K24-4d: one building has one number of dwellings.
  const dwellings = new Map<string, { n: number; i: number }>();
  input.patients.forEach((p, i) => {
    const r = p.residence;
    if (!r?.buildingId || r.dwellings === undefined) return;
    const seen = dwellings.get(r.buildingId);
    if (!seen) dwellings.set(r.buildingId, { n: r.dwellings, i });
    else if (seen.n !== r.dwellings) {
      problems.push({
        path: `patients[${i}].residence.dwellings`,
        message: `建物 "${r.buildingId}" の戸数が patients[${seen.i}] の ${seen.n} と異なります（${r.dwellings}）`,
      });
    }
  });

  // K24-6e: a small office in a 中山間地域等 is by definition not in a 特別地域.
  if (input.office.specialArea && input.office.chusankanSmallOffice) {
    problems.push({
      path: 'office.chusankanSmallOffice',
      message:
        '特別地域の事業所には中山間地域等における小規模事業所加算は算定できません（どちらか一方にしてください）',
    });
  }

  const recordIndex = new Map<string, number>();
  input.records.forEach((r, i) => {
    const prev = recordIndex.get(r.id);
    if (prev !== undefined)
      problems.push({ path: `records[${i}].id`, message: `"${r.id}" は records[${prev}] と重複しています` });
    else recordIndex.set(r.id, i);
    if (!patientIndex.has(r.patientId)) {
      problems.push({
        path: `records[${i}].patientId`,
        message: `"${r.patientId}" は patients にない利用者です`,
      });
    }
  });

  return problems.length ? { ok: false, problems } : { ok: true, input };
}

type InputPatient = ClaimMonthInput['patients'][number];
type Period = NonNullable<InputPatient['care']>;

const NO_PERIODS: readonly Period[] = [];

/** The patient's certification periods: `care`, then `certifications` (see periodPath). */
function certificationPeriods(p: InputPatient): readonly Period[] {
  if (!p.certifications) return p.care ? [p.care] : NO_PERIODS;
  return p.care ? [p.care, ...p.certifications] : p.certifications;
}

/** The JSON path of the patient's `a`-th certification period, as certificationPeriods orders them. */
function periodPath(p: InputPatient, i: number, a: number): string {
  if (p.care && a === 0) return `patients[${i}].care`;
  return `patients[${i}].certifications[${p.care ? a - 1 : a}]`;
}

/**
 * Checks that depend on the chosen schedule: M-7 (2割 / 3割 do not exist in a 2009 month), and M-11 (a
 * C006 visit that may be billed needs the patient's medical copay rate).
 */
export function validateForSchedule(input: ClaimMonthInput, schedule: Schedule): InputProblem[] {
  const problems: InputProblem[] = [];
  medicalCopayNeeded(input, schedule).forEach((i) => {
    problems.push({
      path: `patients[${i}].medical.copay`,
      message: 'C006 の記録がある利用者には医療保険の負担割合（1〜3割）が必要です',
    });
  });
  // KOHI-1, KOHI-4, KOHI-5, KOHI-9, KOHI-10: the 公費 entries with the month and the schedule's 公費 table.
  input.patients.forEach((p, i) => {
    if (!p.kohi?.length) return;
    const table = schedule.kohi ?? { id: 'none', rows: [] };
    for (const k of kohiEntryProblems(p.id, p.kohi, table, input.month, `patients[${i}].kohi`)) {
      problems.push({ path: k.path, message: k.message, rule: k.rule });
    }
  });
  const allowed = schedule.copayRates.value;
  input.patients.forEach((p, i) => {
    certificationPeriods(p).forEach((c, a) => {
      if (allowed.includes(c.copay)) return;
      problems.push({
        path: `${periodPath(p, i, a)}.copay`,
        message: `算定表 ${schedule.id} には${c.copay}割負担がありません（この算定表の負担割合: ${allowed.map((r) => `${r}割`).join('・')}）`,
      });
    });
  });
  return problems;
}

/**
 * M-11: the patients (their indexes) whose C006 visits of the month may be billed without a medical
 * copay rate. O6: a visit on a day when 介護保険 comes first (C006-2b, outside an allowed acute period) is
 * refused CARE_INSURANCE_PRIORITY and needs none. Where the schedule holds no C006 table for the month,
 * every C006 patient of the month needs one, as before the table existed.
 */
function medicalCopayNeeded(input: ClaimMonthInput, schedule: Schedule): number[] {
  const c006 = schedule.services.c006;
  const table = c006 && covers(c006.months, input.month) ? c006.data : undefined;
  let index: Map<string, number> | undefined; // the patients without a medical entry, once a C006 visit asks
  const needed = new Set<number>();
  for (const r of input.records) {
    if (r.kind !== 'c006' || recordMonth(r, input.month) !== input.month) continue;
    if (!index) {
      index = new Map();
      for (const [i, p] of input.patients.entries()) if (!p.medical && !index.has(p.id)) index.set(p.id, i);
    }
    const i = index.get(r.patientId);
    if (i === undefined || needed.has(i)) continue;
    if (table && careInsuranceFirst(input.patients[i]!, r.date, table)) continue;
    needed.add(i);
  }
  return [...needed].sort((a, b) => a - b);
}
