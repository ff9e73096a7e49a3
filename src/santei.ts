// The library's front door: raw JSON in → validated input → the month's schedule → the result.
// The CLI, the HTTP API and the application's close all go through `prepare` / `calculate`, so that they
// answer alike.
import { calculateMonthExplained } from './core/calculate.js';
import type { ClaimMonthInput } from './core/input.js';
import type { ClaimMonthResult, TraceEntry } from './core/result.js';
import type { Schedule } from './core/schedule.js';
import { validateForSchedule, validateInput, type InputProblem } from './core/validate.js';
import { findSchedule, scheduleForMonth, schedules } from './schedules/index.js';

export type CalculateOutcome =
  | { ok: true; input: ClaimMonthInput; schedule: Schedule; result: ClaimMonthResult; trace: TraceEntry[] }
  | { ok: false; problems: InputProblem[] };

export interface CalculateRequest {
  explain?: boolean;
  /** Price under this schedule instead of the month's own (santei compare). */
  scheduleId?: string;
  registry?: readonly Schedule[];
}

/** Prepares an input: the schema and whole-input checks, the schedule, the schedule's own checks. */
export function prepare(
  raw: unknown,
  req: CalculateRequest = {},
): { ok: true; input: ClaimMonthInput; schedule: Schedule } | { ok: false; problems: InputProblem[] } {
  const v = validateInput(raw);
  if (!v.ok) return v;
  const registry = req.registry ?? schedules;
  let schedule: Schedule;
  if (req.scheduleId !== undefined) {
    const s = findSchedule(req.scheduleId, registry);
    if (!s) {
      return {
        ok: false,
        problems: [
          {
            path: '',
            message: `算定表 "${req.scheduleId}" はありません（${registry.map((x) => x.id).join('、')}）`,
          },
        ],
      };
    }
    schedule = s;
  } else {
    const choice = scheduleForMonth(v.input.month, registry);
    if (!choice.ok) return { ok: false, problems: [{ path: 'month', message: choice.message }] };
    schedule = choice.schedule;
  }
  const problems = validateForSchedule(v.input, schedule);
  if (problems.length) return { ok: false, problems };
  return { ok: true, input: v.input, schedule };
}

export function calculate(raw: unknown, req: CalculateRequest = {}): CalculateOutcome {
  const p = prepare(raw, req);
  if (!p.ok) return p;
  const { result, trace } = calculateMonthExplained(p.input, p.schedule, { explain: req.explain ?? false });
  return { ok: true, input: p.input, schedule: p.schedule, result, trace };
}

/** The schedule in force for a month (the registry's choice), or undefined when none covers it. */
export function scheduleFor(month: string, registry: readonly Schedule[] = schedules): Schedule | undefined {
  const c = scheduleForMonth(month, registry);
  return c.ok ? c.schedule : undefined;
}

export { schedules, scheduleForMonth, findSchedule } from './schedules/index.js';
export { kohiTable } from './schedules/kohi/index.js';
export * from './core/index.js';
