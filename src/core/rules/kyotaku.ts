// 居宅療養管理指導 / 介護予防居宅療養管理指導 (service types 31 / 34).
// The rules of ../shared/spec/kyotaku-2024.md (K24-1 … K24-7), read from the schedule's table so that
// the 2009 schedule (revision-2009.md H21-8) prices with the same code and its own data.
// Order of decisions for each visit: the item it would bill (K24-3) → who may receive it (K24-1) →
// what each visit needs (K24-2) → one practitioner (K24-2c) → limits in date order (K24-2d, K24-5) →
// the column from the month's 単一建物居住者 count (K24-4) → additions (K24-6).
import type { Condition, KyotakuVisit, Office, Patient, Profession, ResidenceKind } from '../input.js';
import type { Cited } from '../schedule.js';
import { cite, type RuleId } from '../ruleRegistry.js';
import { careUnitPrice } from '../schedule.js';
import { percentAdditionUnits } from '../money.js';
import { dayNumber, fromDayNumber, weekStart, withinMonthsFrom } from '../dates.js';
import { addToLine, recordMonth, type ClaimDraft, type EngineLine, type ServiceRules } from './service.js';
import { Refusals, type Refusal } from './refusals.js';
import { certificationOn, isFacilityResident, stayOn, serviceTypeFor } from './eligibility.js';
import {
  firstEnteredNote,
  inDateThenInputOrder,
  kyotakuPercentBase,
  onlineVisitRestartsInterval,
  pharmacistIntervalOk,
} from '../interpretations.js';
import { additionJa, columnJa, officeKindJa, professionJa, type Column } from '../labels.js';
import { kyotakuCode, type KyotakuCodeSet, type KyotakuServiceCode } from './kyotakuCodes.js';
import { additionRule, visitAdditions } from './kyotakuAdditions.js';

export type { Column };

export type KyotakuItemKey =
  | 'doctor_1'
  | 'doctor_2'
  | 'dentist'
  | 'pharmacist_hospital'
  | 'pharmacist_pharmacy'
  | 'pharmacist_online'
  | 'dietitian_office'
  | 'dietitian_external'
  | 'hygienist'
  | 'nurse'
  | 'assistant_nurse';

export interface KyotakuItem {
  /** Stable item id prefix; the column is appended ("kyotaku.pharmacist.pharmacy.single"). */
  item: string;
  name: string;
  units: Partial<Record<Column, number>>;
  monthlyLimit: number;
  source: string;
}

export interface KyotakuTable {
  /** How the column is chosen: the monthly 単一建物居住者 count (K24-4) or home / 居住系施設 (H21-8). */
  columns: Cited<'building' | 'residential'>;
  /** H21-8: residences whose patients bill the 居住系施設 column. */
  residentialKinds?: Cited<ResidenceKind[]>;
  items: Partial<Record<KyotakuItemKey, KyotakuItem>>;
  /** K24-1c: 介護保険施設, whose residents cannot receive it. */
  facilityKinds: Cited<ResidenceKind[]>;
  /** K24-5b: days between a pharmacist's billed days (7 = 中6日); null where the schedule has none. */
  pharmacistIntervalDays: Cited<number> | null;
  /** K24-5b: patients exempt from the interval, with the pharmacy's weekly / monthly limits. */
  pharmacistExempt: Cited<{ conditions: Condition[]; perWeek: number; perMonthPharmacy: number }>;
  /** K24-5c: the dietitian's special instruction: extra visits within a window of days. */
  dietitianSpecialInstruction: Cited<{ extraVisits: number; windowDays: number }> | null;
  /** K24-5d: hygienist monthly limit for terminal cancer. */
  hygienistTerminalCancerLimit: Cited<number> | null;
  /** K24-6a/b/c: per-visit additions the schedule holds. */
  additions: Partial<
    Record<'narcotic' | 'opioid_injection' | 'central_venous', Cited<number> & { name: string }>
  >;
  /**
   * K24-6a/b/c: why an addition is not held where the reason is not simply that it did not exist yet (the
   * refusal says so: 2009 and the 麻薬 addition, D12).
   */
  additionsNotHeld?: Partial<Record<'narcotic' | 'opioid_injection' | 'central_venous', Cited<string>>>;
  /** K24-6d/e/f: percentage additions the schedule holds. */
  percentAdditions: Partial<
    Record<
      'specialArea' | 'chusankanSmallOffice' | 'chusankanResident',
      Cited<number> & { name: string; rule: RuleId }
    >
  >;
  /**
   * The rule ids of this schedule's own text where they replace the 2024 ones (2009: H21-8 prices the
   * visits and sets their limits), so that every line and refusal cites the rule that applied.
   */
  ruleIds?: Partial<Record<'K24-3' | 'K24-4' | 'K24-5a' | 'K24-5b', RuleId>>;
  /** H21-8: the nurse visit — once within this many months of the start of a new care plan. */
  nurseCarePlanMonths?: Cited<number>;
  /** The service codes of 31 / 34 (./kyotakuCodes.ts); absent where the schedule has none (2009). */
  codes?: Cited<readonly KyotakuServiceCode[]>;
}

type Group = 'doctor' | 'dentist' | 'pharmacist' | 'dietitian' | 'dental_hygienist' | 'nurse';

const groupOrder: readonly Group[] = [
  'doctor',
  'dentist',
  'pharmacist',
  'dietitian',
  'dental_hygienist',
  'nurse',
];

function groupOf(p: Profession): Group {
  return p === 'assistant_nurse' ? 'nurse' : p;
}

/** K24-3: which office kinds employ each profession for 居宅療養管理指導. */
const officeKindsFor: Record<Group, Office['kind'][]> = {
  doctor: ['hospital', 'clinic'],
  dentist: ['hospital', 'dental_clinic'],
  pharmacist: ['pharmacy', 'hospital', 'clinic', 'dental_clinic'],
  dietitian: ['hospital', 'clinic'],
  dental_hygienist: ['hospital', 'dental_clinic'],
  nurse: ['hospital', 'clinic', 'visiting_nursing'],
};

/** A visit that passed its own checks (K24-1 … K24-3), with the item it would bill, before the month's limits. */
interface Candidate {
  rec: KyotakuVisit;
  patient: Patient;
  day: number;
  month: string;
  group: Group;
  itemKey: KyotakuItemKey;
  item: KyotakuItem;
  serviceType: string;
  /** Set by the interval / limit pass when the visit used a dietitian's special-instruction slot. */
  extra?: boolean;
  /** The visit's column, once the month's count is known (K24-4 / H21-8). */
  column?: Column;
  /** The code set the visit bills under, once the limits have counted it (applyLimits). */
  codeSet: KyotakuCodeSet;
}

export const kyotakuRules: ServiceRules<KyotakuVisit, KyotakuTable> = (ctx) => {
  const { month, office, data, trace } = ctx;
  const refusals = new Refusals(trace);
  const reject = (rec: KyotakuVisit, r: Refusal): void =>
    refusals.refuse(rec, r, `${rec.date} ${rec.id} ${professionJa[rec.profession]}`);

  // Only records up to the end of the billed month matter; later months are history the orchestrator reports.
  const candidates: Candidate[] = [];
  let lastPatientId: string | undefined;
  let lastPatient: Patient | undefined;
  for (const rec of ctx.records) {
    const m = recordMonth(rec, month);
    if (m > month) continue;
    // Records of one patient usually come together: look the patient up only when it changes.
    if (rec.patientId !== lastPatientId) {
      lastPatientId = rec.patientId;
      lastPatient = ctx.patients.get(rec.patientId)!;
    }
    const patient = lastPatient!;
    const inMonth = m === month;
    const checked = admitVisit(rec, patient, office, data, m);
    if ('code' in checked) {
      if (inMonth) reject(rec, checked);
      continue;
    }
    candidates.push(checked);
  }

  // Sequence per patient and profession group, in date order; on one date in input order (O5: the visit
  // entered first is billed — K24-2c, K24-2d, K24-5).
  const byPatient = new Map<Patient, Partial<Record<Group, Candidate[]>>>();
  let groups: Partial<Record<Group, Candidate[]>> = {};
  let groupsOf: Patient | undefined;
  for (const v of candidates) {
    if (v.patient !== groupsOf) {
      groupsOf = v.patient;
      const known = byPatient.get(v.patient);
      if (known) groups = known;
      else byPatient.set(v.patient, (groups = {}));
    }
    (groups[v.group] ??= []).push(v);
  }
  // The month's billed visits, patient by patient, profession by profession, each in date order.
  const billed: Candidate[] = [];
  const refuseInMonth = (x: Candidate, r: Refusal): void => {
    if (x.month === month) reject(x.rec, r);
  };
  for (const groupsOfPatient of byPatient.values()) {
    for (const g of groupOrder) {
      const seq = groupsOfPatient[g];
      if (!seq) continue;
      if (seq.length > 1) inDateThenInputOrder(seq);
      for (const v of applyLimits(seq, data, refuseInMonth)) {
        if (v.month === month) billed.push(v);
      }
    }
  }

  // K24-4 / H21-8: the column of each billed visit.
  chooseColumns(billed, ctx.patients.values(), data, trace);

  // Lines per patient and service type. The line prototypes are made once per item, column and code.
  interface DraftEntry {
    draft: ClaimDraft;
    patient: Patient;
    base: { units: number; recordIds: string[] };
  }
  const draftsOf = new Map<Patient, Record<string, DraftEntry>>();
  const drafts: DraftEntry[] = [];
  const ruleBase = cite(...new Set([ruleId(data, 'K24-3'), ruleId(data, 'K24-4')]));
  const ruleExtra = cite(ruleId(data, 'K24-3'), 'K24-5c');
  type Proto = Omit<EngineLine, 'count' | 'units' | 'recordIds'>;
  // By variant (K24-5c extra visit 1, second code set 2, ・特薬 4, service type 34 8), item and column.
  const protos: Partial<Record<KyotakuItemKey, Partial<Record<Column, Proto>>>>[] = [];
  const codes = data.codes?.value;
  let mine: Record<string, DraftEntry> = {};
  let mineOf: Patient | undefined;
  for (const v of billed) {
    if (v.patient !== mineOf) {
      mineOf = v.patient; // the billed visits come patient by patient
      const known = draftsOf.get(v.patient);
      if (known) mine = known;
      else draftsOf.set(v.patient, (mine = {}));
    }
    let entry = mine[v.serviceType];
    if (!entry) {
      const draft: ClaimDraft = {
        patientId: v.rec.patientId,
        insurance: 'care',
        serviceType: v.serviceType,
        lines: [],
        unitPrice: careUnitPrice(ctx.schedule, v.serviceType, office.region ?? 'other'), // K24-7: 10 円
        copayRate: certificationOn(v.patient, v.rec.date)!.copay,
      };
      entry = mine[v.serviceType] = { draft, patient: v.patient, base: { units: 0, recordIds: [] } };
      drafts.push(entry);
    }
    const column = v.column!;
    // K24-6: the additions this visit bills; with 麻薬管理指導加算 the visit bills under the ・特薬 code.
    const additions = visitAdditions(v, data, (r) => refusals.refuse(v.rec, r));
    const narcotic = additions?.includes('narcotic') ?? false;
    const variant =
      (v.extra ? 1 : 0) |
      (v.codeSet === 'special' ? 2 : 0) |
      (narcotic ? 4 : 0) |
      (v.serviceType === '34' ? 8 : 0);
    const byColumn = ((protos[variant] ??= {})[v.itemKey] ??= {});
    let proto = byColumn[column];
    if (!proto) {
      proto = byColumn[column] = {
        item: lineItem(v.item.item, column),
        name: `${v.item.name}${columnSuffix(v.item, column)}`,
        unitsEach: v.item.units[column]!,
        rule: v.extra ? ruleExtra : ruleBase,
      };
      const code = kyotakuCode(codes, v.serviceType, {
        kind: 'visit',
        item: v.itemKey,
        column,
        set: v.codeSet,
        narcotic,
      });
      if (code !== undefined) proto.code = code;
    }
    addToLine(entry.draft.lines, proto, v.rec.id);
    entry.base.units += proto.unitsEach;
    entry.base.recordIds.push(v.rec.id);
    trace?.push({
      patientId: v.rec.patientId,
      recordId: v.rec.id,
      date: v.rec.date,
      text: `${v.rec.date} ${v.rec.id} ${professionJa[v.rec.profession]} → 算定 ${proto.unitsEach}単位 ${proto.name}${v.extra ? ` 特別の指示による追加分（${cite('K24-5c')}）` : ''}`,
    });
    for (const a of additions ?? []) {
      const add = data.additions[a]!;
      // The 100 of 麻薬管理指導加算 bills under the visit's ・特薬 code (./kyotakuCodes.ts).
      const code =
        a === 'narcotic' ? proto.code : kyotakuCode(codes, v.serviceType, { kind: 'addition', addition: a });
      addToLine(
        entry.draft.lines,
        {
          item: `kyotaku.addition.${a}`,
          name: add.name,
          unitsEach: add.value,
          rule: cite(additionRule[a]),
          ...(code !== undefined ? { code } : {}),
        },
        v.rec.id,
      );
    }
  }

  // K24-6d/e/f: percentage additions, one line per patient and service type on the month's base (K24-6g).
  for (const { draft, base, patient } of drafts) {
    const wanted: ('specialArea' | 'chusankanSmallOffice' | 'chusankanResident')[] = [];
    if (office.specialArea)
      wanted.push('specialArea'); // K24-6d
    else if (office.chusankanSmallOffice) wanted.push('chusankanSmallOffice'); // K24-6e: not in a 特別地域
    if (patient.chusankanResident) wanted.push('chusankanResident'); // K24-6f
    for (const w of wanted) {
      const add = data.percentAdditions[w];
      if (!add) {
        // The schedule has no such addition (2009: H21-3 — they came to 居宅療養管理指導 in 2021).
        refusals.refuse(
          { id: base.recordIds[0]!, patientId: draft.patientId },
          {
            code: 'NOT_IN_SCHEDULE',
            addition: w,
            rule: cite(w === 'specialArea' ? 'K24-6d' : w === 'chusankanSmallOffice' ? 'K24-6e' : 'K24-6f'),
            message: `この算定表（${ctx.schedule.id}）の居宅療養管理指導には${additionJa[w]}がないため算定できません。`,
          },
        );
        continue;
      }
      const units = percentAdditionUnits(kyotakuPercentBase(base.units), add.value); // M-1, O1
      if (units === 0) continue;
      const line: EngineLine = {
        item: `kyotaku.addition.${w}`,
        name: add.name,
        unitsEach: units,
        count: 1,
        units,
        recordIds: [...base.recordIds],
        rule: cite(add.rule, 'K24-6g', 'M-1'),
      };
      const code = kyotakuCode(codes, draft.serviceType, { kind: 'percent', addition: w });
      if (code !== undefined) line.code = code;
      draft.lines.push(line);
    }
  }

  return { claims: drafts.map((e) => e.draft), rejections: refusals.rejections };
};

/** K24-4: a visit line's item id is the fee item and the column it was billed in, "<item>.<column>". */
function lineItem(item: string, column: Column): string {
  return `${item}.${column}`;
}

/** The column a 居宅療養管理指導 line was billed in (the end of its item id, lineItem), or undefined for other lines. */
export function columnOfItem(item: string): Column | undefined {
  if (!item.startsWith('kyotaku.')) return undefined;
  const last = item.slice(item.lastIndexOf('.') + 1);
  return Object.hasOwn(columnJa, last) ? (last as Column) : undefined;
}

/** The column in a line's name, where the item's units differ by column (not for online, 46 in all). */
function columnSuffix(item: KyotakuItem, column: Column): string {
  return new Set(Object.values(item.units)).size > 1 ? `（${columnJa[column]}）` : '';
}

/** K24-3 and K24-1 / K24-2: the visit with the item it would bill, or why it cannot be billed at all. */
function admitVisit(
  rec: KyotakuVisit,
  patient: Patient,
  office: Office,
  data: KyotakuTable,
  month: string,
): Refusal | Candidate {
  const group = groupOf(rec.profession);
  const who = professionJa[rec.profession];

  // K24-3: online guidance exists for 薬局の薬剤師 only.
  if (rec.online && !(group === 'pharmacist' && office.kind === 'pharmacy')) {
    return {
      code: 'NOT_IN_SCHEDULE',
      rule: cite('K24-3'),
      message: `情報通信機器を用いた居宅療養管理指導は薬局の薬剤師のみが算定でき、${officeKindJa[office.kind]}の${who}は算定できません。`,
    };
  }
  if (!officeKindsFor[group].includes(office.kind)) {
    return {
      code: 'REQUIREMENT_NOT_MET',
      rule: cite('K24-3'),
      message: `${officeKindJa[office.kind]}の事業所では${who}の居宅療養管理指導は算定できません。`,
    };
  }
  const itemKey = itemKeyFor(rec, patient, office);
  const item = data.items[itemKey];
  if (!item) {
    return {
      code: 'NOT_IN_SCHEDULE',
      rule: group === 'nurse' ? cite('K24-3', 'H21-8') : cite('K24-3'),
      message:
        group === 'nurse'
          ? `${who}による居宅療養管理指導はこの算定表にありません（2021年度改定で廃止）。`
          : rec.online
            ? 'この算定表には情報通信機器を用いた居宅療養管理指導がありません。'
            : `この算定表には${who}の居宅療養管理指導がありません。`,
    };
  }

  // K24-1a: a valid certification on the visit date; 要支援 → 34, 要介護 → 31.
  const cert = certificationOn(patient, rec.date);
  if (!cert) {
    return {
      code: 'NOT_CERTIFIED',
      rule: cite('K24-1a'),
      message: `${rec.date}に有効な要介護・要支援認定がないため、居宅療養管理指導は算定できません。`,
    };
  }
  // K24-1c: residents of 介護保険施設 never receive it (D6: the 特養 exceptions belong to 医療保険).
  if (isFacilityResident(patient, data.facilityKinds.value)) {
    return {
      code: 'FACILITY_RESIDENT',
      rule: cite('K24-1c'),
      message:
        '介護保険施設（特養・老健・介護医療院等）の入所者には居宅療養管理指導は算定できません（施設の配置医以外の診療は医療保険の訪問診療で扱います）。',
    };
  }
  const stay = stayOn(patient, rec.date);
  if (stay) {
    return {
      code: 'DURING_STAY',
      rule: cite('K24-1c'),
      message: `${rec.date}は${stay.kind === 'hospital' ? '入院' : '短期入所'}中（${stay.from}〜${stay.to}）のため、居宅療養管理指導は算定できません。`,
    };
  }
  // K24-1b: 通院困難.
  if (patient.homebound === false) {
    return {
      code: 'NOT_HOMEBOUND',
      rule: cite('K24-1b'),
      message: '通院が可能な利用者とされているため、居宅療養管理指導は算定できません。',
    };
  }
  // K24-2b: the instruction of the 医師 / 歯科医師 (D4: a care manager cannot instruct).
  if (
    rec.instructed === false &&
    (group === 'pharmacist' || group === 'dietitian' || group === 'dental_hygienist' || group === 'nurse')
  ) {
    const from =
      group === 'dental_hygienist'
        ? '訪問歯科診療を行った歯科医師'
        : group === 'pharmacist'
          ? '医師または歯科医師'
          : '医師';
    return {
      code: 'NO_INSTRUCTION',
      rule: cite('K24-2b'),
      message: `${who}の居宅療養管理指導には${from}の指示が必要ですが、指示の記録がありません。`,
    };
  }
  // K24-2e: 医師 / 歯科医師 bill it on a day of 訪問診療 or 往診.
  if (rec.examined === false && (group === 'doctor' || group === 'dentist')) {
    return {
      code: 'REQUIREMENT_NOT_MET',
      rule: cite('K24-2e'),
      message: `${who}の居宅療養管理指導は訪問診療または往診を行った日に算定しますが、この日の診療の記録がありません。`,
    };
  }
  // K24-2a: information to the care manager (or 地域包括支援センター) is part of the service.
  if (!rec.reported) {
    return {
      code: 'NO_CARE_MANAGER_REPORT',
      rule: cite('K24-2a'),
      message: rec.reportIssue
        ? `ケアマネジャー（不在の場合は地域包括支援センター等）への情報提供が要件を満たしていないため算定できません（${rec.reportIssue}）。`
        : 'ケアマネジャー（不在の場合は地域包括支援センター等）への情報提供の記録がないため算定できません。',
    };
  }
  // K24-2c: another office bills this profession for the patient this month.
  if (
    (group === 'doctor' || group === 'dentist' || group === 'pharmacist') &&
    patient.otherOfficeBills?.includes(group)
  ) {
    return {
      code: 'OTHER_OFFICE',
      rule: cite('K24-2c'),
      message: `この利用者の${who}の居宅療養管理指導は他の事業所が算定しているため、同じ月に算定できません。`,
    };
  }
  // H21-8: the 2009 nurse visit — once within the first months of a new care plan, not with 訪問診療 / 訪問看護.
  if (group === 'nurse' && data.nurseCarePlanMonths) {
    const start = patient.carePlanStartDate;
    const months = data.nurseCarePlanMonths.value;
    if (patient.receivesVisitingMedicalOrNursing) {
      return {
        code: 'REQUIREMENT_NOT_MET',
        rule: cite('H21-8'),
        message: '訪問診療や訪問看護を受けている利用者には看護職員による居宅療養管理指導は算定できません。',
      };
    }
    // The start day is day 1 and the period ends under 民法 第143条, as C006-3b's (D13).
    if (!start || !withinMonthsFrom(start, months, rec.date)) {
      return {
        code: 'REQUIREMENT_NOT_MET',
        rule: cite('H21-8'),
        message: `看護職員による居宅療養管理指導は、新規・更新・変更認定に伴うケアプランでサービスを始めてから${months}月の間に限り算定できます${start ? `（開始日 ${start}）` : '（開始日の記録がありません）'}。`,
      };
    }
  }
  return {
    rec,
    patient,
    day: dayNumber(rec.date),
    month,
    group,
    itemKey,
    item,
    serviceType: serviceTypeFor(cert.level),
    extra: undefined, // set later; present from the start so that every visit keeps one shape
    column: undefined,
    codeSet: 'regular',
  };
}

/** K24-3: the row of the unit table. */
function itemKeyFor(rec: KyotakuVisit, patient: Patient, office: Office): KyotakuItemKey {
  switch (rec.profession) {
    case 'doctor':
      return patient.homeMedicalManagement ? 'doctor_2' : 'doctor_1'; // イ(2) when 在医総管 / 特医総管 (D2)
    case 'dentist':
      return 'dentist';
    case 'pharmacist':
      if (office.kind !== 'pharmacy') return 'pharmacist_hospital'; // ハ(1)
      return rec.online ? 'pharmacist_online' : 'pharmacist_pharmacy'; // ハ(2)
    case 'dietitian':
      return rec.dietitianExternal ? 'dietitian_external' : 'dietitian_office';
    case 'dental_hygienist':
      return 'hygienist';
    case 'nurse':
      return 'nurse';
    case 'assistant_nurse':
      return 'assistant_nurse';
  }
}

/**
 * K24-2c, K24-2d and K24-5: one practitioner and the limits, in date order; returns the visits that count
 * (history included).
 */
function applyLimits(
  seq: Candidate[],
  data: KyotakuTable,
  refuse: (v: Candidate, r: Refusal) => void,
): Candidate[] {
  const counted: Candidate[] = [];
  // The sequence is one patient's and one profession's, in date order: each count runs over consecutive
  // visits, so only the current month's, week's and day's counts are kept.
  let practitionerMonth = ''; // K24-2c: the month, and the staff member who bills it
  let practitionerId: string | undefined;
  let practitionerName: string | undefined;
  let countedDay = -1; // K24-2d: the last day with a visit that counts, and that visit
  let countedVisit: Candidate | undefined;
  let periodKey = ''; // K24-5a: the month (or the 2009 nurse's care-plan window) and its count
  let periodCount = 0;
  let weekKey = -1; // K24-5b: the week (its Sunday) and its count
  let weekCount = 0;
  let extraUsed: Map<number, number> | undefined; // K24-5c: the special instructions' extra visits
  let lastIntervalDay: number | undefined;
  const { patient, group } = seq[0]!;
  const conditions = patient.conditions ?? [];
  const exempt =
    group === 'pharmacist' && data.pharmacistExempt.value.conditions.some((c) => conditions.includes(c));

  // O5: a visit refused where another of the same day, entered before it, counts — the trace names it.
  const refuseIn = (v: Candidate, r: Refusal): void =>
    refuse(v, countedDay === v.day ? { ...r, note: firstEnteredNote([countedVisit!.rec.id]) } : r);

  for (const v of seq) {
    const { rec } = v;
    const who = professionJa[rec.profession];
    const pharmacyPharmacist = v.itemKey === 'pharmacist_pharmacy' || v.itemKey === 'pharmacist_online';

    // K24-2c: one 医師 (歯科医師, 薬剤師) per patient and month: the staff member whose billable visit came
    // first bills; a visit refused for a limit does not make its staff member the practitioner.
    const first = practitionerMonth === v.month ? practitionerId : undefined;
    if (
      (group === 'doctor' || group === 'dentist' || group === 'pharmacist') &&
      first !== undefined &&
      rec.staffId !== undefined &&
      rec.staffId !== first
    ) {
      refuseIn(v, {
        code: 'SECOND_PRACTITIONER',
        rule: cite('K24-2c'),
        message: `この月の${who}の居宅療養管理指導は先に訪問した担当者（${practitionerName ?? first}）が算定するため、${rec.staffName ?? rec.staffId}の訪問は算定できません。`,
      });
      continue;
    }

    // K24-2d: one billable visit per patient, profession and day (online visits included, K24-5b).
    if (countedDay === v.day) {
      refuseIn(v, {
        code: 'SAME_DAY',
        rule: cite('K24-2d'),
        message: `同じ日に${who}の居宅療養管理指導を既に算定しているため、この訪問は算定できません。`,
      });
      continue;
    }

    // K24-5a: the monthly limit, with the exceptions that override it.
    let limit = v.item.monthlyLimit;
    let limitRule = ruleId(data, 'K24-5a');
    let exceptionLimit = false; // the monthly limit of an exception applies (for the code set, below)
    if (exempt && pharmacyPharmacist) {
      limit = data.pharmacistExempt.value.perMonthPharmacy; // K24-5b: 8 a month
      limitRule = ruleId(data, 'K24-5b');
      exceptionLimit = true;
    }
    if (
      group === 'dental_hygienist' &&
      data.hygienistTerminalCancerLimit &&
      conditions.includes('terminal_cancer')
    ) {
      limit = data.hygienistTerminalCancerLimit.value; // K24-5d: 6 a month
      limitRule = 'K24-5d';
      exceptionLimit = true;
    }
    // H21-8: the 2009 nurse visit is limited per care-plan window, not per calendar month.
    const period = group === 'nurse' && data.nurseCarePlanMonths ? 'care-plan window' : v.month;
    const used = periodKey === period ? periodCount : 0;
    let extraFrom: number | undefined;
    if (used >= limit) {
      extraFrom =
        group === 'dietitian' ? specialInstructionSlot(v, seq, data, (extraUsed ??= new Map())) : undefined;
      if (extraFrom === undefined) {
        refuseIn(v, {
          code: 'MONTHLY_LIMIT',
          rule:
            group === 'dietitian' && data.dietitianSpecialInstruction
              ? cite('K24-5a', 'K24-5c')
              : cite(limitRule),
          message:
            group === 'nurse'
              ? `看護職員による居宅療養管理指導は期間内に${limit}回までのため、この訪問は算定できません。`
              : `${who}の居宅療養管理指導は月${limit}回までで、この月は既に${used}回算定しているため算定できません。`,
        });
        continue;
      }
    }

    // K24-5b: 2 a week for the exempt patients of a pharmacy (weeks Sunday–Saturday).
    const week = weekStart(v.day);
    if (exempt && pharmacyPharmacist) {
      const w = weekKey === week ? weekCount : 0;
      if (w >= data.pharmacistExempt.value.perWeek) {
        refuseIn(v, {
          code: 'WEEKLY_LIMIT',
          rule: cite(ruleId(data, 'K24-5b')),
          message: `薬剤師の居宅療養管理指導はこの利用者では週${data.pharmacistExempt.value.perWeek}回までで、${fromDayNumber(week)}からの週は既に${w}回算定しているため算定できません。`,
        });
        continue;
      }
    }

    // K24-5b: 中6日 between a pharmacist's billed days, except for the exempt patients (O2, O3).
    if (group === 'pharmacist' && !exempt && data.pharmacistIntervalDays && !rec.online) {
      if (
        lastIntervalDay !== undefined &&
        !pharmacistIntervalOk(lastIntervalDay, v.day, data.pharmacistIntervalDays.value)
      ) {
        const next = fromDayNumber(lastIntervalDay + data.pharmacistIntervalDays.value);
        refuseIn(v, {
          code: 'INTERVAL',
          rule: cite('K24-5b'),
          message: `薬剤師の居宅療養管理指導は算定日の間を中6日以上空ける必要があります（前回 ${fromDayNumber(lastIntervalDay)}、次に算定できるのは ${next} 以降）。`,
        });
        continue;
      }
    }

    // The visit counts.
    if (rec.staffId !== undefined && practitionerMonth !== v.month) {
      practitionerMonth = v.month; // K24-2c
      practitionerId = rec.staffId;
      practitionerName = rec.staffName;
    }
    countedDay = v.day;
    countedVisit = v;
    // [U] claim-file.md "Service codes" (the second sets): a visit counted under an exception to the monthly
    // limit — 薬局の薬剤師 for the exempt patients (K24-5b), 歯科衛生士等 for terminal cancer (K24-5d), a
    // dietitian's visit on a special instruction (K24-5c) — bills the code table's second set of codes of equal
    // units. The sets exist exactly for the items with such an exception; the reading is not confirmed.
    v.codeSet = exceptionLimit || extraFrom !== undefined ? 'special' : 'regular';
    if (extraFrom !== undefined) {
      extraUsed!.set(extraFrom, (extraUsed!.get(extraFrom) ?? 0) + 1);
      v.extra = true;
    } else {
      periodKey = period;
      periodCount = used + 1;
    }
    weekCount = (weekKey === week ? weekCount : 0) + 1;
    weekKey = week;
    if (group === 'pharmacist' && (!rec.online || onlineVisitRestartsInterval)) lastIntervalDay = v.day;
    counted.push(v);
  }
  return counted;
}

/**
 * K24-5c: a dietitian visit past the monthly 2 may use a special instruction's extra slot when it falls
 * within the window that starts on the instruction day (day 1). Returns the instruction's day number.
 */
function specialInstructionSlot(
  v: Candidate,
  seq: Candidate[],
  data: KyotakuTable,
  used: Map<number, number>,
): number | undefined {
  const rule = data.dietitianSpecialInstruction;
  if (!rule) return undefined;
  const instructions = new Set<number>();
  for (const x of seq)
    if (x.rec.specialInstructionDate) instructions.add(dayNumber(x.rec.specialInstructionDate));
  for (const d of [...instructions].sort((a, b) => a - b)) {
    if (v.day >= d && v.day < d + rule.value.windowDays && (used.get(d) ?? 0) < rule.value.extraVisits)
      return d;
  }
  return undefined;
}

/** The count a patient of a building is billed at (K24-4c / K24-4d), and why when it is not the building's. */
export interface ResidentCount {
  /** The office's patients of the profession billed in the building (or the unit, K24-4e). */
  patients: number;
  /** The count the patient's column is chosen by. */
  counted: number;
  rule?: 'K24-4c' | 'K24-4d';
  /** Why the patient is counted as 1人, in a clause: 「戸数40の10%以下のため1人として算定」. */
  why?: string;
}

/**
 * K24-4d: 10 % or less of the dwellings, or under 20 dwellings and at most 2 patients → each 1人; else
 * K24-4c: two or more patients of one household are each billed as 1人 (the spec's words; the other
 * patients of the building still count them). The one place the columns and the building counts read it.
 */
export function residentCount(
  patients: number,
  dwellings: number | undefined,
  sharesHousehold: boolean,
): ResidentCount {
  if (dwellings !== undefined && (patients * 10 <= dwellings || (dwellings < 20 && patients <= 2))) {
    return {
      patients,
      counted: 1,
      rule: 'K24-4d',
      why:
        patients * 10 <= dwellings
          ? `戸数${dwellings}の10%以下のため1人として算定`
          : '戸数20未満で2人以下のため1人として算定',
    };
  }
  if (sharesHousehold) {
    return { patients, counted: 1, rule: 'K24-4c', why: '同一世帯の利用者が2人以上のため1人として算定' };
  }
  return { patients, counted: patients };
}

/**
 * K24-4 (2024) or H21-8 (2009): the column of every billed visit of the month.
 * K24-4a count per office (the input is one office), profession group, building and month;
 * K24-4f only patients with a billed visit count; K24-4g online visits alone do not make a patient count.
 */
function chooseColumns(
  billed: Candidate[],
  patients: Iterable<Patient>,
  data: KyotakuTable,
  trace?: { patientId: string; text: string }[],
): void {
  if (data.columns.value === 'residential') {
    const kinds = data.residentialKinds?.value ?? [];
    for (const v of billed) {
      const kind = v.patient.residence?.kind ?? 'home';
      v.column = kinds.includes(kind) && v.item.units.residential !== undefined ? 'residential' : 'home';
    }
    return;
  }

  // K24-4d: the dwellings (戸数) belong to the building: a patient whose record omits them uses the building's
  // (validation makes them agree where given), so that the building's visits share one column (K24-4a).
  const dwellingsOf = new Map<string, number>();
  for (const p of patients) {
    const r = p.residence;
    if (r?.buildingId && r.dwellings !== undefined && !dwellingsOf.has(r.buildingId)) {
      dwellingsOf.set(r.buildingId, r.dwellings);
    }
  }

  // Who counts in each (group, building[, unit]).
  const members = new Map<string, Map<string, Patient>>();
  const keysOf = new Map<Patient, Partial<Record<Group, string | undefined>>>(); // one string per patient and group
  let last: Candidate | undefined; // the billed visits come patient by patient, profession by profession
  let lastKey: string | undefined;
  const keyOf = (v: Candidate): string | undefined => {
    if (last !== undefined && last.patient === v.patient && last.group === v.group) return lastKey;
    last = v;
    lastKey = buildingKey(v);
    return lastKey;
  };
  const buildingKey = (v: Candidate): string | undefined => {
    let byGroup = keysOf.get(v.patient);
    if (!byGroup) keysOf.set(v.patient, (byGroup = {}));
    if (v.group in byGroup) return byGroup[v.group];
    const r = v.patient.residence;
    // K24-4b: a detached house is always 1人; K24-4e: a group home counts per unit.
    const key = !r?.buildingId
      ? undefined
      : `${v.group}\u0000${r.buildingId}${r.kind === 'group_home' && r.unitId ? `\u0000${r.unitId}` : ''}`;
    byGroup[v.group] = key;
    return key;
  };
  const keys = billed.map(keyOf);
  billed.forEach((v, i) => {
    const key = keys[i];
    if (v.rec.online || key === undefined) return; // K24-4g: online visits alone do not make a patient count
    let m = members.get(key);
    if (!m) members.set(key, (m = new Map()));
    if (!m.has(v.patient.id)) m.set(v.patient.id, v.patient);
  });

  const countFor = new Map<Patient, Map<string, number>>(); // patient → building key → count
  const explained = new Set<string>();
  const counted = (key: string, patient: Patient): number => {
    let memos = countFor.get(patient);
    if (!memos) countFor.set(patient, (memos = new Map()));
    const memo = memos.get(key);
    if (memo !== undefined) return memo;
    const m = members.get(key);
    const buildingId = patient.residence?.buildingId;
    const household = patient.residence?.householdId;
    const counts = residentCount(
      m ? m.size : 1,
      buildingId === undefined ? undefined : dwellingsOf.get(buildingId),
      Boolean(
        household &&
        m &&
        [...m.values()].some((o) => o.id !== patient.id && o.residence?.householdId === household),
      ),
    );
    const n = counts.counted;
    const why = counts.why ? `（${counts.why}: ${cite(counts.rule!)}）` : '';
    memos.set(key, n);
    if (trace && !explained.has(`${key}\u0000${patient.id}`)) {
      explained.add(`${key}\u0000${patient.id}`);
      const [group, building, unit] = key.split('\u0000');
      const names = m ? [...m.keys()].join('、') : patient.id;
      trace.push({
        patientId: patient.id,
        text: `${professionJa[group as Profession]}: 建物${building}${unit ? `（ユニット${unit}）` : ''}の単一建物居住者 ${n}人${why} → ${columnJa[column(n)]}の単位（この月に算定した利用者: ${names}）`,
      });
    }
    return n;
  };

  let previous: Candidate | undefined; // an in-person visit of the same patient and profession has the same column
  billed.forEach((v, i) => {
    const key = keys[i];
    if (v.rec.online) {
      v.column = 'single'; // K24-4g: 46 units whatever the count
      return;
    }
    if (previous !== undefined && previous.patient === v.patient && previous.group === v.group) {
      v.column = previous.column;
      return;
    }
    previous = v;
    if (key === undefined) {
      if (trace && !explained.has(`${v.group}\u0000${v.patient.id}`)) {
        explained.add(`${v.group}\u0000${v.patient.id}`);
        trace.push({
          patientId: v.patient.id,
          text: `${professionJa[v.group as Profession]}: 建物の登録がない（戸建て）ため単一建物居住者1人（${cite('K24-4b')}）`,
        });
      }
      v.column = 'single';
      return;
    }
    v.column = column(counted(key, v.patient));
  });
}

/** The schedule's own rule id for a 2024 rule id (see KyotakuTable.ruleIds). */
function ruleId(data: KyotakuTable, k24: 'K24-3' | 'K24-4' | 'K24-5a' | 'K24-5b'): RuleId {
  return data.ruleIds?.[k24] ?? k24;
}

/** K24-3: 1人 / 2–9人 / 10人以上. */
function column(n: number): Column {
  return n <= 1 ? 'single' : n <= 9 ? 'few' : 'many';
}
