import { strFromU8, unzipSync } from 'fflate';
import { problem, UploadProblem } from './uploadProblem.ts';
import { inflatedSize, readZipDirectory, type ZipEntry } from './readZipDirectory.ts';
import { boundsScanner, checkSharedStringsSize, DEFAULT_XLSX_BOUNDS, type XlsxBounds } from './xlsxBounds.ts';

/** The zip-bomb limits; the workbook bounds default to DEFAULT_XLSX_BOUNDS. */
export interface ZipLimits extends Partial<XlsxBounds> {
  maxUncompressedBytes: number;
  maxRatio: number;
}

/**
 * Checks a workbook before any XML is parsed: a readable zip that is an Excel workbook,
 * that does not expand far beyond its size (zip bomb), whose entries really inflate to the
 * sizes its directory declares (a directory that lies would otherwise let a 20 MB upload
 * inflate to 20 GB inside the parsers), and that holds neither macros nor external links.
 */
export function inspectXlsxZip(bytes: Uint8Array, limits: ZipLimits): { entries: string[]; uncompressed: number } {
  let directory: ZipEntry[];
  try {
    directory = readZipDirectory(bytes);
  } catch (error) {
    throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn): hãy lưu lại và gửi lại.', 400, {
      reason: String(error),
    });
  }
  const entries = directory.map((e) => e.name);
  const uncompressed = directory.reduce((sum, e) => sum + e.size, 0);
  if (!entries.includes('xl/workbook.xml')) refuseOtherZip(bytes, directory);
  // The message names the limit that applies: the inflated size, or the ratio to the file's size.
  const mb = (n: number) => `${(n / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  const bomb = (actual: number) => {
    const ratio = actual / Math.max(bytes.length, 1);
    const details = {
      uncompressed: actual,
      compressed: bytes.length,
      maxUncompressedBytes: limits.maxUncompressedBytes,
      maxRatio: limits.maxRatio,
    };
    if (actual > limits.maxUncompressedBytes) {
      return problem(
        'FILE_ZIP_BOMB',
        `Tệp Excel giải nén ra ${mb(actual)}, vượt giới hạn ${mb(limits.maxUncompressedBytes)} sau giải nén: tệp bị từ chối.`,
        413,
        { limit: 'maxUncompressedBytes', ...details },
      );
    }
    return problem(
      'FILE_ZIP_BOMB',
      `Tệp Excel ${mb(bytes.length)} giải nén ra ${mb(actual)}, gấp ${Math.floor(ratio).toLocaleString('vi-VN')} lần, vượt tỉ lệ nén tối đa ${limits.maxRatio.toLocaleString('vi-VN')} lần (dấu hiệu của tệp "bom nén"): tệp bị từ chối.`,
      413,
      { limit: 'maxRatio', ...details },
    );
  };
  // The most specific refusal first: a shared-strings part too big for its bound.
  const bounds: XlsxBounds = { ...DEFAULT_XLSX_BOUNDS, ...limits };
  const shared = directory.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared) checkSharedStringsSize(shared.size, bounds);
  if (uncompressed > limits.maxUncompressedBytes || uncompressed > Math.max(bytes.length, 1) * limits.maxRatio) throw bomb(uncompressed);

  const totals = { cells: 0 };
  for (const entry of directory) {
    let actual: number;
    try {
      actual = inflatedSize(bytes, entry, entry.size, boundsScanner(entry.name, bounds, totals));
    } catch (error) {
      if (error instanceof UploadProblem) throw error; // a bound passed (xlsxBounds)
      throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ: hãy lưu lại và gửi lại.', 400, {
        entry: entry.name,
        reason: String(error),
      });
    }
    if (actual > entry.size) throw bomb(uncompressed - entry.size + actual);
    if (actual < entry.size)
      throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ: hãy lưu lại và gửi lại.', 400, {
        entry: entry.name,
        declared: entry.size,
        actual,
      });
  }

  refuseActiveContent(bytes, entries);
  return { entries, uncompressed };
}

/**
 * Other documents are zips too. An OpenDocument file names its kind in its first entry,
 * "mimetype" (a line of text); a Word document has word/document.xml. Each gets a
 * message saying how to make the .xlsx the service reads.
 */
function refuseOtherZip(bytes: Uint8Array, directory: ZipEntry[]): never {
  const names = new Set(directory.map((e) => e.name));
  // OpenDocument stores "mimetype" uncompressed, so it is read in place (nothing inflated
  // before the zip-bomb check).
  const entry = directory.find((e) => e.name === 'mimetype' && e.method === 0 && e.compressedSize <= 200);
  const mimetype = entry ? strFromU8(bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)).trim() : '';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
    throw problem(
      'FILE_ODS',
      'Tệp OpenDocument (.ods, bảng tính LibreOffice/OpenOffice) không được hỗ trợ: hãy mở bằng LibreOffice Calc hoặc Excel, chọn Lưu thành (Save As) dạng "Excel 2007-365 (.xlsx)" / "Excel Workbook (.xlsx)" rồi gửi tệp .xlsx.',
      415,
    );
  }
  if (names.has('word/document.xml') || mimetype.startsWith('application/vnd.oasis.opendocument.text')) {
    throw problem(
      'FILE_DOCX',
      'Tệp văn bản Word (.docx/.odt) không phải bảng tính: hãy mở Excel, chép (Copy) bảng danh sách từ văn bản và dán vào một trang tính, lưu thành tệp Excel (.xlsx) rồi gửi tệp đó.',
      415,
    );
  }
  throw problem('FILE_TYPE_UNSUPPORTED', 'Tệp nén không phải bảng tính Excel (.xlsx).', 415);
}

/**
 * Figures printed in official reports must come from the values in the file itself. A
 * workbook with external links shows cached copies of other files' values, possibly stale;
 * a macro-enabled workbook (.xlsm) carries code. Both are refused with the way to fix them,
 * rather than half-accepted: the clerk saves a plain .xlsx with values and sends that.
 */
function refuseActiveContent(bytes: Uint8Array, entries: string[]): void {
  const types = unzipSync(bytes, { filter: (f) => f.name === '[Content_Types].xml' })['[Content_Types].xml'];
  const contentTypes = types ? strFromU8(types) : '';
  const macros = entries.filter((n) => /(^|\/)vbaProject\.bin$|^xl\/(macrosheets|dialogsheets|activeX)\//i.test(n));
  if (macros.length > 0 || /macroEnabled/i.test(contentTypes)) {
    throw problem(
      'XLSX_MACROS',
      'Tệp Excel có macro (.xlsm): hệ thống không nhận tệp chứa mã lệnh. Hãy mở tệp, chọn Lưu thành (Save As) dạng "Excel Workbook (.xlsx)" rồi gửi lại.',
      415,
      { entries: macros },
    );
  }
  const links = entries.filter((n) => /^xl\/externalLinks\//i.test(n));
  if (links.length > 0 || /externalLink\+xml/i.test(contentTypes)) {
    throw problem(
      'XLSX_EXTERNAL_LINKS',
      'Tệp Excel có liên kết tới tệp khác (External Links): số liệu lấy từ tệp khác có thể đã cũ. Hãy ngắt liên kết (Dữ liệu › Sửa liên kết › Ngắt liên kết) hoặc dán giá trị (Paste Values) rồi gửi lại.',
      422,
      { entries: links },
    );
  }
}
