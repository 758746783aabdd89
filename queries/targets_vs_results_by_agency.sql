-- @title Chỉ tiêu kế hoạch và kết quả theo cơ quan, đơn vị
-- @answers For every agency in view: the number of exemplars its plans target (of the selected plan, or of every plan) (summed over movements and kinds; NULL when it set none), the distinct exemplars recognised so far, and the share achieved (exemplars / target).
-- @file chi_tieu_va_ket_qua_theo_don_vi
-- @param year_from INTEGER[years] = period.first  Từ năm
-- @param year_to INTEGER[years] = period.last  Đến năm
-- @param movement INTEGER[movements] = NULL  Phong trào thi đua (mã)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @param plan TEXT = NULL  Kế hoạch
-- @param as_of DATE = NULL  Theo tổ chức tại ngày
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column has_plan Đã có kế hoạch
-- @column target Chỉ tiêu (số điển hình)
-- @column exemplars Số điển hình đạt được
-- @column recognitions Số lượt công nhận
-- @column share_achieved:share Tỷ lệ đạt chỉ tiêu
WITH ra AS MATERIALIZED (
  -- where each agency's own figures go: looked up once for both uses below
  SELECT * FROM reporting_agency_for($rollup, $plan, $year_from, $year_to, $as_of)
),
targets AS (
  SELECT ra.agency_code, sum(pt.target) AS target
  FROM plan_targets pt
  JOIN ra ON ra.recorded_code = pt.agency_code
  JOIN movements m ON m.no = pt.movement_no
  -- the targets of the plans whose period meets the selected years (as overview_headline)
  JOIN plans p ON p.code = m.plan_code
  WHERE ($movement IS NULL OR pt.movement_no = $movement)
    AND ($plan IS NULL OR m.plan_code = $plan)
    AND p.last_year >= $year_from AND p.first_year <= $year_to
    AND ($kind IS NULL OR pt.kind = $kind)
  GROUP BY ra.agency_code
),
agency_plan AS (
  SELECT DISTINCT ra.agency_code
  FROM agency_plans p JOIN ra ON ra.recorded_code = p.agency_code
  WHERE $plan IS NULL OR p.plan_code = $plan
),
results AS (
  -- per exemplar (counted_exemplars): exemplars are rows, recognitions their counts
  SELECT agency_code, sum(recognitions) AS recognitions, count(*) AS exemplars
  FROM counted_exemplars($year_from, $year_to, $movement, $agency, $bloc, $kind, NULL, NULL, $rollup, $plan, $as_of)
  GROUP BY agency_code
)
SELECT av.agency_code, av.agency_name, av.bloc_code,
       (agency_plan.agency_code IS NOT NULL) AS has_plan,
       targets.target::INTEGER AS target,
       coalesce(results.exemplars, 0)::INTEGER AS exemplars,
       coalesce(results.recognitions, 0)::INTEGER AS recognitions,
       CASE WHEN targets.target > 0 THEN round(coalesce(results.exemplars, 0) / targets.target, 4) END::DOUBLE AS share_achieved
FROM agencies_in_view($rollup, $agency, $bloc, $plan, $year_from, $year_to, $as_of) av
LEFT JOIN targets ON targets.agency_code = av.agency_code
LEFT JOIN agency_plan ON agency_plan.agency_code = av.agency_code
LEFT JOIN results ON results.agency_code = av.agency_code
ORDER BY av.agency_code;
