// What the web app and API clients may import: the records' types and the zod schemas that check them,
// the API's answers, the labels and dates, and the rules a form applies before it sends (references,
// periods in force, K24-2a's reports-required month). The engine (src/core) may be imported as well.
export * from './types.js';
export * from './schemas.js';
export * from './api.js';
export * from './labels.js';
export * from './dates.js';
export * from './periods.js';
export * from './references.js';
export * from './reportsRequired.js';
export * from './officeNumber.js';
export * from './dateText.js';
export * from './fields.js';
export * from './order.js';
export * from './actions.js';
