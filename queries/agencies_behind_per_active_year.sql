-- @title Cơ quan, đơn vị cần cố gắng: lượt công nhận bình quân mỗi năm hoạt động
-- @answers The agencies to rank as "behind" (Cần cố gắng), fewest recognitions per year of existence first. Like with like: an agency created by a merger is measured over the years it existed in the selected range, not over all of them. With a movement, kind, category or form filter, only agencies that take part in it are ranked: a plan target for it, or a recognition in it at any time (under the selected plan, if one is) (an agency that never works in a movement is not behind in it).
-- @file can_co_gang_binh_quan_nam
-- @filters standard
-- @column agency_code Mã đơn vị
-- @column agency_name Cơ quan, đơn vị
-- @column bloc_name Khối thi đua
-- @column recognitions Số lượt công nhận
-- @column exemplars Số điển hình
-- @column active_years Số năm hoạt động trong các năm đã chọn
-- @column years_selected Số năm đã chọn
-- @column recognitions_per_year Lượt công nhận bình quân mỗi năm hoạt động
-- @column active_from Ngày thành lập
-- A year counts when the agency existed on any day of it (active_from/active_to); rolled up, an
-- agency's years are those of any agency reported under it (a successor inherits its
-- predecessors' years along with their recognitions). Agencies with no year in the range are left out.
WITH lifetimes AS (
  SELECT ra.agency_code, count(DISTINCT y.year) AS active_years
  FROM agencies a
  JOIN reporting_agency_for($rollup, $plan, $year_from, $year_to, $as_of) ra ON ra.recorded_code = a.code
  JOIN years_in_range($year_from, $year_to) y
    ON (a.active_from IS NULL OR year(a.active_from) <= y.year)
   AND (a.active_to IS NULL OR year(a.active_to) >= y.year)
  GROUP BY ra.agency_code
),
filtered AS (SELECT ($movement IS NOT NULL OR $kind IS NOT NULL OR $category IS NOT NULL OR $form IS NOT NULL) AS yes),
taking_part AS (
  SELECT ra.agency_code
  FROM plan_targets pt JOIN reporting_agency_for($rollup, $plan, $year_from, $year_to, $as_of) ra ON ra.recorded_code = pt.agency_code
  JOIN movements m ON m.no = pt.movement_no
  WHERE ($movement IS NULL OR pt.movement_no = $movement) AND ($plan IS NULL OR m.plan_code = $plan) AND ($kind IS NULL OR pt.kind = $kind)
    AND $category IS NULL AND $form IS NULL -- plans set no target per category or form
  UNION
  SELECT agency_code FROM counted_recognitions(NULL, NULL, $movement, NULL, NULL, $kind, $category, $form, $rollup, $plan, $as_of)
),
cells AS (
  SELECT agency_code, count(*) AS recognitions, count(DISTINCT exemplar_id) AS exemplars
  FROM counted_recognitions($standard_filters)
  GROUP BY agency_code
)
SELECT av.agency_code, av.agency_name, bl.name AS bloc_name,
       coalesce(cells.recognitions, 0)::INTEGER AS recognitions,
       coalesce(cells.exemplars, 0)::INTEGER AS exemplars,
       l.active_years::INTEGER AS active_years,
       ($year_to - $year_from + 1)::INTEGER AS years_selected,
       round(coalesce(cells.recognitions, 0) / l.active_years, 2)::DOUBLE AS recognitions_per_year,
       a.active_from
FROM agencies_in_view($rollup, $agency, $bloc, $plan, $year_from, $year_to, $as_of) av
JOIN agencies a ON a.code = av.agency_code
JOIN emulation_blocs bl ON bl.code = av.bloc_code
JOIN lifetimes l ON l.agency_code = av.agency_code
LEFT JOIN cells ON cells.agency_code = av.agency_code
CROSS JOIN filtered
WHERE NOT filtered.yes OR av.agency_code IN (SELECT agency_code FROM taking_part)
ORDER BY recognitions_per_year, recognitions, av.agency_code;
