import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import { actorName, chunks, type MonitoringDeps, siteInScope } from './monitoring-shared';
import type { HeadcountsTable } from './tables';

export interface MissingPerson {
  detaineeId: string;
  number: string;
  displayName: string;
  /** Where the register housed them when the headcount started. */
  lastHousedCellId: string | null;
  lastHousedCell: string | null;
  /** The last check of that cell (whatever was seen). */
  lastCheckedAt: string | null;
  lastCheckState: string | null;
  lastCheckedBy: string | null;
  /** The last time they were seen: a check of their cell (or of them) that found someone, or an earlier headcount. */
  lastSeenAt: string | null;
  lastSeenHow: string | null;
}

export interface HeadcountView {
  id: string;
  siteId: string;
  reason: string;
  trigger: string;
  status: 'open' | 'closed';
  startedAt: string;
  startedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  total: number;
  accounted: number;
  /** Every person not yet accounted for, with where they were last housed, checked and seen. */
  missing: MissingPerson[];
  /** The most recent confirmations, newest first. */
  recent: {
    detaineeId: string;
    number: string;
    displayName: string;
    confirmedAt: string;
    confirmedBy: string;
    location: string | null;
  }[];
}

export interface StartHeadcountInput {
  siteId: string;
  reason: string;
  /** What started it: `manual` (a commander), `lockdown` (the incidents module), … */
  trigger?: string;
}

const SEEN_STATES = ['present', 'asleep', 'unwell', 'refused'];

/**
 * The emergency headcount: everyone the register holds in custody at a site must be seen. It
 * shows, live, who is not yet accounted for and where each was last housed, checked and seen, and
 * closes with a report that keeps that list.
 */
export class HeadcountService {
  constructor(private readonly deps: MonitoringDeps) {}

  private get db() {
    return this.deps.db;
  }
  private get clock() {
    return this.deps.clock;
  }

  /**
   * Starts a headcount of everyone in custody at the site. A manual start is refused while one is
   * open; a start by another module (a lockdown) joins the open one instead of starting a second.
   *
   * @example const hc = await headcounts.start(actor, { siteId, reason: 'Drone strike on block B', trigger: 'lockdown' });
   */
  async start(actor: Actor, input: StartHeadcountInput): Promise<HeadcountView> {
    await siteInScope(this.db, actor, input.siteId);
    if (!input.reason.trim()) throw new BadRequest('reason: say why', 'reason');
    const trigger = input.trigger ?? 'manual';
    const open = await this.db
      .selectFrom('headcounts')
      .select('id')
      .where('site_id', '=', input.siteId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) {
      if (trigger === 'manual') throw new Conflict(`a headcount is already open at this site (${open.id})`);
      return this.get(actor, open.id);
    }
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const people = await trx
        .selectFrom('detainees')
        .leftJoin('cells', 'cells.id', 'detainees.cell_id')
        .select(['detainees.id', 'detainees.cell_id', 'cells.wing_id'])
        .where('detainees.site_id', '=', input.siteId)
        .where('detainees.status', '=', 'in_custody')
        .execute();
      await trx
        .insertInto('headcounts')
        .values({
          id,
          site_id: input.siteId,
          reason: input.reason.trim(),
          trigger,
          status: 'open',
          started_at: now,
          started_by: actorName(actor),
          closed_at: null,
          closed_by: null,
          close_note: null,
          report: null,
        })
        .execute();
      for (const part of chunks(people, 500))
        await trx
          .insertInto('headcount_subjects')
          .values(
            part.map((p) => ({
              headcount_id: id,
              detainee_id: p.id,
              cell_id: p.cell_id,
              wing_id: p.wing_id ?? null,
            })),
          )
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'headcount.start',
        subjectType: 'headcount',
        subjectId: id,
        siteId: input.siteId,
        changes: { reason: input.reason.trim(), trigger, total: people.length },
      });
    });
    const view = await this.get(actor, id);
    this.deps.events.publish({
      type: 'headcount.started',
      siteId: input.siteId,
      at: now,
      data: progress(view),
    });
    return view;
  }

  /**
   * Confirms people present: by name, or everyone the headcount expected in one cell. Confirming
   * someone twice is harmless (the first confirmation stands).
   */
  async confirm(
    actor: Actor,
    id: string,
    input: { detaineeIds?: string[]; cellId?: string; location?: string | null },
  ): Promise<HeadcountView> {
    const hc = await this.openHeadcount(actor, id);
    if (!input.detaineeIds?.length && !input.cellId)
      throw new BadRequest('detaineeIds: name the people, or give a cellId', 'detaineeIds');
    let ids: string[] = [];
    if (input.cellId) {
      const inCell = await this.db
        .selectFrom('headcount_subjects')
        .select('detainee_id')
        .where('headcount_id', '=', id)
        .where('cell_id', '=', input.cellId)
        .execute();
      if (inCell.length === 0) throw new BadRequest('cellId: nobody was expected in that cell', 'cellId');
      ids = inCell.map((r) => r.detainee_id);
    }
    if (input.detaineeIds?.length) {
      const known = new Set<string>();
      for (const part of chunks([...new Set(input.detaineeIds)]))
        for (const r of await this.db
          .selectFrom('headcount_subjects')
          .select('detainee_id')
          .where('headcount_id', '=', id)
          .where('detainee_id', 'in', part)
          .execute())
          known.add(r.detainee_id);
      const stranger = input.detaineeIds.findIndex((d) => !known.has(d));
      if (stranger >= 0)
        throw new BadRequest(
          `detaineeIds[${stranger}]: not someone this headcount is looking for`,
          `detaineeIds[${stranger}]`,
        );
      ids.push(...input.detaineeIds);
    }
    const now = this.clock.now().toISOString();
    let added: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      const already = new Set<string>();
      for (const part of chunks([...new Set(ids)]))
        for (const r of await trx
          .selectFrom('headcount_confirmations')
          .select('detainee_id')
          .where('headcount_id', '=', id)
          .where('detainee_id', 'in', part)
          .execute())
          already.add(r.detainee_id);
      added = [...new Set(ids)].filter((d) => !already.has(d));
      for (const part of chunks(added, 500))
        await trx
          .insertInto('headcount_confirmations')
          .values(
            part.map((d) => ({
              id: randomUUID(),
              headcount_id: id,
              detainee_id: d,
              location: input.location?.trim() || null,
              confirmed_at: now,
              confirmed_by: actorName(actor),
            })),
          )
          .execute();
      if (added.length)
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'headcount.confirm',
          subjectType: 'headcount',
          subjectId: id,
          siteId: hc.site_id,
          changes: { detaineeIds: added, cellId: input.cellId ?? null, location: input.location ?? null },
        });
    });
    const view = await this.get(actor, id);
    this.deps.events.publish({
      type: 'headcount.progress',
      siteId: hc.site_id,
      at: now,
      data: progress(view),
    });
    return view;
  }

  /** Closes the headcount with its report; anyone still missing raises a critical alert. */
  async close(actor: Actor, id: string, note: string): Promise<HeadcountView & { report: unknown }> {
    const hc = await this.openHeadcount(actor, id);
    if (!note.trim()) throw new BadRequest('note: say how the headcount ended', 'note');
    const view = await this.get(actor, id);
    const now = this.clock.now().toISOString();
    const report = {
      siteId: hc.site_id,
      reason: hc.reason,
      trigger: hc.trigger,
      startedAt: hc.started_at,
      startedBy: hc.started_by,
      closedAt: now,
      closedBy: actorName(actor),
      note: note.trim(),
      total: view.total,
      accounted: view.accounted,
      missing: view.missing,
      minutesTaken: Math.round((new Date(now).getTime() - new Date(hc.started_at).getTime()) / 60_000),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('headcounts')
        .set({
          status: 'closed',
          closed_at: now,
          closed_by: actorName(actor),
          close_note: note.trim(),
          report: JSON.stringify(report),
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'headcount.close',
        subjectType: 'headcount',
        subjectId: id,
        siteId: hc.site_id,
        changes: {
          total: report.total,
          accounted: report.accounted,
          missing: report.missing.map((m) => m.detaineeId),
          note: report.note,
        },
      });
      if (view.missing.length)
        await this.deps.alerts.raise(
          actor,
          {
            siteId: hc.site_id,
            subjectType: 'headcount',
            subjectId: id,
            kind: 'headcount.missing',
            severity: 'critical',
            title: `Headcount closed with ${view.missing.length} not accounted for`,
            detail: view.missing
              .slice(0, 50)
              .map((m) => `${m.number} ${m.displayName} (last housed ${m.lastHousedCell ?? 'unassigned'})`)
              .join('; '),
            dedupeKey: `headcount.missing:${id}`,
          },
          trx,
        );
    });
    const after = await this.get(actor, id);
    this.deps.events.publish({
      type: 'headcount.closed',
      siteId: hc.site_id,
      at: now,
      data: progress(after),
    });
    return { ...after, report };
  }

  async get(actor: Actor, id: string): Promise<HeadcountView> {
    const hc = await this.db.selectFrom('headcounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!hc || !inScope(actor, hc.site_id)) throw new NotFound('headcount');
    const [total, confirmed, missingRows, recent] = await Promise.all([
      this.db
        .selectFrom('headcount_subjects')
        .select(sql<number>`count(*)`.as('n'))
        .where('headcount_id', '=', id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('headcount_confirmations')
        .select(sql<number>`count(distinct detainee_id)`.as('n'))
        .where('headcount_id', '=', id)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('headcount_subjects as s')
        .innerJoin('detainees as d', 'd.id', 's.detainee_id')
        .leftJoin('cells as c', 'c.id', 's.cell_id')
        .leftJoin('wings as w', 'w.id', 's.wing_id')
        .select([
          's.detainee_id',
          's.cell_id',
          'd.number',
          'd.display_name',
          'c.code as cell_code',
          'w.code as wing_code',
        ])
        .where('s.headcount_id', '=', id)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('headcount_confirmations as hc')
                .select('hc.id')
                .whereRef('hc.detainee_id', '=', 's.detainee_id')
                .where('hc.headcount_id', '=', id),
            ),
          ),
        )
        .orderBy('d.number')
        .execute(),
      this.db
        .selectFrom('headcount_confirmations as hc')
        .innerJoin('detainees as d', 'd.id', 'hc.detainee_id')
        .select([
          'hc.detainee_id',
          'd.number',
          'd.display_name',
          'hc.confirmed_at',
          'hc.confirmed_by',
          'hc.location',
        ])
        .where('hc.headcount_id', '=', id)
        .orderBy('hc.confirmed_at', 'desc')
        .limit(20)
        .execute(),
    ]);
    const missing =
      hc.status === 'closed' && hc.report
        ? (JSON.parse(hc.report) as { missing: MissingPerson[] }).missing
        : await this.whereLast(missingRows, hc.started_at);
    return {
      ...header(hc),
      total: Number(total.n),
      accounted: Number(confirmed.n),
      missing,
      recent: recent.map((r) => ({
        detaineeId: r.detainee_id,
        number: r.number,
        displayName: r.display_name,
        confirmedAt: r.confirmed_at,
        confirmedBy: r.confirmed_by,
        location: r.location,
      })),
    };
  }

  async list(
    actor: Actor,
    filter: { siteId?: string; status?: 'open' | 'closed' },
  ): Promise<ReturnType<typeof header>[]> {
    let q = this.db.selectFrom('headcounts').selectAll();
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.status) q = q.where('status', '=', filter.status);
    return (await q.orderBy('started_at', 'desc').limit(200).execute()).map(header);
  }

  /** For each missing person: the last check of their cell, and the last time anyone saw them. */
  private async whereLast(
    rows: {
      detainee_id: string;
      cell_id: string | null;
      number: string;
      display_name: string;
      cell_code: string | null;
      wing_code: string | null;
    }[],
    startedAt: string,
  ): Promise<MissingPerson[]> {
    const cellIds = [...new Set(rows.map((r) => r.cell_id).filter((c): c is string => c !== null))];
    const personIds = rows.map((r) => r.detainee_id);
    const lastCheck = new Map<string, { at: string; state: string; by: string }>();
    const seenInCell = new Map<string, string>();
    const seenPerson = new Map<string, { at: string; how: string }>();
    for (const part of chunks(cellIds)) {
      const statuses = await this.db
        .selectFrom('cell_check_status')
        .leftJoin('cell_checks', 'cell_checks.id', 'cell_check_status.last_check_id')
        .select([
          'cell_check_status.cell_id',
          'cell_check_status.last_observed_at',
          'cell_check_status.last_state',
          'cell_checks.officer_name',
        ])
        .where('cell_check_status.cell_id', 'in', part)
        .execute();
      for (const s of statuses)
        if (s.last_observed_at)
          lastCheck.set(s.cell_id, {
            at: s.last_observed_at,
            state: s.last_state ?? '',
            by: s.officer_name ?? '',
          });
      const seen = await this.db
        .selectFrom('cell_checks')
        .select(['cell_id', sql<string>`max(observed_at)`.as('at')])
        .where('cell_id', 'in', part)
        .where('detainee_id', 'is', null)
        .where('state', 'in', SEEN_STATES)
        .groupBy('cell_id')
        .execute();
      for (const s of seen) seenInCell.set(s.cell_id, s.at);
    }
    for (const part of chunks(personIds)) {
      const checks = await this.db
        .selectFrom('cell_checks')
        .select(['detainee_id', sql<string>`max(observed_at)`.as('at')])
        .where('detainee_id', 'in', part)
        .where('state', 'in', SEEN_STATES)
        .groupBy('detainee_id')
        .execute();
      for (const c of checks) seenPerson.set(c.detainee_id!, { at: c.at, how: 'observation check' });
      const earlier = await this.db
        .selectFrom('headcount_confirmations')
        .select(['detainee_id', sql<string>`max(confirmed_at)`.as('at')])
        .where('detainee_id', 'in', part)
        .where('confirmed_at', '<', startedAt)
        .groupBy('detainee_id')
        .execute();
      for (const e of earlier) {
        const current = seenPerson.get(e.detainee_id);
        if (!current || e.at > current.at)
          seenPerson.set(e.detainee_id, { at: e.at, how: 'earlier headcount' });
      }
    }
    return rows.map((r) => {
      const check = r.cell_id ? lastCheck.get(r.cell_id) : undefined;
      const cellSeen = r.cell_id ? seenInCell.get(r.cell_id) : undefined;
      const person = seenPerson.get(r.detainee_id);
      const seen =
        cellSeen && (!person || cellSeen > person.at)
          ? { at: cellSeen, how: 'cell check' }
          : (person ?? null);
      return {
        detaineeId: r.detainee_id,
        number: r.number,
        displayName: r.display_name,
        lastHousedCellId: r.cell_id,
        lastHousedCell: r.cell_code ? `${r.wing_code}/${r.cell_code}` : null,
        lastCheckedAt: check?.at ?? null,
        lastCheckState: check?.state ?? null,
        lastCheckedBy: check?.by ?? null,
        lastSeenAt: seen?.at ?? null,
        lastSeenHow: seen?.how ?? null,
      };
    });
  }

  private async openHeadcount(actor: Actor, id: string): Promise<Selectable<HeadcountsTable>> {
    const hc = await this.db.selectFrom('headcounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!hc || !inScope(actor, hc.site_id)) throw new NotFound('headcount');
    if (hc.status !== 'open') throw new Conflict('the headcount is closed');
    return hc;
  }
}

function header(h: Selectable<HeadcountsTable>) {
  return {
    id: h.id,
    siteId: h.site_id,
    reason: h.reason,
    trigger: h.trigger,
    status: h.status as 'open' | 'closed',
    startedAt: h.started_at,
    startedBy: h.started_by,
    closedAt: h.closed_at,
    closedBy: h.closed_by,
    closeNote: h.close_note,
  };
}

function progress(v: HeadcountView) {
  return {
    headcountId: v.id,
    status: v.status,
    total: v.total,
    accounted: v.accounted,
    missing: v.missing.length,
  };
}
