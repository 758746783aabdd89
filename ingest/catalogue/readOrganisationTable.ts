import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { TAKES_BY, type TakesBy } from '../../contracts/catalogueFiles.ts';
import { cellText } from '../parse/cellText.ts';
import { decodeCsvText } from '../parse/decodeCsv.ts';
import { inspectXlsxZip } from '../parse/inspectZip.ts';
import { problem } from '../parse/uploadProblem.ts';
import { cleanText, foldKey } from '../text/normalise.ts';
import type { CatalogueRowProblem, ColumnNames, RowOrigin } from './catalogueReport.ts';

/**
 * An organisation change as Sở Nội vụ keeps it in Excel: a sheet of agencies and a sheet of
 * successions (or one CSV per table, recognised by its headers), turned into the rows of an
 * organisation file (to-chuc/1) for readOrganisationFile and registerOrganisation. Labels are
 * read as typed (agency kinds, blocs and provinces by code or name, the split rule in words,
 * dates as dd/mm/yyyy or Excel dates); each item remembers its sheet and row so a problem
 * found later is reported where the clerk typed it.
 */

export const AGENCY_SHEET = 'Cơ quan, đơn vị';
export const SUCCESSION_SHEET = 'Kế thừa';

/** The headers of each table, in the template's order; the key is the organisation file's field. */
export const AGENCY_COLUMNS = {
  code: 'Mã',
  name: 'Tên cơ quan, đơn vị',
  kind: 'Loại',
  bloc: 'Khối thi đua',
  province: 'Tỉnh',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  variants: 'Tên gọi khác',
} as const;
export const SUCCESSION_COLUMNS = {
  predecessor: 'Cơ quan cũ',
  successor: 'Cơ quan kế thừa',
  effective: 'Ngày hiệu lực',
  'takes.by': 'Phần kế thừa',
  'takes.values': 'Giá trị',
  note: 'Ghi chú',
} as const;
export const ORGANISATION_COLUMNS: ColumnNames = { agencies: AGENCY_COLUMNS, successions: SUCCESSION_COLUMNS };

/** How a predecessor's history is split, as the template's drop-down offers it. */
export const TAKES_LABELS: Record<TakesBy, string> = {
  all: 'Toàn bộ',
  movement: 'Theo phong trào',
  commune: 'Theo xã, phường',
  list: 'Theo danh sách',
  rest: 'Phần còn lại',
};

/** Values of a list cell (variants, split values) are separated by ";". */
export const LIST_SEPARATOR = ';';

/** An organisation table is a few hundred lines: it is read whole, within these bounds (checked on the zip first). */
export const ORGANISATION_LIMITS = {
  maxBytes: 5 * 1048576,
  maxRows: 20_000,
  maxUncompressedBytes: 50 * 1048576,
  maxZipRatio: 100,
  maxCells: 400_000,
  maxColumns: 50,
  maxSharedStrings: 200_000,
  maxSharedStringsBytes: 16 * 1048576,
};

/** Codes and names the table may use for what registration wants as codes (read from the database). */
export interface OrganisationLookups {
  kinds: { code: string; label: string }[];
  blocs: { code: string; name: string }[];
  provinces: { code: string; name: string }[];
  /** fold key of an agency's code, name or typed variant → its code. */
  agencyKeys: ReadonlyMap<string, string>;
}

export interface OrganisationTable {
  /** The rows as an organisation file's lists (only the rows given: registration merges them). */
  json: { format: 'to-chuc/1'; agencies: Record<string, unknown>[]; successions: Record<string, unknown>[] };
  origins: { agencies: RowOrigin[]; successions: RowOrigin[] };
  /** Cells that could not be read (a date, an unknown label); their fields are left empty in `json`. */
  problems: CatalogueRowProblem[];
  /** "path:index:field" of each cell already reported, so the file check does not report it twice. */
  reported: Set<string>;
}

type Grid = { sheet: string | null; rows: string[][] };
type Table = 'agencies' | 'successions';

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
const HEADER_SEARCH_ROWS = 10;

/** Header fold keys → field; the file format's own field names are accepted too. */
const HEADER_FIELDS: Record<Table, Map<string, string>> = {
  agencies: headerMap(AGENCY_COLUMNS, {
    'ma co quan': 'code',
    'ma don vi': 'code',
    ten: 'name',
    'loai co quan': 'kind',
    khoi: 'bloc',
    'hieu luc den het': 'validTo',
    'ten khac': 'variants',
  }),
  successions: headerMap(SUCCESSION_COLUMNS, {
    ngay: 'effective',
    'cach chia': 'takes.by',
    'gia tri ke thua': 'takes.values',
    takes: 'takes.by',
    values: 'takes.values',
  }),
};
const REQUIRED: Record<Table, string[]> = { agencies: ['code', 'name'], successions: ['predecessor', 'successor'] };

function headerMap(columns: Record<string, string>, extra: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [field, header] of Object.entries(columns)) {
    map.set(foldKey(header), field);
    map.set(foldKey(field), field);
  }
  for (const [k, field] of Object.entries(extra)) map.set(k, field);
  return map;
}

/** Reads an organisation table (XLSX or CSV: the caller has told them from JSON). */
export async function readOrganisationTable(
  bytes: Buffer,
  type: 'xlsx' | 'csv',
  fileName: string,
  lookups: OrganisationLookups,
): Promise<OrganisationTable> {
  if (bytes.length > ORGANISATION_LIMITS.maxBytes) throw problem('FILE_TOO_LARGE', 'Tệp tổ chức bộ máy lớn hơn 5 MB.', 413);
  const grids = type === 'xlsx' ? await readXlsx(bytes) : [{ sheet: null, rows: readCsv(bytes) }];
  const out: OrganisationTable = {
    json: { format: 'to-chuc/1', agencies: [], successions: [] },
    origins: { agencies: [], successions: [] },
    problems: [],
    reported: new Set(),
  };
  const found: string[] = [];
  const fileAgencies = new Map<string, string>();
  const successionGrids: { grid: Grid; header: number; fields: (string | null)[] }[] = [];
  for (const grid of grids) {
    const head = findTable(grid.rows);
    if (!head) continue;
    found.push(head.table);
    if (head.table === 'agencies') readAgencies(grid, head.index, head.fields, fileName, lookups, out, fileAgencies);
    else successionGrids.push({ grid, header: head.index, fields: head.fields });
  }
  // Successions after agencies: a split may name an agency the same file adds.
  for (const s of successionGrids) readSuccessions(s.grid, s.header, s.fields, fileName, lookups, fileAgencies, out);
  if (found.length === 0) {
    throw problem(
      'TABLE_NOT_FOUND',
      `Không tìm thấy bảng nào trong tệp: bảng cơ quan, đơn vị cần các cột «${AGENCY_COLUMNS.code}» và «${AGENCY_COLUMNS.name}»; bảng kế thừa cần các cột «${SUCCESSION_COLUMNS.predecessor}» và «${SUCCESSION_COLUMNS.successor}». Hãy dùng tệp mẫu (GET /api/organisation/template.xlsx).`,
      422,
    );
  }
  if (out.json.agencies.length + out.json.successions.length === 0)
    throw problem('NO_DATA_ROWS', 'Tệp không có dòng dữ liệu nào để đăng ký.', 422);
  return out;
}

/** The first row among the first few that carries a table's required headers. */
function findTable(rows: string[][]): { table: Table; index: number; fields: (string | null)[] } | null {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const keys = rows[i]!.map(foldKey);
    for (const table of ['agencies', 'successions'] as const) {
      const fields = keys.map((k) => HEADER_FIELDS[table].get(k) ?? null);
      if (REQUIRED[table].every((f) => fields.includes(f))) return { table, index: i, fields };
    }
  }
  return null;
}

/** Data rows under a header: Excel's row number and the cells by field (blank rows skipped). */
function* dataRows(grid: Grid, header: number, fields: (string | null)[]): Generator<{ row: number; cell: (field: string) => string }> {
  for (let i = header + 1; i < grid.rows.length; i++) {
    const cells = grid.rows[i]!;
    if (cells.every((c) => c === '')) continue;
    yield { row: i + 1, cell: (field) => (fields.indexOf(field) >= 0 ? (cells[fields.indexOf(field)] ?? '') : '') };
  }
}

function reporter(out: OrganisationTable, fileName: string, grid: Grid, path: Table, columns: Record<string, string>) {
  return (index: number, row: number, field: string, value: string, code: string, message: string) => {
    out.problems.push({ file: fileName, sheet: grid.sheet, path, row, field, column: columns[field] ?? null, value, code, message });
    out.reported.add(`${path}:${index + 1}:${field}`);
  };
}

function readAgencies(
  grid: Grid,
  header: number,
  fields: (string | null)[],
  fileName: string,
  lookups: OrganisationLookups,
  out: OrganisationTable,
  fileAgencies: Map<string, string>,
): void {
  const kinds = byCodeOrName(lookups.kinds.map((k) => ({ code: k.code, name: k.label })));
  const blocs = byCodeOrName(lookups.blocs);
  const provinces = byCodeOrName(lookups.provinces);
  const fail = reporter(out, fileName, grid, 'agencies', AGENCY_COLUMNS);
  for (const { row, cell } of dataRows(grid, header, fields)) {
    const index = out.json.agencies.length;
    const code = cell('code').toUpperCase();
    const pick = (field: 'kind' | 'bloc' | 'province', known: Map<string, string>, what: string, choices: string[]) => {
      const typed = cell(field);
      if (typed === '') return '';
      const hit = known.get(foldKey(typed));
      if (hit) return hit;
      // A code not registered yet (a new bloc or province in a JSON upload) is for registration to judge.
      if (field !== 'kind' && CODE.test(typed)) return typed;
      fail(
        index,
        row,
        field,
        typed,
        `${field.toUpperCase()}_UNKNOWN`,
        `${what} «${typed}» không có trong danh mục: chọn một trong ${choices.join('; ')}.`,
      );
      return '';
    };
    const entry = {
      code,
      name: cell('name'),
      kind: pick(
        'kind',
        kinds,
        'Loại cơ quan',
        lookups.kinds.map((k) => k.label),
      ),
      bloc: pick(
        'bloc',
        blocs,
        'Khối thi đua',
        lookups.blocs.map((b) => b.name),
      ),
      province: pick(
        'province',
        provinces,
        'Tỉnh',
        lookups.provinces.map((p) => `${p.name} (${p.code})`),
      ),
      validFrom: dateCell(cell('validFrom'), (v) => fail(index, row, 'validFrom', v, 'DATE_INVALID', dateMessage(v))),
      validTo: dateCell(cell('validTo'), (v) => fail(index, row, 'validTo', v, 'DATE_INVALID', dateMessage(v))),
      variants: splitList(cell('variants')),
    };
    out.json.agencies.push(entry);
    out.origins.agencies.push({ sheet: grid.sheet, row });
    if (code) {
      fileAgencies.set(foldKey(code), code);
      if (entry.name) fileAgencies.set(foldKey(entry.name), code);
    }
  }
}

function readSuccessions(
  grid: Grid,
  header: number,
  fields: (string | null)[],
  fileName: string,
  lookups: OrganisationLookups,
  fileAgencies: Map<string, string>,
  out: OrganisationTable,
): void {
  const takes = new Map<string, TakesBy>();
  for (const by of TAKES_BY) {
    takes.set(by, by);
    takes.set(foldKey(TAKES_LABELS[by]), by);
    takes.set(foldKey(TAKES_LABELS[by].replace(/^Theo /, '')), by);
  }
  const fail = reporter(out, fileName, grid, 'successions', SUCCESSION_COLUMNS);
  for (const { row, cell } of dataRows(grid, header, fields)) {
    const index = out.json.successions.length;
    const agency = (field: 'predecessor' | 'successor') => {
      const typed = cell(field);
      if (typed === '') return '';
      const key = foldKey(typed);
      const code = fileAgencies.get(key) ?? lookups.agencyKeys.get(key);
      if (code) return code;
      if (CODE.test(typed.toUpperCase())) return typed.toUpperCase(); // registration names it unknown
      fail(
        index,
        row,
        field,
        typed,
        'AGENCY_UNKNOWN',
        `Không nhận ra cơ quan «${typed}»: ghi mã cơ quan (cột «${AGENCY_COLUMNS.code}» của trang «${AGENCY_SHEET}») hoặc tên đúng như trong danh mục.`,
      );
      return '';
    };
    const typedBy = cell('takes.by');
    const by = typedBy === '' ? 'all' : takes.get(foldKey(typedBy));
    if (!by)
      fail(
        index,
        row,
        'takes.by',
        typedBy,
        'TAKES_UNKNOWN',
        `Phần kế thừa «${typedBy}» không hợp lệ: chọn ${TAKES_BY.map((b) => TAKES_LABELS[b]).join(' / ')}.`,
      );
    out.json.successions.push({
      predecessor: agency('predecessor'),
      successor: agency('successor'),
      effective: dateCell(cell('effective'), (v) => fail(index, row, 'effective', v, 'DATE_INVALID', dateMessage(v))) ?? '',
      note: cell('note'),
      takes: { by: by ?? 'all', values: splitList(cell('takes.values')) },
    });
    out.origins.successions.push({ sheet: grid.sheet, row });
  }
}

function byCodeOrName(items: { code: string; name: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const i of items) {
    map.set(foldKey(i.name), i.code);
    map.set(foldKey(i.code), i.code);
  }
  return map;
}

function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const dateMessage = (v: string) => `Ngày «${v}» không hợp lệ: ghi ngày/tháng/năm, ví dụ 01/07/2025 (ngày có thật).`;

/** dd/mm/yyyy (or d-m-yyyy, d.m.yyyy), an ISO date (Excel dates arrive so: cellText), or an Excel serial day number; null when blank. */
export function dateCell(text: string, onInvalid: (value: string) => void): string | null {
  if (text === '') return null;
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (/^\d{5}$/.test(text)) {
    // Excel's day count from 1899-12-30 (a date cell saved without its date format).
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return date.toISOString().slice(0, 10);
  } else {
    onInvalid(text);
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    onInvalid(text);
    return null;
  }
  return date.toISOString().slice(0, 10);
}

async function readXlsx(bytes: Buffer): Promise<Grid[]> {
  inspectXlsxZip(bytes, { ...ORGANISATION_LIMITS, maxRatio: ORGANISATION_LIMITS.maxZipRatio });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw problem('FILE_UNREADABLE', 'Không đọc được tệp Excel: hãy lưu lại và gửi lại.', 400, { reason: String(error) });
  }
  const grids: Grid[] = [];
  let rowsTotal = 0;
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible' && sheet.state !== undefined) continue; // the template's hidden list sheet
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let col = 1; col <= Math.min(row.cellCount, ORGANISATION_LIMITS.maxColumns); col++)
        cells.push(cleanText(cellText(row.getCell(col).value) ?? ''));
      rows.push(cells);
    }
    rowsTotal += rows.length;
    if (rowsTotal > ORGANISATION_LIMITS.maxRows)
      throw problem('TOO_MANY_ROWS', `Tệp có hơn ${ORGANISATION_LIMITS.maxRows.toLocaleString('vi-VN')} dòng.`, 413);
    grids.push({ sheet: sheet.name, rows });
  }
  return grids;
}

function readCsv(bytes: Buffer): string[][] {
  // UTF-8, Windows-1258 or Excel's UTF-16 "Unicode Text" (tab-separated), as for allocation lists.
  const { text } = decodeCsvText(bytes);
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  const delimiter = ([',', ';', '\t'] as const).reduce((best, d) => (count(d) > count(best) ? d : best));
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw problem('FILE_UNREADABLE', 'Không đọc được tệp CSV (dấu ngoặc kép không khớp hoặc tệp bị cắt).', 400, { reason: String(error) });
  }
  if (records.length > ORGANISATION_LIMITS.maxRows)
    throw problem('TOO_MANY_ROWS', `Tệp có hơn ${ORGANISATION_LIMITS.maxRows.toLocaleString('vi-VN')} dòng.`, 413);
  return records.map((r) => r.slice(0, ORGANISATION_LIMITS.maxColumns).map(cleanText));
}
