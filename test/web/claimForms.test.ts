// The printed claim forms (様式第一 請求書, 様式第二 / 第二の二 明細書) in Debian's chromium (playwright-core, no
// browser download): printed to PDF, one A4 page for the 請求書 and one per 明細書, none overflowing its sheet,
// with the key text of each form. The forms come from the same claim document as the CSV. Screens and the PDF
// go to test-results/screens/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveChromium, launchChromium, sayIfNoChromium, SCREENS } from './harness.js';
import { claimDocumentOf } from '../../src/app/claimFile.js';
import { renderClaimForms } from '../../src/core/claimFile/forms.js';
import type { ClaimDocument } from '../../src/core/claimFile/document.js';

sayIfNoChromium('claim form browser tests');

const CLINIC = new URL('../../examples/demo-2024-07-clinic.json', import.meta.url);

describe.skipIf(!haveChromium)('claim forms in chromium (claim-file.md; 様式第一・第二・第二の二)', () => {
  let browser: Browser;
  let page: Page;
  let doc: ClaimDocument;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    const made = claimDocumentOf(JSON.parse(readFileSync(CLINIC, 'utf8')));
    if (!made.ok) throw new Error(made.problems.join('\n'));
    doc = made.document;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const html = renderClaimForms(doc, {
      office: { name: 'かすが在宅クリニック', address: '東京都練馬区春日町1-4-2', phone: '03-3990-1234' },
      patients: {
        S01: { name: '青木 正雄', kana: 'アオキ マサオ' },
        D02: { name: '<script>x</script>', kana: 'テスト' },
      },
    });
    await page.setContent(html, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('prints one A4 page for the 請求書 and one per 明細書, none overflowing its sheet', async () => {
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.$$eval('.sheet', (sheets) =>
      sheets.filter((s) => s.scrollHeight > s.clientHeight + 1).map((s) => s.getAttribute('data-patient')),
    );
    expect(overflow).toEqual([]);
    const pdfPath = join(SCREENS, 'claim-forms.pdf');
    await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
    const pdf = readFileSync(pdfPath).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(1 + doc.statements.length);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]); // A4 in points
    await page.emulateMedia({ media: 'screen' });
  });

  it('様式第一: the 請求書 with the 事業所番号 and the month totals of the CSV 7111', async () => {
    const text = await page.locator('section.invoice').innerText();
    expect(text).toContain('介護給付費請求書');
    expect(text).toContain('令和6年7月分');
    expect(text).toContain('下記のとおり請求します。');
    expect(text).toContain(doc.invoice.units.toLocaleString('ja-JP'));
    expect(text).toContain(doc.invoice.insurer.toLocaleString('ja-JP'));
    const digits = await page.locator('section.invoice .boxes').first().locator('span').allInnerTexts();
    expect(digits.join('')).toBe(doc.officeNumber);
    await page.locator('section.invoice').screenshot({ path: join(SCREENS, 'claim-invoice.png') });
  });

  it('様式第二: the boxes of the 被保険者番号, the 要介護状態区分, the 認定有効期間, the lines with code and 摘要, the 集計', async () => {
    const s = doc.statements.find((x) => x.patientId === 'S01')!;
    const sheet = page.locator('section.statement[data-patient="S01"]');
    const text = await sheet.innerText();
    expect(text).toContain('居宅サービス・地域密着型サービス介護給付費明細書');
    expect(text).toContain('青木 正雄');
    expect(text).toContain('認定有効期間');
    expect(text).toContain('令和6年4月1日 から');
    expect(text).toContain('請求額集計欄');
    for (const d of s.details) {
      expect(text).toContain(d.name);
      expect(text).toContain(d.days.join(','));
    }
    const insured = await sheet.locator('table.insured .boxes').first().locator('span').allInnerTexts();
    expect(insured.join('')).toBe(s.insuredNumber);
    expect(await sheet.locator('table.insured .choice .on').allInnerTexts()).toEqual(['1 男', '要介護1']);
    await sheet.screenshot({ path: join(SCREENS, 'claim-statement-S01.png') });
  });

  it('様式第二の二 for the 要支援 patient, with the セルフプラン marked; names are escaped', async () => {
    const sheet = page.locator('section.statement[data-patient="D02"]');
    expect(await sheet.getAttribute('data-form')).toBe('様式第二の二');
    const text = await sheet.innerText();
    expect(text).toContain('介護予防サービス・地域密着型介護予防サービス介護給付費明細書');
    expect(text).toContain('<script>x</script>');
    expect(text).toContain('予防医師居宅療養管理指導Ⅰ１ ※'); // a type 34 code: unconfirmed
    expect(text).toContain('公式のコード表で確かめていないサービスコードです');
    expect(await sheet.locator('table.plan .choice .on').innerText()).toBe('2 被保険者自己作成');
    expect(await sheet.locator('table.insured .choice .on').nth(1).innerText()).toBe('要支援2');
    await sheet.screenshot({ path: join(SCREENS, 'claim-statement-D02.png') });
  });
});
