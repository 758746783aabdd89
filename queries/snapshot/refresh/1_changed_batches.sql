-- A refresh (contracts/refreshSnapshotTables.ts) turns the reader's copy of the previous snapshot
-- (main, with its reporting tables) into the new snapshot (fresh, attached READ_ONLY) by
-- replacing the rows of the exemplars that changed (2_changed_exemplars.sql) and recomputing
-- their reporting rows. A catalogue change, a migration or any other difference in the
-- organisation makes a full build instead.
-- The batches added, removed or changed (status) since the previous snapshot.
CREATE TEMP TABLE changed_batches AS
(SELECT * FROM fresh.ingest_batches EXCEPT ALL SELECT * FROM main.ingest_batches)
UNION ALL
(SELECT * FROM main.ingest_batches EXCEPT ALL SELECT * FROM fresh.ingest_batches);
