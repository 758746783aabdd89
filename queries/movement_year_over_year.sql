-- @title Thay đổi so với năm trước theo phong trào thi đua
-- @answers For every movement and year (zero-filled): recognitions and exemplars, their change from the previous year and the change in percent (NULL for the first year or when the previous year had none).
-- @file thay_doi_theo_nam_theo_phong_trao
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column movement_no Số phong trào
-- @column short_name Phong trào
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column recognitions_change Thay đổi số lượt so với năm trước
-- @column recognitions_change_pct Thay đổi số lượt (%)
-- @column exemplars Số điển hình
-- @column exemplars_change Thay đổi số điển hình so với năm trước
-- @column exemplars_change_pct Thay đổi số điển hình (%)
WITH cells AS (
  SELECT movement_no, year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
  GROUP BY movement_no, year
),
grid AS (
  SELECT m.no AS movement_no, m.short_name, y.year,
         coalesce(cells.recognitions, 0) AS recognitions, coalesce(cells.exemplars, 0) AS exemplars
  FROM movements m
  CROSS JOIN years_in_range($year_from, $year_to) y
  LEFT JOIN cells ON cells.movement_no = m.no AND cells.year = y.year
  WHERE $movement IS NULL OR m.no = $movement
),
with_previous AS (
  SELECT *, lag(recognitions) OVER w AS prev_recognitions, lag(exemplars) OVER w AS prev_exemplars
  FROM grid WINDOW w AS (PARTITION BY movement_no ORDER BY year)
)
SELECT movement_no::INTEGER AS movement_no, short_name, year::INTEGER AS year,
       recognitions::INTEGER AS recognitions,
       (recognitions - prev_recognitions)::INTEGER AS recognitions_change,
       CASE WHEN prev_recognitions > 0 THEN round(100 * (recognitions - prev_recognitions) / prev_recognitions, 1) END::DOUBLE AS recognitions_change_pct,
       exemplars::INTEGER AS exemplars,
       (exemplars - prev_exemplars)::INTEGER AS exemplars_change,
       CASE WHEN prev_exemplars > 0 THEN round(100 * (exemplars - prev_exemplars) / prev_exemplars, 1) END::DOUBLE AS exemplars_change_pct
FROM with_previous
ORDER BY movement_no, year;
