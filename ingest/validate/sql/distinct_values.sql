-- The distinct raw values of the columns matched once per value (map_* tables, units.sql), in
-- one scan of the staged rows: seven separate DISTINCT queries read the rows seven times.
-- The year column's distinct values (with how many rows hold each) decide the file's year
-- before the movements are matched: which plan's movements apply depends on it (file_year.sql).
CREATE OR REPLACE TABLE upload_values AS
SELECT field, raw, n FROM (
  SELECT CASE WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(movement) = 0 THEN 'movement'
              WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(stage) = 0 THEN 'stage'
              WHEN GROUPING(form) = 0 THEN 'form' WHEN GROUPING(decision_date) = 0 THEN 'decision_date'
              WHEN GROUPING(year) = 0 THEN 'year'
              ELSE 'unit' END AS field,
         coalesce(kind, movement, category, stage, form, decision_date, year, unit) AS raw,
         count(*) AS n
  FROM upload_rows
  GROUP BY GROUPING SETS ((kind), (movement), (category), (stage), (form), (decision_date), (year), (unit))
)
WHERE raw IS NOT NULL;
