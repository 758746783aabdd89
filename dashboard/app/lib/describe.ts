import type { Filters } from './filters.ts';
import { KIND_LABELS, label } from './vocabulary.ts';
import { agencyName, blocName, movementLabel } from './catalogue.svelte.ts';
import { formatDateTime } from './format.ts';
import type { SnapshotStamp } from './query.ts';

/** "Năm 2021–2025 · Phong trào 3. … · Sở Y tế": the filters in force, said on every chart. */
export function describeFilters(f: Filters): string {
  const parts = [f.year_from === f.year_to ? `Năm ${f.year_from}` : `Năm ${f.year_from}–${f.year_to}`];
  if (f.movement !== null) parts.push(`Phong trào ${movementLabel(f.movement)}`);
  if (f.agency) parts.push(`Đơn vị: ${agencyName(f.agency)}`);
  if (f.bloc) parts.push(`Khối: ${blocName(f.bloc)}`);
  if (f.kind) parts.push(`Loại: ${label(KIND_LABELS, f.kind)}`);
  return parts.join(' · ');
}

export const SOURCE = 'Nguồn: Cơ sở dữ liệu điển hình tiên tiến tỉnh Hưng Yên (Sở Nội vụ)';
export const SYNTHETIC_WARNING = 'DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN — không dùng cho báo cáo chính thức';

/** "Nguồn: …, snapshot 3, ngày 27/11/2025 08:10" */
export function describeSource(stamp: SnapshotStamp | null): string {
  if (!stamp || stamp.version === null) return SOURCE;
  return `${SOURCE}, snapshot ${stamp.version}, ngày ${formatDateTime(stamp.createdAt)}`;
}
