import { query, rows } from './query.ts';
import { queryCatalogue, yearParams } from './queryCatalogue.svelte.ts';
import { formatDate } from './format.ts';

/** A registered plan (plans_catalogue): its identity, its period and whether it has data. */
export interface PlanEntry {
  code: string;
  number: string;
  title: string;
  issuedOn: number | null;
  issuedBy: string;
  province: string;
  provinceName: string;
  firstYear: number;
  lastYear: number;
  submissionDeadline: number | null;
  synthetic: boolean;
  movements: number;
  recognitions: number;
  latestWithData: boolean;
}

/** A period: the years of one or more plans (two provinces' plans may share it). */
export interface Period {
  firstYear: number;
  lastYear: number;
  plans: PlanEntry[];
}

export const plans = $state<{ list: PlanEntry[]; loaded: boolean; error: string | null }>({ list: [], loaded: false, error: null });

interface PlanRow {
  plan_code: string;
  number: string;
  title: string;
  issued_on: number | null;
  issued_by: string;
  province: string;
  province_name: string;
  first_year: number;
  last_year: number;
  submission_deadline: number | null;
  synthetic: boolean;
  movements: number;
  recognitions: number;
  is_latest_with_data: boolean;
}

// One collator for the sort: localeCompare(…, 'vi') builds one per comparison.
const byVietnamese = new Intl.Collator('vi').compare;

export async function loadPlans(): Promise<void> {
  const answer = await query('plans_catalogue');
  if (!answer.ok) {
    plans.error = answer.error.message;
    return;
  }
  plans.list = (rows(answer.table) as PlanRow[])
    .map((p) => ({
      code: p.plan_code,
      number: p.number,
      title: p.title,
      issuedOn: p.issued_on,
      issuedBy: p.issued_by,
      province: p.province,
      provinceName: p.province_name,
      firstYear: Number(p.first_year),
      lastYear: Number(p.last_year),
      submissionDeadline: p.submission_deadline,
      synthetic: Boolean(p.synthetic),
      movements: Number(p.movements ?? 0),
      recognitions: Number(p.recognitions ?? 0),
      latestWithData: Boolean(p.is_latest_with_data),
    }))
    .sort((a, b) => a.firstYear - b.firstYear || Number(a.synthetic) - Number(b.synthetic) || byVietnamese(a.number, b.number));
  plans.loaded = true;
  plans.error = null;
}

/** The distinct periods of the plans, oldest first. */
export function periods(): Period[] {
  const out: Period[] = [];
  for (const p of plans.list) {
    const period = out.find((x) => x.firstYear === p.firstYear && x.lastYear === p.lastYear);
    if (period) period.plans.push(p);
    else out.push({ firstYear: p.firstYear, lastYear: p.lastYear, plans: [p] });
  }
  return out.sort((a, b) => a.firstYear - b.firstYear);
}

export function planByCode(code: string | null | undefined): PlanEntry | undefined {
  return code ? plans.list.find((p) => p.code === code) : undefined;
}

/** The period that holds the years from–to, if one does. */
export function periodOf(from: number, to: number): Period | undefined {
  return periods().find((p) => p.firstYear <= from && to <= p.lastYear);
}

/** The period a year belongs to. */
export function periodOfYear(year: number): Period | undefined {
  return periodOf(year, year);
}

/** "first–last" (one year alone: that year). */
export function yearsText(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/**
 * The years the filters may take and their defaults: the latest period with data (the plan
 * flagged is_latest_with_data), within the years the reporting service accepts. Known once
 * the plans (and, when the service lists it, the query catalogue) are read.
 */
export interface YearContext {
  ready: boolean;
  min: number;
  max: number;
  defaultFrom: number;
  defaultTo: number;
}

export function yearContext(): YearContext {
  const accepted = yearParams();
  const list = plans.list;
  // Both answers first, or the defaults would move once the second one arrives.
  const settled = queryCatalogue.loaded || queryCatalogue.error !== null;
  if (!settled || (!plans.loaded && plans.error === null)) return { ready: false, min: 0, max: 0, defaultFrom: 0, defaultTo: 0 };
  if (list.length === 0) {
    if (!accepted) return { ready: false, min: 0, max: 0, defaultFrom: 0, defaultTo: 0 };
    // No plan listed (an older service): the service's own range and defaults.
    return {
      ready: true,
      min: accepted.min,
      max: accepted.max,
      defaultFrom: accepted.defaultFrom ?? accepted.min,
      defaultTo: accepted.defaultTo ?? accepted.max,
    };
  }
  const min = Math.max(Math.min(...list.map((p) => p.firstYear)), accepted?.min ?? -Infinity);
  const max = Math.min(Math.max(...list.map((p) => p.lastYear)), accepted?.max ?? Infinity);
  const latest = list.find((p) => p.latestWithData) ?? [...list].filter((p) => p.firstYear <= max).pop() ?? list[list.length - 1]!;
  const clamp = (y: number) => Math.min(max, Math.max(min, y));
  return { ready: true, min, max, defaultFrom: clamp(latest.firstYear), defaultTo: clamp(latest.lastYear) };
}

/** The years of the "Các giai đoạn" choice: every period the service accepts. */
export function allYears(): { from: number; to: number } {
  const c = yearContext();
  return { from: c.min, to: c.max };
}

/** The plans the years speak of: the chosen plan, or every plan whose period meets the years. */
export function plansInView(f: { year_from: number; year_to: number; plan: string | null }): PlanEntry[] {
  const chosen = planByCode(f.plan);
  if (chosen) return [chosen];
  return plans.list.filter((p) => p.firstYear <= f.year_to && f.year_from <= p.lastYear);
}

/** "Kế hoạch số <number> ngày <dd/mm/yyyy> của <issuer>". */
export function planLine(p: PlanEntry): string {
  const date = p.issuedOn === null ? '' : ` ngày ${formatDate(p.issuedOn)}`;
  return `Kế hoạch số ${p.number}${date} của ${p.issuedBy}${p.synthetic ? ' (dữ liệu minh họa)' : ''}`;
}

/** "Hưng Yên" or "Hưng Yên, Thái Bình": the provinces of some plans, each once. */
export function provincesOf(list: PlanEntry[]): string {
  return [...new Set(list.map((p) => p.provinceName))].join(', ');
}
