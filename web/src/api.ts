/**
 * The typed API client of the web app: one `request` that sends the session cookie, adds the
 * CSRF header on every write and turns error bodies into `ApiError`s, plus one small function per
 * endpoint the shell uses.
 *
 * Adding an endpoint for your feature: declare its response type here (or in your feature's
 * own file) and call `request<T>(method, path, { query, body })`. Writes get the CSRF token
 * automatically once the session is known (`setCsrfToken`, done by the session provider).
 *
 * @example
 *   const page = await api.detainees({ q: 'hasan', page: 2 });
 *   await request<Alert>('POST', `/api/alerts/${id}/resolve`, { body: { note } });
 */

export interface ApiErrorBody {
  error: string;
  message: string;
  field?: string;
}

/** A refused or failed request: `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token; every write echoes it in `x-csrf-token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Calls the API. Resolves with the parsed JSON (or undefined for 204), rejects with `ApiError`.
 *
 * @example const me = await request<Me>('GET', '/api/auth/me');
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { error: 'network', message: 'The server could not be reached' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const body = (
      parsed && typeof parsed === 'object' && 'error' in parsed
        ? parsed
        : { error: `http_${response.status}`, message: response.statusText }
    ) as ApiErrorBody;
    throw new ApiError(response.status, body);
  }
  return parsed as T;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Me {
  kind: string;
  id: string;
  name: string;
  role: string;
  allSites: boolean;
  siteIds: string[];
  accessExpiresAt: string | null;
  permissions: string[];
  csrfToken: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  allSites: boolean;
  siteIds: string[];
  disabled: boolean;
  lockedOut: boolean;
  accessExpiresAt: string | null;
  language: string;
  createdAt: string;
}

export interface Site {
  id: string;
  code: string;
  name: string;
  nameAr: string;
  blocks: number;
  wings: number;
  cells: number;
  cellsOutOfService: number;
  beds: number;
  occupied: number;
  population: number;
}

export const DETAINEE_STATUSES = [
  'arriving',
  'in_custody',
  'released',
  'transferred_out',
  'repatriated',
  'escaped',
  'deceased',
] as const;
export type DetaineeStatus = (typeof DETAINEE_STATUSES)[number];

export interface DetaineeListItem {
  id: string;
  number: string;
  displayName: string;
  nameAr: string | null;
  sex: string;
  dob: string | null;
  nationalities: string[];
  legalStatus: string;
  ageCategory: string;
  status: string;
  siteId: string;
  siteCode: string;
  cellId: string | null;
  cellCode: string | null;
  /** Set when this record was merged into another: it is no longer a live record. */
  mergedInto?: string | null;
}

export interface DetaineeName {
  name: string;
  script: 'arabic' | 'latin';
  kind: string;
}

export interface LegalBasis {
  id: string;
  basis: string;
  authority: string;
  from: string;
  to: string | null;
  note: string | null;
  recordedAt: string;
}

export interface Detainee extends DetaineeListItem {
  names: DetaineeName[];
  wingCode: string | null;
  arrestedAt: string | null;
  arrestPlace: string | null;
  admittedAt: string | null;
  legalBases: LegalBasis[];
  mergedIntoNumber?: string | null;
  /** Records of the same person merged into this one. */
  mergedFrom?: { id: string; number: string }[];
  createdAt: string;
  updatedAt: string;
}

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const ALERT_STATUSES = ['active', 'open', 'acknowledged', 'resolved'] as const;

export interface Alert {
  id: string;
  siteId: string | null;
  subjectType: string;
  subjectId: string | null;
  kind: string;
  severity: string;
  title: string;
  detail: string;
  raisedAt: string;
  raisedBy: string;
  dueAt: string;
  status: string;
  assigneeId: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolveNote: string | null;
  escalationLevel: number;
  escalatedAt: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  siteId: string | null;
  changes: unknown;
  requestId: string | null;
  ip: string | null;
}

export const REPORT_GROUPINGS = ['nationality', 'site', 'status'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
/** One row of `GET /api/reports/population?by=…`: the grouping key's value and the count. */
export type PopulationRow = { count: number } & Partial<Record<ReportGrouping, string>>;

export const ROLES = [
  'administrator',
  'director',
  'commander',
  'officer',
  'intake',
  'analyst',
  'legal',
  'liaison',
  'medical',
  'inspector',
] as const;

/** The endpoints of the shell's pages. */
export const api = {
  me: () => request<Me>('GET', '/api/auth/me'),
  logIn: (username: string, password: string) =>
    request<{ user: User; csrfToken: string }>('POST', '/api/auth/login', { body: { username, password } }),
  logOut: () => request<void>('POST', '/api/auth/logout'),
  sites: () => request<Site[]>('GET', '/api/sites'),
  detainees: (query: {
    q?: string;
    siteId?: string;
    nationality?: string;
    status?: string;
    merged?: string;
    page?: number;
    pageSize?: number;
  }) => request<Paged<DetaineeListItem>>('GET', '/api/detainees', { query }),
  detainee: (id: string) => request<Detainee>('GET', `/api/detainees/${encodeURIComponent(id)}`),
  alerts: (query: {
    siteId?: string;
    status?: string;
    severity?: string;
    mine?: boolean;
    page?: number;
    pageSize?: number;
  }) => request<Paged<Alert>>('GET', '/api/alerts', { query }),
  acknowledgeAlert: (id: string, note: string) =>
    request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`, { body: { note } }),
  resolveAlert: (id: string, note: string) =>
    request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/resolve`, { body: { note } }),
  audit: (query: {
    subjectType?: string;
    subjectId?: string;
    actorId?: string;
    action?: string;
    page?: number;
    pageSize?: number;
  }) => request<Paged<AuditEntry>>('GET', '/api/audit', { query }),
  users: () => request<User[]>('GET', '/api/users'),
  createUser: (body: {
    username: string;
    displayName: string;
    password: string;
    role: string;
    allSites?: boolean;
    siteIds?: string[];
    language?: 'en' | 'ar';
  }) => request<User>('POST', '/api/users', { body }),
  updateUser: (id: string, body: { disabled?: boolean; role?: string; displayName?: string }) =>
    request<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body }),
  resetPassword: (id: string, password: string) =>
    request<void>('POST', `/api/users/${encodeURIComponent(id)}/password`, { body: { password } }),
  population: (by: ReportGrouping) =>
    request<PopulationRow[]>('GET', '/api/reports/population', { query: { by } }),
  populationCsvUrl: (by: ReportGrouping) => withQuery('/api/reports/population.csv', { by }),
};
