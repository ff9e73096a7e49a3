// The engine's input: the contract of ../shared/spec/contract.md ("Input"), as a zod schema.
// The TypeScript types are inferred from the schema so that the two cannot drift apart.
// Unknown fields are refused (strict objects): a mistyped field name must not be silently ignored.
// A check beyond types and bounds is a named string format (z.stringFormat), not a `.refine`: the fast
// acceptance check of validateInput (./schemaCheck.ts) reads the schema's JSON Schema, which shows formats by
// name and shows no refinement.
import { z } from 'zod';
import { isIsoDate, isIsoMonth } from './dates.js';
import { insuredNumberProblem, insurerNumberProblem, officeNumberProblem } from './checkDigits.js';

/**
 * The input's string formats and their predicates (the schema's, and the fast check's). The claim file's
 * numbers (claimFile/) each have their one check in ./checkDigits.ts; validate.ts says what is wrong.
 */
export const inputFormats = {
  date: isIsoDate,
  month: isIsoMonth,
  insurerNumber: (s: string) => insurerNumberProblem(s) === null,
  insuredNumber: (s: string) => insuredNumberProblem(s) === null,
  officeNumber: (s: string) => officeNumberProblem(s) === null,
  /** KOHI-9: a 法別番号, two digits (the 公費 table says which it knows). */
  kohiLaw: (s: string) => /^\d{2}$/.test(s),
} as const;

const isoDate = z.stringFormat('date', inputFormats.date);
const isoMonth = z.stringFormat('month', inputFormats.month);
const id = z.string().min(1);
const insurerNumber = z.stringFormat('insurerNumber', inputFormats.insurerNumber);
const insuredNumber = z.stringFormat('insuredNumber', inputFormats.insuredNumber);
const officeNumber = z.stringFormat('officeNumber', inputFormats.officeNumber);

export const officeKinds = [
  'hospital',
  'clinic',
  'dental_clinic',
  'pharmacy',
  'home_help',
  'visiting_nursing',
  'care_management',
] as const;
export const regions = ['tokubetsu_ku', 'tokko', 'ko', 'otsu', 'other'] as const;
export const careLevels = ['support1', 'support2', 'care1', 'care2', 'care3', 'care4', 'care5'] as const;
export const residenceKinds = [
  'home',
  'paid_home',
  'tokutei',
  'sakoju',
  'yogo',
  'keihi',
  'group_home',
  'tokuyo',
  'roken',
  'iryoin',
  'ryoyo',
] as const;
export const conditions = ['terminal_cancer', 'central_venous_nutrition', 'opioid_injection'] as const;
export const professions = [
  'doctor',
  'dentist',
  'pharmacist',
  'dietitian',
  'dental_hygienist',
  'nurse',
  'assistant_nurse',
] as const;
export const kyotakuAdditions = ['narcotic', 'opioid_injection', 'central_venous'] as const;
export const careManagementAdditions = [
  'first',
  'hospital_liaison',
  'discharge_1',
  'discharge_2',
  'dementia',
  'living_alone',
  'small_multi_liaison',
] as const;
export const homeNursingAdditions = ['long', 'two_staff_under30', 'two_staff_30plus', 'terminal'] as const;
export const sexes = ['male', 'female'] as const;

const copayRate = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const officeSchema = z.strictObject({
  id,
  kind: z.enum(officeKinds),
  region: z.enum(regions).optional(),
  specialArea: z.boolean().optional(),
  chusankanSmallOffice: z.boolean().optional(),
  careManagerFte: z.number().positive().max(1000).optional(),
  specificOffice: z.enum(['I', 'II', 'III']).optional(),
});

const certificationSchema = z.strictObject({
  level: z.enum(careLevels),
  copay: copayRate,
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const yen = z.number().int().nonnegative().max(100_000_000);

/**
 * One dated 公費 entry of a patient (docs/kohi.md §5, rules KOHI-1 … KOHI-10). The numbers are checked with
 * the month and the 公費 table (validate.ts, kohi.ts `kohiEntryProblems`, KOHI-9): a wrong check digit is a
 * sentence naming the patient. The amounts are the month's: `selfPayYen` the 本人支払額 of the 介護券
 * (生活保護, KOHI-4), `monthlyCapYen` the 自己負担上限月額 and `paidElsewhereYen` what the patient paid this
 * month at other 指定医療機関 (難病, KOHI-5).
 */
export const kohiEntrySchema = z.strictObject({
  law: z.stringFormat('kohiLaw', inputFormats.kohiLaw),
  payerNumber: z.string().max(20),
  recipientNumber: z.string().max(20),
  from: isoDate,
  to: isoDate.optional(),
  selfPayYen: yen.optional(),
  monthlyCapYen: yen.optional(),
  paidElsewhereYen: yen.optional(),
});

export type KohiEntry = z.infer<typeof kohiEntrySchema>;

export const patientSchema = z.strictObject({
  id,
  care: certificationSchema.optional(),
  /**
   * Further certification periods (a level changed mid-month, a renewal): the period that covers a date
   * decides it (K24-1a). `care` and these periods must not overlap.
   */
  certifications: z.array(certificationSchema).optional(),
  medical: z.strictObject({ copay: copayRate }).optional(),
  residence: z
    .strictObject({
      kind: z.enum(residenceKinds),
      buildingId: id.optional(),
      dwellings: z.number().int().positive().optional(),
      householdId: id.optional(),
      unitId: id.optional(),
    })
    .optional(),
  stays: z
    .array(z.strictObject({ kind: z.enum(['short_stay', 'hospital']), from: isoDate, to: isoDate }))
    .optional(),
  homebound: z.boolean().optional(),
  conditions: z.array(z.enum(conditions)).optional(),
  homeMedicalManagement: z.boolean().optional(),
  chusankanResident: z.boolean().optional(),
  otherOfficeBills: z.array(z.enum(['doctor', 'dentist', 'pharmacist'])).optional(),
  dischargeDate: isoDate.optional(),
  lastExamDate: isoDate.optional(),
  acuteExamDate: isoDate.optional(),
  previousAcuteExamDate: isoDate.optional(),
  otherInstitutionC006: z.boolean().optional(),
  rokenDayRehab: z.boolean().optional(),
  contractDate: isoDate.optional(),
  // 2009 看護職員 居宅療養管理指導 (H21-8): start of services under the care plan made for a new, renewed
  // or changed certification, and whether the patient receives 訪問診療 or 訪問看護.
  carePlanStartDate: isoDate.optional(),
  receivesVisitingMedicalOrNursing: z.boolean().optional(),
  // What the claim file needs (../shared/spec/claim-file.md "Input the file needs"): optional for pricing —
  // a month without them prices as before — and required for the file (claimFile/document.ts).
  /** 被保険者証: 保険者番号 (6 digits with its check digit) and 被保険者番号 (10 characters). */
  insured: z.strictObject({ insurerNumber, number: insuredNumber }).optional(),
  birthDate: isoDate.optional(),
  sex: z.enum(sexes).optional(),
  /**
   * Who made the care plan (居宅サービス計画 / 介護予防サービス計画): a 居宅介護支援事業所 or
   * 地域包括支援センター with its 10-digit 事業所番号, or the patient (セルフプラン).
   */
  carePlan: z
    .discriminatedUnion('maker', [
      z.strictObject({ maker: z.literal('office'), officeNumber }),
      z.strictObject({ maker: z.literal('self') }),
    ])
    .optional(),
  /**
   * 公費 (生活保護 介護扶助, 指定難病 …): optional — a patient without it is billed as before. A patient whose
   * 被保険者番号 begins with H has no 介護保険 (生活保護単独, KOHI-8) and is paid by the 公費 alone.
   */
  kohi: z.array(kohiEntrySchema).max(20).optional(),
});

const recordBase = { id, patientId: id };

export const kyotakuVisitSchema = z.strictObject({
  kind: z.literal('kyotaku'),
  ...recordBase,
  date: isoDate,
  profession: z.enum(professions),
  staffId: id.optional(),
  /** The staff member's name, for messages (K24-2c); the store fills it from its staff records. */
  staffName: z.string().max(100).optional(),
  online: z.boolean().optional(),
  reported: z.boolean(),
  /** When `reported` is false because of the store's report record: what is missing (K24-2a, reports.ts). */
  reportIssue: z.string().max(500).optional(),
  instructed: z.boolean().optional(),
  examined: z.boolean().optional(),
  dietitianExternal: z.boolean().optional(),
  specialInstructionDate: isoDate.optional(),
  additions: z.array(z.enum(kyotakuAdditions)).optional(),
});

export const c006VisitSchema = z.strictObject({
  kind: z.literal('c006'),
  ...recordBase,
  date: isoDate,
  units: z.number().int().positive().max(24),
  /** 交通費 (M-13): yen the patient pays at cost, outside the insured amount. */
  transportYen: z.number().int().nonnegative().optional(),
});

export const careManagementMonthSchema = z.strictObject({
  kind: z.literal('care_management'),
  ...recordBase,
  /** The month this record belongs to; default: the input's month. */
  month: isoMonth.optional(),
  additions: z.array(z.enum(careManagementAdditions)).optional(),
  /** 退院・退所加算: the length of the stay the patient left, in days (H21-4e). */
  stayDays: z.number().int().positive().optional(),
});

export const homeHelpVisitSchema = z.strictObject({
  kind: z.literal('home_help'),
  ...recordBase,
  date: isoDate,
  category: z.string().min(1),
  additions: z.array(z.enum(['emergency'])).optional(),
  firstMonth: z.boolean().optional(),
});

export const homeNursingVisitSchema = z.strictObject({
  kind: z.literal('home_nursing'),
  ...recordBase,
  date: isoDate,
  additions: z.array(z.enum(homeNursingAdditions)).optional(),
});

export const homeRehabVisitSchema = z.strictObject({
  kind: z.literal('home_rehab'),
  ...recordBase,
  date: isoDate,
  minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
});

export const serviceRecordSchema = z.discriminatedUnion('kind', [
  kyotakuVisitSchema,
  c006VisitSchema,
  careManagementMonthSchema,
  homeHelpVisitSchema,
  homeNursingVisitSchema,
  homeRehabVisitSchema,
]);

export const claimMonthInputSchema = z.strictObject({
  month: isoMonth,
  office: officeSchema,
  patients: z.array(patientSchema),
  records: z.array(serviceRecordSchema),
});

export type ClaimMonthInput = z.infer<typeof claimMonthInputSchema>;
export type Office = ClaimMonthInput['office'];
export type Patient = ClaimMonthInput['patients'][number];
export type ServiceRecord = ClaimMonthInput['records'][number];
export type RecordKind = ServiceRecord['kind'];
export type KyotakuVisit = z.infer<typeof kyotakuVisitSchema>;
export type C006Visit = z.infer<typeof c006VisitSchema>;
export type CareManagementMonth = z.infer<typeof careManagementMonthSchema>;
export type HomeHelpVisit = z.infer<typeof homeHelpVisitSchema>;
export type HomeNursingVisit = z.infer<typeof homeNursingVisitSchema>;
export type HomeRehabVisit = z.infer<typeof homeRehabVisitSchema>;
export type Profession = (typeof professions)[number];
export type CareLevel = (typeof careLevels)[number];
export type ResidenceKind = (typeof residenceKinds)[number];
export type Condition = (typeof conditions)[number];
export type Region = (typeof regions)[number];
export type CopayRate = 1 | 2 | 3;
export type Sex = (typeof sexes)[number];
export type CarePlan = NonNullable<Patient['carePlan']>;

export const recordKinds = [
  'kyotaku',
  'c006',
  'care_management',
  'home_help',
  'home_nursing',
  'home_rehab',
] as const;
