import type { SnapshotManifest } from '../../ingest/store/publishSnapshot.ts';
import type { ParamValue, QueryDefinition } from './queryDefinition.ts';

/** The snapshot's calendar date in Hưng Yên (UTC+7), whatever zone the server runs in. */
function localDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return d.toISOString().slice(0, 10);
}

/**
 * What and when: so_luong_theo_nam_2021-2025_snapshot-000012_2026-11-27.csv — the query's slug,
 * the year range when it has one, the snapshot and its date. ASCII only, so every browser and
 * mail client keeps it intact in Content-Disposition.
 */
export function exportFileName(def: QueryDefinition, values: Record<string, ParamValue>, manifest: SnapshotManifest, extension: 'csv' | 'xlsx'): string {
  const parts = [def.fileSlug];
  if (typeof values.year_from === 'number' && typeof values.year_to === 'number') parts.push(`${values.year_from}-${values.year_to}`);
  parts.push(manifest.name, localDate(manifest.createdAt));
  return `${parts.join('_')}.${extension}`;
}
