import type { RouteCase } from './types';

export const reportCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/reports/population',
    url: () => '/api/reports/population?by=nationality',
    ok: { user: 'director' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/reports/population?by=colour', field: 'by' },
  },
  {
    method: 'GET',
    route: '/api/reports/population.csv',
    url: () => '/api/reports/population.csv?by=site',
    ok: { user: 'analyst' },
    refused: { user: 'intake1' },
    bad: { user: 'analyst', url: () => '/api/reports/population.csv?by=site&format=xml', field: 'format' },
  },
  {
    method: 'GET',
    route: '/api/exports/detainees.csv',
    // Site S2: legal1 is scoped to S1, so for them the site does not exist.
    url: (t) => `/api/exports/detainees.csv?siteId=${t.seed.s2.id}`,
    ok: { user: 'analyst' },
    refused: { user: 'legal1', status: 404 },
    bad: { user: 'analyst', url: () => '/api/exports/detainees.csv?siteId=', field: 'siteId' },
  },
];
