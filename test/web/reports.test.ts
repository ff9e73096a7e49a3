// K24-2a in a real browser (Debian's chromium through playwright-core, no browser download): the report to the
// care manager (情報提供書) at the demo clinic, whose visits are judged by the reports. The month-close screen
// shows the seeded audit-risk warning beside the refusals; a new report opens from visit entry with last month's
// text as its starting point, whose save is refused while unchanged; the required parts still empty are named;
// a draft leaves the visit refused, the sent report bills it; the report prints as an A4 document in 和暦; the
// month close's warning opens the report screen, where the repeated text is edited.
// Screens go to test-results/screens/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, SCREENS, type Started, useBrowserSession } from './harness.js';

sayIfNoChromium('report browser tests');

const STEP = 60_000;
const MONTH = '2024-07';

interface Report {
  id: string;
  patientId: string;
  visitIds: string[];
  month: string;
  missingParts: string[];
  sentDate?: string;
}

describe.skipIf(!haveChromium)('情報提供書 in chromium (K24-2a)', () => {
  const session = useBrowserSession({ name: 'reports', timeout: STEP });
  const { consoleErrors: errors } = session;
  let server: Started;
  let context: BrowserContext;
  let page: Page;
  let clinicId: string;
  let api: (path: string, init?: { method?: string; data?: unknown }) => Promise<unknown>;
  // D06 of the demo: a June report, and a July visit (7/9) whose report lacks 緊急時の対応方法.
  let d06: { patientId: string; visitId: string; july: Report };

  beforeAll(() => {
    ({ server, context, page } = session);
    api = async (path, init = {}) => {
      const r = await page.request.fetch(`${server.base}/api/v1/offices/${clinicId}${path}`, {
        method: init.method ?? 'GET',
        ...(init.data !== undefined ? { data: init.data } : {}),
      });
      if (!r.ok()) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status()} ${await r.text()}`);
      return r.status() === 204 ? undefined : r.json();
    };
  });

  it(
    'the clinic’s month: a refusal naming the empty part, and the seeded warning beside it',
    async () => {
      await session.login('admin', 'santei-demo');
      const office = page.getByLabel('事業所', { exact: true });
      clinicId = (await office.locator('option', { hasText: 'クリニック' }).getAttribute('value')) ?? '';
      expect(clinicId).not.toBe('');
      await office.selectOption(clinicId);
      await expect.poll(() => page.getByLabel('サービス提供月').inputValue()).toBe(MONTH);

      const reports = (await api(`/reports?month=${MONTH}`)) as Report[];
      const july = reports.find((r) => r.missingParts.includes('emergency'))!;
      d06 = { patientId: july.patientId, visitId: july.visitIds[0]!, july };

      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: /月締め/, level: 1 }).waitFor();
      await expect
        .poll(() => page.locator('.refusal-box').allInnerTexts())
        .toEqual(expect.arrayContaining([expect.stringContaining('「緊急時の対応方法」が空欄です')]));
      await expect
        .poll(() => page.locator('.warning-box').allInnerTexts())
        .toEqual(expect.arrayContaining([expect.stringContaining('前月の情報提供書と同じ内容')]));
      await page.screenshot({ path: join(SCREENS, 'r1-close-warnings.png'), fullPage: true });
    },
    STEP,
  );

  it(
    'a new report opens from visit entry with last month’s text, and is not saved while unchanged',
    async () => {
      // Start over for D06's July visit: its report is removed, so the visit has none.
      await api(`/reports/${d06.july.id}`, { method: 'DELETE' });
      await page.goto(`${server.base}/#/visits?patient=${encodeURIComponent(d06.patientId)}`);
      await page.getByRole('heading', { name: /訪問入力/, level: 1 }).waitFor();
      await page
        .getByRole('link', { name: /さんの情報提供書$/ })
        .first()
        .click();
      await page.getByRole('heading', { name: /情報提供書/, level: 1 }).waitFor();
      await expect.poll(() => page.getByTestId('from-previous').innerText()).toContain('令和6年6月');
      await expect
        .poll(() => page.getByTestId('unchanged').innerText())
        .toContain('前月（令和6年6月）の情報提供書と同じ内容です');
      const save = page.getByRole('button', { name: '保存する' });
      expect(await save.isDisabled()).toBe(true);
      expect(await page.getByTestId('missing-parts').innerText()).toContain('必須項目はすべて記入済みです');
      await page.screenshot({ path: join(SCREENS, 'r2-report-from-last-month.png'), fullPage: true });

      // Emptying a part names it; this month's text makes it a new report.
      const emergency = page.getByLabel('緊急時の対応方法');
      await emergency.fill('');
      await expect.poll(() => page.getByTestId('missing-parts').innerText()).toContain('緊急時の対応方法');
      await page
        .getByLabel('利用者の心身の状況')
        .fill('7月は食事量が戻り、体重は1kg増えました。夜間の咳は減っています。');
      await emergency.fill('発熱が38度を超えたら、夜間でも当院（03-3990-1234）へ連絡してください。');
      await expect
        .poll(() => page.getByTestId('missing-parts').innerText())
        .toContain('必須項目はすべて記入済みです');
      await expect.poll(() => page.getByTestId('unchanged').count()).toBe(0);
      expect(await save.isDisabled()).toBe(false);
      await save.click();
      await expect.poll(() => page.locator('.report-state').innerText()).toContain('未送付');
      const saved = (await api(`/reports?visitId=${d06.visitId}`)) as Report[];
      expect(saved).toHaveLength(1);
      expect(saved[0]!.sentDate).toBeUndefined();
    },
    STEP,
  );

  it(
    'K24-2a a draft leaves the visit refused; with the day it was sent the visit bills',
    async () => {
      const refusalOf = async () => {
        const preview = (await api(`/months/${MONTH}/preview`)) as {
          rejections: { recordId: string; message: string }[];
        };
        return preview.rejections.find((r) => r.recordId === d06.visitId)?.message;
      };
      expect(await refusalOf()).toContain('まだ送付されていません');
      await page.getByLabel('送付日').fill('2024-07-10');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect
        .poll(() => page.locator('.report-state').innerText())
        .toContain('令和6年7月10日に送付済み');
      expect(await refusalOf()).toBeUndefined();
      await page.screenshot({ path: join(SCREENS, 'r3-report-sent.png'), fullPage: true });
    },
    STEP,
  );

  it(
    'prints the report: an A4 document with the office, the recipient, the 和暦 date, the parts and a signature line',
    async () => {
      const [doc] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('button', { name: '印刷（A4）' }).click(),
      ]);
      await doc.waitForLoadState();
      const sheet = doc.locator('article.sheet');
      const text = await sheet.innerText();
      expect(text).toContain('居宅療養管理指導 報告書');
      expect(text).toContain('かすが在宅クリニック');
      expect(text).toContain('令和6年7月10日');
      expect(text).toContain('令和6年7月9日'); // the visit
      for (const part of [
        '利用者の心身の状況',
        '日常生活上の注意点',
        '服薬に関する指導内容',
        '緊急時の対応方法',
        '療養上の指導',
      ])
        expect(text).toContain(part);
      expect(text).toContain('7月は食事量が戻り');
      expect(text).toContain('記載者');
      expect(await doc.getByLabel('署名欄').count()).toBe(1);
      const recipient = (await api(`/reports?visitId=${d06.visitId}`)) as { recipient: { name: string } }[];
      expect(text).toContain(recipient[0]!.recipient.name);
      const a4 =
        '[...document.styleSheets].some((s) => [...s.cssRules].some((r) => /size:\\s*A4/i.test(r.cssText)))';
      expect(await doc.evaluate(a4)).toBe(true);
      await doc.screenshot({ path: join(SCREENS, 'r4-report-document.png'), fullPage: true });

      await doc.emulateMedia({ media: 'print' });
      expect(await doc.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
      const pdfPath = join(SCREENS, 'report-document.pdf');
      await doc.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      const pdf = readFileSync(pdfPath).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages).toHaveLength(1); // one A4 sheet
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
      expect(Math.round(Number(box?.[1]))).toBe(595); // A4: 595 × 842 pt
      expect(Math.round(Number(box?.[2]))).toBe(842);
      await doc.close();
    },
    STEP,
  );

  it(
    'the month close’s warning opens the report screen; the seeded copy of last month is refused on save until edited; then its warning is gone',
    async () => {
      const warnings = (await api(`/months/${MONTH}/report-warnings`)) as {
        reportId: string;
        code: string;
      }[];
      const repeated = warnings.find((w) => w.code === 'REPEATED_TEXT')!;
      // 「情報提供書を開く」 beside the warning: the editor of that report, in the same tab (not the printout)
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: /月締め/, level: 1 }).waitFor();
      const pages = context.pages().length;
      await page
        .locator('.warning-box', { hasText: '前月の情報提供書と同じ内容' })
        .getByRole('link', { name: '情報提供書を開く' })
        .click();
      await page.getByRole('heading', { name: /情報提供書/, level: 1 }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/reports/${encodeURIComponent(repeated.reportId)}`);
      expect(context.pages().length).toBe(pages);
      await expect.poll(() => page.getByRole('button', { name: '保存する' }).count()).toBe(1);
      await expect.poll(() => page.getByTestId('unchanged').count()).toBe(1);
      expect(await page.getByRole('button', { name: '保存する' }).isDisabled()).toBe(true);
      const condition = page.getByLabel('利用者の心身の状況');
      await condition.fill(`${await condition.inputValue()} 7月は立ち上がりが少し楽になりました。`);
      await page.getByRole('button', { name: '保存する' }).click();
      await expect
        .poll(async () => ((await api(`/months/${MONTH}/report-warnings`)) as unknown[]).length)
        .toBe(0);
      await page.screenshot({ path: join(SCREENS, 'r5-report-edited.png'), fullPage: true });
    },
    STEP,
  );

  it('no script errors in the browser console (the 401 of the page before login aside)', () => {
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
