import { INTEGER, VARCHAR } from '@duckdb/node-api';
import type { PooledConnection } from './openSnapshot.ts';
import type { ParamDeclaration, ParamValue, QueryDefinition } from './queryDefinition.ts';

/** A filter as the page says it: the header's label and the value's name, not its code. */
export interface DescribedParam {
  label: string;
  value: string;
}

const NAMES_SQL = `SELECT
  (SELECT name FROM agencies WHERE code = $agency) AS agency,
  (SELECT name FROM emulation_blocs WHERE code = $bloc) AS bloc,
  (SELECT number || '. ' || short_name FROM movements WHERE no = $movement) AS movement,
  (SELECT number || ' (' || first_year || '–' || last_year || ')' FROM plans WHERE code = $plan) AS plan`;

/** Vietnam time of an ISO instant as dd/mm/yyyy hh:mm (Asia/Ho_Chi_Minh), whatever zone the server runs in. */
export function localDateTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** "Cơ quan, đơn vị (mã)" → "Cơ quan, đơn vị"; "Loại: tập thể, cá nhân, hộ gia đình" → "Loại". */
function shortLabel(p: ParamDeclaration): string {
  return (
    p.label
      .split(':')[0]!
      .replace(/\s*\([^)]*\)\s*$/, '')
      .trim() || p.name
  );
}

function valueText(
  p: ParamDeclaration,
  value: ParamValue,
  names: Record<string, string | null>,
  vocabulary: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string {
  if (value === null) return '(tất cả)';
  if (p.type.kind === 'BOOLEAN') return value ? 'Có' : 'Không';
  if (p.type.kind === 'DATE' && typeof value === 'string') return value.split('-').reverse().join('/');
  const named = names[p.name];
  if (named) return named;
  const labels = vocabulary.get(p.name);
  if (p.type.kind === 'ENUM' && labels) return labels.get(String(value)) ?? String(value);
  if (typeof value === 'number') return value >= 10_000 ? value.toLocaleString('vi-VN') : String(value);
  return String(value);
}

/**
 * The parameters of an export as label and value in Vietnamese, for the XLSX "Nguồn" sheet:
 * agency, bloc, movement and plan named from the snapshot's own catalogue, closed vocabularies
 * (kind, category, form, stage: a parameter named after its list) from the snapshot's
 * vocabulary. Runs one statement, so it must come before a streamed result is opened on the
 * same connection.
 */
export async function describeExportParams(
  { connection, prepared }: PooledConnection,
  def: QueryDefinition,
  values: Record<string, ParamValue>,
  vocabulary: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
): Promise<DescribedParam[]> {
  const lookup = (name: string, kind: ParamDeclaration['type']['kind']) => {
    const p = def.params.find((q) => q.name === name && q.type.kind === kind);
    return p ? (values[name] ?? null) : null;
  };
  const agency = lookup('agency', 'CODE');
  const bloc = lookup('bloc', 'CODE');
  const movement = lookup('movement', 'INTEGER');
  const plan = lookup('plan', 'TEXT');
  let names: Record<string, string | null> = {};
  if (agency !== null || bloc !== null || movement !== null || plan !== null) {
    let statement = prepared.get(NAMES_SQL);
    if (!statement) {
      statement = await connection.prepare(NAMES_SQL);
      prepared.set(NAMES_SQL, statement);
    }
    statement.bind({ agency, bloc, movement, plan }, { agency: VARCHAR, bloc: VARCHAR, movement: INTEGER, plan: VARCHAR });
    const row = (await statement.runAndReadAll()).getRowObjects()[0] ?? {};
    names = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)]));
  }
  return def.params.map((p) => ({ label: shortLabel(p), value: valueText(p, values[p.name] ?? null, names, vocabulary) }));
}
