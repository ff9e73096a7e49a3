// The Content-Security-Policy of the web app and of /docs (Swagger UI, which needs one hashed <style>), in
// chromium: both pages work under it with no violation in the console, and /docs is only for logged-in users. Screens go to
// test-results/screens/.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, SCREENS, type Started, useBrowserSession } from './harness.js';
import { APP_CSP, DOCS_CSP } from '../../src/server/app.js';

sayIfNoChromium('Content-Security-Policy browser tests');

const STEP_TIMEOUT = 60_000;

describe.skipIf(!haveChromium)('Content-Security-Policy in chromium', () => {
  const session = useBrowserSession({
    name: 'csp',
    context: { timezoneId: undefined },
    consoleError: (m) => m.type() === 'error' || /Content.Security.Policy/i.test(m.text()),
    timeout: STEP_TIMEOUT,
  });
  const { consoleErrors } = session;
  let server: Started;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it(
    '/docs and its OpenAPI document answer 401 before login',
    async () => {
      for (const path of ['/docs', '/docs/json', '/docs/static/index.html']) {
        const r = await page.request.get(`${server.base}${path}`);
        expect(r.status(), path).toBe(401);
        const body = (await r.json()) as { errors: { message: string }[] };
        expect(body.errors[0]!.message).toContain('ログインしてください');
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'the web app under its policy: login and the patients screen, no violation',
    async () => {
      const r = await page.goto(server.base);
      expect(r?.headers()['content-security-policy']).toBe(APP_CSP);
      await page.getByLabel('ユーザー名').fill('clerk');
      await page.getByLabel('パスワード').fill(server.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '利用者', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      // (The app asks GET /me before the login: that 401 is the only error chromium may print.)
      expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
      consoleErrors.length = 0;
    },
    STEP_TIMEOUT,
  );

  it(
    'Swagger UI at /docs under the same policy: the routes are listed, an operation opens, no violation',
    async () => {
      const r = await page.goto(`${server.base}/docs`);
      expect(r?.status()).toBe(200);
      expect(r?.headers()['content-security-policy']).toBe(DOCS_CSP);
      await page.getByText('santei API').first().waitFor();
      const login = page.locator('.opblock-summary-path', { hasText: /^\/api\/v1\/login$/ }).first();
      await login.waitFor();
      await login.click();
      await page.getByRole('button', { name: 'Try it out' }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SCREENS, 'docs-swagger-ui.png'), fullPage: false });
      expect(consoleErrors).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
