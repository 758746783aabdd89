import { problem } from './uploadProblem.ts';

export type FileType = 'xlsx' | 'csv' | 'json';

/** The name of the stream an encrypted Office file keeps its package in (UTF-16LE, as OLE directories store names). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Decides the file's form from its bytes (the name's extension is only a hint: clerks
 * rename files). Legacy .xls, password-protected workbooks, PDF and other binaries are
 * refused with a clear message. Give it the whole file: an OLE directory can sit anywhere.
 */
export function detectFileType(bytes: Uint8Array, fileName: string): FileType {
  if (bytes.length === 0) throw problem('FILE_EMPTY', 'Tệp rỗng, không có dữ liệu.', 400);
  const head = (n: number) => Array.from(bytes.subarray(0, n));
  if (head(4).join() === [0x50, 0x4b, 0x03, 0x04].join()) return 'xlsx';
  if (head(4).join() === [0xd0, 0xcf, 0x11, 0xe0].join()) {
    // An .xlsx saved with a password is an OLE container too, holding an EncryptedPackage stream.
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
      throw problem('FILE_ENCRYPTED', 'Tệp Excel đang được đặt mật khẩu nên không đọc được: hãy mở tệp, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi gửi lại.', 415);
    }
    throw problem('FILE_XLS_LEGACY', 'Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy mở tệp và lưu lại dưới dạng .xlsx hoặc CSV.', 415);
  }
  if (head(4).join() === [0x25, 0x50, 0x44, 0x46].join()) throw problem('FILE_TYPE_UNSUPPORTED', 'Tệp PDF không được hỗ trợ: hãy gửi tệp Excel (.xlsx), CSV hoặc JSON.', 415);
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) throw problem('FILE_TYPE_UNSUPPORTED', 'Không nhận dạng được loại tệp: hãy gửi tệp Excel (.xlsx), CSV hoặc JSON.', 415);
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x5b || bytes[i] === 0x7b || /\.json$/i.test(fileName)) return 'json';
  return 'csv';
}
