export { legalRoutes } from './routes';
export { LegalService, CASE_STAGES, HEARING_KINDS, HEARING_OUTCOMES, HELD_STATUSES } from './legal-service';
export type {
  CaseView,
  CaseListItem,
  HearingView,
  RuleView,
  RuleInput,
  ClockCheckResult,
  NewCase,
} from './legal-service';
