-- The line each new exemplar of the list continues (docs/plans-and-organisation.md): an
-- exemplar of this agency in an earlier period, or of one of its predecessors (successions,
-- followed back), with the same code or the same identity (kind, lower(name), lower(unit)).
-- The newest such exemplar's lineage_id wins. Parameters: $agency, $plan.
CREATE OR REPLACE TABLE upload_lineage AS
WITH RECURSIVE predecessors(code, depth) AS (
  SELECT $agency::VARCHAR, 0
  UNION ALL
  SELECT s.predecessor_code, p.depth + 1 FROM agency_successions s JOIN predecessors p ON s.successor_code = p.code WHERE p.depth < 20
), earlier AS (
  SELECT e.id, e.code, e.kind, lower(e.name) AS name_ident, lower(e.unit) AS unit_ident, coalesce(e.lineage_id, e.id) AS lineage_id
  FROM exemplars e
  WHERE e.agency_code IN (SELECT code FROM predecessors) AND NOT (e.agency_code = $agency AND e.plan_code = $plan)
), fresh AS (
  SELECT o.src_row, n.kind, n.code, lower(n.name) AS name_ident, u.unit_ident
  FROM upload_ok o JOIN upload_norm n USING (src_row) JOIN upload_units u USING (unit_id)
  WHERE o.exemplar_id IS NULL AND o.new_rep = o.src_row
), candidates AS (
  SELECT f.src_row, e.id, e.lineage_id FROM fresh f JOIN earlier e ON e.code = f.code
  UNION ALL
  SELECT f.src_row, e.id, e.lineage_id FROM fresh f
  JOIN earlier e ON e.kind = f.kind AND e.name_ident = f.name_ident AND e.unit_ident = f.unit_ident
)
SELECT src_row AS rep, arg_max(lineage_id, id) AS lineage_id FROM candidates GROUP BY src_row;
