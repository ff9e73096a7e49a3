// The claim file in a real browser (Debian's chromium through playwright-core, no browser download), on the
// real server with the demo seeded (claim-file.md; issue "Where the clerk uses it"): the demo clerk closes
// July 2024 at the pharmacy, 「伝送ファイルを作成」 downloads the file, whose bytes the checker accepts and which
// are the bytes `santei claim-file` writes for the example month; the printed 請求書 / 明細書 of the version
// are one A4 page each. Then a patient without a 保険者番号: the month closed again lists the problem naming
// the patient, with a link to the patient's screen, where a wrong check digit is answered next to the field;
// entered right and closed again, the file is made. Screens go to test-results/screens/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, SCREENS, shot, type Started, useBrowserSession } from './harness.js';
import { checkClaimFile } from '../../src/core/claimFile/index.js';
import { codesForMonth, makeClaimFile } from '../../src/app/claimFile.js';
import { DEMO_PASSWORD } from '../../src/store/demo.js';

sayIfNoChromium('claim file browser tests');

const STEP = 60_000;
const MONTH = '2024-07';
const NEW_PATIENT = '伝送 未登録';

describe.skipIf(!haveChromium)('伝送ファイル in chromium (claim-file.md)', () => {
  const session = useBrowserSession({
    name: 'claim',
    context: { acceptDownloads: true },
    failedShots: true,
    timeout: STEP,
  });
  const { consoleErrors: errors } = session;
  let server: Started;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  let pharmacyId = '';
  beforeAll(() => {
    ({ server, context, page, dataDir } = session);
  });

  /** A JSON call of the pharmacy's API with the page's session, from the app's own origin. */
  async function api(path: string, method = 'GET', data?: unknown): Promise<unknown> {
    const r = await page.request.fetch(`${server.base}/api/v1/offices/${pharmacyId}${path}`, {
      method,
      headers: { origin: server.base },
      ...(data !== undefined ? { data } : {}),
    });
    if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
    return r.json();
  }

  /** 「伝送ファイルを作成」: the download's name and bytes. */
  async function makeFile(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '伝送ファイルを作成' }).click(),
    ]);
    const path = join(dataDir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  }

  it(
    'the demo clerk closes July 2024 and downloads the file: the checker accepts its bytes, those of `santei claim-file` on the example month',
    async () => {
      await session.login('clerk', DEMO_PASSWORD);
      const office = page.getByLabel('事業所', { exact: true });
      pharmacyId = (await office.locator('option', { hasText: '薬局' }).getAttribute('value')) ?? '';
      expect(pharmacyId).not.toBe('');
      await office.selectOption(pharmacyId);
      await expect.poll(() => page.getByLabel('サービス提供月').inputValue()).toBe(MONTH);

      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: /月締め/, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'この月を締める' }).click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: /^第\d+版として締める$/ })
        .click();
      await page.locator('.version-bar', { hasText: '第1版' }).waitFor();
      const panel = page.locator('section.claim-file');
      await expect.poll(() => panel.innerText()).toContain('明細書 11 件の伝送ファイルを作成できます');
      expect(await page.getByLabel('審査月').inputValue()).toBe('2024-08');
      expect(await page.getByLabel('審査月').locator('option:checked').innerText()).toBe('令和6年8月');
      await shot(page, 'c1-claim-file-ready');
      await panel.screenshot({ path: join(SCREENS, 'c1-claim-file-panel.png') });

      const file = await makeFile();
      expect(file.name).toBe('K2407789.CSV');
      const report = checkClaimFile(new Uint8Array(file.bytes), { codesFor: codesForMonth });
      expect(report.problems).toEqual([]);
      expect(report.summary).toMatchObject({
        serviceMonth: MONTH,
        submitted: '2024-08',
        officeNumber: '1342007893',
      });
      const cli = makeClaimFile(
        JSON.parse(
          readFileSync(new URL('../../examples/demo-2024-07-pharmacy.json', import.meta.url), 'utf8'),
        ),
      );
      if (!cli.ok) throw new Error(cli.problems.join('\n'));
      expect(file.bytes.equals(Buffer.from(cli.bytes))).toBe(true);

      await expect
        .poll(() => page.getByTestId('claim-file-made').innerText())
        .toContain('K2407789.CSV を作成しました');
      const made = page.locator('table.claim-files tbody tr');
      await expect.poll(() => made.count()).toBe(1);
      expect(await made.innerText()).toContain('事務 さくら');
      expect(await panel.innerText()).toContain('未確認のサービスコード');
      await shot(page, 'c2-claim-file-made');
      await panel.screenshot({ path: join(SCREENS, 'c2-claim-file-panel.png') });
    },
    STEP,
  );

  it(
    'the printed 請求書 and 明細書 of the version: one A4 page each, with the forms’ text',
    async () => {
      const [forms] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('link', { name: '請求書・明細書を印刷' }).click(),
      ]);
      await forms.waitForLoadState('load');
      await forms.locator('section.invoice').waitFor();
      const invoice = await forms.locator('section.invoice').innerText();
      expect(invoice).toContain('介護給付費請求書');
      expect(invoice).toContain('令和6年7月分');
      expect(invoice).toContain('ひまわり薬局 高円寺店');
      const statements = forms.locator('section.statement');
      expect(await statements.count()).toBe(11);
      const first = await statements.first().innerText();
      expect(first).toContain('居宅サービス・地域密着型サービス介護給付費明細書');
      expect(first).toContain('居宅介護支援事業所');
      await shot(forms, 'c3-claim-forms');
      await statements.first().screenshot({ path: join(SCREENS, 'c3-claim-form-statement.png') });
      await forms.emulateMedia({ media: 'print' });
      const overflow = await forms.$$eval(
        '.sheet',
        (sheets) => sheets.filter((s) => s.scrollHeight > s.clientHeight + 1).length,
      );
      expect(overflow).toBe(0);
      const pdfPath = join(SCREENS, 'claim-forms-served.pdf');
      await forms.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      const pdf = readFileSync(pdfPath).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).toHaveLength(12);
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
      expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
      await forms.close();
    },
    STEP,
  );

  it(
    'a patient without a 保険者番号: the month closed again lists the problem with a link to the patient',
    async () => {
      // The patient entered on the form without a 保険者番号 (as an office may have it before migration 0004);
      // a visit and its report (the pharmacy bills on the reports, K24-2a) through the API.
      await page.keyboard.press('Alt+1');
      await page.getByRole('link', { name: /利用者を登録/ }).click();
      await page.getByLabel('氏名', { exact: true }).fill(NEW_PATIENT);
      await page.getByLabel('フリガナ').fill('デンソウ ミトウロク');
      await page.getByLabel('被保険者番号').fill('1300009001');
      await page.getByLabel('生年月日').fill('1936-03-03');
      await page.getByLabel('性別').selectOption('female');
      await page.getByLabel('要介護度').selectOption('care2');
      await page.getByLabel('有効期間（開始）').fill('2024-04-01');
      await page.getByLabel('有効期間（終了）').fill('2025-03-31');
      await page.getByLabel('計画の作成').selectOption('office');
      await page.getByLabel('事業所番号').fill('1312005019'); // a wrong check digit first
      await page.getByLabel('事業所名').fill('居宅介護支援事業所 ねりま');
      await page.getByLabel('計画の開始日').fill('2024-04-01');
      await page.getByLabel('ケアマネジャー氏名').fill('居宅介護支援事業所 ねりま 小池');
      await page.getByRole('button', { name: '登録する' }).click();
      await expect.poll(() => page.getByLabel('事業所番号').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.locator('.field-invalid .field-error').innerText()).toContain('検証番号');
      await page.getByLabel('事業所番号').fill('1312005018');
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByRole('heading', { name: new RegExp(NEW_PATIENT), level: 1 }).waitFor();
      const patient = { id: decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '') };
      await expect
        .poll(() => page.locator('.facts').innerText())
        .toContain('居宅介護支援事業所 ねりま（1312005018）');
      const visit = (await api('/visits', 'POST', {
        kind: 'kyotaku',
        patientId: patient.id,
        date: '2024-07-22',
        profession: 'pharmacist',
        reported: true,
      })) as { id: string };
      await api('/reports', 'POST', {
        patientId: patient.id,
        profession: 'pharmacist',
        visitIds: [visit.id],
        recipient: { kind: 'care_manager', name: '居宅介護支援事業所 ねりま 小池' },
        method: 'fax',
        sentDate: '2024-07-23',
        content: {
          condition: '食欲は戻りつつあり、夜間の眠りも安定しています。',
          dailyLife: '水分は1日1,000mlを目安にしてください。',
          medication: '一包化した薬を服薬カレンダーで管理しています。',
          emergency: '強いふらつきがあれば当薬局へ連絡してください。',
        },
      });

      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: /月締め/, level: 1 }).waitFor();
      await page.getByRole('button', { name: /もう一度締める/ }).click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: /^第\d+版として締める$/ })
        .click();
      await page.locator('.version-bar', { hasText: '第2版' }).waitFor();
      const list = page.getByTestId('claim-file-problems');
      await expect.poll(() => list.innerText()).toContain(`利用者「${NEW_PATIENT}」の被保険者証の保険者番号`);
      expect(await list.innerText()).toContain('次の1件を直してから');
      expect(await page.getByRole('link', { name: '請求書・明細書を印刷' }).count()).toBe(0);
      // Clicked anyway: refused with the same problem, nothing downloaded.
      let downloaded = false;
      page.once('download', () => (downloaded = true));
      await page.getByRole('button', { name: '伝送ファイルを作成' }).click();
      await expect.poll(() => list.innerText()).toContain(NEW_PATIENT);
      expect(downloaded).toBe(false);
      await shot(page, 'c4-claim-file-problems');
      await page.locator('section.claim-file').screenshot({ path: join(SCREENS, 'c4-claim-file-panel.png') });

      await list.getByRole('link', { name: `${NEW_PATIENT}さんの画面を開く` }).click();
      await page.getByRole('heading', { name: new RegExp(NEW_PATIENT), level: 1 }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/patients/${encodeURIComponent(patient.id)}`);
      await expect.poll(() => page.getByTestId('insurer-number').innerText()).toBe('未入力');
    },
    STEP,
  );

  it(
    'on the patient’s screen a wrong check digit is answered at the field; entered right and closed again, the file is made',
    async () => {
      await page.getByRole('button', { name: '被保険者証・生年月日・性別を編集' }).click();
      const form = page.getByRole('form', { name: '被保険者証の編集' });
      const insurer = form.getByLabel('保険者番号', { exact: true });
      await insurer.fill('131202');
      await form.getByRole('button', { name: '保存する' }).click();
      await expect.poll(() => insurer.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => form.locator('.field-error').innerText())
        .toContain('"131202" は保険者番号の検証番号（6桁目）が合いません');
      await shot(page, 'c5-insurer-check-digit');
      await insurer.fill('131151');
      await form.getByRole('button', { name: '保存する' }).click();
      await expect.poll(() => page.getByTestId('insurer-number').innerText()).toBe('131151');
      await shot(page, 'c6-patient-insured');
      // From August the patient makes her own plan: a dated change of the care-plan history.
      await page.getByRole('button', { name: /履歴を追加/ }).click();
      const history = page.getByRole('form', { name: '履歴の追加' });
      await history.getByLabel('追加するもの').selectOption('carePlan');
      await history.getByLabel('計画の作成').selectOption('self');
      await history.getByLabel('開始日').fill('2024-08-01');
      await history.getByRole('button', { name: '履歴に追加' }).click();
      const table = page.locator('.history-table');
      await expect.poll(() => table.innerText()).toContain('セルフプラン');
      expect(await table.innerText()).toContain('2024-07-31'); // the office's plan ends the day before
      await expect
        .poll(() => page.locator('.facts').innerText())
        .toContain('居宅介護支援事業所 ねりま（1312005018）');
      await page.locator('.facts').screenshot({ path: join(SCREENS, 'c6-patient-facts.png') });

      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: /月締め/, level: 1 }).waitFor();
      await page.getByRole('button', { name: /もう一度締める/ }).click();
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: /^第\d+版として締める$/ })
        .click();
      await page.locator('.version-bar', { hasText: '第3版' }).waitFor();
      const panel = page.locator('section.claim-file');
      await expect.poll(() => panel.innerText()).toContain('明細書 12 件の伝送ファイルを作成できます');
      const file = await makeFile();
      const report = checkClaimFile(new Uint8Array(file.bytes), { codesFor: codesForMonth });
      expect(report.problems).toEqual([]);
      expect(report.summary!.statements['7131']).toBe(12);
      await shot(page, 'c7-claim-file-v3');
    },
    STEP,
  );

  it('no script errors in the browser console', () => {
    // The browser logs two answers as failed resources: the 401 of the session asked for before the login,
    // and the 422 of the refused file. Nothing else.
    expect(errors.filter((e) => !/responded with a status of (401|422)/.test(e))).toEqual([]);
  });
});
