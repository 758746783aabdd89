-- @title Chỉ tiêu kế hoạch và kết quả theo cơ quan, đơn vị
-- @answers For every agency in view: the number of exemplars its 2021–2025 plan targets (summed over movements and kinds; NULL when it set none), the distinct exemplars recognised so far, and the share achieved (exemplars / target).
-- @file chi_tieu_va_ket_qua_theo_don_vi
-- @param year_from INTEGER[2021..2025] = 2021  Từ năm
-- @param year_to INTEGER[2021..2025] = 2025  Đến năm
-- @param movement INTEGER[1..20] = NULL  Phong trào thi đua (số 1–20)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column has_plan Đã có kế hoạch
-- @column target Chỉ tiêu (số điển hình)
-- @column exemplars Số điển hình đạt được
-- @column recognitions Số lượt công nhận
-- @column share_achieved:share Tỷ lệ đạt chỉ tiêu
WITH targets AS (
  SELECT ra.agency_code, sum(pt.target) AS target
  FROM plan_targets pt
  JOIN reporting_agency($rollup) ra ON ra.recorded_code = pt.agency_code
  WHERE ($movement IS NULL OR pt.movement_no = $movement)
    AND ($kind IS NULL OR pt.kind = $kind)
  GROUP BY ra.agency_code
),
plans AS (
  SELECT DISTINCT ra.agency_code
  FROM agency_plans p JOIN reporting_agency($rollup) ra ON ra.recorded_code = p.agency_code
),
results AS (
  SELECT agency_code, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, NULL, NULL, $rollup)
  GROUP BY agency_code
)
SELECT av.agency_code, av.agency_name, av.bloc_code,
       (plans.agency_code IS NOT NULL) AS has_plan,
       targets.target::INTEGER AS target,
       coalesce(results.exemplars, 0)::INTEGER AS exemplars,
       coalesce(results.recognitions, 0)::INTEGER AS recognitions,
       CASE WHEN targets.target > 0 THEN round(coalesce(results.exemplars, 0) / targets.target, 4) END::DOUBLE AS share_achieved
FROM agencies_in_view($rollup, $agency, $bloc) av
LEFT JOIN targets ON targets.agency_code = av.agency_code
LEFT JOIN plans ON plans.agency_code = av.agency_code
LEFT JOIN results ON results.agency_code = av.agency_code
ORDER BY av.agency_code;
