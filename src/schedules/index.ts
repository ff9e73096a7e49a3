// Every schedule santei knows, and the choice of one by service month.
import type { Schedule } from '../core/schedule.js';
import { scheduleCoversMonth, scheduleSpans } from '../core/schedule.js';
import { schedule2009 } from './2009-04/index.js';
import { schedule2024 } from './2024-06/index.js';

export const schedules: readonly Schedule[] = [schedule2009, schedule2024];

export type ScheduleChoice = { ok: true; schedule: Schedule } | { ok: false; message: string };

/** The schedule for a service month; a month no schedule covers is an error naming the covered months. */
export function scheduleForMonth(month: string, registry: readonly Schedule[] = schedules): ScheduleChoice {
  const found = registry.filter((s) => scheduleCoversMonth(s, month));
  if (found.length === 1) return { ok: true, schedule: found[0]! };
  if (found.length > 1) {
    return {
      ok: false,
      message: `${month} は複数の算定表（${found.map((s) => s.id).join('、')}）に該当します`,
    };
  }
  return {
    ok: false,
    message: `${month} の算定表がありません（収録しているサービス提供月: ${describeCoverage(registry)}）`,
  };
}

export function findSchedule(id: string, registry: readonly Schedule[] = schedules): Schedule | undefined {
  return registry.find((s) => s.id === id);
}

export function describeCoverage(registry: readonly Schedule[] = schedules): string {
  return registry
    .map((s) => {
      const spans = scheduleSpans(s);
      const from = spans.map((x) => x.from).sort()[0];
      const to = spans
        .map((x) => x.to)
        .sort()
        .at(-1);
      return `${from}〜${to}（${s.id}）`;
    })
    .join('、');
}
