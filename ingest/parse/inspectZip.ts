import { unzipSync } from 'fflate';
import { problem } from './uploadProblem.ts';

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxRatio: number;
}

/**
 * Reads the zip's central directory (fflate decompresses nothing when the filter says no)
 * and refuses a workbook that expands far beyond its size, before any XML is parsed.
 * A truncated file has no central directory and is refused here too.
 */
export function inspectXlsxZip(bytes: Uint8Array, limits: ZipLimits): { entries: string[]; uncompressed: number } {
  const entries: string[] = [];
  let uncompressed = 0;
  try {
    unzipSync(bytes, {
      filter(file) {
        entries.push(file.name);
        uncompressed += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn): hãy lưu lại và gửi lại.', 400, { reason: String(error) });
  }
  if (!entries.includes('xl/workbook.xml')) {
    throw problem('FILE_TYPE_UNSUPPORTED', 'Tệp nén không phải bảng tính Excel (.xlsx).', 415);
  }
  if (uncompressed > limits.maxUncompressedBytes || uncompressed > Math.max(bytes.length, 1) * limits.maxRatio) {
    throw problem('FILE_ZIP_BOMB', `Tệp Excel giải nén ra ${Math.round(uncompressed / 1048576)} MB, vượt giới hạn cho phép: tệp bị từ chối.`, 413, { uncompressed, compressed: bytes.length });
  }
  return { entries, uncompressed };
}
