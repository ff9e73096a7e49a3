// The claim file (伝送ファイル) of an office's month, for the server (claim-file.md): made from a closed claim
// version — its stored input and result, under the schedule it was closed with — through the same use case
// as `santei claim-file` (./claimFile.ts), with the 審査月 the clerk chose (default the service month + 1).
// A file that can be made is audited (its digest, the version it came from, who made it: Store.
// recordClaimFile); one that cannot is refused with every problem, each naming the patient, and nothing is
// written. The same problems can be asked for beforehand — of a version, or of the records now (before the
// close) — and the version's printed 請求書 / 明細書 come from the same claim document.
import { createHash } from 'node:crypto';
import { calculateMonth } from '../core/calculate.js';
import { defaultSubmittedMonth, renderClaimForms, type FormNames } from '../core/claimFile/index.js';
import { serviceCodeIndex } from '../core/serviceCodes.js';
import type { ClaimFileCheck, ClaimFileIssue } from '../contract/api.js';
import { monthSchema } from '../contract/schemas.js';
import type { ActorId, ClaimFileRecord, ClaimVersion, Patient } from '../contract/types.js';
import { parseOrThrow, type Store } from '../store/index.js';
import { scheduleFor } from '../santei.js';
import { claimFileFor, type ClaimFileMade, type PricedMonth } from './claimFile.js';
import { AppError, notFound } from './errors.js';
import { monthRecordsAndInput } from './months.js';
import { nameClaimFileProblems, preparedOrThrow } from './problems.js';

/**
 * The file's name: a letter and 7 characters + `.CSV` (伝送ソフト take 8.3 names) — `K`, the service month as
 * YYMM and the office's own 3 digits of its 事業所番号 (characters 7–9, before the check digit): the
 * pharmacy 1342007893's July 2024 is K2407789.CSV. Two offices of a group differ in those digits unless
 * their numbers share them.
 */
export function claimFileName(officeNumber: string, month: string): string {
  return `K${month.slice(2, 4)}${month.slice(5, 7)}${officeNumber.slice(6, 9)}.CSV`;
}

type VersionOutcome =
  { version: ClaimVersion; made: ClaimFileMade } | { version: ClaimVersion; problems: ClaimFileIssue[] };

/** The closed version, or 'not_found' (a version of another office is not found). */
async function closedVersion(
  store: Store,
  officeId: string,
  month: string,
  version: number,
): Promise<ClaimVersion> {
  const m = parseOrThrow(monthSchema, month, '年月');
  const v = await store.getClaimVersion(officeId, m, version);
  if (!v) throw notFound(`${m}の第${version}版`);
  return v;
}

async function patientNames(store: Store, officeId: string): Promise<Map<string, string>> {
  return new Map((await store.listPatients(officeId)).map((p) => [p.id, p.name]));
}

/** The file of a closed version, or every problem that stops it (named for the clerk). */
async function versionFile(
  store: Store,
  officeId: string,
  month: string,
  version: number,
  submitted: string | undefined,
): Promise<VersionOutcome> {
  const v = await closedVersion(store, officeId, month, version);
  const schedule = scheduleFor(v.month);
  if (!schedule || schedule.id !== v.scheduleId) {
    return {
      version: v,
      problems: [
        {
          path: '',
          message: `第${v.version}版は算定表 ${v.scheduleId} で締めた版です（この月の算定表は${schedule ? ` ${schedule.id}` : 'ありません'}）。もう一度締めてから伝送ファイルを作成してください`,
        },
      ],
    };
  }
  const priced: PricedMonth = { input: v.input, result: v.result, schedule };
  const made = claimFileFor(priced, submitted);
  if (made.ok) return { version: v, made };
  const problems = nameClaimFileProblems(made.problems, v.input, await patientNames(store, officeId));
  const hint = reCloseHint(v, priced);
  return { version: v, problems: hint ? [...problems, hint] : problems };
}

/**
 * A version closed before its lines carried service codes: its 31 / 34 lines have none although the
 * schedule has codes. Closing the month again makes a version the file can be made of.
 */
function reCloseHint(v: ClaimVersion, priced: PricedMonth): ClaimFileIssue | undefined {
  if (serviceCodeIndex(priced.schedule).size === 0) return undefined;
  const carePlanTypes = new Set(['31', '34']);
  const uncoded = v.result.claims.some(
    (c) => carePlanTypes.has(c.serviceType) && c.lines.some((l) => l.code === undefined),
  );
  if (!uncoded) return undefined;
  return {
    path: '',
    message: `第${v.version}版（${v.closedAt.slice(0, 10)}締め）の請求にはサービスコードのない行があります（サービスコードを記録する前に締めた版です）。この月をもう一度締めると、新しい版から伝送ファイルを作成できます`,
  };
}

function checkOf(
  month: string,
  source: ClaimFileCheck['source'],
  submitted: string | undefined,
  outcome: { made: ClaimFileMade } | { problems: ClaimFileIssue[] },
): ClaimFileCheck {
  const base = { month, source, submitted: submitted ?? defaultSubmittedMonth(month) };
  if ('made' in outcome) {
    return {
      ...base,
      problems: [],
      statements: outcome.made.document.statements.length,
      unconfirmedCodes: outcome.made.unconfirmedCodes,
    };
  }
  return { ...base, problems: outcome.problems, statements: 0, unconfirmedCodes: [] };
}

/**
 * What would stop the month's claim file: of the closed version `version`, or — without it — of the
 * records now, as a close would price them (the month-close checklist asks before the close). Records
 * the engine cannot price are AppError('unprocessable'), as for the preview.
 */
export async function claimFileProblems(
  store: Store,
  officeId: string,
  month: string,
  opts: { version?: number; submitted?: string } = {},
): Promise<ClaimFileCheck> {
  if (opts.submitted !== undefined) parseOrThrow(monthSchema, opts.submitted, '審査月');
  if (opts.version !== undefined) {
    const out = await versionFile(store, officeId, month, opts.version, opts.submitted);
    return checkOf(out.version.month, { kind: 'version', version: out.version.version }, opts.submitted, out);
  }
  const { input, names } = await monthRecordsAndInput(store, officeId, month);
  const { schedule } = preparedOrThrow(input, names);
  const priced: PricedMonth = { input, result: calculateMonth(input, schedule), schedule };
  const made = claimFileFor(priced, opts.submitted);
  return checkOf(
    input.month,
    { kind: 'records' },
    opts.submitted,
    made.ok ? { made } : { problems: nameClaimFileProblems(made.problems, input, names) },
  );
}

export interface MadeClaimFile {
  fileName: string;
  bytes: Uint8Array;
  /** What the audit row keeps. */
  record: ClaimFileRecord;
}

/**
 * 「伝送ファイルを作成」: the claim file of the closed version, checked before it leaves, and its audit row
 * (digest, version, who). Any problem: AppError('unprocessable') with every problem, nothing written.
 */
export async function makeVersionClaimFile(
  store: Store,
  officeId: string,
  month: string,
  version: number,
  opts: { submitted?: string },
  actor: ActorId,
): Promise<MadeClaimFile> {
  if (opts.submitted !== undefined) parseOrThrow(monthSchema, opts.submitted, '審査月');
  const out = await versionFile(store, officeId, month, version, opts.submitted);
  if ('problems' in out) throw new AppError(out.problems);
  const { version: v, made } = out;
  const d = made.document;
  const record: ClaimFileRecord = {
    versionId: v.id,
    month: v.month,
    version: v.version,
    submitted: d.submitted,
    fileName: claimFileName(d.officeNumber, d.serviceMonth),
    sha256: createHash('sha256').update(made.bytes).digest('hex'),
    bytes: made.bytes.byteLength,
    statements: d.statements.length,
    units: d.invoice.units,
    insurer: d.invoice.insurer,
    unconfirmedCodes: made.unconfirmedCodes,
  };
  await store.recordClaimFile(officeId, record, actor);
  return { fileName: record.fileName, bytes: made.bytes, record };
}

/** The names the printed forms show: the office, the patients, the care-plan makers (by 事業所番号). */
function formNames(
  office: { name: string; address?: string; phone?: string },
  patients: readonly Patient[],
): FormNames {
  const carePlanOffices: Record<string, string> = {};
  const byPatient: Record<string, { name: string; kana?: string }> = {};
  for (const p of patients) {
    byPatient[p.id] = p.kana === undefined ? { name: p.name } : { name: p.name, kana: p.kana };
    for (const c of p.carePlans)
      if (c.maker === 'office' && c.officeName !== undefined) carePlanOffices[c.officeNumber] = c.officeName;
  }
  const o: NonNullable<FormNames['office']> = { name: office.name };
  if (office.address !== undefined) o.address = office.address;
  if (office.phone !== undefined) o.phone = office.phone;
  return { office: o, patients: byPatient, carePlanOffices };
}

/**
 * The printable 請求書 (様式第一) and 明細書 (様式第二 / 第二の二) of the closed version: the same claim document
 * as its file, as one A4 HTML page per form. Any problem: AppError('unprocessable'), as for the file.
 */
export async function versionClaimForms(
  store: Store,
  officeId: string,
  month: string,
  version: number,
  opts: { submitted?: string },
): Promise<string> {
  if (opts.submitted !== undefined) parseOrThrow(monthSchema, opts.submitted, '審査月');
  const out = await versionFile(store, officeId, month, version, opts.submitted);
  if ('problems' in out) throw new AppError(out.problems);
  const office = await store.getOffice(officeId);
  if (!office) throw notFound('事業所');
  return renderClaimForms(out.made.document, formNames(office, await store.listPatients(officeId)));
}
