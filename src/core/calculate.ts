// calculateMonth(input, schedule) → result: one office, one service month, a pure function.
// No I/O, no clock: the same input and schedule always give the same result.
import type { ClaimMonthInput, Patient, RecordKind, ServiceRecord } from './input.js';
import type { Claim, ClaimMonthResult, Totals, TraceEntry } from './result.js';
import { careSplit, careSplitNoCopay, medicalSplit, unitPriceToNumber } from './money.js';
import { covers, serviceNames, type Schedule, type ServiceCoverage } from './schedule.js';
import {
  recordMonth,
  type ClaimDraft,
  type EngineRejection,
  type ServiceOutcome,
  type ServiceRules,
} from './rules/service.js';
import { cite } from './ruleRegistry.js';
import { kyotakuRules } from './rules/kyotaku.js';
import { c006Rules } from './rules/c006.js';
import { careManagementRules } from './rules/careManagement.js';
import { homeHelpRules, homeNursingRules, homeRehabRules } from './rules/homeServices.js';
import { applyKohi, needsKohi } from './kohiClaims.js';

export interface CalculateOptions {
  /** Collect a readable Japanese trace of every decision (`santei calc --explain`). */
  explain?: boolean;
}

export interface ExplainedResult {
  result: ClaimMonthResult;
  trace: TraceEntry[];
}

// Each record kind is priced by its rule module with the schedule's table for that service.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const rulesByKind: Record<RecordKind, ServiceRules<any, any>> = {
  kyotaku: kyotakuRules,
  c006: c006Rules,
  care_management: careManagementRules,
  home_help: homeHelpRules,
  home_nursing: homeNursingRules,
  home_rehab: homeRehabRules,
};

export function calculateMonth(input: ClaimMonthInput, schedule: Schedule): ClaimMonthResult {
  return calculateMonthExplained(input, schedule, {}).result;
}

export function calculateMonthExplained(
  input: ClaimMonthInput,
  schedule: Schedule,
  options: CalculateOptions = { explain: true },
): ExplainedResult {
  const trace: TraceEntry[] = [];
  const patients = new Map<string, Patient>(input.patients.map((p) => [p.id, p]));
  const byKind = new Map<RecordKind, ServiceRecord[]>();
  const rejections: EngineRejection[] = [];

  const historyMessages = new Map<string, string>(); // one message per month of history
  let lastKind: RecordKind | undefined;
  let list: ServiceRecord[] = [];
  for (const record of input.records) {
    const m = recordMonth(record, input.month);
    if (m !== input.month) {
      // Contract: records of other months are history — they count for limits, they are not billed.
      let message = historyMessages.get(m);
      if (message === undefined) {
        message = `${m}の記録です。回数制限・間隔の判定にのみ使い、${input.month}分としては請求しません。`;
        historyMessages.set(m, message);
      }
      rejections.push({
        recordId: record.id,
        patientId: record.patientId,
        code: 'HISTORY',
        rule: cite('contract'),
        message,
      });
    }
    if (record.kind !== lastKind) {
      lastKind = record.kind; // records of one kind usually come together
      const known = byKind.get(record.kind);
      if (known) list = known;
      else byKind.set(record.kind, (list = []));
    }
    list.push(record);
  }

  const drafts: ClaimDraft[] = [];
  for (const [kind, records] of byKind) {
    const coverage = schedule.services[kind] as ServiceCoverage<unknown> | undefined;
    if (!coverage || !covers(coverage.months, input.month)) {
      for (const r of records) {
        if (recordMonth(r, input.month) !== input.month) continue;
        rejections.push({
          recordId: r.id,
          patientId: r.patientId,
          code: 'NOT_IN_SCHEDULE',
          rule: cite('contract'),
          message: `算定表${schedule.id}には${input.month}の${serviceNames[kind]}の単位が収録されていないため、算定できません。`,
        });
      }
      continue;
    }
    const outcome: ServiceOutcome = rulesByKind[kind]({
      month: input.month,
      office: input.office,
      patients,
      records,
      data: coverage.data,
      schedule,
      trace: options.explain ? trace : undefined,
    });
    // A loop, not push(...spread): a large office's month overflows the call stack with a spread.
    for (const c of outcome.claims) drafts.push(c);
    for (const r of outcome.rejections) rejections.push(r);
  }

  if (options.explain) {
    // Each step about a record carries the record's date, so that the trace reads in date order.
    const dates = new Map<string, string>();
    for (const r of input.records) if ('date' in r) dates.set(r.id, r.date);
    for (const t of trace)
      if (t.date === undefined && t.recordId !== undefined) t.date = dates.get(t.recordId);
  }

  const priced = drafts
    .filter((d) => d.lines.length > 0)
    .map((draft) => ({ draft, claim: priceClaim(draft) }));
  priced.sort(
    (a, b) =>
      cmp(a.claim.patientId, b.claim.patientId) ||
      cmp(a.claim.serviceType, b.claim.serviceType) ||
      cmp(a.claim.insurance, b.claim.insurance),
  );
  // KOHI-1 … KOHI-8: only a month with a 公費 entry or a patient without 介護保険 has the 公費 step.
  const kohi = needsKohi(input) ? applyKohi(input, schedule, priced) : undefined;
  const claims = kohi ? kohi.claims : priced.map((p) => p.claim);
  if (kohi) for (const r of kohi.rejections) rejections.push(r as EngineRejection);
  const totals: Totals = { units: 0, yen: 0, insurer: 0, copay: 0 };
  let kohiYen = 0;
  for (const c of claims) {
    totals.units += c.units;
    totals.yen += c.yen;
    totals.insurer += c.insurer;
    totals.copay += c.copay;
    if (c.kohi) for (const s of c.kohi.shares) kohiYen += s.claim;
  }
  if (claims.some((c) => c.kohi !== undefined && c.kohi.shares.length > 0)) totals.kohi = kohiYen; // KOHI-7
  return {
    result: {
      month: input.month,
      officeId: input.office.id,
      schedule: schedule.id,
      claims,
      rejections,
      totals,
      ...(kohi && kohi.refusals.length > 0 ? { kohiRefusals: kohi.refusals } : {}),
    },
    trace,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** M-2 … M-6 (care) and M-10 … M-12 (medical): units, yen, insurer and copay of one claim. */
function priceClaim(d: ClaimDraft): Claim {
  let units = 0;
  for (const l of d.lines) units += l.units; // M-2 / M-10: the sum of the billed lines
  const split =
    d.copayRate === null
      ? careSplitNoCopay(units, d.unitPrice) // M-6 (validation makes every medical claim carry a rate)
      : d.insurance === 'medical'
        ? medicalSplit(units, d.copayRate)
        : careSplit(units, d.unitPrice, d.copayRate);
  const claim: Claim = {
    patientId: d.patientId,
    insurance: d.insurance,
    serviceType: d.serviceType,
    lines: d.lines,
    units,
    unitPrice: unitPriceToNumber(d.unitPrice),
    ...split,
  };
  if (d.transportYen !== undefined) claim.transportYen = d.transportYen;
  return claim;
}
