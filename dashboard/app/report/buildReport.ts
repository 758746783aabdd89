import type * as Plot from '@observablehq/plot';
import { tableFromArrays, type Table } from 'apache-arrow';
import { rows } from '../lib/query.ts';
import type { QueryRow } from '../../../contracts/queries.generated.ts';
import { formatDate, formatDecimal, formatInteger, formatPercent } from '../lib/format.ts';
import { barSpec } from '../charts/barSpec.ts';
import { lineSpec } from '../charts/lineSpec.ts';
import { progressSpec } from '../charts/progressSpec.ts';
import { movementNumber, movementNumberLabel, movementTicks } from '../lib/catalogue.svelte.ts';
import { nonZeroRows, selectRows } from '../lib/selectRows.ts';
import { yearFormat } from '../charts/theme.ts';
import type { ReportData } from './loadReportData.ts';
import type { ReportBlock, ReportModel, ReportSection } from './reportModel.ts';
import type { ReportScope } from './reportScope.ts';
import type { PlanEntry } from '../lib/plans.svelte.ts';

export interface ReportContext {
  scope: ReportScope;
  /** "Toàn tỉnh", "Khối …", "Sở Y tế". */
  scopeName: string;
  viewText: string;
  source: string;
  snapshot: string;
  synthetic: boolean;
  /** The plans the report's years speak of (plans_catalogue): their period, deadline, number. */
  plans: PlanEntry[];
  /** "Kế hoạch số … ngày … của …", one per plan. */
  planLines: string[];
  /** The congress section 10 lists: its name and period ("… lần thứ I, giai đoạn 2021–2025"), if known. */
  congressLine?: string | null;
  /** The kinds' labels as the served vocabulary has them (vocabulary_catalogue): "Tập thể", "Cá nhân", "Hộ gia đình". */
  kindLabels: Record<'tap_the' | 'ca_nhan' | 'ho_gia_dinh', string>;
}

const n = (v: number | null | undefined): string => formatInteger(v);
const pct = (v: number | null | undefined): string => formatPercent(v);
const dec = (v: number | null | undefined): string => formatDecimal(v);
const num = (v: number | null | undefined): number => Number(v ?? 0);

/** Numbers tables and figures in order of appearance ("Bảng 1.", "Hình 1."). */
class Numbering {
  private tables = 0;
  private figures = 0;
  table(id: string, caption: string, columns: Array<{ label: string; numeric?: boolean }>, body: string[][], note?: string): ReportBlock {
    return { type: 'table', no: ++this.tables, id, caption, columns, rows: body, ...(note ? { note } : {}) };
  }
  figure(id: string, caption: string, spec: Plot.PlotOptions, ariaLabel: string): ReportBlock {
    return { type: 'figure', no: ++this.figures, id, caption, spec, ariaLabel };
  }
}

/** The `count` rows with the most `recognitions` (stable for ties). */
function topByRecognitions<T extends { recognitions: number | null }>(list: T[], count: number): T[] {
  return [...list].sort((a, b) => num(b.recognitions) - num(a.recognitions)).slice(0, count);
}

/** The movements' targets times `factor` (a plan's target pro-rated to the years selected), for the progress figure. */
function scaledTargets(table: ReportData['targetsByMovement'], factor: number): Table {
  const list = rows(table);
  return tableFromArrays({
    short_name: list.map((r) => String(r.short_name)),
    target: Float64Array.from(list, (r) => (r.target === null ? NaN : Number(r.target) * factor)),
    exemplars: Int32Array.from(list, (r) => num(r.exemplars)),
  });
}

/** Assembles the numbered sections of the five-year summary from the queries' answers. */
export function buildReport(data: ReportData, ctx: ReportContext): ReportModel {
  const s = ctx.scope;
  const period = s.year_from === s.year_to ? `năm ${s.year_from}` : `giai đoạn ${s.year_from}–${s.year_to}`;
  const nb = new Numbering();
  // Plans set targets for their whole period; for fewer years the headline share is against the pro-rated target.
  const yearsSelected = s.year_to - s.year_from + 1;
  const main = ctx.plans.find((p) => p.code === s.submissionPlan) ?? ctx.plans.find((p) => !p.synthetic) ?? ctx.plans[0];
  const planYears = main ? main.lastYear - main.firstYear + 1 : yearsSelected;
  const planPeriod = main ? (main.firstYear === main.lastYear ? String(main.firstYear) : `${main.firstYear}–${main.lastYear}`) : period;
  const provinces = [...new Set(ctx.plans.map((p) => p.provinceName))].join(', ');
  const planRef = main ? `Kế hoạch số ${main.number}` : 'Kế hoạch';
  const sections: ReportSection[] = [];
  const section = (id: string, heading: string, blocks: ReportBlock[]) => sections.push({ no: sections.length + 1, id, heading, blocks });

  // 1. Headline figures
  const h: Partial<QueryRow<'overview_headline'>> = rows(data.headline)[0] ?? {};
  section('so-lieu-chinh', 'Kết quả chung', [
    {
      type: 'paragraph',
      text: `Trong ${period}, ${ctx.scopeName.toLowerCase() === 'toàn tỉnh' ? 'toàn tỉnh' : ctx.scopeName} có ${n(h.exemplars)} điển hình tiên tiến được công nhận với ${n(h.recognitions)} lượt công nhận, thuộc ${n(h.movements)} phong trào thi đua và ${n(h.agencies)} cơ quan, đơn vị.${h.target_total ? ` So với chỉ tiêu ${n(h.target_total)} điển hình trong kế hoạch ${planYears} năm của các cơ quan, đơn vị${yearsSelected < planYears ? ` (tính cho ${yearsSelected} năm đã chọn: ${dec(h.target_for_years)} điển hình)` : ''}, đã đạt ${pct(h.share_achieved)}.` : ''}`,
    },
    nb.table(
      'bang-so-lieu-chinh',
      `Số liệu chính ${period}`,
      [{ label: 'Chỉ số' }, { label: 'Số liệu', numeric: true }],
      [
        ['Số lượt công nhận điển hình', n(h.recognitions)],
        ['Số điển hình (không trùng)', n(h.exemplars)],
        [`  – ${ctx.kindLabels.tap_the}`, n(h.exemplars_tap_the)],
        [`  – ${ctx.kindLabels.ca_nhan}`, n(h.exemplars_ca_nhan)],
        [`  – ${ctx.kindLabels.ho_gia_dinh}`, n(h.exemplars_ho_gia_dinh)],
        ['Lượt công nhận điển hình tiên tiến', n(h.recognitions_cong_nhan_dhtt)],
        ['Lượt Bằng khen của Chủ tịch UBND tỉnh', n(h.recognitions_bang_khen_ubnd)],
        ['Số cơ quan, đơn vị có điển hình', n(h.agencies)],
        ['Số phong trào có điển hình', n(h.movements)],
        [
          `Chỉ tiêu theo kế hoạch ${planYears} năm ${planPeriod} (điển hình)`,
          h.target_total === null || h.target_total === undefined ? 'Chưa có' : n(h.target_total),
        ],
        ...(yearsSelected < planYears && h.target_total
          ? [[`Chỉ tiêu tính cho ${yearsSelected} năm đã chọn`, dec(h.target_for_years)]]
          : []),
        ['Tỷ lệ đạt chỉ tiêu', pct(h.share_achieved)],
      ],
    ),
  ]);

  // 2. By year
  const years = rows(data.byYear);
  section('theo-nam', 'Kết quả theo năm', [
    nb.table(
      'bang-theo-nam',
      'Số lượt công nhận và số điển hình theo năm',
      [{ label: 'Năm' }, { label: 'Lượt công nhận', numeric: true }, { label: 'Điển hình', numeric: true }],
      years.map((r) => [String(r.year), n(r.recognitions), n(r.exemplars)]),
    ),
    nb.figure(
      'hinh-theo-nam',
      'Số lượt công nhận điển hình theo năm (lượt)',
      barSpec(data.byYear, {
        category: 'year',
        value: 'recognitions',
        orientation: 'vertical',
        valueLabel: 'Lượt công nhận',
        categoryFormat: yearFormat,
      }),
      'Biểu đồ cột số lượt công nhận theo năm',
    ),
    nb.figure(
      'hinh-xu-huong',
      'Xu hướng số điển hình được công nhận theo năm (điển hình)',
      lineSpec(data.byYear, { x: 'year', y: 'exemplars', valueLabel: 'Điển hình' }),
      'Biểu đồ đường số điển hình theo năm',
    ),
  ]);

  // 3. By movement
  const movements = rows(data.byMovement);
  section('theo-phong-trao', 'Kết quả theo phong trào thi đua', [
    nb.table(
      'bang-theo-phong-trao',
      'Số lượt công nhận và số điển hình theo phong trào thi đua',
      [
        { label: 'Số' },
        { label: 'Phong trào' },
        { label: 'Cơ quan chủ trì' },
        { label: 'Lượt công nhận', numeric: true },
        { label: 'Điển hình', numeric: true },
      ],
      movements.map((r) => [
        movementNumber(r.movement_no),
        String(r.short_name),
        String(r.lead_agency_name),
        n(r.recognitions),
        n(r.exemplars),
      ]),
    ),
    nb.figure(
      'hinh-theo-phong-trao',
      'Số lượt công nhận theo phong trào thi đua, từ cao xuống thấp (lượt)',
      barSpec(data.byMovement, {
        category: 'movement_no',
        value: 'recognitions',
        orientation: 'horizontal',
        valueLabel: 'Lượt công nhận',
        sortByValue: true,
        categoryFormat: movementTicks(data.byMovement),
        marginLeft: 260,
      }),
      'Biểu đồ thanh số lượt công nhận theo phong trào',
    ),
  ]);

  // 4. By agency (only agencies with something, or the table runs to 51 empty rows)
  const agencies = rows(data.byAgency);
  const active = agencies.filter((r) => num(r.recognitions) > 0);
  const top15 = new Set(topByRecognitions(active, 15).map((r) => r.agency_code));
  const agencyCodes = data.byAgency.getChild('agency_code');
  section('theo-don-vi', 'Kết quả theo cơ quan, đơn vị', [
    nb.table(
      'bang-theo-don-vi',
      'Số lượt công nhận và số điển hình theo cơ quan, đơn vị',
      [
        { label: 'TT' },
        { label: 'Cơ quan, đơn vị' },
        { label: 'Khối thi đua' },
        { label: 'Lượt công nhận', numeric: true },
        { label: 'Điển hình', numeric: true },
      ],
      active.map((r, i) => [String(i + 1), String(r.agency_name), String(r.bloc_name), n(r.recognitions), n(r.exemplars)]),
      agencies.length > active.length
        ? `${n(agencies.length - active.length)} cơ quan, đơn vị không có lượt công nhận nào trong ${period} không được liệt kê.`
        : undefined,
    ),
    nb.figure(
      'hinh-theo-don-vi',
      `${Math.min(15, active.length)} cơ quan, đơn vị có nhiều lượt công nhận nhất (lượt)`,
      barSpec(
        selectRows(data.byAgency, (i) => agencyCodes !== null && top15.has(agencyCodes.get(i))),
        {
          category: 'agency_name',
          value: 'recognitions',
          orientation: 'horizontal',
          valueLabel: 'Lượt công nhận',
          sortByValue: true,
          marginLeft: 260,
        },
      ),
      'Biểu đồ thanh các cơ quan, đơn vị có nhiều lượt công nhận nhất',
    ),
  ]);

  // 5. By kind and category
  const kinds = rows(data.byKind);
  const categories = rows(data.byCategory);
  section('theo-loai-nhom', 'Kết quả theo loại và theo nhóm điển hình', [
    nb.table(
      'bang-theo-loai',
      'Số điển hình theo loại (tập thể, cá nhân, hộ gia đình)',
      [{ label: 'Loại' }, { label: 'Lượt công nhận', numeric: true }, { label: 'Điển hình', numeric: true }],
      kinds.map((r) => [String(r.kind_label), n(r.recognitions), n(r.exemplars)]),
    ),
    nb.figure(
      'hinh-theo-loai',
      'Số điển hình theo loại (điển hình)',
      barSpec(data.byKind, { category: 'kind_label', value: 'exemplars', orientation: 'vertical', valueLabel: 'Điển hình' }),
      'Biểu đồ cột số điển hình theo loại',
    ),
    nb.table(
      'bang-theo-nhom',
      'Số điển hình theo nhóm (điển hình tiên tiến, mô hình mới, nhân tố mới)',
      [{ label: 'Nhóm' }, { label: 'Lượt công nhận', numeric: true }, { label: 'Điển hình', numeric: true }],
      categories.map((r) => [String(r.category_label), n(r.recognitions), n(r.exemplars)]),
    ),
  ]);

  // 6. Targets against results. The targets are the plans' whole-period ones; for fewer of a
  // period's years they are pro-rated as the headline's are (1 year of 5: 1/5 of it), or section 1
  // would say "đạt 250 %" and this section "chưa đạt" of the same figures. Across periods (the
  // answers sum every plan's targets, not per plan) they stay the whole plans' targets, said so.
  const onePeriod = main !== undefined && ctx.plans.every((p) => p.firstYear === main.firstYear && p.lastYear === main.lastYear);
  const withinPeriod = onePeriod && s.year_from >= main.firstYear && s.year_to <= main.lastYear;
  const factor = withinPeriod && yearsSelected < planYears ? yearsSelected / planYears : 1;
  const prorated = factor < 1;
  const targetOf = (t: number | null | undefined): number | null => (t === null || t === undefined ? null : Number(t) * factor);
  const shareOf = (t: number | null | undefined, exemplars: number | null | undefined): number | null => {
    const target = targetOf(t);
    return target !== null && target > 0 ? num(exemplars) / target : null;
  };
  const targetText = (t: number | null | undefined, none: string): string =>
    t === null || t === undefined ? none : prorated ? dec(targetOf(t)) : n(t);
  const targetLabel = prorated ? `Chỉ tiêu tính cho ${yearsSelected} năm` : 'Chỉ tiêu';
  const tm = rows(data.targetsByMovement);
  const ta = rows(data.targetsByAgency).filter((r) => r.has_plan || num(r.exemplars) > 0);
  const behind = ta.filter((r) => {
    const sh = shareOf(r.target, r.exemplars);
    return sh !== null && sh < 1;
  });
  const targetBasis = prorated
    ? `Chỉ tiêu là số điển hình các cơ quan, đơn vị đăng ký trong kế hoạch giai đoạn ${planPeriod}, tính theo số năm đã chọn (${yearsSelected}/${planYears} chỉ tiêu cả giai đoạn)`
    : onePeriod
      ? `Chỉ tiêu là số điển hình các cơ quan, đơn vị đăng ký trong kế hoạch giai đoạn ${planPeriod}`
      : 'Chỉ tiêu là toàn bộ chỉ tiêu của các kế hoạch trong các năm đã chọn (không tính theo số năm)';
  section('chi-tieu', 'Kết quả so với chỉ tiêu kế hoạch', [
    {
      type: 'paragraph',
      text: `${targetBasis}; kết quả là số điển hình được công nhận trong ${period}. ${behind.length > 0 ? `${n(behind.length)} cơ quan, đơn vị chưa đạt chỉ tiêu.` : 'Các cơ quan, đơn vị có kế hoạch đều đạt chỉ tiêu.'}`,
    },
    nb.table(
      'bang-chi-tieu-phong-trao',
      'Chỉ tiêu và kết quả theo phong trào thi đua',
      [
        { label: 'Phong trào' },
        { label: targetLabel, numeric: true },
        { label: 'Kết quả', numeric: true },
        { label: 'Tỷ lệ đạt', numeric: true },
      ],
      tm.map((r) => [
        movementNumberLabel(r.movement_no, r.short_name),
        targetText(r.target, 'Chưa có'),
        n(r.exemplars),
        pct(shareOf(r.target, r.exemplars)),
      ]),
    ),
    nb.figure(
      'hinh-chi-tieu',
      `Kết quả so với chỉ tiêu${prorated ? ` tính cho ${yearsSelected} năm` : ''} theo phong trào thi đua (điển hình)`,
      progressSpec(nonZeroRows(prorated ? scaledTargets(data.targetsByMovement, factor) : data.targetsByMovement, 'target', 'exemplars'), {
        label: 'short_name',
        target: 'target',
        result: 'exemplars',
        valueLabel: 'Điển hình',
        marginLeft: 230,
      }),
      'Biểu đồ kết quả so với chỉ tiêu theo phong trào',
    ),
    nb.table(
      'bang-chi-tieu-don-vi',
      'Chỉ tiêu và kết quả theo cơ quan, đơn vị',
      [
        { label: 'Cơ quan, đơn vị' },
        { label: targetLabel, numeric: true },
        { label: 'Kết quả', numeric: true },
        { label: 'Tỷ lệ đạt', numeric: true },
      ],
      ta.map((r) => [String(r.agency_name), targetText(r.target, 'Chưa có kế hoạch'), n(r.exemplars), pct(shareOf(r.target, r.exemplars))]),
    ),
  ]);

  // 7. Plan submission
  const plans = rows(data.plans);
  const onTime = plans.filter((r) => r.status === 'dung_han').length;
  const late = plans.filter((r) => r.status === 'tre_han').length;
  const missing = plans.filter((r) => r.submitted_on === null).length;
  const deadline = main?.submissionDeadline ? formatDate(main.submissionDeadline) : null;
  section('gui-ke-hoach', 'Tình hình xây dựng và gửi kế hoạch', [
    {
      type: 'paragraph',
      text: `Kế hoạch ${planPeriod} của các cơ quan, đơn vị gửi Sở Nội vụ${deadline ? ` trước ngày ${deadline}` : ''}: ${n(onTime)} đơn vị gửi đúng hạn, ${n(late)} đơn vị gửi trễ hạn, ${n(missing)} đơn vị chưa gửi (theo đơn vị tại thời điểm gửi).`,
    },
    nb.table(
      'bang-gui-ke-hoach',
      `Tình hình gửi kế hoạch ${planPeriod}${deadline ? ` (hạn ${deadline})` : ''}`,
      [
        { label: 'Cơ quan, đơn vị' },
        { label: 'Số văn bản' },
        { label: 'Ngày gửi' },
        { label: 'Số ngày sau hạn', numeric: true },
        { label: 'Tình trạng' },
      ],
      plans.map((r) => [
        String(r.agency_name),
        String(r.document_no ?? '–') || '–',
        formatDate(r.submitted_on),
        r.days_after_deadline === null ? '–' : n(r.days_after_deadline),
        String(r.status_label),
      ]),
    ),
  ]);

  // 8. The four stages
  const stages = rows(data.stages);
  section('bon-khau', 'Bốn khâu: phát hiện, bồi dưỡng, tổng kết, nhân rộng', [
    nb.table(
      'bang-bon-khau',
      'Số điển hình theo khâu',
      [{ label: 'Khâu' }, { label: 'Điển hình', numeric: true }],
      stages.map((r) => [String(r.stage_label), n(r.exemplars)]),
    ),
    nb.figure(
      'hinh-bon-khau',
      'Số điển hình theo bốn khâu (điển hình)',
      barSpec(data.stages, { category: 'stage_label', value: 'exemplars', orientation: 'vertical', valueLabel: 'Điển hình' }),
      'Biểu đồ cột số điển hình theo khâu',
    ),
  ]);

  // 9. Leading agencies and movements
  const trend = new Map(rows(data.trend).map((r) => [r.movement_no, r]));
  // Like the agency tables: a movement with no recognition leads nothing.
  const topMovements = topByRecognitions(
    movements.filter((r) => num(r.recognitions) > 0),
    5,
  );
  const lastMovements = [...movements].sort((a, b) => num(a.recognitions) - num(b.recognitions)).slice(0, 5);
  const movementRow = (r: QueryRow<'recognitions_by_movement'>) => [
    movementNumberLabel(r.movement_no, r.short_name),
    n(r.recognitions),
    n(r.exemplars),
    String(trend.get(r.movement_no)?.trend_label ?? '–'),
  ];
  const movementCols = [
    { label: 'Phong trào' },
    { label: 'Lượt công nhận', numeric: true },
    { label: 'Điển hình', numeric: true },
    { label: 'Xu hướng' },
  ];
  section('dan-dau', 'Cơ quan, đơn vị và phong trào dẫn đầu', [
    nb.table(
      'bang-don-vi-dan-dau',
      '5 cơ quan, đơn vị dẫn đầu về số lượt công nhận',
      [{ label: 'Cơ quan, đơn vị' }, { label: 'Lượt công nhận', numeric: true }, { label: 'Điển hình', numeric: true }],
      topByRecognitions(active, 5).map((r) => [String(r.agency_name), n(r.recognitions), n(r.exemplars)]),
    ),
    nb.table('bang-phong-trao-dan-dau', '5 phong trào dẫn đầu về số lượt công nhận', movementCols, topMovements.map(movementRow)),
    nb.table('bang-phong-trao-can-co-gang', '5 phong trào cần cố gắng', movementCols, lastMovements.map(movementRow)),
  ]);

  // 10. Section V delegates
  const ds = rows(data.delegateSummary);
  const withSeats = ds.filter((r) => r.seats !== null);
  const sum = (key: 'seats' | 'within_seats' | 'tied_at_cutoff' | 'seats_for_tied' | 'seats_unfilled') =>
    withSeats.reduce((t, r) => t + num(r[key]), 0);
  section('dai-bieu', 'Đại biểu dự Đại hội Thi đua yêu nước (Mục V)', [
    {
      type: 'paragraph',
      text: `${ctx.congressLine ? `${ctx.congressLine}. ` : ''}Theo Mục V của ${planRef}, đại biểu được lựa chọn theo số lần được công nhận điển hình tiên tiến từ cao xuống thấp đến khi đủ số lượng phân bổ. ${n(withSeats.length)} cơ quan, đơn vị được phân bổ ${n(sum('seats'))} đại biểu; ${n(sum('within_seats'))} điển hình trong số phân bổ; ${n(sum('tied_at_cutoff'))} điển hình bằng số lần ở ngưỡng tranh ${n(sum('seats_for_tied'))} suất còn lại (Hội đồng Thi đua - Khen thưởng quyết định); ${n(sum('seats_unfilled'))} suất chưa có người. ${n(ds.length - withSeats.length)} cơ quan, đơn vị có điển hình nhưng chưa được phân bổ.`,
    },
    nb.table(
      'bang-dai-bieu-loai',
      'Đại biểu đề xuất theo loại',
      [
        { label: 'Loại' },
        { label: 'Trong số phân bổ', numeric: true },
        { label: 'Bằng số lần ở ngưỡng', numeric: true },
        { label: 'Tổng đề xuất', numeric: true },
      ],
      rows(data.delegatesByKind).map((r) => [String(r.kind_label), n(r.within_seats), n(r.tied_at_cutoff), n(r.proposed)]),
    ),
    nb.table(
      'bang-dai-bieu-don-vi',
      'Tổng hợp phân bổ đại biểu theo cơ quan, đơn vị',
      [
        { label: 'Cơ quan, đơn vị' },
        { label: 'Phân bổ', numeric: true },
        { label: 'Đủ điều kiện', numeric: true },
        { label: 'Trong số phân bổ', numeric: true },
        { label: 'Bằng ngưỡng', numeric: true },
        { label: 'Suất cho nhóm bằng ngưỡng', numeric: true },
        { label: 'Suất trống', numeric: true },
      ],
      [...ds]
        .sort((a, b) => String(a.agency_name).localeCompare(String(b.agency_name), 'vi'))
        .map((r) => [
          String(r.agency_name),
          r.seats === null ? 'Chưa phân bổ' : n(r.seats),
          n(r.candidates),
          n(r.within_seats),
          n(r.tied_at_cutoff),
          r.seats_for_tied === null ? '–' : n(r.seats_for_tied),
          r.seats_unfilled === null ? '–' : n(r.seats_unfilled),
        ]),
      'Danh sách chi tiết từng đơn vị: trang Đại hội của hệ thống (xuất XLSX/CSV).',
    ),
  ]);

  return {
    title: 'BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC VÀ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN',
    subtitle: `${provinces ? `Tỉnh ${provinces}, ` : ''}${period}`,
    scopeLines: [
      `Phạm vi: ${ctx.scopeName}`,
      `Thời gian: ${period}`,
      ...ctx.planLines.map((l) => `Căn cứ: ${l}`),
      `Cách tính: ${ctx.viewText}`,
    ],
    source: ctx.source,
    snapshot: ctx.snapshot,
    synthetic: ctx.synthetic,
    sections,
  };
}
