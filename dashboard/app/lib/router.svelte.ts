/**
 * A tiny hash router: "#/phong-trao/3?kind=ca_nhan". The hash keeps the app servable as
 * static files (no server fallback needed); the query string after the path holds filters.
 * Every navigation is a history entry, so back/forward restore a view with its filters.
 */
import { parseFilters, type Filters } from './filters.ts';

export interface Location {
  path: string;
  segments: string[];
  params: URLSearchParams;
}

function read(): Location {
  // No window where the service draws the first screen (firstScreen.server.ts): the overview.
  const raw = (typeof window === 'undefined' ? '' : window.location.hash).replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(queryPart) };
}

export const route: Location = $state(read());

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => Object.assign(route, read()));
}

export function href(path: string, params: Record<string, string> = {}): string {
  const qs = new URLSearchParams(params).toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(path: string, params: Record<string, string> = {}): void {
  const next = href(path, params);
  if (window.location.hash !== next) window.location.hash = next;
}

/** Replaces some query parameters of the current view (undefined or '' removes one). */
export function setParams(changes: Record<string, string | undefined>): void {
  const params = new URLSearchParams(route.params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  navigate(route.path, Object.fromEntries(params));
}

/** The register of exemplars ("Danh sách điển hình"), where a chart's marks lead. */
export const REGISTER_PATH = '/dien-hinh';

/**
 * The filters in force on the current page: the URL's, plus the page's own — a movement's page
 * (#/phong-trao/3) is filtered to its movement, an agency's page (#/co-quan/SYT) to its agency.
 */
export function pageFilters(): Filters {
  const filters = parseFilters(route.params);
  const [first, second] = route.segments;
  if (first === 'phong-trao' && second && /^\d+$/.test(second)) return { ...filters, movement: Number(second) };
  if (first === 'co-quan' && second) return { ...filters, agency: second };
  return filters;
}
