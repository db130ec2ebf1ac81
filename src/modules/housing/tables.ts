/** Tables of the housing module (migration 0003). Timestamps ISO text; JSON as text. */

export interface AssociationLinksTable {
  /** One row per version. */
  id: string;
  /** The link, stable across versions. */
  link_id: string;
  version: number;
  detainee_a: string;
  detainee_b: string;
  /** co-accused | same-unit | family | seized-device | common-number | observed */
  kind: string;
  /** In (0, 1]. */
  weight: number;
  source: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
  /** Set when a newer version replaces this one. */
  superseded_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
}

export interface NonAssociationDirectivesTable {
  id: string;
  directive_id: string;
  version: number;
  detainee_a: string;
  detainee_b: string;
  /** cell | wing | block | site */
  scope: string;
  reason: string;
  authorised_by: string;
  /** YYYY-MM-DD */
  review_date: string | null;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
  superseded_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
}

export interface DetaineeClassificationsTable {
  id: string;
  detainee_id: string;
  /** low | medium | high | critical */
  risk: string;
  /** leader | ideologue | planner | member | unknown */
  role: string;
  reason: string;
  recorded_at: string;
  recorded_by: string;
  recorded_by_id: string | null;
  superseded_at: string | null;
}

export interface HousingPlansTable {
  id: string;
  /** replan | placement */
  kind: string;
  /** JSON array of site ids the plan covers. */
  site_ids: string;
  /** proposed | approved | rejected | stale */
  status: string;
  proposed_at: string;
  proposed_by: string;
  proposed_by_id: string | null;
  move_budget: number;
  cost_before: number;
  cost_after: number;
  /** JSON: the engine's stats. */
  stats: string;
  /** JSON: PlanMove[]. */
  moves: string;
  /** JSON: BrokenLink[]. */
  links_broken_up: string;
  /** JSON: { detaineeId, reasons }[]. */
  unplaced: string;
  note: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  reviewed_by_id: string | null;
  review_note: string | null;
}

export interface HousingMovesTable {
  id: string;
  detainee_id: string;
  site_id: string;
  from_cell_id: string | null;
  to_cell_id: string | null;
  moved_at: string;
  moved_by: string;
  moved_by_id: string | null;
  reason: string;
  plan_id: string | null;
  /** JSON: the warnings the officer saw and confirmed, or null. */
  warnings_confirmed: string | null;
}

export interface SegregationsTable {
  id: string;
  detainee_id: string;
  site_id: string;
  reason: string;
  authority: string;
  started_at: string;
  started_by: string;
  counted_from: string;
  planned_end: string;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: string | null;
  day13_alerted_at: string | null;
  breach_flagged_at: string | null;
}

export interface SegregationReviewsTable {
  id: string;
  segregation_id: string;
  /** review | medical */
  kind: string;
  outcome: string;
  note: string;
  at: string;
  by_name: string;
  by_id: string | null;
}

export interface HousingTables {
  association_links: AssociationLinksTable;
  non_association_directives: NonAssociationDirectivesTable;
  detainee_classifications: DetaineeClassificationsTable;
  housing_plans: HousingPlansTable;
  housing_moves: HousingMovesTable;
  segregations: SegregationsTable;
  segregation_reviews: SegregationReviewsTable;
}
