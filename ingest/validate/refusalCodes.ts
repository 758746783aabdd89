/**
 * The longest text a cell may hold (characters, after spaces are collapsed), in every
 * column: a name, a unit or a decision number is a line, not a page. Longer cells are
 * refused row by row (TEXT_TOO_LONG), the value cut short in the report.
 */
export const MAX_TEXT_LENGTH = 500;

/** Row refusal codes and their Vietnamese messages (what the clerk reads in the report). */
export const REFUSAL_MESSAGES = {
  NAME_MISSING: () => 'Thiếu tên tập thể/cá nhân.',
  TEXT_TOO_LONG: (length: number) =>
    `Nội dung dài ${length} ký tự, quá giới hạn ${MAX_TEXT_LENGTH} ký tự của một ô: hãy rút gọn (giá trị hiển thị đã được cắt ngắn).`,
  TEXT_INVALID_CHARACTER: (characters: string[]) =>
    `Ô có ký tự điều khiển hoặc ký tự không hợp lệ (${characters.join(', ')}, hiển thị trong giá trị dưới dạng [U+…]): ký tự này không nhìn thấy được, thường do sao chép từ phần mềm khác hoặc tệp bị hỏng. Hãy gõ lại nội dung ô này rồi gửi lại.`,
  KIND_MISSING: () => 'Thiếu loại đối tượng (Tập thể, Cá nhân hoặc Hộ gia đình).',
  KIND_UNKNOWN: (v: string) => `Loại "${v}" không hợp lệ: ghi Tập thể, Cá nhân hoặc Hộ gia đình.`,
  HOUSEHOLD_OUTSIDE_MOVEMENT: (numbers: number[]) =>
    numbers.length === 0
      ? 'Kế hoạch của năm này không công nhận hộ gia đình.'
      : `Hộ gia đình chỉ được công nhận trong phong trào số ${numbers.join(', ')} của kế hoạch.`,
  MOVEMENT_MISSING: () => 'Thiếu phong trào thi đua.',
  MOVEMENT_UNKNOWN: (v: string, candidates: { number: number; name: string }[], lastNumber: number) =>
    `Không nhận ra phong trào "${v}". Gần nhất: ${candidates.map((c) => `PT ${c.number} "${c.name}"`).join('; ')}. Có thể ghi số phong trào (1–${lastNumber}).`,
  YEAR_MISSING: () => 'Thiếu năm công nhận.',
  YEAR_INVALID: (v: string) => `Năm "${v}" không phải là một năm.`,
  YEAR_OUT_OF_RANGE: (v: string, plan: { number: string; firstYear: number; lastYear: number }) =>
    `Năm ${v} nằm ngoài giai đoạn ${plan.firstYear}–${plan.lastYear} của Kế hoạch số ${plan.number}, kế hoạch của năm tệp.`,
  YEAR_MISMATCH: (v: string, fileYear: number) => `Năm ${v} khác năm của tệp (${fileYear}): mỗi tệp là danh sách của một năm.`,
  CATEGORY_UNKNOWN: (v: string) => `Phân loại "${v}" không hợp lệ: ghi Điển hình tiên tiến, Mô hình mới hoặc Nhân tố mới.`,
  STAGE_UNKNOWN: (v: string) => `Khâu "${v}" không hợp lệ: ghi Phát hiện, Bồi dưỡng, Tổng kết hoặc Nhân rộng.`,
  FORM_UNKNOWN: (v: string) => `Hình thức "${v}" không hợp lệ: ghi Công nhận ĐHTT hoặc Bằng khen của Chủ tịch UBND tỉnh.`,
  DATE_INVALID: (v: string) =>
    `Ngày quyết định "${v}" không hợp lệ (ngày không có thật hoặc sai định dạng; ghi ngày/tháng/năm, ví dụ 05/06/2023).`,
  CODE_OTHER_AGENCY: (v: string) => `Mã điển hình "${v}" đã được dùng cho điển hình của đơn vị khác.`,
} as const;
export type RefusalCode = keyof typeof REFUSAL_MESSAGES;

export interface RefusedRow {
  file: string;
  row: number;
  column: string;
  value: string | null;
  code: RefusalCode;
  message: string;
}
