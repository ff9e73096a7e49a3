// The application: the use cases that join the records (src/store) and the engine (src/core), for the
// HTTP server and the CLI alike. A route or a command parses its request, calls one of these, answers.
export { openStore, isStoreError, StoreError, SYSTEM_ACTOR, type Store } from '../store/index.js';
export { seedDemo } from '../store/demo.js';
export { AppError, isAppError, notFound } from './errors.js';
export { ENGINE_VERSION } from './version.js';
export { monthInput } from './monthInput.js';
export {
  claimVersions,
  closeMonth,
  monthRecordsAndInput,
  previewMonth,
  reportWarnings,
  statement,
} from './months.js';
export { diffVersions, withDiff } from './versions.js';
export { closeMonthOnce, IDEMPOTENCY_HEADER, type CloseAnswer } from './close.js';
export {
  inThreadWorkers,
  storeTarget,
  threadWorkers,
  workersFor,
  type CloseSummaryOutcome,
  type WorkerOptions,
  type Workers,
} from './workers.js';
export { buildingCounts, checkVisit } from './planning.js';
export { checkProposals } from './proposals.js';
export { monthReview } from './review.js';
export { auditLog, globalAuditLog, type AuditLogQuery } from './audit.js';
export { previewImport, type ImportKind } from './importPreview.js';
export {
  importPatients,
  importVisits,
  IMPORT_MAX_ROWS,
  type ImportOptions,
  type ImportOutcome,
} from './import.js';
export {
  claimFileName,
  claimFileProblems,
  makeVersionClaimFile,
  versionClaimForms,
  type MadeClaimFile,
} from './monthClaimFile.js';
export { faxCover, reportAnswer, reportDocument, reportTemplate } from './reports.js';
export { createOffice, createUser, managedUsers, me, publicUser, updateUser } from './users.js';
export {
  changePassword,
  knownTokensAfter,
  login,
  LOGIN_POLICY,
  type LoginOutcome,
  type Throttled,
} from './login.js';
export { calculate } from '../santei.js';
export { kohiLaws } from './kohiLaws.js';
export {
  backupDatabase,
  BackupError,
  migrateDatabase,
  RoleError,
  verifyDatabase,
  type ChainBreak,
  type ChainReport,
  type DatabaseTarget,
  type SqliteBackup,
} from './history.js';
