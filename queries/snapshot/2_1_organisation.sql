-- @on-refresh: skip
-- The per-snapshot tables behind counted_recognitions and counted_exemplars, built into the
-- reporting service's private copy of a snapshot (contracts/snapshotTables.ts,
-- dashboard/server/openSnapshot.ts), which its pooled connections then share read-only (as TEMP
-- tables, each of four connections built its own: ~3 s and ~225 MB each at 1.5M
-- recognitions). Three files, run in order after queries/shared/0_* and 1_* (label and agency
-- macros), on the copy opened read-write for the build only:
-- * this one, the organisation's tables and the empty per-exemplar tables: on a full build only;
-- * 2_2_exemplar_facts.sql, the per-exemplar tables for the exemplars in set_exemplars (all of
--   them on a full build; on a refresh, those that changed since the previous snapshot, whose
--   rows were removed first: contracts/refreshSnapshotTables.ts);
-- * 2_3_summaries.sql, the small tables read from the per-exemplar ones, rebuilt whole.
-- Codes are ENUMs (1 byte a value instead of a 16-byte string); an organisation change (agencies,
-- blocs, plans, vocabulary, successions) makes a full build, so the types hold on a refresh.
CREATE TYPE agency_code_t AS ENUM (SELECT code FROM agencies ORDER BY code);
CREATE TYPE bloc_code_t AS ENUM (SELECT code FROM emulation_blocs ORDER BY code);
CREATE TYPE plan_code_t AS ENUM (SELECT code FROM plans ORDER BY code);
CREATE TYPE kind_t AS ENUM (SELECT code FROM kind_labels() ORDER BY ord);
CREATE TYPE category_t AS ENUM (SELECT code FROM category_labels() ORDER BY ord);
CREATE TYPE form_t AS ENUM (SELECT code FROM form_labels() ORDER BY ord);
CREATE TYPE stage_t AS ENUM (SELECT code FROM stage_labels() ORDER BY ord);

-- The days the organisation changed: each distinct effective date of a succession. A request
-- with as_of reads the organisation in force at the latest of them on or before that date.
CREATE TABLE succession_dates AS
SELECT DISTINCT effective_date FROM agency_successions;

-- Every set of successions a request can name (succession_scope), with its successions: the
-- plans a period can meet (one representative period each: followed_successions), every
-- succession ('all'), and those in force on each succession date.
CREATE TEMP TABLE scoped_successions AS
WITH years AS (
  SELECT y::INTEGER AS y FROM range((SELECT min(first_year) FROM plans), (SELECT max(last_year) FROM plans) + 1) t(y)
),
periods AS (
  SELECT succession_scope(a.y, b.y, NULL) AS scope, a.y AS first_year, b.y AS last_year
  FROM years a JOIN years b ON b.y >= a.y
  QUALIFY row_number() OVER (PARTITION BY scope ORDER BY a.y, b.y) = 1
)
SELECT p.scope, s.* FROM periods p, agency_successions s
WHERE s.predecessor_code || '>' || s.successor_code IN (
  SELECT f.predecessor_code || '>' || f.successor_code FROM followed_successions(p.first_year, p.last_year) f)
UNION ALL
SELECT 'all', s.* FROM agency_successions s
UNION ALL
SELECT 'date:' || d.effective_date::VARCHAR, s.* FROM succession_dates d JOIN agency_successions s ON s.effective_date <= d.effective_date;

-- The predecessors of each set (agencies_in_view: the agencies a roll-up no longer shows).
CREATE TABLE scope_predecessors AS
SELECT DISTINCT scope, predecessor_code FROM scoped_successions;

-- Where each agency's OWN figures go (reporting_agency_in, queries/shared/3_agency_chains.sql),
-- in each set: a predecessor hands them to its only successor in the set, or when split to the
-- one taking the rest ('all' before 'rest', then the newest, then by code); a split without one
-- keeps them. One row per predecessor and set, with the end of its chain. Walked once per
-- snapshot: the walk on every request cost ~11 ms, twice in targets_vs_results_by_agency.
CREATE TABLE agency_chain_ends AS
WITH RECURSIVE next_agency AS (
  SELECT scope, predecessor_code, successor_code
  FROM (SELECT s.*, count(*) OVER (PARTITION BY s.scope, s.predecessor_code) AS successors FROM scoped_successions s)
  WHERE takes_by IN ('all', 'rest') OR successors = 1
  QUALIFY row_number() OVER (PARTITION BY scope, predecessor_code
                             ORDER BY CASE takes_by WHEN 'all' THEN 0 WHEN 'rest' THEN 1 ELSE 2 END, effective_date DESC, successor_code) = 1
),
chain(scope, recorded_code, agency_code, depth) AS (
  SELECT DISTINCT scope, predecessor_code, predecessor_code, 0 FROM next_agency
  UNION ALL
  SELECT c.scope, c.recorded_code, n.successor_code, c.depth + 1
  FROM chain c JOIN next_agency n ON n.scope = c.scope AND n.predecessor_code = c.agency_code
  WHERE c.depth < 20
)
SELECT scope, recorded_code, arg_max(agency_code, depth) AS final_code
FROM chain
GROUP BY scope, recorded_code;
DROP TABLE scoped_successions;

-- The year of bit 0 in fact_exemplars' year bits: the earliest plan year or recognised year.
-- Fixed per full build, so a refresh keeps every stored bit valid (2_2 refuses a year outside
-- the 64 bits, and the reader then builds in full).
CREATE TABLE fact_year_base AS
SELECT coalesce(least((SELECT min(first_year) FROM plans), (SELECT min(year) FROM recognitions)), 0)::INTEGER AS base;

-- Every exemplar: a full build computes the per-exemplar tables for all of them.
CREATE TEMP VIEW set_exemplars AS SELECT * FROM exemplars;
CREATE TEMP VIEW set_recognitions AS SELECT * FROM recognitions;

-- The per-exemplar tables, empty: 2_2_exemplar_facts.sql fills them for set_exemplars.
CREATE TABLE fact_recognitions (
  recognition_id BIGINT, exemplar_id INTEGER, year INTEGER, form form_t, kind kind_t, category category_t,
  movement_no INTEGER, stage stage_t, recorded_agency_code agency_code_t, recorded_bloc_code bloc_code_t,
  rollup_agency_code agency_code_t, rollup_bloc_code bloc_code_t, plan_code plan_code_t, place_pattern INTEGER,
  first_in_year BOOLEAN);
CREATE TABLE fact_exemplars (
  exemplar_id INTEGER, plan_code plan_code_t, kind kind_t, category category_t, movement_no INTEGER, stage stage_t,
  recorded_agency_code agency_code_t, recorded_bloc_code bloc_code_t, rollup_agency_code agency_code_t,
  rollup_bloc_code bloc_code_t, place_pattern INTEGER, years_cong_nhan_dhtt UBIGINT, years_bang_khen_ubnd UBIGINT);
CREATE TABLE exemplar_rollup (exemplar_id INTEGER, plan_code VARCHAR, agency_code VARCHAR, route VARCHAR[], unplaced BOOLEAN);
CREATE TABLE exemplar_place_at (
  effective_date DATE, exemplar_id INTEGER, agency_code agency_code_t, bloc_code bloc_code_t, route VARCHAR[], unplaced BOOLEAN);
CREATE TABLE place_patterns (place_pattern INTEGER, agency_at agency_code_t[], bloc_at bloc_code_t[]);
