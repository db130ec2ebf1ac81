import { systemActor } from '../../../src/platform/http/actor';
import type { TestApp } from '../../helpers/test-app';
import type { RouteCase } from './types';

let n = 0;
const key = () => `rc-${Date.now().toString(36)}-${++n}`;
const system = systemActor('route-cases');

/** A count of S1 with its first unit; any count still open at S1 is closed first (cases share one app). */
const openCount = async (t: TestApp, discrepancy = false) => {
  const m = t.services.monitoring;
  const open = await m.counts.list(system, { siteId: t.seed.s1.id, status: 'open' });
  for (const c of open.items) {
    const v = await m.counts.get(system, c.id);
    await m.counts.enter(
      system,
      c.id,
      v.units.map((u) => ({ unitId: u.id, counted: u.expected })),
    );
    await m.counts.close(system, c.id);
  }
  const count = await m.counts.start(system, { siteId: t.seed.s1.id, granularity: 'cell' });
  const unit = count.units[0];
  if (discrepancy) await m.counts.enter(system, count.id, [{ unitId: unit.id, counted: unit.expected + 1 }]);
  return { countId: count.id, unitId: unit.id };
};

const completeCount = async (t: TestApp) => {
  const ctx = await openCount(t);
  const v = await t.services.monitoring.counts.get(system, ctx.countId);
  await t.services.monitoring.counts.enter(
    system,
    ctx.countId,
    v.units.map((u) => ({ unitId: u.id, counted: u.expected })),
  );
  return ctx;
};

const recordCheck = async (t: TestApp) => {
  const { check } = await t.services.monitoring.checks.record(system, {
    idempotencyKey: key(),
    cellId: t.seed.s1.cellId,
    state: 'present',
  });
  return { checkId: check.id };
};

const level = async (t: TestApp) => {
  const l = await t.services.monitoring.checks.setObservationLevel(system, {
    cellId: t.seed.s1.cell2Id,
    intervalMinutes: 30,
    reason: 'route case',
  });
  return { levelId: l.id };
};

/** An open headcount at S1 (closing any left open by an earlier case) with one person in it. */
const openHeadcount = async (t: TestApp) => {
  const m = t.services.monitoring;
  for (const h of await m.headcounts.list(system, { siteId: t.seed.s1.id, status: 'open' }))
    await m.headcounts.close(system, h.id, 'route case reset');
  const d = await t.services.register.create(system, {
    names: [{ name: 'Route Case Person', script: 'latin', kind: 'legal' }],
    sex: 'M',
    nationalities: ['IQ'],
    legalStatus: 'untried',
    ageCategory: 'adult',
    status: 'in_custody',
    siteId: t.seed.s1.id,
    cellId: t.seed.s1.cellId,
  });
  const hc = await m.headcounts.start(system, { siteId: t.seed.s1.id, reason: 'route case' });
  return { headcountId: hc.id, detaineeId: d.id };
};

const checkBody = (t: TestApp) => ({ idempotencyKey: key(), cellId: t.seed.s1.cellId, state: 'asleep' });

export const monitoringCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/monitoring/sites/:siteId/roll',
    url: (t) => `/api/monitoring/sites/${t.seed.s1.id}/roll`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'GET',
    route: '/api/monitoring/counts',
    url: (t) => `/api/monitoring/counts?siteId=${t.seed.s1.id}`,
    ok: { user: 'inspector' },
    refused: { user: 'legal1' },
    bad: { user: 'officer1', url: () => '/api/monitoring/counts?status=sideways', field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/counts',
    setup: async (t) => {
      const ctx = await completeCount(t);
      await t.services.monitoring.counts.close(system, ctx.countId);
      return {};
    },
    url: () => '/api/monitoring/counts',
    ok: { user: 'officer1', body: (t) => ({ siteId: t.seed.s1.id }), status: 201 },
    refused: { user: 'officer2', body: (t) => ({ siteId: t.seed.s1.id }), status: 404 },
    bad: {
      user: 'officer1',
      body: (t) => ({ siteId: t.seed.s1.id, granularity: 'block' }),
      field: 'granularity',
    },
  },
  {
    method: 'GET',
    route: '/api/monitoring/counts/:id',
    setup: openCount,
    url: (_t, ctx) => `/api/monitoring/counts/${ctx.countId}`,
    ok: { user: 'commander1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/monitoring/counts/:id/entries',
    setup: openCount,
    url: (_t, ctx) => `/api/monitoring/counts/${ctx.countId}/entries`,
    ok: { user: 'officer1', body: (_t, ctx) => ({ entries: [{ unitId: ctx.unitId, counted: 1 }] }) },
    refused: { user: 'inspector', body: (_t, ctx) => ({ entries: [{ unitId: ctx.unitId, counted: 1 }] }) },
    bad: {
      user: 'officer1',
      body: (_t, ctx) => ({ entries: [{ unitId: ctx.unitId, counted: -1 }] }),
      field: 'entries[0].counted',
    },
  },
  {
    method: 'POST',
    route: '/api/monitoring/counts/:id/resolutions',
    setup: (t) => openCount(t, true),
    url: (_t, ctx) => `/api/monitoring/counts/${ctx.countId}/resolutions`,
    ok: {
      user: 'officer1',
      body: (_t, ctx) => ({ unitId: ctx.unitId, reason: 'Transfer recorded late in the register' }),
    },
    refused: {
      user: 'officer2',
      body: (_t, ctx) => ({ unitId: ctx.unitId, reason: 'not mine' }),
      status: 404,
    },
    bad: { user: 'officer1', body: (_t, ctx) => ({ unitId: ctx.unitId }), field: 'reason' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/counts/:id/close',
    setup: completeCount,
    url: (_t, ctx) => `/api/monitoring/counts/${ctx.countId}/close`,
    ok: { user: 'officer1', body: {} },
    refused: { user: 'medical1', body: {} },
    bad: { user: 'officer1', body: { force: true }, field: 'force' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/counts/:id/annotations',
    setup: openCount,
    url: (_t, ctx) => `/api/monitoring/counts/${ctx.countId}/annotations`,
    ok: { user: 'commander1', body: { note: 'Checked against the gate log' }, status: 201 },
    refused: { user: 'officer1', body: { note: 'officers cannot annotate' } },
    bad: { user: 'commander1', body: { note: '' }, field: 'note' },
  },
  {
    method: 'GET',
    route: '/api/monitoring/observation-levels',
    url: (t) => `/api/monitoring/observation-levels?siteId=${t.seed.s1.id}`,
    ok: { user: 'medical1' },
    refused: { user: 'analyst' },
    bad: {
      user: 'officer1',
      url: () => '/api/monitoring/observation-levels?active=perhaps',
      field: 'active',
    },
  },
  {
    method: 'POST',
    route: '/api/monitoring/observation-levels',
    url: () => '/api/monitoring/observation-levels',
    ok: {
      user: 'medical1',
      body: (t) => ({ cellId: t.seed.s1.cellId, intervalMinutes: 15, reason: 'Risk of self-harm assessed' }),
      status: 201,
    },
    refused: {
      user: 'officer1',
      body: (t) => ({ cellId: t.seed.s1.cellId, intervalMinutes: 15, reason: 'not allowed' }),
    },
    bad: {
      user: 'commander1',
      body: (t) => ({ cellId: t.seed.s1.cellId, intervalMinutes: 45, reason: 'no such level' }),
      field: 'intervalMinutes',
    },
  },
  {
    method: 'POST',
    route: '/api/monitoring/observation-levels/:id/end',
    setup: level,
    url: (_t, ctx) => `/api/monitoring/observation-levels/${ctx.levelId}/end`,
    ok: { user: 'commander1', body: { reason: 'Reviewed by the doctor' } },
    refused: { user: 'officer1', body: { reason: 'not allowed' } },
    bad: { user: 'commander1', body: { reason: 1 }, field: 'reason' },
  },
  {
    method: 'PUT',
    route: '/api/monitoring/wings/:wingId/schedule',
    url: (t) => `/api/monitoring/wings/${t.seed.s1.wingId}/schedule`,
    ok: { user: 'commander1', body: { intervalMinutes: 60 } },
    refused: { user: 'director', body: { intervalMinutes: 60 }, token: 'officer' },
    bad: { user: 'commander1', body: { intervalMinutes: 0 }, field: 'intervalMinutes' },
  },
  {
    method: 'GET',
    route: '/api/monitoring/wings/:wingId/round',
    url: (t) => `/api/monitoring/wings/${t.seed.s1.wingId}/round`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'GET',
    route: '/api/monitoring/checks',
    url: (t) => `/api/monitoring/checks?siteId=${t.seed.s1.id}`,
    ok: { user: 'officer1' },
    refused: { user: 'intake1' },
    bad: { user: 'officer1', url: () => '/api/monitoring/checks?from=yesterday', field: 'from' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/checks',
    url: () => '/api/monitoring/checks',
    ok: { user: 'officer1', body: checkBody, status: 201 },
    refused: { user: 'officer2', body: checkBody, status: 404 },
    bad: { user: 'officer1', body: (t) => ({ ...checkBody(t), state: 'dancing' }), field: 'state' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/checks/batch',
    url: () => '/api/monitoring/checks/batch',
    ok: { user: 'officer1', body: (t) => ({ checks: [checkBody(t), checkBody(t)] }) },
    refused: { user: 'inspector', body: (t) => ({ checks: [checkBody(t)] }) },
    bad: {
      user: 'officer1',
      body: (t) => ({ checks: [{ ...checkBody(t), observedAt: 'at dawn' }] }),
      field: 'checks[0].observedAt',
    },
  },
  {
    method: 'GET',
    route: '/api/monitoring/checks/:id',
    setup: recordCheck,
    url: (_t, ctx) => `/api/monitoring/checks/${ctx.checkId}`,
    ok: { user: 'inspector' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/monitoring/checks/:id/annotations',
    setup: recordCheck,
    url: (_t, ctx) => `/api/monitoring/checks/${ctx.checkId}/annotations`,
    ok: { user: 'commander1', body: { note: 'Officer confirmed by CCTV' }, status: 201 },
    refused: { user: 'officer1', body: { note: 'own check' } },
    bad: { user: 'commander1', body: { note: 'x', state: 'absent' }, field: 'state' },
  },
  {
    method: 'GET',
    route: '/api/monitoring/sites/:siteId/compliance',
    url: (t) => `/api/monitoring/sites/${t.seed.s1.id}/compliance`,
    ok: { user: 'commander1' },
    refused: { user: 'officer2', status: 404 },
    bad: {
      user: 'commander1',
      url: (t) => `/api/monitoring/sites/${t.seed.s1.id}/compliance?day=monday`,
      field: 'day',
    },
  },
  {
    method: 'GET',
    route: '/api/monitoring/headcounts',
    url: () => '/api/monitoring/headcounts',
    ok: { user: 'director' },
    refused: { user: 'liaison1' },
    bad: { user: 'director', url: () => '/api/monitoring/headcounts?status=half', field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/headcounts',
    setup: async (t) => {
      for (const h of await t.services.monitoring.headcounts.list(system, {
        siteId: t.seed.s1.id,
        status: 'open',
      }))
        await t.services.monitoring.headcounts.close(system, h.id, 'route case reset');
      return {};
    },
    url: () => '/api/monitoring/headcounts',
    ok: {
      user: 'commander1',
      body: (t) => ({ siteId: t.seed.s1.id, reason: 'Drill after the alarm' }),
      status: 201,
    },
    refused: {
      user: 'officer1',
      body: (t) => ({ siteId: t.seed.s1.id, reason: 'officers cannot start one' }),
    },
    bad: { user: 'commander1', body: { reason: 'no site' }, field: 'siteId' },
  },
  {
    method: 'GET',
    route: '/api/monitoring/headcounts/:id',
    setup: openHeadcount,
    url: (_t, ctx) => `/api/monitoring/headcounts/${ctx.headcountId}`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/monitoring/headcounts/:id/confirmations',
    setup: openHeadcount,
    url: (_t, ctx) => `/api/monitoring/headcounts/${ctx.headcountId}/confirmations`,
    ok: { user: 'officer1', body: (_t, ctx) => ({ detaineeIds: [ctx.detaineeId], location: 'yard' }) },
    refused: { user: 'officer2', body: (_t, ctx) => ({ detaineeIds: [ctx.detaineeId] }), status: 404 },
    bad: { user: 'officer1', body: {}, field: 'body' },
  },
  {
    method: 'POST',
    route: '/api/monitoring/headcounts/:id/close',
    setup: openHeadcount,
    url: (_t, ctx) => `/api/monitoring/headcounts/${ctx.headcountId}/close`,
    ok: { user: 'commander1', body: { note: 'All accounted for but one, search under way' } },
    refused: { user: 'officer1', body: { note: 'not allowed' } },
    bad: { user: 'commander1', body: { note: 'x' }, field: 'note' },
  },
  {
    method: 'GET',
    route: '/api/monitoring/dashboard',
    url: () => '/api/monitoring/dashboard',
    ok: { user: 'director' },
    refused: { user: 'analyst' },
    bad: { user: 'director', url: () => '/api/monitoring/dashboard?colour=red', field: 'colour' },
  },
  {
    method: 'GET',
    route: '/api/live',
    // The route matrix injects and waits for the end: `once` sends the snapshot and ends the stream.
    url: () => '/api/live?once=true',
    ok: { user: 'officer1' },
    refused: { user: 'intake1' },
    bad: { user: 'officer1', url: () => '/api/live?once=sometimes', field: 'once' },
  },
];
