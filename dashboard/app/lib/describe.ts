import type { Filters } from './filters.ts';
import { KIND_LABELS, label } from './vocabulary.ts';
import { agencyName, blocName, movementLabel } from './catalogue.svelte.ts';
import { formatDateTime } from './format.ts';
import type { SnapshotStamp } from './query.ts';

/** "Năm 2021–2025 · Phong trào 3. … · Sở Y tế": the filters in force, said on every chart. */
export function describeFilters(f: Filters): string {
  return `${describeScope(f)} · ${describeView(f.rollup)}`;
}

/** The same without the agency view: years, movement, agency, bloc, kind. */
export function describeScope(f: Omit<Filters, 'rollup'>): string {
  const parts = [f.year_from === f.year_to ? `Năm ${f.year_from}` : `Năm ${f.year_from}–${f.year_to}`];
  if (f.movement !== null) parts.push(`Phong trào ${movementLabel(f.movement)}`);
  if (f.agency) parts.push(`Đơn vị: ${agencyName(f.agency)}`);
  if (f.bloc) parts.push(`Khối: ${blocName(f.bloc)}`);
  if (f.kind) parts.push(`Loại: ${label(KIND_LABELS, f.kind)}`);
  return parts.join(' · ');
}

/** Which agency view the figures use: said on every chart, table and export (issue 6). */
export function describeView(rollup: boolean): string {
  return rollup
    ? 'Số liệu gộp về đơn vị kế thừa (đơn vị sáp nhập năm 2025 tính vào đơn vị mới)'
    : 'Số liệu theo đơn vị ghi nhận (chưa gộp đơn vị đã sáp nhập)';
}

export const SOURCE = 'Nguồn: Cơ sở dữ liệu điển hình tiên tiến tỉnh Hưng Yên (Sở Nội vụ)';
export const SYNTHETIC_WARNING = 'DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN — không dùng cho báo cáo chính thức';

/** "Nguồn: …, bản chốt số liệu số 3, ngày 27/11/2025 08:10" (a snapshot, in the users' words). */
export function describeSource(stamp: SnapshotStamp | null): string {
  if (!stamp || stamp.version === null) return SOURCE;
  return `${SOURCE}, bản chốt số liệu số ${stamp.version}, ngày ${formatDateTime(stamp.createdAt)}`;
}
