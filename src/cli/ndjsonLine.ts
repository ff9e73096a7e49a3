// One line of `santei calc --ndjson`: an office-month's input in, its result JSON or its problems out.
// The same function prices a line in a worker thread and in the main thread (--workers 0).
import { calculate } from '../santei.js';
import { formatProblem } from '../core/validate.js';
import { describeJsonError } from './io.js';

export type LineOutcome =
  { kind: 'blank' } | { kind: 'result'; json: string } | { kind: 'problems'; problems: string[] };

/** Prices one input line: a blank line is skipped, bad input gives one message per problem (contract). */
export function priceLine(line: string, scheduleId: string | undefined): LineOutcome {
  if (line.trim() === '') return { kind: 'blank' };
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { kind: 'problems', problems: [`JSON として読めません（${describeJsonError(line, e, true)}）`] };
  }
  const out = calculate(raw, { scheduleId });
  if (!out.ok) return { kind: 'problems', problems: out.problems.map(formatProblem) };
  return { kind: 'result', json: JSON.stringify(out.result) };
}
