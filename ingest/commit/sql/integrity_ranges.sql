-- The id ranges that size the bitsets of integrity_proof.sql, and the agency's batches.
-- Parameters: $agency. x_lo..x_hi spans exemplar ids and the exemplar ids recognitions name;
-- rec_lo..rec_hi spans recognition ids. Empty tables give NULL bounds.
SELECT least(min(id), (SELECT min(exemplar_id) FROM recognitions)) AS x_lo,
       greatest(max(id), (SELECT max(exemplar_id) FROM recognitions)) AS x_hi,
       (SELECT min(id) FROM recognitions) AS rec_lo,
       (SELECT max(id) FROM recognitions) AS rec_hi,
       (SELECT list(id ORDER BY id) FROM ingest_batches WHERE agency_code = $agency) AS batches
FROM exemplars;
