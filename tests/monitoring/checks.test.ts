import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/verify-audit-chain';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { key, placeDetainee } from './fixtures';

let t: TestApp;
let officer: Session;
let detainee: string;
beforeAll(async () => {
  t = await createTestApp();
  detainee = await placeDetainee(t, t.seed.s1.id, t.seed.s1.cellId);
  await placeDetainee(t, t.seed.s2.id, t.seed.s2.cellId);
  officer = await t.login('officer1');
});
afterAll(() => t.close());

const check = (body: Record<string, unknown>) =>
  officer.request({
    method: 'POST',
    url: '/api/monitoring/checks',
    payload: { idempotencyKey: key(), cellId: t.seed.s1.cellId, state: 'present', ...body },
  });
const alertsOf = (kind: string) =>
  t.services.db.selectFrom('alerts').selectAll().where('kind', '=', kind).orderBy('raised_at').execute();

describe('rounds and missed checks (fixed clock)', () => {
  it("watches occupied cells on the wing's schedule, flags a late check and raises one alert for a missed one", async () => {
    const commander = await t.login('commander1');
    const set = await commander.request({
      method: 'PUT',
      url: `/api/monitoring/wings/${t.seed.s1.wingId}/schedule`,
      payload: { intervalMinutes: 30 },
    });
    expect(set.statusCode, set.body).toBe(200);

    const first = await check({ state: 'asleep' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      late: false,
      enteredLate: false,
      state: 'asleep',
      officerName: 'officer1',
    });

    const round = (
      await officer.request({ method: 'GET', url: `/api/monitoring/wings/${t.seed.s1.wingId}/round` })
    ).json();
    expect(round.scheduleMinutes).toBe(30);
    expect(round.cells[0]).toMatchObject({
      cellId: t.seed.s1.cellId,
      intervalMinutes: 30,
      nextDueAt: '2026-03-01T08:30:00.000Z',
      overdue: false,
    });
    // The empty cell needs no check.
    expect(
      round.cells.find((c: { cellId: string }) => c.cellId === t.seed.s1.cell2Id).intervalMinutes,
    ).toBeNull();

    // Within the grace: nothing yet.
    t.clock.set('2026-03-01T08:33:00.000Z');
    expect((await t.services.monitoring.detectMissedChecks(t.clock.now())).missed).toBe(0);

    t.clock.set('2026-03-01T08:36:00.000Z');
    const sweep = await t.services.monitoring.detectMissedChecks(t.clock.now());
    expect(sweep).toMatchObject({ missed: 1, alertsRaised: 1 });
    const missed = await alertsOf('check.missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({
      site_id: t.seed.s1.id,
      subject_type: 'wing',
      severity: 'warning',
      status: 'open',
    });
    // The same due time is never raised twice.
    expect((await t.services.monitoring.detectMissedChecks(t.clock.now())).missed).toBe(0);

    const late = await check({ state: 'present' });
    expect(late.json()).toMatchObject({ late: true, dueAt: '2026-03-01T08:30:00.000Z' });
    const roundAfter = (
      await officer.request({ method: 'GET', url: `/api/monitoring/wings/${t.seed.s1.wingId}/round` })
    ).json();
    expect(roundAfter.cells[0]).toMatchObject({ nextDueAt: '2026-03-01T09:06:00.000Z', overdue: false });

    const compliance = (
      await commander.request({
        method: 'GET',
        url: `/api/monitoring/sites/${t.seed.s1.id}/compliance?day=2026-03-01`,
      })
    ).json();
    expect(compliance.wings[0]).toMatchObject({ checks: 2, late: 1, missed: 1, onTimeRate: 1 / 3 });
    expect(compliance.officers).toEqual([{ officerName: 'officer1', checks: 2, late: 1, enteredLate: 0 }]);
  });

  it("escalates an unacknowledged missed-check alert and hands it to the site's commander", async () => {
    const [missed] = await alertsOf('check.missed');
    const heard: { type: string; id: string }[] = [];
    const stop = t.services.events.subscribe((e) => {
      if (e.type.startsWith('alert.')) heard.push({ type: e.type, id: (e.data.alert as { id: string }).id });
    });
    t.clock.set(new Date(new Date(missed.due_at).getTime() + 60_000));
    const sweep = await t.services.monitoring.detectMissedChecks(t.clock.now());
    expect(sweep.escalated).toBeGreaterThanOrEqual(1);
    expect(sweep.handedToCommander).toBe(1);
    const escalated = await t.services.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', missed.id)
      .executeTakeFirstOrThrow();
    expect(Number(escalated.escalation_level)).toBe(1);
    const [handed] = await alertsOf('monitoring.escalated');
    expect(handed).toMatchObject({
      severity: 'critical',
      assignee_id: t.seed.users.commander1,
      subject_id: missed.id,
      site_id: t.seed.s1.id,
    });
    // Once only.
    expect((await t.services.monitoring.detectMissedChecks(t.clock.now())).handedToCommander).toBe(0);
    // Each announced once on the live stream (the commander's alert after its transaction commits).
    await vi.waitFor(() => expect(heard.some((h) => h.id === handed.id)).toBe(true));
    stop();
    expect(heard.filter((h) => h.id === missed.id && h.type === 'alert.escalated')).toHaveLength(1);
    expect(heard.filter((h) => h.id === handed.id)).toEqual([{ type: 'alert.raised', id: handed.id }]);
    // The commander sees it in their own list.
    const commander = await t.login('commander1');
    const mine = (await commander.request({ method: 'GET', url: '/api/alerts?mine=true' })).json();
    expect(mine.items.map((a: { id: string }) => a.id)).toContain(handed.id);
  });

  it('watches a detainee on 15-minute observation more closely, with a critical alert per cell', async () => {
    const medical = await t.login('medical1');
    const set = await medical.request({
      method: 'POST',
      url: '/api/monitoring/observation-levels',
      payload: { detaineeId: detainee, intervalMinutes: 15, reason: 'Assessed at risk of self-harm' },
    });
    expect(set.statusCode, set.body).toBe(201);
    await check({ state: 'unwell', detaineeId: detainee });
    const round = (
      await officer.request({ method: 'GET', url: `/api/monitoring/wings/${t.seed.s1.wingId}/round` })
    ).json();
    expect(round.cells[0].intervalMinutes).toBe(15);
    t.clock.advance({ minutes: 19 });
    await t.services.monitoring.detectMissedChecks(t.clock.now());
    const cellAlerts = (await alertsOf('check.missed')).filter((a) => a.subject_type === 'cell');
    expect(cellAlerts).toHaveLength(1);
    expect(cellAlerts[0]).toMatchObject({ severity: 'critical', subject_id: t.seed.s1.cellId });

    const levels = (
      await medical.request({
        method: 'GET',
        url: `/api/monitoring/observation-levels?siteId=${t.seed.s1.id}`,
      })
    ).json();
    expect(levels).toHaveLength(1);
    // A new level replaces the old one; the old one is kept, ended.
    const constant = await medical.request({
      method: 'POST',
      url: '/api/monitoring/observation-levels',
      payload: { detaineeId: detainee, intervalMinutes: 0, reason: 'Constant watch after an attempt' },
    });
    expect(constant.statusCode).toBe(201);
    const all = (
      await medical.request({
        method: 'GET',
        url: `/api/monitoring/observation-levels?siteId=${t.seed.s1.id}&active=false`,
      })
    ).json();
    expect(all).toHaveLength(2);
    expect(all.filter((l: { endedAt: string | null }) => l.endedAt === null)).toHaveLength(1);
    const ended = await medical.request({
      method: 'POST',
      url: `/api/monitoring/observation-levels/${constant.json().id}/end`,
      payload: { reason: 'Reviewed: risk reduced' },
    });
    expect(ended.json().endReason).toBe('Reviewed: risk reduced');
  });
});

describe('recording a check: bad input, offline resend', () => {
  it("refuses a cell that does not exist or is outside the officer's site, and a time in the future", async () => {
    expect((await check({ cellId: 'no-such-cell' })).statusCode).toBe(404);
    expect((await check({ cellId: t.seed.s2.cellId })).statusCode).toBe(404);
    const future = await check({ observedAt: new Date(t.clock.now().getTime() + 10 * 60_000).toISOString() });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ field: 'observedAt' });
    expect(future.json().message).toContain('future');
  });

  it('takes a check kept offline with its real time, once, however often it is resent', async () => {
    const observedAt = new Date(t.clock.now().getTime() - 40 * 60_000).toISOString();
    const body = {
      idempotencyKey: key(),
      cellId: t.seed.s1.cellId,
      state: 'refused',
      observedAt,
      note: 'Would not show hands',
    };
    const first = await officer.request({ method: 'POST', url: '/api/monitoring/checks', payload: body });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ observedAt, enteredLate: true });
    const again = await officer.request({ method: 'POST', url: '/api/monitoring/checks', payload: body });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const batch = await officer.request({
      method: 'POST',
      url: '/api/monitoring/checks/batch',
      payload: {
        checks: [
          body,
          {
            ...body,
            idempotencyKey: key(),
            observedAt: new Date(t.clock.now().getTime() - 35 * 60_000).toISOString(),
          },
          { ...body, idempotencyKey: key(), cellId: 'nope' },
        ],
      },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'created',
      'refused',
    ]);
    const stored = await t.services.db
      .selectFrom('cell_checks')
      .selectAll()
      .where('idempotency_key', '=', body.idempotencyKey)
      .execute();
    expect(stored).toHaveLength(1);
    // The same key for a different check is a conflict, not a silent duplicate.
    const clash = await officer.request({
      method: 'POST',
      url: '/api/monitoring/checks',
      payload: { ...body, state: 'present' },
    });
    expect(clash.statusCode).toBe(409);
    // An older check arriving late does not move the cell's latest check back.
    const status = await t.services.db
      .selectFrom('cell_check_status')
      .selectAll()
      .where('cell_id', '=', t.seed.s1.cellId)
      .executeTakeFirstOrThrow();
    expect(status.last_observed_at! > observedAt).toBe(true);
  });

  it('takes checks sent at the same moment together, each once, with its audit entry in the chain', async () => {
    const actor = systemActor('tablet');
    const keys = Array.from({ length: 12 }, () => key());
    const sent = [...keys, keys[3]].map((k) =>
      t.services.monitoring.checks.record(actor, {
        idempotencyKey: k,
        cellId: t.seed.s1.cellId,
        state: 'present',
      }),
    );
    const results = await Promise.all(sent);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(12);
    expect(results[12]).toMatchObject({ duplicate: true, check: { id: results[3].check.id } });
    const stored = await t.services.db
      .selectFrom('cell_checks')
      .select('id')
      .where('idempotency_key', 'in', keys)
      .execute();
    expect(stored).toHaveLength(12);
    const audited = await t.services.db
      .selectFrom('audit_entries')
      .select('subject_id')
      .where('action', '=', 'check.record')
      .where('actor_name', '=', 'tablet')
      .execute();
    expect(audited).toHaveLength(12);
    expect((await verifyAuditChain(t.services.db)).ok).toBe(true);
  });

  it('keeps checks as evidence: a supervisor annotates, nothing edits', async () => {
    const c = (await check({ state: 'present' })).json();
    const commander = await t.login('commander1');
    const note = await commander.request({
      method: 'POST',
      url: `/api/monitoring/checks/${c.id}/annotations`,
      payload: { note: 'Confirmed on CCTV' },
    });
    expect(note.statusCode).toBe(201);
    const read = (await commander.request({ method: 'GET', url: `/api/monitoring/checks/${c.id}` })).json();
    expect(read.annotations).toEqual([
      expect.objectContaining({ note: 'Confirmed on CCTV', writtenBy: 'commander1' }),
    ]);
    expect(read.state).toBe('present');
    const routes = t.routes.filter(
      (r) =>
        r.url.startsWith('/api/monitoring/checks') &&
        (r.method === 'PATCH' || r.method === 'DELETE' || r.method === 'PUT'),
    );
    expect(routes).toEqual([]);
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', '=', 'check.record')
      .execute();
    expect(audit.length).toBeGreaterThan(3);
  });

  it("lists checks only in the caller's sites", async () => {
    await t.services.monitoring.checks.record(systemActor('t'), {
      idempotencyKey: key(),
      cellId: t.seed.s2.cellId,
      state: 'present',
    });
    const mine = (
      await officer.request({ method: 'GET', url: '/api/monitoring/checks?pageSize=500' })
    ).json();
    expect(mine.items.every((c: { siteId: string }) => c.siteId === t.seed.s1.id)).toBe(true);
    const other = await t.login('officer2');
    expect((await other.request({ method: 'GET', url: '/api/monitoring/checks' })).json().total).toBe(1);
  });
});
