// 介護保険事業所番号 (and the 10-digit 医療機関コード of a clinic or pharmacy deemed designated):
// 2 digits 都道府県番号, 1 character 事業所区分番号 (a digit, or since 総合事業 an upper-case letter
// other than I, O and Q), 2 digits 郡市区番号, 4 digits 事業所番号, 1 検証番号 (check digit).
//
// The check digit is the MHLW scheme "モジュラス10 ウェイト2-1 分割方式" as extended for the letter in
// the third position (MHLW 資料「介護予防・日常生活支援総合事業における事業所番号の考え方について」):
// letters count as numbers (A=10, B=11, … Z=32, skipping I, O and Q); over the first 9 characters,
// from the rightmost, weights 2, 1, 2, 1, …; a two-digit product counts as the sum of its two digits;
// the check digit is 10 minus the last digit of the sum (0 when that last digit is 0). The 10-digit
// 医療機関コード uses the same scheme over the same 9 digits (e.g. 0110113719).

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // I, O and Q are not used

function charValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  const i = LETTERS.indexOf(c);
  return i < 0 ? -1 : 10 + i;
}

function digitSum(n: number): number {
  let s = 0;
  for (let x = n; x > 0; x = Math.floor(x / 10)) s += x % 10;
  return s;
}

/** The check digit of the first 9 characters, or null when they are not of the form. */
export function officeCheckDigit(first9: string): number | null {
  if (!/^\d{2}[0-9A-HJ-NPR-Z]\d{6}$/.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const weight = (8 - i) % 2 === 0 ? 2 : 1; // the rightmost character has weight 2
    sum += digitSum(charValue(first9[i]!) * weight);
  }
  return (10 - (sum % 10)) % 10;
}

/** null when valid; else a Japanese sentence saying what is wrong. */
export function officeNumberProblem(number: string): string | null {
  if (!/^\d{2}[0-9A-HJ-NPR-Z]\d{7}$/.test(number)) {
    return `"${number}" は事業所番号ではありません（10桁の数字で入力してください。3桁目のみ英大文字も可）`;
  }
  const expected = officeCheckDigit(number.slice(0, 9));
  if (expected !== Number(number[9])) {
    return `"${number}" は事業所番号の検証番号（10桁目）が合いません（入力の誤りがないか確認してください）`;
  }
  return null;
}

export function isOfficeNumber(number: string): boolean {
  return officeNumberProblem(number) === null;
}

/** Completes 9 characters with their check digit (demo data and tests). */
export function withCheckDigit(first9: string): string {
  const d = officeCheckDigit(first9);
  if (d === null) throw new Error(`not the first 9 characters of an office number: ${first9}`);
  return first9 + String(d);
}
