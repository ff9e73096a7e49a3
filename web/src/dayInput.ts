// The visit date as a clerk types it from a paper log: "5" (the 5th of the month being entered), "7/5",
// "7月5日", "2024-07-05", "2024/7/5" or "20240705"; full-width digits too.
import { isIsoDate } from '../../src/core/dates.js';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isIsoDate(s) ? s : null;
}

/** The ISO date meant by `text` in the service month `month` ("YYYY-MM"), or null when it is not a date. */
export function parseVisitDate(text: string, month: string): string | null {
  const t = text.normalize('NFKC').trim().replace(/\s+/g, '');
  if (t === '') return null;
  const year = Number(month.slice(0, 4));
  const mon = Number(month.slice(5, 7));
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})日?$/.exec(t))) return iso(year, mon, Number(m[1]));
  if ((m = /^(\d{1,2})(?:[/\-.]|月)(\d{1,2})日?$/.exec(t))) return iso(year, Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})(?:[/\-.]|年)(\d{1,2})(?:[/\-.]|月)(\d{1,2})日?$/.exec(t))) {
    return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** How a date is shown back in the field: "7/5" in the service month, the ISO date otherwise. */
export function visitDateText(date: string, month: string): string {
  return date.slice(0, 7) === month ? `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}` : date;
}
