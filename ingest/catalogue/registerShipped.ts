import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogueProblem } from '../../contracts/catalogueFiles.ts';
import { loadSql } from '../store/loadSql.ts';
import { readCatalogueFolder } from './readCatalogueFolder.ts';
import { registerCongress, registerOrganisation, registerPlan, registerVocabulary } from './registerCatalogue.ts';

const CLAIM_PLACEHOLDERS = loadSql(import.meta.url, './sql/claim_placeholders.sql');

function orThrow(what: string, problems: CatalogueProblem[]): void {
  if (problems.length > 0) {
    throw new Error(
      `shipped ${what} cannot be registered: ${problems.map((p) => `${p.path} #${p.row} ${p.field}=${p.value} ${p.code}`).join('; ')}`,
    );
  }
}

/**
 * The data step of migration 005: registers the shipped catalogue (catalogue/). On a database
 * of an earlier release, the rows 005 carried over are claimed by the earliest shipped plan and
 * congress (an earlier release knew only those) before the plan's movements are registered, so
 * every movement keeps its key and every figure stays the same.
 */
export async function registerShippedCatalogue(conn: DuckDBConnection): Promise<void> {
  const folder = readCatalogueFolder();
  await registerVocabulary(conn, folder.vocabulary);
  for (const org of folder.organisations) orThrow('organisation', await registerOrganisation(conn, org, null));
  const [first] = folder.plans;
  const congress = [...folder.congresses].sort((a, b) => a.firstYear - b.firstYear)[0];
  if (first) {
    // One statement at a time: DuckDB binds parameters per prepared statement.
    const values = { plan: first.code, province: first.province, congress: congress?.code ?? '' };
    const code = CLAIM_PLACEHOLDERS.replace(/--.*$/gm, '');
    for (const statement of code.split(';').filter((s) => /\bUPDATE\b/.test(s))) {
      const names = [...statement.matchAll(/\$(\w+)/g)].map((m) => m[1] as keyof typeof values);
      await conn.run(statement, Object.fromEntries(names.map((n) => [n, values[n]])));
    }
  }
  for (const plan of folder.plans) orThrow(`plan ${plan.code}`, await registerPlan(conn, plan, null));
  for (const c of folder.congresses) orThrow(`congress ${c.code}`, await registerCongress(conn, c, null));
}
