import { createHash } from 'node:crypto';
import type { CatalogueStatus } from '../catalogue/catalogueReport.ts';

/** HTTP status per outcome, as for uploads: 201 written, 200 dry run or same file again, 422 refused (nothing written). */
export const CATALOGUE_STATUS: Record<CatalogueStatus, 200 | 201 | 422> = {
  committed: 201,
  unchanged: 200,
  dry_run: 200,
  rows_refused: 422,
};

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The rows of a catalogue file: the items of its lists (whatever their shape, for a refused file's counts too). */
export function listLengths(json: unknown, lists: readonly string[]): number {
  if (typeof json !== 'object' || json === null) return 0;
  const o = json as Record<string, unknown>;
  return lists.reduce((n, k) => n + (Array.isArray(o[k]) ? (o[k] as unknown[]).length : 0), 0);
}
