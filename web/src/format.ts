// How the web app writes things for a clerk: yen, units, short dates; the dates' arithmetic and the
// Japanese names of the codes are the contract's (src/contract/dates.ts, src/contract/labels.ts).
import { daysInMonth, weekday } from '../../src/contract/dates.js';
import type { Me } from '../../src/contract/api.js';

export { addDays, addMonths, formatWareki, lastDayOfMonth } from '../../src/contract/dates.js';
export {
  careLevelJa,
  conditionJa,
  kyotakuAdditionJa,
  professionJa,
  recordKindJa,
  residenceJa,
  serviceTypeJa,
  stayJa,
} from '../../src/contract/labels.js';

const num = new Intl.NumberFormat('ja-JP');

export const yen = (n: number): string => `${num.format(n)}円`;
export const units = (n: number): string => `${num.format(n)}単位`;
export const count = (n: number): string => num.format(n);
export const signedYen = (n: number): string => (n > 0 ? `+${yen(n)}` : n < 0 ? `−${yen(-n)}` : '±0円');

const weekdays = ['日', '月', '火', '水', '木', '金', '土'];

/** "7/15（月）" */
export function shortDate(iso: string): string {
  return `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}（${weekdays[weekday(iso)]}）`;
}

export function weekdayJa(iso: string): string {
  return weekdays[weekday(iso)] ?? '';
}

/** The number of days of a month ("YYYY-MM"). */
export function daysIn(month: string): number {
  return daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

export function dateIn(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The month of today in the browser's time zone ("YYYY-MM"). */
export function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Who did it, as the audit log and the versions name them (a user id or "system"), for the clerk. */
export function actorName(me: Me, id: string): string {
  if (id === me.user.id) return me.user.displayName ?? me.user.username;
  return id === 'system' ? 'システム' : `利用者ID ${id.slice(0, 8)}`;
}
