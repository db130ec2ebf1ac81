import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { key, placeDetainee } from './fixtures';

let t: TestApp;
const people: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  people.push(await placeDetainee(t, t.seed.s1.id, t.seed.s1.cellId));
  people.push(await placeDetainee(t, t.seed.s1.id, t.seed.s1.cellId));
  people.push(await placeDetainee(t, t.seed.s1.id, t.seed.s1.cell2Id));
  await placeDetainee(t, t.seed.s2.id, t.seed.s2.cellId);
});
afterAll(() => t.close());

describe('the emergency headcount', () => {
  it('shows who is missing with where they were last housed, checked and seen, shrinks as people are confirmed, closes with a report', async () => {
    const officer = await t.login('officer1');
    // Before the attack: cell 2 was checked and its occupant seen; cell 1 was last checked empty.
    await officer.request({
      method: 'POST',
      url: '/api/monitoring/checks',
      payload: { idempotencyKey: key(), cellId: t.seed.s1.cell2Id, state: 'asleep' },
    });
    t.clock.advance({ minutes: 10 });
    await officer.request({
      method: 'POST',
      url: '/api/monitoring/checks',
      payload: { idempotencyKey: key(), cellId: t.seed.s1.cellId, state: 'present' },
    });
    t.clock.advance({ minutes: 10 });
    await officer.request({
      method: 'POST',
      url: '/api/monitoring/checks',
      payload: { idempotencyKey: key(), cellId: t.seed.s1.cellId, state: 'absent' },
    });
    t.clock.advance({ minutes: 5 });

    expect(
      (
        await officer.request({
          method: 'POST',
          url: '/api/monitoring/headcounts',
          payload: { siteId: t.seed.s1.id, reason: 'Drone strike' },
        })
      ).statusCode,
    ).toBe(403);
    const commander = await t.login('commander1');
    const started = await commander.request({
      method: 'POST',
      url: '/api/monitoring/headcounts',
      payload: { siteId: t.seed.s1.id, reason: 'Drone strike on block A' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const hc = started.json();
    expect(hc).toMatchObject({ total: 3, accounted: 0, status: 'open', trigger: 'manual' });
    const first = hc.missing.find((m: { detaineeId: string }) => m.detaineeId === people[0]);
    expect(first).toMatchObject({
      lastHousedCell: 'A1/C001',
      lastCheckState: 'absent',
      lastCheckedAt: '2026-03-01T08:20:00.000Z',
      lastSeenAt: '2026-03-01T08:10:00.000Z',
      lastSeenHow: 'cell check',
    });
    expect(
      (
        await commander.request({
          method: 'POST',
          url: '/api/monitoring/headcounts',
          payload: { siteId: t.seed.s1.id, reason: 'again' },
        })
      ).statusCode,
    ).toBe(409);

    t.clock.advance({ minutes: 3 });
    const byCell = await officer.request({
      method: 'POST',
      url: `/api/monitoring/headcounts/${hc.id}/confirmations`,
      payload: { cellId: t.seed.s1.cell2Id },
    });
    expect(byCell.json()).toMatchObject({ accounted: 1 });
    const byName = await officer.request({
      method: 'POST',
      url: `/api/monitoring/headcounts/${hc.id}/confirmations`,
      payload: { detaineeIds: [people[1], people[1]], location: 'Yard 2' },
    });
    expect(byName.json().accounted).toBe(2);
    expect(byName.json().missing.map((m: { detaineeId: string }) => m.detaineeId)).toEqual([people[0]]);
    const stranger = await officer.request({
      method: 'POST',
      url: `/api/monitoring/headcounts/${hc.id}/confirmations`,
      payload: { detaineeIds: ['someone-else'] },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().field).toBe('detaineeIds[0]');

    const closed = await commander.request({
      method: 'POST',
      url: `/api/monitoring/headcounts/${hc.id}/close`,
      payload: { note: 'One missing; search of block A under way' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', total: 3, accounted: 2 });
    expect(closed.json().missing).toHaveLength(1);
    const [alert] = await t.services.db
      .selectFrom('alerts')
      .selectAll()
      .where('kind', '=', 'headcount.missing')
      .execute();
    expect(alert).toMatchObject({ severity: 'critical', site_id: t.seed.s1.id });
    expect(
      (
        await officer.request({
          method: 'POST',
          url: `/api/monitoring/headcounts/${hc.id}/confirmations`,
          payload: { detaineeIds: [people[0]] },
        })
      ).statusCode,
    ).toBe(409);
    // The report keeps the list as it was at closing.
    const later = (
      await officer.request({ method: 'GET', url: `/api/monitoring/headcounts/${hc.id}` })
    ).json();
    expect(later.missing.map((m: { detaineeId: string }) => m.detaineeId)).toEqual([people[0]]);
  });

  it("is started by another module (a lockdown) through the module's export, joining one already open", async () => {
    const actor = systemActor('incidents');
    const a = await t.services.monitoring.startHeadcount(actor, {
      siteId: t.seed.s1.id,
      reason: 'Lockdown after unrest',
    });
    expect(a.trigger).toBe('lockdown');
    const b = await t.services.monitoring.startHeadcount(actor, {
      siteId: t.seed.s1.id,
      reason: 'Lockdown again',
    });
    expect(b.id).toBe(a.id);
    await t.services.monitoring.headcounts.close(actor, a.id, 'Stand down');
  });
});

/** Reads server-sent events from a fetch body until `until` is satisfied or time runs out. */
async function readEvents(
  res: Response,
  until: (events: { event: string; data: unknown }[]) => boolean,
  ms = 5000,
) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  const deadline = Date.now() + ms;
  while (!until(events) && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<{ done: true; value: undefined }>((r) =>
        setTimeout(() => r({ done: true, value: undefined }), Math.max(1, deadline - Date.now())),
      ),
    ]);
    if (chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let i;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('the live stream /api/live', () => {
  it("sends a snapshot on connect, then only the events of the caller's sites", async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const one = await t.login('officer1');
    const two = await t.login('officer2');
    const director = await t.login('director');
    const open = (cookie: string) =>
      fetch(`${address}/api/live`, { headers: { cookie, accept: 'text/event-stream' } });
    const [r1, r2, rd] = await Promise.all([open(one.cookie), open(two.cookie), open(director.cookie)]);
    expect(r1.status).toBe(200);
    expect(r1.headers.get('content-type')).toContain('text/event-stream');
    expect((await fetch(`${address}/api/live`)).status).toBe(401);

    const s1 = readEvents(r1, (e) => e.some((x) => x.event === 'check.recorded'), 4000);
    const s2 = readEvents(r2, (e) => e.some((x) => x.event === 'check.recorded'), 1500);
    const sd = readEvents(rd, (e) => e.filter((x) => x.event === 'check.recorded').length >= 2, 4000);
    await new Promise((r) => setTimeout(r, 200));
    await t.services.monitoring.checks.record(systemActor('t'), {
      idempotencyKey: key(),
      cellId: t.seed.s1.cellId,
      state: 'present',
    });
    await t.services.monitoring.checks.record(systemActor('t'), {
      idempotencyKey: key(),
      cellId: t.seed.s2.cellId,
      state: 'asleep',
    });
    const [e1, e2, ed] = await Promise.all([s1, s2, sd]);

    expect(e1[0].event).toBe('snapshot');
    const snap = e1[0].data as { sites: { siteId: string; population: number }[] };
    expect(snap.sites.map((s) => s.siteId)).toEqual([t.seed.s1.id]);
    expect(
      e1.filter((e) => e.event === 'check.recorded').map((e) => (e.data as { siteId: string }).siteId),
    ).toEqual([t.seed.s1.id]);
    expect(e2[0].event).toBe('snapshot');
    expect((e2[0].data as { sites: { siteId: string }[] }).sites.map((s) => s.siteId)).toEqual([
      t.seed.s2.id,
    ]);
    expect(
      e2.filter((e) => e.event === 'check.recorded').map((e) => (e.data as { siteId: string }).siteId),
    ).toEqual([t.seed.s2.id]);
    expect(ed.filter((e) => e.event === 'check.recorded')).toHaveLength(2);
    expect((ed[0].data as { sites: unknown[] }).sites).toHaveLength(2);
  });

  it("refuses another site's stream; shows the posture and the headcount a lockdown started", async () => {
    const two = await t.login('officer2');
    expect(
      (await two.request({ method: 'GET', url: `/api/live?siteId=${t.seed.s1.id}&once=true` })).statusCode,
    ).toBe(404);
    const res = await two.request({ method: 'GET', url: '/api/live?once=true' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^id: 1\nevent: snapshot\ndata: /);
    // The incidents module's lockdown: the dashboard reads the posture, and the lockdown starts a headcount here.
    await t.services.posture.set(systemActor('incidents'), t.seed.s2.id, {
      level: 'lockdown',
      reason: 'Unrest in block A',
    });
    const dash = (await two.request({ method: 'GET', url: '/api/monitoring/dashboard' })).json();
    expect(dash.sites[0].posture).toBe('lockdown');
    expect(dash.estate.sitesInLockdown).toBe(1);
    expect(dash.sites[0].openHeadcount).toMatchObject({ total: 1, accounted: 0 });
  });

  it('summarises each site and the estate on the dashboard', async () => {
    const director = await t.login('director');
    const dash = (await director.request({ method: 'GET', url: '/api/monitoring/dashboard' })).json();
    const s1 = dash.sites.find((s: { siteId: string }) => s.siteId === t.seed.s1.id);
    expect(s1).toMatchObject({ population: 3, beds: 3, occupancy: 1, watchedCells: 2 });
    expect(s1.checksLastHour).toBeGreaterThan(0);
    expect(dash.estate.population).toBe(4);
    expect(dash.estate.openAlerts.critical).toBeGreaterThanOrEqual(1);
  });
});
