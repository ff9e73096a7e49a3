// Dates as a clerk types them, in every date field of the web app: the paper log's shorthand ("5" — the 5th
// of the month being worked on — "7/5", "7月5日"), the calendar ("2024-07-05", "2024/7/5", "2024年7月5日",
// "20240705") and 和暦 ("令和6年7月5日", "R6.7.5", "平成21年7月5日", "H21/7/5", "令和元年5月1日"); full-width
// digits too. One parser, and one way of showing a date back (和暦 with the weekday). The years a record may
// hold are those of isIsoDate (1900–2200): a year outside them (40830) is refused with the field's name.
import { isIsoDate, weekday } from '../core/dates.js';
import { eraLetters, formatWareki, fromWareki } from '../core/wareki.js';

export type DateText =
  | { kind: 'empty' }
  | { kind: 'date'; date: string }
  | {
      kind: 'invalid';
      /** What is wrong and what to enter, without the field's name (dateTextProblem adds it). */
      reason: string;
    };

const pad = (n: number) => String(n).padStart(2, '0');
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

/** The examples a field shows: the shorthand only where a month is being worked on. */
export function dateExamples(withMonth: boolean): string {
  return withMonth ? '5、7/5、2024-07-05、令和6年7月5日、R6.7.5' : '2024-07-05、令和6年7月5日、R6.7.5';
}

function calendar(y: number, m: number, d: number): DateText {
  if (y < FIRST_YEAR || y > LAST_YEAR) {
    return {
      kind: 'invalid',
      reason: `${y}年は入力できません（${FIRST_YEAR}〜${LAST_YEAR}年の日付を入れてください）`,
    };
  }
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isIsoDate(iso)
    ? { kind: 'date', date: iso }
    : { kind: 'invalid', reason: `${y}年${m}月${d}日という日はありません` };
}

const SEP = '[/\\-.]';

/**
 * The ISO date meant by `text`; `month` ("YYYY-MM", the service month being worked on) gives the year and
 * month of the shorthand ("5", "7/5"). Without it the shorthand is refused with what to enter instead.
 */
export function readDateText(text: string, month?: string): DateText {
  const t = text.normalize('NFKC').trim().replace(/\s+/g, '');
  if (t === '') return { kind: 'empty' };
  const examples = dateExamples(month !== undefined);
  let m: RegExpExecArray | null;
  // 和暦: 令和6年7月5日, 令和元年5月1日, R6.7.5, H21/7/5, R060705
  if (
    (m = /^(令和|平成|昭和|大正|[RHSTrhst])(元|\d{1,2})(?:年|[/\-.])(\d{1,2})(?:月|[/\-.])(\d{1,2})日?$/.exec(
      t,
    )) ||
    (m = /^([RHSTrhst])(\d{2})(\d{2})(\d{2})$/.exec(t))
  ) {
    const era = eraLetters[m[1]!.toUpperCase()] ?? m[1]!;
    const r = fromWareki(era, m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4]));
    return r.ok ? { kind: 'date', date: r.date } : { kind: 'invalid', reason: r.message };
  }
  if (
    (m = new RegExp(`^(\\d{3,})(?:${SEP}|年)(\\d{1,2})(?:${SEP}|月)(\\d{1,2})日?$`).exec(t)) ||
    (m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))
  ) {
    return calendar(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const day = /^(\d{1,2})日?$/.exec(t);
  const monthDay = new RegExp(`^(\\d{1,2})(?:${SEP}|月)(\\d{1,2})日?$`).exec(t);
  const shorthand = day
    ? { mo: undefined, d: Number(day[1]) }
    : monthDay
      ? { mo: Number(monthDay[1]), d: Number(monthDay[2]) }
      : undefined;
  if (shorthand) {
    if (month === undefined) {
      return { kind: 'invalid', reason: `「${text.trim()}」には年がありません（例: ${examples}）` };
    }
    return calendar(Number(month.slice(0, 4)), shorthand.mo ?? Number(month.slice(5, 7)), shorthand.d);
  }
  return { kind: 'invalid', reason: `「${text.trim()}」は日付として読めません（例: ${examples}）` };
}

/** The ISO date meant by `text`, or null when it is empty or not a date. */
export function parseDateText(text: string, month?: string): string | null {
  const r = readDateText(text, month);
  return r.kind === 'date' ? r.date : null;
}

/** What is wrong with a date field's text, naming the field ("訪問日: …"), or null when it is a date or empty. */
export function dateTextProblem(field: string, text: string, month?: string): string | null {
  const r = readDateText(text, month);
  return r.kind === 'invalid' ? `${field}: ${r.reason}` : null;
}

const weekdays = ['日', '月', '火', '水', '木', '金', '土'];

/** "2024-07-05" → "令和6年7月5日（金）": how a date field shows back the date it understood. */
export function formatDateJa(iso: string): string {
  return `${formatWareki(iso)}（${weekdays[weekday(iso)]}）`;
}

/** How a date is written back into a field: "7/5" in the month being worked on, the ISO date otherwise. */
export function dateFieldText(date: string, month?: string): string {
  return month !== undefined && date.slice(0, 7) === month
    ? `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`
    : date;
}
