-- @title Ma trận phong trào × năm
-- @answers Recognitions and distinct exemplars for every movement and every year of the range (zero-filled: a movement with no exemplars in a year is a 0), for a heat map.
-- @file phong_trao_theo_nam
-- @filters standard
-- @column movement_no Số phong trào
-- @column short_name Phong trào
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
WITH cells AS (
  SELECT movement_no, year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY movement_no, year
)
SELECT m.no::INTEGER AS movement_no, m.short_name, y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM movements_in_view($plan, $year_from, $year_to) m
CROSS JOIN years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.movement_no = m.no AND cells.year = y.year
WHERE $movement IS NULL OR m.no = $movement
ORDER BY m.no, y.year;
