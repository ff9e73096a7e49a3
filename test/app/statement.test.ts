// The patient's 請求書 / 領収書 data (src/app/statement.ts) for a month with both 公費 (KOHI-7): what each 公費
// paid on the claim, what the patient pays, and the totals; a month without 公費 has no 公費 field at all.
import { describe, expect, it } from 'vitest';
import { calculate, formatProblem } from '../../src/santei.js';
import { buildStatement } from '../../src/app/statement.js';
import type { Office, Patient } from '../../src/contract/types.js';

const office = { id: 'o1', number: '1342007893', name: '青葉薬局' } as Office;
const person = (id: string): Patient => ({ id, name: `利用者${id}` }) as Patient;

const kohi = {
  seiho: {
    law: '12',
    payerNumber: '12131017',
    recipientNumber: '1234566',
    from: '2024-04-01',
    selfPayYen: 300,
  },
  nanbyo: {
    law: '54',
    payerNumber: '54016027',
    recipientNumber: '1234566',
    from: '2024-04-01',
    monthlyCapYen: 0,
  },
};

function priced(patients: object[]) {
  const raw = {
    month: '2024-07',
    office: { id: '1342007893', kind: 'pharmacy' },
    patients,
    records: patients.flatMap((p) =>
      ['2024-07-05', '2024-07-19'].map((date) => ({
        kind: 'kyotaku',
        id: `${(p as { id: string }).id}-${date}`,
        patientId: (p as { id: string }).id,
        date,
        profession: 'pharmacist',
        reported: true,
      })),
    ),
  };
  const r = calculate(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r;
}

const care = { level: 'care2', copay: 1 };

describe('KOHI-7: the statement shows what the 公費 paid and what the patient pays', () => {
  const r = priced([
    { id: 'S', care, kohi: [kohi.seiho] },
    { id: 'B', care, kohi: [kohi.nanbyo, { ...kohi.seiho, selfPayYen: 0 }] },
    { id: 'P', care },
  ]);
  const statementOf = (id: string) =>
    buildStatement(office, person(id), r.input, r.result, { kind: 'preview' });

  it('生活保護 with 本人支払額 300: the 公費 paid 736, the patient pays 300', () => {
    const s = statementOf('S');
    expect(s.claims[0]).toMatchObject({ yen: 10360, insurer: 9324, copay: 300 });
    expect(s.claims[0]!.kohi!.shares).toEqual([
      expect.objectContaining({ law: '12', name: '生活保護（介護扶助）', claim: 736, selfPay: 300 }),
    ]);
    expect(s.totals).toMatchObject({ yen: 10360, insurer: 9324, kohi: 736, copay: 300 });
    expect(s.totals.insurer + s.totals.kohi! + s.totals.copay).toBe(s.totals.yen);
    expect(s.medicalDeductionYen).toBe(300); // K24-7: what the patient paid
  });

  it('難病 (cap 0) and 生活保護: both 公費 on the claim, the patient pays nothing', () => {
    const s = statementOf('B');
    expect(s.claims[0]!.kohi!.shares.map((k) => [k.law, k.claim])).toEqual([
      ['54', 1036],
      ['12', 0],
    ]);
    expect(s.totals).toMatchObject({ kohi: 1036, copay: 0 });
  });

  it('a patient without 公費: no 公費 on the claim or in the totals', () => {
    const s = statementOf('P');
    expect(s.claims[0]!.kohi).toBeUndefined();
    expect(s.totals.kohi).toBeUndefined();
    expect(s.totals.copay).toBe(1036);
  });
});
