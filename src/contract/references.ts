// The references inside a record: the patient and the staff member a visit or a report names must be the
// office's own, the staff member of the record's profession, and a residence's building and unit the
// office's. One check for every way a record enters (the API's POST and PUT, the CSV import, the store's
// own writes, the reports to the care manager, the visit check), and for the web app's choices.
import type { Profession } from '../core/input.js';
import { professionJa } from '../core/labels.js';
import { formatPath, type InputProblem } from '../core/validate.js';
import type { Building, ResidencePeriod, Staff } from './types.js';

/** The profession's work a staff member may record: their own; a 看護師 also a 准看護師's. */
export function staffServes(staff: Pick<Staff, 'profession'>, profession: Profession): boolean {
  return (
    staff.profession === profession || (staff.profession === 'nurse' && profession === 'assistant_nurse')
  );
}

/** What the office has, looked up by id. */
export interface OfficeRecords {
  hasPatient(id: string): boolean;
  staff(id: string): Pick<Staff, 'name' | 'profession'> | undefined;
}

/** A record's references: its patient, and for a record of a profession the staff member who did it. */
export interface References {
  patientId: string;
  staffId?: string | undefined;
  profession?: Profession | undefined;
}

export interface ReferenceOptions {
  /** The record, as the message names it: 訪問 or 情報提供書. */
  what: string;
  /** The field a staff member of another profession is reported on (a visit: its profession). */
  professionPath: 'profession' | 'staffId';
  /** Path of the record within a list (a CSV row's index). */
  prefix?: (string | number)[];
}

export function referenceProblems(
  ref: References,
  office: OfficeRecords,
  opts: ReferenceOptions,
): InputProblem[] {
  const at = (field: string) => formatPath([...(opts.prefix ?? []), field]);
  const problems: InputProblem[] = [];
  if (!office.hasPatient(ref.patientId)) {
    problems.push({
      path: at('patientId'),
      message: `"${ref.patientId}" はこの事業所の利用者ではありません`,
    });
  }
  if (ref.staffId !== undefined) {
    const s = office.staff(ref.staffId);
    if (!s) {
      problems.push({ path: at('staffId'), message: `"${ref.staffId}" はこの事業所の職員ではありません` });
    } else if (ref.profession !== undefined && !staffServes(s, ref.profession)) {
      problems.push({
        path: at(opts.professionPath),
        message: `職員「${s.name}」の職種（${professionJa[s.profession]}）が${opts.what}の職種（${professionJa[ref.profession]}）と違います`,
      });
    }
  }
  return problems;
}

/** A residence names a building of the office, and a unit of that building when the building has units. */
export function residenceProblems(
  residences: readonly ResidencePeriod[] | undefined,
  buildings: ReadonlyMap<string, Pick<Building, 'name' | 'units'>>,
  prefix: (string | number)[] = [],
): InputProblem[] {
  const problems: InputProblem[] = [];
  (residences ?? []).forEach((r, i) => {
    if (r.buildingId === undefined) return;
    const b = buildings.get(r.buildingId);
    if (!b) {
      problems.push({
        path: formatPath([...prefix, 'residences', i, 'buildingId']),
        message: `"${r.buildingId}" はこの事業所の建物ではありません`,
      });
    } else if (r.unitId !== undefined && b.units && !b.units.includes(r.unitId)) {
      problems.push({
        path: formatPath([...prefix, 'residences', i, 'unitId']),
        message: `"${r.unitId}" は建物「${b.name}」のユニットではありません（${b.units.join('、')}）`,
      });
    }
  });
  return problems;
}
