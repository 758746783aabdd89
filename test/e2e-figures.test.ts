// Figures that can mislead a reader, made not to, in real Chromium against both services started as
// the README starts them (synthetic demo data): an unknown agency code says so, the snapshot is
// named in Vietnamese, shares read "85,3 %" against a pro-rated target, "Cần cố gắng" with a
// movement filter ranks only agencies taking part in it, and no plan is "-11 days late".
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { apiRows, keepScreenshot, useDemoAndBrowser, VIETNAM } from './e2e-support.ts';

const pct = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const share = (v: number) => pct.format(v).replace('%', '\u00A0%');

const running = useDemoAndBrowser(300_000);
let page: Page;

beforeAll(async () => {
  const context = await running.browser.newContext({ viewport: { width: 1366, height: 900 }, ...VIETNAM });
  page = await context.newPage();
}, 300_000);

function keepOnFailure(name: string): void {
  onTestFailed(async () => {
    console.log(`screenshot: ${await keepScreenshot(page, name)}`);
  });
}

describe('figures that can mislead', () => {
  it('says an unknown agency code is unknown instead of showing zeros', async () => {
    keepOnFailure('figures-unknown-agency');
    await page.goto(`${running.demo.dashboardUrl}/#/co-quan/KHONG_CO`);
    const alert = page.locator('[data-unknown-agency]');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('Mã cơ quan, đơn vị “KHONG_CO” không có trong danh mục');
    expect(await page.locator('h1').textContent()).toBe('Không có cơ quan, đơn vị mã “KHONG_CO”');
    expect(await page.locator('.chart-card, [data-chart]').count()).toBe(0);
    // A known agency has no such message.
    await page.goto(`${running.demo.dashboardUrl}/#/co-quan/SYT`);
    await page.locator('h1', { hasText: 'Sở Y tế' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-unknown-agency]').count()).toBe(0);
  });

  it('names the snapshot "Bản chốt số liệu" and never shows the English word', async () => {
    keepOnFailure('figures-snapshot-word');
    const snapshot = (await (await fetch(`${running.demo.dashboardUrl}/api/snapshot`)).json()) as { version: number };
    for (const path of ['/', '/co-quan', '/co-quan/SYT', '/phong-trao']) {
      await page.goto(`${running.demo.dashboardUrl}/#${path}`);
      await expect
        .poll(() => page.locator('header.top').innerText(), { timeout: 20_000 })
        .toContain(`Bản chốt số liệu số ${snapshot.version}`);
      await expect
        .poll(() => page.locator('figcaption').first().textContent(), { timeout: 20_000 })
        .toContain(`bản chốt số liệu số ${snapshot.version}`);
      expect(await page.locator('body').innerText(), path).not.toMatch(/snapshot/i);
    }
  });

  it('writes "Đạt chỉ tiêu" as "NN,N %" against the target pro-rated to the years selected', async () => {
    keepOnFailure('figures-share');
    const [h] = await apiRows<{ share_achieved: number; target_total: number; target_for_years: number }>(
      running.demo.dashboardUrl,
      'overview_headline',
      { year_from: '2023', year_to: '2025' },
    );
    expect(h!.target_for_years).toBeCloseTo((h!.target_total * 3) / 5, 1);
    await page.goto(`${running.demo.dashboardUrl}/#/?year_from=2023&year_to=2025`);
    const figure = page.locator('[data-figure="share"]');
    await expect.poll(() => figure.locator('.value').textContent(), { timeout: 20_000 }).toBe(share(h!.share_achieved));
    expect(await figure.locator('.value').textContent()).toMatch(/^\d+(,\d)?\u00A0%$/);
    expect(await figure.locator('.note').textContent()).toContain('tính cho 3 năm đã chọn');
  });

  it('with a movement filter, "Cần cố gắng" lists only agencies that take part in it', async () => {
    keepOnFailure('figures-behind');
    const ranked = await apiRows<{ agency_name: string }>(running.demo.dashboardUrl, 'agencies_behind_per_active_year', { movement: '3' });
    const all = await apiRows<{ agency_code: string }>(running.demo.dashboardUrl, 'recognitions_by_agency', { movement: '3' });
    expect(ranked.length).toBeLessThan(all.length); // not every agency, most of them at 0
    await page.goto(`${running.demo.dashboardUrl}/#/?movement=3`);
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Cần cố gắng' }) });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 20_000 }).toBe(Math.min(5, ranked.length));
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(ranked.slice(0, 5).map((r) => r.agency_name));
    expect(await page.locator('[data-behind-note]').textContent()).toContain('Chỉ xếp các đơn vị có chỉ tiêu hoặc');
  });

  it('shows no negative "Số ngày sau hạn" for plans sent on time', async () => {
    keepOnFailure('figures-days');
    await page.goto(`${running.demo.dashboardUrl}/#/co-quan`);
    const table = page.locator('table', { has: page.locator('th', { hasText: 'Số ngày sau hạn' }) });
    await table.locator('tbody tr').first().waitFor({ timeout: 20_000 });
    const column = await table.locator('th').allTextContents();
    const index = column.findIndex((t) => t.includes('Số ngày sau hạn'));
    const cells = await table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell.trim()).not.toMatch(/^[-−]/);
  });
});
