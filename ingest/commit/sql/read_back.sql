-- What the batch left in the database, read back before answering 2xx. Parameters: $batch.
SELECT (SELECT count(*) FROM recognitions WHERE batch_id = $batch)::INTEGER AS recognitions,
       (SELECT count(*) FROM ingest_batches WHERE id = $batch AND status = 'committed')::INTEGER AS batches;
