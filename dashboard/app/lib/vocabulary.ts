// Vietnamese labels for the codes the reporting service answers with. The browser keeps its
// own copy of these few labels: it imports nothing from ingest/ (conventions.md).
export const KIND_LABELS: Record<string, string> = {
  tap_the: 'Tập thể',
  ca_nhan: 'Cá nhân',
  ho_gia_dinh: 'Hộ gia đình',
};

export const CATEGORY_LABELS: Record<string, string> = {
  dien_hinh_tien_tien: 'Điển hình tiên tiến',
  mo_hinh_moi: 'Mô hình mới',
  nhan_to_moi: 'Nhân tố mới',
};

export const STAGE_LABELS: Record<string, string> = {
  phat_hien: 'Phát hiện',
  boi_duong: 'Bồi dưỡng',
  tong_ket: 'Tổng kết',
  nhan_rong: 'Nhân rộng',
};

export const FORM_LABELS: Record<string, string> = {
  cong_nhan_dhtt: 'Công nhận điển hình tiên tiến',
  bang_khen_ubnd: 'Bằng khen của Chủ tịch UBND tỉnh',
};

export const YEARS = [2021, 2022, 2023, 2024, 2025] as const;

export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '–';
  return map[code] ?? code;
}
