import '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { PrincipalStore } from '../auth/sessions';
import type { Clock } from '../clock';
import { Forbidden, Unauthorized } from '../errors';
import { assertAllowed } from './context';

export const SESSION_COOKIE = 'custodia_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Public under /api/: the log-in itself and the OpenAPI document. */
const PUBLIC_PREFIXES = ['/api/docs'];

/**
 * Resolves the caller on every request, before anything else looks at it: an anonymous caller of
 * `/api/` gets 401 before its input is validated, a caller without the route's permission 403.
 * Cookie sessions must echo their CSRF token on writes; API tokens (no cookie) need not.
 */
export function registerAuth(app: FastifyInstance, principals: PrincipalStore, clock: Clock): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    let viaCookie = false;
    if (authorization?.startsWith('Bearer ')) {
      request.principal = await principals.fromApiToken(authorization.slice(7).trim());
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await principals.fromSession(token);
        if (session) {
          request.principal = session.principal;
          request.csrfToken = session.csrfToken;
          viaCookie = true;
        }
      }
    }
    const path = request.url.split('?')[0];
    const config = request.routeOptions.config;
    if (!path.startsWith('/api/') || config?.public || PUBLIC_PREFIXES.some((p) => path.startsWith(p)))
      return;
    if (!request.principal) throw new Unauthorized();
    if (
      viaCookie &&
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.csrfToken
    )
      throw new Forbidden('missing or wrong CSRF token (send the x-csrf-token header)');
    if (config?.permission) assertAllowed(request.principal, config.permission, clock);
  });
}
