import { foldKey } from '../text/normalise.ts';

import { FIELDS, FIELD_LABELS, type Field } from '../../contracts/uploadFields.ts';

export { FIELDS, type Field };
/** The template's Vietnamese headers: the fields' names (contracts/uploadFields.ts). */
export const TEMPLATE_HEADERS: Record<Field, string> = FIELD_LABELS;

export const REQUIRED_FIELDS: readonly Field[] = ['name', 'kind', 'movement', 'year'];

/** Header variants seen in agency files, compared after foldKey (no case, spacing, diacritics). */
const VARIANTS: Record<Field, string[]> = {
  name: [
    'Tên tập thể/cá nhân',
    'Tên tập thể, cá nhân',
    'Tên tập thể cá nhân',
    'Họ và tên',
    'Họ tên',
    'Họ tên/Tên tập thể',
    'Họ và tên/Tên tập thể',
    'Tên tập thể/Họ tên',
    'Tên',
    'Tên đơn vị, cá nhân',
    'Tên điển hình',
    'Tên tập thể, họ tên cá nhân',
  ],
  kind: ['Loại', 'Loại đối tượng', 'Đối tượng', 'Tập thể/cá nhân', 'Tập thể/Cá nhân/Hộ gia đình'],
  unit: [
    'Chức vụ, đơn vị / địa chỉ',
    'Chức vụ, đơn vị',
    'Chức vụ - đơn vị',
    'Chức vụ, đơn vị công tác',
    'Đơn vị công tác',
    'Đơn vị',
    'Địa chỉ',
    'Đơn vị/địa chỉ',
    'Nơi công tác',
    'Chức vụ',
    'Chức vụ, đơn vị, địa chỉ',
  ],
  movement: ['Phong trào thi đua', 'Phong trào', 'Thuộc phong trào', 'PTTĐ', 'Phong trào thi đua số'],
  category: ['Phân loại', 'Loại hình', 'Loại điển hình'],
  stage: ['Khâu', 'Giai đoạn', 'Khâu thực hiện'],
  year: ['Năm công nhận', 'Năm', 'Năm được công nhận'],
  form: ['Hình thức', 'Hình thức công nhận', 'Hình thức khen thưởng'],
  decision_no: ['Số QĐ', 'Số quyết định', 'Quyết định số', 'QĐ số', 'Số hiệu quyết định'],
  decision_date: ['Ngày QĐ', 'Ngày quyết định', 'Ngày ký', 'Ngày ký QĐ', 'Ngày ban hành'],
  code: ['Mã điển hình', 'Mã', 'Mã số'],
};

/** Columns recognised and deliberately not imported (row number, notes). */
const IGNORED_HEADERS = ['STT', 'TT', 'Số TT', 'Số thứ tự', 'Ghi chú'].map(foldKey);

/** A header recognised and deliberately not imported (row number, notes). */
export const isIgnoredHeader = (cell: string): boolean => IGNORED_HEADERS.includes(foldKey(cell));

const LOOKUP = new Map<string, Field>();
for (const field of FIELDS) {
  LOOKUP.set(foldKey(field), field); // JSON's canonical names ("decision_no" → "decision no")
  for (const v of VARIANTS[field]) LOOKUP.set(foldKey(v), field);
}

/** The upload's explicit mapping by the fold key of each header text. */
export function explicitKeys(explicit: Partial<Record<Field, string>>): Map<string, Field> {
  return new Map((Object.entries(explicit) as [Field, string][]).map(([field, header]) => [foldKey(header), field]));
}

export type ColumnMapping = Partial<Record<Field, number>>;

export interface HeaderMatch {
  columns: ColumnMapping;
  /** Header text per mapped field, as written in the file. */
  headers: Partial<Record<Field, string>>;
  unknown: string[];
}

/**
 * Maps one candidate header row. `explicit` (from the upload's mapping form field) maps a
 * canonical field to a header text and wins over the built-in variants.
 */
export function matchHeaderRow(cells: readonly string[], explicit: Partial<Record<Field, string>> = {}): HeaderMatch {
  const columns: ColumnMapping = {};
  const headers: Partial<Record<Field, string>> = {};
  const unknown: string[] = [];
  const explicitByKey = explicitKeys(explicit);
  // The explicit mapping claims its columns first: a built-in variant to their left ("Loại"
  // when the mapping names "Danh hiệu" for kind) must not take the field before it.
  const claimed = new Set<Field>();
  cells.forEach((cell) => {
    const field = explicitByKey.get(foldKey(cell ?? ''));
    if (field) claimed.add(field);
  });
  cells.forEach((cell, index) => {
    const key = foldKey(cell ?? '');
    if (key === '') return;
    const explicitField = explicitByKey.get(key);
    const builtIn = LOOKUP.get(key);
    const field = explicitField ?? (builtIn && claimed.has(builtIn) ? undefined : builtIn);
    if (!field && builtIn) return; // a variant of a field the mapping put elsewhere: not read
    if (field && columns[field] === undefined) {
      columns[field] = index;
      headers[field] = cell.trim();
    } else if (!field && !IGNORED_HEADERS.includes(key)) {
      unknown.push(cell.trim());
    }
  });
  return { columns, headers, unknown };
}

/**
 * The row under a header may finish it: official forms put a group header over two columns
 * ("Quyết định công nhận" merged over "Số" and "Ngày"), and the cells merged down over both
 * rows repeat the header's text. Returns the header's mapping completed by that row, or null
 * when the row is not a sub-header: any cell that is neither empty, the header's own text
 * nor a sub-header of its group makes it data (or a numbering row).
 */
export function mergeSubHeader(
  headerCells: readonly (string | null)[],
  match: HeaderMatch,
  next: readonly (string | null)[],
  explicit: Partial<Record<Field, string>> = {},
): HeaderMatch | null {
  const explicitByKey = explicitKeys(explicit);
  const columns: ColumnMapping = { ...match.columns };
  const headers: Partial<Record<Field, string>> = { ...match.headers };
  const groups = new Set<string>();
  let parent = '';
  let added = 0;
  for (let j = 0; j < Math.max(headerCells.length, next.length); j++) {
    const top = (headerCells[j] ?? '').trim();
    const cell = (next[j] ?? '').trim();
    if (top !== '') parent = top; // a group header's text covers the empty cells merged to its right
    if (cell === '' || foldKey(cell) === foldKey(top)) continue;
    const field = subHeaderField(parent, cell, explicitByKey);
    if (!field) return null;
    if (columns[field] === undefined) {
      columns[field] = j;
      headers[field] = `${parent} / ${cell}`;
      added++;
    }
    groups.add(parent);
  }
  if (added === 0) return null;
  return { columns, headers, unknown: match.unknown.filter((u) => !groups.has(u)) };
}

function subHeaderField(parent: string, cell: string, explicitByKey: Map<string, Field>): Field | null {
  const key = foldKey(cell);
  const combined = foldKey(`${parent} ${cell}`);
  const known = explicitByKey.get(key) ?? explicitByKey.get(combined) ?? LOOKUP.get(key) ?? LOOKUP.get(combined);
  if (known) return known;
  // "Số" and "Ngày" alone say nothing; under a decision group they are its number and date.
  if (/\b(quyet dinh|qd)\b/.test(foldKey(parent))) {
    if (/^(so|so hieu|so ky hieu)$/.test(key)) return 'decision_no';
    if (/^ngay( |$)/.test(key)) return 'decision_date';
  }
  return null;
}

/** A row is the header when it names at least three fields, two of them required. */
export function looksLikeHeader(match: HeaderMatch): boolean {
  const fields = Object.keys(match.columns) as Field[];
  return fields.length >= 3 && fields.filter((f) => REQUIRED_FIELDS.includes(f)).length >= 2;
}

/** Parses the `mapping` form field: a JSON object { canonicalField: "header text" }. */
export function parseExplicitMapping(text: string | undefined): Partial<Record<Field, string>> | { error: string } {
  if (!text || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'mapping không phải JSON hợp lệ' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { error: 'mapping phải là một đối tượng JSON { "trường": "tên cột" }' };
  const out: Partial<Record<Field, string>> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(FIELDS as readonly string[]).includes(k) || typeof v !== 'string')
      return { error: `mapping: "${k}" không phải trường hợp lệ (${FIELDS.join(', ')})` };
    out[k as Field] = v;
  }
  return out;
}
