// The one problem namer: the engine names what is wrong with an input by JSON paths of the input built
// from the records (`patients[3].care`, `records[5].units`), positions the clerk never saw. Each problem
// is said again of the patient by name and of the record by its day, and its path names the ids instead
// (`patients["<id>"].care`), for the preview, the close, the visit check and the building counts alike.
import type { ClaimMonthInput } from '../core/input.js';
import type { InputProblem } from '../core/validate.js';
import { prepare } from '../santei.js';
import type { Schedule } from '../core/schedule.js';
import { AppError } from './errors.js';

export function nameProblems(
  problems: readonly InputProblem[],
  input: ClaimMonthInput,
  patientNames: ReadonlyMap<string, string>,
): InputProblem[] {
  return problems.map((p) => {
    const m = /^(patients|records)\[(\d+)\](.*)$/.exec(p.path);
    if (!m) return p;
    const i = Number(m[2]);
    const path = (id: string) => `${m[1]}[${JSON.stringify(id)}]${m[3]}`;
    const name = (patientId: string) => patientNames.get(patientId) ?? patientId;
    if (m[1] === 'patients') {
      const patient = input.patients[i];
      return patient ? { path: path(patient.id), message: `利用者「${name(patient.id)}」: ${p.message}` } : p;
    }
    const record = input.records[i];
    if (!record) return p;
    const day = 'date' in record ? record.date : (record.month ?? input.month);
    return {
      path: path(record.id),
      message: `利用者「${name(record.patientId)}」の${day}の記録: ${p.message}`,
    };
  });
}

/**
 * The input checked like any engine input, with its schedule; records the engine cannot price (e.g. a
 * C006 visit of a patient without a medical copay rate) are AppError('unprocessable') with named problems.
 */
export function preparedOrThrow(
  input: ClaimMonthInput,
  patientNames: ReadonlyMap<string, string>,
): { input: ClaimMonthInput; schedule: Schedule } {
  const p = prepare(input);
  if (!p.ok) throw new AppError(nameProblems(p.problems, input, patientNames));
  return p;
}
