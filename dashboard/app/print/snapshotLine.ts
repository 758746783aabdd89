import { formatDateTime } from '../lib/format.ts';
import type { SnapshotStamp } from '../lib/query.ts';

/** "Bản chốt số liệu số 3 · ngày 27/11/2025 08:10": printed on every page of a printed document. */
export function snapshotLine(stamp: SnapshotStamp | null): string {
  if (!stamp || stamp.version === null) return '';
  return `Bản chốt số liệu số ${stamp.version} · ngày ${formatDateTime(stamp.createdAt)}`;
}
