-- @title Số lượt công nhận và số điển hình theo năm
-- @answers How many recognitions and how many distinct exemplars each year (zero-filled), with the dashboard's filters.
-- @file so_luong_theo_nam
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count per year first, then zero-fill: the join to the year list then joins 5 rows, not 1M.
-- Same answers as the direct form (test/fixtures/queries/reference/recognitions_by_year.sql,
-- test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
  GROUP BY year
)
SELECT y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.year = y.year
ORDER BY y.year;
