-- @title Thay đổi so với năm trước theo phong trào thi đua
-- @answers For every movement and year (zero-filled): recognitions and exemplars, their change from the previous year and the change in percent (NULL for the first year or when the previous year had none).
-- @file thay_doi_theo_nam_theo_phong_trao
-- @filters standard
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
  FROM counted_recognitions($standard_filters)
  GROUP BY movement_no, year
),
grid AS (
  SELECT m.no AS movement_no, m.short_name, y.year,
         coalesce(cells.recognitions, 0) AS recognitions, coalesce(cells.exemplars, 0) AS exemplars
  FROM movements_in_view($plan, $year_from, $year_to) m
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
