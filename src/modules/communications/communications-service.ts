import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { RegisterService } from '../register';
import { normalisePhone } from './identifiers';
import type { ApprovedContactsTable, CommunicationsTable, ContactRestrictionsTable } from './tables';

export const CONTACT_KINDS = ['family', 'lawyer', 'consul', 'icrc', 'other'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
/** Lawyer, consul, ICRC: recorded (who, when, how long) but never monitored, their content never stored. */
export const PRIVILEGED_KINDS: readonly ContactKind[] = ['lawyer', 'consul', 'icrc'];
export const MODES = ['visit', 'call', 'letter'] as const;
export type Mode = (typeof MODES)[number];
/** Rule 43: restrictions as a sanction are limited in time. */
export const MAX_RESTRICTION_DAYS = 30;

export interface ContactView {
  id: string;
  detaineeId: string;
  kind: string;
  privileged: boolean;
  name: string;
  relationship: string | null;
  organisation: string | null;
  phone: string | null;
  address: string | null;
  status: string;
  requestedAt: string;
  requestedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface CommunicationView {
  id: string;
  detaineeId: string;
  mode: string;
  direction: string;
  contactId: string | null;
  counterpartKind: string;
  counterpartName: string;
  phoneNumber: string | null;
  privileged: boolean;
  at: string;
  durationMinutes: number | null;
  monitored: boolean;
  /** What a monitored, non-privileged communication said; always null for privileged contact. */
  summary: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface RestrictionView {
  id: string;
  detaineeId: string;
  modes: string[];
  counterparts: string[];
  reason: string;
  from: string;
  to: string;
  active: boolean;
  imposedAt: string;
  imposedBy: string;
}

export interface NewCommunication {
  mode: Mode;
  direction: 'in' | 'out';
  contactId?: string | null;
  counterpartKind?: ContactKind;
  counterpartName?: string;
  phoneNumber?: string | null;
  at: string;
  durationMinutes?: number | null;
  monitored: boolean;
  summary?: string | null;
}

/**
 * Approved contacts, and every visit, call and letter. Privileged contact (lawyer, consul, ICRC)
 * is recorded — who, when, how long — but can never be marked monitored and its content is never
 * stored; even its record is shown only to those with `privileged.read`. Restrictions as a
 * sanction are limited in time and never ban family contact (Rule 43).
 */
export class CommunicationsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
  ) {}

  async listContacts(actor: Actor, detaineeId: string): Promise<ContactView[]> {
    await this.detainee(actor, detaineeId);
    let q = this.db.selectFrom('approved_contacts').selectAll().where('detainee_id', '=', detaineeId);
    if (!actor.may('privileged.read')) q = q.where('kind', 'not in', [...PRIVILEGED_KINDS]);
    return (await q.orderBy('kind').orderBy('name').execute()).map(contactView);
  }

  async addContact(
    actor: Actor,
    detaineeId: string,
    input: {
      kind: ContactKind;
      name: string;
      relationship?: string | null;
      organisation?: string | null;
      phone?: string | null;
      address?: string | null;
    },
  ): Promise<ContactView> {
    const d = await this.detainee(actor, detaineeId);
    let phone: string | null = null;
    if (input.phone) {
      const p = normalisePhone(input.phone);
      if ('problem' in p) throw new BadRequest(`phone: ${p.problem}`, 'phone');
      phone = p.value;
    }
    if (PRIVILEGED_KINDS.includes(input.kind) && !input.organisation?.trim())
      throw new BadRequest(
        `organisation: a ${input.kind} contact names the bar, consulate or delegation`,
        'organisation',
      );
    const now = this.clock.now().toISOString();
    const row = {
      id: randomUUID(),
      detainee_id: detaineeId,
      site_id: d.siteId,
      kind: input.kind,
      name: input.name.trim(),
      relationship: input.relationship?.trim() || null,
      organisation: input.organisation?.trim() || null,
      phone,
      address: input.address?.trim() || null,
      status: 'pending',
      requested_at: now,
      requested_by: actor.audit.actor.name,
      decided_at: null,
      decided_by: null,
      decision_note: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('approved_contacts').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'contact.create',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: d.siteId,
        changes: row,
      });
    });
    return contactView(row);
  }

  /** Approve, refuse or revoke a contact. Privileged contacts are decided only by those who may see them. */
  async decideContact(
    actor: Actor,
    contactId: string,
    input: { decision: 'approved' | 'refused' | 'revoked'; note?: string | null },
  ): Promise<ContactView> {
    const c = await this.db
      .selectFrom('approved_contacts')
      .selectAll()
      .where('id', '=', contactId)
      .executeTakeFirst();
    if (
      !c ||
      !inScope(actor, c.site_id) ||
      (PRIVILEGED_KINDS.includes(c.kind as ContactKind) && !actor.may('privileged.read'))
    )
      throw new NotFound('contact');
    const allowed = input.decision === 'revoked' ? c.status === 'approved' : c.status === 'pending';
    if (!allowed)
      throw new Conflict(`decision: a ${c.status} contact cannot be ${input.decision}`, 'decision');
    if (input.decision !== 'approved' && !input.note?.trim()) throw new BadRequest('note: say why', 'note');
    const set = {
      status: input.decision,
      decided_at: this.clock.now().toISOString(),
      decided_by: actor.audit.actor.name,
      decision_note: input.note?.trim() || null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('approved_contacts').set(set).where('id', '=', contactId).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: `contact.${input.decision}`,
        subjectType: 'detainee',
        subjectId: c.detainee_id,
        siteId: c.site_id,
        changes: { contactId, ...set },
      });
    });
    return contactView({ ...c, ...set });
  }

  /** A visit, call or letter, as it happened. */
  async log(actor: Actor, detaineeId: string, input: NewCommunication): Promise<CommunicationView> {
    const d = await this.detainee(actor, detaineeId);
    let kind = input.counterpartKind;
    let name = input.counterpartName?.trim();
    if (input.contactId) {
      const c = await this.db
        .selectFrom('approved_contacts')
        .selectAll()
        .where('id', '=', input.contactId)
        .executeTakeFirst();
      if (!c || c.detainee_id !== detaineeId)
        throw new BadRequest('contactId: not a contact of the detainee', 'contactId');
      if (c.status !== 'approved')
        throw new BadRequest(`contactId: the contact is ${c.status}, not approved`, 'contactId');
      if (kind && kind !== c.kind)
        throw new BadRequest(`counterpartKind: the contact is ${c.kind}`, 'counterpartKind');
      kind = c.kind as ContactKind;
      name = name || c.name;
    }
    if (!kind)
      throw new BadRequest('counterpartKind: say who the detainee was in contact with', 'counterpartKind');
    if (!name)
      throw new BadRequest('counterpartName: say who the detainee was in contact with', 'counterpartName');
    const privileged = PRIVILEGED_KINDS.includes(kind);
    if (privileged && input.monitored)
      throw new BadRequest(
        `monitored: contact with a ${kind} is privileged and is never monitored`,
        'monitored',
      );
    if (privileged && input.summary?.trim())
      throw new BadRequest(
        `summary: the content of privileged contact with a ${kind} is never recorded`,
        'summary',
      );
    if (!input.monitored && input.summary?.trim())
      throw new BadRequest('summary: only a monitored communication has a record of its content', 'summary');
    if (input.mode === 'letter' && input.durationMinutes)
      throw new BadRequest('durationMinutes: a letter has no duration', 'durationMinutes');
    const at = new Date(input.at);
    if (at.getTime() > this.clock.now().getTime() + 5 * 60_000)
      throw new BadRequest('at: is in the future', 'at');
    let phone: string | null = null;
    if (input.phoneNumber) {
      const p = normalisePhone(input.phoneNumber);
      if ('problem' in p) throw new BadRequest(`phoneNumber: ${p.problem}`, 'phoneNumber');
      phone = p.value;
    }
    if (!privileged) {
      const restriction = (await this.restrictionRows(detaineeId)).find(
        (r) =>
          r.from_at <= at.toISOString() &&
          at.toISOString() < r.to_at &&
          JSON.parse(r.modes).includes(input.mode) &&
          JSON.parse(r.counterparts).includes(kind),
      );
      if (restriction)
        throw new Conflict(
          `${input.mode}s with ${kind} contacts are restricted until ${restriction.to_at}: ${restriction.reason}`,
        );
    }
    const row = {
      id: randomUUID(),
      detainee_id: detaineeId,
      site_id: d.siteId,
      mode: input.mode,
      direction: input.direction,
      contact_id: input.contactId ?? null,
      counterpart_kind: kind,
      counterpart_name: name,
      phone_number: phone,
      privileged: privileged ? 1 : 0,
      at: at.toISOString(),
      duration_minutes: input.durationMinutes ?? null,
      monitored: input.monitored && !privileged ? 1 : 0,
      summary: privileged ? null : input.summary?.trim() || null,
      recorded_at: this.clock.now().toISOString(),
      recorded_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('communications').values(row).execute();
      // The audit of a privileged contact holds its record, never content (there is none to hold).
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'communication.log',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: d.siteId,
        changes: row,
      });
    });
    return communicationView(row);
  }

  /**
   * The detainee's visits, calls and letters, newest first. Privileged contact is left out for
   * those without `privileged.read`; asking for it explicitly is refused.
   */
  async list(
    actor: Actor,
    detaineeId: string,
    filter: { mode?: Mode; privileged?: 'include' | 'exclude' | 'only' } = {},
  ): Promise<CommunicationView[]> {
    await this.detainee(actor, detaineeId);
    const mayPrivileged = actor.may('privileged.read');
    if ((filter.privileged === 'include' || filter.privileged === 'only') && !mayPrivileged)
      throw new Forbidden('privileged contact is need-to-know: your role may not see it');
    const which = filter.privileged ?? (mayPrivileged ? 'include' : 'exclude');
    let q = this.db.selectFrom('communications').selectAll().where('detainee_id', '=', detaineeId);
    if (which === 'exclude') q = q.where('privileged', '=', 0);
    if (which === 'only') q = q.where('privileged', '=', 1);
    if (filter.mode) q = q.where('mode', '=', filter.mode);
    return (await q.orderBy('at', 'desc').orderBy('id').limit(1000).execute()).map(communicationView);
  }

  /**
   * A restriction of contact as a sanction (Rule 43): limited in time (at most 30 days), never of
   * privileged contact, and never a ban on family contact — one means of it always stays open.
   */
  async restrict(
    actor: Actor,
    detaineeId: string,
    input: { modes: Mode[]; counterparts: ('family' | 'other')[]; reason: string; from: string; to: string },
  ): Promise<RestrictionView> {
    const d = await this.detainee(actor, detaineeId);
    if (!actor.may('comms.restrict')) throw new Forbidden('only a commander or director restricts contact');
    const modes = [...new Set(input.modes)];
    const counterparts = [...new Set(input.counterparts)];
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (to <= from) throw new BadRequest('to: is not after from', 'to');
    if (to.getTime() - from.getTime() > MAX_RESTRICTION_DAYS * 86_400_000)
      throw new BadRequest(`to: a restriction lasts at most ${MAX_RESTRICTION_DAYS} days (Rule 43)`, 'to');
    if (counterparts.includes('family') && MODES.every((m) => modes.includes(m)))
      throw new BadRequest(
        'modes: family contact is never banned — leave at least one means open (Rule 43(3))',
        'modes',
      );
    const row = {
      id: randomUUID(),
      detainee_id: detaineeId,
      site_id: d.siteId,
      modes: JSON.stringify(modes),
      counterparts: JSON.stringify(counterparts),
      reason: input.reason.trim(),
      from_at: from.toISOString(),
      to_at: to.toISOString(),
      imposed_at: this.clock.now().toISOString(),
      imposed_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('contact_restrictions').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'contact.restrict',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: d.siteId,
        changes: row,
      });
    });
    return this.restrictionView(row);
  }

  async restrictions(actor: Actor, detaineeId: string): Promise<RestrictionView[]> {
    await this.detainee(actor, detaineeId);
    return (await this.restrictionRows(detaineeId)).map((r) => this.restrictionView(r));
  }

  private async restrictionRows(detaineeId: string) {
    return this.db
      .selectFrom('contact_restrictions')
      .selectAll()
      .where('detainee_id', '=', detaineeId)
      .orderBy('from_at', 'desc')
      .execute();
  }

  private restrictionView(r: Selectable<ContactRestrictionsTable>): RestrictionView {
    const now = this.clock.now().toISOString();
    return {
      id: r.id,
      detaineeId: r.detainee_id,
      modes: JSON.parse(r.modes),
      counterparts: JSON.parse(r.counterparts),
      reason: r.reason,
      from: r.from_at,
      to: r.to_at,
      active: r.from_at <= now && now < r.to_at,
      imposedAt: r.imposed_at,
      imposedBy: r.imposed_by,
    };
  }

  private async detainee(actor: Actor, id: string) {
    const d = await this.register.read(id);
    if (!d || !inScope(actor, d.siteId)) throw new NotFound('detainee');
    return d;
  }
}

function contactView(c: Selectable<ApprovedContactsTable>): ContactView {
  return {
    id: c.id,
    detaineeId: c.detainee_id,
    kind: c.kind,
    privileged: PRIVILEGED_KINDS.includes(c.kind as ContactKind),
    name: c.name,
    relationship: c.relationship,
    organisation: c.organisation,
    phone: c.phone,
    address: c.address,
    status: c.status,
    requestedAt: c.requested_at,
    requestedBy: c.requested_by,
    decidedAt: c.decided_at,
    decidedBy: c.decided_by,
    decisionNote: c.decision_note,
  };
}

function communicationView(r: Selectable<CommunicationsTable>): CommunicationView {
  const privileged = Number(r.privileged) === 1;
  return {
    id: r.id,
    detaineeId: r.detainee_id,
    mode: r.mode,
    direction: r.direction,
    contactId: r.contact_id,
    counterpartKind: r.counterpart_kind,
    counterpartName: r.counterpart_name,
    phoneNumber: r.phone_number,
    privileged,
    at: r.at,
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    monitored: !privileged && Number(r.monitored) === 1,
    summary: privileged ? null : r.summary,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
}
