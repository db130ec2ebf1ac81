import type { Generated } from 'kysely';

/** 0 or 1: both stores keep booleans as integers. */
export type Flag = number;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  /** 1: every site of the estate; 0: only the sites in `principal_sites`. */
  all_sites: Flag;
  disabled: Flag;
  failed_logins: number;
  /** Temporarily refused until this time after repeated failures. */
  locked_until: string | null;
  /** Locked out for good until an administrator resets the password. */
  locked_out: Flag;
  /** Inspectors' access ends here; null for everyone else. */
  access_expires_at: string | null;
  language: string;
  created_at: string;
  updated_at: string;
}

/** The sites a user or API token may see and act on (when not estate-wide). */
export interface PrincipalSitesTable {
  principal_id: string;
  site_id: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  /** First characters of the token, to recognise it in lists. */
  prefix: string;
  role: string;
  all_sites: Flag;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

export interface AuditEntriesTable {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  site_id: string | null;
  /** JSON: what changed (before/after or the fields written). */
  changes: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the last sealed entry, so writers chain without scanning and verify notices a cut tail. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AlertsTable {
  id: string;
  site_id: string | null;
  subject_type: string;
  subject_id: string | null;
  kind: string;
  severity: string;
  title: string;
  detail: string;
  /** The same condition raised twice is one alert while it is open. */
  dedupe_key: string | null;
  raised_at: string;
  raised_by: string;
  /** When it must be acknowledged before it escalates. */
  due_at: string;
  status: string;
  assignee_id: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledge_note: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolve_note: string | null;
  escalation_level: Generated<number>;
  escalated_at: string | null;
}

export interface PlatformTables {
  users: UsersTable;
  principal_sites: PrincipalSitesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_entries: AuditEntriesTable;
  audit_head: AuditHeadTable;
  alerts: AlertsTable;
}
