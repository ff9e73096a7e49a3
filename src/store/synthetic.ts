// A large synthetic office for the benchmark and the kill test: `patients` patients of a pharmacy
// (a tenth of them in buildings of 10 to 60 residents, the rest at home), each certified, and
// `visits` 居宅療養管理指導 visits spread over the month at most 4 per patient, a few of them not
// reported to the care manager (refused). Deterministic: the same sizes give the same records.
import { addMonths, lastDayOfMonth } from '../core/dates.js';
import { withCheckDigit } from '../contract/officeNumber.js';
import { SYSTEM_ACTOR, type Store } from './store.js';
import type { Office, PatientInput, VisitInput } from '../contract/types.js';

export interface SyntheticOptions {
  patients: number;
  visits: number;
  month: string;
  /** 9 characters to complete into the office number (default: a Tokyo pharmacy). */
  numberPrefix?: string;
}

const levels = ['support1', 'support2', 'care1', 'care2', 'care3', 'care4', 'care5'] as const;

export async function seedSyntheticOffice(store: Store, opts: SyntheticOptions): Promise<Office> {
  const office = await store.createOffice(
    {
      number: withCheckDigit(opts.numberPrefix ?? '134999990'),
      name: `合成データ薬局（${opts.patients}人）`,
      kind: 'pharmacy',
      // K24-2a: no report records are made, the visits carry their own flags: the month is billed on them
      // (reports required only from the month after), whatever month the office is created in.
      reportsRequiredFrom: addMonths(opts.month, 1),
    },
    SYSTEM_ACTOR,
  );
  const inBuildings = Math.floor(opts.patients / 10);
  const buildingIds: string[] = [];
  for (let placed = 0, n = 0; placed < inBuildings; n++) {
    const size = 10 + ((n * 13) % 51);
    const b = await store.createBuilding(
      office.id,
      { name: `ケアハウス ${n + 1}号館`, kind: 'sakoju', dwellings: size + 5 },
      SYSTEM_ACTOR,
    );
    for (let k = 0; k < size && placed < inBuildings; k++, placed++) buildingIds.push(b.id);
  }
  const inputs: PatientInput[] = [];
  for (let i = 0; i < opts.patients; i++) {
    const building = buildingIds[i];
    inputs.push({
      name: `利用者 ${String(i + 1).padStart(5, '0')}`,
      kana: `リヨウシャ ${String(i + 1).padStart(5, '0')}`,
      certifications: [
        {
          level: levels[i % levels.length]!,
          copay: (i % 10 < 8 ? 1 : i % 10 === 8 ? 2 : 3) as 1 | 2 | 3,
          from: '2024-01-01',
          to: '2026-12-31',
        },
      ],
      residences: [
        building
          ? { kind: 'sakoju', buildingId: building, from: '2023-04-01' }
          : { kind: 'home', from: '2020-01-01' },
      ],
    });
  }
  const patients: { id: string }[] = [];
  for (let i = 0; i < inputs.length; i += 1000)
    patients.push(...(await store.createPatients(office.id, inputs.slice(i, i + 1000), SYSTEM_ACTOR)));
  const days = Number(lastDayOfMonth(opts.month).slice(8));
  const visits: VisitInput[] = [];
  for (let n = 0; n < opts.visits; n++) {
    const i = n % patients.length;
    const k = Math.floor(n / patients.length); // the patient's k-th visit of the month
    const day = Math.min(days, 1 + (i % 5) + k * 7);
    visits.push({
      kind: 'kyotaku',
      patientId: patients[i]!.id,
      date: `${opts.month}-${String(day).padStart(2, '0')}`,
      profession: 'pharmacist',
      reported: n % 97 !== 0,
    });
  }
  for (let i = 0; i < visits.length; i += 5000)
    await store.createVisits(office.id, visits.slice(i, i + 5000), SYSTEM_ACTOR);
  return office;
}
