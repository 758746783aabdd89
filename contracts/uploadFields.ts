/**
 * The upload's fields and the report shapes the two sides of an upload share: the ingest
 * service writes them, the dashboard's upload page reads them (docs/upload-format.md).
 */

/** The canonical upload fields, in template order. */
export const FIELDS = [
  'name',
  'kind',
  'unit',
  'movement',
  'category',
  'stage',
  'year',
  'form',
  'decision_no',
  'decision_date',
  'code',
] as const;
export type Field = (typeof FIELDS)[number];

/** Each field's Vietnamese name: the template's header, and what the clerk reads. */
export const FIELD_LABELS: Record<Field, string> = {
  name: 'Tên tập thể/cá nhân',
  kind: 'Loại',
  unit: 'Chức vụ, đơn vị / địa chỉ',
  movement: 'Phong trào thi đua',
  category: 'Phân loại',
  stage: 'Khâu',
  year: 'Năm công nhận',
  form: 'Hình thức',
  decision_no: 'Số QĐ',
  decision_date: 'Ngày QĐ',
  code: 'Mã điển hình',
};

/**
 * A column read as another field than its header says, because its values fit that field's
 * vocabulary far better (e.g. "Tập thể"/"Cá nhân" under "Phân loại" read as Loại); or a column
 * set aside because another one holds its field.
 */
export interface ColumnDecision {
  /** 1-based column number, as Excel shows it (A = 1). */
  column: number;
  header: string;
  /** What the header alone would have mapped to (null: no field). */
  headerField: Field | null;
  /** What the column is read as (null: not read). */
  field: Field | null;
  /** Vietnamese, e.g. "Cột «Phân loại» chứa loại đối tượng (Tập thể/Cá nhân) nên được hiểu là Loại". */
  message: string;
}

/**
 * One message for a column where most rows are refused for the same reason: the distinct
 * values with their counts, what was expected, and the fix (a mapping, or what to change).
 */
export interface ColumnDiagnosis {
  field: Field;
  /** The column's header as in the file (null when the field has no column). */
  header: string | null;
  code: string;
  /** Rows refused for this reason in this column. */
  rows: number;
  /** Distinct values, most frequent first (at most 20). */
  values: { value: string | null; count: number }[];
  expected: string;
  fix: string;
  /** The `mapping` that would make the file pass, when a mapping is the fix. */
  mapping?: Partial<Record<Field, string>>;
  message: string;
}
