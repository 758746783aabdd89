-- @title Số lượt công nhận và số điển hình theo năm
-- @answers How many recognitions and how many distinct exemplars each year (zero-filled), with the dashboard's filters.
-- @file so_luong_theo_nam
-- @filters standard
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count per year first, then zero-fill: the join to the year list then joins 5 rows, not 1M.
-- Same answers as the direct form (test/fixtures/queries/reference/recognitions_by_year.sql,
-- test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY year
)
SELECT y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.year = y.year
ORDER BY y.year;
