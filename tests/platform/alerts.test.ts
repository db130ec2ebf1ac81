import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/platform/alerts/alerts-service';
import { AlertsService } from '../../src/platform/alerts/alerts-service';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const escalated: AlertView[] = [];
let alerts: AlertsService;
beforeAll(async () => {
  t = await createTestApp();
  alerts = new AlertsService(t.services.db, t.clock, { escalated: (a) => void escalated.push(a) });
});
afterAll(() => t.close());

const actor = systemActor('test');
const raise = (extra: Partial<Parameters<AlertsService['raise']>[1]> = {}) =>
  alerts.raise(actor, {
    siteId: t.seed.s1.id,
    subjectType: 'cell',
    subjectId: 'C1',
    kind: 'check.missed',
    severity: 'warning',
    title: 'Missed check',
    ...extra,
  });

describe('alerts', () => {
  it('raises with a due time from its severity, and audits it', async () => {
    const a = await raise({ severity: 'critical' });
    expect(a.status).toBe('open');
    expect(new Date(a.dueAt).getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('subject_id', '=', a.id)
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['alert.raise']);
  });

  it('raises the same condition once while it is not resolved', async () => {
    const a = await raise({ dedupeKey: 'count:S1:A1' });
    const b = await raise({ dedupeKey: 'count:S1:A1' });
    expect(b.id).toBe(a.id);
    await alerts.resolve(actor, a.id, 'recounted');
    const c = await raise({ dedupeKey: 'count:S1:A1' });
    expect(c.id).not.toBe(a.id);
  });

  it('escalates when nobody acknowledges, again a window later, and stops once acknowledged', async () => {
    const a = await raise({ severity: 'warning' });
    t.clock.advance({ minutes: 29 });
    expect((await alerts.escalateOverdue(actor)).map((x) => x.id)).not.toContain(a.id);
    t.clock.advance({ minutes: 1 });
    const first = await alerts.escalateOverdue(actor);
    expect(first.find((x) => x.id === a.id)?.escalationLevel).toBe(1);
    expect(escalated.some((x) => x.id === a.id)).toBe(true);
    expect((await alerts.escalateOverdue(actor)).map((x) => x.id)).not.toContain(a.id); // same moment: nothing more
    t.clock.advance({ minutes: 30 });
    expect((await alerts.escalateOverdue(actor)).find((x) => x.id === a.id)?.escalationLevel).toBe(2);
    await alerts.acknowledge(actor, a.id, 'officer sent to the wing');
    t.clock.advance({ hours: 2 });
    expect((await alerts.escalateOverdue(actor)).map((x) => x.id)).not.toContain(a.id);
  });

  it('needs a note to acknowledge or resolve, and refuses resolving twice', async () => {
    const a = await raise();
    await expect(alerts.acknowledge(actor, a.id, '  ')).rejects.toMatchObject({
      statusCode: 400,
      field: 'note',
    });
    await alerts.resolve(actor, a.id, 'done');
    await expect(alerts.resolve(actor, a.id, 'again')).rejects.toMatchObject({ statusCode: 409 });
  });

  it("lists per site and per user, never outside the caller's sites", async () => {
    await raise({ assigneeId: t.seed.users.officer1, title: 'For officer1' });
    await alerts.raise(actor, {
      siteId: t.seed.s2.id,
      subjectType: 'cell',
      kind: 'k',
      severity: 'info',
      title: 'At S2',
    });
    const officer1 = await t.login('officer1');
    const mine = (await officer1.request({ method: 'GET', url: '/api/alerts?mine=true' })).json();
    expect(mine.items.map((a: AlertView) => a.title)).toEqual(['For officer1']);
    const all = (await officer1.request({ method: 'GET', url: '/api/alerts?pageSize=500' })).json();
    expect(all.items.every((a: AlertView) => a.siteId === t.seed.s1.id)).toBe(true);
    const officer2 = await t.login('officer2');
    const theirs = (await officer2.request({ method: 'GET', url: '/api/alerts' })).json();
    expect(theirs.items.map((a: AlertView) => a.title)).toEqual(['At S2']);
  });

  it("refuses to raise at a site outside the caller's scope", async () => {
    const officer1 = await t.login('officer1');
    const res = await officer1.request({
      method: 'POST',
      url: '/api/alerts',
      payload: { siteId: t.seed.s2.id, subjectType: 'cell', kind: 'k', severity: 'info', title: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });
});
