import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDemoDatabase } from '../prepareDemoDatabase.ts';

/**
 * A fresh data folder holding the demo data set at `scale` and its first snapshot. The
 * prepared folder is kept under the temp dir per scale (scale 70 takes ~15 s to build) and
 * copied for each run, so every run starts from the same state.
 */
export async function demoDataDir(scale: number, log: (line: string) => void): Promise<string> {
  const template = join(tmpdir(), `hy-demo-template-scale${scale}`);
  if (!existsSync(join(template, 'READY'))) {
    mkdirSync(template, { recursive: true });
    const started = Date.now();
    const prepared = await prepareDemoDatabase(template, { loadDemo: true, scale });
    writeFileSync(join(template, 'READY'), JSON.stringify(prepared.counts));
    log(`prepared demo data scale ${scale} (${prepared.counts.recognitions} recognitions) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'hy-faults-data-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}
