// A deterministic office-month of the contract input (../shared/spec/contract.md) for the benchmark:
// one pharmacy or clinic, service month 2024-07, N patients, about 4.5 records a patient (the July
// visits and June history). Seeded PRNG, no Math.random: the same arguments give the same bytes.
//
//   node bench/generate.mjs --patients 50000 [--kind pharmacy|clinic] [--seed 1] [--out FILE]
//
// The month mixes what a real one holds: detached houses, small apartment buildings (K24-4d),
// buildings of 2–9 and of 10+ residents, households (K24-4c), group homes with units (K24-4e),
// residents of 介護保険施設 (K24-1c), hospital and short stays, terminal-cancer / central-venous /
// opioid-injection patients (K24-5b, K24-6), online visits (K24-4g), and a share of visits that break
// the limits: monthly (K24-5a), 中6日 (K24-5b), 2 a week (K24-5b), same day (K24-2d).
// Every patient carries what the claim file needs (claim-file.md "Input the file needs"), derived from its
// number and not from the PRNG, so that the engine's months are the same with or without them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export const MONTH = '2024-07';
const HISTORY_MONTH = '2024-06';
const DAYS_IN_JULY = 31;
const DAYS_IN_JUNE = 30;

/** sfc32, seeded through splitmix32: a small, fast, deterministic PRNG. */
export function makeRng(seed) {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng = {
    next,
    /** true with probability p */
    chance: (p) => next() < p,
    /** integer in [lo, hi] */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    /** picks a key of { key: weight } */
    weighted: (table) => {
      const entries = Object.entries(table);
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = next() * total;
      for (const [k, w] of entries) {
        r -= w;
        if (r < 0) return k;
      }
      return entries[entries.length - 1][0];
    },
  };
  return rng;
}

function hashString(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const pad = (n, w) => String(n).padStart(w, '0');
const july = (d) => `${MONTH}-${pad(d, 2)}`;
const june = (d) => `${HISTORY_MONTH}-${pad(d, 2)}`;

const careLevels = { support1: 8, support2: 10, care1: 18, care2: 18, care3: 16, care4: 15, care5: 15 };

/**
 * Residences, by share of patients: each entry makes one building (or house) of a given size.
 * Sizes are in patients of this office living there.
 */
function makeResidences(rng, n) {
  const shares = { house: 0.35, apartment: 0.1, small: 0.2, large: 0.25, groupHome: 0.07, facility: 0.03 };
  const slots = []; // one entry per patient: the residence object (shared within a building)
  let buildingNo = 0;
  const nextBuilding = () => `B${pad(++buildingNo, 6)}`;
  for (const [kind, share] of Object.entries(shares)) {
    const quota = Math.round(share * n);
    let placed = 0;
    while (placed < quota) {
      const left = quota - placed;
      if (kind === 'house') {
        // A detached house: no building id (K24-4b, always 1人); sometimes a couple (one household).
        const size = Math.min(left, rng.chance(0.12) ? 2 : 1);
        const householdId = size === 2 ? `H${pad(buildingNo + placed, 7)}` : undefined;
        for (let i = 0; i < size; i++) {
          slots.push(
            rng.chance(0.5) && !householdId
              ? undefined
              : { kind: 'home', ...(householdId ? { householdId } : {}) },
          );
        }
        placed += size;
      } else if (kind === 'apartment') {
        // An ordinary apartment building with its 戸数: 1–4 of our patients (K24-4d).
        const size = Math.min(left, rng.int(1, 4));
        const buildingId = nextBuilding();
        const dwellings = rng.pick([8, 12, 16, 19, 24, 30, 45, 60]);
        // 同一世帯 (K24-4c): now and then the first two are one household.
        const householdId = size >= 2 && rng.chance(0.3) ? `${buildingId}-H1` : undefined;
        for (let i = 0; i < size; i++) {
          slots.push({
            kind: 'home',
            buildingId,
            dwellings,
            ...(householdId && i <= 1 ? { householdId } : {}),
          });
        }
        placed += size;
      } else if (kind === 'small' || kind === 'large') {
        // Residences of 2–9 or 10+ of our patients: サ高住, 有料老人ホーム, 軽費, 養護.
        const size = Math.min(left, kind === 'small' ? rng.int(2, 9) : rng.int(10, 80));
        const buildingId = nextBuilding();
        const resKind =
          kind === 'small'
            ? rng.weighted({ sakoju: 4, paid_home: 3, keihi: 1, yogo: 1 })
            : rng.weighted({ tokutei: 4, paid_home: 3, sakoju: 3 });
        // Some buildings report their 戸数: many dwellings make the 10 % rule apply (K24-4d).
        const dwellings = rng.chance(0.4)
          ? rng.chance(0.3)
            ? size * rng.int(10, 14)
            : size + rng.int(0, 20)
          : undefined;
        let households = 0;
        for (let i = 0; i < size; i++) {
          const res = { kind: resKind, buildingId, ...(dwellings ? { dwellings } : {}) };
          if (i + 1 < size && rng.chance(0.05)) {
            const householdId = `${buildingId}-H${++households}`;
            slots.push({ ...res, householdId }, { ...res, householdId });
            i += 1;
          } else slots.push(res);
        }
        placed += size;
      } else if (kind === 'groupHome') {
        // 認知症対応型共同生活介護: 1–3 units of up to 9 residents, counted per unit (K24-4e).
        const units = rng.int(1, 3);
        const buildingId = nextBuilding();
        for (let u = 1; u <= units && placed < quota; u++) {
          const size = Math.min(quota - placed, rng.int(4, 9));
          for (let i = 0; i < size; i++) slots.push({ kind: 'group_home', buildingId, unitId: `U${u}` });
          placed += size;
        }
      } else {
        // Residents of 介護保険施設: refused (K24-1c).
        const size = Math.min(left, rng.int(5, 30));
        const buildingId = nextBuilding();
        const resKind = rng.weighted({ tokuyo: 5, roken: 3, iryoin: 1 });
        for (let i = 0; i < size; i++) slots.push({ kind: resKind, buildingId });
        placed += size;
      }
    }
  }
  while (slots.length < n) slots.push(undefined);
  slots.length = n;
  // Spread the buildings over the patient list, as a real register sorted by patient number is.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots;
}

// Valid numbers for the claim file (their check digits computed by src/core/checkDigits.ts): 保険者番号 of
// six insurers, 事業所番号 of the offices and of the care-plan makers.
const INSURERS = ['131011', '131029', '131201', '131151', '271007', '271270'];
const CARE_PLAN_OFFICES = ['1312005018', '1312005026', '2710001013', '2710001021'];
const COMMUNITY_CENTERS = ['1312005034', '2710001039'];
const OFFICE_IDS = { pharmacy: '1342001003', clinic: '2712001003' };

/** The patient's 被保険者証, 生年月日, 性別 and care-plan maker from its number; the certification's period. */
function addClaimFileFields(p, i) {
  p.insured = { insurerNumber: INSURERS[i % INSURERS.length], number: pad(i + 1, 10) };
  p.birthDate = `${1925 + ((i * 7) % 25)}-${pad((i % 12) + 1, 2)}-${pad((i % 28) + 1, 2)}`;
  p.sex = i % 3 === 0 ? 'male' : 'female';
  if (p.care) {
    // Periods that hold all of the June history and July, unless the month ends or starts one (as drawn).
    p.care.from ??= '2023-04-01';
    p.care.to ??= '2026-03-31';
    const support = p.care.level === 'support1' || p.care.level === 'support2';
    p.carePlan =
      i % 10 === 9 && !support
        ? { maker: 'self' }
        : {
            maker: 'office',
            officeNumber: support
              ? COMMUNITY_CENTERS[i % COMMUNITY_CENTERS.length]
              : CARE_PLAN_OFFICES[i % CARE_PLAN_OFFICES.length],
          };
  }
}

function makePatient(rng, i, residence, kind) {
  const p = { id: `P${pad(i + 1, 6)}` };
  const r = rng.next();
  if (r < 0.007) {
    // no certification: NOT_CERTIFIED (K24-1a)
  } else {
    const care = {
      level: rng.weighted(careLevels),
      copay: Number(rng.weighted({ 1: 85, 2: 8, 3: 7 })),
    };
    if (rng.chance(0.4)) {
      care.from = `2024-0${rng.int(1, 6)}-01`;
      care.to = `2025-0${rng.int(1, 6)}-28`;
    }
    if (r < 0.017)
      care.to = july(rng.int(10, 20)); // certification ends mid-month
    else if (r < 0.022) care.from = july(rng.int(8, 15)); // new certification mid-month
    p.care = care;
  }
  if (rng.chance(0.3)) p.medical = { copay: Number(rng.weighted({ 1: 70, 2: 10, 3: 20 })) };
  if (residence) p.residence = { ...residence };
  if (rng.chance(0.03)) {
    const from = rng.int(1, 25);
    p.stays = [
      {
        kind: rng.chance(0.6) ? 'hospital' : 'short_stay',
        from: july(from),
        to: july(Math.min(31, from + rng.int(2, 9))),
      },
    ];
  }
  if (rng.chance(0.005)) p.homebound = false;
  else if (rng.chance(0.2)) p.homebound = true;
  const conditions = [];
  if (rng.chance(0.04)) conditions.push('terminal_cancer');
  if (rng.chance(0.01)) conditions.push('central_venous_nutrition');
  if (rng.chance(conditions.includes('terminal_cancer') ? 0.3 : 0.005)) conditions.push('opioid_injection');
  if (conditions.length) p.conditions = conditions;
  if (kind === 'clinic' && rng.chance(0.55)) p.homeMedicalManagement = true;
  if (rng.chance(0.01)) p.chusankanResident = true;
  if (rng.chance(0.005)) p.otherOfficeBills = [kind === 'clinic' ? 'doctor' : 'pharmacist'];
  addClaimFileFields(p, i);
  return p;
}

/** Weekdays of July 2024: the 1st is a Monday. */
const weekdayOfJuly = (d) => d % 7; // 0 = Sunday: July 7 is a Sunday

function pharmacyVisits(rng, p, staff, push) {
  const exempt = (p.conditions ?? []).length > 0;
  const visit = (date, extra = {}) => {
    const v = { profession: 'pharmacist', staffId: staff, reported: !rng.chance(0.01), ...extra };
    if (rng.chance(0.004)) v.instructed = false;
    else if (rng.chance(0.3)) v.instructed = true;
    if (p.conditions?.includes('terminal_cancer') && !v.online && rng.chance(0.7)) v.additions = ['narcotic'];
    if (p.conditions?.includes('opioid_injection') && !v.online) {
      v.additions = rng.chance(0.1) ? ['narcotic', 'opioid_injection'] : ['opioid_injection']; // K24-6b
    }
    if (p.conditions?.includes('central_venous_nutrition') && !v.online) {
      v.additions = [...(v.additions ?? []), 'central_venous'];
    }
    push(p.id, date, v);
  };
  if (exempt) {
    // Twice a week (K24-5b), sometimes a third visit (WEEKLY_LIMIT), up to 8 a month (MONTHLY_LIMIT).
    const a = rng.int(1, 3);
    const b = a + rng.int(2, 3);
    for (let week = 0; week < 5; week++) {
      for (const wd of [a, b]) {
        const d = week * 7 + wd; // weeks start on Sunday: July 7, 14, 21, 28 (and June 30)
        if (d >= 1 && d <= DAYS_IN_JULY) visit(july(d), rng.chance(0.05) ? { online: true } : {});
      }
      const extra = week * 7 + b + 1;
      if (rng.chance(0.1) && extra <= DAYS_IN_JULY && weekdayOfJuly(extra) !== 0) visit(july(extra));
    }
    if (rng.chance(0.6)) visit(june(DAYS_IN_JUNE - rng.int(0, 3)));
    return;
  }
  const plan = rng.weighted({ weekly: 55, biweekly: 35, monthly: 10 });
  const step = plan === 'weekly' ? 7 : 14;
  const start = rng.int(1, plan === 'monthly' ? 28 : step);
  const days = [];
  for (let d = start; d <= DAYS_IN_JULY && (plan !== 'monthly' || days.length === 0); d += step) days.push(d);
  // A weekly patient whose day comes 5 times gets a 5th visit: MONTHLY_LIMIT (K24-5a, 4 a month).
  const onlineAt = plan === 'weekly' && rng.chance(0.1) ? rng.int(1, days.length - 1) : -1;
  days.forEach((d, k) => {
    let day = d;
    if (k > 0 && rng.chance(0.06)) day = Math.max(days[k - 1] + 1, d - rng.int(1, 3)); // 中6日 broken (INTERVAL)
    visit(july(day), k === onlineAt ? { online: true } : {});
    if (rng.chance(0.015)) visit(july(day)); // a second record the same day (SAME_DAY, K24-2d)
  });
  if (rng.chance(0.008))
    push(p.id, july(Math.min(31, start + 3)), {
      profession: 'pharmacist',
      staffId: 'PH-RELIEF',
      reported: true,
    }); // K24-2c
  // June history: the last visit(s) before the month start the 中6日 interval (history, not billed).
  if (plan !== 'monthly' && rng.chance(0.85)) {
    const last = start - step + (rng.chance(0.08) ? rng.int(1, 3) : 0); // sometimes too close to July's first
    if (last <= 0)
      push(p.id, june(DAYS_IN_JUNE + last), { profession: 'pharmacist', staffId: staff, reported: true });
    if (last - step <= 0 && rng.chance(0.25)) {
      push(p.id, june(DAYS_IN_JUNE + last - step), {
        profession: 'pharmacist',
        staffId: staff,
        reported: true,
      });
    }
  }
}

function clinicVisits(rng, p, staff, push) {
  // 医師: twice a month (K24-5a), a third visit now and then (MONTHLY_LIMIT).
  const s = rng.int(1, 14);
  const doctor = (date) => {
    const v = { profession: 'doctor', staffId: staff.doctor, reported: !rng.chance(0.01) };
    if (rng.chance(0.02)) v.examined = false; // K24-2e
    push(p.id, date, v);
  };
  doctor(july(s));
  doctor(july(s + 14));
  if (rng.chance(0.08)) doctor(july(Math.min(31, s + rng.int(15, 17))));
  if (rng.chance(0.01)) doctor(july(s)); // SAME_DAY
  if (rng.chance(0.65))
    push(p.id, june(Math.min(30, s + 16)), { profession: 'doctor', staffId: staff.doctor, reported: true });
  // 病院・診療所の薬剤師: twice a month, 中6日 (K24-5b); an online visit is not in the schedule for a clinic.
  if (rng.chance(0.5)) {
    const a = rng.int(1, 12);
    const b = rng.chance(0.1) ? a + rng.int(2, 5) : a + rng.int(7, 19);
    for (const d of [a, b]) {
      push(p.id, july(d), {
        profession: 'pharmacist',
        staffId: staff.pharmacist,
        reported: true,
        ...(rng.chance(0.02) ? { online: true } : {}),
        ...(p.conditions?.includes('terminal_cancer') && rng.chance(0.6) ? { additions: ['narcotic'] } : {}),
      });
    }
    if (rng.chance(0.4))
      push(p.id, june(rng.int(20, 30)), {
        profession: 'pharmacist',
        staffId: staff.pharmacist,
        reported: true,
      });
  }
  // 管理栄養士: twice a month; a special instruction allows 2 more within 30 days (K24-5c).
  if (rng.chance(0.3)) {
    const external = rng.chance(0.3) ? { dietitianExternal: true } : {};
    const a = rng.int(1, 10);
    const dates = [a, a + rng.int(7, 14)];
    let instruction;
    if (rng.chance(0.08)) {
      instruction = rng.chance(0.3) ? june(rng.int(15, 30)) : july(a);
      dates.push(a + 3, a + 6);
      if (rng.chance(0.5)) dates.push(a + 9); // beyond the extra slots: MONTHLY_LIMIT
    }
    for (const d of dates) {
      push(p.id, july(Math.min(31, d)), {
        profession: 'dietitian',
        staffId: staff.dietitian,
        reported: true,
        ...external,
        ...(instruction ? { specialInstructionDate: instruction } : {}),
      });
    }
  }
  // Records a clinic cannot bill: 看護職員 (abolished in 2021), 歯科衛生士 (a dental office's).
  if (rng.chance(0.003)) push(p.id, july(rng.int(1, 31)), { profession: 'nurse', reported: true });
  if (rng.chance(0.002)) push(p.id, july(rng.int(1, 31)), { profession: 'dental_hygienist', reported: true });
}

/**
 * One office-month: `{ month, office, patients, records }` as the contract's input.
 * @param {{ patients: number, kind?: 'pharmacy' | 'clinic', seed?: number }} opts
 */
export function generateMonth({ patients: n, kind = 'pharmacy', seed = 1 }) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`patients must be a positive integer, got ${n}`);
  if (kind !== 'pharmacy' && kind !== 'clinic')
    throw new Error(`kind must be pharmacy or clinic, got ${kind}`);
  const rng = makeRng(hashString(`${kind}:${n}:${seed}`));
  const residences = makeResidences(rng, n);
  const patients = residences.map((res, i) => makePatient(rng, i, res, kind));

  // Staff: one pharmacist (or one doctor, pharmacist, dietitian) per building or ~40 houses.
  const staffCount = Math.max(3, Math.ceil(n / 150));
  const staffFor = (p) => {
    const key = p.residence?.buildingId ?? p.id;
    const k = hashString(key) % staffCount;
    return kind === 'pharmacy'
      ? `PH${pad(k + 1, 4)}`
      : {
          doctor: `DR${pad(k + 1, 4)}`,
          pharmacist: `PH${pad((k % 20) + 1, 4)}`,
          dietitian: `RD${pad((k % 10) + 1, 4)}`,
        };
  };

  const raw = [];
  const push = (patientId, date, fields) => raw.push({ patientId, date, fields, seq: raw.length });
  for (const p of patients) (kind === 'pharmacy' ? pharmacyVisits : clinicVisits)(rng, p, staffFor(p), push);

  // A visit log in date order (stable: patient order within a day).
  raw.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
  const records = raw.map((r, i) => ({
    kind: 'kyotaku',
    id: `R${pad(i + 1, 7)}`,
    patientId: r.patientId,
    date: r.date,
    ...r.fields,
  }));

  const office =
    kind === 'pharmacy'
      ? { id: OFFICE_IDS.pharmacy, kind: 'pharmacy', region: 'tokubetsu_ku' }
      : { id: OFFICE_IDS.clinic, kind: 'clinic', region: 'ko' };
  return { month: MONTH, office, patients, records };
}

/** Writes the month to `file` (compact JSON); returns its size in bytes and counts. */
export function writeMonth(file, opts) {
  const input = generateMonth(opts);
  const text = JSON.stringify(input);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const history = input.records.filter((r) => r.date < MONTH).length;
  return {
    file,
    bytes: Buffer.byteLength(text),
    patients: input.patients.length,
    records: input.records.length,
    visitsInMonth: input.records.length - history,
    history,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '50000' },
      kind: { type: 'string', default: 'pharmacy' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const n = Number(values.patients);
  const file = values.out ?? `bench/out/${values.kind}-${n}.json`;
  const info = writeMonth(file, { patients: n, kind: values.kind, seed: Number(values.seed) });
  console.log(JSON.stringify(info));
}
