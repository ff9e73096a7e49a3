// Properties of the engine over random valid 2024 months of 居宅療養管理指導 (contract.md, money.md,
// kyotaku-2024.md), with fast-check.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculate } from '../../src/santei.js';
import { formatProblem } from '../../src/core/validate.js';
import { addDays, dayNumber, fromDayNumber, lastDayOfMonth } from '../../src/core/dates.js';
import type { ClaimMonthResult } from '../../src/core/result.js';

type Json = Record<string, unknown>;

const months = ['2024-06', '2024-07', '2024-12', '2025-01', '2025-02', '2026-03', '2027-03'];
const officeKinds = ['clinic', 'hospital', 'dental_clinic', 'pharmacy'] as const;
const levels = ['support1', 'support2', 'care1', 'care2', 'care3', 'care4', 'care5'] as const;
const homeKinds = ['home', 'paid_home', 'tokutei', 'sakoju', 'yogo', 'keihi', 'group_home'] as const;
const facilityKinds = ['tokuyo', 'roken', 'iryoin', 'ryoyo'] as const;
const professions = ['doctor', 'dentist', 'pharmacist', 'dietitian', 'dental_hygienist', 'nurse'] as const;
const conditionList = ['terminal_cancer', 'central_venous_nutrition', 'opioid_injection'] as const;

/** A date mostly inside the month; some before it and a few after it (history). */
const dateIn = (month: string) => {
  const first = dayNumber(`${month}-01`);
  const last = dayNumber(lastDayOfMonth(month));
  return fc
    .oneof(
      { weight: 12, arbitrary: fc.integer({ min: first, max: last }) },
      { weight: 2, arbitrary: fc.integer({ min: first - 20, max: first - 1 }) },
      { weight: 1, arbitrary: fc.integer({ min: last + 1, max: last + 10 }) },
    )
    .map(fromDayNumber);
};

/** Absent most of the time (1 in `oneIn` present): the flags that refuse a visit stay rare. */
const rarely = <T>(a: fc.Arbitrary<T>, oneIn = 8) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const maybe = <T>(a: fc.Arbitrary<T>) => rarely(a, 2);

/** K24-3: the professions each office kind employs; the month mostly uses them. */
const employs: Record<(typeof officeKinds)[number], readonly (typeof professions)[number][]> = {
  clinic: ['doctor', 'pharmacist', 'dietitian'],
  hospital: ['doctor', 'dentist', 'pharmacist', 'dietitian', 'dental_hygienist'],
  dental_clinic: ['dentist', 'pharmacist', 'dental_hygienist'],
  pharmacy: ['pharmacist'],
};

/** Drops undefined fields: the schema is strict and optional fields are absent, not undefined. */
function clean(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const monthInput: fc.Arbitrary<Json> = fc
  .record({
    month: fc.constantFrom(...months),
    officeKind: fc.constantFrom(...officeKinds),
    area: fc.constantFrom('none', 'none', 'special', 'chusankan'),
    dwellings: fc.tuple(maybe(fc.integer({ min: 1, max: 40 })), maybe(fc.integer({ min: 1, max: 40 }))),
    nPatients: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ month, officeKind, area, dwellings, nPatients }) => {
    const patient = (i: number) =>
      fc
        .record({
          level: fc.constantFrom(...levels),
          copay: fc.constantFrom(1, 2, 3),
          certified: fc.integer({ min: 0, max: 19 }).map((n) => n !== 0),
          from: rarely(dateIn(month), 4),
          span: fc.integer({ min: 0, max: 60 }),
          residenceKind: fc.oneof(
            { weight: 15, arbitrary: fc.constantFrom(...homeKinds) },
            { weight: 1, arbitrary: fc.constantFrom(...facilityKinds) },
          ),
          building: fc.constantFrom(undefined, 'B1', 'B1', 'B2'),
          householdId: rarely(fc.constantFrom('H1', 'H2'), 3),
          unitId: rarely(fc.constantFrom('U1', 'U2'), 3),
          stay: rarely(
            fc.tuple(
              fc.constantFrom('short_stay', 'hospital'),
              dateIn(month),
              fc.integer({ min: 0, max: 10 }),
            ),
          ),
          homebound: rarely(fc.boolean(), 10),
          conditions: rarely(fc.subarray([...conditionList], { minLength: 1 }), 3),
          homeMedicalManagement: maybe(fc.boolean()),
          chusankanResident: rarely(fc.constant(true), 4),
          otherOfficeBills: rarely(fc.subarray(['doctor', 'dentist', 'pharmacist']), 12),
          instruction: rarely(dateIn(month), 3),
        })
        .map((p) => ({
          instruction: p.instruction,
          patient: clean({
            id: `P${i}`,
            care: p.certified
              ? clean({
                  level: p.level,
                  copay: p.copay,
                  from: p.from,
                  to: p.from && p.span < 40 ? addDays(p.from, p.span) : undefined,
                })
              : undefined,
            residence: clean({
              kind: p.residenceKind,
              buildingId: p.building,
              dwellings: p.building === 'B1' ? dwellings[0] : p.building === 'B2' ? dwellings[1] : undefined,
              householdId: p.householdId,
              unitId: p.unitId,
            }),
            stays: p.stay
              ? [{ kind: p.stay[0], from: p.stay[1], to: addDays(p.stay[1], p.stay[2]) }]
              : undefined,
            homebound: p.homebound,
            conditions: p.conditions,
            homeMedicalManagement: p.homeMedicalManagement,
            chusankanResident: p.chusankanResident,
            otherOfficeBills: p.otherOfficeBills,
          }),
        }));
    const visit = fc.record({
      patient: fc.integer({ min: 0, max: nPatients - 1 }),
      date: dateIn(month),
      profession: fc.oneof(
        { weight: 15, arbitrary: fc.constantFrom(...employs[officeKind]) },
        { weight: 1, arbitrary: fc.constantFrom(...professions) },
      ),
      staffId: maybe(fc.constantFrom('S1', 'S2')),
      online: rarely(fc.constant(true), 4),
      odd: fc.integer({ min: 0, max: 19 }).map((n) => n === 0), // online or additions for another profession
      reported: fc.integer({ min: 0, max: 19 }).map((n) => n !== 0),
      instructed: rarely(fc.boolean(), 10),
      examined: rarely(fc.boolean(), 10),
      dietitianExternal: maybe(fc.boolean()),
      additions: rarely(fc.subarray(['narcotic', 'opioid_injection', 'central_venous'], { minLength: 1 }), 3),
    });
    return fc.record({
      month: fc.constant(month),
      office: fc.constant(
        clean({
          id: '1310000001',
          kind: officeKind,
          specialArea: area === 'special' ? true : undefined,
          chusankanSmallOffice: area === 'chusankan' ? true : undefined,
        }),
      ),
      patients: fc.tuple(...Array.from({ length: nPatients }, (_, i) => patient(i))),
      visits: fc.array(visit, { minLength: 0, maxLength: 30, size: 'max' }),
    });
  })
  .map(({ month, office, patients, visits }) => ({
    month,
    office,
    patients: patients.map((p) => p.patient),
    records: visits.map((v, i) => {
      const p = patients[v.patient]!;
      return clean({
        kind: 'kyotaku',
        id: `R${i}`,
        patientId: `P${v.patient}`,
        date: v.date,
        profession: v.profession,
        staffId: v.staffId,
        online: v.profession === 'pharmacist' || v.odd ? v.online : undefined,
        reported: v.reported,
        instructed: v.instructed,
        examined: v.examined,
        dietitianExternal: v.profession === 'dietitian' ? v.dietitianExternal : undefined,
        // The special instruction is a fact of the patient: every dietitian record carries the same one.
        specialInstructionDate: v.profession === 'dietitian' ? p.instruction : undefined,
        additions: v.profession === 'pharmacist' || v.odd ? v.additions : undefined,
      });
    }),
  }));

function run(raw: Json): ClaimMonthResult {
  const out = calculate(structuredClone(raw));
  if (!out.ok) throw new Error(`generated input refused:\n${out.problems.map(formatProblem).join('\n')}`);
  return out.result;
}

/** The bill: claims with their money, in a canonical order, and the totals. */
function bill(r: ClaimMonthResult) {
  const claims = r.claims
    .map((c) => ({
      patientId: c.patientId,
      serviceType: c.serviceType,
      units: c.units,
      yen: c.yen,
      insurer: c.insurer,
      copay: c.copay,
    }))
    .sort((a, b) => (a.patientId + a.serviceType < b.patientId + b.serviceType ? -1 : 1));
  return { claims, totals: r.totals };
}

const LIMIT_CODES = new Set(['MONTHLY_LIMIT', 'WEEKLY_LIMIT', 'INTERVAL', 'SAME_DAY']);
const runs = { numRuns: 300 };

describe('engine properties over random 2024 months', () => {
  it('M-2 contract: totals equal the sum of the claims', () => {
    fc.assert(
      fc.property(monthInput, (raw) => {
        const r = run(raw);
        for (const f of ['units', 'yen', 'insurer', 'copay'] as const) {
          expect(r.totals[f]).toBe(r.claims.reduce((s, c) => s + c[f], 0));
        }
      }),
      runs,
    );
  });

  it('M-2 … M-5 per claim: units = sum of lines, lines = unitsEach × count, insurer + copay = yen = units × 10', () => {
    fc.assert(
      fc.property(monthInput, (raw) => {
        const r = run(raw);
        for (const c of r.claims) {
          expect(c.lines.length).toBeGreaterThan(0);
          expect(c.units).toBe(c.lines.reduce((s, l) => s + l.units, 0));
          for (const l of c.lines) {
            expect(l.units).toBe(l.unitsEach * l.count);
            expect(l.rule).toMatch(/K24-/);
            expect(Number.isInteger(l.unitsEach)).toBe(true);
          }
          expect(c.insurer + c.copay).toBe(c.yen);
          expect(c.yen).toBe(c.units * 10); // K24-7: 10 円 a unit
          expect(c.insurer).toBeLessThan(c.yen);
          expect(c.copay).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('contract every record is billed on a line or rejected (with a rule and a Japanese message)', () => {
    fc.assert(
      fc.property(monthInput, (raw) => {
        const r = run(raw);
        const seen = new Set(r.rejections.map((x) => x.recordId));
        for (const c of r.claims) for (const l of c.lines) for (const id of l.recordIds) seen.add(id);
        for (const rec of raw.records as Json[]) expect(seen.has(rec.id as string)).toBe(true);
        for (const x of r.rejections) {
          expect(x.rule).not.toBe('');
          expect(x.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        }
        // A record is either billed as a visit or refused as a whole, never both.
        const whole = new Set(r.rejections.filter((x) => x.addition === undefined).map((x) => x.recordId));
        for (const c of r.claims)
          for (const l of c.lines)
            if (!l.item.startsWith('kyotaku.addition.'))
              for (const id of l.recordIds) expect(whole.has(id)).toBe(false);
      }),
      runs,
    );
  });

  it('contract determinism: the same input twice gives the same output', () => {
    fc.assert(
      fc.property(monthInput, (raw) => {
        expect(run(raw)).toEqual(run(raw));
      }),
      runs,
    );
  });

  it('contract determinism, O5: any record order that keeps the order within each patient, profession and day gives the same result', () => {
    fc.assert(
      fc.property(
        monthInput.chain((raw) =>
          fc.tuple(
            fc.constant(raw),
            fc.shuffledSubarray(raw.records as Json[], { minLength: (raw.records as Json[]).length }),
          ),
        ),
        ([raw, shuffled]) => {
          // O5: the visits of one patient, profession and day keep their input order (the one entered first
          // is billed); everything else is shuffled.
          const key = (r: Json) =>
            `${r.patientId as string}\u0000${r.profession as string}\u0000${r.date as string}`;
          const inOrder = new Map<string, Json[]>();
          for (const r of raw.records as Json[]) {
            const k = key(r);
            if (!inOrder.has(k)) inOrder.set(k, []);
            inOrder.get(k)!.push(r);
          }
          const taken = new Map<string, number>();
          const records = shuffled.map((r) => {
            const k = key(r);
            const i = taken.get(k) ?? 0;
            taken.set(k, i + 1);
            return inOrder.get(k)![i]!;
          });
          const a = run({ ...raw, records });
          const b = run(raw);
          expect(bill(a)).toEqual(bill(b));
          const refused = (r: ClaimMonthResult) =>
            r.rejections.map((x) => `${x.recordId} ${x.code} ${x.addition ?? ''}`).sort();
          expect(refused(a)).toEqual(refused(b));
        },
      ),
      runs,
    );
  });

  it('K24-2d K24-5 removing a visit refused as a whole for a limit never changes the bill', () => {
    fc.assert(
      fc.property(monthInput, fc.nat(), (raw, pick) => {
        const r = run(raw);
        const limited = r.rejections.filter((x) => x.addition === undefined && LIMIT_CODES.has(x.code));
        fc.pre(limited.length > 0);
        const gone = limited[pick % limited.length]!.recordId;
        const without = run({ ...raw, records: (raw.records as Json[]).filter((x) => x.id !== gone) });
        expect(bill(without)).toEqual(bill(r));
      }),
      { numRuns: 300, maxSkipsPerRun: 1000 },
    );
  });
});
