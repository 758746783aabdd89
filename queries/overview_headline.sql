-- @title Số liệu chính giai đoạn đã chọn
-- @answers One row of headline figures for the overview: recognitions, distinct exemplars (all and by kind), by form, agencies and movements with recognitions, and progress against the plans' targets, each plan's pro-rated to its years selected (targets ignore the category and form filters: plans set no target per category).
-- @file so_lieu_chinh
-- @filters standard
-- @column year_from Từ năm
-- @column year_to Đến năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- @column exemplars_tap_the Điển hình tập thể
-- @column exemplars_ca_nhan Điển hình cá nhân
-- @column exemplars_ho_gia_dinh Điển hình hộ gia đình
-- @column recognitions_cong_nhan_dhtt Lượt công nhận ĐHTT
-- @column recognitions_bang_khen_ubnd Lượt Bằng khen UBND tỉnh
-- @column agencies Số đơn vị có điển hình
-- @column movements Số phong trào có điển hình
-- @column target_total Chỉ tiêu theo kế hoạch
-- @column target_for_years Chỉ tiêu tính cho các năm đã chọn
-- @column share_achieved:share Tỷ lệ đạt chỉ tiêu
WITH -- Plans set targets for their whole period: for fewer of its years selected, a plan's target
-- is pro-rated (3 of its 5 years: 3/5 of it), so 2 or 3 years are not measured against the
-- whole plan (a partial selection must not look like a shortfall). Per plan, since each has its own period.
targets_by_plan AS (
  SELECT sum(pt.target) AS target,
         greatest(least($year_to, p.last_year) - greatest($year_from, p.first_year) + 1, 0) AS years,
         p.last_year - p.first_year + 1 AS plan_years
  FROM plan_targets pt
  JOIN movements m ON m.no = pt.movement_no
  JOIN plans p ON p.code = m.plan_code
  JOIN reporting_agency_for($rollup, $plan, $year_from, $year_to, $as_of) ra ON ra.recorded_code = pt.agency_code
  JOIN agencies a ON a.code = ra.agency_code
  WHERE ($movement IS NULL OR pt.movement_no = $movement)
    AND ($agency IS NULL OR ra.agency_code = $agency)
    AND ($bloc IS NULL OR a.bloc_code = $bloc)
    AND ($kind IS NULL OR pt.kind = $kind)
    AND ($plan IS NULL OR p.code = $plan)
    AND p.last_year >= $year_from AND p.first_year <= $year_to
  GROUP BY p.code, p.first_year, p.last_year
),
targets AS (
  SELECT sum(target) AS target_total, sum(target * years / plan_years) AS target_for_years FROM targets_by_plan
),
-- Distinct exemplars by grouping once per exemplar (kind, agency and movement belong to the
-- exemplar), then counting groups: one hash aggregate instead of five count(DISTINCT ...),
-- 2–3× faster at 1M recognitions. Same answers as the direct form
-- (test/fixtures/queries/reference/overview_headline.sql, test/queries-fact-equivalence.test.ts).
-- one row per exemplar with its recognitions that pass the filters (counted_exemplars: the
-- exemplar-level facts, no GROUP BY exemplar_id over the recognitions)
per_exemplar AS (
  SELECT exemplar_id, kind, agency_code, movement_no, recognitions, recognitions_cong_nhan_dhtt, recognitions_bang_khen_ubnd
  FROM counted_exemplars($standard_filters)
),
totals AS (
  SELECT coalesce(sum(recognitions), 0) AS recognitions,
         count(*) AS exemplars,
         count(*) FILTER (WHERE kind = 'tap_the') AS exemplars_tap_the,
         count(*) FILTER (WHERE kind = 'ca_nhan') AS exemplars_ca_nhan,
         count(*) FILTER (WHERE kind = 'ho_gia_dinh') AS exemplars_ho_gia_dinh,
         coalesce(sum(recognitions_cong_nhan_dhtt), 0) AS recognitions_cong_nhan_dhtt,
         coalesce(sum(recognitions_bang_khen_ubnd), 0) AS recognitions_bang_khen_ubnd,
         count(DISTINCT agency_code) AS agencies,
         count(DISTINCT movement_no) AS movements
  FROM per_exemplar
)
SELECT $year_from::INTEGER AS year_from, $year_to::INTEGER AS year_to,
       totals.recognitions::INTEGER AS recognitions,
       totals.exemplars::INTEGER AS exemplars,
       totals.exemplars_tap_the::INTEGER AS exemplars_tap_the,
       totals.exemplars_ca_nhan::INTEGER AS exemplars_ca_nhan,
       totals.exemplars_ho_gia_dinh::INTEGER AS exemplars_ho_gia_dinh,
       totals.recognitions_cong_nhan_dhtt::INTEGER AS recognitions_cong_nhan_dhtt,
       totals.recognitions_bang_khen_ubnd::INTEGER AS recognitions_bang_khen_ubnd,
       totals.agencies::INTEGER AS agencies,
       totals.movements::INTEGER AS movements,
       targets.target_total::INTEGER AS target_total,
       round(targets.target_for_years, 1)::DOUBLE AS target_for_years,
       CASE WHEN targets.target_for_years > 0 THEN round(totals.exemplars / targets.target_for_years, 4) END::DOUBLE AS share_achieved
FROM totals CROSS JOIN targets;
