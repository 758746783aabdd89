// Markup in names (docs/architecture.md#security), in real Chromium: names such as <script>… and <img onerror=…>
// are uploaded through the dashboard's own upload page to the ingest service, committed,
// published, and then shown by the register, exemplar detail, agency and congress pages. Each
// must show the literal text; no dialog may fire and no element may be injected. The chart
// SVG export (composeSvg, bundled from the app's source) must escape the same text.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { createIngestApp } from '../ingest/server/app.ts';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { WriteQueue } from '../ingest/commit/writeQueue.ts';
import { DEFAULT_LIMITS } from '../ingest/pipeline/ingestUpload.ts';
import { createReportingApp } from '../dashboard/server/app.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { keepScreenshot, launchBrowser, signInContext } from './e2e-support.ts';
import { PROVINCE_TOKEN, testAccess } from './queries-viewer.ts';
import { HEADER, TOKENS, csv } from './ingest-helpers.ts';

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'Trường <b>Lê Quý Đôn</b> & <i>con</i>',
];
const REFUSED_VALUE = '<img src=y onerror=alert(2)>';

let dir: string;
let db: Database;
let snapshots: SnapshotSource;
let ingest: ServerType;
let reporting: ServerType;
let ingestUrl: string;
let dashboardUrl: string;
let browser: Browser;
let svgLib: string;
const dialogs: string[] = [];

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<ServerType>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
  });
const portOf = (s: ServerType) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'security-markup-'));
  // The dashboard is built once into dist/dashboard by the system project's global setup.
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      outDir: join(dir, 'lib'),
      emptyOutDir: true,
      lib: { entry: 'dashboard/app/export/composeSvg.ts', formats: ['iife'], name: 'ComposeSvg', fileName: () => 'composeSvg.js' },
    },
  });
  svgLib = join(dir, 'lib', 'composeSvg.js');

  const dbPath = join(dir, 'exemplars.duckdb');
  db = await openDatabase(dbPath);
  await migrate(db.connection);
  snapshots = new SnapshotSource(dir, { log: () => {}, pollMs: 100 });
  reporting = await listen(
    createReportingApp({
      snapshots,
      staticDir: join(process.cwd(), 'dist', 'dashboard'),
      log: () => {},
      access: testAccess(),
      ingestLocation: () => ingestUrl,
    }).fetch,
  );
  dashboardUrl = `http://127.0.0.1:${portOf(reporting)}`;
  const readConn = await db.instance.connect();
  const app = createIngestApp({
    store: { conn: db.connection, dbPath, dataDir: dir },
    readConn,
    tokens: TOKENS,
    limits: DEFAULT_LIMITS,
    queue: new WriteQueue(),
    log: () => {},
    corsOrigins: [dashboardUrl],
  });
  ingest = await listen(app.fetch);
  ingestUrl = `http://127.0.0.1:${portOf(ingest)}`;

  // Sở Nội vụ allocates seats to Sở GD&ĐT so the congress page lists its exemplars.
  const form = new FormData();
  form.set('file', new File([JSON.stringify([{ agency: 'SGDDT', seats: 10 }])], 'phan-bo.json'));
  const alloc = await fetch(`${ingestUrl}/api/allocations`, {
    method: 'POST',
    body: form,
    headers: { Authorization: 'Bearer token-snv-0123456789ab' },
  });
  expect(alloc.status, await alloc.clone().text()).toBe(201);
  await snapshots.start();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (ingest ? ingest.close(r) : r(null)));
  await new Promise((r) => (reporting ? reporting.close(r) : r(null)));
  await snapshots?.stop();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openPage(name: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  // The register, history and congress list name people: signed in as the province viewer.
  await signInContext(page.context(), dashboardUrl, PROVINCE_TOKEN);
  page.on('dialog', (d) => {
    dialogs.push(`${name}: ${d.message()}`);
    void d.dismiss();
  });
  onTestFailed(async () => {
    console.error(`screenshot kept: ${await keepScreenshot(page, `security-markup-${name}`)}`);
  });
  return page;
}

/** Nothing from the names became an element or an event handler. */
async function expectNothingInjected(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    imgs: document.querySelectorAll('img[src="x"], img[src="y"]').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => e.hasAttribute('onerror') || e.hasAttribute('onload')).length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    bold: [...document.querySelectorAll('b, i')].filter((e) => /Lê Quý Đôn|con/.test(e.textContent ?? '')).length,
  }));
  expect(found, where).toEqual({ imgs: 0, handlers: 0, inlineScripts: 0, bold: 0 });
  expect(dialogs, where).toEqual([]);
}

describe('markup in names shows as text in Chromium', () => {
  it('the upload page sends the file and shows its report (names and a refused value) as text', async () => {
    const page = await openPage('upload');
    const rows = MARKUP.map((n, i) => [String(i + 1), n, 'Cá nhân', n, '15', '2023', '1/QĐ', '5/6/2023']);
    const refused = [...rows, ['9', 'Người có loại lạ', REFUSED_VALUE, 'x', '15', '2023', '1/QĐ', '5/6/2023']];
    // The page finds the ingest service from the served configuration (GET /api/config).
    await page.goto(`${dashboardUrl}/#/nhap-du-lieu`);
    await page.getByLabel('Token nhập liệu').fill('token-sgddt-0123456789');
    // First the file with a refused row: the report shows the refused value as typed.
    await page
      .locator('#upload-file')
      .setInputFiles({ name: 'ten-co-the.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv([HEADER, ...refused])) });
    await page.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await page.getByText(REFUSED_VALUE, { exact: false }).first().waitFor({ timeout: 20_000 });
    await expectNothingInjected(page, 'upload report');
    // Then the clean file, committed.
    await page
      .locator('#upload-file')
      .setInputFiles({ name: 'ten-co-the-2.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + csv([HEADER, ...rows])) });
    await page.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    await expect
      .poll(
        async () =>
          (
            (await fetch(`${dashboardUrl}/api/queries/exemplar_register?format=json&agency=SGDDT`, {
              headers: { Authorization: `Bearer ${PROVINCE_TOKEN}` },
            }).then((r) => r.json())) as { rows: unknown[] }
          ).rows.length,
        { timeout: 20_000 },
      )
      .toBe(MARKUP.length);
    await expectNothingInjected(page, 'upload committed');
    await page.close();
  });

  it('the register and the exemplar history show the literal names', async () => {
    const page = await openPage('register');
    await page.goto(`${dashboardUrl}/#/dien-hinh`);
    for (const name of MARKUP) await page.getByRole('button', { name, exact: true }).first().waitFor({ timeout: 20_000 });
    await expectNothingInjected(page, 'register');
    for (const name of MARKUP) {
      await page.getByRole('button', { name, exact: true }).first().click();
      await page.getByRole('table', { name: `Quá trình công nhận: ${name}` }).waitFor({ timeout: 10_000 });
      await expectNothingInjected(page, `history of ${name}`);
    }
    await page.close();
  });

  it('the congress page lists them as text', async () => {
    const page = await openPage('congress');
    await page.goto(`${dashboardUrl}/#/dai-hoi`);
    for (const name of MARKUP) await page.getByText(name, { exact: true }).first().waitFor({ timeout: 20_000 });
    await expectNothingInjected(page, 'congress');
    await page.close();
  });

  it('the agency page draws without injecting anything', async () => {
    const page = await openPage('agency');
    await page.goto(`${dashboardUrl}/#/co-quan/SGDDT`);
    await page.locator('figure[data-chart] .plot-host svg').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-status="loading"]').count(), { timeout: 20_000 }).toBe(0);
    await expectNothingInjected(page, 'agency');
    await page.close();
  });

  it('the SVG export escapes markup in labels and captions', async () => {
    // The test injects the export module as a script, which the page's CSP rightly forbids.
    const page = await openPage('svg', { bypassCSP: true });
    await page.goto(`${dashboardUrl}/#/dien-hinh`);
    await page.addScriptTag({ content: readFileSync(svgLib, 'utf8') });
    const svg = await page.evaluate((names) => {
      const ns = 'http://www.w3.org/2000/svg';
      const chart = document.createElementNS(ns, 'svg');
      chart.setAttribute('width', '300');
      chart.setAttribute('height', '100');
      for (const n of names) {
        const t = document.createElementNS(ns, 'text');
        t.textContent = n;
        chart.appendChild(t);
      }
      const lib = (window as unknown as { ComposeSvg: { composeSvg: (p: SVGSVGElement[], c: object) => { text: string } } }).ComposeSvg;
      return lib.composeSvg([chart], { title: names[0], lines: names.slice(1), source: names[2], warning: names[3] }).text;
    }, MARKUP);
    expect(svg).not.toMatch(/<script|<img|<b>|<i>|<svg onload/);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        injected: doc.querySelectorAll('script, img, foreignObject, b, i, [onload], [onerror]').length,
        text: doc.documentElement.textContent ?? '',
      };
    }, svg);
    expect(parsed.errors).toBe(0);
    expect(parsed.injected).toBe(0);
    for (const name of MARKUP) expect(parsed.text).toContain(name);
    // Opened on its own, as a user would open the downloaded file: nothing runs.
    await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    await expectNothingInjected(page, 'svg file');
    await page.close();
  });
});
