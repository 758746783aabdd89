// The five-year report end to end, in real Chromium against both services started as the
// README starts them (synthetic demo data): numbered sections, figures equal to the reporting
// service's own answers, an A4 PDF through Chromium, and the .docx download.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_FRAME } from '../dashboard/app/report/adminFrame.ts';
import { apiRows, keepScreenshot, launchBrowser, signInContext, startDemo, type RunningDemo } from './e2e-support.ts';

const vi = new Intl.NumberFormat('vi-VN');
const HEADINGS = [
  '1. Kết quả chung',
  '2. Kết quả theo năm',
  '3. Kết quả theo phong trào thi đua',
  '4. Kết quả theo cơ quan, đơn vị',
  '5. Kết quả theo loại và theo nhóm điển hình',
  '6. Kết quả so với chỉ tiêu kế hoạch',
  '7. Tình hình xây dựng và gửi kế hoạch',
  '8. Bốn khâu: phát hiện, bồi dưỡng, tổng kết, nhân rộng',
  '9. Cơ quan, đơn vị và phong trào dẫn đầu',
  '10. Đại biểu dự Đại hội Thi đua yêu nước (Mục V)',
];
// The report's default: rolled up to the current agencies, for the latest plan with data (the
// page and the service take the same default period, so neither side writes the years).
const ROLLUP = { rollup: 'true' };

let demo: RunningDemo;
let browser: Browser;
let page: Page;
let renderMs = 0;

/** The cells of report table "Bảng n", row by row. */
async function tableCells(p: Page, no: number): Promise<string[][]> {
  return p
    .locator(`[data-report] table[data-table="${no}"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
}

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  // The congress page lists people: signed in as the province viewer (README, "Read access").
  await signInContext(context, demo.dashboardUrl, demo.viewers[0]!.token);
  page = await context.newPage();
  const started = Date.now();
  await page.goto(`${demo.dashboardUrl}/#/bao-cao`);
  await page.locator('[data-report]').waitFor({ timeout: 60_000 });
  // Every figure has drawn its chart.
  await page.waitForFunction(
    () => {
      const figures = document.querySelectorAll('[data-report] figure[data-figure-no]').length;
      return figures > 0 && document.querySelectorAll('[data-report] figure[data-figure-no] .plot-host svg').length >= figures;
    },
    null,
    { timeout: 30_000 },
  );
  renderMs = Date.now() - started;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('the five-year report in Chromium against the running demo', () => {
  it('has the numbered sections, tables and figures, with the snapshot and the synthetic notice', async () => {
    onTestFailed(async () => console.error(`screenshot kept: ${await keepScreenshot(page, 'report-sections')}`));
    console.log(`report rendered (navigation → all figures drawn) in ${renderMs} ms`);
    expect(await page.locator('[data-report] h2').allTextContents()).toEqual(HEADINGS);
    const tableCaptions = await page.locator('[data-report] table caption').allTextContents();
    expect(tableCaptions.length).toBeGreaterThanOrEqual(14);
    tableCaptions.forEach((c, i) => expect(c).toMatch(new RegExp(`^Bảng ${i + 1}\\. \\S`)));
    const figureCaptions = await page.locator('[data-report] figcaption').allTextContents();
    expect(figureCaptions.length).toBeGreaterThanOrEqual(6);
    figureCaptions.forEach((c, i) => expect(c).toMatch(new RegExp(`^Hình ${i + 1}\\. \\S`)));
    const snapshot = (await (await fetch(`${demo.dashboardUrl}/api/snapshot`)).json()) as { version: number; synthetic: boolean };
    expect(await page.locator('[data-snapshot-line]').textContent()).toMatch(
      new RegExp(`bản chốt số liệu số ${snapshot.version}, ngày \\d{2}/\\d{2}/\\d{4}`),
    );
    expect(snapshot.synthetic).toBe(true);
    await expect.poll(() => page.locator('[data-report] .synthetic').textContent()).toContain('DỮ LIỆU MINH HỌA');
    // The print margins carry the snapshot on every page.
    expect(await page.locator('style[data-print-margins]').textContent()).toContain(`Bản chốt số liệu số ${snapshot.version} · ngày`);
  });

  it('shows the figures the queries answer', async () => {
    const [h] = await apiRows<Record<string, number>>(demo.dashboardUrl, 'overview_headline', ROLLUP);
    const t1 = await tableCells(page, 1);
    expect(t1[0]).toEqual(['Số lượt công nhận điển hình', vi.format(h!.recognitions!)]);
    expect(t1[1]).toEqual(['Số điển hình (không trùng)', vi.format(h!.exemplars!)]);
    expect(t1.slice(2, 5).map((r) => r[1])).toEqual(
      [h!.exemplars_tap_the, h!.exemplars_ca_nhan, h!.exemplars_ho_gia_dinh].map((v) => vi.format(v!)),
    );

    const byYear = await apiRows<{ year: number; recognitions: number; exemplars: number }>(
      demo.dashboardUrl,
      'recognitions_by_year',
      ROLLUP,
    );
    expect(await tableCells(page, 2)).toEqual(byYear.map((r) => [String(r.year), vi.format(r.recognitions), vi.format(r.exemplars)]));
    const figure1 = await page.locator('[data-report] figure[data-figure-no="1"] .plot-host svg').textContent();
    for (const r of byYear) expect(figure1).toContain(vi.format(r.recognitions));

    // The report is the latest plan with data's: its cover names that plan, and its movements are
    // numbered as in that plan (PT 1, 2, …), not by their keys across plans.
    const plans = await apiRows<{ plan_code: string; number: string; is_latest_with_data: boolean }>(demo.dashboardUrl, 'plans_catalogue');
    const latest = plans.find((p) => p.is_latest_with_data)!;
    expect(await page.locator('[data-report] .cover').textContent()).toContain(`Căn cứ: Kế hoạch số ${latest.number}`);
    const movements = await apiRows<{ movement_no: number; plan_code: string; number: number }>(demo.dashboardUrl, 'movements_catalogue', {
      plan: latest.plan_code,
    });
    const numberOf = new Map(movements.map((m) => [m.movement_no, m.number]));
    const byMovement = await apiRows<{ movement_no: number; recognitions: number; exemplars: number }>(
      demo.dashboardUrl,
      'recognitions_by_movement',
      ROLLUP,
    );
    expect(byMovement.length).toBeGreaterThan(0);
    expect(byMovement.every((r) => numberOf.has(r.movement_no))).toBe(true);
    expect((await tableCells(page, 3)).map((r) => [r[0], r[3], r[4]])).toEqual(
      byMovement.map((r) => [String(numberOf.get(r.movement_no)), vi.format(r.recognitions), vi.format(r.exemplars)]),
    );

    // Rolled up: no merged agency has a row of its own; the total is the province's.
    const byAgency = await apiRows<{ agency_name: string; recognitions: number }>(demo.dashboardUrl, 'recognitions_by_agency', ROLLUP);
    const t4 = await tableCells(page, 4);
    expect(t4.map((r) => [r[1], r[3]])).toEqual(
      byAgency.filter((r) => r.recognitions > 0).map((r) => [r.agency_name, vi.format(r.recognitions)]),
    );

    const stages = await apiRows<{ stage_label: string; exemplars: number }>(demo.dashboardUrl, 'exemplars_by_stage', ROLLUP);
    const stageTable = await page
      .locator('[data-report] #bang-bon-khau tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(stageTable).toEqual(stages.map((r) => [r.stage_label, vi.format(r.exemplars)]));

    // Section 10 lists a congress with its own period's recognitions: the latest plan's period has
    // no congress yet, so it is the service's default congress, named in the section.
    const catalogue = (await (await fetch(`${demo.dashboardUrl}/api/queries`)).json()) as { snapshot: { defaultCongress: string } };
    const congress = catalogue.snapshot.defaultCongress;
    const [named] = (await apiRows<{ congress_code: string; name: string }>(demo.dashboardUrl, 'congresses_catalogue')).filter(
      (c) => c.congress_code === congress,
    );
    expect(await page.locator('[data-report] #dai-bieu p').first().textContent()).toContain(`Đại hội: ${named!.name}`);
    const summary = await apiRows<{ agency_name: string; seats: number | null; within_seats: number; tied_at_cutoff: number }>(
      demo.dashboardUrl,
      'congress_delegate_summary_by_agency',
      { ...ROLLUP, congress },
    );
    const delegates = await page
      .locator('[data-report] #bang-dai-bieu-don-vi tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(delegates).toHaveLength(summary.length);
    for (const s of summary) {
      const row = delegates.find((r) => r[0] === s.agency_name);
      expect(row?.slice(1, 5), s.agency_name).toEqual([
        s.seats === null ? 'Chưa phân bổ' : vi.format(s.seats),
        expect.any(String),
        vi.format(s.within_seats),
        vi.format(s.tied_at_cutoff),
      ]);
    }
    const seats = summary.reduce((t, s) => t + (s.seats ?? 0), 0);
    expect(await page.locator('[data-report] #dai-bieu p').first().textContent()).toContain(`được phân bổ ${vi.format(seats)} đại biểu`);
  });

  it('prints to an A4 PDF of several pages with extractable Vietnamese text', async () => {
    await page.emulateMedia({ media: 'print' });
    const started = Date.now();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfMs = Date.now() - started;
    await page.emulateMedia({ media: 'screen' });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    console.log(`PDF: ${totalPages} pages, ${pdf.length} bytes, ${pdfMs} ms`);
    expect(totalPages).toBeGreaterThan(1);
    const first = await doc.getPage(1);
    const [, , w, hgt] = first.view as number[];
    expect([Math.round(w!), Math.round(hgt!)]).toEqual([595, 842]); // A4 in points
    const all = text.join('\n');
    for (const heading of HEADINGS) expect(all).toContain(heading);
    expect(all).toContain('BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC');
    expect(all).toContain('Bảng 1. Số liệu chính');
    // The administrative frame (Decree 30/2020) prints too: Quốc hiệu, number, place and date, signature.
    for (const part of [ADMIN_FRAME.nation, ADMIN_FRAME.motto, 'Số: ……/BC-SNV', 'Hưng Yên, ngày', 'Nơi nhận:', 'GIÁM ĐỐC'])
      expect(all, part).toContain(part);
    expect(text[0]).toContain(ADMIN_FRAME.nation);
    // Every page carries the snapshot and its number (the @page margin boxes).
    text.forEach((pageText, i) => {
      expect(pageText).toMatch(/Bản chốt số liệu số \d+ · ngày \d{2}\/\d{2}\/\d{4}/);
      expect(pageText).toContain(`Trang ${i + 1}/${totalPages}`);
    });
  });

  it('downloads a .docx whose parts are valid XML with real tables, the headings and the figures', async () => {
    const started = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('[data-action="docx"]').click(),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    console.log(`DOCX: ${bytes.length} bytes in ${Date.now() - started} ms (${download.suggestedFilename()})`);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const files = unzipSync(new Uint8Array(bytes));
    const parser = new new JSDOM('').window.DOMParser();
    for (const [name, data] of Object.entries(files)) {
      if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
      const xml = parser.parseFromString(strFromU8(data), 'application/xml');
      expect(xml.getElementsByTagName('parsererror').length, name).toBe(0);
    }
    const documentXml = strFromU8(files['word/document.xml']!);
    const tables = await page.locator('[data-report] table').count();
    expect(documentXml.match(/<w:tbl>/g)?.length).toBe(tables);
    expect(documentXml).toContain('<w:tblHeader/>');
    const plain = documentXml.replace(/<[^>]+>/g, '');
    for (const heading of HEADINGS) expect(plain).toContain(heading);
    expect(plain).toContain('Bảng 1. Số liệu chính');
    expect(plain).toContain('Hình 1. ');
    const figures = await page.locator('[data-report] figure[data-figure-no]').count();
    const images = Object.keys(files).filter((n) => n.startsWith('word/media/') && n.endsWith('.png'));
    expect(images).toHaveLength(figures);
    for (const image of images) expect(Array.from(files[image]!.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    const header = Object.entries(files)
      .filter(([n]) => /^word\/header\d*\.xml$/.test(n))
      .map(([, d]) => strFromU8(d))
      .join('');
    expect(header).toMatch(/Bản chốt số liệu số \d+ · ngày/);

    // Laid out as an administrative document (Decree 30/2020/NĐ-CP), as the province files its reports.
    for (const part of [
      ADMIN_FRAME.nation,
      ADMIN_FRAME.motto,
      ADMIN_FRAME.superiorBody,
      ADMIN_FRAME.issuingBody,
      'Số: ……/BC-SNV',
      'Hưng Yên, ngày …… tháng …… năm ……',
      'Nơi nhận:',
      '- Lưu: VT, …….',
      'GIÁM ĐỐC',
      ADMIN_FRAME.signerName,
    ])
      expect(plain, part).toContain(part);
    // The header table comes first, before the title; the recipients and signature come last.
    expect(plain.indexOf(ADMIN_FRAME.nation)).toBeLessThan(plain.indexOf('BÁO CÁO TỔNG KẾT'));
    expect(plain.indexOf('Nơi nhận:')).toBeGreaterThan(plain.indexOf(HEADINGS.at(-1)!));
    const bodyTables = documentXml.split('<w:tbl>').slice(1);
    expect(bodyTables[0]).toContain(ADMIN_FRAME.nation);
    expect(bodyTables[0]).toMatch(/<w:top w:val="none"/);
    expect(bodyTables.at(-1)).toContain('Nơi nhận:');
    // Times New Roman, 13 pt body, A4 with margins 20/20/30/15 mm.
    expect(strFromU8(files['word/styles.xml']!)).toMatch(/w:ascii="Times New Roman"[\s\S]*?<w:sz w:val="26"\/>/);
    expect(documentXml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    // Columns sized by content: "TT" narrow, the agency name wide, all within the text width.
    const agencyTable = bodyTables.find((t) => t.includes('<w:t xml:space="preserve">TT</w:t>') || t.includes('<w:t>TT</w:t>'))!;
    expect(agencyTable).toBeDefined();
    expect(agencyTable).toContain('<w:tblLayout w:type="fixed"/>');
    const grid = [...agencyTable.slice(0, agencyTable.indexOf('</w:tblGrid>')).matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) =>
      Number(m[1]),
    );
    expect(grid).toHaveLength(5);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1701 - 851);
    expect(grid[0]!).toBeLessThan(grid[1]! / 4); // TT against Cơ quan, đơn vị
    expect(grid[1]!).toBeGreaterThan(grid[3]!); // the name against a count
  });

  it('the congress page marks the tie at the cut-off and switches between the two agency views', async () => {
    onTestFailed(async () => console.error(`screenshot kept: ${await keepScreenshot(page, 'congress')}`));
    const summary = await apiRows<{ agency_code: string; tied_at_cutoff: number; seats: number | null }>(
      demo.dashboardUrl,
      'congress_delegate_summary_by_agency',
      ROLLUP,
    );
    const tied = summary.find((s) => s.tied_at_cutoff > 0)!;
    await page.goto(`${demo.dashboardUrl}/#/dai-hoi`);
    const agency = page.locator(`section.agency[data-agency="${tied.agency_code}"]`);
    await agency.waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-view]').getAttribute('data-view')).toBe('rollup');
    expect(await agency.locator('tr[data-status="hoa_o_nguong"]').count()).toBe(tied.tied_at_cutoff);
    expect(await agency.locator('tr[data-status="hoa_o_nguong"]').first().textContent()).toContain(
      'Bằng số lần ở ngưỡng — Hội đồng quyết định',
    );
    expect(await agency.locator('tr.cutoff').textContent()).toContain(`Ngưỡng phân bổ: ${vi.format(tied.seats!)} suất`);
    // As recorded: merged agencies reappear, some of them without an allocation.
    const recorded = await apiRows<{ seats: number | null }>(demo.dashboardUrl, 'congress_delegate_summary_by_agency');
    await page.getByLabel('Cách tính theo đơn vị').selectOption('0');
    await expect.poll(() => page.url()).toContain('rollup=0');
    await expect.poll(() => page.locator('[data-view]').getAttribute('data-view')).toBe('recorded');
    await expect
      .poll(() => page.locator('[data-figure="dh-unallocated"] .value').textContent())
      .toBe(vi.format(recorded.filter((r) => r.seats === null).length));
    expect(await page.locator('a[href*="congress_delegates_by_agency"][href*="format=xlsx"]').first().getAttribute('href')).toContain(
      'rollup=false',
    );
  });
});
