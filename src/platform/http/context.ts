import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../audit/audit-log';
import { authorize, type Permission, type Principal } from '../auth/policy';
import type { Clock } from '../clock';
import { Forbidden, Unauthorized } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set for cookie sessions: writes must echo it in the `x-csrf-token` header. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** The permission a route needs; checked before the body is validated. */
    permission?: import('../auth/policy').Permission;
    /** Routes that answer anonymous callers (log-in, health). */
    public?: boolean;
  }
}

/** The principal of an authenticated route (the auth hook has already refused anonymous callers). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Unauthorized();
  return request.principal;
}

/** Who did it and from where, for the audit entry of whatever the request changes. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  const p = principalOf(request);
  return {
    actor: { type: p.kind, id: p.id, name: p.name },
    requestId: request.id,
    ip: request.ip,
  };
}

/** Throws 403 unless the principal may use the permission (at the site, when one is named). */
export function assertAllowed(
  principal: Principal,
  permission: Permission,
  clock: Clock,
  siteId?: string | null,
): void {
  const decision = authorize(principal, permission, { siteId, now: clock.now() });
  if (!decision.allowed) throw new Forbidden(decision.reason);
}
