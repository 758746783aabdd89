import { foldKey } from '../text/normalise.ts';

/** Section V: each agency's allocated delegate seats for the 10th congress. */
export interface AllocationRow {
  row: number;
  agency: string; // agency code
  seats: number;
}

export interface AllocationRefusal {
  file: string;
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
}

export interface AllocationCheck {
  accepted: AllocationRow[];
  refused: AllocationRefusal[];
  ignored: { row: number; reason: string }[];
}

const AGENCY_HEADERS = new Set([
  'agency',
  'ma don vi',
  'ma co quan',
  'co quan don vi',
  'co quan',
  'don vi',
  'ten don vi',
  'ten co quan don vi',
  'co quan don vi dia phuong',
]);
const SEAT_HEADERS = new Set([
  'seats',
  'so dai bieu',
  'so dai bieu duoc phan bo',
  'dai bieu duoc phan bo',
  'so luong dai bieu',
  'phan bo',
  'so suat',
]);
const MAX_SEATS = 500;

/** "Tổng cộng", "Cộng: 31", "Người lập biểu"… but not "Công an tỉnh" (same letters without marks). */
function isTotalOrSignature(cells: readonly string[]): boolean {
  const first = cells.find((c) => c !== '') ?? '';
  const key = foldKey(first);
  if (/^(tong cong|tong so|nguoi lap|thu truong|giam doc)\b/.test(key)) return true;
  return /^cộng\b/i.test(first.normalize('NFC')) || key === 'cong';
}

/**
 * Finds the header (agency and seats columns) among the first rows, then checks each line:
 * the agency must be known (by code or any typed variant), seats a whole number 0–500,
 * each agency once. Title rows above and total/signature rows below are ignored and said so.
 */
export function validateAllocations(
  grid: readonly (readonly string[])[],
  fileName: string,
  agencyByKey: ReadonlyMap<string, string>,
): AllocationCheck | { error: { code: string; message: string } } {
  let headerIndex = -1;
  let agencyCol = -1;
  let seatsCol = -1;
  for (let i = 0; i < Math.min(grid.length, 30) && headerIndex < 0; i++) {
    const keys = grid[i]!.map(foldKey);
    const a = keys.findIndex((k) => AGENCY_HEADERS.has(k));
    const s = keys.findIndex((k) => SEAT_HEADERS.has(k));
    if (a >= 0 && s >= 0) [headerIndex, agencyCol, seatsCol] = [i, a, s];
  }
  if (headerIndex < 0) {
    return {
      error: {
        code: 'COLUMNS_MISSING',
        message: 'Không tìm thấy dòng tiêu đề: cần cột "Cơ quan, đơn vị" (hoặc "Mã đơn vị") và cột "Số đại biểu được phân bổ".',
      },
    };
  }
  const check: AllocationCheck = { accepted: [], refused: [], ignored: [] };
  for (let i = 0; i < headerIndex; i++) check.ignored.push({ row: i + 1, reason: 'dòng tiêu đề phía trên' });
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const row = i + 1;
    const cells = grid[i]!;
    const agencyText = cells[agencyCol] ?? '';
    const seatsText = cells[seatsCol] ?? '';
    if (cells.every((c) => c === '')) {
      check.ignored.push({ row, reason: 'dòng trống' });
      continue;
    }
    if (isTotalOrSignature(cells)) {
      check.ignored.push({ row, reason: 'dòng tổng cộng hoặc chữ ký' });
      continue;
    }
    const refuse = (column: string, value: string, code: string, message: string) =>
      check.refused.push({ file: fileName, row, column, value, code, message });
    const agency = agencyByKey.get(foldKey(agencyText));
    if (!agency) {
      refuse(
        'Cơ quan, đơn vị',
        agencyText,
        agencyText === '' ? 'AGENCY_MISSING' : 'AGENCY_UNKNOWN',
        agencyText === '' ? 'Thiếu cơ quan, đơn vị.' : `Không nhận ra cơ quan, đơn vị "${agencyText}".`,
      );
      continue;
    }
    const seats = /^\d+$/.test(seatsText) ? Number(seatsText) : NaN;
    if (!Number.isInteger(seats) || seats > MAX_SEATS) {
      refuse(
        'Số đại biểu được phân bổ',
        seatsText,
        'SEATS_INVALID',
        `Số đại biểu "${seatsText}" không hợp lệ: ghi một số nguyên từ 0 đến ${MAX_SEATS}.`,
      );
      continue;
    }
    const first = seen.get(agency);
    if (first !== undefined) {
      refuse('Cơ quan, đơn vị', agencyText, 'AGENCY_DUPLICATE', `Đơn vị ${agency} đã có ở dòng ${first}: mỗi đơn vị một dòng.`);
      continue;
    }
    seen.set(agency, row);
    check.accepted.push({ row, agency, seats });
  }
  return check;
}
