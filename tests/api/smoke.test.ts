import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newDetaineeBody, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a first look through the API', () => {
  it('lists sites for a logged-in director and refuses the anonymous', async () => {
    const director = await t.login('director');
    const res = await director.request({ method: 'GET', url: '/api/sites' });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((s: { code: string }) => s.code)).toEqual(['S1', 'S2']);
    expect((await t.anonymous({ method: 'GET', url: '/api/sites' })).statusCode).toBe(401);
  });

  it('admits a detainee and reads the record back', async () => {
    const intake = await t.login('intake1');
    const res = await intake.request({
      method: 'POST',
      url: '/api/detainees',
      payload: newDetaineeBody(t.seed.s1.id),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const got = await intake.request({ method: 'GET', url: `/api/detainees/${id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().names).toHaveLength(3);
    expect(got.json().legalBases[0].authority).toBe('Investigating Court 3');
  });
});
