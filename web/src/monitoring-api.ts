/** The monitoring feature's endpoints and types: roll, counts, rounds and checks, headcounts, the dashboard. */
import { ApiError, request } from './api';

export const CHECK_STATES = ['present', 'asleep', 'unwell', 'absent', 'refused'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

export interface Roll {
  siteId: string;
  at: string;
  day: string;
  inCustody: number;
  inToday: number;
  outToday: number;
  enRoute: number;
  unassigned: number;
  wings: { wingId: string; code: string; inCustody: number; beds: number }[];
}
export interface RoundCell {
  cellId: string;
  code: string;
  occupants: { id: string; number: string; displayName: string }[];
  intervalMinutes: number | null;
  lastObservedAt: string | null;
  lastState: string | null;
  nextDueAt: string | null;
  overdue: boolean;
}
export interface Round {
  wingId: string;
  wingCode: string;
  siteId: string;
  scheduleMinutes: number;
  at: string;
  cells: RoundCell[];
}
export interface CountUnit {
  id: string;
  unitType: string;
  unitId: string;
  code: string;
  expected: number;
  counted: number | null;
  discrepancy: number | null;
  resolution: { reason: string; resolvedAt: string; resolvedBy: string } | null;
}
export interface Count {
  id: string;
  siteId: string;
  status: 'open' | 'closed';
  startedAt: string;
  startedBy: string;
  closedAt: string | null;
  expected: number;
  counted: number;
  unitsCounted: number;
  unresolved: number;
  units: CountUnit[];
}
export interface Missing {
  detaineeId: string;
  number: string;
  displayName: string;
  lastHousedCell: string | null;
  lastCheckedAt: string | null;
  lastCheckState: string | null;
  lastSeenAt: string | null;
  lastSeenHow: string | null;
}
export interface Headcount {
  id: string;
  siteId: string;
  reason: string;
  status: 'open' | 'closed';
  startedAt: string;
  startedBy: string;
  closedAt: string | null;
  total: number;
  accounted: number;
  missing: Missing[];
  recent: { detaineeId: string; number: string; displayName: string; confirmedAt: string }[];
}
export interface SiteFigures {
  siteId: string;
  code: string;
  name: string;
  population: number;
  arriving: number;
  unassigned: number;
  beds: number;
  occupancy: number;
  watchedCells: number;
  overdueChecks: number;
  checksLastHour: number;
  openAlerts: { critical: number; warning: number; info: number };
  openCount: { id: string } | null;
  openHeadcount: { id: string; total: number; accounted: number } | null;
  posture: string | null;
}
export interface Dashboard {
  at: string;
  sites: SiteFigures[];
  estate: Omit<SiteFigures, 'siteId' | 'code' | 'name' | 'openCount' | 'openHeadcount' | 'posture'> & {
    sitesInLockdown: number;
  };
}

export const monitoringApi = {
  roll: (siteId: string) => request<Roll>('GET', `/api/monitoring/sites/${siteId}/roll`),
  round: (wingId: string) => request<Round>('GET', `/api/monitoring/wings/${wingId}/round`),
  counts: (siteId: string, status?: string) =>
    request<{ items: { id: string; status: string; startedAt: string }[] }>('GET', '/api/monitoring/counts', {
      query: { siteId, status },
    }),
  count: (id: string) => request<Count>('GET', `/api/monitoring/counts/${id}`),
  startCount: (siteId: string, granularity: 'wing' | 'cell') =>
    request<Count>('POST', '/api/monitoring/counts', { body: { siteId, granularity } }),
  enter: (id: string, unitId: string, counted: number) =>
    request<Count>('POST', `/api/monitoring/counts/${id}/entries`, {
      body: { entries: [{ unitId, counted }] },
    }),
  resolve: (id: string, unitId: string, reason: string) =>
    request<Count>('POST', `/api/monitoring/counts/${id}/resolutions`, { body: { unitId, reason } }),
  closeCount: (id: string) => request<Count>('POST', `/api/monitoring/counts/${id}/close`, { body: {} }),
  headcounts: (siteId: string) =>
    request<{ id: string; status: string; startedAt: string; reason: string }[]>(
      'GET',
      '/api/monitoring/headcounts',
      { query: { siteId } },
    ),
  headcount: (id: string) => request<Headcount>('GET', `/api/monitoring/headcounts/${id}`),
  startHeadcount: (siteId: string, reason: string) =>
    request<Headcount>('POST', '/api/monitoring/headcounts', { body: { siteId, reason } }),
  confirm: (id: string, detaineeIds: string[]) =>
    request<Headcount>('POST', `/api/monitoring/headcounts/${id}/confirmations`, { body: { detaineeIds } }),
  closeHeadcount: (id: string, note: string) =>
    request<Headcount>('POST', `/api/monitoring/headcounts/${id}/close`, { body: { note } }),
  dashboard: () => request<Dashboard>('GET', '/api/monitoring/dashboard'),
};

/** A check waiting on this device: the time the officer tapped is kept and sent as `observedAt`. */
export interface QueuedCheck {
  idempotencyKey: string;
  cellId: string;
  state: CheckState;
  observedAt: string;
}

const QUEUE_KEY = 'custodia.monitoring.check-queue';

/**
 * The device's queue of checks not yet accepted by the server. Every check goes through it, so a
 * check recorded with the network down is kept (localStorage survives a reload) and sent later
 * with its real time; the idempotency key makes a resend harmless.
 */
export const checkQueue = {
  all(): QueuedCheck[] {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]') as QueuedCheck[];
    } catch {
      return [];
    }
  },
  add(check: QueuedCheck): void {
    localStorage.setItem(QUEUE_KEY, JSON.stringify([...this.all(), check]));
  },
  /** Sends what is queued; keeps what could not be sent (no network), drops what was answered. */
  async flush(): Promise<{ sent: number; refused: string[]; pending: number }> {
    const queued = this.all();
    if (queued.length === 0) return { sent: 0, refused: [], pending: 0 };
    try {
      const res = await request<{ results: { idempotencyKey: string; status: string; error?: string }[] }>(
        'POST',
        '/api/monitoring/checks/batch',
        { body: { checks: queued.slice(0, 500) } },
      );
      const answered = new Set(res.results.map((r) => r.idempotencyKey));
      const left = this.all().filter((c) => !answered.has(c.idempotencyKey));
      localStorage.setItem(QUEUE_KEY, JSON.stringify(left));
      return {
        sent: res.results.filter((r) => r.status !== 'refused').length,
        refused: res.results.filter((r) => r.status === 'refused').map((r) => r.error ?? ''),
        pending: left.length,
      };
    } catch (error) {
      if (error instanceof ApiError && error.status === 0)
        return { sent: 0, refused: [], pending: queued.length };
      throw error;
    }
  },
};

/** A fresh idempotency key for a check (random; `crypto.randomUUID` needs a secure context, this does not). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
