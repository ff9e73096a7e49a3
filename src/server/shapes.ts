// Shapes of the answers, for the OpenAPI document (not used to validate or serialize: the handlers answer
// the engine's and the store's own objects).
import { z } from 'zod';
import {
  buildingInputSchema,
  carePlanSchema,
  certificationSchema,
  officeInputSchema,
  residenceSchema,
  staffInputSchema,
  staySchema,
} from '../contract/schemas.js';
import { roles } from '../contract/types.js';

export const lineSchema = z.object({
  item: z.string(),
  code: z.string().optional(),
  name: z.string(),
  unitsEach: z.number().int(),
  count: z.number().int(),
  units: z.number().int(),
  recordIds: z.array(z.string()),
  rule: z.string(),
});

export const claimSchema = z.object({
  patientId: z.string(),
  insurance: z.enum(['care', 'medical']),
  serviceType: z.string(),
  lines: z.array(lineSchema),
  units: z.number().int(),
  unitPrice: z.number(),
  yen: z.number().int(),
  insurer: z.number().int(),
  copay: z.number().int(),
  transportYen: z.number().int().optional(),
  /** 公費 (KOHI-1 … KOHI-8): only when a 公費 pays on the claim or the patient has no 介護保険. */
  kohi: z
    .object({
      insured: z.boolean(),
      insuranceBenefitRate: z.number().int().nullable(),
      shares: z.array(
        z.object({
          law: z.string(),
          name: z.string(),
          payerNumber: z.string(),
          recipientNumber: z.string(),
          benefitRate: z.number().int(),
          units: z.number().int(),
          claim: z.number().int(),
          selfPay: z.number().int(),
          rule: z.string(),
        }),
      ),
      insuranceCopay: z.number().int(),
    })
    .optional(),
});

export const rejectionSchema = z.object({
  recordId: z.string(),
  patientId: z.string(),
  code: z.string(),
  units: z.number().int().optional(),
  addition: z.string().optional(),
  rule: z.string(),
  message: z.string(),
});

export const totalsSchema = z.object({
  units: z.number().int(),
  yen: z.number().int(),
  insurer: z.number().int(),
  copay: z.number().int(),
  kohi: z.number().int().optional(),
});

export const reportWarningSchema = z.object({
  reportId: z.string(),
  patientId: z.string(),
  code: z.enum(['REPEATED_TEXT', 'STOCK_PHRASE', 'SENT_AFTER_CLOSE']),
  message: z.string(),
});

/** The answer of a close: the version's summary (the version itself: GET …/claims/:version). */
export const claimVersionSummarySchema = z.looseObject({
  id: z.string(),
  officeId: z.string(),
  month: z.string(),
  version: z.number().int(),
  scheduleId: z.string(),
  engineVersion: z.string(),
  inputDigest: z.string().describe('sha-256 (hex) of the canonical JSON of the engine input'),
  closedBy: z.string(),
  closedAt: z.string(),
  totals: totalsSchema,
  claimCount: z.number().int(),
  rejectionCount: z.number().int(),
});

export const resultSchema = z.object({
  month: z.string(),
  officeId: z.string(),
  schedule: z.string(),
  claims: z.array(claimSchema),
  rejections: z.array(rejectionSchema),
  totals: totalsSchema,
  kohiRefusals: z
    .array(
      z.object({
        patientId: z.string(),
        serviceType: z.string(),
        law: z.string().optional(),
        code: z.string(),
        rule: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});

// Records: the store's inputs plus their stamps (docs only).
const stamps = { id: z.string(), createdAt: z.string(), updatedAt: z.string() };
export const officeOutSchema = officeInputSchema.safeExtend({ ...stamps, reportsRequiredFrom: z.string() });
export const staffOutSchema = staffInputSchema.safeExtend({ ...stamps, officeId: z.string() });
export const buildingOutSchema = buildingInputSchema.safeExtend({ ...stamps, officeId: z.string() });
export const patientOutSchema = z.object({
  ...stamps,
  officeId: z.string(),
  name: z.string(),
  kana: z.string().optional(),
  insurerNumber: z.string().optional(),
  insuredNumber: z.string().optional(),
  birthDate: z.string().optional(),
  sex: z.enum(['male', 'female']).optional(),
  certifications: z.array(certificationSchema),
  residences: z.array(residenceSchema),
  stays: z.array(staySchema),
  carePlans: z.array(carePlanSchema),
});
export const visitOutSchema = z.looseObject({
  ...stamps,
  officeId: z.string(),
  kind: z.string(),
  patientId: z.string(),
  date: z.string().optional(),
  month: z.string().optional(),
});
export const userOutSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().optional(),
  role: z.enum(roles),
  officeIds: z.array(z.string()),
  disabled: z.boolean().optional(),
});
export const managedUserSchema = userOutSchema.extend({ manageable: z.boolean() });
export const meSchema = z.object({ user: userOutSchema, offices: z.array(officeOutSchema) });

// 公費 (docs/kohi.md): a patient's entries, the months' amounts paid elsewhere, the 公費 table.
export const kohiEntryOutSchema = z.object({
  ...stamps,
  officeId: z.string(),
  patientId: z.string(),
  law: z.string(),
  payerNumber: z.string(),
  recipientNumber: z.string(),
  from: z.string(),
  to: z.string().optional(),
  selfPayYen: z.number().int().optional(),
  monthlyCapYen: z.number().int().optional(),
});
export const kohiMonthOutSchema = z.object({
  ...stamps,
  officeId: z.string(),
  patientId: z.string(),
  month: z.string(),
  law: z.string(),
  paidElsewhereYen: z.number().int(),
});
const cited = <T extends z.ZodType>(value: T) => z.object({ value, source: z.string() });
export const kohiLawSchema = z.object({
  law: z.string(),
  name: z.string(),
  months: z.object({ from: z.string(), to: z.string() }),
  source: z.string(),
  serviceTypes: cited(z.array(z.string())),
  benefitRate: cited(z.number()),
  order: cited(z.number()),
  capKind: cited(z.enum(['self_pay', 'monthly_cap', 'none'])),
  patientShareCeiling: cited(z.number()).optional(),
  paysUninsured: cited(z.boolean()),
});
