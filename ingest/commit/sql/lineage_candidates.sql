-- Whether any exemplar could be continued by this list (the agency's exemplars of other
-- periods, or any of its predecessors'): when none, lineage.sql is skipped (a first list).
-- Parameters: $agency, $plan.
WITH RECURSIVE predecessors(code, depth) AS (
  SELECT $agency::VARCHAR, 0
  UNION ALL
  SELECT s.predecessor_code, p.depth + 1 FROM agency_successions s JOIN predecessors p ON s.successor_code = p.code WHERE p.depth < 20
)
SELECT EXISTS (
  SELECT 1 FROM exemplars e
  WHERE e.agency_code IN (SELECT code FROM predecessors) AND NOT (e.agency_code = $agency AND e.plan_code = $plan)
) AS any;
