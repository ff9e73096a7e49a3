// 居宅介護支援 (service type 43) / 介護予防支援 (46), one record per patient and month — the rules of
// ../shared/spec/revision-2009.md H21-4 (fees, 逓減制, 加算) and H21-3 (中山間地域等), read from the
// schedule's table. No copay (M-6).
// Order of decisions: the office (H21-4) → each record: one a month, a valid certification (H21-4a/4c) →
// the office's 取扱件数 and each 要介護 patient's position in contract order (H21-4b) → the fee →
// 特定事業所加算 (H21-4d) → the record's additions (H21-4e) → percentage additions (H21-3, M-1).
import type { CareLevel, CareManagementMonth, Patient } from '../input.js';
import { careManagementAdditions } from '../input.js';
import type { RejectionCode } from '../result.js';
import type { Cited } from '../schedule.js';
import { cite, type Citation } from '../ruleRegistry.js';
import { careUnitPrice } from '../schedule.js';
import { dayNumber, lastDayOfMonth } from '../dates.js';
import { recordMonth, type ClaimDraft, type EngineLine, type ServiceRules } from './service.js';
import { Refusals } from './refusals.js';
import { certificationInMonth, isSupportLevel } from './eligibility.js';
import { percentLine, type PercentAddition, type SmallOfficeAddition } from './careAdditions.js';
import { additionJa, additionName, formatNumber } from '../labels.js';

export type CareTier = 'I' | 'II' | 'III';
export type CareManagementAddition = (typeof careManagementAdditions)[number];
type ServiceType = '43' | '46';

export interface CareManagementTable {
  /** H21-4a: 居宅介護支援費 (Ⅰ)(Ⅱ)(Ⅲ) a month, for 要介護1・2 and 要介護3〜5. */
  fees: Cited<Record<CareTier, { care12: number; care345: number }>>;
  /**
   * H21-4b: (Ⅱ) from position ⌊tierIIFrom × FTE⌋, (Ⅲ) from ⌊tierIIIFrom × FTE⌋; a 介護予防支援 patient
   * counts as 1 / supportDivisor of a case.
   */
  tapering: Cited<{ tierIIFrom: number; tierIIIFrom: number; supportDivisor: number }>;
  /** H21-4c: 介護予防支援費 a month (no 逓減). */
  supportFee: Cited<number>;
  /** H21-4d: 特定事業所加算 a month by the office's grade; not when 取扱件数 ≥ maxCaseload per care manager. */
  specificOffice: Cited<Partial<Record<'I' | 'II' | 'III', number>>> & { maxCaseload: number };
  /** H21-4e: the additions a record may ask for, with the service types that have them. */
  additions: Partial<
    Record<CareManagementAddition, Cited<number> & { name: string; serviceTypes: ServiceType[] }>
  >;
  /** H21-4e: 退院・退所加算 (Ⅰ) for a stay of at most this many days, (Ⅱ) for a longer one. */
  dischargeShortStayMaxDays: Cited<number>;
  /** H21-3a / H21-3b: percentage additions of 居宅介護支援 (43). */
  chusankanSmallOffice?: SmallOfficeAddition;
  chusankanResident?: PercentAddition;
}

// ---------------------------------------------------------------------------------------------------------
// H21-4b: 逓減制 — the allocation of (Ⅰ)(Ⅱ)(Ⅲ), a pure function of the month's patients.

export interface TaperingEntry {
  patientId: string;
  contractDate?: string;
  /** 介護予防支援 patient: counts ½ and has no tier of its own. */
  support: boolean;
}

export interface TaperingSlot {
  /** Position in contract order, in half cases (a 要介護 patient adds 2, a 介護予防支援 patient 1). */
  positionHalves: number;
  /** Undefined for 介護予防支援 patients. */
  tier?: CareTier;
  /** The patient has no contract date: placed before every dated contract (the position can only be worse). */
  undated: boolean;
}

export interface Tapering {
  /** 取扱件数 of the office in half cases: 2 × 要介護 + 介護予防支援. */
  caseloadHalves: number;
  /** Care managers (常勤換算) in thousandths, at least 1. */
  fteMilli: number;
  /** H21-4b: 取扱件数 per care manager under tierIIFrom (40): everyone bills (Ⅰ). */
  allFirstTier: boolean;
  /** ⌊40 × FTE⌋ and ⌊60 × FTE⌋: the first positions of (Ⅱ) and (Ⅲ). */
  tierIIStart: number;
  tierIIIStart: number;
  slots: Map<string, TaperingSlot>;
}

/** 常勤換算 as an integer of thousandths, so that ⌊40 × 1.1⌋ is 44 and not a float's 44.000000001 surprise. */
export function fteThousandths(fte: number): number {
  return Math.max(1, Math.round(fte * 1000));
}

/** H21-4d ⑩ / H21-4b: is the office's 取扱件数 per care manager `limit` (40) or more? */
export function caseloadAtLeast(caseloadHalves: number, fteMilli: number, limit: number): boolean {
  // caseloadHalves / 2 / (fteMilli / 1000) ≥ limit, in integers.
  return caseloadHalves * 1000 >= 2 * limit * fteMilli;
}

/**
 * H21-4b: patients in contract order (oldest first; the same date keeps the input order). A 要介護
 * patient's position is the number of cases up to and including it, 介護予防支援 patients counting ½
 * (`supportDivisor` 2). Positions under ⌊40 × FTE⌋ bill (Ⅰ), under ⌊60 × FTE⌋ (Ⅱ), later ones (Ⅲ);
 * when the 取扱件数 per care manager is under 40 everyone bills (Ⅰ). A position of 39½ is still under 40:
 * (Ⅱ) is the part of the caseload that is 40 or more.
 */
export function allocateTapering(
  entries: readonly TaperingEntry[],
  fte: number,
  rule: { tierIIFrom: number; tierIIIFrom: number; supportDivisor: number },
): Tapering {
  if (rule.supportDivisor !== 2) throw new Error('H21-4b: only a ½ weight of 介護予防支援 is supported');
  const fteMilli = fteThousandths(fte);
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const da = a.e.contractDate;
      const db = b.e.contractDate;
      // Undated contracts first: their unknown position must not make anyone else's fee higher.
      if (da === undefined || db === undefined) {
        if (da === db) return a.i - b.i;
        return da === undefined ? -1 : 1;
      }
      return da < db ? -1 : da > db ? 1 : a.i - b.i;
    });
  let caseloadHalves = 0;
  for (const { e } of ordered) caseloadHalves += e.support ? 1 : 2;
  const allFirstTier = !caseloadAtLeast(caseloadHalves, fteMilli, rule.tierIIFrom);
  const tierIIStart = Math.floor((rule.tierIIFrom * fteMilli) / 1000);
  const tierIIIStart = Math.floor((rule.tierIIIFrom * fteMilli) / 1000);
  const slots = new Map<string, TaperingSlot>();
  let running = 0;
  for (const { e } of ordered) {
    running += e.support ? 1 : 2;
    const slot: TaperingSlot = { positionHalves: running, undated: e.contractDate === undefined };
    if (!e.support) {
      slot.tier = allFirstTier
        ? 'I'
        : running < 2 * tierIIStart
          ? 'I'
          : running < 2 * tierIIIStart
            ? 'II'
            : 'III';
    }
    slots.set(e.patientId, slot);
  }
  return { caseloadHalves, fteMilli, allFirstTier, tierIIStart, tierIIIStart, slots };
}

// ---------------------------------------------------------------------------------------------------------

const tierJa: Record<CareTier, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ' };

const serviceJa: Record<ServiceType, string> = { '43': '居宅介護支援', '46': '介護予防支援' };

/** Half cases as a readable number: 79 → "39.5". */
function halves(n: number): string {
  return n % 2 === 0 ? String(n / 2) : `${(n - 1) / 2}.5`;
}

function levelGroup(level: CareLevel): 'care12' | 'care345' {
  return level === 'care1' || level === 'care2' ? 'care12' : 'care345';
}

interface Eligible {
  rec: CareManagementMonth;
  patient: Patient;
  level: CareLevel;
  serviceType: ServiceType;
}

export const careManagementRules: ServiceRules<CareManagementMonth, CareManagementTable> = (ctx) => {
  const { month, office, data, trace } = ctx;
  const refusals = new Refusals(trace);
  const reject = (
    rec: CareManagementMonth,
    code: RejectionCode,
    rule: Citation,
    message: string,
    addition?: string,
  ): void =>
    addition === undefined
      ? refusals.refuse(rec, { code, rule, message }, rec.id)
      : refusals.refuse(rec, { code, rule, message, addition }, `${rec.id} ${additionName(addition)}`);

  const inMonth = ctx.records.filter((r) => recordMonth(r, month) === month);
  const history = ctx.records.filter((r) => recordMonth(r, month) < month);

  // H21-4: 居宅介護支援 and 介護予防支援 are the care-management office's services.
  if (office.kind !== 'care_management') {
    for (const rec of inMonth) {
      reject(
        rec,
        'REQUIREMENT_NOT_MET',
        cite('H21-4'),
        '居宅介護支援・介護予防支援は居宅介護支援事業所（office.kind が care_management）でのみ算定できます。',
      );
    }
    return { claims: [], rejections: refusals.rejections };
  }

  // One record per patient and month; a valid certification in the month (H21-4a, H21-4c).
  const eligible: Eligible[] = [];
  const seen = new Map<string, string>();
  for (const rec of inMonth) {
    const patient = ctx.patients.get(rec.patientId)!;
    const cert = certificationInMonth(patient, month);
    if (!cert) {
      reject(
        rec,
        'NOT_CERTIFIED',
        cite('H21-4a', 'H21-4c'),
        `${month}に有効な要介護・要支援認定がないため、居宅介護支援・介護予防支援費は算定できません。`,
      );
      continue;
    }
    const first = seen.get(rec.patientId);
    if (first !== undefined) {
      reject(
        rec,
        'MONTHLY_LIMIT',
        cite(isSupportLevel(cert.level) ? 'H21-4c' : 'H21-4a'),
        `居宅介護支援・介護予防支援費は利用者1人につき月1回で、この月は記録${first}で算定しているため算定できません。`,
      );
      continue;
    }
    seen.set(rec.patientId, rec.id);
    eligible.push({
      rec,
      patient,
      level: cert.level,
      serviceType: isSupportLevel(cert.level) ? '46' : '43',
    });
  }

  // H21-4b: the office's 取扱件数 and each patient's position in contract order.
  const fte = office.careManagerFte ?? 1;
  const tapering = allocateTapering(
    eligible.map((e) => ({
      patientId: e.patient.id,
      contractDate: e.patient.contractDate,
      support: e.serviceType === '46',
    })),
    fte,
    data.tapering.value,
  );
  const caseloadText = `取扱件数 ${halves(tapering.caseloadHalves)}件（要介護 ${eligible.filter((e) => e.serviceType === '43').length}人＋介護予防支援 ${eligible.filter((e) => e.serviceType === '46').length}人×½）、介護支援専門員 常勤換算 ${fte}人`;
  // H21-4d ⑩: 特定事業所加算 only while the 取扱件数 per care manager is under 40.
  const caseloadTooHigh = caseloadAtLeast(
    tapering.caseloadHalves,
    tapering.fteMilli,
    data.specificOffice.maxCaseload,
  );
  // H21-3a: the small office counts the month's real 居宅介護支援 patients (実利用者).
  const realPatients = eligible.filter((e) => e.serviceType === '43').length;

  const claims: ClaimDraft[] = [];
  for (const e of eligible) {
    const { rec, patient, serviceType } = e;
    const lines: EngineLine[] = [];
    let basic: number;
    if (serviceType === '43') {
      const slot = tapering.slots.get(patient.id)!;
      if (slot.undated && !tapering.allFirstTier) {
        reject(
          rec,
          'REQUIREMENT_NOT_MET',
          cite('H21-4b'),
          `取扱件数が${data.tapering.value.tierIIFrom}件以上（${caseloadText}）で逓減制が適用されますが、契約日（contractDate）がないため順位が決まらず、居宅介護支援費を算定できません。`,
        );
        continue;
      }
      const tier = slot.tier!;
      basic = data.fees.value[tier][levelGroup(e.level)];
      const groupJa = levelGroup(e.level) === 'care12' ? '要介護1・2' : '要介護3〜5';
      lines.push({
        item: `care_management.${tier}.${levelGroup(e.level)}`,
        name: `居宅介護支援費（${tierJa[tier]}）（${groupJa}）`,
        unitsEach: basic,
        count: 1,
        units: basic,
        recordIds: [rec.id],
        rule: cite('H21-4a', 'H21-4b'),
      });
      trace?.push({
        patientId: patient.id,
        recordId: rec.id,
        text: tapering.allFirstTier
          ? `${caseloadText}: 1人当たり${data.tapering.value.tierIIFrom}件未満のため全員が居宅介護支援費（Ⅰ）→ ${formatNumber(basic)}単位（${cite('H21-4b')}）`
          : `契約日 ${patient.contractDate ?? '（なし）'} の順位 ${halves(slot.positionHalves)}件目（${caseloadText}、（Ⅱ）は${tapering.tierIIStart}件目から、（Ⅲ）は${tapering.tierIIIStart}件目から）→ 居宅介護支援費（${tierJa[tier]}）${formatNumber(basic)}単位（${cite('H21-4b')}）`,
      });
      specificOfficeLine(e, lines);
    } else {
      basic = data.supportFee.value;
      lines.push({
        item: 'care_management.support',
        name: '介護予防支援費',
        unitsEach: basic,
        count: 1,
        units: basic,
        recordIds: [rec.id],
        rule: cite('H21-4c'),
      });
      trace?.push({
        patientId: patient.id,
        recordId: rec.id,
        text: `介護予防支援費 ${formatNumber(basic)}単位（逓減なし、取扱件数には½件として数える: ${cite('H21-4b')}, ${cite('H21-4c')}）`,
      });
    }
    recordAdditions(e, lines);
    percentAdditions(e, basic, lines);
    claims.push({
      patientId: patient.id,
      insurance: 'care',
      serviceType,
      lines,
      unitPrice: careUnitPrice(ctx.schedule, serviceType, office.region ?? 'other'), // H21-2, M-3
      copayRate: null, // M-6: 居宅介護支援・介護予防支援 have no copay
    });
  }
  return { claims, rejections: refusals.rejections };

  /** H21-4d: 特定事業所加算, held by the office, on every 居宅介護支援 patient's month. */
  function specificOfficeLine(e: Eligible, lines: EngineLine[]): void {
    const grade = office.specificOffice;
    if (grade === undefined) return;
    const units = data.specificOffice.value[grade];
    if (units === undefined) {
      reject(
        e.rec,
        'NOT_IN_SCHEDULE',
        cite('H21-4d'),
        `居宅介護支援の特定事業所加算は（Ⅰ）（Ⅱ）のみで、（${tierJa[grade]}）はこの算定表にありません。`,
        'specific_office',
      );
      return;
    }
    if (caseloadTooHigh) {
      reject(
        e.rec,
        'REQUIREMENT_NOT_MET',
        cite('H21-4d'),
        `特定事業所加算は介護支援専門員1人当たりの取扱件数が${data.specificOffice.maxCaseload}件未満の事業所に限られますが、${caseloadText}のため算定できません。`,
        'specific_office',
      );
      return;
    }
    lines.push({
      item: `care_management.addition.specific_office.${grade}`,
      name: `特定事業所加算（${tierJa[grade]}）`,
      unitsEach: units,
      count: 1,
      units,
      recordIds: [e.rec.id],
      rule: cite('H21-4d'),
    });
  }

  /** H21-4e: the additions the record asks for. */
  function recordAdditions(e: Eligible, lines: EngineLine[]): void {
    const asked = new Set(e.rec.additions ?? []);
    for (const a of careManagementAdditions) {
      if (!asked.has(a)) continue;
      const add = data.additions[a];
      if (!add || !add.serviceTypes.includes(e.serviceType)) {
        reject(
          e.rec,
          'NOT_IN_SCHEDULE',
          cite('H21-4e'),
          `${serviceJa[e.serviceType]}には${additionJa[a]}がこの算定表にありません。`,
          a,
        );
        continue;
      }
      const refusal = additionRefusal(e, a, asked);
      if (refusal) {
        reject(e.rec, refusal.code, cite('H21-4e'), refusal.message, a);
        continue;
      }
      lines.push({
        item: `care_management.addition.${a}`,
        name: add.name,
        unitsEach: add.value,
        count: 1,
        units: add.value,
        recordIds: [e.rec.id],
        rule: cite('H21-4e'),
      });
    }
  }

  function additionRefusal(
    e: Eligible,
    a: CareManagementAddition,
    asked: ReadonlySet<CareManagementAddition>,
  ): { code: RejectionCode; message: string } | undefined {
    if (a === 'discharge_1' || a === 'discharge_2') {
      // H21-4e: not in a month that bills 初回加算.
      if (asked.has('first')) {
        return {
          code: 'NOT_COMBINABLE',
          message: `${additionJa[a]}は初回加算を算定する月には算定できません（初回加算を算定します）。`,
        };
      }
      const days = e.rec.stayDays ?? stayDaysFromStays(e.patient, month);
      const max = data.dischargeShortStayMaxDays.value;
      if (days === undefined) {
        return {
          code: 'REQUIREMENT_NOT_MET',
          message: `${additionJa[a]}は入院・入所期間で（Ⅰ）（Ⅱ）が決まりますが、期間（stayDays、またはこの月に退院した入院の記録）がないため算定できません。`,
        };
      }
      if (a === 'discharge_1' && days > max) {
        return {
          code: 'REQUIREMENT_NOT_MET',
          message: `退院・退所加算（Ⅰ）は入院・入所期間が${max}日以下の場合に限られ、この期間は${days}日のため（Ⅱ）に当たります。`,
        };
      }
      if (a === 'discharge_2' && days <= max) {
        return {
          code: 'REQUIREMENT_NOT_MET',
          message: `退院・退所加算（Ⅱ）は入院・入所期間が${max}日を超える場合に限られ、この期間は${days}日のため（Ⅰ）に当たります。`,
        };
      }
    }
    if (a === 'hospital_liaison') {
      // H21-4e: once per admission — the admission overlapping the month, not billed in an earlier month.
      const first = `${month}-01`;
      const last = lastDayOfMonth(month);
      const stay = (e.patient.stays ?? [])
        .filter((s) => s.kind === 'hospital' && s.from <= last && s.to >= first)
        .sort((x, y) => (x.from < y.from ? 1 : x.from > y.from ? -1 : 0))[0];
      if (!stay) {
        return {
          code: 'REQUIREMENT_NOT_MET',
          message: `医療連携加算は入院した利用者について病院等に情報提供した場合に算定しますが、${month}に入院の記録（stays）がないため算定できません。`,
        };
      }
      const earlier = history.find(
        (h) =>
          h.patientId === e.patient.id &&
          h.additions?.includes('hospital_liaison') &&
          recordMonth(h, month) >= stay.from.slice(0, 7),
      );
      if (earlier) {
        return {
          code: 'REQUIREMENT_NOT_MET',
          message: `医療連携加算は1回の入院につき1回までで、${stay.from}からの入院については${recordMonth(earlier, month)}（記録${earlier.id}）に算定済みです。`,
        };
      }
    }
    return undefined;
  }

  /** H21-3a / H21-3b: percentage lines of 居宅介護支援, on the fee of the month (M-1). */
  function percentAdditions(e: Eligible, basic: number, lines: EngineLine[]): void {
    const { rec, patient, serviceType } = e;
    if (office.specialArea) {
      reject(
        rec,
        'NOT_IN_SCHEDULE',
        cite('H21-3'),
        `特別地域加算はこの算定表（${ctx.schedule.id}）に${serviceJa[serviceType]}の単位が収録されていないため、算定していません。`,
        'special_area',
      );
    }
    if (serviceType === '46') {
      if (office.chusankanSmallOffice || patient.chusankanResident) {
        trace?.push({
          patientId: patient.id,
          recordId: rec.id,
          text: `中山間地域等の加算は介護予防支援にはありません（${cite('H21-3a')}, ${cite('H21-3b')} は居宅介護支援のみ）`,
        });
      }
      return;
    }
    const small = data.chusankanSmallOffice;
    if (office.chusankanSmallOffice && small) {
      if (realPatients > small.max) {
        reject(
          rec,
          'REQUIREMENT_NOT_MET',
          cite(small.rule),
          `${small.name}は${small.counted}が月${small.max}${small.unit}以下の事業所に限られますが、この月は${realPatients}${small.unit}のため算定できません。`,
          'chusankan_small_office',
        );
      } else {
        const l = percentLine('care_management.addition.chusankan_small_office', small, basic, [rec.id]);
        if (l) lines.push(l);
      }
    }
    const resident = data.chusankanResident;
    if (patient.chusankanResident && resident) {
      const l = percentLine('care_management.addition.chusankan_resident', resident, basic, [rec.id]);
      if (l) lines.push(l);
    }
  }
};

/**
 * H21-4e: the length of the hospital stay the patient left in the month (both days counted), when the
 * record does not give `stayDays`.
 */
function stayDaysFromStays(patient: Patient, month: string): number | undefined {
  const left = (patient.stays ?? [])
    .filter((s) => s.kind === 'hospital' && s.to.slice(0, 7) === month)
    .sort((x, y) => (x.to < y.to ? 1 : x.to > y.to ? -1 : 0))[0];
  if (!left) return undefined;
  return dayNumber(left.to) - dayNumber(left.from) + 1;
}
