// Plans are data (docs/plans-and-organisation.md), end to end: the product started as a province starts it (no demo data, the shipped
// Plan 90 only), then, over real HTTP and with no restart, Sở Nội vụ registers an organisation
// change (two communes splitting a district's history) and a 2026–2030 plan, agencies send
// 2024 and 2026 lists, and the dashboard in real Chromium shows 2026, the cross-period trend
// and the split's totals conserved.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiRows, keepScreenshot, launchBrowser, signInContext, startDemo, VIETNAM, type RunningDemo } from './e2e-support.ts';

const SNV = 'e2e-new-period-snv-0000000000000001';
const SYT = 'e2e-new-period-syt-0000000000000002';
const KC = 'e2e-new-period-kc-00000000000000003';
const PLAN_CODE = '15/KH-UBND-2026';

let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  demo = await startDemo({
    empty: {
      tokens: [
        { label: 'e2e: Sở Nội vụ', agency: '*', token: SNV },
        { label: 'e2e: Sở Y tế', agency: 'SYT', token: SYT },
        { label: 'e2e: Huyện Khoái Châu', agency: 'KHOAICHAU', token: KC },
      ],
    },
  });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...VIETNAM });
  await signInContext(context, demo.dashboardUrl, demo.viewers[0]!.token);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const HEADER = [
  'STT',
  'Tên tập thể/cá nhân',
  'Loại',
  'Chức vụ, đơn vị / địa chỉ',
  'Phong trào thi đua',
  'Năm công nhận',
  'Số QĐ',
  'Ngày QĐ',
];
const csv = (rows: string[][]) =>
  `\uFEFF${[HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

async function post(
  path: string,
  token: string,
  file: { name: string; body: string | Uint8Array; type: string },
  fields: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.set('file', new File([typeof file.body === 'string' ? file.body : new Uint8Array(file.body)], file.name, { type: file.type }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${demo.ingestUrl}${path}`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

const uploadList = (token: string, name: string, rows: string[][], fields: Record<string, string> = {}) =>
  post('/api/uploads', token, { name, body: csv(rows), type: 'text/csv' }, fields);

/** The organisation change as Sở Nội vụ fills the template: two communes, and the district's split. */
async function organisationWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const agencies = wb.addWorksheet('Cơ quan, đơn vị');
  agencies.addRow(['Mã', 'Tên cơ quan, đơn vị', 'Loại', 'Khối thi đua', 'Tỉnh', 'Hiệu lực từ', 'Hiệu lực đến', 'Tên gọi khác']);
  agencies.addRow(['XA_TAN_DAN', 'Xã Tân Dân', 'Xã, phường', 'K_DIAPHUONG', 'HY', '01/07/2025', '', 'UBND xã Tân Dân']);
  agencies.addRow(['XA_KHOAI_CHAU', 'Xã Khoái Châu', 'Xã, phường', 'K_DIAPHUONG', 'HY', '01/07/2025', '', 'UBND xã Khoái Châu']);
  const successions = wb.addWorksheet('Kế thừa');
  successions.addRow(['Cơ quan cũ', 'Cơ quan kế thừa', 'Ngày hiệu lực', 'Phần kế thừa', 'Giá trị', 'Ghi chú']);
  successions.addRow(['KHOAICHAU', 'XA_TAN_DAN', '01/07/2025', 'Theo xã, phường', 'Tân Dân', 'Điển hình của xã Tân Dân cũ']);
  successions.addRow(['KHOAICHAU', 'XA_KHOAI_CHAU', '01/07/2025', 'Phần còn lại', '', 'Phần còn lại của huyện']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const PLAN = {
  format: 'ke-hoach/1',
  code: PLAN_CODE,
  number: '15/KH-UBND',
  issuedOn: '2026-02-10',
  issuedBy: 'Ủy ban nhân dân tỉnh Hưng Yên',
  title: 'Kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn 2026–2030 (thử nghiệm)',
  province: 'HY',
  firstYear: 2026,
  lastYear: 2030,
  submissionDeadline: '2026-04-30',
  reportingKinds: ['so_nganh', 'xa_phuong'],
  synthetic: true,
  movements: [
    { no: 1, name: 'Chuyển đổi số trong y tế', shortName: 'Y tế số', parts: [], leadAgency: 'SYT', assignment: 'giao' },
    {
      no: 2,
      name: 'Xây dựng xã, phường văn minh, hiện đại',
      shortName: 'Xã, phường văn minh',
      parts: [],
      leadAgency: 'SNV',
      assignment: 'giao',
    },
  ],
  targets: [],
};

async function open(path: string, name: string): Promise<Page> {
  const page = await context.newPage();
  onTestFailed(async () => {
    console.error(`screenshot kept: ${await keepScreenshot(page, `new-period-${name}`)}\n${demo.output().slice(-2000)}`);
  });
  await page.goto(`${demo.dashboardUrl}/#${path}`);
  return page;
}

describe('a new period registered through the API, with no restart', () => {
  it('refuses a 2026 list before the plan exists, then takes it once Sở Nội vụ registers the plan and the communes', async () => {
    const syt2024 = await uploadList(SYT, 'SYT_2024.csv', [
      ['1', 'Nguyễn Thị Hoa', 'Cá nhân', 'Bệnh viện Đa khoa tỉnh', '3', '2024', '12/QĐ-UBND', '11/06/2024'],
    ]);
    expect(syt2024.status).toBe(201);
    const kc2024 = await uploadList(KC, 'KHOAICHAU_2024.csv', [
      ['1', 'Hợp tác xã nông nghiệp Tân Dân', 'Tập thể', 'xã Tân Dân, huyện Khoái Châu', '4', '2024', '15/QĐ-UBND', '11/06/2024'],
      ['2', 'Trần Văn Bình', 'Cá nhân', 'thôn Đông, xã Tân Dân', '17', '2024', '15/QĐ-UBND', '11/06/2024'],
      ['3', 'Lê Thị Cúc', 'Cá nhân', 'thị trấn Khoái Châu', '14', '2024', '15/QĐ-UBND', '11/06/2024'],
    ]);
    expect(kc2024.status).toBe(201);

    const early = await uploadList(SYT, 'SYT_2026.csv', [
      ['1', 'Nguyễn Thị Hoa', 'Cá nhân', 'Bệnh viện Đa khoa tỉnh', '1', '2026', '3/QĐ-UBND', '05/06/2026'],
    ]);
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('YEAR_NO_PLAN');
    expect(early.body.error.message).toContain('2021–2025');

    const organisation = await post('/api/organisation', SNV, {
      name: 'to-chuc-2025.xlsx',
      body: await organisationWorkbook(),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(organisation.status, JSON.stringify(organisation.body).slice(0, 600)).toBe(201);
    const plan = await post('/api/plans', SNV, { name: 'ke-hoach-2026.json', body: JSON.stringify(PLAN), type: 'application/json' });
    expect(plan.status, JSON.stringify(plan.body).slice(0, 600)).toBe(201);

    const syt2026 = await uploadList(SYT, 'SYT_2026.csv', [
      ['1', 'Nguyễn Thị Hoa', 'Cá nhân', 'Bệnh viện Đa khoa tỉnh', '1', '2026', '3/QĐ-UBND', '05/06/2026'],
      ['2', 'Khoa Cấp cứu', 'Tập thể', 'Bệnh viện Đa khoa tỉnh', 'Chuyển đổi số trong y tế', '2026', '3/QĐ-UBND', '05/06/2026'],
    ]);
    expect(syt2026.status, JSON.stringify(syt2026.body).slice(0, 600)).toBe(201);
    expect(syt2026.body.plan.code).toBe(PLAN_CODE);
    const commune = await uploadList(
      SNV,
      'XA_TAN_DAN_2026.csv',
      [['1', 'Hợp tác xã nông nghiệp Tân Dân', 'Tập thể', 'xã Tân Dân', '2', '2026', '7/QĐ-UBND', '05/06/2026']],
      { agency: 'XA_TAN_DAN' },
    );
    expect(commune.status, JSON.stringify(commune.body).slice(0, 600)).toBe(201);
    // Neither service restarted: the supervisor logged no restart.
    expect(demo.output()).not.toMatch(/\[supervisor\] .*restart/);
  }, 120_000);

  it("answers for the new period and across periods, and conserves the split district's totals", async () => {
    const plans = await apiRows<{ plan_code: string; first_year: number; last_year: number; is_latest_with_data: boolean }>(
      demo.dashboardUrl,
      'plans_catalogue',
    );
    expect(plans.map((p) => [p.plan_code, p.first_year, p.last_year, p.is_latest_with_data])).toEqual(
      expect.arrayContaining([
        ['90/KH-UBND', 2021, 2025, false],
        [PLAN_CODE, 2026, 2030, true],
      ]),
    );
    // The last commit's snapshot reaches the reporting service within a moment.
    const counts = async () => {
      const byYear = await apiRows<{ year: number; recognitions: number }>(demo.dashboardUrl, 'recognitions_by_year', {
        year_from: '2021',
        year_to: '2030',
      });
      return Object.fromEntries(byYear.filter((r) => r.recognitions > 0).map((r) => [r.year, r.recognitions]));
    };
    await expect.poll(counts, { timeout: 10_000 }).toEqual({ 2024: 4, 2026: 3 });
    const totals = await apiRows<{ predecessor_code: string; successor_code: string | null; exemplars: number }>(
      demo.dashboardUrl,
      'succession_totals',
    );
    const kc = totals.filter((t) => t.predecessor_code === 'KHOAICHAU');
    // by default the organisation in force today (every succession): the district's history is in its communes
    expect(Object.fromEntries(kc.map((t) => [t.successor_code ?? 'chưa xác định', t.exemplars]))).toEqual({
      XA_TAN_DAN: 2,
      XA_KHOAI_CHAU: 1,
      'chưa xác định': 0,
    });
    const onTheDay = await apiRows<{ predecessor_code: string }>(demo.dashboardUrl, 'succession_totals', { as_of: '2025-07-01' });
    expect(onTheDay.filter((t) => t.predecessor_code === 'KHOAICHAU')).toEqual(kc);
    // the day before, the district was still whole: no succession of it in force
    const dayBefore = await apiRows<{ predecessor_code: string }>(demo.dashboardUrl, 'succession_totals', { as_of: '2025-06-30' });
    expect(dayBefore.filter((t) => t.predecessor_code === 'KHOAICHAU')).toEqual([]);
  }, 60_000);

  it('shows 2026 by default in the dashboard and the trend across periods', async () => {
    const page = await open('/', 'overview');
    const period = page.getByLabel('Giai đoạn');
    await period.waitFor({ timeout: 30_000 });
    expect(await period.inputValue()).toBe('2026-2030');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toContain('2026');
    await expect
      .poll(() => page.getByRole('group', { name: 'Lượt công nhận', exact: true }).locator('.value').textContent(), { timeout: 20_000 })
      .toBe('3');
    await period.selectOption('all');
    // The trend's data table (the chart's text alternative) lists both periods' years.
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 20_000 }).toMatch(/2024[\s\S]*2026/);
    await page.close();
  }, 90_000);
});
