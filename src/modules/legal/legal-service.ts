import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  computeLegalClock,
  isCalendarDate,
  normaliseBasis,
  sentenceProblem,
  type HoldingRule,
  type LegalClock,
  type LegalClockInput,
} from '../../engines/legal';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope, systemActor } from '../../platform/http/actor';
import type { RegisterService } from '../register';

export const CASE_STAGES = [
  'investigation',
  'referral',
  'trial',
  'verdict',
  'sentence',
  'appeal',
  'final',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const HEARING_KINDS = [
  'detention_review',
  'investigation',
  'trial',
  'verdict',
  'sentencing',
  'appeal',
] as const;
export type HearingKind = (typeof HEARING_KINDS)[number];
export const HEARING_OUTCOMES = [
  'held',
  'adjourned',
  'detention_extended',
  'release_ordered',
  'not_held',
] as const;
/** Detainees the legal clock runs for: anyone the service holds or is receiving. */
export const HELD_STATUSES = ['in_custody', 'arriving'];

/**
 * Where a case may go from each stage. Anything else is refused, naming the stages it would skip.
 * An investigation may be discontinued (→ final); an acquittal ends the case (verdict → final);
 * a sentence that is not appealed becomes final.
 */
const NEXT: Record<CaseStage, CaseStage[]> = {
  investigation: ['referral', 'final'],
  referral: ['trial'],
  trial: ['verdict'],
  verdict: ['sentence', 'appeal', 'final'],
  sentence: ['appeal', 'final'],
  appeal: ['final'],
  final: [],
};

export interface RuleInput {
  basis: string;
  maxDaysBeforeCharge: number | null;
  reviewIntervalDays: number | null;
  maxPretrialDays: number | null;
  warnDaysBefore: number;
}
export interface RuleView extends RuleInput {
  id: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ChargeInput {
  law: string;
  article: string;
  description?: string | null;
  chargedOn: string;
}
export interface NewCase {
  detaineeId: string;
  reference: string;
  court: string;
  openedOn: string;
  charges?: ChargeInput[];
  note?: string | null;
}
export interface StageInput {
  stage: CaseStage;
  on: string;
  outcome?: string | null;
  note?: string | null;
}
export interface HearingInput {
  court?: string;
  kind: HearingKind;
  scheduledAt: string;
}
export interface SentenceInputBody {
  imposedOn: string;
  startsOn?: string;
  years: number;
  months: number;
  days: number;
  consecutive: boolean;
  creditDays?: number | null;
}

export interface HearingView {
  id: string;
  caseId: string;
  caseReference: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  court: string;
  kind: string;
  scheduledAt: string;
  outcome: string | null;
  outcomeNote: string | null;
  outcomeRecordedAt: string | null;
  outcomeRecordedBy: string | null;
}

export interface CaseListItem {
  id: string;
  reference: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  court: string;
  stage: string;
  openedOn: string;
  updatedAt: string;
}

export interface CaseView extends CaseListItem {
  createdAt: string;
  nextStages: string[];
  charges: {
    id: string;
    law: string;
    article: string;
    description: string | null;
    chargedOn: string;
    recordedAt: string;
    recordedBy: string;
  }[];
  stages: {
    stage: string;
    enteredOn: string;
    outcome: string | null;
    note: string | null;
    recordedAt: string;
    recordedBy: string;
  }[];
  accused: { id: string; detaineeId: string | null; name: string; addedAt: string }[];
  hearings: HearingView[];
  sentences: {
    id: string;
    imposedOn: string;
    startsOn: string;
    years: number;
    months: number;
    days: number;
    consecutive: boolean;
    creditDays: number | null;
    recordedAt: string;
    recordedBy: string;
  }[];
  lawyers: {
    id: string;
    lawyerName: string;
    barNumber: string | null;
    assignedOn: string;
    endedOn: string | null;
  }[];
}

export interface LawyerVisitView {
  id: string;
  detaineeId: string;
  lawyerName: string;
  visitedAt: string;
  durationMinutes: number | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface ClockCheckResult {
  today: string;
  checked: number;
  unlawful: number;
  raised: { kind: string; detaineeId: string; alertId: string }[];
}

const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value))
    throw new BadRequest(`${field}: "${value}" is not a Gregorian date (YYYY-MM-DD)`, field);
}

/**
 * Due process: holding rules per legal basis, cases with charges, stages, hearings, co-accused,
 * sentences and lawyers, the legal clock of each detainee (from the one engine) and the job that
 * raises unlawful detention and approaching deadlines as alerts.
 */
export class LegalService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
    private readonly register: RegisterService,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  // ---- holding rules ------------------------------------------------------------------------

  async listRules(): Promise<RuleView[]> {
    const rows = await this.db.selectFrom('legal_holding_rules').selectAll().orderBy('basis').execute();
    return rows.map(ruleView);
  }

  /** Creates or changes the rule for a basis; the audit keeps what it was before. */
  async setRule(actor: Actor, input: RuleInput): Promise<RuleView> {
    const basis = normaliseBasis(input.basis);
    if (!basis) throw new BadRequest('basis: is empty', 'basis');
    const now = this.clock.now().toISOString();
    const row = {
      basis,
      max_days_before_charge: input.maxDaysBeforeCharge,
      review_interval_days: input.reviewIntervalDays,
      max_pretrial_days: input.maxPretrialDays,
      warn_days_before: input.warnDaysBefore,
      updated_at: now,
      updated_by: actor.audit.actor.name,
    };
    const id = await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('legal_holding_rules')
        .selectAll()
        .where('basis', '=', basis)
        .executeTakeFirst();
      const id = before?.id ?? randomUUID();
      if (before) await trx.updateTable('legal_holding_rules').set(row).where('id', '=', id).execute();
      else
        await trx
          .insertInto('legal_holding_rules')
          .values({ id, ...row })
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.rule.set',
        subjectType: 'legal_rule',
        subjectId: id,
        changes: { before: before ?? null, after: row },
      });
      return id;
    });
    return ruleView(
      await this.db
        .selectFrom('legal_holding_rules')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  }

  // ---- the clock ----------------------------------------------------------------------------

  /** A detainee's legal clock today: the same engine as the alert job, so both agree. */
  async clockOf(
    actor: Actor,
    detaineeId: string,
  ): Promise<{
    detainee: { id: string; number: string; displayName: string; siteId: string; status: string };
    clock: LegalClock;
  }> {
    const d = await this.db
      .selectFrom('detainees')
      .select(['id', 'number', 'display_name', 'site_id', 'status'])
      .where('id', '=', detaineeId)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) throw new NotFound('detainee');
    const [input] = await this.loadInputs([detaineeId]);
    return {
      detainee: {
        id: d.id,
        number: d.number,
        displayName: d.display_name,
        siteId: d.site_id,
        status: d.status,
      },
      clock: computeLegalClock(input, this.today()),
    };
  }

  /**
   * Everything the engine needs for these detainees (or for every held detainee), in a few
   * queries whatever their number: the alert job runs it over the whole estate.
   */
  async loadInputs(
    ids: string[] | 'held',
  ): Promise<(LegalClockInput & { siteId: string; number: string })[]> {
    const rules: HoldingRule[] = (await this.listRules()).map((r) => ({
      basis: r.basis,
      maxDaysBeforeCharge: r.maxDaysBeforeCharge,
      reviewIntervalDays: r.reviewIntervalDays,
      maxPretrialDays: r.maxPretrialDays,
      warnDaysBefore: r.warnDaysBefore,
    }));
    const chunks: (string[] | 'held')[] = ids === 'held' ? ['held'] : [];
    if (ids !== 'held') for (let i = 0; i < ids.length; i += 500) chunks.push(ids.slice(i, i + 500));
    const out: (LegalClockInput & { siteId: string; number: string })[] = [];
    for (const chunk of chunks) {
      const within = <T extends { where: (...a: never[]) => T }>(q: T, column: string): T =>
        chunk === 'held'
          ? // eslint-disable-next-line @typescript-eslint/no-explicit-any
            (q as any).where(column, 'in', (eb: any) =>
              eb.selectFrom('detainees').select('id').where('status', 'in', HELD_STATUSES),
            )
          : // eslint-disable-next-line @typescript-eslint/no-explicit-any
            (q as any).where(column, 'in', chunk);
      const detainees = await within(
        this.db.selectFrom('detainees').select(['id', 'number', 'site_id', 'arrested_at', 'admitted_at']),
        'id',
      ).execute();
      const bases = await within(
        this.db
          .selectFrom('legal_bases')
          .select(['id', 'detainee_id', 'basis', 'authority', 'from_date', 'to_date']),
        'detainee_id',
      ).execute();
      // Cases a detainee is accused in: as the file's accused or as a co-accused on the register.
      const partyRows = await this.partiesOf(chunk);
      const caseIds = [...new Set(partyRows.map((p) => p.case_id))];
      const charges = new Map<string, string>();
      const verdicts = new Map<string, string>();
      const reviews = new Map<string, string[]>();
      for (let i = 0; i < caseIds.length; i += 500) {
        const slice = caseIds.slice(i, i + 500);
        for (const c of await this.db
          .selectFrom('legal_charges')
          .select(['case_id', sql<string>`min(charged_on)`.as('first')])
          .where('case_id', 'in', slice)
          .groupBy('case_id')
          .execute())
          charges.set(c.case_id, c.first);
        for (const v of await this.db
          .selectFrom('legal_case_stages')
          .select(['case_id', sql<string>`min(entered_on)`.as('first')])
          .where('case_id', 'in', slice)
          .where('stage', '=', 'verdict')
          .groupBy('case_id')
          .execute())
          verdicts.set(v.case_id, v.first);
        for (const h of await this.db
          .selectFrom('legal_hearings')
          .select(['case_id', 'scheduled_at'])
          .where('case_id', 'in', slice)
          .where('kind', '=', 'detention_review')
          .where('outcome', 'in', ['held', 'detention_extended', 'release_ordered'])
          .execute())
          reviews.set(h.case_id, [...(reviews.get(h.case_id) ?? []), h.scheduled_at.slice(0, 10)]);
      }
      const sentences = await within(
        this.db.selectFrom('legal_sentences').selectAll(),
        'detainee_id',
      ).execute();
      const byDetainee = <T>(rows: T[], key: (r: T) => string) => {
        const m = new Map<string, T[]>();
        for (const r of rows) {
          const k = key(r);
          const list = m.get(k);
          if (list) list.push(r);
          else m.set(k, [r]);
        }
        return m;
      };
      const basesBy = byDetainee(bases, (b) => b.detainee_id);
      const partiesBy = byDetainee(partyRows, (p) => p.detainee_id);
      const sentencesBy = byDetainee(sentences, (s) => s.detainee_id);
      for (const d of detainees) {
        const cases = (partiesBy.get(d.id) ?? []).map((p) => p.case_id);
        let firstCharged: string | null = null;
        let verdictOn: string | null = null;
        const rv: string[] = [];
        for (const c of cases) {
          const ch = charges.get(c);
          if (ch && (firstCharged === null || ch < firstCharged)) firstCharged = ch;
          const v = verdicts.get(c);
          if (v && (verdictOn === null || v < verdictOn)) verdictOn = v;
          rv.push(...(reviews.get(c) ?? []));
        }
        const ss = sentencesBy.get(d.id) ?? [];
        const credits = ss.map((s) => s.credit_days).filter((c): c is number => c !== null);
        out.push({
          detaineeId: d.id,
          siteId: d.site_id,
          number: d.number,
          custodySince: dateOf(d.arrested_at) ?? dateOf(d.admitted_at),
          bases: (basesBy.get(d.id) ?? []).map((b) => ({
            id: b.id,
            basis: b.basis,
            authority: b.authority,
            from: b.from_date,
            to: b.to_date,
          })),
          rules,
          firstChargedOn: firstCharged,
          reviews: rv,
          verdictOn,
          sentences: ss.map((s) => ({
            id: s.id,
            imposedOn: s.imposed_on,
            startsOn: s.starts_on,
            years: Number(s.years),
            months: Number(s.months),
            days: Number(s.days),
            consecutive: Number(s.consecutive) === 1,
          })),
          creditDays: credits.length ? Math.max(...credits.map(Number)) : null,
        });
      }
    }
    return out;
  }

  private async partiesOf(chunk: string[] | 'held'): Promise<{ case_id: string; detainee_id: string }[]> {
    let main = this.db.selectFrom('legal_cases').select(['id as case_id', 'detainee_id']);
    let co = this.db
      .selectFrom('legal_case_accused')
      .select(['case_id', 'detainee_id'])
      .where('detainee_id', 'is not', null);
    if (chunk === 'held') {
      main = main.where('detainee_id', 'in', (eb) =>
        eb.selectFrom('detainees').select('id').where('status', 'in', HELD_STATUSES),
      );
      co = co.where('detainee_id', 'in', (eb) =>
        eb.selectFrom('detainees').select('id').where('status', 'in', HELD_STATUSES),
      );
    } else {
      main = main.where('detainee_id', 'in', chunk);
      co = co.where('detainee_id', 'in', chunk);
    }
    const rows = [
      ...(await main.execute()),
      ...((await co.execute()) as { case_id: string; detainee_id: string }[]),
    ];
    return rows;
  }

  /**
   * The legal-clock job: every held detainee's clock today; each way a detention is unlawful
   * (no basis in force, a limit passed, held past release) raised at once as a critical alert,
   * each deadline within its warning days as a warning. A dedupe key per detainee, problem and
   * date means a condition is raised once, even after its alert was resolved; a new date (a new
   * basis that lapses, the next review) is a new alert.
   *
   * @example await legal.checkLegalClock(clock.now()) // { checked: 5700, unlawful: 3, raised: [...] }
   */
  async checkLegalClock(now: Date, actor: Actor = systemActor('legal-clock')): Promise<ClockCheckResult> {
    const today = now.toISOString().slice(0, 10);
    const inputs = await this.loadInputs('held');
    const known = new Set(
      (
        await this.db
          .selectFrom('alerts')
          .select('dedupe_key')
          .where('dedupe_key', 'like', 'legal:%')
          .execute()
      ).map((a) => a.dedupe_key as string),
    );
    const raised: ClockCheckResult['raised'] = [];
    let unlawful = 0;
    for (const input of inputs) {
      const clock = computeLegalClock(input, today);
      if (clock.problems.length) unlawful++;
      for (const p of clock.problems) {
        const key = `legal:${input.detaineeId}:${p.kind}:${p.since}`;
        if (known.has(key)) continue;
        const alert = await this.alerts.raise(actor, {
          siteId: input.siteId,
          subjectType: 'detainee',
          subjectId: input.detaineeId,
          kind: `legal.${p.kind}`,
          severity: 'critical',
          title: `${input.number}: ${PROBLEM_TITLES[p.kind]}`,
          detail: p.steps.map((s) => s.text).join(' '),
          dedupeKey: key,
        });
        known.add(key);
        raised.push({ kind: alert.kind, detaineeId: input.detaineeId, alertId: alert.id });
      }
      for (const d of clock.deadlines) {
        if (d.state !== 'due_soon') continue;
        const key = `legal:${input.detaineeId}:due:${d.kind}:${d.date}`;
        if (known.has(key)) continue;
        const alert = await this.alerts.raise(actor, {
          siteId: input.siteId,
          subjectType: 'detainee',
          subjectId: input.detaineeId,
          kind: `legal.deadline.${d.kind}`,
          severity: 'warning',
          title: `${input.number}: ${DEADLINE_TITLES[d.kind]} by ${d.date}`,
          detail: d.steps.map((s) => s.text).join(' '),
          dedupeKey: key,
        });
        known.add(key);
        raised.push({ kind: alert.kind, detaineeId: input.detaineeId, alertId: alert.id });
      }
    }
    return { today, checked: inputs.length, unlawful, raised };
  }

  // ---- cases --------------------------------------------------------------------------------

  async createCase(actor: Actor, input: NewCase): Promise<CaseView> {
    const d = await this.register.read(input.detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new BadRequest('detaineeId: unknown detainee', 'detaineeId');
    requireDate(input.openedOn, 'openedOn');
    if (input.openedOn > this.today()) throw new BadRequest('openedOn: is in the future', 'openedOn');
    for (const [i, c] of (input.charges ?? []).entries())
      this.checkCharge(c, input.openedOn, `charges[${i}].`);
    const taken = await this.db
      .selectFrom('legal_cases')
      .select('id')
      .where('reference', '=', input.reference.trim())
      .executeTakeFirst();
    if (taken) throw new Conflict(`reference: ${input.reference} is already a case`, 'reference');
    const now = this.clock.now().toISOString();
    const who = actor.audit.actor.name;
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id,
        reference: input.reference.trim(),
        detainee_id: d.id,
        court: input.court.trim(),
        stage: 'investigation',
        opened_on: input.openedOn,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('legal_cases').values(row).execute();
      await trx
        .insertInto('legal_case_stages')
        .values({
          id: randomUUID(),
          case_id: id,
          stage: 'investigation',
          entered_on: input.openedOn,
          outcome: null,
          note: input.note ?? null,
          recorded_at: now,
          recorded_by: who,
        })
        .execute();
      for (const c of input.charges ?? [])
        await trx
          .insertInto('legal_charges')
          .values(chargeRow(id, c, now, who))
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.case.create',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: d.siteId,
        changes: { ...row, charges: input.charges ?? [] },
      });
    });
    return this.readCase(id);
  }

  async listCases(
    actor: Actor,
    filter: {
      detaineeId?: string;
      stage?: string;
      siteId?: string;
      open?: boolean;
      page?: number;
      pageSize?: number;
    },
  ) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db
      .selectFrom('legal_cases')
      .innerJoin('detainees', 'detainees.id', 'legal_cases.detainee_id');
    if (actor.sites !== null) q = q.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('detainees.site_id', '=', filter.siteId);
    if (filter.stage) q = q.where('legal_cases.stage', '=', filter.stage);
    if (filter.open) q = q.where('legal_cases.stage', '!=', 'final');
    if (filter.detaineeId) {
      const id = filter.detaineeId;
      q = q.where((eb) =>
        eb.or([
          eb('legal_cases.detainee_id', '=', id),
          eb(
            'legal_cases.id',
            'in',
            eb.selectFrom('legal_case_accused').select('case_id').where('detainee_id', '=', id),
          ),
        ]),
      );
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select([
        'legal_cases.id',
        'legal_cases.reference',
        'legal_cases.detainee_id',
        'detainees.number',
        'detainees.display_name',
        'detainees.site_id',
        'legal_cases.court',
        'legal_cases.stage',
        'legal_cases.opened_on',
        'legal_cases.updated_at',
      ])
      .orderBy('legal_cases.opened_on', 'desc')
      .orderBy('legal_cases.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        detaineeId: r.detainee_id,
        detaineeNumber: r.number,
        detaineeName: r.display_name,
        siteId: r.site_id,
        court: r.court,
        stage: r.stage,
        openedOn: r.opened_on,
        updatedAt: r.updated_at,
      })),
      total,
      page,
      pageSize,
    };
  }

  async getCase(actor: Actor, id: string): Promise<CaseView> {
    const view = await this.readCase(id).catch(() => null);
    if (!view || !inScope(actor, view.siteId)) throw new NotFound('case');
    return view;
  }

  /** Open cases (not final) the detainee is accused in: what judicial clearance for repatriation checks. */
  async openCasesOf(
    detaineeId: string,
  ): Promise<{ id: string; reference: string; stage: string; court: string }[]> {
    return this.db
      .selectFrom('legal_cases')
      .select(['id', 'reference', 'stage', 'court'])
      .where('stage', '!=', 'final')
      .where((eb) =>
        eb.or([
          eb('detainee_id', '=', detaineeId),
          eb(
            'id',
            'in',
            eb.selectFrom('legal_case_accused').select('case_id').where('detainee_id', '=', detaineeId),
          ),
        ]),
      )
      .orderBy('opened_on')
      .execute();
  }

  /** Moves a case to its next stage. Skipping a stage, going back or a missing outcome is refused by name. */
  async advanceStage(actor: Actor, id: string, input: StageInput): Promise<CaseView> {
    const c = await this.getCase(actor, id);
    const from = c.stage as CaseStage;
    const to = input.stage;
    requireDate(input.on, 'on');
    if (!NEXT[from].includes(to)) {
      const fi = CASE_STAGES.indexOf(from);
      const ti = CASE_STAGES.indexOf(to);
      if (from === 'final') throw new Conflict('stage: the case is final');
      if (ti <= fi) throw new BadRequest(`stage: a case cannot go from ${from} back to ${to}`, 'stage');
      const skipped = CASE_STAGES.slice(fi + 1, ti).filter((s) => !(s === 'appeal'));
      throw new BadRequest(
        `stage: ${from} → ${to} skips ${skipped.join(', ') || CASE_STAGES.slice(fi + 1, ti).join(', ')}`,
        'stage',
      );
    }
    const last = c.stages[c.stages.length - 1];
    if (input.on < last.enteredOn)
      throw new BadRequest(`on: before the case entered ${last.stage} (${last.enteredOn})`, 'on');
    if (input.on > this.today()) throw new BadRequest('on: is in the future', 'on');
    const verdict = c.stages.find((s) => s.stage === 'verdict')?.outcome ?? null;
    const outcome = input.outcome ?? null;
    if (to === 'verdict' && outcome !== 'convicted' && outcome !== 'acquitted')
      throw new BadRequest('outcome: a verdict is convicted or acquitted', 'outcome');
    if (to === 'referral' && c.charges.length === 0)
      throw new BadRequest('stage: a case is referred to trial on charges; record a charge first', 'stage');
    if (to === 'sentence' && verdict !== 'convicted')
      throw new BadRequest('stage: only a conviction is sentenced', 'stage');
    if (to === 'final' && from === 'investigation' && outcome !== 'discontinued')
      throw new BadRequest(
        'outcome: an investigation ends only as discontinued; otherwise it is referred',
        'outcome',
      );
    if (to === 'final' && from === 'verdict' && verdict === 'convicted')
      throw new BadRequest('stage: verdict → final skips sentence (the verdict was a conviction)', 'stage');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('legal_case_stages')
        .values({
          id: randomUUID(),
          case_id: id,
          stage: to,
          entered_on: input.on,
          outcome,
          note: input.note ?? null,
          recorded_at: now,
          recorded_by: actor.audit.actor.name,
        })
        .execute();
      await trx.updateTable('legal_cases').set({ stage: to, updated_at: now }).where('id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.case.stage',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: c.siteId,
        changes: { from, to, on: input.on, outcome, note: input.note ?? null },
      });
    });
    // A conviction changes the detainee's category (Mandela Rule 11 keeps untried and convicted apart).
    if (to === 'verdict' && outcome === 'convicted') {
      const d = await this.register.read(c.detaineeId);
      if (d && d.legalStatus !== 'convicted')
        await this.register.update(actor, c.detaineeId, { legalStatus: 'convicted' });
    }
    return this.readCase(id);
  }

  async addCharge(actor: Actor, id: string, input: ChargeInput): Promise<CaseView> {
    const c = await this.getCase(actor, id);
    if (c.stage === 'final') throw new Conflict('the case is final');
    this.checkCharge(input, c.openedOn, '');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = chargeRow(id, input, now, actor.audit.actor.name);
      await trx.insertInto('legal_charges').values(row).execute();
      await trx.updateTable('legal_cases').set({ updated_at: now }).where('id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.charge.add',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: c.siteId,
        changes: row,
      });
    });
    return this.readCase(id);
  }

  async addCoAccused(
    actor: Actor,
    id: string,
    input: { detaineeId?: string | null; name?: string | null },
  ): Promise<CaseView> {
    const c = await this.getCase(actor, id);
    let name = input.name?.trim() ?? '';
    if (input.detaineeId) {
      const d = await this.register.read(input.detaineeId);
      // A co-accused held at another site is named, not shown: their file is outside the caller's scope.
      if (!d) throw new BadRequest('detaineeId: unknown detainee', 'detaineeId');
      if (d.id === c.detaineeId || c.accused.some((a) => a.detaineeId === d.id))
        throw new Conflict('detaineeId: already accused in this case', 'detaineeId');
      name = name || `${d.displayName} (${d.number})`;
    } else if (!name) throw new BadRequest('name: name the co-accused, or give their detaineeId', 'name');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        case_id: id,
        detainee_id: input.detaineeId ?? null,
        name,
        added_at: now,
      };
      await trx.insertInto('legal_case_accused').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.co-accused.add',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: c.siteId,
        changes: row,
      });
    });
    return this.readCase(id);
  }

  async addHearing(actor: Actor, id: string, input: HearingInput): Promise<CaseView> {
    const c = await this.getCase(actor, id);
    if (c.stage === 'final') throw new Conflict('the case is final');
    if (input.scheduledAt.slice(0, 10) < c.openedOn)
      throw new BadRequest(`scheduledAt: before the case was opened (${c.openedOn})`, 'scheduledAt');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        case_id: id,
        site_id: c.siteId,
        court: input.court?.trim() || c.court,
        kind: input.kind,
        scheduled_at: new Date(input.scheduledAt).toISOString(),
        outcome: null,
        outcome_note: null,
        outcome_recorded_at: null,
        outcome_recorded_by: null,
        created_at: now,
      };
      await trx.insertInto('legal_hearings').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.hearing.add',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: c.siteId,
        changes: row,
      });
    });
    return this.readCase(id);
  }

  /** Records what happened at a hearing, once: after the hearing, never before. */
  async recordHearingOutcome(
    actor: Actor,
    hearingId: string,
    input: { outcome: string; note?: string | null },
  ): Promise<HearingView> {
    const h = await this.db
      .selectFrom('legal_hearings')
      .selectAll()
      .where('id', '=', hearingId)
      .executeTakeFirst();
    if (!h || !inScope(actor, h.site_id)) throw new NotFound('hearing');
    if (h.outcome !== null)
      throw new Conflict(`outcome: already recorded (${h.outcome}) by ${h.outcome_recorded_by}`, 'outcome');
    const now = this.clock.now().toISOString();
    if (h.scheduled_at.slice(0, 10) > now.slice(0, 10))
      throw new BadRequest(
        `outcome: the hearing is on ${h.scheduled_at.slice(0, 10)}, not yet held`,
        'outcome',
      );
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('legal_hearings')
        .set({
          outcome: input.outcome,
          outcome_note: input.note ?? null,
          outcome_recorded_at: now,
          outcome_recorded_by: actor.audit.actor.name,
        })
        .where('id', '=', hearingId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.hearing.outcome',
        subjectType: 'legal_hearing',
        subjectId: hearingId,
        siteId: h.site_id,
        changes: input,
      });
    });
    return (await this.hearings({ ids: [hearingId] }))[0];
  }

  async addSentence(actor: Actor, id: string, input: SentenceInputBody): Promise<CaseView> {
    const c = await this.getCase(actor, id);
    const problem = sentenceProblem(input);
    if (problem) throw new BadRequest(problem, problem.split(':')[0]);
    if (!['sentence', 'appeal'].includes(c.stage))
      throw new BadRequest(
        `stage: the case is at ${c.stage}; a sentence is recorded at the sentence stage`,
        'stage',
      );
    requireDate(input.imposedOn, 'imposedOn');
    const startsOn = input.startsOn ?? input.imposedOn;
    requireDate(startsOn, 'startsOn');
    if (input.creditDays != null && input.creditDays < 0)
      throw new BadRequest('creditDays: cannot be negative', 'creditDays');
    const verdictOn = c.stages.find((s) => s.stage === 'verdict')?.enteredOn;
    if (verdictOn && input.imposedOn < verdictOn)
      throw new BadRequest(`imposedOn: before the verdict (${verdictOn})`, 'imposedOn');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        case_id: id,
        detainee_id: c.detaineeId,
        imposed_on: input.imposedOn,
        starts_on: startsOn,
        years: input.years,
        months: input.months,
        days: input.days,
        consecutive: input.consecutive ? 1 : 0,
        credit_days: input.creditDays ?? null,
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      };
      await trx.insertInto('legal_sentences').values(row).execute();
      await trx.updateTable('legal_cases').set({ updated_at: now }).where('id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.sentence.add',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: c.siteId,
        changes: row,
      });
    });
    return this.readCase(id);
  }

  /** Assigns a lawyer to a case; the lawyer assigned before ends that day (the history stays). */
  async assignLawyer(
    actor: Actor,
    id: string,
    input: { lawyerName: string; barNumber?: string | null; assignedOn: string },
  ): Promise<CaseView> {
    const c = await this.getCase(actor, id);
    requireDate(input.assignedOn, 'assignedOn');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('legal_lawyers')
        .set({ ended_on: input.assignedOn })
        .where('case_id', '=', id)
        .where('ended_on', 'is', null)
        .execute();
      const row = {
        id: randomUUID(),
        detainee_id: c.detaineeId,
        case_id: id,
        lawyer_name: input.lawyerName.trim(),
        bar_number: input.barNumber ?? null,
        assigned_on: input.assignedOn,
        ended_on: null,
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      };
      await trx.insertInto('legal_lawyers').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.lawyer.assign',
        subjectType: 'legal_case',
        subjectId: id,
        siteId: c.siteId,
        changes: row,
      });
    });
    return this.readCase(id);
  }

  /** Mandela Rule 61: a legal adviser's visit, who, when and how long (never what was said). */
  async addLawyerVisit(
    actor: Actor,
    detaineeId: string,
    input: { lawyerName: string; visitedAt: string; durationMinutes?: number | null; note?: string | null },
  ): Promise<LawyerVisitView> {
    const d = await this.register.read(detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new NotFound('detainee');
    const visitedAt = new Date(input.visitedAt).toISOString();
    if (visitedAt > this.clock.now().toISOString())
      throw new BadRequest('visitedAt: is in the future', 'visitedAt');
    const now = this.clock.now().toISOString();
    const row = {
      id: randomUUID(),
      detainee_id: detaineeId,
      lawyer_name: input.lawyerName.trim(),
      visited_at: visitedAt,
      duration_minutes: input.durationMinutes ?? null,
      note: input.note ?? null,
      recorded_at: now,
      recorded_by: actor.audit.actor.name,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('legal_lawyer_visits').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'legal.lawyer.visit',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: d.siteId,
        changes: row,
      });
    });
    return visitView(row);
  }

  async lawyerVisits(actor: Actor, detaineeId: string): Promise<LawyerVisitView[]> {
    const d = await this.register.read(detaineeId);
    if (!d || !inScope(actor, d.siteId)) throw new NotFound('detainee');
    const rows = await this.db
      .selectFrom('legal_lawyer_visits')
      .selectAll()
      .where('detainee_id', '=', detaineeId)
      .orderBy('visited_at', 'desc')
      .execute();
    return rows.map(visitView);
  }

  /**
   * Each detainee's latest lawyer visit (detainees never visited are absent): for the Rule 61
   * check of the safeguards module.
   *
   * @example (await legal.lastLawyerVisits()).get(detaineeId) // '2026-02-10T09:00:00.000Z'
   */
  async lastLawyerVisits(): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('legal_lawyer_visits')
      .select(['detainee_id', sql<string>`max(visited_at)`.as('last')])
      .groupBy('detainee_id')
      .execute();
    return new Map(rows.map((r) => [r.detainee_id, r.last]));
  }

  /** The calendar: hearings from `from` to `to` (dates, inclusive) in the caller's sites, by site and court. */
  async calendar(
    actor: Actor,
    filter: { from: string; to: string; siteId?: string; court?: string },
  ): Promise<HearingView[]> {
    requireDate(filter.from, 'from');
    requireDate(filter.to, 'to');
    if (filter.to < filter.from) throw new BadRequest('to: is before from', 'to');
    if (filter.siteId && !inScope(actor, filter.siteId)) return [];
    return this.hearings({
      from: filter.from,
      to: filter.to,
      siteId: filter.siteId,
      court: filter.court,
      sites: actor.sites,
    });
  }

  private async hearings(f: {
    ids?: string[];
    caseId?: string;
    from?: string;
    to?: string;
    siteId?: string;
    court?: string;
    sites?: string[] | null;
  }): Promise<HearingView[]> {
    let q = this.db
      .selectFrom('legal_hearings')
      .innerJoin('legal_cases', 'legal_cases.id', 'legal_hearings.case_id')
      .innerJoin('detainees', 'detainees.id', 'legal_cases.detainee_id')
      .selectAll('legal_hearings')
      .select([
        'legal_cases.reference',
        'legal_cases.detainee_id',
        'detainees.number',
        'detainees.display_name',
      ]);
    if (f.ids) q = q.where('legal_hearings.id', 'in', f.ids);
    if (f.caseId) q = q.where('legal_hearings.case_id', '=', f.caseId);
    if (f.from) q = q.where('legal_hearings.scheduled_at', '>=', `${f.from}T00:00:00.000Z`);
    if (f.to) q = q.where('legal_hearings.scheduled_at', '<=', `${f.to}T23:59:59.999Z`);
    if (f.siteId) q = q.where('legal_hearings.site_id', '=', f.siteId);
    if (f.court) q = q.where('legal_hearings.court', '=', f.court);
    if (f.sites) q = q.where('legal_hearings.site_id', 'in', f.sites.length ? f.sites : ['']);
    const rows = await q
      .orderBy('legal_hearings.scheduled_at')
      .orderBy('legal_hearings.id')
      .limit(5000)
      .execute();
    return rows.map((h) => ({
      id: h.id,
      caseId: h.case_id,
      caseReference: h.reference,
      detaineeId: h.detainee_id,
      detaineeNumber: h.number,
      detaineeName: h.display_name,
      siteId: h.site_id,
      court: h.court,
      kind: h.kind,
      scheduledAt: h.scheduled_at,
      outcome: h.outcome,
      outcomeNote: h.outcome_note,
      outcomeRecordedAt: h.outcome_recorded_at,
      outcomeRecordedBy: h.outcome_recorded_by,
    }));
  }

  private checkCharge(c: ChargeInput, openedOn: string, prefix: string): void {
    requireDate(c.chargedOn, `${prefix}chargedOn`);
    if (!c.law.trim()) throw new BadRequest(`${prefix}law: is empty`, `${prefix}law`);
    if (!c.article.trim()) throw new BadRequest(`${prefix}article: is empty`, `${prefix}article`);
    if (c.chargedOn < openedOn)
      throw new BadRequest(
        `${prefix}chargedOn: before the case was opened (${openedOn})`,
        `${prefix}chargedOn`,
      );
    if (c.chargedOn > this.today())
      throw new BadRequest(`${prefix}chargedOn: is in the future`, `${prefix}chargedOn`);
  }

  private async readCase(id: string): Promise<CaseView> {
    const c = await this.db
      .selectFrom('legal_cases')
      .innerJoin('detainees', 'detainees.id', 'legal_cases.detainee_id')
      .selectAll('legal_cases')
      .select(['detainees.number', 'detainees.display_name', 'detainees.site_id'])
      .where('legal_cases.id', '=', id)
      .executeTakeFirst();
    if (!c) throw new NotFound('case');
    const [charges, stages, accused, sentences, lawyers, hearings] = await Promise.all([
      this.db
        .selectFrom('legal_charges')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('charged_on')
        .orderBy('recorded_at')
        .execute(),
      this.db
        .selectFrom('legal_case_stages')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('recorded_at')
        .execute(),
      this.db
        .selectFrom('legal_case_accused')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('added_at')
        .execute(),
      this.db
        .selectFrom('legal_sentences')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('imposed_on')
        .execute(),
      this.db
        .selectFrom('legal_lawyers')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('assigned_on')
        .orderBy('recorded_at')
        .execute(),
      this.hearings({ caseId: id }),
    ]);
    return {
      id: c.id,
      reference: c.reference,
      detaineeId: c.detainee_id,
      detaineeNumber: c.number,
      detaineeName: c.display_name,
      siteId: c.site_id,
      court: c.court,
      stage: c.stage,
      openedOn: c.opened_on,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      nextStages: NEXT[c.stage as CaseStage] ?? [],
      charges: charges.map((x) => ({
        id: x.id,
        law: x.law,
        article: x.article,
        description: x.description,
        chargedOn: x.charged_on,
        recordedAt: x.recorded_at,
        recordedBy: x.recorded_by,
      })),
      stages: stages
        .sort((a, b) =>
          a.recorded_at < b.recorded_at
            ? -1
            : a.recorded_at > b.recorded_at
              ? 1
              : CASE_STAGES.indexOf(a.stage as CaseStage) - CASE_STAGES.indexOf(b.stage as CaseStage),
        )
        .map((s) => ({
          stage: s.stage,
          enteredOn: s.entered_on,
          outcome: s.outcome,
          note: s.note,
          recordedAt: s.recorded_at,
          recordedBy: s.recorded_by,
        })),
      accused: accused.map((a) => ({
        id: a.id,
        detaineeId: a.detainee_id,
        name: a.name,
        addedAt: a.added_at,
      })),
      hearings,
      sentences: sentences.map((s) => ({
        id: s.id,
        imposedOn: s.imposed_on,
        startsOn: s.starts_on,
        years: Number(s.years),
        months: Number(s.months),
        days: Number(s.days),
        consecutive: Number(s.consecutive) === 1,
        creditDays: s.credit_days === null ? null : Number(s.credit_days),
        recordedAt: s.recorded_at,
        recordedBy: s.recorded_by,
      })),
      lawyers: lawyers.map((l) => ({
        id: l.id,
        lawyerName: l.lawyer_name,
        barNumber: l.bar_number,
        assignedOn: l.assigned_on,
        endedOn: l.ended_on,
      })),
    };
  }
}

const PROBLEM_TITLES: Record<string, string> = {
  no_basis: 'held without a valid legal basis (none in force)',
  charge_limit_passed: 'held without a valid legal basis (no charge within the limit)',
  review_overdue: 'held without a valid legal basis (detention review overdue)',
  pretrial_limit_passed: 'maximum pre-trial detention passed',
  held_past_release: 'held past the release date',
};
const DEADLINE_TITLES: Record<string, string> = {
  charge: 'charge due',
  review: 'detention review due',
  pretrial: 'verdict due (pre-trial limit)',
  release: 'release due',
};

function ruleView(r: Database['legal_holding_rules']): RuleView {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    basis: r.basis,
    maxDaysBeforeCharge: n(r.max_days_before_charge),
    reviewIntervalDays: n(r.review_interval_days),
    maxPretrialDays: n(r.max_pretrial_days),
    warnDaysBefore: Number(r.warn_days_before),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function chargeRow(caseId: string, c: ChargeInput, now: string, who: string) {
  return {
    id: randomUUID(),
    case_id: caseId,
    law: c.law.trim(),
    article: c.article.trim(),
    description: c.description ?? null,
    charged_on: c.chargedOn,
    recorded_at: now,
    recorded_by: who,
  };
}

function visitView(r: Database['legal_lawyer_visits']): LawyerVisitView {
  return {
    id: r.id,
    detaineeId: r.detainee_id,
    lawyerName: r.lawyer_name,
    visitedAt: r.visited_at,
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  };
}
