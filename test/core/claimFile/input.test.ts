// claim-file.md "Input the file needs": the patient fields of the claim file, an optional extension of the
// contract's input — a month without them prices exactly as before; with them, each is checked and a
// problem names the JSON path, what is wrong and the patient.
import { describe, expect, it } from 'vitest';
import { calculate, formatProblem } from '../../../src/santei.js';
import { validateInput } from '../../../src/core/validate.js';
import { withCheckDigit } from '../../../src/core/checkDigits.js';

const CARE_PLAN_OFFICE = withCheckDigit('131200001');

const base = {
  month: '2024-07',
  office: { id: '1310000001', kind: 'pharmacy' },
  patients: [{ id: 'P1', care: { level: 'care2', copay: 1 } }],
  records: [
    {
      kind: 'kyotaku',
      id: 'V1',
      patientId: 'P1',
      date: '2024-07-03',
      profession: 'pharmacist',
      reported: true,
    },
  ],
};

function withPatient(extra: Record<string, unknown>) {
  return { ...base, patients: [{ ...base.patients[0], ...extra }] };
}

function problems(raw: unknown): string[] {
  const v = validateInput(raw);
  return v.ok ? [] : v.problems.map(formatProblem);
}

const complete = {
  insured: { insurerNumber: '131011', number: '0000012345' },
  birthDate: '1940-01-01',
  sex: 'female',
  care: { level: 'care2', copay: 1, from: '2024-04-01', to: '2025-03-31' },
  carePlan: { maker: 'office', officeNumber: CARE_PLAN_OFFICE },
};

describe('claim-file.md "Input the file needs" (contract extension)', () => {
  it('a month without the fields prices as before; with them, the result is the same', () => {
    const without = calculate(base);
    const withFields = calculate(withPatient(complete));
    if (!without.ok || !withFields.ok) throw new Error('bad input');
    expect(withFields.result).toEqual(without.result);
  });

  it('accepts a セルフプラン and a 被保険者番号 with a letter', () => {
    expect(problems(withPatient({ ...complete, carePlan: { maker: 'self' } }))).toEqual([]);
    expect(
      problems(withPatient({ ...complete, insured: { insurerNumber: '131029', number: 'H123456789' } })),
    ).toEqual([]);
  });

  it('保険者番号: 6 digits with its check digit; the line names the path and the patient', () => {
    expect(
      problems(withPatient({ ...complete, insured: { insurerNumber: '131012', number: '0000012345' } })),
    ).toEqual([
      'patients[0].insured.insurerNumber: "131012" は保険者番号の検証番号（6桁目）が合いません（被保険者証の保険者番号を確かめてください）（利用者 P1）',
    ]);
    expect(
      problems(withPatient({ ...complete, insured: { insurerNumber: '13101', number: '0000012345' } }))[0],
    ).toMatch(/^patients\[0\]\.insured\.insurerNumber: "13101" は保険者番号ではありません.*（利用者 P1）$/);
  });

  it('被保険者番号: 10 characters, never padded', () => {
    expect(
      problems(withPatient({ ...complete, insured: { insurerNumber: '131011', number: '12345' } })),
    ).toEqual([
      'patients[0].insured.number: "12345" は被保険者番号ではありません（被保険者証の被保険者番号10桁をそのまま入力してください）（利用者 P1）',
    ]);
    expect(problems(withPatient({ ...complete, insured: { insurerNumber: '131011' } }))).toEqual([
      'patients[0].insured.number: 必須項目がありません',
    ]);
  });

  it('carePlan: an office needs its 10-digit 事業所番号 with the modulus-10 check digit', () => {
    const wrong = CARE_PLAN_OFFICE.slice(0, 9) + String((Number(CARE_PLAN_OFFICE[9]) + 1) % 10);
    expect(
      problems(withPatient({ ...complete, carePlan: { maker: 'office', officeNumber: wrong } })),
    ).toEqual([
      `patients[0].carePlan.officeNumber: "${wrong}" は事業所番号の検証番号（10桁目）が合いません（入力の誤りがないか確認してください）（利用者 P1）`,
    ]);
    expect(problems(withPatient({ ...complete, carePlan: { maker: 'office' } }))).toEqual([
      'patients[0].carePlan.officeNumber: 必須項目がありません',
    ]);
    expect(problems(withPatient({ ...complete, carePlan: { maker: 'someone' } }))).toEqual([
      'patients[0].carePlan.maker: "someone" は使えない値です（使える値: office＝居宅介護支援事業所・地域包括支援センターが作成, self＝セルフプラン）',
    ]);
    expect(
      problems(withPatient({ ...complete, carePlan: { maker: 'self', officeNumber: CARE_PLAN_OFFICE } })),
    ).toEqual([
      'patients[0].carePlan.officeNumber: 知らない項目です（項目名の誤りがないか確認してください）',
    ]);
  });

  it('birthDate is a real date; sex is male or female', () => {
    expect(problems(withPatient({ ...complete, birthDate: '1940-02-30' }))).toEqual([
      'patients[0].birthDate: "1940-02-30" は日付ではありません（実在する日付を YYYY-MM-DD で入力してください）',
    ]);
    expect(problems(withPatient({ ...complete, sex: 'm' }))).toEqual([
      'patients[0].sex: "m" は使えない値です（使える値: male, female）',
    ]);
  });
});
