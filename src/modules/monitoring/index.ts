import type { Actor } from '../../platform/http/actor';
import { ChecksService } from './checks-service';
import { CountsService } from './counts-service';
import { DashboardService } from './dashboard-service';
import { HeadcountService, type HeadcountView, type StartHeadcountInput } from './headcount-service';
import type { MonitoringDeps } from './monitoring-shared';

export { monitoringRoutes } from './routes';
export type { MonitoringRouteOptions } from './routes';
export {
  ChecksService,
  CHECK_STATES,
  OBSERVATION_INTERVALS,
  DEFAULT_ROUND_MINUTES,
  CONSTANT_LOG_MINUTES,
  MONITORING_ALERT_KINDS,
} from './checks-service';
export type {
  CheckInput,
  CheckView,
  CheckState,
  Round,
  Compliance,
  SweepResult,
  ObservationLevelView,
} from './checks-service';
export { CountsService } from './counts-service';
export type { CountView, RollView } from './counts-service';
export { HeadcountService } from './headcount-service';
export type { HeadcountView, MissingPerson, StartHeadcountInput } from './headcount-service';
export { DashboardService } from './dashboard-service';
export type { Dashboard, SiteDashboard, PostureSource } from './dashboard-service';
export type { MonitoringDeps } from './monitoring-shared';

/** What another module calls to start an emergency headcount (a lockdown, an escape). */
export type StartHeadcount = (actor: Actor, input: StartHeadcountInput) => Promise<HeadcountView>;

export interface Monitoring {
  checks: ChecksService;
  counts: CountsService;
  headcounts: HeadcountService;
  dashboard: DashboardService;
  /**
   * Starts (or joins, when one is already open) a site's emergency headcount; `trigger` says why,
   * e.g. `lockdown`. For the incidents module: `services.monitoring.startHeadcount`.
   */
  startHeadcount: StartHeadcount;
  /** The minute job: missed checks, escalation, commander hand-over. */
  detectMissedChecks(now?: Date): ReturnType<ChecksService['detectMissedChecks']>;
}

/**
 * Builds the module's services over one store, clock, alerts and event bus (the composition root
 * calls it once).
 *
 * @example const monitoring = createMonitoring({ db, clock, alerts, events });
 */
export function createMonitoring(deps: MonitoringDeps): Monitoring {
  const checks = new ChecksService(deps);
  const headcounts = new HeadcountService(deps);
  return {
    checks,
    counts: new CountsService(deps),
    headcounts,
    dashboard: new DashboardService(deps),
    startHeadcount: (actor, input) =>
      headcounts.start(actor, { ...input, trigger: input.trigger ?? 'lockdown' }),
    detectMissedChecks: (now) => checks.detectMissedChecks(now),
  };
}
