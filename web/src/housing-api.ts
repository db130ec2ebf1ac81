/** The housing feature's endpoints and types: intelligence, plans, moves, segregation, networks. */
import { request } from './api';

export interface Party {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  cellId: string | null;
}
interface Versioned {
  version: number;
  active: boolean;
  recordedAt: string;
  recordedBy: string;
  supersededAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
}
export interface Link extends Versioned {
  id: string;
  a: Party;
  b: Party;
  kind: string;
  weight: number;
  source: string;
  note: string | null;
}
export interface Directive extends Versioned {
  id: string;
  a: Party;
  b: Party;
  scope: string;
  reason: string;
  authorisedBy: string;
  reviewDate: string | null;
}
export interface Classification {
  detaineeId: string;
  risk: string;
  role: string;
  reason: string;
  recordedAt: string;
  recordedBy: string;
  supersededAt: string | null;
}
export interface PlanMove {
  detaineeId: string;
  number: string;
  displayName: string;
  fromCellId: string | null;
  fromCellCode: string | null;
  toCellId: string;
  toCellCode: string;
  toWingCode: string;
  explanation: string;
}
export interface PlanSummary {
  id: string;
  kind: string;
  siteIds: string[];
  status: string;
  proposedAt: string;
  proposedBy: string;
  proposedById: string | null;
  moveBudget: number;
  costBefore: number;
  costAfter: number;
  stats: {
    moves: number;
    placed: number;
    unplaced: number;
    linksBrokenUp: { cell: number; wing: number };
    elapsedMs: number;
  };
  note: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}
export interface Plan extends PlanSummary {
  moves: PlanMove[];
  linksBrokenUp: {
    linkId: string;
    a: { id: string; number: string };
    b: { id: string; number: string };
    kind: string;
    weight: number;
    before: string;
    after: string | null;
  }[];
  unplaced: { detaineeId: string; number: string; displayName: string; reasons: string[] }[];
}
export interface MoveCheck {
  allowed: boolean;
  blocks: string[];
  warnings: string[];
  requiresConfirmation: boolean;
}
export interface Move {
  id: string;
  fromCellCode: string | null;
  toCellCode: string | null;
  movedAt: string;
  movedBy: string;
  reason: string;
  planId: string | null;
  warningsConfirmed: string[] | null;
}
export interface Segregation {
  id: string;
  detaineeId: string;
  number: string;
  displayName: string;
  cellCode: string | null;
  reason: string;
  authority: string;
  startedAt: string;
  plannedEnd: string;
  endedAt: string | null;
  endReason: string | null;
  active: boolean;
  day: number;
  breach: boolean;
  lastMedicalCheckAt: string | null;
  reviews: { id: string; kind: string; outcome: string; note: string; at: string; by: string }[];
}
export interface Networks {
  modularity: number;
  links: number;
  networks: {
    id: number;
    size: number;
    sharingWings: number;
    members: { id: string; number: string; displayName: string; cellCode: string | null }[];
  }[];
}
export interface SiteDetail {
  id: string;
  blockList: {
    id: string;
    code: string;
    wings: { id: string; code: string; sex: string; ageGroup: string }[];
  }[];
}
export interface CellRow {
  id: string;
  code: string;
  capacity: number;
  occupied: number;
  use: string;
  outOfService: boolean;
}

const e = encodeURIComponent;
export const housingApi = {
  links: (query: { detaineeId?: string; includeClosed?: boolean }) =>
    request<Link[]>('GET', '/api/intelligence/links', { query }),
  createLink: (body: { a: string; b: string; kind: string; weight: number; source: string; note?: string }) =>
    request<Link>('POST', '/api/intelligence/links', { body }),
  closeLink: (id: string, reason: string) =>
    request<Link>('POST', `/api/intelligence/links/${e(id)}/close`, { body: { reason } }),
  directives: (query: { detaineeId?: string; includeClosed?: boolean }) =>
    request<Directive[]>('GET', '/api/intelligence/directives', { query }),
  createDirective: (body: {
    a: string;
    b: string;
    scope: string;
    reason: string;
    authorisedBy: string;
    reviewDate?: string | null;
  }) => request<Directive>('POST', '/api/intelligence/directives', { body }),
  closeDirective: (id: string, reason: string) =>
    request<Directive>('POST', `/api/intelligence/directives/${e(id)}/close`, { body: { reason } }),
  classification: (id: string) =>
    request<{ current: Classification | null; history: Classification[] }>(
      'GET',
      `/api/detainees/${e(id)}/classification`,
    ),
  classify: (id: string, body: { risk: string; role: string; reason: string }) =>
    request<unknown>('POST', `/api/detainees/${e(id)}/classification`, { body }),
  networks: (query: { siteId?: string }) => request<Networks>('GET', '/api/intelligence/networks', { query }),
  plans: () =>
    request<{ items: PlanSummary[]; total: number }>('GET', '/api/housing/plans', {
      query: { pageSize: 100 },
    }),
  plan: (id: string) => request<Plan>('GET', `/api/housing/plans/${e(id)}`),
  propose: (body: {
    kind: 'replan' | 'placement';
    siteIds?: string[];
    moveBudget?: number;
    timeLimitSeconds?: number;
  }) => request<Plan>('POST', '/api/housing/plans', { body }),
  approve: (id: string, note?: string) =>
    request<Plan>('POST', `/api/housing/plans/${e(id)}/approve`, { body: note ? { note } : {} }),
  reject: (id: string, note: string) =>
    request<Plan>('POST', `/api/housing/plans/${e(id)}/reject`, { body: { note } }),
  moveCheck: (id: string, toCellId: string) =>
    request<MoveCheck>('GET', `/api/detainees/${e(id)}/move-check`, { query: { toCellId } }),
  move: (id: string, body: { toCellId: string; reason: string; confirm?: boolean }) =>
    request<Move>('POST', `/api/detainees/${e(id)}/moves`, { body }),
  moves: (id: string) => request<Move[]>('GET', `/api/detainees/${e(id)}/moves`),
  segregations: (id: string) => request<Segregation[]>('GET', `/api/detainees/${e(id)}/segregations`),
  siteSegregations: (siteId: string) => request<Segregation[]>('GET', `/api/sites/${e(siteId)}/segregations`),
  site: (id: string) => request<SiteDetail>('GET', `/api/sites/${e(id)}`),
  cells: (wingId: string) => request<CellRow[]>('GET', `/api/wings/${e(wingId)}/cells`),
};
