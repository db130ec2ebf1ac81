/**
 * The monitoring pages in Chromium: the officer's tablet records a check with the network down,
 * keeps it on the device and sends it with its real time when the network returns; the live
 * picture updates from `/api/live` with no reload.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, type E2eServer, startServer } from './helpers';
import { systemActor } from '../../src/platform/http/actor';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
// The server runs on a fixed clock; the tablet must agree with it or its checks are "in the future".
const NOW = new Date('2026-03-01T08:00:00.000Z');

beforeAll(async () => {
  server = await startServer({ scale: 0.01 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
  page = await context.newPage();
  await page.clock.setFixedTime(NOW);
});
afterEach(async () => {
  await context.close();
});

describe("the officer's rounds page", () => {
  it('records a check in two taps while offline, keeps it, and sends it with its real time when back online', async () => {
    await logIn(page, server.url, server.login('officer'));
    await page.goto(`${server.url}/rounds`);
    const cell = page.locator('.round-cells button').first();
    await cell.waitFor();
    const code = (await cell.locator('strong').textContent())!;
    const before = await server.services.db.selectFrom('cell_checks').select('id').execute();

    await context.setOffline(true);
    await expect.poll(() => page.locator('.page-header [role=status]').textContent()).toContain('Offline');
    await cell.click();
    await page.getByRole('button', { name: 'Asleep' }).click();
    await expect
      .poll(() => page.locator('.page-header [role=status]').textContent())
      .toContain('Waiting to send: 1');
    expect(await server.services.db.selectFrom('cell_checks').select('id').execute()).toHaveLength(
      before.length,
    );
    // Kept on the device: a reload of the queue from storage still has it.
    expect(
      await page.evaluate(
        () => JSON.parse(localStorage.getItem('custodia.monitoring.check-queue') ?? '[]').length,
      ),
    ).toBe(1);

    await context.setOffline(false);
    await expect
      .poll(() => page.locator('.page-header [role=status]').textContent(), { timeout: 15_000 })
      .toContain('Waiting to send: 0');
    const stored = await server.services.db
      .selectFrom('cell_checks')
      .selectAll()
      .where('state', '=', 'asleep')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].observed_at).toBe(NOW.toISOString());
    const cellRow = await server.services.db
      .selectFrom('cells')
      .select('code')
      .where('id', '=', stored[0].cell_id)
      .executeTakeFirstOrThrow();
    expect(code.endsWith(cellRow.code)).toBe(true);
  });

  it('opens again after a reload with no network (service worker), records a check and sends it when back', async () => {
    await logIn(page, server.url, server.login('officer'));
    await page.goto(`${server.url}/rounds`);
    const cell = page.locator('.round-cells button').first();
    await cell.waitFor();
    const code = (await cell.locator('strong').textContent())!;
    // The service worker has kept the shell and every built asset, and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('.page-header [role=status]').textContent()).toContain('Offline');
    // The API is never answered from a cache: with no network it fails.
    expect(
      await page.evaluate(() =>
        fetch('/api/monitoring/dashboard').then(
          (r) => `answered ${r.status}`,
          () => 'no network',
        ),
      ),
    ).toBe('no network');
    const again = page.locator('.round-cells button', { hasText: code }).first();
    await again.click();
    await page.getByRole('button', { name: 'Unwell' }).click();
    await expect
      .poll(() => page.locator('.page-header [role=status]').textContent())
      .toContain('Waiting to send: 1');

    await context.setOffline(false);
    await expect
      .poll(() => page.locator('.page-header [role=status]').textContent(), { timeout: 15_000 })
      .toContain('Waiting to send: 0');
    const stored = await server.services.db
      .selectFrom('cell_checks')
      .innerJoin('cells', 'cells.id', 'cell_checks.cell_id')
      .select(['cell_checks.observed_at', 'cells.code'])
      .where('cell_checks.state', '=', 'unwell')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].observed_at).toBe(NOW.toISOString());
    expect(code.endsWith(stored[0].code)).toBe(true);
  });
});

describe('the live picture', () => {
  it('updates its figures from the event stream without a reload', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.goto(`${server.url}/live`);
    const checks = page
      .locator('dt', { hasText: 'Checks in the last hour' })
      .locator('xpath=following-sibling::dd[1]');
    await checks.waitFor();
    const before = Number((await checks.textContent())!.replace(/\D/g, ''));
    await expect.poll(() => page.locator('.page-header [role=status]').textContent()).toContain('Live');
    const cell = await server.services.db.selectFrom('cells').select('id').limit(1).executeTakeFirstOrThrow();
    await server.services.monitoring.checks.record(systemActor('e2e'), {
      idempotencyKey: `e2e-live-${Date.now()}`,
      cellId: cell.id,
      state: 'present',
    });
    await expect
      .poll(async () => Number((await checks.textContent())!.replace(/\D/g, '')), { timeout: 15_000 })
      .toBe(before + 1);
  });
});

describe('alerts on the live stream', () => {
  it('the alerts list and the live open-alerts figure follow a raised alert without a reload', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.goto(`${server.url}/live`);
    const open = page.getByTestId('estate-open-alerts');
    await open.waitFor();
    await expect.poll(() => page.locator('.page-header [role=status]').textContent()).toContain('Live');
    const before = Number((await open.textContent())!.replace(/\D/g, ''));
    const list = await context.newPage();
    await list.goto(`${server.url}/alerts`);
    await list.locator('.alert-list').waitFor();
    const site = (await server.services.estate.listSites(systemActor('e2e')))[0];
    const title = 'Fence alarm at the east gate';
    await server.services.alerts.raise(systemActor('e2e'), {
      siteId: site.id,
      subjectType: 'site',
      subjectId: site.id,
      kind: 'e2e.live',
      severity: 'critical',
      title,
    });
    await expect.poll(() => list.getByText(title).count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => Number((await open.textContent())!.replace(/\D/g, '')), { timeout: 15_000 })
      .toBe(before + 1);
  });
});
