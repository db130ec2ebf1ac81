import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { key, placeDetainee } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const actor = systemActor('test');

/** Each site's figures counted the slow way, straight from the register, cells, checks and alerts. */
async function countedSlowly() {
  const db = t.services.db;
  const nowIso = t.clock.now().toISOString();
  const hourAgo = new Date(t.clock.now().getTime() - 60 * 60_000).toISOString();
  const sites = await db.selectFrom('sites').select('id').orderBy('code').execute();
  const out: Record<string, Record<string, unknown>> = {};
  for (const { id } of sites) {
    const n = async (q: Promise<{ n: number | string | bigint | null } | undefined>) =>
      Number((await q)?.n ?? 0);
    const detainees = (status: string, noCell = false) => {
      let q = db
        .selectFrom('detainees')
        .select(sql<number>`count(*)`.as('n'))
        .where('site_id', '=', id)
        .where('status', '=', status);
      if (noCell) q = q.where('cell_id', 'is', null);
      return n(q.executeTakeFirst());
    };
    const alerts = (severity: string) =>
      n(
        db
          .selectFrom('alerts')
          .select(sql<number>`count(*)`.as('n'))
          .where('site_id', '=', id)
          .where('status', '!=', 'resolved')
          .where('severity', '=', severity)
          .executeTakeFirst(),
      );
    const cells = await db.selectFrom('cells').selectAll().where('site_id', '=', id).execute();
    const status = await db
      .selectFrom('cell_check_status')
      .selectAll()
      .where('site_id', '=', id)
      .where('interval_minutes', 'is not', null)
      .execute();
    const open = await db
      .selectFrom('roll_counts')
      .select(['id', 'started_at'])
      .where('site_id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    const closed = await db
      .selectFrom('roll_counts')
      .select('closed_at')
      .where('site_id', '=', id)
      .where('status', '=', 'closed')
      .execute();
    const population = await detainees('in_custody');
    const beds = cells
      .filter((c) => Number(c.out_of_service) === 0)
      .reduce((s, c) => s + Number(c.capacity), 0);
    out[id] = {
      population,
      arriving: await detainees('arriving'),
      unassigned: await detainees('in_custody', true),
      beds,
      occupancy: beds === 0 ? 0 : Math.round((population / beds) * 1000) / 1000,
      watchedCells: status.length,
      overdueChecks: status.filter((s) => s.next_due_at !== null && s.next_due_at < nowIso).length,
      checksLastHour: await n(
        db
          .selectFrom('cell_checks')
          .select(sql<number>`count(*)`.as('n'))
          .where('site_id', '=', id)
          .where('observed_at', '>=', hourAgo)
          .executeTakeFirst(),
      ),
      openAlerts: {
        critical: await alerts('critical'),
        warning: await alerts('warning'),
        info: await alerts('info'),
      },
      openCount: open ? { id: open.id, startedAt: open.started_at } : null,
      lastCountClosedAt:
        closed
          .map((c) => c.closed_at)
          .sort()
          .at(-1) ?? null,
    };
  }
  return out;
}

async function expectSameFigures() {
  const summary = await t.services.monitoring.dashboard.summary(actor);
  const slow = await countedSlowly();
  const fast = Object.fromEntries(
    summary.sites.map((s) => [
      s.siteId,
      {
        population: s.population,
        arriving: s.arriving,
        unassigned: s.unassigned,
        beds: s.beds,
        occupancy: s.occupancy,
        watchedCells: s.watchedCells,
        overdueChecks: s.overdueChecks,
        checksLastHour: s.checksLastHour,
        openAlerts: s.openAlerts,
        openCount: s.openCount,
        lastCountClosedAt: s.lastCountClosedAt,
      },
    ]),
  );
  expect(fast).toEqual(slow);
  const sum = (f: (x: Record<string, unknown>) => number) =>
    Object.values(slow).reduce((a, x) => a + f(x), 0);
  expect(summary.estate.population).toBe(sum((x) => x.population as number));
  expect(summary.estate.beds).toBe(sum((x) => x.beds as number));
  expect(summary.estate.unassigned).toBe(sum((x) => x.unassigned as number));
  return summary;
}

describe("the dashboard's kept figures", () => {
  it('match the figures counted from the register, cells, checks and alerts as the estate changes', async () => {
    const { s1, s2 } = t.seed;
    await expectSameFigures();

    // Admissions: in cells, without a cell, arriving; at both sites.
    const a = await placeDetainee(t, s1.id, s1.cellId);
    const b = await placeDetainee(t, s1.id, s1.cellId);
    const c = await placeDetainee(t, s1.id, null);
    const d = await placeDetainee(t, s1.id, null, 'arriving');
    await placeDetainee(t, s2.id, s2.cellId);
    let summary = await expectSameFigures();
    expect(summary.sites.find((s) => s.siteId === s1.id)).toMatchObject({
      population: 3,
      arriving: 1,
      unassigned: 1,
    });

    // A release, an arrival taken into a cell, a move between cells, an unassigned person housed.
    await t.services.register.update(actor, a, { status: 'released' });
    await t.services.db.transaction().execute((trx) =>
      t.services.register.setStatusMany(
        trx,
        actor,
        [
          { id: d, status: 'in_custody', cellId: s1.cell2Id },
          { id: c, status: 'in_custody', cellId: s1.cellId },
        ],
        'arrived',
      ),
    );
    await t.services.db.updateTable('detainees').set({ cell_id: s1.cell2Id }).where('id', '=', b).execute();
    // Moved to the other site without a cell (as a transfer lands).
    await t.services.db
      .updateTable('detainees')
      .set({ site_id: s2.id, cell_id: null })
      .where('id', '=', b)
      .execute();
    await expectSameFigures();

    // Cells: a new one, a capacity change, one out of service and back, the new one out of service.
    const cell = await t.services.estate.createCell(actor, s1.wingId, { code: 'X9', capacity: 4 });
    await t.services.estate.updateCell(actor, cell.id, { capacity: 6 });
    await t.services.estate.updateCell(actor, s1.cell2Id, { outOfService: true, reason: 'Flooded' });
    summary = await expectSameFigures();
    await t.services.estate.updateCell(actor, s1.cell2Id, { outOfService: false });
    await t.services.estate.updateCell(actor, cell.id, { outOfService: true, reason: 'Repairs' });
    await expectSameFigures();

    // A new site starts at zero.
    await t.services.estate.createSite(actor, { code: 'NEW', name: 'New site', nameAr: 'موقع جديد' });
    await expectSameFigures();

    // Checks, an overdue round, alerts, a count open and one closed.
    await t.services.monitoring.checks.record(actor, {
      idempotencyKey: key(),
      cellId: s1.cellId,
      state: 'present',
    });
    t.clock.advance({ minutes: 90 });
    await t.services.monitoring.checks.record(actor, {
      idempotencyKey: key(),
      cellId: s2.cellId,
      state: 'asleep',
    });
    // One cell watched and overdue, one watched and due later (as observation levels leave them).
    await t.services.db
      .updateTable('cell_check_status')
      .set({ interval_minutes: 30, next_due_at: '2026-03-01T08:30:00.000Z' })
      .where('cell_id', '=', s1.cellId)
      .execute();
    await t.services.db
      .updateTable('cell_check_status')
      .set({ interval_minutes: 60, next_due_at: '2026-03-01T23:00:00.000Z' })
      .where('cell_id', '=', s2.cellId)
      .execute();
    await t.services.alerts.raise(actor, {
      siteId: s1.id,
      subjectType: 'cell',
      kind: 'test',
      severity: 'critical',
      title: 'Test',
    });
    const resolved = await t.services.alerts.raise(actor, {
      siteId: s2.id,
      subjectType: 'cell',
      kind: 'test',
      severity: 'info',
      title: 'Test',
    });
    await t.services.alerts.resolve(actor, resolved.id, 'done');
    const first = await t.services.monitoring.counts.start(actor, { siteId: s2.id });
    await t.services.monitoring.counts.start(actor, { siteId: s1.id });
    await t.services.db
      .updateTable('roll_counts')
      .set({ status: 'closed', closed_at: t.clock.now().toISOString() })
      .where('id', '=', first.id)
      .execute();
    summary = await expectSameFigures();
    expect(summary.estate).toMatchObject({ watchedCells: 2, overdueChecks: 1, checksLastHour: 1 });
  });
});
