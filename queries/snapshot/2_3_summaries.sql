-- The small tables read from the per-exemplar ones (2_2_exemplar_facts.sql), rebuilt whole on a
-- full build and on a refresh (tens of milliseconds at 1.5M recognitions).

-- The agencies the roll-up places exemplars in, per plan (agencies_in_view reads this small
-- table instead of every exemplar's placement on each request).
CREATE OR REPLACE TABLE agencies_rolled_into AS
SELECT DISTINCT plan_code, agency_code FROM exemplar_rollup;

-- The agencies holding recognitions, per plan and year, in the organisation in force on each
-- succession date (effective_date NULL: as recorded, before any succession). With as_of a
-- zero-filled list shows them beside the agencies in force on that date, so a predecessor still
-- holding unplaced exemplars, or an agency recorded after that date, keeps its row in the
-- years it has recognitions, and no total is lost.
CREATE OR REPLACE TABLE agencies_holding_at AS
WITH dates AS (
  SELECT effective_date, row_number() OVER (ORDER BY effective_date) AS k FROM succession_dates
  UNION ALL
  SELECT NULL, 0
),
cells AS (
  SELECT DISTINCT plan_code, year, recorded_agency_code, place_pattern FROM fact_recognitions
)
SELECT DISTINCT d.effective_date, c.plan_code, c.year, coalesce(pp.agency_at[d.k], c.recorded_agency_code) AS agency_code
FROM cells c
CROSS JOIN dates d
LEFT JOIN place_patterns pp ON pp.place_pattern = c.place_pattern;

-- The plan of the latest period with data: the plan covering the newest recognised year (of a
-- committed batch), else the newest plan. Once per snapshot, from the fact table: a macro that
-- joined the recognitions on every request made plan_submission_by_agency take 226 ms at 1.5M
-- recognitions (2.6 ms before plans were data).
CREATE OR REPLACE TABLE latest_plan AS
SELECT coalesce(
  (SELECT plan_code::VARCHAR FROM fact_recognitions WHERE plan_code IS NOT NULL ORDER BY year DESC, plan_code::VARCHAR LIMIT 1),
  (SELECT code FROM plans ORDER BY last_year DESC, first_year DESC, code LIMIT 1)) AS plan_code;
