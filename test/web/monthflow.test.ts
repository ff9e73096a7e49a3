// A clerk's month as issue 13 asks for it, in Debian's chromium against the real server (the demo offices
// of a fresh data folder): dates typed as on paper and in 和暦 in every date field, with messages naming the
// field; every verdict separated from the report to the care manager (a 月4回 refusal shows before the report
// is sent, K24-5a, K24-2a); last month's pattern checked together with the month (K24-5b); switching office
// on 訪問入力 starts the form over without a request for the other office's records; an unticked 訪問診療 named
// (K24-2e); the building's 1人 reason (K24-4d); the close's checklist and confirmation, the 締め済み banner on
// every screen of the month, an edit after the close, the next version's diff in Japanese, patients by kana.
// Each screen is saved to test-results/screens/ (m01…); no console error and no failed request in the walk.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, SCREENS, shot, type Started, useBrowserSession } from './harness.js';
import { formatDateJa } from '../../src/contract/dateText.js';
import { comparePatients } from '../../src/contract/order.js';
import { shortDate } from '../../web/src/format.js';

sayIfNoChromium('month flow browser tests');

const STEP = 90_000;
const month = '2024-07';
const next = '2024-08';
const patientName = 'テスト 次郎';

describe.skipIf(!haveChromium)('the month as a clerk works it (issue 13)', () => {
  const session = useBrowserSession({
    name: 'monthflow',
    acceptDialogs: true,
    failedShots: true,
    timeout: STEP,
  });
  const { consoleErrors, failedRequests } = session;
  let server: Started;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  const visitList = () => page.getByTestId('month-visits');
  const row = (date: string) => visitList().locator('tbody tr', { hasText: shortDate(date) });

  /** Types a date into 訪問日, waits for the engine's verdict on it, and saves it with Enter. */
  async function enterVisit(date: string): Promise<string> {
    const rows = await visitList().locator('tbody tr[data-visit-id]').count();
    const field = page.getByLabel('訪問日');
    await field.fill(String(Number(date.slice(8))));
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.innerText()).toContain(shortDate(date));
    const said = await verdict.innerText();
    await field.press('Enter');
    await expect.poll(() => visitList().locator('tbody tr[data-visit-id]').count()).toBe(rows + 1);
    return said;
  }

  async function officeOption(text: string): Promise<string> {
    const v = await page
      .getByLabel('事業所', { exact: true })
      .locator('option', { hasText: text })
      .getAttribute('value');
    expect(v).toBeTruthy();
    return v!;
  }

  it(
    'dates in 和暦 and shorthand in every date field, shown back with the weekday; a wrong year and an empty name are refused naming the field',
    async () => {
      await session.login();
      await page.getByLabel('事業所', { exact: true }).selectOption(await officeOption('薬局'));
      await expect.poll(() => page.getByLabel('サービス提供月').inputValue()).toBe(month);

      await page.getByRole('link', { name: /利用者を登録/ }).click();
      await page.getByRole('button', { name: '登録する' }).click();
      const name = page.getByLabel('氏名', { exact: true });
      await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.locator('.field', { has: name }).innerText())
        .toContain('氏名を入れてください');

      await name.fill(patientName);
      await page.getByLabel('フリガナ').fill('テスト ジロウ');
      await page.getByLabel('被保険者番号').fill('9900000002');
      const birth = page.getByLabel('生年月日');
      await birth.fill('昭和15年3月15日');
      await expect
        .poll(() => page.locator('.field', { has: birth }).innerText())
        .toContain('昭和15年3月15日（金）・1940-03-15');
      await page.getByLabel('要介護度').selectOption('care2');
      const from = page.getByLabel('有効期間（開始）');
      // The shorthand of the service month, shown back in 和暦 with the weekday.
      await expect
        .poll(() => page.locator('.field', { has: from }).innerText())
        .toContain(formatDateJa(`${month}-01`));
      // A year a native date picker would take (40830): refused here, with the field's name, nothing sent.
      await from.fill('40830-07-05');
      await from.press('Tab');
      await expect
        .poll(() => page.locator('.field', { has: from }).innerText())
        .toContain('有効期間（開始）: 40830年は入力できません（1900〜2200年の日付を入れてください）');
      await page.getByLabel('ケアマネジャー氏名').fill('居宅 太郎');
      await page.getByRole('button', { name: '登録する' }).click();
      await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('heading', { name: '利用者を登録', level: 1 }).count()).toBe(1);
      await shot(page, 'm01-dates-and-messages');

      await from.fill('R6.4.1');
      await expect
        .poll(() => page.locator('.field', { has: from }).innerText())
        .toContain('令和6年4月1日（月）');
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByRole('heading', { name: new RegExp(patientName), level: 1 }).waitFor();
      await expect.poll(() => page.locator('.facts').innerText()).toContain('要介護2');
    },
    STEP,
  );

  it(
    'every verdict separated from the report: the 月4回 refusal (K24-5a) and 中6日 (K24-5b) show before any report is sent; billable stays billable after saving',
    async () => {
      await page.getByRole('link', { name: '訪問を入力' }).click();
      await page.getByRole('heading', { name: /訪問入力/, level: 1 }).waitFor();
      await page.getByLabel('担当者').selectOption({ label: '田中 美穂' });
      // A date that is not one: the message names the field and says what to enter.
      const date = page.getByLabel('訪問日');
      await date.fill('abc');
      await date.press('Enter');
      await expect
        .poll(() => page.locator('.field', { has: date }).innerText())
        .toContain('訪問日: 「abc」は日付として読めません（例: 5、7/5、2024-07-05、令和6年7月5日、R6.7.5）');

      const billable = await enterVisit(`${month}-02`);
      expect(billable).toContain('情報提供書の送付後に算定できます');
      // Saved: still billable in the list (not 「情報提供書が作成されていません」), its report 未作成 with the deadline.
      await expect.poll(() => row(`${month}-02`).getByTestId('visit-verdict').innerText()).toContain('算定');
      expect(await row(`${month}-02`).getByTestId('visit-verdict').innerText()).toContain(
        '単一建物居住者1人',
      );
      expect(await row(`${month}-02`).getByTestId('visit-report').innerText()).toContain('未作成');
      expect(await row(`${month}-02`).getByTestId('visit-report').innerText()).toContain(
        `${shortDate(`${month}-31`)}までに送付`,
      );

      for (const d of ['03', '04']) expect(await enterVisit(`${month}-${d}`)).toContain('K24-5b');
      for (const d of ['09', '16', '23'])
        expect(await enterVisit(`${month}-${d}`)).toContain('情報提供書の送付後に算定できます');
      // The 5th weekly visit: refused 月4回 before it is saved, and in the list after (K24-5a).
      const fifth = await enterVisit(`${month}-30`);
      expect(fifth).toContain('算定できません');
      expect(fifth).toContain('K24-5a');
      await expect
        .poll(() => row(`${month}-30`).getByTestId('visit-verdict').innerText())
        .toContain('K24-5a');
      expect(await row(`${month}-30`).getByTestId('visit-verdict').innerText()).toContain('算定不可');
      expect(await row(`${month}-03`).getByTestId('visit-verdict').innerText()).toContain('K24-5b');
      expect(await visitList().getByTestId('visit-verdict').locator('.chip-billed').count()).toBe(4);
      expect(await visitList().innerText()).not.toContain('情報提供書が作成されていません');
      expect(await visitList().locator('[data-report-state="none"]').count()).toBe(7);
      await shot(page, 'm02-verdicts-separated');
    },
    STEP,
  );

  it(
    'copying last month’s pattern checks all proposals with the month in one run: the visits of one week are not all billable (K24-5b)',
    async () => {
      await page.getByLabel('サービス提供月').selectOption(next);
      await page.getByRole('heading', { name: /令和6年8月/, level: 1 }).waitFor();
      const checks: string[] = [];
      const count = (r: { url(): string }) => {
        const p = new URL(r.url()).pathname;
        if (p.endsWith('/visits/check') || p.endsWith('/visits/check-all')) checks.push(p);
      };
      page.on('request', count);
      await page.keyboard.press('Alt+c');
      const proposals = page.locator('section.proposals');
      await proposals.waitFor();
      await expect.poll(() => proposals.getAttribute('aria-busy')).toBe('false');
      page.off('request', count);
      expect(checks.filter((c) => c.endsWith('/check-all'))).toHaveLength(1);
      expect(checks.filter((c) => c.endsWith('/check'))).toHaveLength(0);
      const verdicts = proposals.getByTestId('proposal-verdict');
      // 8/1 (1st Thu) is billed; 8/6 and 8/7 fall within 中6日 of it; 7/30 has no 5th Tuesday in August.
      const refused = proposals.locator('tr', { hasText: '算定不可' });
      await expect.poll(() => refused.count()).toBe(2);
      for (const d of ['2024-08-06', '2024-08-07']) {
        const r = proposals.locator('tr', { hasText: shortDate(d) });
        expect(await r.innerText()).toContain('K24-5b');
        expect(await r.getByRole('checkbox').isChecked()).toBe(false);
      }
      expect(await verdicts.filter({ hasText: '算定可' }).count()).toBe(4);
      expect(await proposals.innerText()).toContain('この月には同じ週の同じ曜日がありません');
      await shot(page, 'm03-proposals-with-the-month');
      await proposals.getByRole('button', { name: '選んだ4件を保存' }).click();
      await expect.poll(() => visitList().locator('tbody tr[data-visit-id]').count()).toBe(4);
      await expect
        .poll(() => visitList().getByTestId('visit-verdict').locator('.chip-billed').count())
        .toBe(4);
      await page.getByLabel('サービス提供月').selectOption(month);
      await page.getByRole('heading', { name: /令和6年7月/, level: 1 }).waitFor();
    },
    STEP,
  );

  it(
    'switching office on 訪問入力 starts the form over (profession, staff, ticks) and asks nothing of the other office',
    async () => {
      await page.getByLabel('オンライン（情報通信機器）').check();
      const before = failedRequests.length;
      await page.getByLabel('事業所', { exact: true }).selectOption(await officeOption('クリニック'));
      await expect.poll(() => page.getByLabel('職種').inputValue()).toBe('doctor');
      expect(await page.getByLabel('担当者').inputValue()).toBe('');
      expect(await page.getByLabel('利用者', { exact: true }).inputValue()).toBe('');
      expect(await page.getByLabel('オンライン（情報通信機器）').count()).toBe(0);
      expect(await page.getByLabel('同じ日に訪問診療・往診をした').isChecked()).toBe(true);
      expect(new URL(page.url()).hash).toBe('#/visits');
      await page.waitForLoadState('networkidle');
      expect(failedRequests.slice(before)).toEqual([]);
      await shot(page, 'm04-office-switched');
    },
    STEP,
  );

  it(
    'an unticked 訪問診療 is named with what to do, not 「62日以内に算定できる日はありません」 (K24-2e)',
    async () => {
      await page.keyboard.press('Alt+n');
      await page.keyboard.type('あおき');
      await page.getByRole('option', { name: /青木 正雄/ }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByLabel('同じ日に訪問診療・往診をした').uncheck();
      await page.getByLabel('訪問日').fill('10');
      const verdict = page.getByTestId('verdict');
      await expect.poll(() => verdict.innerText()).toContain('算定できません');
      const noDate = page.getByTestId('no-date');
      await expect
        .poll(() => noDate.innerText())
        .toContain('「同じ日に訪問診療・往診をした」にチェックがありません');
      expect(await noDate.innerText()).not.toContain('算定できる日はありません');
      expect(await noDate.innerText()).toContain('K24-2e');
      await shot(page, 'm05-unticked-box-named');
      await page.keyboard.press('Escape');
      await page.getByLabel('事業所', { exact: true }).selectOption(await officeOption('薬局'));
      await expect.poll(() => page.getByLabel('職種').inputValue()).toBe('pharmacist');
    },
    STEP,
  );

  it(
    'the building’s 1人 is spelled out with its rule: 4 patients in 40 dwellings (K24-4d)',
    async () => {
      await page.keyboard.press('Alt+3');
      await page.getByRole('heading', { name: /建物と単一建物居住者/, level: 1 }).waitFor();
      const aoba = page.locator('article.building', { hasText: 'あおば' });
      await expect
        .poll(() => aoba.getByTestId('count-column').first().innerText())
        .toContain('単一建物居住者1人');
      const reason = await aoba.getByTestId('count-column').first().innerText();
      expect(reason).toContain('4人 → 戸数40の10%以下のため1人として算定');
      expect(reason).toContain('K24-4d');
      await shot(page, 'm06-building-reason');
    },
    STEP,
  );

  it(
    'a safe close: the checklist by task, a confirmation that the version cannot be changed, 締め済み on every screen of the month',
    async () => {
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: /月締め/, level: 1 }).waitFor();
      const list = page.getByTestId('checklist');
      const reports = list.getByTestId('task-report');
      await expect.poll(() => reports.locator('tr', { hasText: patientName }).count()).toBe(1);
      expect(await reports.locator('tr', { hasText: patientName }).innerText()).toContain('未作成');
      const move = await list.getByTestId('task-move').innerText();
      expect(move).toContain('K24-5a');
      expect(move).toContain('K24-5b');
      expect(await list.getByTestId('task-fix').locator('li').count()).toBeGreaterThan(0);
      expect(await list.getByTestId('refusals-by-code').innerText()).toContain('月の回数の上限：1件');
      // The claim file's facts, in the same reading: the new patient has no 保険者番号, 性別 or care-plan maker.
      expect(await list.getByTestId('checklist-claim-file').innerText()).toContain(patientName);
      // The patients of the month by kana (one comparator), as the API has them.
      const officeId = await page.evaluate<string | null>("localStorage.getItem('santei.officeId')");
      const all = (await (
        await page.request.get(`${server.base}/api/v1/offices/${officeId}/patients`)
      ).json()) as {
        id: string;
        name: string;
        kana?: string;
      }[];
      const shown = await page.locator('article.patient-claim h3').allInnerTexts();
      const expected = all
        .filter((p) => shown.includes(p.name))
        .sort(comparePatients)
        .map((p) => p.name);
      expect(shown).toEqual(expected);
      await shot(page, 'm07-close-checklist');
      await list.screenshot({ path: join(SCREENS, 'm07b-checklist.png') });

      await page.getByRole('button', { name: 'この月を締める' }).click();
      const dialog = page.getByRole('alertdialog');
      expect(await dialog.innerText()).toContain('締めた版はあとから変更できません');
      expect(await dialog.getByTestId('confirm-counts').innerText()).toMatch(
        /送付していない情報提供書：[1-9]\d*件/,
      );
      await page.screenshot({ path: join(SCREENS, 'm08-close-confirmation.png') });
      await page.keyboard.press('Escape');
      expect(await dialog.count()).toBe(0);
      await page.getByRole('button', { name: 'この月を締める' }).click();
      await dialog.getByRole('button', { name: '第1版として締める' }).click();
      await page.locator('.version-bar', { hasText: '第1版' }).waitFor();
      const banner = page.getByTestId('closed-banner');
      await expect.poll(() => banner.innerText()).toContain('締め済み');
      expect(await banner.innerText()).toContain('第1版');

      for (const [key, heading] of [
        ['Alt+1', /利用者/],
        ['Alt+3', /建物と単一建物居住者/],
        ['Alt+2', /訪問入力/],
      ] as const) {
        await page.keyboard.press(key);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await expect.poll(() => banner.innerText()).toContain('令和6年7月は第1版で締めています');
      }
      expect(await page.getByTestId('after-close').innerText()).toContain(
        '第2版を作るまで請求に反映されません',
      );
      await shot(page, 'm09-closed-visit-entry');
      // Another month is not closed: no banner.
      await page.getByLabel('サービス提供月').selectOption(next);
      await page.getByRole('heading', { name: /令和6年8月/, level: 1 }).waitFor();
      await expect.poll(() => banner.count()).toBe(0);
      await page.getByLabel('サービス提供月').selectOption(month);
      await expect.poll(() => banner.count()).toBe(1);
    },
    STEP,
  );

  it(
    'an edit after the close says it needs a new version; the report sent, version 2’s diff is in Japanese',
    async () => {
      await page.keyboard.press('Alt+4');
      const task = page.getByTestId('task-report').locator('tr', { hasText: patientName });
      await task.getByRole('link', { name: /情報提供書を作成/ }).click();
      await page.getByRole('heading', { name: /情報提供書/, level: 1 }).waitFor();
      await expect.poll(() => page.getByTestId('closed-banner').innerText()).toContain('第1版');
      for (const d of ['02', '09', '16', '23']) {
        const box = page.getByRole('checkbox', { name: new RegExp(`^${shortDate(`${month}-${d}`)}`) });
        await box.check();
      }
      await page.getByLabel('利用者の心身の状況').fill('食欲があり、体重は横ばいです。');
      await page.getByLabel('日常生活上の注意点').fill('水分は1日1,000mlを目標にしてください。');
      await page.getByLabel('服薬に関する指導内容').fill('一包化し、服薬カレンダーで確認しています。');
      await page.getByLabel('緊急時の対応方法').fill('強いふらつきがあれば当薬局へ連絡してください。');
      const sent = page.getByLabel('送付日');
      await sent.fill('R6.7.31');
      await expect
        .poll(() => page.locator('.field', { has: sent }).innerText())
        .toContain('令和6年7月31日（水）');
      await page.getByRole('button', { name: '保存する' }).click();
      await expect
        .poll(() => page.locator('.report-state').innerText())
        .toContain('令和6年7月31日に送付済み');

      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: /訪問入力/, level: 1 }).waitFor();
      const mineOn2 = row(`${month}-02`).filter({ hasText: patientName });
      await expect.poll(() => mineOn2.getByTestId('visit-report').innerText()).toContain('送付済み');

      await page.keyboard.press('Alt+4');
      await page.getByRole('button', { name: /もう一度締める/ }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: '第2版として締める' }).click();
      await page.locator('.version-bar', { hasText: '第2版' }).waitFor();
      const diff = page.locator('.diff');
      const mine = diff.locator('tbody tr', { hasText: patientName });
      await expect.poll(() => mine.innerText()).toContain('＋ 居宅療養管理指導（介護保険・31）を新たに請求');
      expect(await diff.innerText()).not.toMatch(/care:|medical:/);
      await expect.poll(() => page.getByTestId('closed-banner').innerText()).toContain('第2版');
      await shot(page, 'm10-version-2-diff');
    },
    STEP,
  );

  it('no console error and no failed request during the whole walk', () => {
    // The one 401 is the app asking who is logged in before the login (GET /api/v1/me).
    const before = failedRequests.filter((r) => r === '401 GET /api/v1/me');
    expect(before.length).toBeLessThanOrEqual(1);
    expect(failedRequests.filter((r) => r !== '401 GET /api/v1/me')).toEqual([]);
    const unexpected = consoleErrors.filter(
      (e) => !(before.length === 1 && /the server responded with a status of 401/.test(e)),
    );
    expect(unexpected.length, unexpected.join('\n')).toBeLessThanOrEqual(0);
    expect(consoleErrors.length).toBeLessThanOrEqual(before.length);
  });
});
