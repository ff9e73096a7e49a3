// Service codes as schedule data (claim-file.md "Service codes (R6, 2024-06)"): every billed 31 / 34 line
// carries its code; 麻薬管理指導加算 (K24-6a) bills under the visit's ・特薬 code as a line of its own; the
// 250 / 150 additions (K24-6b/c) and the percentage additions (K24-6d/e/f) have their codes; type 34 and the
// second sets are marked unconfirmed; the 2009 schedule has no codes.
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';
import { formatProblem } from '../../../src/core/validate.js';
import type { ClaimMonthResult, Line } from '../../../src/core/result.js';
import { schedule2024 } from '../../../src/schedules/2024-06/index.js';
import { scheduleServiceCodes } from '../../../src/core/serviceCodes.js';
import { kyotakuCode } from '../../../src/core/rules/kyotakuCodes.js';
import { generateMonth } from '../../../bench/generate.mjs';

type Json = Record<string, unknown>;

function run(office: Json, patients: Json[], records: Json[], month = '2024-07'): ClaimMonthResult {
  const out = calculate({ month, office: { id: '1310000001', ...office }, patients, records });
  if (!out.ok) throw new Error(out.problems.map(formatProblem).join('\n'));
  return out.result;
}

let seq = 0;
const visit = (patientId: string, date: string, profession: string, extra: Json = {}): Json => ({
  kind: 'kyotaku',
  id: `V${++seq}`,
  patientId,
  date,
  profession,
  reported: true,
  ...extra,
});

const lines = (r: ClaimMonthResult): [string | undefined, number, number][] =>
  r.claims.flatMap((c) =>
    c.lines.map((l): [string | undefined, number, number] => [l.code, l.unitsEach, l.count]),
  );

const PHARMACY = { kind: 'pharmacy' };
const CLINIC = { kind: 'clinic' };
const data = schedule2024.services.kyotaku!.data;

describe('service codes of 31 / 34 (claim-file.md "Service codes")', () => {
  it('K24-3 each item and column bills its code: 医師(Ⅰ) 311111 / 311113 / 311115', () => {
    const patients = Array.from({ length: 13 }, (_, i) => ({
      id: `P${i}`,
      care: { level: 'care2', copay: 1 },
      residence: { kind: 'sakoju', buildingId: i === 0 ? 'alone' : i < 3 ? 'few' : 'many' },
    }));
    const r = run(
      CLINIC,
      patients,
      patients.map((p) => visit(p.id, '2024-07-05', 'doctor')),
    );
    expect(new Set(lines(r).map(([code]) => code))).toEqual(new Set(['311111', '311113', '311115']));
  });

  it('K24-1a a 要支援 patient bills the type 34 code of the same item (unconfirmed)', () => {
    const r = run(
      PHARMACY,
      [{ id: 'P1', care: { level: 'support1', copay: 1 } }],
      [visit('P1', '2024-07-03', 'pharmacist')],
    );
    expect(r.claims[0]!.serviceType).toBe('34');
    expect(lines(r)).toEqual([['341223', 518, 1]]);
    const code = scheduleServiceCodes(schedule2024).find((c) => c.code === '341223')!;
    expect(code.status).toBe('unconfirmed');
  });

  it('K24-6a the 100 of 麻薬管理指導加算 is its own line under the visit ・特薬 code; a visit without it keeps the plain code', () => {
    const r = run(
      PHARMACY,
      [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      [
        visit('P1', '2024-07-03', 'pharmacist', { additions: ['narcotic'] }),
        visit('P1', '2024-07-10', 'pharmacist'),
        visit('P1', '2024-07-17', 'pharmacist', { additions: ['narcotic'] }),
      ],
    );
    expect(lines(r)).toEqual([
      ['311224', 518, 2],
      ['311224', 100, 2],
      ['311223', 518, 1],
    ]);
    // One 明細 record of 311224: (518 + 100) × 2 = the table's 618 × 2.
    expect(scheduleServiceCodes(schedule2024).find((c) => c.code === '311224')!.units).toBe(618);
  });

  it('K24-6a a hospital pharmacist with 麻薬 bills 311222 (666 = 566 + 100)', () => {
    const r = run(
      CLINIC,
      [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      [visit('P1', '2024-07-03', 'pharmacist', { additions: ['narcotic'] })],
    );
    expect(lines(r)).toEqual([
      ['311222', 566, 1],
      ['311222', 100, 1],
    ]);
  });

  it('K24-6b / K24-6c: 318121 (250) and 318122 (150); with 250 the 100 is not billed, so the plain code', () => {
    const r = run(
      PHARMACY,
      [{ id: 'P1', care: { level: 'care2', copay: 1 }, conditions: ['opioid_injection'] }],
      [
        visit('P1', '2024-07-03', 'pharmacist', {
          additions: ['narcotic', 'opioid_injection', 'central_venous'],
        }),
      ],
    );
    expect(lines(r)).toEqual([
      ['311255', 518, 1], // the exempt patient's second set (K24-5b, unconfirmed)
      ['318121', 250, 1],
      ['318122', 150, 1],
    ]);
  });

  it('K24-6d / K24-6f: the percentage additions bill 318000 / 318110, and 348000 on a 34 claim', () => {
    const r = run(
      { kind: 'clinic', specialArea: true },
      [
        { id: 'P1', care: { level: 'care2', copay: 1 }, chusankanResident: true },
        { id: 'P2', care: { level: 'support2', copay: 1 } },
      ],
      [visit('P1', '2024-07-05', 'doctor'), visit('P2', '2024-07-05', 'doctor')],
    );
    const add = (l: Line) => l.item.startsWith('kyotaku.addition.');
    const byPatient = Object.fromEntries(
      r.claims.map((c) => [c.patientId, c.lines.filter(add).map((l) => [l.code, l.units, l.count])]),
    );
    expect(byPatient).toEqual({
      P1: [
        ['318000', 77, 1],
        ['318110', 26, 1],
      ],
      P2: [['348000', 77, 1]],
    });
  });

  it('K24-5c a dietitian visit on a special instruction bills the second set (311151), the first two 311131', () => {
    const r = run(
      CLINIC,
      [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      ['2024-07-01', '2024-07-08', '2024-07-15', '2024-07-22'].map((d) =>
        visit('P1', d, 'dietitian', { specialInstructionDate: '2024-07-10' }),
      ),
    );
    expect(lines(r)).toEqual([
      ['311131', 545, 2],
      ['311151', 545, 2],
    ]);
  });

  it('K24-5d a terminal-cancer patient of a 歯科衛生士等 bills the second set (311281)', () => {
    const r = run(
      { kind: 'dental_clinic' },
      [
        { id: 'P1', care: { level: 'care2', copay: 1 }, conditions: ['terminal_cancer'] },
        { id: 'P2', care: { level: 'care2', copay: 1 } },
      ],
      [visit('P1', '2024-07-03', 'dental_hygienist'), visit('P2', '2024-07-03', 'dental_hygienist')],
    );
    expect(Object.fromEntries(r.claims.map((c) => [c.patientId, c.lines.map((l) => l.code)]))).toEqual({
      P1: ['311281'],
      P2: ['311241'],
    });
  });

  it('K24-4g an online visit bills 311257 (46)', () => {
    const r = run(
      PHARMACY,
      [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      [visit('P1', '2024-07-03', 'pharmacist', { online: true })],
    );
    expect(lines(r)).toEqual([['311257', 46, 1]]);
  });

  it('H21-8 the 2009 schedule has no codes: its lines carry none', () => {
    const r = run(
      PHARMACY,
      [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
      [visit('P1', '2009-07-03', 'pharmacist')],
      '2009-07',
    );
    expect(lines(r)).toEqual([[undefined, 500, 1]]);
  });

  it('contract every billed 31 / 34 line of a generated month carries a code of its own type', () => {
    for (const kind of ['pharmacy', 'clinic'] as const) {
      const out = calculate(generateMonth({ patients: 1500, kind }));
      if (!out.ok) throw new Error(out.problems.map(formatProblem).join('\n'));
      const known = new Set(scheduleServiceCodes(schedule2024).map((c) => c.code));
      for (const c of out.result.claims) {
        for (const l of c.lines) {
          expect(l.code, `${c.patientId} ${l.item}`).toBeDefined();
          expect(known.has(l.code!), l.code).toBe(true);
          expect(l.code!.slice(0, 2)).toBe(c.serviceType);
        }
      }
    }
  });
});

describe('the R6 code table as data', () => {
  const codes = scheduleServiceCodes(schedule2024);

  it('every code is 6 digits, once, with a source; type 34 and the second sets are unconfirmed', () => {
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    for (const c of codes) {
      expect(c.code).toMatch(/^3[14]\d{4}$/);
      expect(c.source).not.toBe('');
      if (c.code.startsWith('34')) expect(c.status).toBe('unconfirmed');
      if (c.status === 'unconfirmed') expect(c.note).toBeTruthy();
    }
    for (const code of ['311255', '311256', '311151', '311154', '311281', '311258'])
      expect(codes.find((c) => c.code === code)!.status, code).toBe('unconfirmed');
    for (const code of ['311111', '311224', '318000', '318121'])
      expect(codes.find((c) => c.code === code)!.status, code).toBe('confirmed');
  });

  it("each visit code's units are the item's units in its column (+100 for ・特薬), as the fee table says", () => {
    for (const c of data.codes!.value) {
      if (c.bills.kind !== 'visit') continue;
      const item = data.items[c.bills.item]!;
      expect(c.units, c.code).toBe(
        item.units[c.bills.column]! + (c.bills.narcotic ? data.additions.narcotic!.value : 0),
      );
    }
    for (const c of data.codes!.value) {
      if (c.bills.kind === 'addition') expect(c.units).toBe(data.additions[c.bills.addition]!.value);
      if (c.bills.kind === 'percent') expect(c.percent).toBe(data.percentAdditions[c.bills.addition]!.value);
    }
  });

  it('every item and column of the 2024 fee table has a code in both types', () => {
    for (const type of ['31', '34']) {
      for (const [key, item] of Object.entries(data.items)) {
        for (const column of Object.keys(item.units)) {
          if (key === 'pharmacist_online' && column !== 'single') continue; // K24-4g: always 1人
          const code = kyotakuCode(data.codes!.value, type, {
            kind: 'visit',
            item: key as keyof typeof data.items,
            column: column as keyof typeof item.units,
            set: 'regular',
            narcotic: false,
          });
          expect(code, `${type} ${key} ${column}`).toMatch(new RegExp(`^${type}`));
        }
      }
    }
  });
});
