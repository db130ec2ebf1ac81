import { randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { EstateService } from '../estate';
import type { RegisterService } from '../register';
import type { NotificationTasksService } from './notification-tasks-service';

export const INCIDENT_TYPES = [
  'drone_strike',
  'rocket_missile_strike',
  'drone_sighting',
  'explosive_device',
  'unrest',
  'riot',
  'hostage_taking',
  'escape',
  'attempted_escape',
  'assault',
  'death_in_custody',
  'serious_injury',
  'self_harm',
  'fire',
  'contraband_find',
  'use_of_force',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const INCIDENT_STATUSES = ['draft', 'submitted', 'under_review', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const PERSON_ROLES = ['perpetrator', 'victim', 'witness', 'injured'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const INJURIES = ['none', 'minor', 'serious'] as const;
export type Injury = (typeof INJURIES)[number];

/** Each status may move to the next one only; reviewing and closing need `incident.review`. */
const NEXT: Record<IncidentStatus, IncidentStatus | null> = {
  draft: 'submitted',
  submitted: 'under_review',
  under_review: 'closed',
  closed: null,
};

export interface Casualties {
  detaineesKilled: number;
  detaineesInjured: number;
  staffKilled: number;
  staffInjured: number;
  othersKilled: number;
  othersInjured: number;
}

export interface IncidentInput {
  siteId: string;
  type: IncidentType;
  occurredAt: string;
  title: string;
  narrative: string;
  blockId?: string | null;
  wingId?: string | null;
  cellId?: string | null;
  location?: string | null;
  casualties?: Partial<Casualties>;
  responseUnit?: string | null;
  responseActions?: string | null;
}

export interface IncidentListItem {
  id: string;
  number: string;
  siteId: string;
  siteCode: string;
  type: string;
  occurredAt: string;
  title: string;
  status: string;
  location: string | null;
  casualties: Casualties;
  cellsDamaged: number;
  people: number;
}

export interface IncidentPersonInput {
  kind: 'detainee' | 'staff' | 'other';
  detaineeId?: string;
  name?: string;
  role: PersonRole;
  injury?: Injury;
  note?: string | null;
}

export interface IncidentRecord extends IncidentListItem {
  blockId: string | null;
  wingId: string | null;
  cellId: string | null;
  narrative: string;
  responseUnit: string | null;
  responseActions: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  statusHistory: { from: string | null; to: string; note: string | null; at: string; by: string }[];
  addenda: { id: string; text: string; statusThen: string; addedAt: string; addedBy: string }[];
  involved: {
    id: string;
    kind: string;
    detaineeId: string | null;
    detaineeNumber: string | null;
    name: string;
    role: string;
    injury: string;
    note: string | null;
    addedAt: string;
    addedBy: string;
  }[];
  damage: {
    id: string;
    cellId: string;
    cellCode: string;
    description: string;
    cellOutOfService: boolean;
    recordedAt: string;
    recordedBy: string;
    /** Detainees still registered in the damaged cell: they need re-housing. */
    occupants: { id: string; number: string; displayName: string }[];
  }[];
  escapes: {
    id: string;
    detaineeId: string;
    detaineeNumber: string;
    displayName: string;
    lastCellCode: string | null;
    lastSeenAt: string;
    lastSeenPlace: string;
    recapturedAt: string | null;
    recapturedBy: string | null;
    recaptureNote: string | null;
  }[];
  deaths: {
    id: string;
    detaineeId: string;
    detaineeNumber: string;
    displayName: string;
    diedAt: string;
    place: string;
    circumstances: string;
    cause: string;
    remainsDisposition: string;
    recordedAt: string;
    recordedBy: string;
  }[];
}

export interface IncidentFilter {
  siteId?: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  detaineeId?: string;
  page?: number;
  pageSize?: number;
}

export interface RehousingItem {
  detaineeId: string;
  number: string;
  displayName: string;
  siteId: string;
  cellId: string;
  cellCode: string;
  reason: string | null;
  since: string | null;
  incidentId: string | null;
  incidentNumber: string | null;
}

const ZERO: Casualties = {
  detaineesKilled: 0,
  detaineesInjured: 0,
  staffKilled: 0,
  staffInjured: 0,
  othersKilled: 0,
  othersInjured: 0,
};

/**
 * Incident reports: what happened where and to whom; damage that takes cells out of service;
 * escapes and deaths marked on the register; statuses draft → submitted → under review → closed.
 * After the draft, nothing in a report is overwritten: later facts are addenda.
 */
export class IncidentsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly estate: EstateService,
    private readonly register: RegisterService,
    private readonly tasks: NotificationTasksService,
  ) {}

  async list(
    actor: Actor,
    filter: IncidentFilter,
  ): Promise<{ items: IncidentListItem[]; total: number; page: number; pageSize: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    if (filter.siteId && !inScope(actor, filter.siteId)) return { items: [], total: 0, page, pageSize };
    let q = this.db.selectFrom('incidents');
    if (actor.sites !== null) q = q.where('incidents.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('incidents.site_id', '=', filter.siteId);
    if (filter.type) q = q.where('incidents.type', '=', filter.type);
    if (filter.status) q = q.where('incidents.status', '=', filter.status);
    if (filter.from) q = q.where('incidents.occurred_at', '>=', new Date(filter.from).toISOString());
    if (filter.to) q = q.where('incidents.occurred_at', '<=', new Date(filter.to).toISOString());
    if (filter.detaineeId) {
      const id = filter.detaineeId;
      q = q.where((eb) =>
        eb.or([
          eb(
            'incidents.id',
            'in',
            eb.selectFrom('incident_people').select('incident_id').where('detainee_id', '=', id),
          ),
          eb(
            'incidents.id',
            'in',
            eb.selectFrom('escapes').select('incident_id').where('detainee_id', '=', id),
          ),
          eb(
            'incidents.id',
            'in',
            eb.selectFrom('custody_deaths').select('incident_id').where('detainee_id', '=', id),
          ),
        ]),
      );
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .innerJoin('sites', 'sites.id', 'incidents.site_id')
      .selectAll('incidents')
      .select('sites.code as site_code')
      .orderBy('incidents.occurred_at', 'desc')
      .orderBy('incidents.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const ids = rows.map((r) => r.id);
    const [damage, people] = ids.length
      ? await Promise.all([
          this.db
            .selectFrom('incident_damage')
            .select(['incident_id', sql<number>`count(*)`.as('n')])
            .where('incident_id', 'in', ids)
            .groupBy('incident_id')
            .execute(),
          this.db
            .selectFrom('incident_people')
            .select(['incident_id', sql<number>`count(*)`.as('n')])
            .where('incident_id', 'in', ids)
            .groupBy('incident_id')
            .execute(),
        ])
      : [[], []];
    return {
      items: rows.map((r) => ({
        ...listItem(r),
        cellsDamaged: Number(damage.find((d) => d.incident_id === r.id)?.n ?? 0),
        people: Number(people.find((p) => p.incident_id === r.id)?.n ?? 0),
      })),
      total,
      page,
      pageSize,
    };
  }

  async get(actor: Actor, id: string): Promise<IncidentRecord> {
    const record = await this.read(id);
    if (!record || !inScope(actor, record.siteId)) throw new NotFound('incident');
    return record;
  }

  /** A new report, as a draft or submitted at once (`submit`). A site and a time are required. */
  async create(actor: Actor, input: IncidentInput & { submit?: boolean }): Promise<IncidentRecord> {
    if (!input.siteId) throw new BadRequest('siteId: an incident happens at a site', 'siteId');
    if (!input.occurredAt) throw new BadRequest('occurredAt: say when it happened', 'occurredAt');
    if (!inScope(actor, input.siteId)) throw new BadRequest('siteId: unknown site', 'siteId');
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const site = await trx
        .selectFrom('sites')
        .select('id')
        .where('id', '=', input.siteId)
        .executeTakeFirst();
      if (!site) throw new BadRequest('siteId: unknown site', 'siteId');
      const place = await this.checkPlace(trx, input.siteId, input);
      const occurredAt = this.checkTime(input.occurredAt);
      const now = this.clock.now().toISOString();
      const c = { ...ZERO, ...input.casualties };
      const row = {
        id,
        number: await this.nextNumber(trx),
        site_id: input.siteId,
        type: input.type,
        occurred_at: occurredAt,
        ...place,
        location: input.location?.trim() || null,
        title: input.title.trim(),
        narrative: input.narrative.trim(),
        detainees_killed: c.detaineesKilled,
        detainees_injured: c.detaineesInjured,
        staff_killed: c.staffKilled,
        staff_injured: c.staffInjured,
        others_killed: c.othersKilled,
        others_injured: c.othersInjured,
        response_unit: input.responseUnit?.trim() || null,
        response_actions: input.responseActions?.trim() || null,
        status: input.submit ? 'submitted' : 'draft',
        created_by: actor.audit.actor.name,
        created_at: now,
        updated_at: now,
      };
      if (!row.title) throw new BadRequest('title: is empty', 'title');
      await trx.insertInto('incidents').values(row).execute();
      await trx
        .insertInto('incident_status_changes')
        .values({
          id: randomUUID(),
          incident_id: id,
          seq: 1,
          from_status: null,
          to_status: row.status,
          note: null,
          at: now,
          by: row.created_by,
        })
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.create',
        subjectType: 'incident',
        subjectId: id,
        siteId: row.site_id,
        changes: row,
      });
    });
    return (await this.read(id))!;
  }

  /** Only a draft is edited in place; once submitted, a report grows by addenda. */
  async update(
    actor: Actor,
    id: string,
    patch: Partial<Omit<IncidentInput, 'siteId'>>,
  ): Promise<IncidentRecord> {
    const before = await this.get(actor, id);
    if (before.status !== 'draft')
      throw new Conflict(`the report is ${before.status}: add an addendum instead of changing it`);
    await this.db.transaction().execute(async (trx) => {
      const set: Partial<Database['incidents']> = { updated_at: this.clock.now().toISOString() };
      if (patch.type !== undefined) set.type = patch.type;
      if (patch.occurredAt !== undefined) set.occurred_at = this.checkTime(patch.occurredAt);
      if (patch.title !== undefined) set.title = patch.title.trim();
      if (patch.narrative !== undefined) set.narrative = patch.narrative.trim();
      if (patch.location !== undefined) set.location = patch.location?.trim() || null;
      if (patch.responseUnit !== undefined) set.response_unit = patch.responseUnit?.trim() || null;
      if (patch.responseActions !== undefined) set.response_actions = patch.responseActions?.trim() || null;
      if (patch.blockId !== undefined || patch.wingId !== undefined || patch.cellId !== undefined)
        Object.assign(
          set,
          await this.checkPlace(trx, before.siteId, {
            blockId: patch.blockId ?? before.blockId,
            wingId: patch.wingId ?? before.wingId,
            cellId: patch.cellId ?? before.cellId,
          }),
        );
      if (patch.casualties) {
        const c = { ...before.casualties, ...patch.casualties };
        Object.assign(set, {
          detainees_killed: c.detaineesKilled,
          detainees_injured: c.detaineesInjured,
          staff_killed: c.staffKilled,
          staff_injured: c.staffInjured,
          others_killed: c.othersKilled,
          others_injured: c.othersInjured,
        });
      }
      const changed = await trx
        .updateTable('incidents')
        .set(set)
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0)
        throw new Conflict('the report was submitted meanwhile: add an addendum');
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.update',
        subjectType: 'incident',
        subjectId: id,
        siteId: before.siteId,
        changes: { after: patch },
      });
    });
    return (await this.read(id))!;
  }

  /** draft → submitted → under_review → closed, one step at a time, each with who and when. */
  async transition(
    actor: Actor,
    id: string,
    to: IncidentStatus,
    note?: string | null,
  ): Promise<IncidentRecord> {
    const incident = await this.get(actor, id);
    const from = incident.status as IncidentStatus;
    if (NEXT[from] !== to) throw new Conflict(`status: a ${from} report cannot become ${to}`, 'to');
    if ((to === 'under_review' || to === 'closed') && !actor.may('incident.review'))
      throw new Forbidden('only a commander or director reviews and closes a report');
    if (to === 'closed' && !note?.trim()) throw new BadRequest('note: say why the report is closed', 'note');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('incidents')
        .set({ status: to, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) throw new Conflict('the report changed meanwhile');
      await trx
        .insertInto('incident_status_changes')
        .values({
          id: randomUUID(),
          incident_id: id,
          seq: await nextSeq(trx, 'incident_status_changes', id),
          from_status: from,
          to_status: to,
          note: note?.trim() || null,
          at: now,
          by: actor.audit.actor.name,
        })
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.status',
        subjectType: 'incident',
        subjectId: id,
        siteId: incident.siteId,
        changes: { from, to, note: note ?? null },
      });
    });
    return (await this.read(id))!;
  }

  /** A later fact. Addenda are appended, never edited, at any status. */
  async addAddendum(actor: Actor, id: string, text: string): Promise<IncidentRecord> {
    const incident = await this.get(actor, id);
    if (!text.trim()) throw new BadRequest('text: is empty', 'text');
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        incident_id: id,
        seq: await nextSeq(trx, 'incident_addenda', id),
        text: text.trim(),
        status_then: incident.status,
        added_at: this.clock.now().toISOString(),
        added_by: actor.audit.actor.name,
      };
      await trx.insertInto('incident_addenda').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.addendum',
        subjectType: 'incident',
        subjectId: id,
        siteId: incident.siteId,
        changes: row,
      });
    });
    return (await this.read(id))!;
  }

  /**
   * Someone involved, with their role. A detainee must be held at the incident's site; a detainee
   * seriously injured starts the Rule 71 report and the Rule 69 family notice.
   */
  async addPerson(actor: Actor, id: string, input: IncidentPersonInput): Promise<IncidentRecord> {
    const incident = await this.openIncident(actor, id);
    let name = input.name?.trim() ?? '';
    if (input.kind === 'detainee') {
      if (!input.detaineeId) throw new BadRequest('detaineeId: name the detainee', 'detaineeId');
      const d = await this.register.read(input.detaineeId);
      if (!d || d.siteId !== incident.siteId)
        throw new BadRequest("detaineeId: not a detainee of the incident's site", 'detaineeId');
      name = d.displayName;
    } else {
      if (input.detaineeId) throw new BadRequest('detaineeId: only for a detainee', 'detaineeId');
      if (!name) throw new BadRequest('name: say who', 'name');
    }
    const injury = input.injury ?? 'none';
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        incident_id: id,
        person_kind: input.kind,
        detainee_id: input.detaineeId ?? null,
        name,
        role: input.role,
        injury,
        note: input.note?.trim() || null,
        added_at: this.clock.now().toISOString(),
        added_by: actor.audit.actor.name,
      };
      await trx.insertInto('incident_people').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.person',
        subjectType: 'incident',
        subjectId: id,
        siteId: incident.siteId,
        changes: row,
      });
      if (input.kind === 'detainee' && injury === 'serious') {
        await this.tasks.create(trx, actor, {
          siteId: incident.siteId,
          kind: 'authority_serious_injury',
          detaineeId: input.detaineeId,
          incidentId: id,
        });
        await this.tasks.create(trx, actor, {
          siteId: incident.siteId,
          kind: 'family_serious_injury',
          detaineeId: input.detaineeId,
          incidentId: id,
        });
      }
    });
    return (await this.read(id))!;
  }

  /** Damage that takes cells out of service, in one transaction; their occupants then need re-housing. */
  async addDamage(
    actor: Actor,
    id: string,
    input: { cellIds: string[]; description: string },
  ): Promise<IncidentRecord> {
    const incident = await this.openIncident(actor, id);
    if (!input.description.trim()) throw new BadRequest('description: say what was damaged', 'description');
    const cells = await this.db
      .selectFrom('cells')
      .select(['id', 'site_id'])
      .where('id', 'in', input.cellIds.length ? input.cellIds : [''])
      .execute();
    for (const [i, cellId] of input.cellIds.entries())
      if (cells.find((c) => c.id === cellId)?.site_id !== incident.siteId)
        throw new BadRequest(`cellIds[${i}]: not a cell of the incident's site`, `cellIds[${i}]`);
    await this.db.transaction().execute(async (trx) => {
      await this.estate.takeOutOfService(
        trx,
        actor,
        input.cellIds,
        `${incident.number}: ${input.description.trim()}`.slice(0, 500),
      );
      const now = this.clock.now().toISOString();
      const rows = [...new Set(input.cellIds)].map((cellId) => ({
        id: randomUUID(),
        incident_id: id,
        cell_id: cellId,
        description: input.description.trim(),
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      }));
      await trx.insertInto('incident_damage').values(rows).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.damage',
        subjectType: 'incident',
        subjectId: id,
        siteId: incident.siteId,
        changes: { cellIds: input.cellIds, description: input.description },
      });
    });
    return (await this.read(id))!;
  }

  /**
   * Marks a detainee escaped on the register, keeping where they were last housed and seen,
   * and starts the Rule 71 report of a disappearance.
   */
  async recordEscape(
    actor: Actor,
    id: string,
    input: { detaineeId: string; lastSeenAt: string; lastSeenPlace: string },
  ): Promise<IncidentRecord> {
    const incident = await this.openIncident(actor, id);
    if (incident.type === 'attempted_escape')
      throw new Conflict('type: an attempted escape marks nobody escaped; report the escape', 'type');
    const d = await this.register.read(input.detaineeId);
    if (!d || d.siteId !== incident.siteId)
      throw new BadRequest("detaineeId: not a detainee of the incident's site", 'detaineeId');
    if (d.status !== 'in_custody')
      throw new Conflict(`detaineeId: the detainee is ${d.status}, not in custody`, 'detaineeId');
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        incident_id: id,
        detainee_id: d.id,
        site_id: d.siteId,
        last_cell_id: d.cellId,
        last_cell_code: d.cellCode ? [d.wingCode, d.cellCode].filter(Boolean).join('/') : null,
        last_seen_at: this.checkTime(input.lastSeenAt, 'lastSeenAt'),
        last_seen_place: input.lastSeenPlace.trim(),
        recorded_at: this.clock.now().toISOString(),
        recorded_by: actor.audit.actor.name,
        recaptured_at: null,
        recaptured_by: null,
        recapture_note: null,
      };
      await trx.insertInto('escapes').values(row).execute();
      // The cell is freed for others; where they were housed stays on the escape record.
      await this.register.setStatusMany(
        trx,
        actor,
        [{ id: d.id, status: 'escaped', cellId: null }],
        `${incident.number}: escape`,
      );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.escape',
        subjectType: 'incident',
        subjectId: id,
        siteId: incident.siteId,
        changes: row,
      });
      await this.tasks.create(trx, actor, {
        siteId: incident.siteId,
        kind: 'authority_disappearance',
        detaineeId: d.id,
        incidentId: id,
      });
    });
    return (await this.read(id))!;
  }

  /** Back in custody: the escape keeps its record; the detainee returns without a cell (to be housed). */
  async recordRecapture(
    actor: Actor,
    escapeId: string,
    input: { recapturedAt: string; note: string },
  ): Promise<IncidentRecord> {
    const escape = await this.db
      .selectFrom('escapes')
      .selectAll()
      .where('id', '=', escapeId)
      .executeTakeFirst();
    if (!escape || !inScope(actor, escape.site_id)) throw new NotFound('escape');
    if (escape.recaptured_at) throw new Conflict('the detainee is already recorded as recaptured');
    const at = this.checkTime(input.recapturedAt, 'recapturedAt');
    if (at < escape.last_seen_at) throw new BadRequest('recapturedAt: is before the escape', 'recapturedAt');
    await this.db.transaction().execute(async (trx) => {
      const set = {
        recaptured_at: at,
        recaptured_by: actor.audit.actor.name,
        recapture_note: input.note.trim(),
      };
      await trx
        .updateTable('escapes')
        .set(set)
        .where('id', '=', escapeId)
        .where('recaptured_at', 'is', null)
        .execute();
      await this.register.setStatusMany(
        trx,
        actor,
        [{ id: escape.detainee_id, status: 'in_custody' }],
        'recaptured',
      );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.recapture',
        subjectType: 'incident',
        subjectId: escape.incident_id,
        siteId: escape.site_id,
        changes: { escapeId, ...set },
      });
    });
    return (await this.read(escape.incident_id))!;
  }

  /**
   * A death in custody (Rule 8): circumstances, cause, where the remains went. Marks the detainee
   * deceased and starts the Rule 71 report and the Rule 69 notice to the family.
   */
  async recordDeath(
    actor: Actor,
    id: string,
    input: {
      detaineeId: string;
      diedAt: string;
      place: string;
      circumstances: string;
      cause: string;
      remainsDisposition: string;
    },
  ): Promise<IncidentRecord> {
    const incident = await this.openIncident(actor, id);
    const d = await this.register.read(input.detaineeId);
    if (!d || d.siteId !== incident.siteId)
      throw new BadRequest("detaineeId: not a detainee of the incident's site", 'detaineeId');
    if (d.status === 'deceased')
      throw new Conflict('detaineeId: the detainee is already recorded as deceased', 'detaineeId');
    for (const field of ['place', 'circumstances', 'cause', 'remainsDisposition'] as const)
      if (!input[field].trim()) throw new BadRequest(`${field}: is required (Rule 8)`, field);
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        incident_id: id,
        detainee_id: d.id,
        site_id: d.siteId,
        died_at: this.checkTime(input.diedAt, 'diedAt'),
        place: input.place.trim(),
        circumstances: input.circumstances.trim(),
        cause: input.cause.trim(),
        remains_disposition: input.remainsDisposition.trim(),
        recorded_at: this.clock.now().toISOString(),
        recorded_by: actor.audit.actor.name,
      };
      await trx.insertInto('custody_deaths').values(row).execute();
      await this.register.setStatusMany(
        trx,
        actor,
        [{ id: d.id, status: 'deceased', cellId: null }],
        `${incident.number}: death in custody`,
      );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'incident.death',
        subjectType: 'incident',
        subjectId: id,
        siteId: incident.siteId,
        changes: row,
      });
      await this.tasks.create(trx, actor, {
        siteId: incident.siteId,
        kind: 'authority_death',
        detaineeId: d.id,
        incidentId: id,
      });
      await this.tasks.create(trx, actor, {
        siteId: incident.siteId,
        kind: 'family_death',
        detaineeId: d.id,
        incidentId: id,
      });
    });
    return (await this.read(id))!;
  }

  /**
   * Detainees in custody still registered in a cell that is out of service: the housing module
   * moves them. With the incident that damaged the cell, when there is one.
   *
   * @example const waiting = await incidents.needingRehousing(actor, siteId);
   */
  async needingRehousing(actor: Actor, siteId?: string): Promise<RehousingItem[]> {
    if (siteId && !inScope(actor, siteId)) return [];
    let q = this.db
      .selectFrom('detainees')
      .innerJoin('cells', 'cells.id', 'detainees.cell_id')
      .select([
        'detainees.id',
        'detainees.number',
        'detainees.display_name',
        'detainees.site_id',
        'cells.id as cell_id',
        'cells.code as cell_code',
        'cells.out_of_service_reason',
        'cells.out_of_service_since',
      ])
      .where('cells.out_of_service', '=', 1)
      .where('detainees.status', '=', 'in_custody');
    if (actor.sites !== null) q = q.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (siteId) q = q.where('detainees.site_id', '=', siteId);
    const rows = await q.orderBy('cells.code').orderBy('detainees.number').execute();
    const cellIds = [...new Set(rows.map((r) => r.cell_id))];
    const damage = cellIds.length
      ? await this.db
          .selectFrom('incident_damage')
          .innerJoin('incidents', 'incidents.id', 'incident_damage.incident_id')
          .select([
            'incident_damage.cell_id',
            'incidents.id',
            'incidents.number',
            'incident_damage.recorded_at',
          ])
          .where('incident_damage.cell_id', 'in', cellIds)
          .orderBy('incident_damage.recorded_at', 'desc')
          .execute()
      : [];
    return rows.map((r) => {
      const hit = damage.find((d) => d.cell_id === r.cell_id);
      return {
        detaineeId: r.id,
        number: r.number,
        displayName: r.display_name,
        siteId: r.site_id,
        cellId: r.cell_id,
        cellCode: r.cell_code,
        reason: r.out_of_service_reason,
        since: r.out_of_service_since,
        incidentId: hit?.id ?? null,
        incidentNumber: hit?.number ?? null,
      };
    });
  }

  async read(id: string): Promise<IncidentRecord | null> {
    const r = await this.db
      .selectFrom('incidents')
      .innerJoin('sites', 'sites.id', 'incidents.site_id')
      .selectAll('incidents')
      .select('sites.code as site_code')
      .where('incidents.id', '=', id)
      .executeTakeFirst();
    if (!r) return null;
    const [history, addenda, people, damage, escapes, deaths] = await Promise.all([
      this.db
        .selectFrom('incident_status_changes')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('seq')
        .execute(),
      this.db
        .selectFrom('incident_addenda')
        .selectAll()
        .where('incident_id', '=', id)
        .orderBy('seq')
        .execute(),
      this.db
        .selectFrom('incident_people')
        .leftJoin('detainees', 'detainees.id', 'incident_people.detainee_id')
        .selectAll('incident_people')
        .select('detainees.number as detainee_number')
        .where('incident_id', '=', id)
        .orderBy('added_at')
        .orderBy('incident_people.id')
        .execute(),
      this.db
        .selectFrom('incident_damage')
        .innerJoin('cells', 'cells.id', 'incident_damage.cell_id')
        .selectAll('incident_damage')
        .select(['cells.code as cell_code', 'cells.out_of_service'])
        .where('incident_id', '=', id)
        .orderBy('cells.code')
        .execute(),
      this.db
        .selectFrom('escapes')
        .innerJoin('detainees', 'detainees.id', 'escapes.detainee_id')
        .selectAll('escapes')
        .select(['detainees.number', 'detainees.display_name'])
        .where('incident_id', '=', id)
        .orderBy('escapes.recorded_at')
        .execute(),
      this.db
        .selectFrom('custody_deaths')
        .innerJoin('detainees', 'detainees.id', 'custody_deaths.detainee_id')
        .selectAll('custody_deaths')
        .select(['detainees.number', 'detainees.display_name'])
        .where('incident_id', '=', id)
        .orderBy('custody_deaths.recorded_at')
        .execute(),
    ]);
    const damagedCells = damage.map((d) => d.cell_id);
    const occupants = damagedCells.length
      ? await this.db
          .selectFrom('detainees')
          .select(['id', 'number', 'display_name', 'cell_id'])
          .where('cell_id', 'in', damagedCells)
          .where('status', '=', 'in_custody')
          .orderBy('number')
          .execute()
      : [];
    return {
      ...listItem(r),
      cellsDamaged: damage.length,
      people: people.length,
      blockId: r.block_id,
      wingId: r.wing_id,
      cellId: r.cell_id,
      narrative: r.narrative,
      responseUnit: r.response_unit,
      responseActions: r.response_actions,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      statusHistory: history.map((h) => ({
        from: h.from_status,
        to: h.to_status,
        note: h.note,
        at: h.at,
        by: h.by,
      })),
      addenda: addenda.map((a) => ({
        id: a.id,
        text: a.text,
        statusThen: a.status_then,
        addedAt: a.added_at,
        addedBy: a.added_by,
      })),
      involved: people.map((p) => ({
        id: p.id,
        kind: p.person_kind,
        detaineeId: p.detainee_id,
        detaineeNumber: p.detainee_number ?? null,
        name: p.name,
        role: p.role,
        injury: p.injury,
        note: p.note,
        addedAt: p.added_at,
        addedBy: p.added_by,
      })),
      damage: damage.map((d) => ({
        id: d.id,
        cellId: d.cell_id,
        cellCode: d.cell_code,
        description: d.description,
        cellOutOfService: Number(d.out_of_service) === 1,
        recordedAt: d.recorded_at,
        recordedBy: d.recorded_by,
        occupants:
          Number(d.out_of_service) === 1
            ? occupants
                .filter((o) => o.cell_id === d.cell_id)
                .map((o) => ({ id: o.id, number: o.number, displayName: o.display_name }))
            : [],
      })),
      escapes: escapes.map((e) => ({
        id: e.id,
        detaineeId: e.detainee_id,
        detaineeNumber: e.number,
        displayName: e.display_name,
        lastCellCode: e.last_cell_code,
        lastSeenAt: e.last_seen_at,
        lastSeenPlace: e.last_seen_place,
        recapturedAt: e.recaptured_at,
        recapturedBy: e.recaptured_by,
        recaptureNote: e.recapture_note,
      })),
      deaths: deaths.map((d) => ({
        id: d.id,
        detaineeId: d.detainee_id,
        detaineeNumber: d.number,
        displayName: d.display_name,
        diedAt: d.died_at,
        place: d.place,
        circumstances: d.circumstances,
        cause: d.cause,
        remainsDisposition: d.remains_disposition,
        recordedAt: d.recorded_at,
        recordedBy: d.recorded_by,
      })),
    };
  }

  /** People, damage, escapes and deaths are added until the report is closed; addenda after that. */
  private async openIncident(actor: Actor, id: string): Promise<IncidentRecord> {
    const incident = await this.get(actor, id);
    if (incident.status === 'closed') throw new Conflict('the report is closed: add an addendum');
    return incident;
  }

  private checkTime(value: string, field = 'occurredAt'): string {
    const t = new Date(value);
    if (Number.isNaN(t.getTime())) throw new BadRequest(`${field}: not a time`, field);
    // A report may be late, never early: five minutes of slack for unsynchronised tablets.
    if (t.getTime() > this.clock.now().getTime() + 5 * 60_000)
      throw new BadRequest(`${field}: is in the future`, field);
    return t.toISOString();
  }

  private async checkPlace(
    trx: Transaction<Database>,
    siteId: string,
    input: { blockId?: string | null; wingId?: string | null; cellId?: string | null },
  ) {
    const place = {
      block_id: input.blockId ?? null,
      wing_id: input.wingId ?? null,
      cell_id: input.cellId ?? null,
    };
    if (place.cell_id) {
      const cell = await trx
        .selectFrom('cells')
        .select(['site_id', 'wing_id', 'block_id'])
        .where('id', '=', place.cell_id)
        .executeTakeFirst();
      if (!cell || cell.site_id !== siteId) throw new BadRequest('cellId: not a cell of the site', 'cellId');
      place.wing_id = cell.wing_id;
      place.block_id = cell.block_id;
    } else if (place.wing_id) {
      const wing = await trx
        .selectFrom('wings')
        .select(['site_id', 'block_id'])
        .where('id', '=', place.wing_id)
        .executeTakeFirst();
      if (!wing || wing.site_id !== siteId) throw new BadRequest('wingId: not a wing of the site', 'wingId');
      place.block_id = wing.block_id;
    } else if (place.block_id) {
      const block = await trx
        .selectFrom('blocks')
        .select('site_id')
        .where('id', '=', place.block_id)
        .executeTakeFirst();
      if (!block || block.site_id !== siteId)
        throw new BadRequest('blockId: not a block of the site', 'blockId');
    }
    return place;
  }

  private async nextNumber(trx: Transaction<Database>): Promise<string> {
    const year = this.clock.now().toISOString().slice(0, 4);
    const row = await trx
      .selectFrom('incidents')
      .select(sql<string | null>`max(number)`.as('max'))
      .where('number', 'like', `INC-${year}-%`)
      .executeTakeFirst();
    const next = row?.max ? Number(row.max.slice(9)) + 1 : 1;
    return `INC-${year}-${String(next).padStart(6, '0')}`;
  }
}

async function nextSeq(
  trx: Transaction<Database>,
  table: 'incident_status_changes' | 'incident_addenda',
  incidentId: string,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select(sql<number | null>`max(seq)`.as('max'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

function listItem(
  r: Database['incidents'] & { site_code: string },
): Omit<IncidentListItem, 'cellsDamaged' | 'people'> {
  return {
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteCode: r.site_code,
    type: r.type,
    occurredAt: r.occurred_at,
    title: r.title,
    status: r.status,
    location: r.location,
    casualties: {
      detaineesKilled: Number(r.detainees_killed),
      detaineesInjured: Number(r.detainees_injured),
      staffKilled: Number(r.staff_killed),
      staffInjured: Number(r.staff_injured),
      othersKilled: Number(r.others_killed),
      othersInjured: Number(r.others_injured),
    },
  };
}
