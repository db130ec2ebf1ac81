export { registerRoutes } from './routes';
export { RegisterService, detaineeProblem, validPartialDate, DETAINEE_STATUSES, NAME_KINDS } from './register-service';
export type { NewDetainee, DetaineeRecord, DetaineeListItem, DetaineeFilter, DetaineeStatus, NameInput, NameKind, Script, LegalBasisInput } from './register-service';
