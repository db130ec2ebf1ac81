/** The safeguards API (issue 10): compliance, complaints, inspections, statistics. */
import type { TFunction } from 'i18next';
import { request, withQuery } from './api';

export interface Finding {
  key: string;
  rule: string;
  article: string;
  title: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  siteId: string;
  siteCode: string;
  since: string;
  mustAct: string;
  detail: string;
  resolution: {
    id: string;
    reason: string;
    resolvedAt: string;
    resolvedBy: string;
    validUntil: string;
  } | null;
}

export interface ComplianceReport {
  asOf: string;
  resolutionDays: number;
  rules: {
    rule: string;
    article: string;
    evaluated: boolean;
    note: string | null;
    open: number;
    resolved: number;
    mustAct: string;
  }[];
  sites: { siteId: string; siteCode: string; open: number; resolved: number }[];
  estate: { open: number; resolved: number };
  findings: Finding[];
}

export interface Complaint {
  id: string;
  number: string;
  detaineeId: string;
  detaineeNumber: string;
  detaineeName: string;
  kind: string;
  category: string;
  summary: string;
  lodgedAt: string;
  status: string;
  authority: string | null;
  authorityReference: string | null;
  outcome: string | null;
}

export interface Inspection {
  id: string;
  siteId: string;
  body: string;
  inspectors: string;
  visitFrom: string;
  visitTo: string;
  summary: string;
  unanswered: number;
  items: {
    id: string;
    kind: string;
    text: string;
    responses: {
      decision: string;
      text: string;
      respondedAt: string;
      respondedBy: string;
      respondedRole: string;
    }[];
  }[];
}

export interface PopulationSeries {
  days: string[];
  series: { key: string; values: (number | null)[] }[];
  totals: (number | null)[];
}

export const safeguardsApi = {
  compliance: (siteId?: string) => request<ComplianceReport>('GET', '/api/compliance', { query: { siteId } }),
  resolve: (key: string, reason: string) =>
    request<Finding>('POST', '/api/compliance/resolve', { body: { key, reason } }),
  complaints: () => request<Complaint[]>('GET', '/api/complaints'),
  createComplaint: (body: {
    detaineeId: string;
    kind: string;
    category: string;
    summary: string;
    lodgedByKind: string;
    lodgedByName: string;
    lodgedAt: string;
  }) => request<Complaint>('POST', '/api/complaints', { body }),
  refer: (id: string, body: { authority: string; referredAt: string; reference?: string | null }) =>
    request<Complaint>('POST', `/api/complaints/${encodeURIComponent(id)}/referral`, { body }),
  inspections: () => request<Inspection[]>('GET', '/api/inspections'),
  respond: (itemId: string, body: { decision: string; text: string }) =>
    request<Inspection>('POST', `/api/inspection-items/${encodeURIComponent(itemId)}/responses`, { body }),
  population: (from: string, to: string, by: string) =>
    request<PopulationSeries>('GET', '/api/statistics/population', { query: { from, to, by } }),
  populationCsvUrl: (from: string, to: string, by: string) =>
    withQuery('/api/statistics/population.csv', { from, to, by }),
  monthlyCsvUrl: (from: string, to: string) => withQuery('/api/statistics/monthly.csv', { from, to }),
  occupancy: () =>
    request<{
      sites: { siteId: string; code: string; beds: number; occupied: number; rate: number | null }[];
      total: { beds: number; occupied: number; rate: number | null };
    }>('GET', '/api/statistics/occupancy'),
  reportUrl: (lang: string) => withQuery('/api/reports/safeguards.html', { lang }),
};

/** A rule's label, as literal keys (so that the i18n test sees each). */
export function ruleLabel(t: TFunction, rule: string): string {
  switch (rule) {
    case 'rule44-segregation':
      return t('safeguards.rules.rule44');
    case 'rule11-separation':
      return t('safeguards.rules.rule11');
    case 'vccr36-consular':
      return t('safeguards.rules.vccr36');
    case 'rule68-69-family':
      return t('safeguards.rules.rule6869');
    case 'rule68-transfer':
      return t('safeguards.rules.rule68transfer');
    case 'rule71-authority':
      return t('safeguards.rules.rule71');
    case 'rule61-lawyer':
      return t('safeguards.rules.rule61');
    case 'legal-limit':
      return t('safeguards.rules.legalLimit');
    default:
      return rule;
  }
}

/** Who must act, as literal keys. */
export function roleLabel(t: TFunction, role: string): string {
  switch (role) {
    case 'commander':
      return t('safeguards.roles.commander');
    case 'director':
      return t('safeguards.roles.director');
    case 'legal':
      return t('safeguards.roles.legal');
    case 'liaison':
      return t('safeguards.roles.liaison');
    default:
      return role;
  }
}
