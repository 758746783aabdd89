import { createHash } from 'node:crypto';
import type { SnapshotManifest } from '../../contracts/snapshotProtocol.ts';
import type { ParamDeclaration, ParamValue, QueryDefinition } from './queryDefinition.ts';

/** The snapshot's calendar date in Hưng Yên (UTC+7), whatever zone the server runs in. */
function localDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

/** Vietnamese folded to lower-case ASCII: "Trạm Y tế Đông" → "tram-y-te-dong". */
export function asciiSlug(text: string, max = 24): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/** Short prefixes for the standard filters; any other parameter is named by itself. */
const PREFIX: Record<string, string> = {
  movement: 'pt',
  agency: 'dv-',
  bloc: 'khoi-',
  kind: 'loai-',
  category: 'nhom-',
  form: 'ht-',
  search: 'tim-',
  deadline: 'han-',
  exemplar_id: 'ma-',
};
/** Paging and the year range (said separately) are not filters worth naming. */
const UNNAMED = new Set(['year_from', 'year_to', 'limit', 'offset']);
/** Bound on the filters' part, so the whole name stays well under every file system's 255. */
const MAX_FILTERS = 64;

function filterPart(p: ParamDeclaration, value: ParamValue): string | null {
  if (value === null || value === p.default || UNNAMED.has(p.name)) return null;
  if (p.type.kind === 'BOOLEAN') return value ? (p.name === 'rollup' ? 'gop-ke-thua' : asciiSlug(p.name)) : `khong-${asciiSlug(p.name)}`;
  const text = asciiSlug(String(value));
  return text ? `${PREFIX[p.name] ?? `${asciiSlug(p.name)}-`}${text}` : null;
}

/**
 * What, which filters and when: so_luong_theo_nam_2022-2025_pt3_dv-syt_snapshot-000012_2026-11-27.csv
 * — "minh-hoa_" first for synthetic data, the query's slug, the year range when it has one,
 * every filter set away from its default (folded to ASCII, shortened; past MAX_FILTERS
 * characters cut and followed by a digest of them all), the snapshot and its date. ASCII only, so every browser and mail client
 * keeps it intact in Content-Disposition, and two differently filtered downloads never share a name.
 */
export function exportFileName(
  def: QueryDefinition,
  values: Record<string, ParamValue>,
  manifest: SnapshotManifest,
  extension: 'csv' | 'xlsx',
): string {
  const parts = manifest.synthetic ? ['minh-hoa', def.fileSlug] : [def.fileSlug];
  if (typeof values.year_from === 'number' && typeof values.year_to === 'number') parts.push(`${values.year_from}-${values.year_to}`);
  const all = def.params.map((p) => filterPart(p, values[p.name] ?? null)).filter((part): part is string => part !== null);
  let filters = all.join('_');
  if (filters.length > MAX_FILTERS) {
    // Too many to spell out: what fits, then a digest of them all, so names stay distinct.
    const digest = createHash('sha256').update(filters).digest('hex').slice(0, 8);
    filters = `${filters.slice(0, MAX_FILTERS - 9).replace(/[-_]+$/, '')}_${digest}`;
  }
  if (filters) parts.push(filters);
  parts.push(manifest.name, localDate(manifest.createdAt));
  return `${parts.join('_')}.${extension}`;
}
