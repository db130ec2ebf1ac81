/**
 * THE PAGE REGISTRY — every page of the app, its navigation entry and the permission it needs.
 *
 * EXTENSION POINT — adding a page for your capability (e.g. incidents):
 *   1. Write `web/src/pages/incidents-page.tsx` with a default export (a component with no props;
 *      read `:params` and the query string with `useRoute()` from ../router).
 *   2. Add ONE entry below (append; do not reorder others):
 *        { path: '/incidents', labelKey: 'incidents.nav', permission: 'incident.read',
 *          icon: 'alerts', order: 60, component: lazy(() => import('./incidents-page')) },
 *      `labelKey` is the navigation label and the page title; put it in your own locale files
 *      `web/src/i18n/locales/incidents.en.json` / `.ar.json` (see i18n/merge-locales.ts).
 *      `permission` hides the entry and refuses the page for roles without it (the server checks
 *      again; this only keeps the menu honest). `nav: false` for pages reached by a link only
 *      (`/incidents/:id`). `order` sorts the menu; leave gaps of 10.
 *   3. Icons: a name from components/icons.tsx (add yours there).
 * Pages are lazily loaded: each one is its own chunk, so a page only costs when it is opened.
 */
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { IconName } from '../components/icons';

export interface PageEntry {
  /** A path with optional `:params`, e.g. `/detainees/:id`. */
  path: string;
  /** i18n key of the navigation label and the page's title. */
  labelKey: string;
  /** The permission from src/platform/auth/policy.ts the page needs; none = any signed-in user. */
  permission?: string;
  icon?: IconName;
  /** Shown in the navigation (default true; false for detail pages). */
  nav?: boolean;
  order?: number;
  component: LazyExoticComponent<ComponentType>;
}

export const PAGES: PageEntry[] = [
  {
    path: '/',
    labelKey: 'estate.nav',
    permission: 'estate.read',
    icon: 'estate',
    order: 10,
    component: lazy(() => import('./estate-page')),
  },
  {
    path: '/detainees',
    labelKey: 'detainees.nav',
    permission: 'detainee.read',
    icon: 'detainees',
    order: 20,
    component: lazy(() => import('./detainee-list-page')),
  },
  {
    path: '/detainees/:id',
    labelKey: 'detainee.title',
    permission: 'detainee.read',
    nav: false,
    component: lazy(() => import('./detainee-page')),
  },
  {
    path: '/alerts',
    labelKey: 'alerts.nav',
    permission: 'alert.read',
    icon: 'alerts',
    order: 30,
    component: lazy(() => import('./alerts-page')),
  },
  {
    path: '/reports',
    labelKey: 'reports.nav',
    permission: 'report.read',
    icon: 'reports',
    order: 40,
    component: lazy(() => import('./reports-page')),
  },
  {
    path: '/audit',
    labelKey: 'audit.nav',
    permission: 'audit.read',
    icon: 'audit',
    order: 80,
    component: lazy(() => import('./audit-page')),
  },
  {
    path: '/users',
    labelKey: 'users.nav',
    permission: 'user.manage',
    icon: 'users',
    order: 90,
    component: lazy(() => import('./users-page')),
  },
  {
    path: '/intelligence',
    labelKey: 'housing.intelligence.nav',
    permission: 'intelligence.read',
    icon: 'audit',
    order: 50,
    component: lazy(() => import('./intelligence-page')),
  },
  {
    path: '/intelligence/networks',
    labelKey: 'housing.networks.nav',
    permission: 'intelligence.read',
    icon: 'users',
    order: 52,
    component: lazy(() => import('./networks-page')),
  },
  {
    path: '/housing/plans',
    labelKey: 'housing.plans.nav',
    permission: 'intelligence.read',
    icon: 'estate',
    order: 54,
    component: lazy(() => import('./housing-plans-page')),
  },
  {
    path: '/housing/plans/:id',
    labelKey: 'housing.plan.title',
    permission: 'intelligence.read',
    nav: false,
    component: lazy(() => import('./housing-plan-page')),
  },
  {
    path: '/segregation',
    labelKey: 'housing.segregation.nav',
    permission: 'detainee.read',
    icon: 'alerts',
    order: 56,
    component: lazy(() => import('./segregation-page')),
  },
  {
    path: '/live',
    labelKey: 'monitoring.live.nav',
    permission: 'monitoring.read',
    icon: 'estate',
    order: 12,
    component: lazy(() => import('./live-page')),
  },
  {
    path: '/rounds',
    labelKey: 'monitoring.rounds.nav',
    permission: 'monitoring.read',
    icon: 'detainees',
    order: 14,
    component: lazy(() => import('./rounds-page')),
  },
  {
    path: '/counts',
    labelKey: 'monitoring.counts.nav',
    permission: 'monitoring.read',
    icon: 'reports',
    order: 16,
    component: lazy(() => import('./counts-page')),
  },
  {
    path: '/headcount',
    labelKey: 'monitoring.headcount.nav',
    permission: 'monitoring.read',
    icon: 'alerts',
    order: 18,
    component: lazy(() => import('./headcount-page')),
  },
  {
    path: '/legal/cases',
    labelKey: 'legal.cases.nav',
    permission: 'legal.read',
    icon: 'audit',
    order: 60,
    component: lazy(() => import('./legal-cases-page')),
  },
  {
    path: '/legal/cases/:id',
    labelKey: 'legal.case.title',
    permission: 'legal.read',
    nav: false,
    component: lazy(() => import('./legal-case-page')),
  },
  {
    path: '/legal/hearings',
    labelKey: 'legal.hearings.nav',
    permission: 'legal.read',
    icon: 'reports',
    order: 62,
    component: lazy(() => import('./legal-hearings-page')),
  },
  {
    path: '/repatriation',
    labelKey: 'legal.repatriation.nav',
    permission: 'repatriation.read',
    icon: 'users',
    order: 64,
    component: lazy(() => import('./repatriation-page')),
  },
  {
    path: '/repatriation/:id',
    labelKey: 'legal.repatriation.caseTitle',
    permission: 'repatriation.read',
    nav: false,
    component: lazy(() => import('./repatriation-case-page')),
  },
  {
    path: '/identity',
    labelKey: 'register-record.nav',
    permission: 'detainee.read',
    icon: 'detainees',
    order: 22,
    component: lazy(() => import('./identity-review-page')),
  },
  {
    path: '/incidents',
    labelKey: 'incidents.nav',
    permission: 'incident.read',
    icon: 'alerts',
    order: 58,
    component: lazy(() => import('./incidents-page')),
  },
  {
    path: '/incidents/:id',
    labelKey: 'incidents.detailTitle',
    permission: 'incident.read',
    nav: false,
    component: lazy(() => import('./incident-page')),
  },
  {
    path: '/threat-map',
    labelKey: 'incidents.map.nav',
    permission: 'incident.read',
    icon: 'estate',
    order: 11,
    component: lazy(() => import('./threat-map-page')),
  },
  {
    path: '/searches',
    labelKey: 'incidents.searches.nav',
    permission: 'contraband.read',
    icon: 'audit',
    order: 59,
    component: lazy(() => import('./searches-page')),
  },
  {
    path: '/intake',
    labelKey: 'intake.nav',
    permission: 'intake.write',
    icon: 'detainees',
    order: 24,
    component: lazy(() => import('./intake-page')),
  },
  {
    path: '/intake/:id/arrivals',
    labelKey: 'intake.arrivals.nav',
    permission: 'intake.read',
    nav: false,
    component: lazy(() => import('./arrivals-page')),
  },
  {
    path: '/compliance',
    labelKey: 'safeguards.compliance.nav',
    permission: 'compliance.read',
    icon: 'alerts',
    order: 70,
    component: lazy(() => import('./compliance-page')),
  },
  {
    path: '/complaints',
    labelKey: 'safeguards.complaints.nav',
    permission: 'complaint.read',
    icon: 'audit',
    order: 72,
    component: lazy(() => import('./complaints-page')),
  },
  {
    path: '/inspections',
    labelKey: 'safeguards.inspections.nav',
    permission: 'inspection.read',
    icon: 'audit',
    order: 74,
    component: lazy(() => import('./inspections-page')),
  },
  {
    path: '/statistics',
    labelKey: 'safeguards.statistics.nav',
    permission: 'report.read',
    icon: 'reports',
    order: 76,
    component: lazy(() => import('./statistics-page')),
  },
];

/** The navigation entries this user may use, in menu order. */
export function navigationFor(can: (permission: string | undefined) => boolean): PageEntry[] {
  return PAGES.filter((p) => p.nav !== false && can(p.permission)).sort(
    (a, b) => (a.order ?? 100) - (b.order ?? 100),
  );
}
