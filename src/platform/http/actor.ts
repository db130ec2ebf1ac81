import type { FastifyRequest } from 'fastify';
import { type AuditContext, systemContext } from '../audit/audit-log';
import { authorize, type Permission, siteFilter } from '../auth/policy';
import type { Clock } from '../clock';
import { auditContextOf, principalOf } from './context';

/**
 * What a service needs to know about whoever calls it: what to write in the audit, which sites
 * it may touch, and which need-to-know permissions it holds. Built from a request, or for the
 * CLI and background jobs as `system`.
 */
export interface Actor {
  audit: AuditContext;
  /** The sites in scope; null means the whole estate. */
  sites: string[] | null;
  may(permission: Permission): boolean;
}

export function actorOf(request: FastifyRequest, clock: Clock): Actor {
  const principal = principalOf(request);
  return {
    audit: auditContextOf(request),
    sites: siteFilter(principal),
    may: (permission) => authorize(principal, permission, { now: clock.now() }).allowed,
  };
}

export function systemActor(name = 'system'): Actor {
  return { audit: systemContext(name), sites: null, may: () => true };
}

export function inScope(actor: Actor, siteId: string | null | undefined): boolean {
  return actor.sites === null || (siteId != null && actor.sites.includes(siteId));
}
