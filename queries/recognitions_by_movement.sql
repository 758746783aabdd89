-- @title Số lượt công nhận và số điển hình theo phong trào thi đua
-- @answers For each of the 20 movements (zero-filled): recognitions and distinct exemplars in the period, and its lead agency.
-- @file so_luong_theo_phong_trao
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
-- @column movement_name Tên phong trào
-- @column short_name Tên ngắn
-- @column lead_agency_code Mã cơ quan chủ trì
-- @column lead_agency_name Cơ quan chủ trì
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count on the code alone, then attach the names: grouping 1M rows by long name strings made
-- the hash aggregate several times slower. Same answers as the direct form
-- (test/fixtures/queries/reference/recognitions_by_movement.sql, test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT movement_no, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
  GROUP BY movement_no
)
SELECT m.no::INTEGER AS movement_no, m.name AS movement_name, m.short_name,
       m.lead_agency_code, la.name AS lead_agency_name,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM movements m
JOIN agencies la ON la.code = m.lead_agency_code
LEFT JOIN cells ON cells.movement_no = m.no
WHERE $movement IS NULL OR m.no = $movement
ORDER BY m.no;
