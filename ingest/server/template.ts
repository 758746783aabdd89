import ExcelJS from 'exceljs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { FIELDS, TEMPLATE_HEADERS, type Field } from '../parse/headerMap.ts';
import { loadSql } from '../store/loadSql.ts';
import { queryRows } from '../store/database.ts';

/** What the template offers, read at request time: the catalogue in force. */
export interface TemplateCatalogue {
  movements: { no: number; name: string; shortName: string }[];
  /** Labels as users read them; the ingest matches each (ingest/match/matchValues.ts). */
  kinds: string[];
  categories: string[];
  stages: string[];
  forms: string[];
  /** The plan whose lists the template is for, and its period: the years a list may be for. */
  plan: { code: string; number: string };
  firstYear: number;
  lastYear: number;
}

type ListField = 'movement' | 'kind' | 'category' | 'stage' | 'form';

/** Name of the sheet holding the drop-down lists (the data validations point at it). */
export const LIST_SHEET = 'Danh mục';
/** Rows of the list sheet that carry the validations: a year's list of one agency fits with room. */
export const TEMPLATE_ROWS = 5000;
/** Excel's limits on a validation's texts; a longer one makes Excel "repair" the file. */
const TITLE_MAX = 32;
const MESSAGE_MAX = 255;

const TEMPLATE_PLAN = loadSql(import.meta.url, './sql/template_plan.sql');
const TEMPLATE_LISTS = loadSql(import.meta.url, './sql/template_lists.sql');

/**
 * Reads the catalogue in force for one plan (default: the newest registered plan): its
 * movements, its period and the vocabularies' labels, all from the database. Null when no
 * plan is registered or the code names none.
 */
export async function readTemplateCatalogue(conn: DuckDBConnection, planCode: string | null = null): Promise<TemplateCatalogue | null> {
  const [plan] = await queryRows(conn, TEMPLATE_PLAN, { plan: planCode });
  if (!plan) return null;
  const rows = await queryRows(conn, TEMPLATE_LISTS, { plan: String(plan.code) });
  const list = (name: string) => rows.filter((r) => r.list === name).map((r) => String(r.label));
  const movements = rows
    .filter((r) => r.list === 'movement')
    .map((r) => ({ no: Number(r.number), name: String(r.label), shortName: String(r.short_name) }));
  return {
    movements,
    kinds: list('kind'),
    categories: list('category'),
    stages: list('stage'),
    forms: list('form'),
    plan: { code: String(plan.code), number: String(plan.number) },
    firstYear: Number(plan.first_year),
    lastYear: Number(plan.last_year),
  };
}

/** Identifies a catalogue state: the served template is rebuilt when this changes. */
export function templateCacheKey(catalogue: TemplateCatalogue): string {
  return JSON.stringify(catalogue);
}

/**
 * A movement as the drop-down offers it: its number first, so the ingest reads the number
 * (matchMovement: "3 - Đổi mới …" is movement 3) whatever the name's wording.
 */
export function movementChoice(m: { no: number; name: string }): string {
  return `${m.no} - ${m.name}`;
}

function listValues(catalogue: TemplateCatalogue): Record<ListField, string[]> {
  return {
    movement: catalogue.movements.map(movementChoice),
    kind: catalogue.kinds,
    category: catalogue.categories,
    stage: catalogue.stages,
    form: catalogue.forms,
  };
}

const LIST_HEADERS: Record<ListField, string> = {
  // Not the list's own headers: a second sheet with a list header would refuse the file (MULTIPLE_LISTS).
  movement: 'Danh mục phong trào',
  kind: 'Danh mục loại đối tượng',
  category: 'Danh mục phân loại',
  stage: 'Danh mục khâu',
  form: 'Danh mục hình thức',
};
const LIST_ORDER: ListField[] = ['movement', 'kind', 'category', 'stage', 'form'];

const dmy = (year: number, month: number, day: number) => `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;

function hints(c: TemplateCatalogue): Record<Field, string> {
  const period = `${c.firstYear}–${c.lastYear}`;
  return {
    name: 'Bắt buộc',
    kind: `Bắt buộc: chọn trong danh sách (${c.kinds.join(' / ')}; hộ gia đình chỉ trong PT 8)`,
    unit: 'Chức vụ, đơn vị công tác hoặc địa chỉ',
    movement: `Bắt buộc: chọn trong danh sách số và tên phong trào (${c.movements.length} phong trào, xem trang "Phong trào")`,
    category: `Chọn trong danh sách: ${c.categories.join(' / ')} (để trống: ${c.categories[0] ?? ''})`,
    stage: `Chọn trong danh sách: ${c.stages.join(' / ')} (để trống: ${c.stages[0] ?? ''})`,
    year: `Bắt buộc: số năm ${period}, cả tệp một năm`,
    form: `Chọn trong danh sách: ${c.forms.join(' / ')} (để trống: ${c.forms[0] ?? ''})`,
    decision_no: 'Ví dụ: 321/QĐ-UBND',
    decision_date: `ngày/tháng/năm, ví dụ 05/06/${c.firstYear + 2}`,
    code: 'Không bắt buộc: mã cố định của điển hình qua các năm',
  };
}

interface Messages {
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

function messages(c: TemplateCatalogue): Record<ListField | 'year' | 'decision_date', Messages> {
  const first = dmy(c.firstYear, 1, 1);
  const last = dmy(c.lastYear, 12, 31);
  const pick = (field: ListField, values: string[], note = ''): Messages => ({
    promptTitle: TEMPLATE_HEADERS[field],
    prompt: `Chọn trong danh sách: ${values.join(' / ')}.${note}`,
    errorTitle: `${TEMPLATE_HEADERS[field]} không hợp lệ`,
    error: `Chỉ được chọn một giá trị trong danh sách thả xuống: ${values.join(' / ')}.`,
  });
  return {
    movement: {
      promptTitle: 'Phong trào thi đua',
      prompt: `Chọn số và tên phong trào trong danh sách thả xuống (${c.movements.length} phong trào của kế hoạch, xem trang "Phong trào").`,
      errorTitle: 'Phong trào không có trong KH',
      error: `Phong trào này không có trong kế hoạch. Hãy chọn một trong ${c.movements.length} phong trào ở danh sách thả xuống (ví dụ "${c.movements[0] ? movementChoice(c.movements[0]).slice(0, 40) : ''}…").`,
    },
    kind: pick('kind', c.kinds, ' Hộ gia đình chỉ trong phong trào 8.'),
    category: pick('category', c.categories, ` Để trống: ${c.categories[0] ?? ''}.`),
    stage: pick('stage', c.stages, ` Để trống: ${c.stages[0] ?? ''}.`),
    form: pick('form', c.forms, ` Để trống: ${c.forms[0] ?? ''}.`),
    year: {
      promptTitle: 'Năm công nhận',
      prompt: `Ghi năm từ ${c.firstYear} đến ${c.lastYear}; cả tệp cùng một năm.`,
      errorTitle: 'Năm không hợp lệ',
      error: `Năm công nhận phải là số nguyên từ ${c.firstYear} đến ${c.lastYear} (giai đoạn của kế hoạch).`,
    },
    decision_date: {
      promptTitle: 'Ngày quyết định',
      prompt: `Ghi ngày/tháng/năm, ví dụ 05/06/${c.firstYear + 2}.`,
      errorTitle: 'Ngày không hợp lệ',
      error: `Ngày quyết định phải là ngày có thật từ ${first} đến ${last}, ghi ngày/tháng/năm (ví dụ 05/06/${c.firstYear + 2}).`,
    },
  };
}

/** Keeps a validation's texts within Excel's limits (a longer catalogue shortens the prompt, never breaks the file). */
function fit(m: Messages): Messages {
  const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
  return {
    promptTitle: cut(m.promptTitle, TITLE_MAX),
    prompt: cut(m.prompt, MESSAGE_MAX),
    errorTitle: cut(m.errorTitle, TITLE_MAX),
    error: cut(m.error, MESSAGE_MAX),
  };
}

/** exceljs 4.4 keeps validations by address or range (`worksheet.dataValidations`), which its typings omit. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

const columnLetter = (field: Field) => String.fromCharCode(65 + FIELDS.indexOf(field));

/**
 * The canonical upload template: the list sheet with the Vietnamese headers, drop-down lists
 * (data validations of type list, "stop") over the catalogue's values on a hidden "Danh mục"
 * sheet (an inline list is limited to 255 characters), the date and year columns validated,
 * a sheet of movements and a guide.
 */
export async function buildTemplateXlsx(catalogue: TemplateCatalogue): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `Điển hình tiên tiến – Kế hoạch số ${catalogue.plan.number} (${catalogue.firstYear}–${catalogue.lastYear})`;
  const hint = hints(catalogue);
  const text = messages(catalogue);

  const sheet = wb.addWorksheet('Danh sách', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(FIELDS.map((f) => TEMPLATE_HEADERS[f]));
  sheet.getRow(1).font = { bold: true };
  FIELDS.forEach((f, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = f === 'name' || f === 'unit' || f === 'movement' ? 40 : f === 'form' ? 30 : 18;
    sheet.getCell(1, i + 1).note = hint[f];
  });

  const lists = listValues(catalogue);
  // One validation per column over a range (one sqref), not one object per cell.
  const rows = (f: Field) => `${columnLetter(f)}2:${columnLetter(f)}${TEMPLATE_ROWS}`;
  LIST_ORDER.forEach((f, i) => {
    const letter = String.fromCharCode(65 + i);
    validations(sheet).add(rows(f), {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LIST_SHEET}'!$${letter}$2:$${letter}$${lists[f].length + 1}`],
      showInputMessage: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      ...fit(text[f]),
    });
  });
  validations(sheet).add(rows('year'), {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [catalogue.firstYear, catalogue.lastYear],
    showInputMessage: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    ...fit(text.year),
  });
  sheet.getColumn(FIELDS.indexOf('decision_date') + 1).numFmt = 'dd/mm/yyyy';
  validations(sheet).add(rows('decision_date'), {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [new Date(Date.UTC(catalogue.firstYear, 0, 1)), new Date(Date.UTC(catalogue.lastYear, 11, 31))],
    showInputMessage: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    ...fit(text.decision_date),
  });

  const movements = wb.addWorksheet('Phong trào');
  movements.addRow(['Số', 'Tên phong trào thi đua', 'Tên ngắn']).font = { bold: true };
  for (const m of catalogue.movements) movements.addRow([m.no, m.name, m.shortName]);
  movements.getColumn(2).width = 100;
  movements.getColumn(3).width = 40;

  const guide = wb.addWorksheet('Hướng dẫn');
  guide.addRow(['Cột', 'Cách ghi']).font = { bold: true };
  for (const f of FIELDS) guide.addRow([TEMPLATE_HEADERS[f], hint[f]]);
  guide.addRow([]);
  guide.addRow([
    'Lưu ý',
    `Các cột ${LIST_ORDER.map((f) => TEMPLATE_HEADERS[f]).join(', ')} có danh sách thả xuống (trang "${LIST_SHEET}", đang ẩn): chỉ chọn giá trị trong danh sách.`,
  ]);
  guide.getColumn(1).width = 30;
  guide.getColumn(2).width = 90;

  // Last, after the list's sheet; hidden, so the values the drop-downs read are not edited by accident.
  const listSheet = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });
  listSheet.addRow(LIST_ORDER.map((f) => LIST_HEADERS[f])).font = { bold: true };
  LIST_ORDER.forEach((f, i) => {
    lists[f].forEach((value, j) => (listSheet.getCell(j + 2, i + 1).value = value));
    listSheet.getColumn(i + 1).width = f === 'movement' ? 100 : 32;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
