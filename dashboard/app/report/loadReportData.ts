import { query, type QueryError, type QueryName, type QueryParams, type QueryTable, type SnapshotStamp } from '../lib/query.ts';
import { fitParams } from '../lib/queryCatalogue.svelte.ts';
import { reportRequests, type ReportKey, type ReportScope } from './reportScope.ts';

type ReportRequests = ReturnType<typeof reportRequests>;

/** Each answer of the report, typed by its query's generated columns. */
export type ReportData = { [K in ReportKey]: QueryTable<ReportRequests[K]['name']> };

export type ReportAnswer = { ok: true; data: ReportData; snapshot: SnapshotStamp } | { ok: false; error: QueryError & { query: string } };

/**
 * Runs every query of the report at once. The answers must come from one snapshot, or the
 * report would mix two states of the data; if a new snapshot was published in between, the
 * whole set is asked again (once).
 */
export async function loadReportData(scope: ReportScope, signal?: AbortSignal, attempt = 1): Promise<ReportAnswer> {
  const entries = Object.entries(reportRequests(scope)) as Array<[ReportKey, { name: QueryName; params: QueryParams }]>;
  const answers = await Promise.all(entries.map(([, r]) => query(r.name, fitParams(r.name, r.params), signal)));
  const data = {} as Record<ReportKey, QueryTable<QueryName>>;
  let snapshot: SnapshotStamp | null = null;
  const versions = new Set<number | null>();
  for (let i = 0; i < entries.length; i++) {
    const answer = answers[i]!;
    const [key, request] = entries[i]!;
    if (!answer.ok) return { ok: false, error: { ...answer.error, query: request.name } };
    data[key] = answer.table;
    versions.add(answer.snapshot.version);
    snapshot = answer.snapshot;
  }
  if (versions.size > 1) {
    if (attempt < 2) return loadReportData(scope, signal, attempt + 1);
    return {
      ok: false,
      error: {
        code: 'SNAPSHOT_CHANGED',
        message: 'Dữ liệu vừa được cập nhật trong khi lập báo cáo; vui lòng tải lại trang.',
        status: null,
        query: '',
      },
    };
  }
  // Each key's table is its own query's answer (entries pairs them).
  return { ok: true, data: data as ReportData, snapshot: snapshot! };
}
