import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { type DemoSummary, demoLogins, generateDemo, loadDemo, manifestCsv } from '../../src/demo';
import { FixedClock } from '../../src/platform/clock';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { systemActor } from '../../src/platform/http/actor';
import { createServices, type Services } from '../../src/services';
import { freshStore } from '../helpers/store';

/** A small demo on the suite's store (SQLite or PostgreSQL), and the reports API over it. */
let services: Services;
let app: FastifyInstance;
let summary: DemoSummary;
let cleanup: () => Promise<void>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-demo-small-'));

beforeAll(async () => {
  const fresh = await freshStore();
  cleanup = fresh.cleanup;
  const clock = new FixedClock('2026-03-01T08:00:00.000Z');
  await migrateToLatest(fresh.store.db, clock);
  services = createServices(fresh.store, clock);
  summary = await loadDemo(services, { seed: 11, scale: 0.05, manifestDir: dir });
  app = await buildApp({ services, webRoot: null, rateLimit: { max: 1_000_000, loginMax: 1_000_000 } });
}, 120_000);
afterAll(async () => {
  await app.close();
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function login(username: string) {
  const password = summary.logins.find((l) => l.username === username)!.password;
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = `custodia_session=${res.cookies.find((c) => c.name === 'custodia_session')!.value}`;
  return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('a small demo', () => {
  it('scales everything down and keeps six sites', () => {
    expect(summary.sites).toHaveLength(6);
    expect(summary.inCustody).toBe(700);
    expect(summary.manifest.rows).toBe(285);
    expect(summary.manifest.alreadyOnRegister.length).toBe(Math.round(285 * 0.03));
    expect(summary.housed / summary.inCustody).toBeGreaterThan(0.9);
  });

  it('creates one login per role with deterministic passwords of at least 12 characters', () => {
    expect(summary.logins.map((l) => l.role)).toHaveLength(10);
    expect(summary.logins).toEqual(demoLogins(11));
    for (const l of summary.logins) expect(l.password.length).toBeGreaterThanOrEqual(12);
    expect(demoLogins(12)[0].password).not.toBe(demoLogins(11)[0].password);
  });

  it('refuses to load into a store that holds data, changing nothing', async () => {
    const before = await services.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(loadDemo(services, { seed: 11, scale: 0.05, manifestDir: dir })).rejects.toThrow(
      /already holds data/,
    );
    const after = await services.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a seed that is not a whole number', async () => {
    await expect(loadDemo(services, { seed: Number.NaN })).rejects.toThrow(/seed/);
    await expect(loadDemo(services, { seed: -3 })).rejects.toThrow(/seed/);
  });

  it('is the same demo for the same seed, another for another', () => {
    expect(manifestCsv(generateDemo(11, 0.05).manifest)).toBe(manifestCsv(generateDemo(11, 0.05).manifest));
    expect(generateDemo(11, 0.05).inCustody.map((d) => d.input.names[0].name)).not.toEqual(
      generateDemo(12, 0.05).inCustody.map((d) => d.input.names[0].name),
    );
  });
});

describe('the safeguards cases the demo seeds', () => {
  it('shows a segregation past 15 days, an untried/convicted cell and an undecided foreign national', async () => {
    const report = await services.safeguards.compliance.report(systemActor());
    const of = (rule: string) => report.findings.filter((f) => f.rule === rule);
    expect(of('rule44-segregation')).toHaveLength(2);
    expect(of('rule44-segregation').every((f) => f.mustAct === 'commander')).toBe(true);
    // One cell: the convicted cellmate and every untried one with them are named.
    const mixed = of('rule11-separation').filter((f) => f.key.includes(':status'));
    expect(mixed.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mixed.map((f) => f.key.split(':')[3])).size).toBe(1);
    expect(of('vccr36-consular').length).toBeGreaterThan(0);
    expect(of('vccr36-consular')[0].mustAct).toBe('liaison');
  });
});

describe('the reports API over the demo', () => {
  it('gives the director the same figures as the service, for the whole estate', async () => {
    const get = await login('director');
    for (const by of ['nationality', 'site', 'status'] as const) {
      const res = await get(`/api/reports/population?by=${by}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(await services.reports.population(systemActor(), by));
    }
    expect((await get('/api/reports/population?by=status')).json()).toEqual([
      { status: 'in_custody', count: 700 },
    ]);
  });

  it('limits a site-scoped commander to their site', async () => {
    const get = await login('commander');
    const res = (await get('/api/reports/population?by=site')).json() as { site: string; count: number }[];
    expect(res.map((r) => r.site)).toEqual(['HLC']);
    const other = await services.db
      .selectFrom('sites')
      .select('id')
      .where('code', '=', 'RVS')
      .executeTakeFirstOrThrow();
    // Another site does not exist for them: 404, so that its existence does not leak.
    expect((await get(`/api/exports/detainees.csv?siteId=${other.id}`)).statusCode).toBe(404);
  });

  it('downloads the population and the register as CSV attachments', async () => {
    const get = await login('analyst');
    const pop = await get('/api/reports/population.csv?by=site');
    expect(pop.statusCode).toBe(200);
    expect(pop.headers['content-type']).toMatch(/^text\/csv/);
    expect(pop.headers['content-disposition']).toBe('attachment; filename="population-by-site.csv"');
    expect(pop.body.split('\r\n')[0]).toBe('site,count');
    const site = await services.db
      .selectFrom('sites')
      .select('id')
      .where('code', '=', 'DST')
      .executeTakeFirstOrThrow();
    const exp = await get(`/api/exports/detainees.csv?siteId=${site.id}`);
    expect(exp.statusCode).toBe(200);
    const lines = exp.body.trimEnd().split('\r\n');
    expect(lines[0].split(',')).toContain('nameAr');
    expect(lines.slice(1).every((l) => l.includes(',DST,'))).toBe(true);
    expect(exp.body).toMatch(/[\u0600-\u06FF]/);
  });
});
