// The first screen drawn by the reporting service (dashboard/server/firstScreenPicture.ts), against
// the demo as the README starts it, over real HTTP and in real Chromium: index.html carries the
// overview of the current snapshot, charts drawn, before any of the app's code has run; a URL
// naming another page hides it before it is painted; the app then takes its place, at the widths
// the service drew for; and a new snapshot has its own drawn as soon as it answers.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SERVER_FULL_WIDTH, SERVER_HALF_WIDTH } from '../dashboard/app/charts/serverDrawing.ts';
import { formatInteger } from '../dashboard/app/lib/format.ts';
import { startReportingServer } from '../dashboard/server/startReportingServer.ts';
import type { OrganisationFile } from '../contracts/catalogueFiles.ts';
import { apiRows, samplePath, useDemoAndBrowser } from './e2e-support.ts';
import { insertExemplars, openPlansDatabase, serveSnapshot, testMovement, testPlan2026 } from './reading-exemplars.ts';

const running = useDemoAndBrowser();

/** index.html once it carries the picture of snapshot `version` (drawn in the background). */
async function pageWithPicture(base: string, version: number): Promise<string> {
  let html = '';
  await expect
    .poll(
      async () => {
        html = await (await fetch(`${base}/`)).text();
        return /data-first-screen-picture="(\d+)"/.exec(html)?.[1];
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(String(version));
  return html;
}

/**
 * A desktop page of the demo, once its index.html carries the current picture, with what its
 * console reports as errors and warnings (a script refused by the policy, a page error), less
 * the code requests a test aborts on purpose.
 */
async function desktopPage(): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const base = running.demo.dashboardUrl;
  await pageWithPicture(base, await snapshotVersion(base));
  const context = await running.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('net::ERR_FAILED')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems, close: () => context.close() };
}

async function snapshotVersion(base: string): Promise<number> {
  return ((await (await fetch(`${base}/api/snapshot`)).json()) as { version: number }).version;
}

describe('the first screen drawn by the service', () => {
  it('is in index.html: the overview of the current snapshot, every card with its answer, charts in SVG, allowed by the policy', async () => {
    const base = running.demo.dashboardUrl;
    const version = await snapshotVersion(base);
    const html = await pageWithPicture(base, version);
    const picture = html.slice(html.indexOf('<div id="app">'), html.lastIndexOf('<link rel="preload"'));
    expect(picture).toContain(' inert>');
    expect([...picture.matchAll(/<figure[^>]* data-chart="([^"]+)"[^>]* data-status="([a-z]+)"/g)].map((m) => m[2])).toEqual(
      Array(6).fill('data'),
    );
    expect(picture.match(/<svg[^>]*role="img"/g)).toHaveLength(5);
    // The figures are the service's answers, written as the app writes them.
    const [headline] = await apiRows<{ recognitions: number; exemplars: number }>(base, 'overview_headline');
    expect(picture).toContain(`>${formatInteger(headline!.recognitions)}<`);
    expect(picture).toContain(`>${formatInteger(headline!.exemplars)}<`);
    expect(picture).toContain(`Bản chốt số liệu số ${version}`);
    // The one inline script is allowed by its hash, and nothing else inline is.
    const scripts = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const policy = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(scripts[0]!).digest('base64');
    expect(policy).toContain(`script-src 'self' 'unsafe-eval' 'sha256-${hash}'`);
    expect(policy.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  }, 60_000);

  it('shows before any of the app code runs, and not when the URL names another page', async () => {
    const base = running.demo.dashboardUrl;
    const { page, problems, close } = await desktopPage();
    try {
      await page.route('**/assets/*.js', (route) => route.abort());
      await page.goto(`${base}/#/`);
      const charts = page.locator('[data-first-screen-picture] figure[data-chart] svg[role="img"]');
      await expect.poll(() => charts.count()).toBe(5);
      for (const chart of await charts.all()) expect((await chart.boundingBox())?.width ?? 0).toBeGreaterThan(200);
      await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan');
      expect(await page.evaluate('document.documentElement.dataset.app')).toBeUndefined(); // the app never ran
      expect(problems).toEqual([]); // no refused inline script

      // On a phone, the picture's charts (drawn for a desktop) wait for the app; the rest shows,
      // and nothing is wider than the screen.
      await page.setViewportSize({ width: 390, height: 800 });
      await expect.poll(() => charts.first().isVisible()).toBe(false);
      expect(await page.locator('[data-first-screen-picture] section[aria-labelledby="headline-title"]').isVisible()).toBe(true);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1366, height: 900 });

      await page.goto(`${base}/#/dai-hoi`);
      await page.reload();
      expect(await page.locator('[data-first-screen-picture]').count()).toBe(1);
      expect(await page.locator('[data-first-screen-picture]').isVisible()).toBe(false);
    } finally {
      await close();
    }
  }, 60_000);

  it('gives way to the app, drawn at the widths the service drew for, with no error', async () => {
    const base = running.demo.dashboardUrl;
    const { page, problems, close } = await desktopPage();
    try {
      await page.goto(`${base}/#/`);
      await page.waitForFunction(() => document.documentElement.dataset.app === 'live');
      expect(await page.locator('[data-first-screen-picture]').count()).toBe(0);
      await expect
        .poll(() =>
          page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.plot-host')].map((h) => Number(h.dataset.drawn ?? 0) > 1)),
        )
        .toEqual([true, true, true, true, true]);
      const widths = await page.evaluate(() =>
        [...document.querySelectorAll('.plot-host')].map((h) => Math.round(h.getBoundingClientRect().width)),
      );
      expect(widths).toEqual([SERVER_HALF_WIDTH, SERVER_HALF_WIDTH, SERVER_HALF_WIDTH, SERVER_FULL_WIDTH, SERVER_FULL_WIDTH]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it('after an upload, is drawn for the new snapshot as it starts to answer, not at the next visit', async () => {
    const { dashboardUrl: base, ingestUrl, tokens } = running.demo;
    const before = await snapshotVersion(base);
    await pageWithPicture(base, before);
    const token = tokens.find((t) => t.agency === 'SYT')!.token;
    const form = new FormData();
    form.set('file', new File([readFileSync(samplePath('SYT_2024_excel.csv'))], 'SYT_2024_excel.csv', { type: 'text/csv' }));
    const upload = await fetch(`${ingestUrl}/api/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
    expect(upload.status).toBe(201);
    await expect.poll(() => snapshotVersion(base), { timeout: 30_000 }).toBeGreaterThan(before);
    const after = await snapshotVersion(base);
    // No page is asked for until it is drawn: SnapshotSource's onSwitch drew it.
    await expect.poll(() => running.demo.output().includes(`first screen drawn for snapshot ${after} `), { timeout: 30_000 }).toBe(true);
    // The first visit after the upload gets the new snapshot's first screen.
    expect(/data-first-screen-picture="(\d+)"/.exec(await (await fetch(`${base}/`)).text())?.[1]).toBe(String(after));
  }, 90_000);

  it('is not drawn when every answer needs a signed-in viewer (REPORTING_REQUIRE_SIGNIN=all)', async () => {
    const lines: string[] = [];
    const open = await startReportingServer({ dataDir: running.demo.dataDir, port: 0, log: (l) => lines.push(l), firstScreen: true });
    const closed = await startReportingServer({
      dataDir: running.demo.dataDir,
      port: 0,
      log: (l) => lines.push(`closed ${l}`),
      firstScreen: true,
      access: { viewers: [], requireSignIn: 'all', proxy: null, maxExports: 2, secureCookie: false },
    });
    try {
      const version = await snapshotVersion(`http://127.0.0.1:${open.port}`);
      await pageWithPicture(`http://127.0.0.1:${open.port}`, version); // the same data, drawn when open to anyone
      const html = await (await fetch(`http://127.0.0.1:${closed.port}/`)).text();
      expect(html).toContain('<div id="app"></div>');
      expect(lines.filter((l) => l.startsWith('closed first screen'))).toEqual([]);
    } finally {
      await open.close();
      await closed.close();
    }
  }, 60_000);

  it('writes markup in names as text: a movement named <img onerror=…> is a label, in the HTML and in Chromium', async () => {
    const plan = '16/KH-UBND';
    const shortName = "<img src=x onerror=alert(1)> $'"; // $' would repeat the page after the picture if read as a pattern
    const name = '"><svg onload=alert(2)> & <b>Thử</b>';
    const organisation: OrganisationFile = { format: 'to-chuc/1', provinces: [], blocs: [], agencies: [], successions: [] };
    const { dir, dbPath, db } = await openPlansDatabase(
      'picture-markup-',
      organisation,
      testPlan2026(plan, ['so_nganh'], [testMovement(1, name, shortName)]),
    );
    const published = await (async () => {
      const key = Number((await db.connection.runAndReadAll(`SELECT no FROM movements WHERE plan_code = '${plan}'`)).getRows()[0]![0]);
      await insertExemplars(db.connection, 9001, 'ca_nhan', [[1, 'E1', 'Nguyễn Văn An', '', 'SYT', key, plan, [2026]]]);
      return serveSnapshot(db.connection, dbPath, dir);
    })();
    const server = await startReportingServer({ dataDir: dir, port: 0, quiet: true, firstScreen: true });
    const context = await running.browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const html = await pageWithPicture(base, await snapshotVersion(base));
      const picture = html.slice(html.indexOf('<div id="app">'), html.lastIndexOf('<link rel="preload"'));
      expect(picture).toContain('&lt;img src=x onerror=alert(1)&gt;'); // the chart's label, as text
      for (const markup of ['<img', '<svg onload', '<b>']) expect(picture).not.toContain(markup);
      expect(html.split('</html>')).toHaveLength(2); // the page once, whatever the names hold
      // In Chromium, before any of the app's code: no dialog, nothing injected.
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.route('**/assets/*.js', (route) => route.abort());
      await page.goto(`${base}/#/`);
      await expect.poll(() => page.locator('[data-first-screen-picture] svg[role="img"]').count()).toBe(5);
      expect(await page.locator('[data-first-screen-picture]').getByText(shortName, { exact: false }).count()).toBeGreaterThan(0);
      expect(await page.evaluate('document.querySelectorAll("img, [onerror], [onload], b").length')).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
      await server.close();
      await published.snapshots.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
