import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The app's .svelte.ts modules keep their state in $state, which Svelte compiles to its deep
// proxy (compileModule emits `$.proxy(…)`); vitest runs them uncompiled, so the rune is that proxy.
await vi.hoisted(async () => {
  // @ts-expect-error -- Svelte's internal client module ships no type declarations
  const { proxy } = (await import('svelte/internal/client')) as { proxy: <T>(value: T) => T };
  Object.assign(globalThis, { $state: proxy });
});
import { agencyName, loadCatalogue } from '../dashboard/app/lib/catalogue.svelte.ts';
import { describeSource, describeView } from '../dashboard/app/lib/describe.ts';
import { parseFilters } from '../dashboard/app/lib/filters.ts';
import { planLine, plans, plansInView } from '../dashboard/app/lib/plans.svelte.ts';
import { buildReport, type ReportContext } from '../dashboard/app/report/buildReport.ts';
import { vocabularyLabel } from '../dashboard/app/lib/vocabulary.svelte.ts';
import { loadReportData, type ReportData } from '../dashboard/app/report/loadReportData.ts';
import type { ReportModel, ReportTable } from '../dashboard/app/report/reportModel.ts';
import { reportScope, REPORT_VIEW_QUERIES } from '../dashboard/app/report/reportScope.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';

// dashboard/app/report/buildReport.ts: the five-year report, built as the report page builds it
// (URL → filters → scope → every query's answer → model) from the real answers of a reporting
// service serving test/queries-fixture.ts, whose figures are worked out by hand there.

let service: FixtureService;

beforeAll(async () => {
  service = await startFixtureService();
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => service.app.request(input, init));
  await loadCatalogue();
  if (!plans.loaded) throw new Error(`plans not read: ${plans.error}`);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await service?.stop();
});

/** The report page's steps (pages/ReportPage.svelte), for the URL `search`. */
async function report(search: string, kindLabels?: ReportContext['kindLabels']): Promise<{ model: ReportModel; data: ReportData }> {
  const filters = parseFilters(new URLSearchParams(search), { rollup: true, asOfQueries: REPORT_VIEW_QUERIES });
  const inView = plansInView(filters);
  const main = inView.find((p) => p.code === filters.plan) ?? inView.find((p) => !p.synthetic) ?? inView[0];
  const scope = reportScope(filters, main?.code ?? null, 'HY-X');
  const answer = await loadReportData(scope);
  if (!answer.ok) throw new Error(`report data: ${JSON.stringify(answer.error)}`);
  expect(answer.snapshot.version).toBe(1);
  const scopeName = scope.agency ? agencyName(scope.agency) : 'Toàn tỉnh';
  const model = buildReport(answer.data, {
    scope,
    scopeName,
    plans: inView,
    planLines: inView.map(planLine),
    congressLine: 'Đại hội: Đại hội Thi đua yêu nước tỉnh Hưng Yên lần thứ X, giai đoạn 2021–2025',
    viewText: describeView(scope.rollup, scope.as_of),
    source: describeSource(answer.snapshot),
    snapshot: 'Bản chốt số liệu số 1',
    synthetic: false,
    // As the report page passes them: the served vocabulary's labels.
    kindLabels: kindLabels ?? {
      tap_the: vocabularyLabel('kind', 'tap_the'),
      ca_nhan: vocabularyLabel('kind', 'ca_nhan'),
      ho_gia_dinh: vocabularyLabel('kind', 'ho_gia_dinh'),
    },
  });
  return { model, data: answer.data };
}

function table(model: ReportModel, id: string): ReportTable {
  const block = model.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.id === id);
  if (block?.type !== 'table') throw new Error(`no table ${id}`);
  return block;
}
function paragraph(model: ReportModel, sectionId: string): string {
  const block = model.sections.find((s) => s.id === sectionId)?.blocks.find((b) => b.type === 'paragraph');
  if (block?.type !== 'paragraph') throw new Error(`no paragraph in ${sectionId}`);
  return block.text;
}
const row = (t: ReportTable, first: string) => t.rows.find((r) => r[0] === first);
const P = '\u00A0%';

describe('the report as recorded (rollup=0), 2021–2025', () => {
  let model: ReportModel;
  let data: ReportData;
  beforeAll(async () => ({ model, data } = await report('rollup=0')));

  it('heads the report with the province, the period, the plan and the agency view', () => {
    expect(model.title).toBe('BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC VÀ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN');
    expect(model.subtitle).toBe('Tỉnh Hưng Yên, giai đoạn 2021–2025');
    expect(model.scopeLines).toEqual([
      'Phạm vi: Toàn tỉnh',
      'Thời gian: giai đoạn 2021–2025',
      'Căn cứ: Kế hoạch số 90/KH-UBND ngày 11/06/2021 của Ủy ban nhân dân tỉnh Hưng Yên',
      'Cách tính: Số liệu theo đơn vị ghi nhận (chưa gộp đơn vị đã sáp nhập)',
    ]);
    expect(model.source).toMatch(/, bản chốt số liệu số 1, ngày \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('numbers the ten sections, and the tables and figures in order of appearance', () => {
    expect(model.sections.map((s) => [s.no, s.id])).toEqual([
      [1, 'so-lieu-chinh'],
      [2, 'theo-nam'],
      [3, 'theo-phong-trao'],
      [4, 'theo-don-vi'],
      [5, 'theo-loai-nhom'],
      [6, 'chi-tieu'],
      [7, 'gui-ke-hoach'],
      [8, 'bon-khau'],
      [9, 'dan-dau'],
      [10, 'dai-bieu'],
    ]);
    const blocks = model.sections.flatMap((s) => s.blocks);
    expect(blocks.flatMap((b) => (b.type === 'table' ? [b.no] : []))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(blocks.flatMap((b) => (b.type === 'figure' ? [b.no] : []))).toEqual(Array.from({ length: 7 }, (_, i) => i + 1));
    for (const t of blocks.filter((b): b is ReportTable => b.type === 'table')) {
      for (const r of t.rows) expect(r, t.id).toHaveLength(t.columns.length);
    }
  });

  it('says the headline figures: 9 exemplars, 24 recognitions, 3 movements, 3 agencies, 56,3 % of 16', () => {
    expect(paragraph(model, 'so-lieu-chinh')).toBe(
      `Trong giai đoạn 2021–2025, toàn tỉnh có 9 điển hình tiên tiến được công nhận với 24 lượt công nhận, thuộc 3 phong trào thi đua và 3 cơ quan, đơn vị. So với chỉ tiêu 16 điển hình trong kế hoạch 5 năm của các cơ quan, đơn vị, đã đạt 56,3${P}.`,
    );
    expect(table(model, 'bang-so-lieu-chinh').rows).toEqual([
      ['Số lượt công nhận điển hình', '24'],
      ['Số điển hình (không trùng)', '9'],
      ['  – Tập thể', '2'],
      ['  – Cá nhân', '6'],
      ['  – Hộ gia đình', '1'],
      ['Lượt công nhận điển hình tiên tiến', '22'],
      ['Lượt Bằng khen của Chủ tịch UBND tỉnh', '2'],
      ['Số cơ quan, đơn vị có điển hình', '3'],
      ['Số phong trào có điển hình', '3'],
      ['Chỉ tiêu theo kế hoạch 5 năm 2021–2025 (điển hình)', '16'],
      ['Tỷ lệ đạt chỉ tiêu', `56,3${P}`],
    ]);
  });

  it('lists the years, and the recognitions by kind and by category', () => {
    expect(table(model, 'bang-theo-nam').rows).toEqual([
      ['2021', '3', '3'],
      ['2022', '4', '4'],
      ['2023', '5', '5'],
      ['2024', '7', '6'],
      ['2025', '5', '4'],
    ]);
    expect(table(model, 'bang-theo-loai').rows).toEqual([
      ['Tập thể', '4', '2'],
      ['Cá nhân', '18', '6'],
      ['Hộ gia đình', '2', '1'],
    ]);
    expect(table(model, 'bang-theo-nhom').rows).toEqual([
      ['Điển hình tiên tiến', '22', '7'],
      ['Mô hình mới', '1', '1'],
      ['Nhân tố mới', '1', '1'],
    ]);
    expect(table(model, 'bang-bon-khau').rows).toEqual([
      ['Phát hiện', '6'],
      ['Bồi dưỡng', '1'],
      ['Tổng kết', '1'],
      ['Nhân rộng', '1'],
    ]);
  });

  it('lists every movement by its number within the plan, and names the lead agency', () => {
    const t = table(model, 'bang-theo-phong-trao');
    expect(t.rows).toHaveLength(20);
    expect(row(t, '3')).toEqual(['3', 'Y tế: phục vụ người bệnh, chống Covid-19', 'Sở Y tế', '19', '6']);
    expect(row(t, '8')).toEqual(['8', 'Không còn đói nghèo', 'Sở Lao động - Thương binh và Xã hội', '3', '2']);
  });

  it('lists only the agencies with a recognition, most first, and says how many it leaves out', () => {
    const t = table(model, 'bang-theo-don-vi');
    expect(t.rows).toEqual([
      ['1', 'Sở Y tế', 'Khối các sở, ngành văn hóa - xã hội', '19', '6'],
      ['2', 'Sở Lao động - Thương binh và Xã hội', 'Khối các sở, ngành văn hóa - xã hội', '3', '2'],
      ['3', 'Sở Nội vụ', 'Khối các sở, ngành văn hóa - xã hội', '2', '1'],
    ]);
    expect(t.note).toBe(
      `${data.byAgency.numRows - 3} cơ quan, đơn vị không có lượt công nhận nào trong giai đoạn 2021–2025 không được liệt kê.`,
    );
    const figure = model.sections.find((s) => s.id === 'theo-don-vi')!.blocks.find((b) => b.type === 'figure')!;
    expect(figure.type === 'figure' && figure.caption).toBe('3 cơ quan, đơn vị có nhiều lượt công nhận nhất (lượt)');
  });

  it("sets results against the plans' targets: every agency with a plan is behind", () => {
    expect(paragraph(model, 'chi-tieu')).toBe(
      'Chỉ tiêu là số điển hình các cơ quan, đơn vị đăng ký trong kế hoạch giai đoạn 2021–2025; kết quả là số điển hình được công nhận trong giai đoạn 2021–2025. 3 cơ quan, đơn vị chưa đạt chỉ tiêu.',
    );
    expect(table(model, 'bang-chi-tieu-don-vi').rows).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', '4', '2', `50${P}`],
      ['Sở Nội vụ', '2', '1', `50${P}`],
      ['Sở Y tế', '10', '6', `60${P}`],
    ]);
    const byMovement = table(model, 'bang-chi-tieu-phong-trao');
    expect(row(byMovement, '3. Y tế: phục vụ người bệnh, chống Covid-19')).toEqual([
      '3. Y tế: phục vụ người bệnh, chống Covid-19',
      '10',
      '6',
      `60${P}`,
    ]);
    expect(row(byMovement, '1. Học tập và làm theo Bác')).toEqual(['1. Học tập và làm theo Bác', 'Chưa có', '0', '–']);
  });

  it("reports the agencies' own plans against the deadline of 31/08/2021", () => {
    const t = table(model, 'bang-gui-ke-hoach');
    expect(t.caption).toBe('Tình hình gửi kế hoạch 2021–2025 (hạn 31/08/2021)');
    expect(row(t, 'Sở Y tế')).toEqual(['Sở Y tế', '55/KH-SYT', '20/08/2021', '0', 'Đúng hạn']);
    expect(row(t, 'Sở Nội vụ')).toEqual(['Sở Nội vụ', '70/KH-SNV', '31/08/2021', '0', 'Đúng hạn']);
    expect(row(t, 'Sở Lao động - Thương binh và Xã hội')).toEqual([
      'Sở Lao động - Thương binh và Xã hội',
      '12/KH-SLĐTBXH',
      '15/09/2021',
      '15',
      'Trễ hạn',
    ]);
    const unsent = t.rows.filter((r) => r[4] === 'Chưa gửi kế hoạch');
    expect(unsent.length).toBe(t.rows.length - 3);
    expect(unsent.every((r) => r[1] === '–' && r[2] === '–')).toBe(true);
    // No plan sent: no count of days after the deadline (not 0, which reads as "on time").
    expect(unsent.length).toBeGreaterThan(0);
    expect(unsent.every((r) => r[3] === '–')).toBe(true);
    expect(paragraph(model, 'gui-ke-hoach')).toBe(
      `Kế hoạch 2021–2025 của các cơ quan, đơn vị gửi Sở Nội vụ trước ngày 31/08/2021: 2 đơn vị gửi đúng hạn, 1 đơn vị gửi trễ hạn, ${unsent.length} đơn vị chưa gửi (theo đơn vị tại thời điểm gửi).`,
    );
  });

  it('names the leading agencies and movements with their trend', () => {
    expect(table(model, 'bang-don-vi-dan-dau').rows).toEqual([
      ['Sở Y tế', '19', '6'],
      ['Sở Lao động - Thương binh và Xã hội', '3', '2'],
      ['Sở Nội vụ', '2', '1'],
    ]);
    expect(table(model, 'bang-phong-trao-dan-dau').rows.slice(0, 3)).toEqual([
      ['3. Y tế: phục vụ người bệnh, chống Covid-19', '19', '6', 'Tăng'],
      ['8. Không còn đói nghèo', '3', '2', 'Giảm'],
      ['9. Văn hóa công sở', '2', '1', 'Tăng'],
    ]);
    const last = table(model, 'bang-phong-trao-can-co-gang').rows;
    expect(last).toHaveLength(5);
    expect(last.every((r) => r[1] === '0')).toBe(true);
  });

  it('sums Section V: 9 seats over 3 agencies, 3 within, 2 tied for 1 seat, 5 unfilled, 1 without allocation', () => {
    expect(paragraph(model, 'dai-bieu')).toBe(
      'Đại hội: Đại hội Thi đua yêu nước tỉnh Hưng Yên lần thứ X, giai đoạn 2021–2025. Theo Mục V của Kế hoạch số 90/KH-UBND, đại biểu được lựa chọn theo số lần được công nhận điển hình tiên tiến từ cao xuống thấp đến khi đủ số lượng phân bổ. 3 cơ quan, đơn vị được phân bổ 9 đại biểu; 3 điển hình trong số phân bổ; 2 điển hình bằng số lần ở ngưỡng tranh 1 suất còn lại (Hội đồng Thi đua - Khen thưởng quyết định); 5 suất chưa có người. 1 cơ quan, đơn vị có điển hình nhưng chưa được phân bổ.',
    );
    expect(table(model, 'bang-dai-bieu-don-vi').rows).toEqual([
      ['Sở Giáo dục và Đào tạo', '4', '0', '0', '0', '–', '4'],
      ['Sở Lao động - Thương binh và Xã hội', 'Chưa phân bổ', '2', '0', '0', '–', '–'],
      ['Sở Nội vụ', '2', '1', '1', '0', '–', '1'],
      ['Sở Y tế', '3', '6', '2', '2', '1', '0'],
    ]);
    expect(table(model, 'bang-dai-bieu-loai').rows).toEqual([
      ['Tập thể', '0', '1', '1'],
      ['Cá nhân', '3', '1', '4'],
      ['Hộ gia đình', '0', '0', '0'],
    ]);
  });
});

describe("the report rolled up (the page's default): Sở LĐ-TB&XH counts under Sở Nội vụ", () => {
  let model: ReportModel;
  beforeAll(async () => ({ model } = await report('')));

  it('says the rolled-up view and counts two agencies', () => {
    expect(model.scopeLines[3]).toBe(`Cách tính: ${describeView(true)}`);
    expect(paragraph(model, 'so-lieu-chinh')).toContain('thuộc 3 phong trào thi đua và 2 cơ quan, đơn vị.');
    expect(table(model, 'bang-theo-don-vi').rows.map((r) => r.slice(1))).toEqual([
      ['Sở Y tế', 'Khối các sở, ngành văn hóa - xã hội', '19', '6'],
      ['Sở Nội vụ', 'Khối các sở, ngành văn hóa - xã hội', '5', '3'],
    ]);
    expect(table(model, 'bang-chi-tieu-don-vi').rows).toEqual([
      ['Sở Nội vụ', '6', '3', `50${P}`],
      ['Sở Y tế', '10', '6', `60${P}`],
    ]);
  });

  it("ranks Sở Nội vụ's three candidates for its 2 seats: E7 within, E8 and E9 tied for the other", () => {
    expect(row(table(model, 'bang-dai-bieu-don-vi'), 'Sở Nội vụ')).toEqual(['Sở Nội vụ', '2', '3', '1', '2', '1', '0']);
    expect(paragraph(model, 'dai-bieu')).toContain(
      '3 cơ quan, đơn vị được phân bổ 9 đại biểu; 3 điển hình trong số phân bổ; 4 điển hình bằng số lần ở ngưỡng tranh 2 suất còn lại',
    );
    expect(paragraph(model, 'dai-bieu')).toMatch(/0 cơ quan, đơn vị có điển hình nhưng chưa được phân bổ\.$/);
  });

  it("lists the agencies' plans as recorded, whatever the view", () => {
    expect(row(table(model, 'bang-gui-ke-hoach'), 'Sở Lao động - Thương binh và Xã hội')?.[4]).toBe('Trễ hạn');
  });
});

describe('one agency, one year: Sở Y tế in 2024', () => {
  let model: ReportModel;
  beforeAll(async () => ({ model } = await report('year_from=2024&year_to=2024&agency=SYT')));

  it('speaks of the year and the agency, against the target pro-rated to one year of five', () => {
    expect(model.subtitle).toBe('Tỉnh Hưng Yên, năm 2024');
    expect(model.scopeLines.slice(0, 2)).toEqual(['Phạm vi: Sở Y tế', 'Thời gian: năm 2024']);
    expect(paragraph(model, 'so-lieu-chinh')).toBe(
      `Trong năm 2024, Sở Y tế có 5 điển hình tiên tiến được công nhận với 5 lượt công nhận, thuộc 1 phong trào thi đua và 1 cơ quan, đơn vị. So với chỉ tiêu 10 điển hình trong kế hoạch 5 năm của các cơ quan, đơn vị (tính cho 1 năm đã chọn: 2 điển hình), đã đạt 250${P}.`,
    );
    const headline = table(model, 'bang-so-lieu-chinh');
    expect(headline.caption).toBe('Số liệu chính năm 2024');
    expect(headline.rows.slice(-3)).toEqual([
      ['Chỉ tiêu theo kế hoạch 5 năm 2021–2025 (điển hình)', '10'],
      ['Chỉ tiêu tính cho 1 năm đã chọn', '2'],
      ['Tỷ lệ đạt chỉ tiêu', `250${P}`],
    ]);
  });

  it('sets the agency against the same pro-rated target in section 6 as in the headline, and says so', () => {
    expect(paragraph(model, 'chi-tieu')).toBe(
      'Chỉ tiêu là số điển hình các cơ quan, đơn vị đăng ký trong kế hoạch giai đoạn 2021–2025, tính theo số năm đã chọn (1/5 chỉ tiêu cả giai đoạn); kết quả là số điển hình được công nhận trong năm 2024. Các cơ quan, đơn vị có kế hoạch đều đạt chỉ tiêu.',
    );
    const byAgency = table(model, 'bang-chi-tieu-don-vi');
    expect(byAgency.columns.map((c) => c.label)).toEqual(['Cơ quan, đơn vị', 'Chỉ tiêu tính cho 1 năm', 'Kết quả', 'Tỷ lệ đạt']);
    expect(byAgency.rows).toEqual([['Sở Y tế', '2', '5', `250${P}`]]);
    expect(row(table(model, 'bang-chi-tieu-phong-trao'), '3. Y tế: phục vụ người bệnh, chống Covid-19')).toEqual([
      '3. Y tế: phục vụ người bệnh, chống Covid-19',
      '2',
      '5',
      `250${P}`,
    ]);
  });

  it('leads with the movements that have recognitions only, however few', () => {
    expect(table(model, 'bang-phong-trao-dan-dau').rows).toEqual([
      ['3. Y tế: phục vụ người bệnh, chống Covid-19', '5', '5', expect.any(String)],
    ]);
  });

  it('keeps to the agency in every list', () => {
    expect(table(model, 'bang-theo-nam').rows).toEqual([['2024', '5', '5']]);
    expect(table(model, 'bang-theo-don-vi').rows).toEqual([['1', 'Sở Y tế', 'Khối các sở, ngành văn hóa - xã hội', '5', '5']]);
    expect(table(model, 'bang-theo-don-vi').note).toBeUndefined();
    expect(table(model, 'bang-gui-ke-hoach').rows).toEqual([['Sở Y tế', '55/KH-SYT', '20/08/2021', '0', 'Đúng hạn']]);
    expect(table(model, 'bang-dai-bieu-don-vi').rows).toEqual([['Sở Y tế', '3', '6', '2', '2', '1', '0']]);
  });
});

describe("the kinds' labels come from the served vocabulary", () => {
  it('writes the labels it is given beside the exemplars of each kind', async () => {
    const { model } = await report('rollup=0', {
      tap_the: 'Tập thể (nhãn thử)',
      ca_nhan: 'Cá nhân (nhãn thử)',
      ho_gia_dinh: 'Hộ gia đình (nhãn thử)',
    });
    const labels = table(model, 'bang-so-lieu-chinh')
      .rows.map((r) => String(r[0]))
      .filter((l) => l.startsWith('  – '));
    expect(labels).toEqual(['  – Tập thể (nhãn thử)', '  – Cá nhân (nhãn thử)', '  – Hộ gia đình (nhãn thử)']);
  });

  it('and the served ones by default', async () => {
    const { model } = await report('rollup=0');
    const labels = table(model, 'bang-so-lieu-chinh')
      .rows.map((r) => String(r[0]))
      .filter((l) => l.startsWith('  – '));
    expect(labels).toEqual(['  – Tập thể', '  – Cá nhân', '  – Hộ gia đình']);
  });
});
