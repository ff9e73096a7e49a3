// O5 (spec/discrepancies.md): two visits of one patient and profession on one day where only one
// may be billed — the one entered first (input order) is billed, in every service, and the trace says
// which was kept and why. Each pair is tried in both orders, with ids that sort the other way ("V10"
// before "V9"), so that neither the id nor the position decides alone.
import { describe, expect, it } from 'vitest';
import { calculate } from '../../../src/santei.js';
import { formatProblem } from '../../../src/core/validate.js';
import type { ClaimMonthResult, TraceEntry } from '../../../src/core/result.js';

type Json = Record<string, unknown>;

function run(month: string, officeKind: string, patients: Json[], records: Json[]) {
  const out = calculate(
    { month, office: { id: '1310000001', kind: officeKind }, patients, records },
    { explain: true },
  );
  if (!out.ok) throw new Error(out.problems.map(formatProblem).join('\n'));
  return out;
}

const billedIds = (r: ClaimMonthResult): string[] =>
  r.claims.flatMap((c) => c.lines.flatMap((l) => l.recordIds)).sort();

const refusedAs = (r: ClaimMonthResult): string[][] =>
  r.rejections.filter((x) => x.code !== 'HISTORY').map((x) => [x.recordId, x.code, x.rule]);

const stepOf = (trace: TraceEntry[], id: string): string =>
  trace.find((t) => t.recordId === id && t.text.includes('算定不可'))?.text ?? '';

const note = (kept: string) => `同じ日の訪問は入力順に算定します（先に入力された${kept}を算定: O5）`;

describe('O5 K24-2d: a same-day pair of 居宅療養管理指導 — the visit entered first is billed', () => {
  // [profession, office kind, service month]: every profession of the 2024 schedule, and the 2009 nurse
  // (H21-8, once in its care-plan window).
  const cases: [string, string, string][] = [
    ['doctor', 'clinic', '2024-07'],
    ['dentist', 'dental_clinic', '2024-07'],
    ['pharmacist', 'pharmacy', '2024-07'],
    ['pharmacist', 'hospital', '2024-07'],
    ['dietitian', 'clinic', '2024-07'],
    ['dental_hygienist', 'dental_clinic', '2024-07'],
    ['nurse', 'clinic', '2010-10'],
    ['assistant_nurse', 'clinic', '2010-10'],
  ];

  describe.each(cases)('O5 K24-2d %s (%s, %s)', (profession, office, month) => {
    const p = { id: 'P1', care: { level: 'care2', copay: 1 }, carePlanStartDate: `${month}-01` };
    const v = (id: string): Json => ({
      kind: 'kyotaku',
      id,
      patientId: 'P1',
      date: `${month}-10`,
      profession,
      reported: true,
    });

    it.each([
      ['V10', 'V9'],
      ['V9', 'V10'],
    ])('O5 K24-2d: %s entered before %s → the first billed, the second SAME_DAY', (first, second) => {
      const { result, trace } = run(month, office, [p], [v(first), v(second)]);
      expect(billedIds(result)).toEqual([first]);
      expect(refusedAs(result)).toEqual([[second, 'SAME_DAY', 'K24-2d']]);
      expect(stepOf(trace, second)).toContain(note(first));
    });
  });

  it('O5 K24-2c: two pharmacists on the first day of the month — the staff member entered first bills the month', () => {
    const p = { id: 'P1', care: { level: 'care2', copay: 1 } };
    const v = (id: string, staffId: string, date: string): Json => ({
      kind: 'kyotaku',
      id,
      patientId: 'P1',
      date,
      profession: 'pharmacist',
      reported: true,
      staffId,
    });
    const a = run(
      '2024-07',
      'pharmacy',
      [p],
      [v('V10', 'S2', '2024-07-03'), v('V9', 'S1', '2024-07-03'), v('V11', 'S1', '2024-07-17')],
    );
    expect(billedIds(a.result)).toEqual(['V10']);
    expect(refusedAs(a.result)).toEqual([
      ['V9', 'SECOND_PRACTITIONER', 'K24-2c'],
      ['V11', 'SECOND_PRACTITIONER', 'K24-2c'],
    ]);
    expect(stepOf(a.trace, 'V9')).toContain(note('V10'));
    expect(stepOf(a.trace, 'V11')).not.toContain('O5'); // another day: not a same-day choice

    const b = run(
      '2024-07',
      'pharmacy',
      [p],
      [v('V9', 'S1', '2024-07-03'), v('V10', 'S2', '2024-07-03'), v('V11', 'S1', '2024-07-17')],
    );
    expect(billedIds(b.result)).toEqual(['V11', 'V9']);
    expect(refusedAs(b.result)).toEqual([['V10', 'SECOND_PRACTITIONER', 'K24-2c']]);
    expect(stepOf(b.trace, 'V10')).toContain(note('V9'));
  });

  it('O5: a visit refused on a day without another billed visit gets no O5 note', () => {
    const p = { id: 'P1', care: { level: 'care2', copay: 1 } };
    const v = (id: string, date: string): Json => ({
      kind: 'kyotaku',
      id,
      patientId: 'P1',
      date,
      profession: 'pharmacist',
      reported: true,
    });
    // 中6日: 07-03 billed, 07-05 refused INTERVAL on a day of its own.
    const { result, trace } = run('2024-07', 'pharmacy', [p], [v('V1', '2024-07-03'), v('V2', '2024-07-05')]);
    expect(refusedAs(result)).toEqual([['V2', 'INTERVAL', 'K24-5b']]);
    expect(stepOf(trace, 'V2')).not.toContain('O5');
  });
});

describe('O5 C006-3 / C006-4: a same-day pair where the limit leaves room for one', () => {
  const patient = (extra: Json = {}): Json => ({
    id: 'R1',
    medical: { copay: 1 },
    lastExamDate: '2024-07-01',
    ...extra,
  });
  const v = (id: string, date: string, units: number): Json => ({
    kind: 'c006',
    id,
    patientId: 'R1',
    date,
    units,
  });

  it('O5 C006-3a: 4 units billed on Monday, two 2-unit visits on Tuesday — V10 entered first is billed', () => {
    const { result, trace } = run(
      '2024-07',
      'clinic',
      [patient()],
      [v('M', '2024-07-08', 4), v('V10', '2024-07-09', 2), v('V9', '2024-07-09', 2)],
    );
    expect(billedIds(result)).toEqual(['M', 'V10']);
    expect(refusedAs(result)).toEqual([['V9', 'WEEKLY_LIMIT', 'C006-3a C006-3d']]);
    expect(result.rejections[0]).not.toHaveProperty('units'); // refused in full
    expect(stepOf(trace, 'V9')).toContain(note('V10'));
  });

  it('O5 C006-3a: the same visits with V9 entered first — V9 is billed', () => {
    const { result, trace } = run(
      '2024-07',
      'clinic',
      [patient()],
      [v('M', '2024-07-08', 4), v('V9', '2024-07-09', 2), v('V10', '2024-07-09', 2)],
    );
    expect(billedIds(result)).toEqual(['M', 'V9']);
    expect(refusedAs(result)).toEqual([['V10', 'WEEKLY_LIMIT', 'C006-3a C006-3d']]);
    expect(stepOf(trace, 'V10')).toContain(note('V9'));
  });

  it('O5 C006-4d: two 4-unit visits on one acute day, in both orders — the one entered first is billed', () => {
    const acute = patient({ acuteExamDate: '2024-07-01' });
    const a = run('2024-07', 'clinic', [acute], [v('V10', '2024-07-02', 4), v('V9', '2024-07-02', 4)]);
    expect(billedIds(a.result)).toEqual(['V10']);
    expect(refusedAs(a.result)).toEqual([['V9', 'DAILY_LIMIT', 'C006-4d']]);
    expect(stepOf(a.trace, 'V9')).toContain(note('V10'));
    const b = run('2024-07', 'clinic', [acute], [v('V9', '2024-07-02', 4), v('V10', '2024-07-02', 4)]);
    expect(billedIds(b.result)).toEqual(['V9']);
    expect(refusedAs(b.result)).toEqual([['V10', 'DAILY_LIMIT', 'C006-4d']]);
    expect(stepOf(b.trace, 'V10')).toContain(note('V9'));
  });
});
