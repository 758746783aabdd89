-- Shared table macros for queries/*.sql. The reporting service creates them as TEMP macros on
-- every connection it opens on a snapshot (the snapshot itself is READ_ONLY). Parameters are
-- prefixed p_ so they never shadow a column of the same name. Periods, movements, agencies and
-- congresses come from the snapshot's tables, never from literals (docs/plans-and-organisation.md).

-- The successions followed for a period: those whose successor is an agency of a plan whose
-- period meets it (of the plan's province, of a kind that reports under it, alive in it). So
-- within Plan 90's years the districts stay districts (their successors, communes, report
-- under no plan of those years), while a merger into an agency of the same plans is followed.
-- NULL bounds: every succession.
CREATE OR REPLACE TEMP MACRO followed_successions(p_first_year, p_last_year) AS TABLE
SELECT s.*
FROM agency_successions s
WHERE (p_first_year IS NULL AND p_last_year IS NULL)
   OR EXISTS (
     SELECT 1
     FROM agencies a JOIN plans q ON q.province = a.province AND list_contains(q.reporting_kinds, a.kind)
     WHERE a.code = s.successor_code
       AND (p_first_year IS NULL OR q.last_year >= p_first_year)
       AND (p_last_year IS NULL OR q.first_year <= p_last_year)
       AND (a.active_from IS NULL OR year(a.active_from) <= q.last_year)
       AND (a.active_to IS NULL OR year(a.active_to) >= q.first_year));

-- Each agency and the agency its OWN figures (plan targets, seats, years of existence, a
-- viewer's scope) are reported under over a period: itself, or with p_rollup the end of its
-- chain of followed successions, or with p_as_of (a DATE, or its text; it wins over p_rollup)
-- the end of its chain of every succession effective on or before that date (the
-- organisation in force then). A predecessor hands these to its only successor, or when it
-- was split to the successor that takes the rest ('all' before 'rest'); a split without one
-- keeps them. Exemplars are placed one by one (exemplar_rollup and exemplar_place_at in
-- queries/snapshot/2_fact_tables.sql).
CREATE OR REPLACE TEMP MACRO reporting_agency_in(p_rollup, p_first_year, p_last_year, p_as_of) AS TABLE
WITH RECURSIVE followed AS (
  SELECT * FROM followed_successions(p_first_year, p_last_year) WHERE p_as_of IS NULL
  UNION ALL
  SELECT * FROM agency_successions WHERE effective_date <= p_as_of::DATE
),
next_agency AS (
  SELECT s.predecessor_code, s.successor_code
  FROM followed s
  WHERE s.takes_by IN ('all', 'rest')
     OR (SELECT count(*) FROM followed o WHERE o.predecessor_code = s.predecessor_code) = 1
  QUALIFY row_number() OVER (PARTITION BY s.predecessor_code
                             ORDER BY CASE s.takes_by WHEN 'all' THEN 0 WHEN 'rest' THEN 1 ELSE 2 END, s.effective_date DESC, s.successor_code) = 1
),
chain(recorded_code, agency_code, depth) AS (
  SELECT code, code, 0 FROM agencies
  UNION ALL
  SELECT chain.recorded_code, next_agency.successor_code, chain.depth + 1
  FROM chain JOIN next_agency ON next_agency.predecessor_code = chain.agency_code
  WHERE chain.depth < 20
),
last_successor AS (
  SELECT recorded_code, arg_max(agency_code, depth) AS final_code FROM chain GROUP BY recorded_code
)
SELECT recorded_code, CASE WHEN p_rollup OR p_as_of IS NOT NULL THEN final_code ELSE recorded_code END AS agency_code
FROM last_successor;

-- Over a dashboard view's period: the plan's when one is selected, else the selected years;
-- with p_as_of, the organisation in force on that date.
CREATE OR REPLACE TEMP MACRO reporting_agency_for(p_rollup, p_plan, p_year_from, p_year_to, p_as_of) AS TABLE
SELECT * FROM reporting_agency_in(p_rollup,
  coalesce((SELECT first_year FROM plans WHERE code = p_plan), p_year_from),
  coalesce((SELECT last_year FROM plans WHERE code = p_plan), p_year_to),
  p_as_of);

-- Over every period: every succession followed.
CREATE OR REPLACE TEMP MACRO reporting_agency(p_rollup) AS TABLE
SELECT * FROM reporting_agency_in(p_rollup, NULL, NULL, NULL);

-- The years of a range, for zero-filled series (a movement with no exemplars in a year is a 0).
CREATE OR REPLACE TEMP MACRO years_in_range(p_year_from, p_year_to) AS TABLE
SELECT y::INTEGER AS year FROM range(p_year_from, p_year_to + 1) t(y);

-- The movements a zero-filled list shows: those of p_plan, or (p_plan NULL) of every plan whose
-- period meets the selected years (a NULL bound is open).
CREATE OR REPLACE TEMP MACRO movements_in_view(p_plan, p_year_from, p_year_to) AS TABLE
SELECT m.*
FROM movements m JOIN plans p ON p.code = m.plan_code
WHERE CASE WHEN p_plan IS NULL
           THEN (p_year_from IS NULL OR p.last_year >= p_year_from) AND (p_year_to IS NULL OR p.first_year <= p_year_to)
           ELSE m.plan_code = p_plan END;

-- The congress a delegate list is for: p_congress, or the newest (by held_on, then code).
CREATE OR REPLACE TEMP MACRO congress_in_view(p_congress) AS TABLE
SELECT c.*
FROM congresses c
WHERE c.code = coalesce(p_congress, (SELECT code FROM congresses ORDER BY held_on DESC NULLS LAST, code DESC LIMIT 1));
