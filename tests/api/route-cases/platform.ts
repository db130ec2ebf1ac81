import { newDetaineeBody, PASSWORD } from '../../helpers/test-app';
import type { RouteCase } from './types';
import type { TestApp } from '../../helpers/test-app';

const createDetainee = async (t: TestApp) => {
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id),
  });
  return { detaineeId: res.json().id as string };
};

const raiseAlert = async (t: TestApp) => {
  const s = await t.login('officer1');
  const res = await s.request({
    method: 'POST',
    url: '/api/alerts',
    payload: {
      siteId: t.seed.s1.id,
      subjectType: 'cell',
      kind: 'test',
      severity: 'warning',
      title: 'Test alert',
    },
  });
  return { alertId: res.json().id as string };
};

const alertBody = (siteId: string) => ({
  siteId,
  subjectType: 'cell',
  kind: 'test',
  severity: 'warning',
  title: 'Test alert',
});

export const platformCases: RouteCase[] = [
  {
    method: 'POST',
    route: '/api/auth/logout',
    url: () => '/api/auth/logout',
    ok: { user: 'officer1', status: 204 },
    // A logged-in user cannot be logged out by a forged cross-site request: the CSRF token is missing.
    refused: { user: 'officer1', status: 403, omitCsrf: true },
  },
  {
    method: 'GET',
    route: '/api/auth/me',
    url: () => '/api/auth/me',
    ok: { user: 'inspector' },
    refused: { user: 'inspector', status: 401, advanceDays: 31 },
  },
  {
    method: 'POST',
    route: '/api/auth/password',
    url: () => '/api/auth/password',
    ok: { user: 'legal1', body: { currentPassword: PASSWORD, newPassword: PASSWORD }, status: 204 },
    refused: {
      user: 'legal1',
      token: 'legal',
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
      status: 403,
    },
    bad: { user: 'legal1', body: { currentPassword: PASSWORD, newPassword: 'short' }, field: 'newPassword' },
  },
  {
    method: 'GET',
    route: '/api/users',
    url: () => '/api/users',
    ok: { user: 'admin' },
    refused: { user: 'director' },
  },
  {
    method: 'POST',
    route: '/api/users',
    url: () => '/api/users',
    ok: {
      user: 'admin',
      body: {
        username: 'newofficer',
        displayName: 'New Officer',
        password: PASSWORD,
        role: 'officer',
        allSites: true,
      },
      status: 201,
    },
    refused: {
      user: 'director',
      body: { username: 'x1234', displayName: 'X', password: PASSWORD, role: 'officer', allSites: true },
    },
    bad: {
      user: 'admin',
      body: { username: 'x1234', displayName: 'X', password: PASSWORD, role: 'warden', allSites: true },
      field: 'role',
    },
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    url: (t) => `/api/users/${t.seed.users.liaison1}`,
    ok: { user: 'admin', body: { displayName: 'Liaison One' } },
    refused: { user: 'commander1', body: { displayName: 'x' } },
    bad: { user: 'admin', body: { displayName: 'x', colour: 'red' }, field: 'colour' },
  },
  {
    method: 'POST',
    route: '/api/users/:id/password',
    url: (t) => `/api/users/${t.seed.users.liaison1}/password`,
    ok: { user: 'admin', body: { password: PASSWORD }, status: 204 },
    refused: { user: 'director', body: { password: PASSWORD } },
    bad: { user: 'admin', body: { password: 123 }, field: 'password' },
  },
  {
    method: 'GET',
    route: '/api/tokens',
    url: () => '/api/tokens',
    ok: { user: 'admin' },
    refused: { user: 'inspector' },
  },
  {
    method: 'POST',
    route: '/api/tokens',
    url: () => '/api/tokens',
    ok: { user: 'admin', body: { name: 'reporting', role: 'analyst', allSites: true }, status: 201 },
    refused: { user: 'director', body: { name: 'reporting', role: 'analyst', allSites: true } },
    bad: { user: 'admin', body: { name: '', role: 'analyst', allSites: true }, field: 'name' },
  },
  {
    method: 'DELETE',
    route: '/api/tokens/:id',
    setup: async (t) => {
      const s = await t.login('admin');
      const res = await s.request({
        method: 'POST',
        url: '/api/tokens',
        payload: { name: 'tmp', role: 'officer', allSites: true },
      });
      return { tokenId: res.json().info.id as string };
    },
    url: (_t, ctx) => `/api/tokens/${ctx.tokenId}`,
    ok: { user: 'admin' },
    refused: { user: 'director' },
  },
  {
    method: 'GET',
    route: '/api/sites',
    url: () => '/api/sites',
    ok: { user: 'officer1' },
    refused: { user: 'inspector', status: 401, advanceDays: 31 },
  },
  {
    method: 'POST',
    route: '/api/sites',
    url: () => '/api/sites',
    ok: { user: 'director', body: { code: 'S9', name: 'Ninth', nameAr: 'التاسع' }, status: 201 },
    // A commander of one site may change the estate, but not add a site to it.
    refused: { user: 'commander1', body: { code: 'S8', name: 'Eighth', nameAr: 'الثامن' } },
    bad: { user: 'director', body: { code: 'bad code!', name: 'x', nameAr: 'x' }, field: 'code' },
  },
  {
    method: 'GET',
    route: '/api/sites/:id',
    url: (t) => `/api/sites/${t.seed.s1.id}`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/sites/:id/blocks',
    url: (t) => `/api/sites/${t.seed.s1.id}/blocks`,
    ok: { user: 'commander1', body: { code: 'B', name: 'Block B' }, status: 201 },
    refused: { user: 'officer1', body: { code: 'C', name: 'Block C' } },
    bad: { user: 'commander1', body: { code: 'D' }, field: 'name' },
  },
  {
    method: 'POST',
    route: '/api/blocks/:id/wings',
    url: (t) => `/api/blocks/${t.seed.s1.blockId}/wings`,
    ok: { user: 'commander1', body: { code: 'W9', name: 'Women', sex: 'F', ageGroup: 'adult' }, status: 201 },
    refused: { user: 'analyst', body: { code: 'W8', name: 'x', sex: 'F', ageGroup: 'adult' } },
    bad: { user: 'commander1', body: { code: 'W7', name: 'x', sex: 'X', ageGroup: 'adult' }, field: 'sex' },
  },
  {
    method: 'GET',
    route: '/api/wings/:id/cells',
    url: (t) => `/api/wings/${t.seed.s1.wingId}/cells`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/wings/:id/cells',
    url: (t) => `/api/wings/${t.seed.s1.wingId}/cells`,
    ok: { user: 'commander1', body: { code: 'C900', capacity: 4 }, status: 201 },
    refused: { user: 'intake1', body: { code: 'C901', capacity: 4 } },
    bad: { user: 'commander1', body: { code: 'C902', capacity: -1 }, field: 'capacity' },
  },
  {
    method: 'PATCH',
    route: '/api/cells/:id',
    url: (t) => `/api/cells/${t.seed.s1.cell2Id}`,
    ok: { user: 'commander1', body: { outOfService: true, reason: 'damaged by a drone strike' } },
    refused: { user: 'officer1', body: { capacity: 3 } },
    bad: { user: 'commander1', body: { capacity: 'three' }, field: 'capacity' },
  },
  {
    method: 'GET',
    route: '/api/detainees',
    url: (t) => `/api/detainees?siteId=${t.seed.s1.id}`,
    ok: { user: 'officer1' },
    refused: { user: 'admin' },
    bad: { user: 'officer1', url: () => '/api/detainees?pageSize=100000', field: 'pageSize' },
  },
  {
    method: 'POST',
    route: '/api/detainees',
    url: () => '/api/detainees',
    ok: { user: 'intake1', body: (t) => newDetaineeBody(t.seed.s1.id), status: 201 },
    refused: { user: 'officer1', body: (t) => newDetaineeBody(t.seed.s1.id) },
    bad: {
      user: 'intake1',
      body: (t) => newDetaineeBody(t.seed.s1.id, { nationalities: ['Iraq'] }),
      field: 'nationalities[0]',
    },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id',
    setup: createDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'PATCH',
    route: '/api/detainees/:id',
    setup: createDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}`,
    ok: { user: 'intake1', body: { arrestPlace: 'Elsewhere' } },
    refused: { user: 'legal1', body: { arrestPlace: 'x' } },
    bad: { user: 'intake1', body: { status: 'vanished' }, field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/legal-bases',
    setup: createDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/legal-bases`,
    ok: {
      user: 'legal1',
      body: { basis: 'remand order', authority: 'Court 1', from: '2026-02-01' },
      status: 201,
    },
    refused: { user: 'officer1', body: { basis: 'x', authority: 'y', from: '2026-02-01' } },
    bad: { user: 'legal1', body: { basis: 'x', authority: 'y', from: '1 Feb 2026' }, field: 'from' },
  },
  {
    method: 'GET',
    route: '/api/alerts',
    url: () => '/api/alerts?status=active',
    ok: { user: 'officer1' },
    refused: { user: 'admin' },
    bad: { user: 'officer1', url: () => '/api/alerts?status=sleeping', field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/alerts',
    url: () => '/api/alerts',
    ok: { user: 'officer1', body: (t) => alertBody(t.seed.s1.id), status: 201 },
    refused: { user: 'inspector', body: (t) => alertBody(t.seed.s1.id) },
    bad: {
      user: 'officer1',
      body: (t) => ({ ...alertBody(t.seed.s1.id), severity: 'apocalyptic' }),
      field: 'severity',
    },
  },
  {
    method: 'GET',
    route: '/api/alerts/:id',
    setup: raiseAlert,
    url: (_t, ctx) => `/api/alerts/${ctx.alertId}`,
    ok: { user: 'commander1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/alerts/:id/acknowledge',
    setup: raiseAlert,
    url: (_t, ctx) => `/api/alerts/${ctx.alertId}/acknowledge`,
    ok: { user: 'commander1', body: { note: 'on my way' } },
    refused: { user: 'inspector', body: { note: 'x' } },
    bad: { user: 'commander1', body: { note: '' }, field: 'note' },
  },
  {
    method: 'POST',
    route: '/api/alerts/:id/resolve',
    setup: raiseAlert,
    url: (_t, ctx) => `/api/alerts/${ctx.alertId}/resolve`,
    ok: { user: 'commander1', body: { note: 'counted again: all present' } },
    refused: { user: 'officer2', body: { note: 'x' }, status: 404 },
    bad: { user: 'commander1', body: {}, field: 'note' },
  },
  {
    method: 'GET',
    route: '/api/audit',
    url: () => '/api/audit?subjectType=user',
    ok: { user: 'inspector' },
    refused: { user: 'admin' },
    bad: { user: 'director', url: () => '/api/audit?from=yesterday', field: 'from' },
  },
  {
    method: 'GET',
    route: '/api/audit/verify',
    url: () => '/api/audit/verify',
    ok: { user: 'director' },
    refused: { user: 'officer1' },
  },
];
