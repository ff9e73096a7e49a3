// From records to the engine input as of a month (pure), and the per-patient diff of two results.
import { describe, expect, it } from 'vitest';
import type { ClaimMonthResult } from '../../src/core/result.js';
import { certificationsFor, residenceFor, canonicalJson, sha256Hex } from '../../src/app/monthInput.js';
import { diffResults } from '../../src/app/versions.js';
import type { Building, CertificationPeriod, ResidencePeriod } from '../../src/contract/types.js';

const stamp = { createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' };
const buildings = new Map<string, Building>([
  ['b1', { id: 'b1', officeId: 'o', name: 'あおば', kind: 'sakoju', dwellings: 40, ...stamp }],
]);

describe('certification periods as of a month (K24-1a)', () => {
  const certs: CertificationPeriod[] = [
    { level: 'support2', copay: 1, from: '2023-01-01', to: '2024-03-31' },
    { level: 'care1', copay: 1, from: '2024-04-01', to: '2024-07-14' },
    { level: 'care3', copay: 2, from: '2024-07-15', to: '2025-07-31' },
  ];
  it('gives the period in force latest in the month as care, the other periods of the window as certifications', () => {
    expect(certificationsFor(certs, '2024-07')).toEqual({
      care: { level: 'care3', copay: 2, from: '2024-07-15', to: '2025-07-31' },
      certifications: [{ level: 'care1', copay: 1, from: '2024-04-01', to: '2024-07-14' }],
    });
  });
  it('uses only the periods of the month and its 2 months of history (boundary: a period ending in March counts for May, not June)', () => {
    expect(certificationsFor(certs, '2024-06')).toEqual({
      care: { level: 'care1', copay: 1, from: '2024-04-01', to: '2024-07-14' },
    });
    expect(certificationsFor(certs, '2024-05').certifications).toEqual([
      { level: 'support2', copay: 1, from: '2023-01-01', to: '2024-03-31' },
    ]);
  });
  it('gives nothing for a month no period touches', () => {
    expect(certificationsFor(certs, '2022-10')).toEqual({});
    expect(certificationsFor([], '2024-07')).toEqual({});
  });
});

describe('residence as of a month', () => {
  const residences: ResidencePeriod[] = [
    { kind: 'home', householdId: 'h1', from: '2020-01-01', to: '2024-07-31' },
    { kind: 'sakoju', buildingId: 'b1', from: '2024-08-01' },
  ];
  it('closing July uses July’s home even though the patient moved on August 1', () => {
    expect(residenceFor(residences, buildings, '2024-07')).toEqual({ kind: 'home', householdId: 'h1' });
  });
  it('August uses the building with its dwellings (K24-4d)', () => {
    expect(residenceFor(residences, buildings, '2024-08')).toEqual({
      kind: 'sakoju',
      buildingId: 'b1',
      dwellings: 40,
    });
  });
  it('a move within the month: the residence in force latest in the month', () => {
    const mid: ResidencePeriod[] = [
      { kind: 'home', from: '2020-01-01', to: '2024-07-20' },
      { kind: 'group_home', from: '2024-07-21' },
    ];
    expect(residenceFor(mid, buildings, '2024-07')?.kind).toBe('group_home');
    expect(residenceFor(mid, buildings, '2024-06')?.kind).toBe('home');
  });
});

describe('canonical JSON digest', () => {
  it('does not depend on key order, and does on values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).toBe(sha256Hex(canonicalJson({ b: 2, a: 1 })));
    expect(sha256Hex(canonicalJson({ a: 1 }))).not.toBe(sha256Hex(canonicalJson({ a: 2 })));
  });
});

describe('diff of two results per patient', () => {
  const base: ClaimMonthResult = {
    month: '2024-07',
    officeId: '1',
    schedule: '2024-06',
    claims: [
      {
        patientId: 'p1',
        insurance: 'care',
        serviceType: '31',
        lines: [],
        units: 518,
        unitPrice: 10,
        yen: 5180,
        insurer: 4662,
        copay: 518,
      },
      {
        patientId: 'p2',
        insurance: 'care',
        serviceType: '31',
        lines: [],
        units: 518,
        unitPrice: 10,
        yen: 5180,
        insurer: 4662,
        copay: 518,
      },
    ],
    rejections: [{ recordId: 'r9', patientId: 'p2', code: 'MONTHLY_LIMIT', rule: 'K24-5a', message: '…' }],
    totals: { units: 1036, yen: 10360, insurer: 9324, copay: 1036 },
  };
  it('lists only the patients that changed: amounts, claims and rejections added or removed', () => {
    const next: ClaimMonthResult = {
      ...base,
      claims: [
        base.claims[0]!,
        {
          patientId: 'p3',
          insurance: 'medical',
          serviceType: 'C006',
          lines: [],
          units: 300,
          unitPrice: 10,
          yen: 3000,
          insurer: 2100,
          copay: 900,
        },
      ],
      rejections: [{ recordId: 'r7', patientId: 'p2', code: 'DURING_STAY', rule: 'K24-1b', message: '…' }],
    };
    const d = diffResults(base, next);
    expect(d.map((x) => x.patientId)).toEqual(['p2', 'p3']);
    expect(d[0]).toMatchObject({
      from: { units: 518, yen: 5180 },
      to: { units: 0, yen: 0, insurer: 0, copay: 0 },
      claimsRemoved: ['care:31'],
      rejectionsAdded: [{ recordId: 'r7', code: 'DURING_STAY' }],
      rejectionsRemoved: [{ recordId: 'r9', code: 'MONTHLY_LIMIT' }],
    });
    expect(d[1]).toMatchObject({
      from: { units: 0 },
      to: { units: 300, copay: 900 },
      claimsAdded: ['medical:C006'],
    });
    expect(diffResults(base, base)).toEqual([]);
  });
});
