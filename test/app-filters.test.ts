import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The app's .svelte.ts modules keep their state in $state, which Svelte compiles to its deep
// proxy (compileModule emits `$.proxy(…)`); vitest runs them uncompiled, so the rune is that proxy.
await vi.hoisted(async () => {
  // @ts-expect-error -- Svelte's internal client module ships no type declarations
  const { proxy } = (await import('svelte/internal/client')) as { proxy: <T>(value: T) => T };
  Object.assign(globalThis, { $state: proxy });
});
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import type { Hono } from 'hono';
import type { OrganisationFile } from '../contracts/catalogueFiles.ts';
import type { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import type { Database } from '../ingest/store/database.ts';
import {
  asOfOffered,
  drillParams,
  FILTER_KEYS,
  filtersToParams,
  filtersToQuery,
  hasActiveFilters,
  isoDate,
  isoFromViDate,
  parseFilters,
  type FilterDefaults,
  type Filters,
} from '../dashboard/app/lib/filters.ts';
import { formatIsoDate } from '../dashboard/app/lib/format.ts';
import { loadPlans, plans, yearContext } from '../dashboard/app/lib/plans.svelte.ts';
import { loadQueryCatalogue, queryCatalogue } from '../dashboard/app/lib/queryCatalogue.svelte.ts';
import { query } from '../dashboard/app/lib/query.ts';
import { insertExemplars, openPlansDatabase, serveSnapshot, testMovement, testPlan2026 } from './reading-exemplars.ts';

// dashboard/app/lib/filters.ts: the URL ↔ filter state of every page. The years' range and
// defaults come from the plans and the query catalogue, read here from a real reporting service
// with two periods: the shipped Plan 90 (2021–2025) and a 2026–2030 plan, which has the latest data.

const PLAN_26 = '15/KH-UBND';
const NO_ORGANISATION: OrganisationFile = { format: 'to-chuc/1', provinces: [], blocs: [], agencies: [], successions: [] };
const PLAN_2026 = testPlan2026(PLAN_26, ['so_nganh'], [testMovement(1, 'Phong trào thử nghiệm', 'Thử nghiệm')]);

let dir: string;
let db: Database;
let snapshots: SnapshotSource;
let app: Hono;

beforeAll(async () => {
  let dbPath: string;
  ({ dir, dbPath, db } = await openPlansDatabase('app-filters-', NO_ORGANISATION, PLAN_2026));
  const key = Number((await db.connection.runAndReadAll(`SELECT no FROM movements WHERE plan_code = '${PLAN_26}'`)).getRows()[0]![0]);
  await insertExemplars(db.connection, 9001, 'ca_nhan', [
    [1, 'E1', 'Nguyễn Văn An', '', 'SYT', 3, '90/KH-UBND', [2022, 2023]],
    [2, 'E2', 'Trần Thị Bình', '', 'SYT', key, PLAN_26, [2026]],
  ]);
  ({ snapshots, app } = await serveSnapshot(db.connection, dbPath, dir));
  // The app's fetch("/api/…") goes to the real reporting app, in-process.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init));
  await Promise.all([loadPlans(), loadQueryCatalogue()]);
  if (plans.error || queryCatalogue.error) throw new Error(`catalogue not read: ${plans.error ?? queryCatalogue.error}`);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await snapshots?.stop();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PLAIN: FilterDefaults = { rollup: false };
const ROLLED: FilterDefaults = { rollup: true };
const parse = (search: string, defaults?: FilterDefaults) => parseFilters(new URLSearchParams(search), defaults);
const DEFAULT: Filters = {
  year_from: 2026,
  year_to: 2030,
  plan: null,
  movement: null,
  agency: null,
  bloc: null,
  kind: null,
  rollup: false,
  as_of: null,
};

describe('the year context the filters read (plans + query catalogue)', () => {
  it('spans both periods and defaults to the latest one with data', () => {
    expect(yearContext()).toEqual({ ready: true, min: 2021, max: 2030, defaultFrom: 2026, defaultTo: 2030 });
  });
});

describe('parseFilters', () => {
  it('reads an empty URL as the defaults: the latest period, every plan, nothing narrowed, as recorded', () => {
    expect(parse('')).toEqual(DEFAULT);
    expect(parse('', ROLLED)).toEqual({ ...DEFAULT, rollup: true });
  });

  it('reads every filter a URL carries', () => {
    expect(parse('year_from=2022&year_to=2024&plan=90%2FKH-UBND&movement=3&agency=SYT&bloc=K_VHXH&kind=ca_nhan&rollup=1')).toEqual({
      year_from: 2022,
      year_to: 2024,
      plan: '90/KH-UBND',
      movement: 3,
      agency: 'SYT',
      bloc: 'K_VHXH',
      kind: 'ca_nhan',
      rollup: true,
      as_of: null,
    });
  });

  it("falls back to the default year for a year outside the plans' years or not a whole number", () => {
    for (const bad of ['2020', '2031', 'abc', '2023.5', '1e3', ' ']) {
      expect(parse(`year_to=${encodeURIComponent(bad)}`).year_to, bad).toBe(2030);
    }
    expect(parse('year_from=2019').year_from).toBe(2026);
  });

  it("reads a year_to alone from the start of that year's period, not from a later default", () => {
    expect(parse('year_to=2023')).toMatchObject({ year_from: 2021, year_to: 2023 });
    expect(parse('year_to=2027')).toMatchObject({ year_from: 2026, year_to: 2027 });
    // A range the wrong way round: year_to wins, from the start of its period.
    expect(parse('year_from=2025&year_to=2022')).toMatchObject({ year_from: 2021, year_to: 2022 });
  });

  it('reads a movement only as a whole number from 1', () => {
    expect(parse('movement=7').movement).toBe(7);
    for (const bad of ['0', '-2', '2.5', 'abc', '']) expect(parse(`movement=${bad}`).movement, bad).toBeNull();
  });

  it('reads an empty text filter as not set', () => {
    expect(parse('plan=&agency=&bloc=&kind=')).toEqual(DEFAULT);
  });

  it("reads rollup=1 and rollup=0 over the page's default, anything else as the default", () => {
    expect(parse('rollup=1').rollup).toBe(true);
    expect(parse('rollup=0', ROLLED).rollup).toBe(false);
    expect(parse('rollup=yes').rollup).toBe(false);
    expect(parse('rollup=yes', ROLLED).rollup).toBe(true);
  });

  it('reads as_of only as a real date, where the service declares it, and then not rollup', () => {
    expect(asOfOffered()).toBe(true);
    expect(parse('as_of=2025-07-01&rollup=1', ROLLED)).toMatchObject({ as_of: '2025-07-01', rollup: false });
    expect(parse('as_of=2025-02-30&rollup=1').as_of).toBeNull();
    expect(parse('as_of=2025-02-30&rollup=1').rollup).toBe(true);
    expect(parse('as_of=1/7/2025').as_of).toBeNull();
    // plans_catalogue declares no as_of: a page that asks it never reads one from the URL.
    const noDate: FilterDefaults = { rollup: false, asOfQueries: ['overview_headline', 'plans_catalogue'] };
    expect(asOfOffered(noDate)).toBe(false);
    expect(parse('as_of=2025-07-01', noDate).as_of).toBeNull();
    expect(asOfOffered({ rollup: false, asOfQueries: [] })).toBe(false);
  });
});

describe('filtersToParams', () => {
  it('writes nothing for the defaults, so a plain view keeps a plain URL', () => {
    expect(filtersToParams(DEFAULT)).toEqual({});
    expect(filtersToParams({ ...DEFAULT, rollup: true }, ROLLED)).toEqual({});
    expect(hasActiveFilters(DEFAULT)).toBe(false);
  });

  it('writes what differs from the defaults', () => {
    expect(filtersToParams({ ...DEFAULT, year_from: 2021, movement: 3, kind: 'tap_the', rollup: true })).toEqual({
      year_from: '2021',
      movement: '3',
      kind: 'tap_the',
      rollup: '1',
    });
    expect(filtersToParams(DEFAULT, ROLLED)).toEqual({ rollup: '0' });
    expect(hasActiveFilters(DEFAULT, ROLLED)).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT, agency: 'SYT' })).toBe(true);
  });

  it('writes a date instead of rollup, never both', () => {
    expect(filtersToParams({ ...DEFAULT, as_of: '2025-07-01' }, ROLLED)).toEqual({ as_of: '2025-07-01' });
    expect(filtersToParams({ ...DEFAULT, as_of: '2025-07-01', rollup: true })).toEqual({ as_of: '2025-07-01' });
  });

  it('writes only the known filter names', () => {
    const all = filtersToParams({
      year_from: 2021,
      year_to: 2022,
      plan: 'p',
      movement: 1,
      agency: 'a',
      bloc: 'b',
      kind: 'k',
      rollup: true,
      as_of: null,
    });
    expect(Object.keys(all).every((k) => (FILTER_KEYS as readonly string[]).includes(k))).toBe(true);
  });
});

/** Any filters a page can hold: years in the plans' range (from ≤ to), a date only with rollup off. */
const text = fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null });
const validFilters = fc
  .record({
    a: fc.integer({ min: 2021, max: 2030 }),
    b: fc.integer({ min: 2021, max: 2030 }),
    plan: text,
    movement: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
    agency: text,
    bloc: text,
    kind: text,
    rollup: fc.boolean(),
    as_of: fc.option(
      fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      { nil: null },
    ),
  })
  .map(
    ({ a, b, as_of, rollup, ...rest }): Filters => ({
      ...rest,
      year_from: Math.min(a, b),
      year_to: Math.max(a, b),
      as_of,
      rollup: as_of ? false : rollup,
    }),
  );
const defaults = fc.constantFrom(PLAIN, ROLLED);

describe('URL round trips (properties)', () => {
  it('reads back exactly the filters it wrote, through a real query string', () => {
    fc.assert(
      fc.property(validFilters, defaults, (filters, d) => {
        const search = new URLSearchParams(filtersToParams(filters, d)).toString();
        expect(parse(search, d)).toEqual(filters);
      }),
    );
  });

  it('settles any URL in one step: what it reads, it writes and reads the same again', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -5, max: 2040 }).map(String),
      fc.constantFrom('0', '1', '2025-07-01', '2025-02-30', '30/6/2025'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FILTER_KEYS, 'colour'), value), defaults, (raw, d) => {
        const once = parseFilters(new URLSearchParams(raw), d);
        expect(parse(new URLSearchParams(filtersToParams(once, d)).toString(), d)).toEqual(once);
        expect(once.year_from).toBeLessThanOrEqual(once.year_to);
        expect(once.as_of === null || once.rollup === false).toBe(true);
      }),
    );
  });
});

describe('filtersToQuery', () => {
  it('always sends the full year range, rollup only when on, and a date instead of it', () => {
    expect(filtersToQuery(DEFAULT)).toEqual({ year_from: '2026', year_to: '2030' });
    expect(filtersToQuery({ ...DEFAULT, rollup: true, agency: 'SYT' })).toEqual({
      year_from: '2026',
      year_to: '2030',
      agency: 'SYT',
      rollup: 'true',
    });
    expect(filtersToQuery({ ...DEFAULT, as_of: '2025-07-01', rollup: true })).toEqual({
      year_from: '2026',
      year_to: '2030',
      as_of: '2025-07-01',
    });
  });

  it('is a request the reporting service accepts, for any filters the URL can hold (real service)', async () => {
    const filters = fc.record({
      years: fc.tuple(fc.integer({ min: 2021, max: 2030 }), fc.integer({ min: 2021, max: 2030 })),
      plan: fc.constantFrom(null, '90/KH-UBND', PLAN_26),
      movement: fc.constantFrom(null, 1, 3, 20),
      agency: fc.constantFrom(null, 'SYT', 'SNV'),
      kind: fc.constantFrom(null, 'ca_nhan', 'tap_the'),
      view: fc.constantFrom<[boolean, string | null]>([false, null], [true, null], [false, '2025-07-01']),
    });
    await fc.assert(
      fc.asyncProperty(filters, async ({ years, plan, movement, agency, kind, view }) => {
        const search = new URLSearchParams(
          filtersToParams({
            year_from: Math.min(...years),
            year_to: Math.max(...years),
            plan,
            movement,
            agency,
            bloc: null,
            kind,
            rollup: view[0],
            as_of: view[1],
          }),
        );
        const answer = await query('overview_headline', filtersToQuery(parseFilters(search)));
        expect(answer.ok, JSON.stringify(answer.ok ? null : answer.error)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('drillParams', () => {
  const base: Filters = { ...DEFAULT, year_from: 2021, year_to: 2025, agency: 'SYT', rollup: true };

  it("narrows the page's filters to one year, keeping the rest", () => {
    expect(drillParams(base, { year: 2023 })).toEqual({ year_from: '2023', year_to: '2023', agency: 'SYT', rollup: '1' });
  });

  it('narrows to a movement, an agency, a bloc and a kind at once', () => {
    expect(drillParams(base, { movement: 3, agency: 'SNV', bloc: 'K_VHXH', kind: 'ca_nhan' })).toEqual({
      year_from: '2021',
      year_to: '2025',
      movement: '3',
      agency: 'SNV',
      bloc: 'K_VHXH',
      kind: 'ca_nhan',
      rollup: '1',
    });
  });

  it("is the page's own URL for a mark that picks nothing, and reads back to the narrowed filters", () => {
    expect(drillParams(base, {})).toEqual(filtersToParams(base));
    const drilled = parse(new URLSearchParams(drillParams(base, { year: 2022, kind: 'tap_the' })).toString());
    expect(drilled).toEqual({ ...base, year_from: 2022, year_to: 2022, kind: 'tap_the' });
  });
});

describe('isoDate and isoFromViDate', () => {
  it('accepts real calendar days only', () => {
    expect(isoDate('2024-02-29')).toBe('2024-02-29');
    expect(isoDate('2025-02-29')).toBeNull();
    expect(isoDate('2025-13-01')).toBeNull();
    expect(isoDate('2025-04-31')).toBeNull();
    expect(isoDate('2025-4-30')).toBeNull();
    expect(isoDate(' 2025-04-30')).toBeNull();
    expect(isoDate('')).toBeNull();
    expect(isoDate(null)).toBeNull();
    expect(isoDate(undefined)).toBeNull();
  });

  it('reads the ways people write a day (/ . -, with or without leading zeros)', () => {
    expect(isoFromViDate('30/6/2025')).toBe('2025-06-30');
    expect(isoFromViDate('30/06/2025')).toBe('2025-06-30');
    expect(isoFromViDate('1.7.2025')).toBe('2025-07-01');
    expect(isoFromViDate('01-07-2025')).toBe('2025-07-01');
    expect(isoFromViDate('  1/7/2025 ')).toBe('2025-07-01');
  });

  it('refuses what is not a day, or not written day first', () => {
    for (const bad of ['31/6/2025', '29/2/2025', '2025-06-30', '6/2025', '1/7/25', '1/7/2025 10:00', ''])
      expect(isoFromViDate(bad), bad).toBeNull();
  });

  it('reads back every day the app writes (formatIsoDate), and every ISO day is itself', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(isoDate(iso)).toBe(iso);
        expect(isoFromViDate(formatIsoDate(iso))).toBe(iso);
        const [y, m, day] = iso.split('-');
        expect(isoFromViDate(`${Number(day)}/${Number(m)}/${y}`)).toBe(iso);
      }),
    );
  });
});
