-- @title Chỉ tiêu kế hoạch và kết quả theo phong trào thi đua
-- @answers For every movement: the exemplars targeted by the plans of the agencies in view, the distinct exemplars recognised so far, and the share achieved.
-- @file chi_tieu_va_ket_qua_theo_phong_trao
-- @param year_from INTEGER[years] = period.first  Từ năm
-- @param year_to INTEGER[years] = period.last  Đến năm
-- @param movement INTEGER[movements] = NULL  Phong trào thi đua (mã)
-- @param agency CODE = NULL  Cơ quan, đơn vị (mã)
-- @param bloc CODE = NULL  Khối thi đua (mã)
-- @param kind ENUM(tap_the,ca_nhan,ho_gia_dinh) = NULL  Loại: tập thể, cá nhân, hộ gia đình
-- @param rollup BOOLEAN = false  Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa
-- @param plan TEXT = NULL  Kế hoạch
-- @param as_of DATE = NULL  Theo tổ chức tại ngày
-- @column movement_no Số phong trào
-- @column short_name Phong trào
-- @column target Chỉ tiêu (số điển hình)
-- @column exemplars Số điển hình đạt được
-- @column recognitions Số lượt công nhận
-- @column share_achieved:share Tỷ lệ đạt chỉ tiêu
WITH targets AS (
  SELECT pt.movement_no, sum(pt.target) AS target
  FROM plan_targets pt
  JOIN reporting_agency_for($rollup, $plan, $year_from, $year_to, $as_of) ra ON ra.recorded_code = pt.agency_code
  JOIN agencies a ON a.code = ra.agency_code
  WHERE ($agency IS NULL OR ra.agency_code = $agency)
    AND ($bloc IS NULL OR a.bloc_code = $bloc)
    AND ($kind IS NULL OR pt.kind = $kind)
  GROUP BY pt.movement_no
),
results AS (
  SELECT movement_no, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($year_from, $year_to, $movement, $agency, $bloc, $kind, NULL, NULL, $rollup, $plan, $as_of)
  GROUP BY movement_no
)
SELECT m.no::INTEGER AS movement_no, m.short_name,
       targets.target::INTEGER AS target,
       coalesce(results.exemplars, 0)::INTEGER AS exemplars,
       coalesce(results.recognitions, 0)::INTEGER AS recognitions,
       CASE WHEN targets.target > 0 THEN round(coalesce(results.exemplars, 0) / targets.target, 4) END::DOUBLE AS share_achieved
FROM movements_in_view($plan, $year_from, $year_to) m
LEFT JOIN targets ON targets.movement_no = m.no
LEFT JOIN results ON results.movement_no = m.no
WHERE $movement IS NULL OR m.no = $movement
ORDER BY m.no;
