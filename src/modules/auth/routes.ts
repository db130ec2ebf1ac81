import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { permissionsOf, ROLES } from '../../platform/auth/policy';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/http/actor';
import { SESSION_COOKIE } from '../../platform/http/auth-plugin';
import { principalOf } from '../../platform/http/context';
import { ErrorBody, IdParams, refusals } from '../../platform/http/schemas';
import type { UsersService } from './users-service';

const RoleSchema = Type.Enum([...ROLES]);

const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  allSites: Type.Boolean(),
  siteIds: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  lockedOut: Type.Boolean(),
  accessExpiresAt: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  createdAt: Type.String(),
});

const Me = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  allSites: Type.Boolean(),
  siteIds: Type.Array(Type.String()),
  accessExpiresAt: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

const Token = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  role: Type.String(),
  allSites: Type.Boolean(),
  siteIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

const Password = Type.String({ minLength: 12, maxLength: 256 });
const SiteIds = Type.Array(Type.String({ minLength: 1 }), { maxItems: 100 });

export interface AuthRoutesOptions {
  users: UsersService;
  clock: Clock;
  secureCookies: boolean;
  loginRateLimit: number;
}

/** Log in and out, the caller's own account, user administration and API tokens. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (
  app,
  { users, clock, secureCookies, loginRateLimit },
) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with a username and password; sets the session cookie',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ user: User, csrfToken: Type.String() }),
          400: ErrorBody,
          401: ErrorBody,
          423: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { user, token, csrfToken } = await users.logIn(
        request.body.username,
        request.body.password,
        request.ip,
        request.id,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
      });
      return { user, csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await users.logOut(actorOf(request, clock), token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who am I, and what may I do',
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { ...p, permissions: permissionsOf(p, clock.now()), csrfToken: request.csrfToken };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my own password',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (p.kind !== 'user')
        return reply.status(403).send({ error: 'forbidden', message: 'tokens have no password' });
      await users.changeOwnPassword(
        actorOf(request, clock),
        p.id,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/users',
    {
      config: { permission: 'user.read' },
      schema: { tags: ['users'], summary: 'List accounts', response: { 200: Type.Array(User), ...refusals } },
    },
    async () => users.list(),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create an account',
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[A-Za-z0-9._-]{3,64}$' }),
            displayName: Type.String({ minLength: 1, maxLength: 200 }),
            password: Password,
            role: RoleSchema,
            allSites: Type.Optional(Type.Boolean()),
            siteIds: Type.Optional(SiteIds),
            accessExpiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
            language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('ar')])),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...refusals, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await users.create(actorOf(request, clock), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change an account: role, sites, disable or enable, inspector access end',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            role: Type.Optional(RoleSchema),
            allSites: Type.Optional(Type.Boolean()),
            siteIds: Type.Optional(SiteIds),
            disabled: Type.Optional(Type.Boolean()),
            accessExpiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
            language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('ar')])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: User, ...refusals },
      },
    },
    async (request) => users.update(actorOf(request, clock), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: "Reset a password (also lifts a lock-out and ends the user's sessions)",
        params: IdParams,
        body: Type.Object({ password: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...refusals },
      },
    },
    async (request, reply) => {
      await users.resetPassword(actorOf(request, clock), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { permission: 'token.manage' },
      schema: {
        tags: ['tokens'],
        summary: 'List API tokens',
        response: { 200: Type.Array(Token), ...refusals },
      },
    },
    async () => users.listTokens(),
  );

  app.post(
    '/api/tokens',
    {
      config: { permission: 'token.manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token for an integration; the secret is shown once',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            role: RoleSchema,
            allSites: Type.Optional(Type.Boolean()),
            siteIds: Type.Optional(SiteIds),
            expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), info: Token }), ...refusals },
      },
    },
    async (request, reply) => {
      const { token, view } = await users.createToken(actorOf(request, clock), request.body);
      return reply.status(201).send({ token, info: view });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'token.manage' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 200: Token, ...refusals },
      },
    },
    async (request) => users.revokeToken(actorOf(request, clock), request.params.id),
  );
};
