// K24-2a: from which service month an office bills its 居宅療養管理指導 visits on the report records
// (情報提供書) rather than on each visit's own `reported` flag. One home for the month input, the visit
// check, the office's default and the web app.
import { monthOf } from '../core/dates.js';
import { japanDateOf } from './dates.js';
import type { Office } from './types.js';

/**
 * K24-2a: the month ("YYYY-MM") an office was created, as the office sees it in Japan: from this month on
 * its 居宅療養管理指導 visits are billed on the report records unless it was given another month.
 */
export function creationMonth(instant: string): string {
  return japanDateOf(instant).slice(0, 7);
}

/** K24-2a: whether the office bills the month ("YYYY-MM") on its report records. */
export function billsOnReports(office: Pick<Office, 'reportsRequiredFrom'>, month: string): boolean {
  return month >= office.reportsRequiredFrom;
}

/** K24-2a: whether a visit is billed on the report records: a 居宅療養管理指導 visit of such a month. */
export function visitBilledOnReports(
  office: Pick<Office, 'reportsRequiredFrom'>,
  visit: { kind: string; date?: string },
): boolean {
  return visit.kind === 'kyotaku' && visit.date !== undefined && billsOnReports(office, monthOf(visit.date));
}
