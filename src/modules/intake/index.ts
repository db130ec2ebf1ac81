/**
 * Transfers and intake (issue 6). Other modules use:
 * - `IntakeService.batchRow(actor, id)`, `listReviews(actor, …)` and `decideReview(actor, id, …, trx?)`:
 *   the duplicate review queue (`duplicate_reviews`) that intake fills when a match is unsure;
 * - `ArrivalsService.addHandover(trx, …)`: one link of the chain of custody, in the caller's transaction;
 * - `readManifest(text, …)`, `parseManifestDate`, `resolveNationality`: the manifest reader (the CLI).
 */
export { intakeRoutes } from './routes';
export { createIntake, type HousingPlanner } from './create-intake';
export { IntakeService } from './intake-service';
export type {
  BatchView,
  BatchCounts,
  ImportInput,
  MappingInput,
  MappingView,
  HousingProposer,
  Progress,
  RowView,
  ReviewView,
} from './intake-service';
export { ArrivalsService } from './arrivals-service';
export type {
  HandoverInput,
  HandoverView,
  Reconciliation,
  ArrivalView,
  AdmissionInput,
  AdmissionView,
  PropertyItem,
} from './arrivals-service';
export { MovementsService, MOVEMENT_KINDS, MOVEMENT_STATUSES, RELEASE_GROUNDS } from './movements-service';
export type { MovementView, ReleaseView, MovementKind, MovementStatus } from './movements-service';
export { readManifest, decodeManifest, MANIFEST_FIELDS } from './read-manifest';
export type { ManifestField, ManifestMapping, ManifestRow, RowError, ManifestReading } from './read-manifest';
export { parseManifestDate } from './parse-manifest-date';
export { resolveNationality } from './resolve-nationality';
export { parseCsv } from './parse-csv';
