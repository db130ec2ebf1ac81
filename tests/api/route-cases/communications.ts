import { newDetaineeBody, type TestApp } from '../../helpers/test-app';
import type { RouteCase } from './types';

const IMEI = '490154203237518';

const admit = async (t: TestApp) => {
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id),
  });
  return res.json().id as string;
};

const searchBody = (siteId: string, items: unknown[] = []) => ({
  siteId,
  kind: 'area',
  area: 'Yard',
  searchedAt: '2026-03-01T07:00:00.000Z',
  searchedBy: 'Team 1',
  items,
});

const createSearch = async (t: TestApp) => {
  const s = await t.login('officer1');
  const res = await s.request({
    method: 'POST',
    url: '/api/searches',
    payload: searchBody(t.seed.s1.id, [
      { type: 'phone', description: 'Phone', imei: IMEI, holder: 'Evidence room' },
    ]),
  });
  const search = res.json();
  return { searchId: search.id as string, itemId: search.items[0].id as string };
};

const createContact = async (t: TestApp) => {
  const detaineeId = await admit(t);
  const s = await t.login('officer1');
  const res = await s.request({
    method: 'POST',
    url: `/api/detainees/${detaineeId}/contacts`,
    payload: { kind: 'family', name: 'Sister', relationship: 'sister' },
  });
  return { detaineeId, contactId: res.json().id as string };
};

const withDetainee = async (t: TestApp) => ({ detaineeId: await admit(t) });

export const communicationsCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/searches',
    url: () => '/api/searches',
    ok: { user: 'officer1' },
    refused: { user: 'legal1' },
    bad: { user: 'officer1', url: () => '/api/searches?kind=vehicle', field: 'kind' },
  },
  {
    method: 'POST',
    route: '/api/searches',
    url: () => '/api/searches',
    ok: { user: 'officer1', body: (t) => searchBody(t.seed.s1.id), status: 201 },
    refused: { user: 'analyst', body: (t) => searchBody(t.seed.s1.id) },
    bad: {
      user: 'officer1',
      body: (t) =>
        searchBody(t.seed.s1.id, [{ type: 'phone', description: 'x', imei: '490154203237519', holder: 'x' }]),
      field: 'items[0].imei',
    },
  },
  {
    method: 'GET',
    route: '/api/searches/:id',
    setup: createSearch,
    url: (_t, ctx) => `/api/searches/${ctx.searchId}`,
    ok: { user: 'analyst' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/searches/:id/items',
    setup: createSearch,
    url: (_t, ctx) => `/api/searches/${ctx.searchId}/items`,
    ok: {
      user: 'officer1',
      body: { type: 'charger', description: 'USB charger', holder: 'Evidence room' },
      status: 201,
    },
    refused: { user: 'officer2', body: { type: 'charger', description: 'x', holder: 'x' }, status: 404 },
    bad: {
      user: 'officer1',
      body: { type: 'sim', description: 'SIM', iccid: '8991101200003204515', holder: 'x' },
      field: 'iccid',
    },
  },
  {
    method: 'GET',
    route: '/api/seized-items',
    url: () => `/api/seized-items?identifier=${IMEI}`,
    ok: { user: 'commander1' },
    refused: { user: 'medical1' },
    bad: { user: 'commander1', url: () => '/api/seized-items?type=cake', field: 'type' },
  },
  {
    method: 'POST',
    route: '/api/seized-items/:id/custody',
    setup: createSearch,
    url: (_t, ctx) => `/api/seized-items/${ctx.itemId}/custody`,
    ok: { user: 'commander1', body: { action: 'analysed', holder: 'Forensic lab' } },
    refused: { user: 'officer2', body: { action: 'analysed', holder: 'x' }, status: 404 },
    bad: { user: 'commander1', body: { action: 'lost', holder: 'x' }, field: 'action' },
  },
  {
    method: 'GET',
    route: '/api/seizure-links',
    url: () => '/api/seizure-links',
    ok: { user: 'analyst' },
    refused: { user: 'liaison1' },
    bad: { user: 'analyst', url: () => '/api/seizure-links?depth=2', field: 'depth' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/contacts',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/contacts`,
    ok: { user: 'liaison1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/contacts',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/contacts`,
    ok: { user: 'officer1', body: { kind: 'family', name: 'Mother', relationship: 'mother' }, status: 201 },
    refused: { user: 'medical1', body: { kind: 'family', name: 'Mother' } },
    bad: { user: 'officer1', body: { kind: 'family', name: 'Mother', phone: 'none' }, field: 'phone' },
  },
  {
    method: 'POST',
    route: '/api/contacts/:id/decision',
    setup: createContact,
    url: (_t, ctx) => `/api/contacts/${ctx.contactId}/decision`,
    ok: { user: 'commander1', body: { decision: 'approved' } },
    refused: { user: 'officer2', body: { decision: 'approved' }, status: 404 },
    bad: { user: 'commander1', body: { decision: 'maybe' }, field: 'decision' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/communications',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/communications`,
    ok: { user: 'legal1' },
    refused: { user: 'officer2', status: 404 },
    bad: {
      user: 'legal1',
      url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/communications?mode=fax`,
      field: 'mode',
    },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/communications',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/communications`,
    ok: {
      user: 'officer1',
      body: {
        mode: 'visit',
        direction: 'in',
        counterpartKind: 'lawyer',
        counterpartName: 'Counsel',
        at: '2026-03-01T07:00:00.000Z',
        durationMinutes: 30,
        monitored: false,
      },
      status: 201,
    },
    refused: {
      user: 'medical1',
      body: {
        mode: 'visit',
        direction: 'in',
        counterpartKind: 'family',
        counterpartName: 'x',
        at: '2026-03-01T07:00:00.000Z',
        monitored: false,
      },
    },
    bad: {
      user: 'officer1',
      body: {
        mode: 'visit',
        direction: 'in',
        counterpartKind: 'lawyer',
        counterpartName: 'Counsel',
        at: '2026-03-01T07:00:00.000Z',
        monitored: true,
      },
      field: 'monitored',
    },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/contact-restrictions',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/contact-restrictions`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/contact-restrictions',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/contact-restrictions`,
    ok: {
      user: 'commander1',
      body: {
        modes: ['call'],
        counterparts: ['other'],
        reason: 'Sanction 4',
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-10T00:00:00.000Z',
      },
      status: 201,
    },
    refused: {
      user: 'officer1',
      body: {
        modes: ['call'],
        counterparts: ['other'],
        reason: 'x',
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-10T00:00:00.000Z',
      },
    },
    bad: {
      user: 'commander1',
      body: {
        modes: ['visit', 'call', 'letter'],
        counterparts: ['family'],
        reason: 'x',
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-10T00:00:00.000Z',
      },
      field: 'modes',
    },
  },
];
