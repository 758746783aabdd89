/**
 * Screenshots of each dashboard page at 1366×768, and of three at phone width (390×844), for
 * the README, against a running demo:
 *   DASHBOARD_URL=http://localhost:8788 VIEWER_TOKEN=<a viewer token> UPLOAD_TOKEN=<Sở Y tế's upload token> npx tsx scripts/screenshots.ts [outDir]
 * The register and congress pages name people: without VIEWER_TOKEN they show the sign-in form.
 * With UPLOAD_TOKEN, one more shot: the upload page's column mapping for a hand-made workbook.
 * Waits until every chart on the page has left its loading state before each shot.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../testing/chromium.ts';

export const PAGES = [
  { file: '1-tong-quan.png', hash: '#/' },
  { file: '2-phong-trao.png', hash: '#/phong-trao' },
  { file: '3-phong-trao-3.png', hash: '#/phong-trao/3' },
  { file: '4-co-quan-don-vi.png', hash: '#/co-quan' },
  { file: '5-co-quan-syt.png', hash: '#/co-quan/SYT' },
  { file: '6-danh-sach-dien-hinh.png', hash: '#/dien-hinh?q=nguyen%20van%20an' },
  { file: '7-nhap-du-lieu.png', hash: '#/nhap-du-lieu' },
  { file: '8-dai-hoi.png', hash: '#/dai-hoi' },
  { file: '9-bao-cao.png', hash: '#/bao-cao' },
];

/** The pages shown again at phone width. */
export const PHONE_PAGES = [
  { file: 'phone-1-tong-quan.png', hash: '#/' },
  { file: 'phone-4-co-quan-don-vi.png', hash: '#/co-quan' },
  { file: 'phone-8-dai-hoi.png', hash: '#/dai-hoi' },
];

const base = (process.env.DASHBOARD_URL ?? 'http://localhost:8788').replace(/\/$/, '');
const outDir = process.argv[2] ?? 'docs/screenshots';
const fullPage = process.env.FULL_PAGE === '1';
mkdirSync(outDir, { recursive: true });

const browser = await launchChromium();
try {
  const token = process.env.VIEWER_TOKEN;
  if (!token) console.warn('VIEWER_TOKEN not set: the register and congress pages will show the sign-in form');
  const open = async (viewport: { width: number; height: number }): Promise<Page> => {
    const page = await browser.newPage({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    if (token) {
      const res = await page.context().request.post(`${base}/api/session`, { data: { token } });
      if (!res.ok()) throw new Error(`VIEWER_TOKEN refused: ${res.status()} ${await res.text()}`);
    }
    return page;
  };
  const shoot = async (page: Page, shots: { file: string; hash: string }[]): Promise<void> => {
    for (const p of shots) {
      await page.goto(`${base}/${p.hash}`);
      await page.waitForFunction(
        () => !document.querySelector('[role="status"]') || document.querySelectorAll('[data-status="loading"]').length === 0,
        null,
        { timeout: 20_000 },
      );
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, p.file), fullPage });
      console.log(`${p.file} ← ${p.hash}`);
    }
  };
  const page = await open({ width: 1366, height: 768 });
  await shoot(page, PAGES);
  await shoot(await open({ width: 390, height: 844 }), PHONE_PAGES);
  const uploadToken = process.env.UPLOAD_TOKEN;
  if (uploadToken) {
    // The column mapping the service detected for a hand-made workbook, before the dry run.
    await page.goto(`${base}/#/nhap-du-lieu`);
    await page.getByLabel('Token nhập liệu').fill(uploadToken);
    await page.getByLabel('Chọn tệp hoặc kéo thả vào đây (XLSX, CSV, JSON)').setInputFiles('fixtures/samples/SVHTTDL_2023_handmade.xlsx');
    await page.getByRole('heading', { name: 'Cách đọc các cột' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, '10-anh-xa-cot.png'), fullPage: true });
    console.log('10-anh-xa-cot.png ← #/nhap-du-lieu with a workbook chosen');
  }
} finally {
  await browser.close();
}
