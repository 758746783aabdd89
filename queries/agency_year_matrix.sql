-- @title Ma trận cơ quan, đơn vị × năm
-- @answers Recognitions and distinct exemplars for every agency in view and every year (zero-filled); rolled up, merged agencies count under their successor.
-- @file don_vi_theo_nam
-- @filters standard
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_code Mã khối
-- @column year Năm
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
WITH cells AS (
  SELECT agency_code, year, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY agency_code, year
)
SELECT av.agency_code, av.agency_name, av.bloc_code, y.year,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars
FROM agencies_in_view($rollup, $agency, $bloc, $plan, $year_from, $year_to, $as_of) av
CROSS JOIN years_in_range($year_from, $year_to) y
LEFT JOIN cells ON cells.agency_code = av.agency_code AND cells.year = y.year
ORDER BY av.agency_code, y.year;
