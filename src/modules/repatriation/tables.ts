/** Vienna Convention on Consular Relations, Art. 36: one record per foreign national and country. */
export interface ConsularRecordsTable {
  id: string;
  detainee_id: string;
  /** ISO 3166-1 alpha-2: the nationality whose consulate is concerned. */
  country: string;
  consulate: string | null;
  created_at: string;
  created_by: string;
}

/** What happened, in order: informed, requested, declined, notified, letter_forwarded, visit, objection, objection_withdrawn. */
export interface ConsularEventsTable {
  id: string;
  record_id: string;
  type: string;
  occurred_at: string;
  /** How: note verbale, fax, e-mail, telephone, in person. */
  channel: string | null;
  /** Who (consular officers' names), or what (the letter). */
  detail: string | null;
  recorded_at: string;
  recorded_by: string;
}

/** The legal limits a requesting state faces, noted on its cases. */
export interface RepatriationStatesTable {
  country: string;
  /** Days a returnee may be held there before charge (null: not known or no limit). */
  max_days_before_charge: number | null;
  note: string | null;
  updated_at: string;
  updated_by: string;
}

export interface RepatriationCasesTable {
  id: string;
  detainee_id: string;
  requesting_state: string;
  reference: string | null;
  /** request_received … handed_over, or refused | withdrawn | suspended */
  stage: string;
  /** While suspended: the stage the case resumes at. */
  suspended_from: string | null;
  requested_on: string;
  handover_at: string | null;
  handover_place: string | null;
  /** JSON array of { name, role, organisation }. */
  receiving_officials: string | null;
  created_at: string;
  updated_at: string;
}

/** Every step of a case, with who, when and the documents: the history is never overwritten. */
export interface RepatriationStepsTable {
  id: string;
  case_id: string;
  /** 0, 1, 2…: the order the steps were recorded in. */
  position: number;
  stage: string;
  at: string;
  note: string | null;
  /** JSON array of document references. */
  documents: string;
  /** JSON: the court's decision for judicial clearance, the handover's place and officials. */
  detail: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface RepatriationTables {
  consular_records: ConsularRecordsTable;
  consular_events: ConsularEventsTable;
  repatriation_states: RepatriationStatesTable;
  repatriation_cases: RepatriationCasesTable;
  repatriation_steps: RepatriationStepsTable;
}
