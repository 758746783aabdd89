// The dashboard end to end, in real Chromium, against both services started as the README
// starts them (scripts/start.ts with the synthetic demo data). Figures on screen are compared
// with the reporting service's own answers, never with numbers written here.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiRows, keepScreenshot, launchBrowser, samplePath, signInThroughForm, startDemo, type RunningDemo } from './e2e-support.ts';

const vi = new Intl.NumberFormat('vi-VN');
let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;
let page: Page;

interface Headline {
  recognitions: number;
  exemplars: number;
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function freshPage(name: string): Promise<Page> {
  page = await context.newPage();
  const p = page;
  onTestFailed(async () => {
    console.error(`screenshot kept: ${await keepScreenshot(p, name)}\n--- services ---\n${demo.output().slice(-3000)}`);
  });
  return p;
}

const figure = (p: Page, label: string) => p.getByRole('group', { name: label, exact: true }).locator('.value');
const chart = (p: Page, title: string) => p.getByRole('figure', { name: title });

describe('dashboard in Chromium against the running demo', () => {
  it('the overview draws its charts with the demo counts', async () => {
    const p = await freshPage('overview');
    const [headline] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline');
    const byYear = await apiRows<{ year: number; recognitions: number }>(demo.dashboardUrl, 'recognitions_by_year');
    await p.goto(`${demo.dashboardUrl}/#/`);
    await expect.poll(() => figure(p, 'Lượt công nhận').textContent(), { timeout: 20_000 }).toBe(vi.format(headline!.recognitions));
    expect(await figure(p, 'Điển hình (không trùng)').textContent()).toBe(vi.format(headline!.exemplars));
    const bars = chart(p, 'Số lượt công nhận điển hình theo năm');
    await bars.locator('.plot-host svg').first().waitFor();
    const text = await bars.locator('.plot-host svg').first().textContent();
    for (const row of byYear) {
      expect(text).toContain(String(row.year));
      expect(text).toContain(vi.format(row.recognitions));
    }
    // The default is the latest period with data: its years still to come are written "0" and
    // draw no bar (a zero is no bar); every year with recognitions draws one.
    const withData = byYear.filter((r) => r.recognitions > 0);
    expect(withData.length).toBeGreaterThan(0);
    expect(await bars.locator('svg g[aria-label="bar"] rect').count()).toBe(withData.length);
    // Every chart on the first screen has drawn (no chart left loading, none in error).
    await expect.poll(() => p.locator('[data-status="loading"], [data-status="error"]').count()).toBe(0);
    expect(await p.locator('figure[data-chart] .plot-host svg').count()).toBeGreaterThanOrEqual(4);
    await expect
      .poll(() => p.locator('figcaption').first().textContent())
      .toMatch(/Nguồn: .*bản chốt số liệu số \d+, ngày \d{2}\/\d{2}\/\d{4}/);
  });

  it('a filter changes the URL and the figures; back restores them', async () => {
    const p = await freshPage('filter');
    // Plan 90's period, written in the URL (the default is the latest period with data).
    const [all] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline', { year_from: '2021', year_to: '2025' });
    const [from2024] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline', { year_from: '2024', year_to: '2025' });
    expect(from2024!.recognitions).not.toBe(all!.recognitions);
    await p.goto(`${demo.dashboardUrl}/#/?year_from=2021&year_to=2025`);
    await expect.poll(() => figure(p, 'Lượt công nhận').textContent(), { timeout: 20_000 }).toBe(vi.format(all!.recognitions));
    await p.getByLabel('Từ năm').selectOption('2024');
    await expect.poll(() => p.url()).toContain('year_from=2024');
    await expect.poll(() => figure(p, 'Lượt công nhận').textContent()).toBe(vi.format(from2024!.recognitions));
    // A bookmark of the filtered view opens the same figures.
    const bookmarked = await context.newPage();
    await bookmarked.goto(p.url());
    await expect
      .poll(() => figure(bookmarked, 'Lượt công nhận').textContent(), { timeout: 20_000 })
      .toBe(vi.format(from2024!.recognitions));
    await bookmarked.close();
    await p.goBack();
    await expect.poll(() => p.url()).toContain('year_from=2021');
    await expect.poll(() => figure(p, 'Lượt công nhận').textContent()).toBe(vi.format(all!.recognitions));
  });

  it('the register finds "Nguyễn Văn An" when "nguyen van an" is typed, with the history', async () => {
    const p = await freshPage('register');
    // Plan 90's period, written in the URL: the demo's Nguyễn Văn An was recognised in 2021–2025.
    const plan90 = { year_from: '2021', year_to: '2025' };
    const matches = await apiRows<{ name: string }>(
      demo.dashboardUrl,
      'exemplar_register',
      { search: 'nguyen van an', ...plan90 },
      demo.viewers[0]!.token,
    );
    expect(matches.some((r) => r.name === 'Nguyễn Văn An')).toBe(true); // the demo data has one
    await p.goto(`${demo.dashboardUrl}/#/dien-hinh?year_from=2021&year_to=2025`);
    // The register names people: it asks for a viewer's sign-in first (README, "Read access").
    await signInThroughForm(p, demo.viewers[0]!.token);
    await p.getByText(demo.viewers[0]!.label).waitFor();
    await p.getByLabel('Tìm theo tên (không phân biệt dấu, chữ hoa/thường)').fill('nguyen van an');
    await expect.poll(() => p.url()).toContain('q=nguyen');
    expect(p.url()).toContain('year_from=2021');
    const hit = p.getByRole('button', { name: 'Nguyễn Văn An', exact: true }).first();
    await hit.waitFor({ timeout: 20_000 });
    await hit.click();
    await p.getByRole('table', { name: /Quá trình công nhận: Nguyễn Văn An/ }).waitFor();
    expect(
      await p
        .getByRole('table', { name: /Quá trình công nhận/ })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
  });

  it('a chart exports as SVG and PNG (not blank, title and source drawn in) and its table as CSV', async () => {
    const p = await freshPage('export');
    await p.goto(`${demo.dashboardUrl}/#/`);
    const card = chart(p, 'Số lượt công nhận điển hình theo năm');
    await card.locator('.plot-host svg').first().waitFor({ timeout: 20_000 });

    const [svgDownload] = await Promise.all([p.waitForEvent('download'), card.getByRole('button', { name: 'SVG' }).click()]);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
    expect(svg).toContain('<svg');
    expect(svg).toContain('Số lượt công nhận điển hình theo năm');
    expect(svg).toMatch(/Nguồn: .*bản chốt số liệu số \d+/);
    expect(svg).toContain('Noto Sans');

    const [pngDownload] = await Promise.all([p.waitForEvent('download'), card.getByRole('button', { name: 'PNG 2×' }).click()]);
    const png = readFileSync((await pngDownload.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.includes(Buffer.from('pHYs'))).toBe(true); // print density for Word/PowerPoint
    const pixels = await p.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 160) dark++;
      return { width: canvas.width, height: canvas.height, dark };
    }, png.toString('base64'));
    const onScreen = await card
      .locator('.plot-host svg')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(pixels.width).toBeGreaterThanOrEqual(2 * onScreen);
    expect(pixels.dark / (pixels.width * pixels.height)).toBeGreaterThan(0.02); // bars and text, not a blank page

    const [csvDownload] = await Promise.all([p.waitForEvent('download'), card.getByRole('link', { name: 'CSV' }).click()]);
    const csv = readFileSync((await csvDownload.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads Vietnamese right
    const text = new TextDecoder('utf-8').decode(csv.subarray(3));
    expect(text).toContain('Năm');
    expect(text).toContain('Số lượt công nhận');
    const byYear = await apiRows<{ year: number; recognitions: number }>(demo.dashboardUrl, 'recognitions_by_year');
    for (const row of byYear) expect(text).toMatch(new RegExp(`${row.year}[,;]"?${row.recognitions}`));
  });

  it('the upload page shows refusals for a bad file, commits a good one, and the overview follows', async () => {
    const p = await freshPage('upload');
    const syt = demo.tokens.find((t) => t.agency === 'SYT');
    expect(syt).toBeDefined();
    // The good file: Sở Y tế's 2024 sample (the same rows as the demo's 2024 batch) plus two new
    // exemplars, so committing it (it supersedes that batch) adds exactly two recognitions.
    const goodFile = join(demo.dataDir, 'SYT_2024_bo_sung.csv');
    const added = [
      '117;Trần Thị Kiểm Thử;Cá nhân;"Điều dưỡng, Bệnh viện Đa khoa tỉnh Hưng Yên";PT số 3;Điển hình tiên tiến;Phát hiện;2024;Công nhận ĐHTT;136/QĐ-SYT;21/05/2024',
      '118;"Khoa Kiểm Thử, Bệnh viện Sản Nhi Hưng Yên";Tập thể;;PT số 3;Mô hình mới;Phát hiện;2024;Công nhận ĐHTT;136/QĐ-SYT;21/05/2024',
    ];
    writeFileSync(
      goodFile,
      readFileSync(samplePath('SYT_2024_excel.csv'), 'utf8').replace(/\r?\n?$/, '\r\n') + added.join('\r\n') + '\r\n',
    );
    // The file's year (2024) is in Plan 90's period, not in the default (latest) one: the
    // figures compared are that period's, and the default period's do not move.
    const plan90 = { year_from: '2021', year_to: '2025' };
    const [before] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline', plan90);
    const [latestBefore] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline');
    const versionBefore = Number(((await (await fetch(`${demo.dashboardUrl}/api/snapshot`)).json()) as { version: number }).version);

    // No ?ingest=: the page finds the ingest service (on a free port, not 8787) from GET /api/config.
    await p.goto(`${demo.dashboardUrl}/#/nhap-du-lieu`);
    await p.getByLabel('Token nhập liệu').fill(syt!.token);
    const fileInput = p.getByLabel('Chọn tệp hoặc kéo thả vào đây (XLSX, CSV, JSON)');
    await fileInput.setInputFiles(samplePath('bad_rows.csv'));
    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    const refusals = p.getByRole('table', { name: 'Các dòng bị từ chối' });
    await refusals.waitFor({ timeout: 30_000 });
    expect(await refusals.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await refusals.textContent()).toContain('bad_rows.csv');
    // Rows that are not refused are listed too: the repeat inside the file (collapsed at first).
    await p.locator('summary', { hasText: 'Các dòng trùng trong tệp' }).click();
    const repeats = p.getByRole('table', { name: 'Các dòng trùng trong tệp (không nhập lần nữa)' });
    expect(await repeats.locator('tbody tr').count()).toBe(1);
    expect(await repeats.textContent()).toContain('Trùng với dòng');
    expect(await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).isDisabled()).toBe(true);

    await fileInput.setInputFiles(goodFile);
    await p.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await p.getByRole('heading', { name: 'Kết quả kiểm tra thử (chưa nhập)' }).waitFor({ timeout: 30_000 });
    expect(Number((await p.locator('[data-count="accepted"]').textContent())!.replace(/\./g, ''))).toBeGreaterThan(0);
    await p.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    await p.getByRole('heading', { name: 'Đã nhập dữ liệu' }).waitFor({ timeout: 60_000 });

    // The commit publishes a new snapshot; the reporting service switches to it.
    await expect
      .poll(async () => Number(((await (await fetch(`${demo.dashboardUrl}/api/snapshot`)).json()) as { version: number }).version), {
        timeout: 30_000,
      })
      .toBeGreaterThan(versionBefore);
    const [after] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline', plan90);
    expect(after!.recognitions).toBe(before!.recognitions + 2);
    expect(after!.exemplars).toBe(before!.exemplars + 2);
    const [latestAfter] = await apiRows<Headline>(demo.dashboardUrl, 'overview_headline');
    expect([latestAfter!.recognitions, latestAfter!.exemplars]).toEqual([latestBefore!.recognitions, latestBefore!.exemplars]);
    await p.goto(`${demo.dashboardUrl}/#/?year_from=2021&year_to=2025`);
    await expect.poll(() => figure(p, 'Lượt công nhận').textContent(), { timeout: 20_000 }).toBe(vi.format(after!.recognitions));
    await expect.poll(() => figure(p, 'Điển hình (không trùng)').textContent()).toBe(vi.format(after!.exemplars));
  });
  it('the agency view: as recorded, by the organisation at the end of the plan, or (when the service takes as_of) on a date', async () => {
    const p = await freshPage('agency-view');
    // The date view is offered only when the query catalogue declares as_of (a service without it is never sent one).
    const catalogue = (await (await fetch(`${demo.dashboardUrl}/api/queries`)).json()) as {
      queries: Array<{ name: string; params: Array<{ name: string }> }>;
    };
    const declares = catalogue.queries.find((q) => q.name === 'recognitions_by_agency')!.params.some((x) => x.name === 'as_of');
    await p.goto(`${demo.dashboardUrl}/#/co-quan`);
    const view = p.getByLabel('Cách tính theo đơn vị');
    await expect
      .poll(() => view.locator('option').allTextContents(), { timeout: 20_000 })
      .toEqual(['Theo đơn vị ghi nhận', 'Theo tổ chức cuối kỳ kế hoạch', ...(declares ? ['Theo tổ chức tại ngày…'] : [])]);
    const card = chart(p, 'Số lượt công nhận theo cơ quan, đơn vị');
    const csvHref = () => card.getByRole('link', { name: 'CSV' }).getAttribute('href');
    await view.selectOption('1');
    await expect.poll(() => p.url()).toContain('rollup=1');
    await expect.poll(csvHref).toContain('rollup=true');
    if (!declares) {
      // A bookmarked date view on a service without as_of: read as the plain view, nothing refused.
      await p.goto(`${demo.dashboardUrl}/#/co-quan?as_of=2025-06-30`);
      await card.locator('.plot-host svg').first().waitFor({ timeout: 20_000 });
      expect(await csvHref()).not.toContain('as_of');
      expect(await p.locator('[data-status="error"]').count()).toBe(0);
      expect(await p.getByLabel('Tổ chức tại ngày', { exact: true }).count()).toBe(0);
      return;
    }
    await view.selectOption('date');
    await expect.poll(() => p.url()).toMatch(/as_of=\d{4}-\d{2}-\d{2}/);
    const date = p.getByLabel('Tổ chức tại ngày', { exact: true });
    // Written dd/mm/yyyy; a day that does not exist is refused in words and changes nothing.
    await date.fill('31/02/2025');
    await date.press('Enter');
    await p.getByRole('alert').filter({ hasText: 'dd/mm/yyyy' }).waitFor();
    expect(p.url()).not.toContain('as_of=2025-02-31');
    await date.fill('30/06/2025');
    await date.press('Enter');
    await expect.poll(() => p.url()).toContain('as_of=2025-06-30');
    expect(p.url()).not.toContain('rollup');
    await expect.poll(csvHref).toContain('as_of=2025-06-30');
    expect(await csvHref()).not.toContain('rollup');
    expect(await card.textContent()).toContain('tổ chức tại ngày 30/06/2025');
    // The figures are the service's for the same date, and the succession section is asked for it too.
    const byAgency = await apiRows<{ agency_name: string; recognitions: number }>(demo.dashboardUrl, 'recognitions_by_agency', {
      as_of: '2025-06-30',
    });
    const top = [...byAgency].sort((a, b) => b.recognitions - a.recognitions)[0]!;
    await expect
      .poll(() => card.locator('.plot-host svg').first().textContent(), { timeout: 20_000 })
      .toContain(vi.format(top.recognitions));
    expect(await p.locator('[data-succession] [data-as-of-note]').textContent()).toContain('30/06/2025');
    expect(await p.locator('[data-status="error"]').count()).toBe(0);
  });

  it('the header signs out and in; an agency viewer reads its own agency in the register (phone width)', async () => {
    const p = await freshPage('sign-in-header');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${demo.dashboardUrl}/#/dien-hinh`);
    const [province, agency] = [demo.viewers[0]!, demo.viewers.find((v) => v.agency !== '*')!];
    await p.getByTestId('signed-in-as').waitFor();
    await p.getByRole('button', { name: 'Đăng xuất' }).click();
    // Signed out: the register asks for a sign-in again instead of listing names.
    await p.getByLabel('Mã truy cập xem dữ liệu').first().waitFor();
    expect(await p.getByRole('table').count()).toBe(0);
    await p.getByRole('button', { name: 'Đăng nhập', exact: true }).first().click();
    const headerForm = p.locator('header form.sign-in');
    await headerForm.getByLabel('Mã truy cập xem dữ liệu').fill('sai-ma-truy-cap-0000');
    await headerForm.getByRole('button', { name: 'Đăng nhập' }).click();
    await headerForm.getByRole('alert').filter({ hasText: 'không đúng' }).waitFor();
    await headerForm.getByLabel('Mã truy cập xem dữ liệu').fill(agency.token);
    await headerForm.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => p.getByTestId('signed-in-as').textContent()).toContain(agency.label);
    const expected = await apiRows<{ agency_code: string; total_count: number }>(
      demo.dashboardUrl,
      'exemplar_register',
      { agency: agency.agency, limit: '1' },
      province.token,
    );
    await expect
      .poll(() => p.locator('[data-total]').getAttribute('data-total'), { timeout: 20_000 })
      .toBe(String(expected[0]!.total_count));
    // Its download links carry the session cookie: the export holds its agency's rows only.
    const csv = await p.context().request.get(`${demo.dashboardUrl}/api/queries/exemplar_register?format=csv&header=name&limit=100000`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines.length - 1).toBe(expected[0]!.total_count);
    // Back to the province for any test after this one.
    await p.getByRole('button', { name: 'Đăng xuất' }).click();
    await signInThroughForm(p, province.token);
    await expect.poll(() => p.getByTestId('signed-in-as').textContent()).toContain(province.label);
  });
});
