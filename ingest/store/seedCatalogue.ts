import type { DuckDBConnection } from '@duckdb/node-api';
import { AGENCIES, BLOCS, SUCCESSIONS } from '../catalogue/agencies.ts';
import { MOVEMENTS } from '../catalogue/movements.ts';
import { foldKey } from '../text/normalise.ts';

/** Inserts the plan's catalogue. Runs once, inside migration 001's transaction. */
export async function seedCatalogue(conn: DuckDBConnection): Promise<void> {
  for (const bloc of BLOCS) {
    await conn.run('INSERT INTO emulation_blocs (code, name, illustrative) VALUES ($code, $name, true)', { code: bloc.code, name: bloc.name });
  }
  for (const agency of AGENCIES) {
    await conn.run(
      'INSERT INTO agencies (code, name, kind, bloc_code, active_from, active_to) VALUES ($code, $name, $kind, $bloc, $from::DATE, $to::DATE)',
      { code: agency.code, name: agency.name, kind: agency.kind, bloc: agency.bloc, from: agency.activeFrom ?? null, to: agency.activeTo ?? null },
    );
    const variants = new Map<string, string>();
    for (const variant of [agency.name, agency.code, ...agency.variants]) {
      const key = foldKey(variant);
      if (!variants.has(key)) variants.set(key, variant);
    }
    for (const [key, variant] of variants) {
      await conn.run('INSERT INTO agency_name_variants (agency_code, variant, variant_key) VALUES ($code, $variant, $key)', { code: agency.code, variant, key });
    }
  }
  for (const s of SUCCESSIONS) {
    await conn.run(
      'INSERT INTO agency_successions (predecessor_code, successor_code, effective_date, note) VALUES ($p, $s, $d::DATE, $n)',
      { p: s.predecessor, s: s.successor, d: s.effective, n: s.note },
    );
  }
  for (const m of MOVEMENTS) {
    await conn.run(
      'INSERT INTO movements (no, name, short_name, lead_agency_code, assignment) VALUES ($no, $name, $short, $lead, $assignment)',
      { no: m.no, name: m.name, short: m.shortName, lead: m.leadAgency, assignment: m.assignment },
    );
    for (const [i, part] of m.parts.entries()) {
      await conn.run('INSERT INTO movement_parts (movement_no, part_no, name) VALUES ($no, $part, $name)', { no: m.no, part: i + 1, name: part });
    }
  }
}
