// 訪問介護 (service type 11) / 訪問看護 (13) / 訪問リハビリテーション (14), 2009 — the rules of
// ../shared/spec/revision-2009.md H21-5 … H21-7 with the 中山間地域等 additions of H21-3, read from the
// schedule's tables. 1割 copay at the region's unit price (H21-1, H21-2, M-3 … M-5).
// Order of decisions for each visit: the office (H21-1) → who may receive it (H21-1) → the item it bills
// (H21-5a / H21-6 / H21-7) → per-visit additions → per-month additions and percentage lines (M-1).
import type {
  HomeHelpVisit,
  HomeNursingVisit,
  HomeRehabVisit,
  Office,
  Patient,
  ResidenceKind,
} from '../input.js';
import { homeNursingAdditions } from '../input.js';
import type { TraceEntry } from '../result.js';
import type { Cited, Schedule } from '../schedule.js';
import { cite } from '../ruleRegistry.js';
import { careUnitPrice } from '../schedule.js';
import {
  addToLine,
  recordMonth,
  type ClaimDraft,
  type ServiceOutcome,
  type ServiceRules,
} from './service.js';
import { Refusals, type Refusal } from './refusals.js';
import { certificationOn, isFacilityResident, isSupportLevel, stayOn } from './eligibility.js';
import { percentLine, type PercentAddition, type SmallOfficeAddition } from './careAdditions.js';
import { additionName, formatNumber, officeKindJa } from '../labels.js';

export interface HomeHelpCategory extends Cited<number> {
  name: string;
  /** 身体介護: the only kind of visit 緊急時訪問介護加算 may be added to (H21-5c). */
  body: boolean;
}

export interface HomeHelpTable {
  /** Residences whose patients receive 施設サービス instead (介護保険施設). */
  facilityKinds: Cited<ResidenceKind[]>;
  /** H21-5a: units a visit by category (`category` of the record); any other category is not held. */
  categories: Record<string, HomeHelpCategory>;
  /** H21-5b: 特定事業所加算 by the office's grade, a percentage of the month's visit units. */
  specificOffice: Partial<Record<'I' | 'II' | 'III', PercentAddition>>;
  /** H21-5c: 初回加算 a month. */
  firstMonth: Cited<number> & { name: string };
  /** H21-5c: 緊急時訪問介護加算 a visit (身体介護 only). */
  emergency: Cited<number> & { name: string };
  /** H21-3a / H21-3b. */
  chusankanSmallOffice?: SmallOfficeAddition;
  chusankanResident?: PercentAddition;
}

export type HomeNursingAddition = (typeof homeNursingAdditions)[number];

export interface HomeNursingTable {
  /** H21-6: the base units of a visit — not in the seed, so not held (every visit is NOT_IN_SCHEDULE). */
  visit: Cited<null>;
  /** H21-6: the additions the seed gives; they cannot be billed without a base visit. */
  additions: Record<HomeNursingAddition, Cited<number> & { name: string; per: string }>;
}

export interface HomeRehabTable {
  facilityKinds: Cited<ResidenceKind[]>;
  /** H21-7: units per time, one time per `minutes` minutes of the visit. */
  perTime: Cited<number> & { name: string; minutes: number };
  /** H21-3b (訪問リハ has no small-office addition, H21-3a). */
  chusankanResident?: PercentAddition;
}

// ---------------------------------------------------------------------------------------------------------
// Shared by the three services.

interface ServiceInfo {
  ja: string;
  serviceType: '11' | '13' | '14';
  officeKinds: Office['kind'][];
}

type HomeServiceVisit = HomeHelpVisit | HomeNursingVisit | HomeRehabVisit;

/**
 * H21-1: who may receive a 居宅サービス visit — the office gives the service, a certification valid on
 * the visit date, 要介護 (the 介護予防 versions are not in this schedule), not a resident of a
 * 介護保険施設 and not during a hospital admission or short stay (as K24-1c for 居宅療養管理指導).
 */
function admitVisit(
  rec: HomeServiceVisit,
  patient: Patient,
  office: Office,
  info: ServiceInfo,
  facilityKinds: readonly ResidenceKind[],
  scheduleId: string,
): Refusal | { copay: 1 | 2 | 3 } {
  if (!info.officeKinds.includes(office.kind)) {
    return {
      code: 'REQUIREMENT_NOT_MET',
      rule: cite('H21-1'),
      message: `${officeKindJa[office.kind]}では${info.ja}は算定できません（${info.officeKinds.map((k) => officeKindJa[k]).join('・')}のサービスです）。`,
    };
  }
  const cert = certificationOn(patient, rec.date);
  if (!cert) {
    return {
      code: 'NOT_CERTIFIED',
      rule: cite('H21-1'),
      message: `${rec.date}に有効な要介護・要支援認定がないため、${info.ja}は算定できません。`,
    };
  }
  if (isSupportLevel(cert.level)) {
    return {
      code: 'NOT_IN_SCHEDULE',
      rule: cite('H21-1'),
      message: `要支援の利用者の介護予防${info.ja}の単位はこの算定表（${scheduleId}）に収録されていないため、算定できません。`,
    };
  }
  if (isFacilityResident(patient, facilityKinds)) {
    return {
      code: 'FACILITY_RESIDENT',
      rule: cite('H21-1'),
      message: `介護保険施設（特養・老健・介護療養型医療施設等）の入所者には${info.ja}は算定できません。`,
    };
  }
  const stay = stayOn(patient, rec.date);
  if (stay) {
    return {
      code: 'DURING_STAY',
      rule: cite('H21-1'),
      message: `${rec.date}は${stay.kind === 'hospital' ? '入院' : '短期入所'}中（${stay.from}〜${stay.to}）のため、${info.ja}は算定できません。`,
    };
  }
  return { copay: cert.copay };
}

/** A patient's month of one service: the draft, the visit units that percentages apply to, the visits. */
interface PatientMonth {
  draft: ClaimDraft;
  basic: number;
  recordIds: string[];
  patient: Patient;
}

class Collector<R extends HomeServiceVisit> {
  readonly months = new Map<string, PatientMonth>();
  private readonly refusals: Refusals;

  constructor(
    private readonly info: ServiceInfo,
    private readonly schedule: Schedule,
    private readonly office: Office,
    private readonly trace: TraceEntry[] | undefined,
  ) {
    this.refusals = new Refusals(trace);
  }

  reject(rec: R, r: Refusal, addition?: string): void {
    if (addition === undefined) this.refusals.refuse(rec, r, `${rec.date} ${rec.id}`);
    else this.refusals.refuse(rec, { ...r, addition }, `${rec.date} ${rec.id} ${additionName(addition)}`);
  }

  note(patientId: string, text: string, recordId?: string): void {
    if (!this.trace) return;
    const t: TraceEntry = { patientId, text };
    if (recordId !== undefined) t.recordId = recordId;
    this.trace.push(t);
  }

  monthOf(patient: Patient, copay: 1 | 2 | 3): PatientMonth {
    let m = this.months.get(patient.id);
    if (!m) {
      m = {
        draft: {
          patientId: patient.id,
          insurance: 'care',
          serviceType: this.info.serviceType,
          lines: [],
          unitPrice: careUnitPrice(this.schedule, this.info.serviceType, this.office.region ?? 'other'), // H21-2
          copayRate: copay, // H21-1: 1割 (M-7: the only rate in 2009)
        },
        basic: 0,
        recordIds: [],
        patient,
      };
      this.months.set(patient.id, m);
    }
    return m;
  }

  /** The 特別地域 flag: the schedule holds no 特別地域加算 for these services (H21-3 lists only 中山間). */
  specialAreaNotHeld(m: PatientMonth, records: readonly R[]): void {
    if (!this.office.specialArea) return;
    const first = records.find((r) => r.id === m.recordIds[0])!;
    this.reject(
      first,
      {
        code: 'NOT_IN_SCHEDULE',
        rule: cite('H21-3'),
        message: `特別地域加算はこの算定表（${this.schedule.id}）に${this.info.ja}の単位が収録されていないため、算定していません。`,
      },
      'special_area',
    );
  }

  outcome(): ServiceOutcome {
    return { claims: [...this.months.values()].map((m) => m.draft), rejections: this.refusals.rejections };
  }
}

// ---------------------------------------------------------------------------------------------------------
// 訪問介護 (H21-5)

const homeHelpInfo: ServiceInfo = { ja: '訪問介護', serviceType: '11', officeKinds: ['home_help'] };

export const homeHelpRules: ServiceRules<HomeHelpVisit, HomeHelpTable> = (ctx) => {
  const { month, office, data } = ctx;
  const c = new Collector<HomeHelpVisit>(homeHelpInfo, ctx.schedule, office, ctx.trace);
  const inMonth = ctx.records.filter((r) => recordMonth(r, month) === month);

  // H21-1: who may receive each visit; the visits that pass are the office's 訪問回数 of the month (H21-3a),
  // whatever their category.
  const eligible: { rec: HomeHelpVisit; patient: Patient; copay: 1 | 2 | 3 }[] = [];
  for (const rec of inMonth) {
    const patient = ctx.patients.get(rec.patientId)!;
    const checked = admitVisit(rec, patient, office, homeHelpInfo, data.facilityKinds.value, ctx.schedule.id);
    if ('code' in checked) c.reject(rec, checked);
    else eligible.push({ rec, patient, copay: checked.copay });
  }
  const visitCount = eligible.length;

  for (const { rec, patient, copay } of eligible) {
    // H21-5a: only the categories whose units the schedule holds (hasOwn: a category is input text).
    const cat = Object.hasOwn(data.categories, rec.category) ? data.categories[rec.category] : undefined;
    if (!cat) {
      c.reject(rec, {
        code: 'NOT_IN_SCHEDULE',
        rule: cite('H21-5a'),
        message: `訪問介護の区分「${rec.category}」の単位はこの算定表（${ctx.schedule.id}）に収録されていないため算定できません（収録されている区分: ${Object.values(
          data.categories,
        )
          .map((x) => x.name)
          .join('、')}）。`,
      });
      continue;
    }
    const m = c.monthOf(patient, copay);
    addToLine(
      m.draft.lines,
      { item: `home_help.${rec.category}`, name: cat.name, unitsEach: cat.value, rule: cite('H21-5a') },
      rec.id,
      1,
    );
    m.basic += cat.value;
    m.recordIds.push(rec.id);
    c.note(
      patient.id,
      `${rec.date} ${rec.id} ${cat.name} → 算定 ${formatNumber(cat.value)}単位（${cite('H21-5a')}）`,
      rec.id,
    );

    // H21-5c: 緊急時訪問介護加算, a visit of 身体介護 outside the care plan.
    if (rec.additions?.includes('emergency')) {
      if (!cat.body) {
        c.reject(
          rec,
          {
            code: 'REQUIREMENT_NOT_MET',
            rule: cite('H21-5c'),
            message: `${data.emergency.name}は身体介護の訪問に限られ、${cat.name}には算定できません。`,
          },
          'emergency',
        );
      } else {
        addToLine(
          m.draft.lines,
          {
            item: 'home_help.addition.emergency',
            name: data.emergency.name,
            unitsEach: data.emergency.value,
            rule: cite('H21-5c'),
          },
          rec.id,
          1,
        );
      }
    }
  }

  for (const m of c.months.values()) {
    const pid = m.patient.id;
    // H21-5c: 初回加算, once in the month, when any record of the month says it is the first month.
    const flagged = inMonth.filter((r) => r.patientId === pid && r.firstMonth === true).map((r) => r.id);
    if (flagged.length > 0) {
      const billedFlagged = m.recordIds.filter((id) => flagged.includes(id));
      m.draft.lines.push({
        item: 'home_help.addition.first',
        name: data.firstMonth.name,
        unitsEach: data.firstMonth.value,
        count: 1,
        units: data.firstMonth.value,
        recordIds: billedFlagged.length > 0 ? billedFlagged : [m.recordIds[0]!],
        rule: cite('H21-5c'),
      });
    }
    // H21-5b: 特定事業所加算 on the month's visit units (without 初回 / 緊急時), its own line (M-1).
    const grade = office.specificOffice;
    if (grade !== undefined) {
      const add = data.specificOffice[grade];
      if (add) {
        const l = percentLine(`home_help.addition.specific_office.${grade}`, add, m.basic, m.recordIds);
        if (l) m.draft.lines.push(l);
      }
    }
    // H21-3a: a small office in a 中山間地域等: the month's 訪問回数 at most 200.
    const small = data.chusankanSmallOffice;
    if (office.chusankanSmallOffice && small) {
      if (visitCount > small.max) {
        const first = inMonth.find((r) => r.id === m.recordIds[0])!;
        c.reject(
          first,
          {
            code: 'REQUIREMENT_NOT_MET',
            rule: cite(small.rule),
            message: `${small.name}は${small.counted}が月${small.max}${small.unit}以下の事業所に限られますが、この月は${visitCount}${small.unit}のため算定できません。`,
          },
          'chusankan_small_office',
        );
      } else {
        const l = percentLine('home_help.addition.chusankan_small_office', small, m.basic, m.recordIds);
        if (l) m.draft.lines.push(l);
      }
    }
    // H21-3b: a patient in a 中山間地域等 beyond the normal service area.
    if (m.patient.chusankanResident && data.chusankanResident) {
      const l = percentLine(
        'home_help.addition.chusankan_resident',
        data.chusankanResident,
        m.basic,
        m.recordIds,
      );
      if (l) m.draft.lines.push(l);
    }
    c.specialAreaNotHeld(m, inMonth);
  }
  return c.outcome();
};

// ---------------------------------------------------------------------------------------------------------
// 訪問看護 (H21-6): the schedule holds the additions only.

export const homeNursingRules: ServiceRules<HomeNursingVisit, HomeNursingTable> = (ctx) => {
  const { month, data } = ctx;
  const info: ServiceInfo = {
    ja: '訪問看護',
    serviceType: '13',
    officeKinds: ['visiting_nursing', 'hospital', 'clinic'],
  };
  const c = new Collector<HomeNursingVisit>(info, ctx.schedule, ctx.office, ctx.trace);
  for (const rec of ctx.records) {
    if (recordMonth(rec, month) !== month) continue;
    const asked = homeNursingAdditions.filter((a) => rec.additions?.includes(a));
    const additions = asked.map(
      (a) => `${data.additions[a].name}（${data.additions[a].value}単位${data.additions[a].per}）`,
    );
    c.reject(rec, {
      code: 'NOT_IN_SCHEDULE',
      rule: cite('H21-6'),
      message:
        `訪問看護の基本の単位（訪問看護費）はこの算定表（${ctx.schedule.id}）に収録されていないため算定できません` +
        (additions.length > 0
          ? `。${additions.join('・')}も基本の訪問看護費に加える加算のため、単独では算定できません。`
          : `（収録されているのは加算のみで、加算は基本の訪問看護費なしには算定できません）。`),
    });
  }
  return c.outcome();
};

// ---------------------------------------------------------------------------------------------------------
// 訪問リハビリテーション (H21-7)

const homeRehabInfo: ServiceInfo = {
  ja: '訪問リハビリテーション',
  serviceType: '14',
  officeKinds: ['hospital', 'clinic'],
};

export const homeRehabRules: ServiceRules<HomeRehabVisit, HomeRehabTable> = (ctx) => {
  const { month, office, data } = ctx;
  const c = new Collector<HomeRehabVisit>(homeRehabInfo, ctx.schedule, office, ctx.trace);
  const inMonth = ctx.records.filter((r) => recordMonth(r, month) === month);
  const per = data.perTime;
  for (const rec of inMonth) {
    const patient = ctx.patients.get(rec.patientId)!;
    const checked = admitVisit(
      rec,
      patient,
      office,
      homeRehabInfo,
      data.facilityKinds.value,
      ctx.schedule.id,
    );
    if ('code' in checked) {
      c.reject(rec, checked);
      continue;
    }
    // H21-7: one time per 20 minutes; a visit under 20 minutes is not a time.
    const times = Math.floor(rec.minutes / per.minutes);
    if (times === 0) {
      c.reject(rec, {
        code: 'REQUIREMENT_NOT_MET',
        rule: cite('H21-7'),
        message: `訪問リハビリテーション費は${per.minutes}分で1回として算定するため、${rec.minutes}分の訪問は算定できません。`,
      });
      continue;
    }
    const m = c.monthOf(patient, checked.copay);
    addToLine(
      m.draft.lines,
      { item: 'home_rehab.visit', name: per.name, unitsEach: per.value, rule: cite('H21-7') },
      rec.id,
      times,
    );
    m.basic += per.value * times;
    m.recordIds.push(rec.id);
    const rest = rec.minutes - times * per.minutes;
    c.note(
      patient.id,
      `${rec.date} ${rec.id} ${rec.minutes}分 → ${times}回 × ${per.value}単位（${per.minutes}分で1回: ${cite('H21-7')}）${rest > 0 ? `、残り${rest}分は回数になりません` : ''}`,
      rec.id,
    );
  }
  for (const m of c.months.values()) {
    if (office.chusankanSmallOffice) {
      c.note(
        m.patient.id,
        `中山間地域等における小規模事業所加算は訪問リハビリテーションにはありません（${cite('H21-3a')}）`,
      );
    }
    // H21-3b: a patient in a 中山間地域等 beyond the normal service area.
    if (m.patient.chusankanResident && data.chusankanResident) {
      const l = percentLine(
        'home_rehab.addition.chusankan_resident',
        data.chusankanResident,
        m.basic,
        m.recordIds,
      );
      if (l) m.draft.lines.push(l);
    }
    c.specialAreaNotHeld(m, inMonth);
  }
  return c.outcome();
};
