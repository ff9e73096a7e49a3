// santei compare --schedule ID FILE.json: the comparison of src/app/compare.ts, in Japanese per patient.
import { compare, type Comparison, type SideTotals } from '../../app/compare.js';
import { serviceNames } from '../../core/schedule.js';
import { formatNumber } from '../../core/labels.js';
import { formatProblem } from '../../core/validate.js';
import { parseOptions } from '../args.js';
import { readJsonInput, writeErr, writeOut } from '../io.js';

const USAGE = '使い方: santei compare --schedule 算定表ID FILE.json | -  [--json]';

const num = formatNumber;
const signed = (n: number): string => (n > 0 ? `+${num(n)}` : n < 0 ? `-${num(-n)}` : '±0');

function sideText(s: SideTotals): string {
  const claims = s.claims.length
    ? s.claims.map((c) => `種類${c.serviceType} ${num(c.units)}単位 ${num(c.yen)}円`).join('、')
    : '請求なし';
  const rej = Object.entries(s.rejected);
  const rejText = rej.length
    ? `  算定不可 ${rej.reduce((n, [, k]) => n + k, 0)}件（${rej.map(([c, k]) => `${c} ${k}`).join('、')}）`
    : '';
  return `${claims}  計 ${num(s.units)}単位 ${num(s.yen)}円（保険 ${num(s.insurer)}円・利用者負担 ${num(s.copay)}円）${rejText}`;
}

function diffText(d: { units: number; yen: number; insurer: number; copay: number }): string {
  return `${signed(d.units)}単位  ${signed(d.yen)}円（保険 ${signed(d.insurer)}円・利用者負担 ${signed(d.copay)}円）`;
}

/** The comparison in Japanese, patient by patient. */
export function formatComparison(c: Comparison): string {
  const own = `${c.own.schedule}`;
  const other = `${c.other.schedule}`;
  const out: string[] = [];
  out.push(`比較: 入力 ${c.own.month}（算定表 ${own}） と 算定表 ${other}`);
  const calendar =
    c.other.sameLength && c.other.sameWeekday
      ? '月の日数と1日の曜日が同じ月なので、日付の間隔・曜日・月内の日は変わりません'
      : `${c.other.sameLength ? '' : '月の日数が異なり、'}${c.other.sameWeekday ? '' : '曜日がずれるため、'}週・月の回数制限の判定が変わることがあります`;
  out.push(
    `  入力の月は算定表 ${other} の対象月ではないため、${other} 側は ${c.other.month} のサービスとして算定しました（すべての日付を ${signed(c.other.shiftDays)}日ずらしています。${calendar}）。`,
  );
  out.push(`  比較したサービス: ${c.compared.map((k) => serviceNames[k]).join('、')}`);
  if (c.excluded.length) {
    out.push(
      `  比較しなかったサービス: ${c.excluded.map((e) => `${serviceNames[e.service]}（${e.reason}）`).join('、')}`,
    );
  }
  for (const a of c.copayAdjusted) {
    out.push(
      `  利用者 ${a.patientId}: ${a.from}割負担は算定表 ${other} にないため、${other} 側は${a.to}割で保険と利用者負担を分けています（M-7）。`,
    );
  }
  if (c.kohiOmitted.length) {
    out.push(
      `  利用者 ${c.kohiOmitted.join('、')}: 公費は算定表の比較に含めず、両側とも公費なしで計算しています（docs/kohi.md）。`,
    );
  }
  for (const p of c.patients) {
    out.push('', `利用者 ${p.patientId}`);
    out.push(`  ${own}（${c.own.month}）: ${sideText(p.own)}`);
    out.push(`  ${other}（${c.other.month}）: ${sideText(p.other)}`);
    out.push(`  差（${other} − ${own}）: ${diffText(p.diff)}`);
  }
  out.push('', '合計');
  out.push(
    `  ${own}: ${num(c.totals.own.units)}単位 ${num(c.totals.own.yen)}円（保険 ${num(c.totals.own.insurer)}円・利用者負担 ${num(c.totals.own.copay)}円）`,
  );
  out.push(
    `  ${other}: ${num(c.totals.other.units)}単位 ${num(c.totals.other.yen)}円（保険 ${num(c.totals.other.insurer)}円・利用者負担 ${num(c.totals.other.copay)}円）`,
  );
  out.push(`  差（${other} − ${own}）: ${diffText(c.totals.diff)}`, '');
  return out.join('\n');
}

export async function compareCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'compare',
    args,
    { schedule: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || values.schedule === undefined) {
    const why =
      values.schedule === undefined
        ? '比較先の算定表を --schedule で指定してください'
        : '入力のファイルを1つ指定してください';
    writeErr(`santei compare: ${why}。${USAGE}\n`);
    return 2;
  }
  const input = readJsonInput(positionals[0]!);
  if (!input.ok) {
    writeErr(`${input.message}\n`);
    return 2;
  }
  const out = compare(input.value, values.schedule);
  if (!out.ok) {
    writeErr(out.problems.map((p) => formatProblem(p) + '\n').join(''));
    return 2;
  }
  if (!out.comparison) {
    writeOut(values.json ? JSON.stringify({ comparison: null, note: out.note }) + '\n' : out.note + '\n');
    return 0;
  }
  writeOut(values.json ? JSON.stringify(out.comparison) + '\n' : formatComparison(out.comparison));
  return 0;
}
