// How the web app writes things for a clerk: yen, units, dates, and the Japanese names of the codes.
import { formatWareki } from '../../src/core/wareki.js';
export { careLevelJa, professionJa, residenceJa, serviceTypeJa, stayJa } from '../../src/core/labels.js';

export { formatWareki };

const num = new Intl.NumberFormat('ja-JP');

export const yen = (n: number): string => `${num.format(n)}円`;
export const units = (n: number): string => `${num.format(n)}単位`;
export const count = (n: number): string => num.format(n);
export const signedYen = (n: number): string => (n > 0 ? `+${yen(n)}` : n < 0 ? `−${yen(-n)}` : '±0円');

export const kindJa = {
  kyotaku: '居宅療養管理指導',
  c006: '訪問リハ（医療・C006）',
  care_management: '居宅介護支援',
  home_help: '訪問介護',
  home_nursing: '訪問看護',
  home_rehab: '訪問リハ（介護）',
} as const;

export const conditionJa = {
  terminal_cancer: '末期の悪性腫瘍',
  central_venous_nutrition: '中心静脈栄養',
  opioid_injection: '麻薬の注射',
} as const;

export const kyotakuAdditionJa = {
  narcotic: '麻薬管理指導加算',
  opioid_injection: '医療用麻薬持続注射療法加算',
  central_venous: '在宅中心静脈栄養法加算',
} as const;

const weekdays = ['日', '月', '火', '水', '木', '金', '土'];

/** 0 = Sunday … 6 = Saturday, for an ISO date (calendar arithmetic, no time zone). */
export function weekdayOf(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`);
  return d.getUTCDay();
}

/** "7/15（月）" */
export function shortDate(iso: string): string {
  return `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}（${weekdays[weekdayOf(iso)]}）`;
}

export function weekdayJa(iso: string): string {
  return weekdays[weekdayOf(iso)] ?? '';
}

export function daysIn(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function dateIn(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The month of today in the browser's time zone ("YYYY-MM"). */
export function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Katakana → hiragana, full-width ASCII → half-width, lower case: so that a search for 「やまだ」 finds 「ヤマダ」. */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s\u3000]/g, '')
    .toLowerCase();
}
