/**
 * `npm run bench [-- name]`: runs every bench/*.bench.ts (or those whose file name contains
 * `name`) in turn, each in its own process. One failing bench does not stop the others;
 * the exit code says whether any failed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const only = process.argv[2];
const failed: string[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n# ${file}`);
  const run = spawnSync(tsx, [join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(file);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
