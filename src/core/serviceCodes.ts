// Service codes (サービスコード) are schedule data like the units: each code with its name as in the code
// table, its units, what the engine bills under it, its source and whether it is confirmed ([C] / [U] of
// ../shared/spec/claim-file.md "Service codes"). A billed line carries its code (contract `Line.code`);
// the claim file (./claimFile/) writes one 明細 record per code. A schedule without codes (2009-04) prices
// as before, and its lines have no code.
import type { Schedule } from './schedule.js';

/** [C] confirmed in a source the spec names; [U] the likeliest reading, to confirm before a real claim. */
export type CodeStatus = 'confirmed' | 'unconfirmed';

export interface ServiceCode<K = unknown> {
  /** Six characters: the service type (2, e.g. "31") and the item (4, e.g. "1224"). */
  code: string;
  /** The code's name as in the code table (サービス内容略称). */
  name: string;
  /** Units per time, for a code billed per visit (an addition folded into it included). */
  units?: number;
  /** The percentage of a percentage addition, billed once a month on the month's units. */
  percent?: number;
  /** What the engine bills under this code (the service's own key). */
  bills: K;
  status: CodeStatus;
  source: string;
  /** For an unconfirmed code: what is not confirmed. */
  note?: string;
}

/** The service type of a code: "311224" → "31". */
export function codeServiceType(code: string): string {
  return code.slice(0, 2);
}

/** The item of a code (サービス項目コード, 02 record item 8): "311224" → "1224". */
export function codeItem(code: string): string {
  return code.slice(2);
}

/** A percentage addition's code is billed once a month; every other code per visit. */
export function billedMonthly(code: ServiceCode): boolean {
  return code.percent !== undefined;
}

/** Every service code a schedule holds, in code order (empty for a schedule without codes). */
export function scheduleServiceCodes(schedule: Schedule): readonly ServiceCode[] {
  const codes: ServiceCode[] = [...(schedule.services.kyotaku?.data.codes?.value ?? [])];
  return codes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The schedule's codes by code, for the claim file. */
export function serviceCodeIndex(schedule: Schedule): ReadonlyMap<string, ServiceCode> {
  return new Map(scheduleServiceCodes(schedule).map((c) => [c.code, c]));
}
