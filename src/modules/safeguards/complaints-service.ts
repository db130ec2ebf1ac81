import { randomUUID } from 'node:crypto';
import { type Selectable, sql, type Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { ComplaintsTable } from './tables';

export const COMPLAINT_KINDS = ['complaint', 'allegation'] as const;
export const COMPLAINT_STATUSES = ['received', 'referred', 'under_investigation', 'closed'] as const;
export const LODGED_BY = ['detainee', 'representative', 'staff'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export interface ComplaintInput {
  detaineeId: string;
  kind: (typeof COMPLAINT_KINDS)[number];
  category: string;
  summary: string;
  lodgedByKind: (typeof LODGED_BY)[number];
  lodgedByName: string;
  lodgedAt: string;
}

export interface ComplaintView {
  id: string;
  number: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  kind: string;
  category: string;
  summary: string;
  lodgedByKind: string;
  lodgedByName: string;
  lodgedAt: string;
  status: string;
  authority: string | null;
  authorityReference: string | null;
  referredAt: string | null;
  outcome: string | null;
  closedAt: string | null;
  recordedAt: string;
  recordedBy: string;
  events: {
    seq: number;
    type: string;
    statusAfter: string;
    detail: Record<string, unknown>;
    at: string;
    by: string;
  }[];
}

/** What a move or a sanction shows about a detainee who complained (Rule 57: protection from reprisal). */
export interface ReprisalWatch {
  watched: boolean;
  complaints: { id: string; number: string; kind: string; lodgedAt: string; status: string }[];
  warning: string | null;
}

/**
 * Complaints and allegations of ill-treatment (Mandela Rules 8, 56-57, 71): recorded by or for a
 * detainee, referred to an independent authority (which, when, its reference), investigated,
 * closed with an outcome. Every step is an event; the complainant is watched for reprisal.
 */
export class ComplaintsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** @example await complaints.create(actor, { detaineeId, kind: 'allegation', category: 'treatment', summary: '...', lodgedByKind: 'detainee', lodgedByName: 'the detainee', lodgedAt }) */
  async create(actor: Actor, input: ComplaintInput): Promise<ComplaintView> {
    if (!input.detaineeId?.trim())
      throw new BadRequest('detaineeId: a complaint is recorded for a detainee', 'detaineeId');
    if (!input.summary.trim()) throw new BadRequest('summary: say what the complaint is', 'summary');
    const d = await this.db
      .selectFrom('detainees')
      .select(['id', 'site_id'])
      .where('id', '=', input.detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new BadRequest('detaineeId: unknown detainee', 'detaineeId');
    if (Date.parse(input.lodgedAt) > this.clock.now().getTime())
      throw new BadRequest('lodgedAt: in the future', 'lodgedAt');
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const n =
        Number(
          (
            await trx
              .selectFrom('complaints')
              .select(sql<number>`count(*)`.as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ) + 1;
      const row = {
        id,
        number: `CMP-${now.slice(0, 4)}-${String(n).padStart(5, '0')}-${id.slice(0, 4)}`,
        detainee_id: d.id,
        site_id: d.site_id,
        kind: input.kind,
        category: input.category.trim(),
        summary: input.summary.trim(),
        lodged_by_kind: input.lodgedByKind,
        lodged_by_name: input.lodgedByName.trim(),
        lodged_at: input.lodgedAt,
        status: 'received',
        authority: null,
        authority_reference: null,
        referred_at: null,
        outcome: null,
        closed_at: null,
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
        recorded_by_id: actor.audit.actor.id,
      };
      await trx.insertInto('complaints').values(row).execute();
      await this.event(trx, actor, id, 'recorded', 'received', { kind: row.kind, category: row.category });
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'complaint.create',
        subjectType: 'detainee',
        subjectId: d.id,
        siteId: d.site_id,
        changes: row,
      });
    });
    return this.get(actor, id);
  }

  /** Referral to an independent authority (Rule 57(3)): which, when, its reference. */
  async refer(
    actor: Actor,
    id: string,
    input: { authority: string; referredAt: string; reference?: string | null },
  ): Promise<ComplaintView> {
    const c = await this.row(actor, id);
    if (c.status === 'closed') throw new Conflict('the complaint is closed');
    if (!input.authority.trim())
      throw new BadRequest('authority: name the independent authority', 'authority');
    await this.db.transaction().execute(async (trx) => {
      const set = {
        status: 'referred',
        authority: input.authority.trim(),
        referred_at: input.referredAt,
        authority_reference: input.reference ?? null,
      };
      await trx.updateTable('complaints').set(set).where('id', '=', id).execute();
      await this.event(trx, actor, id, 'referred', 'referred', set);
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'complaint.refer',
        subjectType: 'detainee',
        subjectId: c.detainee_id,
        siteId: c.site_id,
        changes: { complaintId: id, before: { status: c.status, authority: c.authority }, after: set },
      });
    });
    return this.get(actor, id);
  }

  /** A status step (under investigation, closed with an outcome) or a note; closing needs an outcome. */
  async update(
    actor: Actor,
    id: string,
    input: { status?: 'under_investigation' | 'closed'; outcome?: string | null; note?: string | null },
  ): Promise<ComplaintView> {
    const c = await this.row(actor, id);
    if (c.status === 'closed') throw new Conflict('the complaint is closed');
    if (input.status === 'closed' && !input.outcome?.trim())
      throw new BadRequest('outcome: closing a complaint needs its outcome', 'outcome');
    if (!input.status && !input.note?.trim())
      throw new BadRequest('note: a step needs a status or a note', 'note');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const set: Partial<Selectable<ComplaintsTable>> = {};
      if (input.status) set.status = input.status;
      if (input.status === 'closed') Object.assign(set, { outcome: input.outcome!.trim(), closed_at: now });
      if (Object.keys(set).length)
        await trx.updateTable('complaints').set(set).where('id', '=', id).execute();
      await this.event(
        trx,
        actor,
        id,
        input.status === 'closed' ? 'closed' : input.status ? 'investigating' : 'note',
        input.status ?? c.status,
        { ...set, note: input.note ?? null },
      );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'complaint.update',
        subjectType: 'detainee',
        subjectId: c.detainee_id,
        siteId: c.site_id,
        changes: { complaintId: id, before: { status: c.status }, after: set, note: input.note ?? null },
      });
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ComplaintView> {
    const [view] = await this.views(actor, { id });
    if (!view) throw new NotFound('complaint');
    return view;
  }

  async list(
    actor: Actor,
    filter: { detaineeId?: string; siteId?: string; status?: string },
  ): Promise<ComplaintView[]> {
    return this.views(actor, filter);
  }

  /**
   * Rule 57: a detainee who complained must not suffer for it. Every later move or sanction of
   * this detainee shows this flag (the housing module's move check, sanctions, the record).
   *
   * @example (await complaints.reprisalWatch(detaineeId)).warning // 'complainant (CMP-...): ...'
   */
  async reprisalWatch(detaineeId: string): Promise<ReprisalWatch> {
    const rows = await this.db
      .selectFrom('complaints')
      .select(['id', 'number', 'kind', 'lodged_at', 'status'])
      .where('detainee_id', '=', detaineeId)
      .orderBy('lodged_at')
      .execute();
    if (rows.length === 0) return { watched: false, complaints: [], warning: null };
    return {
      watched: true,
      complaints: rows.map((r) => ({
        id: r.id,
        number: r.number,
        kind: r.kind,
        lodgedAt: r.lodged_at,
        status: r.status,
      })),
      warning: `complainant (${rows.map((r) => r.number).join(', ')}): protected from reprisal (Mandela Rule 57) — record why this measure is not a reprisal`,
    };
  }

  /** The reprisal watch for a caller, within their sites. */
  async reprisalWatchFor(actor: Actor, detaineeId: string): Promise<ReprisalWatch> {
    const d = await this.db
      .selectFrom('detainees')
      .select('site_id')
      .where('id', '=', detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
    return this.reprisalWatch(detaineeId);
  }

  private async row(actor: Actor, id: string) {
    const c = await this.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c || !inScope(actor, c.site_id)) throw new NotFound('complaint');
    return c;
  }

  private async event(
    trx: Transaction<Database>,
    actor: Actor,
    complaintId: string,
    type: string,
    statusAfter: string,
    detail: unknown,
  ) {
    const seq =
      Number(
        (
          await trx
            .selectFrom('complaint_events')
            .select(sql<number>`coalesce(max(seq), 0)`.as('n'))
            .where('complaint_id', '=', complaintId)
            .executeTakeFirstOrThrow()
        ).n,
      ) + 1;
    await trx
      .insertInto('complaint_events')
      .values({
        id: randomUUID(),
        complaint_id: complaintId,
        seq,
        type,
        status_after: statusAfter,
        detail: JSON.stringify(detail),
        at: this.clock.now().toISOString(),
        by_name: actor.audit.actor.name,
        by_id: actor.audit.actor.id,
      })
      .execute();
  }

  private async views(
    actor: Actor,
    filter: { id?: string; detaineeId?: string; siteId?: string; status?: string },
  ): Promise<ComplaintView[]> {
    let q = this.db
      .selectFrom('complaints')
      .innerJoin('detainees', 'detainees.id', 'complaints.detainee_id')
      .selectAll('complaints')
      .select(['detainees.number as d_number', 'detainees.display_name']);
    if (actor.sites !== null)
      q = q.where('complaints.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.id) q = q.where('complaints.id', '=', filter.id);
    if (filter.detaineeId) q = q.where('complaints.detainee_id', '=', filter.detaineeId);
    if (filter.siteId) q = q.where('complaints.site_id', '=', filter.siteId);
    if (filter.status) q = q.where('complaints.status', '=', filter.status);
    const rows = await q.orderBy('complaints.lodged_at', 'desc').limit(500).execute();
    if (rows.length === 0) return [];
    const events = await this.db
      .selectFrom('complaint_events')
      .selectAll()
      .where(
        'complaint_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      detaineeId: r.detainee_id,
      detaineeNumber: r.d_number,
      detaineeName: r.display_name,
      siteId: r.site_id,
      kind: r.kind,
      category: r.category,
      summary: r.summary,
      lodgedByKind: r.lodged_by_kind,
      lodgedByName: r.lodged_by_name,
      lodgedAt: r.lodged_at,
      status: r.status,
      authority: r.authority,
      authorityReference: r.authority_reference,
      referredAt: r.referred_at,
      outcome: r.outcome,
      closedAt: r.closed_at,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
      events: events
        .filter((e) => e.complaint_id === r.id)
        .map((e) => ({
          seq: Number(e.seq),
          type: e.type,
          statusAfter: e.status_after,
          detail: JSON.parse(e.detail) as Record<string, unknown>,
          at: e.at,
          by: e.by_name,
        })),
    }));
  }
}
