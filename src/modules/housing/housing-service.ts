import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import { allocate, checkPlan, parseInstance, sharedLevel } from '../../engines/housing';
import type { Cell, Instance, Plan, PlanStats, Scope } from '../../engines/housing';
import { type AuditRecord, recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { AppError, BadRequest, Conflict, Forbidden, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import {
  blocksFor,
  type HousingState,
  loadHousingState,
  positionsOf,
  textsFor,
  toInstance,
  warningsFor,
} from './housing-state';
import type { IntelligenceService } from './intelligence-service';
import type { HousingPlansTable } from './tables';

export interface PlanMove {
  detaineeId: string;
  number: string;
  displayName: string;
  fromCellId: string | null;
  fromCellCode: string | null;
  toCellId: string;
  toCellCode: string;
  toWingCode: string;
  explanation: string;
}

export interface BrokenLink {
  linkId: string;
  a: { id: string; number: string };
  b: { id: string; number: string };
  kind: string;
  weight: number;
  before: Scope;
  after: Scope | null;
}

export interface UnplacedView {
  detaineeId: string;
  number: string;
  displayName: string;
  reasons: string[];
}

export type PlanStatus = 'proposed' | 'approved' | 'rejected' | 'stale';

export interface PlanView {
  id: string;
  kind: 'replan' | 'placement';
  siteIds: string[];
  status: PlanStatus;
  proposedAt: string;
  proposedBy: string;
  /** The proposer's account (null for the system): a plan is approved by somebody else. */
  proposedById: string | null;
  moveBudget: number;
  costBefore: number;
  costAfter: number;
  stats: PlanStats;
  moves: PlanMove[];
  linksBrokenUp: BrokenLink[];
  unplaced: UnplacedView[];
  note: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

export interface MoveCheck {
  allowed: boolean;
  blocks: string[];
  warnings: string[];
  /** True when the move may go ahead only with `confirm: true`. */
  requiresConfirmation: boolean;
}

export interface MoveView {
  id: string;
  detaineeId: string;
  fromCellId: string | null;
  fromCellCode: string | null;
  toCellId: string | null;
  toCellCode: string | null;
  movedAt: string;
  movedBy: string;
  reason: string;
  planId: string | null;
  warningsConfirmed: string[] | null;
}

export interface ProposeInput {
  /** Sites the plan covers; absent: every site of the caller. */
  siteIds?: string[];
  /** replan: the whole population within the move budget; placement: only the unhoused, nobody housed moves. */
  kind: 'replan' | 'placement';
  moveBudget?: number;
  /** placement only: just these unhoused detainees (the intake's batch). */
  detaineeIds?: string[];
  timeLimitSeconds?: number;
  note?: string | null;
}

/**
 * Housing plans and moves. Plans come from the engine over an instance built from the database;
 * an analyst approves one and its moves are executed in one transaction after a re-check against
 * the state at that moment. A single move is checked first: rules block, links warn.
 */
export class HousingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly intelligence: IntelligenceService,
  ) {}

  /** The allocation instance of the caller's sites (or the given ones), as the engine gets it. */
  async buildInstance(
    actor: Actor,
    options: { siteIds?: string[]; moveBudget: number; unhoused?: string[] },
  ): Promise<{ instance: Instance; state: HousingState }> {
    const siteIds = await this.sitesFor(actor, options.siteIds);
    const state = await loadHousingState(this.db, siteIds, this.intelligence);
    const instance = toInstance(state, {
      moveBudget: options.moveBudget,
      name: `custodia ${this.clock.now().toISOString()}`,
      unhoused: options.unhoused ? new Set(options.unhoused) : undefined,
    });
    return { instance: parseInstance(instance), state };
  }

  /**
   * Runs the engine and stores its plan as a proposal; nothing moves until an analyst approves it.
   *
   * @example await housing.propose(analyst, { siteIds: [siteId], kind: 'replan', moveBudget: 50 });
   */
  async propose(actor: Actor, input: ProposeInput): Promise<PlanView> {
    const budget = input.kind === 'placement' ? 0 : (input.moveBudget ?? 0);
    if (input.kind === 'replan' && input.moveBudget === undefined)
      throw new BadRequest('moveBudget: a re-plan needs a move budget', 'moveBudget');
    if (input.detaineeIds && input.kind !== 'placement')
      throw new BadRequest('detaineeIds: only for a placement', 'detaineeIds');
    const siteIds = await this.sitesFor(actor, input.siteIds);
    const state = await loadHousingState(this.db, siteIds, this.intelligence);
    let unhoused: Set<string> | undefined;
    if (input.detaineeIds) {
      unhoused = new Set(input.detaineeIds);
      input.detaineeIds.forEach((id, i) => {
        const d = state.detainees.get(id);
        if (!d)
          throw new BadRequest(
            `detaineeIds[${i}]: not held or arriving at the plan's sites`,
            `detaineeIds[${i}]`,
          );
        if (d.cellId)
          throw new BadRequest(`detaineeIds[${i}]: ${d.number} is already housed`, `detaineeIds[${i}]`);
      });
    }
    const instance = parseInstance(toInstance(state, { moveBudget: budget, unhoused }));
    const plan = reconcile(
      state,
      instance,
      planBySite(state, siteIds, {
        budget,
        unhoused,
        timeLimitMs: Math.round((input.timeLimitSeconds ?? 10) * 1000),
      }),
    );
    const row = this.planRow(actor, input, siteIds, budget, state, instance, plan);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('housing_plans').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'housing-plan.propose',
        subjectType: 'housing-plan',
        subjectId: row.id,
        siteId: siteIds.length === 1 ? siteIds[0] : null,
        changes: {
          kind: row.kind,
          siteIds,
          moveBudget: budget,
          costBefore: row.cost_before,
          costAfter: row.cost_after,
          moves: JSON.parse(row.moves).length,
          unplaced: JSON.parse(row.unplaced).length,
        },
      });
    });
    return this.getPlan(actor, row.id);
  }

  /**
   * Placement proposals for a batch of arrivals (or detainees in custody without a cell): the
   * intake module calls this for a manifest. Nobody already housed is moved.
   *
   * @example const plan = await housing.proposeForDetainees(actor, ids, { siteIds: [siteId] });
   */
  async proposeForDetainees(
    actor: Actor,
    detaineeIds: string[],
    options: { siteIds?: string[]; timeLimitSeconds?: number } = {},
  ): Promise<PlanView> {
    let siteIds = options.siteIds;
    if (!siteIds) {
      const rows = detaineeIds.length
        ? await this.db
            .selectFrom('detainees')
            .select('site_id')
            .distinct()
            .where('id', 'in', detaineeIds)
            .execute()
        : [];
      siteIds = rows.map((r) => r.site_id);
    }
    return this.propose(actor, {
      kind: 'placement',
      siteIds,
      detaineeIds,
      timeLimitSeconds: options.timeLimitSeconds,
    });
  }

  async listPlans(
    actor: Actor,
    filter: { status?: PlanStatus; page?: number; pageSize?: number },
  ): Promise<{
    items: Omit<PlanView, 'moves' | 'linksBrokenUp' | 'unplaced'>[];
    total: number;
    page: number;
    pageSize: number;
  }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('housing_plans').selectAll().orderBy('proposed_at', 'desc');
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = (await q.limit(2000).execute()).filter((r) => this.visible(actor, r));
    const items = rows.slice((page - 1) * pageSize, page * pageSize).map((r) => {
      const { moves: _m, linksBrokenUp: _l, unplaced: _u, ...rest } = toPlanView(r);
      return rest;
    });
    return { items, total: rows.length, page, pageSize };
  }

  async getPlan(actor: Actor, id: string): Promise<PlanView> {
    const row = await this.db.selectFrom('housing_plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !this.visible(actor, row)) throw new NotFound('plan');
    return toPlanView(row);
  }

  async rejectPlan(actor: Actor, id: string, note: string): Promise<PlanView> {
    const plan = await this.getPlan(actor, id);
    if (plan.status !== 'proposed') throw new Conflict(`the plan is ${plan.status}`);
    if (!note.trim()) throw new BadRequest('note: say why the plan is rejected', 'note');
    await this.db.transaction().execute(async (trx) => {
      await this.review(trx, actor, id, 'rejected', note.trim());
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'housing-plan.reject',
        subjectType: 'housing-plan',
        subjectId: id,
        changes: { note: note.trim() },
      });
    });
    return this.getPlan(actor, id);
  }

  /**
   * Executes every move of a proposed plan, or none. Each move is re-checked against the state
   * at this moment (the detainee still where the plan found them, the target cell still able to
   * take them with everybody else's moves applied, every directive in force now respected); if
   * anything no longer holds, the plan is marked stale with the reasons and nothing moves.
   */
  async approvePlan(actor: Actor, id: string, note?: string | null): Promise<PlanView> {
    const plan = await this.getPlan(actor, id);
    if (plan.status !== 'proposed') throw new Conflict(`the plan is ${plan.status}`);
    // Four eyes: moving hundreds of people on one person's say-so is how a network gets housed together.
    if (plan.proposedById !== null && plan.proposedById === actor.audit.actor.id)
      throw new Forbidden('a plan is approved by somebody other than the person who proposed it');
    const problems = await this.db.transaction().execute(async (trx) => {
      const state = await loadHousingState(trx, plan.siteIds, this.intelligence);
      const problems: string[] = [];
      const positions = positionsOf(state);
      for (const m of plan.moves) {
        const d = state.detainees.get(m.detaineeId);
        if (!d) problems.push(`${m.number} is no longer held or arriving at the plan's sites`);
        else if (d.cellId !== m.fromCellId) problems.push(`${m.number} has moved since the plan was made`);
        else if (d.segregated) problems.push(`${m.number} is now under segregation`);
        else positions.set(m.detaineeId, m.toCellId);
      }
      if (problems.length === 0)
        for (const m of plan.moves)
          for (const f of blocksFor(state, m.detaineeId, m.toCellId, positions))
            problems.push(`${m.number} to ${m.toCellCode}: ${f.detail}`);
      if (problems.length) return [...new Set(problems)];
      const now = this.clock.now().toISOString();
      const who = actor.audit.actor;
      const audits: AuditRecord[] = [];
      const history: Database['housing_moves'][] = [];
      for (const m of plan.moves) {
        let update = trx
          .updateTable('detainees')
          .set({ cell_id: m.toCellId, updated_at: now })
          .where('id', '=', m.detaineeId);
        update =
          m.fromCellId === null
            ? update.where('cell_id', 'is', null)
            : update.where('cell_id', '=', m.fromCellId);
        const done = await update.executeTakeFirst();
        // A concurrent writer got there first: the whole plan rolls back.
        if (Number(done.numUpdatedRows) !== 1)
          throw new Conflict(`${m.number} moved while the plan was being executed: nothing was moved`);
        const d = state.detainees.get(m.detaineeId)!;
        const reason = `housing plan ${id}${m.explanation ? `: ${m.explanation}` : ''}`;
        history.push({
          id: randomUUID(),
          detainee_id: m.detaineeId,
          site_id: d.siteId,
          from_cell_id: m.fromCellId,
          to_cell_id: m.toCellId,
          moved_at: now,
          moved_by: who.name,
          moved_by_id: who.id,
          reason,
          plan_id: id,
          warnings_confirmed: null,
        });
        audits.push({
          action: 'detainee.move',
          subjectType: 'detainee',
          subjectId: m.detaineeId,
          siteId: d.siteId,
          changes: { from: m.fromCellId, to: m.toCellId, planId: id },
        });
      }
      for (let i = 0; i < history.length; i += 500)
        await trx
          .insertInto('housing_moves')
          .values(history.slice(i, i + 500))
          .execute();
      await this.review(trx, actor, id, 'approved', note?.trim() || null);
      audits.push({
        action: 'housing-plan.approve',
        subjectType: 'housing-plan',
        subjectId: id,
        changes: { moves: plan.moves.length, note: note ?? null },
      });
      await recordAudit(trx, this.clock, actor.audit, audits);
      return [];
    });
    if (problems.length) {
      const reason = `the estate changed since the plan was made: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`;
      await this.db.transaction().execute(async (trx) => {
        await this.review(trx, actor, id, 'stale', reason);
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'housing-plan.stale',
          subjectType: 'housing-plan',
          subjectId: id,
          changes: { problems },
        });
      });
      throw new Conflict(`plan refused, nothing was moved: ${reason}`);
    }
    return this.getPlan(actor, id);
  }

  /** What a move would break (blocks) or risk (warnings), in words the caller may read. */
  async checkMove(actor: Actor, detaineeId: string, toCellId: string): Promise<MoveCheck> {
    const { findings } = await this.findings(this.db, actor, detaineeId, toCellId);
    return withReprisalWarning(this.verdict(actor, findings), await this.reprisalWarning(detaineeId));
  }

  private reprisalWatch: ((detaineeId: string) => Promise<{ warning: string | null }>) | null = null;
  /** Rule 57 (issue 10): a complainant's every move shows the safeguards module's reprisal warning, to confirm. */
  useReprisalWatch(watch: (detaineeId: string) => Promise<{ warning: string | null }>): void {
    this.reprisalWatch = watch;
  }
  private async reprisalWarning(detaineeId: string): Promise<string | null> {
    return this.reprisalWatch ? (await this.reprisalWatch(detaineeId)).warning : null;
  }

  /**
   * An officer's move: blocked by any rule; with warnings, it needs `confirm: true` (the warnings
   * confirmed are kept with the move). The check and the move are one transaction.
   */
  async move(
    actor: Actor,
    detaineeId: string,
    input: { toCellId: string; reason: string; confirm?: boolean },
  ): Promise<MoveView> {
    if (!input.reason.trim()) throw new BadRequest('reason: say why the detainee moves', 'reason');
    // Read before the transaction: SQLite has one connection, which the transaction holds.
    const reprisal = await this.reprisalWarning(detaineeId);
    const id = await this.db.transaction().execute(async (trx) => {
      const { state, findings } = await this.findings(trx, actor, detaineeId, input.toCellId);
      const verdict = withReprisalWarning(this.verdict(actor, findings), reprisal);
      if (!verdict.allowed)
        throw new AppError(409, 'move_blocked', `move blocked: ${verdict.blocks.join('; ')}`);
      if (verdict.requiresConfirmation && !input.confirm)
        throw new AppError(409, 'confirmation_required', `confirm the move: ${verdict.warnings.join('; ')}`);
      const d = state.detainees.get(detaineeId)!;
      const now = this.clock.now().toISOString();
      let update = trx
        .updateTable('detainees')
        .set({ cell_id: input.toCellId, updated_at: now })
        .where('id', '=', detaineeId);
      update =
        d.cellId === null ? update.where('cell_id', 'is', null) : update.where('cell_id', '=', d.cellId);
      if (Number((await update.executeTakeFirst()).numUpdatedRows) !== 1)
        throw new Conflict('the detainee was moved meanwhile: check again');
      const row = {
        id: randomUUID(),
        detainee_id: detaineeId,
        site_id: d.siteId,
        from_cell_id: d.cellId,
        to_cell_id: input.toCellId,
        moved_at: now,
        moved_by: actor.audit.actor.name,
        moved_by_id: actor.audit.actor.id,
        reason: input.reason.trim(),
        plan_id: null,
        // The detail is kept for the analysts even when the officer only saw the neutral text.
        warnings_confirmed: verdict.warnings.length
          ? JSON.stringify(findings.filter((f) => f.rule === 'association').map((f) => f.detail))
          : null,
      };
      await trx.insertInto('housing_moves').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.move',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: d.siteId,
        changes: {
          from: d.cellId,
          to: input.toCellId,
          reason: row.reason,
          warningsConfirmed: verdict.warnings.length > 0,
        },
      });
      return row.id;
    });
    return (await this.moveViews([id], 'id'))[0];
  }

  /** Every move of a detainee, newest first. */
  async moveHistory(actor: Actor, detaineeId: string): Promise<MoveView[]> {
    const d = await this.db
      .selectFrom('detainees')
      .select(['id', 'site_id'])
      .where('id', '=', detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
    const views = await this.moveViews([detaineeId], 'detainee_id');
    // Which warnings were overridden is intelligence.
    return actor.may('intelligence.read')
      ? views
      : views.map((v) => ({ ...v, warningsConfirmed: v.warningsConfirmed ? [] : null }));
  }

  // ---- helpers ----

  private async findings(db: Db | Transaction<Database>, actor: Actor, detaineeId: string, toCellId: string) {
    const d = await db
      .selectFrom('detainees')
      .select(['id', 'site_id', 'status'])
      .where('id', '=', detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
    if (d.status !== 'in_custody' && d.status !== 'arriving')
      throw new Conflict(`the detainee is ${d.status.replace('_', ' ')}: no move`);
    const state = await loadHousingState(db, [d.site_id], this.intelligence);
    if (!state.cells.has(toCellId)) {
      const exists = await db
        .selectFrom('cells')
        .select('site_id')
        .where('id', '=', toCellId)
        .executeTakeFirst();
      if (!exists || !inScope(actor, exists.site_id))
        throw new BadRequest('toCellId: unknown cell', 'toCellId');
    }
    const current = state.detainees.get(detaineeId)!;
    if (current.cellId === toCellId)
      throw new BadRequest('toCellId: the detainee is already in this cell', 'toCellId');
    const positions = positionsOf(state);
    positions.set(detaineeId, toCellId);
    const findings = [
      ...blocksFor(state, detaineeId, toCellId, positions),
      ...warningsFor(state, detaineeId, toCellId, positions),
    ];
    return { state, findings };
  }

  private verdict(actor: Actor, findings: ReturnType<typeof blocksFor>): MoveCheck {
    const intel = actor.may('intelligence.read');
    const blocks = textsFor(
      findings.filter((f) => f.rule !== 'association'),
      intel,
    );
    const warnings = textsFor(
      findings.filter((f) => f.rule === 'association'),
      intel,
    );
    return {
      allowed: blocks.length === 0,
      blocks,
      warnings,
      requiresConfirmation: blocks.length === 0 && warnings.length > 0,
    };
  }

  private async moveViews(ids: string[], by: 'id' | 'detainee_id'): Promise<MoveView[]> {
    const rows = await this.db
      .selectFrom('housing_moves')
      .leftJoin('cells as f', 'f.id', 'housing_moves.from_cell_id')
      .leftJoin('cells as t', 't.id', 'housing_moves.to_cell_id')
      .selectAll('housing_moves')
      .select(['f.code as from_code', 't.code as to_code'])
      .where(`housing_moves.${by}`, 'in', ids)
      .orderBy('housing_moves.moved_at', 'desc')
      .orderBy('housing_moves.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      detaineeId: r.detainee_id,
      fromCellId: r.from_cell_id,
      fromCellCode: r.from_code,
      toCellId: r.to_cell_id,
      toCellCode: r.to_code,
      movedAt: r.moved_at,
      movedBy: r.moved_by,
      reason: r.reason,
      planId: r.plan_id,
      warningsConfirmed: r.warnings_confirmed ? (JSON.parse(r.warnings_confirmed) as string[]) : null,
    }));
  }

  private async review(
    trx: Transaction<Database>,
    actor: Actor,
    id: string,
    status: PlanStatus,
    note: string | null,
  ) {
    await trx
      .updateTable('housing_plans')
      .set({
        status,
        reviewed_at: this.clock.now().toISOString(),
        reviewed_by: actor.audit.actor.name,
        reviewed_by_id: actor.audit.actor.id,
        review_note: note,
      })
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .execute();
  }

  /** The sites a plan covers: the given ones (each in the caller's scope) or all of the caller's. */
  private async sitesFor(actor: Actor, siteIds?: string[]): Promise<string[]> {
    if (siteIds) {
      if (siteIds.length === 0) throw new BadRequest('siteIds: name at least one site', 'siteIds');
      const found = await this.db.selectFrom('sites').select('id').where('id', 'in', siteIds).execute();
      siteIds.forEach((s, i) => {
        if (!found.some((f) => f.id === s) || !inScope(actor, s))
          throw new BadRequest(`siteIds[${i}]: unknown site`, `siteIds[${i}]`);
      });
      return [...new Set(siteIds)];
    }
    let q = this.db.selectFrom('sites').select('id');
    if (actor.sites !== null) q = q.where('id', 'in', actor.sites.length ? actor.sites : ['']);
    return (await q.execute()).map((s) => s.id);
  }

  private visible(actor: Actor, row: Selectable<HousingPlansTable>): boolean {
    return (JSON.parse(row.site_ids) as string[]).every((s) => inScope(actor, s));
  }

  private planRow(
    actor: Actor,
    input: ProposeInput,
    siteIds: string[],
    budget: number,
    state: HousingState,
    instance: Instance,
    plan: Plan,
  ): Database['housing_plans'] {
    const current = new Map(instance.detainees.map((d) => [d.id, d.currentCell]));
    const moves: PlanMove[] = [];
    for (const d of instance.detainees) {
      const to = plan.assignments[d.id];
      if (!to || to === d.currentCell) continue;
      const p = state.detainees.get(d.id)!;
      const toCell = state.cells.get(to)!;
      moves.push({
        detaineeId: d.id,
        number: p.number,
        displayName: p.displayName,
        fromCellId: d.currentCell,
        fromCellCode: d.currentCell ? state.cells.get(d.currentCell)!.code : null,
        toCellId: to,
        toCellCode: toCell.code,
        toWingCode: toCell.wingCode,
        explanation: plan.explanations[d.id] ?? '',
      });
    }
    const cellById = new Map<string, Cell>(instance.cells.map((c) => [c.id, c]));
    const broken: BrokenLink[] = [];
    for (const l of state.links) {
      const ca = current.get(l.a);
      const cb = current.get(l.b);
      if (!ca || !cb) continue;
      const before = sharedLevel(cellById.get(ca), cellById.get(cb));
      if (before !== 'cell' && before !== 'wing') continue;
      const ta = plan.assignments[l.a] ?? ca;
      const tb = plan.assignments[l.b] ?? cb;
      const after = sharedLevel(cellById.get(ta), cellById.get(tb));
      if (
        (before === 'cell' && after !== 'cell') ||
        (before === 'wing' && after !== 'cell' && after !== 'wing')
      )
        broken.push({
          linkId: l.id,
          a: { id: l.a, number: state.detainees.get(l.a)!.number },
          b: { id: l.b, number: state.detainees.get(l.b)!.number },
          kind: l.kind,
          weight: l.weight,
          before,
          after,
        });
    }
    const unplaced: UnplacedView[] = plan.unplaced.map((u) => {
      const p = state.detainees.get(u.id)!;
      return { detaineeId: u.id, number: p.number, displayName: p.displayName, reasons: u.reasons };
    });
    return {
      id: randomUUID(),
      kind: input.kind,
      site_ids: JSON.stringify(siteIds),
      status: 'proposed',
      proposed_at: this.clock.now().toISOString(),
      proposed_by: actor.audit.actor.name,
      proposed_by_id: actor.audit.actor.id,
      move_budget: budget,
      cost_before: plan.stats.costBefore,
      cost_after: plan.stats.cost,
      stats: JSON.stringify(plan.stats),
      moves: JSON.stringify(moves),
      links_broken_up: JSON.stringify(broken),
      unplaced: JSON.stringify(unplaced),
      note: input.note?.trim() || null,
      reviewed_at: null,
      reviewed_by: null,
      reviewed_by_id: null,
      review_note: null,
    };
  }
}

/**
 * The engine may leave a housed detainee unplaced (no valid cell anywhere) and give their bed to
 * someone else; in the estate that person stays where they are. So the plan is checked as the
 * approval will check it, with the unplaced where they are: a move that would break a rule there
 * is dropped (the housed stay, the arrival is listed as unplaced), until every move holds.
 */
function reconcile(state: HousingState, instance: Instance, plan: Plan): Plan {
  const assignments = { ...plan.assignments };
  const unplaced = [...plan.unplaced];
  for (let round = 0; round < 20; round++) {
    const positions = positionsOf(state);
    const moved = instance.detainees.filter((d) => assignments[d.id] && assignments[d.id] !== d.currentCell);
    for (const d of moved) positions.set(d.id, assignments[d.id]);
    let dropped = 0;
    for (const d of moved) {
      const findings = blocksFor(state, d.id, assignments[d.id], positions);
      if (findings.length === 0) continue;
      dropped++;
      const why = findings.map((f) => f.detail).join('; ');
      if (d.currentCell) {
        assignments[d.id] = d.currentCell;
        positions.set(d.id, d.currentCell);
      } else {
        delete assignments[d.id];
        positions.delete(d.id);
        unplaced.push({
          id: d.id,
          reasons: [
            `no valid cell once the detainees the engine could not place stay where they are: ${why}`,
          ],
        });
      }
    }
    if (dropped === 0) break;
  }
  // Cost as it will be: the unplaced housed where they are.
  const real = { ...assignments };
  for (const d of instance.detainees) if (d.currentCell && !real[d.id]) real[d.id] = d.currentCell;
  const check = checkPlan(instance, real);
  const moves = instance.detainees.filter((d) => d.currentCell && real[d.id] !== d.currentCell).length;
  return {
    ...plan,
    assignments,
    unplaced,
    stats: {
      ...plan.stats,
      cost: check.cost,
      linkCost: check.linkCost,
      moves,
      unplaced: unplaced.length,
      placed: Object.keys(assignments).length,
    },
  };
}

/**
 * Each site is planned on its own: a detainee belongs to a site, and a move to another site is a
 * transfer (with its escort and chain of custody), never a housing decision. The move budget and
 * the time are shared out by the number of housed detainees; the plans are merged.
 */
function planBySite(
  state: HousingState,
  siteIds: string[],
  options: { budget: number; unhoused?: Set<string>; timeLimitMs: number },
): Plan {
  const housed = (siteId: string) =>
    [...state.detainees.values()].filter((d) => d.siteId === siteId && d.cellId && !d.segregated).length;
  const counts = siteIds.map(housed);
  const total = counts.reduce((a, b) => a + b, 0);
  const budgets = counts.map((c) => (total ? Math.floor((options.budget * c) / total) : 0));
  // What flooring left over goes to the largest site.
  if (siteIds.length)
    budgets[counts.indexOf(Math.max(...counts))] += options.budget - budgets.reduce((a, b) => a + b, 0);
  const merged: Plan = {
    assignments: {},
    unplaced: [],
    explanations: {},
    stats: {
      cost: 0,
      linkCost: 0,
      costBefore: 0,
      moves: 0,
      forcedMoves: 0,
      moveBudget: options.budget,
      placed: 0,
      unplaced: 0,
      linksBrokenUp: { cell: 0, wing: 0 },
      linksSharing: { cell: 0, wing: 0, block: 0, facility: 0 },
      elapsedMs: 0,
      iterations: 0,
      seed: 1,
      converged: true,
    },
  };
  siteIds.forEach((siteId, i) => {
    const sub: HousingState = {
      siteIds: [siteId],
      cells: new Map([...state.cells].filter(([, c]) => c.siteId === siteId)),
      detainees: new Map([...state.detainees].filter(([, d]) => d.siteId === siteId)),
      links: [],
      directives: [],
    };
    sub.links = state.links.filter((l) => sub.detainees.has(l.a) && sub.detainees.has(l.b));
    sub.directives = state.directives.filter((d) => sub.detainees.has(d.a) && sub.detainees.has(d.b));
    const instance = parseInstance(toInstance(sub, { moveBudget: budgets[i], unhoused: options.unhoused }));
    if (instance.detainees.length === 0) return;
    const plan = allocate(instance, {
      timeLimitMs: Math.max(
        200,
        Math.round((options.timeLimitMs * Math.max(1, counts[i])) / Math.max(1, total)),
      ),
      seed: 1,
    });
    Object.assign(merged.assignments, plan.assignments);
    Object.assign(merged.explanations, plan.explanations);
    merged.unplaced.push(...plan.unplaced);
    const m = merged.stats;
    const p = plan.stats;
    m.cost += p.cost;
    m.linkCost += p.linkCost;
    m.costBefore += p.costBefore;
    m.moves += p.moves;
    m.forcedMoves += p.forcedMoves;
    m.placed += p.placed;
    m.unplaced += p.unplaced;
    m.linksBrokenUp.cell += p.linksBrokenUp.cell;
    m.linksBrokenUp.wing += p.linksBrokenUp.wing;
    for (const k of ['cell', 'wing', 'block', 'facility'] as const) m.linksSharing[k] += p.linksSharing[k];
    m.elapsedMs += p.elapsedMs;
    m.iterations += p.iterations;
    m.converged &&= p.converged;
  });
  merged.stats.cost = Math.round(merged.stats.cost * 100) / 100;
  merged.stats.costBefore = Math.round(merged.stats.costBefore * 100) / 100;
  return merged;
}

function toPlanView(r: Selectable<HousingPlansTable>): PlanView {
  return {
    id: r.id,
    kind: r.kind as PlanView['kind'],
    siteIds: JSON.parse(r.site_ids),
    status: r.status as PlanStatus,
    proposedAt: r.proposed_at,
    proposedBy: r.proposed_by,
    proposedById: r.proposed_by_id,
    moveBudget: Number(r.move_budget),
    costBefore: Number(r.cost_before),
    costAfter: Number(r.cost_after),
    stats: JSON.parse(r.stats),
    moves: JSON.parse(r.moves),
    linksBrokenUp: JSON.parse(r.links_broken_up),
    unplaced: JSON.parse(r.unplaced),
    note: r.note,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
  };
}

/** The reprisal warning (Rule 57) joins the warnings: a move that is otherwise allowed needs confirmation. */
function withReprisalWarning(verdict: MoveCheck, warning: string | null): MoveCheck {
  if (!warning) return verdict;
  return {
    ...verdict,
    warnings: [...verdict.warnings, warning],
    requiresConfirmation: verdict.blocks.length === 0,
  };
}
