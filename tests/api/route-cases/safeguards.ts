import { systemActor } from '../../../src/platform/http/actor';
import type { TestApp } from '../../helpers/test-app';
import { routeDetainee } from './legal';
import type { RouteCase } from './types';

const actor = systemActor('route-case-setup');

/** A foreign national at S1 with no consular decision: a VCCR Art. 36 finding to resolve. */
async function finding(t: TestApp): Promise<Record<string, string>> {
  const detaineeId = await routeDetainee(t, { nationalities: ['TR'] });
  const report = await t.services.safeguards.compliance.report(actor, { rule: 'vccr36-consular' });
  const f = report.findings.find((x) => x.detaineeId === detaineeId)!;
  return { detaineeId, key: f.key };
}

async function complaint(t: TestApp): Promise<Record<string, string>> {
  const detaineeId = await routeDetainee(t);
  const c = await t.services.safeguards.complaints.create(actor, {
    detaineeId,
    kind: 'complaint',
    category: 'conditions',
    summary: 'no blankets',
    lodgedByKind: 'detainee',
    lodgedByName: 'the detainee',
    lodgedAt: t.clock.now().toISOString(),
  });
  return { detaineeId, id: c.id };
}

async function inspection(t: TestApp): Promise<Record<string, string>> {
  const i = await t.services.safeguards.inspections.create(actor, {
    siteId: t.seed.s1.id,
    body: 'NPM (fictional)',
    inspectors: 'Inspector A',
    visitFrom: '2026-02-20',
    visitTo: '2026-02-20',
    summary: 'visit',
    recommendations: ['repair the showers'],
  });
  return { id: i.id, itemId: i.items[0].id };
}

const inspectionBody = (t: TestApp) => ({
  siteId: t.seed.s1.id,
  body: 'NPM (fictional)',
  inspectors: 'Inspector A',
  visitFrom: '2026-02-20',
  visitTo: '2026-02-21',
  summary: 'visit',
  findings: ['overcrowding'],
});
const complaintBody = (_t: TestApp, ctx: Record<string, string>) => ({
  detaineeId: ctx.detaineeId,
  kind: 'allegation',
  category: 'treatment',
  summary: 'struck during a search',
  lodgedByKind: 'detainee',
  lodgedByName: 'the detainee',
  lodgedAt: '2026-02-28T10:00:00.000Z',
});

export const safeguardsCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/compliance',
    url: () => '/api/compliance',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/compliance?rule=rule99', field: 'rule' },
  },
  {
    method: 'POST',
    route: '/api/compliance/resolve',
    setup: finding,
    url: () => '/api/compliance/resolve',
    ok: {
      user: 'liaison1',
      body: (_t, ctx) => ({ key: ctx.key, reason: 'asked on admission; answer awaited' }),
    },
    refused: { user: 'inspector', body: (_t, ctx) => ({ key: ctx.key, reason: 'x' }) },
    bad: { user: 'director', body: (_t, ctx) => ({ key: ctx.key, reason: '' }), field: 'reason' },
  },
  {
    method: 'GET',
    route: '/api/compliance/resolutions',
    setup: finding,
    url: (_t, ctx) => `/api/compliance/resolutions?key=${encodeURIComponent(ctx.key)}`,
    ok: { user: 'director' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/compliance/resolutions', field: 'key' },
  },
  {
    method: 'GET',
    route: '/api/complaints',
    url: () => '/api/complaints',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/complaints?status=lost', field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/complaints',
    setup: async (t) => ({ detaineeId: await routeDetainee(t) }),
    url: () => '/api/complaints',
    ok: { user: 'officer1', body: complaintBody, status: 201 },
    refused: { user: 'analyst', body: complaintBody },
    bad: {
      user: 'officer1',
      body: (t, ctx) => {
        const { detaineeId: _d, ...rest } = complaintBody(t, ctx);
        return rest;
      },
      field: 'detaineeId',
    },
  },
  {
    method: 'GET',
    route: '/api/complaints/:id',
    setup: complaint,
    url: (_t, ctx) => `/api/complaints/${ctx.id}`,
    ok: { user: 'legal1' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => `/api/complaints/${'x'.repeat(65)}`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/complaints/:id/referral',
    setup: complaint,
    url: (_t, ctx) => `/api/complaints/${ctx.id}/referral`,
    ok: {
      user: 'legal1',
      body: {
        authority: 'Independent Inspectorate (fictional)',
        referredAt: '2026-03-01T07:00:00.000Z',
        reference: 'II-1',
      },
    },
    refused: { user: 'officer1', body: { authority: 'x', referredAt: '2026-03-01T07:00:00.000Z' } },
    bad: { user: 'director', body: { authority: 'x', referredAt: 'yesterday' }, field: 'referredAt' },
  },
  {
    method: 'POST',
    route: '/api/complaints/:id/steps',
    setup: complaint,
    url: (_t, ctx) => `/api/complaints/${ctx.id}/steps`,
    ok: { user: 'director', body: { status: 'under_investigation', note: 'investigator assigned' } },
    refused: { user: 'commander1', body: { note: 'x' } },
    bad: { user: 'director', body: { status: 'closed' }, field: 'outcome' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/reprisal-watch',
    setup: complaint,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/reprisal-watch`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'director', url: () => `/api/detainees/${'x'.repeat(65)}/reprisal-watch`, field: 'id' },
  },
  {
    method: 'GET',
    route: '/api/inspections',
    url: () => '/api/inspections',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/inspections?site=S1', field: 'site' },
  },
  {
    method: 'POST',
    route: '/api/inspections',
    url: () => '/api/inspections',
    ok: { user: 'commander1', body: inspectionBody, status: 201 },
    refused: { user: 'inspector', body: inspectionBody },
    bad: {
      user: 'director',
      body: (t) => ({ ...inspectionBody(t), visitFrom: '20-02-2026' }),
      field: 'visitFrom',
    },
  },
  {
    method: 'GET',
    route: '/api/inspections/:id',
    setup: inspection,
    url: (_t, ctx) => `/api/inspections/${ctx.id}`,
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => `/api/inspections/${'x'.repeat(65)}`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/inspections/:id/items',
    setup: inspection,
    url: (_t, ctx) => `/api/inspections/${ctx.id}/items`,
    ok: { user: 'director', body: { kind: 'finding', text: 'no interpreter on the wing' } },
    refused: { user: 'legal1', body: { kind: 'finding', text: 'x' } },
    bad: { user: 'director', body: { kind: 'opinion', text: 'x' }, field: 'kind' },
  },
  {
    method: 'POST',
    route: '/api/inspection-items/:id/responses',
    setup: inspection,
    url: (_t, ctx) => `/api/inspection-items/${ctx.itemId}/responses`,
    ok: { user: 'commander1', body: { decision: 'accepted', text: 'showers repaired by April' } },
    refused: { user: 'inspector', body: { decision: 'accepted', text: 'x' } },
    bad: { user: 'director', body: { decision: 'maybe', text: 'x' }, field: 'decision' },
  },
  {
    method: 'GET',
    route: '/api/statistics/population',
    url: () => '/api/statistics/population?from=2026-02-01&to=2026-03-01&by=nationality',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: {
      user: 'director',
      url: () => '/api/statistics/population?from=2026-02-01&to=2026-03-01&by=colour',
      field: 'by',
    },
  },
  {
    method: 'GET',
    route: '/api/statistics/population.csv',
    url: () => '/api/statistics/population.csv?from=2026-02-01&to=2026-03-01',
    ok: { user: 'director' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/statistics/population.csv?from=2026-02-01', field: 'to' },
  },
  {
    method: 'GET',
    route: '/api/statistics/occupancy',
    url: () => '/api/statistics/occupancy',
    ok: { user: 'analyst' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/statistics/occupancy?site=S1', field: 'site' },
  },
  {
    method: 'GET',
    route: '/api/statistics/monthly',
    url: () => '/api/statistics/monthly?from=2026-01&to=2026-03',
    ok: { user: 'legal1' },
    refused: { user: 'medical1' },
    bad: { user: 'director', url: () => '/api/statistics/monthly?from=2026-13&to=2026-03', field: 'from' },
  },
  {
    method: 'GET',
    route: '/api/statistics/monthly.csv',
    url: () => '/api/statistics/monthly.csv?from=2026-01&to=2026-03',
    ok: { user: 'director' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/statistics/monthly.csv?from=2026-01', field: 'to' },
  },
  {
    method: 'GET',
    route: '/api/reports/safeguards.html',
    url: () => '/api/reports/safeguards.html?lang=ar',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/reports/safeguards.html?lang=fr', field: 'lang' },
  },
];
