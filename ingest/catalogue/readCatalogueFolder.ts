import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readCongressFile,
  readOrganisationFile,
  readPlanFile,
  readVocabularyFile,
  type CatalogueRead,
  type CongressFile,
  type OrganisationFile,
  type PlanFile,
  type VocabularyFile,
} from '../../contracts/catalogueFiles.ts';

/** The catalogue shipped with the release: the files Sở Nội vụ can replace (catalogue/). */
export const SHIPPED_CATALOGUE_DIR = fileURLToPath(new URL('../../catalogue/', import.meta.url));

export interface CatalogueFolder {
  vocabulary: VocabularyFile;
  organisations: OrganisationFile[];
  /** In period order: the earliest first. */
  plans: PlanFile[];
  congresses: CongressFile[];
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Reads one catalogue file that must be valid (shipped or demo files): any problem throws, naming each. */
export function readCatalogueFile<T>(path: string, read: (json: unknown) => CatalogueRead<T>): T {
  const result = read(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) {
    const lines = result.problems.map((p) => `${p.path}${p.row ? ` #${p.row}` : ''} ${p.field}=${p.value}: ${p.code}`);
    throw new Error(`catalogue file ${path} is not valid:\n  ${lines.join('\n  ')}`);
  }
  return result.value;
}

/** Reads and checks every file of a catalogue folder; a file that does not pass stops the start. */
export function readCatalogueFolder(dir = SHIPPED_CATALOGUE_DIR): CatalogueFolder {
  return {
    vocabulary: readCatalogueFile(join(dir, 'vocabulary.json'), readVocabularyFile),
    organisations: jsonFiles(join(dir, 'organisation')).map((p) => readCatalogueFile(p, readOrganisationFile)),
    plans: jsonFiles(join(dir, 'plans'))
      .map((p) => readCatalogueFile(p, readPlanFile))
      .sort((a, b) => a.firstYear - b.firstYear),
    congresses: jsonFiles(join(dir, 'congresses')).map((p) => readCatalogueFile(p, readCongressFile)),
  };
}
