// Addresses of the web app's screens (web/src/router.ts): what a bookmark or the back button brings back.
import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash, type Route } from '../../web/src/routes.js';

describe('screen addresses', () => {
  const routes: Route[] = [
    { name: 'patients' },
    { name: 'newPatient' },
    { name: 'patient', id: 'p-1/é' },
    { name: 'visits' },
    { name: 'visits', patientId: 'abc' },
    { name: 'buildings' },
    { name: 'close' },
    { name: 'close', version: 2, month: '2024-07' },
    { name: 'statement', patientId: 'p1', kind: 'invoice' },
    { name: 'statement', patientId: 'p1', kind: 'receipt', version: 3, month: '2024-07' },
    { name: 'reportList' },
    { name: 'staff' },
    { name: 'import' },
    { name: 'audit' },
    { name: 'settings', tab: 'office' },
    { name: 'settings', tab: 'users' },
    { name: 'settings', tab: 'password' },
  ];

  it('every screen’s address reads back as the same screen', () => {
    for (const r of routes) expect(parseHash(hrefOf(r))).toEqual(r);
  });

  it('a claim version is kept only with the month it belongs to', () => {
    expect(parseHash('#/close?version=2')).toEqual({ name: 'close' });
    expect(parseHash('#/close?month=2024-07&version=x')).toEqual({ name: 'close' });
    expect(hrefOf({ name: 'close', version: 2 })).toBe('#/close');
  });

  it('an unknown or empty address opens the patient list', () => {
    expect(parseHash('')).toEqual({ name: 'patients' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'patients' });
    expect(parseHash('#/statement')).toEqual({ name: 'patients' });
    expect(parseHash('#/settings/nowhere')).toEqual({ name: 'settings', tab: 'office' });
  });
});
