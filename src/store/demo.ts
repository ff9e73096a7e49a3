// The demo office group for a fresh data folder (`npm start`): a clinic and a pharmacy with their
// staff, buildings (one with 12 residents), 33 patients and the visits of 2024-07 — some of which the
// engine refuses (a visit during a hospital stay, one after the certification ended, one whose report to
// the care manager lacks a required part, …). The patients and visits are those of
// examples/demo-2024-07-*.json, given names, certification, residence and care-plan periods and the
// examples' 被保険者証, 生年月日 and 性別 (everything the claim file needs); the reports to the care
// manager (情報提供書, K24-2a) are seeded by demoReports.ts and decide both offices' visits from 2024-06;
// users admin and clerk, password santei-demo.
import { readFileSync } from 'node:fs';
import type { ClaimMonthInput, Patient as EnginePatient } from '../core/input.js';
import { withCheckDigit } from '../contract/officeNumber.js';
import { DEMO_WITHOUT_CARE_MANAGER, seedDemoReports } from './demoReports.js';
import { SYSTEM_ACTOR, type Store } from './store.js';
import type { Office, PatientInput, VisitInput } from '../contract/types.js';

export const DEMO_PASSWORD = 'santei-demo';
export const DEMO_MONTH = '2024-07';
/**
 * K24-2a: both demo offices bill their visits on the report records from this month on (the month the demo's
 * records begin; a new office's default, the month it is created, would leave the demo's 2024 months on the
 * visits' own flags).
 */
export const DEMO_REPORTS_FROM = '2024-06';

export interface DemoSeed {
  username: string;
  password: string;
  clerkUsername: string;
  offices: Office[];
  month: string;
}

const names: [string, string][] = [
  ['青木 正雄', 'アオキ マサオ'],
  ['石川 和子', 'イシカワ カズコ'],
  ['上田 清', 'ウエダ キヨシ'],
  ['遠藤 美代子', 'エンドウ ミヨコ'],
  ['小川 茂', 'オガワ シゲル'],
  ['加藤 節子', 'カトウ セツコ'],
  ['木村 勇', 'キムラ イサム'],
  ['久保 幸子', 'クボ サチコ'],
  ['小林 武', 'コバヤシ タケシ'],
  ['斉藤 久子', 'サイトウ ヒサコ'],
  ['清水 弘', 'シミズ ヒロシ'],
  ['杉山 千代', 'スギヤマ チヨ'],
  ['高橋 昭', 'タカハシ アキラ'],
  ['中島 トシ子', 'ナカジマ トシコ'],
  ['西村 実', 'ニシムラ ミノル'],
  ['野口 文子', 'ノグチ フミコ'],
  ['橋本 功', 'ハシモト イサオ'],
  ['林 キヨ', 'ハヤシ キヨ'],
  ['藤田 稔', 'フジタ ミノル'],
  ['前田 静江', 'マエダ シズエ'],
  ['松本 進', 'マツモト ススム'],
  ['三浦 ハル', 'ミウラ ハル'],
  ['村上 博', 'ムラカミ ヒロシ'],
  ['森 芳子', 'モリ ヨシコ'],
  ['山口 忠', 'ヤマグチ タダシ'],
  ['吉田 フミ', 'ヨシダ フミ'],
  ['渡辺 義男', 'ワタナベ ヨシオ'],
  ['岡田 絹子', 'オカダ キヌコ'],
  ['近藤 修', 'コンドウ オサム'],
  ['坂本 春江', 'サカモト ハルエ'],
  ['山田 一郎', 'ヤマダ イチロウ'],
  ['山田 トメ', 'ヤマダ トメ'],
  ['長谷川 勝', 'ハセガワ マサル'],
  ['大野 君子', 'オオノ キミコ'],
  ['北村 哲夫', 'キタムラ テツオ'],
];

const buildings: Record<string, { name: string; address: string }> = {
  sakura: { name: 'サービス付き高齢者向け住宅 さくらの杜', address: '東京都練馬区春日町3-12-5' },
  hinata: { name: '住宅型有料老人ホーム ひなた', address: '東京都練馬区豊玉北2-8-1' },
  'tokuyo-midori': { name: '特別養護老人ホーム みどり苑', address: '東京都練馬区大泉町5-21-3' },
  aoba: { name: 'サービス付き高齢者向け住宅 あおば', address: '東京都杉並区高円寺南4-7-10' },
};

const staff: Record<string, { name: string; kana: string }> = {
  'dr-sato': { name: '佐藤 誠', kana: 'サトウ マコト' },
  'dr-suzuki': { name: '鈴木 恵子', kana: 'スズキ ケイコ' },
  'ph-tanaka': { name: '田中 美穂', kana: 'タナカ ミホ' },
  'ph-ito': { name: '伊藤 健', kana: 'イトウ ケン' },
  'ph-sato': { name: '佐藤 由美', kana: 'サトウ ユミ' },
};

const careManagers = [
  '居宅介護支援事業所 ねりま 小池',
  'ケアプランセンター ひかり 大野',
  '居宅介護支援事業所 かすが 森田',
];

/**
 * The care-plan makers of the example months (their 事業所番号) by name: the offices of the care managers
 * above, in the same order (the examples hand them out patient by patient as the care managers are).
 */
const carePlanOffices: Record<string, string> = {
  '1312005018': '居宅介護支援事業所 ねりま',
  '1312005026': 'ケアプランセンター ひかり',
  '1312005034': '居宅介護支援事業所 かすが',
};

function readExample(file: string): ClaimMonthInput {
  const url = new URL(`../../examples/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ClaimMonthInput;
}

/** Seeds one office from an example month; `nameAt` hands out patient names in order. */
async function seedOffice(
  store: Store,
  example: ClaimMonthInput,
  office: { number: string; name: string; address: string; phone: string },
  nameAt: () => [string, string],
): Promise<Office> {
  const o = await store.createOffice(
    {
      number: office.number,
      name: office.name,
      kind: example.office.kind,
      address: office.address,
      phone: office.phone,
      reportsRequiredFrom: DEMO_REPORTS_FROM,
    },
    SYSTEM_ACTOR,
  );
  const staffIds = new Map<string, string>();
  for (const r of example.records) {
    if (r.kind !== 'kyotaku' || !r.staffId || staffIds.has(r.staffId)) continue;
    const s = staff[r.staffId] ?? { name: r.staffId, kana: undefined };
    const created = await store.createStaff(o.id, { ...s, profession: r.profession }, SYSTEM_ACTOR);
    staffIds.set(r.staffId, created.id);
  }
  const buildingIds = new Map<string, string>();
  for (const p of example.patients) {
    const r = p.residence;
    if (!r?.buildingId || buildingIds.has(r.buildingId)) continue;
    const b = buildings[r.buildingId] ?? { name: r.buildingId, address: '' };
    const created = await store.createBuilding(
      o.id,
      {
        name: b.name,
        address: b.address,
        kind: r.kind,
        ...(r.dwellings !== undefined ? { dwellings: r.dwellings } : {}),
      },
      SYSTEM_ACTOR,
    );
    buildingIds.set(r.buildingId, created.id);
  }
  const inputs: PatientInput[] = example.patients.map((p, i) => {
    const input = patientInput(p, i, nameAt(), buildingIds);
    if (DEMO_WITHOUT_CARE_MANAGER.has(p.id)) delete input.careManagerName; // セルフプラン (seed 002)
    return input;
  });
  const patients = await store.createPatients(o.id, inputs, SYSTEM_ACTOR);
  const patientIds = new Map(example.patients.map((p, i) => [p.id, patients[i]!.id]));
  // 公費 (docs/kohi.md): the example's entries, and a 難病 patient's amount paid elsewhere in the month.
  for (const p of example.patients) {
    for (const { paidElsewhereYen, ...k } of p.kohi ?? []) {
      const patientId = patientIds.get(p.id)!;
      await store.createKohiEntry(o.id, { ...k, patientId }, SYSTEM_ACTOR);
      if (paidElsewhereYen !== undefined) {
        await store.createKohiMonth(
          o.id,
          { patientId, month: example.month, law: k.law, paidElsewhereYen },
          SYSTEM_ACTOR,
        );
      }
    }
  }
  const visits: VisitInput[] = example.records.map((r) => {
    const { id: _id, ...rest } = r;
    const v = { ...rest, patientId: patientIds.get(r.patientId)! } as VisitInput;
    if (v.kind === 'kyotaku' && v.staffId) v.staffId = staffIds.get(v.staffId);
    if (v.kind === 'care_management' && !v.month) v.month = example.month;
    return v;
  });
  const stored = await store.createVisits(o.id, visits, SYSTEM_ACTOR);
  const kyotaku = example.records.flatMap((r, i) => {
    const v = stored[i]!;
    return r.kind === 'kyotaku' && v.kind === 'kyotaku'
      ? [
          {
            exampleId: r.id,
            visitId: v.id,
            date: v.date,
            profession: v.profession,
            ...(v.staffId !== undefined ? { staffId: v.staffId } : {}),
          },
        ]
      : [];
  });
  const careManagerOf = new Map(example.patients.map((p, i) => [p.id, inputs[i]!.careManagerName]));
  await seedDemoReports(store, o.id, example, kyotaku, patientIds, careManagerOf, office.phone);
  return o;
}

function patientInput(
  p: EnginePatient,
  i: number,
  [name, kana]: [string, string],
  buildingIds: Map<string, string>,
): PatientInput {
  // The 被保険者証 (保険者番号, 被保険者番号), 生年月日, 性別 and the care-plan maker of the example month: what
  // the claim file needs, so that a newcomer can close July 2024 and make its file at once.
  const input: PatientInput = {
    name,
    kana,
    careManagerName: careManagers[i % careManagers.length],
  };
  if (p.insured) {
    input.insurerNumber = p.insured.insurerNumber;
    input.insuredNumber = p.insured.number;
  }
  if (p.birthDate) input.birthDate = p.birthDate;
  if (p.sex) input.sex = p.sex;
  const certFrom = p.care?.from ?? '2024-04-01';
  if (p.care) {
    input.certifications = [
      { level: p.care.level, copay: p.care.copay, from: certFrom, to: p.care.to ?? '2025-03-31' },
    ];
  }
  if (p.carePlan) {
    // The plan made for the certification, in force since it began.
    const plan = p.carePlan;
    input.carePlans = [
      plan.maker === 'self'
        ? { maker: 'self', from: certFrom }
        : {
            maker: 'office',
            officeNumber: plan.officeNumber,
            ...(carePlanOffices[plan.officeNumber] ? { officeName: carePlanOffices[plan.officeNumber] } : {}),
            from: certFrom,
          },
    ];
  }
  const r = p.residence ?? { kind: 'home' as const };
  input.residences = [
    {
      kind: r.kind,
      from: '2022-04-01',
      ...(r.buildingId !== undefined ? { buildingId: buildingIds.get(r.buildingId)! } : {}),
      ...(r.householdId !== undefined ? { householdId: r.householdId } : {}),
      ...(r.unitId !== undefined ? { unitId: r.unitId } : {}),
    },
  ];
  if (p.stays) input.stays = p.stays.map((s) => ({ ...s }));
  for (const k of [
    'homebound',
    'conditions',
    'homeMedicalManagement',
    'chusankanResident',
    'otherOfficeBills',
    'contractDate',
  ] as const) {
    if (p[k] !== undefined) (input as Record<string, unknown>)[k] = p[k];
  }
  if (p.medical) input.medicalCopay = p.medical.copay;
  return input;
}

/** Seeds the demo into an empty store (the caller checks that it is empty). */
export async function seedDemo(store: Store): Promise<DemoSeed> {
  let next = 0;
  const nameAt = (): [string, string] => names[next++ % names.length]!;
  const clinic = await seedOffice(
    store,
    readExample('demo-2024-07-clinic.json'),
    {
      number: withCheckDigit('131200345'),
      name: '医療法人社団 春日会 かすが在宅クリニック',
      address: '東京都練馬区春日町1-4-2',
      phone: '03-3990-1234',
    },
    nameAt,
  );
  const pharmacy = await seedOffice(
    store,
    readExample('demo-2024-07-pharmacy.json'),
    {
      number: withCheckDigit('134200789'),
      name: 'ひまわり薬局 高円寺店',
      address: '東京都杉並区高円寺南3-45-6',
      phone: '03-3311-5678',
    },
    nameAt,
  );
  const officeIds = [clinic.id, pharmacy.id];
  await store.createUser(
    { username: 'admin', displayName: '管理者', role: 'admin', officeIds, password: DEMO_PASSWORD },
    SYSTEM_ACTOR,
  );
  await store.createUser(
    { username: 'clerk', displayName: '事務 さくら', role: 'clerk', officeIds, password: DEMO_PASSWORD },
    SYSTEM_ACTOR,
  );
  return {
    username: 'admin',
    password: DEMO_PASSWORD,
    clerkUsername: 'clerk',
    offices: [clinic, pharmacy],
    month: DEMO_MONTH,
  };
}
