/**
 * The report's title and first sentence in a clerk's words, written by the page from the
 * counts: the service's own sentence may name API parameters (accept_partial), which a clerk
 * has no use for; the page offers a button instead.
 */
import { formatInteger } from '../lib/format.ts';
import type { UploadReport } from '../lib/ingestClient.ts';

export function reportTitle(report: UploadReport): string {
  switch (report.status) {
    case 'committed':
      return 'Đã nhập dữ liệu';
    case 'unchanged':
      return 'Tệp đã được nhập trước đó';
    case 'dry_run':
      return 'Kết quả kiểm tra thử (chưa nhập)';
    case 'rows_refused':
      return 'Tệp chưa được nhập';
    default:
      return 'Tệp bị từ chối';
  }
}

export function reportSentence(report: UploadReport): string | null {
  const accepted = report.accepted ?? 0;
  const refused = report.refused ?? report.refusals.length;
  const n = formatInteger;
  switch (report.status) {
    case 'committed':
      return `Đã nhập ${n(accepted)} dòng${refused > 0 ? `; ${n(refused)} dòng bị từ chối không được nhập (xem danh sách dưới đây)` : ''}.`;
    case 'unchanged':
      return 'Tệp này đã được nhập trước đó (cùng nội dung): không có gì thay đổi.';
    case 'dry_run':
      if (refused === 0) return `Tất cả ${n(accepted)} dòng hợp lệ. Chưa nhập gì: bấm “Nhập dữ liệu” để nhập.`;
      if (accepted === 0)
        return `Không có dòng nào hợp lệ: ${n(refused)} dòng bị từ chối. Hãy sửa tệp (hoặc cách đọc các cột) rồi kiểm tra lại.`;
      return `${n(accepted)} dòng hợp lệ, ${n(refused)} dòng bị từ chối. Chưa nhập gì. Hãy sửa tệp rồi kiểm tra lại, hoặc chỉ nhập các dòng hợp lệ.`;
    case 'rows_refused':
      return `Tệp chưa được nhập: ${n(refused)} dòng có lỗi (xem danh sách dưới đây). Không có gì được ghi.`;
    default:
      return report.message === null ? null : clerkWords(report.message);
  }
}

/**
 * A service message without the API's words: a sentence that tells a script to send `mapping`
 * or `accept_partial` becomes what the page offers instead (the column drop-downs, the button).
 */
export function clerkWords(raw: string): string {
  const message = raw.replace(/trong trường "agency"/g, 'ở ô “Cơ quan, đơn vị”').replace(/trong trường "file"/g, 'ở ô chọn tệp');
  const sentences = message.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [message];
  const kept = sentences
    .filter((s) => !/\bmapping\b|accept_partial/.test(s))
    .join('')
    .trim();
  const dropped = kept.length < message.trim().length;
  return dropped ? `${kept} Có thể chọn lại cách đọc các cột ở bảng xem trước, hoặc sửa tệp rồi gửi lại.`.trim() : message;
}
