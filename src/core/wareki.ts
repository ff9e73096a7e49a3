// 和暦 (Japanese era calendar) for what a clerk prints: the month of a statement (令和6年7月) or a date
// (令和6年7月1日). Pure: calendar arithmetic on ISO strings, no clock, no locale data.
import { isIsoDate, isIsoMonth } from './dates.js';

interface Era {
  name: string;
  /** First day of the era, ISO. */
  from: string;
}

// Newest first. An era starts on its first day; the day before belongs to the previous era
// (平成31年4月30日 → 令和元年5月1日).
const eras: readonly Era[] = [
  { name: '令和', from: '2019-05-01' },
  { name: '平成', from: '1989-01-08' },
  { name: '昭和', from: '1926-12-25' },
  { name: '大正', from: '1912-07-30' },
];

export interface WarekiYear {
  era: string;
  /** 1 for the first (元年) year of the era. */
  year: number;
}

/** The era and era year of an ISO date. Dates before 大正 are outside what this project prints. */
export function warekiYear(isoDate: string): WarekiYear {
  if (!isIsoDate(isoDate)) throw new RangeError(`not an ISO date: ${isoDate}`);
  // ISO dates compare as strings.
  const era = eras.find((e) => isoDate >= e.from);
  if (!era) throw new RangeError(`before 大正: ${isoDate}`);
  return { era: era.name, year: Number(isoDate.slice(0, 4)) - Number(era.from.slice(0, 4)) + 1 };
}

function yearText(w: WarekiYear): string {
  return `${w.era}${w.year === 1 ? '元' : String(w.year)}年`;
}

/**
 * "2024-07" → "令和6年7月", "2024-07-01" → "令和6年7月1日", "2019-05" → "令和元年5月", "2019-04" → "平成31年4月".
 * A month takes the era of its first day (a service month is billed under the era it starts in).
 */
export function formatWareki(iso: string): string {
  if (isIsoMonth(iso)) {
    return `${yearText(warekiYear(`${iso}-01`))}${Number(iso.slice(5, 7))}月`;
  }
  if (isIsoDate(iso)) {
    return `${yearText(warekiYear(iso))}${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  }
  throw new RangeError(`not an ISO month or date: ${iso}`);
}

/** The eras a clerk may type, by name and by their one-letter abbreviation (R6.7.5, H21.7.5, S15.3.15). */
export const eraLetters: Readonly<Record<string, string>> = { R: '令和', H: '平成', S: '昭和', T: '大正' };

export type FromWareki = { ok: true; date: string } | { ok: false; message: string };

/**
 * 和暦 → ISO: 令和6年7月5日 → 2024-07-05. The day must be a real day within the era (平成31年4月30日 is the
 * last of 平成, 令和元年5月1日 the first of 令和); otherwise the message says which days the era has.
 */
export function fromWareki(eraName: string, year: number, month: number, day: number): FromWareki {
  const i = eras.findIndex((e) => e.name === eraName);
  const era = eras[i];
  if (!era || year < 1) return { ok: false, message: `${eraName}${year}年は和暦の年として読めません` };
  const y = Number(era.from.slice(0, 4)) + year - 1;
  const iso = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isIsoDate(iso))
    return { ok: false, message: `${eraName}${year}年${month}月${day}日という日はありません` };
  const next = eras[i - 1];
  if (iso < era.from || (next && iso >= next.from)) {
    const last = next ? formatWareki(previousDay(next.from)) : '';
    return {
      ok: false,
      message: `${eraName}は${formatWareki(era.from)}${last ? `から${last}まで` : 'から'}です${iso >= eras.at(-1)!.from ? `（${iso} は${formatWareki(iso)}）` : ''}`,
    };
  }
  return { ok: true, date: iso };
}

function previousDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
