import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import { writeAnnotation } from './checks-service';
import { actorName, type MonitoringDeps, siteInScope, utcDay } from './monitoring-shared';
import type { RollCountsTable } from './tables';

export type Granularity = 'wing' | 'cell';

export interface CountUnitView {
  id: string;
  unitType: Granularity;
  unitId: string;
  wingId: string;
  code: string;
  expected: number;
  /** The latest number entered; null until someone counts. */
  counted: number | null;
  enteredAt: string | null;
  enteredBy: string | null;
  /** counted − expected; null until counted. */
  discrepancy: number | null;
  resolution: { reason: string; resolvedAt: string; resolvedBy: string } | null;
  entries: number;
}

export interface CountView {
  id: string;
  siteId: string;
  kind: string;
  granularity: Granularity;
  status: 'open' | 'closed';
  scheduledFor: string | null;
  startedAt: string;
  startedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  expected: number;
  counted: number;
  unitsCounted: number;
  unresolved: number;
  units: CountUnitView[];
  annotations: { note: string; writtenAt: string; writtenBy: string }[];
}

export interface RollView {
  siteId: string;
  at: string;
  day: string;
  inCustody: number;
  /** Admitted today (UTC). */
  inToday: number;
  /** Released, transferred out or repatriated today (UTC; the register's last change of status). */
  outToday: number;
  /** On the way to the site (status arriving). */
  enRoute: number;
  /** In custody at the site with no cell. */
  unassigned: number;
  wings: { wingId: string; code: string; inCustody: number; beds: number }[];
}

const OUT_STATUSES = ['released', 'transferred_out', 'repatriated'];

/**
 * Roll counts: each unit's expected number comes from the register when the count starts;
 * officers enter what they counted (a recount is a new entry, never an edit); a count closes only
 * when every unit is counted and every difference is explained.
 */
export class CountsService {
  constructor(private readonly deps: MonitoringDeps) {}

  private get db() {
    return this.deps.db;
  }
  private get clock() {
    return this.deps.clock;
  }

  /**
   * The establishment roll, read from the register now (so it is always current).
   *
   * @example const roll = await counts.roll(actor, siteId); roll.unassigned
   */
  async roll(actor: Actor, siteId: string): Promise<RollView> {
    await siteInScope(this.db, actor, siteId);
    const now = this.clock.now();
    const { start, end, day } = utcDay(now);
    const [statuses, inToday, outToday, unassigned, wings, perWing, beds] = await Promise.all([
      this.db
        .selectFrom('detainees')
        .select(['status', sql<number>`count(*)`.as('n')])
        .where('site_id', '=', siteId)
        .groupBy('status')
        .execute(),
      this.db
        .selectFrom('detainees')
        .select(sql<number>`count(*)`.as('n'))
        .where('site_id', '=', siteId)
        .where('admitted_at', '>=', start)
        .where('admitted_at', '<', end)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('detainees')
        .select(sql<number>`count(*)`.as('n'))
        .where('site_id', '=', siteId)
        .where('status', 'in', OUT_STATUSES)
        .where('updated_at', '>=', start)
        .where('updated_at', '<', end)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('detainees')
        .select(sql<number>`count(*)`.as('n'))
        .where('site_id', '=', siteId)
        .where('status', '=', 'in_custody')
        .where('cell_id', 'is', null)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('wings')
        .select(['id', 'code'])
        .where('site_id', '=', siteId)
        .orderBy('code')
        .execute(),
      this.db
        .selectFrom('detainees')
        .innerJoin('cells', 'cells.id', 'detainees.cell_id')
        .select(['cells.wing_id', sql<number>`count(*)`.as('n')])
        .where('detainees.site_id', '=', siteId)
        .where('detainees.status', '=', 'in_custody')
        .groupBy('cells.wing_id')
        .execute(),
      this.db
        .selectFrom('cells')
        .select(['wing_id', sql<number>`sum(case when out_of_service = 0 then capacity else 0 end)`.as('n')])
        .where('site_id', '=', siteId)
        .groupBy('wing_id')
        .execute(),
    ]);
    const status = (s: string) => Number(statuses.find((r) => r.status === s)?.n ?? 0);
    return {
      siteId,
      at: now.toISOString(),
      day,
      inCustody: status('in_custody'),
      inToday: Number(inToday.n),
      outToday: Number(outToday.n),
      enRoute: status('arriving'),
      unassigned: Number(unassigned.n),
      wings: wings.map((w) => ({
        wingId: w.id,
        code: w.code,
        inCustody: Number(perWing.find((p) => p.wing_id === w.id)?.n ?? 0),
        beds: Number(beds.find((b) => b.wing_id === w.id)?.n ?? 0),
      })),
    };
  }

  /**
   * Starts a count at a site: one unit per wing (or per cell), each with the register's number now.
   * A site has one open count at a time.
   */
  async start(
    actor: Actor,
    input: {
      siteId: string;
      granularity?: Granularity;
      kind?: 'scheduled' | 'adhoc';
      scheduledFor?: string | null;
    },
  ): Promise<CountView> {
    await siteInScope(this.db, actor, input.siteId);
    const open = await this.db
      .selectFrom('roll_counts')
      .select('id')
      .where('site_id', '=', input.siteId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) throw new Conflict(`a count is already open at this site (${open.id}); close it first`);
    const granularity = input.granularity ?? 'wing';
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const occupancy = await trx
        .selectFrom('detainees')
        .innerJoin('cells', 'cells.id', 'detainees.cell_id')
        .select(['cells.id as cell_id', 'cells.wing_id', sql<number>`count(*)`.as('n')])
        .where('detainees.site_id', '=', input.siteId)
        .where('detainees.status', '=', 'in_custody')
        .groupBy(['cells.id', 'cells.wing_id'])
        .execute();
      let units: { unit_type: string; unit_id: string; wing_id: string; code: string; expected: number }[];
      if (granularity === 'wing') {
        const wings = await trx
          .selectFrom('wings')
          .select(['id', 'code'])
          .where('site_id', '=', input.siteId)
          .orderBy('code')
          .execute();
        units = wings.map((w) => ({
          unit_type: 'wing',
          unit_id: w.id,
          wing_id: w.id,
          code: w.code,
          expected: occupancy.filter((o) => o.wing_id === w.id).reduce((sum, o) => sum + Number(o.n), 0),
        }));
      } else {
        const cells = await trx
          .selectFrom('cells')
          .innerJoin('wings', 'wings.id', 'cells.wing_id')
          .select([
            'cells.id',
            'cells.wing_id',
            'cells.code',
            'wings.code as wing_code',
            'cells.out_of_service',
          ])
          .where('cells.site_id', '=', input.siteId)
          .orderBy('wings.code')
          .orderBy('cells.code')
          .execute();
        const byCell = new Map(occupancy.map((o) => [o.cell_id, Number(o.n)]));
        units = cells
          .filter((c) => c.out_of_service === 0 || byCell.has(c.id))
          .map((c) => ({
            unit_type: 'cell',
            unit_id: c.id,
            wing_id: c.wing_id,
            code: `${c.wing_code}/${c.code}`,
            expected: byCell.get(c.id) ?? 0,
          }));
      }
      if (units.length === 0)
        throw new BadRequest('siteId: the site has no wings or cells to count', 'siteId');
      await trx
        .insertInto('roll_counts')
        .values({
          id,
          site_id: input.siteId,
          kind: input.kind ?? 'adhoc',
          granularity,
          status: 'open',
          scheduled_for: input.scheduledFor ?? null,
          started_at: now,
          started_by: actorName(actor),
          closed_at: null,
          closed_by: null,
        })
        .execute();
      for (let i = 0; i < units.length; i += 500)
        await trx
          .insertInto('roll_count_units')
          .values(units.slice(i, i + 500).map((u) => ({ id: randomUUID(), count_id: id, ...u })))
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'count.start',
        subjectType: 'roll_count',
        subjectId: id,
        siteId: input.siteId,
        changes: {
          granularity,
          kind: input.kind ?? 'adhoc',
          units: units.length,
          expected: units.reduce((s, u) => s + u.expected, 0),
        },
      });
    });
    const view = await this.get(actor, id);
    this.deps.events.publish({ type: 'count.started', siteId: input.siteId, at: now, data: summary(view) });
    return view;
  }

  /**
   * Enters counted numbers for units of an open count. A number that differs from the register
   * raises a discrepancy alert at once.
   */
  async enter(
    actor: Actor,
    countId: string,
    entries: { unitId: string; counted: number }[],
  ): Promise<CountView> {
    const count = await this.openCount(actor, countId);
    const units = await this.db
      .selectFrom('roll_count_units')
      .selectAll()
      .where('count_id', '=', countId)
      .execute();
    for (const [i, e] of entries.entries()) {
      if (!units.some((u) => u.id === e.unitId))
        throw new BadRequest(`entries[${i}].unitId: not a unit of this count`, `entries[${i}].unitId`);
      if (!Number.isInteger(e.counted) || e.counted < 0)
        throw new BadRequest(`entries[${i}].counted: a whole number, 0 or more`, `entries[${i}].counted`);
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('roll_count_entries')
        .select(sql<number>`max(seq)`.as('n'))
        .where('count_id', '=', countId)
        .executeTakeFirst();
      let seq = Number(last?.n ?? 0);
      for (const e of entries) {
        const unit = units.find((u) => u.id === e.unitId)!;
        const entryId = randomUUID();
        await trx
          .insertInto('roll_count_entries')
          .values({
            id: entryId,
            count_id: countId,
            unit_id: unit.id,
            counted: e.counted,
            seq: ++seq,
            entered_at: now,
            entered_by: actorName(actor),
          })
          .execute();
        if (e.counted !== Number(unit.expected))
          await this.deps.alerts.raise(
            actor,
            {
              siteId: count.site_id,
              subjectType: 'roll_count',
              subjectId: countId,
              kind: 'count.discrepancy',
              // Fewer than expected means someone may be missing; more, a register out of date.
              severity: e.counted < Number(unit.expected) ? 'critical' : 'warning',
              title: `Count discrepancy in ${unit.code}: counted ${e.counted}, expected ${unit.expected}`,
              detail: 'Resolve it on the count with a reason before the count can close.',
              dedupeKey: `count.discrepancy:${unit.id}`,
            },
            trx,
          );
      }
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'count.enter',
        subjectType: 'roll_count',
        subjectId: countId,
        siteId: count.site_id,
        changes: { entries },
      });
    });
    const view = await this.get(actor, countId);
    this.deps.events.publish({ type: 'count.updated', siteId: count.site_id, at: now, data: summary(view) });
    return view;
  }

  /** Explains a unit's discrepancy (its latest entry); the alert it raised is resolved with the same reason. */
  async resolve(
    actor: Actor,
    countId: string,
    input: { unitId: string; reason: string },
  ): Promise<CountView> {
    const count = await this.openCount(actor, countId);
    const before = await this.get(actor, countId);
    const unit = before.units.find((u) => u.id === input.unitId);
    if (!unit) throw new BadRequest('unitId: not a unit of this count', 'unitId');
    if (unit.counted === null) throw new Conflict('the unit has not been counted yet', 'unitId');
    if (unit.discrepancy === 0) throw new Conflict('the unit has no discrepancy to resolve', 'unitId');
    if (!input.reason.trim()) throw new BadRequest('reason: say why the numbers differ', 'reason');
    const latest = await this.db
      .selectFrom('roll_count_entries')
      .select('id')
      .where('unit_id', '=', unit.id)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roll_count_resolutions')
        .values({
          id: randomUUID(),
          count_id: countId,
          unit_id: unit.id,
          entry_id: latest.id,
          reason: input.reason.trim(),
          resolved_at: now,
          resolved_by: actorName(actor),
        })
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'count.resolve',
        subjectType: 'roll_count',
        subjectId: countId,
        siteId: count.site_id,
        changes: {
          unitId: unit.id,
          code: unit.code,
          expected: unit.expected,
          counted: unit.counted,
          reason: input.reason.trim(),
        },
      });
    });
    const alert = await this.db
      .selectFrom('alerts')
      .select('id')
      .where('dedupe_key', '=', `count.discrepancy:${unit.id}`)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    if (alert)
      await this.deps.alerts.resolve(actor, alert.id, `Count discrepancy resolved: ${input.reason.trim()}`);
    const view = await this.get(actor, countId);
    this.deps.events.publish({ type: 'count.updated', siteId: count.site_id, at: now, data: summary(view) });
    return view;
  }

  /** Closes a count: refused while a unit is uncounted or a discrepancy is unexplained. */
  async close(actor: Actor, countId: string): Promise<CountView> {
    const count = await this.openCount(actor, countId);
    const view = await this.get(actor, countId);
    const uncounted = view.units.filter((u) => u.counted === null);
    if (uncounted.length)
      throw new Conflict(`not every unit is counted: ${uncounted.map((u) => u.code).join(', ')}`);
    const unresolved = view.units.filter((u) => u.discrepancy !== 0 && !u.resolution);
    if (unresolved.length)
      throw new Conflict(
        `discrepancies must be resolved with a reason first: ${unresolved.map((u) => u.code).join(', ')}`,
      );
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('roll_counts')
        .set({ status: 'closed', closed_at: now, closed_by: actorName(actor) })
        .where('id', '=', countId)
        .where('status', '=', 'open')
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'count.close',
        subjectType: 'roll_count',
        subjectId: countId,
        siteId: count.site_id,
        changes: { expected: view.expected, counted: view.counted },
      });
    });
    const after = await this.get(actor, countId);
    this.deps.events.publish({ type: 'count.closed', siteId: count.site_id, at: now, data: summary(after) });
    return after;
  }

  async get(actor: Actor, id: string): Promise<CountView> {
    const count = await this.db.selectFrom('roll_counts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!count || !inScope(actor, count.site_id)) throw new NotFound('count');
    const [units, entries, resolutions, notes] = await Promise.all([
      this.db.selectFrom('roll_count_units').selectAll().where('count_id', '=', id).orderBy('code').execute(),
      this.db
        .selectFrom('roll_count_entries')
        .selectAll()
        .where('count_id', '=', id)
        .orderBy('seq')
        .execute(),
      this.db
        .selectFrom('roll_count_resolutions')
        .selectAll()
        .where('count_id', '=', id)
        .orderBy('resolved_at')
        .execute(),
      this.db
        .selectFrom('monitoring_annotations')
        .select(['note', 'written_at', 'written_by'])
        .where('subject_type', '=', 'roll_count')
        .where('subject_id', '=', id)
        .orderBy('written_at')
        .execute(),
    ]);
    const unitViews: CountUnitView[] = units.map((u) => {
      const mine = entries.filter((e) => e.unit_id === u.id);
      const latest = mine.at(-1) ?? null;
      const resolution = latest ? resolutions.filter((r) => r.entry_id === latest.id).at(-1) : undefined;
      const counted = latest ? Number(latest.counted) : null;
      return {
        id: u.id,
        unitType: u.unit_type as Granularity,
        unitId: u.unit_id,
        wingId: u.wing_id,
        code: u.code,
        expected: Number(u.expected),
        counted,
        enteredAt: latest?.entered_at ?? null,
        enteredBy: latest?.entered_by ?? null,
        discrepancy: counted === null ? null : counted - Number(u.expected),
        resolution: resolution
          ? {
              reason: resolution.reason,
              resolvedAt: resolution.resolved_at,
              resolvedBy: resolution.resolved_by,
            }
          : null,
        entries: mine.length,
      };
    });
    return {
      ...countHeader(count),
      expected: unitViews.reduce((s, u) => s + u.expected, 0),
      counted: unitViews.reduce((s, u) => s + (u.counted ?? 0), 0),
      unitsCounted: unitViews.filter((u) => u.counted !== null).length,
      unresolved: unitViews.filter((u) => u.discrepancy !== null && u.discrepancy !== 0 && !u.resolution)
        .length,
      units: unitViews,
      annotations: notes.map((n) => ({ note: n.note, writtenAt: n.written_at, writtenBy: n.written_by })),
    };
  }

  async list(
    actor: Actor,
    filter: { siteId?: string; status?: 'open' | 'closed'; page?: number; pageSize?: number },
  ): Promise<{ items: ReturnType<typeof countHeader>[]; total: number; page: number; pageSize: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('roll_counts');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.status) q = q.where('status', '=', filter.status);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(countHeader), total, page, pageSize };
  }

  /** A supervisor's note on a count, open or closed: the count itself never changes. */
  async annotate(actor: Actor, id: string, note: string) {
    const count = await this.db
      .selectFrom('roll_counts')
      .select(['id', 'site_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!count || !inScope(actor, count.site_id)) throw new NotFound('count');
    return writeAnnotation(this.deps, actor, 'roll_count', id, count.site_id, note);
  }

  private async openCount(actor: Actor, id: string): Promise<Selectable<RollCountsTable>> {
    const count = await this.db.selectFrom('roll_counts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!count || !inScope(actor, count.site_id)) throw new NotFound('count');
    if (count.status !== 'open') throw new Conflict('the count is closed: nothing more can be entered');
    return count;
  }
}

function countHeader(c: Selectable<RollCountsTable>) {
  return {
    id: c.id,
    siteId: c.site_id,
    kind: c.kind,
    granularity: c.granularity as Granularity,
    status: c.status as 'open' | 'closed',
    scheduledFor: c.scheduled_for,
    startedAt: c.started_at,
    startedBy: c.started_by,
    closedAt: c.closed_at,
    closedBy: c.closed_by,
  };
}

function summary(v: CountView) {
  return {
    countId: v.id,
    status: v.status,
    expected: v.expected,
    counted: v.counted,
    unitsCounted: v.unitsCounted,
    units: v.units.length,
    unresolved: v.unresolved,
  };
}
