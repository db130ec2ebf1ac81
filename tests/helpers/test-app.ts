import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app';
import type { Role } from '../../src/platform/auth/policy';
import { FixedClock } from '../../src/platform/clock';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { systemActor } from '../../src/platform/http/actor';
import { createServices, type Services } from '../../src/services';
import { freshStore } from './store';

export const PASSWORD = 'correct horse battery staple';

/** The seeded estate and accounts every API test starts from. */
export interface Seed {
  s1: { id: string; code: string; blockId: string; wingId: string; cellId: string; cell2Id: string };
  s2: { id: string; code: string; blockId: string; wingId: string; cellId: string; cell2Id: string };
  /** username → user id */
  users: Record<string, string>;
}

export interface Session {
  username: string;
  csrfToken: string;
  cookie: string;
  /** `app.inject` as this user, with the session cookie and the CSRF header. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  clock: FixedClock;
  seed: Seed;
  /** Every route the app registered, as `{ method, url }`. */
  routes: { method: string; url: string }[];
  login(username: string, password?: string): Promise<Session>;
  /** `app.inject` with no credentials. */
  anonymous(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The accounts seeded in every test app: one per role, site-scoped where the role usually is,
 * plus an officer of the other site. Site S1 is the home site of the scoped accounts.
 */
export const SEEDED_USERS: { username: string; role: Role; sites: 'all' | 's1' | 's2' }[] = [
  { username: 'admin', role: 'administrator', sites: 'all' },
  { username: 'director', role: 'director', sites: 'all' },
  { username: 'commander1', role: 'commander', sites: 's1' },
  { username: 'officer1', role: 'officer', sites: 's1' },
  { username: 'officer2', role: 'officer', sites: 's2' },
  { username: 'intake1', role: 'intake', sites: 's1' },
  { username: 'analyst', role: 'analyst', sites: 'all' },
  { username: 'legal1', role: 'legal', sites: 's1' },
  { username: 'liaison1', role: 'liaison', sites: 's1' },
  { username: 'medical1', role: 'medical', sites: 's1' },
  { username: 'inspector', role: 'inspector', sites: 'all' },
];

/**
 * A running app on a fresh database of the suite's store (SQLite or PostgreSQL), with a fixed
 * clock, two sites and one account per role.
 */
export async function createTestApp(): Promise<TestApp> {
  const { store, cleanup } = await freshStore();
  const clock = new FixedClock('2026-03-01T08:00:00.000Z');
  await migrateToLatest(store.db, clock);
  const services = createServices(store, clock);
  const routes: { method: string; url: string }[] = [];
  const app = await buildApp({
    services,
    rateLimit: { max: 1_000_000, loginMax: 1_000_000 },
    webRoot: null,
    onRoute: (route) => routes.push(route),
  });
  const seed = await seedEstate(services, clock);

  const login = async (username: string, password = PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'custodia_session')!;
    const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
    const cookieHeader = `custodia_session=${cookie.value}`;
    return {
      username,
      csrfToken,
      cookie: cookieHeader,
      request: (options) =>
        app.inject({
          ...options,
          headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken, ...(options.headers ?? {}) },
        }),
    };
  };

  return {
    app,
    services,
    clock,
    seed,
    routes,
    login,
    anonymous: (options) => app.inject(options),
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}

async function seedEstate(services: Services, clock: FixedClock): Promise<Seed> {
  const actor = systemActor('test-seed');
  const site = async (code: string, name: string) => {
    const s = await services.estate.createSite(actor, { code, name, nameAr: `سجن ${name}` });
    const block = await services.estate.createBlock(actor, s.id, { code: 'A', name: 'Block A' });
    const wing = await services.estate.createWing(actor, block.id, {
      code: 'A1',
      name: 'Wing A1',
      sex: 'M',
      ageGroup: 'adult',
    });
    const cell = await services.estate.createCell(actor, wing.id, { code: 'C001', capacity: 2 });
    const cell2 = await services.estate.createCell(actor, wing.id, { code: 'C002', capacity: 1 });
    return { id: s.id, code, blockId: block.id, wingId: wing.id, cellId: cell.id, cell2Id: cell2.id };
  };
  const s1 = await site('S1', 'North Test Site');
  const s2 = await site('S2', 'South Test Site');
  const users: Record<string, string> = {};
  const expires = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString();
  for (const u of SEEDED_USERS) {
    const created = await services.users.create(actor, {
      username: u.username,
      displayName: u.username,
      password: PASSWORD,
      role: u.role,
      allSites: u.sites === 'all',
      siteIds: u.sites === 's1' ? [s1.id] : u.sites === 's2' ? [s2.id] : [],
      accessExpiresAt: u.role === 'inspector' ? expires : null,
    });
    users[u.username] = created.id;
  }
  return { s1, s2, users };
}

/** A valid new detainee at a site, for request bodies. */
export function newDetaineeBody(siteId: string, overrides: Record<string, unknown> = {}) {
  return {
    names: [
      { name: 'Husayn Hasan Ismail al-Jubouri', script: 'latin', kind: 'legal' },
      { name: 'حسين حسن اسماعيل الجبوري', script: 'arabic', kind: 'legal' },
      { name: 'Abu Imad al-Iraqi', script: 'latin', kind: 'kunya' },
    ],
    sex: 'M',
    dob: '1987',
    nationalities: ['IQ'],
    legalStatus: 'untried',
    ageCategory: 'adult',
    siteId,
    arrestedAt: '2025-11-02T04:00:00.000Z',
    arrestPlace: 'Fictional Town',
    admittedAt: '2026-01-10T10:00:00.000Z',
    legalBasis: { basis: 'judicial order', authority: 'Investigating Court 3', from: '2026-01-10' },
    ...overrides,
  };
}
