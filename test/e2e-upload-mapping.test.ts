// The upload page's mapping preview end to end, in real Chromium against both services started
// as the README starts them (scripts/start.ts, on free ports: the ingest service is never on
// 8787 here, so the page can only reach it through the served configuration).
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Hono } from 'hono';
import { contentSecurityPolicy } from '../dashboard/server/contentSecurityPolicy.ts';
import { ingestLocationFromEnv } from '../dashboard/server/ingestLocation.ts';
import { keepScreenshot, samplePath, useDemoAndBrowser, VIETNAM } from './e2e-support.ts';

const running = useDemoAndBrowser();
let context: BrowserContext;

beforeAll(async () => {
  // A phone's width: the mapping table must scroll inside itself, not widen the page.
  context = await running.browser.newContext({ viewport: { width: 390, height: 844 }, ...VIETNAM });
}, 240_000);

async function freshPage(name: string): Promise<Page> {
  const p = await context.newPage();
  onTestFailed(async () => {
    console.error(`screenshot kept: ${await keepScreenshot(p, name)}\n--- services ---\n${running.demo.output().slice(-3000)}`);
  });
  return p;
}

const sytToken = () => running.demo.tokens.find((t) => t.agency === 'SYT')!.token;
const count = async (p: Page, which: 'accepted' | 'refused') =>
  Number((await p.locator(`[data-count="${which}"]`).textContent())!.replace(/\./g, ''));

/** Sở Y tế's 2024 sample, with `edit` applied to its text, written to the demo's data folder. */
function sampleVariant(name: string, edit: (text: string) => string): string {
  const path = join(running.demo.dataDir, name);
  writeFileSync(path, edit(readFileSync(samplePath('SYT_2024_excel.csv'), 'utf8')));
  return path;
}

async function openUploadPage(p: Page): Promise<void> {
  await p.goto(`${running.demo.dashboardUrl}/#/nhap-du-lieu`);
  await p.getByLabel('Token nhập liệu').fill(sytToken());
}

describe('the upload page in Chromium: mapping preview, dry run, commit', () => {
  it('finds the ingest service from the served configuration (a non-default port), and the CSP lets it through', async () => {
    expect(new URL(running.demo.ingestUrl).port).not.toBe('8787');
    const config = (await (await fetch(`${running.demo.dashboardUrl}/api/config`)).json()) as { ingestUrl: string };
    expect(config.ingestUrl).toBe(running.demo.ingestUrl);
    const csp = (await fetch(`${running.demo.dashboardUrl}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${running.demo.ingestUrl.replace(/[.]/g, '\\.')}( |;)`));

    const p = await freshPage('upload-served-config');
    const ingestRequests: string[] = [];
    p.on('request', (r) => {
      if (r.url().startsWith(running.demo.ingestUrl)) ingestRequests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    const violations: string[] = [];
    p.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await openUploadPage(p);
    await expect
      .poll(() => p.getByRole('link', { name: 'Tải tệp mẫu (XLSX)' }).getAttribute('href'))
      .toBe(`${running.demo.ingestUrl}/api/template.xlsx`);
    await p.getByLabel('Chọn tệp hoặc kéo thả vào đây (XLSX, CSV, JSON)').setInputFiles(samplePath('SYT_2024_excel.csv'));
    await p.getByRole('heading', { name: 'Cách đọc các cột' }).waitFor({ timeout: 30_000 });
    expect(ingestRequests).toContain('POST /api/uploads/preview');
    expect(violations).toEqual([]);
  });

  it('a column read wrongly is changed in its drop-down; the dry run follows; the commit imports the rows', async () => {
    // The year column headed "Đợt xét", a header the service does not know: no year column.
    const file = sampleVariant('SYT_2024_dot_xet.csv', (t) => t.replace('Năm công nhận', 'Đợt xét'));
    const dataRows = readFileSync(file, 'utf8').trim().split(/\r?\n/).length - 1;
    const p = await freshPage('upload-mapping');
    await openUploadPage(p);
    await p.getByLabel('Chọn tệp hoặc kéo thả vào đây (XLSX, CSV, JSON)').setInputFiles(file);

    const preview = p.getByRole('region', { name: 'Bảng xem trước các cột' });
    await preview.waitFor({ timeout: 30_000 });
    const yearSelect = p.getByLabel(/^Cột [A-Z]+ «Đợt xét» là$/);
    expect(await yearSelect.inputValue()).toBe('');
    expect(await p.getByLabel(/«Loại» là$/).inputValue()).toBe('kind');
    expect(await preview.textContent()).toContain('2024');
    // The first rows are shown, and the table scrolls inside its box at 390 px: the page does not widen.
    expect(await preview.locator('tbody tr').count()).toBe(10);
    expect(await preview.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // As the service reads it, the file has no year column: refused whole, in a clerk's words.
    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await p.getByRole('heading', { name: 'Tệp bị từ chối' }).waitFor({ timeout: 30_000 });
    const refusal = await p.locator('section.report').textContent();
    expect(refusal).toContain('Năm công nhận');
    expect(refusal).not.toMatch(/\bmapping\b|accept_partial/);
    expect(await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).isDisabled()).toBe(true);

    // The clerk says what the column is; the service previews again with that mapping.
    await yearSelect.selectOption({ label: 'Năm công nhận' });
    await expect.poll(() => p.locator('td[data-field="year"]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => yearSelect.isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await yearSelect.inputValue()).toBe('year');

    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await p.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa nhập)' }).waitFor({ timeout: 30_000 });
    expect(await count(p, 'accepted')).toBe(dataRows);
    expect(await count(p, 'refused')).toBe(0);
    await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    await p.getByRole('heading', { name: 'Đã nhập dữ liệu' }).waitFor({ timeout: 60_000 });
    expect(await p.locator('section.report').textContent()).toContain(`Đã nhập ${new Intl.NumberFormat('vi-VN').format(dataRows)} dòng`);
  });

  it("an ingest service without the preview (404) leaves today's flow: the dry run, then the commit offered", async () => {
    const p = await freshPage('upload-no-preview');
    await p.route(`${running.demo.ingestUrl}/api/uploads/preview`, (r) =>
      r.fulfill({ status: 404, contentType: 'text/plain', body: '404 Not Found' }),
    );
    await openUploadPage(p);
    await p.getByLabel('Chọn tệp hoặc kéo thả vào đây (XLSX, CSV, JSON)').setInputFiles(samplePath('SYT_2024_excel.csv'));
    await p.getByText('chưa có bản xem trước').waitFor({ timeout: 30_000 });
    expect(await p.getByRole('region', { name: 'Bảng xem trước các cột' }).count()).toBe(0);
    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await p.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa nhập)' }).waitFor({ timeout: 30_000 });
    expect(await count(p, 'accepted')).toBeGreaterThan(0);
    expect(await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).isEnabled()).toBe(true);
  });

  it('offers "Chỉ nhập N dòng hợp lệ" with N from the dry run, only when some rows are valid, and never names an API parameter', async () => {
    const broken = [
      '901;Nguyễn Văn Kiểm Thử;Cá nhân;Bác sĩ, Trung tâm Y tế huyện Ân Thi;PT số 3;Điển hình tiên tiến;Phát hiện;2019;Công nhận ĐHTT;1/QĐ-SYT;21/05/2024',
      '902;Trần Thị Kiểm Thử;Nhóm;Điều dưỡng, Trung tâm Y tế huyện Ân Thi;PT số 3;Điển hình tiên tiến;Phát hiện;2024;Công nhận ĐHTT;1/QĐ-SYT;21/05/2024',
    ];
    const mixed = sampleVariant('SYT_2024_hai_dong_loi.csv', (t) => t.replace(/\r?\n?$/, '\r\n') + broken.join('\r\n') + '\r\n');
    const onlyBad = sampleVariant('SYT_2024_chi_dong_loi.csv', (t) => t.split(/\r?\n/)[0] + '\r\n' + broken.join('\r\n') + '\r\n');
    const p = await freshPage('upload-partial');
    await openUploadPage(p);
    const fileInput = p.getByLabel('Chọn tệp hoặc kéo thả vào đây (XLSX, CSV, JSON)');

    await fileInput.setInputFiles(onlyBad);
    await p.getByRole('region', { name: 'Bảng xem trước các cột' }).waitFor({ timeout: 30_000 });
    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await p.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa nhập)' }).waitFor({ timeout: 30_000 });
    expect(await count(p, 'accepted')).toBe(0);
    expect(await p.getByRole('button', { name: /^Chỉ nhập/ }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).isDisabled()).toBe(true);

    await fileInput.setInputFiles(mixed);
    await p.getByRole('region', { name: 'Bảng xem trước các cột' }).waitFor({ timeout: 30_000 });
    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await p.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa nhập)' }).waitFor({ timeout: 30_000 });
    const valid = await count(p, 'accepted');
    expect(valid).toBeGreaterThan(0);
    expect(await count(p, 'refused')).toBe(2);
    expect(await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).isDisabled()).toBe(true);
    const partial = p.getByRole('button', { name: `Chỉ nhập ${new Intl.NumberFormat('vi-VN').format(valid)} dòng hợp lệ` });
    expect(await p.locator('body').textContent()).not.toMatch(/accept_partial|\bmapping\b|dry_run/);
    await partial.click();
    await p.getByRole('heading', { name: 'Đã nhập dữ liệu' }).waitFor({ timeout: 60_000 });
    expect(await count(p, 'accepted')).toBe(valid);
    expect(await p.locator('body').textContent()).not.toMatch(/accept_partial|\bmapping\b|dry_run/);
  });
});

describe('where the page is told the ingest service is (GET /api/config, CSP connect-src)', () => {
  it('INGEST_PUBLIC_URL wins, else the requested host at INGEST_PORT; a malformed setting stops the start', async () => {
    const page = new URL('http://10.0.0.5:8788/#/nhap-du-lieu');
    expect(ingestLocationFromEnv({})(page)).toBe('http://10.0.0.5:8787');
    expect(ingestLocationFromEnv({ INGEST_PORT: '9100' })(page)).toBe('http://10.0.0.5:9100');
    expect(ingestLocationFromEnv({ INGEST_PORT: '9100', INGEST_PUBLIC_URL: 'https://nhaplieu.example.vn/' })(page)).toBe(
      'https://nhaplieu.example.vn',
    );
    expect(() => ingestLocationFromEnv({ INGEST_PORT: 'abc' })).toThrow(/INGEST_PORT/);
    expect(() => ingestLocationFromEnv({ INGEST_PUBLIC_URL: 'nhaplieu.example.vn' })).toThrow(/INGEST_PUBLIC_URL/);

    const app = new Hono();
    app.use(
      contentSecurityPolicy(ingestLocationFromEnv({ INGEST_PUBLIC_URL: 'https://nhaplieu.example.vn/base' }), ['https://extra.example.vn']),
    );
    app.get('/', (c) => c.text('ok'));
    const csp = (await app.request('http://localhost:8788/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' https://nhaplieu.example.vn https://extra.example.vn;");
    expect(csp).not.toContain(':*');
  });
});
