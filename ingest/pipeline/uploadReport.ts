import type { UploadStatus } from '../../contracts/uploadReport.ts';

// The report's shape is the contract's (contracts/uploadReport.ts), which the upload page reads too.
export type { UploadReport, UploadStatus } from '../../contracts/uploadReport.ts';
export type { ColumnDecision, ColumnDiagnosis } from '../../contracts/uploadFields.ts';

/**
 * The report's opening sentence. It names no API parameter: the upload page has the button
 * for a partial commit, and it is offered only when some rows are valid. The
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
