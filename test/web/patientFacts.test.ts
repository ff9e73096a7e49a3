// Dated facts of a patient as the web app reads and extends them (web/src/patientFacts.ts).
import { describe, expect, it } from 'vitest';
import { certificationIn, endOpenBefore, residenceIn } from '../../web/src/patientFacts.js';
import type { Patient } from '../../src/contract/types.js';

const patient = {
  certifications: [
    { level: 'care1', copay: 1, from: '2024-01-01', to: '2024-07-14' },
    { level: 'care3', copay: 1, from: '2024-07-15' },
  ],
  residences: [
    { kind: 'home', from: '2020-04-01', to: '2024-06-30' },
    { kind: 'sakoju', buildingId: 'b1', from: '2024-07-01' },
  ],
  stays: [],
} as unknown as Patient;

describe('facts of a month', () => {
  it('a level change within the month: the period in force latest in the month', () => {
    expect(certificationIn(patient, '2024-07')?.level).toBe('care3');
    expect(certificationIn(patient, '2024-06')?.level).toBe('care1');
    expect(certificationIn(patient, '2023-12')).toBeUndefined();
  });

  it('a move on the first of the month: the new residence from that month on', () => {
    expect(residenceIn(patient, '2024-06')?.kind).toBe('home');
    expect(residenceIn(patient, '2024-07')?.buildingId).toBe('b1');
  });
});

describe('a new period ends the open one the day before', () => {
  it('the open period ends on the day before; closed and later periods are kept', () => {
    const out = endOpenBefore(patient.certifications, '2024-09-01');
    expect(out[0]).toEqual(patient.certifications[0]);
    expect(out[1]).toEqual({ level: 'care3', copay: 1, from: '2024-07-15', to: '2024-08-31' });
  });

  it('an open period starting on the same day or later is left open (the API reports the overlap)', () => {
    expect(endOpenBefore(patient.certifications, '2024-07-15')[1]?.to).toBeUndefined();
    expect(endOpenBefore(patient.certifications, '2024-07-01')[1]?.to).toBeUndefined();
  });

  it('across a month end and a leap day', () => {
    const open: { from: string; to?: string }[] = [{ from: '2023-01-01' }];
    expect(endOpenBefore(open, '2024-03-01')[0]?.to).toBe('2024-02-29');
    expect(endOpenBefore(open, '2023-03-01')[0]?.to).toBe('2023-02-28');
  });
});
