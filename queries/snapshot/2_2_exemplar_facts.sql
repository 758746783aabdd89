-- The per-exemplar tables (empty, or without these exemplars' rows) for the exemplars in the
-- TEMP relations set_exemplars and set_recognitions (those exemplars' recognitions): on a full
-- build views of the whole tables, on a refresh small tables of the exemplars whose rows,
-- recognitions or batches changed (2_1_organisation.sql says which file runs when). Everything
-- an exemplar's rows depend on is the exemplar itself, its recognitions and their batches, and
-- the organisation: so rows computed for some exemplars equal those a full build computes for
-- them (test/snapshot-refresh.test.ts compares the two).
-- fact_recognitions: every recognition of a committed batch with its exemplar's attributes, its
-- plan, and both agency attributions (as recorded, and rolled up through the successions)
-- denormalised, so the dashboard's aggregates scan one table instead of joining 1M recognitions
-- to 0.5M exemplars on every request. Inner joins as in the original counted_recognitions: a
-- recognition whose exemplar or agency does not resolve counts in neither view. Scratch tables
-- are TEMP (they die with the build's connection and take no room in the snapshot).

-- Every recognition with its exemplar's attributes, its plan (the plan of the exemplar's
-- agency's province whose period covers the year; NULL: none) and whether its batch is
-- committed (only those count; the placement below walks every recognised exemplar, as the
-- queries' roll-up always did). Joined once here; everything below reads this scratch table.
CREATE TEMP TABLE fact_base AS
SELECT r.id AS recognition_id, r.exemplar_id, r.year, r.form::form_t AS form,
       coalesce(b.status = 'committed', false) AS committed,
       e.kind::kind_t AS kind, e.category::category_t AS category, e.movement_no, e.stage::stage_t AS stage,
       e.agency_code::agency_code_t AS recorded_agency_code, a.bloc_code::bloc_code_t AS recorded_bloc_code,
       p.code::plan_code_t AS plan_code,
       e.agency_code IN (SELECT predecessor_code FROM agency_successions) AS movable
FROM set_recognitions r
JOIN set_exemplars e ON e.id = r.exemplar_id
JOIN agencies a ON a.code = e.agency_code
LEFT JOIN plans p ON p.province = a.province AND r.year BETWEEN p.first_year AND p.last_year
LEFT JOIN ingest_batches b ON b.id = r.batch_id;

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
-- where it was recorded in every scope.
--
-- The walk depends on an exemplar only through its PLACEMENT KEY: its agency, its movement key,
-- the commune names of the rules it can meet that its unit contains, and its code when a list
-- rule names it. So the walk runs once per distinct key and scope (at 1.5M recognitions: a few thousand
-- keys instead of 0.45M exemplars), and each exemplar takes its key's result.
CREATE TEMP TABLE movable_keyed AS
WITH RECURSIVE movable_exemplars AS (
  SELECT e.id, e.code, e.movement_no::VARCHAR AS movement_key, e.unit_key, e.agency_code
  FROM set_exemplars e
  WHERE e.id IN (SELECT exemplar_id FROM fact_base WHERE movable)
),
-- the agencies an exemplar of each agency can pass through, itself included (any scope)
reach(agency_code, passes) AS (
  SELECT DISTINCT agency_code, agency_code FROM movable_exemplars
  UNION
  SELECT r.agency_code, s.successor_code FROM reach r JOIN agency_successions s ON s.predecessor_code = r.passes
),
-- the commune names of the commune rules on those agencies, folded and padded, so a commune
-- matches as whole words: a unit is checked only against the communes its exemplar can reach
reachable_communes AS (
  SELECT DISTINCT r.agency_code, ' ' || fold_key(v) || ' ' AS w
  FROM reach r
  JOIN agency_successions s ON s.predecessor_code = r.passes AND s.takes_by = 'commune'
  CROSS JOIN unnest(s.takes_values) t(v)
  WHERE fold_key(v) <> ''
),
-- each distinct unit, folded (exemplars.unit_key = fold_key(unit), stored at ingest) and padded
units AS (
  SELECT u.unit_key, u.agency_code, ' ' || u.unit_key || ' ' AS unit_words
  FROM (SELECT DISTINCT unit_key, agency_code FROM movable_exemplars) u
  WHERE u.agency_code IN (SELECT agency_code FROM reachable_communes)
),
unit_hits AS (
  SELECT u.unit_key, u.agency_code, list_sort(list(c.w)) AS hits
  FROM units u JOIN reachable_communes c ON c.agency_code = u.agency_code AND contains(u.unit_words, c.w)
  GROUP BY u.unit_key, u.agency_code
),
listed_codes AS (
  SELECT DISTINCT v AS code FROM agency_successions s, unnest(s.takes_values) t(v) WHERE s.takes_by = 'list'
)
SELECT m.id AS exemplar_id, m.agency_code, m.movement_key, coalesce(h.hits, []) AS hits, l.code AS listed,
       dense_rank() OVER (ORDER BY m.agency_code, m.movement_key, coalesce(h.hits, []), l.code) AS key_id
FROM movable_exemplars m
LEFT JOIN unit_hits h ON h.unit_key = m.unit_key AND h.agency_code = m.agency_code
LEFT JOIN listed_codes l ON l.code = m.code;

-- The scopes each walked exemplar starts in: the plans it is recognised under, and each
-- succession date on or before which its agency became a predecessor.
CREATE TEMP TABLE exemplar_starts AS
SELECT DISTINCT 'plan:' || coalesce(f.plan_code::VARCHAR, '') AS scope, f.exemplar_id, k.key_id
FROM fact_base f JOIN movable_keyed k ON k.exemplar_id = f.exemplar_id
UNION ALL
SELECT 'date:' || d.effective_date::VARCHAR, k.exemplar_id, k.key_id
FROM movable_keyed k
JOIN (SELECT DISTINCT d.effective_date, s.predecessor_code
      FROM succession_dates d JOIN agency_successions s ON s.effective_date <= d.effective_date) d
  ON d.predecessor_code = k.agency_code;

-- The walk, once per scope and placement key.
CREATE TEMP TABLE key_placement AS
WITH RECURSIVE plan_rules AS (
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
         -- a commune rule's names folded once, padded like the units' words
         list_transform(list_filter(r.takes_values, lambda v: fold_key(v) <> ''), lambda v: ' ' || fold_key(v) || ' ') AS communes
  FROM scoped_rules r
),
starts AS (
  SELECT DISTINCT s.scope, k.key_id, k.agency_code, k.movement_key, k.hits, k.listed
  FROM (SELECT DISTINCT scope, key_id FROM exemplar_starts) s
  JOIN (SELECT DISTINCT key_id, agency_code, movement_key, hits, listed FROM movable_keyed) k ON k.key_id = s.key_id
),
placed(scope, key_id, listed, movement_key, hits, agency_code, route, steps) AS (
  SELECT scope, key_id, listed, movement_key, hits, agency_code, [agency_code], []::VARCHAR[]
  FROM starts
  UNION ALL
  SELECT p.scope, p.key_id, p.listed, p.movement_key, p.hits, r.successor_code,
         list_append(p.route, r.successor_code),
         -- priority, then for 'all' the newest succession first, then the successor's code
         list_append(p.steps, r.priority::VARCHAR || ':' || (99999999 - r.effective::INTEGER)::VARCHAR || ':' || r.successor_code)
  FROM placed p JOIN rules r ON r.scope = p.scope AND r.predecessor_code = p.agency_code
  WHERE len(p.route) <= 20
    AND (r.successors = 1
         OR r.takes_by IN ('all', 'rest')
         OR (r.takes_by = 'list' AND list_contains(r.takes_values, p.listed))
         OR (r.takes_by = 'movement' AND list_contains(r.takes_values, p.movement_key))
         OR (r.takes_by = 'commune' AND len(list_intersect(r.communes, p.hits)) > 0))
),
-- A route ends where no rule moves the key on: no route is it plus one step. (Every longer
-- route was built one step at a time, so this is "no longer route starts with it", as an
-- anti-join on equal lists instead of a prefix compare between every pair of routes.)
ends AS (
  SELECT p.* FROM placed p
  ANTI JOIN (SELECT scope, key_id, route[1:len(route) - 1] AS parent FROM placed WHERE len(route) > 1) q
    ON q.scope = p.scope AND q.key_id = p.key_id AND q.parent = p.route
),
chosen AS (
  SELECT scope, key_id, arg_min(agency_code, steps) AS agency_code, arg_min(route, steps) AS route
  FROM ends
  GROUP BY scope, key_id
)
SELECT c.scope, c.key_id, c.agency_code, c.route,
       -- stopped at an agency with successions in the scope, no rule placing it
       EXISTS (SELECT 1 FROM rules r WHERE r.scope = c.scope AND r.predecessor_code = c.agency_code) AS unplaced
FROM chosen c;

-- Each walked exemplar in each of its scopes.
CREATE TEMP TABLE exemplar_placement AS
SELECT s.scope, s.exemplar_id, p.agency_code, p.route, p.unplaced
FROM exemplar_starts s JOIN key_placement p ON p.scope = s.scope AND p.key_id = s.key_id;

-- The roll-up, per exemplar and plan it is recognised under (rollup=true): the walked exemplars'
-- plan scopes, and every other exemplar where it was recorded.
INSERT INTO exemplar_rollup
SELECT x.exemplar_id, nullif(substr(x.scope, 6), '') AS plan_code, x.agency_code, x.route, x.unplaced
FROM exemplar_placement x
WHERE starts_with(x.scope, 'plan:')
UNION ALL
SELECT exemplar_id, plan_code::VARCHAR, agency_code::VARCHAR, [agency_code::VARCHAR], false
FROM (SELECT DISTINCT exemplar_id, plan_code, recorded_agency_code AS agency_code FROM fact_base WHERE NOT movable);

-- The organisation in force on each succession date D (as_of): where every exemplar of an
-- agency that was a predecessor on or before D is, moved or not (those not moved are the
-- unplaced). Every other exemplar is where it was recorded, so it has no row: a request joins
-- the rows of one D (the latest on or before as_of) to the fact table, and has nothing to
-- recompute.
INSERT INTO exemplar_place_at
SELECT CAST(substr(x.scope, 6) AS DATE) AS effective_date, x.exemplar_id,
       x.agency_code::agency_code_t AS agency_code, a.bloc_code::bloc_code_t AS bloc_code, x.route, x.unplaced
FROM exemplar_placement x
JOIN agencies a ON a.code = x.agency_code
WHERE starts_with(x.scope, 'date:')
ORDER BY effective_date, exemplar_id;

-- Per placement key: its agency and bloc on each succession date, oldest date first (NULL: where
-- it was recorded). Few keys differ in that sequence (the agencies a predecessor's exemplars
-- can end in), so the distinct sequences are numbered as place patterns and the fact table
-- holds only the pattern's number: a request with as_of takes each pattern's agency at the
-- chosen date as one short list, and reads element [place_pattern] of it per recognition. No
-- join on each request (a join with the placement built a hash table of up to every walked
-- exemplar), and 4 bytes a row instead of two lists. Every walked exemplar has a row on at
-- least one date (its agency's own succession), so every key has a sequence.
CREATE TEMP TABLE key_place_lists AS
WITH dates AS (
  SELECT effective_date, row_number() OVER (ORDER BY effective_date) AS k FROM succession_dates
),
placed_at AS (
  SELECT CAST(substr(p.scope, 6) AS DATE) AS effective_date, p.key_id,
         p.agency_code::agency_code_t AS agency_code, a.bloc_code::bloc_code_t AS bloc_code
  FROM key_placement p JOIN agencies a ON a.code = p.agency_code
  WHERE starts_with(p.scope, 'date:')
),
slots AS (
  SELECT e.key_id, d.k, x.agency_code, x.bloc_code
  FROM (SELECT DISTINCT key_id FROM placed_at) e
  CROSS JOIN dates d
  LEFT JOIN placed_at x ON x.key_id = e.key_id AND x.effective_date = d.effective_date
),
sequences AS (
  -- sorted by k as structs (an ordered aggregate was several times slower)
  SELECT key_id, list_sort(list({'k': k, 'agency': agency_code, 'bloc': bloc_code})) AS slots
  FROM slots
  GROUP BY key_id
)
SELECT key_id, list_transform(slots, s -> s.agency) AS agency_at, list_transform(slots, s -> s.bloc) AS bloc_at
FROM sequences;

-- Patterns already numbered keep their number (a refresh adds only new sequences after them).
INSERT INTO place_patterns
SELECT ((SELECT coalesce(max(place_pattern), 0) FROM place_patterns) + row_number() OVER (ORDER BY agency_at, bloc_at))::INTEGER,
       agency_at, bloc_at
FROM (SELECT DISTINCT agency_at, bloc_at FROM key_place_lists) l
WHERE NOT EXISTS (SELECT 1 FROM place_patterns pp
                  WHERE pp.agency_at IS NOT DISTINCT FROM l.agency_at AND pp.bloc_at IS NOT DISTINCT FROM l.bloc_at);

-- Each walked exemplar's place pattern, through its key.
CREATE TEMP TABLE exemplar_pattern AS
SELECT k.exemplar_id, pp.place_pattern
FROM movable_keyed k
JOIN (SELECT l.key_id, pp.place_pattern
      FROM key_place_lists l
      JOIN place_patterns pp ON pp.agency_at IS NOT DISTINCT FROM l.agency_at AND pp.bloc_at IS NOT DISTINCT FROM l.bloc_at) pp
  ON pp.key_id = k.key_id;

-- Where the roll-up places each walked exemplar under each plan it is recognised under ('' for
-- no plan, so the join below is a plain equality).
CREATE TEMP TABLE exemplar_rolled AS
SELECT x.exemplar_id, substr(x.scope, 6) AS plan_key, x.agency_code::agency_code_t AS agency_code, a.bloc_code::bloc_code_t AS bloc_code
FROM exemplar_placement x JOIN agencies a ON a.code = x.agency_code
WHERE starts_with(x.scope, 'plan:');

-- The set's rows of fact_recognitions, kept apart until checked and grouped below.
CREATE TEMP TABLE set_facts AS
SELECT f.recognition_id, f.exemplar_id, f.year, f.form, f.kind, f.category, f.movement_no, f.stage,
       f.recorded_agency_code, f.recorded_bloc_code,
       -- the roll-up: where the walk placed the exemplar under this plan; unwalked: as recorded
       CASE WHEN f.movable THEN x.agency_code ELSE f.recorded_agency_code END AS rollup_agency_code,
       CASE WHEN f.movable THEN x.bloc_code ELSE f.recorded_bloc_code END AS rollup_bloc_code,
       f.plan_code,
       -- the organisation in force on each succession date (place_patterns; NULL: as recorded)
       ep.place_pattern,
       -- one recognition of each exemplar and year (an exemplar has at most one a form and
       -- year): a count by year of these is a count of distinct exemplars, with no DISTINCT
       row_number() OVER (PARTITION BY f.exemplar_id, f.year ORDER BY f.form) = 1 AS first_in_year
FROM fact_base f
LEFT JOIN exemplar_rolled x ON x.exemplar_id = f.exemplar_id AND x.plan_key = coalesce(f.plan_code::VARCHAR, '')
LEFT JOIN exemplar_pattern ep ON ep.exemplar_id = f.exemplar_id
WHERE f.committed;

INSERT INTO fact_recognitions SELECT * FROM set_facts;

-- The exemplar-level facts behind the per-exemplar counts (counted_exemplars): one row per
-- exemplar and plan with its attributes and, per form, the years it was recognised in as bits
-- of a UBIGINT (bit i: year base + i). A count of exemplars is then a count of rows whose years
-- meet the selected ones, and a count of recognitions a sum of bit counts: no GROUP BY
-- exemplar_id over the recognitions on each request (at 1.5M recognitions, the hash of 1M
-- exemplars was most of the first screen's time). An exemplar's recognitions all lie in its
-- plan's period (the upload path assigns the plan by year), and every form it can have is
-- one of the form vocabulary's two codes: both are checked here, and the build fails loudly
-- rather than give counts that would be wrong.
SELECT CASE WHEN count(*) > 0 THEN error('fact_exemplars: a recognised year outside the 64 years from fact_year_base') END
FROM set_facts f, fact_year_base b
WHERE f.year < b.base OR f.year - b.base >= 64
UNION ALL
SELECT CASE WHEN count(*) > 0 THEN error('fact_exemplars: a form other than cong_nhan_dhtt and bang_khen_ubnd') END
FROM set_facts WHERE form::VARCHAR NOT IN ('cong_nhan_dhtt', 'bang_khen_ubnd');

CREATE TEMP TABLE set_exemplar_facts AS
SELECT f.exemplar_id, f.plan_code,
       any_value(f.kind) AS kind, any_value(f.category) AS category, any_value(f.movement_no) AS movement_no, any_value(f.stage) AS stage,
       any_value(f.recorded_agency_code) AS recorded_agency_code, any_value(f.recorded_bloc_code) AS recorded_bloc_code,
       any_value(f.rollup_agency_code) AS rollup_agency_code, any_value(f.rollup_bloc_code) AS rollup_bloc_code,
       any_value(f.place_pattern) AS place_pattern,
       coalesce(bit_or(1::UBIGINT << (f.year - b.base)::UBIGINT) FILTER (WHERE f.form = 'cong_nhan_dhtt'), 0::UBIGINT) AS years_cong_nhan_dhtt,
       coalesce(bit_or(1::UBIGINT << (f.year - b.base)::UBIGINT) FILTER (WHERE f.form = 'bang_khen_ubnd'), 0::UBIGINT) AS years_bang_khen_ubnd
FROM set_facts f, fact_year_base b
GROUP BY f.exemplar_id, f.plan_code;

SELECT CASE WHEN count(*) > 0 THEN error('fact_exemplars: an exemplar recognised under two plans') END
FROM (SELECT exemplar_id FROM set_exemplar_facts GROUP BY exemplar_id HAVING count(*) > 1);

INSERT INTO fact_exemplars SELECT * FROM set_exemplar_facts;

DROP TABLE exemplar_placement;
DROP TABLE exemplar_rolled;
DROP TABLE exemplar_pattern;
DROP TABLE key_place_lists;
DROP TABLE key_placement;
DROP TABLE exemplar_starts;
DROP TABLE movable_keyed;
DROP TABLE fact_base;
DROP TABLE set_facts;
DROP TABLE set_exemplar_facts;
