/**
 * Contraband and communications (issue 8). Other modules use:
 * - `ContrabandService.seizureLinks(actor, { siteId?, detaineeId? })`: pairs of detainees tied by
 *   a seized device, SIM or number, as the housing module's suggested links ('seized-device' or
 *   'common-number') with the evidence;
 * - the identifier checks (`normaliseImei`, `normaliseIccid`, `normaliseImsi`, `normalisePhone`).
 */
export { communicationsRoutes } from './routes';
export { ContrabandService, ITEM_TYPES, SEARCH_KINDS, CUSTODY_ACTIONS } from './contraband-service';
export type { SeizureLink, SearchView, ItemView, NewSearch, NewItem } from './contraband-service';
export {
  CommunicationsService,
  CONTACT_KINDS,
  PRIVILEGED_KINDS,
  MODES,
  MAX_RESTRICTION_DAYS,
} from './communications-service';
export type { ContactView, CommunicationView, RestrictionView } from './communications-service';
export { luhnValid, normaliseImei, normaliseIccid, normaliseImsi, normalisePhone } from './identifiers';
