-- @title Số lượt công nhận và số điển hình theo loại (tập thể, cá nhân, hộ gia đình)
-- @answers Recognitions and distinct exemplars by kind: collective, individual, household (zero-filled).
-- @file so_luong_theo_loai
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column kind Mã loại
-- @column kind_label Loại
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count on the code alone, then attach the names: grouping 1M rows by long name strings made
-- the hash aggregate several times slower. Same answers as the direct form
-- (test/fixtures/queries/reference/recognitions_by_kind.sql, test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT kind, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
  GROUP BY kind
)
SELECT k.code AS kind, k.label AS kind_label,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM kind_labels() k
LEFT JOIN cells ON cells.kind = k.code
WHERE $kind IS NULL OR k.code = $kind
ORDER BY k.ord;
