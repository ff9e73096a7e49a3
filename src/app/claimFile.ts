// The claim file use case (../shared/spec/claim-file.md): a priced month (input, result, schedule) → the claim
// document → the file, checked before it leaves; or the problems that stop it, one Japanese line each. And the
// check of a file, against the month's input when it is given. The CLI prices an input file first; the server
// takes a closed version's stored input and result (./monthClaimFile.ts): both make the file here.
import { calculate, scheduleFor } from '../santei.js';
import type { ClaimMonthInput } from '../core/input.js';
import type { ClaimMonthResult } from '../core/result.js';
import type { Schedule } from '../core/schedule.js';
import { formatProblem } from '../core/validate.js';
import { serviceCodeIndex } from '../core/serviceCodes.js';
import {
  buildClaimDocument,
  checkClaimFile,
  formatClaimFileProblem,
  writeClaimFile,
  type CheckOptions,
  type CheckReport,
  type ClaimDocument,
  type ClaimFileProblem,
} from '../core/claimFile/index.js';

export interface ClaimFileMade {
  ok: true;
  /** The file: MS932 bytes. */
  bytes: Uint8Array;
  document: ClaimDocument;
  /** The unconfirmed service codes the file uses ([U] of the code table), in code order. */
  unconfirmedCodes: string[];
}

export type ClaimFileOutcome = ClaimFileMade | { ok: false; problems: string[] };

/** A month as the engine priced it: the input, the result and the schedule it was priced under. */
export interface PricedMonth {
  input: ClaimMonthInput;
  result: ClaimMonthResult;
  schedule: Schedule;
}

/** The checker's code table: the schedule of the file's service month. */
export const codesForMonth: NonNullable<CheckOptions['codesFor']> = (month) => {
  const schedule = scheduleFor(month);
  return schedule ? serviceCodeIndex(schedule) : undefined;
};

/** The claim document of a priced month, or the facts the file lacks (each naming the patient). */
export function claimDocumentFor(
  priced: PricedMonth,
  submitted?: string,
): { ok: true; document: ClaimDocument } | { ok: false; problems: ClaimFileProblem[] } {
  return buildClaimDocument({ ...priced, submitted });
}

/** The claim document of a month's input, or its problems (bad input, or facts the file lacks). */
export function claimDocumentOf(
  raw: unknown,
  submitted?: string,
): { ok: true; document: ClaimDocument } | { ok: false; problems: string[] } {
  const priced = calculate(raw);
  if (!priced.ok) return { ok: false, problems: priced.problems.map(formatProblem) };
  const doc = claimDocumentFor(priced, submitted);
  return doc.ok ? doc : { ok: false, problems: doc.problems.map(formatClaimFileProblem) };
}

/**
 * The file of a priced month, checked before it leaves, or why it cannot be written: the facts the file
 * lacks, or (never expected) what the check found in the written bytes.
 */
export function claimFileFor(
  priced: PricedMonth,
  submitted?: string,
): ClaimFileMade | { ok: false; problems: ClaimFileProblem[] } {
  const doc = claimDocumentFor(priced, submitted);
  if (!doc.ok) return doc;
  const bytes = writeClaimFile(doc.document);
  // Checked before it leaves — structure, sums, money, codes, 摘要 — as `--check` reads any file: the writer's
  // output passes (tested); were it not to, the file is not handed out. (Comparing it with its own document
  // would only repeat the writer.)
  const report = checkClaimFile(bytes, { codesFor: codesForMonth });
  if (!report.ok)
    return {
      ok: false,
      problems: report.problems.map((p) => ({
        message: `作成したファイルの検査で誤りが見つかりました: ${p}`,
      })),
    };
  const unconfirmed = new Set<string>();
  for (const s of doc.document.statements)
    for (const d of s.details) if (d.status === 'unconfirmed') unconfirmed.add(d.code);
  return { ok: true, bytes, document: doc.document, unconfirmedCodes: [...unconfirmed].sort() };
}

/** `santei claim-file INPUT.json [--submitted YYYY-MM]`: the file, or why it cannot be written. */
export function makeClaimFile(raw: unknown, opts: { submitted?: string } = {}): ClaimFileOutcome {
  const priced = calculate(raw);
  if (!priced.ok) return { ok: false, problems: priced.problems.map(formatProblem) };
  const made = claimFileFor(priced, opts.submitted);
  return made.ok ? made : { ok: false, problems: made.problems.map(formatClaimFileProblem) };
}

/** `santei claim-file --check FILE.CSV [--input INPUT.json]`: the check report, or the input's problems. */
export function checkClaimFileBytes(
  bytes: Uint8Array,
  raw?: unknown,
): { ok: true; report: CheckReport } | { ok: false; problems: string[] } {
  let expected: ClaimDocument | undefined;
  if (raw !== undefined) {
    const doc = claimDocumentOf(raw);
    if (!doc.ok) return doc;
    expected = doc.document;
  }
  return { ok: true, report: checkClaimFile(bytes, { codesFor: codesForMonth, expected }) };
}
