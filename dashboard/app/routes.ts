import type { Component } from 'svelte';
// The first screen is in the entry chunk: one round trip for the code, not two (the entry, then the page).
import * as OverviewPage from './pages/OverviewPage.svelte';

/** The app's pages: each but the overview (the first screen) loads on demand. */
export interface RouteMatch {
  key: string;
  title: string;
  // biome-ignore lint/suspicious/noExplicitAny: pages take different props; each route passes its own
  load: () => Promise<{ default: Component<any> }>;
  /** The page itself when it is in the entry chunk: shown at once, without a loading state. */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  ready?: Component<any>;
  props: Record<string, unknown>;
}

export const NAV = [
  { path: '/', label: 'Tổng quan', key: 'overview' },
  { path: '/phong-trao', label: 'Phong trào', key: 'movements' },
  { path: '/co-quan', label: 'Cơ quan, đơn vị', key: 'agencies' },
  { path: '/dien-hinh', label: 'Danh sách điển hình', key: 'register' },
  { path: '/dai-hoi', label: 'Đại hội', key: 'congress' },
  { path: '/bao-cao', label: 'Báo cáo tổng kết', key: 'report' },
  { path: '/nhap-du-lieu', label: 'Nhập dữ liệu', key: 'upload' },
] as const;

export function matchRoute(segments: string[]): RouteMatch {
  const [first, second] = segments;
  switch (first) {
    case 'phong-trao':
      if (second && /^\d+$/.test(second))
        return {
          key: 'movements',
          title: `Phong trào ${second}`,
          load: () => import('./pages/MovementPage.svelte'),
          props: { no: Number(second) },
        };
      return { key: 'movements', title: 'Phong trào thi đua', load: () => import('./pages/MovementsPage.svelte'), props: {} };
    case 'co-quan':
      if (second)
        return { key: 'agencies', title: 'Cơ quan, đơn vị', load: () => import('./pages/AgencyPage.svelte'), props: { code: second } };
      return { key: 'agencies', title: 'Cơ quan, đơn vị', load: () => import('./pages/AgenciesPage.svelte'), props: {} };
    case 'dien-hinh':
      return { key: 'register', title: 'Danh sách điển hình', load: () => import('./pages/RegisterPage.svelte'), props: {} };
    case 'dai-hoi':
      return {
        key: 'congress',
        title: 'Đại biểu dự Đại hội Thi đua yêu nước',
        load: () => import('./pages/CongressPage.svelte'),
        props: {},
      };
    case 'bao-cao':
      return { key: 'report', title: 'Báo cáo tổng kết', load: () => import('./pages/ReportPage.svelte'), props: {} };
    case 'nhap-du-lieu':
      return { key: 'upload', title: 'Nhập dữ liệu', load: () => import('./pages/UploadPage.svelte'), props: {} };
    case undefined:
    case 'tong-quan':
      return { key: 'overview', title: 'Tổng quan', load: () => Promise.resolve(OverviewPage), ready: OverviewPage.default, props: {} };
    default:
      return { key: 'missing', title: 'Không tìm thấy trang', load: () => import('./pages/NotFoundPage.svelte'), props: {} };
  }
}
