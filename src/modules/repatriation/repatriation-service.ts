import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { LegalService } from '../legal';
import type { RegisterService } from '../register';
import { DETAINING_STATE } from './consular-service';

/** The path of a repatriation, in order: none may be skipped. */
export const REPATRIATION_PATH = [
  'request_received',
  'identity_verified',
  'consular_interview',
  'judicial_clearance',
  'approved',
  'handover_scheduled',
  'handed_over',
] as const;
/** Ways off the path: refused and withdrawn end the case; suspended waits to resume where it stopped. */
export const REPATRIATION_EXITS = ['refused', 'withdrawn', 'suspended'] as const;
export const REPATRIATION_STAGES = [...REPATRIATION_PATH, ...REPATRIATION_EXITS] as const;
export type RepatriationStage = (typeof REPATRIATION_STAGES)[number];
const ENDED = new Set(['handed_over', 'refused', 'withdrawn']);

export interface Official {
  name: string;
  role: string;
  organisation: string;
}

export interface StepInput {
  stage: RepatriationStage;
  at: string;
  note?: string | null;
  documents?: string[];
  /** Judicial clearance with cases still open: the court's decision that lets the return go ahead. */
  courtDecision?: { court: string; decidedOn: string; reference: string; summary?: string | null } | null;
  /** Handover scheduled or done: when and where; done: the receiving officials. */
  handover?: { at: string; place: string; receivingOfficials?: Official[] } | null;
}

export interface StateLimitView {
  country: string;
  maxDaysBeforeCharge: number | null;
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface RepatriationCaseView {
  id: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  detaineeStatus: string;
  siteId: string;
  requestingState: string;
  reference: string | null;
  stage: string;
  suspendedFrom: string | null;
  requestedOn: string;
  handoverAt: string | null;
  handoverPlace: string | null;
  receivingOfficials: Official[];
  /** The requesting state's own legal limits, as configured: what the returnee faces there. */
  stateLimit: StateLimitView | null;
  /** Where the case may go next. */
  nextStages: string[];
  createdAt: string;
  updatedAt: string;
  steps: {
    id: string;
    stage: string;
    at: string;
    note: string | null;
    documents: string[];
    detail: unknown;
    recordedAt: string;
    recordedBy: string;
  }[];
}

/**
 * Repatriation cases per requesting state: the path from request to handover with every step's
 * who, when and documents; judicial clearance checked against the legal module's open cases; the
 * handover ends custody with status repatriated in the same transaction.
 */
export class RepatriationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly legal: LegalService,
  ) {}

  // ---- the requesting states' limits --------------------------------------------------------

  async listStates(): Promise<StateLimitView[]> {
    const rows = await this.db.selectFrom('repatriation_states').selectAll().orderBy('country').execute();
    return rows.map(stateView);
  }

  async setState(
    actor: Actor,
    country: string,
    input: { maxDaysBeforeCharge: number | null; note?: string | null },
  ): Promise<StateLimitView> {
    const now = this.clock.now().toISOString();
    const row = {
      country,
      max_days_before_charge: input.maxDaysBeforeCharge,
      note: input.note ?? null,
      updated_at: now,
      updated_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('repatriation_states')
        .selectAll()
        .where('country', '=', country)
        .executeTakeFirst();
      if (before)
        await trx.updateTable('repatriation_states').set(row).where('country', '=', country).execute();
      else await trx.insertInto('repatriation_states').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'repatriation.state.set',
        subjectType: 'repatriation_state',
        subjectId: country,
        changes: { before: before ?? null, after: row },
      });
    });
    return stateView(
      await this.db
        .selectFrom('repatriation_states')
        .selectAll()
        .where('country', '=', country)
        .executeTakeFirstOrThrow(),
    );
  }

  // ---- cases --------------------------------------------------------------------------------

  async create(
    actor: Actor,
    input: {
      detaineeId: string;
      requestingState: string;
      requestedOn?: string;
      reference?: string | null;
      note?: string | null;
      documents?: string[];
    },
  ): Promise<RepatriationCaseView> {
    const d = await this.register.read(input.detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new BadRequest('detaineeId: unknown detainee', 'detaineeId');
    if (!['in_custody', 'arriving'].includes(d.status))
      throw new BadRequest(`detaineeId: the detainee is ${d.status}, not in custody`, 'detaineeId');
    if (input.requestingState === DETAINING_STATE)
      throw new BadRequest(
        `requestingState: ${DETAINING_STATE} is the detaining state; its nationals are not repatriated to it`,
        'requestingState',
      );
    if (!d.nationalities.includes(input.requestingState))
      throw new BadRequest(
        `requestingState: the detainee is not recorded as a national of ${input.requestingState} (nationalities: ${d.nationalities.join(', ') || 'none'})`,
        'requestingState',
      );
    // Received today unless the request came earlier.
    const requestedOn = input.requestedOn ?? this.clock.now().toISOString().slice(0, 10);
    if (requestedOn > this.clock.now().toISOString().slice(0, 10))
      throw new BadRequest('requestedOn: is in the future', 'requestedOn');
    const active = await this.db
      .selectFrom('repatriation_cases')
      .select(['id', 'requesting_state'])
      .where('detainee_id', '=', d.id)
      .where('stage', 'not in', [...ENDED])
      .executeTakeFirst();
    if (active)
      throw new Conflict(
        `detaineeId: a repatriation case to ${active.requesting_state} is already open (${active.id})`,
        'detaineeId',
      );
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id,
        detainee_id: d.id,
        requesting_state: input.requestingState,
        reference: input.reference ?? null,
        stage: 'request_received',
        suspended_from: null,
        requested_on: requestedOn,
        handover_at: null,
        handover_place: null,
        receiving_officials: null,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('repatriation_cases').values(row).execute();
      await trx
        .insertInto('repatriation_steps')
        .values({
          id: randomUUID(),
          case_id: id,
          position: 0,
          stage: 'request_received',
          at: `${requestedOn}T00:00:00.000Z`,
          note: input.note ?? null,
          documents: JSON.stringify(input.documents ?? []),
          detail: null,
          recorded_at: now,
          recorded_by: actor.audit.actor.name,
        })
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'repatriation.create',
        subjectType: 'repatriation_case',
        subjectId: id,
        siteId: d.siteId,
        changes: { ...row, documents: input.documents ?? [] },
      });
    });
    return this.read(id);
  }

  async get(actor: Actor, id: string): Promise<RepatriationCaseView> {
    const view = await this.read(id).catch(() => null);
    if (!view || !inScope(actor, view.siteId)) throw new NotFound('repatriation case');
    return view;
  }

  async list(
    actor: Actor,
    filter: { state?: string; stage?: string; detaineeId?: string; page?: number; pageSize?: number },
  ) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db
      .selectFrom('repatriation_cases')
      .innerJoin('detainees', 'detainees.id', 'repatriation_cases.detainee_id');
    if (actor.sites !== null) q = q.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.state) q = q.where('repatriation_cases.requesting_state', '=', filter.state);
    if (filter.stage) q = q.where('repatriation_cases.stage', '=', filter.stage);
    if (filter.detaineeId) q = q.where('repatriation_cases.detainee_id', '=', filter.detaineeId);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select([
        'repatriation_cases.id',
        'repatriation_cases.detainee_id',
        'detainees.number',
        'detainees.display_name',
        'detainees.site_id',
        'repatriation_cases.requesting_state',
        'repatriation_cases.reference',
        'repatriation_cases.stage',
        'repatriation_cases.requested_on',
        'repatriation_cases.updated_at',
      ])
      .orderBy('repatriation_cases.updated_at', 'desc')
      .orderBy('repatriation_cases.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        detaineeId: r.detainee_id,
        detaineeNumber: r.number,
        detaineeName: r.display_name,
        siteId: r.site_id,
        requestingState: r.requesting_state,
        reference: r.reference,
        stage: r.stage,
        requestedOn: r.requested_on,
        updatedAt: r.updated_at,
      })),
      total,
      page,
      pageSize,
    };
  }

  /**
   * Moves a case on. Path stages follow one another; refusal, withdrawal and suspension need
   * their reasons; judicial clearance needs no open case or a court's decision; the handover ends
   * custody (status repatriated) in the same transaction.
   */
  async addStep(actor: Actor, id: string, input: StepInput): Promise<RepatriationCaseView> {
    const c = await this.get(actor, id);
    const at = new Date(input.at).toISOString();
    const now = this.clock.now().toISOString();
    if (ENDED.has(c.stage)) throw new Conflict(`stage: the case has ended (${c.stage})`, 'stage');
    const last = c.steps[c.steps.length - 1];
    if (last && at < last.at)
      throw new BadRequest(`at: before the last step (${last.stage}, ${last.at})`, 'at');
    const to = input.stage;
    const isExit = (REPATRIATION_EXITS as readonly string[]).includes(to);
    if (isExit && !input.note?.trim())
      throw new BadRequest(`note: a case is ${to} only with its reasons`, 'note');
    if (to === 'suspended' && c.stage === 'suspended')
      throw new Conflict('stage: the case is already suspended', 'stage');
    const from = c.stage === 'suspended' ? c.suspendedFrom! : c.stage;
    if (!isExit) {
      if (c.stage === 'suspended' && to === from) {
        // Resuming: the case goes back to where it stopped.
      } else {
        const fi = REPATRIATION_PATH.indexOf(from as (typeof REPATRIATION_PATH)[number]);
        const ti = REPATRIATION_PATH.indexOf(to as (typeof REPATRIATION_PATH)[number]);
        if (c.stage === 'suspended' && ti !== fi + 1)
          throw new BadRequest(
            `stage: a suspended case resumes at ${from} or moves to ${REPATRIATION_PATH[fi + 1]}`,
            'stage',
          );
        if (ti <= fi) throw new BadRequest(`stage: a case cannot go from ${from} back to ${to}`, 'stage');
        if (ti > fi + 1)
          throw new BadRequest(
            `stage: ${from} → ${to} skips ${REPATRIATION_PATH.slice(fi + 1, ti).join(', ')}`,
            'stage',
          );
      }
    }
    if (at > now) throw new BadRequest('at: is in the future', 'at');

    let detail: Record<string, unknown> | null = null;
    if (
      to === 'judicial_clearance' ||
      to === 'approved' ||
      to === 'handover_scheduled' ||
      to === 'handed_over'
    ) {
      const open = await this.legal.openCasesOf(c.detaineeId);
      const cleared = new Set<string>(
        (
          c.steps.find((s) => s.stage === 'judicial_clearance')?.detail as {
            openCases?: { id: string }[];
          } | null
        )?.openCases?.map((o) => o.id) ?? [],
      );
      if (to === 'judicial_clearance') {
        if (open.length && !input.courtDecision)
          throw new BadRequest(
            `courtDecision: the detainee has open cases (${open.map((o) => `${o.reference} at ${o.stage}`).join('; ')}): judicial clearance needs a court's decision`,
            'courtDecision',
          );
        detail = { openCases: open, courtDecision: input.courtDecision ?? null };
      } else {
        const since = open.filter((o) => !cleared.has(o.id));
        if (since.length)
          throw new BadRequest(
            `stage: a case opened since judicial clearance (${since.map((o) => o.reference).join(', ')}); clear it again first`,
            'stage',
          );
      }
    }
    const set: Partial<Database['repatriation_cases']> = { stage: to, updated_at: now };
    if (to === 'suspended') set.suspended_from = c.stage;
    if (c.stage === 'suspended' && !isExit) set.suspended_from = null;
    if (to === 'handover_scheduled' || to === 'handed_over') {
      if (!input.handover)
        throw new BadRequest('handover: give the time and place of the handover', 'handover');
      const hAt = new Date(input.handover.at).toISOString();
      if (to === 'handed_over') {
        const officials = input.handover.receivingOfficials ?? [];
        if (officials.length === 0)
          throw new BadRequest(
            'handover.receivingOfficials: name the officials who received the detainee',
            'handover.receivingOfficials',
          );
        if (hAt > now) throw new BadRequest('handover.at: is in the future', 'handover.at');
        set.receiving_officials = JSON.stringify(officials);
      }
      set.handover_at = hAt;
      set.handover_place = input.handover.place.trim();
      detail = { ...(detail ?? {}), handover: { ...input.handover, at: hAt } };
    }
    if (to === 'handed_over') {
      const d = await this.register.read(c.detaineeId);
      if (!d || !['in_custody', 'arriving'].includes(d.status))
        throw new Conflict(`the detainee is ${d?.status ?? 'unknown'}, not in custody`);
    }
    await this.db.transaction().execute(async (trx) => {
      const step = {
        id: randomUUID(),
        case_id: id,
        position: c.steps.length,
        stage: to,
        at,
        note: input.note?.trim() || null,
        documents: JSON.stringify(input.documents ?? []),
        detail: detail ? JSON.stringify(detail) : null,
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      };
      await trx.insertInto('repatriation_steps').values(step).execute();
      await trx.updateTable('repatriation_cases').set(set).where('id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: `repatriation.${to}`,
        subjectType: 'repatriation_case',
        subjectId: id,
        siteId: c.siteId,
        changes: { from: c.stage, ...step, detail },
      });
      // The handover ends custody: the register says repatriated, with the case as the reason.
      if (to === 'handed_over')
        await this.register.setStatusMany(
          trx,
          actor,
          [{ id: c.detaineeId, status: 'repatriated', cellId: null }],
          `repatriation case ${c.reference ?? c.id} to ${c.requestingState}`,
        );
    });
    return this.read(id);
  }

  /**
   * Nationality figures: detainees in custody by nationality, site and legal status; cases by
   * requesting state and stage. Within the caller's sites.
   */
  async statistics(actor: Actor) {
    let d = this.db
      .selectFrom('detainees')
      .innerJoin('detainee_nationalities', 'detainee_nationalities.detainee_id', 'detainees.id')
      .where('detainees.status', 'in', ['in_custody', 'arriving']);
    if (actor.sites !== null) d = d.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    const detainees = await d
      .select([
        'detainee_nationalities.country',
        'detainees.site_id',
        'detainees.legal_status',
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['detainee_nationalities.country', 'detainees.site_id', 'detainees.legal_status'])
      .orderBy('detainee_nationalities.country')
      .execute();
    let c = this.db
      .selectFrom('repatriation_cases')
      .innerJoin('detainees', 'detainees.id', 'repatriation_cases.detainee_id');
    if (actor.sites !== null) c = c.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    const cases = await c
      .select([
        'repatriation_cases.requesting_state',
        'repatriation_cases.stage',
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['repatriation_cases.requesting_state', 'repatriation_cases.stage'])
      .orderBy('repatriation_cases.requesting_state')
      .execute();
    const byCountry = new Map<
      string,
      { country: string; inCustody: number; untried: number; convicted: number }
    >();
    for (const r of detainees) {
      const e = byCountry.get(r.country) ?? { country: r.country, inCustody: 0, untried: 0, convicted: 0 };
      const n = Number(r.n);
      e.inCustody += n;
      if (r.legal_status === 'convicted') e.convicted += n;
      else e.untried += n;
      byCountry.set(r.country, e);
    }
    return {
      byNationality: [...byCountry.values()].sort(
        (a, b) => b.inCustody - a.inCustody || a.country.localeCompare(b.country),
      ),
      byNationalitySiteStatus: detainees.map((r) => ({
        country: r.country,
        siteId: r.site_id,
        legalStatus: r.legal_status,
        count: Number(r.n),
      })),
      casesByStateStage: cases.map((r) => ({
        state: r.requesting_state,
        stage: r.stage,
        count: Number(r.n),
      })),
    };
  }

  private async read(id: string): Promise<RepatriationCaseView> {
    const r = await this.db
      .selectFrom('repatriation_cases')
      .innerJoin('detainees', 'detainees.id', 'repatriation_cases.detainee_id')
      .selectAll('repatriation_cases')
      .select([
        'detainees.number',
        'detainees.display_name',
        'detainees.site_id',
        'detainees.status as detainee_status',
      ])
      .where('repatriation_cases.id', '=', id)
      .executeTakeFirst();
    if (!r) throw new NotFound('repatriation case');
    const [steps, state] = await Promise.all([
      this.db
        .selectFrom('repatriation_steps')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('repatriation_states')
        .selectAll()
        .where('country', '=', r.requesting_state)
        .executeTakeFirst(),
    ]);
    const current = r.stage === 'suspended' ? r.suspended_from! : r.stage;
    const ci = REPATRIATION_PATH.indexOf(current as (typeof REPATRIATION_PATH)[number]);
    const nextStages = ENDED.has(r.stage)
      ? []
      : r.stage === 'suspended'
        ? [
            current,
            ...(ci + 1 < REPATRIATION_PATH.length ? [REPATRIATION_PATH[ci + 1]] : []),
            'refused',
            'withdrawn',
          ]
        : [
            ...(ci + 1 < REPATRIATION_PATH.length ? [REPATRIATION_PATH[ci + 1]] : []),
            'refused',
            'withdrawn',
            'suspended',
          ];
    return {
      id: r.id,
      detaineeId: r.detainee_id,
      detaineeNumber: r.number,
      detaineeName: r.display_name,
      detaineeStatus: r.detainee_status,
      siteId: r.site_id,
      requestingState: r.requesting_state,
      reference: r.reference,
      stage: r.stage,
      suspendedFrom: r.suspended_from,
      requestedOn: r.requested_on,
      handoverAt: r.handover_at,
      handoverPlace: r.handover_place,
      receivingOfficials: r.receiving_officials ? (JSON.parse(r.receiving_officials) as Official[]) : [],
      stateLimit: state ? stateView(state) : null,
      nextStages,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      steps: steps.map((s) => ({
        id: s.id,
        stage: s.stage,
        at: s.at,
        note: s.note,
        documents: JSON.parse(s.documents) as string[],
        detail: s.detail ? (JSON.parse(s.detail) as unknown) : null,
        recordedAt: s.recorded_at,
        recordedBy: s.recorded_by,
      })),
    };
  }
}

function stateView(r: Database['repatriation_states']): StateLimitView {
  return {
    country: r.country,
    maxDaysBeforeCharge: r.max_days_before_charge === null ? null : Number(r.max_days_before_charge),
    note: r.note,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}
