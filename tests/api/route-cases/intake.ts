import { randomBytes } from 'node:crypto';
import { newDetaineeBody, type TestApp } from '../../helpers/test-app';
import type { RouteCase } from './types';

const HEADER =
  'manifest_row,manifest_id,family_name,given_names,name_ar,sex,dob,nationalities,legal_status,age_category';
const handover = {
  handedOverBy: 'Captain Example',
  receivedBy: 'Intake Officer',
  escort: 'Convoy 1',
  place: 'Gate 1',
};
const LONG_ID = 'x'.repeat(65);
const tag = () => randomBytes(4).toString('hex');
/** Letters only: a name with digits in it is no name the identity engine will match. */
const letters = () => [...randomBytes(5)].map((b) => 'bcdfghjklmnprstvz'[b % 17]).join('');

/** A two-row manifest whose numbers are new every time, so each setup gets its own batch. */
function manifest(): string {
  const k = tag();
  return `${HEADER}\n1,RC-${k}-1,Quispe${k},Nadir,,M,1990,PE,untried,adult\n2,RC-${k}-2,Lindqvist${k},Oskar,,M,1985-02-03,SE,convicted,adult\n`;
}

const preview = async (t: TestApp) => {
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/intake/imports',
    payload: { content: manifest(), siteCode: 'S1', manifestRef: `RC-${tag()}` },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { batchId: res.json().id as string };
};

const accepted = async (t: TestApp) => {
  const { batchId } = await preview(t);
  const s = await t.login('intake1');
  await s.request({ method: 'POST', url: `/api/intake/imports/${batchId}/accept` });
  const arrivals = (await s.request({ method: 'GET', url: `/api/intake/imports/${batchId}/arrivals` })).json()
    .items as { id: string; manifestNo: string; detaineeId: string }[];
  return {
    batchId,
    arrivalId: arrivals[0].id,
    manifestNo: arrivals[0].manifestNo,
    detaineeId: arrivals[0].detaineeId,
  };
};

const arrived = async (t: TestApp) => {
  const ctx = await accepted(t);
  const s = await t.login('intake1');
  await s.request({
    method: 'POST',
    url: `/api/intake/imports/${ctx.batchId}/arrivals/confirm`,
    payload: { manifestNo: ctx.manifestNo, handover },
  });
  return ctx;
};

const admitted = async (t: TestApp) => {
  const ctx = await arrived(t);
  const s = await t.login('intake1');
  await s.request({
    method: 'POST',
    url: `/api/intake/arrivals/${ctx.arrivalId}/admission`,
    payload: { property: [{ item: 'watch', quantity: 1 }] },
  });
  return ctx;
};

const mapping = async (t: TestApp) => {
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/intake/mappings',
    payload: { name: `layout ${tag()}`, columns: { Gender: 'sex' } },
  });
  return { mappingId: res.json().id as string };
};

const review = async (t: TestApp) => {
  // A person already held, and a manifest with someone just like them: a possible duplicate.
  const s = await t.login('intake1');
  const k = letters();
  const held = await s.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id, {
      names: [{ name: `Tariq Mansour Zaydan${k}`, script: 'latin', kind: 'legal' }],
      dob: '1984-04-04',
      nationalities: ['JO'],
    }),
  });
  const csv = `${HEADER}\n1,RV-${k},Zaydan${k},Tariq Mansour,,M,1984-04-04,JO,untried,adult\n`;
  const batch = (
    await s.request({
      method: 'POST',
      url: '/api/intake/imports',
      payload: { content: csv, siteCode: 'S1', manifestRef: `RV-${k}` },
    })
  ).json();
  await s.request({ method: 'POST', url: `/api/intake/imports/${batch.id}/accept` });
  const rows = await t.services.db
    .selectFrom('duplicate_reviews')
    .select('id')
    .where('candidate_id', '=', held.json().id)
    .execute();
  if (!rows.length) throw new Error('no review was raised');
  return { reviewId: rows[0].id };
};

const detainee = async (t: TestApp) => {
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id, {
      names: [{ name: `Mover Example ${letters()}`, script: 'latin', kind: 'legal' }],
    }),
  });
  return { detaineeId: res.json().id as string };
};

const movement = async (t: TestApp) => {
  const { detaineeId } = await detainee(t);
  const s = await t.login('intake1');
  const res = await s.request({
    method: 'POST',
    url: '/api/movements',
    payload: { detaineeId, kind: 'court', destination: 'Court 3', scheduledFor: '2026-03-02T07:00:00.000Z' },
  });
  return { detaineeId, movementId: res.json().id as string };
};

const releaseBody = (detaineeId: string) => ({
  detaineeId,
  grounds: 'court-order',
  legalAuthority: 'Court 3',
  orderRef: 'C3/1',
  identityCheck: { method: 'fingerprints', confirmedBy: 'Officer' },
});

const release = async (t: TestApp, approve = false) => {
  const { detaineeId } = await detainee(t);
  const s = await t.login('intake1');
  const record = await t.services.register.read(detaineeId);
  const basis = record!.legalBases[0].id;
  const res = await s.request({
    method: 'POST',
    url: '/api/releases',
    payload: { ...releaseBody(detaineeId), legalBasisId: basis },
  });
  const releaseId = res.json().id as string;
  if (approve)
    await (
      await t.login('legal1')
    ).request({ method: 'POST', url: `/api/releases/${releaseId}/approve`, payload: {} });
  return { detaineeId, releaseId };
};

export const intakeCases: RouteCase[] = [
  // mappings
  {
    method: 'GET',
    route: '/api/intake/mappings',
    url: () => '/api/intake/mappings',
    ok: { user: 'intake1' },
    refused: { user: 'liaison1' },
  },
  {
    method: 'POST',
    route: '/api/intake/mappings',
    url: () => '/api/intake/mappings',
    ok: {
      user: 'intake1',
      body: () => ({ name: `layout ${tag()}`, columns: { الجنس: 'sex' } }),
      status: 201,
    },
    refused: { user: 'officer1', body: { name: 'x', columns: { A: 'sex' } } },
    bad: { user: 'intake1', body: { name: 'x', columns: { A: 'shoe_size' } }, field: 'columns.A' },
  },
  {
    method: 'GET',
    route: '/api/intake/mappings/:id',
    setup: mapping,
    url: (_t, ctx) => `/api/intake/mappings/${ctx.mappingId}`,
    ok: { user: 'officer1' },
    refused: { user: 'liaison1' },
    bad: { user: 'intake1', url: () => `/api/intake/mappings/${LONG_ID}`, field: 'id' },
  },
  {
    method: 'PUT',
    route: '/api/intake/mappings/:id',
    setup: mapping,
    url: (_t, ctx) => `/api/intake/mappings/${ctx.mappingId}`,
    ok: { user: 'intake1', body: () => ({ name: `layout ${tag()}`, columns: { Sex: 'sex' } }) },
    refused: { user: 'analyst', body: { name: 'y', columns: { A: 'sex' } } },
    bad: { user: 'intake1', body: { name: 'y', columns: { A: 'sex' }, colour: 'red' }, field: 'colour' },
  },
  {
    method: 'DELETE',
    route: '/api/intake/mappings/:id',
    setup: mapping,
    url: (_t, ctx) => `/api/intake/mappings/${ctx.mappingId}`,
    ok: { user: 'intake1', status: 204 },
    refused: { user: 'inspector' },
    bad: { user: 'intake1', url: () => `/api/intake/mappings/${LONG_ID}`, field: 'id' },
  },
  // imports
  {
    method: 'POST',
    route: '/api/intake/imports',
    url: () => '/api/intake/imports',
    ok: {
      user: 'intake1',
      body: () => ({ content: manifest(), siteCode: 'S1', manifestRef: `RC-${tag()}` }),
      status: 201,
    },
    refused: { user: 'officer1', body: () => ({ content: manifest(), siteCode: 'S1' }) },
    bad: { user: 'intake1', body: { content: 'a', siteCode: 'S1', format: 'xlsx' }, field: 'format' },
  },
  {
    method: 'GET',
    route: '/api/intake/imports',
    url: () => '/api/intake/imports',
    ok: { user: 'inspector' },
    refused: { user: 'liaison1' },
    bad: { user: 'intake1', url: () => '/api/intake/imports?status=lost', field: 'status' },
  },
  {
    method: 'GET',
    route: '/api/intake/imports/:id',
    setup: preview,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}`,
    ok: { user: 'intake1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'intake1', url: () => `/api/intake/imports/${LONG_ID}`, field: 'id' },
  },
  {
    method: 'GET',
    route: '/api/intake/imports/:id/rows',
    setup: preview,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/rows`,
    ok: { user: 'intake1' },
    refused: { user: 'officer2', status: 404 },
    bad: {
      user: 'intake1',
      url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/rows?outcome=maybe`,
      field: 'outcome',
    },
  },
  {
    method: 'POST',
    route: '/api/intake/imports/:id/accept',
    setup: preview,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/accept`,
    ok: { user: 'intake1' },
    refused: { user: 'officer1' },
    bad: { user: 'intake1', url: () => `/api/intake/imports/${LONG_ID}/accept`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/intake/imports/:id/discard',
    setup: preview,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/discard`,
    ok: { user: 'intake1' },
    refused: { user: 'analyst' },
    bad: { user: 'intake1', url: () => `/api/intake/imports/${LONG_ID}/discard`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/intake/imports/:id/housing',
    setup: accepted,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/housing`,
    ok: { user: 'analyst' },
    refused: { user: 'intake1' },
    bad: { user: 'analyst', url: () => `/api/intake/imports/${LONG_ID}/housing`, field: 'id' },
  },
  // arrival day
  {
    method: 'GET',
    route: '/api/intake/imports/:id/reconciliation',
    setup: accepted,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/reconciliation`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'intake1', url: () => `/api/intake/imports/${LONG_ID}/reconciliation`, field: 'id' },
  },
  {
    method: 'GET',
    route: '/api/intake/imports/:id/arrivals',
    setup: accepted,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/arrivals`,
    ok: { user: 'intake1' },
    refused: { user: 'liaison1' },
    bad: {
      user: 'intake1',
      url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/arrivals?status=lost`,
      field: 'status',
    },
  },
  {
    method: 'POST',
    route: '/api/intake/imports/:id/arrivals/confirm',
    setup: accepted,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/arrivals/confirm`,
    ok: { user: 'intake1', body: (_t, ctx) => ({ manifestNo: ctx.manifestNo, handover }) },
    refused: { user: 'officer1', body: (_t, ctx) => ({ manifestNo: ctx.manifestNo, handover }) },
    bad: {
      user: 'intake1',
      body: (_t, ctx) => ({ manifestNo: ctx.manifestNo, handover: { ...handover, place: '' } }),
      field: 'handover.place',
    },
  },
  {
    method: 'POST',
    route: '/api/intake/imports/:id/arrivals/unexpected',
    setup: accepted,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/arrivals/unexpected`,
    ok: {
      user: 'intake1',
      body: {
        names: [{ name: 'Walid Unlisted', script: 'latin', kind: 'legal' }],
        sex: 'M',
        nationalities: ['LY'],
        legalStatus: 'untried',
        ageCategory: 'adult',
        handover,
      },
      status: 201,
    },
    refused: {
      user: 'officer2',
      body: {
        names: [{ name: 'Walid Unlisted', script: 'latin', kind: 'legal' }],
        sex: 'M',
        nationalities: ['LY'],
        legalStatus: 'untried',
        ageCategory: 'adult',
        handover,
      },
      status: 403,
    },
    bad: {
      user: 'intake1',
      body: {
        names: [{ name: 'Walid Unlisted', script: 'latin', kind: 'legal' }],
        sex: 'X',
        nationalities: ['LY'],
        legalStatus: 'untried',
        ageCategory: 'adult',
        handover,
      },
      field: 'sex',
    },
  },
  {
    method: 'POST',
    route: '/api/intake/imports/:id/close',
    setup: accepted,
    url: (_t, ctx) => `/api/intake/imports/${ctx.batchId}/close`,
    ok: { user: 'intake1' },
    refused: { user: 'inspector' },
    bad: { user: 'intake1', url: () => `/api/intake/imports/${LONG_ID}/close`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/intake/arrivals/:id/admission',
    setup: arrived,
    url: (_t, ctx) => `/api/intake/arrivals/${ctx.arrivalId}/admission`,
    ok: {
      user: 'intake1',
      body: { property: [{ item: 'watch', quantity: 1 }], injuries: [{ description: 'graze, right knee' }] },
      status: 201,
    },
    // A commander may admit, but not record injuries: need-to-know (medical.write).
    refused: { user: 'commander1', body: { property: [], injuries: [{ description: 'graze, right knee' }] } },
    bad: {
      user: 'intake1',
      body: { property: [{ item: 'watch', quantity: -1 }] },
      field: 'property[0].quantity',
    },
  },
  {
    method: 'GET',
    route: '/api/intake/arrivals/:id/admission',
    setup: admitted,
    url: (_t, ctx) => `/api/intake/arrivals/${ctx.arrivalId}/admission`,
    ok: { user: 'medical1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'medical1', url: () => `/api/intake/arrivals/${LONG_ID}/admission`, field: 'id' },
  },
  {
    method: 'GET',
    route: '/api/detainees/:id/custody-chain',
    setup: arrived,
    url: (_t, ctx) => `/api/detainees/${ctx.detaineeId}/custody-chain`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'officer1', url: () => `/api/detainees/${LONG_ID}/custody-chain`, field: 'id' },
  },
  // reviews
  {
    method: 'GET',
    route: '/api/intake/reviews',
    url: () => '/api/intake/reviews',
    ok: { user: 'intake1' },
    refused: { user: 'admin' },
    bad: { user: 'intake1', url: () => '/api/intake/reviews?status=pending', field: 'status' },
  },
  {
    method: 'POST',
    route: '/api/intake/reviews/:id/decision',
    setup: review,
    url: (_t, ctx) => `/api/intake/reviews/${ctx.reviewId}/decision`,
    ok: { user: 'intake1', body: { decision: 'different', note: 'different mother, different village' } },
    refused: { user: 'officer1', body: { decision: 'different' } },
    bad: { user: 'intake1', body: { decision: 'perhaps' }, field: 'decision' },
  },
  // moves out
  {
    method: 'POST',
    route: '/api/movements',
    setup: detainee,
    url: () => '/api/movements',
    ok: {
      user: 'intake1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, kind: 'hospital', destination: 'General Hospital' }),
      status: 201,
    },
    refused: {
      user: 'officer1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, kind: 'hospital', destination: 'General Hospital' }),
    },
    bad: {
      user: 'intake1',
      body: (_t, ctx) => ({ detaineeId: ctx.detaineeId, kind: 'picnic', destination: 'Park' }),
      field: 'kind',
    },
  },
  {
    method: 'GET',
    route: '/api/movements',
    url: () => '/api/movements',
    ok: { user: 'officer1' },
    refused: { user: 'admin' },
    bad: { user: 'officer1', url: () => '/api/movements?status=lost', field: 'status' },
  },
  {
    method: 'GET',
    route: '/api/movements/:id',
    setup: movement,
    url: (_t, ctx) => `/api/movements/${ctx.movementId}`,
    ok: { user: 'officer1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'officer1', url: () => `/api/movements/${LONG_ID}`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/movements/:id/status',
    setup: movement,
    url: (_t, ctx) => `/api/movements/${ctx.movementId}/status`,
    ok: { user: 'intake1', body: { status: 'in_transit', handover } },
    refused: { user: 'officer1', body: { status: 'cancelled' } },
    bad: { user: 'intake1', body: { status: 'teleported' }, field: 'status' },
  },
  // release
  {
    method: 'POST',
    route: '/api/releases',
    setup: detainee,
    url: () => '/api/releases',
    ok: { user: 'intake1', body: (_t, ctx) => releaseBody(ctx.detaineeId), status: 201 },
    refused: { user: 'legal1', body: (_t, ctx) => releaseBody(ctx.detaineeId) },
    bad: {
      user: 'intake1',
      body: (_t, ctx) => ({ ...releaseBody(ctx.detaineeId), grounds: 'good behaviour' }),
      field: 'grounds',
    },
  },
  {
    method: 'GET',
    route: '/api/releases/:id',
    setup: (t) => release(t),
    url: (_t, ctx) => `/api/releases/${ctx.releaseId}`,
    ok: { user: 'legal1' },
    refused: { user: 'officer2', status: 404 },
    bad: { user: 'legal1', url: () => `/api/releases/${LONG_ID}`, field: 'id' },
  },
  {
    method: 'POST',
    route: '/api/releases/:id/approve',
    setup: (t) => release(t),
    url: (_t, ctx) => `/api/releases/${ctx.releaseId}/approve`,
    ok: { user: 'legal1', body: { note: 'order verified with the court registry' } },
    refused: { user: 'intake1', body: {} },
    bad: { user: 'legal1', body: { note: 'x', urgent: true }, field: 'urgent' },
  },
  {
    method: 'POST',
    route: '/api/releases/:id/complete',
    setup: (t) => release(t, true),
    url: (_t, ctx) => `/api/releases/${ctx.releaseId}/complete`,
    ok: { user: 'intake1', body: { propertyReturned: [], signedBy: 'the detainee', handover } },
    refused: { user: 'legal1', body: { propertyReturned: [], signedBy: 'the detainee', handover } },
    bad: { user: 'intake1', body: { propertyReturned: [], signedBy: '', handover }, field: 'signedBy' },
  },
  {
    method: 'POST',
    route: '/api/releases/:id/cancel',
    setup: (t) => release(t),
    url: (_t, ctx) => `/api/releases/${ctx.releaseId}/cancel`,
    ok: { user: 'intake1', body: { note: 'the order was withdrawn' } },
    refused: { user: 'officer1', body: { note: 'x' } },
    bad: { user: 'intake1', body: { note: '' }, field: 'note' },
  },
];
