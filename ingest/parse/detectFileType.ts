import { problem } from './uploadProblem.ts';

export type FileType = 'xlsx' | 'csv' | 'json';

/** The name of the stream an encrypted Office file keeps its package in (UTF-16LE, as OLE directories store names). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Decides the file's form from its bytes (the name's extension is only a hint: clerks
 * rename files). Legacy .xls, password-protected workbooks, PDF and other binaries are
 * refused with a clear message (other zips, .ods and .docx among them, in inspectXlsxZip).
 * Give it the whole file: an OLE directory can sit anywhere.
 */
export function detectFileType(bytes: Uint8Array, fileName: string): FileType {
  if (bytes.length === 0) throw problem('FILE_EMPTY', 'Tệp rỗng, không có dữ liệu.', 400);
  const head = (n: number) => Array.from(bytes.subarray(0, n));
  if (head(4).join() === [0x50, 0x4b, 0x03, 0x04].join()) return 'xlsx';
  if (head(4).join() === [0xd0, 0xcf, 0x11, 0xe0].join()) {
    // An .xlsx saved with a password is an OLE container too, holding an EncryptedPackage stream.
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
      throw problem(
        'FILE_ENCRYPTED',
        'Tệp Excel đang được đặt mật khẩu nên không đọc được: hãy mở tệp, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi gửi lại.',
        415,
      );
    }
    throw problem('FILE_XLS_LEGACY', 'Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy mở tệp và lưu lại dưới dạng .xlsx hoặc CSV.', 415);
  }
  if (head(4).join() === [0x25, 0x50, 0x44, 0x46].join())
    throw problem('FILE_TYPE_UNSUPPORTED', 'Tệp PDF không được hỗ trợ: hãy gửi tệp Excel (.xlsx), CSV hoặc JSON.', 415);
  // Excel's "Unicode Text": UTF-16 with a BOM (every other byte of Latin text is a NUL).
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (!utf16 && looksBinary(bytes.subarray(0, 4096)))
    throw problem('FILE_TYPE_UNSUPPORTED', 'Không nhận dạng được loại tệp: hãy gửi tệp Excel (.xlsx), CSV hoặc JSON.', 415);
  // The first character that is not white space: a JSON array or object, or a CSV.
  const start = new TextDecoder(utf16 ?? 'utf-8').decode(bytes.subarray(0, 4096)).trimStart();
  if (start[0] === '[' || start[0] === '{' || /\.json$/i.test(fileName)) return 'json';
  return 'csv';
}

/**
 * Text has few control bytes; images, archives and programs have many (about one byte in
 * nine in compressed data). A CSV with a stray NUL in a cell is still a CSV: the row is
 * refused (TEXT_INVALID_CHARACTER), not the file.
 */
function looksBinary(sample: Uint8Array): boolean {
  let controls = 0;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  return controls > 8 && controls * 50 > sample.length;
}
