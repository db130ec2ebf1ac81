/** Tables of the safeguards module (migration 0008). Timestamps ISO text; JSON as text. */

/**
 * A finding resolved by a person with a reason. It holds for one occurrence of the condition
 * (`condition_since`) and at most until `valid_until`: a new occurrence, or the same one still
 * there after `valid_until`, brings the finding back.
 */
export interface ComplianceResolutionsTable {
  id: string;
  /** rule:detainee:subject, as the rule function names its finding. */
  finding_key: string;
  rule: string;
  detainee_id: string;
  site_id: string;
  condition_since: string;
  reason: string;
  resolved_at: string;
  resolved_by: string;
  resolved_by_id: string | null;
  valid_until: string;
}

export interface ComplaintsTable {
  id: string;
  number: string;
  detainee_id: string;
  site_id: string;
  /** complaint | allegation (of torture or ill-treatment) */
  kind: string;
  /** Free category: treatment, conditions, medical, legal access, property, other. */
  category: string;
  summary: string;
  /** detainee | representative | staff: who brought it (Rule 56: the detainee or a representative). */
  lodged_by_kind: string;
  lodged_by_name: string;
  lodged_at: string;
  /** received | referred | under_investigation | closed */
  status: string;
  authority: string | null;
  authority_reference: string | null;
  referred_at: string | null;
  outcome: string | null;
  closed_at: string | null;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
}

/** Every step of a complaint, append-only: the complaint row holds the current state. */
export interface ComplaintEventsTable {
  id: string;
  complaint_id: string;
  seq: number;
  /** recorded | referred | investigating | closed | note */
  type: string;
  status_after: string;
  /** JSON of the step's fields. */
  detail: string;
  at: string;
  by_name: string;
  by_id: string | null;
}

export interface InspectionsTable {
  id: string;
  site_id: string;
  /** The inspecting body, e.g. a national preventive mechanism or an international body. */
  body: string;
  inspectors: string;
  visit_from: string;
  visit_to: string;
  summary: string;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
}

export interface InspectionItemsTable {
  id: string;
  inspection_id: string;
  seq: number;
  /** finding | recommendation */
  kind: string;
  text: string;
  recorded_at: string;
  recorded_by: string;
}

/** The service's answer to one item; a later response supersedes (never replaces) an earlier one. */
export interface InspectionResponsesTable {
  id: string;
  item_id: string;
  /** accepted | partially_accepted | rejected | implemented */
  decision: string;
  text: string;
  responded_at: string;
  responded_by: string;
  responded_by_id: string | null;
  responded_role: string;
}

/** The held population per day and group (Rule 10), taken by a job and backfilled from the register. */
export interface PopulationSnapshotsTable {
  day: string;
  site_id: string;
  nationality: string;
  legal_status: string;
  age_category: string;
  sex: string;
  count: number;
  /** job | backfill */
  source: string;
  taken_at: string;
}

export interface SafeguardsTables {
  compliance_resolutions: ComplianceResolutionsTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  inspections: InspectionsTable;
  inspection_items: InspectionItemsTable;
  inspection_responses: InspectionResponsesTable;
  population_snapshots: PopulationSnapshotsTable;
}
