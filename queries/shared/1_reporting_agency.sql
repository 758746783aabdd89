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

-- The key of a set of successions: those followed over a period (followed_successions, which
-- depends on the period only through the plans it meets: 'plans:<their codes>'; no bound at all:
-- 'all'), or with p_as_of (a DATE or its text) those in force on that date (which depend on it
-- only through the latest succession date on or before it: 'date:<D>'). agency_chain_ends
-- (queries/snapshot/2_1_organisation.sql) holds each key's chains, built once per snapshot.
CREATE OR REPLACE TEMP MACRO succession_scope(p_first_year, p_last_year, p_as_of) AS
CASE
  WHEN p_as_of IS NOT NULL THEN
    'date:' || coalesce((SELECT max(effective_date) FROM agency_successions WHERE effective_date <= p_as_of::DATE)::VARCHAR, '')
  WHEN p_first_year IS NULL AND p_last_year IS NULL THEN 'all'
  ELSE 'plans:' || coalesce((SELECT string_agg(q.code, ',' ORDER BY q.code) FROM plans q
                             WHERE (p_first_year IS NULL OR q.last_year >= p_first_year)
                               AND (p_last_year IS NULL OR q.first_year <= p_last_year)), '')
END;

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
