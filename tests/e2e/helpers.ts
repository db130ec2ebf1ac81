/**
 * Browser tests' fixtures: a real server in-process on a fresh store loaded with the demo estate
 * at small scale (plus a few alerts), serving the built web app; and Debian's Chromium driven by
 * playwright-core. Used by tests/e2e/*.test.ts and scripts/screenshots.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../src/app';
import { type DemoLogin, loadDemo } from '../../src/demo';
import { FixedClock } from '../../src/platform/clock';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { systemActor } from '../../src/platform/http/actor';
import { createServices, type Services } from '../../src/services';
import { freshStore } from '../helpers/store';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_ROOT = path.join(ROOT, 'dist/web');

export interface E2eServer {
  url: string;
  services: Services;
  /** username → password, one demo account per role. */
  logins: DemoLogin[];
  login(role: string): DemoLogin;
  close(): Promise<void>;
}

/**
 * Starts Custodia on a fresh store with the demo at `scale`, on a free port of 127.0.0.1.
 *
 * @example const server = await startServer({ scale: 0.01 }); await page.goto(server.url);
 */
export async function startServer(options: { seed?: number; scale?: number } = {}): Promise<E2eServer> {
  const { store, cleanup } = await freshStore();
  const clock = new FixedClock('2026-03-01T08:00:00.000Z');
  await migrateToLatest(store.db, clock);
  const services = createServices(store, clock);
  const manifestDir = mkdtempSync(path.join(os.tmpdir(), 'custodia-e2e-'));
  const demo = await loadDemo(services, {
    seed: options.seed ?? 7,
    scale: options.scale ?? 0.01,
    manifestDir,
  });
  await raiseSampleAlerts(services, demo.sites[0].code);
  const app = await buildApp({
    services,
    webRoot: WEB_ROOT,
    rateLimit: { max: 1_000_000, loginMax: 1_000_000 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    logins: demo.logins,
    login: (role) => {
      const found = demo.logins.find((l) => l.role === role);
      if (!found) throw new Error(`no demo login for ${role}`);
      return found;
    },
    close: async () => {
      await app.close();
      await cleanup();
      rmSync(manifestDir, { recursive: true, force: true });
    },
  };
}

/** A few alerts on the demo's first site (the home of its site-scoped accounts), so the alerts page has something to show and handle. */
async function raiseSampleAlerts(services: Services, siteCode: string): Promise<void> {
  const sites = await services.estate.listSites(systemActor('e2e'));
  const site = sites.find((s) => s.code === siteCode) ?? sites[0];
  const actor = systemActor('e2e');
  await services.alerts.raise(actor, {
    siteId: site.id,
    subjectType: 'site',
    subjectId: site.id,
    kind: 'headcount.discrepancy',
    severity: 'critical',
    title: 'Roll count discrepancy in block A',
    detail: 'Expected 212, counted 211.',
  });
  await services.alerts.raise(actor, {
    siteId: site.id,
    subjectType: 'site',
    subjectId: site.id,
    kind: 'check.late',
    severity: 'warning',
    title: 'Cell check late on wing A2',
    detail: 'Round due 07:30 not completed.',
  });
}

/** Debian's Chromium, headless, with nothing that reaches the network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--headless',
    ],
  });
}

/** A fresh desktop browser context (English, UTC) and its page; the caller closes the context. */
export async function newDesktopPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return { context, page: await context.newPage() };
}

/**
 * The site a demo account of this role is scoped to (the demo's scoped accounts all share one),
 * or the first site for an estate-wide role: where a test puts what that user must see.
 */
export async function siteOfRole(server: E2eServer, role: string): Promise<{ id: string; code: string }> {
  const db = server.services.db;
  const scoped = await db
    .selectFrom('users')
    .innerJoin('principal_sites', 'principal_sites.principal_id', 'users.id')
    .innerJoin('sites', 'sites.id', 'principal_sites.site_id')
    .select(['sites.id', 'sites.code'])
    .where('users.username', '=', server.login(role).username)
    .executeTakeFirst();
  if (scoped) return scoped;
  const [first] = await server.services.estate.listSites(systemActor('e2e'));
  return { id: first.id, code: first.code };
}

/** Opens the app and logs in through the form; resolves when the signed-in layout is shown. */
export async function logIn(
  page: Page,
  url: string,
  login: { username: string; password: string },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/username|اسم المستخدم/i).fill(login.username);
  await page.getByLabel(/^(password|كلمة المرور)$/i).fill(login.password);
  await page.locator('form button[type=submit]').click();
  await page.locator('header.banner').waitFor();
}

/**
 * The interface's own words on the page — navigation, headings, labels, buttons, table headers,
 * legends — leaving out data values (elements marked `data-value`, or in another language with
 * `lang`, such as Latin names and the language switch's "English") and code-like tokens.
 */
export async function chromeText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'nav, h1, h2, h3, label, button, th, legend, figcaption, [role=alert], [role=status], .tile dt, .facts dt, .badge, option';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest('[data-value]') || el.closest('[lang]') !== document.documentElement) continue;
      const clone = el.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[data-value], [lang], .code, svg').forEach((n) => n.remove());
      const text = (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    }
    return out;
  });
}
