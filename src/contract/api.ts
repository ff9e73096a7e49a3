// The answers of the HTTP API beyond the records themselves (docs/api.md), as the web app and API clients
// read them: the visit check, the building counts, the month's preview and versions, the statement, the
// CSV import, the reports' template, who is logged in.
import type { Column } from '../core/labels.js';
import type { NextAnswer } from '../core/next.js';
import type { Profession } from '../core/input.js';
import type { ReportPart, ReportWarning } from '../core/reports.js';
import type { Claim, ClaimMonthResult, Line, Rejection, RejectionCode } from '../core/result.js';
import type {
  CareReportInput,
  CareReportRecord,
  ClaimVersion,
  ClaimVersionSummary,
  Office,
  Patient,
  PatientInput,
  Staff,
  User,
  VersionDiff,
  Visit,
  VisitInput,
} from './types.js';

export type { Column };

/** A problem with the request, in Japanese: the field (JSON path or form field) and what is wrong. */
export interface Problem {
  path: string;
  message: string;
}

/** The error answer of every route: `{ errors: [{ path, message }] }`. */
export interface ErrorBody {
  errors: Problem[];
}

// ---------------------------------------------------------------------------------------------------
// Planning: the visit check (POST …/visits/check) and the building counts (GET …/buildings/:id/counts)

export interface VisitCheckAnswer extends NextAnswer {
  billable: boolean;
  column: Column | null;
  columnName: string | null;
  /**
   * K24-2a: present when the office bills the visit's month on the report records and no complete, sent
   * report covers the visit yet: the answer was planned with the visit as reported, so `billable` means
   * "billable once its report is sent".
   */
  reportPending?: { rule: 'K24-2a'; message: string };
  /**
   * When no day in the horizon is billable because of the visit's own record (a tick box left unticked, a
   * certification or residence missing): which, and what to do — instead of "no date".
   */
  noDate?: { rule: string; message: string; field?: string };
}

// ---------------------------------------------------------------------------------------------------
// The month's verdicts: each visit as the engine bills it once reported, and its report (GET …/months/:month/review)

/** K24-2a: where a visit of a month billed on the reports stands with its report to the care manager. */
export interface VisitReportState {
  /** none: no report covers it; draft: not sent; problem: sent but not valid (a part empty, a late date…); sent. */
  state: 'none' | 'draft' | 'problem' | 'sent';
  reportId?: string;
  /** The last day to send it: the last day of the visit's month (seed 002: at the latest within the month). */
  deadline: string;
  /** What is missing or wrong, when not sent and valid (reportStatus of src/core/reports.ts). */
  issue?: string;
}

/** One visit of the month, as the engine bills it with the report requirement set aside, and its report. */
export interface VisitVerdict {
  visitId: string;
  patientId: string;
  date?: string;
  /** billed: every part; partial: billed with an addition or some units refused; refused: not billed. */
  status: 'billed' | 'partial' | 'refused';
  column: Column | null;
  columnName: string | null;
  /** The visit's own lines (its base line and additions) with their units. */
  lines: Pick<Line, 'item' | 'name' | 'unitsEach' | 'rule'>[];
  units: number;
  /** Each refusal of the visit (or of its additions / units), with its rule. */
  rejections: Rejection[];
  /** K24-2a: present where the visit's month is billed on the report records. */
  report: VisitReportState | null;
}

/** A report the clerk must still send (or fix): one patient's visits of one profession in the month. */
export interface ReportTask {
  patientId: string;
  profession: Profession;
  visitIds: string[];
  /** The worst state among the visits (none before draft before problem). */
  state: Exclude<VisitReportState['state'], 'sent'>;
  reportId?: string;
  deadline: string;
  issue?: string;
}

/** A refused visit the clerk must move to another day, or whose record must be fixed. */
export interface VisitTask {
  visitId: string;
  patientId: string;
  date?: string;
  rejections: Rejection[];
}

export interface MonthReview {
  month: string;
  /** K24-2a: whether the month's 居宅療養管理指導 visits bill on the report records. */
  onReports: boolean;
  /** Every visit of the month (patients by kana, then date). */
  visits: VisitVerdict[];
  /** What the clerk must do before the close, patients by kana. */
  tasks: { report: ReportTask[]; move: VisitTask[]; fix: VisitTask[] };
  /** The refusals by code (as if reported), for the checklist. */
  refusalsByCode: { code: RejectionCode; count: number }[];
  /**
   * What would stop the claim file once the reports are sent (the same reading): a patient billed on 31 / 34
   * without a 被保険者番号, 生年月日, 性別, care-plan maker or certification, each naming the patient. Empty:
   * none; null: not checked.
   */
  claimFileProblems: ClaimFileIssue[] | null;
  /** The latest close of the month, if any. */
  closed: ClaimVersionSummary | null;
}

/** POST …/visits/check-all: proposals checked together with the month's saved visits (one engine run). */
export interface ProposalVerdict {
  status: VisitVerdict['status'];
  column: Column | null;
  columnName: string | null;
  lines: VisitVerdict['lines'];
  rejections: Rejection[];
  /** K24-2a: the report it will need (where the month bills on the reports). */
  reportPending?: { rule: 'K24-2a'; message: string };
}

export interface ProposalsAnswer {
  /** One per proposal, in the order sent. */
  verdicts: ProposalVerdict[];
  /** Saved visits that are billed without the proposals and refused with them. */
  displaces: string[];
}

export interface ProfessionCount {
  profession: Profession;
  /** Patients of this building billed by the profession this month (K24-4a), the count the engine used. */
  patients: number;
  patientIds: string[];
  /** The column most of them are billed in, and each patient's (K24-4c/d can differ per patient). */
  column: Column | null;
  columnName: string | null;
  columnsByPatient: Record<string, Column>;
  /**
   * Why patients are counted otherwise than the building's number (K24-4c household, K24-4d 10 % of the
   * dwellings, K24-4e a group home's unit), each reason with the patients it applies to.
   */
  reasons: { rule: 'K24-4c' | 'K24-4d' | 'K24-4e'; text: string; patientIds: string[] }[];
  /** Yen of this profession's lines for the building's patients this month. */
  yen: number;
  oneMore: {
    patients: number;
    column: Column | null;
    columnName: string | null;
    /** Change of the yen of the patients already billed (a column change moves all of them, K24-4a). */
    existingYenChange: number;
    /** Yen the new patient's one visit would bring. */
    newPatientYen: number;
    /** The month's total change for the office. */
    totalYenChange: number;
  };
}

export interface BuildingCounts {
  buildingId: string;
  buildingName: string;
  month: string;
  schedule: string;
  /**
   * K24-1c: the building's kind is a 介護保険施設 in the month's schedule: its residents cannot receive
   * 居宅療養管理指導 and are not counted.
   */
  facility: boolean;
  professions: ProfessionCount[];
}

// ---------------------------------------------------------------------------------------------------
// The month

/** GET …/months/:month/preview: the engine on the records now, and the reports' warnings (K24-2a). */
export type MonthPreview = ClaimMonthResult & { reportWarnings: ReportWarning[] };

/** A claim version with what changed from the version before it (null for version 1). */
export type ClaimVersionWithDiff = ClaimVersion & { diff: VersionDiff | null };

export interface StatementLine {
  name: string;
  code?: string;
  unitsEach: number;
  count: number;
  units: number;
  /** The dates of the visits the line bills. */
  dates: string[];
  rule: string;
}

/** A claim of the month as the statement prints it: the engine's amounts, its lines with their dates. */
export interface StatementClaim extends Pick<
  Claim,
  'insurance' | 'serviceType' | 'units' | 'unitPrice' | 'yen' | 'insurer' | 'copay' | 'transportYen' | 'kohi'
> {
  serviceName: string;
  lines: StatementLine[];
  /** K24-7: whether this claim's copay counts for 医療費控除. */
  medicalDeduction: boolean;
}

export interface Statement {
  office: Pick<Office, 'id' | 'number' | 'name' | 'address' | 'phone'>;
  patient: Pick<Patient, 'id' | 'name' | 'kana' | 'insuredNumber'> & {
    careLevel?: string;
    copayRate?: number;
    medicalCopayRate?: number;
  };
  month: string;
  /** 令和6年7月 */
  monthWareki: string;
  /** Where the amounts come from: a closed claim version, or the records now (preview, not billed yet). */
  source: { kind: 'claim'; version: number; closedAt: string } | { kind: 'preview' };
  schedule: string;
  claims: StatementClaim[];
  /** `kohi`: what the 公費 paid (Σ 公費請求額, KOHI-7), present only when a 公費 paid on a claim. */
  totals: { units: number; yen: number; insurer: number; copay: number; transportYen: number; kohi?: number };
  /** 医療費控除対象額 (K24-7): the copay of 居宅療養管理指導 this month. */
  medicalDeductionYen: number;
  /** Visits of the patient not billed this month, with the reason (for the clerk, not printed). */
  rejections: Rejection[];
}

// ---------------------------------------------------------------------------------------------------
// The claim file (伝送ファイル, claim-file.md) of a month

/**
 * One thing that stops the claim file, in Japanese: the field (a path of the month's input, by the ids:
 * `patients["<id>"].insured`), what is wrong and what to enter, and the patient it is about (for a link to
 * the patient's screen), where there is one.
 */
export interface ClaimFileIssue extends Problem {
  patientId?: string;
  patientName?: string;
}

/**
 * GET …/months/:month/claim-file/problems: what would stop the claim file of the month — of a closed
 * version (`version`), or of the records now (`source.kind` 'records', before the month is closed).
 */
export interface ClaimFileCheck {
  month: string;
  source: { kind: 'version'; version: number } | { kind: 'records' };
  /** 審査月 "YYYY-MM" (the service month + 1 unless asked for). */
  submitted: string;
  /** Empty: the file can be made. */
  problems: ClaimFileIssue[];
  /** 明細書 the file would hold (0 while there are problems). */
  statements: number;
  /** The unconfirmed service codes the file would use ([U] of the code table). */
  unconfirmedCodes: string[];
}

// ---------------------------------------------------------------------------------------------------
// Reports to the care manager (K24-2a)

/** A report as the API answers it: the record and the required parts still empty (seed 002). */
export type CareReportAnswer = CareReportRecord & { missingParts: ReportPart[] };

/** GET …/reports/template: the starting point of a new report. */
export interface ReportTemplate {
  patientId: string;
  profession: Profession;
  month: string;
  /** The same patient's and profession's report of the previous month (the draft; unchanged it is refused). */
  previous: CareReportAnswer | null;
  reports: CareReportAnswer[];
  uncoveredVisits: Visit[];
  recipient: CareReportInput['recipient'];
  hasCareManager: boolean;
  requiredParts: ReportPart[];
}

/** What the printed report (GET …/reports/:id/document) is made of. */
export interface ReportDocumentData {
  office: Office;
  patient: Patient;
  report: CareReportRecord;
  /** The author (the report's staffId). */
  staff?: Staff | null;
  /** The dates of the visits the report covers. */
  visitDates: string[];
}

/** The day's FAX reports to one recipient (GET …/reports/fax-cover). */
export interface FaxCoverGroup {
  recipient: CareReportRecord['recipient'];
  reports: { report: CareReportRecord; patientName: string; visitDates: string[] }[];
}

/** GET …/reports/fax-cover?format=json */
export interface FaxCoverList {
  date: string;
  recipients: {
    recipient: CareReportRecord['recipient'];
    /** The cover sheet and one page per report. */
    pages: number;
    reports: {
      reportId: string;
      patientId: string;
      patientName: string;
      profession: Profession;
      visitDates: string[];
    }[];
  }[];
}

// ---------------------------------------------------------------------------------------------------
// CSV import

export interface RowError {
  /** Line of the file (the heading is line 1). */
  row: number;
  /** The column heading as written in the file, or '' for the row as a whole. */
  column: string;
  message: string;
}

/** POST …/import/:kind/preview: what the import would do with the file, nothing written. */
export interface ImportPreview {
  kind: 'visits' | 'patients';
  /** The rows that would be imported, each with its line in the file (null if it could not be told). */
  rows: { row: number | null; value: VisitInput | PatientInput }[];
  /** Each row error: line, column heading ('' for the row as a whole), Japanese message. */
  errors: RowError[];
  /** The data rows of the file (the heading not counted). */
  rowsInFile: number;
}

export interface ImportResult {
  imported: number;
  ids: string[];
  errors: RowError[];
}

// ---------------------------------------------------------------------------------------------------
// Who is logged in

export type PublicUser = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'officeIds'>;

/**
 * A user as an admin sees them (GET/POST/PATCH /users): of the user's offices only those the admin
 * administers; `manageable` is false when the user also belongs to an office the admin does not administer
 * (then the admin may only take its own offices away from them).
 */
export interface ManagedUser extends PublicUser {
  disabled?: boolean;
  manageable: boolean;
}

export interface Me {
  user: PublicUser;
  offices: Office[];
}
