// 公費 (publicly funded shares) on care claims: 生活保護法の介護扶助 (法別12), 難病法の特定医療費 (法別54) and
// any 法別 the 公費 table gains as a row. Pure arithmetic, no I/O (docs/kohi.md; rule ids KOHI-1 … KOHI-12).
//
// The insurer's share is decided first, by money.ts (M-3 … M-6); the 公費 share the rest, one 法別 after the
// other in the table's order (KOHI-1); what no 公費 pays is the patient's. Every rounding is one of the named
// functions below. A month without 公費 entries is not touched: the caller keeps today's split.
import { lastDayOfMonth } from './dates.js';
import { modulus10CheckDigit } from './checkDigits.js';
import { kohiEntrySchema, type CopayRate, type KohiEntry } from './input.js';
import { careSplit, careSplitNoCopay, careTotalYen, type UnitPriceHundredths } from './money.js';
import { covers, type Cited, type MonthSpan } from './schedule.js';

// ---------------------------------------------------------------------------------------------------------
// The 公費 table (data in ../schedules/kohi/): one row per 法別 and span of service months.

/**
 * How the patient's part of a 公費 share is limited (KOHI-4, KOHI-5):
 * - `self_pay`: a monthly 本人支払額 the 実施機関 sets (生活保護: the 福祉事務所, on the 介護券);
 * - `monthly_cap`: a monthly 自己負担上限額, of which the patient may already have paid part at other
 *   指定医療機関 this month (難病: the 自己負担上限額管理票);
 * - `none`: the 公費 pays its whole share.
 */
export type KohiCapKind = 'self_pay' | 'monthly_cap' | 'none';

export interface KohiLawRow {
  /** 法別番号: the first two digits of the 公費負担者番号. */
  law: string;
  name: string;
  /** Inclusive service months in which this row holds. */
  months: MonthSpan;
  source: string;
  /** Care service types (種類コード) the 公費 pays for (KOHI-2). */
  serviceTypes: Cited<readonly string[]>;
  /** 公費給付率 in percent (KOHI-3). */
  benefitRate: Cited<number>;
  /** Order of application: the lower number applies first (KOHI-1). */
  order: Cited<number>;
  capKind: Cited<KohiCapKind>;
  /** KOHI-6: the patient pays at most what a patient of this 負担割合 would pay (難病: 2割). */
  patientShareCeiling?: Cited<CopayRate>;
  /** KOHI-8: whether the 公費 pays for a patient without 介護保険 (被保険者番号 H…). */
  paysUninsured: Cited<boolean>;
}

export interface KohiTable {
  id: string;
  rows: readonly KohiLawRow[];
}

/** The row of a 法別 for a service month; none is an error for the caller, never a default. */
export function kohiRowFor(table: KohiTable, law: string, month: string): KohiLawRow | undefined {
  return table.rows.find((r) => r.law === law && covers(r.months, month));
}

/** The 法別 a service month knows, for messages ("収録: 12, 54"). */
export function kohiLawsForMonth(table: KohiTable, month: string): string[] {
  return table.rows.filter((r) => covers(r.months, month)).map((r) => r.law);
}

// ---------------------------------------------------------------------------------------------------------
// KOHI-9: 公費負担者番号 and 受給者番号.

/** KOHI-9: the MHLW check digit (モジュラス10 ウェイト2-1 分割方式), in its one home ./checkDigits.ts. */
export { modulus10CheckDigit };

/** KOHI-9: null when `n` is a 公費負担者番号 (8 digits: 法別 2, 都道府県 2, 実施機関 3, 検証番号 1). */
export function kohiPayerNumberProblem(n: string, law?: string): string | null {
  if (!/^\d{8}$/.test(n)) return `公費負担者番号 "${n}" は8桁の数字で入力してください`;
  if (law !== undefined && n.slice(0, 2) !== law) {
    return `公費負担者番号 "${n}" の先頭2桁（法別番号）が法別${law}と合いません`;
  }
  if (modulus10CheckDigit(n.slice(0, 7)) !== Number(n[7])) {
    return `公費負担者番号 "${n}" の検証番号（8桁目）が合いません（受給者証の番号を確かめてください）`;
  }
  return null;
}

/** KOHI-9: null when `n` is a 受給者番号 (7 digits: 受給者区分 6, 検証番号 1). */
export function kohiRecipientNumberProblem(n: string): string | null {
  if (!/^\d{7}$/.test(n)) return `受給者番号 "${n}" は7桁の数字で入力してください`;
  if (modulus10CheckDigit(n.slice(0, 6)) !== Number(n[6])) {
    return `受給者番号 "${n}" の検証番号（7桁目）が合いません（受給者証・介護券の番号を確かめてください）`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// The patient's 公費 entries (to be wired into input.ts as `Patient.kohi`, optional).

/**
 * One dated 公費 entry of a patient, as the month's input carries it (its one home: ./input.ts). The amounts
 * are the month's: `selfPayYen` the 本人支払額 (cap kind `self_pay`), `monthlyCapYen` the 自己負担上限月額 and
 * `paidElsewhereYen` what the patient already paid this month at other 指定医療機関 (cap kind `monthly_cap`).
 */
export { kohiEntrySchema, type KohiEntry };

/** A problem with a patient's 公費 entries: the JSON path, the rule, one Japanese sentence. */
export interface KohiProblem {
  path: string;
  rule: string;
  message: string;
}

const FAR_FUTURE = '9999-12-31';

/**
 * The checks that need the table and the month (KOHI-1, KOHI-9, KOHI-10, KOHI-4/5 amounts); the schema has
 * already checked the shapes. `path` is where the entries sit, e.g. `patients[2].kohi`.
 */
export function kohiEntryProblems(
  patientId: string,
  entries: readonly KohiEntry[],
  table: KohiTable,
  month: string,
  path: string,
): KohiProblem[] {
  const problems: KohiProblem[] = [];
  const who = `利用者 ${patientId} の`;
  entries.forEach((e, i) => {
    const at = `${path}[${i}]`;
    const payer = kohiPayerNumberProblem(e.payerNumber, e.law);
    if (payer) problems.push({ path: `${at}.payerNumber`, rule: 'KOHI-9', message: who + payer });
    const recipient = kohiRecipientNumberProblem(e.recipientNumber);
    if (recipient) problems.push({ path: `${at}.recipientNumber`, rule: 'KOHI-9', message: who + recipient });
    if (e.to !== undefined && e.to < e.from) {
      problems.push({
        path: `${at}.to`,
        rule: 'KOHI-10',
        message: `${who}公費 法別${e.law} の有効期間の終わり（${e.to}）が始まり（${e.from}）より前です`,
      });
      return;
    }
    if (!inForceInMonth(e, month)) return; // an entry of other months needs no row of this month
    const row = kohiRowFor(table, e.law, month);
    if (row === undefined) {
      const known = kohiLawsForMonth(table, month);
      problems.push({
        path: `${at}.law`,
        rule: 'KOHI-1',
        message: `${who}公費 法別${e.law} は ${month} の公費表にありません（収録している法別: ${known.length ? known.join('、') : 'なし'}）`,
      });
      return;
    }
    problems.push(...amountProblems(who, e, row, at));
  });
  // KOHI-10: one entry of a 法別 at a time.
  entries.forEach((a, i) => {
    entries.forEach((b, j) => {
      if (j <= i || a.law !== b.law) return;
      if (a.from <= (b.to ?? FAR_FUTURE) && b.from <= (a.to ?? FAR_FUTURE)) {
        problems.push({
          path: `${path}[${j}]`,
          rule: 'KOHI-10',
          message: `${who}公費 法別${a.law} の有効期間が ${path}[${i}] と重なっています（同じ法別は期間を分けて1件ずつ登録してください）`,
        });
      }
    });
  });
  return problems;
}

/** KOHI-4 / KOHI-5: the amounts a row's cap kind needs, and none it does not use. */
function amountProblems(who: string, e: KohiEntry, row: KohiLawRow, at: string): KohiProblem[] {
  const out: KohiProblem[] = [];
  const kind = row.capKind.value;
  const need = (field: keyof KohiEntry, rule: string, what: string) => {
    if (e[field] === undefined) {
      out.push({
        path: `${at}.${field}`,
        rule,
        message: `${who}公費 法別${e.law}（${row.name}）には${what}が必要です`,
      });
    }
  };
  const unused = (field: keyof KohiEntry, rule: string, what: string) => {
    if (e[field] !== undefined) {
      out.push({
        path: `${at}.${field}`,
        rule,
        message: `${who}公費 法別${e.law}（${row.name}）は${what}を使いません（入力を確かめてください）`,
      });
    }
  };
  if (kind === 'self_pay') need('selfPayYen', 'KOHI-4', '本人支払額（介護券の額、なければ0）');
  else unused('selfPayYen', 'KOHI-4', '本人支払額');
  if (kind === 'monthly_cap') need('monthlyCapYen', 'KOHI-5', '自己負担上限月額（受給者証の額）');
  else {
    unused('monthlyCapYen', 'KOHI-5', '自己負担上限月額');
    unused('paidElsewhereYen', 'KOHI-5', '他の医療機関等で支払った額');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The arithmetic.

/** One care claim of the patient in the month, as calculate.ts prices it (M-2 … M-6). */
export interface KohiClaimInput {
  /** 種類コード ('31', '34', '13', …); 'C006' for a 医療保険 claim, which no 公費 row covers. */
  serviceType: string;
  /** 合計単位数 (M-2). */
  units: number;
  unitPrice: UnitPriceHundredths;
  /** The 介護保険 負担割合; null for a service without copay (M-6). Ignored for an uninsured patient. */
  copay: CopayRate | null;
  /** The claim's service dates; empty for a monthly service (居宅介護支援), which counts the whole month. */
  dates: readonly string[];
  /**
   * KOHI-2b: for an entry that holds on some of the claim's dates only, the units of the lines on the dates
   * it holds on (by 法別). Without it such an entry is refused for the claim.
   */
  coveredUnits?: Readonly<Record<string, number>>;
}

/** What one 公費 pays on one claim (明細書 items 39–41 / 10 items 18–20 for the first 公費). */
export interface KohiShare {
  law: string;
  payerNumber: string;
  recipientNumber: string;
  /** 公費給付率 in percent (明細書 item 30 for the first 公費). */
  benefitRate: number;
  /** 公費対象単位数. */
  units: number;
  /** 公費請求額: what the 公費 pays. */
  claim: number;
  /** 公費分本人負担額: the patient's part of the 公費 share (KOHI-4 / KOHI-5 / KOHI-6). */
  selfPay: number;
  rule: string;
}

export interface KohiClaimResult {
  serviceType: string;
  units: number;
  /** 費用総額 (M-3). */
  yen: number;
  /** 保険請求額 (M-4; 0 for a patient without 介護保険, KOHI-8). */
  insurer: number;
  /** 保険給付率 in percent; null for a patient without 介護保険 (明細書 item 29 blank). */
  insuranceBenefitRate: number | null;
  /** The 公費 that apply, in order of application (公費1, 公費2, …). */
  kohi: KohiShare[];
  /** 利用者負担額 of the 保険 part (明細書 item 35): 費用 − 保険 − Σ公費請求額 − Σ本人負担額 (KOHI-7). */
  copay: number;
  /** What the patient pays for the claim: copay + Σ本人負担額 (KOHI-7). */
  patientPays: number;
}

export type KohiRefusalCode = 'NOT_COVERED' | 'PARTIAL_COVERAGE' | 'NOT_FOR_UNINSURED' | 'NO_PAYER';

/** A 公費 that does not pay for a claim, or a claim nobody pays: said, never a silent 0. */
export interface KohiRefusal {
  patientId: string;
  serviceType: string;
  /** The 法別 refused; absent for NO_PAYER (the claim itself is refused). */
  law?: string;
  code: KohiRefusalCode;
  rule: string;
  message: string;
}

export interface KohiMonthInput {
  month: string;
  patientId: string;
  /** false for 生活保護単独: no 介護保険 (被保険者番号 H…, KOHI-8). */
  insured: boolean;
  entries: readonly KohiEntry[];
  /** The patient's care claims of the month, in the order the monthly amounts are used (KOHI-4/5). */
  claims: readonly KohiClaimInput[];
  table: KohiTable;
  /** Where the entries sit in the input, for problems (default `kohi`). */
  path?: string;
}

export type KohiMonthOutcome =
  { ok: true; claims: KohiClaimResult[]; refusals: KohiRefusal[] } | { ok: false; problems: KohiProblem[] };

/** M-4 in percent: 90 / 80 / 70, 100 for a service without copay (M-6), 0 without 介護保険 (KOHI-8). */
export function insuranceBenefitPercent(insured: boolean, copay: CopayRate | null): number {
  if (!insured) return 0;
  return copay === null ? 100 : 100 - copay * 10;
}

/**
 * KOHI-3: a 公費 share on the yen of its units: 公費対象費用 × (公費給付率 − the rate already paid) / 100,
 * truncated to the yen (1円未満切り捨て).
 */
export function kohiShareYen(coveredYen: number, benefitRate: number, ratePaidBefore: number): number {
  if (benefitRate <= ratePaidBefore) return 0;
  return Math.floor((coveredYen * (benefitRate - ratePaidBefore)) / 100);
}

/**
 * KOHI-6: the most a patient pays of a 公費 share on `units`: what a patient of `ceiling` 割 would pay on
 * them — the remainder of M-4 / M-5, not a second rounding.
 */
export function patientShareCeilingYen(
  units: number,
  unitPrice: UnitPriceHundredths,
  ceiling: CopayRate,
): number {
  return careSplit(units, unitPrice, ceiling).copay;
}

/** The monthly amount an entry still leaves with the patient (KOHI-4 / KOHI-5). */
function monthlyAllowance(e: KohiEntry, row: KohiLawRow): number {
  switch (row.capKind.value) {
    case 'self_pay':
      return e.selfPayYen ?? 0; // validated present
    case 'monthly_cap':
      return Math.max(0, (e.monthlyCapYen ?? 0) - (e.paidElsewhereYen ?? 0));
    case 'none':
      return 0;
  }
}

type Coverage = 'none' | 'some' | 'all';

/**
 * KOHI-2: on which of the claim's dates an entry holds; for a monthly service (no dates), on which days
 * of the month.
 */
function coverage(e: KohiEntry, month: string, dates: readonly string[]): Coverage {
  const to = e.to ?? FAR_FUTURE;
  if (dates.length === 0) {
    const first = `${month}-01`;
    const last = lastDayOfMonth(month);
    if (e.from > last || to < first) return 'none';
    return e.from <= first && to >= last ? 'all' : 'some';
  }
  const held = dates.filter((d) => e.from <= d && d <= to).length;
  return held === 0 ? 'none' : held === dates.length ? 'all' : 'some';
}

function inForceInMonth(e: KohiEntry, month: string): boolean {
  return coverage(e, month, []) !== 'none';
}

interface Applicable {
  entry: KohiEntry;
  row: KohiLawRow;
  units: number;
}

/**
 * KOHI-1 … KOHI-8 for one patient's month: each claim split into 保険請求額, 公費請求額 per 公費 and the
 * patient's part; the monthly 本人支払額 / 自己負担上限額 used up across the claims in the order given.
 * Problems with the entries (KOHI-1, KOHI-9, KOHI-10) stop the month; refusals do not.
 */
export function applyKohiMonth(input: KohiMonthInput): KohiMonthOutcome {
  const { month, patientId, insured, entries, claims, table } = input;
  const problems = kohiEntryProblems(patientId, entries, table, month, input.path ?? 'kohi');
  if (problems.length > 0) return { ok: false, problems };

  // Every entry in force in the month has its row: checked above.
  const rowOf = (e: KohiEntry) => kohiRowFor(table, e.law, month)!;
  // What each entry still leaves with the patient this month (KOHI-4 / KOHI-5), used up claim by claim.
  const allowance = new Map<KohiEntry, number>();
  for (const e of entries) if (inForceInMonth(e, month)) allowance.set(e, monthlyAllowance(e, rowOf(e)));
  const results: KohiClaimResult[] = [];
  const refusals: KohiRefusal[] = [];

  for (const c of claims) {
    const refuse = (code: KohiRefusalCode, rule: string, message: string, law?: string) =>
      refusals.push({ patientId, serviceType: c.serviceType, code, rule, message, ...(law ? { law } : {}) });
    const applicable = applicableEntries(input, c, rowOf, refuse);
    if (!insured && applicable.length === 0) {
      // KOHI-8: without 介護保険 only a 公費 pays; with none the claim cannot be billed.
      refuse(
        'NO_PAYER',
        'KOHI-8',
        `利用者 ${patientId} は介護保険の被保険者でなく（生活保護単独）、サービス種類${c.serviceType}の費用を支払う公費がありません（この請求はできません）`,
      );
      continue;
    }
    results.push(splitClaim(c, insured, applicable, allowance));
  }
  return { ok: true, claims: results, refusals };
}

/** KOHI-1 / KOHI-2 / KOHI-8: the entries that pay for a claim, in order of application; refusals said. */
function applicableEntries(
  input: KohiMonthInput,
  c: KohiClaimInput,
  rowOf: (e: KohiEntry) => KohiLawRow,
  refuse: (code: KohiRefusalCode, rule: string, message: string, law?: string) => void,
): Applicable[] {
  const { month, patientId, insured } = input;
  const out: Applicable[] = [];
  for (const entry of input.entries) {
    const held = coverage(entry, month, c.dates);
    if (held === 'none') continue; // not in force for this claim
    const row = rowOf(entry);
    const name = `公費 法別${entry.law}（${row.name}）`;
    if (!row.serviceTypes.value.includes(c.serviceType)) {
      refuse(
        'NOT_COVERED',
        'KOHI-2',
        `利用者 ${patientId} の${name}はサービス種類${c.serviceType}を対象としません（この請求は公費なしで計算します）`,
        entry.law,
      );
      continue;
    }
    if (!insured && !row.paysUninsured.value) {
      refuse(
        'NOT_FOR_UNINSURED',
        'KOHI-8',
        `利用者 ${patientId} の${name}は介護保険の被保険者でない人（生活保護単独）には使えません`,
        entry.law,
      );
      continue;
    }
    let units = c.units;
    if (held === 'some') {
      const given = c.coveredUnits?.[entry.law];
      if (!insured || given === undefined || given < 0 || given > c.units) {
        refuse(
          'PARTIAL_COVERAGE',
          'KOHI-2b',
          insured
            ? `利用者 ${patientId} の${name}はサービス種類${c.serviceType}の一部の提供日だけに有効で、公費対象の単位数が決められません（有効期間を確かめてください）`
            : `利用者 ${patientId} は介護保険の被保険者でなく（生活保護単独）、${name}がサービス種類${c.serviceType}の一部の提供日だけに有効です（有効期間外の日の費用を支払う者がありません）`,
          entry.law,
        );
        continue;
      }
      units = given;
    }
    out.push({ entry, row, units });
  }
  out.sort((a, b) => a.row.order.value - b.row.order.value); // KOHI-1: 他法優先, 生活保護 last
  if (out.length > 1 && out.some((a) => a.units !== c.units)) {
    // KOHI-2c: two 公費 and one of them for part of the claim: how the parts stack is unconfirmed.
    for (const a of out) {
      refuse(
        'PARTIAL_COVERAGE',
        'KOHI-2c',
        `利用者 ${patientId} のサービス種類${c.serviceType}には複数の公費があり、そのうち一部の提供日だけに有効なものがあるため、公費の計算ができません（公費なしで計算します）`,
        a.entry.law,
      );
    }
    return [];
  }
  return out;
}

/** KOHI-3 … KOHI-7 on one claim; `allowance` is used up in place. */
function splitClaim(
  c: KohiClaimInput,
  insured: boolean,
  applicable: readonly Applicable[],
  allowance: Map<KohiEntry, number>,
): KohiClaimResult {
  // The insurer first, as money.ts decides it (M-3 / M-4 / M-6); without 介護保険 none (KOHI-8).
  const base = !insured
    ? { yen: careTotalYen(c.units, c.unitPrice), insurer: 0 }
    : c.copay === null
      ? careSplitNoCopay(c.units, c.unitPrice)
      : careSplit(c.units, c.unitPrice, c.copay);
  const insRate = insuranceBenefitPercent(insured, c.copay);
  let remaining = base.yen - base.insurer;
  let ratePaid = insRate;
  const kohi: KohiShare[] = [];
  for (const { entry, row, units } of applicable) {
    const rate = row.benefitRate.value;
    const share =
      rate === 100 && units === c.units
        ? remaining // KOHI-3a: a 100 % 公費 over the whole claim takes all that is left
        : Math.min(remaining, kohiShareYen(careTotalYen(units, c.unitPrice), rate, ratePaid)); // KOHI-3
    let selfPay = Math.min(share, allowance.get(entry) ?? 0); // KOHI-4 / KOHI-5
    if (row.patientShareCeiling !== undefined) {
      selfPay = Math.min(selfPay, patientShareCeilingYen(units, c.unitPrice, row.patientShareCeiling.value)); // KOHI-6
    }
    allowance.set(entry, (allowance.get(entry) ?? 0) - selfPay);
    remaining -= share;
    ratePaid = Math.max(ratePaid, rate);
    kohi.push({
      law: entry.law,
      payerNumber: entry.payerNumber,
      recipientNumber: entry.recipientNumber,
      benefitRate: rate,
      units,
      claim: share - selfPay,
      selfPay,
      rule: ruleOf(row, units === c.units),
    });
  }
  const selfPays = kohi.reduce((s, k) => s + k.selfPay, 0);
  return {
    serviceType: c.serviceType,
    units: c.units,
    yen: base.yen,
    insurer: base.insurer,
    insuranceBenefitRate: insured ? insRate : null,
    kohi,
    copay: remaining, // KOHI-7
    patientPays: remaining + selfPays,
  };
}

/** The rule ids that priced a share, for the claim line and the statement. */
function ruleOf(row: KohiLawRow, whole: boolean): string {
  const ids = ['KOHI-1', whole && row.benefitRate.value === 100 ? 'KOHI-3a' : 'KOHI-3'];
  if (row.capKind.value === 'self_pay') ids.push('KOHI-4');
  if (row.capKind.value === 'monthly_cap') ids.push('KOHI-5');
  if (row.patientShareCeiling !== undefined) ids.push('KOHI-6');
  return ids.join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// KOHI-12: the sums of the 7111 row of one 法別 (保険・公費等区分 2).

export interface KohiLawTotals {
  law: string;
  /** 件数: the 明細書 (claims) that carry this 法別. */
  count: number;
  /** 単位数: Σ 公費対象単位数. */
  units: number;
  /** 費用合計: Σ 費用総額 of those claims. */
  yen: number;
  /** 保険請求額: Σ 保険請求額 of those claims. */
  insurer: number;
  /** 公費請求額: Σ this 法別's 公費請求額. */
  claim: number;
  /** 利用者負担: Σ this 法別's 本人負担額 [U]. */
  selfPay: number;
}

/** What KOHI-12 reads of a claim: its 費用, 保険請求額 and 公費 shares (a KohiClaimResult, a 明細書). */
export interface KohiTotalsClaim {
  yen: number;
  insurer: number;
  kohi: readonly Pick<KohiShare, 'law' | 'units' | 'claim' | 'selfPay'>[];
}

/** KOHI-12: one total per 法別 over the month's claims, in 法別 order. */
export function kohiTotalsByLaw(claims: readonly KohiTotalsClaim[]): KohiLawTotals[] {
  const byLaw = new Map<string, KohiLawTotals>();
  for (const c of claims) {
    for (const k of c.kohi) {
      const t = byLaw.get(k.law) ?? {
        law: k.law,
        count: 0,
        units: 0,
        yen: 0,
        insurer: 0,
        claim: 0,
        selfPay: 0,
      };
      t.count += 1;
      t.units += k.units;
      t.yen += c.yen;
      t.insurer += c.insurer;
      t.claim += k.claim;
      t.selfPay += k.selfPay;
      byLaw.set(k.law, t);
    }
  }
  return [...byLaw.values()].sort((a, b) => (a.law < b.law ? -1 : a.law > b.law ? 1 : 0));
}
