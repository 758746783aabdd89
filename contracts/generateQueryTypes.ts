/**
 * Writes contracts/queries.generated.ts: each named query's parameters and answer columns as
 * TypeScript types, so a page that reads a column its query lacks fails the type-check.
 *
 *   npx tsx contracts/generateQueryTypes.ts          (writes the file)
 *
 * Names, parameters and column order come from the queries' headers, read by the reporting
 * service's own parser (loadQueryCatalog). A header does not say a column's type, so each
 * query is run the way the service runs it (an empty database, migrated, published as a
 * snapshot, opened by openSnapshot, the parameters bound by bindNamedQuery) and its result
 * types are mapped the way the service maps them before encoding Arrow (resultShape): no
 * column can be typed otherwise than it travels. A build tool, not a contract: the generated
 * file imports nothing, so the app never depends on the server or DuckDB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { openSnapshot } from '../dashboard/server/openSnapshot.ts';
import { bindNamedQuery } from '../dashboard/server/runNamedQuery.ts';
import { resultShape } from '../dashboard/server/readResultColumns.ts';
import type { ColumnKind } from '../dashboard/server/queryResult.ts';
import type { ParamDeclaration, ParamValue, QueryDefinition } from '../dashboard/server/queryDefinition.ts';

export const GENERATED_PATH = fileURLToPath(new URL('./queries.generated.ts', import.meta.url));

/** What the app holds after decoding (apache-arrow `vector.get`, `row.toJSON()`). */
const TS_TYPE: Record<ColumnKind, string> = {
  integer: 'number', // Int32
  double: 'number', // Float64 (the service turns BIGINT/DECIMAL into Float64: never a BigInt)
  string: 'string', // Utf8 or Dictionary<Utf8>
  boolean: 'boolean',
  date: 'number', // Date<MILLISECOND>: epoch milliseconds, UTC
  timestamp: 'number', // Timestamp<MILLISECOND>: epoch milliseconds, UTC
};

function paramType(p: ParamDeclaration): string {
  switch (p.type.kind) {
    case 'INTEGER':
      return 'number';
    case 'BOOLEAN':
      return 'boolean';
    case 'ENUM':
      return p.type.values.map((v) => `'${v}'`).join(' | ');
    default:
      return 'string'; // CODE, TEXT, DATE (YYYY-MM-DD)
  }
}

/** A value the parameter accepts, to run the query once (its answer is empty anyway). */
function sampleValue(p: ParamDeclaration): ParamValue {
  if (!p.required) return p.default;
  switch (p.type.kind) {
    case 'INTEGER':
      return Math.min(Math.max(1, p.type.min), p.type.max);
    case 'BOOLEAN':
      return false;
    case 'ENUM':
      return p.type.values[0]!;
    case 'DATE':
      return '2025-01-01';
    default:
      return 'A';
  }
}

export interface QueryTypes {
  name: string;
  params: ParamDeclaration[];
  columns: Array<{ name: string; label: string; kind: ColumnKind }>;
}

/** Each query's declared columns with the kind they travel as, in catalogue (file) order. */
export async function readQueryTypes(catalog: Map<string, QueryDefinition> = loadQueryCatalog()): Promise<QueryTypes[]> {
  const dir = mkdtempSync(join(tmpdir(), 'query-types-'));
  try {
    const dbPath = join(dir, 'exemplars.duckdb');
    const db = await openDatabase(dbPath, { threads: 1 });
    let manifest: Awaited<ReturnType<typeof publishSnapshot>>;
    try {
      await migrate(db.connection);
      manifest = await publishSnapshot(db.connection, dbPath, dir);
    } finally {
      db.close();
    }
    const snapshot = await openSnapshot(join(dir, 'snapshots', manifest.file), manifest, 1);
    try {
      return await snapshot.withConnection(async (pooled) => {
        const out: QueryTypes[] = [];
        for (const def of catalog.values()) {
          const values = Object.fromEntries(def.params.map((p) => [p.name, sampleValue(p)]));
          const statement = await bindNamedQuery(pooled, def, values);
          const { names, kinds } = resultShape(await statement.runAndReadAll());
          const declared = def.columns.map((c) => c.name);
          if (names.join(',') !== declared.join(',')) {
            throw new Error(
              `${def.name}.sql: the answer's columns (${names.join(', ')}) are not the declared @column list (${declared.join(', ')})`,
            );
          }
          out.push({
            name: def.name,
            params: def.params,
            columns: def.columns.map((c, i) => ({ name: c.name, label: c.label, kind: kinds[i]! })),
          });
        }
        return out;
      });
    } finally {
      snapshot.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const doc = (text: string): string => `/** ${text.replace(/\*\//g, '*\\/')} */`;

/** The text of contracts/queries.generated.ts. */
export function renderQueryTypes(queries: QueryTypes[]): string {
  const lines: string[] = [
    '// Generated by contracts/generateQueryTypes.ts from the headers of queries/*.sql and the types',
    '// of their answers as the reporting service sends them (Arrow). Do not edit: regenerate with',
    '// `npx tsx contracts/generateQueryTypes.ts`. test/contracts-query-types.test.ts fails when stale.',
    '',
    '/** How a column travels in Arrow: integer Int32, double Float64, string Utf8 (or a dictionary of',
    ' *  Utf8), boolean Bool, date Date<MILLISECOND>, timestamp Timestamp<MILLISECOND>. */',
    "export type ColumnKind = 'integer' | 'double' | 'string' | 'boolean' | 'date' | 'timestamp';",
    '',
    '/** The JS value of a cell of each kind once decoded: dates and timestamps are epoch milliseconds',
    ' *  (UTC), never Date objects; no kind decodes to a BigInt. */',
    'export interface ColumnValue {',
    ...(Object.entries(TS_TYPE) as [ColumnKind, string][]).map(([kind, ts]) => `  ${kind}: ${ts};`),
    '}',
    '',
    'export const QUERY_NAMES = [',
    ...queries.map((q) => `  '${q.name}',`),
    '] as const;',
    '',
    'export type QueryName = (typeof QUERY_NAMES)[number];',
    '',
    "/** Each query's columns, in answer order, by the kind they travel as. */",
    'export interface QueryColumnKinds {',
  ];
  for (const q of queries) {
    lines.push(`  ${q.name}: {`);
    for (const c of q.columns) lines.push(`    ${c.name}: '${c.kind}';`);
    lines.push('  };');
  }
  lines.push('}', '');
  lines.push(
    "/** A row of each query's answer. Every column may be null: a header does not say which cannot,",
    ' *  and DuckDB does not either. */',
    'export interface QueryRows {',
  );
  for (const q of queries) {
    lines.push(`  ${q.name}: {`);
    for (const c of q.columns) lines.push(`    ${doc(c.label)}`, `    ${c.name}: ${TS_TYPE[c.kind]} | null;`);
    lines.push('  };');
  }
  lines.push('}', '');
  lines.push(
    '/** The parameters each query declares: optional when the header gives a default (NULL, a value',
    " *  or the snapshot's period), required otherwise. DATE is text, YYYY-MM-DD. */",
    'export interface QueryParamsMap {',
  );
  for (const q of queries) {
    if (q.params.length === 0) {
      lines.push(`  ${q.name}: Record<string, never>;`);
      continue;
    }
    lines.push(`  ${q.name}: {`);
    for (const p of q.params) {
      lines.push(
        `    ${doc(`${p.typeText}${p.required ? '' : ` = ${p.defaultFrom ?? (p.default === null ? 'NULL' : String(p.default))}`}: ${p.label}`)}`,
      );
      lines.push(p.required ? `    ${p.name}: ${paramType(p)};` : `    ${p.name}?: ${paramType(p)} | null;`);
    }
    lines.push('  };');
  }
  lines.push('}', '');
  lines.push(
    'export type QueryRow<N extends QueryName> = QueryRows[N];',
    'export type QueryColumn<N extends QueryName> = keyof QueryRows[N] & string;',
    'export type QueryParams<N extends QueryName> = QueryParamsMap[N];',
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const queries = await readQueryTypes();
  writeFileSync(GENERATED_PATH, renderQueryTypes(queries));
  console.log(`wrote ${GENERATED_PATH} (${queries.length} queries)`);
}
