-- The new exemplars that continue an earlier line (lineage.sql) take that line's id.
UPDATE exemplars SET lineage_id = l.lineage_id
FROM upload_lineage l JOIN upload_new_ids i ON i.rep = l.rep
WHERE exemplars.id = i.id;
