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
import { describeIssue, formatPath, type InputProblem } from '../core/validate.js';
import { insuredNumberProblem, insurerNumberProblem, officeNumberProblem } from './officeNumber.js';
import { roles } from './types.js';
import { withTextRule } from './text.js';

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

/** Japanese messages for the checks of this file that describeIssue does not word well. */
function describe(issue: z.core.$ZodIssue, raw: unknown): InputProblem {
  const path = formatPath(issue.path);
  const last = issue.path.at(-1);
  if (issue.code === 'invalid_format' && last === 'username') {
    return { path, message: 'ユーザー名は英数字と _ . @ - の3〜64文字にしてください' };
  }
  if (issue.code === 'too_small' && (last === 'password' || last === 'newPassword')) {
    return { path, message: 'パスワードは8文字以上にしてください' };
  }
  return describeIssue(issue, raw);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/** Validates `raw` against a schema: the value, or one Japanese problem per field. */
export function check<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: r.error.issues.map((i) => describe(i, raw)) };
}
