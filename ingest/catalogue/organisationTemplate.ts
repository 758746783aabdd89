import ExcelJS from 'exceljs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { TAKES_BY, type TakesBy } from '../../contracts/catalogueFiles.ts';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import {
  AGENCY_COLUMNS,
  AGENCY_SHEET,
  LIST_SEPARATOR,
  SUCCESSION_COLUMNS,
  SUCCESSION_SHEET,
  TAKES_LABELS,
  type OrganisationLookups,
} from './readOrganisationTable.ts';

const SQL = {
  lookups: loadSql(import.meta.url, './sql/organisation_lookups.sql'),
  agencyKeys: loadSql(import.meta.url, './sql/organisation_agency_keys.sql'),
  agencies: loadSql(import.meta.url, './sql/organisation_agencies.sql'),
  successions: loadSql(import.meta.url, './sql/organisation_successions.sql'),
};

/** The hidden sheet the drop-downs read (an inline list is limited to 255 characters). */
export const ORGANISATION_LIST_SHEET = 'Danh mục';
export const ORGANISATION_GUIDE_SHEET = 'Hướng dẫn';
/** Rows of each table that carry the validations: the organisation in force plus room for changes. */
const EXTRA_ROWS = 500;

/** Agency kinds, blocs, provinces and agency names as the database holds them now. */
export async function readOrganisationLookups(conn: DuckDBConnection): Promise<OrganisationLookups> {
  const rows = await queryRows(conn, SQL.lookups);
  const of = (list: string) => rows.filter((r) => r.list === list).map((r) => ({ code: String(r.code), name: String(r.label) }));
  const keys = await queryRows(conn, SQL.agencyKeys);
  return {
    kinds: of('kind').map((k) => ({ code: k.code, label: k.name })),
    blocs: of('bloc'),
    provinces: of('province'),
    agencyKeys: new Map(keys.map((r) => [String(r.key), String(r.code)])),
  };
}

export interface OrganisationInForce {
  lookups: OrganisationLookups;
  agencies: {
    code: string;
    name: string;
    kind: string;
    bloc: string;
    province: string;
    validFrom: string | null;
    validTo: string | null;
    variants: string[];
  }[];
  successions: { predecessor: string; successor: string; effective: string; note: string; by: TakesBy; values: string[] }[];
}

export async function readOrganisationInForce(conn: DuckDBConnection): Promise<OrganisationInForce> {
  const lookups = await readOrganisationLookups(conn);
  const agencies = (await queryRows(conn, SQL.agencies)).map((r) => ({
    code: String(r.code),
    name: String(r.name),
    kind: String(r.kind),
    bloc: String(r.bloc_code),
    province: String(r.province),
    validFrom: (r.active_from as string | null) ?? null,
    validTo: (r.active_to as string | null) ?? null,
    variants: ((r.variants as string[] | null) ?? []).map(String),
  }));
  const successions = (await queryRows(conn, SQL.successions)).map((r) => ({
    predecessor: String(r.predecessor_code),
    successor: String(r.successor_code),
    effective: String(r.effective_date),
    note: String(r.note),
    by: (TAKES_BY.includes(r.takes_by as TakesBy) ? r.takes_by : 'all') as TakesBy,
    values: ((r.takes_values as string[] | null) ?? []).map(String),
  }));
  return { lookups, agencies, successions };
}

/** exceljs 4.4 keeps validations by range (`worksheet.dataValidations`), which its typings omit. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
const letter = (n: number) => String.fromCharCode(64 + n);
const asDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function listValidation(
  sheet: ExcelJS.Worksheet,
  column: number,
  rows: number,
  listColumn: number,
  count: number,
  title: string,
  prompt: string,
): void {
  validations(sheet).add(`${letter(column)}2:${letter(column)}${rows}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`'${ORGANISATION_LIST_SHEET}'!$${letter(listColumn)}$2:$${letter(listColumn)}$${Math.max(count, 1) + 1}`],
    showInputMessage: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    promptTitle: cut(title, 32),
    prompt: cut(prompt, 255),
    errorTitle: cut(`${title} không hợp lệ`, 32),
    error: cut(`Chỉ được chọn một giá trị trong danh sách thả xuống (trang "${ORGANISATION_LIST_SHEET}").`, 255),
  });
}

function dateValidation(sheet: ExcelJS.Worksheet, column: number, rows: number, title: string): void {
  sheet.getColumn(column).numFmt = 'dd/mm/yyyy';
  validations(sheet).add(`${letter(column)}2:${letter(column)}${rows}`, {
    type: 'date',
    operator: 'greaterThan',
    allowBlank: true,
    formulae: [new Date(Date.UTC(1945, 0, 1))],
    showInputMessage: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    promptTitle: cut(title, 32),
    prompt: 'Ghi ngày/tháng/năm, ví dụ 01/07/2025. Để trống: không giới hạn.',
    errorTitle: 'Ngày không hợp lệ',
    error: 'Ghi một ngày có thật theo dạng ngày/tháng/năm, ví dụ 01/07/2025.',
  });
}

/**
 * The organisation template: the agencies and successions in force (Sở Nội vụ edits them and
 * sends the file back: rows for known codes replace them, new rows add agencies), a guide, and
 * drop-down lists for the agency kind, bloc, province and split rule over a hidden sheet.
 */
export async function buildOrganisationTemplate(org: OrganisationInForce): Promise<Buffer> {
  const { lookups } = org;
  const kindLabel = new Map(lookups.kinds.map((k) => [k.code, k.label]));
  const blocName = new Map(lookups.blocs.map((b) => [b.code, b.name]));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sở Nội vụ – tổ chức bộ máy';

  const agencies = wb.addWorksheet(AGENCY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  agencies.addRow(Object.values(AGENCY_COLUMNS)).font = { bold: true };
  for (const a of org.agencies) {
    agencies.addRow([
      a.code,
      a.name,
      kindLabel.get(a.kind) ?? a.kind,
      blocName.get(a.bloc) ?? a.bloc,
      a.province,
      asDate(a.validFrom),
      asDate(a.validTo),
      a.variants.join(`${LIST_SEPARATOR} `),
    ]);
  }
  const agencyRows = org.agencies.length + EXTRA_ROWS;
  [14, 45, 30, 40, 10, 14, 14, 60].forEach((w, i) => (agencies.getColumn(i + 1).width = w));
  listValidation(
    agencies,
    3,
    agencyRows,
    1,
    lookups.kinds.length,
    AGENCY_COLUMNS.kind,
    `Chọn loại cơ quan: ${lookups.kinds.map((k) => k.label).join(' / ')}.`,
  );
  listValidation(agencies, 4, agencyRows, 2, lookups.blocs.length, AGENCY_COLUMNS.bloc, 'Chọn khối thi đua trong danh sách thả xuống.');
  listValidation(
    agencies,
    5,
    agencyRows,
    3,
    lookups.provinces.length,
    AGENCY_COLUMNS.province,
    `Chọn mã tỉnh: ${lookups.provinces.map((p) => `${p.code} (${p.name})`).join(', ')}.`,
  );
  dateValidation(agencies, 6, agencyRows, AGENCY_COLUMNS.validFrom);
  dateValidation(agencies, 7, agencyRows, AGENCY_COLUMNS.validTo);

  const successions = wb.addWorksheet(SUCCESSION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  successions.addRow(Object.values(SUCCESSION_COLUMNS)).font = { bold: true };
  for (const s of org.successions) {
    successions.addRow([s.predecessor, s.successor, asDate(s.effective), TAKES_LABELS[s.by], s.values.join(`${LIST_SEPARATOR} `), s.note]);
  }
  const successionRows = org.successions.length + EXTRA_ROWS;
  [16, 16, 14, 20, 50, 60].forEach((w, i) => (successions.getColumn(i + 1).width = w));
  dateValidation(successions, 3, successionRows, SUCCESSION_COLUMNS.effective);
  listValidation(
    successions,
    4,
    successionRows,
    4,
    TAKES_BY.length,
    SUCCESSION_COLUMNS['takes.by'],
    `Chọn: ${TAKES_BY.map((b) => TAKES_LABELS[b]).join(' / ')}.`,
  );

  const guide = wb.addWorksheet(ORGANISATION_GUIDE_SHEET);
  guide.addRow(['Trang / cột', 'Cách ghi']).font = { bold: true };
  const lines: [string, string][] = [
    [
      AGENCY_SHEET,
      'Mỗi dòng một cơ quan, đơn vị. Dòng có mã đã có thay thế thông tin cũ; dòng có mã mới thêm cơ quan, đơn vị. Có thể xóa các dòng không đổi: chỉ các dòng gửi lên được đăng ký.',
    ],
    [AGENCY_COLUMNS.code, 'Bắt buộc: chữ in hoa không dấu, chữ số, «_» hoặc «-», ví dụ XA_NHU_QUYNH. Không đổi mã của cơ quan đã có.'],
    [AGENCY_COLUMNS.name, 'Bắt buộc: tên đầy đủ.'],
    [AGENCY_COLUMNS.kind, `Bắt buộc: chọn trong danh sách (${lookups.kinds.map((k) => k.label).join('; ')}).`],
    [AGENCY_COLUMNS.bloc, 'Bắt buộc: chọn khối thi đua trong danh sách.'],
    [AGENCY_COLUMNS.province, 'Bắt buộc: mã tỉnh (ví dụ HY).'],
    [AGENCY_COLUMNS.validFrom, 'Ngày bắt đầu hoạt động (ngày/tháng/năm); để trống nếu có từ trước.'],
    [
      AGENCY_COLUMNS.validTo,
      'Ngày cuối cùng hoạt động (ngày/tháng/năm), ví dụ 30/06/2025 cho đơn vị kết thúc khi sáp nhập; để trống nếu còn hoạt động.',
    ],
    [AGENCY_COLUMNS.variants, `Các cách gọi khác mà đơn vị hay ghi, cách nhau bởi dấu «${LIST_SEPARATOR}».`],
    [
      SUCCESSION_SHEET,
      'Mỗi dòng một quan hệ kế thừa: cơ quan cũ chuyển lịch sử điển hình sang cơ quan kế thừa. Các dòng của một cơ quan cũ thay thế toàn bộ quan hệ kế thừa cũ của cơ quan đó.',
    ],
    [SUCCESSION_COLUMNS.predecessor, 'Bắt buộc: mã (hoặc tên) cơ quan cũ.'],
    [SUCCESSION_COLUMNS.successor, 'Bắt buộc: mã (hoặc tên) cơ quan kế thừa.'],
    [SUCCESSION_COLUMNS.effective, 'Bắt buộc: ngày hiệu lực (ngày/tháng/năm), ví dụ 01/07/2025.'],
    [
      SUCCESSION_COLUMNS['takes.by'],
      `Một đơn vị kế thừa: «${TAKES_LABELS.all}». Nhiều đơn vị kế thừa: mỗi dòng nói phần nhận: «${TAKES_LABELS.movement}», «${TAKES_LABELS.commune}», «${TAKES_LABELS.list}» hoặc «${TAKES_LABELS.rest}» (mỗi cơ quan cũ nhiều nhất một dòng phần còn lại).`,
    ],
    [
      SUCCESSION_COLUMNS['takes.values'],
      `Theo phong trào: mã phong trào; theo xã, phường: tên xã, phường; theo danh sách: mã điển hình. Cách nhau bởi dấu «${LIST_SEPARATOR}».`,
    ],
    [SUCCESSION_COLUMNS.note, 'Căn cứ (số quyết định…), không bắt buộc.'],
    [
      'Gửi tệp',
      'Sở Nội vụ gửi tệp tới POST /api/organisation (thêm dry_run=1 để kiểm tra thử). Tệp có lỗi không được ghi; báo cáo nêu trang, dòng, cột, giá trị và lý do.',
    ],
  ];
  for (const line of lines) guide.addRow(line);
  guide.getColumn(1).width = 24;
  guide.getColumn(2).width = 110;

  // Last and hidden, so the values the drop-downs read are not edited by accident; its headers are
  // not a table's, so a returned template is read for its two tables only.
  const list = wb.addWorksheet(ORGANISATION_LIST_SHEET, { state: 'hidden' });
  list.addRow(['Danh mục loại cơ quan', 'Danh mục khối thi đua', 'Danh mục tỉnh', 'Danh mục cách chia']).font = { bold: true };
  lookups.kinds.forEach((k, i) => (list.getCell(i + 2, 1).value = k.label));
  lookups.blocs.forEach((b, i) => (list.getCell(i + 2, 2).value = b.name));
  lookups.provinces.forEach((p, i) => (list.getCell(i + 2, 3).value = p.code));
  TAKES_BY.forEach((b, i) => (list.getCell(i + 2, 4).value = TAKES_LABELS[b]));
  [34, 50, 12, 20].forEach((w, i) => (list.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
