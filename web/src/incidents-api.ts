/** The incidents and contraband features' endpoints and types (issue 8). */
import { type Paged, request } from './api';

export const INCIDENT_TYPES = [
  'drone_strike',
  'rocket_missile_strike',
  'drone_sighting',
  'explosive_device',
  'unrest',
  'riot',
  'hostage_taking',
  'escape',
  'attempted_escape',
  'assault',
  'death_in_custody',
  'serious_injury',
  'self_harm',
  'fire',
  'contraband_find',
  'use_of_force',
] as const;
export const INCIDENT_STATUSES = ['draft', 'submitted', 'under_review', 'closed'] as const;
export const POSTURE_LEVELS = ['normal', 'heightened', 'lockdown'] as const;

export interface IncidentListItem {
  id: string;
  number: string;
  siteId: string;
  siteCode: string;
  type: string;
  occurredAt: string;
  title: string;
  status: string;
  location: string | null;
  cellsDamaged: number;
  people: number;
  casualties: {
    detaineesKilled: number;
    detaineesInjured: number;
    staffKilled: number;
    staffInjured: number;
    othersKilled: number;
    othersInjured: number;
  };
}
export interface Incident extends IncidentListItem {
  narrative: string;
  responseUnit: string | null;
  responseActions: string | null;
  createdBy: string;
  statusHistory: { from: string | null; to: string; note: string | null; at: string; by: string }[];
  addenda: { id: string; text: string; statusThen: string; addedAt: string; addedBy: string }[];
  involved: {
    id: string;
    kind: string;
    detaineeId: string | null;
    detaineeNumber: string | null;
    name: string;
    role: string;
    injury: string;
  }[];
  damage: {
    id: string;
    cellCode: string;
    description: string;
    cellOutOfService: boolean;
    occupants: { id: string; number: string; displayName: string }[];
  }[];
  escapes: {
    id: string;
    detaineeId: string;
    detaineeNumber: string;
    displayName: string;
    lastCellCode: string | null;
    lastSeenAt: string;
    lastSeenPlace: string;
    recapturedAt: string | null;
  }[];
  deaths: {
    id: string;
    detaineeId: string;
    detaineeNumber: string;
    displayName: string;
    diedAt: string;
    cause: string;
    remainsDisposition: string;
  }[];
}
export interface PostureEntry {
  level: string;
  reason: string | null;
  setAt: string | null;
  setBy: string | null;
  headcountId: string | null;
}
export interface SitePosture {
  siteId: string;
  current: PostureEntry;
  timeline: PostureEntry[];
}
export interface ThreatPicture {
  generatedAt: string;
  days: number;
  sites: {
    id: string;
    code: string;
    name: string;
    nameAr: string;
    lat: number | null;
    lon: number | null;
    posture: string;
    postureSince: string | null;
    incidents: number;
    attacks: number;
    cellsOutOfService: number;
  }[];
  incidents: {
    id: string;
    number: string;
    siteId: string;
    type: string;
    occurredAt: string;
    title: string;
    status: string;
  }[];
}
export interface GeoFeature {
  type: 'Feature';
  properties: { kind: string; name: string; nameAr: string };
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'LineString'; coordinates: number[][] }
    | { type: 'Point'; coordinates: number[] };
}
export interface Region {
  type: 'FeatureCollection';
  bbox: [number, number, number, number];
  features: GeoFeature[];
}
export interface NotificationTask {
  id: string;
  siteId: string;
  incidentId: string | null;
  detaineeId: string | null;
  kind: string;
  rule: string;
  recipient: string;
  dueAt: string;
  completedAt: string | null;
  completedBy: string | null;
  overdue: boolean;
}
export interface SeizedItem {
  id: string;
  searchId: string | null;
  type: string;
  description: string;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  phoneNumber: string | null;
  custodyStatus: string;
  holder: string;
  seizedAt: string;
  detainees: { id: string; number: string; displayName: string }[];
}
export interface Search {
  id: string;
  siteId: string;
  kind: string;
  cellCode: string | null;
  area: string | null;
  searchedAt: string;
  searchedBy: string;
  result: string;
  items: SeizedItem[];
}
export const SEARCH_KINDS = ['cell', 'person', 'area'] as const;
export const ITEM_TYPES = ['phone', 'sim', 'charger', 'weapon', 'drugs', 'documents', 'other'] as const;
export interface NewSeizedItem {
  type: string;
  description: string;
  imei?: string | null;
  iccid?: string | null;
  imsi?: string | null;
  phoneNumber?: string | null;
  detaineeIds?: string[];
  holder: string;
}
export interface NewSearch {
  siteId: string;
  kind: string;
  cellId?: string | null;
  detaineeId?: string | null;
  area?: string | null;
  searchedAt: string;
  searchedBy: string;
  note?: string | null;
  items?: NewSeizedItem[];
}
export interface SeizureLink {
  detaineeA: string;
  detaineeB: string;
  kind: string;
  evidence: { identifier: string; value: string; itemIds: string[] }[];
}
export interface Contact {
  id: string;
  kind: string;
  privileged: boolean;
  name: string;
  relationship: string | null;
  status: string;
}
export interface Communication {
  id: string;
  mode: string;
  direction: string;
  counterpartKind: string;
  counterpartName: string;
  privileged: boolean;
  at: string;
  durationMinutes: number | null;
  monitored: boolean;
}

export const incidentsApi = {
  list: (query: {
    siteId?: string;
    type?: string;
    status?: string;
    from?: string;
    to?: string;
    detaineeId?: string;
    page?: number;
    pageSize?: number;
  }) => request<Paged<IncidentListItem>>('GET', '/api/incidents', { query }),
  get: (id: string) => request<Incident>('GET', `/api/incidents/${id}`),
  create: (body: Record<string, unknown>) => request<Incident>('POST', '/api/incidents', { body }),
  status: (id: string, to: string, note?: string) =>
    request<Incident>('POST', `/api/incidents/${id}/status`, { body: note ? { to, note } : { to } }),
  damage: (id: string, body: { cellIds: string[]; description: string }) =>
    request<Incident>('POST', `/api/incidents/${id}/damage`, { body }),
  addendum: (id: string, text: string) =>
    request<Incident>('POST', `/api/incidents/${id}/addenda`, { body: { text } }),
  posture: (siteId: string) => request<SitePosture>('GET', `/api/sites/${siteId}/posture`),
  setPosture: (siteId: string, level: string, reason: string) =>
    request<SitePosture>('POST', `/api/sites/${siteId}/posture`, { body: { level, reason } }),
  threatPicture: (days: number) => request<ThreatPicture>('GET', '/api/threat-picture', { query: { days } }),
  region: () => request<Region>('GET', '/api/geodata/region'),
  tasks: (query: { incidentId?: string; state?: string }) =>
    request<Paged<NotificationTask>>('GET', '/api/notification-tasks', { query }),
  completeTask: (id: string, note: string) =>
    request<NotificationTask>('POST', `/api/notification-tasks/${id}/complete`, { body: { note } }),
  searches: (query: { siteId?: string; detaineeId?: string; page?: number }) =>
    request<Paged<Search>>('GET', '/api/searches', { query }),
  createSearch: (body: NewSearch) => request<Search>('POST', '/api/searches', { body }),
  seizedItems: (query: { detaineeId?: string; identifier?: string }) =>
    request<SeizedItem[]>('GET', '/api/seized-items', { query }),
  seizureLinks: (query: { siteId?: string; detaineeId?: string }) =>
    request<SeizureLink[]>('GET', '/api/seizure-links', { query }),
  contacts: (detaineeId: string) => request<Contact[]>('GET', `/api/detainees/${detaineeId}/contacts`),
  communications: (detaineeId: string) =>
    request<Communication[]>('GET', `/api/detainees/${detaineeId}/communications`),
};
