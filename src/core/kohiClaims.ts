// The 公費 step of calculateMonth (docs/kohi.md §10): after the claims are priced (M-2 … M-6), each patient
// with 公費 entries, or without 介護保険 (生活保護単独, KOHI-8), has the month's care claims split by
// kohi.ts into 保険請求額, 公費請求額 per 公費 and what the patient pays. A patient with neither is not
// touched, so that a month without 公費 gives exactly the output it gave before.
import type { ClaimMonthInput, Patient } from './input.js';
import type { Claim, ClaimKohi, KohiRefusal, Rejection } from './result.js';
import type { ClaimDraft } from './rules/service.js';
import type { Schedule } from './schedule.js';
import { applyKohiMonth, kohiRowFor, type KohiClaimInput, type KohiEntry, type KohiTable } from './kohi.js';
import { lastDayOfMonth } from './dates.js';

/** A priced claim with the draft it came from (the draft keeps the unit price and the copay rate). */
export interface PricedClaim {
  draft: ClaimDraft;
  claim: Claim;
}

export interface KohiStepOutcome {
  /** The claims, in the same order; a claim nobody pays (KOHI-8 NO_PAYER) is left out. */
  claims: Claim[];
  /** The records of the claims nobody pays, refused NO_PAYER (KOHI-8). */
  rejections: Rejection[];
  refusals: KohiRefusal[];
}

const EMPTY_TABLE: KohiTable = { id: 'none', rows: [] };

/** KOHI-8: a 被保険者番号 the 福祉事務所 gives a recipient without 介護保険 begins with H. */
export function isInsured(p: Patient | undefined): boolean {
  return !(p?.insured?.number.startsWith('H') ?? false);
}

/** Whether any patient of the month needs the 公費 step (entries, or no 介護保険). */
export function needsKohi(input: ClaimMonthInput): boolean {
  return input.patients.some((p) => (p.kohi?.length ?? 0) > 0 || !isInsured(p));
}

/**
 * KOHI-1 … KOHI-8 over the month's priced claims (sorted by patient, then service type: the order the
 * monthly 本人支払額 / 自己負担上限額 is used up in, docs/kohi.md §9). The entries were validated with the
 * same table (validate.ts): a problem here cannot happen, and is thrown if it does.
 */
export function applyKohi(
  input: ClaimMonthInput,
  schedule: Schedule,
  priced: readonly PricedClaim[],
): KohiStepOutcome {
  const table = schedule.kohi ?? EMPTY_TABLE;
  const patients = new Map(input.patients.map((p, i) => [p.id, { p, i }]));
  const dates = new Map<string, string>();
  for (const r of input.records) if ('date' in r) dates.set(r.id, r.date);

  const out: KohiStepOutcome = { claims: [], rejections: [], refusals: [] };
  let i = 0;
  while (i < priced.length) {
    const patientId = priced[i]!.claim.patientId;
    let j = i;
    while (j < priced.length && priced[j]!.claim.patientId === patientId) j++;
    const group = priced.slice(i, j);
    i = j;
    const found = patients.get(patientId);
    const entries = found?.p.kohi ?? [];
    const insured = isInsured(found?.p);
    if (entries.length === 0 && insured) {
      for (const g of group) out.claims.push(g.claim);
      continue;
    }
    const care = group.filter((g) => g.claim.insurance === 'care');
    const outcome = applyKohiMonth({
      month: input.month,
      patientId,
      insured,
      entries,
      claims: care.map((g) => kohiClaimInput(g, entries, dates)),
      table,
      path: `patients[${found?.i ?? 0}].kohi`,
    });
    if (!outcome.ok) {
      throw new Error(
        `公費の入力が検証されていません: ${outcome.problems.map((p) => p.message).join(' / ')}`,
      );
    }
    for (const r of outcome.refusals) out.refusals.push(r);
    let k = 0; // the results follow the care claims in order, less those refused NO_PAYER
    for (const g of group) {
      if (g.claim.insurance !== 'care') {
        medicalRefusals(input.month, patientId, entries, table, g.claim, out.refusals);
        out.claims.push(g.claim);
        continue;
      }
      const noPayer = outcome.refusals.find(
        (r) => r.code === 'NO_PAYER' && r.serviceType === g.claim.serviceType,
      );
      if (noPayer) {
        for (const l of g.claim.lines) {
          for (const recordId of l.recordIds) {
            out.rejections.push({
              recordId,
              patientId,
              code: 'NO_PAYER',
              rule: noPayer.rule,
              message: noPayer.message,
            });
          }
        }
        continue;
      }
      const res = outcome.claims[k++]!;
      if (res.kohi.length === 0 && insured) {
        out.claims.push(g.claim); // no 公費 pays on it (refused and said): today's split, to the yen
        continue;
      }
      const kohi: ClaimKohi = {
        insured,
        insuranceBenefitRate: res.insuranceBenefitRate,
        shares: res.kohi.map((s) => ({ ...s, name: kohiRowFor(table, s.law, input.month)?.name ?? s.law })),
        insuranceCopay: res.copay,
      };
      out.claims.push({ ...g.claim, insurer: res.insurer, copay: res.patientPays, kohi });
    }
  }
  return out;
}

/**
 * One priced care claim as kohi.ts reads it: the distinct dates of its records and, for an entry that
 * holds on some of them only, the units on the dates it holds on (KOHI-2b), when each line's units are
 * its records' units (unitsEach × count); otherwise none, and kohi.ts refuses the entry by name.
 */
function kohiClaimInput(
  g: PricedClaim,
  entries: readonly KohiEntry[],
  dates: ReadonlyMap<string, string>,
): KohiClaimInput {
  const seen = new Set<string>();
  for (const l of g.claim.lines)
    for (const id of l.recordIds) {
      const d = dates.get(id);
      if (d !== undefined) seen.add(d);
    }
  const claimDates = [...seen].sort();
  const input: KohiClaimInput = {
    serviceType: g.claim.serviceType,
    units: g.claim.units,
    unitPrice: g.draft.unitPrice,
    copay: g.draft.copayRate,
    dates: claimDates,
  };
  const covered: Record<string, number> = {};
  for (const e of entries) {
    const held = claimDates.filter((d) => e.from <= d && d <= (e.to ?? '9999-12-31'));
    if (held.length === 0 || held.length === claimDates.length) continue;
    let units = 0;
    let exact = true;
    for (const l of g.claim.lines) {
      if (l.recordIds.length !== l.count || l.unitsEach * l.count !== l.units) {
        exact = false;
        break;
      }
      units += l.unitsEach * l.recordIds.filter((id) => held.includes(dates.get(id) ?? '')).length;
    }
    if (exact) covered[e.law] = units;
  }
  if (Object.keys(covered).length > 0) input.coveredUnits = covered;
  return input;
}

/** KOHI-2: a 医療保険 claim (C006) is no care claim: an entry in force is refused for it, by name. */
function medicalRefusals(
  month: string,
  patientId: string,
  entries: readonly KohiEntry[],
  table: KohiTable,
  claim: Claim,
  refusals: KohiRefusal[],
): void {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  for (const e of entries) {
    if (e.from > last || (e.to ?? '9999-12-31') < first) continue;
    const name = kohiRowFor(table, e.law, month)?.name ?? '';
    refusals.push({
      patientId,
      serviceType: claim.serviceType,
      law: e.law,
      code: 'NOT_COVERED',
      rule: 'KOHI-2',
      message: `利用者 ${patientId} の公費 法別${e.law}（${name}）は医療保険の請求（${claim.serviceType}）には計算しません（公費なしで計算します）`,
    });
  }
}
