import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDemoDatabase } from '../scripts/prepareDemoDatabase.ts';

/**
 * A fresh data folder holding the demo data set at `scale` and its first snapshot. The
 * prepared folder is kept under the temp dir per scale (scale 70 takes ~15 s to build) and
 * copied for each run, so every run starts from the same state. Its name carries a hash of
 * the migrations and the generator: a template built by older code (a schema without a macro
 * the ingest now calls) made every upload of a kill loop fail.
 */
export async function demoDataDir(scale: number, log: (line: string) => void): Promise<string> {
  const template = join(tmpdir(), `hy-demo-template-scale${scale}-${sourceHash()}`);
  if (!existsSync(join(template, 'READY'))) {
    mkdirSync(template, { recursive: true });
    const started = Date.now();
    const prepared = await prepareDemoDatabase(template, { loadDemo: true, scale });
    writeFileSync(join(template, 'READY'), JSON.stringify(prepared.counts));
    log(
      `prepared demo data scale ${scale} (${prepared.counts.recognitions} recognitions) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'hy-faults-data-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** A short hash of what decides the template's content: the migrations, the demo generator and the snapshot's reporting tables. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      hash.update(entry.name);
      if (entry.isDirectory()) add(join(path, entry.name));
      else hash.update(readFileSync(join(path, entry.name)));
    }
  };
  for (const dir of ['../ingest/store/migrations', '../fixtures/generator', '../queries/snapshot', '../queries/shared']) {
    add(fileURLToPath(new URL(dir, import.meta.url)));
  }
  return hash.digest('hex').slice(0, 12);
}
