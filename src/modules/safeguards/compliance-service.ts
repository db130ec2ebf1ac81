import { randomUUID } from 'node:crypto';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { BadRequest, NotFound } from '../../platform/errors';
import { type Actor, inScope, systemActor } from '../../platform/http/actor';
import {
  COMPLIANCE_RULES,
  consularUndecided,
  type Finding,
  type HeldPerson,
  legalLimitBreaches,
  noLawyerVisit,
  type OpenTask,
  overdueNotifications,
  RULE_IDS,
  type RuleId,
  segregationBeyondLimit,
  separationBreaches,
} from './compliance-rules';

const DAY = 86_400_000;

/**
 * Where compliance reads what the other modules record, each through what that module exports.
 * A missing reader means the module (or its export) is not there yet: its rules are reported
 * "not evaluated: <module> missing", never as zero findings.
 */
export interface ComplianceSources {
  /** estate: the sites (id and code). Required. */
  sites(): Promise<{ id: string; code: string }[]>;
  /** register: every record with the facts to group by. Required. */
  population(): Promise<(HeldPerson & { status: string })[]>;
  /** estate: each cell's wing and the wing's designation. */
  cellWings?(): Promise<Map<string, { wingId: string; wingCode: string; sex: string; ageGroup: string }>>;
  /** housing: active segregations. */
  activeSegregations?(): Promise<{ id: string; detaineeId: string; siteId: string; countedFrom: string }[]>;
  /** housing: when a detainee came into the cell they are in (their last move into it). */
  inCellSince?(detaineeId: string, cellId: string): Promise<string | null>;
  /** repatriation: detainees with a consular-notification decision. */
  consularDecided?(): Promise<Set<string>>;
  /** incidents: notification tasks not done. */
  openNotificationTasks?(): Promise<OpenTask[]>;
  /** intake: completed transfers out with no family notice task done. */
  transfersWithoutFamilyNotice?(): Promise<
    { movementId: string; detaineeId: string; siteId: string; at: string }[]
  >;
  /** legal: each detainee's last lawyer visit. */
  lastLawyerVisits?(): Promise<Map<string, string>>;
  /** legal: the legal engine's problems for every held detainee, today. */
  legalProblems?(
    now: Date,
  ): Promise<{ detaineeId: string; siteId: string; kind: string; since: string; text: string }[]>;
}

/** Which reader each module provides: a rule needs all of its modules' readers. */
const READERS: Record<string, (keyof ComplianceSources)[]> = {
  housing: ['activeSegregations', 'inCellSince'],
  estate: ['cellWings'],
  repatriation: ['consularDecided'],
  incidents: ['openNotificationTasks'],
  intake: ['transfersWithoutFamilyNotice'],
  legal: ['lastLawyerVisits', 'legalProblems'],
};

export interface ComplianceOptions {
  /** ISO 3166-1 alpha-2 of the detaining state: its nationals are not foreign (VCCR Art. 36). */
  ownCountry: string;
  /** Rule 61: a finding when a detainee has had no lawyer visit for more than this many days. */
  lawyerVisitDays: number;
  /** A resolution of a finding whose condition still holds lapses after this many days. */
  resolutionDays: number;
  /** Rule 44. */
  segregationLimitDays: number;
}

export interface FindingView extends Finding {
  article: string;
  title: string;
  detaineeNumber: string;
  detaineeName: string;
  siteCode: string;
  /** The resolution in force, if any: the finding is still listed, marked resolved. */
  resolution: {
    id: string;
    reason: string;
    resolvedAt: string;
    resolvedBy: string;
    validUntil: string;
  } | null;
}

export interface RuleStatus {
  rule: RuleId;
  article: string;
  title: string;
  mustAct: string;
  evaluated: boolean;
  /** "not evaluated: intake missing" when a data source does not exist yet. */
  note: string | null;
  open: number;
  resolved: number;
}

export interface ComplianceReport {
  asOf: string;
  ownCountry: string;
  lawyerVisitDays: number;
  resolutionDays: number;
  rules: RuleStatus[];
  sites: { siteId: string; siteCode: string; open: number; resolved: number }[];
  estate: { open: number; resolved: number };
  findings: FindingView[];
}

/**
 * The estate's compliance, live: rule functions over what the other modules record, computed on
 * demand and by the job `evaluateCompliance` that raises an alert per open finding. No finding
 * can be hidden: it can only be resolved with a reason, for one occurrence of its condition and
 * for at most `resolutionDays` — after that, if the condition still holds, it is open again.
 */
export class ComplianceService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
    private readonly sources: ComplianceSources,
    readonly options: ComplianceOptions,
  ) {}

  /** Whether each rule can run, and why not. */
  ruleAvailability(): Map<RuleId, string | null> {
    const out = new Map<RuleId, string | null>();
    for (const rule of RULE_IDS) {
      const missing = COMPLIANCE_RULES[rule].needs.filter((m) =>
        READERS[m].some((r) => this.sources[r] === undefined),
      );
      out.set(rule, missing.length ? `not evaluated: ${missing.join(', ')} missing` : null);
    }
    return out;
  }

  /** Every finding at `now`, before resolutions, with the people it names. */
  async compute(
    now: Date,
  ): Promise<{ findings: Finding[]; people: Map<string, HeldPerson & { status: string }> }> {
    const s = this.sources;
    const all = await s.population();
    const people = new Map(all.map((p) => [p.id, p]));
    const held = all.filter((p) => p.status === 'in_custody');
    const available = this.ruleAvailability();
    const can = (rule: RuleId) => available.get(rule) === null;
    const findings: Finding[] = [];
    if (can('rule44-segregation'))
      findings.push(
        ...segregationBeyondLimit(await s.activeSegregations!(), now, this.options.segregationLimitDays),
      );
    if (can('rule11-separation')) {
      const cellWing = await s.cellWings!();
      const candidates = separationBreaches(held, cellWing, () => '');
      const since = new Map<string, string>();
      for (const f of candidates) {
        if (since.has(f.detaineeId)) continue;
        const p = people.get(f.detaineeId)!;
        since.set(
          f.detaineeId,
          (p.cellId && (await s.inCellSince!(p.id, p.cellId))) || p.admittedAt || now.toISOString(),
        );
      }
      findings.push(
        ...separationBreaches(held, cellWing, (p) => since.get(p.id) ?? p.admittedAt ?? now.toISOString()),
      );
    }
    if (can('vccr36-consular'))
      findings.push(...consularUndecided(held, await s.consularDecided!(), this.options.ownCountry, now));
    if (can('rule68-69-family') || can('rule71-authority')) {
      const tasks = await s.openNotificationTasks!();
      findings.push(...overdueNotifications(tasks, ['68', '69'], 'rule68-69-family', now));
      findings.push(...overdueNotifications(tasks, ['71'], 'rule71-authority', now));
    }
    if (can('rule68-transfer'))
      for (const t of await s.transfersWithoutFamilyNotice!())
        findings.push({
          key: `rule68-transfer:${t.detaineeId}:${t.movementId}`,
          rule: 'rule68-transfer',
          detaineeId: t.detaineeId,
          siteId: t.siteId,
          since: t.at,
          mustAct: 'commander',
          detail: 'transferred with no family notice',
        });
    if (can('rule61-lawyer'))
      findings.push(...noLawyerVisit(held, await s.lastLawyerVisits!(), this.options.lawyerVisitDays, now));
    if (can('legal-limit')) findings.push(...legalLimitBreaches(await s.legalProblems!(now)));
    return { findings, people };
  }

  /**
   * The compliance report for the caller's sites (or one site): every finding, resolved ones
   * marked, counts per rule, site and estate.
   *
   * @example const report = await compliance.report(actor, { siteId });
   */
  async report(actor: Actor, filter: { siteId?: string; rule?: RuleId } = {}): Promise<ComplianceReport> {
    if (filter.siteId && !inScope(actor, filter.siteId)) throw new NotFound('site');
    const now = this.clock.now();
    const { findings, people } = await this.compute(now);
    const visible = findings.filter(
      (f) => inScope(actor, f.siteId) && (!filter.siteId || f.siteId === filter.siteId),
    );
    const views = await this.withResolutions(visible, people, now);
    const siteCodes = await this.siteCodes();
    for (const v of views) v.siteCode = siteCodes.get(v.siteId) ?? '';
    const available = this.ruleAvailability();
    const rules: RuleStatus[] = RULE_IDS.map((rule) => {
      const mine = views.filter((v) => v.rule === rule);
      return {
        rule,
        article: COMPLIANCE_RULES[rule].article,
        title: COMPLIANCE_RULES[rule].title,
        mustAct: COMPLIANCE_RULES[rule].mustAct,
        evaluated: available.get(rule) === null,
        note: available.get(rule) ?? null,
        open: mine.filter((v) => !v.resolution).length,
        resolved: mine.filter((v) => v.resolution).length,
      };
    });
    const sites = [...siteCodes]
      .filter(([id]) => inScope(actor, id) && (!filter.siteId || id === filter.siteId))
      .map(([siteId, siteCode]) => {
        const mine = views.filter((v) => v.siteId === siteId);
        return {
          siteId,
          siteCode,
          open: mine.filter((v) => !v.resolution).length,
          resolved: mine.filter((v) => v.resolution).length,
        };
      });
    const shown = filter.rule ? views.filter((v) => v.rule === filter.rule) : views;
    shown.sort(
      (a, b) =>
        Number(a.resolution !== null) - Number(b.resolution !== null) ||
        a.since.localeCompare(b.since) ||
        a.key.localeCompare(b.key),
    );
    return {
      asOf: now.toISOString(),
      ownCountry: this.options.ownCountry,
      lawyerVisitDays: this.options.lawyerVisitDays,
      resolutionDays: this.options.resolutionDays,
      rules,
      sites,
      estate: {
        open: views.filter((v) => !v.resolution).length,
        resolved: views.filter((v) => v.resolution).length,
      },
      findings: shown,
    };
  }

  /**
   * Resolves a finding that holds now, with a reason (audited). The resolution covers this
   * occurrence (`since`) for `resolutionDays`; the finding stays listed, marked resolved.
   *
   * @example await compliance.resolve(actor, 'rule61-lawyer:d1:visit', 'lawyer visit booked for Monday');
   */
  async resolve(actor: Actor, key: string, reason: string): Promise<FindingView> {
    if (!reason.trim()) throw new BadRequest('reason: say why this finding is resolved', 'reason');
    const now = this.clock.now();
    const { findings, people } = await this.compute(now);
    const f = findings.find((x) => x.key === key);
    if (!f || !inScope(actor, f.siteId)) throw new NotFound('finding');
    const row = {
      id: randomUUID(),
      finding_key: f.key,
      rule: f.rule,
      detainee_id: f.detaineeId,
      site_id: f.siteId,
      condition_since: f.since,
      reason: reason.trim(),
      resolved_at: now.toISOString(),
      resolved_by: actor.audit.actor.name,
      resolved_by_id: actor.audit.actor.id,
      valid_until: new Date(now.getTime() + this.options.resolutionDays * DAY).toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('compliance_resolutions').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'compliance.resolve',
        subjectType: 'detainee',
        subjectId: f.detaineeId,
        siteId: f.siteId,
        changes: row,
      });
    });
    const [view] = await this.withResolutions([f], people, now);
    view.siteCode = (await this.siteCodes()).get(view.siteId) ?? '';
    return view;
  }

  /** Every resolution of one finding, newest first: the history stays. */
  async resolutions(actor: Actor, key: string) {
    const rows = await this.db
      .selectFrom('compliance_resolutions')
      .selectAll()
      .where('finding_key', '=', key)
      .orderBy('resolved_at', 'desc')
      .execute();
    return rows
      .filter((r) => inScope(actor, r.site_id))
      .map((r) => ({
        id: r.id,
        key: r.finding_key,
        rule: r.rule,
        detaineeId: r.detainee_id,
        siteId: r.site_id,
        since: r.condition_since,
        reason: r.reason,
        resolvedAt: r.resolved_at,
        resolvedBy: r.resolved_by,
        validUntil: r.valid_until,
      }));
  }

  /**
   * The job: every open (unresolved) finding of the estate as an alert, once per occurrence and
   * resolution round (a finding that returns after its resolution lapsed is alerted again).
   * Called by the server's timer and by tests with a fixed clock.
   *
   * @example await compliance.evaluateCompliance(clock.now()) // { open: 3, raised: 1 }
   */
  async evaluateCompliance(now: Date = this.clock.now()): Promise<{ open: number; raised: number }> {
    const actor = systemActor('compliance');
    const { findings, people } = await this.compute(now);
    const views = (await this.withResolutions(findings, people, now)).filter((v) => !v.resolution);
    const rounds = new Map<string, number>();
    for (const r of await this.db
      .selectFrom('compliance_resolutions')
      .select(['finding_key', 'condition_since'])
      .execute()) {
      const k = `${r.finding_key}@${r.condition_since}`;
      rounds.set(k, (rounds.get(k) ?? 0) + 1);
    }
    const known = new Set(
      (
        await this.db
          .selectFrom('alerts')
          .select('dedupe_key')
          .where('dedupe_key', 'like', 'compliance:%')
          .execute()
      ).map((a) => a.dedupe_key),
    );
    let raised = 0;
    for (const v of views) {
      const key = `compliance:${v.key}@${v.since}#${rounds.get(`${v.key}@${v.since}`) ?? 0}`;
      if (known.has(key)) continue;
      await this.alerts.raise(actor, {
        siteId: v.siteId,
        subjectType: 'detainee',
        subjectId: v.detaineeId,
        kind: `compliance.${v.rule}`,
        severity:
          v.rule === 'rule44-segregation' || v.rule === 'legal-limit' || v.rule === 'rule71-authority'
            ? 'critical'
            : 'warning',
        title: `${v.detaineeNumber}: ${v.title} (${v.article})`,
        detail: `${v.detail}. Since ${v.since.slice(0, 10)}; to act: ${v.mustAct}.`,
        dedupeKey: key,
      });
      known.add(key);
      raised++;
    }
    return { open: views.length, raised };
  }

  private async withResolutions(
    findings: Finding[],
    people: Map<string, HeldPerson>,
    now: Date,
  ): Promise<FindingView[]> {
    const keys = [...new Set(findings.map((f) => f.key))];
    const resolutions = new Map<
      string,
      {
        id: string;
        reason: string;
        resolvedAt: string;
        resolvedBy: string;
        validUntil: string;
        since: string;
      }[]
    >();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db
        .selectFrom('compliance_resolutions')
        .selectAll()
        .where('finding_key', 'in', keys.slice(i, i + 500))
        .where('valid_until', '>', now.toISOString())
        .orderBy('resolved_at', 'desc')
        .execute();
      for (const r of rows)
        resolutions.set(r.finding_key, [
          ...(resolutions.get(r.finding_key) ?? []),
          {
            id: r.id,
            reason: r.reason,
            resolvedAt: r.resolved_at,
            resolvedBy: r.resolved_by,
            validUntil: r.valid_until,
            since: r.condition_since,
          },
        ]);
    }
    return findings.map((f) => {
      const p = people.get(f.detaineeId);
      // A resolution holds for the occurrence it was given for: a new `since` is a new occurrence.
      const r = (resolutions.get(f.key) ?? []).find((x) => x.since === f.since);
      return {
        ...f,
        article: COMPLIANCE_RULES[f.rule].article,
        title: COMPLIANCE_RULES[f.rule].title,
        detaineeNumber: p?.number ?? '',
        detaineeName: p?.displayName ?? '',
        siteCode: '',
        resolution: r
          ? {
              id: r.id,
              reason: r.reason,
              resolvedAt: r.resolvedAt,
              resolvedBy: r.resolvedBy,
              validUntil: r.validUntil,
            }
          : null,
      };
    });
  }

  private async siteCodes(): Promise<Map<string, string>> {
    const rows = await this.sources.sites();
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}
