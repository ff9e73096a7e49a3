// The report to the care manager (情報提供) that makes a 居宅療養管理指導 visit billable (K24-2a).
// Seed 001_b83f2a86771641cb.txt (算定要件: information to the care manager, by the conference or a document)
// and seed 002_666eeee9c66913a4.txt (the parts a report must hold, the recipient when there is no care
// manager, "速やかに" at the latest within the month, the risk of reports that only repeat a stock phrase).
// Pure: the store passes the records; the result sets a visit's `reported` and names what is missing.
import { z } from 'zod';
import { isIsoDate, lastDayOfMonth, monthOf } from './dates.js';
import { professions, type Profession } from './input.js';

export const recipientKinds = ['care_manager', 'community_center', 'municipality'] as const;
export const reportMethods = ['conference', 'fax', 'mail', 'hand', 'ict'] as const;
export const guidanceAudiences = ['patient', 'family', 'facility_staff'] as const;

const isoDate = z.string().refine(isIsoDate, { params: { santei: 'date' } });

export const careReportSchema = z.strictObject({
  id: z.string().min(1),
  patientId: z.string().min(1),
  profession: z.enum(professions),
  /** The visits this report covers (one visit, or every visit of the month for that profession). */
  visitIds: z.array(z.string().min(1)).min(1),
  recipient: z.strictObject({ kind: z.enum(recipientKinds), name: z.string().max(200) }),
  method: z.enum(reportMethods),
  /** The day it was sent or the conference was held; absent while it is a draft. */
  sentDate: isoDate.optional(),
  content: z.strictObject({
    /** 利用者の心身の状況 */
    condition: z.string().max(4000),
    /** 日常生活上の注意点（食事・運動・入浴 …） */
    dailyLife: z.string().max(4000),
    /** 服薬に関する指導内容 (医師, 薬剤師) */
    medication: z.string().max(4000).optional(),
    /** 緊急時の対応方法 */
    emergency: z.string().max(4000),
    /** 医師: what guidance was given to whom, kept apart from the 診療 record */
    guidance: z
      .strictObject({ to: z.array(z.enum(guidanceAudiences)), text: z.string().max(4000) })
      .optional(),
  }),
});

export type CareReport = z.infer<typeof careReportSchema>;

export const reportPartNames = {
  condition: '利用者の心身の状況',
  dailyLife: '日常生活上の注意点',
  medication: '服薬に関する指導内容',
  emergency: '緊急時の対応方法',
  guidance: '指導の内容と相手（利用者・家族・施設職員）',
} as const;

export type ReportPart = keyof typeof reportPartNames;

/** Seed 002: the parts every report holds; the medication part for 医師 and 薬剤師; whom a 医師 guided. */
export function requiredParts(profession: Profession): ReportPart[] {
  const parts: ReportPart[] = ['condition', 'dailyLife', 'emergency'];
  if (profession === 'doctor' || profession === 'pharmacist') parts.splice(2, 0, 'medication');
  if (profession === 'doctor') parts.push('guidance');
  return parts;
}

export function missingParts(report: CareReport): ReportPart[] {
  return requiredParts(report.profession).filter((p) => {
    if (p === 'guidance') {
      const g = report.content.guidance;
      return !g || g.to.length === 0 || blank(g.text);
    }
    return blank(report.content[p]);
  });
}

function blank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '';
}

export interface ReportStatus {
  reported: boolean;
  /** When not reported: what is missing or wrong, in one Japanese phrase (goes into the refusal). */
  issue?: string;
  reportId?: string;
}

/**
 * K24-2a: a visit is reported when a report covering it, with every required part, went to a valid
 * recipient on or after the visit day and by the end of the visit's month (seed 002: 速やかに, at the
 * latest within the month). Recipient: the patient's care manager; 地域包括支援センター or the municipality
 * only when the patient has none (seed 002). The best candidate's problem is named when none qualifies.
 */
export function reportStatus(
  visit: { id: string; date: string },
  reports: readonly CareReport[],
  hasCareManager: boolean,
): ReportStatus {
  const covering = reports.filter((r) => r.visitIds.includes(visit.id));
  if (covering.length === 0) return { reported: false, issue: '情報提供書が作成されていません' };
  let issue = '';
  for (const r of covering) {
    const problem = reportProblem(r, visit.date, hasCareManager);
    if (problem === undefined) return { reported: true, reportId: r.id };
    issue ||= problem;
  }
  return { reported: false, issue };
}

function reportProblem(r: CareReport, visitDate: string, hasCareManager: boolean): string | undefined {
  const missing = missingParts(r);
  if (missing.length)
    return `情報提供書の「${missing.map((p) => reportPartNames[p]).join('」「')}」が空欄です`;
  if (hasCareManager && r.recipient.kind !== 'care_manager') {
    return 'ケアマネジャーがいる利用者の情報提供はケアマネジャーに送る必要があります';
  }
  if (!hasCareManager && r.recipient.kind === 'care_manager') {
    return 'ケアマネジャーのいない利用者の情報提供は地域包括支援センターまたは市町村に送ります';
  }
  if (!r.sentDate) return '情報提供書がまだ送付されていません';
  if (r.sentDate < visitDate) return `情報提供書の送付日 ${r.sentDate} が訪問日 ${visitDate} より前です`;
  const deadline = lastDayOfMonth(monthOf(visitDate));
  if (r.sentDate > deadline) return `情報提供書の送付日 ${r.sentDate} が訪問月の末日 ${deadline} より後です`;
  return undefined;
}

export type ReportWarningCode = 'REPEATED_TEXT' | 'STOCK_PHRASE' | 'SENT_AFTER_CLOSE';

export interface ReportWarning {
  reportId: string;
  patientId: string;
  code: ReportWarningCode;
  message: string;
}

/** Stock phrases that say nothing (seed 002: reports of only 「特に変化なし」 are read as no guidance). */
const STOCK_PHRASES = [
  '特に変化なし',
  '変化なし',
  '著変なし',
  '変わりなし',
  '特変なし',
  '安定',
  '問題なし',
  '特記事項なし',
  '前回と同じ',
  '同上',
].map(normalizeReportText);

/** Normalised text for comparison: NFKC, without spaces, punctuation and symbols. */
export function normalizeReportText(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

function contentText(r: CareReport): string[] {
  const c = r.content;
  return [c.condition, c.dailyLife, c.medication ?? '', c.emergency, c.guidance?.text ?? ''];
}

/**
 * Audit-risk warnings, not refusals: a report whose text repeats the same patient's report of the previous
 * month (same profession, normalised comparison), a report made only of stock phrases, a report sent after
 * the month was closed.
 */
export function reportWarnings(
  reports: readonly CareReport[],
  previousMonth: readonly CareReport[],
  closedAt?: string,
): ReportWarning[] {
  const out: ReportWarning[] = [];
  for (const r of reports) {
    const text = contentText(r).map(normalizeReportText);
    const prev = previousMonth.filter((p) => p.patientId === r.patientId && p.profession === r.profession);
    if (prev.some((p) => sameText(contentText(p).map(normalizeReportText), text))) {
      out.push({
        reportId: r.id,
        patientId: r.patientId,
        code: 'REPEATED_TEXT',
        message: '前月の情報提供書と同じ内容です。実地指導で指導の実態がないと指摘されるおそれがあります。',
      });
    }
    const filled = text.filter((t) => t !== '');
    if (filled.length > 0 && filled.every((t) => STOCK_PHRASES.some((s) => t === s || t === `${s}です`))) {
      out.push({
        reportId: r.id,
        patientId: r.patientId,
        code: 'STOCK_PHRASE',
        message: '「特に変化なし」などの定型句だけの報告です。具体的な状況と指導内容を記載してください。',
      });
    }
    if (closedAt !== undefined && r.sentDate !== undefined && r.sentDate > closedAt.slice(0, 10)) {
      out.push({
        reportId: r.id,
        patientId: r.patientId,
        code: 'SENT_AFTER_CLOSE',
        message: `月締め（${closedAt.slice(0, 10)}）の後に送付された情報提供書です。請求内容と記録の整合を確認してください。`,
      });
    }
  }
  return out;
}

function sameText(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]) && a.some((x) => x !== '');
}

/** Whether a new report's text is identical to a previous one (entry refuses to save until edited). */
export function isUnchangedCopy(draft: CareReport, previous: CareReport): boolean {
  return sameText(
    contentText(draft).map(normalizeReportText),
    contentText(previous).map(normalizeReportText),
  );
}
