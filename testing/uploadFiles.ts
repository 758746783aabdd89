import { join } from 'node:path';
import { writeBenchCsv } from './ingestRowGenerator.ts';

export interface UploadFile {
  path: string;
  name: string;
  rows: number;
  year: number;
}

/**
 * Upload files from the benchmark's generator (valid rows, canonical headers, realistic
 * value variants): small ones, and ones large enough that parse, validate, commit and
 * publish each take a measurable time (50,000 rows ≈ 2.5 s in all on this machine).
 */
export async function writeUploadFiles(dir: string, sizes: readonly number[], years: readonly number[]): Promise<UploadFile[]> {
  const files: UploadFile[] = [];
  for (const rows of sizes) {
    for (const year of years) {
      const name = `ds_${year}_${rows}.csv`;
      const path = join(dir, name);
      await writeBenchCsv(path, rows, year);
      files.push({ path, name, rows, year });
    }
  }
  return files;
}
