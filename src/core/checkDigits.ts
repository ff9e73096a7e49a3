// The numbers of 介護保険 that carry a check digit, in one place: the 事業所番号 (below) and the
// 保険者番号 (further below), and the form of the 被保険者番号. The store, the engine's input validation and
// the claim file (claimFile/) all call these.
//
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

/**
 * The MHLW check digit "モジュラス10 ウェイト2-1 分割方式" over the values of the characters: from the
 * rightmost, weights 2, 1, 2, 1, …; a two-digit product counts as the sum of its digits; the check digit is
 * 10 minus the last digit of the sum, 0 when that last digit is 0. The 事業所番号, the 保険者番号 and the
 * 公費負担者番号 / 受給者番号 (kohi.ts, KOHI-9) all use it.
 */
function weightedCheckDigit(values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const weight = (values.length - 1 - i) % 2 === 0 ? 2 : 1; // the rightmost value has weight 2
    sum += digitSum(values[i]! * weight);
  }
  return (10 - (sum % 10)) % 10;
}

/** The modulus-10 check digit of a string of digits (see weightedCheckDigit). */
export function modulus10CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`digits expected: ${digits}`);
  return weightedCheckDigit([...digits].map((c) => c.charCodeAt(0) - 48));
}

/** The check digit of the first 9 characters, or null when they are not of the form. */
export function officeCheckDigit(first9: string): number | null {
  if (!/^\d{2}[0-9A-HJ-NPR-Z]\d{6}$/.test(first9)) return null;
  return weightedCheckDigit([...first9].map(charValue));
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

// 保険者番号 (介護保険): 6 digits — 2 法別 / 都道府県 digits, 3 保険者 digits, 1 検証番号. The check digit
// (../shared/spec/claim-file.md "Input the file needs", one source: verify against an official text): weights
// 2, 1, 2, 1, 2 on the first five digits from the left — the same modulus 10 as above, as the rightmost of the
// five has weight 2; check = (10 − sum mod 10) mod 10. 131011 and 131029 pass.

/** The check digit of the first 5 digits of a 保険者番号, or null when they are not 5 digits. */
export function insurerCheckDigit(first5: string): number | null {
  return /^\d{5}$/.test(first5) ? modulus10CheckDigit(first5) : null;
}

/** null when valid; else a Japanese sentence saying what is wrong. */
export function insurerNumberProblem(number: string): string | null {
  if (!/^\d{6}$/.test(number)) {
    return `"${number}" は保険者番号ではありません（被保険者証の保険者番号6桁を数字で入力してください）`;
  }
  if (insurerCheckDigit(number.slice(0, 5)) !== Number(number[5])) {
    return `"${number}" は保険者番号の検証番号（6桁目）が合いません（被保険者証の保険者番号を確かめてください）`;
  }
  return null;
}

/** Completes 5 digits with their check digit (demo data and tests). */
export function withInsurerCheckDigit(first5: string): string {
  const d = insurerCheckDigit(first5);
  if (d === null) throw new Error(`not the first 5 digits of an insurer number: ${first5}`);
  return first5 + String(d);
}

// 被保険者番号: 10 characters as printed on the 被保険者証 (digits; a leading letter such as H for a
// 生活保護 recipient without 介護保険). It has no check digit of its own.

/** null when valid; else a Japanese sentence saying what is wrong. */
export function insuredNumberProblem(number: string): string | null {
  if (!/^[0-9A-Z]{10}$/.test(number)) {
    return `"${number}" は被保険者番号ではありません（被保険者証の被保険者番号10桁をそのまま入力してください）`;
  }
  return null;
}
