-- Known exemplars take the movement, category and stage of their newest recognition year.
-- Parameters: $year.
UPDATE exemplars e SET movement_no = u.movement_no, category = u.category, stage = u.stage
FROM (SELECT o.exemplar_id, n.movement_no, n.category, n.stage FROM upload_ok o JOIN upload_norm n USING (src_row) WHERE o.exemplar_id IS NOT NULL) u
WHERE u.exemplar_id = e.id
  AND $year >= coalesce((SELECT max(r.year) FROM recognitions r WHERE r.exemplar_id = e.id), 0)
  AND (e.movement_no <> u.movement_no OR e.category <> u.category OR e.stage <> u.stage);
