import type { Table } from 'apache-arrow';
import { query, type QueryError, type SnapshotStamp } from '../lib/query.ts';
import { fitParams } from '../lib/queryCatalogue.svelte.ts';
import { reportRequests, type ReportKey, type ReportScope } from './reportScope.ts';

export type ReportData = Record<ReportKey, Table>;

export type ReportAnswer =
  | { ok: true; data: ReportData; snapshot: SnapshotStamp }
  | { ok: false; error: QueryError & { query: string } };

/**
 * Runs every query of the report at once. The answers must come from one snapshot, or the
 * report would mix two states of the data; if a new snapshot was published in between, the
 * whole set is asked again (once).
 */
export async function loadReportData(scope: ReportScope, signal?: AbortSignal, attempt = 1): Promise<ReportAnswer> {
  const entries = Object.entries(reportRequests(scope)) as Array<[ReportKey, { name: string; params: Record<string, unknown> }]>;
  const answers = await Promise.all(entries.map(([, r]) => query(r.name, fitParams(r.name, r.params) as never, signal)));
  const data = {} as ReportData;
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
    return { ok: false, error: { code: 'snapshot_changed', message: 'Dữ liệu vừa được cập nhật trong khi lập báo cáo; vui lòng tải lại trang.', status: null, query: '' } };
  }
  return { ok: true, data, snapshot: snapshot! };
}
