// The 公費 table as the API lists it (GET /api/v1/kohi-laws): each 法別 santei knows, for which service
// months, what it covers, its 給付率, its place in the order of application and how the patient's part is
// limited, every value with its source and [C] / [U] mark (src/schedules/kohi/, docs/kohi.md §4).
import type { KohiLawRow } from '../core/kohi.js';
import { kohiTable } from '../santei.js';

/** The rows of the 公費 table, in 法別 order. */
export function kohiLaws(): KohiLawRow[] {
  return [...kohiTable.rows].sort((a, b) => (a.law < b.law ? -1 : a.law > b.law ? 1 : 0));
}
