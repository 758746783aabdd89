import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import type { Field } from '../parse/headerMap.ts';
import { columnFits, FIELD_LABELS, VOCABULARY_FIELDS } from '../parse/inferColumns.ts';
import type { ColumnDiagnosis } from '../../contracts/uploadFields.ts';
import { MAX_TEXT_LENGTH } from './refusalCodes.ts';

const DIAGNOSES = loadSql(import.meta.url, './sql/column_diagnoses.sql');

/** A column gets one diagnosis when at least this many data rows, and this share of them, fail there for one reason. */
export const DIAGNOSIS_MIN_ROWS = 3;
export const DIAGNOSIS_MIN_SHARE = 0.5;
const MAX_VALUES = 20;

/** What each field must hold, in the clerk's words. */
const EXPECTED: Record<Field, string> = {
  name: 'tên tập thể hoặc họ tên cá nhân',
  kind: 'Tập thể, Cá nhân hoặc Hộ gia đình',
  unit: 'chức vụ, đơn vị hoặc địa chỉ',
  movement: 'số phong trào hoặc tên phong trào thi đua theo kế hoạch của năm danh sách',
  category: 'Điển hình tiên tiến, Mô hình mới hoặc Nhân tố mới (để trống: Điển hình tiên tiến)',
  stage: 'Phát hiện, Bồi dưỡng, Tổng kết hoặc Nhân rộng (để trống: Phát hiện)',
  year: 'một năm trong giai đoạn của kế hoạch, cùng một năm cho cả tệp',
  form: 'Công nhận điển hình tiên tiến hoặc Bằng khen của Chủ tịch UBND tỉnh (để trống: Công nhận điển hình tiên tiến)',
  decision_no: 'số quyết định',
  decision_date: 'ngày/tháng/năm có thật, ví dụ 05/06/2023',
  code: 'một mã chưa dùng cho điển hình của đơn vị khác',
};

/** Fixes that depend on the reason rather than the field. */
const FIX_BY_CODE: Partial<Record<string, (where: string) => string>> = {
  TEXT_TOO_LONG: (where) => `Rút gọn nội dung ${where} (tối đa ${MAX_TEXT_LENGTH} ký tự một ô) rồi gửi lại.`,
  TEXT_INVALID_CHARACTER: (where) => `Gõ lại nội dung ${where}: có ký tự không nhìn thấy được, thường do sao chép từ phần mềm khác.`,
  HOUSEHOLD_OUTSIDE_MOVEMENT: () =>
    'Hộ gia đình chỉ được công nhận trong phong trào mà kế hoạch dành cho hộ gia đình: sửa Loại hoặc Phong trào rồi gửi lại.',
  CODE_OTHER_AGENCY: (where) => `Để trống hoặc đổi ${where}: mã này đã thuộc điển hình của đơn vị khác.`,
};

/** A column of the file with the first values under its header (from the stager's sample). */
export interface SampledColumn {
  header: string;
  field: Field | null;
  values: (string | null)[];
}

/**
 * One diagnosis per (column, reason) that refuses most rows of the file (docs/upload-format.md, "One diagnosis per column"): the
 * distinct values with their counts, what was expected, and the fix; a mapping when another
 * column's values fit the field. Needs upload_refusals and upload_norm (validateUpload).
 */
export async function diagnoseColumns(
  conn: DuckDBConnection,
  headers: Partial<Record<Field, string>>,
  sampled: readonly SampledColumn[] = [],
): Promise<ColumnDiagnosis[]> {
  const rows = await queryRows(conn, DIAGNOSES, { min_rows: DIAGNOSIS_MIN_ROWS, min_share: DIAGNOSIS_MIN_SHARE, max_values: MAX_VALUES });
  return rows.map((r) => {
    const field = String(r.field) as Field;
    const code = String(r.code);
    const refused = Number(r.rows);
    const values = (JSON.parse(String(r.values_json ?? '[]')) as { value: string | null; count: number }[]).map((v) => ({
      value: v.value,
      count: Number(v.count),
    }));
    const header = headers[field] ?? null;
    const label = FIELD_LABELS[field];
    const expected = EXPECTED[field];
    const other = (VOCABULARY_FIELDS as readonly string[]).includes(field) ? betterColumn(field, header, sampled) : null;
    const mapping = other ? { [field]: other } : undefined;
    const where = header ? `cột «${header}»` : `cột ${label}`;
    const byCode = FIX_BY_CODE[code];
    const fix = other
      ? `Cột «${other}» có vẻ chứa ${label}: chọn cột «${other}» cho ${label} trên trang tải lên rồi gửi lại.`
      : byCode
        ? byCode(where)
        : code.endsWith('_MISSING')
          ? `Điền ${label} cho mọi dòng ở ${where} rồi gửi lại.`
          : `${label} phải là ${expected}: sửa ${where} rồi gửi lại.`;
    const shown = values
      .slice(0, 5)
      .map((v) => (v.value === null ? `(trống) ×${v.count}` : `"${v.value}" ×${v.count}`))
      .join(', ');
    const message = `${refused}/${Number(r.data_rows)} dòng bị từ chối vì cùng một lỗi ở ${where}. Giá trị gặp: ${shown}${values.length > 5 ? ', …' : ''}. Cần: ${expected}. ${fix}`;
    return { field, header, code, rows: refused, values, expected, fix, ...(mapping ? { mapping } : {}), message };
  });
}

/** Another column whose sampled values mostly fit `field`, to name in a mapping. */
function betterColumn(field: Field, header: string | null, sampled: readonly SampledColumn[]): string | null {
  let best: { header: string; fit: number } | null = null;
  for (const c of sampled) {
    if (c.header === '' || c.header === header) continue;
    const s = columnFits(c.values, c.field); // a bare number is a movement only under a movement header
    const fit = s.fits[field as (typeof VOCABULARY_FIELDS)[number]];
    if (s.count > 0 && fit >= 0.5 && (!best || fit > best.fit)) best = { header: c.header, fit };
  }
  return best?.header ?? null;
}
