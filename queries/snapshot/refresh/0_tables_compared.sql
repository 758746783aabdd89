-- Each table of the new snapshot with its columns, beside the previous snapshot's (NULL: it has
-- no such table). Read by contracts/refreshSnapshotTables.ts, which decides per table.
SELECT f.table_name, f.columns AS fresh_columns, m.columns AS main_columns
FROM (SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS columns
      FROM duckdb_columns() WHERE database_name = 'fresh' AND schema_name = 'main' GROUP BY table_name) f
LEFT JOIN (SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS columns
           FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' GROUP BY table_name) m
  USING (table_name)
ORDER BY f.table_name;
