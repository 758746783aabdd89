import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * What a snapshot says about itself, read once when it opens (a snapshot never changes): the
 * ranges and defaults the query headers name (`INTEGER[years]`, `= period.first`), the plan and
 * congress codes a request may name, the agencies (for viewer scopes and names) and the
 * vocabulary labels. Nothing here is a constant of the code: all of it is the snapshot's data.
 */
export interface SnapshotFacts {
  /** min(first_year)..max(last_year) of the plans (the recognised years when there is no plan). */
  years: { min: number; max: number };
  /** min..max of movements.no (the movement keys). */
  movements: { min: number; max: number };
  /** The latest period with data: the plan covering the newest recognised year, else the newest plan. */
  period: { first: number; last: number };
  /** Plan codes, oldest period first. */
  plans: string[];
  /** Congress codes, newest first (the default congress is the first). */
  congresses: string[];
  /** Agency code → name. */
  agencies: Map<string, string>;
  /** Vocabulary list → code → label, in the list's order. */
  vocabulary: Map<string, Map<string, string>>;
}

const FACTS_SQL = readFileSync(new URL('./snapshotFacts.sql', import.meta.url), 'utf8');

interface FactsRow {
  year_min: number | null;
  year_max: number | null;
  recognised_min: number | null;
  recognised_max: number | null;
  movement_min: number | null;
  movement_max: number | null;
  period_first: number | null;
  period_last: number | null;
  plans: string[];
  congresses: string[];
  agencies: { code: string; name: string }[];
  vocabulary: { list: string; code: string; label: string }[];
}

/**
 * Reads the facts on a connection that has the reporting macros and the fact table. A snapshot
 * with no plan yet (a database before its catalogue is registered) falls back to the years it
 * has recognitions for, then to the current year, so the service still answers.
 */
export async function readSnapshotFacts(connection: DuckDBConnection): Promise<SnapshotFacts> {
  const row = (await connection.runAndReadAll(FACTS_SQL)).getRowObjectsJson()[0] as unknown as FactsRow;
  const thisYear = new Date().getFullYear();
  const yearMin = row.year_min ?? row.recognised_min ?? thisYear;
  const yearMax = row.year_max ?? row.recognised_max ?? thisYear;
  const vocabulary = new Map<string, Map<string, string>>();
  for (const v of row.vocabulary) {
    if (!vocabulary.has(v.list)) vocabulary.set(v.list, new Map());
    vocabulary.get(v.list)!.set(v.code, v.label);
  }
  return {
    years: { min: Math.min(yearMin, yearMax), max: Math.max(yearMin, yearMax) },
    movements: { min: row.movement_min ?? 0, max: row.movement_max ?? 0 },
    period: { first: row.period_first ?? yearMin, last: row.period_last ?? yearMax },
    plans: row.plans,
    congresses: row.congresses,
    agencies: new Map(row.agencies.map((a) => [a.code, a.name])),
    vocabulary,
  };
}
