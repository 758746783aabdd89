import { query, rows } from './query.ts';

/** Movements, agencies and blocs for the filter lists and captions, read from the reporting
 *  service (the browser imports nothing from ingest/). */
export interface MovementEntry { no: number; name: string; shortName: string; leadAgencyCode: string; leadAgencyName: string }
export interface AgencyEntry { code: string; name: string; blocCode: string; blocName: string }
export interface BlocEntry { code: string; name: string }

export const catalogue = $state<{ movements: MovementEntry[]; agencies: AgencyEntry[]; blocs: BlocEntry[]; loaded: boolean; error: string | null }>({
  movements: [], agencies: [], blocs: [], loaded: false, error: null,
});

export async function loadCatalogue(): Promise<void> {
  const [movements, agencies, blocs] = await Promise.all([query('movements_catalogue'), query('agencies_catalogue'), query('blocs_catalogue')]);
  for (const answer of [movements, agencies, blocs]) {
    if (!answer.ok) {
      catalogue.error = answer.error.message;
      return;
    }
  }
  if (!movements.ok || !agencies.ok || !blocs.ok) return;
  catalogue.movements = rows<{ movement_no: number; name: string; short_name: string; lead_agency_code: string; lead_agency_name: string }>(movements.table)
    .map((m) => ({ no: m.movement_no, name: m.name, shortName: m.short_name, leadAgencyCode: m.lead_agency_code, leadAgencyName: m.lead_agency_name }));
  catalogue.agencies = rows<{ agency_code: string; agency_name: string; bloc_code: string; bloc_name: string }>(agencies.table)
    .map((a) => ({ code: a.agency_code, name: a.agency_name, blocCode: a.bloc_code, blocName: a.bloc_name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  catalogue.blocs = rows<{ bloc_code: string; bloc_name: string }>(blocs.table).map((b) => ({ code: b.bloc_code, name: b.bloc_name }));
  catalogue.loaded = true;
  catalogue.error = null;
}

export function movementLabel(no: number | null | undefined): string {
  if (no === null || no === undefined) return '–';
  const m = catalogue.movements.find((x) => x.no === no);
  return m ? `${no}. ${m.shortName}` : `Phong trào ${no}`;
}

export function agencyName(code: string | null | undefined): string {
  if (!code) return '–';
  return catalogue.agencies.find((a) => a.code === code)?.name ?? code;
}

export function blocName(code: string | null | undefined): string {
  if (!code) return '–';
  return catalogue.blocs.find((b) => b.code === code)?.name ?? code;
}
