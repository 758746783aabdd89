-- @title Số lượt công nhận và số điển hình theo cơ quan, đơn vị
-- @answers For each agency in view (zero-filled; rolled up: merged agencies count under their successor): recognitions and distinct exemplars, most first.
-- @file so_luong_theo_don_vi
-- @filters standard
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column bloc_name Khối thi đua
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- Count on the code alone, then attach the names: grouping 1M rows by long name strings made
-- the hash aggregate several times slower. Same answers as the direct form
-- (test/fixtures/queries/reference/recognitions_by_agency.sql, test/queries-fact-equivalence.test.ts).
WITH cells AS (
  -- per exemplar (counted_exemplars): exemplars are rows, recognitions their counts
  SELECT agency_code, sum(recognitions) AS recognitions, count(*) AS exemplars
  FROM counted_exemplars($standard_filters)
  GROUP BY agency_code
)
SELECT av.agency_code, av.agency_name, av.bloc_code, bl.name AS bloc_name,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM agencies_in_view($rollup, $agency, $bloc, $plan, $year_from, $year_to, $as_of) av
JOIN emulation_blocs bl ON bl.code = av.bloc_code
LEFT JOIN cells ON cells.agency_code = av.agency_code
ORDER BY recognitions DESC, av.agency_code;
