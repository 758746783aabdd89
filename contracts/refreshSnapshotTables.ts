import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTEGER, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier as ident, quoteLiteral as literal } from './sqlLiteral.ts';
import { QUERIES_DIR, snapshotTableStatements, withPrivateCopy } from './snapshotTables.ts';

/**
 * A refresh: the reporting tables of a new snapshot made from the reader's copy of the previous
 * one, by replacing only the rows of the exemplars that changed (an upload of one department's
 * yearly list changes tens of them) and recomputing their reporting rows, instead of building
 * every table again (~2.4 s at 1.5M recognitions, most of the time between an upload's answer
 * and the dashboard showing it). The copy must have been built by the same query files (the
 * same process). The files in queries/snapshot/refresh/ say how the changes are found and
 * checked. Any difference a refresh does not cover (the organisation, the schema, rows changed
 * outside what the ingest service does) is answered as a reason, not an error, and the caller
 * builds in full. `agencies`: those whose batches changed (for the log).
 */
export type RefreshOutcome = { refreshed: true; agencies: string[]; exemplars: number } | { refreshed: false; reason: string };

/** The per-exemplar tables: the rows of the changed exemplars are replaced (refresh/2_changed_exemplars.sql). */
const EXEMPLAR_TABLES = new Set(['exemplars', 'recognitions', 'recognitions_history']);
/** Agencies' own small tables an upload can change: copied whole from the new snapshot when they differ. */
const AGENCY_TABLES = new Set(['ingest_batches', 'ingest_batch_reports', 'agency_plans', 'plan_targets', 'delegate_allocations']);

const REFRESH_DIR = join(QUERIES_DIR, 'snapshot', 'refresh');
/** Up to this many changed exemplars are read by a list of their ids (3_set_exemplars_listed.sql). */
const LISTED_AT_MOST = 256;
const refreshSql = new Map<string, string>();
/** A refresh file's text, read once per process (a refresh runs after every upload). */
function sql(name: string): string {
  let text = refreshSql.get(name);
  if (text === undefined) refreshSql.set(name, (text = readFileSync(join(REFRESH_DIR, name), 'utf8')));
  return text;
}

async function rows(connection: DuckDBConnection, text: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(text)).getRowObjectsJS() as Record<string, unknown>[];
}

/**
 * The tables among `names` whose rows differ between the two snapshots, in one query: their
 * row counts and the sums of their rows' hashes (an EXCEPT both ways took ~10× longer).
 */
async function differing(connection: DuckDBConnection, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const fingerprint = (db: string, t: string) => `(SELECT (count(*), sum(hash(x))) FROM ${db}.${t} x)`;
  const checks = names.map((name) => {
    const t = ident(name);
    return `SELECT ${literal(name)} AS name WHERE ${fingerprint('fresh.main', t)} IS DISTINCT FROM ${fingerprint('main', t)}`;
  });
  return (await rows(connection, checks.join('\nUNION ALL\n'))).map((r) => String(r.name));
}

/**
 * Refreshes `copyPath` (a copy of the previous snapshot's reader copy, reporting tables
 * included) into the reporting copy of `freshPath` (the new published snapshot). On
 * `refreshed: false` or a throw, the copy is half-changed: the caller discards it.
 */
export async function refreshSnapshotTables(copyPath: string, freshPath: string): Promise<RefreshOutcome> {
  // no automatic checkpoint either (its default threshold is 16 MB of WAL)
  return withPrivateCopy(copyPath, { checkpoint_threshold: '16GB' }, async (connection) => {
    // The new snapshot (and its WAL name, which DuckDB checks) is the only file it may open.
    await connection.run(`SET allowed_paths = [${literal(freshPath)}, ${literal(`${freshPath}.wal`)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run(`ATTACH ${literal(freshPath)} AS fresh (READ_ONLY)`);

    const tables = await rows(connection, sql('0_tables_compared.sql'));
    for (const t of tables) {
      if (t.main_columns !== t.fresh_columns) return { refreshed: false, reason: `table ${t.table_name} has other columns` };
    }
    const names = tables.map((t) => String(t.table_name));
    const organisation = await differing(
      connection,
      names.filter((n) => !EXEMPLAR_TABLES.has(n) && !AGENCY_TABLES.has(n)),
    );
    if (organisation.length > 0) return { refreshed: false, reason: `${organisation.join(', ')} changed` };

    await connection.run(sql('1_changed_batches.sql'));
    const [changed] = await rows(
      connection,
      'SELECT list(DISTINCT agency_code ORDER BY agency_code) FILTER (WHERE agency_code IS NOT NULL) AS agencies FROM changed_batches',
    );
    const agencies = ((changed!.agencies as string[] | null) ?? []).map(String);
    await connection.run(sql('2_changed_exemplars.sql'));
    // Past half the exemplars, building whole is the cheaper way (and a refresh's WAL stays small).
    const [share] = await rows(
      connection,
      'SELECT (SELECT count(*) FROM build_set)::INTEGER AS changed, (SELECT count(*) FROM fresh.main.exemplars)::INTEGER AS total',
    );
    if (Number(share!.changed) * 2 > Number(share!.total)) {
      return { refreshed: false, reason: `${share!.changed} of ${share!.total} exemplars changed` };
    }
    if (Number(share!.changed) <= LISTED_AT_MOST) {
      const [set] = await rows(connection, 'SELECT coalesce(list(exemplar_id), []) AS ids FROM build_set');
      const ids = (set!.ids as number[]).map(Number);
      await connection.run(sql('3_set_exemplars_listed.sql'), { ids: listValue(ids) }, { ids: LIST(INTEGER) });
    } else {
      await connection.run(sql('3_set_exemplars.sql'));
    }
    await connection.run(sql('4_replace_rows.sql'));
    for (const name of await differing(
      connection,
      names.filter((n) => AGENCY_TABLES.has(n)),
    )) {
      await connection.run(`DELETE FROM main.${ident(name)}`);
      await connection.run(`INSERT INTO main.${ident(name)} SELECT * FROM fresh.main.${ident(name)}`);
    }
    // The copy now holds the new snapshot's rows: the same number in every table, or no refresh.
    const counted = names.map(
      (n) => `SELECT ${literal(n)} AS name WHERE (SELECT count(*) FROM main.${ident(n)}) <> (SELECT count(*) FROM fresh.main.${ident(n)})`,
    );
    const [uneven] = await rows(connection, counted.join('\nUNION ALL\n'));
    if (uneven) return { refreshed: false, reason: `${uneven.name} has another row count after the refresh` };
    const [sums] = await rows(connection, sql('5_checksums.sql'));
    const unequal = Object.entries(sums!).filter(([, same]) => same !== true);
    if (unequal.length > 0) return { refreshed: false, reason: `${unequal.map(([k]) => k).join(', ')} not the same after the refresh` };
    await connection.run('DETACH fresh');

    for (const statement of snapshotTableStatements(QUERIES_DIR, true)) await connection.run(statement);
    // No checkpoint: the changes stay in the WAL, which the reader's READ_ONLY open replays
    // (~80 ms for one agency's list at 1.5M recognitions, against 0.3–0.6 s to checkpoint).
    await connection.run('PRAGMA disable_checkpoint_on_shutdown');
    return { refreshed: true, agencies, exemplars: Number(share!.changed) };
  });
}
