import { strFromU8, unzipSync } from 'fflate';
import { problem } from './uploadProblem.ts';
import { inflatedSize, readZipDirectory, type ZipEntry } from './readZipDirectory.ts';

export interface ZipLimits {
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
    throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn): hãy lưu lại và gửi lại.', 400, { reason: String(error) });
  }
  const entries = directory.map((e) => e.name);
  const uncompressed = directory.reduce((sum, e) => sum + e.size, 0);
  if (!entries.includes('xl/workbook.xml')) {
    throw problem('FILE_TYPE_UNSUPPORTED', 'Tệp nén không phải bảng tính Excel (.xlsx).', 415);
  }
  const bomb = (actual: number) =>
    problem('FILE_ZIP_BOMB', `Tệp Excel giải nén ra ${Math.round(actual / 1048576)} MB, vượt giới hạn cho phép: tệp bị từ chối.`, 413, { uncompressed: actual, compressed: bytes.length });
  if (uncompressed > limits.maxUncompressedBytes || uncompressed > Math.max(bytes.length, 1) * limits.maxRatio) throw bomb(uncompressed);

  for (const entry of directory) {
    let actual: number;
    try {
      actual = inflatedSize(bytes, entry, entry.size);
    } catch (error) {
      throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ: hãy lưu lại và gửi lại.', 400, { entry: entry.name, reason: String(error) });
    }
    if (actual > entry.size) throw bomb(uncompressed - entry.size + actual);
    if (actual < entry.size) throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ: hãy lưu lại và gửi lại.', 400, { entry: entry.name, declared: entry.size, actual });
  }

  refuseActiveContent(bytes, entries);
  return { entries, uncompressed };
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
    throw problem('XLSX_MACROS', 'Tệp Excel có macro (.xlsm): hệ thống không nhận tệp chứa mã lệnh. Hãy mở tệp, chọn Lưu thành (Save As) dạng "Excel Workbook (.xlsx)" rồi gửi lại.', 415, { entries: macros });
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
