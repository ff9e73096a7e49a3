// `santei calc --explain`: the month as a readable Japanese trace, patient by patient.
import { additionName, citationForClerk as cited, formatNumber as num } from '../core/labels.js';
import type { ClaimKohi, ClaimMonthResult, TraceEntry } from '../core/result.js';

export function formatExplanation(result: ClaimMonthResult, trace: TraceEntry[]): string {
  const out: string[] = [];
  out.push(`事業所 ${result.officeId}  サービス提供月 ${result.month}  算定表 ${result.schedule}`);
  const patients = new Set<string>();
  for (const t of trace) patients.add(t.patientId);
  for (const c of result.claims) patients.add(c.patientId);
  for (const r of result.rejections) patients.add(r.patientId);
  for (const pid of [...patients].sort()) {
    out.push('', `■ 利用者 ${pid}`);
    const steps = trace.filter((t) => t.patientId === pid);
    // The patient's monthly facts first (building count), then each record in date order.
    steps.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    for (const t of steps) out.push(`  ${t.text}`);
    for (const r of result.rejections) {
      if (r.patientId !== pid) continue;
      if (r.code === 'HISTORY' || r.addition)
        out.push(
          `  ${r.recordId} ${r.addition ? `${additionName(r.addition)} ` : ''}→ ${r.code}（${cited(r.rule)}）: ${r.message}`,
        );
    }
    for (const c of result.claims) {
      if (c.patientId !== pid) continue;
      out.push(`  請求 ${c.insurance === 'care' ? '介護保険' : '医療保険'} 種類${c.serviceType}:`);
      for (const l of c.lines)
        out.push(
          `    ${l.name} ${num(l.unitsEach)}×${num(l.count)} = ${num(l.units)}（${cited(l.rule)}）[${l.recordIds.join(', ')}]`,
        );
      out.push(
        `    合計 ${num(c.units)}${c.insurance === 'care' ? '単位' : '点'} × ${c.unitPrice}円 = ${num(c.yen)}円  保険 ${num(c.insurer)}円  利用者負担 ${num(c.copay)}円${c.transportYen ? `  交通費（実費）${num(c.transportYen)}円` : ''}`,
      );
      if (c.kohi) out.push(...kohiLines(c.kohi));
    }
    for (const r of result.kohiRefusals ?? []) {
      if (r.patientId === pid)
        out.push(`  公費 ${r.law ? `法別${r.law} ` : ''}→ ${r.code}（${cited(r.rule)}）: ${r.message}`);
    }
  }
  const t = result.totals;
  out.push(
    '',
    `合計 ${num(t.units)}単位・点  ${num(t.yen)}円  保険 ${num(t.insurer)}円${t.kohi !== undefined ? `  公費 ${num(t.kohi)}円` : ''}  利用者負担 ${num(t.copay)}円  算定不可 ${num(result.rejections.filter((r) => r.code !== 'HISTORY').length)}件`,
    '',
  );
  return out.join('\n');
}

/** The 公費 split of a claim (KOHI-1 … KOHI-8): the insurer, each 公費 in order, what the patient pays. */
function kohiLines(k: ClaimKohi): string[] {
  const out: string[] = [];
  out.push(
    k.insured
      ? `    公費の計算: 保険給付率 ${k.insuranceBenefitRate ?? ''}%（保険分を先に、KOHI-1）`
      : '    公費の計算: 介護保険の被保険者でない（生活保護単独）ため保険分なし（KOHI-8）',
  );
  k.shares.forEach((s, i) => {
    out.push(
      `    公費${i + 1} 法別${s.law} ${s.name} 給付率${s.benefitRate}% 対象${num(s.units)}単位: 公費請求 ${num(s.claim)}円  本人負担 ${num(s.selfPay)}円（${cited(s.rule)}）`,
    );
  });
  out.push(`    利用者負担額（保険分）${num(k.insuranceCopay)}円（KOHI-7）`);
  return out;
}
