import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';
import { systemActor } from '../../src/platform/http/actor';
import { routeCases } from './route-cases';
import { type Body, resolveBody, type RouteCase } from './route-cases/types';

/**
 * Every API route, four ways: the anonymous get 401 before anything is validated; a caller
 * without the right gets 403 (or 404 outside their sites); bad input gets 400 naming the field;
 * the right caller succeeds. A route registered without a case here fails the first test.
 */
let t: TestApp;
const registered: { method: string; url: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const route of collectRoutes(t)) registered.push(route);
});
afterAll(() => t.close());

function collectRoutes(t: TestApp): { method: string; url: string }[] {
  return t.routes.filter(
    (r) =>
      r.url.startsWith('/api/') &&
      !r.url.startsWith('/api/docs') &&
      r.method !== 'HEAD' &&
      r.url !== '/api/auth/login',
  );
}

const key = (method: string, route: string) => `${method} ${route}`;

describe('every /api route has a case', () => {
  it('lists the routes the app registers', () => {
    expect(registered.length).toBeGreaterThan(20);
    const covered = new Set(routeCases.map((c) => key(c.method, c.route)));
    const missing = registered
      .filter((r) => !covered.has(key(r.method, r.url)))
      .map((r) => key(r.method, r.url));
    expect(missing, 'routes without a case in tests/api/route-cases').toEqual([]);
    const unknown = routeCases.filter(
      (c) => !registered.some((r) => key(r.method, r.url) === key(c.method, c.route)),
    );
    expect(
      unknown.map((c) => key(c.method, c.route)),
      'cases for routes that do not exist',
    ).toEqual([]);
  });
});

async function send(
  c: RouteCase,
  ctx: Record<string, string>,
  who: { user: string; body?: Body; url?: string; omitCsrf?: boolean; token?: string },
) {
  const url = who.url ?? c.url(t, ctx);
  const payload = who.body === undefined ? undefined : (resolveBody(who.body, t, ctx) as object);
  if (who.token) {
    const { token } = await t.services.users.createToken(systemActor('test'), {
      name: `t-${who.token}`,
      role: who.token,
      allSites: true,
    });
    return t.app.inject({ method: c.method, url, payload, headers: { authorization: `Bearer ${token}` } });
  }
  const attempt = async (session: Session) =>
    who.omitCsrf
      ? t.app.inject({ method: c.method, url, payload, headers: { cookie: session.cookie } })
      : session.request({ method: c.method, url, payload });
  const res = await attempt(await sessionOf(who.user));
  // A cached session may have been ended by an earlier case (log-out, password reset): log in again once.
  if (res.statusCode !== 401) return res;
  sessions.delete(who.user);
  return attempt(await sessionOf(who.user));
}

/** Logging in costs an argon2id verification: one session per user for the whole file. */
const sessions = new Map<string, Session>();
async function sessionOf(user: string): Promise<Session> {
  let session = sessions.get(user);
  if (!session) {
    session = await t.login(user);
    sessions.set(user, session);
  }
  return session;
}

describe.each(routeCases.map((c) => [key(c.method, c.route), c] as const))('%s', (_name, c) => {
  it('answers the anonymous 401 before validating', async () => {
    const ctx = c.setup ? await c.setup(t) : {};
    const res = await t.anonymous({
      method: c.method,
      url: c.url(t, ctx),
      payload: c.method === 'GET' || c.method === 'DELETE' ? undefined : { nonsense: true },
    });
    expect(res.statusCode).toBe(401);
  });

  it(`refuses ${c.refused.token ? `a ${c.refused.token} token` : c.refused.user}`, async () => {
    const ctx = c.setup ? await c.setup(t) : {};
    let res;
    if (c.refused.advanceDays) {
      const session = await t.login(c.refused.user);
      const before = t.clock.now();
      t.clock.advance({ days: c.refused.advanceDays });
      try {
        res = await session.request({
          method: c.method,
          url: c.url(t, ctx),
          payload: c.refused.body === undefined ? undefined : (resolveBody(c.refused.body, t, ctx) as object),
        });
      } finally {
        t.clock.set(before);
      }
    } else {
      res = await send(c, ctx, c.refused);
    }
    expect(res.statusCode, res.body).toBe(c.refused.status ?? 403);
  });

  if (c.bad) {
    const bad = c.bad;
    it(`refuses bad input naming ${bad.field}`, async () => {
      const ctx = c.setup ? await c.setup(t) : {};
      const res = await send(c, ctx, { user: bad.user, body: bad.body, url: bad.url?.(t, ctx) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().field).toBe(bad.field);
    });
  }

  it(`lets ${c.ok.user} do it`, async () => {
    const ctx = c.setup ? await c.setup(t) : {};
    const res = await send(c, ctx, c.ok);
    expect(res.statusCode, res.body).toBe(c.ok.status ?? 200);
  });
});
