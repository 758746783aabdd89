-- Each agency and the agency its OWN figures (plan targets, seats, years of existence, a
-- viewer's scope) are reported under over a period: itself, or with p_rollup the end of its
-- chain of followed successions, or with p_as_of (a DATE, or its text; it wins over p_rollup)
-- the end of its chain of every succession effective on or before that date (the
-- organisation in force then). A predecessor hands these to its only successor, or when it
-- was split to the successor that takes the rest ('all' before 'rest'); a split without one
-- keeps them. Exemplars are placed one by one (exemplar_rollup and exemplar_place_at).
-- The chains are walked once per snapshot, per set of successions (agency_chain_ends in
-- queries/snapshot/2_1_organisation.sql); a request looks its set up (succession_scope): the
-- recursive walk on every request cost ~11 ms, twice in targets_vs_results_by_agency.
CREATE OR REPLACE TEMP MACRO reporting_agency_in(p_rollup, p_first_year, p_last_year, p_as_of) AS TABLE
SELECT a.code AS recorded_code,
       CASE WHEN p_rollup OR p_as_of IS NOT NULL THEN coalesce(c.final_code, a.code) ELSE a.code END AS agency_code
FROM agencies a
LEFT JOIN agency_chain_ends c ON c.recorded_code = a.code AND c.scope = succession_scope(p_first_year, p_last_year, p_as_of);

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
