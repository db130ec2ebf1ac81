import type { Flag } from '../../platform/db/platform-tables';

/** A roll count of one site: every unit's expected number frozen when it starts. */
export interface RollCountsTable {
  id: string;
  site_id: string;
  /** scheduled | adhoc */
  kind: string;
  /** wing | cell: what officers enter numbers for. */
  granularity: string;
  /** open | closed */
  status: string;
  scheduled_for: string | null;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  closed_by: string | null;
}

/** One unit (a wing or a cell) of a count, with the register's number at the start. */
export interface RollCountUnitsTable {
  id: string;
  count_id: string;
  /** wing | cell */
  unit_type: string;
  unit_id: string;
  wing_id: string;
  code: string;
  expected: number;
}

/** A number entered for a unit. Never changed: a recount is a new entry, the latest one stands. */
export interface RollCountEntriesTable {
  id: string;
  count_id: string;
  unit_id: string;
  counted: number;
  /** Order of entry within the count (entries in one second must still have a latest). */
  seq: number;
  entered_at: string;
  entered_by: string;
}

/** Why a unit's discrepancy is explained (e.g. "one at the clinic"). Append-only. */
export interface RollCountResolutionsTable {
  id: string;
  count_id: string;
  unit_id: string;
  /** The entry this resolution explains: a recount after it needs a new one if it still differs. */
  entry_id: string;
  reason: string;
  resolved_at: string;
  resolved_by: string;
}

/** An observation level on a cell or a detainee (0 minutes: constant). Ended, never deleted. */
export interface ObservationLevelsTable {
  id: string;
  site_id: string;
  cell_id: string | null;
  detainee_id: string | null;
  interval_minutes: number;
  reason: string;
  set_at: string;
  set_by: string;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: string | null;
}

/** A wing's round: every occupied cell is checked at least this often. History kept by end time. */
export interface CheckSchedulesTable {
  id: string;
  site_id: string;
  wing_id: string;
  interval_minutes: number;
  set_at: string;
  set_by: string;
  ended_at: string | null;
}

/** One cell check: evidence, never edited or deleted. */
export interface CellChecksTable {
  id: string;
  /** Chosen by the device: a resend of the same check is recognised, not duplicated. */
  idempotency_key: string;
  site_id: string;
  wing_id: string;
  cell_id: string;
  /** When a check was about one detainee (an observation level on a person). */
  detainee_id: string | null;
  /** present | asleep | unwell | absent | refused */
  state: string;
  /** When the officer looked (the device's time), and when the server received it. */
  observed_at: string;
  recorded_at: string;
  /** When the check was due at the moment it was done; null when nothing was due. */
  due_at: string | null;
  /** 1: done after it was due. */
  late: Flag;
  officer_id: string | null;
  officer_name: string;
  note: string | null;
}

/**
 * Each watched cell's latest check and next due time: what the rounds, the dashboard and the
 * missed-check detector read, so they never scan the millions of check events.
 */
export interface CellCheckStatusTable {
  cell_id: string;
  site_id: string;
  wing_id: string;
  last_check_id: string | null;
  last_observed_at: string | null;
  last_state: string | null;
  /** The shortest interval in force (minutes, 0: constant); null: nothing to check. */
  interval_minutes: number | null;
  next_due_at: string | null;
  /** The due time a missed-check alert was raised for (once per due time). */
  alerted_due_at: string | null;
  updated_at: string;
}

/** A due check that nobody did in time: one row per cell and due time, found by the sweep. */
export interface MissedChecksTable {
  id: string;
  site_id: string;
  wing_id: string;
  cell_id: string;
  due_at: string;
  interval_minutes: number;
  detected_at: string;
  alert_id: string;
}

/** A supervisor's note on a check or a count: the only change a record of evidence admits. */
export interface MonitoringAnnotationsTable {
  id: string;
  /** cell_check | roll_count */
  subject_type: string;
  subject_id: string;
  site_id: string;
  note: string;
  written_at: string;
  written_by: string;
}

/** An emergency headcount of a site. */
export interface HeadcountsTable {
  id: string;
  site_id: string;
  reason: string;
  /** manual | lockdown | … : who or what started it. */
  trigger: string;
  /** open | closed */
  status: string;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  /** JSON: the closing report (figures and every person not accounted for). */
  report: string | null;
}

/** Who a headcount must account for, and where the register had them when it started. */
export interface HeadcountSubjectsTable {
  headcount_id: string;
  detainee_id: string;
  cell_id: string | null;
  wing_id: string | null;
}

/** A detainee confirmed present during a headcount. Append-only. */
export interface HeadcountConfirmationsTable {
  id: string;
  headcount_id: string;
  detainee_id: string;
  location: string | null;
  confirmed_at: string;
  confirmed_by: string;
}

/** Which escalated monitoring alerts were handed to a commander (once each). */
export interface MonitoringEscalationsTable {
  alert_id: string;
  commander_alert_id: string;
  escalated_at: string;
}

/** Per-site register figures for the dashboard, kept current by triggers (migration 0013). */
export interface SiteFiguresTable {
  site_id: string;
  population: number;
  arriving: number;
  unassigned: number;
  beds: number;
}

export interface MonitoringTables {
  roll_counts: RollCountsTable;
  roll_count_units: RollCountUnitsTable;
  roll_count_entries: RollCountEntriesTable;
  roll_count_resolutions: RollCountResolutionsTable;
  observation_levels: ObservationLevelsTable;
  check_schedules: CheckSchedulesTable;
  cell_checks: CellChecksTable;
  cell_check_status: CellCheckStatusTable;
  missed_checks: MissedChecksTable;
  monitoring_annotations: MonitoringAnnotationsTable;
  headcounts: HeadcountsTable;
  headcount_subjects: HeadcountSubjectsTable;
  headcount_confirmations: HeadcountConfirmationsTable;
  monitoring_escalations: MonitoringEscalationsTable;
  site_figures: SiteFiguresTable;
}
