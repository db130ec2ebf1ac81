/** Labels of the housing feature's enumerations, as literal keys (so that the i18n test sees each). */
import type { TFunction } from 'i18next';

export const LINK_KINDS = [
  'co-accused',
  'same-unit',
  'family',
  'seized-device',
  'common-number',
  'observed',
] as const;
export const SCOPES = ['cell', 'wing', 'block', 'site'] as const;
export const ROLES = ['leader', 'ideologue', 'planner', 'member', 'unknown'] as const;
export const RISKS = ['low', 'medium', 'high', 'critical'] as const;

export function kindLabel(t: TFunction, kind: string): string {
  switch (kind) {
    case 'co-accused':
      return t('housing.kinds.coAccused');
    case 'same-unit':
      return t('housing.kinds.sameUnit');
    case 'family':
      return t('housing.kinds.family');
    case 'seized-device':
      return t('housing.kinds.seizedDevice');
    case 'common-number':
      return t('housing.kinds.commonNumber');
    case 'observed':
      return t('housing.kinds.observed');
    default:
      return kind;
  }
}

export function scopeLabel(t: TFunction, scope: string): string {
  switch (scope) {
    case 'cell':
      return t('housing.scopes.cell');
    case 'wing':
      return t('housing.scopes.wing');
    case 'block':
      return t('housing.scopes.block');
    case 'site':
    case 'facility':
      return t('housing.scopes.site');
    default:
      return scope;
  }
}

export function planStatusLabel(t: TFunction, status: string): string {
  switch (status) {
    case 'proposed':
      return t('housing.statuses.proposed');
    case 'approved':
      return t('housing.statuses.approved');
    case 'rejected':
      return t('housing.statuses.rejected');
    case 'stale':
      return t('housing.statuses.stale');
    default:
      return status;
  }
}

export function roleLabel(t: TFunction, role: string): string {
  switch (role) {
    case 'leader':
      return t('housing.roles.leader');
    case 'ideologue':
      return t('housing.roles.ideologue');
    case 'planner':
      return t('housing.roles.planner');
    case 'member':
      return t('housing.roles.member');
    default:
      return t('housing.roles.unknown');
  }
}

export function riskLabel(t: TFunction, risk: string): string {
  switch (risk) {
    case 'low':
      return t('housing.risks.low');
    case 'medium':
      return t('housing.risks.medium');
    case 'high':
      return t('housing.risks.high');
    case 'critical':
      return t('housing.risks.critical');
    default:
      return risk;
  }
}
