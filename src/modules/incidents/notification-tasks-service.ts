import { randomUUID } from 'node:crypto';
import { type Selectable, type Transaction, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { NotificationTasksTable } from './tables';

/**
 * What the Mandela Rules require to be told, to whom, and how soon. "Without delay" (Rule 71) and
 * "at once" (Rule 69) are policy here: 24 hours for the authority and for the family of a death or
 * serious injury; Rule 68 leaves a transfer's notice to the service, so it gets three days.
 */
export const NOTIFICATION_KINDS = {
  authority_death: { rule: '71', hours: 24, recipient: 'independent investigating authority' },
  authority_disappearance: { rule: '71', hours: 24, recipient: 'independent investigating authority' },
  authority_serious_injury: { rule: '71', hours: 24, recipient: 'independent investigating authority' },
  family_death: { rule: '69', hours: 24, recipient: 'next of kin' },
  family_serious_injury: { rule: '69', hours: 24, recipient: 'next of kin' },
  family_serious_illness: { rule: '69', hours: 24, recipient: 'next of kin' },
  family_transfer: { rule: '68', hours: 72, recipient: 'family or designated contact' },
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export interface NewNotificationTask {
  siteId: string;
  kind: NotificationKind;
  detaineeId?: string | null;
  incidentId?: string | null;
  recipient?: string;
  /** Default: now + the kind's deadline. */
  dueAt?: string;
}

export interface NotificationTaskView {
  id: string;
  siteId: string;
  incidentId: string | null;
  detaineeId: string | null;
  kind: string;
  rule: string;
  recipient: string;
  dueAt: string;
  createdAt: string;
  createdBy: string;
  completedAt: string | null;
  completedBy: string | null;
  completionNote: string | null;
  overdue: boolean;
  overdueAlertId: string | null;
  auto: boolean;
}

/**
 * The notifications the rules require, as tasks with a deadline and a record of who did them.
 * An undone task past its deadline raises an alert once (`raiseOverdue`, swept by the server).
 */
export class NotificationTasksService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
  ) {}

  /**
   * Creates a task inside the caller's transaction: incidents create theirs with the escape or
   * death that requires it; transfers can create a Rule 68 family notice the same way.
   *
   * @example await tasks.create(trx, actor, { siteId, kind: 'family_transfer', detaineeId });
   */
  async create(
    trx: Transaction<Database>,
    actor: Actor,
    input: NewNotificationTask,
    auto = true,
  ): Promise<string> {
    if (!inScope(actor, input.siteId)) throw new NotFound('site');
    const spec = NOTIFICATION_KINDS[input.kind];
    const now = this.clock.now();
    const row = {
      id: randomUUID(),
      site_id: input.siteId,
      incident_id: input.incidentId ?? null,
      detainee_id: input.detaineeId ?? null,
      kind: input.kind,
      rule: spec.rule,
      recipient: input.recipient?.trim() || spec.recipient,
      due_at: input.dueAt
        ? new Date(input.dueAt).toISOString()
        : new Date(now.getTime() + spec.hours * 3_600_000).toISOString(),
      created_at: now.toISOString(),
      created_by: actor.audit.actor.name,
      completed_at: null,
      completed_by: null,
      completion_note: null,
      overdue_alert_id: null,
      auto: auto ? 1 : 0,
    };
    await trx.insertInto('notification_tasks').values(row).execute();
    await recordAudit(trx, this.clock, actor.audit, {
      action: 'notification-task.create',
      subjectType: 'notification_task',
      subjectId: row.id,
      siteId: row.site_id,
      changes: row,
    });
    return row.id;
  }

  /** A task asked for by hand (serious illness, a transfer): checked against the site and the register. */
  async createManual(actor: Actor, input: NewNotificationTask): Promise<NotificationTaskView> {
    if (!inScope(actor, input.siteId)) throw new BadRequest('siteId: unknown site', 'siteId');
    if (input.dueAt && Number.isNaN(new Date(input.dueAt).getTime()))
      throw new BadRequest('dueAt: not a time', 'dueAt');
    const id = await this.db.transaction().execute(async (trx) => {
      const site = await trx
        .selectFrom('sites')
        .select('id')
        .where('id', '=', input.siteId)
        .executeTakeFirst();
      if (!site) throw new BadRequest('siteId: unknown site', 'siteId');
      if (input.detaineeId) {
        const d = await trx
          .selectFrom('detainees')
          .select('site_id')
          .where('id', '=', input.detaineeId)
          .executeTakeFirst();
        if (!d || d.site_id !== input.siteId)
          throw new BadRequest('detaineeId: not a detainee of the site', 'detaineeId');
      }
      if (input.incidentId) {
        const i = await trx
          .selectFrom('incidents')
          .select('site_id')
          .where('id', '=', input.incidentId)
          .executeTakeFirst();
        if (!i || i.site_id !== input.siteId)
          throw new BadRequest('incidentId: not an incident of the site', 'incidentId');
      }
      return this.create(trx, actor, input, false);
    });
    return (await this.read(id))!;
  }

  async list(
    actor: Actor,
    filter: {
      siteId?: string;
      incidentId?: string;
      detaineeId?: string;
      state?: 'open' | 'overdue' | 'done';
      page?: number;
      pageSize?: number;
    },
  ): Promise<{ items: NotificationTaskView[]; total: number; page: number; pageSize: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const now = this.clock.now().toISOString();
    let q = this.db.selectFrom('notification_tasks');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
    if (filter.detaineeId) q = q.where('detainee_id', '=', filter.detaineeId);
    if (filter.state === 'open') q = q.where('completed_at', 'is', null);
    if (filter.state === 'overdue') q = q.where('completed_at', 'is', null).where('due_at', '<=', now);
    if (filter.state === 'done') q = q.where('completed_at', 'is not', null);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('due_at')
      .orderBy('rule', 'desc')
      .orderBy('kind')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map((r) => this.toView(r)), total, page, pageSize };
  }

  async complete(
    actor: Actor,
    id: string,
    input: { note: string; recipient?: string },
  ): Promise<NotificationTaskView> {
    if (!input.note.trim()) throw new BadRequest('note: say who was told, how and when', 'note');
    const task = await this.read(id);
    if (!task || !inScope(actor, task.siteId)) throw new NotFound('notification task');
    if (task.completedAt) throw new Conflict('the notification is already recorded as done');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const set = {
        completed_at: now,
        completed_by: actor.audit.actor.name,
        completion_note: input.note.trim(),
        ...(input.recipient?.trim() ? { recipient: input.recipient.trim() } : {}),
      };
      await trx
        .updateTable('notification_tasks')
        .set(set)
        .where('id', '=', id)
        .where('completed_at', 'is', null)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'notification-task.complete',
        subjectType: 'notification_task',
        subjectId: id,
        siteId: task.siteId,
        changes: set,
      });
      if (task.overdueAlertId) {
        // The overdue alert ends with the task: nobody should chase what is done.
        await trx
          .updateTable('alerts')
          .set({
            status: 'resolved',
            resolved_at: now,
            resolved_by: actor.audit.actor.name,
            resolve_note: `notification done: ${input.note.trim()}`,
          })
          .where('id', '=', task.overdueAlertId)
          .where('status', '!=', 'resolved')
          .execute();
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'alert.resolve',
          subjectType: 'alert',
          subjectId: task.overdueAlertId,
          siteId: task.siteId,
          changes: { note: 'notification done' },
        });
      }
    });
    return (await this.read(id))!;
  }

  /**
   * Raises one alert for every undone task past its deadline (critical for Rule 71, a warning
   * otherwise). Idempotent: a task's alert is raised once. Run by the server every minute.
   *
   * @example const raised = await tasks.raiseOverdue(systemActor('notifications'));
   */
  async raiseOverdue(actor: Actor): Promise<NotificationTaskView[]> {
    const now = this.clock.now().toISOString();
    const due = await this.db
      .selectFrom('notification_tasks')
      .selectAll()
      .where('completed_at', 'is', null)
      .where('overdue_alert_id', 'is', null)
      .where('due_at', '<=', now)
      .execute();
    const raised: NotificationTaskView[] = [];
    for (const task of due) {
      if (!inScope(actor, task.site_id)) continue;
      await this.db.transaction().execute(async (trx) => {
        const who = task.detainee_id
          ? await trx
              .selectFrom('detainees')
              .select(['number', 'display_name'])
              .where('id', '=', task.detainee_id)
              .executeTakeFirst()
          : undefined;
        const alert = await this.alerts.raise(
          actor,
          {
            siteId: task.site_id,
            subjectType: 'notification_task',
            subjectId: task.id,
            kind: 'notification.overdue',
            severity: task.rule === '71' ? 'critical' : 'warning',
            title: `Rule ${task.rule} notification overdue: ${task.kind.replace(/_/g, ' ')}${who ? ` — ${who.number} ${who.display_name}` : ''}`,
            detail: `Due ${task.due_at}; to tell: ${task.recipient}.`,
            dedupeKey: `notification-task:${task.id}`,
          },
          trx,
        );
        await trx
          .updateTable('notification_tasks')
          .set({ overdue_alert_id: alert.id })
          .where('id', '=', task.id)
          .execute();
      });
      raised.push((await this.read(task.id))!);
    }
    return raised;
  }

  async read(id: string): Promise<NotificationTaskView | null> {
    const row = await this.db
      .selectFrom('notification_tasks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this.toView(row) : null;
  }

  toView(r: Selectable<NotificationTasksTable>): NotificationTaskView {
    return {
      id: r.id,
      siteId: r.site_id,
      incidentId: r.incident_id,
      detaineeId: r.detainee_id,
      kind: r.kind,
      rule: r.rule,
      recipient: r.recipient,
      dueAt: r.due_at,
      createdAt: r.created_at,
      createdBy: r.created_by,
      completedAt: r.completed_at,
      completedBy: r.completed_by,
      completionNote: r.completion_note,
      overdue: r.completed_at === null && r.due_at <= this.clock.now().toISOString(),
      overdueAlertId: r.overdue_alert_id,
      auto: Number(r.auto) === 1,
    };
  }
}
