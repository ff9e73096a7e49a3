// The 国保連 claim file of 居宅療養管理指導 (31 / 34): the claim document, the writer, the checker and the
// printed forms, all pure (../shared/spec/claim-file.md).
export {
  buildClaimDocument,
  defaultSubmittedMonth,
  formatClaimFileProblem,
  type Amounts,
  type ClaimDocument,
  type ClaimDocumentOutcome,
  type ClaimDocumentRequest,
  type ClaimFileProblem,
  type DetailLine,
  type Statement,
  type TypeTotal,
} from './document.js';
export { writeClaimFile, claimFileLines } from './writer.js';
export { checkClaimFile, type CheckOptions, type CheckReport, type CheckSummary } from './checker.js';
export { renderClaimForms, type FormNames } from './forms.js';
