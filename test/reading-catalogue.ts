// The shipped catalogue (catalogue/*.json) in a freshly migrated test database, for the reading
// side's tests: vocabulary, Plan 90 and its province, the movements' plan, the agencies'
// province, and the Plan 90 congress. Only what is still missing is written, so it is a no-op
// once migrate registers the shipped catalogue itself (ingest/catalogue/registerShipped.ts).
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const catalogue = (path: string) => JSON.parse(readFileSync(new URL(`../catalogue/${path}`, import.meta.url), 'utf8'));

async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  return Number((await conn.runAndReadAll(sql)).getRows()[0]![0]);
}

export async function ensureShippedCatalogue(conn: DuckDBConnection): Promise<void> {
  if ((await count(conn, 'SELECT count(*) FROM vocabulary')) === 0) {
    const vocabulary = catalogue('vocabulary.json') as { lists: Record<string, Record<string, string>> };
    for (const [list, codes] of Object.entries(vocabulary.lists)) {
      let ord = 0;
      for (const [code, label] of Object.entries(codes)) {
        await conn.run('INSERT INTO vocabulary VALUES ($list, $code, $label, $ord)', { list, code, label, ord: ++ord });
      }
    }
  }
  const plan = catalogue('plans/90-KH-UBND-2021.json');
  if ((await count(conn, 'SELECT count(*) FROM provinces')) === 0) {
    await conn.run(`INSERT INTO provinces VALUES ('${plan.province}', 'Hưng Yên', NULL, NULL)`);
  }
  if ((await count(conn, `SELECT count(*) FROM plans WHERE code = '${plan.code}'`)) === 0) {
    await conn.run(
      `INSERT INTO plans VALUES ($code, $number, $title, $issued::DATE, $by, $province, $first, $last, $deadline::DATE, $kinds::VARCHAR[], false, NULL, '{}')`,
      { code: plan.code, number: plan.number, title: plan.title, issued: plan.issuedOn, by: plan.issuedBy, province: plan.province, first: plan.firstYear, last: plan.lastYear, deadline: plan.submissionDeadline, kinds: `[${plan.reportingKinds.join(',')}]` },
    );
  }
  await conn.run(`UPDATE movements SET plan_code = '${plan.code}' WHERE plan_code = '?'`);
  await conn.run(`UPDATE agencies SET province = '${plan.province}' WHERE province = '?'`);
  await conn.run(`UPDATE agency_plans SET plan_code = '${plan.code}' WHERE plan_code = '?'`);
  const congress = catalogue('congresses/hung-yen-lan-thu-x.json');
  if ((await count(conn, `SELECT count(*) FROM congresses WHERE code = '${congress.code}'`)) === 0) {
    await conn.run(`INSERT INTO congresses VALUES ($code, $name, $number, NULL, $first, $last, $provinces::VARCHAR[], $rule, $form, false, NULL)`, {
      code: congress.code, name: congress.name, number: congress.number, first: congress.firstYear, last: congress.lastYear, provinces: `[${congress.provinces.join(',')}]`, rule: congress.rule, form: congress.form,
    });
  }
  await conn.run(`UPDATE delegate_allocations SET congress_code = '${congress.code}' WHERE congress_code = '?'`);
}
