// The answers of the HTTP API beyond the records themselves (docs/api.md), as the web app and API clients
// read them: the visit check, the building counts, the month's preview and versions, the statement, the
// CSV import, the reports' template, who is logged in.
import type { Column } from '../core/labels.js';
import type { NextAnswer } from '../core/next.js';
import type { Profession } from '../core/input.js';
import type { ReportPart, ReportWarning } from '../core/reports.js';
import type { Claim, ClaimMonthResult, Rejection } from '../core/result.js';
import type {
  CareReportInput,
  CareReportRecord,
  ClaimVersion,
  Office,
  Patient,
  Staff,
  User,
  VersionDiff,
  Visit,
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
  'insurance' | 'serviceType' | 'units' | 'unitPrice' | 'yen' | 'insurer' | 'copay' | 'transportYen'
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
  totals: { units: number; yen: number; insurer: number; copay: number; transportYen: number };
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
