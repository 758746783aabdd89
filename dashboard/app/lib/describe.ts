import type { Filters } from './filters.ts';
import { vocabularyLabel } from './vocabulary.svelte.ts';
import { agencyName, blocName, movementByKey, movementLabel } from './catalogue.svelte.ts';
import { planByCode, yearsText } from './plans.svelte.ts';
import { formatDateTime, formatIsoDate } from './format.ts';
import type { SnapshotStamp } from './query.ts';

/** "Năm <from>–<to> · Kế hoạch <number> · Phong trào PT 3 · … · Sở Y tế": the filters in force, said on every chart. */
export function describeFilters(f: Filters): string {
  return `${describeScope(f)} · ${describeView(f.rollup, f.as_of)}`;
}

/** The same without the agency view: years, plan, movement, agency, bloc, kind. */
export function describeScope(f: Omit<Filters, 'rollup' | 'as_of' | 'plan'> & { plan?: string | null }): string {
  const parts = [`Năm ${yearsText(f.year_from, f.year_to)}`];
  if (f.plan) parts.push(`Kế hoạch ${planByCode(f.plan)?.number ?? f.plan}`);
  // movementLabel says "Phong trào 99" itself for a movement the catalogue does not know.
  if (f.movement !== null) parts.push(movementByKey(f.movement) ? `Phong trào ${movementLabel(f.movement)}` : movementLabel(f.movement));
  if (f.agency) parts.push(`Đơn vị: ${agencyName(f.agency)}`);
  if (f.bloc) parts.push(`Khối: ${blocName(f.bloc)}`);
  if (f.kind) parts.push(`Loại: ${vocabularyLabel('kind', f.kind)}`);
  return parts.join(' · ');
}

/** Which agency view the figures use: said on every chart, table and export, so a printed figure cannot be read under the wrong organisation. A date
 *  (the organisation in force that day) wins over rollup. */
export function describeView(rollup: boolean, asOf: string | null = null): string {
  if (asOf)
    return `Số liệu theo tổ chức tại ngày ${formatIsoDate(asOf)} (mỗi điển hình tính vào đơn vị quản lý tại ngày đó; huyện đã giải thể tính vào xã, phường kế thừa)`;
  return rollup
    ? 'Số liệu theo tổ chức cuối kỳ kế hoạch (đơn vị đã sáp nhập, chia tách tính vào đơn vị kế thừa)'
    : 'Số liệu theo đơn vị ghi nhận (chưa gộp đơn vị đã sáp nhập)';
}

export const SOURCE = 'Nguồn: Cơ sở dữ liệu điển hình tiên tiến tỉnh Hưng Yên (Sở Nội vụ)';
export const SYNTHETIC_WARNING = 'DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN — không dùng cho báo cáo chính thức';

/** "Nguồn: …, bản chốt số liệu số 3, ngày dd/mm/yyyy hh:mm" (a snapshot, in the users' words). */
export function describeSource(stamp: SnapshotStamp | null): string {
  if (!stamp || stamp.version === null) return SOURCE;
  return `${SOURCE}, bản chốt số liệu số ${stamp.version}, ngày ${formatDateTime(stamp.createdAt)}`;
}
