/**
 * Every page a role's navigation offers, opened in English and in Arabic on the demo: each shows
 * its heading with no error state, no script error in the console, and no API answer of 500 or
 * more. The list of pages is the navigation itself, so a new page is covered when it is added.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type E2eServer, launchBrowser, logIn, newDesktopPage, startServer } from './helpers';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer({ scale: 0.01 });
  browser = await launchBrowser();
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

async function tour(role: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    // A refused or failing request is logged by the browser itself; those are judged below by status.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 500)
      problems.push(`${response.status()} from ${new URL(response.url()).pathname}`);
  });
  await logIn(page, server.url, server.login(role));
  await page
    .locator('.menu-button:visible')
    .click({ timeout: 500 })
    .catch(() => undefined);
  const paths = await page
    .locator('#primary-nav a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  expect(paths.length).toBeGreaterThan(1);
  for (const language of ['en', 'ar']) {
    if (language === 'ar') {
      await page.locator('.language-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ar');
    }
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      const shown = await page
        .locator('main h1')
        .first()
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (!shown) {
        problems.push(`${language} ${path}: no heading`);
        continue;
      }
      // Data-driven pages settle after their first answer; an error state would be shown by then.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const errors = await page.locator('.state-error').count();
      if (errors > 0)
        problems.push(`${language} ${path}: ${await page.locator('.state-error').first().innerText()}`);
    }
  }
  return problems;
}

describe('every page', () => {
  it("opens each of the director's pages in both languages without an error", async () => {
    expect(await tour('director')).toEqual([]);
  });

  it("opens each of an officer's pages (one site, the tablet's pages) in both languages without an error", async () => {
    expect(await tour('officer')).toEqual([]);
  });

  it("opens each of the administrator's pages in both languages without an error", async () => {
    expect(await tour('administrator')).toEqual([]);
  });
});
