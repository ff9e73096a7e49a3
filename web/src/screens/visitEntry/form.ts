// The visit entry's form: its fields, its defaults for the office, and the API's body made of it.
import type { Profession } from '../../../../src/core/input.js';
import type { Office, Visit, VisitInput } from '../../../../src/contract/types.js';

export type Kind = 'kyotaku' | 'c006' | 'home_nursing' | 'home_rehab' | 'home_help';
export const kinds: Kind[] = ['kyotaku', 'c006', 'home_nursing', 'home_rehab', 'home_help'];

export interface Form {
  patientId: string;
  date: string;
  kind: Kind;
  profession: Profession;
  staffId: string;
  online: boolean;
  reported: boolean;
  instructed: boolean;
  examined: boolean;
  dietitianExternal: boolean;
  specialInstructionDate: string;
  additions: string[];
  units: string;
  transportYen: string;
  minutes: string;
  category: string;
}

function defaultsFor(office: Office): Pick<Form, 'kind' | 'profession'> {
  switch (office.kind) {
    case 'pharmacy':
      return { kind: 'kyotaku', profession: 'pharmacist' };
    case 'dental_clinic':
      return { kind: 'kyotaku', profession: 'dentist' };
    case 'visiting_nursing':
      return { kind: 'home_nursing', profession: 'nurse' };
    case 'home_help':
      return { kind: 'home_help', profession: 'doctor' };
    default:
      return { kind: 'kyotaku', profession: 'doctor' };
  }
}

/** A fresh form for the office: its usual kind and profession, every box as a visit usually is. */
export function initialForm(office: Office, patientId?: string): Form {
  return {
    patientId: patientId ?? '',
    date: '',
    ...defaultsFor(office),
    staffId: '',
    online: false,
    reported: true,
    instructed: true,
    examined: true,
    dietitianExternal: false,
    specialInstructionDate: '',
    additions: [],
    units: '1',
    transportYen: '',
    minutes: '20',
    category: 'body_under30',
  };
}

/**
 * The API's body from the form: only the fields of the chosen kind; the engine's defaults left out. Where the
 * office bills the month on the reports (`onReports`, K24-2a) the visit is saved as reported: its report
 * record decides at the close, and until then the visit counts as planned (中6日, the monthly limits).
 */
export function visitInputOf(f: Form, onReports = false): Record<string, unknown> {
  const base = { kind: f.kind, patientId: f.patientId, date: f.date };
  switch (f.kind) {
    case 'kyotaku': {
      const reported = onReports || f.reported;
      const b: Record<string, unknown> = { ...base, profession: f.profession, reported };
      if (f.staffId) b.staffId = f.staffId;
      if (f.online && f.profession === 'pharmacist') b.online = true;
      if (['pharmacist', 'dietitian', 'dental_hygienist'].includes(f.profession) && !f.instructed)
        b.instructed = false;
      if (['doctor', 'dentist'].includes(f.profession) && !f.examined) b.examined = false;
      if (f.profession === 'dietitian') {
        if (f.dietitianExternal) b.dietitianExternal = true;
        if (f.specialInstructionDate) b.specialInstructionDate = f.specialInstructionDate;
      }
      const adds = f.profession === 'pharmacist' ? f.additions : [];
      if (adds.length) b.additions = adds;
      return b;
    }
    case 'c006': {
      const b: Record<string, unknown> = { ...base, units: f.units === '' ? undefined : Number(f.units) };
      if (f.transportYen !== '') b.transportYen = Number(f.transportYen);
      return b;
    }
    case 'home_rehab':
      return { ...base, minutes: f.minutes === '' ? undefined : Number(f.minutes) };
    case 'home_help':
      return { ...base, category: f.category };
    case 'home_nursing':
      return base;
  }
}

/** A stored visit as the input it was made of (for a proposal from it). */
export function inputOfVisit(v: Visit): VisitInput {
  const { id: _i, officeId: _o, createdAt: _c, updatedAt: _u, ...rest } = v;
  return rest as VisitInput;
}

/** Whether the entry form can edit the visit (the dated kinds it enters; a 居宅介護支援 month is not one). */
export function editable(v: Visit): boolean {
  // A 訪問看護 visit's additions are not on the entry form: such a visit is not edited here (they would be lost).
  if (v.kind === 'home_nursing' && (v.additions?.length ?? 0) > 0) return false;
  return (kinds as readonly string[]).includes(v.kind) && 'date' in v;
}

/** The form filled with a saved visit, to edit it (visitInputOf gives back the same visit). */
export function formOfVisit(v: Visit, office: Office): Form {
  const f: Form = {
    ...initialForm(office, v.patientId),
    kind: v.kind as Kind,
    date: 'date' in v ? v.date : '',
  };
  switch (v.kind) {
    case 'kyotaku':
      return {
        ...f,
        profession: v.profession,
        staffId: v.staffId ?? '',
        online: v.online ?? false,
        reported: v.reported ?? false,
        instructed: v.instructed ?? true,
        examined: v.examined ?? true,
        dietitianExternal: v.dietitianExternal ?? false,
        specialInstructionDate: v.specialInstructionDate ?? '',
        additions: [...(v.additions ?? [])],
      };
    case 'c006':
      return {
        ...f,
        units: v.units === undefined ? '' : String(v.units),
        transportYen: v.transportYen === undefined ? '' : String(v.transportYen),
      };
    case 'home_rehab':
      return { ...f, minutes: v.minutes === undefined ? '' : String(v.minutes) };
    case 'home_help':
      return { ...f, category: v.category };
    default:
      return f;
  }
}
