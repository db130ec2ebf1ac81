/**
 * Every column in the schema that points at a detainee, and what a merge does with it. A merge
 * of two records of one person re-points each `move` reference from the absorbed record to the
 * survivor (and records each move so that an unmerge puts it back); `keep` references stay where
 * they are, with the reason. A module that adds a table with a detainee column appends its
 * reference here (or calls `registerDetaineeReference` at start-up):
 * tests/register/detainee-references.test.ts reads the live schema and fails for any column
 * that looks like a detainee reference and is not declared.
 */
export interface DetaineeReference {
  table: string;
  column: string;
  /** move: belongs to the person, follows the survivor; keep: a fact about that record as it was. */
  policy: 'move' | 'keep';
  /** Columns that identify one row (default `['id']`). */
  key?: string[];
  /** Only rows where this column has this value (alerts about a detainee, not about a cell). */
  where?: { column: string; value: string };
  /**
   * Columns that, with the detainee column, must be unique (a nationality, a seized item's link):
   * when the survivor already holds the same fact, the absorbed record keeps its copy (`kept`).
   */
  uniqueWith?: string[];
  note: string;
}

const REFERENCES: DetaineeReference[] = [
  // platform
  {
    table: 'alerts',
    column: 'subject_id',
    policy: 'move',
    where: { column: 'subject_type', value: 'detainee' },
    note: 'alerts about the person',
  },
  {
    table: 'audit_entries',
    column: 'subject_id',
    policy: 'keep',
    key: ['seq'],
    note: 'the audit chain is append-only: it says what happened to which record',
  },
  // register (issue 4)
  {
    table: 'detainee_names',
    column: 'detainee_id',
    policy: 'move',
    note: 'the survivor answers to every name of both records',
  },
  {
    table: 'detainee_nationalities',
    column: 'detainee_id',
    policy: 'move',
    key: ['detainee_id', 'country'],
    uniqueWith: ['country'],
    note: 'nationalities',
  },
  { table: 'legal_bases', column: 'detainee_id', policy: 'move', note: 'legal basis of detention' },
  {
    table: 'detainee_name_history',
    column: 'detainee_id',
    policy: 'move',
    note: "the names' history follows the names",
  },
  {
    table: 'detainee_record_items',
    column: 'detainee_id',
    policy: 'move',
    note: 'documents, family, property, injuries and complaints',
  },
  {
    table: 'identity_candidates',
    column: 'detainee_a',
    policy: 'keep',
    note: 'the review queue names the records as they were',
  },
  {
    table: 'identity_candidates',
    column: 'detainee_b',
    policy: 'keep',
    note: 'the review queue names the records as they were',
  },
  {
    table: 'detainee_merges',
    column: 'candidate_id',
    policy: 'keep',
    note: 'an identity_candidates id, not a detainee',
  },
  // housing and intelligence (issue 5)
  { table: 'association_links', column: 'detainee_a', policy: 'move', note: 'association links' },
  { table: 'association_links', column: 'detainee_b', policy: 'move', note: 'association links' },
  {
    table: 'non_association_directives',
    column: 'detainee_a',
    policy: 'move',
    note: 'non-association directives',
  },
  {
    table: 'non_association_directives',
    column: 'detainee_b',
    policy: 'move',
    note: 'non-association directives',
  },
  {
    table: 'detainee_classifications',
    column: 'detainee_id',
    policy: 'move',
    note: 'risk classification and role',
  },
  { table: 'housing_moves', column: 'detainee_id', policy: 'move', note: 'move history' },
  {
    table: 'segregations',
    column: 'detainee_id',
    policy: 'move',
    note: 'segregation (Rules 43-46): its days count for the person',
  },
  // intake and movements
  { table: 'intake_arrivals', column: 'detainee_id', policy: 'move', note: 'arrivals' },
  {
    table: 'intake_rows',
    column: 'candidate_id',
    policy: 'keep',
    note: 'the screening result of a manifest row as it was',
  },
  {
    table: 'duplicate_reviews',
    column: 'detainee_id',
    policy: 'keep',
    note: "intake's review queue names the records as they were",
  },
  {
    table: 'duplicate_reviews',
    column: 'candidate_id',
    policy: 'keep',
    note: "intake's review queue names the records as they were",
  },
  { table: 'custody_handovers', column: 'detainee_id', policy: 'move', note: 'chain of custody' },
  { table: 'admissions', column: 'detainee_id', policy: 'move', note: 'admissions' },
  { table: 'movements', column: 'detainee_id', policy: 'move', note: 'movements' },
  { table: 'releases', column: 'detainee_id', policy: 'move', note: 'releases' },
  // monitoring
  { table: 'observation_levels', column: 'detainee_id', policy: 'move', note: 'observation levels' },
  { table: 'cell_checks', column: 'detainee_id', policy: 'move', note: 'checks on the person' },
  {
    table: 'headcount_subjects',
    column: 'detainee_id',
    policy: 'move',
    key: ['headcount_id', 'detainee_id'],
    uniqueWith: ['headcount_id'],
    note: 'emergency headcounts',
  },
  { table: 'headcount_confirmations', column: 'detainee_id', policy: 'move', note: 'emergency headcounts' },
  {
    table: 'monitoring_annotations',
    column: 'subject_id',
    policy: 'move',
    where: { column: 'subject_type', value: 'detainee' },
    note: "supervisors' notes",
  },
  // incidents
  { table: 'incident_people', column: 'detainee_id', policy: 'move', note: 'incident involvement' },
  { table: 'escapes', column: 'detainee_id', policy: 'move', note: 'escapes and attempts' },
  {
    table: 'custody_deaths',
    column: 'detainee_id',
    policy: 'move',
    uniqueWith: [],
    note: 'a death in custody',
  },
  {
    table: 'notification_tasks',
    column: 'detainee_id',
    policy: 'move',
    note: 'notifications the rules require',
  },
  // due process
  { table: 'legal_cases', column: 'detainee_id', policy: 'move', note: 'cases' },
  { table: 'legal_case_accused', column: 'detainee_id', policy: 'move', note: 'accused in a case' },
  { table: 'legal_sentences', column: 'detainee_id', policy: 'move', note: 'sentences' },
  { table: 'legal_lawyers', column: 'detainee_id', policy: 'move', note: 'lawyers assigned' },
  { table: 'legal_lawyer_visits', column: 'detainee_id', policy: 'move', note: 'lawyer visits' },
  // communications and contraband
  { table: 'searches', column: 'detainee_id', policy: 'move', note: 'searches' },
  {
    table: 'seized_item_detainees',
    column: 'detainee_id',
    policy: 'move',
    key: ['item_id', 'detainee_id'],
    uniqueWith: ['item_id'],
    note: 'seizures linked to the person',
  },
  { table: 'approved_contacts', column: 'detainee_id', policy: 'move', note: 'approved contacts' },
  { table: 'communications', column: 'detainee_id', policy: 'move', note: 'visits, calls and letters' },
  { table: 'contact_restrictions', column: 'detainee_id', policy: 'move', note: 'contact restrictions' },
  // safeguards and oversight
  {
    table: 'complaints',
    column: 'detainee_id',
    policy: 'move',
    note: 'complaints and allegations of ill-treatment',
  },
  {
    table: 'compliance_resolutions',
    column: 'detainee_id',
    policy: 'move',
    note: 'how a safeguard finding was resolved',
  },
  // repatriation and consular
  {
    table: 'consular_records',
    column: 'detainee_id',
    policy: 'move',
    uniqueWith: ['country'],
    note: 'consular notification',
  },
  { table: 'repatriation_cases', column: 'detainee_id', policy: 'move', note: 'repatriation cases' },
];

/**
 * Declares one more detainee reference (a module's new table), before any merge runs.
 *
 * @example registerDetaineeReference({ table: 'visits', column: 'detainee_id', policy: 'move', note: 'visits' });
 */
export function registerDetaineeReference(ref: DetaineeReference): void {
  if (REFERENCES.some((r) => r.table === ref.table && r.column === ref.column)) return;
  REFERENCES.push(ref);
}

/** Every declared reference, in declaration order. */
export function detaineeReferences(): readonly DetaineeReference[] {
  return REFERENCES;
}

/**
 * Whether a column of the schema looks like a reference to a detainee: a text column named after
 * one (`detainee_id`, `detainee_a`), or a generic subject or candidate. Counts (`detainees_killed`)
 * are integers and are not.
 *
 * @example looksLikeDetaineeReference('escapes', 'detainee_id', 'text') // => true
 */
export function looksLikeDetaineeReference(table: string, column: string, dataType: string): boolean {
  if (table === 'detainees') return false;
  if (!/char|text|uuid/i.test(dataType)) return false;
  return /(^|_)detainees?(_|$)/.test(column) || ['subject_id', 'candidate_id', 'person_id'].includes(column);
}
