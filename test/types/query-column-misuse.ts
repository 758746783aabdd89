/**
 * Compile-time proof that the app's query access is typed by contracts/queries.generated.ts:
 * every line marked @ts-expect-error must fail to compile. If typing regresses (a table or a row
 * goes back to `any`, a query name to `string`), the directive is unused and `tsc -p
 * tsconfig.json` fails. Never run: the type-check includes it (tsconfig "include": "test"),
 * vitest does not (not a *.test.ts).
 */
import { queryUrl, rows, type QueryTable, type QueryTypeMap, type RowView } from '../../dashboard/app/lib/query.ts';
import type { QueryStore } from '../../dashboard/app/lib/createQuery.svelte.ts';
import type { QueryParams } from '../../contracts/queries.generated.ts';

export function misuse(headline: QueryTable<'overview_headline'>, store: QueryStore<QueryTypeMap<'recognitions_by_kind'>>): void {
  // A column the query has compiles, typed as the browser decodes it (nullable number).
  const tapThe: number | null = rows(headline)[0]?.exemplars_tap_the ?? null;
  const kinds = store.table?.getChild('kind_label');
  void tapThe;
  void kinds;

  // @ts-expect-error overview_headline has no column exemplar_countt
  void rows(headline)[0]?.exemplar_countt;
  // @ts-expect-error nor a column nope
  void headline.getChild('nope');
  // @ts-expect-error recognitions_by_kind has no column year
  void store.table?.getChild('year');
  // @ts-expect-error a string column is not a number
  const label: number | null = rows(store.table!)[0]?.kind_label ?? null;
  void label;
  // @ts-expect-error no query of that name
  void queryUrl('recognitions_by_yaer');
}

// @ts-expect-error a row view may only name the query's columns
export type MisspeltView = RowView<'recognitions_by_year', { yeer: number }>;
// @ts-expect-error nor widen a column's type (year is a number)
export type WidenedView = RowView<'recognitions_by_year', { year: string }>;

// The generated parameters: exemplar_detail requires exemplar_id, and kind is one of three codes.
// @ts-expect-error exemplar_id is required
export const noId: QueryParams<'exemplar_detail'> = {};
// @ts-expect-error not a kind
export const badKind: QueryParams<'recognitions_by_kind'> = { kind: 'tap-the' };
