/**
 * Safeguards and statistics (issue 10). Other modules use:
 * - `reprisalWatch(detaineeId)` (`services.safeguards.reprisalWatch`): whether a detainee complained
 *   (Mandela Rule 57) — the housing move check and any sanction show its warning;
 * - `services.safeguards.compliance.evaluateCompliance(now)` and
 *   `services.safeguards.statistics.snapshotPopulation(now)`: the server's timer.
 *
 * Options (from the validated configuration, passed by the composition root): the estate's own
 * country (`CUSTODIA_OWN_COUNTRY`: its nationals are not foreign for VCCR Art. 36), Rule 61's days
 * without a lawyer visit (`CUSTODIA_LAWYER_VISIT_DAYS`), and how long a resolution of a finding
 * whose condition still holds lasts (`CUSTODIA_RESOLUTION_DAYS`).
 */
export { safeguardsRoutes } from './routes';
export {
  ComplianceService,
  type ComplianceSources,
  type ComplianceOptions,
  type ComplianceReport,
  type FindingView,
} from './compliance-service';
export { COMPLIANCE_RULES, RULE_IDS, type RuleId, type Finding } from './compliance-rules';
export { ComplaintsService, type ReprisalWatch, type ComplaintView } from './complaints-service';
export { InspectionsService, type InspectionView } from './inspections-service';
export { StatisticsService, type StatisticsSources } from './statistics-service';
export { renderSafeguardsReport } from './render-report';

import { computeLegalClock } from '../../engines/legal';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { systemActor } from '../../platform/http/actor';
import type { EstateService } from '../estate';
import { type createHousing, SEGREGATION_LIMIT_DAYS } from '../housing';
import type { NotificationTasksService } from '../incidents';
import type { MovementsService } from '../intake';
import type { LegalService } from '../legal';
import type { RegisterService } from '../register';
import { type ConsularService, DETAINING_STATE } from '../repatriation';
import { type ComplianceOptions, ComplianceService, type ComplianceSources } from './compliance-service';
import { ComplaintsService } from './complaints-service';

/** Rule 68: the family notice of a transfer is due within 72 hours (the incidents module's deadline for family_transfer). */
const FAMILY_NOTICE_HOURS = 72;
import { InspectionsService } from './inspections-service';
import { StatisticsService } from './statistics-service';

/** Every item of a paged list. */
async function everyPage<T>(list: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const r = await list(page);
    out.push(...r.items);
    if (r.items.length === 0 || page * 500 >= r.total) return out;
  }
}

/** The options from the environment, with their defaults. */
/** The defaults: the demo estate's country, 30 days for Rule 61, 7 days for a resolution. */
export function safeguardsOptions(): ComplianceOptions {
  return {
    ownCountry: DETAINING_STATE,
    lawyerVisitDays: 30,
    resolutionDays: 7,
    segregationLimitDays: SEGREGATION_LIMIT_DAYS,
  };
}

/**
 * The safeguards services, reading the other modules through what they export. A module not
 * given (intake has no exported reader yet) leaves its rules "not evaluated".
 *
 * @example const safeguards = createSafeguards({ db, clock, alerts, estate, register, housing, notifications, legal, consular });
 */
export function createSafeguards(deps: {
  db: Db;
  clock: Clock;
  alerts: AlertsService;
  estate: EstateService;
  register: RegisterService;
  housing?: ReturnType<typeof createHousing>;
  notifications?: NotificationTasksService;
  legal?: LegalService;
  consular?: ConsularService;
  options?: Partial<ComplianceOptions>;
}) {
  const system = systemActor('safeguards');
  const { estate, register, housing, notifications, legal, consular } = deps;
  const sites = () => estate.listSites(system);
  const population = () => register.populationFacts();
  const sources: ComplianceSources = {
    sites: async () => (await sites()).map((s) => ({ id: s.id, code: s.code })),
    population,
    cellWings: async () => {
      const out = new Map<string, { wingId: string; wingCode: string; sex: string; ageGroup: string }>();
      for (const s of await sites())
        for (const b of (await estate.getSite(system, s.id)).blockList)
          for (const w of b.wings)
            for (const c of await estate.listCells(system, w.id))
              out.set(c.id, { wingId: w.id, wingCode: w.code, sex: w.sex, ageGroup: w.ageGroup });
      return out;
    },
  };
  if (housing) {
    sources.activeSegregations = async () => {
      const out: { id: string; detaineeId: string; siteId: string; countedFrom: string }[] = [];
      for (const s of await sites())
        for (const v of await housing.segregation.forSite(system, s.id))
          out.push({ id: v.id, detaineeId: v.detaineeId, siteId: v.siteId, countedFrom: v.countedFrom });
      return out;
    };
    sources.inCellSince = async (detaineeId, cellId) =>
      (await housing.housing.moveHistory(system, detaineeId)).find((m) => m.toCellId === cellId)?.movedAt ??
      null;
  }
  if (consular) sources.consularDecided = () => consular.detaineesWithDecision();
  if (notifications)
    sources.openNotificationTasks = async () => {
      const out = [];
      for (let page = 1; ; page++) {
        const r = await notifications.list(system, { state: 'open', page, pageSize: 500 });
        out.push(
          ...r.items.map((t) => ({
            id: t.id,
            detaineeId: t.detaineeId,
            siteId: t.siteId,
            kind: t.kind,
            rule: t.rule,
            recipient: t.recipient,
            dueAt: t.dueAt,
          })),
        );
        if (page * 500 >= r.total) return out;
      }
    };
  if (legal) {
    sources.lastLawyerVisits = () => legal.lastLawyerVisits();
    sources.legalProblems = async (now) => {
      const today = now.toISOString().slice(0, 10);
      return (await legal.loadInputs('held')).flatMap((input) =>
        computeLegalClock(input, today).problems.map((p) => ({
          detaineeId: input.detaineeId,
          siteId: input.siteId,
          kind: p.kind,
          since: p.since,
          text: p.steps.map((s) => s.text).join(' '),
        })),
      );
    };
  }
  const given = Object.fromEntries(Object.entries(deps.options ?? {}).filter(([, v]) => v !== undefined));
  const options: ComplianceOptions = { ...safeguardsOptions(), ...given };
  const complaints = new ComplaintsService(deps.db, deps.clock);
  return {
    compliance: new ComplianceService(deps.db, deps.clock, deps.alerts, sources, options),
    complaints,
    inspections: new InspectionsService(deps.db, deps.clock),
    statistics: new StatisticsService(deps.db, deps.clock, {
      population,
      sites: (actor) => estate.listSites(actor),
    }),
    /** Rule 57: see `ComplaintsService.reprisalWatch`. */
    reprisalWatch: (detaineeId: string) => complaints.reprisalWatch(detaineeId),
    /**
     * The intake module's transfers out, for Rule 68 (it is built after this module): a transfer
     * completed more than the family notice's 72 hours ago with no family notice done since it
     * was created, and none still open (an open one is reported by the Rules 68-69 check).
     */
    useIntake(movements: MovementsService): void {
      if (!notifications) return;
      sources.transfersWithoutFamilyNotice = async () => {
        const moves = await everyPage((page) =>
          movements.list(system, { status: 'completed', page, pageSize: 500 }),
        );
        const tasks = await everyPage((page) => notifications.list(system, { page, pageSize: 500 }));
        const notices = tasks.filter((t) => t.kind === 'family_transfer');
        const now = deps.clock.now().getTime();
        return moves
          .filter((m) => m.kind === 'site-transfer' || m.kind === 'authority-transfer')
          .filter((m) => now - Date.parse(m.updatedAt) >= FAMILY_NOTICE_HOURS * 3_600_000)
          .filter((m) => !notices.some((t) => t.detaineeId === m.detaineeId && t.createdAt >= m.createdAt))
          .map((m) => ({
            movementId: m.id,
            detaineeId: m.detaineeId,
            siteId: m.siteId,
            at: new Date(Date.parse(m.updatedAt) + FAMILY_NOTICE_HOURS * 3_600_000).toISOString(),
          }));
      };
    },
  };
}
