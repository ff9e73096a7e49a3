// C006 在宅患者訪問リハビリテーション指導管理料 (医療保険) — ../shared/spec/c006-2024.md (C006-1 … C006-5).
// Order of decisions: the office (C006-1) → each visit's eligibility (C006-2, with the acute period of
// C006-4 for 介護保険 patients) → per patient in date order, the units that fit the limits (C006-3 weekly
// or C006-4 daily) → per billed visit, 1 or 2 from the same-day 同一建物居住者 test (C006-1a/1b) → lines.
// Money (C006-5, M-10 … M-13) is done by the orchestrator with medicalSplit.
import type { C006Visit, Condition, Office, Patient } from '../input.js';
import type { Cited } from '../schedule.js';
import { cite } from '../ruleRegistry.js';
import { YEN_PER_POINT } from '../money.js';
import {
  addDays,
  dayNumber,
  fromDayNumber,
  sameDayMonthsLater,
  weekStart,
  withinMonthsFrom,
} from '../dates.js';
import { addToLine, recordMonth, type ClaimDraft, type ServiceRules } from './service.js';
import { Refusals, type Refusal } from './refusals.js';
import { certificationOn, stayOn } from './eligibility.js';
import { firstEnteredNote, inDateThenInputOrder } from '../interpretations.js';
import { formatNumber, officeKindJa } from '../labels.js';

export interface C006Item {
  /** Stable line item id, e.g. "c006.1". */
  item: string;
  /** Name as on a 明細書. */
  name: string;
  /** Points per 単位 (20 minutes). */
  points: number;
  source: string;
}

export interface C006Table {
  /** C006-1a `1` 同一建物居住者以外 / C006-1b `2` 同一建物居住者. */
  items: { other: C006Item; sameBuilding: C006Item };
  /** C006-1: the institutions that may bill it (病院・診療所). */
  officeKinds: Cited<Office['kind'][]>;
  /** C006-3a: units of 1 and 2 together per week (Sunday–Saturday). */
  weeklyLimit: Cited<number>;
  /** C006-3b: the weekly limit within `dischargeMonths` from the discharge date. */
  weeklyLimitAfterDischarge: Cited<number>;
  /** C006-3b: 退院の日から起算して3月以内. */
  dischargeMonths: Cited<number>;
  /** C006-3c: conditions with no weekly limit (末期の悪性腫瘍). */
  noWeeklyLimitConditions: Cited<Condition[]>;
  /** C006-4a / C006-4d: units a day inside an acute period. */
  acuteDailyLimit: Cited<number>;
  /** C006-4a: length of the acute period in days, the examination day being day 1. */
  acuteDays: Cited<number>;
  /** C006-4b: an acute period once in this many months. */
  acuteOncePerMonths: Cited<number>;
  /** C006-2c: a visit within this many months of the doctor's examination. */
  examMonths: Cited<number>;
}

/** C006-4: the patient's acute period and whether C006-4b allows it. */
interface AcutePeriod {
  from: string;
  to: string;
  allowed: boolean;
  /** C006-4b: the first day a new period could start, when this one is refused. */
  nextAllowed?: string;
}

/** A visit that passed C006-2, before the weekly and daily limits. */
interface Candidate {
  rec: C006Visit;
  patient: Patient;
  day: number;
  inMonth: boolean;
  /** C006-4a: the visit falls inside an allowed acute period. */
  acute: boolean;
  /** Units billed after the limits (set by applyLimits). */
  billed: number;
}

export const c006Rules: ServiceRules<C006Visit, C006Table> = (ctx) => {
  const { month, office, data, trace } = ctx;
  const refusals = new Refusals(trace);
  const reject = (rec: C006Visit, r: Refusal): void =>
    refusals.refuse(rec, r, `${rec.date} ${rec.id} ${rec.units}単位`);

  // Records after the billed month play no part; those before it are history for the limits.
  const records = ctx.records.filter((r) => recordMonth(r, month) <= month);

  // C006-1: given by a hospital or clinic only; every record of the month is refused otherwise.
  if (!data.officeKinds.value.includes(office.kind)) {
    for (const rec of records) {
      if (recordMonth(rec, month) !== month) continue;
      reject(rec, {
        code: 'REQUIREMENT_NOT_MET',
        rule: cite('C006-1'),
        message: `在宅患者訪問リハビリテーション指導管理料は病院・診療所のみが算定でき、${officeKindJa[office.kind]}は算定できません。`,
      });
    }
    return { claims: [], rejections: refusals.rejections };
  }

  // C006-4 / C006-4b: each patient's acute period, explained once per patient with a visit this month.
  const acuteOf = new Map<string, AcutePeriod | undefined>();
  const periodFor = (patient: Patient): AcutePeriod | undefined => {
    if (acuteOf.has(patient.id)) return acuteOf.get(patient.id);
    const period = acutePeriod(patient, data);
    acuteOf.set(patient.id, period);
    return period;
  };
  const explainedAcute = new Set<string>();

  const candidates: Candidate[] = [];
  for (const rec of records) {
    const patient = ctx.patients.get(rec.patientId)!;
    const inMonth = recordMonth(rec, month) === month;
    const period = periodFor(patient);
    if (inMonth && period && trace && !explainedAcute.has(patient.id)) {
      explainedAcute.add(patient.id);
      trace.push({ patientId: patient.id, text: describeAcute(period, data) });
    }
    const acute = inAllowedAcutePeriod(period, rec.date);
    const refusal = eligibilityRefusal(rec, patient, inMonth, acute, period, data);
    if (refusal) {
      if (inMonth) reject(rec, refusal);
      continue;
    }
    if (inMonth && trace) {
      const exam = examCovering(patient, rec.date, data);
      if (exam.assumed) {
        trace.push({
          patientId: patient.id,
          recordId: rec.id,
          text: `${rec.date} ${rec.id}: 記録された診療日（${exam.exam}）より前の訪問のため、それ以前の診療に基づく訪問として扱います（${cite('C006-2c')}）`,
        });
      }
    }
    candidates.push({ rec, patient, day: dayNumber(rec.date), inMonth, acute, billed: 0 });
  }

  // C006-3 / C006-4: limits per patient, in date order and, on one date, in input order (O5).
  const byPatient = new Map<string, Candidate[]>();
  for (const v of candidates) {
    let seq = byPatient.get(v.rec.patientId);
    if (!seq) byPatient.set(v.rec.patientId, (seq = []));
    seq.push(v);
  }
  for (const seq of byPatient.values()) {
    inDateThenInputOrder(seq);
    applyLimits(seq, data, (v, r) => v.inMonth && reject(v.rec, r), trace);
  }

  // C006-1a / C006-1b: a patient is a 同一建物居住者 on a day when this institution also bills C006 that
  // day to another patient of the same building. A visit counts for that day when at least one of its
  // units is billed (after C006-2, C006-3 and C006-4): a visit refused in full was not a billable
  // 訪問リハビリテーション指導管理 and does not turn its neighbour into a 同一建物居住者.
  const billed = candidates.filter((v) => v.inMonth && v.billed > 0);
  const patientsOn = new Map<string, Set<string>>(); // `${buildingId}\0${date}` → patient ids
  const buildingDay = (v: Candidate): string | undefined => {
    const b = v.patient.residence?.buildingId;
    return b === undefined ? undefined : `${b}\u0000${v.rec.date}`;
  };
  for (const v of billed) {
    const key = buildingDay(v);
    if (key === undefined) continue;
    let s = patientsOn.get(key);
    if (!s) patientsOn.set(key, (s = new Set()));
    s.add(v.patient.id);
  }

  const drafts = new Map<string, ClaimDraft>();
  billed.sort((a, b) => a.day - b.day);
  for (const v of billed) {
    const key = buildingDay(v);
    const others = key === undefined ? [] : [...patientsOn.get(key)!].filter((p) => p !== v.patient.id);
    const same = others.length > 0;
    const item = same ? data.items.sameBuilding : data.items.other;
    const column = same ? 'C006-1b' : 'C006-1a';
    const rule = v.acute ? cite(column, 'C006-4a') : cite(column);

    let draft = drafts.get(v.patient.id);
    if (!draft) {
      draft = {
        patientId: v.patient.id,
        insurance: 'medical',
        serviceType: 'C006',
        lines: [],
        unitPrice: YEN_PER_POINT * 100, // M-10: 10 円 a point, in hundredths
        copayRate: v.patient.medical!.copay, // M-11: validation requires it for a C006 patient
      };
      drafts.set(v.patient.id, draft);
    }
    addToLine(
      draft.lines,
      { item: item.item, name: item.name, unitsEach: item.points, rule },
      v.rec.id,
      v.billed,
    );
    // M-13: 交通費 at cost, outside the insured amount: the sum over the month's billed visits.
    if (v.rec.transportYen !== undefined) draft.transportYen = (draft.transportYen ?? 0) + v.rec.transportYen;

    trace?.push({
      patientId: v.patient.id,
      recordId: v.rec.id,
      text:
        `${v.rec.date} ${v.rec.id} → 算定 ${v.billed}単位 × ${item.points}点 ${item.name}` +
        (same
          ? `（同日に同じ建物${v.patient.residence!.buildingId}の${others.join('、')}にも算定: ${cite('C006-1b')}）`
          : v.patient.residence?.buildingId
            ? `（同日に同じ建物で算定した他の患者なし: ${cite('C006-1a')}）`
            : `（建物の登録なし: ${cite('C006-1a')}）`) +
        (v.acute ? ` 急性増悪等の期間内（${cite('C006-4a')}）` : '') +
        (v.rec.transportYen !== undefined
          ? ` 交通費 ${formatNumber(v.rec.transportYen)}円（実費・患者負担: ${cite('M-13')}）`
          : ''),
    });
  }

  return { claims: [...drafts.values()], rejections: refusals.rejections };
};

/** C006-4a: the date is inside an acute period that C006-4b allows. */
function inAllowedAcutePeriod(period: AcutePeriod | undefined, date: string): boolean {
  return period !== undefined && period.allowed && period.from <= date && date <= period.to;
}

/**
 * C006-2b / C006-4c: on this date 介護保険 comes first — the patient is certified and the date is outside an
 * allowed acute period — so a visit is refused CARE_INSURANCE_PRIORITY, whether or not the patient has a
 * 医療保険 entry (O6): it needs no medical copay rate (validateForSchedule).
 */
export function careInsuranceFirst(patient: Patient, date: string, data: C006Table): boolean {
  return (
    certificationOn(patient, date) !== undefined && !inAllowedAcutePeriod(acutePeriod(patient, data), date)
  );
}

/** C006-4a / C006-4b: the acute period that starts at acuteExamDate, and whether it is allowed. */
function acutePeriod(patient: Patient, data: C006Table): AcutePeriod | undefined {
  const from = patient.acuteExamDate;
  if (from === undefined) return undefined;
  const to = addDays(from, data.acuteDays.value - 1); // the examination day is day 1
  const prev = patient.previousAcuteExamDate;
  // C006-4b: once in 6 months — a period starting before the same day 6 months after the previous
  // examination is refused (previous 2024-01-10 → a new period may start from 2024-07-10). A previous
  // date on or after this one is not an earlier period and is ignored.
  if (prev !== undefined && prev < from) {
    const nextAllowed = sameDayMonthsLater(prev, data.acuteOncePerMonths.value);
    if (from < nextAllowed) return { from, to, allowed: false, nextAllowed };
  }
  return { from, to, allowed: true };
}

function describeAcute(p: AcutePeriod, data: C006Table): string {
  if (!p.allowed) {
    return `急性増悪等の診療日 ${p.from} は前回の急性増悪等から${data.acuteOncePerMonths.value}月以内（${p.nextAllowed} より前）のため、頻回の算定期間は認められず、通常の算定とします（${cite('C006-4b')}）`;
  }
  return `急性増悪等: 診療日 ${p.from} から${data.acuteDays.value}日間（${p.from}〜${p.to}）は週の上限に代えて1日${data.acuteDailyLimit.value}単位まで算定します（${cite('C006-4a')}）`;
}

/**
 * C006-2c: the examination that covers a visit. The known examinations are lastExamDate and the acute
 * examinations (C006-4a: the acute period starts at an examination). The latest one on or before the
 * visit must be at most one month earlier (examined 06-15 → visits up to 07-15; 01-31 → 02-29). A visit
 * before every known examination belongs to an earlier examination the input does not list: it is
 * taken as covered (`assumed`), which the trace says.
 */
function examCovering(
  patient: Patient,
  date: string,
  data: C006Table,
): { ok: boolean; exam?: string; until?: string; assumed?: boolean } {
  const known = [patient.lastExamDate, patient.acuteExamDate, patient.previousAcuteExamDate].filter(
    (d): d is string => d !== undefined,
  );
  if (known.length === 0) return { ok: false };
  const before = known.filter((d) => d <= date).sort();
  const exam = before.at(-1);
  if (exam === undefined) return { ok: true, exam: known.sort()[0], assumed: true };
  const until = sameDayMonthsLater(exam, data.examMonths.value);
  return { ok: date <= until, exam, until };
}

/** C006-2: who may receive it on the visit date; undefined when the visit may be billed. */
function eligibilityRefusal(
  rec: C006Visit,
  patient: Patient,
  inMonth: boolean,
  acute: boolean,
  period: AcutePeriod | undefined,
  data: C006Table,
): Refusal | undefined {
  // C006-2a: 通院困難 (homebound defaults to true).
  if (patient.homebound === false) {
    return {
      code: 'NOT_HOMEBOUND',
      rule: cite('C006-2a'),
      message: '通院が可能な患者とされているため、在宅患者訪問リハビリテーション指導管理料は算定できません。',
    };
  }
  // C006-2a: not at home on a day of a hospital admission or a short stay.
  const stay = stayOn(patient, rec.date);
  if (stay) {
    return {
      code: 'DURING_STAY',
      rule: cite('C006-2a'),
      message: `${rec.date}は${stay.kind === 'hospital' ? '入院' : '短期入所'}中（${stay.from}〜${stay.to}）で在宅ではないため、在宅患者訪問リハビリテーション指導管理料は算定できません。`,
    };
  }
  // C006-2b / C006-4c: 介護保険 comes first, except inside an allowed acute period.
  if (!acute && certificationOn(patient, rec.date)) {
    const inRefusedPeriod =
      period !== undefined && !period.allowed && period.from <= rec.date && rec.date <= period.to;
    return {
      code: 'CARE_INSURANCE_PRIORITY',
      rule: inRefusedPeriod ? cite('C006-2b', 'C006-4b') : cite('C006-2b'),
      message: inRefusedPeriod
        ? `${rec.date}は要介護・要支援認定があり、急性増悪等の期間も前回から${data.acuteOncePerMonths.value}月以内のため認められないので、介護保険の訪問リハビリテーションで算定してください。`
        : `${rec.date}は要介護・要支援認定があるため、急性増悪等の期間外は介護保険の訪問リハビリテーションで算定してください。`,
    };
  }
  // C006-2c: within one month of this institution's examination.
  const exam = examCovering(patient, rec.date, data);
  if (!exam.ok) {
    return {
      code: 'NO_RECENT_EXAM',
      rule: cite('C006-2c'),
      message:
        exam.exam === undefined
          ? '医師の診療日（lastExamDate）の記録がないため、診療から1月以内の訪問であることを確認できず算定できません。'
          : `最後の診療日 ${exam.exam} から1月（${exam.until}まで）を過ぎた訪問のため算定できません。`,
    };
  }
  // C006-2d and C006-2e describe the billed month: they refuse the month's visits, not history.
  if (inMonth && patient.otherInstitutionC006) {
    return {
      code: 'OTHER_INSTITUTION',
      rule: cite('C006-2d'),
      message:
        '他の保険医療機関がこの患者の在宅患者訪問リハビリテーション指導管理料を算定しているため算定できません。',
    };
  }
  if (inMonth && patient.rokenDayRehab) {
    return {
      code: 'ROKEN_DAY_REHAB',
      rule: cite('C006-2e'),
      message:
        '介護老人保健施設の通所リハビリテーションを受けている月のため、在宅患者訪問リハビリテーション指導管理料は算定できません。',
    };
  }
  return undefined;
}

/**
 * C006-3b: 退院の日から起算して3月以内 — the discharge day is day 1, and the period ends under 民法 第143条
 * (D13): 05-10 → through 08-09; 11-30 → through 02-28 (02-29 in a leap year).
 */
function withinDischarge(patient: Patient, date: string, data: C006Table): boolean {
  const d = patient.dischargeDate;
  return d !== undefined && withinMonthsFrom(d, data.dischargeMonths.value, date);
}

/**
 * C006-3d / C006-4d, contract "Rejection.units": a visit billed in part carries the units not billed; a
 * visit refused in full carries none (it is a whole refusal, not a partial one).
 */
function notBilled(v: Candidate): { units?: number } {
  return v.billed > 0 ? { units: v.rec.units - v.billed } : {};
}

/** The part not billed, for the message: "2単位" of a partly billed visit, "この訪問（3単位）" of a whole one. */
function notBilledJa(v: Candidate): string {
  return v.billed > 0 ? `${v.rec.units - v.billed}単位` : `この訪問（${v.rec.units}単位）`;
}

/**
 * C006-3 and C006-4: the units of each visit that fit the limits, in date order (history included, so
 * that a week across a month boundary counts its earlier days). A visit is billed up to the limit and
 * the rest of its units are refused (C006-3d, C006-4d).
 * Units billed in an acute period are billed instead of the weekly limit (C006-4a, 注1の規定にかかわらず)
 * and do not count toward the week's units of the visits outside the period.
 * C006-4a's "at most 14 days" needs no count of its own: the period is 14 days long.
 */
function applyLimits(
  seq: Candidate[],
  data: C006Table,
  refuse: (v: Candidate, r: Refusal) => void,
  trace?: { patientId: string; recordId?: string; text: string }[],
): void {
  const perWeek = new Map<number, number>();
  const perDay = new Map<number, number>();
  let today = -1; // O5: the visits of the current day billed so far, in input order
  let billedToday: string[] = [];
  let previous: Candidate | undefined;
  const refuseIn = (v: Candidate, r: Refusal): void =>
    refuse(v, billedToday.length > 0 ? { ...r, note: firstEnteredNote(billedToday) } : r);
  for (const v of seq) {
    const units = v.rec.units;
    const { patient, rec } = v;
    if (v.day !== today) {
      today = v.day;
      billedToday = [];
    } else if (previous !== undefined && previous.billed > 0) {
      billedToday.push(previous.rec.id);
    }
    previous = v;

    if (v.acute) {
      // C006-4a / C006-4d: up to 4 units a day.
      const limit = data.acuteDailyLimit.value;
      const used = perDay.get(v.day) ?? 0;
      v.billed = Math.max(0, Math.min(units, limit - used));
      perDay.set(v.day, used + v.billed);
      if (v.billed < units) {
        refuseIn(v, {
          code: 'DAILY_LIMIT',
          rule: cite('C006-4d'),
          message: `急性増悪等の期間は1日${limit}単位までで、${used > 0 ? `${rec.date}は既に${used}単位を算定しているため` : `${units}単位の訪問のため`}、${notBilledJa(v)}は算定できません。`,
          ...notBilled(v),
        });
      }
      continue;
    }

    // C006-3c: no weekly limit for 末期の悪性腫瘍.
    const conditions = patient.conditions ?? [];
    if (data.noWeeklyLimitConditions.value.some((c) => conditions.includes(c))) {
      v.billed = units;
      if (v.inMonth) {
        trace?.push({
          patientId: patient.id,
          recordId: rec.id,
          text: `${rec.date} ${rec.id}: 末期の悪性腫瘍の患者のため週の上限はありません（${cite('C006-3c')}）`,
        });
      }
      continue;
    }

    // C006-3a / C006-3b: 6 a week, 12 within 3 months of discharge; weeks run Sunday–Saturday.
    const after = withinDischarge(patient, rec.date, data);
    const limit = after ? data.weeklyLimitAfterDischarge.value : data.weeklyLimit.value;
    const week = weekStart(v.day);
    const used = perWeek.get(week) ?? 0;
    v.billed = Math.max(0, Math.min(units, limit - used));
    perWeek.set(week, used + v.billed);
    const weekText = `${fromDayNumber(week)}〜${fromDayNumber(week + 6)}`;
    if (v.billed < units) {
      refuseIn(v, {
        code: 'WEEKLY_LIMIT',
        rule: cite(after ? 'C006-3b' : 'C006-3a', 'C006-3d'),
        message: `週${limit}単位まで${after ? `（退院日 ${patient.dischargeDate} から3月以内）` : ''}のところ、${used > 0 ? `${weekText}の週は既に${used}単位を算定しているため` : `${weekText}の週に${units}単位の訪問のため`}、${notBilledJa(v)}は算定できません。`,
        ...notBilled(v),
      });
    } else if (trace) {
      trace.push({
        patientId: patient.id,
        recordId: rec.id,
        text: v.inMonth
          ? `${rec.date} ${rec.id}: ${weekText}の週 ${used + v.billed}/${limit}単位（${after ? `退院日 ${patient.dischargeDate} から3月以内: ${cite('C006-3b')}` : cite('C006-3a')}）`
          : `${rec.date} ${rec.id}（前月以前の記録）: ${weekText}の週の単位に${v.billed}単位を数えます（${after ? cite('C006-3b') : cite('C006-3a')}）`,
      });
    }
  }
}
