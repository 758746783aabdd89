-- Shared table macros for queries/*.sql. The reporting service creates them as TEMP macros on
-- every connection it opens on a snapshot (the snapshot itself is READ_ONLY). Parameters are
-- prefixed p_ so they never shadow a column of the same name.

-- Each agency and the agency its figures are reported under: itself, or with p_rollup the end
-- of its successor chain (the 2025 mergers, agency_successions). If a predecessor ever has
-- several successors, the newest succession wins, so no recognition is counted twice and the
-- province total is the same in both views.
CREATE OR REPLACE TEMP MACRO reporting_agency(p_rollup) AS TABLE
WITH RECURSIVE next_agency AS (
  SELECT predecessor_code, successor_code
  FROM agency_successions
  QUALIFY row_number() OVER (PARTITION BY predecessor_code ORDER BY effective_date DESC, successor_code) = 1
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
SELECT recorded_code, CASE WHEN p_rollup THEN final_code ELSE recorded_code END AS agency_code
FROM last_successor;

-- The agencies a view shows (one row each): as recorded every agency; rolled up only those
-- that are not merged into another.
CREATE OR REPLACE TEMP MACRO agencies_in_view(p_rollup, p_agency, p_bloc) AS TABLE
SELECT a.code AS agency_code, a.name AS agency_name, a.bloc_code, a.kind AS agency_kind
FROM agencies a
WHERE a.code IN (SELECT agency_code FROM reporting_agency(p_rollup))
  AND (p_agency IS NULL OR a.code = p_agency)
  AND (p_bloc IS NULL OR a.bloc_code = p_bloc);

-- The years of a range, for zero-filled series (a movement with no exemplars in a year is a 0).
CREATE OR REPLACE TEMP MACRO years_in_range(p_year_from, p_year_to) AS TABLE
SELECT y::INTEGER AS year FROM range(p_year_from, p_year_to + 1) t(y);
