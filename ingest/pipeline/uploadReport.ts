import type { Validation } from '../validate/validateUpload.ts';
import type { StagedUpload } from '../stage/stagedUpload.ts';

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
  snapshotVersion?: number | null;
}

export const STATUS_MESSAGES: Record<UploadStatus, (r: { accepted: number; refused: number }) => string> = {
  committed: (c) => `Đã nhập ${c.accepted} dòng${c.refused ? `; ${c.refused} dòng bị từ chối (xem danh sách)` : ''}.`,
  unchanged: () => 'Tệp này đã được nhập trước đó (cùng nội dung): không có gì thay đổi.',
  dry_run: (c) => `Kiểm tra thử: ${c.accepted} dòng hợp lệ, ${c.refused} dòng bị từ chối. Chưa nhập gì vào cơ sở dữ liệu.`,
  rows_refused: (c) =>
    `Tệp chưa được nhập: ${c.refused} dòng có lỗi (xem danh sách). Hãy sửa và gửi lại, hoặc gửi kèm accept_partial=1 để chỉ nhập ${c.accepted} dòng hợp lệ.`,
};
