// The HTTP API (docs/api.md), as the web app calls it. Every error answer is `{ errors: [{ path, message }] }`
// with Japanese messages; they are kept as they are so that a form can show each next to its field.
import type {
  Building,
  BuildingInput,
  ClaimVersionSummary,
  KohiEntryInput,
  KohiEntryRecord,
  KohiMonthInput,
  KohiMonthRecord,
  Patient,
  PatientInput,
  Staff,
  Visit,
  VisitInput,
} from '../../src/contract/types.js';
import type {
  BuildingCounts,
  ClaimFileCheck,
  ClaimVersionWithDiff,
  Me,
  MonthPreview,
  MonthReview,
  ProposalsAnswer,
  Problem,
  Statement,
  VisitCheckAnswer,
} from '../../src/contract/api.js';
import type { ReportWarning } from '../../src/core/reports.js';
import type {
  AuditAction,
  AuditEntity,
  AuditEntry,
  Office,
  OfficeInput,
  StaffInput,
  UserInput,
} from '../../src/contract/types.js';
import type { ImportPreview, ImportResult, ManagedUser } from '../../src/contract/api.js';

/** The audit log's filters (GET …/audit). */
export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: AuditAction;
  entity?: AuditEntity;
  before?: number;
  limit?: number;
}
import type { KohiLawRow } from '../../src/core/kohi.js';

// The records and the API's answers, for the screens.
export type * from '../../src/contract/types.js';
export type * from '../../src/contract/api.js';

export class ApiError extends Error {
  readonly status: number;
  readonly problems: Problem[];
  constructor(status: number, problems: Problem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.status = status;
    this.problems = problems;
  }
}

let onUnauthorized: () => void = () => undefined;

/** Called when any answer is 401 (the session ended): the app goes back to the login screen. */
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

/** A CSV file as it is sent: its bytes (a chosen file, any encoding) or pasted text (UTF-8). */
export class CsvBody {
  constructor(readonly data: Blob | string) {}
}

/** The session ended on purpose (one's own new password ends one's sessions): back to the login screen. */
export function sessionEnded(): void {
  onUnauthorized();
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    const csv = body instanceof CsvBody;
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? headers
          : { ...headers, 'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json' },
      body: body === undefined ? null : csv ? body.data : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, [
      { path: '', message: 'サーバーに接続できません。ネットワークとサーバーの状態を確認してください' },
    ]);
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const errors =
      data && typeof data === 'object' && Array.isArray((data as { errors?: unknown }).errors)
        ? ((data as { errors: Problem[] }).errors ?? [])
        : [{ path: '', message: `サーバーがエラーを返しました（${res.status}）` }];
    if (res.status === 401 && !url.endsWith('/login')) onUnauthorized();
    throw new ApiError(res.status, errors);
  }
  return data as T;
}

/** A claim file made (POST …/claims/:version/claim-file): its bytes and what the answer says of them. */
export interface ClaimFileDownload {
  blob: Blob;
  fileName: string;
  sha256: string;
  statements: number;
  submitted: string;
  unconfirmedCodes: string[];
}

/** POSTs the JSON body and takes the answer as a file (an error answer is the usual JSON problems). */
async function download(url: string, body: unknown): Promise<ClaimFileDownload> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, [
      { path: '', message: 'サーバーに接続できません。ネットワークとサーバーの状態を確認してください' },
    ]);
  }
  if (!res.ok) {
    const data: unknown = await res.json().catch(() => null);
    const errors =
      data && typeof data === 'object' && Array.isArray((data as { errors?: unknown }).errors)
        ? (data as { errors: Problem[] }).errors
        : [{ path: '', message: `サーバーがエラーを返しました（${res.status}）` }];
    if (res.status === 401) onUnauthorized();
    throw new ApiError(res.status, errors);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const unconfirmed = res.headers.get('x-claim-file-unconfirmed') ?? '';
  return {
    blob: await res.blob(),
    fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'CLAIM.CSV',
    sha256: res.headers.get('x-claim-file-sha256') ?? '',
    statements: Number(res.headers.get('x-claim-file-statements') ?? '0'),
    submitted: res.headers.get('x-claim-file-submitted') ?? '',
    unconfirmedCodes: unconfirmed ? unconfirmed.split(',') : [],
  };
}

const o = (officeId: string) => `/api/v1/offices/${encodeURIComponent(officeId)}`;
const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, v);
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const api = {
  login: (username: string, password: string) => request<Me>('POST', '/api/v1/login', { username, password }),
  logout: () => request<void>('POST', '/api/v1/logout'),
  me: () => request<Me>('GET', '/api/v1/me'),

  staff: (officeId: string) => request<Staff[]>('GET', `${o(officeId)}/staff`),
  createStaff: (officeId: string, input: StaffInput) => request<Staff>('POST', `${o(officeId)}/staff`, input),
  updateStaff: (officeId: string, id: string, patch: Partial<StaffInput>) =>
    request<Staff>('PATCH', `${o(officeId)}/staff/${encodeURIComponent(id)}`, patch),

  office: (officeId: string) => request<Office>('GET', o(officeId)),
  updateOffice: (officeId: string, patch: Partial<OfficeInput>) =>
    request<Office>('PATCH', o(officeId), patch),

  users: () => request<ManagedUser[]>('GET', '/api/v1/users'),
  createUser: (input: UserInput) => request<ManagedUser>('POST', '/api/v1/users', input),
  updateUser: (id: string, patch: Partial<UserInput>) =>
    request<ManagedUser>('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, patch),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/v1/me/password', { currentPassword, newPassword }),

  importPreview: (officeId: string, kind: 'visits' | 'patients', csv: Blob | string) =>
    request<ImportPreview>('POST', `${o(officeId)}/import/${kind}/preview`, new CsvBody(csv)),
  importCsv: (officeId: string, kind: 'visits' | 'patients', csv: Blob | string, partial: boolean) =>
    request<ImportResult>(
      'POST',
      `${o(officeId)}/import/${kind}${partial ? '?partial=true' : ''}`,
      new CsvBody(csv),
    ),

  audit: (officeId: string, f: AuditFilter) =>
    request<AuditEntry[]>(
      'GET',
      `${o(officeId)}/audit${q({
        from: f.from,
        to: f.to,
        actor: f.actor,
        action: f.action,
        entity: f.entity,
        before: f.before === undefined ? undefined : String(f.before),
        limit: f.limit === undefined ? undefined : String(f.limit),
      })}`,
    ),

  buildings: (officeId: string) => request<Building[]>('GET', `${o(officeId)}/buildings`),
  createBuilding: (officeId: string, input: BuildingInput) =>
    request<Building>('POST', `${o(officeId)}/buildings`, input),
  buildingCounts: (officeId: string, buildingId: string, month: string) =>
    request<BuildingCounts>(
      'GET',
      `${o(officeId)}/buildings/${encodeURIComponent(buildingId)}/counts${q({ month })}`,
    ),

  patients: (officeId: string) => request<Patient[]>('GET', `${o(officeId)}/patients`),
  patient: (officeId: string, id: string) =>
    request<Patient>('GET', `${o(officeId)}/patients/${encodeURIComponent(id)}`),
  createPatient: (officeId: string, input: PatientInput) =>
    request<Patient>('POST', `${o(officeId)}/patients`, input),
  updatePatient: (officeId: string, id: string, patch: Partial<PatientInput>) =>
    request<Patient>('PATCH', `${o(officeId)}/patients/${encodeURIComponent(id)}`, patch),

  visits: (officeId: string, month: string, patientId?: string, limit?: number) =>
    request<Visit[]>(
      'GET',
      `${o(officeId)}/visits${q({ month, patientId, limit: limit === undefined ? undefined : String(limit) })}`,
    ),
  createVisit: (officeId: string, input: VisitInput) =>
    request<Visit>('POST', `${o(officeId)}/visits`, input),
  updateVisit: (officeId: string, id: string, input: VisitInput) =>
    request<Visit>('PUT', `${o(officeId)}/visits/${encodeURIComponent(id)}`, input),
  checkEdit: (officeId: string, id: string, input: VisitInput) =>
    request<VisitCheckAnswer>('POST', `${o(officeId)}/visits/${encodeURIComponent(id)}/check`, input),
  deleteVisit: (officeId: string, id: string) =>
    request<void>('DELETE', `${o(officeId)}/visits/${encodeURIComponent(id)}`),
  checkVisit: (officeId: string, input: VisitInput) =>
    request<VisitCheckAnswer>('POST', `${o(officeId)}/visits/check`, input),
  checkProposals: (officeId: string, visits: VisitInput[]) =>
    request<ProposalsAnswer>('POST', `${o(officeId)}/visits/check-all`, { visits }),

  preview: (officeId: string, month: string) =>
    request<MonthPreview>('GET', `${o(officeId)}/months/${month}/preview`),
  review: (officeId: string, month: string) =>
    request<MonthReview>('GET', `${o(officeId)}/months/${month}/review`),
  /** The close answers with the version's summary; `idempotencyKey`: a resend makes no second version. */
  close: (officeId: string, month: string, idempotencyKey: string) =>
    request<ClaimVersionSummary>(
      'POST',
      `${o(officeId)}/months/${month}/close`,
      {},
      {
        'idempotency-key': idempotencyKey,
      },
    ),
  kohiLaws: () => request<KohiLawRow[]>('GET', '/api/v1/kohi-laws'),
  kohiEntries: (officeId: string, patientId: string) =>
    request<KohiEntryRecord[]>('GET', `${o(officeId)}/kohi${q({ patientId })}`),
  createKohiEntry: (officeId: string, input: KohiEntryInput) =>
    request<KohiEntryRecord>('POST', `${o(officeId)}/kohi`, input),
  deleteKohiEntry: (officeId: string, id: string) =>
    request<void>('DELETE', `${o(officeId)}/kohi/${encodeURIComponent(id)}`),
  kohiMonths: (officeId: string, patientId: string) =>
    request<KohiMonthRecord[]>('GET', `${o(officeId)}/kohi-months${q({ patientId })}`),
  createKohiMonth: (officeId: string, input: KohiMonthInput) =>
    request<KohiMonthRecord>('POST', `${o(officeId)}/kohi-months`, input),
  updateKohiMonth: (officeId: string, id: string, patch: Partial<KohiMonthInput>) =>
    request<KohiMonthRecord>('PATCH', `${o(officeId)}/kohi-months/${encodeURIComponent(id)}`, patch),
  claimVersions: (officeId: string, month: string) =>
    request<ClaimVersionSummary[]>('GET', `${o(officeId)}/months/${month}/claims`),
  claimVersion: (officeId: string, month: string, version: number) =>
    request<ClaimVersionWithDiff>('GET', `${o(officeId)}/months/${month}/claims/${version}`),
  reportWarnings: (officeId: string, month: string) =>
    request<ReportWarning[]>('GET', `${o(officeId)}/months/${month}/report-warnings`),
  statement: (officeId: string, month: string, patientId: string, version?: number) =>
    request<Statement>(
      'GET',
      `${o(officeId)}/months/${month}/statements/${encodeURIComponent(patientId)}${q({
        version: version === undefined ? undefined : String(version),
      })}`,
    ),

  claimFileProblems: (officeId: string, month: string, version?: number, submitted?: string) =>
    request<ClaimFileCheck>(
      'GET',
      `${o(officeId)}/months/${month}/claim-file/problems${q({
        version: version === undefined ? undefined : String(version),
        submitted,
      })}`,
    ),
  claimFile: (officeId: string, month: string, version: number, submitted: string) =>
    download(`${o(officeId)}/months/${month}/claims/${version}/claim-file`, { submitted }),
  claimFormsUrl: (officeId: string, month: string, version: number, submitted: string) =>
    `${o(officeId)}/months/${month}/claims/${version}/claim-forms${q({ submitted })}`,
  claimFilesMade: (officeId: string, versionId: string) =>
    request<AuditEntry[]>('GET', `${o(officeId)}/audit${q({ entity: 'claim_file', entityId: versionId })}`),
};

/** The messages of the problems whose path is `path` or lies under it (e.g. `certifications[0]`). */
export function messagesFor(problems: readonly Problem[], path: string): string[] {
  return problems
    .filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))
    .map((p) => p.message);
}
