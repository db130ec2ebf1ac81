import type { AlertsService } from '../../platform/alerts/alerts-service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { LiveEventBus } from '../../platform/events';
import type { Actor } from '../../platform/http/actor';
import type { RegisterService } from '../register';
import { ArrivalsService } from './arrivals-service';
import { type HousingProposer, IntakeService } from './intake-service';
import { MovementsService } from './movements-service';

/** What intake needs of the housing module: placement proposals for a batch over given sites. */
export interface HousingPlanner {
  proposeForDetainees(
    actor: Actor,
    detaineeIds: string[],
    options: { siteIds?: string[] },
  ): Promise<{ id: string }>;
}

/**
 * The intake module's services, built once by the composition root. Housing is proposed over
 * every site the caller may plan for, since arrivals may live anywhere in the estate.
 *
 * @example const { intake, arrivals, movements } = createIntake({ db, clock, register, alerts, events, housing });
 */
export function createIntake(deps: {
  db: Db;
  clock: Clock;
  register: RegisterService;
  alerts?: AlertsService;
  events?: LiveEventBus;
  housing?: HousingPlanner;
}) {
  const proposer: HousingProposer | undefined = deps.housing
    ? async (actor, detaineeIds) => {
        let q = deps.db.selectFrom('sites').select('id');
        if (actor.sites !== null) q = q.where('id', 'in', actor.sites.length ? actor.sites : ['']);
        const siteIds = (await q.execute()).map((s) => s.id);
        return deps.housing!.proposeForDetainees(actor, detaineeIds, { siteIds });
      }
    : undefined;
  const intake = new IntakeService(deps.db, deps.clock, deps.register, {
    events: deps.events,
    housing: proposer,
  });
  const arrivals = new ArrivalsService(deps.db, deps.clock, deps.register, intake, {
    events: deps.events,
    alerts: deps.alerts,
  });
  const movements = new MovementsService(deps.db, deps.clock, deps.register, arrivals);
  return { intake, arrivals, movements };
}
