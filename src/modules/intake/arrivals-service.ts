import { randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../platform/errors';
import type { LiveEventBus } from '../../platform/events';
import { type Actor, inScope } from '../../platform/http/actor';
import type { NameInput, RegisterService } from '../register';
import type { IntakeService } from './intake-service';

/** Who handed a person over to whom, with whom, when and where: one link of the chain of custody. */
export interface HandoverInput {
  handedOverBy: string;
  receivedBy: string;
  escort?: string | null;
  /** ISO time; defaults to now. */
  at?: string | null;
  place: string;
}

export interface HandoverView {
  id: string;
  handedOverBy: string;
  receivedBy: string;
  at: string;
  place: string;
  detaineeId: string;
  siteId: string;
  kind: string;
  refId: string | null;
  escort: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface Reconciliation {
  batchId: string;
  siteId: string;
  /** People on the manifest. */
  expected: number;
  arrived: number;
  /** Not yet confirmed while the day is open. */
  outstanding: number;
  /** Not confirmed when the day was closed. */
  missing: number;
  /** Arrived without being on the manifest. */
  unexpected: number;
  closedAt: string | null;
}

export interface ArrivalView {
  id: string;
  batchId: string | null;
  manifestNo: string | null;
  manifestRow: number | null;
  detaineeId: string;
  number: string;
  displayName: string;
  nameAr: string | null;
  match: string;
  status: string;
  arrivedAt: string | null;
  confirmedBy: string | null;
  admitted: boolean;
}

export interface PropertyItem {
  item: string;
  quantity: number;
  description?: string | null;
}

export interface AdmissionInput {
  admittedAt?: string | null;
  property: PropertyItem[];
  /** Need-to-know: medical.write to record, medical.read to see. */
  injuries?: { description: string; bodyArea?: string | null }[] | null;
  illTreatmentComplaint?: string | null;
}

export interface AdmissionView {
  id: string;
  detaineeId: string;
  arrivalId: string | null;
  siteId: string;
  admittedAt: string;
  property: PropertyItem[];
  /** Absent (and `medicalHidden` true) for a caller without medical.read. */
  injuries?: { description: string; bodyArea?: string | null }[] | null;
  illTreatmentComplaint?: string | null;
  medicalHidden: boolean;
  recordedAt: string;
  recordedBy: string;
}

export interface UnexpectedInput {
  names: NameInput[];
  sex: 'M' | 'F';
  dob?: string | null;
  nationalities: string[];
  legalStatus: 'untried' | 'convicted';
  ageCategory: 'adult' | 'juvenile';
  note?: string | null;
  handover: HandoverInput;
}

/**
 * The arrival day: each person confirmed against the manifest with the chain of custody, the
 * live reconciliation (expected, arrived, outstanding, missing, unexpected), the admission record
 * of Rule 7, and the close of the day that turns the outstanding into missing (with an alert).
 */
export class ArrivalsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly intake: IntakeService,
    private readonly options: { events?: LiveEventBus; alerts?: AlertsService } = {},
  ) {}

  /** @example (await arrivals.reconciliation(actor, batchId)).outstanding // => 12 */
  async reconciliation(actor: Actor, batchId: string): Promise<Reconciliation> {
    const batch = await this.intake.batchRow(actor, batchId);
    return this.counts(this.db, batch);
  }

  private async counts(
    db: Db | Transaction<Database>,
    batch: Database['intake_batches'],
  ): Promise<Reconciliation> {
    const rows = await db
      .selectFrom('intake_arrivals')
      .select(['match', 'status', sql<number>`count(*)`.as('n')])
      .where('batch_id', '=', batch.id)
      .groupBy(['match', 'status'])
      .execute();
    const r: Reconciliation = {
      batchId: batch.id,
      siteId: batch.site_id,
      expected: 0,
      arrived: 0,
      outstanding: 0,
      missing: 0,
      unexpected: 0,
      closedAt: batch.closed_at,
    };
    for (const row of rows) {
      const n = Number(row.n);
      if (row.match === 'unexpected') {
        r.unexpected += n;
        continue;
      }
      r.expected += n;
      if (row.status === 'arrived') r.arrived += n;
      else if (row.status === 'missing') r.missing += n;
      else r.outstanding += n;
    }
    return r;
  }

  /** The batch's arrivals, searchable by manifest number, register number or name. */
  async list(
    actor: Actor,
    batchId: string,
    filter: { status?: string; q?: string; page?: number; pageSize?: number },
  ) {
    await this.intake.batchRow(actor, batchId);
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db
      .selectFrom('intake_arrivals')
      .innerJoin('detainees', 'detainees.id', 'intake_arrivals.detainee_id')
      .where('intake_arrivals.batch_id', '=', batchId);
    if (filter.status === 'unexpected') q = q.where('intake_arrivals.match', '=', 'unexpected');
    else if (filter.status)
      q = q
        .where('intake_arrivals.status', '=', filter.status)
        .where('intake_arrivals.match', '!=', 'unexpected');
    if (filter.q?.trim()) {
      const needle = `%${filter.q.trim().toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(intake_arrivals.manifest_no)`, 'like', needle),
          eb(sql`cast(intake_arrivals.manifest_row as text)`, '=', filter.q!.trim()),
          eb(sql`lower(detainees.number)`, 'like', needle),
          eb(
            'detainees.id',
            'in',
            eb
              .selectFrom('detainee_names')
              .select('detainee_id')
              .where(sql`lower(name)`, 'like', needle),
          ),
        ]),
      );
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select([
        'intake_arrivals.id',
        'intake_arrivals.batch_id',
        'intake_arrivals.manifest_no',
        'intake_arrivals.manifest_row',
        'intake_arrivals.detainee_id',
        'intake_arrivals.match',
        'intake_arrivals.status',
        'intake_arrivals.arrived_at',
        'intake_arrivals.confirmed_by',
        'detainees.number',
        'detainees.display_name',
      ])
      .orderBy('intake_arrivals.manifest_row')
      .orderBy('intake_arrivals.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const ids = rows.map((r) => r.detainee_id);
    const arabic = new Map<string, string>();
    const admitted = new Set<string>();
    if (ids.length) {
      for (const n of await this.db
        .selectFrom('detainee_names')
        .select(['detainee_id', 'name'])
        .where('detainee_id', 'in', ids)
        .where('script', '=', 'arabic')
        .orderBy('position')
        .execute())
        if (!arabic.has(n.detainee_id)) arabic.set(n.detainee_id, n.name);
      for (const a of await this.db
        .selectFrom('admissions')
        .select('arrival_id')
        .where(
          'arrival_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute())
        admitted.add(a.arrival_id!);
    }
    const items: ArrivalView[] = rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      manifestNo: r.manifest_no,
      manifestRow: r.manifest_row,
      detaineeId: r.detainee_id,
      number: r.number,
      displayName: r.display_name,
      nameAr: arabic.get(r.detainee_id) ?? null,
      match: r.match,
      status: r.status,
      arrivedAt: r.arrived_at,
      confirmedBy: r.confirmed_by,
      admitted: admitted.has(r.id),
    }));
    return { items, total, page, pageSize };
  }

  /**
   * Confirms that a person on the manifest is here, with the handover: the register then holds
   * them in custody at the receiving site and the live picture is told.
   *
   * @example await arrivals.confirm(actor, batchId, { manifestNo: 'ERDA-123456-0001', handover })
   */
  async confirm(
    actor: Actor,
    batchId: string,
    input: { manifestNo?: string; arrivalId?: string; handover: HandoverInput },
  ): Promise<{ arrival: ArrivalView; reconciliation: Reconciliation }> {
    const batch = await this.intake.batchRow(actor, batchId);
    if (batch.status !== 'accepted') throw new Conflict('the import is not accepted');
    if (!input.manifestNo && !input.arrivalId)
      throw new BadRequest('manifestNo: name the arrival by manifest number or arrivalId', 'manifestNo');
    let q = this.db.selectFrom('intake_arrivals').selectAll().where('batch_id', '=', batchId);
    q = input.arrivalId
      ? q.where('id', '=', input.arrivalId)
      : q.where('manifest_no', '=', input.manifestNo!);
    const arrival = await q.executeTakeFirst();
    if (!arrival) throw new NotFound('arrival');
    if (arrival.status === 'arrived')
      throw new Conflict(`already confirmed at ${arrival.arrived_at} by ${arrival.confirmed_by}`);
    const at = this.handoverTime(input.handover);
    const result = await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('intake_arrivals')
        .set({ status: 'arrived', arrived_at: at, confirmed_by: actor.audit.actor.name })
        .where('id', '=', arrival.id)
        .execute();
      await this.register.setStatusMany(
        trx,
        actor,
        [{ id: arrival.detainee_id, status: 'in_custody' }],
        `arrival ${batch.manifest_ref} ${arrival.manifest_no}`,
      );
      await this.addHandover(
        trx,
        actor,
        arrival.detainee_id,
        batch.site_id,
        'arrival',
        arrival.id,
        input.handover,
        at,
      );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake.arrival',
        subjectType: 'detainee',
        subjectId: arrival.detainee_id,
        siteId: batch.site_id,
        changes: { batchId, manifestNo: arrival.manifest_no, was: arrival.status, at },
      });
      return this.counts(trx, batch);
    });
    this.publish(batch, result);
    const view = (
      await this.list(actor, batchId, { q: arrival.manifest_no ?? undefined, pageSize: 5 })
    ).items.find((a) => a.id === arrival.id)!;
    return { arrival: view, reconciliation: result };
  }

  /**
   * Someone handed over who is not on the manifest: put on the register (in custody at the
   * receiving site) and counted as unexpected, so the paper and the bodies can be set right.
   */
  async unexpected(
    actor: Actor,
    batchId: string,
    input: UnexpectedInput,
  ): Promise<{ arrival: ArrivalView; reconciliation: Reconciliation }> {
    const batch = await this.intake.batchRow(actor, batchId);
    if (batch.status !== 'accepted') throw new Conflict('the import is not accepted');
    const at = this.handoverTime(input.handover);
    const now = this.clock.now().toISOString();
    const { arrivalId, reconciliation } = await this.db.transaction().execute(async (trx) => {
      const [detaineeId] = await this.register.insertMany(trx, actor, [
        {
          names: input.names,
          sex: input.sex,
          dob: input.dob ?? null,
          nationalities: input.nationalities,
          legalStatus: input.legalStatus,
          ageCategory: input.ageCategory,
          status: 'in_custody',
          siteId: batch.site_id,
          legalBasis: {
            basis: 'handed over without a manifest entry',
            authority: batch.sending_authority ?? 'sending authority',
            from: at.slice(0, 10),
            note: input.note ?? null,
          },
        },
      ]);
      const arrivalId = randomUUID();
      await trx
        .insertInto('intake_arrivals')
        .values({
          id: arrivalId,
          batch_id: batchId,
          manifest_ref: batch.manifest_ref,
          manifest_no: null,
          manifest_row: null,
          detainee_id: detaineeId,
          site_id: batch.site_id,
          match: 'unexpected',
          match_score: null,
          match_evidence: null,
          status: 'arrived',
          arrived_at: at,
          confirmed_by: actor.audit.actor.name,
          created_at: now,
        })
        .execute();
      await this.addHandover(trx, actor, detaineeId, batch.site_id, 'arrival', arrivalId, input.handover, at);
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake.unexpected',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: batch.site_id,
        changes: { batchId, note: input.note ?? null, at },
      });
      return { arrivalId, reconciliation: await this.counts(trx, batch) };
    });
    this.publish(batch, reconciliation);
    const view = (await this.list(actor, batchId, { status: 'unexpected', pageSize: 500 })).items.find(
      (a) => a.id === arrivalId,
    )!;
    return { arrival: view, reconciliation };
  }

  /**
   * Ends the arrival day: whoever is still outstanding is missing (the register keeps them as
   * arriving, never in custody), and one alert tells the site.
   */
  async close(actor: Actor, batchId: string): Promise<Reconciliation> {
    const batch = await this.intake.batchRow(actor, batchId);
    if (batch.status !== 'accepted') throw new Conflict('the import is not accepted');
    if (batch.closed_at) throw new Conflict(`the arrivals were closed at ${batch.closed_at}`);
    const now = this.clock.now().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      const missing = await trx
        .selectFrom('intake_arrivals')
        .select(['manifest_no'])
        .where('batch_id', '=', batchId)
        .where('status', '=', 'expected')
        .orderBy('manifest_row')
        .execute();
      await trx
        .updateTable('intake_arrivals')
        .set({ status: 'missing' })
        .where('batch_id', '=', batchId)
        .where('status', '=', 'expected')
        .execute();
      await trx
        .updateTable('intake_batches')
        .set({ closed_at: now, closed_by: actor.audit.actor.name })
        .where('id', '=', batchId)
        .execute();
      if (missing.length && this.options.alerts)
        await this.options.alerts.raise(
          actor,
          {
            siteId: batch.site_id,
            subjectType: 'intake-batch',
            subjectId: batchId,
            kind: 'intake.missing',
            severity: 'critical',
            title: `${missing.length} of manifest ${batch.manifest_ref} did not arrive`,
            detail:
              missing
                .slice(0, 50)
                .map((m) => m.manifest_no)
                .join(', ') + (missing.length > 50 ? ', …' : ''),
          },
          trx,
        );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake.close',
        subjectType: 'intake-batch',
        subjectId: batchId,
        siteId: batch.site_id,
        changes: { missing: missing.map((m) => m.manifest_no) },
      });
      return this.counts(trx, { ...batch, closed_at: now });
    });
    this.publish(batch, result);
    return result;
  }

  // ── admission (Rule 7) ────────────────────────────────────────────────────

  /**
   * The admission record of one arrival: time, property inventory and, for those who may record
   * them, injuries seen and any complaint of prior ill-treatment. One per arrival; later changes
   * belong to the register's record sections, so nothing here is overwritten.
   */
  async admit(actor: Actor, arrivalId: string, input: AdmissionInput): Promise<AdmissionView> {
    const arrival = await this.db
      .selectFrom('intake_arrivals')
      .selectAll()
      .where('id', '=', arrivalId)
      .executeTakeFirst();
    if (!arrival || !inScope(actor, arrival.site_id)) throw new NotFound('arrival');
    const medical = (input.injuries && input.injuries.length > 0) || !!input.illTreatmentComplaint?.trim();
    if (medical && !actor.may('medical.write'))
      throw new Forbidden('injuries and complaints of ill-treatment need medical.write');
    if (arrival.status !== 'arrived') throw new Conflict('confirm the arrival before the admission');
    const now = this.clock.now().toISOString();
    const admittedAt = input.admittedAt ?? now;
    if (arrival.arrived_at && admittedAt < arrival.arrived_at)
      throw new BadRequest('admittedAt: is before the arrival', 'admittedAt');
    if (admittedAt > now) throw new BadRequest('admittedAt: is in the future', 'admittedAt');
    input.property.forEach((p, i) => {
      if (!p.item.trim()) throw new BadRequest(`property[${i}].item: is empty`, `property[${i}].item`);
    });
    const row: Database['admissions'] = {
      id: randomUUID(),
      detainee_id: arrival.detainee_id,
      arrival_id: arrivalId,
      site_id: arrival.site_id,
      admitted_at: admittedAt,
      property: JSON.stringify(input.property),
      injuries: input.injuries ? JSON.stringify(input.injuries) : null,
      ill_treatment_complaint: input.illTreatmentComplaint?.trim() || null,
      recorded_at: now,
      recorded_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      if (
        await trx.selectFrom('admissions').select('id').where('arrival_id', '=', arrivalId).executeTakeFirst()
      )
        throw new Conflict('the admission of this arrival is already recorded');
      await trx.insertInto('admissions').values(row).execute();
      // The register's admission time is the one Rule 7 asks for: written with the record, in its transaction.
      await this.register.setAdmittedAt(trx, arrival.detainee_id, admittedAt);
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.admission',
        subjectType: 'detainee',
        subjectId: arrival.detainee_id,
        siteId: arrival.site_id,
        // Medical content stays out of the audit text, which more people may read: only that it was recorded.
        changes: {
          arrivalId,
          admittedAt,
          property: input.property,
          injuriesRecorded: input.injuries?.length ?? 0,
          complaintRecorded: !!row.ill_treatment_complaint,
        },
      });
    });
    return toAdmissionView(row, actor.may('medical.read'));
  }

  async admission(actor: Actor, arrivalId: string): Promise<AdmissionView> {
    const row = await this.db
      .selectFrom('admissions')
      .selectAll()
      .where('arrival_id', '=', arrivalId)
      .executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('admission');
    const canSee = actor.may('medical.read');
    if (canSee)
      await this.db.transaction().execute((trx) =>
        recordAudit(trx, this.clock, actor.audit, {
          action: 'detainee.view-medical',
          subjectType: 'detainee',
          subjectId: row.detainee_id,
          siteId: row.site_id,
          changes: { admissionId: row.id },
        }),
      );
    return toAdmissionView(row, canSee);
  }

  // ── chain of custody ──────────────────────────────────────────────────────

  /** Every handover of a person, oldest first. */
  async custodyChain(actor: Actor, detaineeId: string): Promise<HandoverView[]> {
    const record = await this.register.read(detaineeId);
    if (!record || !inScope(actor, record.siteId)) throw new NotFound('detainee');
    const rows = await this.db
      .selectFrom('custody_handovers')
      .selectAll()
      .where('detainee_id', '=', detaineeId)
      .orderBy('at')
      .orderBy('recorded_at')
      .execute();
    return rows.map(toHandoverView);
  }

  /** One link of the chain inside the caller's transaction (arrivals, movements, releases). */
  async addHandover(
    trx: Transaction<Database>,
    actor: Actor,
    detaineeId: string,
    siteId: string,
    kind: string,
    refId: string | null,
    h: HandoverInput,
    at: string,
  ): Promise<void> {
    const fields: [keyof HandoverInput, string | null | undefined][] = [
      ['handedOverBy', h.handedOverBy],
      ['receivedBy', h.receivedBy],
      ['place', h.place],
    ];
    for (const [f, v] of fields)
      if (!v?.trim()) throw new BadRequest(`handover.${f}: is required`, `handover.${f}`);
    await trx
      .insertInto('custody_handovers')
      .values({
        id: randomUUID(),
        detainee_id: detaineeId,
        site_id: siteId,
        kind,
        ref_id: refId,
        handed_over_by: h.handedOverBy.trim(),
        received_by: h.receivedBy.trim(),
        escort: h.escort?.trim() || null,
        at,
        place: h.place.trim(),
        recorded_at: this.clock.now().toISOString(),
        recorded_by: actor.audit.actor.name,
      })
      .execute();
  }

  handoverTime(h: HandoverInput): string {
    const now = this.clock.now().toISOString();
    const at = h.at ? new Date(h.at).toISOString() : now;
    if (at > now) throw new BadRequest('handover.at: is in the future', 'handover.at');
    return at;
  }

  private publish(batch: Database['intake_batches'], r: Reconciliation): void {
    this.options.events?.publish({
      type: 'intake.reconciliation',
      siteId: batch.site_id,
      at: this.clock.now().toISOString(),
      data: { ...r },
    });
  }
}

function toHandoverView(r: Database['custody_handovers']): HandoverView {
  return {
    id: r.id,
    detaineeId: r.detainee_id,
    siteId: r.site_id,
    kind: r.kind,
    refId: r.ref_id,
    handedOverBy: r.handed_over_by,
    receivedBy: r.received_by,
    escort: r.escort,
    at: r.at,
    place: r.place,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
}

function toAdmissionView(r: Database['admissions'], medical: boolean): AdmissionView {
  const view: AdmissionView = {
    id: r.id,
    detaineeId: r.detainee_id,
    arrivalId: r.arrival_id,
    siteId: r.site_id,
    admittedAt: r.admitted_at,
    property: JSON.parse(r.property) as PropertyItem[],
    medicalHidden: !medical,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
  if (medical) {
    view.injuries = r.injuries ? (JSON.parse(r.injuries) as AdmissionView['injuries']) : null;
    view.illTreatmentComplaint = r.ill_treatment_complaint;
  }
  return view;
}
