// Dates as the records and the API write them (ISO "YYYY-MM-DD", months "YYYY-MM") and as a clerk reads
// them (和暦): the engine's calendar arithmetic (src/core/dates.ts, src/core/wareki.ts), for the web app
// and API clients.
export * from '../core/dates.js';
export { formatWareki, warekiYear, type WarekiYear } from '../core/wareki.js';
