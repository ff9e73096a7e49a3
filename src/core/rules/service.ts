// What every service's rule module receives and returns. The orchestrator (../calculate.ts) gives each
// module all records of its kind (history included, so that limits and intervals see them) and turns
// what the module returns into priced claims.
import type { CopayRate, Office, Patient, ServiceRecord } from '../input.js';
import type { Insurance, Line, Rejection, TraceEntry } from '../result.js';
import type { UnitPriceHundredths } from '../money.js';
import type { Schedule } from '../schedule.js';
import type { Citation } from '../ruleRegistry.js';

/** A line as the engine builds it: its rule made from typed rule ids (cite). */
export type EngineLine = Line & { rule: Citation };

/** A refusal as the engine builds it: its rule made from typed rule ids (cite). */
export type EngineRejection = Rejection & { rule: Citation };

export interface ServiceContext<R extends ServiceRecord, D> {
  /** The service month being billed, "YYYY-MM". */
  month: string;
  office: Office;
  patients: ReadonlyMap<string, Patient>;
  /** Every record of this kind in the input, in input order: the month's and history. */
  records: readonly R[];
  /** The schedule's table for this service. */
  data: D;
  schedule: Schedule;
  /** When present, the module appends a readable Japanese step per decision (`--explain`). */
  trace?: TraceEntry[];
}

/** A claim before money: the orchestrator adds units, yen, insurer and copay (money.md). */
export interface ClaimDraft {
  patientId: string;
  insurance: Insurance;
  serviceType: string;
  lines: EngineLine[];
  unitPrice: UnitPriceHundredths;
  /** The patient's copay rate; null where the service has no copay (M-6). */
  copayRate: CopayRate | null;
  transportYen?: number;
}

export interface ServiceOutcome {
  claims: ClaimDraft[];
  /**
   * Rejections of the month's records only: the orchestrator reports records of other months as
   * HISTORY itself.
   */
  rejections: EngineRejection[];
}

export type ServiceRules<R extends ServiceRecord, D> = (ctx: ServiceContext<R, D>) => ServiceOutcome;

/** The month a record belongs to: its date's month, or a monthly record's own month. */
export function recordMonth(record: ServiceRecord, inputMonth: string): string {
  // The billed month's own string for its records (no new string for each of a large month's records).
  if ('date' in record) return record.date.startsWith(inputMonth) ? inputMonth : record.date.slice(0, 7);
  return record.month ?? inputMonth;
}

/**
 * Adds `times` times of an item (a visit, or C006 units) to a draft's lines, merging with the line of the
 * same item, units, rule and service code: lines of one item under different codes (a visit with and one
 * without 麻薬管理指導加算, rules/kyotakuCodes.ts) stay apart.
 */
export function addToLine(
  lines: EngineLine[],
  proto: Omit<EngineLine, 'count' | 'units' | 'recordIds'>,
  recordId: string,
  times = 1,
): void {
  const existing = lines.find(
    (l) =>
      l.item === proto.item &&
      l.unitsEach === proto.unitsEach &&
      l.rule === proto.rule &&
      l.code === proto.code,
  );
  if (existing) {
    existing.count += times;
    existing.units += proto.unitsEach * times;
    existing.recordIds.push(recordId);
  } else {
    // Written out field by field (not spread): this runs once per line of a large office's month.
    const line: EngineLine = {
      item: proto.item,
      name: proto.name,
      unitsEach: proto.unitsEach,
      count: times,
      units: proto.unitsEach * times,
      recordIds: [recordId],
      rule: proto.rule,
    };
    if (proto.code !== undefined) line.code = proto.code;
    lines.push(line);
  }
}
