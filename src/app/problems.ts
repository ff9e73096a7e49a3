// The one problem namer: the engine names what is wrong with an input by JSON paths of the input built
// from the records (`patients[3].care`, `records[5].units`), positions the clerk never saw. Each problem
// is said again of the patient by name and of the record by its day, and its path names the ids instead
// (`patients["<id>"].care`), for the preview, the close, the visit check and the building counts alike.
import type { ClaimMonthInput } from '../core/input.js';
import type { InputProblem } from '../core/validate.js';
import type { ClaimFileProblem } from '../core/claimFile/index.js';
import type { ClaimFileIssue } from '../contract/api.js';
import { prepare } from '../santei.js';
import type { Schedule } from '../core/schedule.js';
import { AppError } from './errors.js';

/** What an input path (`patients[3].care`) points at, with the path said by the ids (`patients["<id>"].care`). */
function pointedAt(
  path: string,
  input: ClaimMonthInput,
): { path: string; patientId: string; recordDay?: string } | undefined {
  const m = /^(patients|records)\[(\d+)\](.*)$/.exec(path);
  if (!m) return undefined;
  const i = Number(m[2]);
  const byId = (id: string) => `${m[1]}[${JSON.stringify(id)}]${m[3]}`;
  if (m[1] === 'patients') {
    const patient = input.patients[i];
    return patient ? { path: byId(patient.id), patientId: patient.id } : undefined;
  }
  const record = input.records[i];
  if (!record) return undefined;
  const day = 'date' in record ? record.date : (record.month ?? input.month);
  return { path: byId(record.id), patientId: record.patientId, recordDay: day };
}

export function nameProblems(
  problems: readonly InputProblem[],
  input: ClaimMonthInput,
  patientNames: ReadonlyMap<string, string>,
): InputProblem[] {
  return problems.map((p) => {
    const at = pointedAt(p.path, input);
    if (!at) return p;
    const name = patientNames.get(at.patientId) ?? at.patientId;
    return {
      path: at.path,
      message:
        at.recordDay === undefined
          ? `利用者「${name}」: ${p.message}`
          : `利用者「${name}」の${at.recordDay}の記録: ${p.message}`,
    };
  });
}

/**
 * The claim file's problems (src/core/claimFile/document.ts) as the clerk reads them: the patient the core
 * names by id is named by name (`利用者「青木 正雄」の生年月日…`), the path by the ids, and each problem of a
 * patient keeps the patient's id (the web app links to the patient's screen).
 */
export function nameClaimFileProblems(
  problems: readonly ClaimFileProblem[],
  input: ClaimMonthInput,
  patientNames: ReadonlyMap<string, string>,
): ClaimFileIssue[] {
  return problems.map((p) => {
    let message = p.message;
    // Every patient the sentence names (`利用者 <id> の…`, `利用者 <a> と <b> の…`).
    for (const token of new Set(message.split(/[\s:：]+/))) {
      const name = patientNames.get(token);
      if (name === undefined) continue;
      message = message
        .split(`利用者 ${token} `)
        .join(`利用者「${name}」`)
        .split(`利用者 ${token}`)
        .join(`利用者「${name}」`)
        .split(` ${token} `)
        .join(`「${name}」`);
    }
    const at = p.path ? pointedAt(p.path, input) : undefined;
    const patientId = p.patientId ?? at?.patientId;
    const path =
      at?.path ?? p.path ?? (patientId !== undefined ? `patients[${JSON.stringify(patientId)}]` : '');
    if (patientId === undefined) return { path, message };
    return { path, message, patientId, patientName: patientNames.get(patientId) ?? patientId };
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
