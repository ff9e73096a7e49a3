// Each record as a row of its table and back (pure). Columns hold what the store queries by; the rest of
// a record is the row's JSON document (`data`).
import { creationMonth } from '../../contract/reportsRequired.js';
import type {
  Building,
  CareReportRecord,
  ClaimVersionSummary,
  Office,
  Staff,
  Visit,
  VisitInput,
} from '../../contract/types.js';
import { num, type DB } from '../db.js';
import { compact, json, parse, pick } from './util.js';

// ---------------------------------------------------------------------------------------------------
// Offices

export const OFFICE_DATA_KEYS = [
  'reportsRequiredFrom',
  'region',
  'specialArea',
  'chusankanSmallOffice',
  'careManagerFte',
  'specificOffice',
  'address',
  'phone',
] as const;

export function officeFromRow(r: DB['offices']): Office {
  const data = parse<Partial<Office>>(r.data);
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    kind: r.kind as Office['kind'],
    ...data,
    // Migration 0003 set it on every row; a row written without it since (an older server during an
    // upgrade) reads as the same default (K24-2a).
    reportsRequiredFrom: data.reportsRequiredFrom ?? creationMonth(r.created_at),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function officeRow(o: Office): DB['offices'] {
  return {
    id: o.id,
    number: o.number,
    name: o.name,
    kind: o.kind,
    data: json(pick(o, OFFICE_DATA_KEYS)),
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------
// Staff and buildings

export function staffFromRow(r: DB['staff']): Staff {
  return compact({
    id: r.id,
    officeId: r.office_id,
    name: r.name,
    kana: r.kana ?? undefined,
    profession: r.profession as Staff['profession'],
    ...parse<Partial<Staff>>(r.data),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

export function staffRow(s: Staff): DB['staff'] {
  return {
    office_id: s.officeId,
    id: s.id,
    name: s.name,
    kana: s.kana ?? null,
    profession: s.profession,
    data: json(pick(s, ['retired'])),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function buildingFromRow(r: DB['buildings']): Building {
  return compact({
    id: r.id,
    officeId: r.office_id,
    name: r.name,
    kind: r.kind as Building['kind'],
    dwellings: r.dwellings ?? undefined,
    ...parse<Partial<Building>>(r.data),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

export function buildingRow(b: Building): DB['buildings'] {
  return {
    office_id: b.officeId,
    id: b.id,
    name: b.name,
    kind: b.kind,
    dwellings: b.dwellings ?? null,
    data: json(pick(b, ['address', 'units'])),
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------
// Visits

export function visitFromRow(r: DB['visits']): Visit {
  return {
    ...parse<VisitInput>(r.data),
    id: r.id,
    officeId: r.office_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  } as Visit;
}

export function visitRow(v: Visit): DB['visits'] {
  const { id, officeId, createdAt, updatedAt, ...record } = v;
  return {
    office_id: officeId,
    id,
    patient_id: record.patientId,
    kind: record.kind,
    date: 'date' in record ? record.date : null,
    month: record.kind === 'care_management' ? record.month! : record.date.slice(0, 7),
    staff_id: record.kind === 'kyotaku' ? (record.staffId ?? null) : null,
    data: json(record),
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------
// Reports to the care manager

/** The JSON document of a care_reports row. */
export interface ReportData {
  recipientName: string;
  content: CareReportRecord['content'];
}

export function reportFromRow(r: DB['care_reports'], visitIds: string[]): CareReportRecord {
  const data = parse<ReportData>(r.data);
  return compact({
    id: r.id,
    officeId: r.office_id,
    patientId: r.patient_id,
    profession: r.profession as CareReportRecord['profession'],
    month: r.month,
    visitIds,
    staffId: r.staff_id ?? undefined,
    recipient: {
      kind: r.recipient_kind as CareReportRecord['recipient']['kind'],
      name: data.recipientName,
    },
    method: r.method as CareReportRecord['method'],
    sentDate: r.sent_date ?? undefined,
    content: data.content,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

export function reportRow(rep: CareReportRecord): DB['care_reports'] {
  const data: ReportData = { recipientName: rep.recipient.name, content: rep.content };
  return {
    office_id: rep.officeId,
    id: rep.id,
    patient_id: rep.patientId,
    profession: rep.profession,
    month: rep.month,
    staff_id: rep.staffId ?? null,
    recipient_kind: rep.recipient.kind,
    method: rep.method,
    sent_date: rep.sentDate ?? null,
    data: json(data),
    created_at: rep.createdAt,
    updated_at: rep.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------
// Claim versions

export function summaryFromRow(
  r: Omit<
    DB['claim_versions'],
    'input_json' | 'result_json' | 'report_warnings_json' | 'chain_seq' | 'prev_digest' | 'digest'
  >,
): ClaimVersionSummary {
  return {
    id: r.id,
    officeId: r.office_id,
    month: r.month,
    version: num(r.version),
    scheduleId: r.schedule_id,
    engineVersion: r.engine_version,
    inputDigest: r.input_digest,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
    totals: { units: num(r.units), yen: num(r.yen), insurer: num(r.insurer), copay: num(r.copay) },
    claimCount: num(r.claim_count),
    rejectionCount: num(r.rejection_count),
  };
}
