// The demo data set generator (fixtures/): deterministic bytes, the plan's rules, realism
// that the dashboard's questions need (depth for Section V, late plans, lifetimes), and the
// sample upload files. Everything runs on the real generator output at scale 1.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCongressFile, readOrganisationFile, readPlanFile } from '../contracts/catalogueFiles.ts';
import { foldKey } from '../ingest/text/normalise.ts';
import { agenciesOf, demoCatalogue, householdMovements, successionsOf } from '../fixtures/catalogue/demoCatalogue.ts';
import { csvLine } from '../fixtures/output/csvText.ts';
import { batchCsv, sha256 } from '../fixtures/generator/batchCsv.ts';
import { demoManifest, generateDemo, type DemoDataSet } from '../fixtures/generator/generateDemo.ts';
import { nearestLevel, seatsCuttingTie } from '../fixtures/generator/delegateSeats.ts';
import { createRng } from '../fixtures/generator/prng.ts';
import { agencyYearRows } from '../fixtures/sampleFiles/sampleRows.ts';
import { toCp1258Form } from '../fixtures/sampleFiles/excelCsv.ts';
import { SAMPLE_FILES } from '../fixtures/sampleFiles/writeSamples.ts';
import { CATEGORY_CODES, FORM_CODES, KIND_CODES, STAGE_CODES } from '../fixtures/demoTypes.ts';
import { writeDemoFiles } from '../fixtures/writeDemoFiles.ts';

const COMMITTED_SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'samples');
const dirs: string[] = [];
/** The whole data set, and its Plan 90 part (Hưng Yên 2021–2025) that most tests here are about. */
let full: DemoDataSet;
let ds: DemoDataSet;

// Plan 90's catalogue, from the shipped files (catalogue/), as the generator reads it.
const CAT = demoCatalogue();
const AGENCIES = agenciesOf(CAT.organisation, CAT.sizes);
/** Successions that carry a predecessor's whole list on (all, or the rest of a split), as the Plan 90 model uses them. */
const SUCCESSIONS = successionsOf(CAT.organisation).filter((s) => s.takes.by === 'all' || s.takes.by === 'rest');
const MOVEMENTS = CAT.plan90.movements;
const [HOUSEHOLD_MOVEMENT] = [...householdMovements(CAT.plan90)];
const FIRST_YEAR = CAT.plan90.firstYear;
const LAST_YEAR = CAT.plan90.lastYear;
const PLAN_DEADLINE = CAT.plan90.submissionDeadline;
const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'demo-hy-2021-2025-counts.json'), 'utf8')) as {
  csvSha256: Record<string, string>;
  counts: Record<string, number>;
};

/** The Plan 90 part of a data set: the first rows of every list, Hưng Yên's agencies. */
function plan90Part(d: DemoDataSet): DemoDataSet {
  const p = d.plan90Part;
  const ex = d.exemplars;
  const rec = d.recognitions;
  const n = p.exemplars;
  return {
    ...d,
    agencies: d.agencies.slice(0, AGENCIES.length),
    exemplars: {
      count: n,
      code: ex.code.slice(0, n),
      name: ex.name.slice(0, n),
      unit: ex.unit.slice(0, n),
      nameKey: ex.nameKey.slice(0, n),
      unitKey: ex.unitKey.slice(0, n),
      kind: ex.kind.subarray(0, n),
      category: ex.category.subarray(0, n),
      stage: ex.stage.subarray(0, n),
      agency: ex.agency.subarray(0, n),
      movement: ex.movement.subarray(0, n),
      plan: ex.plan.subarray(0, n),
      lineage: ex.lineage.subarray(0, n),
      firstBatch: ex.firstBatch.subarray(0, n),
    },
    recognitions: {
      count: p.recognitions,
      exemplar: rec.exemplar.subarray(0, p.recognitions),
      year: rec.year.subarray(0, p.recognitions),
      form: rec.form.subarray(0, p.recognitions),
      decision: rec.decision.subarray(0, p.recognitions),
      batch: rec.batch.subarray(0, p.recognitions),
    },
    batches: d.batches.slice(0, p.batches),
    plans: d.plans.slice(0, p.plans),
    targets: d.targets.slice(0, p.targets),
  };
}

/** The five CSV files as the generator wrote them before later periods existed (no plan columns). */
function plan90Csv(d: DemoDataSet): Record<string, string> {
  const file = (header: string, lines: (string | number)[][]): string => `${header}\n${lines.map((l) => `${csvLine(l)}\n`).join('')}`;
  const ex = d.exemplars;
  const rec = d.recognitions;
  const agency = (e: number): string => d.agencies[ex.agency[e] as number]?.code as string;
  return {
    'exemplars.csv': file(
      'code,name,unit,kind,category,agency,movement,stage',
      Array.from({ length: ex.count }, (_, e) => [
        ex.code[e]!,
        ex.name[e]!,
        ex.unit[e]!,
        KIND_CODES[ex.kind[e]!]!,
        CATEGORY_CODES[ex.category[e]!]!,
        agency(e),
        ex.movement[e]!,
        STAGE_CODES[ex.stage[e]!]!,
      ]),
    ),
    'recognitions.csv': file(
      'exemplar_code,agency,year,form,decision_no,decision_date',
      Array.from({ length: rec.count }, (_, r) => {
        const e = rec.exemplar[r]!;
        const dec = d.decisions[rec.decision[r]!]!;
        return [ex.code[e]!, agency(e), rec.year[r]!, FORM_CODES[rec.form[r]!]!, dec.no, dec.date];
      }),
    ),
    'plans.csv': file(
      'agency,document_no,submitted_on',
      d.plans.map((p) => [p.agency, p.documentNo, p.submittedOn]),
    ),
    'plan_targets.csv': file(
      'agency,movement,kind,target',
      d.targets.map((t) => [t.agency, t.movement, t.kind, t.target]),
    ),
    'allocations.csv': file(
      'agency,seats',
      d.allocations.map((a) => [a.agency, a.seats]),
    ),
  };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'demo-gen-'));
  dirs.push(dir);
  return dir;
}

/** Every file under `dir`, relative path → bytes. */
function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) for (const [k, v] of readTree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel)));
  }
  return out;
}

/** cong_nhan_dhtt years per exemplar (Section V's count). */
function timesRecognised(d: DemoDataSet): Uint8Array {
  const times = new Uint8Array(d.exemplars.count);
  for (let r = 0; r < d.recognitions.count; r++) if (d.recognitions.form[r] === 0) times[d.recognitions.exemplar[r] as number]! += 1;
  return times;
}

/** Where the newest succession chain ends, like the reporting_agency macro; `code` when not merged. */
function reportingAgency(code: string, rollup: boolean): string {
  let current = code;
  while (rollup) {
    const next = SUCCESSIONS.filter((s) => s.predecessor === current).sort(
      (x, y) => y.effective.localeCompare(x.effective) || x.successor.localeCompare(y.successor),
    )[0];
    if (!next) break;
    current = next.successor;
  }
  return current;
}

interface CutOff {
  agency: string;
  seats: number;
  /** The group at the last seat straddles it (the council decides). */
  tie: boolean;
  /** Distinct counts among the seated. */
  levels: number;
}

/**
 * Section V as the congress page computes it (queries' delegate_ranking): per agency, its
 * exemplars ranked by distinct years with a cong_nhan_dhtt recognition, the allocations summed
 * per reporting agency, and the status of the count group at the last seat.
 */
function sectionV(d: DemoDataSet, rollup: boolean): CutOff[] {
  const years = new Uint8Array(d.exemplars.count); // one bit per year
  for (let r = 0; r < d.recognitions.count; r++)
    if (d.recognitions.form[r] === 0)
      years[d.recognitions.exemplar[r] as number]! |= 1 << ((d.recognitions.year[r] as number) - FIRST_YEAR);
  const counts = new Map<string, number[]>();
  for (let e = 0; e < d.exemplars.count; e++) {
    if (years[e] === 0) continue;
    const code = reportingAgency(d.agencies[d.exemplars.agency[e] as number]?.code as string, rollup);
    counts.set(code, [...(counts.get(code) ?? []), (years[e] as number).toString(2).replace(/0/g, '').length]);
  }
  const seats = new Map<string, number>();
  for (const a of d.allocations)
    seats.set(reportingAgency(a.agency, rollup), (seats.get(reportingAgency(a.agency, rollup)) ?? 0) + a.seats);
  return [...seats].map(([agency, n]) => {
    const sorted = (counts.get(agency) ?? []).sort((a, b) => b - a);
    const seated = sorted.slice(0, n);
    const last = seated[seated.length - 1];
    return { agency, seats: n, tie: n < sorted.length && sorted[n] === last, levels: new Set(seated).size };
  });
}

beforeAll(() => {
  full = generateDemo({ seed: 2021, scale: 1 });
  ds = plan90Part(full);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('determinism', () => {
  it('writes byte-identical files, samples included, for the same seed', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await writeDemoFiles(generateDemo({ seed: 2021, scale: 1 }), a, join(a, 'samples'));
    await writeDemoFiles(generateDemo({ seed: 2021, scale: 1 }), b, join(b, 'samples'));
    const [ta, tb] = [readTree(a), readTree(b)];
    expect([...ta.keys()].sort()).toEqual([...tb.keys()].sort());
    expect([...ta.keys()]).toEqual(
      expect.arrayContaining([
        'exemplars.csv',
        'recognitions.csv',
        'plans.csv',
        'plan_targets.csv',
        'allocations.csv',
        'manifest.json',
        join('samples', 'template.xlsx'),
      ]),
    );
    for (const [name, bytes] of ta) expect(bytes.equals(tb.get(name) as Buffer), name).toBe(true);
    expect(ta.get('manifest.json')?.toString()).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamps
  });

  it('the committed fixtures/samples are what seed 2021, scale 1 writes today', async () => {
    const dir = tempDir();
    await writeDemoFiles(full, join(dir, 'out'), join(dir, 'samples'));
    const fresh = readTree(join(dir, 'samples'));
    const committed = readTree(COMMITTED_SAMPLES);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [name, bytes] of fresh)
      expect(
        bytes.equals(committed.get(name) as Buffer),
        `${name} is stale: run npm run generate -- --out <tmp> --samples fixtures/samples`,
      ).toBe(true);
  });

  it('Hưng Yên 2021–2025 is byte for byte what the generator wrote before later periods existed (test/fixtures/demo-hy-2021-2025-counts.json)', () => {
    const files = plan90Csv(ds);
    for (const [name, text] of Object.entries(files)) expect(sha256(text), name).toBe(recorded.csvSha256[name]);
    expect(ds.exemplars.count).toBe(recorded.counts.exemplars);
    expect(ds.batches.length + 1).toBe(recorded.counts.batches);
  });

  it('another seed gives another province; the PRNG repeats itself for one seed', () => {
    const other = generateDemo({ seed: 7, scale: 1 });
    expect(other.exemplars.name.slice(0, 50)).not.toEqual(ds.exemplars.name.slice(0, 50));
    const [r1, r2] = [createRng(42), createRng(42)];
    const draws = Array.from({ length: 5 }, () => [r1.next(), r2.next()]);
    for (const [x, y] of draws) expect(x).toBe(y);
  });

  it('calls Math.random nowhere in fixtures/', () => {
    const tree = readTree(join(import.meta.dirname, '..', 'fixtures'));
    for (const [name, bytes] of tree) if (name.endsWith('.ts')) expect(bytes.toString(), name).not.toMatch(/Math\.random\s*\(/);
  });
});

describe("the plan's rules", () => {
  it('households only in movement 8; movements 1–20, all of them used', () => {
    const used = new Set<number>();
    for (let e = 0; e < ds.exemplars.count; e++) {
      const movement = ds.exemplars.movement[e] as number;
      used.add(movement);
      if (KIND_CODES[ds.exemplars.kind[e] as number] === 'ho_gia_dinh') expect(movement).toBe(HOUSEHOLD_MOVEMENT);
    }
    expect([...used].sort((a, b) => a - b)).toEqual(MOVEMENTS.map((m) => m.no));
    expect(ds.exemplars.kind.some((k) => KIND_CODES[k] === 'ho_gia_dinh')).toBe(true);
  });

  it('years only 2021–2025, each with 2,500–4,000 recognitions at scale 1', () => {
    const byYear = demoManifest(ds).recognitionsByYear;
    expect(Object.keys(byYear).map(Number).sort()).toEqual([2021, 2022, 2023, 2024, 2025]);
    for (const y of ds.recognitions.year) expect(y >= FIRST_YEAR && y <= LAST_YEAR).toBe(true);
    for (const n of Object.values(byYear)) expect(n >= 2_500 && n <= 4_000, String(n)).toBe(true);
  });

  it('every agency with data is in the catalogue', () => {
    const codes = new Set(AGENCIES.map((a) => a.code));
    const named = new Set([
      ...[...ds.exemplars.agency].map((i) => ds.agencies[i]?.code),
      ...ds.batches.map((b) => b.agency),
      ...ds.plans.map((p) => p.agency),
      ...ds.targets.map((t) => t.agency),
      ...ds.allocations.map((a) => a.agency),
    ]);
    for (const code of named) expect(codes.has(code as string), String(code)).toBe(true);
    expect(ds.agencies).toEqual(AGENCIES);
  });

  it('respects agency lifetimes: merged agencies stop, new agencies start, successors carry on', () => {
    const years = (code: string): number[] => ds.batches.filter((b) => b.agency === code).map((b) => b.year);
    for (const agency of AGENCIES) {
      if (agency.activeTo && agency.activeTo < '2025-06-01') expect(years(agency.code), agency.code).not.toContain(2025);
      if (agency.activeFrom) expect(years(agency.code), agency.code).toEqual([2025]);
    }
    for (const b of ds.batches) {
      const agency = AGENCIES.find((a) => a.code === b.agency)!;
      for (let r = b.start; r < b.end; r++) {
        const date = ds.decisions[ds.recognitions.decision[r] as number]?.date as string;
        expect(date.slice(0, 4)).toBe(String(b.year));
        if (ds.recognitions.form[r] === 0) {
          expect(!agency.activeFrom || date >= agency.activeFrom, `${b.agency} ${date}`).toBe(true);
          expect(!agency.activeTo || date <= agency.activeTo, `${b.agency} ${date}`).toBe(true);
        }
      }
    }
    // SNV took over Sở LĐ-TB&XH on 1 March 2025: its 2025 list grows, movement 8 included.
    const snv = (year: number): number =>
      ds.batches.filter((b) => b.agency === 'SNV' && b.year === year).reduce((s, b) => s + b.end - b.start, 0);
    expect(snv(2025)).toBeGreaterThan(1.5 * snv(2024));
    // A 2025 successor carries on some of its predecessors' exemplars (same name and unit).
    const snnmt = AGENCIES.findIndex((a) => a.code === 'SNNMT');
    const predecessorKeys = new Set<string>();
    for (let e = 0; e < ds.exemplars.count; e++) {
      const code = ds.agencies[ds.exemplars.agency[e] as number]?.code;
      if (code === 'SNNPTNT' || code === 'STNMT') predecessorKeys.add(`${ds.exemplars.nameKey[e]}|${ds.exemplars.unitKey[e]}`);
    }
    let carried = 0;
    for (let e = 0; e < ds.exemplars.count; e++)
      if (ds.exemplars.agency[e] === snnmt && predecessorKeys.has(`${ds.exemplars.nameKey[e]}|${ds.exemplars.unitKey[e]}`)) carried++;
    expect(carried).toBeGreaterThan(0);
  });

  it('some plans are late, most are on time; some agencies behind and some ahead of their targets', () => {
    expect(new Set(ds.plans.map((p) => p.plan))).toEqual(new Set([CAT.plan90.code]));
    const late = ds.plans
      .filter((p) => p.submittedOn > PLAN_DEADLINE)
      .map((p) => p.agency)
      .sort();
    expect(late).toEqual(ds.latePlans);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(ds.plans.length / 4);
    const progress = (code: string): number => {
      const target = ds.targets.filter((t) => t.agency === code).reduce((s, t) => s + t.target, 0);
      const index = AGENCIES.findIndex((a) => a.code === code);
      const done = ds.exemplars.agency.filter((a) => a === index).length;
      return done / target;
    };
    for (const code of ds.behindPlan) expect(progress(code), code).toBeLessThan(0.75);
    for (const code of ds.aheadOfPlan) expect(progress(code), code).toBeGreaterThan(1.25);
  });
});

describe('Section V depth and the tie at a cut-off', () => {
  it('many exemplars are recognised in several years; all five years is rare, a few per large agency', () => {
    const times = timesRecognised(ds);
    const histogram = new Map<number, number>();
    for (const t of times) histogram.set(t, (histogram.get(t) ?? 0) + 1);
    expect(histogram.get(5) ?? 0).toBeGreaterThan(50);
    expect(histogram.get(5) ?? 0).toBeLessThan(ds.exemplars.count / 50);
    expect((histogram.get(2) ?? 0) + (histogram.get(3) ?? 0) + (histogram.get(4) ?? 0)).toBeGreaterThan(ds.exemplars.count / 4);
    // Each large agency has a few, never enough to fill its seats on their own.
    for (const agency of AGENCIES.filter((a) => a.size >= 8)) {
      const index = AGENCIES.indexOf(agency);
      const allFive = times.filter((t, e) => t === 5 && ds.exemplars.agency[e] === index).length;
      const seats = ds.allocations.find((a) => a.agency === agency.code)?.seats as number;
      expect(allFive, agency.code).toBeGreaterThan(0);
      expect(allFive, agency.code).toBeLessThan(seats);
    }
  });

  it('most allocations stop cleanly after two or more count levels; a handful cut through a tie', () => {
    // Rolled up is the congress page's view for 2025; as recorded, the agencies merged in 2025
    // stand apart from their successors' seats, so only the planted ties are asserted there.
    const rolledUp = sectionV(ds, true);
    const clean = rolledUp.filter((c) => !c.tie);
    const ties = rolledUp.filter((c) => c.tie).map((c) => c.agency);
    expect(rolledUp.length).toBeGreaterThan(30);
    expect(clean.length / rolledUp.length).toBeGreaterThanOrEqual(0.7);
    expect(clean.filter((c) => c.levels >= 2).length / rolledUp.length).toBeGreaterThanOrEqual(0.7);
    expect(ties.length).toBeGreaterThanOrEqual(2);
    expect(ties.length).toBeLessThanOrEqual(6);
    expect(ties).toContain(ds.tie.agency);
    const recorded = sectionV(ds, false);
    expect(recorded.filter((c) => !c.tie).length / recorded.length).toBeGreaterThanOrEqual(0.7);
    expect(recorded.filter((c) => c.tie).map((c) => c.agency)).toEqual(
      expect.arrayContaining(
        ties.filter(
          (code) => reportingAgency(code, true) === reportingAgency(code, false) && !SUCCESSIONS.some((s) => s.successor === code),
        ),
      ),
    );
  });

  it("the manifest's tie agency has its allocation cut through exemplars tied on times recognised", () => {
    const times = timesRecognised(ds);
    const index = AGENCIES.findIndex((a) => a.code === ds.tie.agency);
    const sorted = [...times].filter((_, e) => ds.exemplars.agency[e] === index).sort((a, b) => b - a);
    const seats = ds.allocations.find((a) => a.agency === ds.tie.agency)?.seats as number;
    expect(seats).toBe(ds.tie.seats);
    expect(sorted[seats - 1]).toBe(sorted[seats]);
    expect(sorted[seats - 1]).toBe(ds.tie.cutoffTimes);
    expect(sorted.filter((t) => t === ds.tie.cutoffTimes).length).toBe(ds.tie.tiedExemplars);
    expect(ds.tie.tiedExemplars).toBeGreaterThan(ds.tie.seatsForTied);
    expect(demoManifest(ds).sectionVTie).toEqual(ds.tie);
  });

  it('seatsCuttingTie moves a cut-off into the nearest tied group', () => {
    expect(seatsCuttingTie([5, 4, 3, 3, 2], 2)).toBe(3);
    expect(seatsCuttingTie([5, 5, 4, 3, 2], 3)).toBe(1);
    expect(() => seatsCuttingTie([3, 2, 1], 1)).toThrow();
  });

  it('nearestLevel moves a share to the nearest whole count level, preferring more than the top level', () => {
    expect(nearestLevel([5, 4, 4, 3, 3, 3, 2], 3)).toBe(3);
    expect(nearestLevel([5, 4, 3, 3, 3, 3, 2, 2], 3)).toBe(2);
    expect(nearestLevel([5, 5, 4, 4, 4, 4, 4, 4, 2], 2)).toBe(2); // nothing below the top within reach
    expect(nearestLevel([3, 3, 2], 5)).toBe(3); // everyone seated
    expect(nearestLevel([3, 3, 3, 3, 3, 3, 3, 3], 2)).toBeUndefined();
  });
});

describe('rows match the database contract', () => {
  it('keys are foldKey of the text and unique per (agency, kind, name_key, unit_key) like the schema', () => {
    const seen = new Set<string>();
    const ex = ds.exemplars;
    for (let e = 0; e < ex.count; e++) {
      const key = `${ex.agency[e]}|${ex.kind[e]}|${ex.nameKey[e]}|${ex.unitKey[e]}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      if (e % 97 === 0) {
        expect(ex.nameKey[e]).toBe(foldKey(ex.name[e] as string));
        expect(ex.unitKey[e]).toBe(foldKey(ex.unit[e] as string));
      }
    }
    expect(new Set(ex.code).size).toBe(ex.count);
  });

  it("each batch's sha256 is the hash of its canonical file, named like demo/SYT_2023.csv", () => {
    for (const b of ds.batches.slice(0, 20)) {
      expect(b.sha256).toBe(sha256(batchCsv(ds, b.start, b.end)));
      expect(b.fileName).toBe(`demo/${b.agency}_${b.year}.csv`);
    }
    expect(new Set(ds.batches.map((b) => `${b.agency}_${b.year}`)).size).toBe(ds.batches.length);
  });
});

describe('sample uploads', () => {
  const sample = (file: string): Buffer => readFileSync(join(COMMITTED_SAMPLES, file));
  const spec = (i: number): (typeof SAMPLE_FILES)[number] => SAMPLE_FILES[i] as (typeof SAMPLE_FILES)[number];

  it('the hand-made workbook has title rows, numbering, an empty row, mixed dates, a total and a signature block', async () => {
    const { file, agency, year } = spec(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sample(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = (r: number, c = 1): string => String(ws.getCell(r, c).value ?? '');
    expect(text(2)).toBe(`DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN NĂM ${year}`);
    expect(text(3)).toMatch(/SYNTHETIC/);
    expect(text(4)).toMatch(/^\(Kèm theo Quyết định số \d+\/QĐ-/);
    expect(ws.getCell(2, 5).isMerged).toBe(true);
    expect(text(7, 1)).toBe('(1)');
    expect(ws.getRow(8).cellCount).toBe(0);
    const rows = agencyYearRows(ds, agency, year);
    expect(text(9 + rows.length)).toBe(`Tổng cộng: ${rows.length}`);
    expect(text(11 + rows.length)).toBe('NGƯỜI LẬP BIỂU');
    expect(text(11 + rows.length, 7)).toBe('THỦ TRƯỞNG ĐƠN VỊ');
    const dates = rows.map((_, i) => ws.getCell(9 + i, 11).value);
    expect(dates.some((d) => d instanceof Date)).toBe(true);
    expect(dates.some((d) => typeof d === 'string' && /^\d\d\/\d\d\/\d{4}$/.test(d))).toBe(true);
    const movements = rows.map((_, i) => ws.getCell(9 + i, 5).value);
    expect(movements.some((m) => typeof m === 'number')).toBe(true);
    expect(movements.some((m) => typeof m === 'string' && m.startsWith('PT số '))).toBe(true);
    expect(rows.map((_, i) => text(9 + i, 2))).toEqual(rows.map((r) => r.name));
  });

  it('the Excel CSV is UTF-8 with BOM, ";" and CRLF; the cp1258 CSV round-trips to the same names', () => {
    const bom = sample(spec(1).file);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bom.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toContain(';');
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('"');

    const { file, agency, year } = spec(2);
    const raw = sample(file);
    expect(raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const decoded = iconv.decode(raw, 'windows1258').normalize('NFC');
    expect(decoded).not.toContain('?');
    for (const r of agencyYearRows(ds, agency, year)) expect(decoded).toContain(r.name);
    expect(decoded).toMatch(/Hộ (ông|bà) /);
    const tricky = 'Nguyễn Thị Hồng Nhung, Đặng Văn Dũng, Trường THCS Đông Tảo, Ủy ban MTTQ Việt Nam';
    expect(iconv.decode(iconv.encode(toCp1258Form(tricky), 'windows1258'), 'windows1258').normalize('NFC')).toBe(tricky);
  });

  it('the JSON sample is an array of canonical records', () => {
    const { file, agency, year } = spec(3);
    const records = JSON.parse(sample(file).toString('utf8')) as Record<string, unknown>[];
    expect(records.length).toBe(agencyYearRows(ds, agency, year).length);
    expect(Object.keys(records[0]!).sort()).toEqual([
      'category',
      'code',
      'decision_date',
      'decision_no',
      'form',
      'kind',
      'movement',
      'name',
      'stage',
      'unit',
      'year',
    ]);
  });

  it('the template has a guidance row and the headers of docs/upload-format.md; bad_rows.csv has 8 rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sample('template.xlsx') as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'upload-format.md'), 'utf8');
    for (const h of headers) expect(doc, String(h)).toContain(`| ${String(h)} |`);
    expect(headers.length).toBe(11);
    const bad = sample('bad_rows.csv').toString('utf8').trimEnd().split('\r\n');
    expect(bad.length).toBe(9);
    expect(bad[1]).toBe(bad[8]);
  });
});

describe('the catalogue after Plan 90 (fixtures/catalogue/)', () => {
  const file = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'catalogue', name), 'utf8'));

  it('every demo catalogue file passes the validators the ingest service uses; the plans are marked synthetic, the congress is real', () => {
    for (const [name, read] of [
      ['thai-binh.organisation.json', readOrganisationFile],
      ['thai-binh.plan.json', readPlanFile],
      ['plan-2026-2030.json', readPlanFile],
      ['congress-hy-2025-i.json', readCongressFile],
    ] as const) {
      const result = (read as (json: unknown) => { ok: boolean })(file(name));
      expect(result.ok, name).toBe(true);
    }
    expect([CAT.tbPlan.synthetic, CAT.plan2026.synthetic, CAT.congress2025.synthetic]).toEqual([true, true, false]);
    expect(CAT.plan2026.reportingKinds).toContain('xa_phuong');
    expect(CAT.plan2026.reportingKinds).not.toContain('dia_phuong');
    expect(CAT.tbPlan.movements.filter((m) => m.households).length).toBe(1);
  });

  it("changes none of Plan 90's agency rows; every agency has a size; every later plan's lead agency exists in its period", () => {
    const shipped = new Set(AGENCIES.map((a) => a.code));
    expect(CAT.extraOrganisation.agencies.filter((a) => shipped.has(a.code))).toEqual([]);
    const all = [...AGENCIES, ...agenciesOf(CAT.extraOrganisation, CAT.sizes)];
    for (const plan of [CAT.tbPlan, CAT.plan2026]) {
      for (const m of plan.movements) {
        const lead = all.find((a) => a.code === m.leadAgency);
        expect(lead, `${plan.code} ${m.no}`).toBeDefined();
        expect(lead?.province, `${plan.code} ${m.no}`).toBe(plan.province);
        expect(!lead?.activeTo || lead.activeTo >= `${plan.firstYear}-01-01`, `${plan.code} ${m.no} ${m.leadAgency}`).toBe(true);
      }
    }
  });

  it('the later parts come after Plan 90 in every list and use their own plans, movement numbers and agencies', () => {
    const p = full.plan90Part;
    expect(full.exemplars.count).toBeGreaterThan(p.exemplars);
    for (let e = p.exemplars; e < full.exemplars.count; e++) {
      const plan = full.periodPlans[full.exemplars.plan[e] as number]!;
      expect(plan.code).not.toBe(CAT.plan90.code);
      expect(full.agencies[full.exemplars.agency[e] as number]?.province).toBe(plan.province);
      expect(plan.movements.some((m) => m.no === full.exemplars.movement[e])).toBe(true);
      if (full.exemplars.lineage[e] !== e) expect(full.exemplars.lineage[e]).toBeLessThan(e);
    }
    const years = new Set(Array.from(full.recognitions.year.subarray(p.recognitions)));
    expect([...years].sort()).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(full.laterAllocations.map((c) => c.batch.congress)).toEqual([CAT.congress2025.code]);
    expect(full.allocationBatch.congress).toBe(CAT.congressX.code);
  });
});
