// Cross-site writes in a real browser (chromium): the clerk is logged in to santei on one port of
// 127.0.0.1, and opens a page served from another port of 127.0.0.1. That page is same-site (the port is not
// part of the site), so the SameSite=Strict session cookie goes with its requests. It posts a form with
// `text/plain` to close the month, and a `fetch` with `text/plain` (no preflight) to import a patient and to
// close the month. The server refuses them all (403: the Origin is not its own) and nothing changes; the
// same requests from santei's own page still work.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, sayIfNoChromium, type Started, useBrowserSession } from './harness.js';

sayIfNoChromium('cross-site browser tests');

const STEP_TIMEOUT = 60_000;
const MONTH = '2024-07';
const INTRUDER = 'クロス 攻撃';

/** The other site's page: a form and two fetches aimed at santei, all text/plain with the clerk's cookie. */
function attackPage(base: string, officeId: string): string {
  const office = `${base}/api/v1/offices/${officeId}`;
  const csv = `氏名\\n${INTRUDER}\\n`;
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="close" method="POST" enctype="text/plain" target="sink" action="${office}/months/${MONTH}/close">
  <input name="x" value="y">
</form>
<script>
  window.sent = (async () => {
    const opts = (body) => ({ method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'content-type': 'text/plain' }, body });
    await fetch('${office}/import/patients', opts('${csv}')).catch(() => null);
    await fetch('${office}/months/${MONTH}/close', opts('{}')).catch(() => null);
    document.getElementById('close').submit();
    await new Promise((r) => setTimeout(r, 1500));
    return true;
  })();
</script></body></html>`;
}

describe.skipIf(!haveChromium)('cross-site writes in chromium', () => {
  const session = useBrowserSession({
    name: 'cross',
    context: { viewport: { width: 1280, height: 720 }, timezoneId: undefined },
    timeout: STEP_TIMEOUT,
  });
  let server: Started;
  let other: Server;
  let otherBase: string;
  let page: Page;
  let officeId: string;
  let attack = '';

  /** A request from santei's own page (same origin), as the web app makes it. */
  const own = (method: string, path: string, body?: string, type = 'application/json') =>
    page.evaluate(
      async ([m, p, b, t]) => {
        const r = await fetch(p!, {
          method: m,
          headers: b === undefined ? {} : { 'content-type': t! },
          body: b ?? null,
        });
        return { status: r.status, body: await r.text() };
      },
      [method, path, body, type] as const,
    );

  beforeAll(async () => {
    ({ server, page } = session);
    other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attack);
    });
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    const addr = other.address();
    otherBase = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    await session.login('clerk');
    const me = JSON.parse((await own('GET', '/api/v1/me')).body) as {
      offices: { id: string; kind: string }[];
    };
    officeId = me.offices.find((o) => o.kind === 'pharmacy')!.id;
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await new Promise((ok) => (other ? other.close(ok) : ok(undefined)));
  });

  it(
    'a page on another port of 127.0.0.1 cannot close the month or import a patient with the clerk’s cookie',
    async () => {
      const claims = `/api/v1/offices/${officeId}/months/${MONTH}/claims`;
      const patients = `/api/v1/offices/${officeId}/patients?q=${encodeURIComponent(INTRUDER)}`;
      expect(JSON.parse((await own('GET', claims)).body)).toEqual([]);

      attack = attackPage(server.base, officeId);
      const seen: { url: string; status: number }[] = [];
      page.on('response', (r) => {
        if (r.url().startsWith(server.base)) seen.push({ url: r.url(), status: r.status() });
      });
      await page.goto(`${otherBase}/attack.html`);
      expect(await page.evaluate('window.sent')).toBe(true);
      await page.goto(server.base);
      await page.getByRole('heading', { name: '利用者', level: 1 }).waitFor();
      const after = {
        // The three requests reached santei with the cookie: what it answered, and what it stored.
        answers: seen
          .filter((x) => /\/(close|import\/patients)$/.test(x.url))
          .map((x) => `${x.url.replace(/^.*\/offices\/[^/]+/, '…')} ${x.status}`),
        versions: (JSON.parse((await own('GET', claims)).body) as unknown[]).length,
        intruders: (JSON.parse((await own('GET', patients)).body) as unknown[]).length,
      };
      expect(after).toEqual({
        answers: ['…/import/patients 403', `…/months/${MONTH}/close 403`, `…/months/${MONTH}/close 403`],
        versions: 0,
        intruders: 0,
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'the same close and import from santei’s own page work (the web app is not hindered)',
    async () => {
      await page.goto(server.base);
      await page.getByRole('heading', { name: '利用者', level: 1 }).waitFor();
      const imported = await own(
        'POST',
        `/api/v1/offices/${officeId}/import/patients`,
        `氏名\n${INTRUDER}\n`,
        'text/csv',
      );
      expect(imported.status, imported.body).toBe(200);
      const closed = await own('POST', `/api/v1/offices/${officeId}/months/${MONTH}/close`, '{}');
      expect(closed.status, closed.body.slice(0, 200)).toBe(201);
    },
    STEP_TIMEOUT,
  );
});
