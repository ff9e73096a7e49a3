// The claim document: what the 国保連 claim of a service month says — the 請求書 (7111, 様式第一) and one
// 明細書 per patient and 様式 (7131 様式第二 / 7132 様式第二の二) with its 基本 (01), 明細 (02) and 集計 (10)
// parts — built from a closed result and the input's patients and office (../shared/spec/claim-file.md).
// The CSV (./writer.ts) and the printed forms (./forms.ts) are both written from it, so they cannot disagree;
// the checker (./checker.ts) compares a file with it. Pure: no I/O.
//
// The file cannot be written with a guess: every missing or inconsistent fact is a problem naming the
// patient (a patient without 保険者番号, 生年月日, 性別, care-plan maker or 認定有効期間, a 要介護 patient on
// 34 or 要支援 on 31, a line without a service code), and the document is made only when there is none.
import type { CarePlan, CareLevel, ClaimMonthInput, Patient, Sex } from '../input.js';
import type { Claim, ClaimMonthResult, Line } from '../result.js';
import type { Schedule } from '../schedule.js';
import { addMonths, isIsoMonth } from '../dates.js';
import { insuredNumberProblem, insurerNumberProblem, officeNumberProblem } from '../checkDigits.js';
import { certificationOn, serviceTypeFor } from '../rules/eligibility.js';
import { benefitRateTenths, careSplit, careTotalYen } from '../money.js';
import {
  billedMonthly,
  codeItem,
  codeServiceType,
  serviceCodeIndex,
  type CodeStatus,
} from '../serviceCodes.js';
import { careLevelJa, serviceTypeJa } from '../labels.js';
import { exchangeIdOf, type ExchangeId } from './layout.js';
import {
  PERCENT_ADDITION_COUNT,
  PERCENT_ADDITION_DAYS,
  KOHI_COLUMNS,
  UNINSURED_IN_INSURANCE_ROW,
  statementCertificationDay,
  unitPriceItem,
} from './choices.js';
import { kohiTotalsByLaw, type KohiShare } from '../kohi.js';

export interface ClaimFileProblem {
  /** The JSON path of the input field to fix, where there is one. */
  path?: string;
  patientId?: string;
  message: string;
}

export function formatClaimFileProblem(p: ClaimFileProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

export interface Amounts {
  units: number;
  /** 費用合計. */
  yen: number;
  /** 保険請求額. */
  insurer: number;
  /** 公費請求額: Σ 公費請求額 (KOHI-11). */
  publicYen: number;
  /** 利用者負担: what the patients pay, the 本人負担額 of the 公費 included (KOHI-7, 7111 item 12). */
  copay: number;
}

/**
 * One 公費 of a 明細書 (公費1–3, KOHI-11): 01 items 7–12, 30–32, 39–56 — the engine's share of that
 * 公費 (法別, numbers, 給付率, 対象単位数, 請求額, 本人負担額) without its rule id.
 */
export type StatementKohi = Omit<KohiShare, 'rule'>;

/** The 7111 公費請求 row of one 法別 (KOHI-12): item 4 = 2, item 5 = the 法別番号. */
export interface KohiInvoiceRow {
  law: string;
  count: number;
  units: number;
  yen: number;
  insurer: number;
  claim: number;
  selfPay: number;
}

/** One 02 record: one service code of the 明細書. */
export interface DetailLine {
  code: string;
  serviceType: string;
  /** サービス項目コード: the code's last 4 digits. */
  item: string;
  /** The code's name as in the code table (the printed 明細書's サービス内容). */
  name: string;
  unitsEach: number;
  count: number;
  units: number;
  /** 公費1–3 対象日数・回数 and 対象サービス単位数 (items 11–13, 15–17), one per 公費 of the 明細書. */
  kohi: { count: number; units: number }[];
  /** 摘要: the visit days of the code, ascending (none for a percentage addition). */
  days: number[];
  /** A percentage addition, billed once a month. */
  monthly: boolean;
  status: CodeStatus;
}

/** One 10 record: the 集計 of one service type. */
export interface TypeTotal {
  serviceType: string;
  /** サービス実日数: distinct visit days. */
  days: number;
  units: number;
  /** 単位数単価 × 100 (1000 = 10.00 円). */
  unitPrice: number;
  yen: number;
  insurer: number;
  /** 利用者負担額 of the 保険 part (item 17): without the 本人負担額 (KOHI-7). */
  copay: number;
  /** Σ 公費請求額 of this type. */
  publicYen: number;
  /** 公費1–3 単位数合計 / 請求額 / 本人負担額 (items 18–26). */
  kohi: { units: number; claim: number; selfPay: number }[];
}

export interface Statement {
  exchangeId: ExchangeId;
  patientId: string;
  insurerNumber: string;
  insuredNumber: string;
  birthDate: string;
  sex: Sex;
  careLevel: CareLevel;
  certification: { from: string; to: string };
  carePlan: CarePlan;
  /** 保険給付率 in percent: 90 / 80 / 70; null for 生活保護単独 (KOHI-8, item 29 blank). */
  benefitRate: number | null;
  /** false for 生活保護単独 (被保険者番号 H…, KOHI-8). */
  insured: boolean;
  amounts: Amounts;
  /** 利用者負担額 of the 保険 part (01 item 35): amounts.copay less the 本人負担額 (KOHI-7). */
  insuranceCopay: number;
  /** 公費1–3 in their order of application (KOHI-1, KOHI-11); empty without 公費. */
  kohi: StatementKohi[];
  /** 02 records by service code, ascending. */
  details: DetailLine[];
  /** 10 records by service type, ascending. */
  totals: TypeTotal[];
}

export interface ClaimDocument {
  /** サービス提供年月 "YYYY-MM". */
  serviceMonth: string;
  /** 審査月 (control record item 11) "YYYY-MM". */
  submitted: string;
  officeNumber: string;
  schedule: string;
  /** The 7111 保険請求 row: the sums over the 明細書 of insured patients (choices.ts, KOHI-12). */
  invoice: Amounts & { count: number };
  /** The 7111 公費請求 rows, one per 法別 in 法別 order (KOHI-12); empty without 公費. */
  kohiRows: KohiInvoiceRow[];
  /** The same sums by 様式, for the printed 請求書 (居宅 / 介護予防). */
  byStyle: Record<ExchangeId, Amounts & { count: number }>;
  /** Sorted by (交換情報識別番号, 保険者番号, 被保険者番号). */
  statements: Statement[];
}

export interface ClaimDocumentRequest {
  result: ClaimMonthResult;
  input: ClaimMonthInput;
  /** 審査月 "YYYY-MM"; default the service month + 1 (defaultSubmittedMonth). */
  submitted?: string;
  /** The result's schedule: its service codes. */
  schedule: Schedule;
}

export type ClaimDocumentOutcome =
  { ok: true; document: ClaimDocument } | { ok: false; problems: ClaimFileProblem[] };

/** claim-file.md "CLI": the 審査月 is the service month + 1 unless given. */
export function defaultSubmittedMonth(serviceMonth: string): string {
  return addMonths(serviceMonth, 1);
}

const zeroAmounts = (): Amounts & { count: number } => ({
  count: 0,
  units: 0,
  yen: 0,
  insurer: 0,
  publicYen: 0,
  copay: 0,
});

function add(to: Amounts & { count: number }, a: Amounts): void {
  to.count += 1;
  to.units += a.units;
  to.yen += a.yen;
  to.insurer += a.insurer;
  to.publicYen += a.publicYen;
  to.copay += a.copay;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildClaimDocument(req: ClaimDocumentRequest): ClaimDocumentOutcome {
  const { result, input, schedule } = req;
  const problems: ClaimFileProblem[] = [];
  const month = input.month;
  if (result.month !== month || result.officeId !== input.office.id || result.schedule !== schedule.id) {
    return {
      ok: false,
      problems: [
        {
          message: `算定結果（${result.month}、事業所 ${result.officeId}、算定表 ${result.schedule}）が入力（${month}、事業所 ${input.office.id}、算定表 ${schedule.id}）と合いません`,
        },
      ],
    };
  }
  const submitted = req.submitted ?? defaultSubmittedMonth(month);
  if (!isIsoMonth(submitted) || submitted <= month) {
    problems.push({
      message: `審査月 "${submitted}" はサービス提供月 ${month} より後の年月を YYYY-MM で指定してください`,
    });
  }
  const officeProblem = officeNumberProblem(input.office.id);
  if (officeProblem) problems.push({ path: 'office.id', message: officeProblem });

  const patients = new Map<string, { patient: Patient; index: number }>();
  input.patients.forEach((patient, index) => patients.set(patient.id, { patient, index }));
  const dates = new Map<string, string>();
  for (const r of input.records) if ('date' in r) dates.set(r.id, r.date);
  const codes = serviceCodeIndex(schedule);

  const statements: Statement[] = [];
  const checkedPatients = new Set<string>();
  for (const claim of result.claims) {
    if (claim.insurance !== 'care') continue; // claim-file.md: claims of other insurances are not in the file
    const found = patients.get(claim.patientId);
    if (!found) {
      problems.push({
        patientId: claim.patientId,
        message: `利用者 ${claim.patientId} の請求がありますが、入力の patients にありません`,
      });
      continue;
    }
    const exchangeId = exchangeIdOf[claim.serviceType];
    if (!exchangeId) {
      problems.push({
        patientId: claim.patientId,
        message: `利用者 ${claim.patientId}: ${serviceTypeJa[claim.serviceType] ?? claim.serviceType}（種類${claim.serviceType}）の請求はこの伝送ファイル（居宅療養管理指導 31・34）には載せられません`,
      });
      continue;
    }
    const p = found.patient;
    const at = `patients[${found.index}]`;
    if (!checkedPatients.has(p.id)) {
      checkedPatients.add(p.id);
      problems.push(...patientProblems(p, at));
    }
    const statement = buildStatement(claim, exchangeId, p, at, dates, codes, schedule.id, problems);
    if (statement) statements.push(statement);
  }
  if (statements.length === 0 && problems.length === 0) {
    problems.push({
      message: `${month} には伝送ファイルに載せる居宅療養管理指導（種類31・34）の請求がありません`,
    });
  }

  // claim-file.md "Order": 明細書 by (交換情報識別番号, 保険者番号, 被保険者番号); one 明細書 per key.
  statements.sort(
    (a, b) =>
      cmp(a.exchangeId, b.exchangeId) ||
      cmp(a.insurerNumber, b.insurerNumber) ||
      cmp(a.insuredNumber, b.insuredNumber),
  );
  for (let i = 1; i < statements.length; i++) {
    const a = statements[i - 1]!;
    const b = statements[i]!;
    if (
      a.exchangeId === b.exchangeId &&
      a.insurerNumber === b.insurerNumber &&
      a.insuredNumber === b.insuredNumber
    ) {
      problems.push({
        patientId: b.patientId,
        message: `利用者 ${a.patientId} と ${b.patientId} の保険者番号 ${a.insurerNumber}・被保険者番号 ${a.insuredNumber} が同じです（被保険者証を確かめてください）`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };

  const invoice = zeroAmounts();
  const byStyle: Record<ExchangeId, Amounts & { count: number }> = {
    '7131': zeroAmounts(),
    '7132': zeroAmounts(),
  };
  for (const s of statements) {
    if (!s.insured && !UNINSURED_IN_INSURANCE_ROW) continue; // KOHI-12: 生活保護単独 goes to the 法別 row
    add(invoice, s.amounts);
    add(byStyle[s.exchangeId], s.amounts);
  }
  const kohiRows = kohiTotalsByLaw(
    statements.map((s) => ({
      yen: s.amounts.yen,
      insurer: s.amounts.insurer,
      kohi: s.kohi.map((k) => ({ law: k.law, units: k.units, claim: k.claim, selfPay: k.selfPay })),
    })),
  );
  return {
    ok: true,
    document: {
      serviceMonth: month,
      submitted,
      officeNumber: input.office.id,
      schedule: schedule.id,
      invoice,
      kohiRows,
      byStyle,
      statements,
    },
  };
}

/** The patient facts every 明細書 needs (claim-file.md "Input the file needs"). */
function patientProblems(p: Patient, at: string): ClaimFileProblem[] {
  const out: ClaimFileProblem[] = [];
  const need = (path: string, what: string) =>
    out.push({
      path: `${at}.${path}`,
      patientId: p.id,
      message: `利用者 ${p.id} の${what}がありません（伝送ファイルに必要です）`,
    });
  if (!p.insured) need('insured', '被保険者証の保険者番号・被保険者番号（insured）');
  else {
    const insurer = insurerNumberProblem(p.insured.insurerNumber);
    if (insurer)
      out.push({
        path: `${at}.insured.insurerNumber`,
        patientId: p.id,
        message: `利用者 ${p.id}: ${insurer}`,
      });
    const insured = insuredNumberProblem(p.insured.number);
    if (insured)
      out.push({ path: `${at}.insured.number`, patientId: p.id, message: `利用者 ${p.id}: ${insured}` });
  }
  if (!p.birthDate) need('birthDate', '生年月日（birthDate）');
  if (!p.sex) need('sex', '性別（sex）');
  if (!p.carePlan)
    need(
      'carePlan',
      '居宅サービス計画の作成者（carePlan: 居宅介護支援事業所・地域包括支援センター、またはセルフプラン）',
    );
  else if (p.carePlan.maker === 'office') {
    const office = officeNumberProblem(p.carePlan.officeNumber);
    if (office)
      out.push({
        path: `${at}.carePlan.officeNumber`,
        patientId: p.id,
        message: `利用者 ${p.id}: ${office}`,
      });
  }
  return out;
}

/** The JSON path of a certification period of the patient. */
function periodPath(p: Patient, at: string, period: NonNullable<Patient['care']>): string {
  if (p.care === period) return `${at}.care`;
  return `${at}.certifications[${p.certifications?.indexOf(period) ?? -1}]`;
}

function buildStatement(
  claim: Claim,
  exchangeId: ExchangeId,
  p: Patient,
  at: string,
  dates: ReadonlyMap<string, string>,
  codes: ReturnType<typeof serviceCodeIndex>,
  scheduleId: string,
  problems: ClaimFileProblem[],
): Statement | undefined {
  const before = problems.length;
  const who = `利用者 ${p.id}`;
  const typeName = `${serviceTypeJa[claim.serviceType]}（種類${claim.serviceType}）`;

  // 02: the lines by service code.
  const byCode = new Map<string, Line[]>();
  for (const l of claim.lines) {
    if (l.code === undefined) {
      problems.push({
        patientId: p.id,
        message: `${who}: 「${l.name}」（${l.item}）にサービスコードがありません（算定表 ${scheduleId} にこの項目のサービスコードがないため、伝送ファイルを作成できません）`,
      });
      continue;
    }
    const list = byCode.get(l.code);
    if (list) list.push(l);
    else byCode.set(l.code, [l]);
  }
  const details: DetailLine[] = [];
  const visitDates: string[] = [];
  for (const [code, lines] of byCode) {
    const sc = codes.get(code);
    if (!sc || codeServiceType(code) !== claim.serviceType) {
      problems.push({
        patientId: p.id,
        message: `${who}: サービスコード ${code} は算定表の${typeName}のコードではありません`,
      });
      continue;
    }
    let units = 0;
    for (const l of lines) units += l.units;
    if (billedMonthly(sc)) {
      details.push({
        code,
        serviceType: claim.serviceType,
        item: codeItem(code),
        name: sc.name,
        unitsEach: units,
        count: PERCENT_ADDITION_COUNT,
        units,
        days: [...PERCENT_ADDITION_DAYS],
        monthly: true,
        status: sc.status,
        kohi: [],
      });
      continue;
    }
    // Per visit: the code's lines (a visit's base, and the 100 of 麻薬管理指導加算 under ・特薬) by record.
    const records = new Set<string>();
    for (const l of lines) for (const id of l.recordIds) records.add(id);
    const days = new Set<number>();
    for (const id of records) {
      const d = dates.get(id);
      if (d === undefined) {
        problems.push({ patientId: p.id, message: `${who}: 請求の記録 ${id} が入力の records にありません` });
        continue;
      }
      visitDates.push(d);
      days.add(Number(d.slice(8, 10)));
    }
    const count = records.size;
    const each = units / count;
    if (!Number.isInteger(each) || (sc.units !== undefined && each !== sc.units)) {
      problems.push({
        patientId: p.id,
        message: `${who}: サービスコード ${code}（${sc.name}）の1回あたりの単位数が ${sc.units ?? '?'} になりません（${units}単位 ÷ ${count}回）`,
      });
      continue;
    }
    if (days.size !== count) {
      problems.push({
        patientId: p.id,
        message: `${who}: サービスコード ${code} の${count}回が${days.size}日にしかありません（摘要の訪問日と回数が合いません）`,
      });
      continue;
    }
    details.push({
      code,
      serviceType: claim.serviceType,
      item: codeItem(code),
      name: sc.name,
      unitsEach: each,
      count,
      units,
      days: [...days].sort((a, b) => a - b),
      monthly: false,
      status: sc.status,
      kohi: [],
    });
  }
  details.sort((a, b) => cmp(a.code, b.code));

  // 01: the certification of the 明細書 and its 給付率.
  if (visitDates.length === 0) {
    if (problems.length === before)
      problems.push({ patientId: p.id, message: `${who}: ${typeName}の請求に訪問の記録がありません` });
    return undefined;
  }
  const cert = certificationOn(p, statementCertificationDay(visitDates));
  if (!cert) {
    problems.push({ patientId: p.id, message: `${who}: 訪問日に有効な認定がありません` });
    return undefined;
  }
  const certPath = periodPath(p, at, cert);
  if (!cert.from || !cert.to) {
    problems.push({
      path: `${certPath}.${cert.from ? 'to' : 'from'}`,
      patientId: p.id,
      message: `${who} の認定有効期間の${!cert.from && !cert.to ? '開始日と終了日' : cert.from ? '終了日' : '開始日'}がありません（伝送ファイルに必要です）`,
    });
  }
  if (serviceTypeFor(cert.level) !== claim.serviceType) {
    problems.push({
      path: `${certPath}.level`,
      patientId: p.id,
      message: `${who} は${careLevelJa[cert.level]}ですが、${typeName}の請求です（要支援は種類34、要介護は種類31）`,
    });
  }
  const unitPrice = unitPriceItem(claim.unitPrice);
  const shares = claim.kohi?.shares ?? [];
  const insured = claim.kohi?.insured ?? true;
  const kohiPaid = shares.reduce((x, k) => x + k.claim + k.selfPay, 0);
  const insuranceCopay = claim.kohi ? claim.kohi.insuranceCopay : claim.copay;
  if (insured) {
    const split = careSplit(claim.units, unitPrice, cert.copay); // M-3 … M-5
    if (
      split.yen !== claim.yen ||
      split.insurer !== claim.insurer ||
      split.copay !== insuranceCopay + kohiPaid
    ) {
      problems.push({
        patientId: p.id,
        message: `${who}: 明細書の認定（${cert.copay}割負担）では請求額が算定結果と合いません（月の途中で負担割合が変わっていないか確かめてください）`,
      });
    }
  } else if (careTotalYen(claim.units, unitPrice) !== claim.yen || claim.insurer !== 0) {
    // KOHI-8: 生活保護単独, no insurer's share.
    problems.push({
      patientId: p.id,
      message: `${who}: 生活保護単独の請求に保険請求額があります（算定結果を確かめてください）`,
    });
  }
  if (shares.length > KOHI_COLUMNS) {
    problems.push({
      patientId: p.id,
      message: `${who}: 公費が${shares.length}件あり、明細書の公費欄（${KOHI_COLUMNS}つ）に書ききれません（KOHI-11）`,
    });
  }
  const serviceMonth = visitDates[0]!.slice(0, 7);
  shares.forEach((k) => {
    // KOHI-11: 02 items 11–13 / 15–17 — the visits and units of each code on the dates the 公費 holds on.
    const whole = k.units === claim.units;
    const entry = p.kohi?.find((e) => e.law === k.law && e.payerNumber === k.payerNumber);
    let units = 0;
    for (const d of details) {
      const count = whole
        ? d.count
        : d.monthly
          ? 0
          : d.days.filter((day) => {
              const date = `${serviceMonth}-${String(day).padStart(2, '0')}`;
              return entry !== undefined && entry.from <= date && date <= (entry.to ?? '9999-12-31');
            }).length;
      const u = whole ? d.units : d.unitsEach * count;
      d.kohi.push({ count, units: u });
      units += u;
    }
    if (problems.length === before && units !== k.units) {
      problems.push({
        patientId: p.id,
        message: `${who}: 公費 法別${k.law} の対象単位数 ${k.units} が明細の公費対象単位数の合計 ${units} と合いません（KOHI-11）`,
      });
    }
  });
  let detailUnits = 0;
  for (const d of details) detailUnits += d.units;
  if (problems.length === before && detailUnits !== claim.units) {
    problems.push({
      patientId: p.id,
      message: `${who}: 明細の単位数の合計 ${detailUnits} が請求の ${claim.units} と合いません`,
    });
  }
  if (problems.length > before || !p.insured || !p.birthDate || !p.sex || !p.carePlan) return undefined;

  const visitDays = new Set<number>();
  for (const d of details) for (const day of d.days) visitDays.add(day);
  const publicYen = shares.reduce((x, k) => x + k.claim, 0);
  const amounts: Amounts = {
    units: claim.units,
    yen: claim.yen,
    insurer: claim.insurer,
    publicYen,
    copay: claim.copay,
  };
  const kohi: StatementKohi[] = shares.map((k) => ({
    law: k.law,
    payerNumber: k.payerNumber,
    recipientNumber: k.recipientNumber,
    benefitRate: k.benefitRate,
    units: k.units,
    claim: k.claim,
    selfPay: k.selfPay,
  }));
  return {
    exchangeId,
    patientId: p.id,
    insurerNumber: p.insured.insurerNumber,
    insuredNumber: p.insured.number,
    birthDate: p.birthDate,
    sex: p.sex,
    careLevel: cert.level,
    certification: { from: cert.from!, to: cert.to! },
    carePlan: p.carePlan,
    benefitRate: insured ? benefitRateTenths(cert.copay) * 10 : null,
    insured,
    amounts,
    insuranceCopay,
    kohi,
    details,
    totals: [
      {
        serviceType: claim.serviceType,
        days: visitDays.size,
        units: claim.units,
        unitPrice,
        yen: claim.yen,
        insurer: claim.insurer,
        copay: insuranceCopay,
        publicYen,
        kohi: kohi.map((k) => ({ units: k.units, claim: k.claim, selfPay: k.selfPay })),
      },
    ],
  };
}
