// Every service month from 2009-04 to 2027-03 and every service: exactly one schedule prices it, or the
// clerk gets a clear answer — the month has no schedule (input error naming the covered months), or the
// month's schedule does not hold the service (NOT_IN_SCHEDULE naming it). No overlap, no silent gap.
import { describe, expect, it } from 'vitest';
import { calculate } from '../../src/santei.js';
import { monthRange } from '../../src/core/dates.js';
import { recordKinds, type RecordKind } from '../../src/core/input.js';
import { covers, serviceNames, type ServiceCoverage } from '../../src/core/schedule.js';
import { scheduleForMonth, schedules } from '../../src/schedules/index.js';

type Json = Record<string, unknown>;

const months = monthRange('2009-04', '2027-03');

/** One record of the service on the 10th of the month, for a certified 1割 patient. */
function recordFor(kind: RecordKind, month: string): Json {
  const base = { id: 'R1', patientId: 'A' };
  const date = `${month}-10`;
  switch (kind) {
    case 'kyotaku':
      return { ...base, kind, date, profession: 'doctor', reported: true };
    case 'c006':
      return { ...base, kind, date, units: 1 };
    case 'care_management':
      return { ...base, kind };
    case 'home_help':
      return { ...base, kind, date, category: 'body_under30' };
    case 'home_nursing':
      return { ...base, kind, date };
    case 'home_rehab':
      return { ...base, kind, date, minutes: 20 };
  }
}

function covering(kind: RecordKind, month: string): string[] {
  return schedules
    .filter((s) => {
      const c = s.services[kind] as ServiceCoverage<unknown> | undefined;
      return c !== undefined && covers(c.months, month);
    })
    .map((s) => s.id);
}

describe('schedule coverage 2009-04 … 2027-03', () => {
  it('no two schedules cover the same service in the same month', () => {
    for (const m of months) {
      for (const k of recordKinds) expect(covering(k, m).length, `${m} ${k}`).toBeLessThanOrEqual(1);
    }
  });

  it('a covered service-month is priced by the schedule that covers it', () => {
    let checked = 0;
    for (const m of months) {
      for (const k of recordKinds) {
        const ids = covering(k, m);
        if (ids.length !== 1) continue;
        const choice = scheduleForMonth(m);
        expect(choice.ok && choice.schedule.id, `${m} ${k}`).toBe(ids[0]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('an uncovered service-month is an input error naming the month, or NOT_IN_SCHEDULE naming the service', () => {
    const seen = { inputError: 0, notInSchedule: 0 };
    for (const m of months) {
      for (const k of recordKinds) {
        if (covering(k, m).length > 0) continue;
        const out = calculate({
          month: m,
          office: { id: '1310000040', kind: 'clinic' },
          patients: [{ id: 'A', care: { level: 'care2', copay: 1 }, medical: { copay: 1 } }],
          records: [recordFor(k, m)],
        });
        if (!out.ok) {
          expect(out.problems, `${m} ${k}`).toHaveLength(1);
          expect(out.problems[0]!.path).toBe('month');
          expect(out.problems[0]!.message).toContain(`${m} の算定表がありません`);
          seen.inputError += 1;
        } else {
          const r = out.result.rejections.find((x) => x.recordId === 'R1');
          expect(r?.code, `${m} ${k}`).toBe('NOT_IN_SCHEDULE');
          expect(r!.message).toContain(serviceNames[k]);
          expect(out.result.claims).toEqual([]);
          seen.notInSchedule += 1;
        }
      }
    }
    // 2012-04 … 2024-05 have no schedule at all; 2024-06 … 2027-03 lack the 2009 services.
    expect(seen.inputError).toBeGreaterThan(0);
    expect(seen.notInSchedule).toBeGreaterThan(0);
  });

  it('each schedule’s service spans run forwards and cite a source', () => {
    for (const s of schedules) {
      for (const c of Object.values(s.services) as ServiceCoverage<unknown>[]) {
        expect(c.months.from <= c.months.to, `${s.id} ${c.months.from}`).toBe(true);
        expect(c.source.length).toBeGreaterThan(0);
      }
    }
  });
});
