// The patient statement (利用明細 / 領収書 data) of one month: what the web app prints for the patient.
// Built from a claim version's result (or the preview) and the records; no money is computed here — the
// amounts are the engine's (M-2 … M-13; the 公費 split KOHI-1 … KOHI-8: what each 公費 paid, what the
// patient pays).
import type { ClaimMonthResult } from '../core/result.js';
import type { ClaimMonthInput } from '../core/input.js';
import { formatWareki } from '../core/wareki.js';
import type { Statement, StatementClaim } from '../contract/api.js';
import type { Office, Patient } from '../contract/types.js';
import { serviceTypeJa } from '../core/labels.js';

/** K24-7: the copay of 居宅療養管理指導 (31, 34) is deductible as a medical expense (医療費控除対象). */
const medicalDeductionServiceTypes = new Set(['31', '34']);

export function buildStatement(
  office: Office,
  patient: Patient,
  input: ClaimMonthInput,
  result: ClaimMonthResult,
  source: Statement['source'],
): Statement {
  const dateOf = new Map<string, string>();
  for (const r of input.records) if ('date' in r) dateOf.set(r.id, r.date);
  const enginePatient = input.patients.find((p) => p.id === patient.id);
  const claims: StatementClaim[] = result.claims
    .filter((c) => c.patientId === patient.id)
    .map((c) => ({
      insurance: c.insurance,
      serviceType: c.serviceType,
      serviceName: serviceTypeJa[c.serviceType] ?? c.serviceType,
      lines: c.lines.map((l) => ({
        name: l.name,
        ...(l.code !== undefined ? { code: l.code } : {}),
        unitsEach: l.unitsEach,
        count: l.count,
        units: l.units,
        dates: [
          ...new Set(l.recordIds.map((id) => dateOf.get(id)).filter((d): d is string => d !== undefined)),
        ].sort(),
        rule: l.rule,
      })),
      units: c.units,
      unitPrice: c.unitPrice,
      yen: c.yen,
      insurer: c.insurer,
      copay: c.copay,
      ...(c.transportYen !== undefined ? { transportYen: c.transportYen } : {}),
      ...(c.kohi !== undefined ? { kohi: c.kohi } : {}), // KOHI-7: what each 公費 paid, the patient the rest
      medicalDeduction: medicalDeductionServiceTypes.has(c.serviceType),
    }));
  const totals: Statement['totals'] = { units: 0, yen: 0, insurer: 0, copay: 0, transportYen: 0 };
  let medicalDeductionYen = 0;
  for (const c of claims) {
    totals.units += c.units;
    totals.yen += c.yen;
    totals.insurer += c.insurer;
    totals.copay += c.copay;
    totals.transportYen += c.transportYen ?? 0;
    if (c.kohi?.shares.length)
      totals.kohi = (totals.kohi ?? 0) + c.kohi.shares.reduce((x, k) => x + k.claim, 0);
    if (c.medicalDeduction) medicalDeductionYen += c.copay; // K24-7
  }
  return {
    office: {
      id: office.id,
      number: office.number,
      name: office.name,
      ...(office.address !== undefined ? { address: office.address } : {}),
      ...(office.phone !== undefined ? { phone: office.phone } : {}),
    },
    patient: {
      id: patient.id,
      name: patient.name,
      ...(patient.kana !== undefined ? { kana: patient.kana } : {}),
      ...(patient.insuredNumber !== undefined ? { insuredNumber: patient.insuredNumber } : {}),
      ...(enginePatient?.care
        ? { careLevel: enginePatient.care.level, copayRate: enginePatient.care.copay }
        : {}),
      ...(enginePatient?.medical ? { medicalCopayRate: enginePatient.medical.copay } : {}),
    },
    month: result.month,
    monthWareki: formatWareki(result.month),
    source,
    schedule: result.schedule,
    claims,
    totals,
    medicalDeductionYen,
    rejections: result.rejections.filter((r) => r.patientId === patient.id && r.code !== 'HISTORY'),
  };
}
