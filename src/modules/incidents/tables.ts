import type { Flag } from '../../platform/db/platform-tables';

export interface IncidentsTable {
  id: string;
  /** The number people quote, e.g. INC-2026-000042. */
  number: string;
  site_id: string;
  /** One of INCIDENT_TYPES. */
  type: string;
  occurred_at: string;
  /** Where in the site: the block, wing or cell when known, and free text. */
  block_id: string | null;
  wing_id: string | null;
  cell_id: string | null;
  location: string | null;
  title: string;
  narrative: string;
  detainees_killed: number;
  detainees_injured: number;
  staff_killed: number;
  staff_injured: number;
  others_killed: number;
  others_injured: number;
  response_unit: string | null;
  response_actions: string | null;
  /** draft | submitted | under_review | closed */
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Every status change, so the report's life is a timeline and nothing is overwritten. */
export interface IncidentStatusChangesTable {
  id: string;
  incident_id: string;
  /** 1, 2, 3…: the order of changes within a report (times can tie). */
  seq: number;
  from_status: string | null;
  to_status: string;
  note: string | null;
  at: string;
  by: string;
}

export interface IncidentAddendaTable {
  id: string;
  incident_id: string;
  /** 1, 2, 3…: the order of addenda within a report (times can tie). */
  seq: number;
  text: string;
  /** The report's status when the addendum was written. */
  status_then: string;
  added_at: string;
  added_by: string;
}

export interface IncidentPeopleTable {
  id: string;
  incident_id: string;
  /** detainee | staff | other */
  person_kind: string;
  detainee_id: string | null;
  /** Staff or other people: their name; for detainees a copy of the register name at the time. */
  name: string;
  /** perpetrator | victim | witness | injured */
  role: string;
  /** none | minor | serious */
  injury: string;
  note: string | null;
  added_at: string;
  added_by: string;
}

export interface IncidentDamageTable {
  id: string;
  incident_id: string;
  cell_id: string;
  description: string;
  recorded_at: string;
  recorded_by: string;
}

export interface EscapesTable {
  id: string;
  incident_id: string;
  detainee_id: string;
  site_id: string;
  /** Where the detainee was housed when they escaped (the cell is a snapshot: code too). */
  last_cell_id: string | null;
  last_cell_code: string | null;
  last_seen_at: string;
  last_seen_place: string;
  recorded_at: string;
  recorded_by: string;
  recaptured_at: string | null;
  recaptured_by: string | null;
  recapture_note: string | null;
}

/** Mandela Rule 8: circumstances and cause of death, and where the remains went. */
export interface CustodyDeathsTable {
  id: string;
  incident_id: string;
  detainee_id: string;
  site_id: string;
  died_at: string;
  place: string;
  circumstances: string;
  cause: string;
  remains_disposition: string;
  recorded_at: string;
  recorded_by: string;
}

export interface SitePosturesTable {
  id: string;
  site_id: string;
  /** normal | heightened | lockdown */
  level: string;
  reason: string;
  incident_id: string | null;
  /** The emergency headcount a lockdown started, when that capability exists. */
  headcount_id: string | null;
  set_at: string;
  set_by: string;
}

/** Notifications the rules require (Mandela Rules 68, 69, 71), as tasks with a deadline. */
export interface NotificationTasksTable {
  id: string;
  site_id: string;
  incident_id: string | null;
  detainee_id: string | null;
  /** authority_death | authority_disappearance | authority_serious_injury | family_death | family_serious_injury | family_serious_illness | family_transfer */
  kind: string;
  /** '68' | '69' | '71' */
  rule: string;
  recipient: string;
  due_at: string;
  created_at: string;
  created_by: string;
  completed_at: string | null;
  completed_by: string | null;
  completion_note: string | null;
  /** Set once the overdue alert was raised, so a sweep raises it once. */
  overdue_alert_id: string | null;
  auto: Flag;
}

export interface IncidentsTables {
  incidents: IncidentsTable;
  incident_status_changes: IncidentStatusChangesTable;
  incident_addenda: IncidentAddendaTable;
  incident_people: IncidentPeopleTable;
  incident_damage: IncidentDamageTable;
  escapes: EscapesTable;
  custody_deaths: CustodyDeathsTable;
  site_postures: SitePosturesTable;
  notification_tasks: NotificationTasksTable;
}
