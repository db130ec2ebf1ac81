import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { RegisterService } from '../register';
import type { ArrivalsService, HandoverInput, PropertyItem } from './arrivals-service';

export const MOVEMENT_KINDS = [
  'court',
  'hospital',
  'site-transfer',
  'authority-transfer',
  'repatriation',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_STATUSES = ['proposed', 'scheduled', 'in_transit', 'completed', 'cancelled'] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number];
export const RELEASE_GROUNDS = ['end-of-sentence', 'court-order', 'acquittal'] as const;

/** Which status may follow which: a move is never completed without having left. */
const NEXT: Record<MovementStatus, MovementStatus[]> = {
  proposed: ['scheduled', 'cancelled'],
  scheduled: ['in_transit', 'cancelled'],
  in_transit: ['completed'],
  completed: [],
  cancelled: [],
};

/** Trips from which the person comes back: completing one means they are home again. */
const ROUND_TRIP: MovementKind[] = ['court', 'hospital'];

export interface MovementInput {
  detaineeId: string;
  kind: MovementKind;
  destination: string;
  destinationSiteId?: string | null;
  scheduledFor?: string | null;
  reason?: string | null;
}

export interface MovementView {
  id: string;
  detaineeId: string;
  siteId: string;
  kind: string;
  destination: string;
  destinationSiteId: string | null;
  status: string;
  scheduledFor: string | null;
  reason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  history: { status: string; at: string; by: string; note: string | null }[];
}

export interface ReleaseInput {
  detaineeId: string;
  grounds: (typeof RELEASE_GROUNDS)[number];
  legalAuthority: string;
  orderRef: string;
  /** The legal basis this release ends; every other must already be closed. */
  legalBasisId?: string | null;
  /** How the person was identified against the record (document, photograph, fingerprints), and by whom. */
  identityCheck: { method: string; confirmedBy: string; documentRef?: string | null };
  note?: string | null;
}

export interface ReleaseView {
  id: string;
  detaineeId: string;
  siteId: string;
  grounds: string;
  legalAuthority: string;
  orderRef: string;
  legalBasisId: string | null;
  identityCheck: ReleaseInput['identityCheck'];
  status: string;
  requestedAt: string;
  requestedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  completedAt: string | null;
  completedBy: string | null;
  propertyReturned: PropertyItem[] | null;
  signedBy: string | null;
  note: string | null;
}

/**
 * Moves out (court, hospital, another site, another authority, repatriation) through proposed,
 * scheduled, in transit, completed or cancelled, each departure and arrival a link in the chain
 * of custody; and releases, checked before they happen so that nobody leaves by mistake.
 */
export class MovementsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly arrivals: ArrivalsService,
  ) {}

  /** @example await movements.create(actor, { detaineeId, kind: 'court', destination: 'Investigating Court 3', scheduledFor }) */
  async create(actor: Actor, input: MovementInput): Promise<MovementView> {
    const d = await this.register.read(input.detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new NotFound('detainee');
    if (d.status !== 'in_custody') throw new Conflict(`the detainee is ${d.status}, not in custody`);
    if (!input.destination.trim()) throw new BadRequest('destination: is empty', 'destination');
    if (input.kind === 'site-transfer') {
      if (!input.destinationSiteId)
        throw new BadRequest(
          'destinationSiteId: a transfer to another site names the site',
          'destinationSiteId',
        );
      const site = await this.db
        .selectFrom('sites')
        .select('id')
        .where('id', '=', input.destinationSiteId)
        .executeTakeFirst();
      if (!site) throw new BadRequest('destinationSiteId: no such site', 'destinationSiteId');
      if (site.id === d.siteId)
        throw new BadRequest("destinationSiteId: is the detainee's own site", 'destinationSiteId');
    } else if (input.destinationSiteId)
      throw new BadRequest('destinationSiteId: only for a transfer to another site', 'destinationSiteId');
    const open = await this.db
      .selectFrom('movements')
      .select('id')
      .where('detainee_id', '=', d.id)
      .where('status', 'in', ['scheduled', 'in_transit'])
      .executeTakeFirst();
    if (open && input.scheduledFor)
      throw new Conflict('the detainee already has a scheduled or current move');
    const now = this.clock.now().toISOString();
    const status: MovementStatus = input.scheduledFor ? 'scheduled' : 'proposed';
    const row: Database['movements'] = {
      id: randomUUID(),
      detainee_id: d.id,
      site_id: d.siteId,
      kind: input.kind,
      destination: input.destination.trim(),
      destination_site_id: input.destinationSiteId ?? null,
      status,
      scheduled_for: input.scheduledFor ?? null,
      reason: input.reason?.trim() || null,
      created_at: now,
      created_by: actor.audit.actor.name,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('movements').values(row).execute();
      await trx
        .insertInto('movement_events')
        .values({
          id: randomUUID(),
          movement_id: row.id,
          status,
          at: now,
          by: actor.audit.actor.name,
          note: null,
        })
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'movement.create',
        subjectType: 'detainee',
        subjectId: d.id,
        siteId: d.siteId,
        changes: row,
      });
    });
    return this.get(actor, row.id);
  }

  async get(actor: Actor, id: string): Promise<MovementView> {
    const row = await this.db.selectFrom('movements').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('movement');
    const rank = (status: string) => (MOVEMENT_STATUSES as readonly string[]).indexOf(status);
    // Statuses only move forward, so two steps recorded in the same instant keep their order by rank.
    const history = (
      await this.db
        .selectFrom('movement_events')
        .select(['status', 'at', 'by', 'note'])
        .where('movement_id', '=', id)
        .execute()
    ).sort((a, b) => a.at.localeCompare(b.at) || rank(a.status) - rank(b.status));
    return toMovementView(row, history);
  }

  /** Moves at a site, with the count of people en route (in transit). */
  async list(
    actor: Actor,
    filter: { siteId?: string; status?: string; detaineeId?: string; page?: number; pageSize?: number },
  ) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('movements');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.detaineeId) q = q.where('detainee_id', '=', filter.detaineeId);
    const enRoute = Number(
      (
        await q
          .where('status', '=', 'in_transit')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (filter.status) q = q.where('status', '=', filter.status);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map((r) => toMovementView(r, [])), total, page, pageSize, enRoute };
  }

  /**
   * Moves a movement on. Leaving (in_transit) and completing need the handover; completing a
   * one-way move changes the register: another site holds them, or custody ends.
   *
   * @example await movements.advance(actor, id, { status: 'in_transit', handover })
   */
  async advance(
    actor: Actor,
    id: string,
    input: {
      status: MovementStatus;
      scheduledFor?: string | null;
      note?: string | null;
      handover?: HandoverInput | null;
    },
  ): Promise<MovementView> {
    const m = await this.get(actor, id);
    if (!NEXT[m.status as MovementStatus].includes(input.status))
      throw new Conflict(`a ${m.status} move cannot become ${input.status}`);
    if (input.status === 'scheduled' && !input.scheduledFor && !m.scheduledFor)
      throw new BadRequest('scheduledFor: say when', 'scheduledFor');
    if ((input.status === 'in_transit' || input.status === 'completed') && !input.handover)
      throw new BadRequest('handover: who hands over to whom, and where', 'handover');
    const at = input.handover ? this.arrivals.handoverTime(input.handover) : this.clock.now().toISOString();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const set: Partial<Database['movements']> = { status: input.status, updated_at: now };
      if (input.scheduledFor) set.scheduled_for = input.scheduledFor;
      await trx
        .updateTable('movements')
        .set(set)
        .where('id', '=', id)
        .where('status', '=', m.status)
        .execute();
      await trx
        .insertInto('movement_events')
        .values({
          id: randomUUID(),
          movement_id: id,
          status: input.status,
          at,
          by: actor.audit.actor.name,
          note: input.note ?? null,
        })
        .execute();
      if (input.handover) {
        const kind =
          input.status === 'in_transit'
            ? 'movement-out'
            : ROUND_TRIP.includes(m.kind as MovementKind)
              ? 'movement-return'
              : 'movement-complete';
        await this.arrivals.addHandover(trx, actor, m.detaineeId, m.siteId, kind, id, input.handover, at);
      }
      if (input.status === 'completed' && !ROUND_TRIP.includes(m.kind as MovementKind)) {
        if (m.kind === 'site-transfer') {
          // The person is now held at the destination, without a cell until housed there.
          await this.register.transferToSite(trx, actor, m.detaineeId, m.destinationSiteId!, {
            movementId: id,
          });
        } else {
          await this.register.setStatusMany(
            trx,
            actor,
            [
              {
                id: m.detaineeId,
                status: m.kind === 'repatriation' ? 'repatriated' : 'transferred_out',
                cellId: null,
              },
            ],
            `movement ${id} to ${m.destination}`,
          );
        }
      }
      await recordAudit(trx, this.clock, actor.audit, {
        action: `movement.${input.status}`,
        subjectType: 'detainee',
        subjectId: m.detaineeId,
        siteId: m.siteId,
        changes: { movementId: id, from: m.status, to: input.status, at, note: input.note ?? null },
      });
    });
    return this.get(actor, id);
  }

  // ── release ───────────────────────────────────────────────────────────────

  /** Asks for a release: the identity check is recorded now; a legal officer approves it next. */
  async requestRelease(actor: Actor, input: ReleaseInput): Promise<ReleaseView> {
    const d = await this.register.read(input.detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new NotFound('detainee');
    if (d.status !== 'in_custody') throw new Conflict(`the detainee is ${d.status}, not in custody`);
    for (const [f, v] of [
      ['legalAuthority', input.legalAuthority],
      ['orderRef', input.orderRef],
      ['identityCheck.method', input.identityCheck.method],
      ['identityCheck.confirmedBy', input.identityCheck.confirmedBy],
    ] as const)
      if (!v.trim()) throw new BadRequest(`${f}: is required`, f);
    if (input.legalBasisId && !d.legalBases.some((b) => b.id === input.legalBasisId))
      throw new BadRequest('legalBasisId: not a legal basis of this detainee', 'legalBasisId');
    const open = await this.db
      .selectFrom('releases')
      .select('id')
      .where('detainee_id', '=', d.id)
      .where('status', 'in', ['requested', 'approved'])
      .executeTakeFirst();
    if (open) throw new Conflict('a release of this detainee is already under way');
    const now = this.clock.now().toISOString();
    const row: Database['releases'] = {
      id: randomUUID(),
      detainee_id: d.id,
      site_id: d.siteId,
      grounds: input.grounds,
      legal_authority: input.legalAuthority.trim(),
      order_ref: input.orderRef.trim(),
      legal_basis_id: input.legalBasisId ?? null,
      identity_check: JSON.stringify(input.identityCheck),
      status: 'requested',
      requested_at: now,
      requested_by: actor.audit.actor.name,
      approved_at: null,
      approved_by: null,
      completed_at: null,
      completed_by: null,
      property_returned: null,
      signed_by: null,
      note: input.note ?? null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('releases').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'release.request',
        subjectType: 'detainee',
        subjectId: d.id,
        siteId: d.siteId,
        changes: row,
      });
    });
    return toReleaseView(row);
  }

  async getRelease(actor: Actor, id: string): Promise<ReleaseView> {
    const row = await this.db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('release');
    return toReleaseView(row);
  }

  /** Legal bases still in force other than the one the release ends: any of them forbids the release. */
  private async otherActiveBases(detaineeId: string, except: string | null): Promise<string[]> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const rows = await this.db
      .selectFrom('legal_bases')
      .select(['id', 'basis', 'authority', 'to_date'])
      .where('detainee_id', '=', detaineeId)
      .execute();
    return rows
      .filter((b) => b.id !== except && (b.to_date === null || b.to_date > today))
      .map((b) => `${b.basis} (${b.authority})`);
  }

  /**
   * A legal officer's approval, after the checks: someone other than the requester, and no other
   * legal basis in force.
   */
  async approveRelease(actor: Actor, id: string, note?: string | null): Promise<ReleaseView> {
    const r = await this.getRelease(actor, id);
    if (r.status !== 'requested') throw new Conflict(`the release is ${r.status}`);
    if (r.requestedBy === actor.audit.actor.name)
      throw new Forbidden('the approval must come from someone other than the requester');
    const others = await this.otherActiveBases(r.detaineeId, r.legalBasisId);
    if (others.length) throw new Conflict(`another legal basis is in force: ${others.join('; ')}`);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('releases')
        .set({
          status: 'approved',
          approved_at: now,
          approved_by: actor.audit.actor.name,
          note: note ?? r.note,
        })
        .where('id', '=', id)
        .where('status', '=', 'requested')
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'release.approve',
        subjectType: 'detainee',
        subjectId: r.detaineeId,
        siteId: r.siteId,
        changes: { releaseId: id, note: note ?? null },
      });
    });
    return this.getRelease(actor, id);
  }

  /**
   * The release itself: checks again (a new basis may have come since the approval), the
   * property returned against the admission inventory and signed for, the handover at the gate,
   * the legal basis ended and the register's status released.
   */
  async completeRelease(
    actor: Actor,
    id: string,
    input: { propertyReturned: PropertyItem[]; signedBy: string; handover: HandoverInput },
  ): Promise<ReleaseView> {
    const r = await this.getRelease(actor, id);
    if (r.status !== 'approved')
      throw new Conflict(`the release is ${r.status}; it needs a legal officer's approval`);
    if (!input.signedBy.trim())
      throw new BadRequest('signedBy: the detainee signs for the property returned', 'signedBy');
    const others = await this.otherActiveBases(r.detaineeId, r.legalBasisId);
    if (others.length) throw new Conflict(`another legal basis is in force: ${others.join('; ')}`);
    const admission = await this.db
      .selectFrom('admissions')
      .select('property')
      .where('detainee_id', '=', r.detaineeId)
      .orderBy('admitted_at', 'desc')
      .executeTakeFirst();
    if (admission) {
      const held = JSON.parse(admission.property) as PropertyItem[];
      const returned = new Map(input.propertyReturned.map((p) => [p.item.trim().toLowerCase(), p.quantity]));
      const short = held.filter((p) => (returned.get(p.item.trim().toLowerCase()) ?? 0) < p.quantity);
      if (short.length)
        throw new BadRequest(
          `propertyReturned: not returned: ${short.map((p) => `${p.quantity} × ${p.item}`).join(', ')}`,
          'propertyReturned',
        );
    }
    const at = this.arrivals.handoverTime(input.handover);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('releases')
        .set({
          status: 'completed',
          completed_at: at,
          completed_by: actor.audit.actor.name,
          property_returned: JSON.stringify(input.propertyReturned),
          signed_by: input.signedBy.trim(),
        })
        .where('id', '=', id)
        .where('status', '=', 'approved')
        .execute();
      if (r.legalBasisId)
        await trx
          .updateTable('legal_bases')
          .set({ to_date: at.slice(0, 10) })
          .where('id', '=', r.legalBasisId)
          .where('to_date', 'is', null)
          .execute();
      await this.register.setStatusMany(
        trx,
        actor,
        [{ id: r.detaineeId, status: 'released', cellId: null }],
        `release ${r.orderRef} (${r.grounds})`,
      );
      await this.arrivals.addHandover(trx, actor, r.detaineeId, r.siteId, 'release', id, input.handover, at);
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'release.complete',
        subjectType: 'detainee',
        subjectId: r.detaineeId,
        siteId: r.siteId,
        changes: {
          releaseId: id,
          propertyReturned: input.propertyReturned,
          signedBy: input.signedBy,
          at,
          recordedAt: now,
        },
      });
    });
    return this.getRelease(actor, id);
  }

  async cancelRelease(actor: Actor, id: string, note: string): Promise<ReleaseView> {
    const r = await this.getRelease(actor, id);
    if (r.status !== 'requested' && r.status !== 'approved') throw new Conflict(`the release is ${r.status}`);
    if (!note.trim()) throw new BadRequest('note: say why', 'note');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('releases')
        .set({ status: 'cancelled', note: note.trim() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'release.cancel',
        subjectType: 'detainee',
        subjectId: r.detaineeId,
        siteId: r.siteId,
        changes: { releaseId: id, note },
      });
    });
    return this.getRelease(actor, id);
  }
}

function toMovementView(r: Database['movements'], history: MovementView['history']): MovementView {
  return {
    id: r.id,
    detaineeId: r.detainee_id,
    siteId: r.site_id,
    kind: r.kind,
    destination: r.destination,
    destinationSiteId: r.destination_site_id,
    status: r.status,
    scheduledFor: r.scheduled_for,
    reason: r.reason,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    history,
  };
}

function toReleaseView(r: Database['releases']): ReleaseView {
  return {
    id: r.id,
    detaineeId: r.detainee_id,
    siteId: r.site_id,
    grounds: r.grounds,
    legalAuthority: r.legal_authority,
    orderRef: r.order_ref,
    legalBasisId: r.legal_basis_id,
    identityCheck: JSON.parse(r.identity_check) as ReleaseInput['identityCheck'],
    status: r.status,
    requestedAt: r.requested_at,
    requestedBy: r.requested_by,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    propertyReturned: r.property_returned ? (JSON.parse(r.property_returned) as PropertyItem[]) : null,
    signedBy: r.signed_by,
    note: r.note,
  };
}
