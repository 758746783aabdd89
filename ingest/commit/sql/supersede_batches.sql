-- Parameters: $agency, $year, $batch.
UPDATE ingest_batches SET status = 'superseded', superseded_by = $batch
-- The demo data's batches are agency-year lists too: a real upload supersedes them.
WHERE kind IN ('recognitions', 'demo') AND agency_code = $agency AND year = $year AND status = 'committed' AND id <> $batch;
