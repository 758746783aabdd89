import { untrack } from 'svelte';
import type { Table, TypeMap } from 'apache-arrow';
import {
  query,
  queryUrl,
  takeEarlyAnswer,
  type QueryAnswer,
  type QueryError,
  type QueryName,
  type QueryParams,
  type QueryTable,
  type QueryTypeMap,
  type SnapshotStamp,
} from './query.ts';
import { noteSnapshot } from './snapshot.svelte.ts';
import { session } from './session.svelte.ts';
import { fitParams } from './queryCatalogue.svelte.ts';

/** The four states every chart and table shows honestly (Evidence's QueryLoad). */
export type QueryStatus = 'loading' | 'error' | 'empty' | 'data';

export interface QueryRequest<N extends QueryName = QueryName> {
  name: N;
  params: QueryParams;
}

/**
 * A query's state; createQuery types `table` by the query's generated columns
 * (contracts/queries.generated.ts). `QueryStore` alone is any query's (ChartCard, QueryState).
 */
// biome-ignore lint/suspicious/noExplicitAny: a store of any query's table, narrowed by N where it is made
export interface QueryStore<T extends TypeMap = any, N extends QueryName = QueryName> {
  readonly status: QueryStatus;
  readonly table: Table<T> | null;
  readonly snapshot: SnapshotStamp | null;
  readonly error: QueryError | null;
  readonly request: QueryRequest<N> | null;
}

function statusOf(answer: { ok: true; table: { numRows: number } } | { ok: false }): QueryStatus {
  return !answer.ok ? 'error' : answer.table.numRows === 0 ? 'empty' : 'data';
}

/**
 * Reactive query: re-runs whenever `input()` changes (e.g. the URL's filters), aborting the
 * request it replaces. Call during a component's initialisation.
 */
export function createQuery<N extends QueryName>(input: () => QueryRequest<N> | null): QueryStore<QueryTypeMap<N>, N> {
  // Only what the query declares (a page's plan or congress filter does not apply to all).
  const fit = (asked: QueryRequest<N> | null) =>
    asked ? { name: asked.name, params: fitParams(asked.name, asked.params) as QueryParams } : null;
  // The first screen's answers are in memory before the app mounts (main.ts), and where the
  // service draws the first screen, where no effect runs (firstScreen.server.ts): taken here,
  // the card is drawn with its answer, never in its loading state.
  const first = untrack(() => fit(input()));
  const early = first ? takeEarlyAnswer(first.name, first.params) : undefined;
  const now = early && !(early instanceof Promise) ? early : null;

  let status = $state<QueryStatus>(now ? statusOf(now) : 'loading');
  let table = $state.raw<QueryTable<N> | null>(now?.ok ? now.table : null);
  let snapshot = $state.raw<SnapshotStamp | null>(now?.ok ? now.snapshot : null);
  let error = $state.raw<QueryError | null>(now && !now.ok ? now.error : null);
  let request = $state.raw<QueryRequest<N> | null>(first);
  if (now?.ok) untrack(() => noteSnapshot(now.snapshot));
  /** The first request's answer, already in hand (or on its way), for the effect's first run. */
  let pending: { key: string; answer: QueryAnswer<N> | Promise<QueryAnswer<N>> } | null =
    first && early ? { key: queryUrl(first.name, first.params), answer: early } : null;

  $effect(() => {
    const req = fit(input());
    // Asked again after a sign-in or sign-out (a 401 becomes the list; a list becomes a 401).
    void session.version;
    request = req;
    const taken = pending;
    pending = null;
    if (!req) return;
    const settle = (answer: QueryAnswer<N>) => {
      if (answer.ok) {
        table = answer.table;
        snapshot = answer.snapshot;
        error = null;
        noteSnapshot(answer.snapshot);
      } else {
        error = answer.error;
      }
      status = statusOf(answer);
    };
    const same = taken && taken.key === queryUrl(req.name, req.params) ? taken.answer : undefined;
    if (same && !(same instanceof Promise)) return; // drawn with it already
    const controller = new AbortController();
    status = 'loading';
    (same ?? query(req.name, req.params, controller.signal)).then(
      (answer) => {
        if (!controller.signal.aborted) settle(answer);
      },
      (err: unknown) => {
        // An abort means a newer request replaced this one: nothing to show for it.
        if (controller.signal.aborted) return;
        error = { code: 'UNEXPECTED', message: String(err), status: null };
        status = 'error';
      },
    );
    return () => controller.abort();
  });

  return {
    get status() {
      return status;
    },
    get table() {
      return table;
    },
    get snapshot() {
      return snapshot;
    },
    get error() {
      return error;
    },
    get request() {
      return request;
    },
  };
}
