import { randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import {
  clusterRecords,
  type Evidence,
  type PersonRecord,
  prepareRecord,
  NameFrequency,
  scorePair,
} from '../../engines/identity';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { AppError, BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import { type DetaineeReference, detaineeReferences } from './detainee-references';
import type { RegisterSearch } from './register-search';

export interface CandidateSide {
  id: string;
  number: string;
  displayName: string;
  names: string[];
  sex: string;
  dob: string | null;
  nationalities: string[];
  siteId: string;
  status: string;
  mergedInto: string | null;
}

export interface CandidateView {
  id: string;
  a: CandidateSide;
  b: CandidateSide;
  score: number;
  decision: string;
  evidence: Evidence[];
  source: string;
  status: string;
  foundAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface MoveView {
  table: string;
  column: string;
  rowKey: Record<string, unknown>;
  from: string;
  to: string;
  outcome: 'moved' | 'kept';
  restoredAt: string | null;
}

export interface MergeView {
  id: string;
  survivorId: string;
  absorbedId: string;
  candidateId: string | null;
  reason: string;
  mergedAt: string;
  mergedBy: string;
  unmergedAt: string | null;
  unmergedBy: string | null;
  unmergeReason: string | null;
  /** The absorbed record's cell, left by the merge: one person is held in one cell. */
  vacatedCellId: string | null;
  moves: MoveView[];
  /** After an unmerge: moves that could not be put back because the row had changed since. */
  conflicts?: MoveView[];
}

/** Reads active non-association directives through the housing module (it owns them). */
export interface DirectiveSource {
  activeDirectives(
    trx?: Transaction<Database>,
  ): Promise<{ id: string; a: string; b: string; scope: string }[]>;
}

/** Statuses of a record that stands for a person held now. */
const HELD = ['in_custody', 'arriving'];
/** The status of a record merged into another: out of every count and roll until an unmerge. */
const MERGED = 'merged';
/** Records a periodic scan screens in one run; the next run carries on from the last one. */
const SCAN_BATCH = 2000;
/** Records stamped in the last seconds are left to the next run: a transaction may still be committing. */
const SCAN_SETTLE_MS = 5_000;

/**
 * Duplicate review: candidate pairs from a scan of the register (the engine's clustering) and
 * from intake's queue, with their evidence; merge and unmerge with who decided and why. A merge
 * keeps both rows: the absorbed one is marked `merged_into`, and every reference declared in
 * detainee-references.ts is re-pointed to the survivor, each move recorded in `merge_moves` so
 * that an unmerge reverses exactly those and nothing else.
 */
export class MergeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly search: RegisterSearch,
    private readonly directives: DirectiveSource,
  ) {}

  /**
   * Runs the engine's clustering over the whole register and stores the pairs it links or wants a
   * human to see. Pairs already known (open or decided) are not added again.
   *
   * @example const { added } = await merges.scan(actor); // the nightly run, or a button on the review page
   */
  async scan(actor: Actor): Promise<{ records: number; added: number; open: number }> {
    const records = await this.personRecords();
    const result = clusterRecords(records);
    const byCluster = new Map<string, string[]>();
    for (const [id, c] of result.clusterOf) byCluster.set(c, [...(byCluster.get(c) ?? []), id]);
    const pairs = new Map<string, { a: string; b: string }>();
    const add = (x: string, y: string) => {
      const [a, b] = x < y ? [x, y] : [y, x];
      pairs.set(`${a}|${b}`, { a, b });
    };
    for (const members of byCluster.values())
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++) add(members[i], members[j]);
    for (const p of result.review) add(p.a, p.b);
    return this.storePairs(actor, records, [...pairs.values()], 'register-scan', null);
  }

  /**
   * The periodic duplicate scan: screens the records changed since the last run (at most
   * SCAN_BATCH; the next run carries on) against the whole register with the identity engine, and
   * files the pairs it finds into the review queue. A pair already in the queue, whatever its
   * source and status (open, merged, found to be two people), is not filed again.
   *
   * @example await merges.scanChanged(systemActor('duplicate-scan')); // on a timer in `custodia serve`
   */
  async scanChanged(actor: Actor): Promise<{ screened: number; added: number }> {
    const last = await this.db
      .selectFrom('identity_scans')
      .select(['last_updated_at', 'last_id'])
      .orderBy('last_updated_at', 'desc')
      .orderBy('last_id', 'desc')
      .executeTakeFirst();
    const now = this.clock.now();
    const settled = new Date(now.getTime() - SCAN_SETTLE_MS).toISOString();
    let q = this.db
      .selectFrom('detainees')
      .select(['id', 'updated_at'])
      .where('merged_into', 'is', null)
      .where('updated_at', '<=', settled);
    if (last)
      q = q.where((eb) =>
        eb.or([
          eb('updated_at', '>', last.last_updated_at),
          eb.and([eb('updated_at', '=', last.last_updated_at), eb('id', '>', last.last_id)]),
        ]),
      );
    const changed = await q.orderBy('updated_at').orderBy('id').limit(SCAN_BATCH).execute();
    if (changed.length === 0) return { screened: 0, added: 0 };

    const known = new Set(
      (await this.db.selectFrom('identity_candidates').select(['detainee_a', 'detainee_b']).execute()).map(
        (c) => `${c.detainee_a}|${c.detainee_b}`,
      ),
    );
    const scanId = randomUUID();
    const found = now.toISOString();
    const rows: Database['identity_candidates'][] = [];
    for (const record of await this.personRecords(changed.map((c) => c.id))) {
      const hits = await this.search.screenRecord(record, { excludeId: record.id, limit: 5 });
      for (const [rank, hit] of hits.entries()) {
        // A possible match is worth a reviewer's time when it is the record's best; below a better one it is mostly a namesake.
        if (hit.decision === 'different' || (hit.decision === 'possible' && rank > 0)) continue;
        const [a, b] = record.id < hit.id ? [record.id, hit.id] : [hit.id, record.id];
        if (known.has(`${a}|${b}`)) continue;
        known.add(`${a}|${b}`);
        rows.push({
          id: randomUUID(),
          detainee_a: a,
          detainee_b: b,
          score: hit.score,
          decision: hit.decision,
          evidence: JSON.stringify(hit.evidence),
          source: 'register-scan',
          source_ref: scanId,
          status: 'open',
          found_at: found,
          decided_at: null,
          decided_by: null,
          decided_by_id: null,
          decision_note: null,
        });
      }
    }
    const end = changed[changed.length - 1];
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('identity_candidates')
          .values(rows.slice(i, i + 500))
          .execute();
      await trx
        .insertInto('identity_scans')
        .values({
          id: scanId,
          ran_at: found,
          last_updated_at: end.updated_at,
          last_id: end.id,
          screened: changed.length,
          added: rows.length,
        })
        .execute();
      // A run that found nothing leaves the audit alone: it runs every few minutes.
      if (rows.length)
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'identity.scan',
          subjectType: 'register',
          changes: {
            source: 'register-scan',
            sourceRef: scanId,
            screened: changed.length,
            added: rows.length,
          },
        });
    });
    return { screened: changed.length, added: rows.length };
  }

  /** Candidates to review, open first; each side as the reviewer needs it, in the caller's sites. */
  async candidates(actor: Actor, filter: { status?: string; limit?: number } = {}): Promise<CandidateView[]> {
    await this.importIntakeQueue(actor);
    let q = this.db.selectFrom('identity_candidates').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q
      .orderBy('status')
      .orderBy('score', 'desc')
      .limit(filter.limit ?? 200)
      .execute();
    const sides = await this.sides(rows.flatMap((r) => [r.detainee_a, r.detainee_b]));
    return rows
      .filter(
        (r) =>
          inScope(actor, sides.get(r.detainee_a)?.siteId) || inScope(actor, sides.get(r.detainee_b)?.siteId),
      )
      .map((r) => ({
        id: r.id,
        a: sides.get(r.detainee_a)!,
        b: sides.get(r.detainee_b)!,
        score: r.score,
        decision: r.decision,
        evidence: JSON.parse(r.evidence) as Evidence[],
        source: r.source,
        status: r.status,
        foundAt: r.found_at,
        decidedAt: r.decided_at,
        decidedBy: r.decided_by,
        decisionNote: r.decision_note,
      }));
  }

  /** A reviewer's finding that the pair are two people. */
  async dismiss(actor: Actor, candidateId: string, reason: string): Promise<CandidateView> {
    const row = await this.db
      .selectFrom('identity_candidates')
      .selectAll()
      .where('id', '=', candidateId)
      .executeTakeFirst();
    const sides = row ? await this.sides([row.detainee_a, row.detainee_b]) : new Map();
    if (
      !row ||
      !inScope(actor, sides.get(row.detainee_a)?.siteId) ||
      !inScope(actor, sides.get(row.detainee_b)?.siteId)
    )
      throw new NotFound('candidate');
    if (row.status !== 'open') throw new Conflict(`candidate: already ${row.status}`, 'candidateId');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('identity_candidates')
        .set({
          status: 'not_same',
          decided_at: now,
          decided_by: actor.audit.actor.name,
          decided_by_id: actor.audit.actor.id,
          decision_note: reason,
        })
        .where('id', '=', candidateId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'identity.not-same',
        subjectType: 'identity_candidate',
        subjectId: candidateId,
        siteId: sides.get(row.detainee_a)?.siteId,
        changes: { a: row.detainee_a, b: row.detainee_b, reason },
      });
    });
    return (await this.candidates(actor, {})).find((c) => c.id === candidateId)!;
  }

  /**
   * Merges the absorbed record into the survivor: both must be in the caller's sites and neither
   * already merged. Every person-owned reference moves; the absorbed row stays, marked.
   *
   * @example await merges.merge(actor, { survivorId, absorbedId, reason: 'same passport IQ A1234567' });
   */
  async merge(
    actor: Actor,
    input: { survivorId: string; absorbedId: string; reason: string; candidateId?: string | null },
  ): Promise<MergeView> {
    if (input.survivorId === input.absorbedId)
      throw new BadRequest('absorbedId: is the survivor itself', 'absorbedId');
    const now = this.clock.now().toISOString();
    const mergeId = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('detainees')
        .select(['id', 'site_id', 'merged_into', 'status', 'cell_id'])
        .where('id', 'in', [input.survivorId, input.absorbedId])
        .execute();
      const survivor = rows.find((r) => r.id === input.survivorId);
      const absorbed = rows.find((r) => r.id === input.absorbedId);
      if (!survivor || !inScope(actor, survivor.site_id)) throw new NotFound('survivor');
      if (!absorbed || !inScope(actor, absorbed.site_id)) throw new NotFound('absorbed');
      if (survivor.merged_into)
        throw new Conflict('survivorId: this record was itself merged into another', 'survivorId');
      if (absorbed.merged_into) throw new Conflict('absorbedId: already merged', 'absorbedId');
      // A directive to keep the two apart says someone found them to be two people.
      const apart = (await this.directives.activeDirectives(trx)).find(
        (d) =>
          (d.a === input.survivorId && d.b === input.absorbedId) ||
          (d.a === input.absorbedId && d.b === input.survivorId),
      );
      // Own codes, so that the review screen can say why in the reader's language.
      if (apart)
        throw new AppError(
          409,
          'kept_apart',
          `absorbedId: non-association directive ${apart.id} (${apart.scope}) keeps these two records apart; revoke it before merging them`,
          'absorbedId',
        );
      // The person is held under the absorbed record: merging it into a released one would drop them from the roll.
      if (HELD.includes(absorbed.status) && !HELD.includes(survivor.status))
        throw new AppError(
          409,
          'survivor_not_held',
          `survivorId: is ${survivor.status} while the absorbed record is ${absorbed.status}; keep the record in custody as the survivor`,
          'survivorId',
        );
      if (input.candidateId) {
        const c = await trx
          .selectFrom('identity_candidates')
          .select(['detainee_a', 'detainee_b', 'status'])
          .where('id', '=', input.candidateId)
          .executeTakeFirst();
        const pair = new Set([c?.detainee_a, c?.detainee_b]);
        if (!c || !pair.has(input.survivorId) || !pair.has(input.absorbedId))
          throw new BadRequest('candidateId: is not this pair', 'candidateId');
        if (c.status !== 'open') throw new Conflict(`candidateId: already ${c.status}`, 'candidateId');
      }
      await trx
        .insertInto('detainee_merges')
        .values({
          id: mergeId,
          survivor_id: input.survivorId,
          absorbed_id: input.absorbedId,
          candidate_id: input.candidateId ?? null,
          reason: input.reason,
          merged_at: now,
          merged_by: actor.audit.actor.name,
          merged_by_id: actor.audit.actor.id,
          unmerged_at: null,
          unmerged_by: null,
          unmerged_by_id: null,
          unmerge_reason: null,
          absorbed_status: absorbed.status,
          absorbed_cell_id: absorbed.cell_id,
        })
        .execute();
      const moves = await moveReferences(trx, mergeId, input.absorbedId, input.survivorId);
      // Out of the population: the survivor is the one record held, in its own cell.
      await trx
        .updateTable('detainees')
        .set({
          merged_into: input.survivorId,
          merged_at: now,
          status: MERGED,
          cell_id: null,
          updated_at: now,
        })
        .where('id', '=', input.absorbedId)
        .execute();
      await trx
        .updateTable('detainees')
        .set({ updated_at: now })
        .where('id', '=', input.survivorId)
        .execute();
      if (input.candidateId)
        await trx
          .updateTable('identity_candidates')
          .set({
            status: 'merged',
            decided_at: now,
            decided_by: actor.audit.actor.name,
            decided_by_id: actor.audit.actor.id,
            decision_note: input.reason,
          })
          .where('id', '=', input.candidateId)
          .execute();
      const counts: Record<string, number> = {};
      for (const m of moves) if (m.outcome === 'moved') counts[m.table] = (counts[m.table] ?? 0) + 1;
      await recordAudit(trx, this.clock, actor.audit, [
        {
          action: 'identity.merge',
          subjectType: 'detainee',
          subjectId: input.survivorId,
          siteId: survivor.site_id,
          changes: { mergeId, absorbedId: input.absorbedId, reason: input.reason, moved: counts },
        },
        {
          action: 'identity.merged-into',
          subjectType: 'detainee',
          subjectId: input.absorbedId,
          siteId: absorbed.site_id,
          changes: {
            mergeId,
            survivorId: input.survivorId,
            reason: input.reason,
            before: { status: absorbed.status, cellId: absorbed.cell_id },
          },
        },
      ]);
    });
    this.search.invalidate([input.survivorId, input.absorbedId]);
    return this.getMerge(actor, mergeId);
  }

  /**
   * Reverses a merge: each recorded move is put back if the row still points at the survivor;
   * rows changed since (closed, deleted, moved again) are reported as conflicts, never forced.
   */
  async unmerge(actor: Actor, mergeId: string, reason: string): Promise<MergeView> {
    const now = this.clock.now().toISOString();
    const conflicts: MoveView[] = [];
    let survivorId = '';
    let absorbedId = '';
    await this.db.transaction().execute(async (trx) => {
      const m = await trx
        .selectFrom('detainee_merges')
        .selectAll()
        .where('id', '=', mergeId)
        .executeTakeFirst();
      const rows = m
        ? await trx
            .selectFrom('detainees')
            .select(['id', 'site_id'])
            .where('id', 'in', [m.survivor_id, m.absorbed_id])
            .execute()
        : [];
      if (!m || rows.length !== 2 || rows.some((r) => !inScope(actor, r.site_id)))
        throw new NotFound('merge');
      if (m.unmerged_at) throw new Conflict('merge: already undone', 'mergeId');
      // A later merge into the same survivor must be undone first, or its moves would be tangled with these.
      const later = await trx
        .selectFrom('detainee_merges')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('survivor_id', 'in', [m.survivor_id, m.absorbed_id]),
            eb('absorbed_id', '=', m.survivor_id),
          ]),
        )
        .where('unmerged_at', 'is', null)
        .where('merged_at', '>', m.merged_at)
        .executeTakeFirst();
      if (later)
        throw new Conflict(
          `merge: a later merge (${later.id}) involves these records; undo it first`,
          'mergeId',
        );
      survivorId = m.survivor_id;
      absorbedId = m.absorbed_id;
      const moves = await trx
        .selectFrom('merge_moves')
        .selectAll()
        .where('merge_id', '=', mergeId)
        .orderBy('seq', 'desc')
        .execute();
      for (const mv of moves) {
        if (mv.outcome !== 'moved') continue;
        const key = JSON.parse(mv.row_key) as Record<string, unknown>;
        // Composite keys include the moved column: the row is found under its new value.
        const where = { ...key, ...(mv.column_name in key ? { [mv.column_name]: mv.to_id } : {}) };
        let q = trx
          .updateTable(mv.table_name as 'alerts')
          .set({ [mv.column_name]: mv.from_id } as never)
          .where(mv.column_name as 'id', '=', mv.to_id);
        for (const [c, v] of Object.entries(where)) q = q.where(c as 'id', '=', v as string);
        const res = await q.executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1)
          await trx.updateTable('merge_moves').set({ restored_at: now }).where('id', '=', mv.id).execute();
        else conflicts.push(moveView(mv));
      }
      await trx
        .updateTable('detainee_merges')
        .set({
          unmerged_at: now,
          unmerged_by: actor.audit.actor.name,
          unmerged_by_id: actor.audit.actor.id,
          unmerge_reason: reason,
        })
        .where('id', '=', mergeId)
        .execute();
      // The absorbed record is given back the custody it had (merges made before its status was kept changed none).
      await trx
        .updateTable('detainees')
        .set({
          merged_into: null,
          merged_at: null,
          updated_at: now,
          ...(m.absorbed_status ? { status: m.absorbed_status, cell_id: m.absorbed_cell_id } : {}),
        })
        .where('id', '=', m.absorbed_id)
        .execute();
      await trx.updateTable('detainees').set({ updated_at: now }).where('id', '=', m.survivor_id).execute();
      if (m.candidate_id)
        await trx
          .updateTable('identity_candidates')
          .set({ status: 'open', decision_note: `unmerged: ${reason}` })
          .where('id', '=', m.candidate_id)
          .execute();
      const site = rows.find((r) => r.id === m.survivor_id)!.site_id;
      await recordAudit(trx, this.clock, actor.audit, [
        {
          action: 'identity.unmerge',
          subjectType: 'detainee',
          subjectId: m.survivor_id,
          siteId: site,
          changes: { mergeId, absorbedId: m.absorbed_id, reason, conflicts: conflicts.length },
        },
        {
          action: 'identity.unmerged',
          subjectType: 'detainee',
          subjectId: m.absorbed_id,
          siteId: rows.find((r) => r.id === m.absorbed_id)!.site_id,
          changes: { mergeId, reason },
        },
      ]);
    });
    this.search.invalidate([survivorId, absorbedId]);
    return { ...(await this.getMerge(actor, mergeId)), conflicts };
  }

  async listMerges(actor: Actor, filter: { detaineeId?: string } = {}): Promise<MergeView[]> {
    let q = this.db.selectFrom('detainee_merges').select('id');
    if (filter.detaineeId)
      q = q.where((eb) =>
        eb.or([eb('survivor_id', '=', filter.detaineeId!), eb('absorbed_id', '=', filter.detaineeId!)]),
      );
    const ids = await q.orderBy('merged_at', 'desc').limit(200).execute();
    const out: MergeView[] = [];
    for (const { id } of ids) {
      try {
        out.push(await this.getMerge(actor, id));
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
      }
    }
    return out;
  }

  async getMerge(actor: Actor, mergeId: string): Promise<MergeView> {
    const m = await this.db
      .selectFrom('detainee_merges')
      .selectAll()
      .where('id', '=', mergeId)
      .executeTakeFirst();
    const rows = m
      ? await this.db
          .selectFrom('detainees')
          .select(['id', 'site_id'])
          .where('id', 'in', [m.survivor_id, m.absorbed_id])
          .execute()
      : [];
    if (!m || !rows.some((r) => inScope(actor, r.site_id))) throw new NotFound('merge');
    const moves = await this.db
      .selectFrom('merge_moves')
      .selectAll()
      .where('merge_id', '=', mergeId)
      .orderBy('seq')
      .execute();
    return {
      id: m.id,
      survivorId: m.survivor_id,
      absorbedId: m.absorbed_id,
      candidateId: m.candidate_id,
      reason: m.reason,
      mergedAt: m.merged_at,
      mergedBy: m.merged_by,
      unmergedAt: m.unmerged_at,
      unmergedBy: m.unmerged_by,
      unmergeReason: m.unmerge_reason,
      vacatedCellId: m.absorbed_cell_id,
      moves: moves.map(moveView),
    };
  }

  // ---- internals ----

  /** Intake's open duplicate reviews join the queue (once each) so that one screen shows them all. */
  private async importIntakeQueue(actor: Actor): Promise<void> {
    const tables = await this.db.introspection.getTables();
    if (!tables.some((t) => t.name === 'duplicate_reviews')) return;
    const known = new Set(
      (
        await this.db
          .selectFrom('identity_candidates')
          .select('source_ref')
          .where('source', '=', 'intake')
          .execute()
      ).map((r) => r.source_ref),
    );
    const open = (
      await this.db
        .selectFrom('duplicate_reviews')
        .selectAll()
        .where('status', 'in', ['open', 'pending'])
        .execute()
    ).filter((r) => !known.has(r.id));
    if (open.length === 0) return;
    const records = await this.personRecords(open.flatMap((r) => [r.detainee_id, r.candidate_id]));
    for (const r of open)
      await this.storePairs(
        actor,
        records,
        [
          {
            a: r.detainee_id < r.candidate_id ? r.detainee_id : r.candidate_id,
            b: r.detainee_id < r.candidate_id ? r.candidate_id : r.detainee_id,
          },
        ],
        'intake',
        r.id,
      );
  }

  private async storePairs(
    actor: Actor,
    records: PersonRecord[],
    pairs: { a: string; b: string }[],
    source: string,
    sourceRef: string | null,
  ) {
    const prepared = new Map(records.map((r) => [r.id, prepareRecord(r)]));
    const freq = new NameFrequency([...prepared.values()]);
    const existing = await this.db
      .selectFrom('identity_candidates')
      .select(['detainee_a', 'detainee_b'])
      .where('source', '=', source)
      .execute();
    const known = new Set(existing.map((e) => `${e.detainee_a}|${e.detainee_b}`));
    const now = this.clock.now().toISOString();
    const rows: Database['identity_candidates'][] = [];
    for (const p of pairs) {
      if (known.has(`${p.a}|${p.b}`) || !prepared.has(p.a) || !prepared.has(p.b)) continue;
      const s = scorePair(prepared.get(p.a)!, prepared.get(p.b)!, freq);
      rows.push({
        id: randomUUID(),
        detainee_a: p.a,
        detainee_b: p.b,
        score: s.score,
        decision: s.decision,
        evidence: JSON.stringify(s.evidence),
        source,
        source_ref: sourceRef,
        status: 'open',
        found_at: now,
        decided_at: null,
        decided_by: null,
        decided_by_id: null,
        decision_note: null,
      });
    }
    if (rows.length)
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 500)
          await trx
            .insertInto('identity_candidates')
            .values(rows.slice(i, i + 500))
            .execute();
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'identity.scan',
          subjectType: 'register',
          changes: { source, sourceRef, added: rows.length },
        });
      });
    const open = await this.db
      .selectFrom('identity_candidates')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return { records: records.length, added: rows.length, open: Number(open.n) };
  }

  private async personRecords(ids?: string[]): Promise<PersonRecord[]> {
    let q = this.db
      .selectFrom('detainees')
      .select(['id', 'sex', 'dob', 'display_name'])
      .where('merged_into', 'is', null);
    if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
    const rows = await q.execute();
    const wanted = new Set(rows.map((r) => r.id));
    const names = new Map<string, string[]>();
    const nats = new Map<string, string[]>();
    // A few records (intake's pairs, a periodic scan) read only theirs; the whole register reads all.
    const slices = ids ? chunks([...wanted], 500) : [null];
    for (const slice of slices) {
      let nq = this.db.selectFrom('detainee_names').select(['detainee_id', 'name']).orderBy('position');
      let cq = this.db.selectFrom('detainee_nationalities').select(['detainee_id', 'country']);
      if (slice) {
        nq = nq.where('detainee_id', 'in', slice.length ? slice : ['']);
        cq = cq.where('detainee_id', 'in', slice.length ? slice : ['']);
      }
      for (const n of await nq.execute())
        if (wanted.has(n.detainee_id))
          names.set(n.detainee_id, [...(names.get(n.detainee_id) ?? []), n.name]);
      for (const n of await cq.execute())
        if (wanted.has(n.detainee_id))
          nats.set(n.detainee_id, [...(nats.get(n.detainee_id) ?? []), n.country]);
    }
    return rows.map((r) => ({
      id: r.id,
      names: names.get(r.id) ?? [r.display_name],
      sex: r.sex === 'F' ? 'F' : 'M',
      dob: r.dob ? (r.dob.length === 7 ? r.dob.slice(0, 4) : r.dob) : undefined,
      nationality: nats.get(r.id) ?? [],
    }));
  }

  private async sides(ids: string[]): Promise<Map<string, CandidateSide>> {
    const out = new Map<string, CandidateSide>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    const rows = await this.db
      .selectFrom('detainees')
      .select(['id', 'number', 'display_name', 'sex', 'dob', 'site_id', 'status', 'merged_into'])
      .where('id', 'in', unique)
      .execute();
    const names = await this.db
      .selectFrom('detainee_names')
      .select(['detainee_id', 'name'])
      .where('detainee_id', 'in', unique)
      .orderBy('position')
      .execute();
    const nats = await this.db
      .selectFrom('detainee_nationalities')
      .select(['detainee_id', 'country'])
      .where('detainee_id', 'in', unique)
      .execute();
    for (const r of rows)
      out.set(r.id, {
        id: r.id,
        number: r.number,
        displayName: r.display_name,
        names: names.filter((n) => n.detainee_id === r.id).map((n) => n.name),
        sex: r.sex,
        dob: r.dob,
        nationalities: nats.filter((n) => n.detainee_id === r.id).map((n) => n.country),
        siteId: r.site_id,
        status: r.status,
        mergedInto: r.merged_into ?? null,
      });
    return out;
  }
}

/**
 * Re-points every declared `move` reference from one detainee to another inside the caller's
 * transaction, recording each row's move. Tables not in this store are skipped (a module not
 * installed); a fact the survivor already holds (same nationality, same seized item) stays on the
 * absorbed record and is recorded as `kept`.
 */
async function moveReferences(trx: Transaction<Database>, mergeId: string, from: string, to: string) {
  const present = new Set((await trx.introspection.getTables()).map((t) => t.name));
  const moves: { table: string; outcome: 'moved' | 'kept' }[] = [];
  let seq = 0;
  const records: Database['merge_moves'][] = [];
  for (const ref of detaineeReferences()) {
    if (ref.policy !== 'move' || !present.has(ref.table)) continue;
    const keyCols = ref.key ?? ['id'];
    const rows = await selectRows(trx, ref, from, [...new Set([...keyCols, ...(ref.uniqueWith ?? [])])]);
    for (const row of rows) {
      let outcome: 'moved' | 'kept' = 'moved';
      if (ref.uniqueWith) {
        let q = trx
          .selectFrom(ref.table as 'alerts')
          .select(sql<number>`1`.as('x'))
          .where(ref.column as 'id', '=', to);
        for (const c of ref.uniqueWith) q = q.where(c as 'id', '=', row[c] as string);
        if (await q.executeTakeFirst()) outcome = 'kept';
      }
      const key = Object.fromEntries(keyCols.map((c) => [c, row[c]]));
      if (outcome === 'moved') {
        let u = trx
          .updateTable(ref.table as 'alerts')
          .set({ [ref.column]: to } as never)
          .where(ref.column as 'id', '=', from);
        for (const [c, v] of Object.entries(key))
          if (c !== ref.column) u = u.where(c as 'id', '=', v as string);
        await u.execute();
      }
      records.push({
        id: randomUUID(),
        merge_id: mergeId,
        seq: seq++,
        table_name: ref.table,
        row_key: JSON.stringify(key),
        column_name: ref.column,
        from_id: from,
        to_id: to,
        outcome,
        restored_at: null,
      });
      moves.push({ table: ref.table, outcome });
    }
  }
  for (let i = 0; i < records.length; i += 500)
    await trx
      .insertInto('merge_moves')
      .values(records.slice(i, i + 500))
      .execute();
  return moves;
}

async function selectRows(
  trx: Transaction<Database>,
  ref: DetaineeReference,
  detaineeId: string,
  columns: string[],
): Promise<Record<string, unknown>[]> {
  let q = trx
    .selectFrom(ref.table as 'alerts')
    .select(columns as 'id'[])
    .where(ref.column as 'id', '=', detaineeId);
  if (ref.where) q = q.where(ref.where.column as 'id', '=', ref.where.value);
  return (await q.execute()) as Record<string, unknown>[];
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

function moveView(m: Database['merge_moves']): MoveView {
  return {
    table: m.table_name,
    column: m.column_name,
    rowKey: JSON.parse(m.row_key),
    from: m.from_id,
    to: m.to_id,
    outcome: m.outcome as 'moved' | 'kept',
    restoredAt: m.restored_at,
  };
}
