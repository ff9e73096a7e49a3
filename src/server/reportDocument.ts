// The printable report to the care manager (居宅療養管理指導 報告書 / 情報提供書, K24-2a) and the FAX cover list
// of a day's reports, as HTML pages for A4 (print CSS). Japanese, dates in 和暦 (formatWareki). The four
// parts of seed 002_666eeee9c66913a4.txt (心身の状況, 日常生活上の注意点, 服薬に関する指導内容, 緊急時の対応方法)
// and, for 医師, the guidance given and to whom, printed apart from anything of the 診療 (seed 002: 指導と診療
// の明確な分離). Every text from the records is escaped; the page runs one script (the print button),
// allowed by its hash in the page's Content-Security-Policy.
import { createHash } from 'node:crypto';
import { missingParts, reportPartNames, requiredParts, type ReportPart } from '../core/reports.js';
import { formatWareki } from '../core/wareki.js';
import { escapeHtml } from '../core/html.js';
import type { FaxCoverGroup, ReportDocumentData } from '../contract/api.js';
import type { Office, Patient } from '../contract/types.js';
import {
  careLevelJa,
  guidanceAudienceJa,
  professionJa,
  recipientKindJa,
  reportMethodJa,
} from '../contract/labels.js';
import { periodOn } from '../contract/periods.js';

/** The heading of each part as printed (seed 002's wording of the parts). */
const partHeading: Record<Exclude<ReportPart, 'guidance'>, string> = {
  condition: reportPartNames.condition,
  dailyLife: `${reportPartNames.dailyLife}（食事・運動・入浴など）`,
  medication: reportPartNames.medication,
  emergency: reportPartNames.emergency,
};

export { escapeHtml };

/** Text with its line breaks kept. */
function paragraph(s: string): string {
  return escapeHtml(s.trim()).replace(/\r?\n/g, '<br>');
}

const PRINT_SCRIPT = `document.getElementById('print-button').addEventListener('click',function(){window.print();});`;
const PRINT_SCRIPT_HASH = createHash('sha256').update(PRINT_SCRIPT).digest('base64');

/** The page's Content-Security-Policy: nothing loaded from anywhere, inline styles, the one print script. */
export const DOCUMENT_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${PRINT_SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const STYLE = `
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", "Hiragino Mincho ProN", "Yu Mincho", serif; color: #111; }
body { margin: 0; background: #e9e9e9; }
.toolbar { display: flex; gap: 1em; align-items: center; justify-content: center; padding: 10px; font-family: sans-serif; }
.toolbar button { font-size: 15px; padding: 6px 18px; }
.sheet { width: 210mm; min-height: 297mm; margin: 0 auto 12px; padding: 12mm 15mm; background: #fff; font-size: 10pt; line-height: 1.5; }
.sheet + .sheet { page-break-before: always; break-before: page; }
h1 { font-size: 16pt; text-align: center; margin: 3mm 0 1mm; letter-spacing: 0.15em; }
h1 small { display: block; font-size: 11pt; letter-spacing: 0.05em; font-weight: normal; }
h2 { font-size: 10.5pt; margin: 0 0 1mm; padding: 0.6mm 2mm; background: #eee; border-left: 3px solid #333; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; }
.to { font-size: 12.5pt; }
.to .kind { display: block; font-size: 9.5pt; color: #333; }
.to .name { border-bottom: 1px solid #111; padding-right: 4em; }
.date { text-align: right; white-space: nowrap; }
.from { margin: 1mm 0 0 auto; width: 86mm; font-size: 9pt; line-height: 1.4; }
.from .office { font-size: 11pt; font-weight: bold; }
.lead { margin: 2mm 0 3mm; }
table.facts { width: 100%; border-collapse: collapse; margin-bottom: 3mm; font-size: 9.5pt; }
table.facts th, table.facts td { border: 1px solid #555; padding: 0.7mm 2mm; text-align: left; vertical-align: top; }
table.facts th { width: 28mm; background: #f4f4f4; font-weight: normal; white-space: nowrap; }
section.part { margin-bottom: 2.5mm; page-break-inside: avoid; break-inside: avoid; }
section.part .body { min-height: 10mm; padding: 1mm 2mm; border: 1px solid #bbb; }
section.guidance { border: 1px dashed #555; padding: 1.5mm 2mm; }
section.guidance p { margin: 1mm 0; }
.empty { color: #b00020; font-weight: bold; }
.note { font-size: 8.5pt; color: #444; }
.draft { border: 2px solid #b00020; color: #b00020; text-align: center; padding: 1mm; font-weight: bold; margin-bottom: 3mm; }
.signature { margin-top: 5mm; display: flex; justify-content: flex-end; gap: 6mm; align-items: flex-end; }
.signature .line { display: inline-block; width: 60mm; border-bottom: 1px solid #111; height: 8mm; vertical-align: bottom; }
.seal { display: inline-block; width: 12mm; height: 12mm; border: 1px solid #777; border-radius: 50%; text-align: center; line-height: 12mm; color: #777; font-size: 9pt; }
table.list { width: 100%; border-collapse: collapse; margin: 4mm 0; }
table.list th, table.list td { border: 1px solid #555; padding: 1.5mm 2mm; text-align: left; }
table.list th { background: #f4f4f4; }
.big { font-size: 14pt; }
@media print {
  body { background: #fff; }
  .toolbar { display: none; }
  .sheet { margin: 0; padding: 0; width: auto; min-height: auto; }
}
`;

function page(title: string, sheets: string[]): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="toolbar"><button type="button" id="print-button">印刷する</button><span>A4縦で印刷してください</span></div>
${sheets.join('\n')}
<script>${PRINT_SCRIPT}</script>
</body>
</html>
`;
}

function officeBlock(office: Office): string {
  return `<div class="from">
<div class="office">${escapeHtml(office.name)}</div>
${office.address ? `<div>${escapeHtml(office.address)}</div>` : ''}
${office.phone ? `<div>電話 ${escapeHtml(office.phone)}</div>` : ''}
<div>事業所番号 ${escapeHtml(office.number)}</div>
</div>`;
}

/** 令和6年7月20日; a blank date to fill in by hand when there is none. */
function warekiOrBlank(date: string | undefined): string {
  return date ? formatWareki(date) : '令和\u3000\u3000年\u3000\u3000月\u3000\u3000日';
}

/** The care level of the patient on a day: the certification period that covers it. */
function careLevelOn(patient: Patient, date: string | undefined): string | undefined {
  if (!date) return undefined;
  const c = periodOn(patient.certifications, date);
  return c ? careLevelJa[c.level] : undefined;
}

function reportSheet(ctx: ReportDocumentData): string {
  const { office, patient, report } = ctx;
  const missing = new Set(missingParts(report));
  const required = new Set(requiredParts(report.profession));
  const dates = [...ctx.visitDates].sort();
  const level = careLevelOn(patient, dates[0]);
  const part = (key: Exclude<ReportPart, 'guidance'>, n: number): string => {
    const text = report.content[key] ?? '';
    if (!required.has(key) && text.trim() === '') return '';
    const body = missing.has(key)
      ? '<span class="empty">（未記入：この項目は必須です）</span>'
      : paragraph(text);
    return `<section class="part" data-part="${key}"><h2>${n}. ${escapeHtml(partHeading[key])}</h2><div class="body">${body}</div></section>`;
  };
  const parts: string[] = [];
  let n = 1;
  for (const key of ['condition', 'dailyLife', 'medication', 'emergency'] as const) {
    const html = part(key, n);
    if (html) {
      parts.push(html);
      n += 1;
    }
  }
  const g = report.content.guidance;
  if (report.profession === 'doctor' || g) {
    const to = g?.to.length ? g.to.map((a) => guidanceAudienceJa[a]).join('・') : '';
    const body = missing.has('guidance')
      ? '<span class="empty">（未記入：医師の居宅療養管理指導では、誰にどのような指導をしたかが必須です）</span>'
      : `<p>指導の相手：${escapeHtml(to)}</p><div class="body">${paragraph(g?.text ?? '')}</div>`;
    parts.push(
      `<section class="part guidance" data-part="guidance"><h2>療養上の指導（${escapeHtml(professionJa[report.profession])}による指導の内容と相手）</h2>${body}<p class="note">この欄は居宅療養管理指導として行った指導の記録であり、診療（診察・処置・処方）の記録とは区別しています。</p></section>`,
    );
  }
  const author = ctx.staff
    ? `${escapeHtml(professionJa[ctx.staff.profession])}\u3000${escapeHtml(ctx.staff.name)}`
    : escapeHtml(professionJa[report.profession]);
  return `<article class="sheet" aria-label="居宅療養管理指導 報告書">
${report.sentDate ? '' : '<div class="draft">下書き（未送付）：送付日が記録されていません</div>'}
<div class="head">
<div class="to"><span class="kind">${escapeHtml(recipientKindJa[report.recipient.kind])}</span><span class="name">${escapeHtml(report.recipient.name)}</span>\u3000様</div>
<div class="date" data-testid="report-date">${escapeHtml(warekiOrBlank(report.sentDate))}</div>
</div>
${officeBlock(office)}
<h1>居宅療養管理指導 報告書<small>（情報提供書）</small></h1>
<p class="lead">平素よりお世話になっております。下記の利用者について、居宅療養管理指導の内容と、ケアプランの作成に必要な情報をご報告いたします。</p>
<table class="facts">
<tr><th>利用者氏名</th><td>${escapeHtml(patient.name)}${patient.kana ? `（${escapeHtml(patient.kana)}）` : ''}\u3000様</td></tr>
<tr><th>生年月日</th><td>${patient.birthDate ? escapeHtml(formatWareki(patient.birthDate)) : ''}</td></tr>
<tr><th>被保険者番号</th><td>${escapeHtml(patient.insuredNumber ?? '')}${level ? `\u3000（${escapeHtml(level)}）` : ''}</td></tr>
<tr><th>訪問日</th><td>${dates.map((d) => escapeHtml(formatWareki(d))).join('、')}（${escapeHtml(formatWareki(report.month))}分）</td></tr>
<tr><th>職種</th><td>${escapeHtml(professionJa[report.profession])}</td></tr>
<tr><th>提供の方法</th><td>${escapeHtml(reportMethodJa[report.method])}</td></tr>
</table>
${parts.join('\n')}
<div class="signature"><span>記載者\u3000${author}</span><span class="line" aria-label="署名欄"></span><span class="seal">印</span></div>
</article>`;
}

export function renderReportDocument(ctx: ReportDocumentData): string {
  return page(`居宅療養管理指導 報告書（${ctx.patient.name} 様 ${formatWareki(ctx.report.month)}分）`, [
    reportSheet(ctx),
  ]);
}

/** One FAX cover sheet per recipient: the reports sent to it that day, one page each, and the page count. */
export function renderFaxCover(office: Office, date: string, groups: readonly FaxCoverGroup[]): string {
  const sheets = groups.map((g) => {
    const rows = g.reports
      .map(
        (x, i) =>
          `<tr><td>${i + 1}</td><td>${escapeHtml(x.patientName)} 様</td><td>${escapeHtml(professionJa[x.report.profession])}</td><td>${x.visitDates
            .map((d) => escapeHtml(formatWareki(d)))
            .join('、')}</td><td>1枚</td></tr>`,
      )
      .join('\n');
    return `<article class="sheet" aria-label="FAX送信票">
<div class="head">
<div class="to"><span class="kind">${escapeHtml(recipientKindJa[g.recipient.kind])}</span><span class="name">${escapeHtml(g.recipient.name)}</span>\u3000様</div>
<div class="date">${escapeHtml(formatWareki(date))}</div>
</div>
${officeBlock(office)}
<h1>FAX送信票<small>居宅療養管理指導 報告書（情報提供書）の送付</small></h1>
<p class="lead">いつもお世話になっております。下記の利用者の居宅療養管理指導 報告書をお送りします。ご確認のほどよろしくお願いいたします。</p>
<table class="list">
<thead><tr><th>No.</th><th>利用者</th><th>職種</th><th>訪問日</th><th>枚数</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="big">送信枚数：本票を含めて ${g.reports.length + 1} 枚</p>
<p class="note">このFAXには個人情報が含まれています。誤って届いた場合は、お手数ですが破棄のうえ、上記の電話番号までご連絡ください。</p>
</article>`;
  });
  if (sheets.length === 0) {
    sheets.push(`<article class="sheet" aria-label="FAX送信票">
${officeBlock(office)}
<h1>FAX送信票</h1>
<p class="lead">${escapeHtml(formatWareki(date))}にFAXで送付した情報提供書はありません。</p>
</article>`);
  }
  return page(`FAX送信票 ${formatWareki(date)}`, sheets);
}
