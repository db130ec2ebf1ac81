import { randomUUID } from 'node:crypto';
import { type Selectable, type Transaction, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import { GroupCommit } from '../../platform/db/group-commit';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope, systemActor } from '../../platform/http/actor';
import { actorName, addMinutes, type MonitoringDeps, type Q, siteInScope, utcDay } from './monitoring-shared';
import type { CellCheckStatusTable, CellChecksTable, ObservationLevelsTable } from './tables';

export const CHECK_STATES = ['present', 'asleep', 'unwell', 'absent', 'refused'] as const;
export type CheckState = (typeof CHECK_STATES)[number];
/** Minutes between checks; 0 is constant observation. */
export const OBSERVATION_INTERVALS = [60, 30, 15, 0] as const;
export type ObservationInterval = (typeof OBSERVATION_INTERVALS)[number];
/** Under constant observation the officer posted at the door logs what they see at least this often. */
export const CONSTANT_LOG_MINUTES = 5;
/** A wing without a schedule of its own is still walked: "around the clock" has no gaps. */
export const DEFAULT_ROUND_MINUTES = 60;
/** How far ahead of the server's clock a device's time may be (clock drift), in minutes. */
export const FUTURE_TOLERANCE_MINUTES = 2;
/** How old a check kept on an offline device may be when it is finally sent. */
export const OFFLINE_MAX_DAYS = 7;
/** A check entered this long after it was done is shown as entered late, with both times. */
export const LATE_ENTRY_MINUTES = 5;
/** The kinds of alert this module raises; the escalation step hands these to a commander. */
export const MONITORING_ALERT_KINDS = ['check.missed', 'count.discrepancy', 'headcount.missing'] as const;

/** Minutes between two checks for an interval (constant observation is logged every few minutes). */
export function cadenceMinutes(interval: number): number {
  return interval === 0 ? CONSTANT_LOG_MINUTES : interval;
}

/** How long past due a check may be before it counts as missed: tighter for closer observation. */
export function graceMinutes(interval: number): number {
  return interval === 0 ? 2 : interval <= 15 ? 3 : 5;
}

export interface CheckInput {
  idempotencyKey: string;
  cellId: string;
  state: CheckState;
  /** When the officer looked; default: now. */
  observedAt?: string;
  detaineeId?: string | null;
  note?: string | null;
}

export interface CheckView {
  id: string;
  idempotencyKey: string;
  siteId: string;
  wingId: string;
  cellId: string;
  detaineeId: string | null;
  state: string;
  observedAt: string;
  recordedAt: string;
  dueAt: string | null;
  late: boolean;
  /** Sent long after it was done (an offline device): both times are shown. */
  enteredLate: boolean;
  officerName: string;
  note: string | null;
}

export interface ObservationLevelView {
  id: string;
  siteId: string;
  cellId: string | null;
  detaineeId: string | null;
  intervalMinutes: number;
  reason: string;
  setAt: string;
  setBy: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

export interface RoundCell {
  cellId: string;
  code: string;
  occupants: { id: string; number: string; displayName: string }[];
  /** Null: nothing requires a check (empty cell, no level). */
  intervalMinutes: number | null;
  lastObservedAt: string | null;
  lastState: string | null;
  nextDueAt: string | null;
  overdue: boolean;
}

export interface Round {
  wingId: string;
  wingCode: string;
  siteId: string;
  scheduleMinutes: number;
  at: string;
  cells: RoundCell[];
}

export interface Compliance {
  siteId: string;
  day: string;
  wings: {
    wingId: string;
    code: string;
    checks: number;
    late: number;
    enteredLate: number;
    missed: number;
    onTimeRate: number | null;
  }[];
  officers: { officerName: string; checks: number; late: number; enteredLate: number }[];
}

export interface SweepResult {
  missed: number;
  alertsRaised: number;
  escalated: number;
  handedToCommander: number;
}

type Watch = { interval: number; wingId: string; siteId: string };
type PendingCheck = {
  actor: Actor;
  cell: { id: string; site_id: string; wing_id: string };
  input: CheckInput;
  observed: string;
};

/**
 * Rounds and cell checks: observation levels, each wing's schedule, the checks themselves (never
 * edited), what is due, and the sweep that turns a missed check into an alert and an unanswered
 * alert into the commander's problem.
 */
export class ChecksService {
  /** Checks from many tablets at once share a transaction (see GroupCommit). */
  private readonly writes: GroupCommit<PendingCheck, Selectable<CellChecksTable>>;

  constructor(private readonly deps: MonitoringDeps) {
    this.writes = new GroupCommit(deps.db, (trx, pending) => this.writeCheck(trx, pending));
  }

  private get db() {
    return this.deps.db;
  }
  private get clock() {
    return this.deps.clock;
  }

  /**
   * Records one check. A resend with the same idempotency key returns the first record
   * (`duplicate: true`) instead of a second one, so an offline device may retry freely.
   *
   * @example await checks.record(actor, { idempotencyKey: 'tab7-000123', cellId, state: 'asleep' });
   */
  async record(actor: Actor, input: CheckInput): Promise<{ check: CheckView; duplicate: boolean }> {
    const existing = await this.byKey(input.idempotencyKey);
    if (existing) return this.replay(actor, existing, input);
    const now = this.clock.now();
    const observedAt = input.observedAt ? new Date(input.observedAt) : now;
    if (Number.isNaN(observedAt.getTime())) throw new BadRequest('observedAt: not a time', 'observedAt');
    if (observedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MINUTES * 60_000)
      throw new BadRequest('observedAt: is in the future', 'observedAt');
    if (observedAt.getTime() < now.getTime() - OFFLINE_MAX_DAYS * 86_400_000)
      throw new BadRequest(`observedAt: is more than ${OFFLINE_MAX_DAYS} days old`, 'observedAt');
    const cell = await this.db
      .selectFrom('cells')
      .select(['id', 'site_id', 'wing_id'])
      .where('id', '=', input.cellId)
      .executeTakeFirst();
    if (!cell || !inScope(actor, cell.site_id)) throw new NotFound('cell');
    if (input.detaineeId) {
      const d = await this.db
        .selectFrom('detainees')
        .select(['site_id'])
        .where('id', '=', input.detaineeId)
        .executeTakeFirst();
      if (!d || d.site_id !== cell.site_id)
        throw new BadRequest("detaineeId: not a detainee of this cell's site", 'detaineeId');
    }
    const observed = observedAt.toISOString();
    try {
      const row = await this.writes.write({ actor, cell, input, observed });
      const view = toCheckView(row);
      this.deps.events.publish({
        type: 'check.recorded',
        siteId: row.site_id,
        at: row.recorded_at,
        data: { check: view },
      });
      return { check: view, duplicate: false };
    } catch (error) {
      // Two sends of one check racing each other: the unique key lets one through; the other reads it.
      const raced = await this.byKey(input.idempotencyKey);
      if (raced) return this.replay(actor, raced, input);
      throw error;
    }
  }

  /** One check in the caller's (possibly shared) transaction: the event row, the cell's status, the audit. */
  private async writeCheck(
    trx: Transaction<Database>,
    { actor, cell, input, observed }: PendingCheck,
  ): Promise<Selectable<CellChecksTable>> {
    const now = this.clock.now();
    const status = await trx
      .selectFrom('cell_check_status')
      .selectAll()
      .where('cell_id', '=', cell.id)
      .executeTakeFirst();
    // The status row is kept current by every level, schedule and sweep: only a cell never seen needs working out.
    const interval = status
      ? status.interval_minutes
      : ((await this.watchOfCell(trx, cell.id))?.interval ?? null);
    // The check was due a cadence after the one before it (an offline check may arrive after later ones).
    // The status row holds the cell's latest check: only a check older than it needs the log.
    const previous =
      status?.last_observed_at && status.last_observed_at < observed
        ? { observed_at: status.last_observed_at }
        : await trx
            .selectFrom('cell_checks')
            .select('observed_at')
            .where('cell_id', '=', cell.id)
            .where('observed_at', '<', observed)
            .orderBy('observed_at', 'desc')
            .limit(1)
            .executeTakeFirst();
    const dueAt =
      interval === null
        ? null
        : previous
          ? addMinutes(previous.observed_at, cadenceMinutes(interval))
          : (status?.next_due_at ?? null);
    const row: Selectable<CellChecksTable> = {
      id: randomUUID(),
      idempotency_key: input.idempotencyKey,
      site_id: cell.site_id,
      wing_id: cell.wing_id,
      cell_id: cell.id,
      detainee_id: input.detaineeId ?? null,
      state: input.state,
      observed_at: observed,
      recorded_at: now.toISOString(),
      due_at: dueAt,
      late: dueAt !== null && observed > dueAt ? 1 : 0,
      officer_id: actor.audit.actor.id,
      officer_name: actorName(actor),
      note: input.note?.trim() || null,
    };
    await trx.insertInto('cell_checks').values(row).execute();
    if (!status || !status.last_observed_at || observed > status.last_observed_at) {
      const next = interval === null ? null : addMinutes(observed, cadenceMinutes(interval));
      await upsertStatus(trx, {
        cell_id: cell.id,
        site_id: cell.site_id,
        wing_id: cell.wing_id,
        last_check_id: row.id,
        last_observed_at: observed,
        last_state: row.state,
        interval_minutes: interval,
        next_due_at: next,
        alerted_due_at: status?.alerted_due_at ?? null,
        updated_at: now.toISOString(),
      });
    }
    await recordAudit(trx, this.clock, actor.audit, {
      action: 'check.record',
      subjectType: 'cell',
      subjectId: cell.id,
      siteId: cell.site_id,
      changes: {
        checkId: row.id,
        state: row.state,
        observedAt: observed,
        late: row.late === 1,
        detaineeId: row.detainee_id,
      },
    });
    return row;
  }

  /**
   * Records the checks an offline device kept, in the order given; each is accepted, recognised as
   * a resend, or refused on its own (one bad check does not lose the others).
   */
  async recordMany(
    actor: Actor,
    inputs: CheckInput[],
  ): Promise<{
    results: {
      idempotencyKey: string;
      status: 'created' | 'duplicate' | 'refused';
      check?: CheckView;
      error?: string;
    }[];
  }> {
    const results = [];
    for (const input of inputs) {
      try {
        const { check, duplicate } = await this.record(actor, input);
        results.push({
          idempotencyKey: input.idempotencyKey,
          status: duplicate ? ('duplicate' as const) : ('created' as const),
          check,
        });
      } catch (error) {
        results.push({
          idempotencyKey: input.idempotencyKey,
          status: 'refused' as const,
          error: (error as Error).message,
        });
      }
    }
    return { results };
  }

  async getCheck(
    actor: Actor,
    id: string,
  ): Promise<CheckView & { annotations: { note: string; writtenAt: string; writtenBy: string }[] }> {
    const row = await this.db.selectFrom('cell_checks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('check');
    const notes = await this.db
      .selectFrom('monitoring_annotations')
      .select(['note', 'written_at', 'written_by'])
      .where('subject_type', '=', 'cell_check')
      .where('subject_id', '=', id)
      .orderBy('written_at')
      .execute();
    return {
      ...toCheckView(row),
      annotations: notes.map((n) => ({ note: n.note, writtenAt: n.written_at, writtenBy: n.written_by })),
    };
  }

  async listChecks(
    actor: Actor,
    filter: {
      siteId?: string;
      wingId?: string;
      cellId?: string;
      from?: string;
      to?: string;
      late?: boolean;
      page?: number;
      pageSize?: number;
    },
  ): Promise<{ items: CheckView[]; total: number; page: number; pageSize: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('cell_checks');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.wingId) q = q.where('wing_id', '=', filter.wingId);
    if (filter.cellId) q = q.where('cell_id', '=', filter.cellId);
    if (filter.from) q = q.where('observed_at', '>=', new Date(filter.from).toISOString());
    if (filter.to) q = q.where('observed_at', '<', new Date(filter.to).toISOString());
    if (filter.late !== undefined) q = q.where('late', '=', filter.late ? 1 : 0);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('observed_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toCheckView), total, page, pageSize };
  }

  /** A supervisor's note on a check: the check itself is evidence and never changes. */
  async annotateCheck(
    actor: Actor,
    id: string,
    note: string,
  ): Promise<{ id: string; note: string; writtenAt: string; writtenBy: string }> {
    const row = await this.db
      .selectFrom('cell_checks')
      .select(['id', 'site_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('check');
    return writeAnnotation(this.deps, actor, 'cell_check', id, row.site_id, note);
  }

  /**
   * Puts a cell or a detainee under observation (60, 30 or 15 minutes, or 0 for constant). A new
   * level for the same cell or person ends the one before it; the history stays.
   */
  async setObservationLevel(
    actor: Actor,
    input: { cellId?: string | null; detaineeId?: string | null; intervalMinutes: number; reason: string },
  ): Promise<ObservationLevelView> {
    if (!input.cellId === !input.detaineeId)
      throw new BadRequest(
        'cellId: give a cell or a detainee, not both',
        input.cellId ? 'detaineeId' : 'cellId',
      );
    if (!(OBSERVATION_INTERVALS as readonly number[]).includes(input.intervalMinutes))
      throw new BadRequest('intervalMinutes: one of 60, 30, 15 or 0 (constant)', 'intervalMinutes');
    if (!input.reason.trim()) throw new BadRequest('reason: say why', 'reason');
    let siteId: string;
    if (input.cellId) {
      const cell = await this.db
        .selectFrom('cells')
        .select(['site_id'])
        .where('id', '=', input.cellId)
        .executeTakeFirst();
      if (!cell || !inScope(actor, cell.site_id)) throw new NotFound('cell');
      siteId = cell.site_id;
    } else {
      const d = await this.db
        .selectFrom('detainees')
        .select(['site_id', 'status'])
        .where('id', '=', input.detaineeId!)
        .executeTakeFirst();
      if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
      siteId = d.site_id;
    }
    const now = this.clock.now().toISOString();
    const row: Selectable<ObservationLevelsTable> = {
      id: randomUUID(),
      site_id: siteId,
      cell_id: input.cellId ?? null,
      detainee_id: input.detaineeId ?? null,
      interval_minutes: input.intervalMinutes,
      reason: input.reason.trim(),
      set_at: now,
      set_by: actorName(actor),
      ended_at: null,
      ended_by: null,
      end_reason: null,
    };
    await this.db.transaction().execute(async (trx) => {
      let previous = trx.selectFrom('observation_levels').select('id').where('ended_at', 'is', null);
      previous = input.cellId
        ? previous.where('cell_id', '=', input.cellId)
        : previous.where('detainee_id', '=', input.detaineeId!);
      const ended = (await previous.execute()).map((r) => r.id);
      if (ended.length)
        await trx
          .updateTable('observation_levels')
          .set({ ended_at: now, ended_by: actorName(actor), end_reason: 'replaced by a new level' })
          .where('id', 'in', ended)
          .execute();
      await trx.insertInto('observation_levels').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'observation.set',
        subjectType: input.cellId ? 'cell' : 'detainee',
        subjectId: input.cellId ?? input.detaineeId!,
        siteId,
        changes: { levelId: row.id, intervalMinutes: row.interval_minutes, reason: row.reason, ended },
      });
      await this.refreshSite(trx, siteId);
    });
    this.deps.events.publish({
      type: 'observation.changed',
      siteId,
      at: now,
      data: { level: toLevelView(row) },
    });
    return toLevelView(row);
  }

  async endObservationLevel(actor: Actor, id: string, reason: string): Promise<ObservationLevelView> {
    const row = await this.db
      .selectFrom('observation_levels')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('observation level');
    if (row.ended_at) throw new Conflict('the observation level has already ended');
    if (!reason.trim()) throw new BadRequest('reason: say why', 'reason');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('observation_levels')
        .set({ ended_at: now, ended_by: actorName(actor), end_reason: reason.trim() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'observation.end',
        subjectType: 'observation_level',
        subjectId: id,
        siteId: row.site_id,
        changes: { reason: reason.trim() },
      });
      await this.refreshSite(trx, row.site_id);
    });
    this.deps.events.publish({
      type: 'observation.changed',
      siteId: row.site_id,
      at: now,
      data: { endedId: id },
    });
    const after = await this.db
      .selectFrom('observation_levels')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return toLevelView(after);
  }

  async listObservationLevels(
    actor: Actor,
    filter: { siteId?: string; active?: boolean },
  ): Promise<ObservationLevelView[]> {
    let q = this.db.selectFrom('observation_levels').selectAll();
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.active !== false) q = q.where('ended_at', 'is', null);
    return (await q.orderBy('set_at', 'desc').limit(1000).execute()).map(toLevelView);
  }

  /** Sets how often a wing's occupied cells are checked; the previous schedule ends. */
  async setSchedule(
    actor: Actor,
    wingId: string,
    intervalMinutes: number,
  ): Promise<{ wingId: string; intervalMinutes: number; setAt: string; setBy: string }> {
    const wing = await this.db
      .selectFrom('wings')
      .select(['id', 'site_id'])
      .where('id', '=', wingId)
      .executeTakeFirst();
    if (!wing || !inScope(actor, wing.site_id)) throw new NotFound('wing');
    if (!(OBSERVATION_INTERVALS as readonly number[]).includes(intervalMinutes) || intervalMinutes === 0)
      throw new BadRequest("intervalMinutes: one of 60, 30 or 15 for a wing's round", 'intervalMinutes');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('check_schedules')
        .set({ ended_at: now })
        .where('wing_id', '=', wingId)
        .where('ended_at', 'is', null)
        .execute();
      await trx
        .insertInto('check_schedules')
        .values({
          id: randomUUID(),
          site_id: wing.site_id,
          wing_id: wingId,
          interval_minutes: intervalMinutes,
          set_at: now,
          set_by: actorName(actor),
          ended_at: null,
        })
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'schedule.set',
        subjectType: 'wing',
        subjectId: wingId,
        siteId: wing.site_id,
        changes: { intervalMinutes },
      });
      await this.refreshSite(trx, wing.site_id);
    });
    return { wingId, intervalMinutes, setAt: now, setBy: actorName(actor) };
  }

  /** The officer's round for a wing: every cell, the most urgent first. */
  async round(actor: Actor, wingId: string): Promise<Round> {
    const wing = await this.db
      .selectFrom('wings')
      .select(['id', 'code', 'site_id'])
      .where('id', '=', wingId)
      .executeTakeFirst();
    if (!wing || !inScope(actor, wing.site_id)) throw new NotFound('wing');
    const now = this.clock.now().toISOString();
    const [cells, statuses, occupants, schedule] = await Promise.all([
      this.db
        .selectFrom('cells')
        .select(['id', 'code'])
        .where('wing_id', '=', wingId)
        .orderBy('code')
        .execute(),
      this.db.selectFrom('cell_check_status').selectAll().where('wing_id', '=', wingId).execute(),
      this.db
        .selectFrom('detainees')
        .innerJoin('cells', 'cells.id', 'detainees.cell_id')
        .select(['detainees.id', 'detainees.number', 'detainees.display_name', 'detainees.cell_id'])
        .where('cells.wing_id', '=', wingId)
        .where('detainees.status', '=', 'in_custody')
        .execute(),
      this.db
        .selectFrom('check_schedules')
        .select('interval_minutes')
        .where('wing_id', '=', wingId)
        .where('ended_at', 'is', null)
        .executeTakeFirst(),
    ]);
    const byCell = new Map(statuses.map((s) => [s.cell_id, s]));
    const list: RoundCell[] = cells.map((c) => {
      const s = byCell.get(c.id);
      const interval = s?.interval_minutes ?? null;
      return {
        cellId: c.id,
        code: c.code,
        occupants: occupants
          .filter((o) => o.cell_id === c.id)
          .map((o) => ({ id: o.id, number: o.number, displayName: o.display_name })),
        intervalMinutes: interval,
        lastObservedAt: s?.last_observed_at ?? null,
        lastState: s?.last_state ?? null,
        nextDueAt: interval === null ? null : (s?.next_due_at ?? null),
        overdue: interval !== null && !!s?.next_due_at && s.next_due_at < now,
      };
    });
    // Due first (ISO times compare as text); cells with nothing due last.
    const due = (c: RoundCell) => c.nextDueAt ?? '9999';
    list.sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : a.code.localeCompare(b.code)));
    return {
      wingId,
      wingCode: wing.code,
      siteId: wing.site_id,
      scheduleMinutes: schedule?.interval_minutes ?? DEFAULT_ROUND_MINUTES,
      at: now,
      cells: list,
    };
  }

  /** Checks done, late, entered late and missed, per wing and per officer, on one UTC day. */
  async compliance(actor: Actor, siteId: string, day?: string): Promise<Compliance> {
    await siteInScope(this.db, actor, siteId);
    const { start, end, day: d } = utcDay(day ? `${day}T00:00:00.000Z` : this.clock.now());
    const lateEntry = LATE_ENTRY_MINUTES * 60_000;
    const [wings, checks, missed] = await Promise.all([
      this.db
        .selectFrom('wings')
        .select(['id', 'code'])
        .where('site_id', '=', siteId)
        .orderBy('code')
        .execute(),
      this.db
        .selectFrom('cell_checks')
        .select(['wing_id', 'officer_name', 'late', 'observed_at', 'recorded_at'])
        .where('site_id', '=', siteId)
        .where('observed_at', '>=', start)
        .where('observed_at', '<', end)
        .execute(),
      this.db
        .selectFrom('missed_checks')
        .select(['wing_id', sql<number>`count(*)`.as('n')])
        .where('site_id', '=', siteId)
        .where('due_at', '>=', start)
        .where('due_at', '<', end)
        .groupBy('wing_id')
        .execute(),
    ]);
    const entered = (c: { observed_at: string; recorded_at: string }) =>
      new Date(c.recorded_at).getTime() - new Date(c.observed_at).getTime() > lateEntry;
    const officers = new Map<
      string,
      { officerName: string; checks: number; late: number; enteredLate: number }
    >();
    for (const c of checks) {
      const o = officers.get(c.officer_name) ?? {
        officerName: c.officer_name,
        checks: 0,
        late: 0,
        enteredLate: 0,
      };
      o.checks++;
      if (c.late) o.late++;
      if (entered(c)) o.enteredLate++;
      officers.set(c.officer_name, o);
    }
    return {
      siteId,
      day: d,
      wings: wings.map((w) => {
        const mine = checks.filter((c) => c.wing_id === w.id);
        const late = mine.filter((c) => c.late).length;
        const miss = Number(missed.find((m) => m.wing_id === w.id)?.n ?? 0);
        const due = mine.length + miss;
        return {
          wingId: w.id,
          code: w.code,
          checks: mine.length,
          late,
          enteredLate: mine.filter(entered).length,
          missed: miss,
          onTimeRate: due === 0 ? null : (mine.length - late) / due,
        };
      }),
      officers: [...officers.values()].sort((a, b) => a.officerName.localeCompare(b.officerName)),
    };
  }

  /**
   * The sweep, run every minute by the server (and by tests with a fixed clock): refreshes what
   * each cell needs, records every check now overdue past its grace as missed and raises its alert
   * (one per observed cell; one per wing for routine rounds, so a wing that fell behind is one
   * alert, not fifty), escalates unacknowledged alerts, and hands monitoring alerts that escalated
   * to the site's commander.
   *
   * @example await checks.detectMissedChecks(clock.now());
   */
  async detectMissedChecks(now: Date = this.clock.now()): Promise<SweepResult> {
    const actor = systemActor('missed-checks');
    const nowIso = now.toISOString();
    const sites = await this.db.selectFrom('sites').select('id').execute();
    for (const site of sites)
      await this.db.transaction().execute((trx) => this.refreshSite(trx, site.id, now));
    const overdue = await this.db
      .selectFrom('cell_check_status')
      .innerJoin('cells', 'cells.id', 'cell_check_status.cell_id')
      .innerJoin('wings', 'wings.id', 'cell_check_status.wing_id')
      .select([
        'cell_check_status.cell_id',
        'cell_check_status.site_id',
        'cell_check_status.wing_id',
        'cell_check_status.interval_minutes',
        'cell_check_status.next_due_at',
        'cell_check_status.alerted_due_at',
        'cells.code as cell_code',
        'wings.code as wing_code',
      ])
      .where('cell_check_status.interval_minutes', 'is not', null)
      .where('cell_check_status.next_due_at', '<=', addMinutes(now, -2))
      .execute();
    const due = overdue.filter(
      (r) =>
        r.next_due_at !== r.alerted_due_at &&
        addMinutes(r.next_due_at!, graceMinutes(r.interval_minutes!)) <= nowIso,
    );
    const levels = await this.activeLevelCells();
    let alertsRaised = 0;
    const raised = new Set<string>();
    for (const r of due) {
      const observed = levels.has(r.cell_id);
      const interval = r.interval_minutes!;
      const alertId = await this.db.transaction().execute(async (trx) => {
        const alert = observed
          ? await this.deps.alerts.raise(
              actor,
              {
                siteId: r.site_id,
                subjectType: 'cell',
                subjectId: r.cell_id,
                kind: 'check.missed',
                severity: interval <= 15 ? 'critical' : 'warning',
                title: `Observation check missed: cell ${r.wing_code}/${r.cell_code}`,
                detail: `${interval === 0 ? 'Constant observation' : `Every ${interval} minutes`}; due ${r.next_due_at}.`,
                dedupeKey: `check.missed:cell:${r.cell_id}:${r.next_due_at}`,
              },
              trx,
            )
          : await this.deps.alerts.raise(
              actor,
              {
                siteId: r.site_id,
                subjectType: 'wing',
                subjectId: r.wing_id,
                kind: 'check.missed',
                severity: 'warning',
                title: `Round overdue in wing ${r.wing_code}`,
                detail: `Cell ${r.cell_code} was due ${r.next_due_at}; see the wing's round for every cell behind.`,
                dedupeKey: `check.missed:wing:${r.wing_id}`,
              },
              trx,
            );
        if (!raised.has(alert.id) && alert.raisedAt === nowIso) alertsRaised++;
        raised.add(alert.id);
        await trx
          .insertInto('missed_checks')
          .values({
            id: randomUUID(),
            site_id: r.site_id,
            wing_id: r.wing_id,
            cell_id: r.cell_id,
            due_at: r.next_due_at!,
            interval_minutes: interval,
            detected_at: nowIso,
            alert_id: alert.id,
          })
          .onConflict((oc) => oc.columns(['cell_id', 'due_at']).doNothing())
          .execute();
        await trx
          .updateTable('cell_check_status')
          .set({ alerted_due_at: r.next_due_at })
          .where('cell_id', '=', r.cell_id)
          .execute();
        return alert.id;
      });
      // After the commit, so that a client refreshing on the event finds what it announces.
      this.deps.events.publish({
        type: 'check.missed',
        siteId: r.site_id,
        at: nowIso,
        data: {
          cellId: r.cell_id,
          cellCode: r.cell_code,
          wingCode: r.wing_code,
          dueAt: r.next_due_at,
          alertId,
        },
      });
    }
    // The alerts service announces escalations and the commanders' alerts on the live stream itself.
    const escalated = await this.deps.alerts.escalateOverdue(systemActor('escalation'));
    const handed = await this.handToCommanders(nowIso);
    return { missed: due.length, alertsRaised, escalated: escalated.length, handedToCommander: handed };
  }

  /**
   * Every monitoring alert that escalated without anyone acknowledging it becomes a critical alert
   * assigned to the site's commander, once.
   */
  private async handToCommanders(nowIso: string): Promise<number> {
    const pending = await this.db
      .selectFrom('alerts')
      .leftJoin('monitoring_escalations', 'monitoring_escalations.alert_id', 'alerts.id')
      .select([
        'alerts.id',
        'alerts.site_id',
        'alerts.title',
        'alerts.kind',
        'alerts.subject_type',
        'alerts.subject_id',
      ])
      .where('alerts.kind', 'in', [...MONITORING_ALERT_KINDS])
      .where('alerts.status', '=', 'open')
      .where('alerts.escalation_level', '>=', 1)
      .where('monitoring_escalations.alert_id', 'is', null)
      .execute();
    const actor = systemActor('escalation');
    for (const a of pending) {
      const commander = a.site_id ? await this.commanderOf(a.site_id) : null;
      await this.db.transaction().execute(async (trx) => {
        const raised = await this.deps.alerts.raise(
          actor,
          {
            siteId: a.site_id,
            subjectType: 'alert',
            subjectId: a.id,
            kind: 'monitoring.escalated',
            severity: 'critical',
            title: `Not acknowledged: ${a.title}`,
            detail: `The ${a.kind} alert was not acknowledged in time and is handed to the commander.`,
            assigneeId: commander,
            dedupeKey: `monitoring.escalated:${a.id}`,
          },
          trx,
        );
        await trx
          .insertInto('monitoring_escalations')
          .values({ alert_id: a.id, commander_alert_id: raised.id, escalated_at: nowIso })
          .execute();
      });
    }
    return pending.length;
  }

  /** The site's commander (first by user name) who is not disabled; null when the site has none. */
  private async commanderOf(siteId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('users')
      .select('users.id')
      .where('users.role', '=', 'commander')
      .where('users.disabled', '=', 0)
      .where((eb) =>
        eb.or([
          eb('users.all_sites', '=', 1),
          eb.exists(
            eb
              .selectFrom('principal_sites')
              .select('principal_id')
              .whereRef('principal_sites.principal_id', '=', 'users.id')
              .where('principal_sites.site_id', '=', siteId),
          ),
        ]),
      )
      .orderBy('users.username')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  private async activeLevelCells(): Promise<Set<string>> {
    const cells = await this.db
      .selectFrom('observation_levels')
      .select('cell_id')
      .where('ended_at', 'is', null)
      .where('cell_id', 'is not', null)
      .execute();
    const people = await this.db
      .selectFrom('observation_levels')
      .innerJoin('detainees', 'detainees.id', 'observation_levels.detainee_id')
      .select('detainees.cell_id')
      .where('observation_levels.ended_at', 'is', null)
      .where('detainees.status', '=', 'in_custody')
      .execute();
    return new Set([
      ...cells.map((c) => c.cell_id!),
      ...people.map((p) => p.cell_id).filter((c): c is string => c !== null),
    ]);
  }

  /**
   * Recomputes which cells of a site need checks and how often (the wing's round for occupied
   * cells, and the closest observation level on the cell or anyone in it), writing only what
   * changed. A newly watched cell is due one interval from now; a tighter level brings the due
   * time forward, never into the past.
   */
  async refreshSite(trx: Transaction<Database> | Q, siteId: string, at?: Date): Promise<void> {
    const now = (at ?? this.clock.now()).toISOString();
    const watches = await watchesOfSite(trx, siteId);
    const existing = await trx
      .selectFrom('cell_check_status')
      .selectAll()
      .where('site_id', '=', siteId)
      .execute();
    const byCell = new Map(existing.map((s) => [s.cell_id, s]));
    const ids = new Set([...watches.keys(), ...byCell.keys()]);
    for (const cellId of ids) {
      const w = watches.get(cellId) ?? null;
      const s = byCell.get(cellId);
      const interval = w?.interval ?? null;
      if (s && s.interval_minutes === interval) continue;
      let next: string | null = null;
      if (interval !== null) {
        const cadence = cadenceMinutes(interval);
        const candidate = s?.last_observed_at
          ? addMinutes(s.last_observed_at, cadence)
          : addMinutes(now, cadence);
        const kept =
          s?.interval_minutes != null && s.next_due_at
            ? s.next_due_at < candidate
              ? s.next_due_at
              : candidate
            : candidate;
        next = kept < now ? now : kept;
      }
      await upsertStatus(trx, {
        cell_id: cellId,
        site_id: siteId,
        wing_id: w?.wingId ?? s!.wing_id,
        last_check_id: s?.last_check_id ?? null,
        last_observed_at: s?.last_observed_at ?? null,
        last_state: s?.last_state ?? null,
        interval_minutes: interval,
        next_due_at: next,
        alerted_due_at: s?.alerted_due_at ?? null,
        updated_at: now,
      });
    }
  }

  private async watchOfCell(q: Q, cellId: string): Promise<Watch | null> {
    const cell = await q
      .selectFrom('cells')
      .select(['site_id', 'wing_id'])
      .where('id', '=', cellId)
      .executeTakeFirst();
    if (!cell) return null;
    const [schedule, occupants, levels] = await Promise.all([
      q
        .selectFrom('check_schedules')
        .select('interval_minutes')
        .where('wing_id', '=', cell.wing_id)
        .where('ended_at', 'is', null)
        .executeTakeFirst(),
      q
        .selectFrom('detainees')
        .select('id')
        .where('cell_id', '=', cellId)
        .where('status', '=', 'in_custody')
        .execute(),
      q
        .selectFrom('observation_levels')
        .select('interval_minutes')
        .where('ended_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('cell_id', '=', cellId),
            eb(
              'detainee_id',
              'in',
              eb
                .selectFrom('detainees')
                .select('id')
                .where('cell_id', '=', cellId)
                .where('status', '=', 'in_custody'),
            ),
          ]),
        )
        .execute(),
    ]);
    const candidates = levels.map((l) => l.interval_minutes);
    if (occupants.length) candidates.push(schedule?.interval_minutes ?? DEFAULT_ROUND_MINUTES);
    if (!candidates.length) return null;
    return { interval: tightest(candidates), wingId: cell.wing_id, siteId: cell.site_id };
  }

  private async byKey(key: string) {
    return this.db
      .selectFrom('cell_checks')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  private replay(
    actor: Actor,
    row: Selectable<CellChecksTable>,
    input: CheckInput,
  ): { check: CheckView; duplicate: boolean } {
    if (!inScope(actor, row.site_id)) throw new NotFound('cell');
    if (row.cell_id !== input.cellId || row.state !== input.state)
      throw new Conflict('idempotencyKey: already used for a different check', 'idempotencyKey');
    return { check: toCheckView(row), duplicate: true };
  }
}

/** The closest observation wins: constant (0) before 15 before 30 before 60. */
function tightest(intervals: number[]): number {
  return intervals.reduce((a, b) => (cadenceMinutes(b) < cadenceMinutes(a) ? b : a));
}

/** Which cells of a site need checks, and how often. */
async function watchesOfSite(q: Q, siteId: string): Promise<Map<string, Watch>> {
  const [cells, schedules, levels, occupied] = await Promise.all([
    q.selectFrom('cells').select(['id', 'wing_id']).where('site_id', '=', siteId).execute(),
    q
      .selectFrom('check_schedules')
      .select(['wing_id', 'interval_minutes'])
      .where('site_id', '=', siteId)
      .where('ended_at', 'is', null)
      .execute(),
    q
      .selectFrom('observation_levels')
      .select(['cell_id', 'detainee_id', 'interval_minutes'])
      .where('site_id', '=', siteId)
      .where('ended_at', 'is', null)
      .execute(),
    q
      .selectFrom('detainees')
      .select(['id', 'cell_id'])
      .where('site_id', '=', siteId)
      .where('status', '=', 'in_custody')
      .where('cell_id', 'is not', null)
      .execute(),
  ]);
  const wingOf = new Map(cells.map((c) => [c.id, c.wing_id]));
  const schedule = new Map(schedules.map((s) => [s.wing_id, s.interval_minutes]));
  const cellOf = new Map(occupied.map((d) => [d.id, d.cell_id!]));
  const candidates = new Map<string, number[]>();
  const add = (cellId: string, interval: number) => {
    if (!wingOf.has(cellId)) return;
    const list = candidates.get(cellId) ?? [];
    list.push(interval);
    candidates.set(cellId, list);
  };
  for (const d of occupied)
    add(d.cell_id!, schedule.get(wingOf.get(d.cell_id!) ?? '') ?? DEFAULT_ROUND_MINUTES);
  for (const l of levels) {
    if (l.cell_id) add(l.cell_id, l.interval_minutes);
    else if (l.detainee_id && cellOf.has(l.detainee_id)) add(cellOf.get(l.detainee_id)!, l.interval_minutes);
  }
  const out = new Map<string, Watch>();
  for (const [cellId, list] of candidates)
    out.set(cellId, { interval: tightest(list), wingId: wingOf.get(cellId)!, siteId });
  return out;
}

async function upsertStatus(q: Q, row: Selectable<CellCheckStatusTable>): Promise<void> {
  const { cell_id: _key, ...rest } = row;
  await q
    .insertInto('cell_check_status')
    .values(row)
    .onConflict((oc) => oc.column('cell_id').doUpdateSet(rest))
    .execute();
}

/** Writes a supervisor's annotation (checks and counts alike), audited. */
export async function writeAnnotation(
  deps: MonitoringDeps,
  actor: Actor,
  subjectType: 'cell_check' | 'roll_count',
  subjectId: string,
  siteId: string,
  note: string,
): Promise<{ id: string; note: string; writtenAt: string; writtenBy: string }> {
  if (!note.trim()) throw new BadRequest('note: is empty', 'note');
  const row = {
    id: randomUUID(),
    subject_type: subjectType,
    subject_id: subjectId,
    site_id: siteId,
    note: note.trim(),
    written_at: deps.clock.now().toISOString(),
    written_by: actorName(actor),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('monitoring_annotations').values(row).execute();
    await recordAudit(trx, deps.clock, actor.audit, {
      action: `${subjectType}.annotate`,
      subjectType,
      subjectId,
      siteId,
      changes: { note: row.note },
    });
  });
  return { id: row.id, note: row.note, writtenAt: row.written_at, writtenBy: row.written_by };
}

export function toCheckView(r: Selectable<CellChecksTable>): CheckView {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    siteId: r.site_id,
    wingId: r.wing_id,
    cellId: r.cell_id,
    detaineeId: r.detainee_id,
    state: r.state,
    observedAt: r.observed_at,
    recordedAt: r.recorded_at,
    dueAt: r.due_at,
    late: Number(r.late) === 1,
    enteredLate:
      new Date(r.recorded_at).getTime() - new Date(r.observed_at).getTime() > LATE_ENTRY_MINUTES * 60_000,
    officerName: r.officer_name,
    note: r.note,
  };
}

function toLevelView(r: Selectable<ObservationLevelsTable>): ObservationLevelView {
  return {
    id: r.id,
    siteId: r.site_id,
    cellId: r.cell_id,
    detaineeId: r.detainee_id,
    intervalMinutes: Number(r.interval_minutes),
    reason: r.reason,
    setAt: r.set_at,
    setBy: r.set_by,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
    endReason: r.end_reason,
  };
}
