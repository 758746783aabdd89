import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUERIES_DIR } from './loadQueryCatalog.ts';

/**
 * Statements run on every reporting connection before any query (TEMP: the snapshot is
 * read-only): queries/shared/*.sql in file-name order. DuckDB binds a macro when it is created,
 * so the numbered files go in dependency order: the label macros (read from the snapshot's
 * vocabulary table), agency macros, the fact table built from them, then the macros that read
 * the fact table.
 */
export function reportingMacroStatements(dir: string = join(QUERIES_DIR, 'shared')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}
