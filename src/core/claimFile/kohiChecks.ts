// The checker's 公費 checks (docs/kohi.md §7, KOHI-9, KOHI-11, KOHI-12): the 公費 columns of the 01, 02 and 10
// records and the 7111 公費請求 row of each 法別, against the sums of the 明細書. Pure; ./checker.ts calls them.
import { kohiPayerNumberProblem, kohiRecipientNumberProblem } from '../kohi.js';
import { INVOICE_ID, INSURANCE_CLAIM, KOHI_CLAIM } from './layout.js';
import { KOHI_CLAIM_INFO, KOHI_COLUMNS, kohiRowCopay } from './choices.js';

interface Row {
  line: number;
  fields: string[];
}

type Item<R extends Row> = (r: R, item: number) => string;
type Say = (message: string) => void;

/** The sums a 法別's 7111 row must carry (KOHI-12). */
export interface LawSums {
  count: number;
  units: number;
  yen: number;
  insurer: number;
  claim: number;
  selfPay: number;
}

function num(s: string): number | undefined {
  return /^\d+$/.test(s) ? Number(s) : undefined;
}

/**
 * 01 items 7–12 (公費1–3 負担者番号 / 受給者番号) and 30–32 (給付率), KOHI-9 / KOHI-11: each 公費 column
 * either empty or a whole 公費 with numbers of the right check digits, the columns filled from the first, no
 * 法別 twice. The 法別 of the filled columns, in order.
 */
export function basicKohiProblems<R extends Row>(b: R, v: Item<R>, say: Say): string[] {
  const laws: string[] = [];
  let gap = false;
  for (let i = 0; i < KOHI_COLUMNS; i++) {
    const payer = v(b, 7 + 2 * i);
    const recipient = v(b, 8 + 2 * i);
    const rate = v(b, 30 + i);
    const n = i + 1;
    if (payer === '' && recipient === '' && rate === '') {
      gap = true;
      for (const item of [39 + 6 * i, 40 + 6 * i, 41 + 6 * i]) {
        if ((num(v(b, item)) ?? 0) !== 0)
          say(`項目${item}: 公費${n} の番号がないのに金額 ${v(b, item)} があります（KOHI-11）`);
      }
      continue;
    }
    if (gap) say(`公費${n} の前の公費欄が空です（公費は公費1から順に記載します、KOHI-11）`);
    const p = kohiPayerNumberProblem(payer);
    if (p) say(`項目${7 + 2 * i}: ${p}（KOHI-9）`);
    const r = kohiRecipientNumberProblem(recipient);
    if (r) say(`項目${8 + 2 * i}: ${r}（KOHI-9）`);
    const pct = num(rate);
    if (pct === undefined || pct < 1 || pct > 100)
      say(`項目${30 + i}: 公費${n} 給付率 "${rate}" は1〜100の数です（KOHI-11）`);
    const law = payer.slice(0, 2);
    if (laws.includes(law)) say(`公費 法別${law} が同じ明細書に2つあります（KOHI-10）`);
    laws.push(law);
  }
  return laws;
}

/**
 * 02 items 11–13 / 15–17 (KOHI-11): a 公費's visits are at most the code's, its units those visits' units
 * (all of a percentage addition's units, or none); `kohiUnits` gains them by 公費 column.
 */
export function detailKohiProblems<R extends Row>(
  d: R,
  v: Item<R>,
  each: number,
  count: number,
  units: number,
  kohiUnits: number[],
  say: Say,
): void {
  for (let i = 0; i < KOHI_COLUMNS; i++) {
    const c = num(v(d, 11 + i));
    const u = num(v(d, 15 + i));
    if (c === undefined || u === undefined) {
      say(
        `公費${i + 1} 対象日数・回数と対象サービス単位数（項目${11 + i}・${15 + i}）が数値ではありません（KOHI-11）`,
      );
      continue;
    }
    if (c > count || u > units) {
      say(
        `公費${i + 1} の対象 ${c}回・${u}単位 が 回数 ${count}・サービス単位数 ${units} を超えています（KOHI-11）`,
      );
    } else if (u !== each * c && !(c === count && u === units)) {
      say(`公費${i + 1} 対象サービス単位数 ${u} が 単位数 ${each} × 対象回数 ${c} と合いません（KOHI-11）`);
    }
    kohiUnits[i]! += u;
  }
}

/**
 * 10 items 18–26 (KOHI-11): 公費1–3 単位数合計 / 請求額 / 本人負担額, read as nine numbers; each 単位数合計
 * must be the Σ of its 02 items 15–17 (`detailUnits`).
 */
export function totalKohiItems<R extends Row>(
  t: R,
  v: Item<R>,
  detailUnits: readonly number[],
  say: Say,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3 * KOHI_COLUMNS; i++) {
    const n = num(v(t, 18 + i));
    if (n === undefined)
      say(
        `項目${18 + i} 公費${Math.floor(i / 3) + 1} の金額・単位数 "${v(t, 18 + i)}" が数値ではありません（KOHI-11）`,
      );
    out.push(n ?? 0);
  }
  for (let i = 0; i < KOHI_COLUMNS; i++) {
    if (out[3 * i] !== detailUnits[i]) {
      say(
        `項目${18 + 3 * i} 公費${i + 1} 単位数合計 ${out[3 * i]} が明細の公費対象単位数の合計 ${detailUnits[i]} と合いません（KOHI-11）`,
      );
    }
  }
  return out;
}

/**
 * 7111 公費請求 rows (KOHI-12): one per 法別 carried by a 明細書, each with that 法別's sums, none for a 法別
 * no 明細書 carries; a row is 保険請求 (1) or 公費請求 (2).
 */
export function invoiceKohiProblems<R extends Row>(
  invoices: readonly R[],
  lawSums: ReadonlyMap<string, LawSums>,
  v: Item<R>,
  at: (line: number) => string,
  problems: string[],
): void {
  const seen = new Set<string>();
  for (const r of invoices) {
    if (v(r, 1) !== INVOICE_ID) continue;
    const kind = v(r, 4);
    if (kind === INSURANCE_CLAIM) continue;
    if (kind !== KOHI_CLAIM) {
      problems.push(`${at(r.line)}: 7111 の項目4 保険・公費等区分 "${kind}" は 1（保険）か 2（公費）です`);
      continue;
    }
    const law = v(r, 5);
    if (seen.has(law))
      problems.push(`${at(r.line)}: 7111 の公費請求（法別${law}）の行が2つあります（KOHI-12）`);
    seen.add(law);
    const sums = lawSums.get(law);
    if (!sums) {
      problems.push(
        `${at(r.line)}: 7111 の公費請求（法別${law}）の行がありますが、その公費の明細書がありません（KOHI-12）`,
      );
      continue;
    }
    if (v(r, 6) !== KOHI_CLAIM_INFO)
      problems.push(
        `${at(r.line)}: 7111 公費請求（法別${law}）の項目6 請求情報区分 "${v(r, 6)}" は ${KOHI_CLAIM_INFO} です`,
      );
    const items: [number, string, number][] = [
      [7, '件数', sums.count],
      [8, '単位数', sums.units],
      [9, '費用合計', sums.yen],
      [10, '保険請求額', sums.insurer],
      [11, '公費請求額', sums.claim],
      [12, '利用者負担', kohiRowCopay(sums.selfPay)],
    ];
    for (const [item, name, sum] of items) {
      if (num(v(r, item)) !== sum)
        problems.push(
          `${at(r.line)}: 7111 公費請求（法別${law}）の項目${item} ${name} ${v(r, item)} が明細書の合計 ${sum} と合いません（KOHI-12）`,
        );
    }
  }
  for (const law of lawSums.keys()) {
    if (!seen.has(law))
      problems.push(`請求書情報（7111）に公費請求（法別${law}）の行がありません（KOHI-12）`);
  }
}
