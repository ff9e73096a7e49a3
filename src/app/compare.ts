// Comparing schedules: the same month's records priced under the input month's own schedule and under
// another schedule, with the difference per patient (santei compare).
//
// The input month lies outside the other schedule's months, and a schedule prices only the months it
// covers. So the other side is priced as if the records were of a month that schedule covers: every date
// of the input moves by the same number of days, chosen so that the month lands on a covered month with
// the same number of days and the same weekday on the 1st when there is one. Then day of month, weekday
// (the Sunday–Saturday weeks of weekly limits) and the days between visits are all unchanged. Only the
// services both schedules hold are compared; the others are left out of both sides and listed. A copay
// rate the other schedule does not have (M-7) is split there at the nearest lower rate it has, and said so.
// The patients' 公費 are left out of both sides (the split is not the fee schedule's), and said so.
import type { ClaimMonthInput, CopayRate, RecordKind } from '../core/input.js';
import type { ClaimMonthResult, RejectionCode } from '../core/result.js';
import type { ServiceCoverage } from '../core/schedule.js';
import { covers, serviceNames } from '../core/schedule.js';
import { addDays, addMonths, dayNumber, daysInMonth, isIsoDate, isIsoMonth, weekday } from '../core/dates.js';
import type { InputProblem } from '../core/validate.js';
import { recordMonth } from '../core/rules/service.js';
import { calculate, findSchedule, prepare } from '../santei.js';

export interface TargetMonth {
  month: string;
  sameLength: boolean;
  sameWeekday: boolean;
}

function monthLength(month: string): number {
  return daysInMonth(+month.slice(0, 4), +month.slice(5, 7));
}

/**
 * The covered month to price in: the same number of days and the same weekday on the 1st if possible,
 * then the same number of days, then the same weekday; among equals the same calendar month, then the
 * earliest.
 */
export function chooseTargetMonth(source: string, from: string, to: string): TargetMonth | undefined {
  const len = monthLength(source);
  const wd = weekday(`${source}-01`);
  let best: { t: TargetMonth; score: number } | undefined;
  for (let m = from; m <= to; m = addMonths(m, 1)) {
    const sameLength = monthLength(m) === len;
    const sameWeekday = weekday(`${m}-01`) === wd;
    const score = (sameLength ? 4 : 0) + (sameWeekday ? 2 : 0) + (m.slice(5) === source.slice(5) ? 1 : 0);
    if (!best || score > best.score) best = { t: { month: m, sameLength, sameWeekday }, score };
  }
  return best?.t;
}

/** Whole months from `a` to `b` ("2024-07" → "2011-08" is −155). */
function monthsBetween(a: string, b: string): number {
  return (+b.slice(0, 4) - +a.slice(0, 4)) * 12 + (+b.slice(5, 7) - +a.slice(5, 7));
}

/**
 * Every date of the input moved by `days` days, every month field (`month`) by `months` months.
 * Identifiers (`id`, `…Id`) are never touched, whatever they look like.
 */
export function shiftInput(input: ClaimMonthInput, days: number, months: number): ClaimMonthInput {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') {
      if (key === 'id' || key.endsWith('Id')) return v;
      if (key === 'month' && isIsoMonth(v)) return addMonths(v, months);
      if (isIsoDate(v)) return addDays(v, days);
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return walk(input, '') as ClaimMonthInput;
}

export interface SideTotals {
  units: number;
  yen: number;
  insurer: number;
  copay: number;
  claims: { serviceType: string; units: number; yen: number; insurer: number; copay: number }[];
  rejected: Partial<Record<RejectionCode, number>>;
}

function emptySide(): SideTotals {
  return { units: 0, yen: 0, insurer: 0, copay: 0, claims: [], rejected: {} };
}

function sides(result: ClaimMonthResult): Map<string, SideTotals> {
  const out = new Map<string, SideTotals>();
  const get = (pid: string): SideTotals => {
    let s = out.get(pid);
    if (!s) out.set(pid, (s = emptySide()));
    return s;
  };
  for (const c of result.claims) {
    const s = get(c.patientId);
    s.units += c.units;
    s.yen += c.yen;
    s.insurer += c.insurer;
    s.copay += c.copay;
    s.claims.push({
      serviceType: c.serviceType,
      units: c.units,
      yen: c.yen,
      insurer: c.insurer,
      copay: c.copay,
    });
  }
  for (const r of result.rejections) {
    if (r.code === 'HISTORY') continue;
    const s = get(r.patientId);
    s.rejected[r.code] = (s.rejected[r.code] ?? 0) + 1;
  }
  return out;
}

export interface Comparison {
  own: { schedule: string; month: string; result: ClaimMonthResult };
  other: {
    schedule: string;
    month: string;
    shiftDays: number;
    sameLength: boolean;
    sameWeekday: boolean;
    result: ClaimMonthResult;
  };
  compared: RecordKind[];
  /** Patients whose copay rate does not exist in the other schedule (M-7), and the rate used there. */
  copayAdjusted: { patientId: string; from: CopayRate; to: CopayRate }[];
  /**
   * Patients whose 公費 (docs/kohi.md) is left out of both sides: the 公費 split is not the fee schedule's,
   * and the other schedule's months may lie before a 法別 existed (54 from 2015-01).
   */
  kohiOmitted: string[];
  excluded: { service: RecordKind; reason: string }[];
  patients: {
    patientId: string;
    own: SideTotals;
    other: SideTotals;
    diff: { units: number; yen: number; insurer: number; copay: number };
  }[];
  totals: {
    own: SideTotals;
    other: SideTotals;
    diff: { units: number; yen: number; insurer: number; copay: number };
  };
}

export type CompareOutcome =
  | { ok: true; comparison: Comparison }
  | { ok: true; comparison: undefined; note: string }
  | { ok: false; problems: InputProblem[] };

/** The comparison itself, without I/O. */
export function compare(raw: unknown, otherId: string): CompareOutcome {
  const own = prepare(raw);
  if (!own.ok) return own;
  const other = findSchedule(otherId);
  if (!other) {
    const ids = own.schedule.id;
    return {
      ok: false,
      problems: [
        {
          path: '--schedule',
          message: `算定表 "${otherId}" はありません（santei schedules で一覧を確認してください。入力の月の算定表は ${ids}）`,
        },
      ],
    };
  }
  if (other.id === own.schedule.id) {
    return {
      ok: false,
      problems: [
        {
          path: '--schedule',
          message: `入力の月 ${own.input.month} の算定表が ${other.id} なので、比較先には別の算定表を指定してください`,
        },
      ],
    };
  }
  const input = own.input;
  const kinds = [
    ...new Set(input.records.filter((r) => recordMonth(r, input.month) === input.month).map((r) => r.kind)),
  ];
  const compared: RecordKind[] = [];
  const excluded: { service: RecordKind; reason: string }[] = [];
  for (const k of kinds) {
    const mine = own.schedule.services[k] as ServiceCoverage<unknown> | undefined;
    const theirs = other.services[k] as ServiceCoverage<unknown> | undefined;
    if (!mine || !covers(mine.months, input.month))
      excluded.push({ service: k, reason: `算定表 ${own.schedule.id} の ${input.month} にありません` });
    else if (!theirs) excluded.push({ service: k, reason: `算定表 ${other.id} にありません` });
    else compared.push(k);
  }
  if (compared.length === 0) {
    return {
      ok: true,
      comparison: undefined,
      note: `算定表 ${own.schedule.id} と ${other.id} の両方にあるサービスの記録が ${input.month} にないため、比較できません${excluded.length ? `（${excluded.map((e) => `${serviceNames[e.service]}: ${e.reason}`).join('、')}）` : ''}。`,
    };
  }

  // The months the other schedule covers for every compared service.
  const spans = compared.map((k) => (other.services[k] as ServiceCoverage<unknown>).months);
  const from = spans
    .map((s) => s.from)
    .sort()
    .at(-1)!;
  const to = spans.map((s) => s.to).sort()[0]!;
  const target = from <= to ? chooseTargetMonth(input.month, from, to) : undefined;
  if (!target) {
    return {
      ok: true,
      comparison: undefined,
      note: `算定表 ${other.id} には ${compared.map((k) => serviceNames[k]).join('・')} をすべて収録している月がないため、比較できません。`,
    };
  }
  const shiftDays = dayNumber(`${target.month}-01`) - dayNumber(`${input.month}-01`);
  const kohiOmitted = input.patients.filter((p) => (p.kohi?.length ?? 0) > 0).map((p) => p.id);
  const onlyCompared = (x: ClaimMonthInput): ClaimMonthInput => ({
    ...x,
    patients: kohiOmitted.length ? x.patients.map(({ kohi: _kohi, ...p }) => p) : x.patients,
    records: x.records.filter((r) => compared.includes(r.kind)),
  });

  const mine = calculate(onlyCompared(input));
  if (!mine.ok) return mine;
  const shifted = onlyCompared(shiftInput(input, shiftDays, monthsBetween(input.month, target.month)));
  // M-7: a copay rate the other schedule does not know (2割・3割 before 2015-08) is split at the nearest
  // lower rate it knows, and the output says so: units and 費用総額 stay comparable.
  const copayAdjusted: Comparison['copayAdjusted'] = [];
  const allowed = other.copayRates.value;
  for (const p of shifted.patients) {
    if (!p.care || allowed.includes(p.care.copay)) continue;
    const rate = p.care.copay;
    const lower = allowed.filter((r) => r < rate);
    const to = (lower.length ? Math.max(...lower) : Math.min(...allowed)) as CopayRate;
    copayAdjusted.push({ patientId: p.id, from: rate, to });
    p.care = { ...p.care, copay: to };
  }
  const theirs = calculate(shifted, { scheduleId: other.id });
  if (!theirs.ok) {
    return {
      ok: false,
      problems: theirs.problems.map((p) => ({
        path: p.path,
        message: `比較先の算定表 ${other.id}（${target.month} として算定）では使えません: ${p.message}`,
      })),
    };
  }

  const a = sides(mine.result);
  const b = sides(theirs.result);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const diff = (x: SideTotals, y: SideTotals) => ({
    units: y.units - x.units,
    yen: y.yen - x.yen,
    insurer: y.insurer - x.insurer,
    copay: y.copay - x.copay,
  });
  const patients = ids.map((pid) => {
    const x = a.get(pid) ?? emptySide();
    const y = b.get(pid) ?? emptySide();
    return { patientId: pid, own: x, other: y, diff: diff(x, y) };
  });
  const sum = (list: SideTotals[]): SideTotals => {
    const s = emptySide();
    for (const x of list) {
      s.units += x.units;
      s.yen += x.yen;
      s.insurer += x.insurer;
      s.copay += x.copay;
      for (const [code, n] of Object.entries(x.rejected)) {
        s.rejected[code as RejectionCode] = (s.rejected[code as RejectionCode] ?? 0) + n;
      }
    }
    return s;
  };
  const totalOwn = sum(patients.map((p) => p.own));
  const totalOther = sum(patients.map((p) => p.other));
  return {
    ok: true,
    comparison: {
      own: { schedule: own.schedule.id, month: input.month, result: mine.result },
      other: {
        schedule: other.id,
        month: target.month,
        shiftDays,
        sameLength: target.sameLength,
        sameWeekday: target.sameWeekday,
        result: theirs.result,
      },
      compared,
      copayAdjusted,
      kohiOmitted,
      excluded,
      patients,
      totals: { own: totalOwn, other: totalOther, diff: diff(totalOwn, totalOther) },
    },
  };
}
