// C006 在宅患者訪問リハビリテーション指導管理料 (spec/c006-2024.md, money.md M-10 … M-13).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculate } from '../../../src/santei.js';
import { calculateMonth } from '../../../src/core/calculate.js';
import { claimMonthInputSchema } from '../../../src/core/input.js';
import { addDays } from '../../../src/core/dates.js';
import { medicalSplit } from '../../../src/core/money.js';
import type { Claim, ClaimMonthResult, Rejection } from '../../../src/core/result.js';
import type { Schedule } from '../../../src/core/schedule.js';
import { schedule2024 } from '../../../src/schedules/2024-06/index.js';
import { runCli } from '../../support/cli.js';

type Json = Record<string, unknown>;

function patient(id: string, extra: Json = {}): Json {
  return { id, medical: { copay: 1 }, lastExamDate: '2024-07-01', ...extra };
}

function visit(id: string, patientId: string, date: string, units: number, extra: Json = {}): Json {
  return { kind: 'c006', id, patientId, date, units, ...extra };
}

function input(month: string, patients: Json[], records: Json[], officeKind = 'clinic'): Json {
  return { month, office: { id: '1310000001', kind: officeKind }, patients, records };
}

function run(month: string, patients: Json[], records: Json[], officeKind = 'clinic'): ClaimMonthResult {
  const out = calculate(input(month, patients, records, officeKind));
  if (!out.ok) throw new Error(out.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return out.result;
}

function claimOf(r: ClaimMonthResult, patientId: string): Claim | undefined {
  return r.claims.find((c) => c.patientId === patientId && c.serviceType === 'C006');
}

/** Billed units (count) per line item for a patient, e.g. { 'c006.1': 3 }. */
function unitsByItem(r: ClaimMonthResult, patientId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of claimOf(r, patientId)?.lines ?? []) out[l.item] = (out[l.item] ?? 0) + l.count;
  return out;
}

function rejection(r: ClaimMonthResult, recordId: string): Rejection | undefined {
  return r.rejections.find((x) => x.recordId === recordId && x.code !== 'HISTORY');
}

describe('C006-1 points per unit and the office', () => {
  it('C006-1b: two patients of one building visited the same day → 255 points each', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
      ],
      [visit('V1', 'P1', '2024-07-10', 2), visit('V2', 'P2', '2024-07-10', 1)],
    );
    expect(unitsByItem(r, 'P1')).toEqual({ 'c006.2': 2 });
    expect(unitsByItem(r, 'P2')).toEqual({ 'c006.2': 1 });
    const line = claimOf(r, 'P1')!.lines[0]!;
    expect(line).toMatchObject({
      item: 'c006.2',
      name: '在宅患者訪問リハビリテーション指導管理料２（同一建物居住者）',
      unitsEach: 255,
      count: 2,
      units: 510,
      recordIds: ['V1'],
      rule: 'C006-1b',
    });
  });

  it('C006-1a: the same building on different days → 300 points each', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
      ],
      [visit('V1', 'P1', '2024-07-10', 2), visit('V2', 'P2', '2024-07-11', 1)],
    );
    expect(unitsByItem(r, 'P1')).toEqual({ 'c006.1': 2 });
    expect(unitsByItem(r, 'P2')).toEqual({ 'c006.1': 1 });
    expect(claimOf(r, 'P1')!.lines[0]).toMatchObject({
      name: '在宅患者訪問リハビリテーション指導管理料１（同一建物居住者以外）',
      unitsEach: 300,
      rule: 'C006-1a',
    });
  });

  it('C006-1a: the same day in different buildings, or without a building id → 300 points', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B2' } }),
        patient('P3'),
        patient('P4'),
      ],
      [
        visit('V1', 'P1', '2024-07-10', 1),
        visit('V2', 'P2', '2024-07-10', 1),
        visit('V3', 'P3', '2024-07-10', 1),
        visit('V4', 'P4', '2024-07-10', 1),
      ],
    );
    for (const p of ['P1', 'P2', 'P3', 'P4']) expect(unitsByItem(r, p)).toEqual({ 'c006.1': 1 });
  });

  it('C006-1a: a neighbour whose visit that day is refused in full does not make a 同一建物居住者', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1' }, homebound: false }),
      ],
      [visit('V1', 'P1', '2024-07-10', 2), visit('V2', 'P2', '2024-07-10', 2)],
    );
    expect(rejection(r, 'V2')?.code).toBe('NOT_HOMEBOUND');
    expect(unitsByItem(r, 'P1')).toEqual({ 'c006.1': 2 });
  });

  it('C006-1b: a neighbour billed for part of its visit (weekly limit) still counts that day', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
      ],
      [
        visit('W', 'P2', '2024-07-08', 5),
        visit('V1', 'P1', '2024-07-10', 2),
        visit('V2', 'P2', '2024-07-10', 2),
      ],
    );
    expect(rejection(r, 'V2')).toMatchObject({ code: 'WEEKLY_LIMIT', units: 1 });
    expect(unitsByItem(r, 'P1')).toEqual({ 'c006.2': 2 });
    expect(unitsByItem(r, 'P2')).toEqual({ 'c006.1': 5, 'c006.2': 1 });
  });

  it('C006-1: a pharmacy or visiting-nursing office cannot bill C006; a hospital can', () => {
    for (const kind of ['pharmacy', 'visiting_nursing', 'dental_clinic']) {
      const r = run('2024-07', [patient('P1')], [visit('V1', 'P1', '2024-07-10', 2)], kind);
      expect(r.claims).toEqual([]);
      expect(rejection(r, 'V1')).toMatchObject({ code: 'REQUIREMENT_NOT_MET', rule: 'C006-1' });
      expect(rejection(r, 'V1')!.message).toMatch(/病院・診療所/);
    }
    const ok = run('2024-07', [patient('P1')], [visit('V1', 'P1', '2024-07-10', 2)], 'hospital');
    expect(claimOf(ok, 'P1')?.units).toBe(600);
    expect(ok.rejections).toEqual([]);
  });

  it('C006-1 / M-10: a medical claim, 10 yen a point, serviceType C006, the medical copay rate', () => {
    const r = run(
      '2024-07',
      [patient('P1', { medical: { copay: 3 } })],
      [visit('V1', 'P1', '2024-07-10', 2)],
    );
    expect(claimOf(r, 'P1')).toMatchObject({
      insurance: 'medical',
      serviceType: 'C006',
      unitPrice: 10,
      units: 600,
      yen: 6000,
      copay: 1800,
      insurer: 4200,
    });
  });
});

describe('C006-2 who may receive it', () => {
  it('C006-2a: NOT_HOMEBOUND when homebound is false; billed when true or absent', () => {
    const r = run(
      '2024-07',
      [patient('P1', { homebound: false }), patient('P2', { homebound: true }), patient('P3')],
      [
        visit('V1', 'P1', '2024-07-10', 1),
        visit('V2', 'P2', '2024-07-10', 1),
        visit('V3', 'P3', '2024-07-10', 1),
      ],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'NOT_HOMEBOUND', rule: 'C006-2a' });
    expect(claimOf(r, 'P2')?.units).toBe(300);
    expect(claimOf(r, 'P3')?.units).toBe(300);
  });

  it('C006-2a: DURING_STAY on the last day of a hospital stay; billed the day after', () => {
    const stays = [{ kind: 'hospital', from: '2024-07-05', to: '2024-07-10' }];
    const r = run(
      '2024-07',
      [patient('P1', { stays })],
      [visit('V1', 'P1', '2024-07-10', 1), visit('V2', 'P1', '2024-07-11', 1)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'DURING_STAY', rule: 'C006-2a' });
    expect(rejection(r, 'V1')!.message).toMatch(/入院中/);
    expect(claimOf(r, 'P1')!.lines.flatMap((l) => l.recordIds)).toEqual(['V2']);
  });

  it('C006-2a: DURING_STAY during a short stay', () => {
    const stays = [{ kind: 'short_stay', from: '2024-07-10', to: '2024-07-12' }];
    const r = run('2024-07', [patient('P1', { stays })], [visit('V1', 'P1', '2024-07-10', 1)]);
    expect(rejection(r, 'V1')).toMatchObject({ code: 'DURING_STAY' });
    expect(rejection(r, 'V1')!.message).toMatch(/短期入所/);
  });

  it('C006-2b: CARE_INSURANCE_PRIORITY on a day of certification; billed the day before it starts', () => {
    const care = { level: 'care2', copay: 1, from: '2024-07-11' };
    const r = run(
      '2024-07',
      [patient('P1', { care })],
      [visit('V1', 'P1', '2024-07-10', 1), visit('V2', 'P1', '2024-07-11', 1)],
    );
    expect(rejection(r, 'V1')).toBeUndefined();
    expect(rejection(r, 'V2')).toMatchObject({ code: 'CARE_INSURANCE_PRIORITY', rule: 'C006-2b' });
    expect(claimOf(r, 'P1')?.units).toBe(300);
  });

  it('C006-2b / C006-4c: a certified patient is billed inside the acute period (day 14), refused on day 15', () => {
    const care = { level: 'support1', copay: 1 };
    const r = run(
      '2024-07',
      [patient('P1', { care, acuteExamDate: '2024-07-01' })],
      [visit('V1', 'P1', '2024-07-14', 4), visit('V2', 'P1', '2024-07-15', 1)],
    );
    expect(rejection(r, 'V1')).toBeUndefined();
    expect(claimOf(r, 'P1')!.lines).toEqual([
      expect.objectContaining({ item: 'c006.1', count: 4, rule: 'C006-1a C006-4a', recordIds: ['V1'] }),
    ]);
    expect(rejection(r, 'V2')).toMatchObject({ code: 'CARE_INSURANCE_PRIORITY', rule: 'C006-2b' });
  });

  it('C006-2b / C006-4b: a certified patient whose acute period is refused (6-month rule) is refused', () => {
    const care = { level: 'care1', copay: 1 };
    const r = run(
      '2024-07',
      [patient('P1', { care, acuteExamDate: '2024-07-09', previousAcuteExamDate: '2024-01-10' })],
      [visit('V1', 'P1', '2024-07-10', 2)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'CARE_INSURANCE_PRIORITY', rule: 'C006-2b C006-4b' });
  });

  describe('C006-2b O6: a care-certified patient without a medical entry is refused, not bad input', () => {
    const noMedical = (extra: Json = {}): Json => {
      const { medical: _medical, ...rest } = patient('P1', { care: { level: 'care2', copay: 1 }, ...extra });
      return rest;
    };
    const problemsOf = (patients: Json[], records: Json[]): string[] => {
      const out = calculate(input('2024-07', patients, records));
      return out.ok ? [] : out.problems.map((p) => `${p.path}: ${p.message}`);
    };

    it('C006-2b O6: certified, no `medical` → CARE_INSURANCE_PRIORITY (exit 0), no claim', () => {
      const r = run('2024-07', [noMedical()], [visit('V1', 'P1', '2024-07-10', 2)]);
      expect(rejection(r, 'V1')).toMatchObject({ code: 'CARE_INSURANCE_PRIORITY', rule: 'C006-2b' });
      expect(r.claims).toEqual([]);
    });

    it('C006-2b O6: the same visit with the certification starting the day after → bad input (M-11: the copay is needed)', () => {
      const p = noMedical({ care: { level: 'care2', copay: 1, from: '2024-07-11' } });
      expect(problemsOf([p], [visit('V1', 'P1', '2024-07-10', 2)])).toEqual([
        'patients[0].medical.copay: C006 の記録がある利用者には医療保険の負担割合（1〜3割）が必要です',
      ]);
      // Only the certified day: refused, and no copay is asked for.
      expect(problemsOf([p], [visit('V2', 'P1', '2024-07-11', 2)])).toEqual([]);
    });

    it('C006-4c O6: inside an allowed acute period the visit may be billed → the copay is needed; a refused period (C006-4b) is not', () => {
      const acute = noMedical({ acuteExamDate: '2024-07-01' });
      expect(problemsOf([acute], [visit('V1', 'P1', '2024-07-14', 2)])).toHaveLength(1); // day 14
      expect(problemsOf([acute], [visit('V1', 'P1', '2024-07-15', 2)])).toEqual([]); // day 15
      const refused = noMedical({ acuteExamDate: '2024-07-09', previousAcuteExamDate: '2024-01-10' });
      const r = run('2024-07', [refused], [visit('V1', 'P1', '2024-07-10', 2)]);
      expect(rejection(r, 'V1')).toMatchObject({ code: 'CARE_INSURANCE_PRIORITY', rule: 'C006-2b C006-4b' });
    });

    it('C006-2b O6 contract: through the CLI, exit 0 with the refusal on stdout', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'santei-o6-'));
      try {
        const file = join(dir, 'in.json');
        writeFileSync(
          file,
          JSON.stringify(input('2024-07', [noMedical()], [visit('V1', 'P1', '2024-07-10', 2)])),
        );
        const r = await runCli(['calc', file]);
        expect(r.code).toBe(0);
        expect(r.err).toBe('');
        const out = JSON.parse(r.out) as ClaimMonthResult;
        expect(out.rejections.map((x) => x.code)).toEqual(['CARE_INSURANCE_PRIORITY']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('C006-2c: examined 06-15 → a visit on 07-15 is billed, on 07-16 NO_RECENT_EXAM', () => {
    const r = run(
      '2024-07',
      [patient('P1', { lastExamDate: '2024-06-15' })],
      [visit('V1', 'P1', '2024-07-15', 1), visit('V2', 'P1', '2024-07-16', 1)],
    );
    expect(rejection(r, 'V1')).toBeUndefined();
    expect(rejection(r, 'V2')).toMatchObject({ code: 'NO_RECENT_EXAM', rule: 'C006-2c' });
    expect(rejection(r, 'V2')!.message).toMatch(/2024-06-15/);
  });

  it('C006-2c: examined 01-31 → 02-29 is billed, 03-01 is not (leap year, end of month)', () => {
    // 2024-02 is before the 2024-06 schedule; its C006 table is used for the months around it here.
    const schedule: Schedule = {
      ...schedule2024,
      services: { c006: { ...schedule2024.services.c006!, months: { from: '2024-01', to: '2026-05' } } },
    };
    const recs = [visit('V1', 'P1', '2024-02-29', 1), visit('V2', 'P1', '2024-03-01', 1)];
    const pats = [patient('P1', { lastExamDate: '2024-01-31' })];
    const feb = calculateMonth(claimMonthInputSchema.parse(input('2024-02', pats, recs)), schedule);
    expect(rejection(feb, 'V1')).toBeUndefined();
    expect(claimOf(feb, 'P1')?.units).toBe(300);
    const mar = calculateMonth(claimMonthInputSchema.parse(input('2024-03', pats, recs)), schedule);
    expect(rejection(mar, 'V2')).toMatchObject({ code: 'NO_RECENT_EXAM' });
    expect(mar.claims).toEqual([]);
  });

  it('C006-2c: no examination date → NO_RECENT_EXAM; the acute examination counts as one', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { lastExamDate: undefined }),
        patient('P2', { lastExamDate: '2024-05-01', acuteExamDate: '2024-07-01' }),
      ],
      [visit('V1', 'P1', '2024-07-10', 1), visit('V2', 'P2', '2024-07-20', 1)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'NO_RECENT_EXAM', rule: 'C006-2c' });
    expect(rejection(r, 'V2')).toBeUndefined();
    expect(claimOf(r, 'P2')?.units).toBe(300);
  });

  it('C006-2d: OTHER_INSTITUTION when another institution bills C006; billed when false', () => {
    const r = run(
      '2024-07',
      [patient('P1', { otherInstitutionC006: true }), patient('P2', { otherInstitutionC006: false })],
      [visit('V1', 'P1', '2024-07-10', 1), visit('V2', 'P2', '2024-07-10', 1)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'OTHER_INSTITUTION', rule: 'C006-2d' });
    expect(claimOf(r, 'P2')?.units).toBe(300);
  });

  it('C006-2e: ROKEN_DAY_REHAB in a month of 老健 通所リハ; billed when false', () => {
    const r = run(
      '2024-07',
      [patient('P1', { rokenDayRehab: true }), patient('P2', { rokenDayRehab: false })],
      [visit('V1', 'P1', '2024-07-10', 1), visit('V2', 'P2', '2024-07-10', 1)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'ROKEN_DAY_REHAB', rule: 'C006-2e' });
    expect(claimOf(r, 'P2')?.units).toBe(300);
  });

  it('C006-2: a history record is reported once, as HISTORY, never with a C006 refusal', () => {
    const stays = [{ kind: 'hospital', from: '2024-06-20', to: '2024-06-25' }];
    const r = run(
      '2024-07',
      [patient('P1', { stays, lastExamDate: '2024-06-15' })],
      [visit('H1', 'P1', '2024-06-21', 1), visit('V1', 'P1', '2024-07-10', 1)],
    );
    expect(r.rejections.filter((x) => x.recordId === 'H1').map((x) => x.code)).toEqual(['HISTORY']);
  });
});

describe('C006-3 weekly limit', () => {
  it('C006-3a: 6 units in a week are billed; a 7th is WEEKLY_LIMIT with 1 unit (C006-3d)', () => {
    const six = run(
      '2024-07',
      [patient('P1')],
      [visit('V1', 'P1', '2024-07-08', 3), visit('V2', 'P1', '2024-07-10', 3)],
    );
    expect(six.rejections).toEqual([]);
    expect(claimOf(six, 'P1')?.units).toBe(1800);

    const seven = run(
      '2024-07',
      [patient('P1')],
      [visit('V1', 'P1', '2024-07-08', 3), visit('V2', 'P1', '2024-07-10', 4)],
    );
    expect(rejection(seven, 'V2')).toMatchObject({
      code: 'WEEKLY_LIMIT',
      units: 1,
      rule: 'C006-3a C006-3d',
      patientId: 'P1',
    });
    // C006-3d: the partly billed visit is in the line with its billed units and in the rejection.
    expect(claimOf(seven, 'P1')!.lines).toEqual([
      expect.objectContaining({ item: 'c006.1', count: 6, units: 1800, recordIds: ['V1', 'V2'] }),
    ]);
  });

  it('C006-3a: Saturday is the same week (refused), Sunday starts a new one (billed)', () => {
    const r = run(
      '2024-07',
      [patient('P1')],
      [
        visit('V1', 'P1', '2024-07-08', 6), // Monday
        visit('SAT', 'P1', '2024-07-13', 2), // Saturday, same week
        visit('SUN', 'P1', '2024-07-14', 2), // Sunday, next week
      ],
    );
    // C006-3d: refused in full (the week already holds 6): a whole refusal, with no `units`.
    expect(rejection(r, 'SAT')).toMatchObject({ code: 'WEEKLY_LIMIT' });
    expect(rejection(r, 'SAT')).not.toHaveProperty('units');
    expect(rejection(r, 'SAT')!.message).toMatch(/この訪問（2単位）は算定できません/);
    expect(rejection(r, 'SUN')).toBeUndefined();
    expect(claimOf(r, 'P1')!.lines[0]).toMatchObject({ count: 8, recordIds: ['V1', 'SUN'] });
  });

  it('C006-3a: a week across a month boundary counts the history records of the previous month', () => {
    // 2024-06-30 is a Sunday: the week 06-30 … 07-06.
    const r = run(
      '2024-07',
      [patient('P1', { lastExamDate: '2024-06-20' })],
      [visit('H1', 'P1', '2024-06-30', 4), visit('V1', 'P1', '2024-07-02', 3)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'WEEKLY_LIMIT', units: 1 });
    expect(r.rejections.find((x) => x.recordId === 'H1')?.code).toBe('HISTORY');
    expect(claimOf(r, 'P1')?.units).toBe(600);

    // 2024-06-29 is the Saturday of the week before: it does not count.
    const before = run(
      '2024-07',
      [patient('P1', { lastExamDate: '2024-06-20' })],
      [visit('H1', 'P1', '2024-06-29', 4), visit('V1', 'P1', '2024-07-02', 3)],
    );
    expect(rejection(before, 'V1')).toBeUndefined();
    expect(claimOf(before, 'P1')?.units).toBe(900);
  });

  it('C006-3a: records of a later month are not counted in the billed month', () => {
    // 2024-07-28 … 08-03 is one week; the August record does not take July's units.
    const r = run(
      '2024-07',
      [patient('P1')],
      [visit('A1', 'P1', '2024-08-01', 6), visit('V1', 'P1', '2024-07-30', 6)],
    );
    expect(rejection(r, 'V1')).toBeUndefined();
    expect(claimOf(r, 'P1')?.units).toBe(1800);
  });

  it('C006-3b: 12 a week through discharge + 3 months − 1 day (05-10 → 08-09); 6 from 08-10', () => {
    const p = patient('P1', { dischargeDate: '2024-05-10', lastExamDate: '2024-08-01' });
    const within = run(
      '2024-08',
      [p],
      [visit('V1', 'P1', '2024-08-05', 6), visit('V2', 'P1', '2024-08-09', 6)],
    );
    expect(within.rejections).toEqual([]);
    expect(claimOf(within, 'P1')?.units).toBe(3600);

    const beyond = run(
      '2024-08',
      [p],
      [
        visit('V1', 'P1', '2024-08-05', 6),
        visit('V2', 'P1', '2024-08-09', 2),
        visit('V3', 'P1', '2024-08-10', 2),
      ],
    );
    expect(rejection(beyond, 'V2')).toBeUndefined();
    // 08-10 is past the 3 months: the week's limit is 6 again and 8 units are already billed.
    expect(rejection(beyond, 'V3')).toMatchObject({ code: 'WEEKLY_LIMIT', rule: 'C006-3a C006-3d' });
    expect(rejection(beyond, 'V3')).not.toHaveProperty('units'); // refused in full

    const over12 = run(
      '2024-08',
      [p],
      [visit('V1', 'P1', '2024-08-05', 8), visit('V2', 'P1', '2024-08-08', 6)],
    );
    expect(rejection(over12, 'V2')).toMatchObject({
      code: 'WEEKLY_LIMIT',
      units: 2,
      rule: 'C006-3b C006-3d',
    });
  });

  // D13: 退院の日から起算して3月以内 ends on the day before the same date 3 months later, or at the end of
  // that month when it has no such date (民法 第143条). One visit of 8 units alone in its week: 12 a week
  // inside the period bills all 8, 6 a week outside it refuses 2.
  describe('C006-3b D13: the 3 months counted from the discharge day', () => {
    // The C006 table of 2024-06 over earlier months too, for a leap year (2024-02) before it took effect.
    const wider: Schedule = {
      ...schedule2024,
      services: { c006: { ...schedule2024.services.c006!, months: { from: '2023-01', to: '2026-05' } } },
    };
    const alone = (discharged: string, date: string): ClaimMonthResult =>
      calculateMonth(
        claimMonthInputSchema.parse(
          input(
            date.slice(0, 7),
            [patient('P1', { dischargeDate: discharged, lastExamDate: addDays(date, -7) })],
            [visit('V1', 'P1', date, 8)],
          ),
        ),
        wider,
      );
    const inside = (r: ClaimMonthResult): void => {
      expect(r.rejections).toEqual([]);
      expect(claimOf(r, 'P1')?.units).toBe(8 * 300);
    };
    const outside = (r: ClaimMonthResult): void => {
      expect(rejection(r, 'V1')).toMatchObject({ code: 'WEEKLY_LIMIT', units: 2, rule: 'C006-3a C006-3d' });
      expect(claimOf(r, 'P1')?.units).toBe(6 * 300);
    };

    it('C006-3b D13: discharged 2024-11-30 → 2025-02-27 and 02-28 inside (February has no 30th), 03-01 outside', () => {
      inside(alone('2024-11-30', '2025-02-27'));
      inside(alone('2024-11-30', '2025-02-28'));
      outside(alone('2024-11-30', '2025-03-01'));
    });

    it('C006-3b D13: discharged 2024-10-31 → 2025-01-30 inside, 01-31 outside (the day before the same date)', () => {
      inside(alone('2024-10-31', '2025-01-30'));
      outside(alone('2024-10-31', '2025-01-31'));
    });

    it('C006-3b D13: a leap year — discharged 2023-11-30 → 2024-02-29 inside, 03-01 outside', () => {
      inside(alone('2023-11-30', '2024-02-28'));
      inside(alone('2023-11-30', '2024-02-29'));
      outside(alone('2023-11-30', '2024-03-01'));
    });

    it('C006-3b D13: the discharge day itself is day 1 of the period; the day before is not in it', () => {
      inside(alone('2024-11-30', '2024-11-30'));
      outside(alone('2024-11-30', '2024-11-29'));
    });
  });

  it('C006-3c: no weekly limit for terminal cancer; the same visits are limited without it', () => {
    const recs = [
      visit('V1', 'P1', '2024-07-08', 6),
      visit('V2', 'P1', '2024-07-09', 6),
      visit('V3', 'P1', '2024-07-10', 6),
    ];
    const cancer = run('2024-07', [patient('P1', { conditions: ['terminal_cancer'] })], recs);
    expect(cancer.rejections).toEqual([]);
    expect(claimOf(cancer, 'P1')?.units).toBe(18 * 300);

    const other = run('2024-07', [patient('P1', { conditions: ['opioid_injection'] })], recs);
    expect(rejection(other, 'V2')).toEqual(expect.objectContaining({ code: 'WEEKLY_LIMIT' }));
    expect(rejection(other, 'V3')).toEqual(expect.objectContaining({ code: 'WEEKLY_LIMIT' }));
    expect([rejection(other, 'V2')!.units, rejection(other, 'V3')!.units]).toEqual([undefined, undefined]);
    expect(claimOf(other, 'P1')?.units).toBe(1800);
  });

  it('C006-3d (property): every unit of every visit is either billed or rejected, never both', () => {
    const day = fc.integer({ min: 1, max: 31 }).map((d) => `2024-07-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: day, units: fc.integer({ min: 1, max: 24 }) }), {
          minLength: 1,
          maxLength: 15,
        }),
        fc.boolean(),
        (vs, discharged) => {
          const p = patient('P1', discharged ? { dischargeDate: '2024-06-20' } : {});
          const recs = vs.map((v, i) => visit(`V${i}`, 'P1', v.date, v.units));
          const r = run('2024-07', [p], recs);
          const billed = (claimOf(r, 'P1')?.lines ?? []).reduce((s, l) => s + l.count, 0);
          const unitsOf = new Map(recs.map((x) => [x.id as string, x.units as number]));
          // A whole refusal has no `units`: all of the record's units are refused.
          const refused = r.rejections.reduce((s, x) => s + (x.units ?? unitsOf.get(x.recordId)!), 0);
          expect(billed + refused).toBe(vs.reduce((s, v) => s + v.units, 0));
          // Five weeks touch July 2024; no week bills more than 12 (or 6 without the discharge).
          expect(billed).toBeLessThanOrEqual(5 * (discharged ? 12 : 6));
          // A partial refusal carries between 1 and all-but-one of the record's units.
          for (const x of r.rejections) {
            expect(x.code).toBe('WEEKLY_LIMIT');
            if (x.units !== undefined) {
              expect(x.units).toBeGreaterThanOrEqual(1);
              expect(x.units).toBeLessThan(unitsOf.get(x.recordId)!);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('C006-3d / C006-4d contract: `units` only on a record billed in part', () => {
  it('C006-3d: 3 units when 1 fits → partial (units 2); 2 more units that day → whole (no units)', () => {
    const out = calculate(
      input(
        '2024-07',
        [patient('P1')],
        [
          visit('V1', 'P1', '2024-07-08', 5),
          visit('V2', 'P1', '2024-07-09', 3),
          visit('V3', 'P1', '2024-07-09', 2),
        ],
      ),
      { explain: true },
    );
    if (!out.ok) throw new Error('bad input');
    expect(rejection(out.result, 'V2')).toMatchObject({ code: 'WEEKLY_LIMIT', units: 2 });
    const whole = rejection(out.result, 'V3')!;
    expect(whole).toMatchObject({ code: 'WEEKLY_LIMIT', rule: 'C006-3a C006-3d' });
    expect(whole).not.toHaveProperty('units');
    expect(whole.message).toBe(
      '週6単位までのところ、2024-07-07〜2024-07-13の週は既に6単位を算定しているため、この訪問（2単位）は算定できません。',
    );
    const steps = out.trace.map((t) => t.text);
    expect(steps).toContain(
      `2024-07-09 V2 3単位 → 算定不可 2単位 WEEKLY_LIMIT（C006-3a C006-3d）: ${rejection(out.result, 'V2')!.message}`,
    );
    expect(steps).toContain(
      `2024-07-09 V3 2単位 → 算定不可 WEEKLY_LIMIT（C006-3a C006-3d）: ${whole.message}` +
        '同じ日の訪問は入力順に算定します（先に入力されたV2を算定: O5）',
    );
  });

  it('C006-4d: 6 units on an acute day → partial (units 2); a second visit that day → whole (no units)', () => {
    const r = run(
      '2024-07',
      [patient('P1', { acuteExamDate: '2024-07-01' })],
      [visit('V1', 'P1', '2024-07-02', 6), visit('V2', 'P1', '2024-07-02', 1)],
    );
    expect(rejection(r, 'V1')).toMatchObject({ code: 'DAILY_LIMIT', units: 2, rule: 'C006-4d' });
    expect(rejection(r, 'V2')).toMatchObject({ code: 'DAILY_LIMIT', rule: 'C006-4d' });
    expect(rejection(r, 'V2')).not.toHaveProperty('units');
    expect(claimOf(r, 'P1')?.units).toBe(4 * 300);
  });
});

describe('C006-4 acute exacerbation', () => {
  it('C006-4a: 4 units a day on day 14 beyond the weekly limit; day 15 is under the weekly limit again', () => {
    // Examined 07-01 (day 1) → the period runs through 07-14.
    const recs = [];
    for (let d = 8; d <= 14; d++) recs.push(visit(`A${d}`, 'P1', `2024-07-${String(d).padStart(2, '0')}`, 4));
    recs.push(visit('D15', 'P1', '2024-07-15', 7));
    const r = run('2024-07', [patient('P1', { acuteExamDate: '2024-07-01' })], recs);
    // 07-14 (Sunday, day 14) is billed 4 units; its acute units do not use the week of 07-14 … 07-20.
    expect(rejection(r, 'A14')).toBeUndefined();
    expect(rejection(r, 'D15')).toMatchObject({ code: 'WEEKLY_LIMIT', units: 1, rule: 'C006-3a C006-3d' });
    expect(claimOf(r, 'P1')!.lines).toEqual([
      expect.objectContaining({ item: 'c006.1', count: 28, rule: 'C006-1a C006-4a' }),
      expect.objectContaining({ item: 'c006.1', count: 6, rule: 'C006-1a', recordIds: ['D15'] }),
    ]);
  });

  it('C006-4d: 4 units a day are billed; 5 → DAILY_LIMIT with 1 unit, also across two visits of a day', () => {
    const r = run(
      '2024-07',
      [patient('P1', { acuteExamDate: '2024-07-08' })],
      [
        visit('V4', 'P1', '2024-07-08', 4),
        visit('V5', 'P1', '2024-07-09', 5),
        visit('A', 'P1', '2024-07-10', 3),
        visit('B', 'P1', '2024-07-10', 2),
      ],
    );
    expect(rejection(r, 'V4')).toBeUndefined();
    expect(rejection(r, 'V5')).toMatchObject({ code: 'DAILY_LIMIT', units: 1, rule: 'C006-4d' });
    expect(rejection(r, 'A')).toBeUndefined();
    expect(rejection(r, 'B')).toMatchObject({ code: 'DAILY_LIMIT', units: 1 });
    expect(claimOf(r, 'P1')?.units).toBe(12 * 300);
  });

  it('C006-4b: a period starting the day before previous + 6 months falls back to the weekly limit', () => {
    const recs = [visit('V1', 'P1', '2024-07-10', 4), visit('V2', 'P1', '2024-07-11', 4)];
    const refused = run(
      '2024-07',
      [patient('P1', { acuteExamDate: '2024-07-09', previousAcuteExamDate: '2024-01-10' })],
      recs,
    );
    expect(rejection(refused, 'V2')).toMatchObject({ code: 'WEEKLY_LIMIT', units: 2 });
    expect(claimOf(refused, 'P1')!.lines.every((l) => l.rule === 'C006-1a')).toBe(true);

    const allowed = run(
      '2024-07',
      [patient('P1', { acuteExamDate: '2024-07-10', previousAcuteExamDate: '2024-01-10' })],
      recs,
    );
    expect(allowed.rejections).toEqual([]);
    expect(claimOf(allowed, 'P1')?.units).toBe(8 * 300);
  });
});

describe('C006-5 money (M-10 … M-13)', () => {
  it('M-11: 1 unit at 255 points, 3割 → 765 yen rounds up to 770 (…5 goes up)', () => {
    const r = run(
      '2024-07',
      [
        patient('P1', { medical: { copay: 3 }, residence: { kind: 'sakoju', buildingId: 'B1' } }),
        patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
      ],
      [visit('V1', 'P1', '2024-07-10', 1), visit('V2', 'P2', '2024-07-10', 1)],
    );
    expect(claimOf(r, 'P1')).toMatchObject({ units: 255, yen: 2550, copay: 770, insurer: 1780 });
    // money.md's example: 3 units at 255, 3割 → copay 2,295 → 2,300.
    expect(medicalSplit(765, 3)).toEqual({ yen: 7650, copay: 2300, insurer: 5350 });
  });

  it('M-11: …4 rounds down (C006 points are multiples of 5, so the case comes from the split itself)', () => {
    expect(medicalSplit(8, 3)).toEqual({ yen: 80, copay: 20, insurer: 60 }); // 24 → 20
    expect(medicalSplit(18, 3)).toEqual({ yen: 180, copay: 50, insurer: 130 }); // 54 → 50
    expect(medicalSplit(15, 3)).toEqual({ yen: 150, copay: 50, insurer: 100 }); // 45 → 50
  });

  it('M-11: the copay is rounded once on the month total, not per visit', () => {
    // Three visits of 1 unit at 255 (同一建物), 1割: per visit 255 → 260 would give 780; on the total 765 → 770.
    const pats = [
      patient('P1', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
      patient('P2', { residence: { kind: 'sakoju', buildingId: 'B1' } }),
    ];
    const recs = ['08', '09', '10'].flatMap((d) => [
      visit(`A${d}`, 'P1', `2024-07-${d}`, 1),
      visit(`B${d}`, 'P2', `2024-07-${d}`, 1),
    ]);
    const r = run('2024-07', pats, recs);
    expect(claimOf(r, 'P1')).toMatchObject({ units: 765, yen: 7650, copay: 770, insurer: 6880 });
  });

  it('M-13: 交通費 is the sum of the billed visits, outside the insured amount; absent when none', () => {
    const r = run(
      '2024-07',
      [patient('P1'), patient('P2'), patient('P3', { homebound: false })],
      [
        visit('V1', 'P1', '2024-07-08', 3, { transportYen: 500 }),
        visit('V2', 'P1', '2024-07-10', 3, { transportYen: 300 }),
        visit('V3', 'P1', '2024-07-11', 1, { transportYen: 200 }), // refused in full: no transport
        visit('V4', 'P2', '2024-07-10', 1),
        visit('V5', 'P3', '2024-07-10', 1, { transportYen: 400 }),
      ],
    );
    expect(claimOf(r, 'P1')).toMatchObject({ units: 1800, yen: 18000, transportYen: 800 });
    expect(claimOf(r, 'P2')!.transportYen).toBeUndefined();
    expect(claimOf(r, 'P3')).toBeUndefined();
    expect(r.totals.yen).toBe(18000 + 3000);
  });
});

describe('C006 explanation', () => {
  it('C006-1 … C006-4: --explain gives a Japanese step for each billed and each refused visit', () => {
    const out = calculate(
      input(
        '2024-07',
        [patient('P1', { acuteExamDate: '2024-07-08' })],
        [visit('V1', 'P1', '2024-07-08', 5), visit('V2', 'P1', '2024-07-30', 1)],
      ),
      { explain: true },
    );
    if (!out.ok) throw new Error('bad input');
    const texts = out.trace.filter((t) => t.patientId === 'P1').map((t) => t.text);
    expect(texts.some((t) => t.includes('C006-4a') && t.includes('2024-07-21'))).toBe(true);
    expect(texts.some((t) => t.includes('V1') && t.includes('DAILY_LIMIT'))).toBe(true);
    expect(texts.some((t) => t.includes('V1') && t.includes('算定 4単位'))).toBe(true);
    expect(texts.some((t) => t.includes('V2') && t.includes('算定 1単位'))).toBe(true);
  });
});
