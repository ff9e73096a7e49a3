// zod schemas of the records' inputs. The store validates every write with them, the HTTP API every
// request body and the web app its forms, so a bad field gets the same Japanese message everywhere
// (describeIssue / formatPath of ../core/validate.ts).
import { z } from 'zod';
import {
  c006VisitSchema,
  careLevels,
  careManagementMonthSchema,
  conditions,
  homeHelpVisitSchema,
  homeNursingVisitSchema,
  homeRehabVisitSchema,
  kyotakuVisitSchema,
  officeSchema,
  professions,
  residenceKinds,
} from '../core/input.js';
import { isIsoDate, isIsoMonth } from '../core/dates.js';
import { careReportSchema, recipientKinds, reportMethods } from '../core/reports.js';
import { describeIssue, formatPath, valueAt, type InputProblem } from '../core/validate.js';
import { insuredNumberProblem, insurerNumberProblem, officeNumberProblem } from './officeNumber.js';
import { kohiPayerNumberProblem, kohiRecipientNumberProblem } from '../core/kohi.js';
import { dateExamples, readDateText } from './dateText.js';
import { fieldNameOf } from './fields.js';
import { roles } from './types.js';
import { textMessage, withTextRule, type TextIssue } from './text.js';

const isoDate = z.string().refine(isIsoDate, { params: { santei: 'date' } });
const isoMonth = z.string().refine(isIsoMonth, { params: { santei: 'month' } });
const name = z.string().trim().min(1).max(100);
const shortText = z.string().max(200);
const id = z.string().min(1).max(100);
const copayRate = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** A string checked by one of the core's number checks (../core/checkDigits.ts): its sentence is the message. */
const numberSchema = (problemOf: (v: string) => string | null) =>
  z.string().superRefine((v, ctx) => {
    const problem = problemOf(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** 事業所番号: 10 characters with the check digit. */
export const officeNumberSchema = numberSchema(officeNumberProblem);
/** 保険者番号 (介護保険): 6 digits with the check digit. */
export const insurerNumberSchema = numberSchema(insurerNumberProblem);
/** 被保険者番号 (介護保険): the 10 characters of the 被保険者証. */
export const insuredNumberSchema = numberSchema(insuredNumberProblem);

// The engine's office facts that the record keeps, as the engine's input checks them, with what the record adds.
const engineOffice = officeSchema.pick({
  kind: true,
  region: true,
  specialArea: true,
  chusankanSmallOffice: true,
  careManagerFte: true,
  specificOffice: true,
}).shape;

const officeFields = z.strictObject({
  number: officeNumberSchema,
  name,
  ...engineOffice,
  address: shortText.optional(),
  phone: z.string().max(30).optional(),
  reportsRequiredFrom: isoMonth.optional(),
});
export const officeInputSchema = withTextRule(officeFields);
export const officePatchSchema = withTextRule(officeFields.partial());

const staffFields = z.strictObject({
  name,
  kana: name.optional(),
  profession: z.enum(professions),
  retired: z.boolean().optional(),
});
export const staffInputSchema = withTextRule(staffFields);
export const staffPatchSchema = withTextRule(staffFields.partial());

const buildingFields = z.strictObject({
  name,
  address: shortText.optional(),
  kind: z.enum(residenceKinds),
  dwellings: z.number().int().positive().max(100_000).optional(),
  units: z.array(z.string().trim().min(1).max(50)).max(100).optional(),
});
export const buildingInputSchema = withTextRule(buildingFields);
export const buildingPatchSchema = withTextRule(buildingFields.partial());

export const certificationSchema = z.strictObject({
  level: z.enum(careLevels),
  copay: copayRate,
  from: isoDate,
  to: isoDate.optional(),
});

export const residenceSchema = z.strictObject({
  kind: z.enum(residenceKinds),
  buildingId: id.optional(),
  householdId: id.optional(),
  unitId: z.string().min(1).max(50).optional(),
  from: isoDate,
  to: isoDate.optional(),
});

export const staySchema = z.strictObject({
  kind: z.enum(['short_stay', 'hospital']),
  from: isoDate,
  to: isoDate,
});

/**
 * Who made the care plan, dated: a 居宅介護支援事業所 / 地域包括支援センター with its 事業所番号 (and name), or
 * セルフプラン (no number).
 */
export const carePlanSchema = z.discriminatedUnion('maker', [
  z.strictObject({
    maker: z.literal('office'),
    officeNumber: officeNumberSchema,
    officeName: z.string().trim().min(1).max(200).optional(),
    from: isoDate,
    to: isoDate.optional(),
  }),
  z.strictObject({ maker: z.literal('self'), from: isoDate, to: isoDate.optional() }),
]);

interface Period {
  from: string;
  to?: string | undefined;
}

/** Periods must end after they start and must not overlap (one fact per day). */
function checkPeriods(periods: readonly Period[] | undefined, field: string, ctx: z.RefinementCtx): void {
  if (!periods) return;
  periods.forEach((p, i) => {
    if (p.to !== undefined && p.to < p.from) {
      ctx.addIssue({
        code: 'custom',
        path: [field, i, 'to'],
        message: `終了日 ${p.to} が開始日 ${p.from} より前です`,
      });
    }
  });
  const order = periods
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.from < b.p.from ? -1 : a.p.from > b.p.from ? 1 : 0));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (prev.p.to === undefined || prev.p.to >= cur.p.from) {
      ctx.addIssue({
        code: 'custom',
        path: [field, cur.i, 'from'],
        message: `期間が ${field}[${prev.i}]（${prev.p.from}〜${prev.p.to ?? ''}）と重なっています（前の期間の終了日を入れてください）`,
      });
    }
  }
}

const patientFields = {
  name,
  kana: name.optional(),
  insurerNumber: insurerNumberSchema.optional(),
  insuredNumber: insuredNumberSchema.optional(),
  birthDate: isoDate.optional(),
  sex: z.enum(['male', 'female']).optional(),
  address: shortText.optional(),
  certifications: z.array(certificationSchema).max(100).optional(),
  residences: z.array(residenceSchema).max(100).optional(),
  stays: z.array(staySchema).max(200).optional(),
  carePlans: z.array(carePlanSchema).max(100).optional(),
  medicalCopay: copayRate.optional(),
  conditions: z.array(z.enum(conditions)).max(10).optional(),
  homebound: z.boolean().optional(),
  homeMedicalManagement: z.boolean().optional(),
  chusankanResident: z.boolean().optional(),
  otherOfficeBills: z
    .array(z.enum(['doctor', 'dentist', 'pharmacist']))
    .max(3)
    .optional(),
  careManagerName: name.optional(),
  careManagerOffice: shortText.optional(),
  contractDate: isoDate.optional(),
  dischargeDate: isoDate.optional(),
  lastExamDate: isoDate.optional(),
  acuteExamDate: isoDate.optional(),
  previousAcuteExamDate: isoDate.optional(),
  otherInstitutionC006: z.boolean().optional(),
  rokenDayRehab: z.boolean().optional(),
  carePlanStartDate: isoDate.optional(),
  receivesVisitingMedicalOrNursing: z.boolean().optional(),
  notes: z.string().max(2000).optional(),
};

function checkPatient(
  p: {
    certifications?: Period[];
    residences?: Period[];
    stays?: { from: string; to: string }[];
    carePlans?: Period[];
  },
  ctx: z.RefinementCtx,
): void {
  checkPeriods(p.certifications, 'certifications', ctx);
  checkPeriods(p.residences, 'residences', ctx);
  checkPeriods(p.carePlans, 'carePlans', ctx);
  p.stays?.forEach((s, i) => {
    if (s.to < s.from)
      ctx.addIssue({
        code: 'custom',
        path: ['stays', i, 'to'],
        message: `終了日 ${s.to} が開始日 ${s.from} より前です`,
      });
  });
}

/** The patient's one multi-line text field. */
const patientLines = ['notes'];
export const patientInputSchema = withTextRule(
  z.strictObject(patientFields).superRefine(checkPatient),
  patientLines,
);
export const patientPatchSchema = withTextRule(
  z.strictObject(patientFields).partial().superRefine(checkPatient),
  patientLines,
);

// Visits: the engine's record schemas without the id (the store assigns it); a stored
// care_management record names its month.
export const visitInputSchema = withTextRule(
  z.discriminatedUnion('kind', [
    kyotakuVisitSchema.omit({ id: true }),
    c006VisitSchema.omit({ id: true }),
    careManagementMonthSchema.omit({ id: true }).extend({ month: isoMonth }),
    homeHelpVisitSchema.omit({ id: true }),
    homeNursingVisitSchema.omit({ id: true }),
    homeRehabVisitSchema.omit({ id: true }),
  ]),
);

// Reports to the care manager (K24-2a): the core record without its id (the store assigns it), with the
// author and a recipient that has a name.
const careReportFields = careReportSchema.omit({ id: true }).extend({
  patientId: id,
  visitIds: z.array(id).min(1).max(62),
  recipient: z.strictObject({ kind: z.enum(recipientKinds), name: z.string().trim().min(1).max(200) }),
  staffId: id.optional(),
});
/** A report's parts are written in sentences and lists: newlines and tabs are theirs. */
export const careReportInputSchema = withTextRule(careReportFields, [
  'content.condition',
  'content.dailyLife',
  'content.medication',
  'content.emergency',
  'content.guidance.text',
]);

export const reportSentSchema = withTextRule(
  z.strictObject({
    sentDate: isoDate,
    method: z.enum(reportMethods).optional(),
  }),
);

export const usernameSchema = z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/);
export const passwordSchema = z.string().min(8).max(200);

const userFields = z.strictObject({
  username: usernameSchema,
  displayName: name.optional(),
  role: z.enum(roles),
  officeIds: z.array(id).max(1000),
  disabled: z.boolean().optional(),
  password: passwordSchema,
});
export const userInputSchema = withTextRule(userFields);
export const userPatchSchema = withTextRule(userFields.partial());

export const monthSchema = isoMonth;

// 公費 (docs/kohi.md, KOHI-9 / KOHI-10): the numbers with their check digits, the amounts of the 法別.
const yen = z.number().int().nonnegative().max(100_000_000);
const kohiLaw = z.string().regex(/^\d{2}$/);
const kohiEntryFields = z.strictObject({
  patientId: id,
  law: kohiLaw,
  payerNumber: z.string().max(20),
  recipientNumber: numberSchema(kohiRecipientNumberProblem),
  from: isoDate,
  to: isoDate.optional(),
  selfPayYen: yen.optional(),
  monthlyCapYen: yen.optional(),
});
/** KOHI-9: the 公費負担者番号 of its 法別, with its check digit; KOHI-10: an end not before the start. */
export const kohiEntryInputSchema = withTextRule(kohiEntryFields).superRefine((v, ctx) => {
  const payer = kohiPayerNumberProblem(v.payerNumber, v.law);
  if (payer) ctx.addIssue({ code: 'custom', path: ['payerNumber'], message: payer });
  if (v.to !== undefined && v.to < v.from) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `終了日（${v.to}）が開始日（${v.from}）より前です`,
    });
  }
});
/** A change of an entry: its patient stays its own. */
export const kohiEntryPatchSchema = withTextRule(kohiEntryFields.omit({ patientId: true }).partial());

const kohiMonthFields = z.strictObject({
  patientId: id,
  month: isoMonth,
  law: kohiLaw,
  paidElsewhereYen: yen,
});
export const kohiMonthInputSchema = withTextRule(kohiMonthFields);
export const kohiMonthPatchSchema = withTextRule(kohiMonthFields.omit({ patientId: true }).partial());

/** The field names of a record whose keys mean something of their own (fieldNameOf's `names`). */
const namesOf = new WeakMap<z.ZodType, Readonly<Record<string, string>>>([
  [officeInputSchema, { name: '事業所名', kind: '事業所の種類' }],
  [officePatchSchema, { name: '事業所名', kind: '事業所の種類' }],
  [buildingInputSchema, { name: '建物名', kind: '建物の種類', units: 'ユニット' }],
  [buildingPatchSchema, { name: '建物名', kind: '建物の種類', units: 'ユニット' }],
  [monthSchema, { '': '年月' }],
]);

/** A value as the message quotes it. */
function quoted(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 30 ? `${s.slice(0, 27)}…` : s;
}

const typeWord: Record<string, string> = {
  number: '数値',
  int: '整数',
  boolean: 'はい・いいえ',
  array: '一覧',
};

/**
 * One zod issue of a record's schema in the clerk's words: the field's Japanese name (fieldNameOf) and what
 * to enter — "訪問日を入れてください（例: …）", not "\"\" は日付ではありません"; the path stays the form field's.
 */
function describe(
  issue: z.core.$ZodIssue,
  raw: unknown,
  names: Readonly<Record<string, string>>,
): InputProblem {
  const path = formatPath(issue.path);
  const last = issue.path.at(-1);
  const field = fieldNameOf(issue.path, names);
  const value = valueAt(raw, issue.path);
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  const say = (message: string): InputProblem => ({ path, message });
  // Dates and months: the contract's refine (params.santei) or the engine's string formats (input.ts).
  const dated =
    issue.code === 'custom'
      ? (issue.params as { santei?: string } | undefined)?.santei
      : issue.code === 'invalid_format'
        ? issue.format
        : undefined;
  // The text rule (text.ts): the refused character, at the field as this record names it.
  if (issue.code === 'custom' && (issue.params as { santei?: string } | undefined)?.santei === 'text') {
    return say(textMessage(field, issue.params as TextIssue));
  }
  if (dated === 'date') {
    if (missing) return say(`${field}を入れてください（例: ${dateExamples(false)}）`);
    const read = typeof value === 'string' ? readDateText(value) : undefined;
    if (read?.kind === 'invalid') return say(`${field}: ${read.reason}`);
    return say(`${field}は年-月-日（例: 2024-07-05）で送ってください（「${quoted(value)}」）`);
  }
  if (dated === 'month') {
    return say(
      missing
        ? `${field}を入れてください（例: 2024-07）`
        : `${field}は年-月（例: 2024-07）で入れてください（「${quoted(value)}」）`,
    );
  }
  switch (issue.code) {
    case 'invalid_format':
      if (last === 'username') return say('ユーザー名は英数字と _ . @ - の3〜64文字にしてください');
      return say(`${field}の形が正しくありません（「${quoted(value)}」）`);
    case 'too_small':
      if (last === 'password' || last === 'newPassword') return say(`${field}は8文字以上にしてください`);
      if (issue.origin === 'string')
        return say(
          Number(issue.minimum) <= 1
            ? `${field}を入れてください`
            : `${field}は${issue.minimum}文字以上にしてください`,
        );
      if (issue.origin === 'number')
        return say(`${field}は${issue.minimum}${issue.inclusive ? '以上' : 'より大きい数'}にしてください`);
      if (issue.origin === 'array') return say(`${field}を${issue.minimum}件以上選んでください`);
      break;
    case 'too_big':
      if (issue.origin === 'string') return say(`${field}は${issue.maximum}文字以内にしてください`);
      if (issue.origin === 'number') return say(`${field}は${issue.maximum}以下にしてください`);
      if (issue.origin === 'array') return say(`${field}は${issue.maximum}件までです`);
      break;
    case 'invalid_type':
      if (missing) return say(`${field}を入れてください`);
      return say(`${field}は${typeWord[issue.expected] ?? '文字'}で入力してください（「${quoted(value)}」）`);
    case 'invalid_value':
      return say(
        missing
          ? `${field}を選んでください`
          : `${field}の「${quoted(value)}」は選べません（選択肢から選んでください）`,
      );
    default:
      break;
  }
  return describeIssue(issue, raw);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/**
 * Validates `raw` against a schema: the value, or one Japanese problem per field, each naming the field
 * (fieldJa; `names` for a form whose keys mean something else, e.g. `{ name: '建物名' }`).
 */
export function check<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  names: Readonly<Record<string, string>> = {},
): Parsed<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const named = { ...namesOf.get(schema), ...names };
  return { ok: false, problems: r.error.issues.map((i) => describe(i, raw, named)) };
}

/** POST …/visits/check-all: the visits proposed for one month (copy last month's pattern), checked together. */
export const proposalsInputSchema = z.strictObject({
  visits: z.array(visitInputSchema).min(1).max(300),
});
