export { consularRoutes, repatriationRoutes } from './routes';
export { ConsularService, CONSULAR_EVENTS, DETAINING_STATE } from './consular-service';
export {
  RepatriationService,
  REPATRIATION_PATH,
  REPATRIATION_EXITS,
  REPATRIATION_STAGES,
} from './repatriation-service';
export type { ConsularRecordView } from './consular-service';
export type { RepatriationCaseView, StateLimitView } from './repatriation-service';
