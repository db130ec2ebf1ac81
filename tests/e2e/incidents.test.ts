/**
 * Incidents in Chromium against the demo: a commander reports a drone strike through the form and
 * submits it, then opens the threat map (SVG from the shipped region, no tiles) with the site
 * placed, and sets the site to lockdown, which starts the emergency headcount.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { type E2eServer, launchBrowser, logIn, startServer } from './helpers';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let siteCode: string;

beforeAll(async () => {
  server = await startServer({ scale: 0.01 });
  browser = await launchBrowser();
  const actor = systemActor('e2e');
  const db = server.services.db;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', server.login('commander').username)
    .executeTakeFirstOrThrow();
  const scoped = await db
    .selectFrom('principal_sites')
    .select('site_id')
    .where('principal_id', '=', user.id)
    .executeTakeFirst();
  const sites = await server.services.estate.listSites(actor);
  const site = sites.find((s) => s.id === scoped?.site_id) ?? sites[0];
  siteCode = site.code;
  await server.services.posture.setLocation(actor, site.id, { lat: 35.3, lon: 41.4 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

describe('incidents and the threat map', () => {
  it('reports a drone strike, sees it on the map, and sets lockdown', async () => {
    await logIn(page, server.url, server.login('commander'));
    await page.goto(`${server.url}/incidents`);
    await page.getByRole('button', { name: 'Report an incident' }).click();
    await page.locator('#new-type').selectOption('drone_strike');
    await page.locator('#new-time').fill('2026-03-01T07:30');
    await page.locator('#new-title').fill('Drone strike on block A');
    await page.locator('#new-narrative').fill('Two drones; one hit the roof of block A.');
    await page.getByLabel('Submit now (not a draft)').check();
    await page.getByRole('button', { name: 'Save the report' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]+$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Drone strike');
    await expect.poll(() => page.locator('.page-header .badge').textContent()).toBe('Submitted');

    await page.goto(`${server.url}/threat-map`);
    const map = page.getByRole('img', { name: 'Threat picture' });
    await map.waitFor();
    expect(await map.locator('path').count()).toBeGreaterThan(1);
    await expect
      .poll(() => map.locator(`[data-site="${siteCode}"] text`).textContent())
      .toBe(`${siteCode} (1)`);

    await page.locator('#posture-level').selectOption('lockdown');
    await page.locator('#posture-reason').fill('Drone strike on block A');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('emergency headcount has started');
  });
});
