import { describe, expect, it } from 'vitest';
import {
  authorize,
  type Permission,
  permissionsOf,
  type Principal,
  type Role,
  ROLES,
} from '../../src/platform/auth/policy';

const now = new Date('2026-03-01T08:00:00Z');
const who = (
  role: Role,
  sites: string[] | 'all' = ['S1'],
  accessExpiresAt: string | null = null,
): Principal => ({
  kind: 'user',
  id: role,
  name: role,
  role,
  allSites: sites === 'all',
  siteIds: sites === 'all' ? [] : sites,
  accessExpiresAt,
});

// [role, permission, site, allowed]: the policy as a table people can read and argue about.
const cases: [Role, Permission, string | null, boolean][] = [
  ['administrator', 'user.manage', null, true],
  ['administrator', 'token.manage', null, true],
  ['administrator', 'detainee.read', 'S1', false],
  ['administrator', 'audit.read', null, false],
  ['director', 'detainee.read', 'S1', true],
  ['director', 'audit.read', null, true],
  ['director', 'user.manage', null, false],
  ['director', 'medical.read', 'S1', true],
  ['commander', 'estate.write', 'S1', true],
  ['commander', 'estate.write', 'S2', false],
  ['commander', 'intelligence.read', 'S1', true],
  ['commander', 'medical.read', 'S1', false],
  ['officer', 'detainee.read', 'S1', true],
  ['officer', 'detainee.read', 'S2', false],
  ['officer', 'detainee.write', 'S1', false],
  ['officer', 'intelligence.read', 'S1', false],
  ['officer', 'alert.handle', 'S1', true],
  ['intake', 'detainee.write', 'S1', true],
  ['intake', 'medical.write', 'S1', true],
  ['intake', 'medical.read', 'S1', false],
  ['analyst', 'intelligence.write', 'S1', true],
  ['analyst', 'detainee.write', 'S1', false],
  ['legal', 'legal-basis.write', 'S1', true],
  ['legal', 'medical.read', 'S1', true],
  ['legal', 'intelligence.read', 'S1', false],
  ['liaison', 'detainee.read', 'S1', true],
  ['liaison', 'detainee.write', 'S1', false],
  ['medical', 'medical.read', 'S1', true],
  ['medical', 'medical.write', 'S1', true],
  ['medical', 'intelligence.read', 'S1', false],
  ['inspector', 'detainee.read', 'S1', true],
  ['inspector', 'audit.read', null, true],
  ['inspector', 'medical.read', 'S1', true],
  ['inspector', 'alert.raise', 'S1', false],
  ['intake', 'intake.write', 'S1', true],
  ['intake', 'intake.write', 'S2', false],
  ['officer', 'intake.write', 'S1', false],
  ['medical', 'intake.read', 'S1', true],
  ['inspector', 'intake.read', 'S1', true],
  ['inspector', 'intake.write', 'S1', false],
  ['intake', 'movement.write', 'S1', true],
  ['legal', 'movement.write', 'S1', false],
  ['legal', 'release.approve', 'S1', true],
  ['intake', 'release.approve', 'S1', false],
  ['inspector', 'detainee.write', 'S1', false],
  ['inspector', 'intelligence.read', 'S1', false],
  ['intake', 'identity.merge', 'S1', true],
  ['officer', 'identity.merge', 'S1', false],
  ['analyst', 'identity.merge', 'S1', false],
  ['inspector', 'identity.read', 'S1', true],
  ['inspector', 'identity.merge', 'S1', false],
  ['officer', 'housing.move', 'S1', true],
  ['officer', 'housing.move', 'S2', false],
  ['intake', 'housing.move', 'S1', false],
  ['commander', 'segregation.write', 'S1', true],
  ['officer', 'segregation.write', 'S1', false],
  ['medical', 'segregation.medical', 'S1', true],
  ['commander', 'segregation.medical', 'S1', false],
  ['legal', 'legal.write', 'S1', true],
  ['legal', 'repatriation.read', 'S1', true],
  ['legal', 'repatriation.write', 'S1', false],
  ['legal', 'consular.write', 'S1', false],
  ['liaison', 'consular.write', 'S1', true],
  ['liaison', 'repatriation.write', 'S1', true],
  ['liaison', 'legal.read', 'S1', false],
  ['director', 'legal.write', 'S1', true],
  ['officer', 'legal.read', 'S1', false],
  ['inspector', 'legal.read', 'S1', true],
  ['inspector', 'legal.write', 'S1', false],
  ['inspector', 'repatriation.read', 'S1', true],
  ['officer', 'check.write', 'S1', true],
  ['officer', 'check.write', 'S2', false],
  ['officer', 'count.write', 'S1', true],
  ['officer', 'headcount.start', 'S1', false],
  ['officer', 'monitoring.annotate', 'S1', false],
  ['commander', 'headcount.start', 'S1', true],
  ['commander', 'observation.write', 'S1', true],
  ['medical', 'observation.write', 'S1', true],
  ['medical', 'check.write', 'S1', false],
  ['director', 'headcount.start', 'S1', true],
  ['inspector', 'monitoring.read', 'S1', true],
  ['inspector', 'count.write', 'S1', false],
  ['analyst', 'monitoring.read', 'S1', false],
  // Incidents, posture, notifications; contraband and communications (issue 8).
  ['officer', 'incident.write', 'S1', true],
  ['officer', 'incident.review', 'S1', false],
  ['commander', 'incident.review', 'S1', true],
  ['officer', 'posture.write', 'S1', false],
  ['commander', 'posture.write', 'S1', true],
  ['commander', 'posture.write', 'S2', false],
  ['legal', 'notification.write', 'S1', true],
  ['analyst', 'contraband.read', 'S1', true],
  ['analyst', 'contraband.write', 'S1', false],
  ['officer', 'comms.restrict', 'S1', false],
  ['commander', 'comms.restrict', 'S1', true],
  ['officer', 'privileged.read', 'S1', false],
  ['analyst', 'privileged.read', 'S1', false],
  ['commander', 'privileged.read', 'S1', false],
  ['legal', 'privileged.read', 'S1', true],
  ['inspector', 'privileged.read', 'S1', true],
  ['inspector', 'incident.write', 'S1', false],
];

describe('the policy table', () => {
  it.each(cases)('%s may %s at %s: %s', (role, permission, site, allowed) => {
    expect(authorize(who(role), permission, { siteId: site, now }).allowed).toBe(allowed);
  });

  it('gives estate-wide principals every site', () => {
    expect(authorize(who('director', 'all'), 'detainee.read', { siteId: 'S99', now }).allowed).toBe(true);
  });

  it('gives inspectors only reads, whatever the table says', () => {
    const inspector = who('inspector', 'all', '2026-04-01T00:00:00Z');
    const granted = permissionsOf(inspector, now);
    expect(granted.length).toBeGreaterThan(3);
    expect(granted.every((p) => p.endsWith('.read'))).toBe(true);
  });

  it('ends access at its expiry, to the second', () => {
    const inspector = who('inspector', 'all', '2026-03-01T08:00:01Z');
    expect(authorize(inspector, 'detainee.read', { now }).allowed).toBe(true);
    expect(authorize(inspector, 'detainee.read', { now: new Date('2026-03-01T08:00:01Z') })).toEqual({
      allowed: false,
      reason: 'access has expired',
    });
  });

  it('names the reason of a refusal', () => {
    expect(authorize(who('officer'), 'detainee.read', { siteId: 'S2', now })).toEqual({
      allowed: false,
      reason: 'outside your sites',
    });
    expect(authorize(who('officer'), 'user.manage', { now })).toEqual({
      allowed: false,
      reason: 'role officer may not user.manage',
    });
  });

  it('knows every role', () => {
    expect(ROLES).toHaveLength(10);
  });
});
