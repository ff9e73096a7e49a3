// Dates as the records and the API write them (ISO "YYYY-MM-DD", months "YYYY-MM") and as a clerk reads
// them (和暦): the engine's calendar arithmetic (src/core/dates.ts, src/core/wareki.ts), for the web app
// and API clients.
export * from '../core/dates.js';
export { formatWareki, warekiYear, type WarekiYear } from '../core/wareki.js';

/** Japan's offset from UTC (JST, no summer time). */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The instant (ISO, UTC) a day ("YYYY-MM-DD") begins in Japan: 2024-07-05 → 2024-07-04T15:00:00.000Z. */
export function japanDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS).toISOString();
}

/** The day ("YYYY-MM-DD") an instant falls on in Japan. */
export function japanDateOf(instant: string): string {
  return new Date(Date.parse(instant) + JST_OFFSET_MS).toISOString().slice(0, 10);
}
