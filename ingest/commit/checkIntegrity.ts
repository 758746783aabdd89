import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';

const VIOLATIONS = loadSql(import.meta.url, './sql/integrity_violations.sql');

/** One broken rule of the set-wise integrity check: how many keys break it, one example. */
export interface IntegrityViolation {
  rule: string;
  count: number;
  example: string;
}

/** A write that would leave the tables inconsistent; thrown inside the transaction, so it rolls back. */
export class IntegrityError extends Error {
  readonly violations: IntegrityViolation[];
  constructor(violations: IntegrityViolation[]) {
    super(`integrity check refused the commit: ${violations.map((v) => `${v.rule} ×${v.count} (e.g. ${v.example})`).join('; ')}`);
    this.name = 'IntegrityError';
    this.violations = violations;
  }
}

/**
 * Checks what the dropped PRIMARY KEY / UNIQUE / FOREIGN KEY constraints guaranteed (see
 * migrations/002) for one agency, or the whole database with `agency: null`.
 * Call it inside the write transaction, after the inserts and before COMMIT: it throws
 * IntegrityError, which makes `inTransaction` roll everything back.
 */
export async function assertIntegrity(conn: DuckDBConnection, scope: { agency: string | null }): Promise<void> {
  const rows = await queryRows(conn, VIOLATIONS, { agency: scope.agency });
  if (rows.length > 0) throw new IntegrityError(rows.map((r) => ({ rule: String(r.rule), count: Number(r.n), example: String(r.example) })));
}
