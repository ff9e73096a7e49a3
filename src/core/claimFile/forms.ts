// The printed claim forms of the month, from the same claim document as the CSV (./document.ts), so that the
// paper and the file cannot disagree: the 介護給付費請求書 (様式第一) and one 明細書 per patient and 様式 —
// 様式第二 (居宅サービス, 7131) or 様式第二の二 (介護予防サービス, 7132) — each on one A4 page (print CSS),
// laid out like the official forms: boxes for the numbers, the 要介護状態区分 and 認定有効期間, the 給付費明細欄
// (サービス内容, サービスコード, 単位数, 回数, サービス単位数, 摘要) and the 請求額集計欄. Japanese, dates in
// 和暦. Names are not in the document (the file has none): the caller may give them; the boxes stay blank
// without. Pure: a string of HTML.
import type { ClaimDocument, Statement } from './document.js';
import { escapeHtml } from '../html.js';
import { formatWareki } from '../wareki.js';
import { careLevelJa, serviceTypeJa } from '../labels.js';
import { carePlanMakerCode } from './choices.js';
import { careLevelCode } from './layout.js';

export interface FormNames {
  office?: { name?: string; address?: string; phone?: string };
  /** By patient id: 氏名 and フリガナ. */
  patients?: Readonly<Record<string, { name?: string; kana?: string }>>;
  /** By 事業所番号: the name of the 居宅介護支援事業所 / 地域包括支援センター. */
  carePlanOffices?: Readonly<Record<string, string>>;
}

const STYLE = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK JP", "Noto Serif CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; color: #111; }
body { margin: 0; background: #ddd; }
.sheet { width: 210mm; height: 296mm; margin: 0 auto 8mm; padding: 10mm 11mm; background: #fff; font-size: 8.5pt;
  line-height: 1.35; overflow: hidden; position: relative; }
@media print { body { background: none; } .sheet { margin: 0; break-after: page; page-break-after: always; }
  .sheet:last-child { break-after: auto; page-break-after: auto; } }
.form-id { font-size: 8pt; }
h1 { font-size: 13pt; text-align: center; margin: 1mm 0 2mm; letter-spacing: 0.1em; }
.month { text-align: center; font-size: 10.5pt; margin-bottom: 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.8px solid #222; padding: 0.6mm 1.2mm; vertical-align: middle; }
th { background: #f1f1f1; font-weight: normal; text-align: left; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.boxes { display: inline-flex; }
.boxes span { display: inline-block; width: 4.6mm; height: 5.6mm; border: 0.8px solid #222; border-left: none;
  text-align: center; line-height: 5.6mm; font-size: 9.5pt; font-variant-numeric: tabular-nums; }
.boxes span:first-child { border-left: 0.8px solid #222; }
.grid { display: grid; gap: 2mm; margin-bottom: 2mm; }
.two { grid-template-columns: 1fr 1fr; }
.choice { white-space: nowrap; font-size: 8pt; }
.choice span { padding: 0 0.9mm; margin-right: 0.5mm; }
.choice span.on { border: 0.8px solid #111; border-radius: 50%; font-weight: bold; }
.section { margin-top: 2mm; }
.section > .title { font-weight: bold; margin-bottom: 0.6mm; }
table.lines td { height: 6mm; }
table.lines td.name { width: 50mm; }
table.lines td.days { width: 30mm; }
.blank { color: #999; }
.note { font-size: 7.5pt; color: #333; margin-top: 2mm; }
.to { font-size: 11pt; margin: 2mm 0 3mm; }
.lead { margin: 3mm 0; }
`;

const yen = (n: number) => n.toLocaleString('ja-JP');

function boxes(text: string, width = text.length): string {
  const chars = text.padEnd(width, ' ').split('');
  return `<span class="boxes">${chars.map((c) => `<span>${c === ' ' ? '' : escapeHtml(c)}</span>`).join('')}</span>`;
}

/** A printed choice (code, label as printed): the one that applies is circled. */
function choice(options: readonly (readonly [string, string])[], selected: string): string {
  return `<span class="choice">${options
    .map(([code, label]) => `<span class="${code === selected ? 'on' : ''}">${escapeHtml(label)}</span>`)
    .join('')}</span>`;
}

/** 和暦 where the calendar module knows the era; otherwise the ISO date as it is. */
function wareki(iso: string): string {
  try {
    return formatWareki(iso);
  } catch {
    return iso;
  }
}

function text(s: string | undefined): string {
  return s ? escapeHtml(s) : '<span class="blank">\u3000</span>';
}

function invoicePage(doc: ClaimDocument, names: FormNames): string {
  const t = doc.invoice;
  const row = (
    label: string,
    a: { count: number; units: number; yen: number; insurer: number; publicYen: number; copay: number },
  ) =>
    `<tr><th>${label}</th><td class="num">${yen(a.count)}</td><td class="num">${yen(a.units)}</td><td class="num">${yen(a.yen)}</td><td class="num">${yen(a.insurer)}</td><td class="num">${yen(a.publicYen)}</td><td class="num">${yen(a.copay)}</td></tr>`;
  const zero = { count: 0, units: 0, yen: 0, insurer: 0, publicYen: 0, copay: 0 };
  return `<section class="sheet invoice" data-form="様式第一">
<div class="form-id">様式第一（附則第二条関係）</div>
<h1>介護給付費請求書</h1>
<div class="month">${wareki(doc.serviceMonth)}分</div>
<div class="to">国民健康保険団体連合会\u3000御中</div>
<div class="grid two">
  <div>請求日\u3000${wareki(doc.submitted)}\u3000\u3000日（審査月）</div>
  <table><tr><th>事業所番号</th><td>${boxes(doc.officeNumber)}</td></tr>
  <tr><th>名称</th><td>${text(names.office?.name)}</td></tr>
  <tr><th>所在地</th><td>${text(names.office?.address)}</td></tr>
  <tr><th>連絡先</th><td>${text(names.office?.phone)}</td></tr></table>
</div>
<p class="lead">下記のとおり請求します。</p>
<div class="section"><div class="title">保険請求</div>
<table class="amounts">
<tr><th>区分</th><th class="num">件数</th><th class="num">単位数・点数</th><th class="num">費用合計</th><th class="num">保険請求額</th><th class="num">公費請求額</th><th class="num">利用者負担</th></tr>
${row('居宅・施設サービス<br>介護予防サービス<br>地域密着型サービス等', t)}
${row('\u3000うち 居宅サービス（様式第二）', doc.byStyle['7131'])}
${row('\u3000うち 介護予防サービス（様式第二の二）', doc.byStyle['7132'])}
${row('特定入所者介護サービス費等', zero)}
${row('合計', t)}
</table></div>
<div class="section"><div class="title">公費請求</div>
<table><tr><th>法別番号</th><th class="num">件数</th><th class="num">単位数・点数</th><th class="num">費用合計</th><th class="num">公費請求額</th></tr>
${
  doc.kohiRows.length === 0
    ? '<tr><td class="blank">（なし）</td><td></td><td></td><td></td><td></td></tr>'
    : doc.kohiRows
        .map(
          (r) =>
            `<tr><td>${escapeHtml(r.law)}</td><td class="num">${yen(r.count)}</td><td class="num">${yen(r.units)}</td><td class="num">${yen(r.yen)}</td><td class="num">${yen(r.claim)}</td></tr>`,
        )
        .join('\n')
}</table></div>
<p class="note">算定表 ${escapeHtml(doc.schedule)}。伝送ファイル（CSV）と同じ請求の内容です。</p>
</section>`;
}

const levelOptions = {
  '7131': [
    ['21', '要介護1'],
    ['22', '要介護2'],
    ['23', '要介護3'],
    ['24', '要介護4'],
    ['25', '要介護5'],
  ],
  '7132': [
    ['12', '要支援1'],
    ['13', '要支援2'],
  ],
} as const satisfies Record<string, readonly [string, string][]>;

function statementPage(doc: ClaimDocument, s: Statement, names: FormNames): string {
  const prevention = s.exchangeId === '7132';
  const person = names.patients?.[s.patientId];
  const plan = carePlanMakerCode(s.exchangeId, s.carePlan);
  const planOffice = s.carePlan.maker === 'office' ? s.carePlan.officeNumber : '';
  const lines = s.details
    .map(
      (d) =>
        `<tr><td class="name">${escapeHtml(d.name)}${d.status === 'unconfirmed' ? ' ※' : ''}</td><td>${boxes(d.code)}</td><td class="num">${yen(d.unitsEach)}</td><td class="num">${d.count}</td><td class="num">${yen(d.units)}</td><td class="num">${d.kohi.map((k) => k.count).join('／')}</td><td class="num">${d.kohi.map((k) => yen(k.units)).join('／')}</td><td class="days">${d.days.join(',')}</td></tr>`,
    )
    .join('\n');
  const emptyRows = Array.from(
    { length: Math.max(0, 8 - s.details.length) },
    () => '<tr><td class="name"></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>',
  ).join('');
  const totals = s.totals;
  const totalRow = (label: string, cell: (t: (typeof totals)[number]) => string, sum?: string) =>
    `<tr><th>${label}</th>${totals.map((t) => `<td class="num">${cell(t)}</td>`).join('')}<td class="num">${sum ?? ''}</td></tr>`;
  return `<section class="sheet statement" data-form="${prevention ? '様式第二の二' : '様式第二'}" data-patient="${escapeHtml(s.patientId)}">
<div class="form-id">${prevention ? '様式第二の二' : '様式第二'}（附則第二条関係）</div>
<h1>${prevention ? '介護予防サービス・地域密着型介護予防サービス介護給付費明細書' : '居宅サービス・地域密着型サービス介護給付費明細書'}</h1>
<div class="month">${wareki(doc.serviceMonth)}分\u3000（${prevention ? '介護予防' : ''}居宅療養管理指導）</div>
<div class="grid two">
  <table>
    <tr><th>公費負担者番号</th><td>${boxes(s.kohi[0]?.payerNumber ?? '', 8)}</td></tr>
    <tr><th>公費受給者番号</th><td>${boxes(s.kohi[0]?.recipientNumber ?? '', 7)}</td></tr>${s.kohi
      .slice(1)
      .map(
        (k, i) =>
          `\n    <tr><th>公費${i + 2} 負担者番号</th><td>${boxes(k.payerNumber, 8)}</td></tr>\n    <tr><th>公費${i + 2} 受給者番号</th><td>${boxes(k.recipientNumber, 7)}</td></tr>`,
      )
      .join('')}
  </table>
  <table><tr><th>保険者番号</th><td>${boxes(s.insurerNumber)}</td></tr></table>
</div>
<div class="grid two">
  <table class="insured">
    <tr><th colspan="2">被保険者</th></tr>
    <tr><th>被保険者番号</th><td>${boxes(s.insuredNumber)}</td></tr>
    <tr><th>（フリガナ）</th><td>${text(person?.kana)}</td></tr>
    <tr><th>氏名</th><td>${text(person?.name)}</td></tr>
    <tr><th>生年月日</th><td>${wareki(s.birthDate)}</td></tr>
    <tr><th>性別</th><td>${choice(
      [
        ['1', '1 男'],
        ['2', '2 女'],
      ],
      s.sex === 'male' ? '1' : '2',
    )}</td></tr>
    <tr><th>要介護状態区分</th><td>${choice(levelOptions[s.exchangeId], careLevelCode[s.careLevel])}</td></tr>
    <tr><th>認定有効期間</th><td>${wareki(s.certification.from)} から<br>${wareki(s.certification.to)} まで</td></tr>
  </table>
  <table class="provider">
    <tr><th colspan="2">請求事業者</th></tr>
    <tr><th>事業所番号</th><td>${boxes(doc.officeNumber)}</td></tr>
    <tr><th>事業所名称</th><td>${text(names.office?.name)}</td></tr>
    <tr><th>所在地</th><td>${text(names.office?.address)}</td></tr>
    <tr><th>連絡先</th><td>${text(names.office?.phone)}</td></tr>
  </table>
</div>
<table class="plan">
  <tr><th>${prevention ? '介護予防サービス計画' : '居宅サービス計画'}</th><td>${choice(
    [
      ['1', prevention ? '1 介護予防支援事業者・地域包括支援センター作成' : '1 居宅介護支援事業者作成'],
      ['2', '2 被保険者自己作成'],
    ],
    plan,
  )}</td></tr>
  <tr><th>事業所番号</th><td>${boxes(planOffice, 10)}\u3000${text(planOffice ? names.carePlanOffices?.[planOffice] : undefined)}</td></tr>
  <tr><th>開始年月日</th><td></td></tr>
  <tr><th>中止年月日</th><td></td></tr>
</table>
<div class="section"><div class="title">給付費明細欄</div>
<table class="lines">
<tr><th>サービス内容</th><th>サービスコード</th><th class="num">単位数</th><th class="num">回数</th><th class="num">サービス単位数</th><th class="num">公費分回数</th><th class="num">公費対象単位数</th><th>摘要</th></tr>
${lines}${emptyRows}
</table></div>
<div class="section"><div class="title">請求額集計欄</div>
<table class="totals">
${totalRow('①サービス種類コード／②名称', (t) => `${t.serviceType} ${escapeHtml(serviceTypeJa[t.serviceType] ?? '')}`, '合計')}
${totalRow('③サービス実日数', (t) => `${t.days}日`)}
${totalRow('④計画単位数', () => '')}
${totalRow('⑤限度額管理対象単位数', () => '')}
${totalRow('⑥限度額管理対象外単位数', () => '')}
${totalRow('⑦給付単位数', (t) => yen(t.units), yen(s.amounts.units))}
${totalRow('⑧単位数単価', (t) => `${(t.unitPrice / 100).toFixed(2)}円/単位`)}
${totalRow(`⑨保険請求額（給付率 ${s.benefitRate ?? '―'}/100）`, (t) => yen(t.insurer), yen(s.amounts.insurer))}
${totalRow('⑩利用者負担額', (t) => yen(t.copay), yen(s.insuranceCopay))}
${totalRow('⑪公費分単位数', (t) => t.kohi.map((k) => yen(k.units)).join('／'), s.kohi.map((k) => yen(k.units)).join('／'))}
${totalRow('⑫公費請求額', (t) => yen(t.publicYen), yen(s.amounts.publicYen))}
${totalRow('⑬公費分本人負担', (t) => t.kohi.map((k) => yen(k.selfPay)).join('／'), s.kohi.map((k) => yen(k.selfPay)).join('／'))}
</table></div>
<p class="note">${escapeHtml(careLevelJa[s.careLevel])}・費用合計 ${yen(s.amounts.yen)}円。${
    s.details.some((d) => d.status === 'unconfirmed')
      ? '※ 公式のコード表で確かめていないサービスコードです（santei schedules の[未確認]）。'
      : ''
  }</p>
</section>`;
}

/** The 請求書 and the 明細書 of the document as one HTML page: one A4 sheet each. */
export function renderClaimForms(doc: ClaimDocument, names: FormNames = {}): string {
  const sheets = [invoicePage(doc, names), ...doc.statements.map((s) => statementPage(doc, s, names))];
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<title>介護給付費請求書・明細書 ${escapeHtml(wareki(doc.serviceMonth))}分 事業所番号 ${escapeHtml(doc.officeNumber)}</title>
<style>${STYLE}</style></head>
<body>
${sheets.join('\n')}
</body></html>
`;
}
