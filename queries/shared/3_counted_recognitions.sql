-- The plan of the latest period with data (latest_plan, a reporting table).
CREATE OR REPLACE TEMP MACRO latest_plan_with_data() AS TABLE SELECT plan_code FROM latest_plan;

-- Each place pattern's agency and bloc in the organisation in force on p_as_of (the latest
-- succession date on or before it; none: position 0, as recorded), as lists indexed by
-- place_pattern: one row; NULL lists when no exemplar was ever moved.
CREATE OR REPLACE TEMP MACRO places_on(p_as_of) AS TABLE
WITH chosen_date AS (
  SELECT count(*) AS k FROM succession_dates WHERE effective_date <= p_as_of::DATE
)
SELECT list(p.agency_at[c.k] ORDER BY p.place_pattern) AS agencies, list(p.bloc_at[c.k] ORDER BY p.place_pattern) AS blocs
FROM place_patterns p, chosen_date c;

-- The recognitions every count is made of: rows of committed batches only (superseded rows
-- live in recognitions_history and never count), with the dashboard's filters applied.
-- agency_code is the reporting agency; bloc_code is that agency's bloc: as recorded, rolled up
-- (p_rollup: through the successions followed for the recognition's plan), or with p_as_of (a
-- DATE or its text, winning over p_rollup) in the organisation in force on that date: the
-- placement at the latest succession date on or before it (exemplar_place_at, precomputed per
-- snapshot as fact_recognitions.place_pattern; no such date: as recorded). Read from
-- fact_recognitions (queries/snapshot/2_2_exemplar_facts.sql, a reporting table); codes go out as VARCHAR as before. A NULL year
-- bound is open; p_plan keeps the recognitions under that plan (one column compare).
CREATE OR REPLACE TEMP MACRO counted_recognitions(p_year_from, p_year_to, p_movement, p_agency, p_bloc, p_kind, p_category, p_form, p_rollup, p_plan, p_as_of) AS TABLE
WITH attributed AS (
  SELECT f.*,
         CASE WHEN p_as_of IS NOT NULL THEN coalesce(placed.agencies[f.place_pattern], f.recorded_agency_code)
              WHEN p_rollup THEN f.rollup_agency_code ELSE f.recorded_agency_code END AS reported_agency_code,
         CASE WHEN p_as_of IS NOT NULL THEN coalesce(placed.blocs[f.place_pattern], f.recorded_bloc_code)
              WHEN p_rollup THEN f.rollup_bloc_code ELSE f.recorded_bloc_code END AS reported_bloc_code
  FROM fact_recognitions f CROSS JOIN places_on(p_as_of) placed
)
SELECT f.recognition_id, f.exemplar_id, f.year, f.form::VARCHAR AS form,
       f.kind::VARCHAR AS kind, f.category::VARCHAR AS category, f.movement_no, f.stage::VARCHAR AS stage,
       f.recorded_agency_code::VARCHAR AS recorded_agency_code,
       f.reported_agency_code::VARCHAR AS agency_code,
       f.reported_bloc_code::VARCHAR AS bloc_code,
       f.plan_code::VARCHAR AS plan_code,
       f.first_in_year
FROM attributed f
WHERE (p_year_from IS NULL OR f.year >= p_year_from)
  AND (p_year_to IS NULL OR f.year <= p_year_to)
  AND (p_movement IS NULL OR f.movement_no = p_movement)
  AND (p_agency IS NULL OR f.reported_agency_code::VARCHAR = p_agency)
  AND (p_bloc IS NULL OR f.reported_bloc_code::VARCHAR = p_bloc)
  AND (p_kind IS NULL OR f.kind::VARCHAR = p_kind)
  AND (p_category IS NULL OR f.category::VARCHAR = p_category)
  AND (p_form IS NULL OR f.form::VARCHAR = p_form)
  AND (p_plan IS NULL OR f.plan_code::VARCHAR = p_plan);

-- The exemplars every per-exemplar count is made of, one row each (fact_exemplars), with the
-- same filters and attribution as counted_recognitions, and the number of its recognitions
-- that pass them: recognitions (any form, or p_form) and per form. An exemplar is kept when
-- at least one of its recognitions passes. Equal, by construction, to grouping
-- counted_recognitions by exemplar_id (test/queries-fact-equivalence.test.ts compares them).
CREATE OR REPLACE TEMP MACRO counted_exemplars(p_year_from, p_year_to, p_movement, p_agency, p_bloc, p_kind, p_category, p_form, p_rollup, p_plan, p_as_of) AS TABLE
WITH
-- the selected years as bits (bit i: year base + i); an open bound is open
selected AS (
  SELECT CASE WHEN lo > hi THEN 0::UBIGINT
              ELSE ((1::HUGEINT << (hi + 1)) - (1::HUGEINT << lo))::UBIGINT END AS years
  FROM (SELECT greatest(coalesce(p_year_from, b.base), b.base) - b.base AS lo,
               least(coalesce(p_year_to, b.base + 63), b.base + 63) - b.base AS hi
        FROM fact_year_base b)
),
attributed AS (
  SELECT e.*,
         CASE WHEN p_form IS NULL OR p_form = 'cong_nhan_dhtt' THEN e.years_cong_nhan_dhtt & s.years ELSE 0::UBIGINT END AS cong_nhan,
         CASE WHEN p_form IS NULL OR p_form = 'bang_khen_ubnd' THEN e.years_bang_khen_ubnd & s.years ELSE 0::UBIGINT END AS bang_khen,
         CASE WHEN p_as_of IS NOT NULL THEN coalesce(placed.agencies[e.place_pattern], e.recorded_agency_code)
              WHEN p_rollup THEN e.rollup_agency_code ELSE e.recorded_agency_code END AS reported_agency_code,
         CASE WHEN p_as_of IS NOT NULL THEN coalesce(placed.blocs[e.place_pattern], e.recorded_bloc_code)
              WHEN p_rollup THEN e.rollup_bloc_code ELSE e.recorded_bloc_code END AS reported_bloc_code
  FROM fact_exemplars e CROSS JOIN selected s CROSS JOIN places_on(p_as_of) placed
)
SELECT e.exemplar_id, e.kind::VARCHAR AS kind, e.category::VARCHAR AS category, e.movement_no, e.stage::VARCHAR AS stage,
       e.recorded_agency_code::VARCHAR AS recorded_agency_code,
       e.reported_agency_code::VARCHAR AS agency_code,
       e.reported_bloc_code::VARCHAR AS bloc_code,
       e.plan_code::VARCHAR AS plan_code,
       (bit_count(e.cong_nhan) + bit_count(e.bang_khen))::INTEGER AS recognitions,
       bit_count(e.cong_nhan)::INTEGER AS recognitions_cong_nhan_dhtt,
       bit_count(e.bang_khen)::INTEGER AS recognitions_bang_khen_ubnd
FROM attributed e
WHERE (e.cong_nhan | e.bang_khen) <> 0
  AND (p_movement IS NULL OR e.movement_no = p_movement)
  AND (p_agency IS NULL OR e.reported_agency_code::VARCHAR = p_agency)
  AND (p_bloc IS NULL OR e.reported_bloc_code::VARCHAR = p_bloc)
  AND (p_kind IS NULL OR e.kind::VARCHAR = p_kind)
  AND (p_category IS NULL OR e.category::VARCHAR = p_category)
  AND (p_plan IS NULL OR e.plan_code::VARCHAR = p_plan);

-- The agencies a zero-filled view shows (one row each). Rolled up: those not merged into
-- another over the view's period (the plan's, or the selected years), and any still holding
-- exemplars (a split predecessor with exemplars no rule placed, or one whose successor reports
-- under a later plan only). With p_plan: the agencies of the plan's province whose kind
-- reports under it and whose life meets its period; without: those whose life meets the
-- selected years (a NULL bound is open). With p_as_of (winning over p_rollup): the agencies in
-- force on that date (of the plan's province and reporting kinds, with p_plan), and any agency
-- holding recognitions of the selected years then (agencies_holding_at: a predecessor with
-- exemplars no rule placed, an agency recorded after that date; with p_plan, of that plan), so
-- no total is lost.
CREATE OR REPLACE TEMP MACRO agencies_in_view(p_rollup, p_agency, p_bloc, p_plan, p_year_from, p_year_to, p_as_of) AS TABLE
SELECT a.code AS agency_code, a.name AS agency_name, a.bloc_code, a.kind AS agency_kind
FROM agencies a
LEFT JOIN plans p ON p.code = p_plan
WHERE CASE WHEN p_as_of IS NOT NULL THEN
         ((a.active_from IS NULL OR a.active_from <= p_as_of::DATE)
          AND (a.active_to IS NULL OR a.active_to >= p_as_of::DATE)
          AND (p_plan IS NULL OR (a.province = p.province AND list_contains(p.reporting_kinds, a.kind))))
         OR a.code IN (
           SELECT h.agency_code::VARCHAR FROM agencies_holding_at h
           WHERE h.effective_date IS NOT DISTINCT FROM (SELECT max(effective_date) FROM succession_dates WHERE effective_date <= p_as_of::DATE)
             AND (p_plan IS NULL OR h.plan_code::VARCHAR = p_plan)
             AND (p_year_from IS NULL OR h.year >= p_year_from) AND (p_year_to IS NULL OR h.year <= p_year_to))
       ELSE
         (NOT p_rollup
          OR a.code NOT IN (SELECT predecessor_code FROM scope_predecessors WHERE scope = succession_scope(
               coalesce((SELECT first_year FROM plans WHERE code = p_plan), p_year_from),
               coalesce((SELECT last_year FROM plans WHERE code = p_plan), p_year_to), NULL))
          OR a.code IN (SELECT x.agency_code FROM agencies_rolled_into x WHERE p_plan IS NULL OR x.plan_code = p_plan))
         AND (p_plan IS NULL OR (a.province = p.province AND list_contains(p.reporting_kinds, a.kind)))
         AND (a.active_from IS NULL OR coalesce(p.last_year, p_year_to) IS NULL OR year(a.active_from) <= coalesce(p.last_year, p_year_to))
         AND (a.active_to IS NULL OR coalesce(p.first_year, p_year_from) IS NULL OR year(a.active_to) >= coalesce(p.first_year, p_year_from))
       END
  AND (p_agency IS NULL OR a.code = p_agency)
  AND (p_bloc IS NULL OR a.bloc_code = p_bloc);

-- Section V for one congress (congress_in_view): each delegation's candidates ranked by the
-- number of distinct years recognised in the congress's form, high to low, over the congress's
-- period (p_year_from/p_year_to narrow it when given), among the agencies of its provinces,
-- against the allocation in force for that congress (the newest committed allocations batch
-- naming the agency). rank is the competition rank (5,4,4,3 → 1,2,2,4); a group of equal count
-- occupies positions rank .. rank+tie_size-1, so it is within the allocation when that range
-- ends at or before the last seat, straddles the cut-off when it starts at or before the last
-- seat and ends after it, and is outside otherwise.
CREATE OR REPLACE TEMP MACRO delegate_ranking(p_congress, p_year_from, p_year_to, p_agency, p_bloc, p_rollup) AS TABLE
WITH congress AS (SELECT * FROM congress_in_view(p_congress)),
candidates AS (
  SELECT c.agency_code, c.exemplar_id, count(DISTINCT c.year) AS times, list_sort(list_distinct(list(c.year))) AS years
  FROM counted_recognitions(NULL, NULL, NULL, p_agency, p_bloc, NULL, NULL, NULL, p_rollup, NULL, NULL) c
  CROSS JOIN congress g
  -- exemplars of the congress's provinces (as recorded: a merged-in province's history counts
  -- only for a congress that names it)
  JOIN agencies a ON a.code = c.recorded_agency_code
  WHERE c.year BETWEEN coalesce(p_year_from, g.first_year) AND coalesce(p_year_to, g.last_year)
    AND c.form = g.form
    AND list_contains(g.provinces, a.province)
  GROUP BY c.agency_code, c.exemplar_id
),
allocation AS (
  SELECT ra.agency_code, sum(latest.seats) AS seats
  FROM (
    SELECT da.agency_code, da.seats
    FROM delegate_allocations da
    JOIN ingest_batches b ON b.id = da.batch_id AND b.status = 'committed' AND b.kind IN ('allocations', 'demo')
    WHERE da.congress_code = (SELECT code FROM congress)
    QUALIFY row_number() OVER (PARTITION BY da.agency_code ORDER BY b.received_at DESC, b.id DESC) = 1
  ) latest
  JOIN reporting_agency_in(p_rollup, (SELECT first_year FROM congress_in_view(p_congress)), (SELECT last_year FROM congress_in_view(p_congress)), NULL) ra
    ON ra.recorded_code = latest.agency_code
  GROUP BY ra.agency_code
),
ranked AS (
  SELECT c.agency_code, c.exemplar_id, c.times, c.years,
         rank() OVER (PARTITION BY c.agency_code ORDER BY c.times DESC) AS rank,
         row_number() OVER (PARTITION BY c.agency_code ORDER BY c.times DESC, e.name_key, e.id) AS position,
         count(*) OVER (PARTITION BY c.agency_code, c.times) AS tie_size,
         count(*) OVER (PARTITION BY c.agency_code) AS candidates
  FROM candidates c JOIN exemplars e ON e.id = c.exemplar_id
),
with_seats AS (
  SELECT r.*, al.seats,
         max(CASE WHEN r.position = al.seats THEN r.times END) OVER (PARTITION BY r.agency_code) AS cutoff_times
  FROM ranked r LEFT JOIN allocation al ON al.agency_code = r.agency_code
)
SELECT agency_code, exemplar_id, times, years, rank, position, tie_size, candidates, seats, cutoff_times,
       CASE
         WHEN seats IS NULL THEN 'chua_phan_bo'
         WHEN rank + tie_size - 1 <= seats THEN 'trong_phan_bo'
         WHEN rank <= seats THEN 'hoa_o_nguong'
         ELSE 'ngoai_phan_bo'
       END AS status
FROM with_seats
UNION ALL
-- Agencies with an allocation and no candidate at all: one row without an exemplar, so the
-- summary still shows their empty seats.
SELECT al.agency_code, NULL, NULL, NULL, NULL, NULL, NULL, 0, al.seats, NULL, 'khong_co_ung_vien'
FROM allocation al
JOIN agencies a ON a.code = al.agency_code
WHERE al.agency_code NOT IN (SELECT agency_code FROM candidates)
  AND (p_agency IS NULL OR al.agency_code = p_agency)
  AND (p_bloc IS NULL OR a.bloc_code = p_bloc);
