// Calendar arithmetic on ISO dates ("YYYY-MM-DD") and months ("YYYY-MM"), without a clock or time zone:
// a date is turned into a day number (days since 1970-01-01) and back.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isIsoMonth(s: string): boolean {
  const m = MONTH_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12;
}

/** Day number: days since 1970-01-01 (UTC calendar). The date must be valid ISO. */
export function dayNumber(iso: string): number {
  // Read the digits in place (this runs for every record of a month) and count days from the civil date
  // (the proleptic Gregorian calendar, as Date.UTC does).
  const digit = (i: number): number => iso.charCodeAt(i) - 48;
  let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return (((dayNumber(iso) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; days before 1970 count back
}

/** The Sunday that starts the date's week: weeks run Sunday–Saturday in these rules (K24-5b, C006-3). */
export function weekStart(dayNo: number): number {
  return dayNo - ((dayNo + 4) % 7);
}

export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const y = +month.slice(0, 4);
  const m = +month.slice(5, 7) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/**
 * The same day `n` months later; when that month is shorter, its last day (2024-01-31 + 1 month =
 * 2024-02-29). C006-2c counts its month this way (examined 06-15 → visits up to 07-15), and C006-4b the
 * first day a new acute period may start.
 */
export function sameDayMonthsLater(iso: string, n: number): string {
  const month = addMonths(monthOf(iso), n);
  const d = +iso.slice(8, 10);
  const last = daysInMonth(+month.slice(0, 4), +month.slice(5, 7));
  return `${month}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The last day of a period of `months` months whose first day is `firstDay` (「…から起算して…月」,
 * 民法 第143条): the day before the same date `months` later, or, when that month has no such date, the
 * last day of that month. Discharged 2024-05-10 → 3 months end on 2024-08-09; 2024-10-31 → 2025-01-30;
 * 2024-11-30 → 2025-02-28 (2023-11-30 → 2024-02-29). Every rule that counts a period of months from a
 * day (C006-3b, H21-8) ends it here (D13).
 */
export function monthsPeriodEnd(firstDay: string, months: number): string {
  const month = addMonths(monthOf(firstDay), months);
  const d = +firstDay.slice(8, 10);
  const last = daysInMonth(+month.slice(0, 4), +month.slice(5, 7));
  if (d > last) return `${month}-${String(last).padStart(2, '0')}`; // 第143条第2項ただし書
  return addDays(`${month}-${String(d).padStart(2, '0')}`, -1);
}

/** Whether `date` falls within the period of `months` months whose first day is `firstDay` (D13). */
export function withinMonthsFrom(firstDay: string, months: number, date: string): boolean {
  return firstDay <= date && date <= monthsPeriodEnd(firstDay, months);
}

export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function lastDayOfMonth(month: string): string {
  return `${month}-${String(daysInMonth(+month.slice(0, 4), +month.slice(5, 7))).padStart(2, '0')}`;
}
