/**
 * The register (issue 4). Other modules use:
 * - `RegisterService` (`services.register`): the core record, `insertMany` for batches, `read`;
 * - `screenRecord(record, { limit?, excludeId? })` (`services.registerRecord.screenRecord`): one
 *   incoming person record (names in any script, sex, dob, nationality, mother's name) against the
 *   whole register — candidates with the engine's decision and evidence, best first (intake);
 * - `registerDetaineeReference(ref)` / the list in detainee-references.ts: a module with a new
 *   detainee column declares what a merge does with it.
 */
export { registerRoutes } from './routes';
export { recordRoutes } from './record-routes';
export {
  RegisterService,
  detaineeProblem,
  validPartialDate,
  DETAINEE_STATUSES,
  NAME_KINDS,
} from './register-service';
export type {
  NewDetainee,
  DetaineeRecord,
  DetaineeListItem,
  DetaineeFilter,
  DetaineeStatus,
  NameInput,
  NameKind,
  Script,
  LegalBasisInput,
} from './register-service';
export { RegisterSearch, type RegisterSearchHit, type ScreeningCandidate } from './register-search';
export {
  RecordService,
  checkName,
  type FullRecord,
  type NameView,
  type ItemView,
  type ClassificationSource,
} from './record-service';
export {
  MergeService,
  type CandidateView,
  type DirectiveSource,
  type MergeView,
  type MoveView,
} from './merge-service';
export {
  registerDetaineeReference,
  detaineeReferences,
  looksLikeDetaineeReference,
  type DetaineeReference,
} from './detainee-references';
export { SECTIONS, DOCUMENT_TYPES, FAMILY_RELATIONS } from './record-sections';

import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { type DirectiveSource, MergeService as Merges } from './merge-service';
import { type ClassificationSource, RecordService as Records } from './record-service';
import { RegisterSearch as Search } from './register-search';
import type { RegisterService as Register } from './register-service';

/**
 * The full record, the per-process search index and duplicate review, built once by the
 * composition root. `screenRecord` is the intake module's entry point.
 *
 * @example const { screenRecord } = createRegisterRecord({ db, clock, register, classifications: housing.intelligence, directives: housing.intelligence });
 *   const [best] = await screenRecord({ id: 'row-3', names: ['حسين حسن'], dob: '1987' });
 */
export function createRegisterRecord(deps: {
  db: Db;
  clock: Clock;
  register: Register;
  classifications: ClassificationSource;
  /** Non-association directives: a merge of two records kept apart by one is refused. */
  directives: DirectiveSource;
}) {
  const search = new Search(deps.db);
  return {
    search,
    records: new Records(deps.db, deps.clock, deps.register, search, deps.classifications),
    merges: new Merges(deps.db, deps.clock, search, deps.directives),
    screenRecord: search.screenRecord.bind(search),
  };
}
