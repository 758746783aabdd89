-- @title Khối thi đua × năm
-- @answers Recognitions and distinct exemplars for every emulation bloc (illustrative membership) and year, zero-filled.
-- @file khoi_thi_dua_theo_nam
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column bloc_code Mã khối
-- @column bloc_name Khối thi đua
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
WITH cells AS (
  SELECT bloc_code, year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
  GROUP BY bloc_code, year
)
SELECT bl.code AS bloc_code, bl.name AS bloc_name, y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM emulation_blocs bl
CROSS JOIN years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.bloc_code = bl.code AND cells.year = y.year
WHERE $bloc IS NULL OR bl.code = $bloc
ORDER BY bl.code, y.year;
