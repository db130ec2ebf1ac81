import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LOCKOUT_FAILURES } from '../../src/modules/auth';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, newDetaineeBody, PASSWORD, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('logging in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns a CSRF token', async () => {
    const res = await login('officer1', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'custodia_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().csrfToken).toMatch(/.{40,}/);
    expect(res.json().user).not.toHaveProperty('passwordHash');
  });

  it('refuses bad input with 400 and wrong credentials with 401, the same for unknown users', async () => {
    expect(
      (await t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } })).json()
        .field,
    ).toBe('password');
    const wrong = await login('officer1', 'not the password');
    const unknown = await login('nobody', 'not the password');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('stores passwords as argon2id', async () => {
    const row = await t.services.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'officer1')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('makes each failure wait longer, then locks the account until an administrator resets it', async () => {
    await t.services.users.create(systemActor('test'), {
      username: 'victim',
      displayName: 'V',
      password: PASSWORD,
      role: 'officer',
      allSites: true,
    });
    for (let i = 1; i <= 3; i++) expect((await login('victim', 'guess')).statusCode).toBe(401);
    // the third failure set a delay of 1 s: even the right password waits
    const delayed = await login('victim', PASSWORD);
    expect(delayed.statusCode).toBe(429);
    expect(delayed.headers['retry-after']).toBe('1');
    let waited = 1;
    for (let i = 4; i < LOGIN_LOCKOUT_FAILURES; i++) {
      t.clock.advance({ seconds: waited });
      expect((await login('victim', 'guess')).statusCode).toBe(401);
      waited *= 2;
    }
    t.clock.advance({ seconds: waited });
    expect((await login('victim', 'guess')).statusCode).toBe(423);
    t.clock.advance({ days: 1 });
    expect((await login('victim', PASSWORD)).statusCode).toBe(423);
    const admin = await t.login('admin');
    const victim = await t.services.users.findByUsername('victim');
    expect(victim?.lockedOut).toBe(true);
    await admin.request({
      method: 'POST',
      url: `/api/users/${victim!.id}/password`,
      payload: { password: 'a brand new passphrase' },
    });
    expect((await login('victim', 'a brand new passphrase')).statusCode).toBe(200);
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('action')
      .where('subject_id', '=', victim!.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login-failed', 'auth.locked-out', 'user.reset-password', 'auth.login']),
    );
  });

  it('ends the session at log-out', async () => {
    const s = await t.login('officer1');
    expect((await s.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends an idle session', async () => {
    const s = await t.login('officer1');
    t.clock.advance({ hours: 9 });
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token, and with a wrong one', async () => {
    const s = await t.login('intake1');
    const body = newDetaineeBody(t.seed.s1.id);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/detainees',
          payload: body,
          headers: { cookie: s.cookie },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/detainees',
          payload: body,
          headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await s.request({ method: 'POST', url: '/api/detainees', payload: body })).statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('act with their own role and sites, are stored hashed, and stop at revocation', async () => {
    const admin = await t.login('admin');
    const created = await admin.request({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'intake-gateway', role: 'intake', siteIds: [t.seed.s1.id] },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json();
    const stored = await t.services.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', info.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    // no CSRF needed without a cookie
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/detainees',
          payload: newDetaineeBody(t.seed.s1.id),
          headers: bearer,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/detainees',
          payload: newDetaineeBody(t.seed.s2.id),
          headers: bearer,
        })
      ).statusCode,
    ).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer })).statusCode).toBe(403);
    await admin.request({ method: 'DELETE', url: `/api/tokens/${info.id}` });
    expect((await t.app.inject({ method: 'GET', url: '/api/sites', headers: bearer })).statusCode).toBe(401);
  });
  it('keep their last use to the minute without writing on every request', async () => {
    const admin = await t.login('admin');
    const { token, info } = (
      await admin.request({
        method: 'POST',
        url: '/api/tokens',
        payload: { name: 'rounds-tablet', role: 'officer', siteIds: [t.seed.s1.id] },
      })
    ).json();
    const lastUsed = async () =>
      (
        await t.services.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', info.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const use = () =>
      t.app.inject({ method: 'GET', url: '/api/sites', headers: { authorization: `Bearer ${token}` } });
    expect(await lastUsed()).toBeNull();
    const first = t.clock.now().toISOString();
    expect((await use()).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
    t.clock.advance({ seconds: 30 });
    await use();
    expect(await lastUsed()).toBe(first);
    t.clock.advance({ seconds: 31 });
    await use();
    expect(await lastUsed()).toBe(t.clock.now().toISOString());
  });
});

describe('inspectors', () => {
  it('read, never write, and lose access when it expires', async () => {
    const s = await t.login('inspector');
    expect((await s.request({ method: 'GET', url: '/api/detainees' })).statusCode).toBe(200);
    expect((await s.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(200);
    expect(
      (await s.request({ method: 'POST', url: '/api/detainees', payload: newDetaineeBody(t.seed.s1.id) }))
        .statusCode,
    ).toBe(403);
    t.clock.advance({ days: 31 });
    expect((await s.request({ method: 'GET', url: '/api/detainees' })).statusCode).toBe(401);
    expect((await login('inspector', PASSWORD)).statusCode).toBe(401);
  });

  it('cannot be created without an end to their access', async () => {
    const admin = await t.login('admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'insp2', displayName: 'I', password: PASSWORD, role: 'inspector', allSites: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('accessExpiresAt');
  });
});
