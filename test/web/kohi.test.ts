// 公費 in chromium (docs/kohi.md): on the demo pharmacy's 生活保護 and 指定難病 patients the patient screen shows
// their 公費 (法別, numbers, period, the monthly amount; for 難病 the month's amount paid elsewhere), a wrong
// check digit is answered at its field before anything is saved (KOHI-9), and the patient's 請求書 shows what
// the 公費 paid and what the patient pays (KOHI-7); no console error.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, SCREENS, shot, type Started, useBrowserSession } from './harness.js';
import { DEMO_PASSWORD } from '../../src/store/demo.js';

sayIfNoChromium('公費 browser tests');

const STEP = 60_000;

describe.skipIf(!haveChromium)('公費 in chromium', () => {
  const session = useBrowserSession({ name: 'kohi', timeout: STEP });
  const { consoleErrors: errors } = session;
  let server: Started;
  let page: Page;
  let pharmacyId = '';

  async function patientId(name: string): Promise<string> {
    const r = await page.request.get(`${server.base}/api/v1/offices/${pharmacyId}/patients`);
    const found = ((await r.json()) as { id: string; name: string }[]).find((p) => p.name === name);
    if (!found) throw new Error(`no patient ${name}`);
    return found.id;
  }

  beforeAll(async () => {
    ({ server, page } = session);
    await session.login('clerk', DEMO_PASSWORD);
    const office = page.getByLabel('事業所', { exact: true });
    pharmacyId = (await office.locator('option', { hasText: '薬局' }).getAttribute('value')) ?? '';
    await office.selectOption(pharmacyId);
    errors.length = 0; // the login screen's own 401 for /api/v1/me before the login is not an error
  }, STEP);

  it(
    'the 生活保護 patient: the entry shown; a new entry with a wrong check digit is answered at its field',
    async () => {
      await page.goto(`${server.base}/#/patients/${await patientId('大野 君子')}`);
      const panel = page.getByTestId('kohi-panel');
      await expect.poll(() => panel.innerText()).toContain('法別12 生活保護（介護扶助）');
      expect(await panel.innerText()).toContain('公費負担者番号 12131017・受給者番号 1234566');
      expect(await panel.innerText()).toContain('本人支払額 0円');
      await panel.getByRole('button', { name: '＋ 公費を追加' }).click();
      const form = page.getByRole('form', { name: '公費の登録' });
      await form.getByLabel('法別番号').selectOption('54');
      await form.getByLabel('公費負担者番号').fill('54016028');
      await form.getByLabel('受給者番号').fill('1234566');
      await form.getByLabel('開始日').fill('2024-04-01');
      await form.getByLabel(/自己負担上限月額/).fill('5000');
      await form.getByRole('button', { name: '公費を保存' }).click();
      await expect
        .poll(() => form.locator('.field-invalid').innerText())
        .toContain('公費負担者番号 "54016028" の検証番号（8桁目）が合いません');
      await shot(page, 'k1-kohi-wrong-check-digit');
      // nothing was saved
      const list = await page.request.get(`${server.base}/api/v1/offices/${pharmacyId}/kohi`);
      expect(((await list.json()) as unknown[]).length).toBe(2);
    },
    STEP,
  );

  it(
    'the 難病 patient: the entry and the month’s amount paid elsewhere; the 請求書 shows the 公費 and the 500円 to pay',
    async () => {
      const id = await patientId('北村 哲夫');
      await page.goto(`${server.base}/#/patients/${id}`);
      const panel = page.getByTestId('kohi-panel');
      await expect.poll(() => panel.innerText()).toContain('法別54 特定医療費（指定難病）');
      expect(await panel.innerText()).toContain('自己負担上限月額 5,000円');
      expect(await panel.getByRole('textbox', { name: /他の医療機関等で今月支払った額/ }).inputValue()).toBe(
        '4500',
      );
      await panel.screenshot({ path: join(SCREENS, 'k2-kohi-panel.png') });

      await page.goto(`${server.base}/#/statement/${encodeURIComponent(id)}?kind=invoice`);
      await expect.poll(() => page.getByTestId('statement-amount').innerText()).toBe('500円');
      expect(await page.getByTestId('statement-kohi-54').innerText()).toContain(
        '公費 特定医療費（指定難病）（法別54）の負担',
      );
      expect(await page.getByTestId('statement-kohi-54').innerText()).toContain('536円');
      expect(await page.getByTestId('statement-kohi-total').innerText()).toBe('536円');
      await shot(page, 'k3-statement-nanbyo');
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
