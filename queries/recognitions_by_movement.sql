-- @title Số lượt công nhận và số điển hình theo phong trào thi đua
-- @answers For each movement of the plan (or of the plans of the selected years; zero-filled): recognitions and distinct exemplars in the period, and its lead agency.
-- @file so_luong_theo_phong_trao
-- @filters standard
-- @column movement_no Số phong trào
-- @column movement_name Tên phong trào
-- @column short_name Tên ngắn
-- @column lead_agency_code Mã cơ quan chủ trì
-- @column lead_agency_name Cơ quan chủ trì
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count on the code alone, then attach the names: grouping 1M rows by long name strings made
-- the hash aggregate several times slower. Same answers as the direct form
-- (test/fixtures/queries/reference/recognitions_by_movement.sql, test/queries-fact-equivalence.test.ts).
WITH cells AS (
  SELECT movement_no, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY movement_no
)
SELECT m.no::INTEGER AS movement_no, m.name AS movement_name, m.short_name,
       m.lead_agency_code, la.name AS lead_agency_name,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM movements_in_view($plan, $year_from, $year_to) m
JOIN agencies la ON la.code = m.lead_agency_code
LEFT JOIN cells ON cells.movement_no = m.no
WHERE $movement IS NULL OR m.no = $movement
ORDER BY m.no;
