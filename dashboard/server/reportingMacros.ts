import { connectionStatements } from '../../contracts/snapshotTables.ts';

/**
 * Statements run on every reporting connection before any query (TEMP: the snapshot is
 * read-only): queries/shared/*.sql in number order. DuckDB binds a macro when it is created,
 * so the files go in dependency order: the label macros (read from the snapshot's vocabulary
 * table), the agency macros, then the macros that read the reporting tables (built once
 * per snapshot into the reader's private copy: contracts/snapshotTables.ts).
 */
export function reportingMacroStatements(queriesDir?: string): string[] {
  return connectionStatements(queriesDir);
}
