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
