// "Copy last month's pattern": a visit on the k-th weekday of last month (the 2nd Tuesday) is proposed on
// the k-th same weekday of this month. A 5th weekday that this month does not have is left out, with
// the reason, rather than moved to a day the patient is not usually seen.
import type { VisitInput } from '../../src/contract/types.js';
import { daysIn } from './format.js';

export interface Proposal {
  from: string;
  /** The proposed date, or absent when this month has no such weekday. */
  date?: string;
  input?: VisitInput;
  /** Why there is no proposal, or why it is left out (already entered). */
  note?: string;
}

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

/** The k-th (1-based) `wd` weekday of the month, or undefined when the month has fewer. */
export function nthWeekday(month: string, wd: number, k: number): string | undefined {
  const first = weekday(`${month}-01`);
  const day = 1 + ((wd - first + 7) % 7) + (k - 1) * 7;
  return day <= daysIn(month) ? `${month}-${String(day).padStart(2, '0')}` : undefined;
}

/** Where a date of one month falls in another: same weekday, same ordinal (第n◯曜日). */
export function sameWeekdayIn(date: string, month: string): string | undefined {
  const day = Number(date.slice(8, 10));
  return nthWeekday(month, weekday(date), Math.ceil(day / 7));
}

type Dated = VisitInput & { date: string };

function isDated(v: VisitInput): v is Dated {
  return 'date' in v && typeof v.date === 'string';
}

/** The same visit on another day: what the engine would see as a duplicate of it. */
export function sameVisitKey(v: VisitInput): string {
  const base = `${v.patientId}|${v.kind}|${'date' in v ? v.date : ''}`;
  return v.kind === 'kyotaku' ? `${base}|${v.profession}` : base;
}

/**
 * Proposals for `month` from last month's visits (dated kinds only), in date order. A proposal that
 * would repeat a visit already entered this month is marked and carries no input.
 */
export function proposeFromLastMonth(
  lastMonth: readonly VisitInput[],
  thisMonth: readonly VisitInput[],
  month: string,
): Proposal[] {
  const existing = new Set(thisMonth.map(sameVisitKey));
  return lastMonth
    .filter(isDated)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((v): Proposal => {
      const date = sameWeekdayIn(v.date, month);
      if (!date) return { from: v.date, note: 'この月には同じ週の同じ曜日がありません' };
      const input = { ...v, date } as VisitInput;
      if (existing.has(sameVisitKey(input))) return { from: v.date, date, note: '入力済みです' };
      return { from: v.date, date, input };
    });
}
