-- The per-snapshot fact table behind counted_recognitions (issue 4, Performance): every
-- recognition of a committed batch with its exemplar's attributes, its plan, and both agency
-- attributions (as recorded, and rolled up through the successions) denormalised, so the
-- dashboard's aggregates scan one table instead of joining 1M recognitions to 0.5M exemplars
-- on every request. A snapshot never changes, so this is built once, when the reporting service
-- opens the snapshot and before it is swapped in: no request waits for it. TEMP: the snapshot is
-- READ_ONLY (DuckDB allows temp objects there; ATTACH ':memory:' is refused), and temp objects
-- are per connection, so each pooled connection holds its own copy. Codes are ENUMs (1 byte a
-- value instead of a 16-byte string): 1M recognitions take about 75 MB per connection.
-- Inner joins as in the original counted_recognitions: a recognition whose exemplar or agency
-- does not resolve counts in neither view.
CREATE TEMP TYPE agency_code_t AS ENUM (SELECT code FROM agencies ORDER BY code);
CREATE TEMP TYPE bloc_code_t AS ENUM (SELECT code FROM emulation_blocs ORDER BY code);
CREATE TEMP TYPE plan_code_t AS ENUM (SELECT code FROM plans ORDER BY code);
CREATE TEMP TYPE kind_t AS ENUM (SELECT code FROM kind_labels() ORDER BY ord);
CREATE TEMP TYPE category_t AS ENUM (SELECT code FROM category_labels() ORDER BY ord);
CREATE TEMP TYPE form_t AS ENUM (SELECT code FROM form_labels() ORDER BY ord);
CREATE TEMP TYPE stage_t AS ENUM (SELECT code FROM stage_labels() ORDER BY ord);

-- The days the organisation changed: each distinct effective date of a succession. A request
-- with as_of reads the organisation in force at the latest of them on or before that date.
CREATE TEMP TABLE succession_dates AS
SELECT DISTINCT effective_date FROM agency_successions;

-- Where each EXEMPLAR goes (docs/plans-and-organisation.md, "Splits"), in two kinds of scope:
-- * 'plan:<code>', the roll-up under a plan it is recognised under: the successions followed
--   for that plan's period (followed_successions; 'plan:' alone, a year no plan covers: all);
-- * 'date:<D>', the organisation in force on D: every succession effective on or before D,
--   whatever its period or kind (as_of), for each D in succession_dates.
-- From its agency, a predecessor with one successor (in the scope) hands it everything; with
-- several, the first rule that places the exemplar wins, in the order list (its code), movement
-- (its movement key), commune (its unit names the commune, folded, as whole words), rest; 'all'
-- beside others comes last, newest first. An exemplar no rule places stays where it is:
-- `unplaced` (listed by unplaced_exemplars.sql). Every choice is kept as a sortable step, so
-- among the routes of an exemplar the one whose first differing step is the better rule wins;
-- route holds the agencies passed (succession_totals.sql). Only exemplars of an agency that is
-- a predecessor somewhere are walked (at scale 20 about 45% of them); every other one stays
-- where it was recorded in every scope. Scratch table, dropped below once both results are kept.
CREATE TEMP TABLE exemplar_placement AS
WITH RECURSIVE movable_exemplars AS (
  SELECT e.id, e.code, e.movement_no, e.unit, e.agency_code, a.province
  FROM exemplars e JOIN agencies a ON a.code = e.agency_code
  WHERE e.agency_code IN (SELECT predecessor_code FROM agency_successions)
    AND e.id IN (SELECT exemplar_id FROM recognitions)
),
-- each distinct unit folded once (fold_key's regular expressions were most of the time) and
-- padded, so a commune matches as whole words
units AS (
  SELECT unit, ' ' || fold_key(unit) || ' ' AS unit_words FROM (SELECT DISTINCT unit FROM movable_exemplars)
),
movable AS (
  SELECT m.id, m.code, m.movement_no::VARCHAR AS movement_key, u.unit_words, m.agency_code, m.province
  FROM movable_exemplars m JOIN units u ON u.unit IS NOT DISTINCT FROM m.unit
),
plan_rules AS (
  SELECT 'plan:' || p.code AS scope, s.* FROM plans p, agency_successions s
  WHERE s.predecessor_code || '>' || s.successor_code IN (
    SELECT f.predecessor_code || '>' || f.successor_code FROM followed_successions(p.first_year, p.last_year) f)
),
scoped_rules AS (
  SELECT * FROM plan_rules
  UNION ALL
  SELECT 'plan:', s.* FROM agency_successions s
  UNION ALL
  SELECT 'date:' || d.effective_date::VARCHAR, s.* FROM succession_dates d JOIN agency_successions s ON s.effective_date <= d.effective_date
),
rules AS (
  SELECT r.*, count(*) OVER (PARTITION BY r.scope, r.predecessor_code) AS successors,
         CASE r.takes_by WHEN 'list' THEN 1 WHEN 'movement' THEN 2 WHEN 'commune' THEN 3 WHEN 'rest' THEN 4 ELSE 5 END AS priority,
         strftime(r.effective_date, '%Y%m%d') AS effective,
         -- a commune rule's names folded once, padded like unit_words
         list_transform(list_filter(r.takes_values, lambda v: fold_key(v) <> ''), lambda v: ' ' || fold_key(v) || ' ') AS communes
  FROM scoped_rules r
),
starts AS (
  SELECT DISTINCT 'plan:' || coalesce(p.code, '') AS scope, m.id, m.code, m.movement_key, m.unit_words, m.agency_code
  FROM movable m
  JOIN recognitions r ON r.exemplar_id = m.id
  LEFT JOIN plans p ON p.province = m.province AND r.year BETWEEN p.first_year AND p.last_year
  UNION ALL
  SELECT 'date:' || d.effective_date::VARCHAR, m.id, m.code, m.movement_key, m.unit_words, m.agency_code
  FROM movable m
  JOIN (SELECT DISTINCT d.effective_date, s.predecessor_code
        FROM succession_dates d JOIN agency_successions s ON s.effective_date <= d.effective_date) d
    ON d.predecessor_code = m.agency_code
),
placed(scope, exemplar_id, code, movement_key, unit_words, agency_code, route, steps) AS (
  SELECT scope, id, code, movement_key, unit_words, agency_code, [agency_code], []::VARCHAR[]
  FROM starts
  UNION ALL
  SELECT p.scope, p.exemplar_id, p.code, p.movement_key, p.unit_words, r.successor_code,
         list_append(p.route, r.successor_code),
         -- priority, then for 'all' the newest succession first, then the successor's code
         list_append(p.steps, r.priority::VARCHAR || ':' || (99999999 - r.effective::INTEGER)::VARCHAR || ':' || r.successor_code)
  FROM placed p JOIN rules r ON r.scope = p.scope AND r.predecessor_code = p.agency_code
  WHERE len(p.route) <= 20
    AND (r.successors = 1
         OR r.takes_by IN ('all', 'rest')
         OR (r.takes_by = 'list' AND list_contains(r.takes_values, p.code))
         OR (r.takes_by = 'movement' AND list_contains(r.takes_values, p.movement_key))
         OR (r.takes_by = 'commune' AND len(list_filter(r.communes, lambda w: contains(p.unit_words, w))) > 0))
),
-- A route ends where no rule moves the exemplar on: no route is it plus one step. (Every longer
-- route was built one step at a time, so this is "no longer route starts with it", as an
-- anti-join on equal lists instead of a prefix compare between every pair of routes.)
ends AS (
  SELECT p.* FROM placed p
  ANTI JOIN (SELECT scope, exemplar_id, route[1:len(route) - 1] AS parent FROM placed WHERE len(route) > 1) q
    ON q.scope = p.scope AND q.exemplar_id = p.exemplar_id AND q.parent = p.route
),
chosen AS (
  SELECT scope, exemplar_id, arg_min(agency_code, steps) AS agency_code, arg_min(route, steps) AS route
  FROM ends
  GROUP BY scope, exemplar_id
)
SELECT c.scope, c.exemplar_id, c.agency_code, c.route,
       -- stopped at an agency with successions in the scope, no rule placing it
       EXISTS (SELECT 1 FROM rules r WHERE r.scope = c.scope AND r.predecessor_code = c.agency_code) AS unplaced
FROM chosen c;

-- The roll-up, per exemplar and plan it is recognised under (rollup=true): the walked exemplars'
-- plan scopes, and every other exemplar where it was recorded.
CREATE TEMP TABLE exemplar_rollup AS
SELECT x.exemplar_id, nullif(substr(x.scope, 6), '') AS plan_code, x.agency_code, x.route, x.unplaced
FROM exemplar_placement x
WHERE starts_with(x.scope, 'plan:')
UNION ALL
SELECT DISTINCT e.id, p.code, e.agency_code, [e.agency_code], false
FROM recognitions r
JOIN exemplars e ON e.id = r.exemplar_id
JOIN agencies a ON a.code = e.agency_code
LEFT JOIN plans p ON p.province = a.province AND r.year BETWEEN p.first_year AND p.last_year
WHERE e.agency_code NOT IN (SELECT predecessor_code FROM agency_successions);

-- The organisation in force on each succession date D (as_of): where every exemplar of an
-- agency that was a predecessor on or before D is, moved or not (those not moved are the
-- unplaced). Every other exemplar is where it was recorded, so it has no row: a request joins
-- the rows of one D (the latest on or before as_of) to the fact table, and has nothing to
-- recompute.
CREATE TEMP TABLE exemplar_place_at AS
SELECT CAST(substr(x.scope, 6) AS DATE) AS effective_date, x.exemplar_id,
       x.agency_code::agency_code_t AS agency_code, a.bloc_code::bloc_code_t AS bloc_code, x.route, x.unplaced
FROM exemplar_placement x
JOIN agencies a ON a.code = x.agency_code
WHERE starts_with(x.scope, 'date:')
ORDER BY effective_date, exemplar_id;

DROP TABLE exemplar_placement;

-- Per exemplar with a row in exemplar_place_at: its agency and bloc on each succession date,
-- oldest date first (NULL: where it was recorded). Few exemplars differ in that sequence (the
-- agencies a predecessor's exemplars can end in), so the distinct sequences are numbered as
-- place patterns and the fact table holds only the pattern's number: a request with as_of
-- takes each pattern's agency at the chosen date as one short list, and reads element
-- [place_pattern] of it per recognition. No join on each request (a join with the placement
-- built a hash table of up to every walked exemplar), and 4 bytes a row instead of two lists.
CREATE TEMP TABLE exemplar_place_lists AS
WITH dates AS (
  SELECT effective_date, row_number() OVER (ORDER BY effective_date) AS k FROM succession_dates
),
slots AS (
  SELECT e.exemplar_id, d.k, x.agency_code, x.bloc_code
  FROM (SELECT DISTINCT exemplar_id FROM exemplar_place_at) e
  CROSS JOIN dates d
  LEFT JOIN exemplar_place_at x ON x.exemplar_id = e.exemplar_id AND x.effective_date = d.effective_date
),
sequences AS (
  -- sorted by k as structs (an ordered aggregate was several times slower)
  SELECT exemplar_id, list_sort(list({'k': k, 'agency': agency_code, 'bloc': bloc_code})) AS slots
  FROM slots
  GROUP BY exemplar_id
)
SELECT exemplar_id, list_transform(slots, s -> s.agency) AS agency_at, list_transform(slots, s -> s.bloc) AS bloc_at
FROM sequences;

CREATE TEMP TABLE place_patterns AS
SELECT (row_number() OVER (ORDER BY agency_at, bloc_at))::INTEGER AS place_pattern, agency_at, bloc_at
FROM (SELECT DISTINCT agency_at, bloc_at FROM exemplar_place_lists);

CREATE TEMP TABLE fact_recognitions AS
SELECT r.id AS recognition_id, r.exemplar_id, r.year, r.form::form_t AS form,
       e.kind::kind_t AS kind, e.category::category_t AS category, e.movement_no, e.stage::stage_t AS stage,
       e.agency_code::agency_code_t AS recorded_agency_code, a.bloc_code::bloc_code_t AS recorded_bloc_code,
       x.agency_code::agency_code_t AS rollup_agency_code, rolled.bloc_code::bloc_code_t AS rollup_bloc_code,
       -- the plan of the exemplar's agency's province whose period covers the year (NULL: none)
       p.code::plan_code_t AS plan_code,
       -- the organisation in force on each succession date (place_patterns; NULL: as recorded)
       pp.place_pattern
FROM recognitions r
JOIN ingest_batches b ON b.id = r.batch_id AND b.status = 'committed'
JOIN exemplars e ON e.id = r.exemplar_id
JOIN agencies a ON a.code = e.agency_code
LEFT JOIN plans p ON p.province = a.province AND r.year BETWEEN p.first_year AND p.last_year
JOIN exemplar_rollup x ON x.exemplar_id = e.id AND x.plan_code IS NOT DISTINCT FROM p.code
JOIN agencies rolled ON rolled.code = x.agency_code
LEFT JOIN (SELECT l.exemplar_id, pp.place_pattern
           FROM exemplar_place_lists l JOIN place_patterns pp ON pp.agency_at IS NOT DISTINCT FROM l.agency_at AND pp.bloc_at IS NOT DISTINCT FROM l.bloc_at) pp
  ON pp.exemplar_id = e.id;

DROP TABLE exemplar_place_lists;

-- The agencies holding recognitions, per plan and year, in the organisation in force on each
-- succession date (effective_date NULL: as recorded, before any succession). With as_of a
-- zero-filled list shows them beside the agencies in force on that date, so a predecessor still
-- holding unplaced exemplars, or an agency recorded after that date, keeps its row in the
-- years it has recognitions, and no total is lost.
CREATE TEMP TABLE agencies_holding_at AS
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
CREATE TEMP TABLE latest_plan AS
SELECT coalesce(
  (SELECT plan_code::VARCHAR FROM fact_recognitions WHERE plan_code IS NOT NULL ORDER BY year DESC, plan_code::VARCHAR LIMIT 1),
  (SELECT code FROM plans ORDER BY last_year DESC, first_year DESC, code LIMIT 1)) AS plan_code;
CREATE OR REPLACE TEMP MACRO latest_plan_with_data() AS TABLE SELECT plan_code FROM latest_plan;
