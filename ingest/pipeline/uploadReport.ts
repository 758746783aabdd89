import type { Validation } from '../validate/validateUpload.ts';
import type { StagedUpload } from '../stage/stagedUpload.ts';
import type { Field } from '../parse/headerMap.ts';

/**
 * A column read as another field than its header says, because its values fit that field's
 * vocabulary far better (e.g. "Tập thể"/"Cá nhân" under "Phân loại" read as Loại); or a column
 * whose values fit no field, said once for the column.
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

export type UploadStatus = 'committed' | 'unchanged' | 'dry_run' | 'rows_refused';

/** The JSON report of one upload (dry run, refusal or commit), also stored with the batch. */
export interface UploadReport {
  status: UploadStatus;
  message: string;
  batchId: number | null;
  agency: string;
  year: number;
  fileName: string;
  sha256: string;
  file: Omit<StagedUpload, 'titleRows'>;
  counts: Validation['counts'];
  refused: Validation['refused'];
  ignored: Validation['ignored'];
  duplicates: Validation['duplicates'];
  nearMatches: Validation['nearMatches'];
  /** Columns read by what they hold rather than by their header (issue 13.1). */
  columnDecisions?: ColumnDecision[];
  /** One diagnosis per column where most rows fail for one reason; shown before the rows (issue 13.2). */
  diagnoses?: ColumnDiagnosis[];
  snapshotVersion?: number | null;
}

/**
 * The report's opening sentence. It names no API parameter: the upload page has the button
 * for a partial commit, and it is offered only when some rows are valid (issue 13.4). The
 * counts are the validation's (the dry run's, for the page).
 */
export const STATUS_MESSAGES: Record<UploadStatus, (r: { accepted: number; refused: number }) => string> = {
  committed: (c) => `Đã nhập ${c.accepted} dòng${c.refused ? `; ${c.refused} dòng bị từ chối (xem danh sách)` : ''}.`,
  unchanged: () => 'Tệp này đã được nhập trước đó (cùng nội dung): không có gì thay đổi.',
  dry_run: (c) => `Kiểm tra thử: ${c.accepted} dòng hợp lệ, ${c.refused} dòng bị từ chối. Chưa nhập gì vào cơ sở dữ liệu.`,
  rows_refused: (c) =>
    c.accepted > 0
      ? `Tệp chưa được nhập: ${c.refused} dòng có lỗi (xem danh sách). Hãy sửa và gửi lại, hoặc chọn «Chỉ nhập ${c.accepted} dòng hợp lệ» trên trang tải lên.`
      : `Tệp chưa được nhập: ${c.refused} dòng có lỗi (xem danh sách), không có dòng nào hợp lệ. Hãy sửa và gửi lại.`,
};
