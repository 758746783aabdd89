import type { Table } from 'apache-arrow';
import { labelFrom } from './labels.ts';
import { query, rows } from './query.ts';
import { loadPlans, planByCode } from './plans.svelte.ts';
import { loadVocabulary } from './vocabulary.svelte.ts';
import { loadQueryCatalogue } from './queryCatalogue.svelte.ts';

/** Movements, agencies and blocs for the filter lists and captions, read from the reporting
 *  service (the browser imports nothing from ingest/). A movement's `no` is its key (filters,
 *  URLs); `number` is its number within its plan, the one people read. */
export interface MovementEntry {
  no: number;
  planCode: string | null;
  number: number;
  name: string;
  shortName: string;
  leadAgencyCode: string;
  leadAgencyName: string;
}
export interface AgencyEntry {
  code: string;
  name: string;
  blocCode: string;
  blocName: string;
  province: string | null;
  provinceName: string | null;
  activeFrom: number | null;
  activeTo: number | null;
  kindLabel: string | null;
}
export interface BlocEntry {
  code: string;
  name: string;
}

export const catalogue = $state<{
  movements: MovementEntry[];
  agencies: AgencyEntry[];
  blocs: BlocEntry[];
  loaded: boolean;
  error: string | null;
}>({
  movements: [],
  agencies: [],
  blocs: [],
  loaded: false,
  error: null,
});

interface MovementRow {
  movement_no: number;
  plan_code?: string | null;
  number?: number | null;
  name: string;
  short_name: string;
  lead_agency_code: string;
  lead_agency_name: string;
}
interface AgencyRow {
  agency_code: string;
  agency_name: string;
  bloc_code: string;
  bloc_name: string;
  province?: string | null;
  province_name?: string | null;
  active_from?: number | null;
  active_to?: number | null;
  kind_label?: string | null;
}

// One collator for the sort: localeCompare(…, 'vi') builds one per comparison.
const byVietnameseName = new Intl.Collator('vi').compare;

/** Everything the filters and labels read: the lists above, the plans, the vocabularies and
 *  the query catalogue, each on its own (one that fails leaves the others usable). */
export async function loadCatalogue(): Promise<void> {
  await Promise.all([loadLists(), loadPlans(), loadVocabulary(), loadQueryCatalogue()]);
}

async function loadLists(): Promise<void> {
  const [movements, agencies, blocs] = await Promise.all([
    query('movements_catalogue'),
    query('agencies_catalogue'),
    query('blocs_catalogue'),
  ]);
  for (const answer of [movements, agencies, blocs]) {
    if (!answer.ok) {
      catalogue.error = answer.error.message;
      return;
    }
  }
  if (!movements.ok || !agencies.ok || !blocs.ok) return;
  catalogue.movements = (rows(movements.table) as MovementRow[]).map((m) => ({
    no: m.movement_no,
    planCode: m.plan_code ?? null,
    number: m.number ?? m.movement_no,
    name: m.name,
    shortName: m.short_name,
    leadAgencyCode: m.lead_agency_code,
    leadAgencyName: m.lead_agency_name,
  }));
  catalogue.agencies = (rows(agencies.table) as AgencyRow[])
    .map((a) => ({
      code: a.agency_code,
      name: a.agency_name,
      blocCode: a.bloc_code,
      blocName: a.bloc_name,
      province: a.province ?? null,
      provinceName: a.province_name ?? null,
      activeFrom: a.active_from ?? null,
      activeTo: a.active_to ?? null,
      kindLabel: a.kind_label ?? null,
    }))
    .sort((a, b) => byVietnameseName(a.name, b.name));
  catalogue.blocs = (rows(blocs.table) as Array<{ bloc_code: string; bloc_name: string }>).map((b) => ({
    code: b.bloc_code,
    name: b.bloc_name,
  }));
  catalogue.loaded = true;
  catalogue.error = null;
}

export function movementByKey(no: number | null | undefined): MovementEntry | undefined {
  return no === null || no === undefined ? undefined : catalogue.movements.find((x) => x.no === no);
}

/** "PT 3 · Y tế", with the plan's number when several plans have movements ("PT 3 · Y tế (90/KH-UBND)"). */
export function movementLabel(no: number | null | undefined, withPlan = false): string {
  if (no === null || no === undefined) return '–';
  const m = movementByKey(no);
  if (!m) return `Phong trào ${no}`;
  const plan = withPlan ? planByCode(m.planCode) : undefined;
  return `PT ${m.number} · ${m.shortName}${plan ? ` (${plan.number})` : ''}`;
}

/** The movements of some plans (all when `codes` is empty), in their plan's order. */
export function movementsOf(codes: string[]): MovementEntry[] {
  const list =
    codes.length === 0 ? catalogue.movements : catalogue.movements.filter((m) => m.planCode !== null && codes.includes(m.planCode));
  return [...list].sort((a, b) => (a.planCode ?? '').localeCompare(b.planCode ?? '') || a.number - b.number);
}

export function agencyName(code: string | null | undefined): string {
  if (!code) return '–';
  return catalogue.agencies.find((a) => a.code === code)?.name ?? code;
}

export function blocName(code: string | null | undefined): string {
  if (!code) return '–';
  return catalogue.blocs.find((b) => b.code === code)?.name ?? code;
}

/** "3. Y tế": a movement's number within its plan and its short name, for chart ticks and
 *  table cells keyed by the movement's key (`movement_no`). */
export function movementNumberLabel(no: unknown, shortName?: unknown): string {
  const m = movementByKey(Number(no));
  return `${m?.number ?? String(no)}. ${String(shortName ?? m?.shortName ?? '')}`;
}

/** A tick formatter over a table's movement_no and short_name columns. */
export function movementTicks(table: Table, shortColumn = 'short_name'): (value: unknown) => string {
  const names = labelFrom(table, 'movement_no', shortColumn);
  return (value) => movementNumberLabel(value, names(value));
}

/** A movement's number within its plan, from its key. */
export function movementNumber(no: unknown): string {
  return String(movementByKey(Number(no))?.number ?? no);
}
