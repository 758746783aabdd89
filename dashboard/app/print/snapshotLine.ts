import { formatDateTime } from '../lib/format.ts';
import type { SnapshotStamp } from '../lib/query.ts';

/** "Bản chốt số liệu số 3 · ngày dd/mm/yyyy hh:mm": printed on every page of a printed document. */
export function snapshotLine(stamp: SnapshotStamp | null): string {
  if (!stamp || stamp.version === null) return '';
  return `Bản chốt số liệu số ${stamp.version} · ngày ${formatDateTime(stamp.createdAt)}`;
}
