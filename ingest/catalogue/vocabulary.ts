/**
 * Closed vocabularies of the plan (Kế hoạch 90/KH-UBND). Codes are stable ASCII keys stored
 * in the database; labels are what users read. Both sides of the pair use these codes.
 */
export const KINDS = {
  tap_the: 'Tập thể',
  ca_nhan: 'Cá nhân',
  ho_gia_dinh: 'Hộ gia đình',
} as const;
export type Kind = keyof typeof KINDS;

export const CATEGORIES = {
  dien_hinh_tien_tien: 'Điển hình tiên tiến',
  mo_hinh_moi: 'Mô hình mới',
  nhan_to_moi: 'Nhân tố mới',
} as const;
export type Category = keyof typeof CATEGORIES;

/** The four stages of Section I.1.b: discover, foster, sum up, replicate. */
export const STAGES = {
  phat_hien: 'Phát hiện',
  boi_duong: 'Bồi dưỡng',
  tong_ket: 'Tổng kết',
  nhan_rong: 'Nhân rộng',
} as const;
export type Stage = keyof typeof STAGES;

/** Forms of recognition; Section V counts only `cong_nhan_dhtt`. */
export const FORMS = {
  cong_nhan_dhtt: 'Công nhận điển hình tiên tiến',
  bang_khen_ubnd: 'Bằng khen của Chủ tịch UBND tỉnh',
} as const;
export type Form = keyof typeof FORMS;

/** "Giao" = assigned to a state agency; "Đề nghị" = requested of a Party or mass organisation. */
export const ASSIGNMENTS = {
  giao: 'Giao',
  de_nghi: 'Đề nghị',
} as const;
