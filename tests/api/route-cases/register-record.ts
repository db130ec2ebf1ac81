import { newDetaineeBody, type TestApp } from '../../helpers/test-app';
import type { RouteCase } from './types';

/** The full record (Rules 7-8), name search, duplicate review and merges (issue 4). */

const admit = async (t: TestApp, overrides: Record<string, unknown> = {}) => {
  const s = await t.login('director');
  const res = await s.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id, overrides),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
};

const withDetainee = async (t: TestApp) => ({ detaineeId: await admit(t) });

/** A valid body for each section, and one with a bad field. */
const SECTION_BODIES: Record<
  string,
  {
    writer: string;
    refused: string;
    body: Record<string, unknown>;
    bad: Record<string, unknown>;
    field: string;
    removable: boolean;
  }
> = {
  documents: {
    writer: 'intake1',
    refused: 'officer1',
    body: { type: 'passport', number: 'P7654321', issuingState: 'TR' },
    bad: { type: 'passport', number: 'P1', issuingState: 'ZZ' },
    field: 'issuingState',
    removable: true,
  },
  'biometric-references': {
    writer: 'intake1',
    refused: 'legal1',
    body: { system: 'National AFIS', reference: 'AFIS-1' },
    bad: { system: 'AFIS', reference: 'has spaces and ;' },
    field: 'reference',
    removable: true,
  },
  family: {
    writer: 'commander1',
    refused: 'medical1',
    body: { relation: 'child', name: 'Fictional Child', age: 4, caredForBy: 'an aunt' },
    bad: { relation: 'cousin', name: 'X' },
    field: 'relation',
    removable: true,
  },
  'emergency-contacts': {
    writer: 'intake1',
    refused: 'analyst',
    body: { name: 'Fictional Sister', relation: 'sister' },
    bad: { name: 'X', relation: 'sister', phone: 'call me' },
    field: 'phone',
    removable: true,
  },
  property: {
    writer: 'intake1',
    refused: 'officer1',
    body: {
      bagNumber: 'BAG-9',
      items: [{ description: 'belt', quantity: 1 }],
      receivedAt: '2026-03-01T08:00:00.000Z',
      detaineeSignature: 'signed',
      officerSignature: 'signed',
    },
    bad: {
      bagNumber: 'BAG-9',
      items: [],
      receivedAt: '2026-03-01T08:00:00.000Z',
      detaineeSignature: 'signed',
      officerSignature: 'signed',
    },
    field: 'items',
    removable: false,
  },
  injuries: {
    writer: 'medical1',
    refused: 'officer1',
    body: {
      observedAt: '2026-03-01T08:00:00.000Z',
      bodyLocation: 'knee',
      description: 'graze',
      examinedBy: 'Dr X',
    },
    bad: { observedAt: 'yesterday', bodyLocation: 'knee', description: 'graze', examinedBy: 'Dr X' },
    field: 'observedAt',
    removable: false,
  },
  complaints: {
    writer: 'intake1',
    refused: 'legal1',
    body: { receivedAt: '2026-03-01T08:00:00.000Z', allegation: 'ill-treated at the previous prison' },
    bad: { receivedAt: '2026-03-01T08:00:00.000Z', allegation: 'x', when: '2025-14' },
    field: 'when',
    removable: false,
  },
};

const withItem = (path: string) => async (t: TestApp) => {
  const detaineeId = await admit(t);
  const spec = SECTION_BODIES[path];
  const s = await t.login(spec.writer);
  const res = await s.request({
    method: 'POST',
    url: `/api/detainees/${detaineeId}/${path}`,
    payload: spec.body,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { detaineeId, itemId: res.json().itemId as string };
};

const sectionCases: RouteCase[] = Object.entries(SECTION_BODIES).flatMap(([path, spec]) => {
  const cases: RouteCase[] = [
    {
      method: 'POST',
      route: `/api/detainees/:id/${path}`,
      setup: withDetainee,
      url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/${path}`,
      ok: { user: spec.writer, body: spec.body, status: 201 },
      refused: { user: spec.refused, body: spec.body },
      bad: { user: spec.writer, body: spec.bad, field: spec.field },
    },
    {
      method: 'PUT',
      route: `/api/detainees/:id/${path}/:itemId`,
      setup: withItem(path),
      url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/${path}/${ctx.itemId}`,
      ok: { user: spec.writer, body: { ...spec.body, reason: 'correction' } },
      refused: { user: spec.refused, body: spec.body },
      bad: { user: spec.writer, body: spec.bad, field: spec.field },
    },
  ];
  if (spec.removable)
    cases.push({
      method: 'DELETE',
      route: `/api/detainees/:id/${path}/:itemId`,
      setup: withItem(path),
      url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/${path}/${ctx.itemId}`,
      ok: { user: spec.writer, body: { reason: 'entered in error' }, status: 204 },
      refused: { user: spec.refused, body: { reason: 'entered in error' } },
      bad: { user: spec.writer, body: { reason: '' }, field: 'reason' },
    });
  return cases;
});

const withName = async (t: TestApp) => {
  const detaineeId = await admit(t);
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: `/api/detainees/${detaineeId}/names`,
    payload: { name: 'Abu Bakr al-Fictional', script: 'latin', kind: 'kunya' },
  });
  return {
    detaineeId,
    nameId: res.json().find((n: { kind: string; name: string }) => n.name === 'Abu Bakr al-Fictional')
      .id as string,
  };
};

const withPair = async (t: TestApp) => {
  const a = await admit(t, {
    names: [{ name: 'Tariq Jamil Nouri', script: 'latin', kind: 'legal' }],
    dob: '1991-05-05',
  });
  const b = await admit(t, {
    names: [{ name: 'طارق جميل نوري', script: 'arabic', kind: 'legal' }],
    dob: '1991-05-05',
  });
  return { a, b };
};

const withCandidate = async (t: TestApp) => {
  const pair = await withPair(t);
  const s = await t.login('director');
  await s.request({ method: 'POST', url: '/api/identity/scan' });
  const items = (await s.request({ method: 'GET', url: '/api/identity/candidates?status=open' })).json()
    .items as { id: string; a: { id: string }; b: { id: string } }[];
  const c = items.find((i) => [i.a.id, i.b.id].includes(pair.a) && [i.a.id, i.b.id].includes(pair.b));
  if (!c) throw new Error('no candidate for the pair');
  return { ...pair, candidateId: c.id };
};

const withMerge = async (t: TestApp) => {
  const pair = await withPair(t);
  const s = await t.login('director');
  const res = await s.request({
    method: 'POST',
    url: '/api/identity/merges',
    payload: { survivorId: pair.a, absorbedId: pair.b, reason: 'same person' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { mergeId: res.json().id as string };
};

export const registerRecordCases: RouteCase[] = [
  {
    method: 'GET',
    route: '/api/detainees/search',
    setup: withDetainee,
    url: () => `/api/detainees/search?q=${encodeURIComponent('حسين الجبوري')}`,
    ok: { user: 'officer1' },
    refused: { user: 'admin' },
    bad: { user: 'officer1', url: () => '/api/detainees/search?q=', field: 'q' },
  },
  {
    method: 'POST',
    route: '/api/identity/search-index/rebuild',
    url: () => '/api/identity/search-index/rebuild',
    ok: { user: 'director' },
    refused: { user: 'officer1' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/record',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/record`,
    ok: { user: 'officer1' },
    // An officer of the other site: the record does not exist for them.
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'officer1', url: () => `/api/detainees/${'x'.repeat(65)}/record`, field: 'id' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/record/history',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/record/history`,
    ok: { user: 'inspector' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'officer1', url: () => `/api/detainees/${'x'.repeat(65)}/record/history`, field: 'id' },
  },
  {
    method: 'PUT',
    route: '/api/detainees/:id/personal',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/personal`,
    ok: {
      user: 'intake1',
      body: { motherName: 'Fictional Mother', placeOfBirth: 'Fictional Town', placeOfBirthCountry: 'IQ' },
    },
    refused: { user: 'officer1', body: { motherName: 'x' } },
    bad: { user: 'intake1', body: { placeOfBirthCountry: 'Iraq' }, field: 'placeOfBirthCountry' },
  },
  {
    method: 'POST',
    route: '/api/detainees/:id/names',
    setup: withDetainee,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/names`,
    ok: {
      user: 'intake1',
      body: { name: 'حسين حسن', script: 'arabic', kind: 'transliteration', given: 'حسين', father: 'حسن' },
      status: 201,
    },
    refused: { user: 'legal1', body: { name: 'Husayn', script: 'latin', kind: 'alias' } },
    // An unknown script mix in one name.
    bad: { user: 'intake1', body: { name: 'Husayn حسن', script: 'latin', kind: 'alias' }, field: 'name' },
  },
  {
    method: 'PUT',
    route: '/api/detainees/:id/names/:nameId',
    setup: withName,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/names/${ctx.nameId}`,
    ok: {
      user: 'intake1',
      body: { name: 'Abu Bakr al-Fictionali', script: 'latin', kind: 'kunya', reason: 'spelling' },
    },
    refused: { user: 'officer2', body: { name: 'Abu Bakr', script: 'latin', kind: 'kunya' }, status: 403 },
    bad: {
      user: 'intake1',
      body: { name: 'Abu Bakr', script: 'latin', kind: 'kunya', father: 'حسن' },
      field: 'father',
    },
  },
  {
    method: 'DELETE',
    route: '/api/detainees/:id/names/:nameId',
    setup: withName,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/names/${ctx.nameId}`,
    ok: { user: 'intake1', body: { reason: 'belongs to another person' } },
    refused: { user: 'analyst', body: { reason: 'belongs to another person' } },
    bad: { user: 'intake1', body: {}, field: 'reason' },
  },
  ...sectionCases,
  {
    method: 'POST',
    route: '/api/detainees/:id/property/:itemId/return',
    setup: withItem('property'),
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/property/${ctx.itemId}/return`,
    ok: {
      user: 'intake1',
      body: {
        returnedAt: '2026-03-05T08:00:00.000Z',
        returnedSignature: 'signed',
        officerSignature: 'signed',
      },
    },
    refused: {
      user: 'officer1',
      body: {
        returnedAt: '2026-03-05T08:00:00.000Z',
        returnedSignature: 'signed',
        officerSignature: 'signed',
      },
    },
    bad: {
      user: 'intake1',
      body: { returnedAt: '2026-03-05', returnedSignature: 'signed', officerSignature: 'signed' },
      field: 'returnedAt',
    },
  },
  {
    method: 'GET',
    route: '/api/identity/candidates',
    url: () => '/api/identity/candidates?status=open',
    ok: { user: 'inspector' },
    refused: { user: 'officer1' },
    bad: { user: 'director', url: () => '/api/identity/candidates?status=maybe', field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/identity/scan',
    url: () => '/api/identity/scan',
    ok: { user: 'intake1' },
    refused: { user: 'analyst' },
  },
  {
    method: 'POST',
    route: '/api/identity/candidates/:id/not-same',
    setup: withCandidate,
    url: (_t, ctx) => `/api/identity/candidates/${ctx.candidateId}/not-same`,
    ok: { user: 'director', body: { reason: 'different mothers' } },
    refused: { user: 'inspector', body: { reason: 'different mothers' } },
    bad: { user: 'director', body: { reason: 'x', extra: 1 }, field: 'extra' },
  },
  {
    method: 'GET',
    route: '/api/identity/merges',
    url: () => '/api/identity/merges',
    ok: { user: 'legal1' },
    refused: { user: 'medical1' },
    bad: { user: 'director', url: () => '/api/identity/merges?who=me', field: 'who' },
  },
  {
    method: 'POST',
    route: '/api/identity/merges',
    setup: withPair,
    url: () => '/api/identity/merges',
    ok: {
      user: 'commander1',
      body: (_t, ctx) => ({ survivorId: ctx.a, absorbedId: ctx.b, reason: 'same passport' }),
      status: 201,
    },
    refused: {
      user: 'analyst',
      body: (_t, ctx) => ({ survivorId: ctx.a, absorbedId: ctx.b, reason: 'same passport' }),
    },
    bad: {
      user: 'director',
      body: (_t, ctx) => ({ survivorId: ctx.a, absorbedId: ctx.a, reason: 'same passport' }),
      field: 'absorbedId',
    },
  },
  {
    method: 'POST',
    route: '/api/identity/merges/:id/unmerge',
    setup: withMerge,
    url: (_t, ctx) => `/api/identity/merges/${ctx.mergeId}/unmerge`,
    ok: { user: 'director', body: { reason: 'two brothers' } },
    refused: { user: 'officer1', body: { reason: 'two brothers' } },
    bad: { user: 'director', body: { reason: 'no' }, field: 'reason' },
  },
];
