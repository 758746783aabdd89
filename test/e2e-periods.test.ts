// Periods and plans are data (docs/plans-and-organisation.md), in real Chromium against the running demo (which holds
// Plan 90 2021–2025, the former Thái Bình's synthetic plan of the same years, and 2026 data under
// the 2026–2030 plan): the filter bar's period switch defaults to the latest period with data,
// switching to 2021–2025 shows Plan 90's figures, "Các giai đoạn" draws the years through 2026,
// and the Đại hội page switches congress.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiRows, useDemoAndBrowser, useSignedInPages } from './e2e-support.ts';

const running = useDemoAndBrowser();
const vi = new Intl.NumberFormat('vi-VN');

interface PlanRow {
  plan_code: string;
  number: string;
  province_name: string;
  first_year: number;
  last_year: number;
  synthetic: boolean;
  is_latest_with_data: boolean;
}
interface CongressRow {
  congress_code: string;
  name: string;
  number: string;
  held_on: number | null;
  first_year: number;
  last_year: number;
}
interface Headline {
  recognitions: number;
}

const { open } = useSignedInPages(running, 'periods');

const figure = (page: Page, label: string): Locator => page.getByRole('group', { name: label, exact: true }).locator('.value');
const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
const plansCatalogue = () => apiRows<PlanRow>(running.demo.dashboardUrl, 'plans_catalogue');

describe('the period switch', () => {
  it("lists the plans' periods and defaults to the latest period with data", async () => {
    const plans = await plansCatalogue();
    const latest = plans.find((p) => p.is_latest_with_data);
    expect(latest, 'plans_catalogue flags the latest period with data').toBeDefined();
    const periods = [...new Set(plans.map((p) => `${p.first_year}-${p.last_year}`))];
    expect(periods.length).toBeGreaterThanOrEqual(2);

    const page = await open('/', 'default');
    const select = page.getByLabel('Giai đoạn');
    await select.waitFor({ timeout: 30_000 });
    expect(await select.inputValue()).toBe(`${latest!.first_year}-${latest!.last_year}`);
    const options = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent })));
    for (const period of periods) expect(options.map((o) => o.value)).toContain(period);
    expect(options.find((o) => o.value === 'all')?.text).toBe('Các giai đoạn');
    // The default years are not written in the URL, and the heading says them.
    expect(hashParams(page).has('year_from')).toBe(false);
    await expect.poll(() => page.locator('h1').textContent()).toContain(String(latest!.first_year));
    // The figures are the service's for its default years (the same latest period).
    const [headline] = await apiRows<Headline>(running.demo.dashboardUrl, 'overview_headline');
    await expect.poll(() => figure(page, 'Lượt công nhận').textContent(), { timeout: 20_000 }).toBe(vi.format(headline!.recognitions));
    await page.close();
  }, 90_000);

  it("switching to 2021–2025 shows Plan 90's period, then Plan 90 alone", async () => {
    const plans = await plansCatalogue();
    const plan90 = plans.find((p) => p.number === '90/KH-UBND')!;
    expect(plan90).toBeDefined();
    const sameYears = plans.filter((p) => p.first_year === plan90.first_year && p.last_year === plan90.last_year);
    const years = { year_from: String(plan90.first_year), year_to: String(plan90.last_year) };

    const page = await open('/', 'plan90');
    const select = page.getByLabel('Giai đoạn');
    await select.waitFor({ timeout: 30_000 });
    await select.selectOption(`${plan90.first_year}-${plan90.last_year}`);
    await expect.poll(() => hashParams(page).get('year_from')).toBe(years.year_from);
    expect(hashParams(page).get('year_to')).toBe(years.year_to);
    const [period] = await apiRows<Headline>(running.demo.dashboardUrl, 'overview_headline', years);
    await expect.poll(() => figure(page, 'Lượt công nhận').textContent(), { timeout: 20_000 }).toBe(vi.format(period!.recognitions));
    await expect.poll(() => page.locator('h1').textContent()).toContain(`${plan90.first_year}–${plan90.last_year}`);
    await expect.poll(() => page.locator('[data-plans]').textContent()).toContain('90/KH-UBND');

    // Two plans share these years (Hưng Yên's and the former Thái Bình's): one may be chosen.
    expect(sameYears.length).toBeGreaterThanOrEqual(2);
    // (A select's accessible name also holds its chosen option: found by its own mark.)
    const planSelect = page.locator('select[data-plan-switch]');
    expect(await planSelect.evaluate((el) => el.closest('label')?.firstChild?.textContent?.trim())).toBe('Kế hoạch');
    expect(await planSelect.locator('option').first().textContent()).toBe('Tất cả kế hoạch');
    await planSelect.selectOption(plan90.plan_code);
    await expect.poll(() => hashParams(page).get('plan')).toBe(plan90.plan_code);
    const [only90] = await apiRows<Headline>(running.demo.dashboardUrl, 'overview_headline', { ...years, plan: plan90.plan_code });
    expect(only90!.recognitions).toBeLessThanOrEqual(period!.recognitions);
    await expect.poll(() => figure(page, 'Lượt công nhận').textContent(), { timeout: 20_000 }).toBe(vi.format(only90!.recognitions));
    // The movement select lists Plan 90's movements by their number within the plan.
    const movements = await page.getByLabel('Phong trào').locator('option').allTextContents();
    expect(movements[0]).toBe('Tất cả phong trào');
    expect(movements.slice(1).every((m) => /^PT \d+ · /.test(m))).toBe(true);
    expect(movements.length - 1).toBe(
      (await apiRows<{ plan_code: string }>(running.demo.dashboardUrl, 'movements_catalogue')).filter(
        (m) => m.plan_code === plan90.plan_code,
      ).length,
    );
    await page.close();
  }, 90_000);

  it('"Các giai đoạn" draws the trend by year from the first plan\'s year through 2026', async () => {
    const plans = await plansCatalogue();
    const first = Math.min(...plans.map((p) => p.first_year));
    const page = await open('/', 'all');
    const select = page.getByLabel('Giai đoạn');
    await select.waitFor({ timeout: 30_000 });
    await select.selectOption('all');
    await expect.poll(() => hashParams(page).get('year_from')).toBe(String(first));
    await expect.poll(() => page.locator('h1').textContent()).toContain('các giai đoạn');
    const bars = page.getByRole('figure', { name: 'Số lượt công nhận điển hình theo năm' }).locator('.plot-host svg').first();
    await bars.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await bars.textContent()) ?? '', { timeout: 20_000 }).toContain('2026');
    const text = (await bars.textContent()) ?? '';
    for (let year = first; year <= 2026; year++) expect(text, `year ${year}`).toContain(String(year));
    // Each year is one bar: from the first plan's first year through 2026, none after the data.
    // The last year of every period (left out of the URL when it is the default's).
    const last = Math.max(...plans.map((p) => p.last_year));
    expect(hashParams(page).get('year_to') ?? String(last)).toBe(String(last));
    const byYear = await apiRows<{ year: number; recognitions: number }>(running.demo.dashboardUrl, 'recognitions_by_year', {
      year_from: String(first),
      year_to: String(last),
    });
    const lastWithData = Math.max(...byYear.filter((r) => r.recognitions > 0).map((r) => r.year));
    expect(lastWithData).toBe(2026);
    expect(await bars.locator('g[aria-label="bar"] rect').count()).toBe(lastWithData - first + 1);
    await page.close();
  }, 90_000);
});

describe('the Đại hội page', () => {
  it('switches congress: its name, number, date, period and provinces head the page, and the lists are asked for it', async () => {
    const congresses = await apiRows<CongressRow>(running.demo.dashboardUrl, 'congresses_catalogue');
    expect(congresses.length).toBeGreaterThanOrEqual(2);
    const page = await open('/dai-hoi', 'congress');
    const select = page.locator('select[data-congress-switch]');
    await select.waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Đại hội').count()).toBe(1);
    const current = await select.inputValue();
    const other = congresses.find((c) => c.congress_code !== current)!;
    const asked = page.waitForRequest(
      (r) =>
        r.url().includes('/api/queries/congress_delegates_by_agency') &&
        new URL(r.url()).searchParams.get('congress') === other.congress_code,
      { timeout: 30_000 },
    );
    await select.selectOption(other.congress_code);
    await asked;
    await expect.poll(() => hashParams(page).get('congress')).toBe(other.congress_code);
    await expect.poll(() => page.locator('h1').textContent()).toContain(other.name);
    const facts = page.locator(`[data-congress="${other.congress_code}"]`);
    await facts.waitFor();
    const text = (await facts.textContent()) ?? '';
    expect(text).toContain(`Lần thứ ${other.number}`);
    expect(text).toContain(`${other.first_year}–${other.last_year}`);
    if (other.held_on !== null) expect(text).toMatch(/ngày \d{2}\/\d{2}\/\d{4}/);
    // Back to the first congress: the heading follows.
    await page.goBack();
    await expect.poll(() => select.inputValue()).toBe(current);
    await expect.poll(() => page.locator('h1').textContent()).toContain(congresses.find((c) => c.congress_code === current)!.name);
    await page.close();
  }, 120_000);
});
