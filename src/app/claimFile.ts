// The claim file use case (../shared/spec/claim-file.md): a month's input → the engine → the claim document →
// the file, checked before it leaves; or the problems that stop it, one Japanese line each. And the check of
// a file, against the month's input when it is given. The CLI command (and later the server) only translate.
import { calculate, scheduleFor } from '../santei.js';
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
} from '../core/claimFile/index.js';

export type ClaimFileOutcome =
  | {
      ok: true;
      /** The file: MS932 bytes. */
      bytes: Uint8Array;
      document: ClaimDocument;
      /** The unconfirmed service codes the file uses ([U] of the code table), in code order. */
      unconfirmedCodes: string[];
    }
  | { ok: false; problems: string[] };

/** The checker's code table: the schedule of the file's service month. */
export const codesForMonth: NonNullable<CheckOptions['codesFor']> = (month) => {
  const schedule = scheduleFor(month);
  return schedule ? serviceCodeIndex(schedule) : undefined;
};

/** The claim document of a month's input, or its problems (bad input, or facts the file lacks). */
export function claimDocumentOf(
  raw: unknown,
  submitted?: string,
): { ok: true; document: ClaimDocument } | { ok: false; problems: string[] } {
  const priced = calculate(raw);
  if (!priced.ok) return { ok: false, problems: priced.problems.map(formatProblem) };
  const doc = buildClaimDocument({
    result: priced.result,
    input: priced.input,
    schedule: priced.schedule,
    submitted,
  });
  return doc.ok ? doc : { ok: false, problems: doc.problems.map(formatClaimFileProblem) };
}

/** `santei claim-file INPUT.json [--submitted YYYY-MM]`: the file, or why it cannot be written. */
export function makeClaimFile(raw: unknown, opts: { submitted?: string } = {}): ClaimFileOutcome {
  const doc = claimDocumentOf(raw, opts.submitted);
  if (!doc.ok) return doc;
  const bytes = writeClaimFile(doc.document);
  // Checked before it leaves — structure, sums, money, codes, 摘要 — as `--check` reads any file: the writer's
  // output passes (tested); were it not to, the file is not handed out. (Comparing it with its own document
  // would only repeat the writer.)
  const report = checkClaimFile(bytes, { codesFor: codesForMonth });
  if (!report.ok)
    return {
      ok: false,
      problems: report.problems.map((p) => `作成したファイルの検査で誤りが見つかりました: ${p}`),
    };
  const unconfirmed = new Set<string>();
  for (const s of doc.document.statements)
    for (const d of s.details) if (d.status === 'unconfirmed') unconfirmed.add(d.code);
  return { ok: true, bytes, document: doc.document, unconfirmedCodes: [...unconfirmed].sort() };
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
