// The screens an office runs on (issue 13 item 4), walked in Debian's chromium against the real server (the
// demo offices of a fresh data folder) as an admin and a clerk would, with the keyboard's Alt+digit
// shortcuts: a visit edited on 訪問入力 (checked as on entry, without counting the visit it replaces, K24-5a);
// the reports list filtered (K24-2a); staff added, renamed and retired; the office's settings with a wrong
// 事業所番号 refused at its field; users added, a password reset, the last admin protected in the server's
// Japanese words; CSV import previewed (rows and row errors) then imported; the audit log filtered by days
// (DateField), actor, action and record; one's own password changed. Each screen is saved to
// test-results/screens/ (s01…); no console error beyond the refusals the walk asks for.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, shot, type Started, useBrowserSession } from './harness.js';
import { japanDateOf } from '../../src/contract/dates.js';
import { shortDate } from '../../web/src/format.js';

sayIfNoChromium('office screens browser tests');

const STEP = 90_000;
const month = '2024-07';

describe.skipIf(!haveChromium)('the screens an office runs on (issue 13 item 4)', () => {
  const session = useBrowserSession({
    name: 'screens',
    acceptDialogs: true,
    failedShots: true,
    timeout: STEP,
  });
  const { consoleErrors, failedRequests } = session;
  let server: Started;
  let page: Page;
  const requests: string[] = [];

  /** The field (label, control, hint and message) around a control. */
  const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
  /** The element that describes a control (aria-describedby): its hint and its message. */
  const describedBy = async (label: string): Promise<string> => {
    const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
    const texts: string[] = [];
    for (const id of ids.split(' ').filter(Boolean))
      texts.push((await page.locator(`[id="${id}"]`).textContent()) ?? '');
    return texts.join(' ');
  };
  /** The label of the control that has the focus. (A string: the tests are compiled without the DOM library.) */
  const focusedLabel = (): Promise<string> =>
    page.evaluate(
      `(() => { const el = document.activeElement; return el && el.id ? (document.querySelector('label[for="' + el.id + '"]')?.textContent ?? '') : ''; })()`,
    );
  const toast = () => page.locator('.toast').innerText();

  beforeAll(() => {
    ({ server, page } = session);
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  });

  it(
    '訪問入力: 編集 loads a visit into the form, the check leaves the visit out (POST …/visits/:id/check, K24-5a), Enter saves the change',
    async () => {
      await session.login();
      const office = page.getByLabel('事業所', { exact: true });
      const pharmacy = await office.locator('option', { hasText: '薬局' }).getAttribute('value');
      await office.selectOption(pharmacy!);
      await page.getByLabel('サービス提供月').selectOption(month);

      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: /訪問入力/, level: 1 }).waitFor();
      const list = page.getByTestId('month-visits');
      const first = list.locator('tbody tr[data-visit-id]').first();
      await first.waitFor();
      const id = (await first.getAttribute('data-visit-id'))!;
      const oldDate = (await first.locator('td').first().innerText()).trim();
      const day = oldDate.startsWith('7/28') ? 27 : 28;
      const newDate = `${month}-${day}`;
      await first.getByRole('button', { name: /を編集$/ }).click();
      await expect.poll(() => page.getByTestId('editing').innerText()).toContain('を編集しています');
      // The date field has the focus and the visit's date; the edit's check is asked without the visit.
      await expect.poll(focusedLabel).toBe('訪問日');
      await page.getByLabel('訪問日').fill(String(day));
      await expect.poll(() => page.getByTestId('verdict').innerText()).toContain(shortDate(newDate));
      expect(requests).toContain(`POST /api/v1/offices/${pharmacy}/visits/${id}/check`);
      expect(await page.getByRole('button', { name: /変更を保存/ }).count()).toBe(1);
      await shot(page, 's01-visit-edit');
      await page.getByLabel('訪問日').press('Enter');
      await expect.poll(toast).toContain('変更しました');
      await expect
        .poll(() => list.locator(`tr[data-visit-id="${id}"] td`).first().innerText())
        .toContain(shortDate(newDate));
      expect(await page.getByTestId('editing').count()).toBe(0);
      expect(requests).toContain(`PUT /api/v1/offices/${pharmacy}/visits/${id}`);
    },
    STEP,
  );

  it(
    '情報提供書の一覧 (Alt+5): filtered by state, patient and month (K24-2a)',
    async () => {
      await page.keyboard.press('Alt+5');
      await page.getByRole('heading', { name: /情報提供書の一覧/, level: 1 }).waitFor();
      const rows = page.getByTestId('report-list').locator('tbody tr[data-report-id]');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      const all = await rows.count();
      await page.getByLabel('状態').selectOption('sent');
      await expect
        .poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('送付済み')))
        .toBe(true);
      const sent = await rows.count();
      await page.getByLabel('状態').selectOption('draft');
      await expect.poll(async () => (await rows.count()) + sent).toBeLessThanOrEqual(all);
      await page.getByLabel('状態').selectOption('');
      const name = (await rows.first().locator('td').nth(1).innerText()).trim();
      const option = page.getByLabel('利用者').locator('option', { hasText: name }).first();
      await page.getByLabel('利用者').selectOption((await option.getAttribute('value'))!);
      await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes(name))).toBe(true);
      await page.getByLabel('対象月').selectOption('all');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('すべての月');
      await shot(page, 's02-report-list');
      await rows.first().getByRole('link').click();
      await page.getByRole('heading', { name: /情報提供書/, level: 1 }).waitFor();
    },
    STEP,
  );

  it(
    '職員 (Alt+6): an empty name refused at 氏名 with the focus there; added; renamed and retired',
    async () => {
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { name: '職員', level: 1 }).waitFor();
      await page.getByRole('button', { name: '＋ 職員を登録' }).click();
      await page.getByRole('button', { name: '登録する' }).click();
      await expect.poll(focusedLabel).toBe('氏名');
      expect(await describedBy('氏名')).toContain('氏名');
      await page.getByLabel('氏名', { exact: true }).fill('山田 花子');
      await page.getByLabel('フリガナ').fill('ヤマダ ハナコ');
      await page.getByLabel('職種').selectOption('pharmacist');
      await page.getByRole('button', { name: '登録する' }).click();
      await expect.poll(toast).toContain('職員「山田 花子」を登録しました');
      const list = page.getByTestId('staff-list');
      await list.getByRole('button', { name: '山田 花子を編集' }).click();
      await page.getByLabel('氏名', { exact: true }).fill('山田 華子');
      await page.getByLabel(/^退職/).check();
      await shot(page, 's03-staff-edit');
      await page.getByRole('button', { name: '変更を保存' }).click();
      await expect.poll(toast).toContain('（退職）');
      await expect.poll(() => list.locator('tr', { hasText: '山田 華子' }).innerText()).toContain('退職');
      await shot(page, 's04-staff');
    },
    STEP,
  );

  it(
    '設定 (Alt+9): a wrong 事業所番号 check digit refused next to its field, nothing sent; the office renamed',
    async () => {
      await page.keyboard.press('Alt+9');
      await page.getByRole('heading', { name: /設定/, level: 1 }).waitFor();
      const number = page.getByLabel('事業所番号');
      const good = await number.inputValue();
      const wrong = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
      await number.fill(wrong);
      const before = requests.length;
      await page.getByRole('button', { name: '設定を保存' }).click();
      await expect.poll(focusedLabel).toBe('事業所番号');
      expect(await describedBy('事業所番号')).toContain('事業所番号の検証番号（10桁目）が合いません');
      expect(await fieldOf('事業所番号').getAttribute('class')).toContain('field-invalid');
      expect(requests.slice(before).filter((r) => r.startsWith('PATCH'))).toEqual([]);
      await shot(page, 's05-office-settings-error');
      await number.fill(good);
      const name = page.getByLabel('事業所名');
      await name.fill('ひまわり薬局 高円寺本店');
      await page.getByRole('button', { name: '設定を保存' }).click();
      await expect.poll(toast).toContain('設定を保存しました');
      // The office switcher reads the new name.
      await expect
        .poll(() => page.getByLabel('事業所', { exact: true }).innerText())
        .toContain('ひまわり薬局 高円寺本店');
    },
    STEP,
  );

  it(
    'ユーザー: a clerk added, the password reset and disabled; the only admin cannot be made a clerk (the server’s refusal at 権限)',
    async () => {
      await page.getByRole('link', { name: 'ユーザー' }).click();
      const list = page.getByTestId('user-list');
      await list.locator('tr[data-user]').first().waitFor();
      await page.getByRole('button', { name: '＋ ユーザーを登録' }).click();
      await page.getByLabel('ユーザー名').fill('tanaka.jimu');
      await page.getByLabel('表示名').fill('田中 事務');
      await page.getByLabel('権限').selectOption('clerk');
      await page.getByLabel('パスワード', { exact: true }).fill('短い');
      await page.getByRole('button', { name: '登録する' }).click();
      await expect.poll(focusedLabel).toBe('パスワード');
      expect(await describedBy('パスワード')).toContain('パスワード');
      await page.getByLabel('パスワード', { exact: true }).fill('jimu-password-1');
      await page.getByRole('button', { name: '登録する' }).click();
      await expect.poll(toast).toContain('ユーザー「tanaka.jimu」を登録しました');

      await list.getByRole('button', { name: 'tanaka.jimuを編集' }).click();
      await page.getByLabel('パスワードを再設定').fill('jimu-password-2');
      await page.getByLabel('無効にする').check();
      await page.getByRole('button', { name: '変更を保存' }).click();
      await expect.poll(toast).toContain('（パスワードを再設定）');
      await expect.poll(() => list.locator('tr[data-user="tanaka.jimu"]').innerText()).toContain('無効');

      await list.getByRole('button', { name: `${server.username}を編集` }).click();
      await page.getByLabel('権限').selectOption('clerk');
      await page.getByRole('button', { name: '変更を保存' }).click();
      await expect.poll(() => describedBy('権限')).toContain('ただ一人の管理者');
      await expect.poll(focusedLabel).toBe('権限');
      await shot(page, 's06-users-last-admin');
      await page.keyboard.press('Escape');
      await shot(page, 's07-users');
    },
    STEP,
  );

  it(
    'CSV取込 (Alt+7): pasted patients previewed (rows to import, each row error with line and column), then the good rows imported',
    async () => {
      await page.keyboard.press('Alt+7');
      await page.getByRole('heading', { name: 'CSV取込', level: 1 }).waitFor();
      await page.getByRole('button', { name: /内容を確認/ }).click();
      await expect.poll(focusedLabel).toBe('CSV ファイル');
      await page.getByLabel('利用者', { exact: true }).check();
      const csv = [
        '氏名,フリガナ,被保険者番号',
        '取込 一郎,トリコミ イチロウ,',
        '取込 二郎,,12AB',
        '取込 三郎,,',
      ].join('\n');
      await page.getByLabel('CSV を貼り付け').fill(csv);
      await page.getByRole('button', { name: /内容を確認/ }).click();
      const preview = page.getByTestId('import-preview');
      await expect.poll(() => preview.innerText()).toContain('利用者 2件を取り込めます');
      const errors = await page.getByTestId('import-errors').locator('tbody tr').allInnerTexts();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('3行目');
      expect(errors[0]).toContain('被保険者番号');
      const rows = await page.getByTestId('import-rows').locator('tbody tr').allInnerTexts();
      expect(rows.map((r) => r.split('\t')[0])).toEqual(['2行目', '4行目']);
      await shot(page, 's08-import-preview');
      await page.getByRole('button', { name: '誤りのある行を除いて 2件を取り込む' }).click();
      await expect.poll(toast).toContain('2件の利用者を取り込みました');
      await page.keyboard.press('Alt+1');
      await expect.poll(() => page.locator('main').innerText()).toContain('取込 三郎');
    },
    STEP,
  );

  it(
    '変更の記録 (Alt+8): a range ending before it starts refused at 終了日; filtered by 職員 and 変更 in 和暦 days',
    async () => {
      await page.keyboard.press('Alt+8');
      await page.getByRole('heading', { name: '変更の記録', level: 1 }).waitFor();
      const list = page.getByTestId('audit-list');
      await list.locator('tbody tr[data-seq]').first().waitFor();
      const today = japanDateOf(new Date().toISOString());
      const [y, m, d] = today.split('-').map(Number) as [number, number, number];
      // 和暦 in the DateField: the year of Reiwa is the Gregorian year − 2018.
      await page.getByLabel('開始日').fill(`R${y - 2018}.${m}.${d}`);
      await page.getByLabel('終了日').fill(`${y - 1}-01-01`);
      await page.getByRole('button', { name: '絞り込む' }).click();
      await expect.poll(focusedLabel).toBe('終了日');
      expect(await describedBy('終了日')).toContain('終了日は開始日と同じ日かそれより後の日にしてください');
      await page.getByLabel('終了日').fill(`${m}/${d}`.replace(/^/, `${y}/`));
      await page.getByLabel('対象の記録').selectOption('staff');
      await page.getByLabel('操作', { exact: true }).selectOption('update');
      await page.getByLabel('操作した人').selectOption({ index: 1 });
      await page.getByRole('button', { name: '絞り込む' }).click();
      await expect
        .poll(async () => {
          const texts = await list.locator('tbody tr[data-seq]').allInnerTexts();
          return texts.length > 0 && texts.every((t) => t.includes('職員') && t.includes('変更'));
        })
        .toBe(true);
      expect(await list.innerText()).toContain('山田 華子');
      expect(await list.innerText()).toContain('退職');
      await shot(page, 's09-audit');
    },
    STEP,
  );

  it(
    'as a clerk (事務): the office’s settings read only, no ユーザー page, the audit log without the users list',
    async () => {
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByLabel('ユーザー名').fill('clerk');
      await page.getByLabel('パスワード').fill(server.password);
      await page.keyboard.press('Enter');
      // The address is kept: the clerk lands on the screen the admin left.
      await page.getByRole('heading', { name: '変更の記録', level: 1 }).waitFor();
      expect(await page.locator('.topbar-user').innerText()).toContain('事務');
      await page.keyboard.press('Alt+9');
      await page.getByRole('heading', { name: /設定/, level: 1 }).waitFor();
      expect(await page.locator('main').innerText()).toContain('事業所の設定を変えられるのは管理者だけです');
      expect(await page.getByLabel('事業所番号').isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: '設定を保存' }).count()).toBe(0);
      const tabs = await page
        .getByRole('navigation', { name: '設定の項目' })
        .getByRole('link')
        .allInnerTexts();
      expect(tabs).toEqual(['事業所の設定', 'パスワードの変更']);
      await shot(page, 's11-clerk-settings');
      const before = requests.length;
      await page.keyboard.press('Alt+8');
      await page.getByTestId('audit-list').locator('tbody tr[data-seq]').first().waitFor();
      expect(requests.slice(before)).not.toContain('GET /api/v1/users');
      // The office's rename named as the office names the field; the ticks left as they were are no change.
      const office = page
        .getByTestId('audit-list')
        .locator('tr', { hasText: '事業所「ひまわり薬局 高円寺本店」' });
      expect(await office.innerText()).toContain('事業所名');
      expect(await office.innerText()).not.toContain('特別地域加算の対象');
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByLabel('ユーザー名').fill(server.username);
      await page.getByLabel('パスワード').fill(server.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '変更の記録', level: 1 }).waitFor();
    },
    STEP,
  );

  it(
    'パスワードの変更: a wrong current password refused at its field; the new one ends the session and logs in',
    async () => {
      await page.keyboard.press('Alt+9');
      await page.getByRole('link', { name: 'パスワードの変更' }).click();
      await page.getByLabel('今のパスワード').fill('まちがい-password');
      await page.getByLabel('新しいパスワード', { exact: true }).fill('new-admin-password-1');
      await page.getByLabel('新しいパスワード（確認）').fill('new-admin-password-1');
      await page.getByRole('button', { name: 'パスワードを変更' }).click();
      await expect.poll(() => describedBy('今のパスワード')).toContain('今のパスワードが違います');
      await expect.poll(focusedLabel).toBe('今のパスワード');
      await shot(page, 's10-password');
      await page.getByLabel('今のパスワード').fill(server.password);
      await page.getByRole('button', { name: 'パスワードを変更' }).click();
      await page.getByRole('heading', { name: 'ログイン', level: 1 }).waitFor();
      await page.getByLabel('ユーザー名').fill(server.username);
      await page.getByLabel('パスワード').fill('new-admin-password-1');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /設定/, level: 1 }).waitFor();
    },
    STEP,
  );

  it('no console error and no failed request beyond the refusals the walk asked for', () => {
    // Before the login, the app asks who is logged in (401).
    const asked = [
      /^401 GET \/api\/v1\/me$/,
      /^409 PATCH \/api\/v1\/users\//,
      /^400 POST \/api\/v1\/me\/password$/,
    ];
    expect(failedRequests.filter((r) => !asked.some((a) => a.test(r)))).toEqual([]);
    expect(failedRequests, failedRequests.join('\n')).toHaveLength(3);
    // Chromium logs each refused request once ("Failed to load resource"); nothing else.
    const other = consoleErrors.filter((e) => !e.startsWith('Failed to load resource'));
    expect(other).toEqual([]);
    expect(consoleErrors.length).toBe(failedRequests.length);
  });
});
