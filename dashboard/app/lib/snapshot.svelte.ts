import { readError, type QueryError, type SnapshotStamp } from './query.ts';

/** The published snapshot's manifest (GET /api/snapshot): version, time, synthetic flag. */
export interface SnapshotManifest {
  version: number;
  name?: string;
  createdAt: string;
  synthetic: boolean;
  counts?: Record<string, number>;
}

export const current = $state<{ manifest: SnapshotManifest | null; error: QueryError | null }>({ manifest: null, error: null });

export async function loadSnapshot(): Promise<void> {
  try {
    const res = await fetch('/api/snapshot');
    if (!res.ok) {
      current.error = await readError(res);
      return;
    }
    const body = (await res.json()) as SnapshotManifest | { manifest: SnapshotManifest };
    current.manifest = 'manifest' in body ? body.manifest : body;
    current.error = null;
  } catch (err) {
    current.error = { code: 'NETWORK', message: `Không kết nối được dịch vụ báo cáo: ${(err as Error).message}`, status: null };
  }
}

/** A query answered from a newer snapshot than the manifest we hold: fetch the new manifest. */
export function noteSnapshot(stamp: SnapshotStamp): void {
  if (stamp.version !== null && current.manifest && stamp.version > current.manifest.version) void loadSnapshot();
}
