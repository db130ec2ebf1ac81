/** The register record feature's endpoints and types (issue 4): the full record, name search, duplicate review. */
import { request } from './api';

export interface NameView {
  id: string;
  name: string;
  script: string;
  kind: string;
  position: number;
  given: string | null;
  father: string | null;
  grandfather: string | null;
  family: string | null;
}
export interface Item {
  itemId: string;
  version: number;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
  [field: string]: unknown;
}
export interface FullRecord {
  id: string;
  number: string;
  displayName: string;
  mergedInto: string | null;
  mergedIntoNumber: string | null;
  names: NameView[];
  personal: {
    motherName: string | null;
    motherNameAr: string | null;
    placeOfBirth: string | null;
    placeOfBirthCountry: string | null;
    recordedAt: string;
    recordedBy: string;
  } | null;
  documents: Item[];
  biometricReferences: Item[];
  family: Item[];
  emergencyContacts: Item[];
  property: Item[];
  injuries?: Item[];
  complaints?: Item[];
  withheld: string[];
}
export interface Evidence {
  direction: 'for' | 'against';
  field: string;
  weight: number;
  message: string;
  hard?: boolean;
}
export interface SearchHit {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  status: string;
  score: number;
  matchedName: string;
  evidence: Evidence[];
}
export interface Side {
  id: string;
  number: string;
  displayName: string;
  names: string[];
  sex: string;
  dob: string | null;
  nationalities: string[];
  siteId: string;
  status: string;
  mergedInto: string | null;
}
export interface Candidate {
  id: string;
  a: Side;
  b: Side;
  score: number;
  decision: string;
  evidence: Evidence[];
  source: string;
  status: string;
  foundAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}
export interface Merge {
  id: string;
  survivorId: string;
  absorbedId: string;
  reason: string;
  mergedAt: string;
  mergedBy: string;
  unmergedAt: string | null;
  unmergedBy: string | null;
  unmergeReason: string | null;
  moves: { table: string; outcome: string }[];
  conflicts?: unknown[];
}

export const recordApi = {
  record: (id: string) => request<FullRecord>('GET', `/api/detainees/${id}/record`),
  addName: (id: string, body: Record<string, unknown>) =>
    request<NameView[]>('POST', `/api/detainees/${id}/names`, { body }),
  addItem: (id: string, section: string, body: Record<string, unknown>) =>
    request<Item>('POST', `/api/detainees/${id}/${section}`, { body }),
  returnProperty: (id: string, itemId: string, body: Record<string, unknown>) =>
    request<Item>('POST', `/api/detainees/${id}/property/${itemId}/return`, { body }),
  setPersonal: (id: string, body: Record<string, unknown>) =>
    request<FullRecord>('PUT', `/api/detainees/${id}/personal`, { body }),
  search: (q: string, limit = 20) =>
    request<{ items: SearchHit[] }>('GET', '/api/detainees/search', { query: { q, limit } }),
  candidates: (status: string) =>
    request<{ items: Candidate[] }>('GET', '/api/identity/candidates', { query: { status } }),
  scan: () => request<{ records: number; added: number; open: number }>('POST', '/api/identity/scan'),
  notSame: (id: string, reason: string) =>
    request<Candidate>('POST', `/api/identity/candidates/${id}/not-same`, { body: { reason } }),
  merges: () => request<{ items: Merge[] }>('GET', '/api/identity/merges'),
  merge: (body: { survivorId: string; absorbedId: string; reason: string; candidateId?: string }) =>
    request<Merge>('POST', '/api/identity/merges', { body }),
  unmerge: (id: string, reason: string) =>
    request<Merge>('POST', `/api/identity/merges/${id}/unmerge`, { body: { reason } }),
};
