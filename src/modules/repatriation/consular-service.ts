import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { RegisterService } from '../register';

/**
 * The state that holds the detainees. Its own nationals have no consular record: the Vienna
 * Convention concerns foreign nationals.
 */
export const DETAINING_STATE = 'IQ';

export const CONSULAR_EVENTS = [
  'informed',
  'requested',
  'declined',
  'notified',
  'letter_forwarded',
  'visit',
  'objection',
  'objection_withdrawn',
] as const;
export type ConsularEventType = (typeof CONSULAR_EVENTS)[number];

export interface ConsularEventView {
  id: string;
  type: string;
  occurredAt: string;
  channel: string | null;
  detail: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface ConsularRecordView {
  id: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  country: string;
  consulate: string | null;
  createdAt: string;
  createdBy: string;
  /** Art. 36(1)(b): told of the right "without delay". */
  informedAt: string | null;
  /** Days from admission (or arrest) to being told, when both are known. */
  daysToInform: number | null;
  /** true: asked for the consulate to be told; false: declined; null: not yet asked. */
  requested: boolean | null;
  requestedAt: string | null;
  notifiedAt: string | null;
  notifiedHow: string | null;
  lettersForwarded: number;
  visits: number;
  /** Art. 36(1)(c): the detainee expressly opposes consular action. */
  objection: boolean;
  events: ConsularEventView[];
}

/**
 * Consular notification and access for foreign nationals (Vienna Convention on Consular
 * Relations, Art. 36), kept as an append-only list of events: told of the right, asked or
 * declined, the consulate told (when and how), letters forwarded, visits, objections.
 */
export class ConsularService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly detainingState: string = DETAINING_STATE,
  ) {}

  async create(
    actor: Actor,
    input: { detaineeId: string; country: string; consulate?: string | null },
  ): Promise<ConsularRecordView> {
    const d = await this.register.read(input.detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new BadRequest('detaineeId: unknown detainee', 'detaineeId');
    if (input.country === this.detainingState)
      throw new BadRequest(
        `country: ${input.country} is the detaining state; its nationals have no consular notification`,
        'country',
      );
    if (!d.nationalities.includes(input.country))
      throw new BadRequest(
        `country: the detainee is not recorded as a national of ${input.country} (nationalities: ${d.nationalities.join(', ') || 'none'})`,
        'country',
      );
    const existing = await this.db
      .selectFrom('consular_records')
      .select('id')
      .where('detainee_id', '=', d.id)
      .where('country', '=', input.country)
      .executeTakeFirst();
    if (existing)
      throw new Conflict(
        `country: a consular record for ${input.country} exists (${existing.id})`,
        'country',
      );
    const row = {
      id: randomUUID(),
      detainee_id: d.id,
      country: input.country,
      consulate: input.consulate ?? null,
      created_at: this.clock.now().toISOString(),
      created_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('consular_records').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'consular.create',
        subjectType: 'consular_record',
        subjectId: row.id,
        siteId: d.siteId,
        changes: row,
      });
    });
    return this.read(row.id);
  }

  /**
   * Adds what happened. The order the Convention implies is enforced: a request or a refusal
   * follows being told of the right, and the consulate is told only at the detainee's request.
   */
  async addEvent(
    actor: Actor,
    id: string,
    input: { type: ConsularEventType; occurredAt: string; channel?: string | null; detail?: string | null },
  ): Promise<ConsularRecordView> {
    const record = await this.get(actor, id);
    const at = new Date(input.occurredAt).toISOString();
    if (at > this.clock.now().toISOString())
      throw new BadRequest('occurredAt: is in the future', 'occurredAt');
    const has = (t: string) => record.events.some((e) => e.type === t);
    if ((input.type === 'requested' || input.type === 'declined') && !has('informed'))
      throw new BadRequest(
        `type: ${input.type} before the detainee was told of the right (record "informed" first)`,
        'type',
      );
    if (input.type === 'notified') {
      if (record.requested !== true)
        throw new BadRequest(
          "type: the consulate is told only at the detainee's request (Art. 36(1)(b)); no request is recorded",
          'type',
        );
      if (!input.channel?.trim())
        throw new BadRequest(
          'channel: say how the consulate was told (note verbale, fax, e-mail, telephone)',
          'channel',
        );
    }
    if (input.type === 'objection_withdrawn' && !record.objection)
      throw new BadRequest('type: there is no objection to withdraw', 'type');
    const row = {
      id: randomUUID(),
      record_id: id,
      type: input.type,
      occurred_at: at,
      channel: input.channel?.trim() || null,
      detail: input.detail?.trim() || null,
      recorded_at: this.clock.now().toISOString(),
      recorded_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('consular_events').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: `consular.${input.type}`,
        subjectType: 'consular_record',
        subjectId: id,
        siteId: record.siteId,
        changes: row,
      });
    });
    return this.read(id);
  }

  async get(actor: Actor, id: string): Promise<ConsularRecordView> {
    const view = await this.read(id).catch(() => null);
    if (!view || !inScope(actor, view.siteId)) throw new NotFound('consular record');
    return view;
  }

  async list(actor: Actor, filter: { detaineeId?: string; country?: string }): Promise<ConsularRecordView[]> {
    let q = this.db
      .selectFrom('consular_records')
      .innerJoin('detainees', 'detainees.id', 'consular_records.detainee_id')
      .select('consular_records.id');
    if (actor.sites !== null) q = q.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.detaineeId) q = q.where('consular_records.detainee_id', '=', filter.detaineeId);
    if (filter.country) q = q.where('consular_records.country', '=', filter.country);
    const ids = await q.orderBy('consular_records.created_at', 'desc').limit(500).execute();
    return Promise.all(ids.map((r) => this.read(r.id)));
  }

  /**
   * Detainees with a consular-notification decision on record (asked for the consulate to be
   * told, or declined): for the safeguards module's Art. 36 check.
   *
   * @example (await consular.detaineesWithDecision()).has(detaineeId)
   */
  async detaineesWithDecision(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('consular_events')
      .innerJoin('consular_records', 'consular_records.id', 'consular_events.record_id')
      .select('consular_records.detainee_id')
      .where('consular_events.type', 'in', ['requested', 'declined'])
      .distinct()
      .execute();
    return new Set(rows.map((r) => r.detainee_id));
  }

  private async read(id: string): Promise<ConsularRecordView> {
    const r = await this.db
      .selectFrom('consular_records')
      .innerJoin('detainees', 'detainees.id', 'consular_records.detainee_id')
      .selectAll('consular_records')
      .select([
        'detainees.number',
        'detainees.display_name',
        'detainees.site_id',
        'detainees.admitted_at',
        'detainees.arrested_at',
      ])
      .where('consular_records.id', '=', id)
      .executeTakeFirst();
    if (!r) throw new NotFound('consular record');
    const events = await this.db
      .selectFrom('consular_events')
      .selectAll()
      .where('record_id', '=', id)
      .orderBy('occurred_at')
      .orderBy('recorded_at')
      .execute();
    return summarise(r, events);
  }
}

function summarise(
  r: Database['consular_records'] & {
    number: string;
    display_name: string;
    site_id: string;
    admitted_at: string | null;
    arrested_at: string | null;
  },
  events: Database['consular_events'][],
): ConsularRecordView {
  const first = (t: string) => events.find((e) => e.type === t) ?? null;
  const lastOf = (types: string[]) => [...events].reverse().find((e) => types.includes(e.type)) ?? null;
  const informed = first('informed');
  const answer = lastOf(['requested', 'declined']);
  const notified = first('notified');
  const objection = lastOf(['objection', 'objection_withdrawn']);
  const start = r.admitted_at ?? r.arrested_at;
  return {
    id: r.id,
    detaineeId: r.detainee_id,
    detaineeNumber: r.number,
    detaineeName: r.display_name,
    siteId: r.site_id,
    country: r.country,
    consulate: r.consulate,
    createdAt: r.created_at,
    createdBy: r.created_by,
    informedAt: informed?.occurred_at ?? null,
    daysToInform:
      informed && start
        ? Math.floor((Date.parse(informed.occurred_at) - Date.parse(start)) / 86_400_000)
        : null,
    requested: answer ? answer.type === 'requested' : null,
    requestedAt: answer?.type === 'requested' ? answer.occurred_at : null,
    notifiedAt: notified?.occurred_at ?? null,
    notifiedHow: notified?.channel ?? null,
    lettersForwarded: events.filter((e) => e.type === 'letter_forwarded').length,
    visits: events.filter((e) => e.type === 'visit').length,
    objection: objection?.type === 'objection',
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      occurredAt: e.occurred_at,
      channel: e.channel,
      detail: e.detail,
      recordedAt: e.recorded_at,
      recordedBy: e.recorded_by,
    })),
  };
}
