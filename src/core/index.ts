export * from './input.js';
export * from './result.js';
export * from './money.js';
export * from './schedule.js';
export {
  calculateMonth,
  calculateMonthExplained,
  type CalculateOptions,
  type ExplainedResult,
} from './calculate.js';
export {
  validateInput,
  validateForSchedule,
  formatProblem,
  type InputProblem,
  type Validated,
} from './validate.js';
