-- @title Xu hướng theo phong trào thi đua qua các năm đã chọn
-- @answers Per movement over the range: total recognitions, the first and last year's counts, the change and % change first→last year, and the least-squares slope of recognitions per year (trend: tang rising, giam falling, on_dinh flat).
-- @file xu_huong_theo_phong_trao
-- @filters standard
-- @column movement_no Số phong trào
-- @column short_name Phong trào
-- @column lead_agency_code Mã cơ quan chủ trì
-- @column recognitions_total Tổng số lượt công nhận
-- @column recognitions_first_year Số lượt năm đầu
-- @column recognitions_last_year Số lượt năm cuối
-- @column change_first_to_last Thay đổi năm đầu → năm cuối
-- @column change_pct_first_to_last Thay đổi năm đầu → năm cuối (%)
-- @column slope_per_year Độ dốc (lượt/năm)
-- @column trend Mã xu hướng
-- @column trend_label Xu hướng
WITH cells AS (
  SELECT movement_no, year, count(*) AS recognitions
  FROM counted_recognitions($standard_filters)
  GROUP BY movement_no, year
),
grid AS (
  SELECT m.no AS movement_no, m.short_name, m.lead_agency_code, y.year,
         coalesce(cells.recognitions, 0) AS recognitions
  FROM movements_in_view($plan, $year_from, $year_to) m
  CROSS JOIN years_in_range($year_from, $year_to) y
  LEFT JOIN cells ON cells.movement_no = m.no AND cells.year = y.year
  WHERE $movement IS NULL OR m.no = $movement
),
per_movement AS (
  SELECT movement_no, short_name, lead_agency_code,
         sum(recognitions) AS total,
         arg_min(recognitions, year) AS first_count,
         arg_max(recognitions, year) AS last_count,
         -- One year alone has no slope.
         CASE WHEN count(*) > 1 THEN regr_slope(recognitions, year) END AS slope
  FROM grid
  GROUP BY movement_no, short_name, lead_agency_code
)
SELECT movement_no::INTEGER AS movement_no, short_name, lead_agency_code,
       total::INTEGER AS recognitions_total,
       first_count::INTEGER AS recognitions_first_year,
       last_count::INTEGER AS recognitions_last_year,
       (last_count - first_count)::INTEGER AS change_first_to_last,
       CASE WHEN first_count > 0 THEN round(100 * (last_count - first_count) / first_count, 1) END::DOUBLE AS change_pct_first_to_last,
       round(slope, 3)::DOUBLE AS slope_per_year,
       CASE WHEN slope > 0 THEN 'tang' WHEN slope < 0 THEN 'giam' ELSE 'on_dinh' END AS trend,
       CASE WHEN slope > 0 THEN 'Tăng' WHEN slope < 0 THEN 'Giảm' ELSE 'Ổn định' END AS trend_label
FROM per_movement
ORDER BY movement_no;
