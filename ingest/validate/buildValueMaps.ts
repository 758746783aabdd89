import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { matchMovement } from '../match/matchMovement.ts';
import { matchCategory, matchForm, matchKind, matchStage } from '../match/matchValues.ts';
import { parseDecisionDate } from '../match/parseDate.ts';
import { cleanText } from '../text/normalise.ts';
import { hasInvalidCharacters } from '../text/invalidCharacters.ts';
import { MAX_TEXT_LENGTH } from './refusalCodes.ts';
import { loadSql } from '../store/loadSql.ts';

const VALUES_OF = loadSql(import.meta.url, './sql/values_of_field.sql');

/**
 * A value with a refused character or longer than a cell may be is not matched (refusals.sql
 * names it as TEXT_INVALID_CHARACTER or TEXT_TOO_LONG): its row is refused, never stored, and
 * fuzzy matching of megabytes of text would cost seconds.
 */
function matchable(raw: string): boolean {
  if (hasInvalidCharacters(raw)) return false;
  if (raw.length <= MAX_TEXT_LENGTH) return true;
  const clean = cleanText(raw);
  return clean.length <= MAX_TEXT_LENGTH || [...clean].length <= MAX_TEXT_LENGTH;
}

/**
 * Values in a column repeat (a list has a few movements, kinds and dates), so JavaScript
 * matches each distinct raw value once and SQL joins the answer back to every row.
 */
async function buildMap(
  conn: DuckDBConnection,
  table: string,
  field: string,
  valueType: string,
  match: (raw: string) => (string | number | null)[],
): Promise<void> {
  const extra = valueType.split(',').map((c) => c.trim());
  await conn.run(`CREATE OR REPLACE TABLE ${table} (raw VARCHAR, ${extra.join(', ')})`);
  const rows = await queryRows(conn, VALUES_OF, { field });
  const appender = await conn.createAppender(table); // in the upload workspace, like the CREATE above
  try {
    for (const { raw } of rows) {
      appender.appendVarchar(String(raw));
      const values = matchable(String(raw)) ? match(String(raw)) : extra.map(() => null);
      for (const v of values) {
        if (v === null) appender.appendNull();
        else if (typeof v === 'number') appender.appendInteger(v);
        else appender.appendVarchar(v);
      }
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

/** Needs upload_values (distinct_values.sql). Movements are matched among the plan's. */
export async function buildValueMaps(conn: DuckDBConnection, planCode: string): Promise<void> {
  await buildMap(conn, 'map_kind', 'kind', 'code VARCHAR', (raw) => [matchKind(raw)]);
  await buildMap(conn, 'map_category', 'category', 'code VARCHAR', (raw) => [matchCategory(raw)]);
  await buildMap(conn, 'map_stage', 'stage', 'code VARCHAR', (raw) => [matchStage(raw)]);
  await buildMap(conn, 'map_form', 'form', 'code VARCHAR', (raw) => [matchForm(raw)]);
  await buildMap(conn, 'map_date', 'decision_date', 'iso VARCHAR', (raw) => [parseDecisionDate(raw)]);
  await buildMap(conn, 'map_movement', 'movement', 'no INTEGER, candidates VARCHAR', (raw) => {
    const m = matchMovement(raw, planCode);
    return m.ok ? [m.no, null] : [null, JSON.stringify(m.candidates)];
  });
}
