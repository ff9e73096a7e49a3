// Months with complete patient data for the claim-file tests, priced through the front door and turned into
// their claim document.
import { calculate, formatProblem } from '../../../src/santei.js';
import { withCheckDigit, withInsurerCheckDigit } from '../../../src/core/checkDigits.js';
import { buildClaimDocument, type ClaimDocumentOutcome } from '../../../src/core/claimFile/document.js';
import { serviceCodeIndex } from '../../../src/core/serviceCodes.js';
import { scheduleForMonth } from '../../../src/schedules/index.js';
import type { ClaimMonthInput } from '../../../src/core/input.js';
import type { CheckOptions } from '../../../src/core/claimFile/checker.js';

export type Json = Record<string, unknown>;

export const OFFICE = withCheckDigit('131200345');
export const CARE_PLAN_OFFICE = withCheckDigit('131200100');
export const COMMUNITY_CENTER = withCheckDigit('131200200');
export const NERIMA = withInsurerCheckDigit('13120');
export const SUGINAMI = withInsurerCheckDigit('13115');

/** A patient with every field the file needs; `extra` replaces fields. */
export function patient(id: string, n: number, extra: Json = {}): Json {
  return {
    id,
    care: { level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' },
    insured: { insurerNumber: NERIMA, number: String(n).padStart(10, '0') },
    birthDate: '1940-05-06',
    sex: n % 2 ? 'female' : 'male',
    carePlan: { maker: 'office', officeNumber: CARE_PLAN_OFFICE },
    ...extra,
  };
}

let seq = 0;
export function visit(patientId: string, date: string, profession = 'pharmacist', extra: Json = {}): Json {
  return { kind: 'kyotaku', id: `V${++seq}`, patientId, date, profession, reported: true, ...extra };
}

export function month(patients: Json[], records: Json[], office: Json = {}, m = '2024-07'): Json {
  return { month: m, office: { id: OFFICE, kind: 'pharmacy', ...office }, patients, records };
}

/** Prices the month and builds its claim document. */
export function documentOf(raw: Json, submitted?: string): ClaimDocumentOutcome & { input: ClaimMonthInput } {
  const out = calculate(raw);
  if (!out.ok) throw new Error(out.problems.map(formatProblem).join('\n'));
  return {
    ...buildClaimDocument({ result: out.result, input: out.input, schedule: out.schedule, submitted }),
    input: out.input,
  };
}

/** The document of a month that must have one. */
export function okDocument(raw: Json, submitted?: string) {
  const d = documentOf(raw, submitted);
  if (!d.ok) throw new Error(d.problems.map((p) => p.message).join('\n'));
  return d.document;
}

/** The checker's service codes, as the application gives them: the schedule of the file's month. */
export const codesFor: CheckOptions['codesFor'] = (m) => {
  const choice = scheduleForMonth(m);
  return choice.ok ? serviceCodeIndex(choice.schedule) : undefined;
};
