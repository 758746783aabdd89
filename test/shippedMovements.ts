// The shipped plans' movements for tests that call the matcher without a database (the
// service loads them from the database: ingest/match/loadMovements.ts). The first plan's keys
// equal its numbers, as registerPlan gives them on a fresh database.
import { readCatalogueFolder } from '../ingest/catalogue/readCatalogueFolder.ts';
import { useMovements } from '../ingest/match/matchMovement.ts';

export function useShippedMovements(): void {
  const [first] = readCatalogueFolder().plans;
  useMovements(
    first!.movements.map((m) => ({
      key: m.no,
      planCode: first!.code,
      number: m.no,
      name: m.name,
      shortName: m.shortName,
      parts: m.parts,
      aliases: m.aliases,
      households: m.households,
    })),
  );
}
