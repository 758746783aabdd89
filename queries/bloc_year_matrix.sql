-- @title Khối thi đua × năm
-- @answers Recognitions and distinct exemplars for every emulation bloc (illustrative membership) and year, zero-filled.
-- @file khoi_thi_dua_theo_nam
-- @filters standard
-- @column bloc_code Mã khối
-- @column bloc_name Khối thi đua
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
WITH cells AS (
  SELECT bloc_code, year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY bloc_code, year
)
SELECT bl.code AS bloc_code, bl.name AS bloc_name, y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM emulation_blocs bl
CROSS JOIN years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.bloc_code = bl.code AND cells.year = y.year
WHERE ($bloc IS NULL OR bl.code = $bloc)
  -- the blocs of the agencies of the view (the plan's, or those alive in the selected years)
  AND bl.code IN (SELECT bloc_code FROM agencies_in_view(false, NULL, NULL, $plan, $year_from, $year_to, NULL))
ORDER BY bl.code, y.year;
