import { AlertsService, type AlertNotifier } from './platform/alerts/alerts-service';
import { PrincipalStore } from './platform/auth/sessions';
import type { Clock } from './platform/clock';
import type { Store } from './platform/db/database';
import { EstateService } from './modules/estate';
import { createHousing } from './modules/housing';
import { createRegisterRecord, RegisterService } from './modules/register';
import { createMonitoring } from './modules/monitoring';
import { LiveEventBus } from './platform/events';
import { ReportsService } from './modules/reports';
import { UsersService } from './modules/auth';
import { IncidentsService, NotificationTasksService, PostureService } from './modules/incidents';
import { CommunicationsService, ContrabandService } from './modules/communications';
import { LegalService } from './modules/legal';
import { ConsularService, DETAINING_STATE, RepatriationService } from './modules/repatriation';
import { createSafeguards } from './modules/safeguards';
import type { Config } from './platform/config';
import { createIntake } from './modules/intake';

/**
 * The composition root: every service built once, with its dependencies, for the server and
 * the CLI alike. Modules never construct each other.
 */
export function createServices(
  store: Store,
  clock: Clock,
  options: {
    sessionIdleMinutes?: number;
    notifier?: AlertNotifier;
    /** From the validated configuration (`loadConfig`); the defaults are the demo estate's. */
    policy?: Partial<Pick<Config, 'ownCountry' | 'lawyerVisitDays' | 'complianceResolutionDays'>>;
  } = {},
) {
  const ownCountry = options.policy?.ownCountry ?? DETAINING_STATE;
  const principals = new PrincipalStore(store.db, clock, options.sessionIdleMinutes ?? 480);
  // Before the alerts: every alerts service announces on it.
  const events = new LiveEventBus();
  const register = new RegisterService(store.db, clock);
  const legal = new LegalService(
    store.db,
    clock,
    new AlertsService(store.db, clock, options.notifier, events),
    register,
  );
  const housing = createHousing({
    db: store.db,
    clock,
    alerts: new AlertsService(store.db, clock, options.notifier, events),
  });
  const notifications = new NotificationTasksService(
    store.db,
    clock,
    new AlertsService(store.db, clock, options.notifier, events),
  );
  const posture = new PostureService(store.db, clock);
  const consular = new ConsularService(store.db, clock, register, ownCountry);
  const services = {
    store,
    db: store.db,
    clock,
    principals,
    users: new UsersService(store.db, clock, principals),
    alerts: new AlertsService(store.db, clock, options.notifier, events),
    estate: new EstateService(store.db, clock),
    register,
    reports: new ReportsService(store.db, register),
    /** Intelligence, housing plans and moves, segregation (issue 5). */
    housing,
    /** The full record (Rules 7-8), name search, screening and merges (issue 4). */
    registerRecord: createRegisterRecord({
      db: store.db,
      clock,
      register,
      classifications: housing.intelligence,
      directives: housing.intelligence,
    }),
    /** Due process, consular duties and repatriation (issue 9). */
    legal,
    consular,
    repatriation: new RepatriationService(store.db, clock, register, legal),
    /** Safeguards and statistics (issue 10): reads the other modules through their exports. */
    safeguards: createSafeguards({
      db: store.db,
      clock,
      alerts: new AlertsService(store.db, clock, options.notifier, events),
      estate: new EstateService(store.db, clock),
      register,
      housing,
      notifications,
      legal,
      consular,
      options: {
        ownCountry,
        lawyerVisitDays: options.policy?.lawyerVisitDays,
        resolutionDays: options.policy?.complianceResolutionDays,
      },
    }),
    /** The live picture's bus: modules publish, `/api/live` streams. */
    events,
    /** Around the clock: counts, checks, headcounts, the dashboard (issue 7). */
    monitoring: createMonitoring({
      db: store.db,
      clock,
      alerts: new AlertsService(store.db, clock, options.notifier, events),
      events,
    }),
    /** Incidents, posture, required notifications; contraband and communications (issue 8). */
    notifications,
    incidents: new IncidentsService(
      store.db,
      clock,
      new EstateService(store.db, clock),
      register,
      notifications,
    ),
    posture,
    contraband: new ContrabandService(store.db, clock),
    communications: new CommunicationsService(store.db, clock, register),
    /** Transfers and intake, arrivals, moves out and releases (issue 6). */
    intake: createIntake({
      db: store.db,
      clock,
      register,
      alerts: new AlertsService(store.db, clock, options.notifier, events),
      events,
      housing: housing.housing,
    }),
  };
  // A lockdown starts the monitoring module's emergency headcount.
  posture.useHeadcounts(services.monitoring);
  // A complainant's moves show the reprisal watch (Rule 57).
  housing.housing.useReprisalWatch(services.safeguards.reprisalWatch);
  // Rule 68: transfers out come from the intake module, built after safeguards.
  services.safeguards.useIntake(services.intake.movements);
  // The live picture shows each site's posture as the incidents module records it.
  services.monitoring.dashboard.setPostureSource((siteIds) => posture.currentLevels(siteIds));
  return services;
}

export type Services = ReturnType<typeof createServices>;
