import { randomUUID } from 'node:crypto';
import { systemActor } from '../../../src/platform/http/actor';
import { newDetaineeBody, type TestApp } from '../../helpers/test-app';
import type { RouteCase } from './types';

const actor = systemActor('route-case-setup');

/** A detainee at S1 (or S2), put on the register directly: setups run once per proof. */
export async function routeDetainee(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  site: 's1' | 's2' = 's1',
): Promise<string> {
  const body = newDetaineeBody(t.seed[site].id, { number: `RC-${randomUUID().slice(0, 8)}`, ...overrides });
  return (
    await t.services.register.create(actor, body as Parameters<TestApp['services']['register']['create']>[1])
  ).id;
}

/** A case at investigation with one charge, for a detainee at S1 (or S2). */
async function openCase(t: TestApp, site: 's1' | 's2' = 's1') {
  const detaineeId = await routeDetainee(t, {}, site);
  const c = await t.services.legal.createCase(actor, {
    detaineeId,
    reference: `RC/${randomUUID().slice(0, 8)}`,
    court: 'Investigating Court 3',
    openedOn: '2026-01-15',
    charges: [{ law: 'Penal Code (fictional)', article: '12', chargedOn: '2026-01-20' }],
  });
  return { detaineeId, caseId: c.id };
}

/** A case at the sentence stage (convicted). */
async function sentencedCase(t: TestApp) {
  const ctx = await openCase(t);
  await t.services.legal.advanceStage(actor, ctx.caseId, { stage: 'referral', on: '2026-01-25' });
  await t.services.legal.advanceStage(actor, ctx.caseId, { stage: 'trial', on: '2026-02-01' });
  await t.services.legal.advanceStage(actor, ctx.caseId, {
    stage: 'verdict',
    on: '2026-02-10',
    outcome: 'convicted',
  });
  await t.services.legal.advanceStage(actor, ctx.caseId, { stage: 'sentence', on: '2026-02-15' });
  return ctx;
}

const caseBody = (_t: TestApp, ctx: Record<string, string>) => ({
  detaineeId: ctx.detaineeId,
  reference: `RC/${randomUUID().slice(0, 8)}`,
  court: 'Court 3',
  openedOn: '2026-01-15',
});

export const legalCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/legal/rules',
    url: () => '/api/legal/rules',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
  },
  {
    method: 'PUT',
    route: '/api/legal/rules',
    url: () => '/api/legal/rules',
    ok: {
      user: 'legal1',
      body: {
        basis: 'judicial order',
        maxDaysBeforeCharge: 90,
        reviewIntervalDays: 30,
        maxPretrialDays: 365,
        warnDaysBefore: 7,
      },
    },
    refused: {
      user: 'inspector',
      body: {
        basis: 'judicial order',
        maxDaysBeforeCharge: 90,
        reviewIntervalDays: 30,
        maxPretrialDays: 365,
        warnDaysBefore: 7,
      },
    },
    bad: {
      user: 'director',
      body: {
        basis: 'judicial order',
        maxDaysBeforeCharge: -1,
        reviewIntervalDays: 30,
        maxPretrialDays: 365,
        warnDaysBefore: 7,
      },
      field: 'maxDaysBeforeCharge',
    },
  },
  {
    method: 'POST',
    route: '/api/legal/check',
    url: () => '/api/legal/check',
    ok: { user: 'director', body: {} },
    refused: { user: 'liaison1', body: {} },
    bad: { user: 'legal1', body: { now: '2030-01-01' }, field: 'now' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/legal-clock',
    setup: async (t) => ({ detaineeId: await routeDetainee(t) }),
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/legal-clock`,
    ok: { user: 'legal1' },
    refused: { user: 'officer1' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/lawyer-visits',
    // A detainee at S2: legal1 is scoped to S1, so for them it does not exist.
    setup: async (t) => ({ detaineeId: await routeDetainee(t, {}, 's2') }),
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/lawyer-visits`,
    ok: { user: 'director' },
    refused: { user: 'legal1', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/lawyer-visits',
    setup: async (t) => ({ detaineeId: await routeDetainee(t) }),
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/lawyer-visits`,
    ok: {
      user: 'legal1',
      body: { lawyerName: 'Layla Fictional', visitedAt: '2026-02-28T10:00:00.000Z', durationMinutes: 40 },
      status: 201,
    },
    refused: {
      user: 'inspector',
      body: { lawyerName: 'Layla Fictional', visitedAt: '2026-02-28T10:00:00.000Z' },
    },
    bad: {
      user: 'legal1',
      body: { lawyerName: 'Layla Fictional', visitedAt: 'yesterday' },
      field: 'visitedAt',
    },
  },
  {
    method: 'GET',
    route: '/api/legal/cases',
    url: () => '/api/legal/cases?open=true',
    ok: { user: 'inspector' },
    refused: { user: 'medical1' },
    bad: { user: 'legal1', url: () => '/api/legal/cases?stage=sentencing', field: 'stage' },
  },
  {
    method: 'POST',
    route: '/api/legal/cases',
    setup: async (t) => ({ detaineeId: await routeDetainee(t) }),
    url: () => '/api/legal/cases',
    ok: { user: 'legal1', body: caseBody, status: 201 },
    refused: { user: 'liaison1', body: caseBody },
    bad: {
      user: 'legal1',
      body: (t, ctx) => ({ ...caseBody(t, ctx), openedOn: '2026-02-30' }),
      field: 'openedOn',
    },
  },
  {
    method: 'GET',
    route: '/api/legal/cases/:id',
    setup: async (t) => openCase(t, 's2'),
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}`,
    ok: { user: 'inspector' },
    refused: { user: 'legal1', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/legal/cases/:id/stages',
    setup: openCase,
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}/stages`,
    ok: { user: 'legal1', body: { stage: 'referral', on: '2026-02-01' }, status: 201 },
    refused: { user: 'officer1', body: { stage: 'referral', on: '2026-02-01' } },
    // A stage skipped is refused, naming the field.
    bad: { user: 'legal1', body: { stage: 'trial', on: '2026-02-01' }, field: 'stage' },
  },
  {
    method: 'POST',
    route: '/api/legal/cases/:id/charges',
    setup: openCase,
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}/charges`,
    ok: {
      user: 'director',
      body: { law: 'Penal Code (fictional)', article: '13', chargedOn: '2026-02-01' },
      status: 201,
    },
    refused: { user: 'inspector', body: { law: 'Penal Code', article: '13', chargedOn: '2026-02-01' } },
    bad: { user: 'legal1', body: { law: 'Penal Code', chargedOn: '2026-02-01' }, field: 'article' },
  },
  {
    method: 'POST',
    route: '/api/legal/cases/:id/co-accused',
    setup: openCase,
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}/co-accused`,
    ok: { user: 'legal1', body: { name: 'A person at large (fictional)' }, status: 201 },
    refused: { user: 'analyst', body: { name: 'X' } },
    bad: { user: 'legal1', body: { name: '' }, field: 'name' },
  },
  {
    method: 'POST',
    route: '/api/legal/cases/:id/hearings',
    setup: openCase,
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}/hearings`,
    ok: {
      user: 'legal1',
      body: { kind: 'detention_review', scheduledAt: '2026-03-05T09:00:00.000Z' },
      status: 201,
    },
    refused: {
      user: 'officer1',
      body: { kind: 'detention_review', scheduledAt: '2026-03-05T09:00:00.000Z' },
    },
    // A hearing before the case was opened.
    bad: {
      user: 'legal1',
      body: { kind: 'trial', scheduledAt: '2026-01-01T09:00:00.000Z' },
      field: 'scheduledAt',
    },
  },
  {
    method: 'POST',
    route: '/api/legal/hearings/:id/outcome',
    setup: async (t) => {
      const ctx = await openCase(t);
      const c = await t.services.legal.addHearing(actor, ctx.caseId, {
        kind: 'detention_review',
        scheduledAt: '2026-02-20T09:00:00.000Z',
      });
      return { ...ctx, hearingId: c.hearings[0].id };
    },
    url: (_t, ctx) => `/api/legal/hearings/${ctx.hearingId}/outcome`,
    ok: { user: 'legal1', body: { outcome: 'detention_extended', note: 'extended 30 days' } },
    refused: { user: 'inspector', body: { outcome: 'held' } },
    bad: { user: 'legal1', body: { outcome: 'postponed-ish' }, field: 'outcome' },
  },
  {
    method: 'POST',
    route: '/api/legal/cases/:id/sentences',
    setup: sentencedCase,
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}/sentences`,
    ok: {
      user: 'legal1',
      body: { imposedOn: '2026-02-15', years: 3, months: 0, days: 0, consecutive: false },
      status: 201,
    },
    refused: {
      user: 'liaison1',
      body: { imposedOn: '2026-02-15', years: 3, months: 0, days: 0, consecutive: false },
    },
    // A sentence with a negative length.
    bad: {
      user: 'legal1',
      body: { imposedOn: '2026-02-15', years: -3, months: 0, days: 0, consecutive: false },
      field: 'years',
    },
  },
  {
    method: 'POST',
    route: '/api/legal/cases/:id/lawyers',
    setup: openCase,
    url: (_t, ctx) => `/api/legal/cases/${ctx.caseId}/lawyers`,
    ok: {
      user: 'legal1',
      body: { lawyerName: 'Omar Imaginary', barNumber: 'B-1', assignedOn: '2026-02-01' },
      status: 201,
    },
    refused: { user: 'officer1', body: { lawyerName: 'Omar Imaginary', assignedOn: '2026-02-01' } },
    bad: {
      user: 'legal1',
      body: { lawyerName: 'Omar Imaginary', assignedOn: '01/02/2026' },
      field: 'assignedOn',
    },
  },
  {
    method: 'GET',
    route: '/api/legal/hearings',
    url: (t) => `/api/legal/hearings?from=2026-02-01&to=2026-03-31&siteId=${t.seed.s1.id}`,
    ok: { user: 'legal1' },
    refused: { user: 'intake1' },
    bad: { user: 'legal1', url: () => '/api/legal/hearings?from=2026-02-01', field: 'to' },
  },
];
