import type { Validation } from '../validate/validateUpload.ts';
import type { StagedUpload } from '../stage/stagedUpload.ts';
import type { ColumnDecision, ColumnDiagnosis } from '../../contracts/uploadFields.ts';

export type { ColumnDecision, ColumnDiagnosis } from '../../contracts/uploadFields.ts';

export type UploadStatus = 'committed' | 'unchanged' | 'dry_run' | 'rows_refused';

/** The JSON report of one upload (dry run, refusal or commit), also stored with the batch. */
export interface UploadReport {
  status: UploadStatus;
  message: string;
  batchId: number | null;
  agency: string;
  year: number;
  /** The plan the list falls under (absent in reports stored before plans were data). */
  plan?: { code: string; number: string; firstYear: number; lastYear: number };
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
