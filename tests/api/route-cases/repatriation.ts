import { systemActor } from '../../../src/platform/http/actor';
import type { TestApp } from '../../helpers/test-app';
import { routeDetainee } from './legal';
import type { RouteCase } from './types';

const actor = systemActor('route-case-setup');
const RU = { nationalities: ['RU'], names: [{ name: 'Pyotr Imaginary', script: 'latin', kind: 'legal' }] };

async function consularRecord(t: TestApp, site: 's1' | 's2' = 's1') {
  const detaineeId = await routeDetainee(t, RU, site);
  const r = await t.services.consular.create(actor, { detaineeId, country: 'RU' });
  return { detaineeId, recordId: r.id };
}

async function repatriationCase(t: TestApp, site: 's1' | 's2' = 's1') {
  const detaineeId = await routeDetainee(t, RU, site);
  const c = await t.services.repatriation.create(actor, {
    detaineeId,
    requestingState: 'RU',
    requestedOn: '2026-02-01',
  });
  return { detaineeId, caseId: c.id };
}

export const repatriationCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/consular/records',
    url: () => '/api/consular/records?country=RU',
    ok: { user: 'legal1' },
    refused: { user: 'officer1' },
    bad: { user: 'liaison1', url: () => '/api/consular/records?country=Russia', field: 'country' },
  },
  {
    method: 'POST',
    route: '/api/consular/records',
    setup: async (t) => ({ detaineeId: await routeDetainee(t, RU) }),
    url: () => '/api/consular/records',
    ok: {
      user: 'liaison1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, country: 'RU', consulate: 'Consulate (fictional)' }),
      status: 201,
    },
    refused: { user: 'legal1', body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, country: 'RU' }) },
    // A consular record for a national of the detaining state.
    bad: {
      user: 'liaison1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, country: 'IQ' }),
      field: 'country',
    },
  },
  {
    method: 'GET',
    route: '/api/consular/records/:id',
    setup: (t) => consularRecord(t, 's2'),
    url: (_t, ctx) => `/api/consular/records/${ctx.recordId}`,
    ok: { user: 'director' },
    refused: { user: 'liaison1', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/consular/records/:id/events',
    setup: consularRecord,
    url: (_t, ctx) => `/api/consular/records/${ctx.recordId}/events`,
    ok: { user: 'liaison1', body: { type: 'informed', occurredAt: '2026-01-11T09:00:00.000Z' }, status: 201 },
    refused: { user: 'inspector', body: { type: 'informed', occurredAt: '2026-01-11T09:00:00.000Z' } },
    // The consulate told without the detainee's request.
    bad: {
      user: 'liaison1',
      body: { type: 'notified', occurredAt: '2026-01-11T09:00:00.000Z', channel: 'fax' },
      field: 'type',
    },
  },
  {
    method: 'GET',
    route: '/api/repatriation/states',
    url: () => '/api/repatriation/states',
    ok: { user: 'legal1' },
    refused: { user: 'medical1' },
  },
  {
    method: 'PUT',
    route: '/api/repatriation/states/:country',
    url: () => '/api/repatriation/states/RU',
    ok: { user: 'liaison1', body: { maxDaysBeforeCharge: 2, note: 'fictional limit' } },
    refused: { user: 'legal1', body: { maxDaysBeforeCharge: 2 } },
    bad: { user: 'liaison1', body: { maxDaysBeforeCharge: 'two' }, field: 'maxDaysBeforeCharge' },
  },
  {
    method: 'GET',
    route: '/api/repatriation/statistics',
    url: () => '/api/repatriation/statistics',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
  },
  {
    method: 'GET',
    route: '/api/repatriation/cases',
    url: () => '/api/repatriation/cases?state=RU',
    ok: { user: 'liaison1' },
    refused: { user: 'intake1' },
    bad: { user: 'liaison1', url: () => '/api/repatriation/cases?stage=flown', field: 'stage' },
  },
  {
    method: 'POST',
    route: '/api/repatriation/cases',
    setup: async (t) => ({ detaineeId: await routeDetainee(t, RU) }),
    url: () => '/api/repatriation/cases',
    ok: {
      user: 'liaison1',
      body: (_t, ctx) => ({
        detaineeId: ctx.detaineeId,
        requestingState: 'RU',
        requestedOn: '2026-02-01',
        documents: ['note verbale'],
      }),
      status: 201,
    },
    refused: {
      user: 'legal1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, requestingState: 'RU', requestedOn: '2026-02-01' }),
    },
    bad: {
      user: 'liaison1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, requestingState: 'TR', requestedOn: '2026-02-01' }),
      field: 'requestingState',
    },
  },
  {
    method: 'GET',
    route: '/api/repatriation/cases/:id',
    setup: (t) => repatriationCase(t, 's2'),
    url: (_t, ctx) => `/api/repatriation/cases/${ctx.caseId}`,
    ok: { user: 'director' },
    refused: { user: 'liaison1', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/repatriation/cases/:id/steps',
    setup: repatriationCase,
    url: (_t, ctx) => `/api/repatriation/cases/${ctx.caseId}/steps`,
    ok: {
      user: 'liaison1',
      body: { stage: 'identity_verified', at: '2026-02-02T09:00:00.000Z', documents: ['fingerprint report'] },
      status: 201,
    },
    refused: { user: 'legal1', body: { stage: 'identity_verified', at: '2026-02-02T09:00:00.000Z' } },
    // A handover for a case not approved: the stages it skips are named.
    bad: {
      user: 'liaison1',
      body: {
        stage: 'handed_over',
        at: '2026-02-02T09:00:00.000Z',
        handover: {
          at: '2026-02-02T09:00:00.000Z',
          place: 'Border post',
          receivingOfficials: [{ name: 'A', role: 'B', organisation: 'C' }],
        },
      },
      field: 'stage',
    },
  },
];
