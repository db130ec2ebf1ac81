/**
 * Due process and repatriation in Chromium against the demo: a liaison officer takes a Russian
 * national from consular notification through a repatriation case to the handover (the register
 * then says repatriated, and the figures change); a legal officer sees the legal clock with its
 * reasoning; the new pages keep Arabic free of English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import {
  chromeText,
  type E2eServer,
  launchBrowser,
  logIn,
  startServer,
  newDesktopPage,
  siteOfRole,
} from './helpers';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let russianId: string;
let localId: string;

beforeAll(async () => {
  server = await startServer({ scale: 0.01 });
  browser = await launchBrowser();
  const actor = systemActor('e2e');
  // The site of the scoped demo accounts (liaison, legal), so they see what is made here.
  const site = await siteOfRole(server, 'liaison');
  const make = (number: string, name: string, nationality: string) =>
    server.services.register.create(actor, {
      number,
      names: [{ name, script: 'latin', kind: 'legal' }],
      sex: 'M',
      nationalities: [nationality],
      legalStatus: 'untried',
      ageCategory: 'adult',
      siteId: site.id,
      arrestedAt: '2026-01-05T06:00:00.000Z',
      admittedAt: '2026-01-10T10:00:00.000Z',
      legalBasis: {
        basis: 'pre-trial detention order',
        authority: 'Investigating Court 3 (fictional)',
        from: '2026-01-10',
      },
    });
  russianId = (await make('E2E-RU-1', 'Pyotr Imaginary', 'RU')).id;
  localId = (await make('E2E-IQ-1', 'Karim Fictional', 'IQ')).id;
  await server.services.repatriation.setState(actor, 'RU', {
    maxDaysBeforeCharge: 2,
    note: 'fictional limit',
  });
  await server.services.legal.setRule(actor, {
    basis: 'pre-trial detention order',
    maxDaysBeforeCharge: 90,
    reviewIntervalDays: 30,
    maxPretrialDays: 365,
    warnDaysBefore: 7,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  ({ context, page } = await newDesktopPage(browser));
});
afterEach(async () => {
  await context.close();
});

async function step(stage: string, at: string, fill: Record<string, string> = {}) {
  await page.locator('#r-next').selectOption(stage);
  await page.locator('#r-at').fill(at);
  for (const [id, value] of Object.entries(fill)) await page.locator(id).fill(value);
  await page.getByRole('button', { name: 'Record the step' }).click();
}

describe('repatriation of a Russian national', () => {
  it('consular notification, then the case from request to handover; the register and the figures follow', async () => {
    await logIn(page, server.url, server.login('liaison'));
    await page.goto(`${server.url}/detainees/${russianId}`);
    await page.getByRole('button', { name: /Open the consular record/ }).click();
    await page.locator('select[id^=ce-type-]').selectOption('informed');
    await page.locator('input[id^=ce-at-]').fill('2026-01-10T12:00');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect
      .poll(() => page.locator('article.panel .timeline').first().textContent())
      .toContain('Told of the right');

    await page.getByRole('button', { name: /Open a repatriation case to/ }).click();
    await page.waitForURL(/\/repatriation\/[0-9a-f-]+$/);
    await expect.poll(() => page.locator('.facts').textContent()).toContain('at most 2 days before charge');

    await step('identity_verified', '2026-03-01T01:00', { '#r-docs': 'fingerprint match report' });
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('Identity verified');
    await step('consular_interview', '2026-03-01T02:00');
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('Consular interview');
    await step('judicial_clearance', '2026-03-01T03:00');
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('Judicial clearance');
    await step('approved', '2026-03-01T04:00');
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('Approved');
    await step('handover_scheduled', '2026-03-01T05:00', { '#r-place': 'Fictional airport, gate 3' });
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('Handover scheduled');
    // The request was received today (the server's clock): every step follows it, the handover included.
    await step('handed_over', '2026-03-01T06:00', {
      '#r-place': 'Fictional airport, gate 3',
      '#r-off': 'N. Fictional, escort lead, ministry (fictional)',
    });
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('Handed over');
    await expect.poll(() => page.locator('.facts').textContent()).toContain('N. Fictional');
    expect((await server.services.register.read(russianId))!.status).toBe('repatriated');

    await page.goto(`${server.url}/repatriation`);
    await expect.poll(() => page.locator('table tbody').textContent()).toContain('E2E-RU-1');
    await expect.poll(() => page.locator('svg.bar-chart').nth(1).textContent()).toContain('Handed over');
  });

  it('offers no repatriation for a national of the detaining state', async () => {
    await logIn(page, server.url, server.login('liaison'));
    await page.goto(`${server.url}/detainees/${localId}`);
    await expect.poll(() => page.locator('h1').first().textContent()).toBeTruthy();
    await page.waitForLoadState('networkidle');
    expect(
      await page.getByRole('button', { name: /Open the consular record|Open a repatriation case/ }).count(),
    ).toBe(0);
    await expect(
      server.services.repatriation.create(systemActor('e2e'), { detaineeId: localId, requestingState: 'IQ' }),
    ).rejects.toThrow(/detaining state/);
  });
});

describe('the legal clock', () => {
  it('shows the deadlines with their reasoning on the detainee page', async () => {
    await logIn(page, server.url, server.login('legal'));
    await page.goto(`${server.url}/detainees/${localId}`);
    await expect
      .poll(() => page.locator('.legal-clock table').textContent())
      .toContain('Next detention review');
    const text = await page.locator('.legal-clock').textContent();
    expect(text).toContain('Maximum pre-trial detention');
    await page.locator('.legal-clock details summary').nth(1).click();
    await expect
      .poll(() => page.locator('.legal-clock details[open]').first().textContent())
      .toContain('Reviews are due every 30 days');
  });

  it('keeps Arabic free of English on the legal and repatriation pages', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.evaluate(() => localStorage.setItem('custodia.language', 'ar'));
    for (const path of ['/legal/cases', '/legal/hearings', '/repatriation']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const english = (await chromeText(page))
        .map((t) => t.replace(/\b[A-Z0-9][A-Z0-9._/-]*\b/g, ''))
        .filter((t) => /[A-Za-z]/.test(t));
      expect(english, path).toEqual([]);
    }
  });
});
