import {
  COLUMN_FORMATS,
  type ColumnDeclaration,
  type ColumnFormat,
  type ParamDeclaration,
  type ParamType,
  type ParamValue,
  type QueryDefinition,
} from './queryDefinition.ts';

export interface QueryFileError {
  code: 'BAD_QUERY_FILE';
  message: string;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * `-- @filters standard`: the dashboard's standard filters, in this order (docs/architecture.md#the-query-catalogue: a new filter
 * is added here once instead of in every query file).
 */
export const STANDARD_FILTERS: readonly string[] = [
  'year_from INTEGER[years] = period.first  Từ năm',
  'year_to INTEGER[years] = period.last  Đến năm',
  'movement INTEGER[movements] = NULL  Phong trào thi đua (mã)',
  'agency CODE = NULL  Cơ quan, đơn vị (mã)',
  'bloc CODE = NULL  Khối thi đua (mã)',
  'kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình',
  'category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới',
  'form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh',
  'rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa',
  'plan TEXT = NULL  Kế hoạch',
  'as_of DATE = NULL  Theo tổ chức tại ngày',
];

/** `$standard_filters` in a query's SQL: the standard filters' `$name`s, comma-separated, in order. */
const STANDARD_ARGUMENTS_TOKEN = /\$standard_filters\b/g;
const STANDARD_ARGUMENTS = STANDARD_FILTERS.map((line) => `$${line.split(' ')[0]}`).join(', ');

function parseType(text: string): ParamType | null {
  const snapshotRange = /^INTEGER\[(years|movements)\]$/.exec(text);
  // Bounds until the snapshot resolves them (resolveQuery.ts); never used to validate.
  if (snapshotRange) return { kind: 'INTEGER', min: INT32_MIN, max: INT32_MAX, range: snapshotRange[1] as 'years' | 'movements' };
  const integer = /^INTEGER(?:\[(-?\d+)\.\.(-?\d+)\])?$/.exec(text);
  if (integer) {
    const min = integer[1] === undefined ? INT32_MIN : Number(integer[1]);
    const max = integer[2] === undefined ? INT32_MAX : Number(integer[2]);
    return min <= max ? { kind: 'INTEGER', min, max } : null;
  }
  const enumeration = /^ENUM\(([a-z0-9_]+(?:,[a-z0-9_]+)*)\)$/.exec(text);
  if (enumeration) return { kind: 'ENUM', values: enumeration[1]!.split(',') };
  if (text === 'BOOLEAN' || text === 'CODE' || text === 'TEXT' || text === 'DATE') return { kind: text };
  return null;
}

function parseDefault(type: ParamType, text: string): ParamValue | undefined {
  if (text === 'NULL') return null;
  switch (type.kind) {
    case 'INTEGER': {
      const n = Number(text);
      return Number.isInteger(n) && n >= type.min && n <= type.max ? n : undefined;
    }
    case 'BOOLEAN':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'ENUM':
      return type.values.includes(text) ? text : undefined;
    case 'DATE':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
    default:
      return text;
  }
}

const SNAPSHOT_DEFAULTS = new Set(['period.first', 'period.last']);

/** `$name` references in the SQL body (comments removed first). */
export function sqlParameterNames(sql: string): Set<string> {
  const body = sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
  return new Set([...body.matchAll(/\$([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!));
}

/**
 * Parses one query file. Every declared parameter must appear in the SQL as $name and every
 * $name must be declared: DuckDB refuses a bind of an unused name, and an undeclared one
 * could never be validated.
 */
export function parseQueryFile(name: string, text: string): QueryDefinition | QueryFileError {
  const fail = (message: string): QueryFileError => ({ code: 'BAD_QUERY_FILE', message: `${name}.sql: ${message}` });
  if (!NAME.test(name)) return fail('file name must be snake_case');
  let title = '';
  let answers = '';
  let fileSlug = name;
  let access: QueryDefinition['access'] = 'figures';
  let scopeColumn: string | null = null;
  const params: ParamDeclaration[] = [];
  const columns: ColumnDeclaration[] = [];
  const directives: [string, string][] = [];
  let standard = false;
  for (const line of text.split('\n')) {
    const directive = /^--\s*@(\w+)\s+(.*)$/.exec(line.trim());
    if (!directive) continue;
    const [, key = '', rest = ''] = directive;
    if (key === 'filters') {
      if (rest.trim() !== 'standard') return fail(`bad @filters: ${rest.trim()} (expected "standard")`);
      for (const param of STANDARD_FILTERS) directives.push(['param', param]);
      standard = true;
    } else directives.push([key, rest.trim()]);
  }
  for (const [key, value] of directives) {
    if (key === 'title') title = value;
    else if (key === 'answers') answers = value;
    else if (key === 'file') {
      if (!NAME.test(value)) return fail(`@file must be an ascii slug: ${value}`);
      fileSlug = value;
    } else if (key === 'access') {
      const m = /^personal(?:\s+([a-z_][a-z0-9_]*))?$/.exec(value);
      if (!m) return fail(`bad @access: ${value} (expected "personal" or "personal <agency column>")`);
      access = 'personal';
      scopeColumn = m[1] ?? null;
    } else if (key === 'column') {
      const m = /^([a-z_][a-z0-9_]*)(?::([a-z]+))?\s+(.+)$/.exec(value);
      if (!m) return fail(`bad @column: ${value}`);
      const format = m[2] as ColumnFormat | undefined;
      if (format !== undefined && !COLUMN_FORMATS.includes(format))
        return fail(`unknown column format :${format} for ${m[1]} (expected one of ${COLUMN_FORMATS.join(', ')})`);
      columns.push({ name: m[1]!, label: m[3]!, ...(format ? { format } : {}) });
    } else if (key === 'param') {
      const m = /^([a-z_][a-z0-9_]*)\s+(\S+)(?:\s*=\s*(\S+))?(?:\s+(.*))?$/.exec(value);
      if (!m) return fail(`bad @param: ${value}`);
      const [, paramName, typeText, defaultText, label] = m;
      const type = parseType(typeText!);
      if (!type) return fail(`unknown type ${typeText} for ${paramName}`);
      if (params.some((p) => p.name === paramName)) return fail(`duplicate parameter ${paramName}`);
      let defaultValue: ParamValue = null;
      let defaultFrom: ParamDeclaration['defaultFrom'];
      if (defaultText !== undefined && SNAPSHOT_DEFAULTS.has(defaultText)) {
        if (type.kind !== 'INTEGER' || type.range !== 'years')
          return fail(`default ${defaultText} for ${paramName} needs the type INTEGER[years]`);
        defaultFrom = defaultText as ParamDeclaration['defaultFrom'];
      } else if (defaultText !== undefined) {
        const parsed = parseDefault(type, defaultText);
        if (parsed === undefined) return fail(`bad default ${defaultText} for ${paramName}`);
        defaultValue = parsed;
      }
      params.push({
        name: paramName!,
        type,
        typeText: typeText!,
        required: defaultText === undefined,
        default: defaultValue,
        ...(defaultFrom ? { defaultFrom } : {}),
        label: label?.trim() || paramName!,
      });
    } else {
      return fail(`unknown directive @${key}`);
    }
  }
  if (!title) return fail('missing @title');
  if (!answers) return fail('missing @answers');
  if (access === 'personal') {
    const agency = params.find((p) => p.name === 'agency');
    if (agency && agency.type.kind !== 'CODE') return fail('@access personal: the agency parameter must be a CODE');
    if (!agency && !scopeColumn) return fail('@access personal needs an agency parameter or an agency column to scope rows by');
    if (scopeColumn && !columns.some((c) => c.name === scopeColumn))
      return fail(`@access personal: ${scopeColumn} is not a declared @column`);
  }
  // `$standard_filters` stands for the standard filters as arguments, in their order, so a new
  // filter is added to STANDARD_FILTERS and the macros, not to every call in every file.
  if (!standard && /\$standard_filters\b/.test(text)) return fail('$standard_filters is used without @filters standard');
  const sql = standard ? text.replace(STANDARD_ARGUMENTS_TOKEN, STANDARD_ARGUMENTS) : text;
  const used = sqlParameterNames(sql);
  for (const p of params) if (!used.has(p.name)) return fail(`parameter ${p.name} is declared but not used`);
  for (const u of used) if (!params.some((p) => p.name === u)) return fail(`$${u} is used but not declared`);
  return { name, title, answers, fileSlug, params, columns, sql, access, scopeColumn };
}
