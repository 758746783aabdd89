-- @title Ma trận cơ quan, đơn vị × năm
-- @answers Recognitions and distinct exemplars for every agency in view and every year (zero-filled); rolled up, merged agencies count under their successor.
-- @file don_vi_theo_nam
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param category ENUM(dien_hinh_tien_tien,mo_hinh_moi,nhan_to_moi) = NULL  Nhóm: điển hình tiên tiến, mô hình mới, nhân tố mới
-- @param form ENUM(cong_nhan_dhtt,bang_khen_ubnd) = NULL  Hình thức: công nhận ĐHTT, Bằng khen UBND tỉnh
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
WITH cells AS (
  SELECT agency_code, year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, $category, $form, $rollup)
  GROUP BY agency_code, year
)
SELECT av.agency_code, av.agency_name, av.bloc_code, y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM agencies_in_view($rollup, $agency, $bloc) av
CROSS JOIN years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.agency_code = av.agency_code AND cells.year = y.year
ORDER BY av.agency_code, y.year;
