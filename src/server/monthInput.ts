// An office's month as the store builds it from the records, checked like any engine input before the
// engine sees it. A record the engine cannot price (e.g. a C006 visit of a patient without a medical
// copay rate) is the office's data to fix: 422 with the problem, naming the patient or visit.
import type { ClaimMonthInput } from '../core/input.js';
import type { InputProblem } from '../core/validate.js';
import { prepare } from '../santei.js';
import type { Schedule } from '../core/schedule.js';
import { HttpError } from './errors.js';

/** Rewrites `patients[3].care` → `patients[<id>].care` and `records[5]` → `records[<id>]`: the clerk knows ids, not positions. */
export function nameProblems(input: ClaimMonthInput, problems: InputProblem[]): InputProblem[] {
  return problems.map((p) => {
    const m = /^(patients|records)\[(\d+)\](.*)$/.exec(p.path);
    if (!m) return p;
    const list = m[1] === 'patients' ? input.patients : input.records;
    const item = list[Number(m[2])];
    if (!item) return p;
    const who = m[1] === 'patients' ? `利用者 ${item.id}` : `訪問の記録 ${item.id}`;
    return { path: `${m[1]}[${JSON.stringify(item.id)}]${m[3]}`, message: `${who}: ${p.message}` };
  });
}

export function preparedOrThrow(input: ClaimMonthInput): { input: ClaimMonthInput; schedule: Schedule } {
  const p = prepare(input);
  if (!p.ok) throw new HttpError(422, nameProblems(input, p.problems));
  return p;
}
