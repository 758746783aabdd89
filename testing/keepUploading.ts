import { readFileSync } from 'node:fs';
import type { UploadFile } from './uploadFiles.ts';

/**
 * Keeps uploads going to the ingest service, one after another, until stopped: each
 * commit publishes a snapshot, so the reporting service switches snapshots under load.
 * Files alternate so that consecutive uploads differ (an identical file would change nothing).
 */
export function keepUploading(url: string, token: string, files: readonly UploadFile[], agencies: readonly string[]) {
  let running = true;
  let committed = 0;
  let failed = 0;
  const problems: string[] = [];
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const file = files[i % files.length]!;
      const agency = agencies[Math.floor(i / files.length) % agencies.length]!;
      const form = new FormData();
      form.set('file', new File([readFileSync(file.path)], file.name));
      form.set('agency', agency);
      form.set('year', String(file.year));
      try {
        const res = await fetch(`${url}/api/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
        const body = await res.text();
        if (res.status === 201) committed++;
        else if (res.status !== 200) {
          failed++;
          if (problems.length < 5) problems.push(`${res.status} ${body.slice(0, 200)}`);
        }
      } catch (error) {
        failed++;
        if (problems.length < 5) problems.push(error instanceof Error ? error.message : String(error));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { committed, failed, problems };
    },
  };
}
