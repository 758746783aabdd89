import { join } from 'node:path';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { readRowCounts, type RowCounts } from '../contracts/rowCounts.ts';
import { repairSnapshots } from '../ingest/store/repairSnapshots.ts';
import { generateDemo, demoManifest } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';

export const DEMO_SEED = 2021;

export interface PreparedDatabase {
  counts: RowCounts;
  snapshot: string;
  synthetic: boolean;
  loadedDemo: boolean;
}

/**
 * Migrates the database; if it holds no batch yet, loads the synthetic demo data set
 * (seed 2021, scale 1); publishes a snapshot when none exists. Runs before the services
 * start, because only one process may hold the database file.
 */
export async function prepareDemoDatabase(dataDir: string, options: { loadDemo: boolean; scale?: number }): Promise<PreparedDatabase> {
  const dbPath = join(dataDir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  try {
    await migrate(db.connection);
    let counts = await readRowCounts(db.connection);
    let loadedDemo = false;
    if (options.loadDemo && counts.batches === 0) {
      const dataSet = generateDemo({ seed: DEMO_SEED, scale: options.scale ?? 1 });
      await loadDemo(db.connection, dataSet);
      counts = await readRowCounts(db.connection);
      loadedDemo = true;
      const expected = demoManifest(dataSet).counts;
      if (counts.recognitions !== expected.recognitions || counts.exemplars !== expected.exemplars) {
        throw new Error(`demo load mismatch: database ${JSON.stringify(counts)} vs generator ${JSON.stringify(expected)}`);
      }
    }
    // A new snapshot when there is none, when it is behind the database (the demo just loaded),
    // or when it was built with other reporting tables (a data folder of an older release).
    const { manifest } = await repairSnapshots(db.connection, dbPath, dataDir);
    if (!manifest) throw new Error(`no snapshot in ${dataDir} after publishing`);
    return { counts, snapshot: manifest.name, synthetic: manifest.synthetic, loadedDemo };
  } finally {
    db.close();
  }
}
