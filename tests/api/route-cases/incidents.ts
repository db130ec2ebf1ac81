import { newDetaineeBody, type TestApp } from '../../helpers/test-app';
import type { RouteCase } from './types';

const incidentBody = (siteId: string, extra: Record<string, unknown> = {}) => ({
  siteId,
  type: 'drone_strike',
  occurredAt: '2026-03-01T07:00:00.000Z',
  title: 'Drone strike',
  narrative: 'A drone hit the roof of block A.',
  ...extra,
});

const createIncident = async (t: TestApp, extra: Record<string, unknown> = {}) => {
  const s = await t.login('officer1');
  const res = await s.request({
    method: 'POST',
    url: '/api/incidents',
    payload: incidentBody(t.seed.s1.id, extra),
  });
  return res.json().id as string;
};

const admit = async (t: TestApp) => {
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id),
  });
  return res.json().id as string;
};

const escapeSetup = async (t: TestApp) => {
  const incidentId = await createIncident(t, { type: 'escape' });
  const detaineeId = await admit(t);
  const s = await t.login('officer1');
  const res = await s.request({
    method: 'POST',
    url: `/api/incidents/${incidentId}/escapes`,
    payload: { detaineeId, lastSeenAt: '2026-03-01T07:00:00.000Z', lastSeenPlace: 'yard' },
  });
  return { incidentId, escapeId: res.json().escapes[0].id as string };
};

const taskSetup = async (t: TestApp) => {
  const s = await t.login('legal1');
  const res = await s.request({
    method: 'POST',
    url: '/api/notification-tasks',
    payload: { siteId: t.seed.s1.id, kind: 'family_serious_illness' },
  });
  return { taskId: res.json().id as string };
};

export const incidentCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/incidents',
    url: () => '/api/incidents',
    ok: { user: 'inspector' },
    refused: { user: 'admin' },
    bad: { user: 'officer1', url: () => '/api/incidents?type=picnic', body: undefined, field: 'type' },
  },
  {
    method: 'POST',
    route: '/api/incidents',
    url: () => '/api/incidents',
    ok: { user: 'officer1', body: (t) => incidentBody(t.seed.s1.id), status: 201 },
    refused: { user: 'analyst', body: (t) => incidentBody(t.seed.s1.id) },
    bad: {
      user: 'officer1',
      body: (t) => ({ ...incidentBody(t.seed.s1.id), occurredAt: undefined }),
      field: 'occurredAt',
    },
  },
  {
    method: 'GET',
    route: '/api/incidents/:id',
    setup: async (t) => ({ incidentId: await createIncident(t) }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}`,
    ok: { user: 'commander1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'PATCH',
    route: '/api/incidents/:id',
    setup: async (t) => ({ incidentId: await createIncident(t) }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}`,
    ok: { user: 'officer1', body: { narrative: 'Two drones.' } },
    refused: { user: 'officer2', body: { narrative: 'x' }, status: 404 },
    bad: { user: 'officer1', body: { narrative: 'x', colour: 'red' }, field: 'colour' },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/status',
    setup: async (t) => ({ incidentId: await createIncident(t) }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}/status`,
    ok: { user: 'officer1', body: { to: 'submitted' } },
    refused: { user: 'medical1', body: { to: 'submitted' } },
    bad: { user: 'officer1', body: { to: 'archived' }, field: 'to' },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/addenda',
    setup: async (t) => ({ incidentId: await createIncident(t) }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}/addenda`,
    ok: { user: 'officer1', body: { text: 'A later fact.' }, status: 201 },
    refused: { user: 'officer2', body: { text: 'x' }, status: 404 },
    bad: { user: 'officer1', body: { text: '' }, field: 'text' },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/people',
    setup: async (t) => ({ incidentId: await createIncident(t) }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}/people`,
    ok: {
      user: 'officer1',
      body: { kind: 'staff', name: 'Officer Fictional', role: 'witness' },
      status: 201,
    },
    refused: { user: 'legal1', body: { kind: 'staff', name: 'x', role: 'witness' } },
    bad: { user: 'officer1', body: { kind: 'staff', name: 'x', role: 'bystander' }, field: 'role' },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/damage',
    setup: async (t) => ({ incidentId: await createIncident(t) }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}/damage`,
    ok: {
      user: 'officer1',
      body: (t) => ({ cellIds: [t.seed.s1.cell2Id], description: 'Roof hit' }),
      status: 201,
    },
    refused: {
      user: 'officer2',
      body: (t) => ({ cellIds: [t.seed.s1.cell2Id], description: 'x' }),
      status: 404,
    },
    bad: { user: 'officer1', body: { cellIds: [], description: 'x' }, field: 'cellIds' },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/escapes',
    setup: async (t) => ({
      incidentId: await createIncident(t, { type: 'escape' }),
      detaineeId: await admit(t),
    }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}/escapes`,
    ok: {
      user: 'officer1',
      body: (_t, ctx) => ({
        detaineeId: ctx.detaineeId,
        lastSeenAt: '2026-03-01T07:00:00.000Z',
        lastSeenPlace: 'yard',
      }),
      status: 201,
    },
    refused: {
      user: 'intake1',
      body: (_t, ctx) => ({
        detaineeId: ctx.detaineeId,
        lastSeenAt: '2026-03-01T07:00:00.000Z',
        lastSeenPlace: 'yard',
      }),
    },
    bad: {
      user: 'officer1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, lastSeenAt: 'yesterday', lastSeenPlace: 'yard' }),
      field: 'lastSeenAt',
    },
  },
  {
    method: 'POST',
    route: '/api/escapes/:id/recapture',
    setup: escapeSetup,
    url: (_t, ctx) => `/api/escapes/${ctx.escapeId}/recapture`,
    ok: { user: 'officer1', body: { recapturedAt: '2026-03-01T07:30:00.000Z', note: 'Found in the tunnel' } },
    refused: { user: 'officer2', body: { recapturedAt: '2026-03-01T07:30:00.000Z', note: 'x' }, status: 404 },
    bad: { user: 'officer1', body: { recapturedAt: '2026-03-01T07:30:00.000Z' }, field: 'note' },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/deaths',
    setup: async (t) => ({
      incidentId: await createIncident(t, { type: 'death_in_custody' }),
      detaineeId: await admit(t),
    }),
    url: (_t, ctx) => `/api/incidents/${ctx.incidentId}/deaths`,
    ok: {
      user: 'commander1',
      body: (_t, ctx) => ({
        detaineeId: ctx.detaineeId,
        diedAt: '2026-03-01T05:00:00.000Z',
        place: 'Cell',
        circumstances: 'Found at check',
        cause: 'Pending autopsy',
        remainsDisposition: 'Fictional morgue',
      }),
      status: 201,
    },
    refused: {
      user: 'analyst',
      body: (_t, ctx) => ({
        detaineeId: ctx.detaineeId,
        diedAt: '2026-03-01T05:00:00.000Z',
        place: 'x',
        circumstances: 'x',
        cause: 'x',
        remainsDisposition: 'x',
      }),
    },
    bad: {
      user: 'commander1',
      body: (_t, ctx) => ({
        detaineeId: ctx.detaineeId,
        diedAt: '2026-03-01T05:00:00.000Z',
        place: 'x',
        circumstances: 'x',
        cause: 'x',
      }),
      field: 'remainsDisposition',
    },
  },
  {
    method: 'GET',
    route: '/api/rehousing',
    url: (t) => `/api/rehousing?siteId=${t.seed.s1.id}`,
    ok: { user: 'commander1' },
    refused: { user: 'admin' },
    bad: { user: 'commander1', url: () => '/api/rehousing?wing=1', field: 'wing' },
  },
  {
    method: 'GET',
    route: '/api/sites/:id/posture',
    url: (t) => `/api/sites/${t.seed.s1.id}/posture`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/sites/:id/posture',
    setup: async (t) => {
      // Each run starts from normal: the ok case sets heightened, so go back first.
      const d = await t.login('director');
      const now = await d.request({ method: 'GET', url: `/api/sites/${t.seed.s1.id}/posture` });
      if (now.json().current.level !== 'normal')
        await d.request({
          method: 'POST',
          url: `/api/sites/${t.seed.s1.id}/posture`,
          payload: { level: 'normal', reason: 'reset for the test' },
        });
      return {};
    },
    url: (t) => `/api/sites/${t.seed.s1.id}/posture`,
    ok: { user: 'commander1', body: { level: 'heightened', reason: 'Drone sightings' }, status: 201 },
    refused: { user: 'officer1', body: { level: 'lockdown', reason: 'x' } },
    bad: { user: 'commander1', body: { level: 'panic', reason: 'x' }, field: 'level' },
  },
  {
    method: 'PUT',
    route: '/api/sites/:id/location',
    url: (t) => `/api/sites/${t.seed.s1.id}/location`,
    ok: { user: 'commander1', body: { lat: 35.1, lon: 41.2 } },
    refused: { user: 'officer1', body: { lat: 35.1, lon: 41.2 } },
    bad: { user: 'commander1', body: { lat: 135.1, lon: 41.2 }, field: 'lat' },
  },
  {
    method: 'GET',
    route: '/api/threat-picture',
    url: () => '/api/threat-picture',
    ok: { user: 'director' },
    refused: { user: 'admin' },
    bad: { user: 'director', url: () => '/api/threat-picture?days=0', field: 'days' },
  },
  {
    method: 'GET',
    route: '/api/geodata/region',
    url: () => '/api/geodata/region',
    ok: { user: 'officer1' },
    refused: { user: 'admin' },
    bad: { user: 'officer1', url: () => '/api/geodata/region?zoom=3', field: 'zoom' },
  },
  {
    method: 'GET',
    route: '/api/notification-tasks',
    url: () => '/api/notification-tasks?state=open',
    ok: { user: 'commander1' },
    refused: { user: 'admin' },
    bad: { user: 'commander1', url: () => '/api/notification-tasks?state=forgotten', field: 'state' },
  },
  {
    method: 'POST',
    route: '/api/notification-tasks',
    url: () => '/api/notification-tasks',
    ok: { user: 'liaison1', body: (t) => ({ siteId: t.seed.s1.id, kind: 'family_transfer' }), status: 201 },
    refused: { user: 'officer1', body: (t) => ({ siteId: t.seed.s1.id, kind: 'family_transfer' }) },
    bad: { user: 'liaison1', body: (t) => ({ siteId: t.seed.s1.id, kind: 'tell_everyone' }), field: 'kind' },
  },
  {
    method: 'POST',
    route: '/api/notification-tasks/:id/complete',
    setup: taskSetup,
    url: (_t, ctx) => `/api/notification-tasks/${ctx.taskId}/complete`,
    ok: { user: 'commander1', body: { note: 'Family told by phone' } },
    refused: { user: 'officer1', body: { note: 'x' } },
    bad: { user: 'commander1', body: { note: '' }, field: 'note' },
  },
];
