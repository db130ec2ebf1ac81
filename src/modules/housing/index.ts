/**
 * Housing that keeps networks apart (issue 5). Other modules use:
 * - `HousingService.proposeForDetainees(actor, detaineeIds, { siteIds? })`: placement proposals
 *   for a batch of arrivals (the intake module), stored as a plan for an analyst to approve;
 * - `IntelligenceService.classification(actor, detaineeId)`: risk and role with history (the
 *   register page); `rolesOf(ids)` for other checks;
 * - `SegregationService.forDetainee(actor, id)` and `checkSegregation(now)` (the server's timer).
 */
export { housingRoutes } from './routes';
export { HousingService } from './housing-service';
export type {
  PlanView,
  PlanMove,
  BrokenLink,
  MoveCheck,
  MoveView,
  ProposeInput,
  PlanStatus,
} from './housing-service';
export {
  IntelligenceService,
  LINK_KINDS,
  DIRECTIVE_SCOPES,
  RISK_LEVELS,
  DETAINEE_ROLES,
} from './intelligence-service';
export type {
  LinkView,
  DirectiveView,
  ClassificationView,
  LinkKind,
  DirectiveScope,
  RiskLevel,
  DetaineeRole,
} from './intelligence-service';
export { SegregationService, SEGREGATION_LIMIT_DAYS, SEGREGATION_ALERT_DAY } from './segregation-service';
export type { SegregationView } from './segregation-service';
export { SECURITY_ADVICE } from './housing-state';

import type { AlertsService } from '../../platform/alerts/alerts-service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { HousingService as Housing } from './housing-service';
import { IntelligenceService as Intelligence } from './intelligence-service';
import { SegregationService as Segregation } from './segregation-service';

/**
 * The housing module's services, built once by the composition root.
 *
 * @example const { housing, intelligence, segregation } = createHousing({ db, clock, alerts });
 */
export function createHousing(deps: { db: Db; clock: Clock; alerts: AlertsService }) {
  const intelligence = new Intelligence(deps.db, deps.clock);
  return {
    intelligence,
    housing: new Housing(deps.db, deps.clock, intelligence),
    segregation: new Segregation(deps.db, deps.clock, deps.alerts),
  };
}

export { loadDemoIntelligence, type DemoIntelligenceSummary } from './demo-intelligence';
