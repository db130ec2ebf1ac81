import { randomUUID } from 'node:crypto';
import { type Selectable, type Transaction, sql } from 'kysely';
import type { AlertsTable } from '../db/platform-tables';
import { recordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { BadRequest, Conflict, NotFound } from '../errors';
import type { LiveEventBus } from '../events';
import { type Actor, inScope } from '../http/actor';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** How long an alert may wait for acknowledgement before it escalates, by severity. */
export const ACK_WINDOW_MINUTES: Record<Severity, number> = { critical: 5, warning: 30, info: 240 };

export interface RaiseAlert {
  siteId: string | null;
  subjectType: string;
  subjectId?: string | null;
  kind: string;
  severity: Severity;
  title: string;
  detail?: string;
  /** Must be acknowledged by then; default: now + the severity's window. */
  dueAt?: string;
  /** While an alert with this key is not resolved, raising it again returns the same alert. */
  dedupeKey?: string | null;
  assigneeId?: string | null;
}

export interface AlertView {
  id: string;
  siteId: string | null;
  subjectType: string;
  subjectId: string | null;
  kind: string;
  severity: Severity;
  title: string;
  detail: string;
  raisedAt: string;
  raisedBy: string;
  dueAt: string;
  status: AlertStatus;
  assigneeId: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolveNote: string | null;
  escalationLevel: number;
  escalatedAt: string | null;
}

/** Told when an alert escalates: the edge of the world (pager, SMS, radio room). */
export interface AlertNotifier {
  escalated(alert: AlertView): void | Promise<void>;
}

export const logOnlyNotifier: AlertNotifier = { escalated: () => undefined };

/** The live events an alert's life sends on the bus, each with the alert as it now stands. */
export type AlertEventType = 'alert.raised' | 'alert.acknowledged' | 'alert.resolved' | 'alert.escalated';

/**
 * One alert mechanism for every capability: raise, acknowledge with a note, resolve, escalate
 * when nobody acknowledged in time. Other modules raise inside their own transaction so that the
 * alert exists exactly when the condition was recorded.
 */
export class AlertsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly notifier: AlertNotifier = logOnlyNotifier,
    /** Where raised, acknowledged, escalated and resolved alerts are announced (`/api/live`). */
    private readonly events?: LiveEventBus,
  ) {}

  /**
   * @example await alerts.raise(actor, { siteId, subjectType: 'cell', subjectId, kind: 'check.missed', severity: 'warning', title: 'Check missed' });
   */
  async raise(actor: Actor, input: RaiseAlert, trx?: Transaction<Database>): Promise<AlertView> {
    if (!inScope(actor, input.siteId)) throw new NotFound('site');
    let created = false;
    const run = async (t: Transaction<Database>) => {
      if (input.dedupeKey) {
        const existing = await t
          .selectFrom('alerts')
          .select('id')
          .where('dedupe_key', '=', input.dedupeKey)
          .where('status', '!=', 'resolved')
          .executeTakeFirst();
        if (existing) return existing.id;
      }
      created = true;
      const now = this.clock.now();
      const row = {
        id: randomUUID(),
        site_id: input.siteId,
        subject_type: input.subjectType,
        subject_id: input.subjectId ?? null,
        kind: input.kind,
        severity: input.severity,
        title: input.title,
        detail: input.detail ?? '',
        dedupe_key: input.dedupeKey ?? null,
        raised_at: now.toISOString(),
        raised_by: actor.audit.actor.name,
        due_at:
          input.dueAt ?? new Date(now.getTime() + ACK_WINDOW_MINUTES[input.severity] * 60_000).toISOString(),
        status: 'open',
        assignee_id: input.assigneeId ?? null,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledge_note: null,
        resolved_at: null,
        resolved_by: null,
        resolve_note: null,
        escalated_at: null,
      };
      await t.insertInto('alerts').values(row).execute();
      await recordAudit(t, this.clock, actor.audit, {
        action: 'alert.raise',
        subjectType: 'alert',
        subjectId: row.id,
        siteId: row.site_id,
        changes: row,
      });
      return row.id;
    };
    const id = trx ? await run(trx) : await this.db.transaction().execute(run);
    const view = (await this.read(id, trx))!;
    if (created) {
      if (trx) this.announceOnceCommitted(id);
      else this.announce('alert.raised', view);
    }
    return view;
  }

  async acknowledge(actor: Actor, id: string, note: string): Promise<AlertView> {
    return this.transition(actor, id, 'acknowledged', note);
  }

  async resolve(actor: Actor, id: string, note: string): Promise<AlertView> {
    return this.transition(actor, id, 'resolved', note);
  }

  async get(actor: Actor, id: string): Promise<AlertView> {
    const alert = await this.read(id);
    if (!alert || !inScope(actor, alert.siteId)) throw new NotFound('alert');
    return alert;
  }

  async list(
    actor: Actor,
    filter: {
      siteId?: string;
      status?: AlertStatus | 'active';
      severity?: Severity;
      assigneeId?: string;
      page?: number;
      pageSize?: number;
    },
  ): Promise<{ items: AlertView[]; total: number; page: number; pageSize: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('alerts');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.status === 'active') q = q.where('status', '!=', 'resolved');
    else if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.severity) q = q.where('severity', '=', filter.severity);
    if (filter.assigneeId) q = q.where('assignee_id', '=', filter.assigneeId);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy(sql`case severity when 'critical' then 0 when 'warning' then 1 else 2 end`)
      .orderBy('raised_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toView), total, page, pageSize };
  }

  /**
   * Escalates every open alert past its due time: one level up, a new due time one window later,
   * and the notifier told. Run every minute by the server; idempotent for a given moment.
   */
  async escalateOverdue(actor: Actor): Promise<AlertView[]> {
    const now = this.clock.now();
    const overdue = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('status', '=', 'open')
      .where('due_at', '<=', now.toISOString())
      .execute();
    const escalated: AlertView[] = [];
    for (const row of overdue) {
      const level = Number(row.escalation_level) + 1;
      const due = new Date(
        now.getTime() + ACK_WINDOW_MINUTES[row.severity as Severity] * 60_000,
      ).toISOString();
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('alerts')
          .set({ escalation_level: level, escalated_at: now.toISOString(), due_at: due })
          .where('id', '=', row.id)
          .where('status', '=', 'open')
          .execute();
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'alert.escalate',
          subjectType: 'alert',
          subjectId: row.id,
          siteId: row.site_id,
          changes: { level, dueAt: due },
        });
      });
      const view = (await this.read(row.id))!;
      this.announce('alert.escalated', view);
      escalated.push(view);
      await this.notifier.escalated(view);
    }
    return escalated;
  }

  private async transition(
    actor: Actor,
    id: string,
    to: 'acknowledged' | 'resolved',
    note: string,
  ): Promise<AlertView> {
    if (!note.trim()) throw new BadRequest('note: say what was done', 'note');
    const alert = await this.get(actor, id);
    if (alert.status === 'resolved') throw new Conflict('the alert is already resolved');
    if (to === 'acknowledged' && alert.status === 'acknowledged')
      throw new Conflict('the alert is already acknowledged');
    const now = this.clock.now().toISOString();
    const who = actor.audit.actor.name;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('alerts')
        .set(
          to === 'acknowledged'
            ? { status: to, acknowledged_at: now, acknowledged_by: who, acknowledge_note: note.trim() }
            : { status: to, resolved_at: now, resolved_by: who, resolve_note: note.trim() },
        )
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: to === 'acknowledged' ? 'alert.acknowledge' : 'alert.resolve',
        subjectType: 'alert',
        subjectId: id,
        siteId: alert.siteId,
        changes: { note: note.trim() },
      });
    });
    const view = (await this.read(id))!;
    this.announce(to === 'acknowledged' ? 'alert.acknowledged' : 'alert.resolved', view);
    return view;
  }

  private announce(type: AlertEventType, alert: AlertView): void {
    this.events?.publish({ type, siteId: alert.siteId, at: this.clock.now().toISOString(), data: { alert } });
  }

  /**
   * Announces an alert raised inside the caller's transaction once that transaction has committed,
   * so that a client refreshing on the event finds it (and a rolled-back alert is never announced).
   * Kysely has no commit hook: the alert is read outside the transaction until it is visible —
   * SQLite's single connection makes that read wait for the commit; PostgreSQL's read-committed
   * snapshot hides it until then. An alert still unseen after ~9 s was rolled back.
   */
  private announceOnceCommitted(id: string): void {
    if (!this.events) return;
    const attempt = async (tries: number): Promise<void> => {
      const view = await this.read(id);
      if (view) return this.announce('alert.raised', view);
      if (tries < 40) setTimeout(() => void attempt(tries + 1).catch(() => undefined), 25 + tries * 10);
    };
    void attempt(0).catch(() => undefined); // the store closed: nobody is listening any more
  }

  private async read(id: string, trx?: Transaction<Database>): Promise<AlertView | null> {
    const row = await (trx ?? this.db)
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toView(row) : null;
  }
}

function toView(r: Selectable<AlertsTable>): AlertView {
  return {
    id: r.id,
    siteId: r.site_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    kind: r.kind,
    severity: r.severity as Severity,
    title: r.title,
    detail: r.detail,
    raisedAt: r.raised_at,
    raisedBy: r.raised_by,
    dueAt: r.due_at,
    status: r.status as AlertStatus,
    assigneeId: r.assignee_id,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    acknowledgeNote: r.acknowledge_note,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolveNote: r.resolve_note,
    escalationLevel: Number(r.escalation_level),
    escalatedAt: r.escalated_at,
  };
}
