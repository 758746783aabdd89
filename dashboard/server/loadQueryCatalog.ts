import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQueryFile } from './parseQueryFile.ts';
import type { QueryDefinition } from './queryDefinition.ts';

import { QUERIES_DIR } from '../../contracts/snapshotTables.ts';

export { QUERIES_DIR };

/**
 * Reads every queries/*.sql (not the shared/ macros). A malformed header is a programming
 * error: it throws at start-up rather than answering 500s later.
 */
export function loadQueryCatalog(dir: string = QUERIES_DIR): Map<string, QueryDefinition> {
  const catalog = new Map<string, QueryDefinition>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const parsed = parseQueryFile(file.slice(0, -4), readFileSync(join(dir, file), 'utf8'));
    if ('code' in parsed) throw new Error(parsed.message);
    catalog.set(parsed.name, parsed);
  }
  return catalog;
}
