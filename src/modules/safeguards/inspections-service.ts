import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { BadRequest, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';

export const RESPONSE_DECISIONS = ['accepted', 'partially_accepted', 'rejected', 'implemented'] as const;
export type ResponseDecision = (typeof RESPONSE_DECISIONS)[number];

export interface InspectionInput {
  siteId: string;
  body: string;
  inspectors: string;
  visitFrom: string;
  visitTo: string;
  summary: string;
  findings?: string[];
  recommendations?: string[];
}

export interface InspectionItemView {
  id: string;
  seq: number;
  kind: 'finding' | 'recommendation';
  text: string;
  /** Every response, newest last: the current one is the last. */
  responses: {
    id: string;
    decision: string;
    text: string;
    respondedAt: string;
    respondedBy: string;
    respondedRole: string;
  }[];
}

export interface InspectionView {
  id: string;
  siteId: string;
  body: string;
  inspectors: string;
  visitFrom: string;
  visitTo: string;
  summary: string;
  recordedAt: string;
  recordedBy: string;
  items: InspectionItemView[];
  /** Recommendations with no response yet. */
  unanswered: number;
}

/**
 * Inspections (Mandela Rules 83-85): the visit of an inspecting body, its findings and
 * recommendations, and the service's response to each (by the director or a commander).
 * Inspectors themselves read (their platform access is read-only and time-limited); the visit
 * is recorded by the service from their report.
 */
export class InspectionsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** @example await inspections.create(actor, { siteId, body: 'National Preventive Mechanism', inspectors: 'A. Inspector', visitFrom: '2026-02-01', visitTo: '2026-02-02', summary: '...', recommendations: ['...'] }) */
  async create(actor: Actor, input: InspectionInput): Promise<InspectionView> {
    if (!inScope(actor, input.siteId)) throw new BadRequest('siteId: unknown site', 'siteId');
    if (input.visitTo < input.visitFrom) throw new BadRequest('visitTo: before visitFrom', 'visitTo');
    if (input.visitFrom > this.clock.now().toISOString().slice(0, 10))
      throw new BadRequest('visitFrom: in the future', 'visitFrom');
    const site = await this.db
      .selectFrom('sites')
      .select('id')
      .where('id', '=', input.siteId)
      .executeTakeFirst();
    if (!site) throw new BadRequest('siteId: unknown site', 'siteId');
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id,
        site_id: input.siteId,
        body: input.body.trim(),
        inspectors: input.inspectors.trim(),
        visit_from: input.visitFrom,
        visit_to: input.visitTo,
        summary: input.summary.trim(),
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
        recorded_by_id: actor.audit.actor.id,
      };
      await trx.insertInto('inspections').values(row).execute();
      const items = [
        ...(input.findings ?? []).map((text) => ({ kind: 'finding', text })),
        ...(input.recommendations ?? []).map((text) => ({ kind: 'recommendation', text })),
      ];
      const itemRows = items.map((it, i) => ({
        id: randomUUID(),
        inspection_id: id,
        seq: i + 1,
        kind: it.kind,
        text: it.text.trim(),
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      }));
      if (itemRows.length) await trx.insertInto('inspection_items').values(itemRows).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'inspection.create',
        subjectType: 'inspection',
        subjectId: id,
        siteId: input.siteId,
        changes: { ...row, items: itemRows },
      });
    });
    return this.get(actor, id);
  }

  /** A finding or recommendation added later (the inspectors' report often follows the visit). */
  async addItem(
    actor: Actor,
    id: string,
    input: { kind: 'finding' | 'recommendation'; text: string },
  ): Promise<InspectionView> {
    const insp = await this.row(actor, id);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const seq =
        Number(
          (
            await trx
              .selectFrom('inspection_items')
              .select(sql<number>`coalesce(max(seq), 0)`.as('n'))
              .where('inspection_id', '=', id)
              .executeTakeFirstOrThrow()
          ).n,
        ) + 1;
      const row = {
        id: randomUUID(),
        inspection_id: id,
        seq,
        kind: input.kind,
        text: input.text.trim(),
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      };
      await trx.insertInto('inspection_items').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'inspection.item',
        subjectType: 'inspection',
        subjectId: id,
        siteId: insp.site_id,
        changes: row,
      });
    });
    return this.get(actor, id);
  }

  /** The service's response to one item (a later one supersedes it; both stay). */
  async respond(
    actor: Actor,
    itemId: string,
    input: { decision: ResponseDecision; text: string },
    role: string,
  ): Promise<InspectionView> {
    const item = await this.db
      .selectFrom('inspection_items')
      .select(['id', 'inspection_id'])
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item) throw new NotFound('inspection item');
    const insp = await this.row(actor, item.inspection_id);
    if (!input.text.trim()) throw new BadRequest('text: the response needs its text', 'text');
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        item_id: itemId,
        decision: input.decision,
        text: input.text.trim(),
        responded_at: this.clock.now().toISOString(),
        responded_by: actor.audit.actor.name,
        responded_by_id: actor.audit.actor.id,
        responded_role: role,
      };
      await trx.insertInto('inspection_responses').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'inspection.respond',
        subjectType: 'inspection',
        subjectId: insp.id,
        siteId: insp.site_id,
        changes: row,
      });
    });
    return this.get(actor, insp.id);
  }

  async get(actor: Actor, id: string): Promise<InspectionView> {
    const [view] = await this.views(actor, { id });
    if (!view) throw new NotFound('inspection');
    return view;
  }

  async list(actor: Actor, filter: { siteId?: string }): Promise<InspectionView[]> {
    return this.views(actor, filter);
  }

  private async row(actor: Actor, id: string) {
    const r = await this.db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !inScope(actor, r.site_id)) throw new NotFound('inspection');
    return r;
  }

  private async views(actor: Actor, filter: { id?: string; siteId?: string }): Promise<InspectionView[]> {
    let q = this.db.selectFrom('inspections').selectAll();
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.id) q = q.where('id', '=', filter.id);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    const rows = await q.orderBy('visit_from', 'desc').limit(500).execute();
    if (rows.length === 0) return [];
    const items = await this.db
      .selectFrom('inspection_items')
      .selectAll()
      .where(
        'inspection_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('seq')
      .execute();
    const responses = items.length
      ? await this.db
          .selectFrom('inspection_responses')
          .selectAll()
          .where(
            'item_id',
            'in',
            items.map((i) => i.id),
          )
          .orderBy('responded_at')
          .orderBy('id')
          .execute()
      : [];
    return rows.map((r) => {
      const mine = items
        .filter((i) => i.inspection_id === r.id)
        .map((i) => ({
          id: i.id,
          seq: Number(i.seq),
          kind: i.kind as 'finding' | 'recommendation',
          text: i.text,
          responses: responses
            .filter((x) => x.item_id === i.id)
            .map((x) => ({
              id: x.id,
              decision: x.decision,
              text: x.text,
              respondedAt: x.responded_at,
              respondedBy: x.responded_by,
              respondedRole: x.responded_role,
            })),
        }));
      return {
        id: r.id,
        siteId: r.site_id,
        body: r.body,
        inspectors: r.inspectors,
        visitFrom: r.visit_from,
        visitTo: r.visit_to,
        summary: r.summary,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
        items: mine,
        unanswered: mine.filter((i) => i.kind === 'recommendation' && i.responses.length === 0).length,
      };
    });
  }
}
