import type { Category, Form, Kind, Stage } from '../catalogue/vocabulary.ts';
import { CATEGORIES, FORMS, KINDS, STAGES } from '../catalogue/vocabulary.ts';
import { foldKey } from '../text/normalise.ts';

function table<T extends string>(entries: Record<T, string[]>, labels: Record<T, string>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, words] of Object.entries(entries) as [T, string[]][]) {
    for (const w of [code, labels[code], ...words]) map.set(foldKey(w), code);
  }
  return map;
}

/** Kinds as typed: "Tập thể", "tập thể", "TT", "Cá nhân", "CN", "Hộ gia đình", "HGĐ". */
const KIND_WORDS = table<Kind>(
  {
    tap_the: ['TT', 'Tap the', 'Tổ chức', 'Đơn vị'],
    ca_nhan: ['CN', 'Cá nhân', 'Ca nhan'],
    ho_gia_dinh: ['HGĐ', 'Hộ', 'Hộ GĐ', 'Gia đình'],
  },
  KINDS,
);
const CATEGORY_WORDS = table<Category>(
  { dien_hinh_tien_tien: ['ĐHTT', 'Điển hình', 'Diễn hình tiên tiến'], mo_hinh_moi: ['MHM', 'Mô hình'], nhan_to_moi: ['NTM', 'Nhân tố'] },
  CATEGORIES,
);
const STAGE_WORDS = table<Stage>({ phat_hien: [], boi_duong: [], tong_ket: [], nhan_rong: [] }, STAGES);
const FORM_WORDS = table<Form>(
  {
    cong_nhan_dhtt: ['Công nhận ĐHTT', 'Công nhận', 'Công nhận điển hình', 'Công nhận điển hình tiên tiến', 'ĐHTT'],
    bang_khen_ubnd: [
      'Bằng khen',
      'Bằng khen UBND tỉnh',
      'Bằng khen của UBND tỉnh',
      'Bằng khen Chủ tịch UBND tỉnh',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'BK',
      'BK UBND tỉnh',
    ],
  },
  FORMS,
);

export const matchKind = (raw: string): Kind | null => KIND_WORDS.get(foldKey(raw)) ?? null;
export const matchCategory = (raw: string): Category | null => CATEGORY_WORDS.get(foldKey(raw)) ?? null;
export const matchStage = (raw: string): Stage | null => STAGE_WORDS.get(foldKey(raw)) ?? null;
export const matchForm = (raw: string): Form | null => FORM_WORDS.get(foldKey(raw)) ?? null;
