import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';

const SQL = {
  ranges: loadSql(import.meta.url, './sql/integrity_ranges.sql'),
  proof: loadSql(import.meta.url, './sql/integrity_proof.sql'),
  violations: loadSql(import.meta.url, './sql/integrity_violations.sql'),
};

/**
 * Widest id ranges the proof puts in bitsets: 2 MB per bitset over exemplar ids (up to one per
 * year and form), 8 MB over recognition ids (one). Wider ranges, far beyond a province's
 * lists, go straight to the exact check.
 */
const MAX_EXEMPLAR_ID_SPAN = 2 ** 24;
const MAX_RECOGNITION_ID_SPAN = 2 ** 26;

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
 * For one agency a fast proof (integrity_proof.sql) usually settles it; whatever it cannot
 * prove clean goes to the exact check (integrity_violations.sql), which alone decides and reports.
 */
export async function assertIntegrity(conn: DuckDBConnection, scope: { agency: string | null }): Promise<void> {
  if (scope.agency !== null && (await provenClean(conn, scope.agency))) return;
  const rows = await queryRows(conn, SQL.violations, { agency: scope.agency });
  if (rows.length > 0)
    throw new IntegrityError(rows.map((r) => ({ rule: String(r.rule), count: Number(r.n), example: String(r.example) })));
}

/**
 * True when integrity_proof.sql shows that every rule holds for `agency`; false means "not
 * shown" (a broken rule, a hash collision, or ranges too wide for its bitsets). Exported for tests.
 */
export async function provenClean(conn: DuckDBConnection, agency: string): Promise<boolean> {
  const [r] = await queryRows(conn, SQL.ranges, { agency });
  const batches = r?.batches as number[] | null | undefined;
  // Empty tables or an agency without batches (never so after a commit): left to the exact check.
  if (!r || r.x_lo === null || r.rec_lo === null || !batches?.length) return false;
  const span = (lo: unknown, hi: unknown) => Number(hi) - Number(lo) + 1;
  if (span(r.x_lo, r.x_hi) > MAX_EXEMPLAR_ID_SPAN || span(r.rec_lo, r.rec_hi) > MAX_RECOGNITION_ID_SPAN) return false;
  const [proof] = await queryRows(conn, SQL.proof, {
    agency,
    x_lo: r.x_lo as number,
    x_hi: r.x_hi as number,
    rec_lo: r.rec_lo as bigint,
    rec_hi: r.rec_hi as bigint,
    batches: listValue(batches),
  });
  return proof?.clean === true;
}
