/**
 * From a chart to the list behind it, so a reader can check a figure against its rows: a click on a bar, a heat-map cell or a
 * point (or on the number written by it) opens the register filtered to that mark's year,
 * movement, agency, bloc or kind, plus the filters in force on the chart's page.
 *
 * A mark is clickable only when the register can count what it counts: recognitions
 * ("lượt công nhận", the register states their number for its filters) or distinct exemplars
 * ("điển hình", the register's own count of rows). Any other measure draws no link.
 */
import type { Table } from 'apache-arrow';
import { drillParams, type DrillPick, type Filters } from '../lib/filters.ts';
import { href, navigate, pageFilters, REGISTER_PATH } from '../lib/router.svelte.ts';
import { formatInteger } from '../lib/format.ts';

type Row = Record<string, unknown>;
export type DrillMeasure = 'recognitions' | 'exemplars';

const MEASURE_UNITS: Record<DrillMeasure, string> = { recognitions: 'lượt công nhận', exemplars: 'điển hình' };

export interface DrillLink {
  index: number;
  text: string;
  value: number;
  href: string;
  params: Record<string, string>;
}

/** What a mark stands for, read from the columns the chart positions it by. */
export function pickFor(row: Row, columns: string[]): DrillPick | null {
  const pick: DrillPick = {};
  for (const column of columns) {
    if (column === 'year') pick.year = Number(row.year);
    else if ((column === 'movement_no' || column === 'short_name') && row.movement_no != null) pick.movement = Number(row.movement_no);
    else if ((column === 'agency_name' || column === 'agency_code') && row.agency_code != null) pick.agency = String(row.agency_code);
    else if ((column === 'bloc_code' || column === 'bloc_name') && row.bloc_code != null) pick.bloc = String(row.bloc_code);
    else if ((column === 'kind_label' || column === 'kind') && row.kind != null) pick.kind = String(row.kind);
    else return null; // a position the register cannot filter by
  }
  return Object.keys(pick).length > 0 ? pick : null;
}

function describePick(row: Row, pick: DrillPick): string {
  const parts: string[] = [];
  if (pick.movement !== undefined) parts.push(`Phong trào ${pick.movement}${row.short_name ? `. ${String(row.short_name)}` : ''}`);
  if (pick.agency !== undefined) parts.push(String(row.agency_name ?? pick.agency));
  if (pick.bloc !== undefined) parts.push(String(row.bloc_name ?? pick.bloc));
  if (pick.kind !== undefined) parts.push(String(row.kind_label ?? pick.kind));
  if (pick.year !== undefined) parts.push(`năm ${pick.year}`);
  return parts.join(', ');
}

/** One link per row of the chart's data, or none when its measure cannot be matched. */
export function drillLinks(data: Table, columns: string[], measure: string, base: Filters = pageFilters()): DrillLink[] {
  if (measure !== 'recognitions' && measure !== 'exemplars') return [];
  const links: DrillLink[] = [];
  for (let index = 0; index < data.numRows; index++) {
    const row = (data.get(index)?.toJSON() ?? {}) as Row;
    const value = Number(row[measure]);
    const pick = pickFor(row, columns);
    if (!pick || !(value > 0)) continue; // an empty mark has no list behind it
    const params = drillParams(base, pick);
    const text = `${describePick(row, pick)}: ${formatInteger(value)} ${MEASURE_UNITS[measure]}`;
    links.push({ index, text, value, href: href(REGISTER_PATH, params), params });
  }
  return links;
}

const MARKS = 'g[aria-label="bar"] rect, g[aria-label="cell"] rect, g[aria-label="dot"] circle, g[aria-label="text"] text';

/**
 * Makes the marks Plot drew inside `root` clickable: each mark's datum is its row index (Plot
 * binds the index), which finds its link. Redrawn charts (a resize) are decorated again.
 * Returns the clean-up.
 */
export function attachDrill(root: HTMLElement, links: () => DrillLink[]): () => void {
  const decorate = (): void => {
    const byIndex = new Map(links().map((l) => [l.index, l]));
    for (const el of root.querySelectorAll<SVGElement>(MARKS)) {
      if (el.dataset.drill !== undefined) continue;
      const index = (el as unknown as { __data__?: unknown }).__data__;
      const link = typeof index === 'number' ? byIndex.get(index) : undefined;
      el.dataset.drill = link ? link.href : '';
      if (!link) continue;
      el.style.cursor = 'pointer';
      el.dataset.drillValue = String(link.value);
      if (el.tagName.toLowerCase() !== 'text') {
        const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        title.textContent = `${link.text} — bấm để xem danh sách`;
        el.appendChild(title);
      }
    }
  };
  const onClick = (event: MouseEvent): void => {
    const el = (event.target as Element | null)?.closest?.('[data-drill]');
    const target = el?.getAttribute('data-drill');
    if (!target) return;
    const link = links().find((l) => l.href === target);
    if (link) navigate(REGISTER_PATH, link.params);
  };
  const observer = new MutationObserver(decorate);
  observer.observe(root, { childList: true, subtree: true });
  decorate();
  root.addEventListener('click', onClick);
  return () => {
    observer.disconnect();
    root.removeEventListener('click', onClick);
  };
}
