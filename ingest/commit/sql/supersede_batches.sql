-- Parameters: $agency, $year, $batch.
UPDATE ingest_batches SET status = 'superseded', superseded_by = $batch
WHERE kind = 'recognitions' AND agency_code = $agency AND year = $year AND status = 'committed' AND id <> $batch;
