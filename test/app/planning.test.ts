import { describe, expect, it } from 'vitest';
import type { ClaimMonthInput } from '../../src/core/input.js';
import { countBuilding, checkVisitIn, noDateReason } from '../../src/app/planning.js';
import { columnOfItem } from '../../src/core/rules/kyotaku.js';
import { scheduleFor } from '../../src/santei.js';

function building(n: number, extra: Partial<ClaimMonthInput> = {}): ClaimMonthInput {
  const patients = Array.from({ length: n }, (_, i) => ({
    id: `P${i + 1}`,
    care: { level: 'care2' as const, copay: 1 as const },
    residence: { kind: 'sakoju' as const, buildingId: 'B1' },
  }));
  const records = patients.map((p, i) => ({
    kind: 'kyotaku' as const,
    id: `V${i + 1}`,
    patientId: p.id,
    date: '2024-07-10',
    profession: 'pharmacist' as const,
    reported: true,
  }));
  return { month: '2024-07', office: { id: '1310000001', kind: 'pharmacy' }, patients, records, ...extra };
}

describe('building counts (K24-4)', () => {
  const schedule = scheduleFor('2024-07')!;

  it('K24-4a: 9 patients are the 2–9 column and one more moves all of them to 10人以上', () => {
    const c = countBuilding(building(9), schedule, 'B1', ['pharmacist']);
    const p = c.professions[0]!;
    expect(p.patients).toBe(9);
    expect(p.column).toBe('few');
    expect(p.oneMore.patients).toBe(10);
    expect(p.oneMore.column).toBe('many');
    expect(p.oneMore.existingYenChange).toBeLessThan(0);
    expect(p.oneMore.newPatientYen).toBeGreaterThan(0);
    expect(p.oneMore.totalYenChange).toBe(p.oneMore.existingYenChange + p.oneMore.newPatientYen);
  });

  it('K24-4a: 5 patients stay in the 2–9 column with one more: the existing yen do not change', () => {
    const p = countBuilding(building(5), schedule, 'B1', ['pharmacist']).professions[0]!;
    expect(p.patients).toBe(5);
    expect(p.column).toBe('few');
    expect(p.oneMore.column).toBe('few');
    expect(p.oneMore.existingYenChange).toBe(0);
  });

  it('K24-4a: one patient alone is 1人, a second moves both to 2–9', () => {
    const p = countBuilding(building(1), schedule, 'B1', ['pharmacist']).professions[0]!;
    expect(p.column).toBe('single');
    expect(p.oneMore.column).toBe('few');
    expect(p.oneMore.existingYenChange).toBeLessThan(0);
  });

  it('a profession with no visit in the building counts 0 and one more is 1人', () => {
    const input = building(3, { office: { id: '1310000001', kind: 'hospital' } });
    const p = countBuilding(input, schedule, 'B1', ['dietitian']).professions[0]!;
    expect(p.patients).toBe(0);
    expect(p.column).toBeNull();
    expect(p.oneMore.column).toBe('single');
  });

  it('K24-4d: 4 patients in 40 dwellings are each 1人, and the reason says so with its rule', () => {
    const input = building(4);
    for (const p of input.patients) p.residence = { ...p.residence!, dwellings: 40 };
    const p = countBuilding(input, schedule, 'B1', ['pharmacist']).professions[0]!;
    expect(p.patients).toBe(4);
    expect(p.column).toBe('single');
    expect(p.reasons).toEqual([
      {
        rule: 'K24-4d',
        text: '4人 → 戸数40の10%以下のため1人として算定',
        patientIds: ['P1', 'P2', 'P3', 'P4'],
      },
    ]);
  });

  it('K24-4d: 5 patients in 40 dwellings are more than 10 %: no reason, the 2–9 column', () => {
    const input = building(5);
    for (const p of input.patients) p.residence = { ...p.residence!, dwellings: 40 };
    const p = countBuilding(input, schedule, 'B1', ['pharmacist']).professions[0]!;
    expect(p.column).toBe('few');
    expect(p.reasons).toEqual([]);
  });

  it('K24-4c: two patients of one household are each 1人, the third is counted with them', () => {
    const input = building(3);
    input.patients[0]!.residence = { ...input.patients[0]!.residence!, householdId: 'H1' };
    input.patients[1]!.residence = { ...input.patients[1]!.residence!, householdId: 'H1' };
    const p = countBuilding(input, schedule, 'B1', ['pharmacist']).professions[0]!;
    expect(p.columnsByPatient).toEqual({ P1: 'single', P2: 'single', P3: 'few' });
    expect(p.reasons).toEqual([
      {
        rule: 'K24-4c',
        text: '3人 → 同一世帯の利用者が2人以上のため1人として算定',
        patientIds: ['P1', 'P2'],
      },
    ]);
  });

  it('K24-4e: a group home counts per unit, and says which unit', () => {
    const input = building(3);
    input.patients.forEach((p, i) => {
      p.residence = { kind: 'group_home', buildingId: 'B1', unitId: i < 2 ? 'A' : 'B' };
    });
    const p = countBuilding(input, schedule, 'B1', ['pharmacist']).professions[0]!;
    expect(p.columnsByPatient).toEqual({ P1: 'few', P2: 'few', P3: 'single' });
    expect(p.reasons.map((r) => [r.rule, r.text, r.patientIds])).toEqual([
      ['K24-4e', 'グループホームはユニットごとに数えます（ユニットA: 2人）', ['P1', 'P2']],
      ['K24-4e', 'グループホームはユニットごとに数えます（ユニットB: 1人）', ['P3']],
    ]);
  });

  it('columnOfItem reads only 居宅療養管理指導 column lines', () => {
    expect(columnOfItem('kyotaku.pharmacist.pharmacy.few')).toBe('few');
    expect(columnOfItem('kyotaku.addition.narcotic')).toBeUndefined();
    expect(columnOfItem('c006.1')).toBeUndefined();
  });
});

describe('visit check (K24-5b 中6日)', () => {
  it('K24-5b: a pharmacist visit 3 days after the last is refused and the earliest date is 7 days after', () => {
    const input = building(1);
    const a = checkVisitIn(input, {
      kind: 'kyotaku',
      patientId: 'P1',
      date: '2024-07-13',
      profession: 'pharmacist',
      reported: true,
    });
    expect(a.billable).toBe(false);
    expect(a.asked.rejections[0]?.code).toBe('INTERVAL');
    expect(a.earliestDate).toBe('2024-07-17');
  });

  it('K24-5b: 7 days after the last visit is billable, with its column', () => {
    const input = building(2);
    const a = checkVisitIn(input, {
      kind: 'kyotaku',
      patientId: 'P1',
      date: '2024-07-17',
      profession: 'pharmacist',
      reported: true,
    });
    expect(a.billable).toBe(true);
    expect(a.column).toBe('few');
    expect(a.earliestDate).toBe('2024-07-17');
  });
});

describe('planning answers name what to do instead of "no date"', () => {
  const doctor = {
    kind: 'kyotaku' as const,
    patientId: 'P1',
    date: '2024-07-10',
    profession: 'doctor' as const,
    reported: true,
  };

  it('K24-2e: an unticked 訪問診療 box is named, not 「62日以内に算定できる日はありません」', () => {
    const input = building(1, { office: { id: '1310000001', kind: 'clinic' } });
    input.records = [];
    const a = checkVisitIn(input, { ...doctor, examined: false });
    expect(a.billable).toBe(false);
    expect(a.earliestDate).toBeUndefined();
    const why = noDateReason({ ...doctor, examined: false }, a.asked.rejections, a.horizonDays);
    expect(why.field).toBe('examined');
    expect(why.rule).toContain('K24-2e');
    expect(why.message).toContain('「同じ日に訪問診療・往診をした」にチェックがありません');
  });

  it('K24-1a: no certification names the missing record and where to add it', () => {
    const input = building(1, { office: { id: '1310000001', kind: 'clinic' } });
    delete input.patients[0]!.care;
    input.records = [];
    const a = checkVisitIn(input, doctor);
    const why = noDateReason(doctor, a.asked.rejections, a.horizonDays);
    expect(why.field).toBe('certifications');
    expect(why.message).toContain('認定');
    expect(why.message).toContain('履歴を追加');
  });
});
