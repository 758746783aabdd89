import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, FORMS, KINDS, STAGES } from '../../ingest/catalogue/vocabulary.ts';
import { quoteLiteral } from '../../ingest/store/sqlLiteral.ts';
import { QUERIES_DIR } from './loadQueryCatalog.ts';

/**
 * Vocabulary labels as table macros (code, label, ord), generated from vocabulary.ts so the
 * Vietnamese labels have one source. Values are our own constants, quoted by the one helper.
 */
function labelMacro(name: string, labels: Record<string, string>): string {
  const rows = Object.entries(labels).map(([code, label], i) => `(${quoteLiteral(code)}, ${quoteLiteral(label)}, ${i + 1})`);
  return `CREATE OR REPLACE TEMP MACRO ${name}() AS TABLE SELECT * FROM (VALUES ${rows.join(', ')}) t(code, label, ord);`;
}

/**
 * Statements run on every reporting connection before any query (TEMP: the snapshot is
 * read-only): the label macros, then queries/shared/*.sql in file-name order. DuckDB binds a
 * macro when it is created, so the numbered files go in dependency order: agency macros, the
 * fact table built from them, then the macros that read the fact table.
 */
export function reportingMacroStatements(dir: string = join(QUERIES_DIR, 'shared')): string[] {
  const shared = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  return [
    labelMacro('kind_labels', KINDS),
    labelMacro('category_labels', CATEGORIES),
    labelMacro('stage_labels', STAGES),
    labelMacro('form_labels', FORMS),
    ...shared,
  ];
}
