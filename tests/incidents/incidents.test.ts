import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newDetaineeBody, type Session, type TestApp } from '../helpers/test-app';
import { systemActor } from '../../src/platform/http/actor';

let t: TestApp;
let officer: Session;
let commander: Session;
let director: Session;
let intake: Session;

beforeAll(async () => {
  t = await createTestApp();
  [officer, commander, director, intake] = await Promise.all(
    ['officer1', 'commander1', 'director', 'intake1'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

const admit = async (cellId: string | null = null, siteId = t.seed.s1.id) => {
  const res = await (siteId === t.seed.s1.id ? intake : director).request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(siteId, { cellId }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
};
const report = async (body: Record<string, unknown> = {}, who: Session = officer) => {
  const res = await who.request({
    method: 'POST',
    url: '/api/incidents',
    payload: {
      siteId: t.seed.s1.id,
      type: 'drone_strike',
      occurredAt: '2026-03-01T07:30:00.000Z',
      title: 'Drone strike on block A',
      narrative: 'Two drones; one hit block A.',
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('incident reports', () => {
  it('moves draft → submitted → under_review → closed, one step at a time, with who and when', async () => {
    const inc = await report();
    expect(inc.status).toBe('draft');
    expect(inc.number).toMatch(/^INC-2026-\d{6}$/);
    const step = (s: Session, to: string, note?: string) =>
      s.request({
        method: 'POST',
        url: `/api/incidents/${inc.id}/status`,
        payload: { to, ...(note ? { note } : {}) },
      });
    expect((await step(officer, 'under_review')).statusCode).toBe(409);
    expect((await step(officer, 'submitted')).json().status).toBe('submitted');
    expect((await step(officer, 'submitted')).statusCode).toBe(409);
    // An officer reports; a commander reviews and closes.
    expect((await step(officer, 'under_review')).statusCode).toBe(403);
    expect((await step(commander, 'under_review')).json().status).toBe('under_review');
    const noNote = await step(commander, 'closed');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().field).toBe('note');
    const closed = await step(commander, 'closed', 'Damage assessed; no further action.');
    expect(closed.json().status).toBe('closed');
    expect(closed.json().statusHistory.map((h: { to: string }) => h.to)).toEqual([
      'draft',
      'submitted',
      'under_review',
      'closed',
    ]);
    expect(closed.json().statusHistory[3]).toMatchObject({
      from: 'under_review',
      by: 'commander1',
      note: 'Damage assessed; no further action.',
    });
  });

  it('edits a draft in place, but a submitted report only grows by addenda that never overwrite', async () => {
    const inc = await report();
    const edited = await officer.request({
      method: 'PATCH',
      url: `/api/incidents/${inc.id}`,
      payload: { narrative: 'Three drones.' },
    });
    expect(edited.json().narrative).toBe('Three drones.');
    await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/status`,
      payload: { to: 'submitted' },
    });
    const refused = await officer.request({
      method: 'PATCH',
      url: `/api/incidents/${inc.id}`,
      payload: { narrative: 'Rewritten.' },
    });
    expect(refused.statusCode).toBe(409);
    await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/addenda`,
      payload: { text: 'A fourth drone was found unexploded.' },
    });
    const second = await commander.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/addenda`,
      payload: { text: 'The unexploded drone was removed.' },
    });
    const body = second.json();
    expect(body.narrative).toBe('Three drones.');
    expect(body.addenda.map((a: { text: string }) => a.text)).toEqual([
      'A fourth drone was found unexploded.',
      'The unexploded drone was removed.',
    ]);
    expect(body.addenda[1]).toMatchObject({ addedBy: 'commander1', statusThen: 'submitted' });
  });

  it('refuses an incident without a site or a time, in the future, or at a site outside mine', async () => {
    const base = { type: 'fire', title: 'Fire', narrative: 'x' };
    const noSite = await officer.request({
      method: 'POST',
      url: '/api/incidents',
      payload: { ...base, occurredAt: '2026-03-01T07:00:00Z' },
    });
    expect([noSite.statusCode, noSite.json().field]).toEqual([400, 'siteId']);
    const noTime = await officer.request({
      method: 'POST',
      url: '/api/incidents',
      payload: { ...base, siteId: t.seed.s1.id },
    });
    expect([noTime.statusCode, noTime.json().field]).toEqual([400, 'occurredAt']);
    const future = await officer.request({
      method: 'POST',
      url: '/api/incidents',
      payload: { ...base, siteId: t.seed.s1.id, occurredAt: '2026-03-02T07:00:00Z' },
    });
    expect([future.statusCode, future.json().field]).toEqual([400, 'occurredAt']);
    const other = await officer.request({
      method: 'POST',
      url: '/api/incidents',
      payload: { ...base, siteId: t.seed.s2.id, occurredAt: '2026-03-01T07:00:00Z' },
    });
    expect([other.statusCode, other.json().field]).toEqual([400, 'siteId']);
  });

  it('refuses the involvement of a detainee from another site', async () => {
    const inc = await report();
    const elsewhere = await admit(null, t.seed.s2.id);
    const res = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/people`,
      payload: { kind: 'detainee', detaineeId: elsewhere.id, role: 'perpetrator' },
    });
    expect([res.statusCode, res.json().field]).toEqual([400, 'detaineeId']);
    const staff = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/people`,
      payload: { kind: 'staff', name: 'Officer Fictional', role: 'injured', injury: 'minor' },
    });
    expect(staff.json().involved).toHaveLength(1);
  });

  it('takes damaged cells out of service and lists their occupants as needing re-housing', async () => {
    const actor = systemActor('test');
    const wing = await t.services.estate.createWing(actor, t.seed.s1.blockId, {
      code: 'DMG',
      name: 'Damaged wing',
      sex: 'M',
      ageGroup: 'adult',
    });
    const cells = await Promise.all(
      ['D1', 'D2', 'D3'].map((code) => t.services.estate.createCell(actor, wing.id, { code, capacity: 2 })),
    );
    const a = await admit(cells[0].id);
    const b = await admit(cells[1].id);
    const inc = await report({ submit: true });
    const res = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/damage`,
      payload: { cellIds: cells.map((c) => c.id), description: 'Roof collapsed' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const damage = res.json().damage as {
      cellCode: string;
      cellOutOfService: boolean;
      occupants: { id: string }[];
    }[];
    expect(damage.map((d) => d.cellCode)).toEqual(['D1', 'D2', 'D3']);
    expect(damage.every((d) => d.cellOutOfService)).toBe(true);
    expect(damage.flatMap((d) => d.occupants.map((o) => o.id)).sort()).toEqual([a.id, b.id].sort());
    const cellsNow = await t.services.estate.listCells(actor, wing.id);
    expect(cellsNow.every((c) => c.outOfService && c.outOfServiceReason?.includes('Roof collapsed'))).toBe(
      true,
    );
    const rehousing = await commander.request({
      method: 'GET',
      url: `/api/rehousing?siteId=${t.seed.s1.id}`,
    });
    const waiting = rehousing.json() as { detaineeId: string; incidentNumber: string }[];
    expect(waiting.filter((w) => [a.id, b.id].includes(w.detaineeId)).map((w) => w.incidentNumber)).toEqual([
      inc.number,
      inc.number,
    ]);
    // A cell of the other site is refused, and nothing is half-done.
    const mixed = await director.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/damage`,
      payload: { cellIds: [t.seed.s1.cellId, t.seed.s2.cellId], description: 'x' },
    });
    expect([mixed.statusCode, mixed.json().field]).toEqual([400, 'cellIds[1]']);
    expect(
      (await t.services.estate.listCells(actor, t.seed.s1.wingId)).find((c) => c.id === t.seed.s1.cellId)
        ?.outOfService,
    ).toBe(false);
  });

  it('marks an escapee escaped with where last housed and seen, until recaptured; an attempt marks nobody', async () => {
    const d = await admit(t.seed.s1.cell2Id);
    const attempt = await report({ type: 'attempted_escape', title: 'Attempt' });
    const refused = await officer.request({
      method: 'POST',
      url: `/api/incidents/${attempt.id}/escapes`,
      payload: { detaineeId: d.id, lastSeenAt: '2026-03-01T06:00:00Z', lastSeenPlace: 'yard' },
    });
    expect(refused.statusCode).toBe(409);
    const inc = await report({ type: 'escape', title: 'Escape from A1' });
    const res = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/escapes`,
      payload: {
        detaineeId: d.id,
        lastSeenAt: '2026-03-01T06:00:00Z',
        lastSeenPlace: 'Exercise yard, east fence',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().escapes[0]).toMatchObject({
      detaineeId: d.id,
      lastCellCode: 'A1/C002',
      lastSeenPlace: 'Exercise yard, east fence',
      recapturedAt: null,
    });
    const record = await t.services.register.read(d.id);
    expect([record?.status, record?.cellId]).toEqual(['escaped', null]);
    const tasks = await t.services.notifications.list(systemActor('t'), { incidentId: inc.id });
    expect(tasks.items.map((x) => [x.kind, x.rule])).toEqual([['authority_disappearance', '71']]);
    const again = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/escapes`,
      payload: { detaineeId: d.id, lastSeenAt: '2026-03-01T06:00:00Z', lastSeenPlace: 'x' },
    });
    expect(again.statusCode).toBe(409);
    const back = await officer.request({
      method: 'POST',
      url: `/api/escapes/${res.json().escapes[0].id}/recapture`,
      payload: { recapturedAt: '2026-03-01T07:50:00Z', note: 'Found in the drainage tunnel' },
    });
    expect(back.json().escapes[0]).toMatchObject({ recapturedBy: 'officer1', lastCellCode: 'A1/C002' });
    expect((await t.services.register.read(d.id))?.status).toBe('in_custody');
  });

  it('marks a death in custody with circumstances, cause and where the remains went (Rule 8), and starts Rules 71 and 69 tasks', async () => {
    const d = await admit(t.seed.s1.cellId);
    const inc = await report({ type: 'death_in_custody', title: 'Death in cell C001' });
    const body = {
      detaineeId: d.id,
      diedAt: '2026-03-01T05:10:00Z',
      place: 'Cell C001',
      circumstances: 'Found unresponsive at the 05:00 check',
      cause: 'Pending autopsy',
      remainsDisposition: 'Fictional Central Hospital morgue',
    };
    const missing = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/deaths`,
      payload: { ...body, cause: '   ' },
    });
    expect([missing.statusCode, missing.json().field]).toEqual([400, 'cause']);
    const res = await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/deaths`,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().deaths[0]).toMatchObject({
      cause: 'Pending autopsy',
      remainsDisposition: 'Fictional Central Hospital morgue',
    });
    expect((await t.services.register.read(d.id))?.status).toBe('deceased');
    const tasks = await commander.request({
      method: 'GET',
      url: `/api/notification-tasks?incidentId=${inc.id}`,
    });
    expect(
      tasks.json().items.map((x: { kind: string; rule: string; dueAt: string }) => [x.kind, x.rule, x.dueAt]),
    ).toEqual([
      ['authority_death', '71', '2026-03-02T08:00:00.000Z'],
      ['family_death', '69', '2026-03-02T08:00:00.000Z'],
    ]);
    expect(
      (await officer.request({ method: 'POST', url: `/api/incidents/${inc.id}/deaths`, payload: body }))
        .statusCode,
    ).toBe(409);
  });

  it("hides incidents of other sites, and lists a detainee's incidents", async () => {
    const inc = await report();
    const officer2 = await t.login('officer2');
    expect((await officer2.request({ method: 'GET', url: `/api/incidents/${inc.id}` })).statusCode).toBe(404);
    expect((await officer2.request({ method: 'GET', url: '/api/incidents' })).json().items).toEqual([]);
    const d = await admit();
    await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/people`,
      payload: { kind: 'detainee', detaineeId: d.id, role: 'witness' },
    });
    const mine = await officer.request({ method: 'GET', url: `/api/incidents?detaineeId=${d.id}` });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([inc.id]);
    const byType = await director.request({ method: 'GET', url: '/api/incidents?type=death_in_custody' });
    expect(byType.json().items.every((i: { type: string }) => i.type === 'death_in_custody')).toBe(true);
  });
});

describe('posture', () => {
  it('keeps every change on a timeline with who and why; only commanders and directors set it', async () => {
    const url = `/api/sites/${t.seed.s1.id}/posture`;
    expect((await officer.request({ method: 'GET', url })).json().current.level).toBe('normal');
    expect(
      (await officer.request({ method: 'POST', url, payload: { level: 'lockdown', reason: 'x' } }))
        .statusCode,
    ).toBe(403);
    await commander.request({
      method: 'POST',
      url,
      payload: { level: 'heightened', reason: 'Drone sightings to the north' },
    });
    t.clock.advance({ minutes: 10 });
    const lock = await director.request({
      method: 'POST',
      url,
      payload: { level: 'lockdown', reason: 'Rocket strike on block A' },
    });
    expect(lock.statusCode, lock.body).toBe(201);
    // The lockdown started the emergency headcount of the site (the monitoring module's).
    const headcountId = lock.json().current.headcountId as string;
    expect(headcountId).toBeTruthy();
    expect((await t.services.monitoring.headcounts.get(systemActor('t'), headcountId)).siteId).toBe(
      t.seed.s1.id,
    );
    t.clock.advance({ minutes: -10 });
    const same = await director.request({
      method: 'POST',
      url,
      payload: { level: 'lockdown', reason: 'again' },
    });
    expect([same.statusCode, same.json().field]).toEqual([409, 'level']);
    const p = (await officer.request({ method: 'GET', url })).json();
    expect(p.current).toMatchObject({
      level: 'lockdown',
      setBy: 'director',
      reason: 'Rocket strike on block A',
    });
    expect(p.timeline.map((e: { level: string }) => e.level)).toEqual(['lockdown', 'heightened']);
    // The live dashboard reads every site's posture at once: the latest change, or normal.
    expect(await t.services.posture.currentLevels([t.seed.s1.id, t.seed.s2.id])).toEqual({
      [t.seed.s1.id]: 'lockdown',
      [t.seed.s2.id]: 'normal',
    });
    const officer2 = await t.login('officer2');
    expect((await officer2.request({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('draws the threat picture: sites with place, posture and recent incidents', async () => {
    await director.request({
      method: 'PUT',
      url: `/api/sites/${t.seed.s1.id}/location`,
      payload: { lat: 35.2, lon: 41.1 },
    });
    const pic = (await commander.request({ method: 'GET', url: '/api/threat-picture?days=7' })).json();
    expect(pic.sites).toHaveLength(1);
    expect(pic.sites[0]).toMatchObject({ code: 'S1', lat: 35.2, lon: 41.1, posture: 'lockdown' });
    expect(pic.sites[0].attacks).toBeGreaterThan(0);
    const region = (await officer.request({ method: 'GET', url: '/api/geodata/region' })).json();
    expect(region.type).toBe('FeatureCollection');
    expect(region.features[0].geometry.type).toBe('Polygon');
  });
});

describe('required notifications', () => {
  it('raises one alert for an overdue task, and completing it records who and resolves the alert', async () => {
    const d = await admit();
    const inc = await report({ type: 'assault', title: 'Assault in the yard' });
    await officer.request({
      method: 'POST',
      url: `/api/incidents/${inc.id}/people`,
      payload: { kind: 'detainee', detaineeId: d.id, role: 'victim', injury: 'serious' },
    });
    const tasks = (
      await commander.request({ method: 'GET', url: `/api/notification-tasks?incidentId=${inc.id}` })
    ).json().items as { id: string; kind: string; overdue: boolean }[];
    expect(tasks.map((x) => x.kind)).toEqual(['authority_serious_injury', 'family_serious_injury']);
    const actor = systemActor('notifications');
    expect(await t.services.notifications.raiseOverdue(actor)).toEqual([]);
    const before = t.clock.now();
    t.clock.advance({ hours: 25 });
    try {
      const raised = await t.services.notifications.raiseOverdue(actor);
      const mine = raised.filter((x) => x.incidentId === inc.id);
      expect(mine.map((x) => x.overdue)).toEqual([true, true]);
      expect(await t.services.notifications.raiseOverdue(actor)).toEqual([]);
      const alert = await t.services.alerts.get(actor, mine[0].overdueAlertId!);
      expect([alert.kind, alert.severity, alert.status]).toEqual([
        'notification.overdue',
        'critical',
        'open',
      ]);
      const family = await t.services.alerts.get(actor, mine[1].overdueAlertId!);
      expect(family.severity).toBe('warning');
      // Sessions idle out over a day: log in again.
      commander = await t.login('commander1');
      officer = await t.login('officer1');
      const overdue = (
        await commander.request({ method: 'GET', url: '/api/notification-tasks?state=overdue' })
      ).json().items as { id: string }[];
      expect(overdue.map((x) => x.id)).toContain(mine[0].id);
      expect(
        (
          await officer.request({
            method: 'POST',
            url: `/api/notification-tasks/${mine[0].id}/complete`,
            payload: { note: 'x' },
          })
        ).statusCode,
      ).toBe(403);
      const done = await commander.request({
        method: 'POST',
        url: `/api/notification-tasks/${mine[0].id}/complete`,
        payload: { note: 'Reported to the Fictional Ombudsman by phone, ref 42' },
      });
      expect(done.json()).toMatchObject({ completedBy: 'commander1', overdue: false });
      expect((await t.services.alerts.get(actor, alert.id)).status).toBe('resolved');
      expect(
        (
          await commander.request({
            method: 'POST',
            url: `/api/notification-tasks/${mine[0].id}/complete`,
            payload: { note: 'again' },
          })
        ).statusCode,
      ).toBe(409);
    } finally {
      t.clock.set(before);
      commander = await t.login('commander1');
      officer = await t.login('officer1');
    }
  });

  it('creates a Rule 68 transfer notice by hand', async () => {
    const d = await admit();
    const legal = await t.login('legal1');
    const res = await legal.request({
      method: 'POST',
      url: '/api/notification-tasks',
      payload: { siteId: t.seed.s1.id, kind: 'family_transfer', detaineeId: d.id },
    });
    expect(res.json()).toMatchObject({ rule: '68', auto: false, dueAt: '2026-03-04T08:00:00.000Z' });
  });
});
