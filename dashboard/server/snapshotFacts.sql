-- What the reporting service learns of a snapshot when it opens it (snapshotFacts.ts): the
-- ranges and defaults of the query parameters, the codes a request may name, and the labels.
-- Runs after queries/shared/*.sql on the connection (it reads fact_recognitions).
WITH newest AS (
  -- the latest period with data: the plan covering the newest recognised year; else the newest plan
  SELECT p.first_year, p.last_year
  FROM (SELECT max(year) AS year FROM fact_recognitions WHERE plan_code IS NOT NULL) n
  JOIN fact_recognitions f ON f.year = n.year
  JOIN plans p ON p.code = f.plan_code::VARCHAR
  ORDER BY p.code
  LIMIT 1
),
latest_plan AS (
  SELECT first_year, last_year FROM plans ORDER BY last_year DESC, first_year DESC, code LIMIT 1
)
SELECT
  (SELECT min(first_year) FROM plans)::INTEGER AS year_min,
  (SELECT max(last_year) FROM plans)::INTEGER AS year_max,
  (SELECT min(year) FROM fact_recognitions)::INTEGER AS recognised_min,
  (SELECT max(year) FROM fact_recognitions)::INTEGER AS recognised_max,
  (SELECT min(no) FROM movements)::INTEGER AS movement_min,
  (SELECT max(no) FROM movements)::INTEGER AS movement_max,
  coalesce((SELECT first_year FROM newest), (SELECT first_year FROM latest_plan))::INTEGER AS period_first,
  coalesce((SELECT last_year FROM newest), (SELECT last_year FROM latest_plan))::INTEGER AS period_last,
  coalesce((SELECT list(code ORDER BY first_year, code) FROM plans), []) AS plans,
  coalesce((SELECT list(code ORDER BY held_on DESC NULLS LAST, code DESC) FROM congresses), []) AS congresses,
  coalesce((SELECT list({'code': code, 'name': name} ORDER BY code) FROM agencies), []) AS agencies,
  coalesce((SELECT list({'list': list, 'code': code, 'label': label} ORDER BY list, ord) FROM vocabulary), []) AS vocabulary;
