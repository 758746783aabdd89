-- A refresh (contracts/refreshSnapshotTables.ts) turns the reader's copy of the previous snapshot
-- (main, with its reporting tables) into the new snapshot (fresh, attached READ_ONLY) by
-- replacing the rows of the agencies whose batches changed. Every change the ingest service
-- makes to exemplars and recognitions comes with a batch of the agency they belong to: the
-- commit replaces and adds rows of the batch's agency only (ingest/commit/sql; matching stays
-- within the agency, ingest/validate/sql/accepted_rows.sql). A catalogue change, a migration
-- or any other difference in the organisation makes a full build instead.
-- The batches added, removed or changed (status) since the previous snapshot.
CREATE TEMP TABLE changed_batches AS
(SELECT * FROM fresh.ingest_batches EXCEPT ALL SELECT * FROM main.ingest_batches)
UNION ALL
(SELECT * FROM main.ingest_batches EXCEPT ALL SELECT * FROM fresh.ingest_batches);
