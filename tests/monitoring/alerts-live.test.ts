import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import type { LiveEvent } from '../../src/platform/events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let address: string;
beforeAll(async () => {
  t = await createTestApp();
  address = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

type Received = { event: string; data: { siteId?: string; alert?: { id: string; status: string } } };

/** An open `/api/live` stream as a user, collecting its events until closed. */
async function stream(username: string) {
  const session = await t.login(username);
  const res = await fetch(`${address}/api/live`, {
    headers: { cookie: session.cookie, accept: 'text/event-stream' },
  });
  expect(res.status).toBe(200);
  const events: Received[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
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
  })();
  return {
    session,
    events,
    alertEvents: () => events.filter((e) => e.event.startsWith('alert.')),
    /** Waits (up to 5 s) for an event of this type about this alert. */
    async waitFor(type: string, alertId: string): Promise<Received> {
      const deadline = Date.now() + 5000;
      for (;;) {
        const hit = events.find((e) => e.event === type && e.data.alert?.id === alertId);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`${username}: no ${type} for ${alertId}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await reader.cancel();
      await pump;
    },
  };
}

describe('alerts on the live stream', () => {
  it("announces raised, acknowledged, escalated and resolved alerts to the alert's site only", async () => {
    const [officer1, officer2, director] = await Promise.all([
      stream('officer1'),
      stream('officer2'),
      stream('director'),
    ]);
    const commander = await t.login('commander1');
    const raised = await commander.request({
      method: 'POST',
      url: '/api/alerts',
      payload: {
        siteId: t.seed.s1.id,
        subjectType: 'cell',
        kind: 'test.manual',
        severity: 'warning',
        title: 'Smoke in A1',
      },
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const id = raised.json().id as string;

    const seen = await officer1.waitFor('alert.raised', id);
    expect(seen.data).toMatchObject({
      siteId: t.seed.s1.id,
      alert: { id, status: 'open', title: 'Smoke in A1' },
    });
    await director.waitFor('alert.raised', id);
    // The live figure follows without a reload: the next summary counts the alert.
    const deadline = Date.now() + 5000;
    const warnings = () =>
      officer1.events
        .filter((e) => e.event === 'summary')
        .map(
          (e) =>
            (e.data as unknown as { estate: { openAlerts: { warning: number } } }).estate.openAlerts.warning,
        );
    while (!warnings().includes(1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(warnings()).toContain(1);

    const ack = await commander.request({
      method: 'POST',
      url: `/api/alerts/${id}/acknowledge`,
      payload: { note: 'Officer sent' },
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await officer1.waitFor('alert.acknowledged', id)).data.alert?.status).toBe('acknowledged');

    const late = await t.services.alerts.raise(systemActor('t'), {
      siteId: t.seed.s1.id,
      subjectType: 'cell',
      kind: 'test.manual',
      severity: 'critical',
      title: 'Nobody answered',
    });
    await officer1.waitFor('alert.raised', late.id);
    t.clock.advance({ minutes: 6 });
    await t.services.alerts.escalateOverdue(systemActor('escalation'));
    expect((await director.waitFor('alert.escalated', late.id)).data.alert).toMatchObject({
      escalationLevel: 1,
    });

    await commander.request({ method: 'POST', url: `/api/alerts/${id}/resolve`, payload: { note: 'Out' } });
    expect((await officer1.waitFor('alert.resolved', id)).data.alert?.status).toBe('resolved');

    // Another site's officer heard none of it; an estate-wide alert (no site) reaches the director only.
    const estate = await t.services.alerts.raise(systemActor('t'), {
      siteId: null,
      subjectType: 'estate',
      kind: 'test.manual',
      severity: 'info',
      title: 'Estate-wide',
    });
    await director.waitFor('alert.raised', estate.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(officer2.alertEvents()).toEqual([]);
    expect(officer1.alertEvents().map((e) => e.data.alert?.id)).not.toContain(estate.id);
    await Promise.all([officer1.close(), officer2.close(), director.close()]);
  });

  it("announces an alert raised in another module's transaction once it commits, never one rolled back", async () => {
    const officer1 = await stream('officer1');
    const heard: LiveEvent[] = [];
    const stop = t.services.events.subscribe((e) => void heard.push(e));
    const input = {
      siteId: t.seed.s1.id,
      subjectType: 'cell',
      kind: 'test.manual',
      severity: 'warning' as const,
      title: 'In a transaction',
    };
    let inside = '';
    await t.services.db.transaction().execute(async (trx) => {
      inside = (await t.services.alerts.raise(systemActor('t'), input, trx)).id;
      await new Promise((r) => setTimeout(r, 150));
      // Not announced while the transaction is still open.
      expect(heard.filter((e) => e.type === 'alert.raised')).toEqual([]);
    });
    const event = await officer1.waitFor('alert.raised', inside);
    // Whoever hears the event finds the alert.
    const list = await officer1.session.request({ method: 'GET', url: '/api/alerts?status=open' });
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(event.data.alert?.id);

    let rolledBack = '';
    await expect(
      t.services.db.transaction().execute(async (trx) => {
        rolledBack = (await t.services.alerts.raise(systemActor('t'), { ...input, title: 'Undone' }, trx)).id;
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    await new Promise((r) => setTimeout(r, 1000));
    expect(heard.map((e) => (e.data.alert as { id: string } | undefined)?.id)).not.toContain(rolledBack);
    stop();
    await officer1.close();
  });
});
