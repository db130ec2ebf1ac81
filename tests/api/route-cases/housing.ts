import { newDetaineeBody, type TestApp } from '../../helpers/test-app';
import { systemActor } from '../../../src/platform/http/actor';
import type { RouteCase } from './types';

const sys = systemActor('route-case');
let counter = 0;

/** A fresh cell in S1's wing (men, adults), so that cases never run out of beds. */
const cell = async (t: TestApp, capacity = 4) =>
  (await t.services.estate.createCell(sys, t.seed.s1.wingId, { code: `H${++counter}`, capacity })).id;

const detainee = async (t: TestApp, overrides: Record<string, unknown> = {}) =>
  (await t.services.register.create(sys, newDetaineeBody(t.seed.s1.id, overrides) as never)).id;

const pair = async (t: TestApp) => ({ a: await detainee(t), b: await detainee(t) });

const link = async (t: TestApp) => {
  const { a, b } = await pair(t);
  const l = await t.services.housing.intelligence.createLink(sys, {
    a,
    b,
    kind: 'co-accused',
    weight: 0.8,
    source: 'case file 12/2025',
  });
  return { linkId: l.id, a, b };
};

const directive = async (t: TestApp) => {
  const { a, b } = await pair(t);
  const d = await t.services.housing.intelligence.createDirective(sys, {
    a,
    b,
    scope: 'wing',
    reason: 'threats against a witness',
    authorisedBy: 'Security chief',
  });
  return { directiveId: d.id, a, b };
};

const housed = async (t: TestApp) => {
  const from = await cell(t);
  const to = await cell(t);
  return { detaineeId: await detainee(t, { cellId: from }), toCellId: to };
};

const plan = async (t: TestApp, siteId: string) => {
  await t.services.register.create(sys, newDetaineeBody(siteId, { status: 'arriving' }) as never);
  const p = await t.services.housing.housing.propose(sys, {
    kind: 'placement',
    siteIds: [siteId],
    timeLimitSeconds: 0.5,
  });
  return { planId: p.id };
};

const segregation = async (t: TestApp) => {
  const detaineeId = await detainee(t, { cellId: await cell(t) });
  const s = await t.services.housing.segregation.start(sys, detaineeId, {
    reason: 'assault on a cellmate',
    authority: 'Commander, North Test Site',
    plannedEnd: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString(),
  });
  return { segregationId: s.id, detaineeId };
};

const inAWeek = (t: TestApp) => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();

export const housingCases: RouteCase[] = [
  // ---- the estate, managed ----
  {
    method: 'PATCH',
    route: '/api/wings/:id',
    setup: async (t) => ({
      wingId: (
        await t.services.estate.createWing(sys, t.seed.s1.blockId, {
          code: `W${++counter}`,
          name: 'Empty wing',
          sex: 'M',
          ageGroup: 'adult',
        })
      ).id,
    }),
    url: (_t, ctx) => `/api/wings/${ctx.wingId}`,
    ok: { user: 'commander1', body: { sex: 'F', name: 'Women' } },
    refused: { user: 'officer1', body: { name: 'x' } },
    bad: { user: 'commander1', body: { sex: 'X' }, field: 'sex' },
  },
  {
    method: 'GET',
    route: '/api/sites/:id/cells-out-of-service',
    url: (t) => `/api/sites/${t.seed.s1.id}/cells-out-of-service`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  // ---- links ----
  {
    method: 'GET',
    route: '/api/intelligence/links',
    url: () => '/api/intelligence/links',
    ok: { user: 'analyst' },
    refused: { user: 'officer1' },
    bad: {
      user: 'analyst',
      url: () => '/api/intelligence/links?includeClosed=perhaps',
      field: 'includeClosed',
    },
  },
  {
    method: 'POST',
    route: '/api/intelligence/links',
    setup: pair,
    url: () => '/api/intelligence/links',
    ok: {
      user: 'analyst',
      body: (_t, c) => ({ a: c.a, b: c.b, kind: 'family', weight: 0.6, source: 'visits register' }),
      status: 201,
    },
    refused: {
      user: 'officer1',
      body: (_t, c) => ({ a: c.a, b: c.b, kind: 'family', weight: 0.6, source: 'visits register' }),
    },
    bad: {
      user: 'analyst',
      body: (_t, c) => ({ a: c.a, b: c.b, kind: 'family', weight: 2, source: 'visits register' }),
      field: 'weight',
    },
  },
  {
    method: 'GET',
    route: '/api/intelligence/links/:id',
    setup: link,
    url: (_t, c) => `/api/intelligence/links/${c.linkId}`,
    ok: { user: 'commander1' },
    refused: { user: 'legal1' },
  },
  {
    method: 'PATCH',
    route: '/api/intelligence/links/:id',
    setup: link,
    url: (_t, c) => `/api/intelligence/links/${c.linkId}`,
    ok: { user: 'analyst', body: { weight: 0.4 } },
    refused: { user: 'officer1', body: { weight: 0.4 } },
    bad: { user: 'analyst', body: { kind: 'friends' }, field: 'kind' },
  },
  {
    method: 'POST',
    route: '/api/intelligence/links/:id/close',
    setup: link,
    url: (_t, c) => `/api/intelligence/links/${c.linkId}/close`,
    ok: { user: 'analyst', body: { reason: 'the source was withdrawn' } },
    refused: { user: 'officer1', body: { reason: 'x' } },
    bad: { user: 'analyst', body: {}, field: 'reason' },
  },
  // ---- directives ----
  {
    method: 'GET',
    route: '/api/intelligence/directives',
    url: () => '/api/intelligence/directives',
    ok: { user: 'director' },
    refused: { user: 'medical1' },
    bad: {
      user: 'analyst',
      url: () => '/api/intelligence/directives?reviewDueBy=soon',
      field: 'reviewDueBy',
    },
  },
  {
    method: 'POST',
    route: '/api/intelligence/directives',
    setup: pair,
    url: () => '/api/intelligence/directives',
    ok: {
      user: 'analyst',
      body: (_t, c) => ({
        a: c.a,
        b: c.b,
        scope: 'block',
        reason: 'feud',
        authorisedBy: 'Security chief',
        reviewDate: '2026-06-01',
      }),
      status: 201,
    },
    refused: {
      user: 'intake1',
      body: (_t, c) => ({ a: c.a, b: c.b, scope: 'block', reason: 'feud', authorisedBy: 'Security chief' }),
    },
    bad: {
      user: 'analyst',
      body: (_t, c) => ({ a: c.a, b: c.b, scope: 'room', reason: 'feud', authorisedBy: 'Security chief' }),
      field: 'scope',
    },
  },
  {
    method: 'GET',
    route: '/api/intelligence/directives/:id',
    setup: directive,
    url: (_t, c) => `/api/intelligence/directives/${c.directiveId}`,
    ok: { user: 'analyst' },
    refused: { user: 'officer1' },
  },
  {
    method: 'PATCH',
    route: '/api/intelligence/directives/:id',
    setup: directive,
    url: (_t, c) => `/api/intelligence/directives/${c.directiveId}`,
    ok: { user: 'analyst', body: { scope: 'site' } },
    refused: { user: 'officer1', body: { scope: 'site' } },
    bad: { user: 'analyst', body: { reviewDate: 'next month' }, field: 'reviewDate' },
  },
  {
    method: 'POST',
    route: '/api/intelligence/directives/:id/close',
    setup: directive,
    url: (_t, c) => `/api/intelligence/directives/${c.directiveId}/close`,
    ok: { user: 'analyst', body: { reason: 'the witness has been released' } },
    refused: { user: 'officer1', body: { reason: 'x' } },
    bad: { user: 'analyst', body: { reason: '' }, field: 'reason' },
  },
  // ---- classification ----
  {
    method: 'GET',
    route: '/api/detainees/:id/classification',
    setup: async (t) => ({ detaineeId: await detainee(t) }),
    url: (_t, c) => `/api/detainees/${c.detaineeId}/classification`,
    ok: { user: 'analyst' },
    refused: { user: 'officer1' },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/classification',
    setup: async (t) => ({ detaineeId: await detainee(t) }),
    url: (_t, c) => `/api/detainees/${c.detaineeId}/classification`,
    ok: {
      user: 'commander1',
      body: { risk: 'high', role: 'planner', reason: 'interrogation report 7' },
      status: 201,
    },
    refused: { user: 'officer1', body: { risk: 'high', role: 'planner', reason: 'x' } },
    bad: { user: 'analyst', body: { risk: 'high', role: 'boss', reason: 'x' }, field: 'role' },
  },
  // ---- networks ----
  {
    method: 'GET',
    route: '/api/intelligence/networks',
    url: () => '/api/intelligence/networks',
    ok: { user: 'analyst' },
    refused: { user: 'legal1' },
    bad: { user: 'analyst', url: () => '/api/intelligence/networks?resolution=-1', field: 'resolution' },
  },
  // ---- plans ----
  {
    method: 'POST',
    route: '/api/housing/plans',
    url: () => '/api/housing/plans',
    ok: {
      user: 'analyst',
      body: (t) => ({ kind: 'replan', siteIds: [t.seed.s1.id], moveBudget: 5, timeLimitSeconds: 0.5 }),
      status: 201,
    },
    refused: { user: 'officer1', body: (t) => ({ kind: 'replan', siteIds: [t.seed.s1.id], moveBudget: 5 }) },
    bad: { user: 'analyst', body: { kind: 'shuffle', moveBudget: 5 }, field: 'kind' },
  },
  {
    method: 'GET',
    route: '/api/housing/plans',
    url: () => '/api/housing/plans',
    ok: { user: 'analyst' },
    refused: { user: 'officer1' },
    bad: { user: 'analyst', url: () => '/api/housing/plans?status=maybe', field: 'status' },
  },
  {
    method: 'GET',
    route: '/api/housing/plans/:id',
    setup: (t) => plan(t, t.seed.s2.id),
    url: (_t, c) => `/api/housing/plans/${c.planId}`,
    ok: { user: 'analyst' },
    // A plan for a site outside the commander's does not exist for them.
    refused: { user: 'commander1', status: 404 },
  },
  {
    method: 'POST',
    route: '/api/housing/plans/:id/approve',
    setup: (t) => plan(t, t.seed.s1.id),
    url: (_t, c) => `/api/housing/plans/${c.planId}/approve`,
    ok: { user: 'analyst', body: { note: 'checked with the duty officer' } },
    refused: { user: 'officer1', body: {} },
    bad: { user: 'analyst', body: { note: 5 }, field: 'note' },
  },
  {
    method: 'POST',
    route: '/api/housing/plans/:id/reject',
    setup: (t) => plan(t, t.seed.s1.id),
    url: (_t, c) => `/api/housing/plans/${c.planId}/reject`,
    ok: { user: 'analyst', body: { note: 'wait for the new wing' } },
    refused: { user: 'intake1', body: { note: 'x' } },
    bad: { user: 'analyst', body: {}, field: 'note' },
  },
  // ---- moves ----
  {
    method: 'GET',
    route: '/api/detainees/:id/move-check',
    setup: housed,
    url: (_t, c) => `/api/detainees/${c.detaineeId}/move-check?toCellId=${c.toCellId}`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'officer1', url: (_t, c) => `/api/detainees/${c.detaineeId}/move-check`, field: 'toCellId' },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/moves',
    setup: housed,
    url: (_t, c) => `/api/detainees/${c.detaineeId}/moves`,
    ok: {
      user: 'officer1',
      body: (_t, c) => ({ toCellId: c.toCellId, reason: 'repairs in the old cell' }),
      status: 201,
    },
    refused: { user: 'intake1', body: (_t, c) => ({ toCellId: c.toCellId, reason: 'x' }) },
    bad: { user: 'officer1', body: (_t, c) => ({ toCellId: c.toCellId, reason: '' }), field: 'reason' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/moves',
    setup: housed,
    url: (_t, c) => `/api/detainees/${c.detaineeId}/moves`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  // ---- segregation ----
  {
    method: 'POST',
    route: '/api/detainees/:id/segregations',
    setup: housed,
    url: (_t, c) => `/api/detainees/${c.detaineeId}/segregations`,
    ok: {
      user: 'commander1',
      body: (t) => ({ reason: 'assault on an officer', authority: 'Commander', plannedEnd: inAWeek(t) }),
      status: 201,
    },
    refused: { user: 'officer1', body: (t) => ({ reason: 'x', authority: 'x', plannedEnd: inAWeek(t) }) },
    bad: {
      user: 'commander1',
      body: { reason: 'x', authority: 'x', plannedEnd: 'in a week' },
      field: 'plannedEnd',
    },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/segregations',
    setup: segregation,
    url: (_t, c) => `/api/detainees/${c.detaineeId}/segregations`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
  },
  {
    method: 'GET',
    route: '/api/sites/:id/segregations',
    url: (t) => `/api/sites/${t.seed.s1.id}/segregations`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
    bad: {
      user: 'officer1',
      url: (t) => `/api/sites/${t.seed.s1.id}/segregations?includeEnded=perhaps`,
      field: 'includeEnded',
    },
  },
  {
    method: 'POST',
    route: '/api/segregations/:id/reviews',
    setup: segregation,
    url: (_t, c) => `/api/segregations/${c.segregationId}/reviews`,
    ok: { user: 'commander1', body: { outcome: 'continue', note: 'still a danger to others' }, status: 201 },
    refused: { user: 'officer1', body: { outcome: 'continue', note: 'x' } },
    bad: { user: 'commander1', body: { outcome: 'forever', note: 'x' }, field: 'outcome' },
  },
  {
    method: 'POST',
    route: '/api/segregations/:id/medical-checks',
    setup: segregation,
    url: (_t, c) => `/api/segregations/${c.segregationId}/medical-checks`,
    ok: { user: 'medical1', body: { outcome: 'fit', note: 'no contraindication' }, status: 201 },
    refused: { user: 'commander1', body: { outcome: 'fit', note: 'x' } },
    bad: { user: 'medical1', body: { outcome: 'fine', note: 'x' }, field: 'outcome' },
  },
  {
    method: 'POST',
    route: '/api/segregations/:id/end',
    setup: segregation,
    url: (_t, c) => `/api/segregations/${c.segregationId}/end`,
    ok: { user: 'commander1', body: { reason: 'review: no longer needed' } },
    refused: { user: 'officer1', body: { reason: 'x' } },
    bad: { user: 'commander1', body: {}, field: 'reason' },
  },
];
