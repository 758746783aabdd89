-- A plan or congress registered again: its earlier registration stays in the audit as superseded.
-- Parameters: $old, $new.
UPDATE ingest_batches SET status = 'superseded', superseded_by = $new
WHERE id = $old AND status = 'committed';
