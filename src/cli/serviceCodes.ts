// The service codes of a schedule as `santei schedules` shows them: each code with its name, its units
// and, for an unconfirmed one, the mark [未確認]; the reasons once each below the table.
import type { Schedule } from '../core/schedule.js';
import { scheduleServiceCodes } from '../core/serviceCodes.js';
import { citationJa } from '../schedules/sources.js';

export const UNCONFIRMED_MARK = '[未確認]';

/** The text lines (indented for the schedule's block). */
export function formatServiceCodes(schedule: Schedule): string[] {
  const codes = scheduleServiceCodes(schedule);
  if (codes.length === 0)
    return ['  サービスコード: この算定表にはありません（伝送ファイルは作成できません）'];
  const source = schedule.services.kyotaku?.data.codes?.source ?? '';
  const unconfirmed = codes.filter((c) => c.status === 'unconfirmed').length;
  const out = [
    `  サービスコード（${codes.length}件、うち${UNCONFIRMED_MARK} ${unconfirmed}件、出典: ${citationJa(source)}）:`,
  ];
  for (const c of codes) {
    const amount = c.percent !== undefined ? `${c.percent}%` : `${c.units}単位`;
    out.push(
      `    ${c.code}  ${c.name}  ${amount}${c.status === 'unconfirmed' ? `  ${UNCONFIRMED_MARK}` : ''}`,
    );
  }
  const notes = [...new Set(codes.flatMap((c) => (c.note ? [c.note] : [])))];
  if (notes.length) {
    out.push(`    ${UNCONFIRMED_MARK}の理由:`);
    for (const n of notes) out.push(`      ${citationJa(n)}`);
  }
  return out;
}

/** The codes as plain data (`santei schedules --json`). */
export function describeServiceCodes(schedule: Schedule): object[] {
  return scheduleServiceCodes(schedule).map((c) => ({
    code: c.code,
    name: c.name,
    ...(c.units !== undefined ? { units: c.units } : {}),
    ...(c.percent !== undefined ? { percent: c.percent } : {}),
    status: c.status,
    source: c.source,
    ...(c.note ? { note: c.note } : {}),
  }));
}
