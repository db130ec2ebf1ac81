/** Holding limits per kind of legal basis; basis `*` is the default for bases without their own rule. */
export interface LegalHoldingRulesTable {
  id: string;
  /** The basis as the register writes it, normalised (lower case, single spaces). */
  basis: string;
  max_days_before_charge: number | null;
  review_interval_days: number | null;
  max_pretrial_days: number | null;
  warn_days_before: number;
  updated_at: string;
  updated_by: string;
}

export interface LegalCasesTable {
  id: string;
  /** The court's or prosecutor's file number. */
  reference: string;
  /** The accused whose file this case is on; co-accused are in legal_case_accused. */
  detainee_id: string;
  court: string;
  /** investigation | referral | trial | verdict | sentence | appeal | final */
  stage: string;
  opened_on: string;
  created_at: string;
  updated_at: string;
}

/** Every stage a case entered: the history is never overwritten. */
export interface LegalCaseStagesTable {
  id: string;
  case_id: string;
  stage: string;
  entered_on: string;
  /** For verdict: convicted | acquitted; for final: upheld | overturned | acquitted | discontinued | convicted. */
  outcome: string | null;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface LegalChargesTable {
  id: string;
  case_id: string;
  law: string;
  article: string;
  description: string | null;
  charged_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface LegalCaseAccusedTable {
  id: string;
  case_id: string;
  /** A co-accused on the register, or null for one held elsewhere or at large (then `name`). */
  detainee_id: string | null;
  name: string;
  added_at: string;
}

export interface LegalHearingsTable {
  id: string;
  case_id: string;
  /** The site holding the accused when the hearing was set: the calendar is per site and court. */
  site_id: string;
  court: string;
  /** detention_review | investigation | trial | verdict | sentencing | appeal */
  kind: string;
  scheduled_at: string;
  outcome: string | null;
  outcome_note: string | null;
  outcome_recorded_at: string | null;
  outcome_recorded_by: string | null;
  created_at: string;
}

export interface LegalSentencesTable {
  id: string;
  case_id: string;
  detainee_id: string;
  imposed_on: string;
  starts_on: string;
  years: number;
  months: number;
  days: number;
  /** 0/1: runs after the detainee's earlier sentences rather than alongside them. */
  consecutive: number;
  /** Credit for time served ordered by the court; null: computed from the start of custody. */
  credit_days: number | null;
  recorded_at: string;
  recorded_by: string;
}

export interface LegalLawyersTable {
  id: string;
  detainee_id: string;
  case_id: string | null;
  lawyer_name: string;
  bar_number: string | null;
  assigned_on: string;
  ended_on: string | null;
  recorded_at: string;
  recorded_by: string;
}

/** Mandela Rule 61: visits by legal advisers, recorded (never their content). */
export interface LegalLawyerVisitsTable {
  id: string;
  detainee_id: string;
  lawyer_name: string;
  visited_at: string;
  duration_minutes: number | null;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface LegalTables {
  legal_holding_rules: LegalHoldingRulesTable;
  legal_cases: LegalCasesTable;
  legal_case_stages: LegalCaseStagesTable;
  legal_charges: LegalChargesTable;
  legal_case_accused: LegalCaseAccusedTable;
  legal_hearings: LegalHearingsTable;
  legal_sentences: LegalSentencesTable;
  legal_lawyers: LegalLawyersTable;
  legal_lawyer_visits: LegalLawyerVisitsTable;
}
