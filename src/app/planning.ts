// Answers for planning visits, computed by the engine itself so that they agree with the claim:
// - a building's 単一建物居住者 count and column this month per profession (K24-4), and what one more
//   patient would change, with the monthly yen effect (GET …/buildings/:id/counts);
// - whether a visit would be billed, and the earliest billable date (core/next.ts; POST …/visits/check).
// The visits of the other months count as planned: their reports to the care manager may still be
// written (K24-2a is judged at the close, from the report records).
import { calculateMonth } from '../core/calculate.js';
import { addDays, addMonths, dayNumber, lastDayOfMonth, monthOf } from '../core/dates.js';
import { professions as allProfessions } from '../core/input.js';
import type { ClaimMonthInput, Patient, Profession, ServiceRecord } from '../core/input.js';
import type { ClaimMonthResult, Rejection } from '../core/result.js';
import type { Schedule } from '../core/schedule.js';
import { earliestBillableDate } from '../core/next.js';
import { columnJa, professionJa, type Column } from '../core/labels.js';

import { visitFlagJa } from '../contract/fields.js';
import { columnOfItem, residentCount } from '../core/rules/kyotaku.js';
import { scheduleFor, scheduleForMonth } from '../santei.js';
import { monthSchema } from '../contract/schemas.js';
import type { BuildingCounts, ProfessionCount, VisitCheckAnswer } from '../contract/api.js';
import { referenceProblems } from '../contract/references.js';
import { visitBilledOnReports } from '../contract/reportsRequired.js';
import type { VisitInput } from '../contract/types.js';
import { parseOrThrow, StoreError, type Store } from '../store/index.js';
import { notFound } from './errors.js';
import { enginePatient, engineRecord } from './monthInput.js';
import { monthRecordsAndInput } from './months.js';
import { preparedOrThrow } from './problems.js';

const HYPOTHETICAL = '__one_more__';

function yenOfLines(
  result: ClaimMonthResult,
  ids: Set<string>,
  records: Map<string, ServiceRecord>,
  prof: Profession,
): number {
  // The yen of the claims (M-2 … M-4) that hold this profession's visits for these patients: a claim is
  // per patient and service type, and one patient has one practitioner per profession (K24-2c).
  let yen = 0;
  for (const c of result.claims) {
    if (!ids.has(c.patientId)) continue;
    const ofProf = c.lines.some((l) =>
      l.recordIds.some((r) => {
        const rec = records.get(r);
        return rec?.kind === 'kyotaku' && rec.profession === prof;
      }),
    );
    if (ofProf) yen += c.yen;
  }
  return yen;
}

interface Counted {
  patientIds: string[];
  columnsByPatient: Record<string, Column>;
}

function countIn(
  result: ClaimMonthResult,
  inBuilding: Set<string>,
  records: Map<string, ServiceRecord>,
  prof: Profession,
): Counted {
  const columnsByPatient: Record<string, Column> = {};
  for (const c of result.claims) {
    if (!inBuilding.has(c.patientId)) continue;
    for (const l of c.lines) {
      const col = columnOfItem(l.item);
      if (!col) continue;
      const rec = records.get(l.recordIds[0] ?? '');
      if (rec?.kind !== 'kyotaku' || rec.profession !== prof || rec.online) continue; // K24-4g: online not counted
      columnsByPatient[c.patientId] = col;
    }
  }
  return { patientIds: Object.keys(columnsByPatient).sort(), columnsByPatient };
}

/**
 * K24-4c / K24-4d / K24-4e: why the building's counted patients are billed at another count than the
 * building's number (the engine's residentCount, on the patients it counted).
 */
function countReasons(input: ClaimMonthInput, patientIds: readonly string[]): ProfessionCount['reasons'] {
  const byId = new Map(input.patients.map((p) => [p.id, p]));
  const counted = patientIds.map((id) => byId.get(id)).filter((p): p is Patient => p !== undefined);
  const unitOf = (p: Patient) =>
    p.residence?.kind === 'group_home' && p.residence.unitId ? p.residence.unitId : undefined;
  const reasons = new Map<string, ProfessionCount['reasons'][number]>();
  const add = (rule: ProfessionCount['reasons'][number]['rule'], text: string, id: string) => {
    const k = `${rule}\u0000${text}`;
    const r = reasons.get(k);
    if (r) r.patientIds.push(id);
    else reasons.set(k, { rule, text, patientIds: [id] });
  };
  for (const p of counted) {
    const unit = unitOf(p);
    const members = counted.filter((o) => unitOf(o) === unit);
    if (unit !== undefined)
      add('K24-4e', `グループホームはユニットごとに数えます（ユニット${unit}: ${members.length}人）`, p.id);
    const household = p.residence?.householdId;
    const c = residentCount(
      members.length,
      counted.find((o) => o.residence?.dwellings !== undefined)?.residence?.dwellings,
      Boolean(household && members.some((o) => o.id !== p.id && o.residence?.householdId === household)),
    );
    if (c.rule && c.why) add(c.rule, `${members.length}人 → ${c.why}`, p.id);
  }
  return [...reasons.values()];
}

function mostCommon(cols: Column[]): Column | null {
  const n = new Map<Column, number>();
  for (const c of cols) n.set(c, (n.get(c) ?? 0) + 1);
  let best: Column | null = null;
  let bestN = 0;
  for (const [c, k] of n) if (k > bestN) [best, bestN] = [c, k];
  return best;
}

/**
 * K24-4: the building's count and column per profession this month, and the effect of one more patient
 * of the building seen once by that profession on the month's last day.
 */
export function countBuilding(
  input: ClaimMonthInput,
  schedule: Schedule,
  buildingId: string,
  professions: readonly Profession[],
): Omit<BuildingCounts, 'buildingName' | 'facility'> {
  const records = new Map(input.records.map((r) => [r.id, r]));
  const before = calculateMonth(input, schedule);
  const inBuilding = new Set(
    input.patients.filter((p) => p.residence?.buildingId === buildingId).map((p) => p.id),
  );
  const template = input.patients.find(
    (p) => p.id !== HYPOTHETICAL && p.residence?.buildingId === buildingId,
  );
  const out: ProfessionCount[] = [];
  for (const prof of professions) {
    const now = countIn(before, inBuilding, records, prof);
    const column = mostCommon(Object.values(now.columnsByPatient));
    const newPatient: Patient = {
      id: HYPOTHETICAL,
      care: { level: 'care1', copay: 1 },
      residence: {
        kind: template?.residence?.kind ?? 'sakoju',
        buildingId,
        ...(template?.residence?.dwellings !== undefined ? { dwellings: template.residence.dwellings } : {}),
      },
    };
    const visit: ServiceRecord = {
      kind: 'kyotaku',
      id: HYPOTHETICAL,
      patientId: HYPOTHETICAL,
      date: lastDayOfMonth(input.month),
      profession: prof,
      reported: true,
    };
    const withOne: ClaimMonthInput = {
      ...input,
      patients: [...input.patients, newPatient],
      records: [...input.records, visit],
    };
    const after = calculateMonth(withOne, schedule);
    const recordsAfter = new Map(records).set(HYPOTHETICAL, visit);
    const inBuildingAfter = new Set(inBuilding).add(HYPOTHETICAL);
    const then = countIn(after, inBuildingAfter, recordsAfter, prof);
    const existing = new Set(now.patientIds);
    const existingBefore = yenOfLines(before, existing, records, prof);
    const existingAfter = yenOfLines(after, existing, recordsAfter, prof);
    const newPatientYen = yenOfLines(after, new Set([HYPOTHETICAL]), recordsAfter, prof);
    const columnAfter = then.columnsByPatient[HYPOTHETICAL] ?? null;
    out.push({
      profession: prof,
      patients: now.patientIds.length,
      patientIds: now.patientIds,
      column,
      columnName: column ? columnJa[column] : null,
      columnsByPatient: now.columnsByPatient,
      reasons: countReasons(input, now.patientIds),
      yen: existingBefore,
      oneMore: {
        patients: then.patientIds.length,
        column: columnAfter,
        columnName: columnAfter ? columnJa[columnAfter] : null,
        existingYenChange: existingAfter - existingBefore,
        newPatientYen,
        totalYenChange: after.totals.yen - before.totals.yen,
      },
    });
  }
  return { buildingId, month: input.month, schedule: schedule.id, professions: out };
}

/** K24-2a: what the visit check says of a visit billed on the reports that no complete, sent report covers yet. */
export function reportPending(date: string): NonNullable<VisitCheckAnswer['reportPending']> {
  return {
    rule: 'K24-2a',
    message: `この訪問を含む情報提供書（ケアマネジャーへの情報提供）を${date}から${lastDayOfMonth(monthOf(date))}までに送付すると算定できます（送付済みの情報提供書はまだありません）。`,
  };
}

/** Would this visit be billed in this input; if not, the earliest date it would be (core/next.ts). */
export function checkVisitIn(
  input: ClaimMonthInput,
  visit: VisitInput,
  horizonDays = HORIZON_DAYS,
): VisitCheckAnswer {
  const answer = earliestBillableDate(input, visit as ServiceRecord, scheduleFor, horizonDays);
  let column: Column | null = null;
  for (const l of answer.asked.lines) column = columnOfItem(l.item) ?? column;
  return { ...answer, billable: answer.asked.billable, column, columnName: column ? columnJa[column] : null };
}

export const HORIZON_DAYS = 62;

/**
 * Why no day of the horizon is billable, when the visit's own record decides it: the tick box not ticked
 * (K24-2e 訪問診療, K24-2b the instruction, K24-2a a month billed on the flag) or the record missing (K24-1a
 * the certification, K24-1c the residence, K24-1b, K24-2c) — what to do, instead of "no date".
 */
export function noDateReason(
  visit: VisitInput,
  rejections: readonly Rejection[],
  horizonDays: number,
): NonNullable<VisitCheckAnswer['noDate']> {
  const r = rejections.find((x) => x.addition === undefined && x.units === undefined) ?? rejections[0];
  const box = (field: keyof typeof visitFlagJa, why: string) => ({
    rule: r?.rule ?? '',
    field,
    message: `「${visitFlagJa[field]}」にチェックがありません。${why}チェックがないままでは、日を変えても算定できません。`,
  });
  const kyotaku = visit.kind === 'kyotaku' ? visit : undefined;
  const who = kyotaku ? professionJa[kyotaku.profession] : '';
  switch (r?.code) {
    case 'REQUIREMENT_NOT_MET':
      if (kyotaku?.examined === false)
        return box(
          'examined',
          `${who}の居宅療養管理指導は訪問診療・往診をした日に算定します。その日に診療をしたならチェックを入れてください。`,
        );
      break;
    case 'NO_INSTRUCTION':
      if (kyotaku?.instructed === false)
        return box('instructed', '医師・歯科医師の指示があるならチェックを入れてください。');
      break;
    case 'NO_CARE_MANAGER_REPORT':
      if (kyotaku?.reported === false)
        return box(
          'reported',
          'ケアマネジャー（いない場合は地域包括支援センター等）へ情報提供したならチェックを入れてください。',
        );
      break;
    case 'NOT_CERTIFIED':
      return {
        rule: r.rule,
        field: 'certifications',
        message: `${horizonDays}日の間に有効な要介護・要支援認定の記録がありません。利用者の画面の「履歴を追加」で認定（要介護度と期間）を登録してください。`,
      };
    case 'FACILITY_RESIDENT':
      return {
        rule: r.rule,
        field: 'residences',
        message:
          '住まいの記録が介護保険施設（特養・老健・介護医療院等）です。施設を出ているなら、利用者の画面で住まいの履歴を直してください。',
      };
    case 'NOT_HOMEBOUND':
      return {
        rule: r.rule,
        field: 'homebound',
        message:
          '利用者の記録で「通院が可能」とされています。通院が困難なら、利用者の画面で記録を直してください。',
      };
    case 'OTHER_OFFICE':
      return {
        rule: r.rule,
        field: 'otherOfficeBills',
        message: `利用者の記録で、${who}の居宅療養管理指導は他の事業所が算定しているとされています。違うなら利用者の画面で記録を直してください。`,
      };
    default:
      break;
  }
  return {
    rule: r?.rule ?? '',
    message: `${horizonDays}日以内に算定できる日はありません${r ? `（${r.message}）` : '。'}`,
  };
}

/**
 * checkVisitIn with each month's own facts: a later month may have another certification or residence
 * (a certification starting next month makes the visit billable from then). The search in the asked
 * month's input is trusted only within that month; each later month in the horizon is searched with its
 * own input from its first day.
 */
export async function checkVisitAcrossMonths(
  inputFor: (month: string) => Promise<ClaimMonthInput>,
  visit: VisitInput & { date: string },
  horizonDays = HORIZON_DAYS,
): Promise<VisitCheckAnswer> {
  const month = monthOf(visit.date);
  const first = checkVisitIn(await inputFor(month), visit, horizonDays);
  if (first.billable || (first.earliestDate !== undefined && monthOf(first.earliestDate) === month))
    return first;
  const last = addDays(visit.date, horizonDays);
  for (let m = addMonths(month, 1); `${m}-01` <= last; m = addMonths(m, 1)) {
    const start = `${m}-01`;
    const remaining = dayNumber(last) - dayNumber(start);
    const a = checkVisitIn(await inputFor(m), { ...visit, date: start } as VisitInput, remaining);
    if (a.earliestDate !== undefined && monthOf(a.earliestDate) === m) {
      const { earliestDate: _e, earliest: _x, ...asked } = first;
      return { ...asked, earliestDate: a.earliestDate, earliest: a.earliest ?? a.asked, horizonDays };
    }
  }
  const { earliestDate: _e, earliest: _x, ...none } = first;
  return none;
}

/**
 * K24-4: GET …/buildings/:id/counts — the building's count and column this month for each profession
 * the office has (its staff's, and those that visited this month), and what one more patient would do.
 */
export async function buildingCounts(
  store: Store,
  officeId: string,
  buildingId: string,
  month: string,
): Promise<BuildingCounts> {
  const building = await store.getBuilding(officeId, buildingId);
  if (!building) throw notFound('建物');
  const m = parseOrThrow(monthSchema, month, '年月');
  const schedule = scheduleFor(m);
  if (!schedule) throw monthNotCovered(m);
  const { records, input, names } = await monthRecordsAndInput(store, officeId, m, 'flag');
  const prepared = preparedOrThrow(input, names);
  const present = new Set<Profession>();
  for (const s of records.staff) if (!s.retired) present.add(s.profession);
  for (const r of prepared.input.records) if (r.kind === 'kyotaku') present.add(r.profession);
  const counts = countBuilding(
    prepared.input,
    prepared.schedule,
    buildingId,
    allProfessions.filter((p) => present.has(p)),
  );
  // K24-1c: the schedule's 介護保険施設 (their residents are neither billed nor counted).
  const facilityKinds = prepared.schedule.services.kyotaku?.data.facilityKinds.value ?? [];
  return { ...counts, buildingName: building.name, facility: facilityKinds.includes(building.kind) };
}

/** A month no schedule covers: the registry's message on the month field. */
function monthNotCovered(month: string): StoreError {
  const choice = scheduleForMonth(month);
  const message = choice.ok ? '' : choice.message;
  return new StoreError('invalid', message, [{ path: 'month', message }]);
}

/**
 * POST …/visits/check: would this visit be billed, and if not, the earliest date it would be. Nothing
 * is saved. K24-2a: where the office bills the month on the report records, the visit's own flag decides
 * nothing: it is planned as reported, and the answer says that its report is still to be sent (a visit
 * being checked is not saved, so no report can cover it yet).
 *
 * `replacing`: the id of a saved visit the checked one would replace (POST …/visits/:visitId/check, an
 * edit): that visit is left out of the month, so the edit is checked as entry checks a new visit, without
 * counting the visit twice against the monthly limits and intervals (K24-5a).
 */
export async function checkVisit(
  store: Store,
  officeId: string,
  visit: VisitInput,
  replacing?: string,
): Promise<VisitCheckAnswer> {
  const office = await store.getOffice(officeId);
  if (!office) throw notFound('事業所');
  if (replacing !== undefined && !(await store.getVisit(officeId, replacing))) throw notFound('訪問の記録');
  const patient = await store.getPatient(officeId, visit.patientId);
  const staff =
    visit.kind === 'kyotaku' && visit.staffId !== undefined
      ? await store.getStaff(officeId, visit.staffId)
      : null;
  const problems = referenceProblems(
    visit.kind === 'kyotaku'
      ? { patientId: visit.patientId, staffId: visit.staffId, profession: visit.profession }
      : { patientId: visit.patientId },
    { hasPatient: () => patient !== null, staff: () => staff ?? undefined },
    { what: '訪問', professionPath: 'profession' },
  );
  if (problems.length) throw new StoreError('invalid', '訪問記録の入力に誤りがあります', problems);
  if (!('date' in visit)) {
    throw new StoreError('invalid', '日付のある訪問だけ確認できます', [
      { path: 'kind', message: '日付のある訪問（居宅療養管理指導など）だけ確認できます' },
    ]);
  }
  const date = visit.date;
  const onReports = visitBilledOnReports(office, visit);
  // K24-2c: the visit carries its staff member's name (as in the month's input), for the messages.
  const asked =
    visit.kind === 'kyotaku'
      ? {
          ...visit,
          ...(onReports ? { reported: true } : {}),
          ...(staff ? { staffName: staff.name } : {}),
        }
      : visit;
  // Later visits of the patient count too (the earliest date may fall in the next months).
  const later = await store.listVisits(officeId, {
    patientId: visit.patientId,
    from: date,
    to: addDays(date, HORIZON_DAYS),
  });
  const inputFor = async (month: string) => {
    const { records, input, names } = await monthRecordsAndInput(store, officeId, month, 'flag');
    const staffNames = new Map(records.staff.map((x) => [x.id, x.name]));
    if (replacing !== undefined) input.records = input.records.filter((r) => r.id !== replacing);
    const known = new Set(input.records.map((r) => r.id));
    for (const v of later)
      if (!known.has(v.id) && v.id !== replacing) input.records.push(engineRecord(v, staffNames));
    // A patient with no visit in the window is not in the month's input: add them as of the month.
    if (!input.patients.some((p) => p.id === visit.patientId)) {
      input.patients.push(enginePatient(patient!, new Map(records.buildings.map((b) => [b.id, b])), month));
      names.set(patient!.id, patient!.name);
    }
    preparedOrThrow(input, names);
    return input;
  };
  const answer = await checkVisitAcrossMonths(inputFor, { ...asked, date });
  const noDate =
    !answer.billable && answer.earliestDate === undefined
      ? { noDate: noDateReason(visit, answer.asked.rejections, answer.horizonDays) }
      : {};
  return { ...answer, ...noDate, ...(onReports ? { reportPending: reportPending(date) } : {}) };
}
