/**
 * Who may do what: one table of pure functions, tested as a table of cases
 * (tests/platform/policy.test.ts). Routes name a permission; services check sites.
 */
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
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Everything a principal may be asked to do. Reads end in `.read`; everything else is a write. */
export const PERMISSIONS = {
  'estate.read': [
    'director',
    'commander',
    'officer',
    'intake',
    'analyst',
    'legal',
    'liaison',
    'medical',
    'inspector',
    'administrator',
  ],
  'estate.write': ['administrator', 'director', 'commander'],
  'detainee.read': [
    'director',
    'commander',
    'officer',
    'intake',
    'analyst',
    'legal',
    'liaison',
    'medical',
    'inspector',
  ],
  'detainee.write': ['director', 'commander', 'intake'],
  'legal-basis.write': ['director', 'legal', 'intake'],
  /** Injuries at admission, complaints of ill-treatment, medical notes. */
  'medical.read': ['medical', 'legal', 'director', 'inspector'],
  'medical.write': ['medical', 'intake'],
  /** Association links, directives, risk classification and role. */
  'intelligence.read': ['analyst', 'commander', 'director'],
  'intelligence.write': ['analyst', 'commander', 'director'],
  /** Moving a detainee to another cell of the site: checked first, blocked or warned (issue 5). */
  'housing.move': ['director', 'commander', 'officer'],
  /** Starting, reviewing and ending segregation (a separate, time-limited status: Rules 43-46). */
  'segregation.write': ['director', 'commander'],
  /** The medical check of a segregated detainee: medical staff only. */
  'segregation.medical': ['medical'],
  /** Duplicate candidates and merges (issue 4); merging and unmerging records of one person. */
  'identity.read': ['director', 'commander', 'intake', 'analyst', 'legal', 'inspector'],
  'identity.merge': ['director', 'commander', 'intake'],
  'alert.read': [
    'director',
    'commander',
    'officer',
    'intake',
    'analyst',
    'legal',
    'liaison',
    'medical',
    'inspector',
  ],
  'alert.raise': ['director', 'commander', 'officer', 'intake', 'analyst', 'legal', 'liaison', 'medical'],
  'alert.handle': ['director', 'commander', 'officer', 'intake', 'analyst', 'legal', 'liaison', 'medical'],
  'audit.read': ['director', 'inspector'],
  'user.read': ['administrator'],
  'user.manage': ['administrator'],
  'token.manage': ['administrator'],
  'report.read': ['director', 'commander', 'analyst', 'legal', 'liaison', 'inspector'],
  /** Around the clock: the roll, counts, checks, rounds, headcounts, the dashboard and the live stream. */
  'monitoring.read': ['director', 'commander', 'officer', 'medical', 'inspector'],
  /** Starting and entering roll counts, resolving discrepancies, confirming people in a headcount. */
  'count.write': ['director', 'commander', 'officer'],
  /** Recording cell checks on a round. */
  'check.write': ['director', 'commander', 'officer'],
  /** Observation levels on cells and people, and each wing's check schedule. */
  'observation.write': ['director', 'commander', 'medical'],
  /** Starting and closing an emergency headcount. */
  'headcount.start': ['director', 'commander'],
  /** A supervisor's note on a check or a count (the record itself is never edited). */
  'monitoring.annotate': ['director', 'commander'],
  /** Due process: cases, hearings, the legal clock, holding rules, lawyers (issue 9). */
  'legal.read': ['legal', 'director', 'inspector'],
  'legal.write': ['legal', 'director'],
  /** Consular notification and access (Vienna Convention Art. 36). */
  'consular.read': ['liaison', 'director', 'legal', 'inspector'],
  'consular.write': ['liaison', 'director'],
  /** Repatriation cases, the requesting states' limits, nationality figures. */
  'repatriation.read': ['liaison', 'director', 'legal', 'inspector'],
  'repatriation.write': ['liaison', 'director'],
  /** Incident reports, their people, damage, escapes and deaths; the threat picture. */
  'incident.read': [
    'director',
    'commander',
    'officer',
    'intake',
    'analyst',
    'legal',
    'liaison',
    'medical',
    'inspector',
  ],
  'incident.write': ['director', 'commander', 'officer'],
  /** Taking a report under review and closing it. */
  'incident.review': ['director', 'commander'],
  /** A site's posture: normal, heightened, lockdown. */
  'posture.write': ['director', 'commander'],
  /** Completing the notifications the rules require (Rules 68, 69, 71). */
  'notification.write': ['director', 'commander', 'legal', 'liaison'],
  /** Searches, seized items and their custody, device links. */
  'contraband.read': ['director', 'commander', 'officer', 'analyst', 'inspector'],
  'contraband.write': ['director', 'commander', 'officer'],
  /** Approved contacts; visits, calls and letters that are not privileged; restrictions. */
  'comms.read': ['director', 'commander', 'officer', 'analyst', 'legal', 'liaison', 'inspector'],
  'comms.write': ['director', 'commander', 'officer', 'legal', 'liaison'],
  /** Restricting contact as a sanction (time-limited, never of family contact altogether: Rule 43). */
  'comms.restrict': ['director', 'commander'],
  /** Even the metadata of privileged contact (lawyer, consul, ICRC) is need-to-know; its content is never stored. */
  'privileged.read': ['director', 'legal', 'liaison', 'inspector'],
  /** Manifest imports and mappings, the arrival day, admissions (injuries need medical.write too). */
  'intake.read': ['director', 'commander', 'officer', 'intake', 'analyst', 'legal', 'medical', 'inspector'],
  'intake.write': ['director', 'commander', 'intake'],
  /** Moves out (court, hospital, transfer, repatriation) and the steps of a release. */
  'movement.write': ['director', 'commander', 'intake'],
  /** A legal officer's approval that a release may happen. */
  'release.approve': ['director', 'legal'],
  /** Safeguards (issue 10): compliance findings; resolving one needs a reason. */
  'compliance.read': ['director', 'commander', 'legal', 'liaison', 'medical', 'inspector'],
  'compliance.resolve': ['director', 'commander', 'legal', 'liaison'],
  /** Complaints and allegations of ill-treatment (Rules 56-57): recorded by staff for the detainee; referred by the director or legal. */
  'complaint.read': ['director', 'commander', 'legal', 'medical', 'inspector'],
  'complaint.write': ['director', 'commander', 'officer', 'intake', 'legal', 'medical'],
  'complaint.refer': ['director', 'legal'],
  /** Inspections (Rules 83-85): recorded by the service; the response to each item by the director or a commander. */
  'inspection.read': ['director', 'commander', 'legal', 'inspector'],
  'inspection.write': ['director', 'commander'],
  'inspection.respond': ['director', 'commander'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export interface Principal {
  kind: 'user' | 'token';
  id: string;
  name: string;
  role: Role;
  allSites: boolean;
  siteIds: string[];
  /** Inspectors: access ends here (ISO time). */
  accessExpiresAt: string | null;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };

/** Whether a permission is a read: inspectors get nothing else. */
export function isReadOnly(permission: Permission): boolean {
  return permission.endsWith('.read');
}

/**
 * May this principal use this permission, at this site if one is named, at this time?
 *
 * @example authorize(officer, 'detainee.read', { siteId: 'S1', now }) // { allowed: true } when scoped to S1
 */
export function authorize(
  principal: Principal,
  permission: Permission,
  options: { siteId?: string | null; now: Date },
): Decision {
  if (principal.accessExpiresAt !== null && options.now.getTime() >= Date.parse(principal.accessExpiresAt))
    return { allowed: false, reason: 'access has expired' };
  if (principal.role === 'inspector' && !isReadOnly(permission))
    return { allowed: false, reason: 'inspectors have read-only access' };
  if (!(PERMISSIONS[permission] as readonly Role[]).includes(principal.role))
    return { allowed: false, reason: `role ${principal.role} may not ${permission}` };
  if (options.siteId && !canAccessSite(principal, options.siteId))
    return { allowed: false, reason: 'outside your sites' };
  return ALLOW;
}

export function canAccessSite(principal: Principal, siteId: string): boolean {
  return principal.allSites || principal.siteIds.includes(siteId);
}

/** The site filter to apply to a list query: null means every site. */
export function siteFilter(principal: Principal): string[] | null {
  return principal.allSites ? null : principal.siteIds;
}

/** Every permission this principal holds: the web app hides what it may not use. */
export function permissionsOf(principal: Principal, now: Date): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => authorize(principal, p, { now }).allowed);
}
