/** Due process, consular and repatriation endpoints and their types (issue 9). */
import { type Query, request } from './api';

export interface Step {
  rule: string;
  text: string;
  date?: string;
  days?: number;
}
export interface Deadline {
  kind: string;
  date: string;
  state: string;
  warnFrom: string;
  steps: Step[];
}
export interface LegalClock {
  detainee: { id: string; number: string; displayName: string; siteId: string; status: string };
  clock: {
    today: string;
    basis: {
      status: string;
      current: { id: string; basis: string; authority: string; from: string; to: string | null } | null;
      steps: Step[];
    };
    deadlines: Deadline[];
    release: { date: string; steps: Step[] } | null;
    problems: { kind: string; since: string; steps: Step[] }[];
  };
}
export interface Hearing {
  id: string;
  caseId: string;
  caseReference: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  court: string;
  kind: string;
  scheduledAt: string;
  outcome: string | null;
  outcomeNote: string | null;
  outcomeRecordedAt: string | null;
  outcomeRecordedBy: string | null;
}
export interface CaseItem {
  id: string;
  reference: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  court: string;
  stage: string;
  openedOn: string;
  updatedAt: string;
}
export interface LegalCase extends CaseItem {
  createdAt: string;
  nextStages: string[];
  charges: { id: string; law: string; article: string; description: string | null; chargedOn: string }[];
  stages: {
    stage: string;
    enteredOn: string;
    outcome: string | null;
    note: string | null;
    recordedBy: string;
  }[];
  accused: { id: string; detaineeId: string | null; name: string }[];
  hearings: Hearing[];
  sentences: {
    id: string;
    imposedOn: string;
    startsOn: string;
    years: number;
    months: number;
    days: number;
    consecutive: boolean;
    creditDays: number | null;
  }[];
  lawyers: {
    id: string;
    lawyerName: string;
    barNumber: string | null;
    assignedOn: string;
    endedOn: string | null;
  }[];
}
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface LawyerVisit {
  id: string;
  lawyerName: string;
  visitedAt: string;
  durationMinutes: number | null;
  note: string | null;
  recordedBy: string;
}
export interface ConsularRecord {
  id: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  country: string;
  consulate: string | null;
  informedAt: string | null;
  daysToInform: number | null;
  requested: boolean | null;
  requestedAt: string | null;
  notifiedAt: string | null;
  notifiedHow: string | null;
  lettersForwarded: number;
  visits: number;
  objection: boolean;
  events: {
    id: string;
    type: string;
    occurredAt: string;
    channel: string | null;
    detail: string | null;
    recordedBy: string;
  }[];
}
export interface RepatriationItem {
  id: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  requestingState: string;
  reference: string | null;
  stage: string;
  requestedOn: string;
  updatedAt: string;
}
export interface RepatriationCase extends RepatriationItem {
  detaineeStatus: string;
  suspendedFrom: string | null;
  handoverAt: string | null;
  handoverPlace: string | null;
  receivingOfficials: { name: string; role: string; organisation: string }[];
  stateLimit: { country: string; maxDaysBeforeCharge: number | null; note: string | null } | null;
  nextStages: string[];
  steps: {
    id: string;
    stage: string;
    at: string;
    note: string | null;
    documents: string[];
    recordedBy: string;
  }[];
}
export interface NationalityFigures {
  byNationality: { country: string; inCustody: number; untried: number; convicted: number }[];
  casesByStateStage: { state: string; stage: string; count: number }[];
}

export interface HoldingRule {
  id: string;
  basis: string;
  maxDaysBeforeCharge: number | null;
  reviewIntervalDays: number | null;
  maxPretrialDays: number | null;
  warnDaysBefore: number;
  updatedAt: string;
  updatedBy: string;
}

export const legalApi = {
  rules: () => request<HoldingRule[]>('GET', '/api/legal/rules'),
  setRule: (body: {
    basis: string;
    maxDaysBeforeCharge: number | null;
    reviewIntervalDays: number | null;
    maxPretrialDays: number | null;
    warnDaysBefore: number;
  }) => request<HoldingRule>('PUT', '/api/legal/rules', { body }),
  clock: (detaineeId: string) => request<LegalClock>('GET', `/api/detainees/${detaineeId}/legal-clock`),
  lawyerVisits: (detaineeId: string) =>
    request<LawyerVisit[]>('GET', `/api/detainees/${detaineeId}/lawyer-visits`),
  cases: (query: Query) => request<Paged<CaseItem>>('GET', '/api/legal/cases', { query }),
  case: (id: string) => request<LegalCase>('GET', `/api/legal/cases/${id}`),
  openCase: (body: unknown) => request<LegalCase>('POST', '/api/legal/cases', { body }),
  advance: (id: string, body: { stage: string; on: string; outcome?: string | null; note?: string | null }) =>
    request<LegalCase>('POST', `/api/legal/cases/${id}/stages`, { body }),
  addCharge: (id: string, body: { law: string; article: string; chargedOn: string }) =>
    request<LegalCase>('POST', `/api/legal/cases/${id}/charges`, { body }),
  addHearing: (id: string, body: { kind: string; scheduledAt: string; court?: string }) =>
    request<LegalCase>('POST', `/api/legal/cases/${id}/hearings`, { body }),
  hearingOutcome: (id: string, body: { outcome: string; note?: string | null }) =>
    request<Hearing>('POST', `/api/legal/hearings/${id}/outcome`, { body }),
  addSentence: (
    id: string,
    body: { imposedOn: string; years: number; months: number; days: number; consecutive: boolean },
  ) => request<LegalCase>('POST', `/api/legal/cases/${id}/sentences`, { body }),
  hearings: (query: Query) => request<Hearing[]>('GET', '/api/legal/hearings', { query }),
  consular: (query: Query) => request<ConsularRecord[]>('GET', '/api/consular/records', { query }),
  openConsular: (body: { detaineeId: string; country: string }) =>
    request<ConsularRecord>('POST', '/api/consular/records', { body }),
  consularEvent: (
    id: string,
    body: { type: string; occurredAt: string; channel?: string | null; detail?: string | null },
  ) => request<ConsularRecord>('POST', `/api/consular/records/${id}/events`, { body }),
  repatriations: (query: Query) =>
    request<Paged<RepatriationItem>>('GET', '/api/repatriation/cases', { query }),
  repatriation: (id: string) => request<RepatriationCase>('GET', `/api/repatriation/cases/${id}`),
  openRepatriation: (body: {
    detaineeId: string;
    requestingState: string;
    requestedOn?: string;
    reference?: string | null;
  }) => request<RepatriationCase>('POST', '/api/repatriation/cases', { body }),
  repatriationStep: (id: string, body: unknown) =>
    request<RepatriationCase>('POST', `/api/repatriation/cases/${id}/steps`, { body }),
  figures: () => request<NationalityFigures>('GET', '/api/repatriation/statistics'),
};
