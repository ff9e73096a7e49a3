// Facts about a patient on a date, shared by the services' rules.
import type { CareLevel, Patient, ResidenceKind } from '../input.js';
import { lastDayOfMonth } from '../dates.js';

type Certification = NonNullable<Patient['care']>;
type Stay = NonNullable<Patient['stays']>[number];

/** K24-1a: the care-insurance certification valid on the date (from / to inclusive), if any. */
export function certificationOn(patient: Patient, date: string): Certification | undefined {
  if (patient.care && periodCovers(patient.care, date)) return patient.care;
  return patient.certifications?.find((c) => periodCovers(c, date));
}

/**
 * H21-4a / H21-4c: for a monthly service, the certification in force on at least one day of the month;
 * when several are, the latest (the level at the end of the month decides the month).
 */
export function certificationInMonth(patient: Patient, month: string): Certification | undefined {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  const periods = [...(patient.care ? [patient.care] : []), ...(patient.certifications ?? [])];
  let found: Certification | undefined;
  for (const c of periods) {
    if ((c.from === undefined || c.from <= last) && (c.to === undefined || c.to >= first)) {
      if (!found || (c.from ?? '') > (found.from ?? '')) found = c;
    }
  }
  return found;
}

function periodCovers(c: Certification, date: string): boolean {
  return (c.from === undefined || c.from <= date) && (c.to === undefined || date <= c.to);
}

export function isSupportLevel(level: CareLevel): boolean {
  return level === 'support1' || level === 'support2';
}

/** K24-1a: 要支援 → 34 介護予防居宅療養管理指導, 要介護 → 31 居宅療養管理指導. */
export function serviceTypeFor(level: CareLevel): '31' | '34' {
  return isSupportLevel(level) ? '34' : '31';
}

/** K24-1c: lives in a 介護保険施設 (the schedule lists the kinds). */
export function isFacilityResident(patient: Patient, facilityKinds: readonly ResidenceKind[]): boolean {
  return facilityKinds.includes(patient.residence?.kind ?? 'home');
}

/** K24-1c / C006-2a: the hospital admission or short stay that covers the date (both ends inclusive). */
export function stayOn(patient: Patient, date: string): Stay | undefined {
  return patient.stays?.find((s) => s.from <= date && date <= s.to);
}
