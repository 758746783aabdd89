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

-- Where the roll-up places each EXEMPLAR, per plan it is recognised under (docs/plans-and-
-- organisation.md, "Splits"): from its agency along the successions followed for that plan's
-- period (followed_successions; a year no plan covers follows them all). A predecessor with one
-- successor hands it everything; with several, the first rule that places the exemplar wins, in
-- the order list (its code), movement (its movement key), commune (its unit names the commune,
-- folded, as whole words), rest; 'all' beside others comes last, newest first. An exemplar no
-- rule places stays where it is: `unplaced` (listed by unplaced_exemplars.sql). Every choice is
-- kept as a sortable step, so among the routes of an exemplar the one whose first differing
-- step is the better rule wins; route holds the agencies passed (succession_totals.sql).
CREATE TEMP TABLE exemplar_rollup AS
WITH RECURSIVE exemplar_plans AS (
  SELECT DISTINCT r.exemplar_id, p.code AS plan_code, p.first_year, p.last_year
  FROM recognitions r
  JOIN exemplars e ON e.id = r.exemplar_id
  JOIN agencies a ON a.code = e.agency_code
  LEFT JOIN plans p ON p.province = a.province AND r.year BETWEEN p.first_year AND p.last_year
),
plan_rules AS (
  SELECT p.code AS plan_code, s.* FROM plans p, agency_successions s
  WHERE s.predecessor_code || '>' || s.successor_code IN (
    SELECT f.predecessor_code || '>' || f.successor_code FROM followed_successions(p.first_year, p.last_year) f)
),
rules AS (
  SELECT r.*, count(*) OVER (PARTITION BY r.plan_code, r.predecessor_code) AS successors,
         CASE r.takes_by WHEN 'list' THEN 1 WHEN 'movement' THEN 2 WHEN 'commune' THEN 3 WHEN 'rest' THEN 4 ELSE 5 END AS priority,
         strftime(r.effective_date, '%Y%m%d') AS effective
  FROM (SELECT * FROM plan_rules UNION ALL SELECT NULL, * FROM agency_successions) r
),
placed(exemplar_id, plan_code, code, movement_key, unit_words, agency_code, route, steps) AS (
  SELECT e.id, ep.plan_code, e.code, e.movement_no::VARCHAR, ' ' || fold_key(e.unit) || ' ', e.agency_code, [e.agency_code], []::VARCHAR[]
  FROM exemplars e JOIN exemplar_plans ep ON ep.exemplar_id = e.id
  UNION ALL
  SELECT p.exemplar_id, p.plan_code, p.code, p.movement_key, p.unit_words, r.successor_code,
         list_append(p.route, r.successor_code),
         -- priority, then for 'all' the newest succession first, then the successor's code
         list_append(p.steps, r.priority::VARCHAR || ':' || (99999999 - r.effective::INTEGER)::VARCHAR || ':' || r.successor_code)
  FROM placed p JOIN rules r ON r.predecessor_code = p.agency_code AND r.plan_code IS NOT DISTINCT FROM p.plan_code
  WHERE len(p.route) <= 20
    AND (r.successors = 1
         OR r.takes_by IN ('all', 'rest')
         OR (r.takes_by = 'list' AND list_contains(r.takes_values, p.code))
         OR (r.takes_by = 'movement' AND list_contains(r.takes_values, p.movement_key))
         OR (r.takes_by = 'commune' AND len(list_filter(r.takes_values, lambda v: fold_key(v) <> '' AND contains(p.unit_words, ' ' || fold_key(v) || ' '))) > 0))
),
-- A route ends where no rule moves the exemplar on: routes that no longer route extends.
ends AS (
  SELECT * FROM placed
  WHERE NOT EXISTS (SELECT 1 FROM placed q
                    WHERE q.exemplar_id = placed.exemplar_id AND q.plan_code IS NOT DISTINCT FROM placed.plan_code
                      AND len(q.route) > len(placed.route) AND q.route[1:len(placed.route)] = placed.route)
),
chosen AS (
  SELECT exemplar_id, plan_code, arg_min(agency_code, steps) AS agency_code, arg_min(route, steps) AS route
  FROM ends
  GROUP BY exemplar_id, plan_code
)
SELECT c.exemplar_id, c.plan_code, c.agency_code, c.route,
       -- stopped at an agency with successions followed for its plan, no rule placing it
       EXISTS (SELECT 1 FROM rules r WHERE r.predecessor_code = c.agency_code AND r.plan_code IS NOT DISTINCT FROM c.plan_code) AS unplaced
FROM chosen c;

CREATE TEMP TABLE fact_recognitions AS
SELECT r.id AS recognition_id, r.exemplar_id, r.year, r.form::form_t AS form,
       e.kind::kind_t AS kind, e.category::category_t AS category, e.movement_no, e.stage::stage_t AS stage,
       e.agency_code::agency_code_t AS recorded_agency_code, a.bloc_code::bloc_code_t AS recorded_bloc_code,
       x.agency_code::agency_code_t AS rollup_agency_code, rolled.bloc_code::bloc_code_t AS rollup_bloc_code,
       -- the plan of the exemplar's agency's province whose period covers the year (NULL: none)
       p.code::plan_code_t AS plan_code
FROM recognitions r
JOIN ingest_batches b ON b.id = r.batch_id AND b.status = 'committed'
JOIN exemplars e ON e.id = r.exemplar_id
JOIN agencies a ON a.code = e.agency_code
LEFT JOIN plans p ON p.province = a.province AND r.year BETWEEN p.first_year AND p.last_year
JOIN exemplar_rollup x ON x.exemplar_id = e.id AND x.plan_code IS NOT DISTINCT FROM p.code
JOIN agencies rolled ON rolled.code = x.agency_code;
