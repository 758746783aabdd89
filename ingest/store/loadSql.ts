import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a .sql file that sits beside the calling module (SQL lives in .sql files). */
export function loadSql(moduleUrl: string, relativePath: string): string {
  return readFileSync(fileURLToPath(new URL(relativePath, moduleUrl)), 'utf8');
}
