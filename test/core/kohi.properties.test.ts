// Properties of the 公費 arithmetic over random months of one patient (docs/kohi.md), with fast-check:
// insurer + Σ公費 + patient = 費用 on every claim, nothing negative, the monthly amounts never exceeded,
// the insurer's share never changed by a 公費, and a month without 公費 exactly today's split.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyKohiMonth, type KohiClaimInput, type KohiEntry } from '../../src/core/kohi.js';
import { careSplit, careSplitNoCopay, careTotalYen } from '../../src/core/money.js';
import { kohiTable } from '../../src/schedules/kohi/index.js';

const MONTH = '2024-07';
const day = (d: number) => `2024-07-${String(d).padStart(2, '0')}`;

/** An entry start: mostly before the month, sometimes inside it; an end: mostly none. */
const from = fc.oneof(fc.constant('2024-04-01'), fc.integer({ min: 1, max: 31 }).map(day));
const to = fc.option(fc.integer({ min: 1, max: 31 }).map(day), { nil: undefined, freq: 3 });

const seiho = fc
  .record({ from, to, selfPayYen: fc.integer({ min: 0, max: 3000 }) })
  .map(({ from, to, selfPayYen }): KohiEntry => ({
    law: '12',
    payerNumber: '12131017',
    recipientNumber: '1234566',
    from,
    ...(to !== undefined && to >= from ? { to } : {}),
    selfPayYen,
  }));

const nanbyo = fc
  .record({
    from,
    to,
    monthlyCapYen: fc.constantFrom(0, 2500, 5000, 10000, 20000, 30000),
    paidElsewhereYen: fc.option(fc.integer({ min: 0, max: 35000 }), { nil: undefined }),
  })
  .map(({ from, to, monthlyCapYen, paidElsewhereYen }): KohiEntry => ({
    law: '54',
    payerNumber: '54016027',
    recipientNumber: '1234566',
    from,
    ...(to !== undefined && to >= from ? { to } : {}),
    monthlyCapYen,
    ...(paidElsewhereYen === undefined ? {} : { paidElsewhereYen }),
  }));

const claimInput: fc.Arbitrary<KohiClaimInput> = fc
  .record({
    serviceType: fc.constantFrom('31', '34', '13', '14', '11', '43'),
    units: fc.integer({ min: 0, max: 6000 }),
    unitPrice: fc.constantFrom(1000, 1105, 1072, 1000),
    copay: fc.constantFrom(1 as const, 2 as const, 3 as const),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 8 }),
    partial: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined, freq: 2 }),
  })
  .map(({ serviceType, units, unitPrice, copay, days, partial }) => {
    const monthly = serviceType === '43';
    const c: KohiClaimInput = {
      serviceType,
      units,
      unitPrice,
      copay: monthly ? null : copay,
      dates: monthly ? [] : [...days].sort((a, b) => a - b).map(day),
    };
    if (partial !== undefined) {
      const u = Math.min(partial, units);
      return { ...c, coveredUnits: { '12': u, '54': u } };
    }
    return c;
  });

const monthArb = fc.record({
  insured: fc.boolean(),
  seiho: fc.option(seiho, { nil: undefined }),
  nanbyo: fc.option(nanbyo, { nil: undefined }),
  // One claim per patient and service type, as the engine makes them.
  claims: fc.uniqueArray(claimInput, { minLength: 1, maxLength: 4, selector: (c) => c.serviceType }),
});

/** Today's split of a claim (M-3 … M-6), or the 10割 of a patient without 介護保険. */
function today(c: KohiClaimInput, insured: boolean) {
  if (!insured) {
    const yen = careTotalYen(c.units, c.unitPrice);
    return { yen, insurer: 0, copay: yen };
  }
  return c.copay === null ? careSplitNoCopay(c.units, c.unitPrice) : careSplit(c.units, c.unitPrice, c.copay);
}

/** The month through the arithmetic; the generated entries are always valid. */
function run(m: { insured: boolean; seiho?: KohiEntry; nanbyo?: KohiEntry; claims: KohiClaimInput[] }) {
  const entries = [m.seiho, m.nanbyo].filter((e): e is KohiEntry => e !== undefined);
  const out = applyKohiMonth({
    month: MONTH,
    patientId: 'A',
    insured: m.insured,
    entries,
    claims: m.claims,
    table: kohiTable,
  });
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  return out;
}

describe('公費 properties over random months', () => {
  it('KOHI-7 insurer + Σ公費請求額 + Σ本人負担額 + 利用者負担 = 費用, none negative, the insurer untouched', () => {
    fc.assert(
      fc.property(monthArb, (m) => {
        const { insured, claims } = m;
        const out = run(m);
        const refusedWhole = out.refusals.filter((r) => r.code === 'NO_PAYER').length;
        expect(out.claims.length + refusedWhole).toBe(claims.length);
        if (insured) expect(refusedWhole).toBe(0);
        let i = 0;
        for (const r of out.claims) {
          while (claims[i]!.serviceType !== r.serviceType) i++; // skip the refused claims
          const t = today(claims[i]!, insured);
          i++;
          const kohi = r.kohi.reduce((s, k) => s + k.claim, 0);
          const self = r.kohi.reduce((s, k) => s + k.selfPay, 0);
          expect(r.insurer + kohi + self + r.copay).toBe(r.yen);
          expect(r.patientPays).toBe(r.copay + self);
          for (const n of [r.insurer, r.copay, ...r.kohi.flatMap((k) => [k.claim, k.selfPay, k.units])]) {
            expect(n).toBeGreaterThanOrEqual(0);
          }
          expect(r.yen).toBe(t.yen);
          expect(r.insurer).toBe(t.insurer); // a 公費 never changes the insurer's share
          expect(r.patientPays).toBeLessThanOrEqual(t.copay); // nor makes the patient pay more
        }
      }),
      { numRuns: 400 },
    );
  });

  it('KOHI-4 / KOHI-5 the patient never pays more than the month’s 本人支払額 or what the cap leaves', () => {
    fc.assert(
      fc.property(monthArb, (m) => {
        const { seiho, nanbyo } = m;
        const out = run(m);
        const paid = (law: string) =>
          out.claims.flatMap((c) => c.kohi).reduce((s, k) => s + (k.law === law ? k.selfPay : 0), 0);
        if (seiho) expect(paid('12')).toBeLessThanOrEqual(seiho.selfPayYen!);
        if (nanbyo) {
          expect(paid('54')).toBeLessThanOrEqual(
            Math.max(0, nanbyo.monthlyCapYen! - (nanbyo.paidElsewhereYen ?? 0)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('KOHI-7 a month without 公費 entries is exactly today’s split', () => {
    fc.assert(
      fc.property(fc.array(claimInput, { minLength: 1, maxLength: 4 }), (claims) => {
        const out = applyKohiMonth({
          month: MONTH,
          patientId: 'A',
          insured: true,
          entries: [],
          claims,
          table: kohiTable,
        });
        if (!out.ok) throw new Error('no entries, no problems');
        expect(out.refusals).toEqual([]);
        expect(out.claims.map((c) => [c.yen, c.insurer, c.copay, c.patientPays, c.kohi.length])).toEqual(
          claims.map((c) => {
            const t = today(c, true);
            return [t.yen, t.insurer, t.copay, t.copay, 0];
          }),
        );
      }),
      { numRuns: 200 },
    );
  });
});
