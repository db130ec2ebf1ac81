import { createHash, randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import { type AuditRecord, recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import type { LiveEventBus } from '../../platform/events';
import { type Actor, inScope } from '../../platform/http/actor';
import type { NewDetainee, RegisterService } from '../register';
import {
  decodeManifest,
  MANIFEST_FIELDS,
  type ManifestField,
  type ManifestMapping,
  type ManifestRow,
  readManifest,
  type RowError,
} from './read-manifest';
import {
  decide,
  LEFT_CUSTODY,
  loadRegisterScreener,
  personOf,
  type Outcome,
  type Screening,
} from './screen-arrivals';

export interface MappingInput {
  name: string;
  columns: Record<string, string>;
  values?: ManifestMapping['values'];
}

export interface MappingView extends MappingInput {
  id: string;
  values: NonNullable<ManifestMapping['values']>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface ImportInput {
  /** The file's text (UTF-8), or its bytes in base64 when the encoding must be checked. */
  content?: string;
  contentBase64?: string;
  format?: 'csv' | 'json';
  fileName?: string | null;
  /** The receiving site, by id or code. */
  siteId?: string;
  siteCode?: string;
  manifestRef?: string | null;
  sendingAuthority?: string | null;
  mappingId?: string | null;
  /** A mapping given inline (the CLI's --mapping FILE) instead of a saved one. */
  mapping?: ManifestMapping | null;
}

export interface BatchCounts {
  rows: number;
  new: number;
  linked: number;
  review: number;
  invalid: number;
  alreadyApplied: number;
}

export interface BatchView {
  id: string;
  manifestRef: string;
  siteId: string;
  sendingAuthority: string | null;
  format: string;
  fileName: string | null;
  mappingId: string | null;
  status: string;
  counts: BatchCounts;
  errors: RowError[];
  ignoredColumns: string[];
  createdAt: string;
  createdBy: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  housingPlanId: string | null;
  closedAt: string | null;
}

export interface RowView {
  row: number;
  manifestNo: string;
  manifestRow: number;
  displayName: string;
  nameAr: string | null;
  sex: string;
  dob: string | null;
  nationalities: string[];
  outcome: string;
  candidate: { id: string; number: string; score: number | null } | null;
  evidence: Screening['hits'];
}

export interface ReviewView {
  id: string;
  detaineeId: string;
  candidateId: string;
  siteId: string;
  score: number;
  evidence: Screening['hits'];
  source: string;
  sourceId: string | null;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

/** Proposes housing for a batch anywhere in the estate; the housing module's, wired in services.ts. */
export type HousingProposer = (actor: Actor, detaineeIds: string[]) => Promise<{ id: string }>;

/** Reported while a long import runs (the CLI's progress bar). */
export type Progress = (stage: 'read' | 'screen' | 'store' | 'apply', done: number, total: number) => void;

const j = <T>(text: string | null): T => (text ? (JSON.parse(text) as T) : (null as T));

/**
 * Manifest intake: saved mappings, the preview of an import (every row checked and screened
 * against the register), and its acceptance — all of the batch onto the register in one
 * transaction, or none of it.
 */
export class IntakeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly options: { events?: LiveEventBus; housing?: HousingProposer } = {},
  ) {}

  // ── mappings ──────────────────────────────────────────────────────────────

  async listMappings(): Promise<MappingView[]> {
    const rows = await this.db.selectFrom('intake_mappings').selectAll().orderBy('name').execute();
    return rows.map(toMappingView);
  }

  async getMapping(id: string): Promise<MappingView> {
    const row = await this.db
      .selectFrom('intake_mappings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound('mapping');
    return toMappingView(row);
  }

  /** @example await intake.createMapping(actor, { name: 'ERDA 2026', columns: { 'Gender': 'sex' } }) */
  async createMapping(actor: Actor, input: MappingInput): Promise<MappingView> {
    checkMapping(input);
    const now = this.clock.now().toISOString();
    const row = {
      id: randomUUID(),
      name: input.name.trim(),
      columns: JSON.stringify(input.columns),
      value_map: JSON.stringify(input.values ?? {}),
      created_at: now,
      created_by: actor.audit.actor.name,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      if (
        await trx.selectFrom('intake_mappings').select('id').where('name', '=', row.name).executeTakeFirst()
      )
        throw new Conflict('name: a mapping of that name exists', 'name');
      await trx.insertInto('intake_mappings').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake-mapping.create',
        subjectType: 'intake-mapping',
        subjectId: row.id,
        changes: input,
      });
    });
    return toMappingView(row);
  }

  async updateMapping(actor: Actor, id: string, input: MappingInput): Promise<MappingView> {
    checkMapping(input);
    const before = await this.getMapping(id);
    await this.db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('intake_mappings')
        .select('id')
        .where('name', '=', input.name.trim())
        .where('id', '!=', id)
        .executeTakeFirst();
      if (clash) throw new Conflict('name: a mapping of that name exists', 'name');
      await trx
        .updateTable('intake_mappings')
        .set({
          name: input.name.trim(),
          columns: JSON.stringify(input.columns),
          value_map: JSON.stringify(input.values ?? {}),
          updated_at: this.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake-mapping.update',
        subjectType: 'intake-mapping',
        subjectId: id,
        changes: { before, after: input },
      });
    });
    return this.getMapping(id);
  }

  /** The mapping's last content stays in the audit entry; batches keep its id for the record. */
  async deleteMapping(actor: Actor, id: string): Promise<void> {
    const before = await this.getMapping(id);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('intake_mappings').where('id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake-mapping.delete',
        subjectType: 'intake-mapping',
        subjectId: id,
        changes: { before },
      });
    });
  }

  // ── import: preview ───────────────────────────────────────────────────────

  /**
   * Reads, checks and screens a manifest and stores what accepting it would do. Nothing reaches
   * the register here. Row problems are all reported (row, field, reason); problems with the file
   * as a whole (encoding, format, a missing column, the site) refuse the import outright.
   *
   * @example const batch = await intake.preview(actor, { content: csv, siteCode: 'HLC', manifestRef: 'ERDA/2026/07' });
   */
  async preview(actor: Actor, input: ImportInput, progress?: Progress): Promise<BatchView> {
    const site = await this.siteOf(actor, input);
    let text: string;
    if (input.contentBase64 !== undefined) text = decodeManifest(Buffer.from(input.contentBase64, 'base64'));
    else if (input.content !== undefined) text = input.content;
    else throw new BadRequest('content: the manifest file is required', 'content');
    if (!text.trim()) throw new BadRequest('content: the file is empty', 'content');

    let mapping: ManifestMapping | null = input.mapping ?? null;
    if (input.mappingId) {
      const m = await this.db
        .selectFrom('intake_mappings')
        .selectAll()
        .where('id', '=', input.mappingId)
        .executeTakeFirst();
      if (!m) throw new BadRequest('mappingId: no such mapping', 'mappingId');
      mapping = { columns: j(m.columns), values: j(m.value_map) };
    }
    const today = this.clock.now().toISOString().slice(0, 10);
    progress?.('read', 0, 1);
    const reading = readManifest(text, { format: input.format, mapping, today });
    progress?.('read', 1, 1);
    const manifestRef =
      input.manifestRef?.trim() ||
      reading.manifestId ||
      `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

    const applied = new Set<string>();
    const nos = reading.rows.map((r) => r.manifestNo);
    for (let i = 0; i < nos.length; i += 500) {
      const found = await this.db
        .selectFrom('intake_arrivals')
        .select('manifest_no')
        .where('manifest_ref', '=', manifestRef)
        .where('manifest_no', 'in', nos.slice(i, i + 500))
        .execute();
      for (const f of found) applied.add(f.manifest_no!);
    }
    const pending = reading.rows.filter((r) => !applied.has(r.manifestNo));
    const screened = new Map<number, Screening>();
    if (pending.length) {
      const screener = await loadRegisterScreener(this.db);
      pending.forEach((r, i) => {
        screened.set(r.row, decide(screener.screen(personOf(r, `manifest:${r.row}`), 5), screener.info));
        if (progress && i % 100 === 0) progress('screen', i, pending.length);
      });
      progress?.('screen', pending.length, pending.length);
    }
    const counts: BatchCounts = {
      rows: reading.rowCount,
      new: 0,
      linked: 0,
      review: 0,
      invalid: new Set(reading.errors.map((e) => e.row)).size,
      alreadyApplied: applied.size,
    };
    const now = this.clock.now().toISOString();
    const batchId = randomUUID();
    const rows: Database['intake_rows'][] = reading.rows.map((r) => {
      const s = screened.get(r.row);
      const outcome: Outcome | 'applied' = s ? s.outcome : 'applied';
      if (s) counts[s.outcome]++;
      return {
        id: randomUUID(),
        batch_id: batchId,
        row_number: r.row,
        manifest_no: r.manifestNo,
        data: JSON.stringify(r),
        outcome,
        candidate_id: s?.candidateId ?? null,
        score: s?.score ?? null,
        evidence: JSON.stringify(s?.hits ?? []),
      };
    });
    const batch: Database['intake_batches'] = {
      id: batchId,
      manifest_ref: manifestRef,
      site_id: site.id,
      sending_authority:
        input.sendingAuthority?.trim() ||
        reading.sendingAuthority ||
        reading.rows.find((r) => r.sendingAuthority)?.sendingAuthority ||
        null,
      format: reading.format,
      file_name: input.fileName ?? null,
      mapping_id: input.mappingId ?? null,
      status: 'preview',
      row_count: reading.rowCount,
      counts: JSON.stringify(counts),
      errors: JSON.stringify(reading.errors),
      ignored_columns: JSON.stringify(reading.ignoredColumns),
      created_at: now,
      created_by: actor.audit.actor.name,
      accepted_at: null,
      accepted_by: null,
      housing_plan_id: null,
      closed_at: null,
      closed_by: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('intake_batches').values(batch).execute();
      for (let i = 0; i < rows.length; i += 1000) {
        await trx
          .insertInto('intake_rows')
          .values(rows.slice(i, i + 1000))
          .execute();
        progress?.('store', Math.min(i + 1000, rows.length), rows.length);
      }
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake.preview',
        subjectType: 'intake-batch',
        subjectId: batchId,
        siteId: site.id,
        changes: { manifestRef, fileName: batch.file_name, counts },
      });
    });
    return toBatchView(batch);
  }

  async getBatch(actor: Actor, id: string): Promise<BatchView> {
    return toBatchView(await this.batchRow(actor, id));
  }

  async listBatches(
    actor: Actor,
    filter: { siteId?: string; status?: string; page?: number; pageSize?: number },
  ) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('intake_batches');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.status) q = q.where('status', '=', filter.status);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map((r) => ({ ...toBatchView(r), errors: [] })), total, page, pageSize };
  }

  /** The preview row by row: what each will become, with the screening evidence. */
  async rows(actor: Actor, batchId: string, filter: { outcome?: string; page?: number; pageSize?: number }) {
    await this.batchRow(actor, batchId);
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('intake_rows').where('batch_id', '=', batchId);
    if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('row_number')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const numbers = new Map<string, string>();
    const cands = [...new Set(rows.map((r) => r.candidate_id).filter((c): c is string => !!c))];
    if (cands.length)
      for (const d of await this.db
        .selectFrom('detainees')
        .select(['id', 'number'])
        .where('id', 'in', cands)
        .execute())
        numbers.set(d.id, d.number);
    const items: RowView[] = rows.map((r) => {
      const data = j<ManifestRow>(r.data);
      return {
        row: r.row_number,
        manifestNo: r.manifest_no,
        manifestRow: data.manifestRow,
        displayName: (data.names.find((n) => n.script === 'latin' && n.kind === 'legal') ?? data.names[0])
          .name,
        nameAr: data.names.find((n) => n.script === 'arabic' && n.kind === 'legal')?.name ?? null,
        sex: data.sex,
        dob: data.dob,
        nationalities: data.nationalities,
        outcome: r.outcome,
        candidate: r.candidate_id
          ? { id: r.candidate_id, number: numbers.get(r.candidate_id) ?? '', score: r.score }
          : null,
        evidence: j(r.evidence),
      };
    });
    return { items, total, page, pageSize };
  }

  // ── import: accept ────────────────────────────────────────────────────────

  /**
   * Applies a previewed manifest: every new arrival on the register as `arriving` at the receiving
   * site, every returning one back on their own record, every unsure match queued for duplicate
   * review, one expected arrival per row — in one transaction. A batch with any invalid row is
   * refused whole; accepting twice, or another import of the same manifest, changes nothing more.
   *
   * @example const batch = await intake.accept(actor, previewed.id); batch.status // => 'accepted'
   */
  async accept(actor: Actor, batchId: string, progress?: Progress): Promise<BatchView> {
    const batch = await this.batchRow(actor, batchId);
    if (batch.status === 'accepted') return toBatchView(batch);
    if (batch.status !== 'preview') throw new Conflict(`the import is ${batch.status}`);
    const errors = j<RowError[]>(batch.errors);
    if (errors.length) {
      const rows = new Set(errors.map((e) => e.row)).size;
      throw new BadRequest(
        `rows: ${rows} row${rows > 1 ? 's are' : ' is'} invalid (${errors.length} problems); correct the manifest and import it again — nothing was applied`,
        'rows',
      );
    }
    const stored = await this.db
      .selectFrom('intake_rows')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('row_number')
      .execute();
    const now = this.clock.now().toISOString();
    const today = now.slice(0, 10);
    const counts: BatchCounts = {
      rows: batch.row_count,
      new: 0,
      linked: 0,
      review: 0,
      invalid: 0,
      alreadyApplied: 0,
    };
    const arrivalIds: string[] = [];
    const detaineeIds: string[] = [];

    await this.db.transaction().execute(async (trx) => {
      // Within the transaction, so that two imports of one manifest cannot both apply a row.
      const applied = new Set<string>();
      const nos = stored.map((r) => r.manifest_no);
      for (let i = 0; i < nos.length; i += 500) {
        const found = await trx
          .selectFrom('intake_arrivals')
          .select('manifest_no')
          .where('manifest_ref', '=', batch.manifest_ref)
          .where('manifest_no', 'in', nos.slice(i, i + 500))
          .execute();
        for (const f of found) applied.add(f.manifest_no!);
      }
      const todo = stored.filter((r) => !applied.has(r.manifest_no));
      counts.alreadyApplied = stored.length - todo.length;

      // A linked record must still be out of custody now; if it came back meanwhile, the row goes to review.
      const linkIds = todo.filter((r) => r.outcome === 'linked').map((r) => r.candidate_id!);
      const linkable = new Map<string, { status: string; site_id: string }>();
      for (let i = 0; i < linkIds.length; i += 500)
        for (const d of await trx
          .selectFrom('detainees')
          .select(['id', 'status', 'site_id'])
          .where('id', 'in', linkIds.slice(i, i + 500))
          .execute())
          linkable.set(d.id, d);
      const plan = todo.map((r) => {
        let outcome = r.outcome as Outcome;
        if (outcome === 'linked' && !LEFT_CUSTODY.includes(linkable.get(r.candidate_id!)?.status ?? ''))
          outcome = 'review';
        return { stored: r, data: j<ManifestRow>(r.data), outcome };
      });

      // 1. Returning people: the same record, back as arriving at the receiving site; the
      //    manifest's spellings are added as names so that the next search finds them too.
      const linked = plan.filter((p) => p.outcome === 'linked');
      await this.register.readmitMany(
        trx,
        actor,
        batch.site_id,
        linked.map((p) => ({
          id: p.stored.candidate_id!,
          names: p.data.names,
          legalBasis: this.newDetainee(p.data, batch, today).legalBasis!,
          context: {
            manifestRef: batch.manifest_ref,
            manifestNo: p.stored.manifest_no,
            score: p.stored.score,
          },
        })),
      );
      const audits: AuditRecord[] = [];
      progress?.('apply', linked.length, plan.length);

      // 2. Everyone else: a new record each, all in one insert with its audit entries.
      const fresh = plan.filter((p) => p.outcome !== 'linked');
      const inputs: NewDetainee[] = fresh.map((p) => this.newDetainee(p.data, batch, today));
      const ids = inputs.length ? await this.register.insertMany(trx, actor, inputs) : [];
      progress?.('apply', plan.length, plan.length);

      // 3. The arrivals the day will reconcile, and the reviews the register's reviewer will see.
      const arrivals: Database['intake_arrivals'][] = [];
      const reviews: Database['duplicate_reviews'][] = [];
      let k = 0;
      for (const p of plan) {
        const detaineeId = p.outcome === 'linked' ? p.stored.candidate_id! : ids[k++];
        const arrivalId = randomUUID();
        arrivals.push({
          id: arrivalId,
          batch_id: batch.id,
          manifest_ref: batch.manifest_ref,
          manifest_no: p.stored.manifest_no,
          manifest_row: p.data.manifestRow,
          detainee_id: detaineeId,
          site_id: batch.site_id,
          match: p.outcome,
          match_score: p.stored.score,
          match_evidence: p.outcome === 'new' ? null : p.stored.evidence,
          status: 'expected',
          arrived_at: null,
          confirmed_by: null,
          created_at: now,
        });
        if (p.outcome === 'review' && p.stored.candidate_id)
          reviews.push({
            id: randomUUID(),
            detainee_id: detaineeId,
            candidate_id: p.stored.candidate_id,
            site_id: batch.site_id,
            score: p.stored.score ?? 0,
            evidence: p.stored.evidence,
            source: 'intake',
            source_id: arrivalId,
            status: 'open',
            created_at: now,
            decided_at: null,
            decided_by: null,
            note: null,
          });
        counts[p.outcome]++;
        arrivalIds.push(arrivalId);
        detaineeIds.push(detaineeId);
      }
      for (let i = 0; i < arrivals.length; i += 1000)
        await trx
          .insertInto('intake_arrivals')
          .values(arrivals.slice(i, i + 1000))
          .execute();
      for (let i = 0; i < reviews.length; i += 1000)
        await trx
          .insertInto('duplicate_reviews')
          .values(reviews.slice(i, i + 1000))
          .execute();
      await trx
        .updateTable('intake_batches')
        .set({
          status: 'accepted',
          accepted_at: now,
          accepted_by: actor.audit.actor.name,
          counts: JSON.stringify(counts),
        })
        .where('id', '=', batch.id)
        .where('status', '=', 'preview')
        .execute();
      audits.push({
        action: 'intake.accept',
        subjectType: 'intake-batch',
        subjectId: batch.id,
        siteId: batch.site_id,
        changes: { manifestRef: batch.manifest_ref, counts },
      });
      await recordAudit(trx, this.clock, actor.audit, audits);
    });
    this.options.events?.publish({
      type: 'intake.accepted',
      siteId: batch.site_id,
      at: now,
      data: { batchId: batch.id, counts },
    });
    return this.getBatch(actor, batchId);
  }

  /** A preview nobody will accept: kept for the record, no longer acceptable. */
  async discard(actor: Actor, batchId: string): Promise<BatchView> {
    const batch = await this.batchRow(actor, batchId);
    if (batch.status !== 'preview') throw new Conflict(`the import is ${batch.status}`);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('intake_batches')
        .set({ status: 'discarded' })
        .where('id', '=', batchId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake.discard',
        subjectType: 'intake-batch',
        subjectId: batchId,
        siteId: batch.site_id,
      });
    });
    return this.getBatch(actor, batchId);
  }

  /**
   * Asks the housing module for placements of the whole batch, in every site the caller may plan
   * for (the receiving site is where they arrive, not where they must live); an analyst approves
   * the plan there.
   */
  async proposeHousing(actor: Actor, batchId: string): Promise<BatchView> {
    const batch = await this.batchRow(actor, batchId);
    if (batch.status !== 'accepted')
      throw new Conflict('the import must be accepted before housing is proposed');
    if (!this.options.housing) throw new Conflict('housing proposals are not available in this installation');
    const arrivals = await this.db
      .selectFrom('intake_arrivals')
      .innerJoin('detainees', 'detainees.id', 'intake_arrivals.detainee_id')
      .select('intake_arrivals.detainee_id')
      .where('intake_arrivals.batch_id', '=', batchId)
      .where('intake_arrivals.status', '!=', 'missing')
      .where('detainees.cell_id', 'is', null)
      .where('detainees.status', 'in', ['arriving', 'in_custody'])
      .execute();
    if (arrivals.length === 0) throw new Conflict('nobody of this import is waiting for a cell');
    const plan = await this.options.housing(
      actor,
      arrivals.map((a) => a.detainee_id),
    );
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('intake_batches')
        .set({ housing_plan_id: plan.id })
        .where('id', '=', batchId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'intake.housing-proposed',
        subjectType: 'intake-batch',
        subjectId: batchId,
        siteId: batch.site_id,
        changes: { planId: plan.id, detainees: arrivals.length },
      });
    });
    return this.getBatch(actor, batchId);
  }

  // ── duplicate review queue ────────────────────────────────────────────────

  /** Open (or decided) pairs for the register's duplicate review, in the caller's sites. */
  async listReviews(actor: Actor, filter: { status?: string; page?: number; pageSize?: number }) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('duplicate_reviews');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    q = q.where('status', '=', filter.status ?? 'open');
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toReviewView), total, page, pageSize };
  }

  /**
   * Records a reviewer's decision on a pair. "same" does not merge here: merging belongs to the
   * register's merge (with its own record of who decided); this closes the queue entry.
   */
  async decideReview(
    actor: Actor,
    id: string,
    input: { decision: 'same' | 'different'; note?: string | null },
    trx?: Transaction<Database>,
  ): Promise<ReviewView> {
    const run = async (t: Transaction<Database>) => {
      const row = await t.selectFrom('duplicate_reviews').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || !inScope(actor, row.site_id)) throw new NotFound('review');
      if (row.status !== 'open') throw new Conflict(`the review is already decided (${row.status})`);
      const now = this.clock.now().toISOString();
      await t
        .updateTable('duplicate_reviews')
        .set({
          status: input.decision,
          decided_at: now,
          decided_by: actor.audit.actor.name,
          note: input.note ?? null,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(t, this.clock, actor.audit, {
        action: 'duplicate-review.decide',
        subjectType: 'detainee',
        subjectId: row.detainee_id,
        siteId: row.site_id,
        changes: { reviewId: id, candidateId: row.candidate_id, ...input },
      });
      return toReviewView({
        ...row,
        status: input.decision,
        decided_at: now,
        decided_by: actor.audit.actor.name,
        note: input.note ?? null,
      });
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  // ── helpers ───────────────────────────────────────────────────────────────

  async batchRow(actor: Actor, id: string): Promise<Database['intake_batches']> {
    const row = await this.db
      .selectFrom('intake_batches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !inScope(actor, row.site_id)) throw new NotFound('import');
    return row;
  }

  private async siteOf(actor: Actor, input: ImportInput): Promise<{ id: string; code: string }> {
    const field = input.siteId ? 'siteId' : 'siteCode';
    if (!input.siteId && !input.siteCode)
      throw new BadRequest('siteCode: the receiving site is required', 'siteCode');
    let q = this.db.selectFrom('sites').select(['id', 'code']);
    q = input.siteId ? q.where('id', '=', input.siteId) : q.where('code', '=', input.siteCode!);
    const site = await q.executeTakeFirst();
    // Unknown and out-of-scope read the same, so that the existence of a site does not leak.
    if (!site || !inScope(actor, site.id)) throw new BadRequest(`${field}: no such site among yours`, field);
    return site;
  }

  private newDetainee(row: ManifestRow, batch: Database['intake_batches'], today: string): NewDetainee {
    const authority = row.sendingAuthority ?? batch.sending_authority ?? 'sending authority';
    return {
      names: row.names,
      sex: row.sex,
      dob: row.dob,
      nationalities: row.nationalities,
      legalStatus: row.legalStatus,
      ageCategory: row.ageCategory,
      status: 'arriving',
      siteId: batch.site_id,
      arrestedAt: row.arrestDate,
      arrestPlace: row.arrestPlace,
      // The transfer itself is the basis on which the service holds them from today; the legal
      // module records the domestic basis (order, charge) when a court issues it.
      legalBasis: {
        basis:
          row.legalStatus === 'convicted' ? 'transfer of a sentenced person' : 'transfer for investigation',
        authority,
        from: today,
        note: [
          `manifest ${batch.manifest_ref}, ${row.manifestNo}`,
          row.sendingReference,
          row.originFacility && `from ${row.originFacility}`,
        ]
          .filter(Boolean)
          .join('; '),
      },
    };
  }
}

function checkMapping(input: MappingInput): void {
  if (!input.name.trim()) throw new BadRequest('name: is empty', 'name');
  const fields = Object.entries(input.columns);
  if (fields.length === 0) throw new BadRequest('columns: map at least one column', 'columns');
  for (const [header, field] of fields)
    if (!(MANIFEST_FIELDS as readonly string[]).includes(field))
      throw new BadRequest(
        `columns.${header}: "${field}" is not a manifest field (${MANIFEST_FIELDS.join(', ')})`,
        `columns.${header}`,
      );
  const targets = fields.map(([, f]) => f);
  const twice = targets.find((f, i) => targets.indexOf(f) !== i);
  if (twice) throw new BadRequest(`columns: two columns map to ${twice}`, 'columns');
}

function toMappingView(row: Database['intake_mappings']): MappingView {
  return {
    id: row.id,
    name: row.name,
    columns: j<Record<string, ManifestField>>(row.columns),
    values: j(row.value_map) ?? {},
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

function toBatchView(row: Database['intake_batches']): BatchView {
  return {
    id: row.id,
    manifestRef: row.manifest_ref,
    siteId: row.site_id,
    sendingAuthority: row.sending_authority,
    format: row.format,
    fileName: row.file_name,
    mappingId: row.mapping_id,
    status: row.status,
    counts: j(row.counts),
    errors: j(row.errors),
    ignoredColumns: j(row.ignored_columns),
    createdAt: row.created_at,
    createdBy: row.created_by,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    housingPlanId: row.housing_plan_id,
    closedAt: row.closed_at,
  };
}

function toReviewView(row: Database['duplicate_reviews']): ReviewView {
  return {
    id: row.id,
    detaineeId: row.detainee_id,
    candidateId: row.candidate_id,
    siteId: row.site_id,
    score: row.score,
    evidence: j(row.evidence),
    source: row.source,
    sourceId: row.source_id,
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    note: row.note,
  };
}
