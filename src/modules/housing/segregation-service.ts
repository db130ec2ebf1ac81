import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope, systemActor } from '../../platform/http/actor';
import type { SegregationsTable } from './tables';

const DAY = 86_400_000;
/** Mandela Rule 44: solitary confinement for more than 15 consecutive days is prolonged. */
export const SEGREGATION_LIMIT_DAYS = 15;
/** The day on which the alert is raised: two days' notice before the limit. */
export const SEGREGATION_ALERT_DAY = 13;

export interface SegregationReviewView {
  id: string;
  kind: 'review' | 'medical';
  outcome: string;
  note: string;
  at: string;
  by: string;
}

export interface SegregationView {
  id: string;
  detaineeId: string;
  number: string;
  displayName: string;
  siteId: string;
  cellCode: string | null;
  reason: string;
  authority: string;
  startedAt: string;
  startedBy: string;
  /** Where the count of consecutive days starts (an earlier period that this one continues). */
  countedFrom: string;
  plannedEnd: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
  active: boolean;
  /** Day of segregation, counting the first as day 1 (at `asOf`, or at the end). */
  day: number;
  /** More than 15 consecutive days (Rule 44). */
  breach: boolean;
  day13AlertedAt: string | null;
  breachFlaggedAt: string | null;
  lastMedicalCheckAt: string | null;
  reviews: SegregationReviewView[];
}

/**
 * Segregation: a status of its own, not a housing choice. It starts with a reason, an authority
 * and a planned end; it is reviewed and medically checked; it ends. Day 13 raises an alert and
 * day 16 flags a breach of Rule 44, through the platform's alerts.
 */
export class SegregationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
  ) {}

  async start(
    actor: Actor,
    detaineeId: string,
    input: { reason: string; authority: string; plannedEnd: string },
  ): Promise<SegregationView> {
    const d = await this.db
      .selectFrom('detainees')
      .select(['id', 'site_id', 'status'])
      .where('id', '=', detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
    if (d.status !== 'in_custody') throw new Conflict('only a detainee in custody can be segregated');
    if (!input.reason.trim()) throw new BadRequest('reason: is empty', 'reason');
    if (!input.authority.trim()) throw new BadRequest('authority: is empty', 'authority');
    const now = this.clock.now();
    if (Date.parse(input.plannedEnd) <= now.getTime())
      throw new BadRequest('plannedEnd: must be in the future', 'plannedEnd');
    if (Date.parse(input.plannedEnd) > now.getTime() + SEGREGATION_LIMIT_DAYS * DAY)
      throw new BadRequest(
        `plannedEnd: more than ${SEGREGATION_LIMIT_DAYS} days ahead (Mandela Rule 44)`,
        'plannedEnd',
      );
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const active = await trx
        .selectFrom('segregations')
        .select('id')
        .where('detainee_id', '=', detaineeId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      if (active) throw new Conflict('the detainee is already segregated');
      // A period that starts within a day of the last one's end continues its count (consecutive days).
      const last = await trx
        .selectFrom('segregations')
        .select(['counted_from', 'ended_at'])
        .where('detainee_id', '=', detaineeId)
        .orderBy('ended_at', 'desc')
        .executeTakeFirst();
      const continues = last?.ended_at && now.getTime() - Date.parse(last.ended_at) < DAY;
      const row = {
        id,
        detainee_id: detaineeId,
        site_id: d.site_id,
        reason: input.reason.trim(),
        authority: input.authority.trim(),
        started_at: now.toISOString(),
        started_by: actor.audit.actor.name,
        counted_from: continues ? last!.counted_from : now.toISOString(),
        planned_end: new Date(input.plannedEnd).toISOString(),
        ended_at: null,
        ended_by: null,
        end_reason: null,
        day13_alerted_at: null,
        breach_flagged_at: null,
      };
      await trx.insertInto('segregations').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'segregation.start',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: d.site_id,
        changes: row,
      });
    });
    await this.checkSegregation(now);
    return this.get(actor, id);
  }

  async addReview(
    actor: Actor,
    id: string,
    kind: 'review' | 'medical',
    input: { outcome: string; note: string },
  ): Promise<SegregationView> {
    const seg = await this.get(actor, id);
    if (!seg.active) throw new Conflict('the segregation has ended');
    if (!input.note.trim()) throw new BadRequest('note: is empty', 'note');
    const row = {
      id: randomUUID(),
      segregation_id: id,
      kind,
      outcome: input.outcome,
      note: input.note.trim(),
      at: this.clock.now().toISOString(),
      by_name: actor.audit.actor.name,
      by_id: actor.audit.actor.id,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('segregation_reviews').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: kind === 'medical' ? 'segregation.medical-check' : 'segregation.review',
        subjectType: 'detainee',
        subjectId: seg.detaineeId,
        siteId: seg.siteId,
        // The clinical note stays out of the audit's readable changes; the outcome is enough there.
        changes: { segregationId: id, outcome: input.outcome },
      });
    });
    return this.get(actor, id);
  }

  async end(actor: Actor, id: string, reason: string): Promise<SegregationView> {
    const seg = await this.get(actor, id);
    if (!seg.active) throw new Conflict('the segregation has already ended');
    if (!reason.trim()) throw new BadRequest('reason: is empty', 'reason');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('segregations')
        .set({ ended_at: now, ended_by: actor.audit.actor.name, end_reason: reason.trim() })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'segregation.end',
        subjectType: 'detainee',
        subjectId: seg.detaineeId,
        siteId: seg.siteId,
        changes: { segregationId: id, reason: reason.trim() },
      });
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<SegregationView> {
    const [view] = await this.views([id]);
    if (!view || !inScope(actor, view.siteId)) throw new NotFound('segregation');
    return redact(actor, view);
  }

  /** A detainee's periods of segregation, newest first. */
  async forDetainee(actor: Actor, detaineeId: string): Promise<SegregationView[]> {
    const d = await this.db
      .selectFrom('detainees')
      .select('site_id')
      .where('id', '=', detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
    const ids = await this.db
      .selectFrom('segregations')
      .select('id')
      .where('detainee_id', '=', detaineeId)
      .execute();
    return (await this.views(ids.map((i) => i.id))).map((v) => redact(actor, v));
  }

  /** A site's segregations: the active ones (default), or all of them; breaches first. */
  async forSite(
    actor: Actor,
    siteId: string,
    options: { includeEnded?: boolean } = {},
  ): Promise<SegregationView[]> {
    if (!inScope(actor, siteId)) throw new NotFound('site');
    let q = this.db.selectFrom('segregations').select('id').where('site_id', '=', siteId);
    if (!options.includeEnded) q = q.where('ended_at', 'is', null);
    const views = (await this.views((await q.execute()).map((i) => i.id))).map((v) => redact(actor, v));
    return views.sort((a, b) => Number(b.breach) - Number(a.breach) || b.day - a.day);
  }

  /**
   * The Rule 44 watch: for every active segregation, an alert on day 13 (two days before the
   * limit) and a critical alert with the breach flagged once it passes 15 consecutive days. Run by
   * the server every few minutes and by tests with a fixed clock; each step happens once.
   *
   * @example await segregation.checkSegregation(clock.now());
   */
  async checkSegregation(now: Date = this.clock.now()): Promise<{ alerted: string[]; breached: string[] }> {
    const actor = systemActor('segregation-watch');
    const active = await this.db
      .selectFrom('segregations')
      .innerJoin('detainees', 'detainees.id', 'segregations.detainee_id')
      .select([
        'segregations.id',
        'segregations.detainee_id',
        'segregations.site_id',
        'segregations.counted_from',
        'segregations.day13_alerted_at',
        'segregations.breach_flagged_at',
        'detainees.number',
      ])
      .where('segregations.ended_at', 'is', null)
      .execute();
    const alerted: string[] = [];
    const breached: string[] = [];
    for (const s of active) {
      const day = dayOf(s.counted_from, now.getTime());
      const at = now.toISOString();
      if (day >= SEGREGATION_ALERT_DAY && !s.day13_alerted_at) {
        await this.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('segregations')
            .set({ day13_alerted_at: at })
            .where('id', '=', s.id)
            .execute();
          await this.alerts.raise(
            actor,
            {
              siteId: s.site_id,
              subjectType: 'detainee',
              subjectId: s.detainee_id,
              kind: 'segregation.day13',
              severity: 'warning',
              title: `${s.number}: segregation day ${day} of ${SEGREGATION_LIMIT_DAYS}`,
              detail: `Segregation reaches the ${SEGREGATION_LIMIT_DAYS}-day limit of Mandela Rule 44 on ${new Date(Date.parse(s.counted_from) + SEGREGATION_LIMIT_DAYS * DAY).toISOString().slice(0, 10)}: review and end it, or record why not.`,
              dedupeKey: `segregation:${s.id}:day13`,
            },
            trx,
          );
          await recordAudit(trx, this.clock, actor.audit, {
            action: 'segregation.day13',
            subjectType: 'detainee',
            subjectId: s.detainee_id,
            siteId: s.site_id,
            changes: { segregationId: s.id, day },
          });
        });
        alerted.push(s.id);
      }
      if (day > SEGREGATION_LIMIT_DAYS && !s.breach_flagged_at) {
        await this.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('segregations')
            .set({ breach_flagged_at: at })
            .where('id', '=', s.id)
            .execute();
          await this.alerts.raise(
            actor,
            {
              siteId: s.site_id,
              subjectType: 'detainee',
              subjectId: s.detainee_id,
              kind: 'segregation.breach',
              severity: 'critical',
              title: `${s.number}: segregation beyond ${SEGREGATION_LIMIT_DAYS} consecutive days`,
              detail: `Prolonged solitary confinement (Mandela Rule 44): day ${day} since ${s.counted_from.slice(0, 10)}.`,
              dedupeKey: `segregation:${s.id}:breach`,
            },
            trx,
          );
          await recordAudit(trx, this.clock, actor.audit, {
            action: 'segregation.breach',
            subjectType: 'detainee',
            subjectId: s.detainee_id,
            siteId: s.site_id,
            changes: { segregationId: s.id, day },
          });
        });
        breached.push(s.id);
      }
    }
    return { alerted, breached };
  }

  private async views(ids: string[]): Promise<SegregationView[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('segregations')
      .innerJoin('detainees', 'detainees.id', 'segregations.detainee_id')
      .leftJoin('cells', 'cells.id', 'detainees.cell_id')
      .selectAll('segregations')
      .select(['detainees.number', 'detainees.display_name', 'cells.code as cell_code'])
      .where('segregations.id', 'in', ids)
      .orderBy('segregations.started_at', 'desc')
      .execute();
    const reviews = await this.db
      .selectFrom('segregation_reviews')
      .selectAll()
      .where('segregation_id', 'in', ids)
      .orderBy('at')
      .execute();
    const now = this.clock.now().getTime();
    return rows.map(
      (
        r: Selectable<SegregationsTable> & { number: string; display_name: string; cell_code: string | null },
      ) => {
        const mine = reviews.filter((v) => v.segregation_id === r.id);
        const day = dayOf(r.counted_from, r.ended_at ? Date.parse(r.ended_at) : now);
        return {
          id: r.id,
          detaineeId: r.detainee_id,
          number: r.number,
          displayName: r.display_name,
          siteId: r.site_id,
          cellCode: r.cell_code,
          reason: r.reason,
          authority: r.authority,
          startedAt: r.started_at,
          startedBy: r.started_by,
          countedFrom: r.counted_from,
          plannedEnd: r.planned_end,
          endedAt: r.ended_at,
          endedBy: r.ended_by,
          endReason: r.end_reason,
          active: r.ended_at === null,
          day,
          breach: day > SEGREGATION_LIMIT_DAYS || r.breach_flagged_at !== null,
          day13AlertedAt: r.day13_alerted_at,
          breachFlaggedAt: r.breach_flagged_at,
          lastMedicalCheckAt: mine.filter((v) => v.kind === 'medical').at(-1)?.at ?? null,
          reviews: mine.map((v) => ({
            id: v.id,
            kind: v.kind as 'review' | 'medical',
            outcome: v.outcome,
            note: v.note,
            at: v.at,
            by: v.by_name,
          })),
        };
      },
    );
  }
}

/** Medical checks' notes are medical: only roles with medical.read see them (the outcome is for all). */
function redact(actor: Actor, view: SegregationView): SegregationView {
  if (actor.may('medical.read')) return view;
  return { ...view, reviews: view.reviews.map((r) => (r.kind === 'medical' ? { ...r, note: '' } : r)) };
}

/** Day N of a period counted from `from` (the first 24 hours are day 1). */
export function dayOf(from: string, at: number): number {
  return Math.floor((at - Date.parse(from)) / DAY) + 1;
}
