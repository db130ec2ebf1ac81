import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { placeDetainee } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await placeDetainee(t, t.seed.s1.id, t.seed.s1.cellId);
  await placeDetainee(t, t.seed.s1.id, t.seed.s1.cellId);
  await placeDetainee(t, t.seed.s1.id, t.seed.s1.cell2Id);
  await placeDetainee(t, t.seed.s1.id, null);
  await placeDetainee(t, t.seed.s1.id, null, 'arriving');
  await placeDetainee(t, t.seed.s2.id, t.seed.s2.cellId);
});
afterAll(() => t.close());

describe('the establishment roll', () => {
  it('counts in custody, in today, en route and unassigned from the register, per wing', async () => {
    const s = await t.login('officer1');
    const res = await s.request({ method: 'GET', url: `/api/monitoring/sites/${t.seed.s1.id}/roll` });
    expect(res.statusCode, res.body).toBe(200);
    const roll = res.json();
    expect(roll).toMatchObject({ inCustody: 4, enRoute: 1, unassigned: 1, inToday: 5, outToday: 0 });
    expect(roll.wings).toEqual([{ wingId: t.seed.s1.wingId, code: 'A1', inCustody: 3, beds: 3 }]);
  });

  it('is always current: a release today shows at once', async () => {
    const id = await placeDetainee(t, t.seed.s1.id, null);
    const { actorFor } = await import('./actor');
    await t.services.register.update(actorFor(), id, { status: 'released' });
    const s = await t.login('officer1');
    const roll = (
      await s.request({ method: 'GET', url: `/api/monitoring/sites/${t.seed.s1.id}/roll` })
    ).json();
    expect(roll.outToday).toBe(1);
    expect(roll.inCustody).toBe(4);
  });

  it("is not shown outside the caller's sites", async () => {
    const s = await t.login('officer2');
    const res = await s.request({ method: 'GET', url: `/api/monitoring/sites/${t.seed.s1.id}/roll` });
    expect(res.statusCode).toBe(404);
  });
});

describe('a roll count', () => {
  it('starts from the register, refuses to close with an unexplained discrepancy, closes once resolved', async () => {
    const s = await t.login('officer1');
    const started = await s.request({
      method: 'POST',
      url: '/api/monitoring/counts',
      payload: { siteId: t.seed.s1.id, granularity: 'cell' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const count = started.json();
    expect(count.status).toBe('open');
    const c1 = count.units.find((u: { unitId: string }) => u.unitId === t.seed.s1.cellId);
    const c2 = count.units.find((u: { unitId: string }) => u.unitId === t.seed.s1.cell2Id);
    expect(c1.expected).toBe(2);
    expect(c2.expected).toBe(1);

    // A second count at the same site while this one is open is refused.
    const second = await s.request({
      method: 'POST',
      url: '/api/monitoring/counts',
      payload: { siteId: t.seed.s1.id },
    });
    expect(second.statusCode).toBe(409);

    const entered = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/entries`,
      payload: {
        entries: [
          { unitId: c1.id, counted: 1 },
          { unitId: c2.id, counted: 1 },
        ],
      },
    });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json().unresolved).toBe(1);
    const alerts = await t.services.db
      .selectFrom('alerts')
      .selectAll()
      .where('kind', '=', 'count.discrepancy')
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'critical', status: 'open', site_id: t.seed.s1.id });

    const refused = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/close`,
      payload: {},
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('A1/C001');

    const noReason = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/resolutions`,
      payload: { unitId: c1.id },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const nothingToResolve = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/resolutions`,
      payload: { unitId: c2.id, reason: 'nothing' },
    });
    expect(nothingToResolve.statusCode).toBe(409);

    const resolved = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/resolutions`,
      payload: { unitId: c1.id, reason: 'One occupant at the clinic under escort' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().unresolved).toBe(0);
    const alert = await t.services.db
      .selectFrom('alerts')
      .selectAll()
      .where('kind', '=', 'count.discrepancy')
      .executeTakeFirstOrThrow();
    expect(alert.status).toBe('resolved');

    const closed = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/close`,
      payload: {},
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', expected: 3, counted: 2 });

    // A closed count takes no more numbers, and its entries stay as they were.
    const late = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/entries`,
      payload: { entries: [{ unitId: c1.id, counted: 2 }] },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('closed');
    const entries = await t.services.db
      .selectFrom('roll_count_entries')
      .selectAll()
      .where('count_id', '=', count.id)
      .execute();
    expect(entries).toHaveLength(2);
  });

  it('keeps a recount as a new entry; the latest one stands and needs its own resolution', async () => {
    const s = await t.login('commander1');
    const count = (
      await s.request({
        method: 'POST',
        url: '/api/monitoring/counts',
        payload: { siteId: t.seed.s1.id, kind: 'scheduled' },
      })
    ).json();
    const wing = count.units[0];
    expect(wing).toMatchObject({ unitType: 'wing', expected: 3 });
    await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/entries`,
      payload: { entries: [{ unitId: wing.id, counted: 2 }] },
    });
    await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/resolutions`,
      payload: { unitId: wing.id, reason: 'one in the yard' },
    });
    const recount = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/entries`,
      payload: { entries: [{ unitId: wing.id, counted: 4 }] },
    });
    expect(recount.json().units[0]).toMatchObject({
      counted: 4,
      discrepancy: 1,
      resolution: null,
      entries: 2,
    });
    expect(
      (await s.request({ method: 'POST', url: `/api/monitoring/counts/${count.id}/close`, payload: {} }))
        .statusCode,
    ).toBe(409);
    await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/entries`,
      payload: { entries: [{ unitId: wing.id, counted: 3 }] },
    });
    const closed = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/close`,
      payload: {},
    });
    expect(closed.statusCode, closed.body).toBe(200);

    const note = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/annotations`,
      payload: { note: 'Recounted after the yard returned' },
    });
    expect(note.statusCode).toBe(201);
    const after = (await s.request({ method: 'GET', url: `/api/monitoring/counts/${count.id}` })).json();
    expect(after.annotations).toHaveLength(1);
    const list = (
      await s.request({ method: 'GET', url: `/api/monitoring/counts?siteId=${t.seed.s1.id}` })
    ).json();
    expect(list.total).toBe(2);
  });

  it("refuses a unit of another count, and hides a count from another site's officer", async () => {
    const s = await t.login('officer1');
    const count = (
      await s.request({ method: 'POST', url: '/api/monitoring/counts', payload: { siteId: t.seed.s1.id } })
    ).json();
    const bad = await s.request({
      method: 'POST',
      url: `/api/monitoring/counts/${count.id}/entries`,
      payload: { entries: [{ unitId: 'nope', counted: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('entries[0].unitId');
    const other = await t.login('officer2');
    expect(
      (await other.request({ method: 'GET', url: `/api/monitoring/counts/${count.id}` })).statusCode,
    ).toBe(404);
    const inspector = await t.login('inspector');
    expect(
      (await inspector.request({ method: 'GET', url: `/api/monitoring/counts/${count.id}` })).statusCode,
    ).toBe(200);
    expect(
      (
        await inspector.request({
          method: 'POST',
          url: `/api/monitoring/counts/${count.id}/close`,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
  });
});
