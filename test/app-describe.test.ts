import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The app's .svelte.ts modules keep their state in $state, which Svelte compiles to its deep
// proxy (compileModule emits `$.proxy(…)`); vitest runs them uncompiled, so the rune is that proxy.
await vi.hoisted(async () => {
  // @ts-expect-error -- Svelte's internal client module ships no type declarations
  const { proxy } = (await import('svelte/internal/client')) as { proxy: <T>(value: T) => T };
  Object.assign(globalThis, { $state: proxy });
});
import { describeFilters, describeScope, describeSource, describeView, SOURCE } from '../dashboard/app/lib/describe.ts';
import type { Filters } from '../dashboard/app/lib/filters.ts';
import { catalogue, loadCatalogue } from '../dashboard/app/lib/catalogue.svelte.ts';
import { plans } from '../dashboard/app/lib/plans.svelte.ts';
import { vocabulary } from '../dashboard/app/lib/vocabulary.svelte.ts';
import { query } from '../dashboard/app/lib/query.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';

// dashboard/app/lib/describe.ts: the line under every chart, table and export that says which
// filters, agency view and snapshot the figures are of. Names come from the catalogue the app
// reads from a real reporting service (test/queries-fixture.ts: the shipped catalogue, Plan 90).

let service: FixtureService;

beforeAll(async () => {
  service = await startFixtureService();
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => service.app.request(input, init));
  await loadCatalogue();
  if (!catalogue.loaded || !plans.loaded || !vocabulary.loaded)
    throw new Error(`catalogue not read: ${catalogue.error ?? plans.error ?? vocabulary.error}`);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await service?.stop();
});

const PLAIN: Filters = {
  year_from: 2021,
  year_to: 2025,
  plan: null,
  movement: null,
  agency: null,
  bloc: null,
  kind: null,
  rollup: false,
  as_of: null,
};

describe('describeScope', () => {
  it('says the years alone when nothing is narrowed, one year as itself', () => {
    expect(describeScope(PLAIN)).toBe('Năm 2021–2025');
    expect(describeScope({ ...PLAIN, year_from: 2023, year_to: 2023 })).toBe('Năm 2023');
  });

  it("names the plan, movement, agency, bloc and kind in the users' words, in that order", () => {
    expect(describeScope({ ...PLAIN, plan: '90/KH-UBND', movement: 3, agency: 'SYT', bloc: 'K_VANHOA_XAHOI', kind: 'ca_nhan' })).toBe(
      'Năm 2021–2025 · Kế hoạch 90/KH-UBND · Phong trào PT 3 · Y tế: phục vụ người bệnh, chống Covid-19 · Đơn vị: Sở Y tế · Khối: Khối các sở, ngành văn hóa - xã hội · Loại: Cá nhân',
    );
  });

  it('falls back to the code for what the catalogue does not know', () => {
    expect(describeScope({ ...PLAIN, plan: '7/KH-XYZ', agency: 'SXYZ', bloc: 'K_XYZ', kind: 'doanh_nghiep' })).toBe(
      'Năm 2021–2025 · Kế hoạch 7/KH-XYZ · Đơn vị: SXYZ · Khối: K_XYZ · Loại: doanh_nghiep',
    );
  });

  it('says an unknown movement once as "Phong trào 99", not "Phong trào Phong trào 99"', () => {
    expect(describeScope({ ...PLAIN, movement: 99 })).toBe('Năm 2021–2025 · Phong trào 99');
  });
});

describe('describeView', () => {
  it('says which agency view the figures use', () => {
    expect(describeView(false)).toBe('Số liệu theo đơn vị ghi nhận (chưa gộp đơn vị đã sáp nhập)');
    expect(describeView(true)).toBe('Số liệu theo tổ chức cuối kỳ kế hoạch (đơn vị đã sáp nhập, chia tách tính vào đơn vị kế thừa)');
  });

  it('names the date, day first, when the figures follow the organisation of a day (over rollup)', () => {
    const text = describeView(true, '2025-07-01');
    expect(text).toMatch(/^Số liệu theo tổ chức tại ngày 01\/07\/2025 \(/);
    expect(text).toBe(describeView(false, '2025-07-01'));
  });
});

describe('describeFilters', () => {
  it('is the scope, then the view', () => {
    expect(describeFilters({ ...PLAIN, agency: 'SNV', rollup: true })).toBe(`Năm 2021–2025 · Đơn vị: Sở Nội vụ · ${describeView(true)}`);
    expect(describeFilters({ ...PLAIN, as_of: '2025-06-30' })).toBe(`Năm 2021–2025 · ${describeView(false, '2025-06-30')}`);
  });
});

describe('describeSource', () => {
  it('is the bare source without a snapshot', () => {
    expect(describeSource(null)).toBe(SOURCE);
    expect(describeSource({ version: null, createdAt: null })).toBe(SOURCE);
  });

  it('cites the snapshot number and its time in Hưng Yên', () => {
    expect(describeSource({ version: 3, createdAt: '2025-06-30T17:05:00.000Z' })).toBe(
      `${SOURCE}, bản chốt số liệu số 3, ngày 01/07/2025 00:05`,
    );
  });

  it('cites the snapshot a real answer came from', async () => {
    const answer = await query('overview_headline');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(describeSource(answer.snapshot)).toMatch(
      new RegExp(`^${SOURCE.replace(/[()]/g, '\\$&')}, bản chốt số liệu số 1, ngày \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$`),
    );
  });
});
