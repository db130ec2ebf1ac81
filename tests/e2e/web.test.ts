/**
 * The web app in Chromium against a real server with the demo estate: log in, the estate and its
 * chart, Arabic right to left with no English left in the interface, the detainee list, search and
 * a detainee's page, alerts handled with a note (a write with the CSRF header), the reports page,
 * and navigation that follows the role.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { chromeText, type E2eServer, launchBrowser, logIn, startServer } from './helpers';

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
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

/** Latin letters left once code-like tokens (HLC, B4-003, CUS-2016-000016, IQ) are removed. */
function englishIn(texts: string[]): string[] {
  return texts.map((t) => t.replace(/\b[A-Z0-9][A-Z0-9._/-]*\b/g, '')).filter((t) => /[A-Za-z]/.test(t));
}

async function navTexts(p: Page): Promise<string[]> {
  return p.locator('#primary-nav a').allTextContents();
}

describe('log in', () => {
  it('refuses a wrong password with an announced error, then logs in and shows the estate with its chart', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill('director');
    await page.getByLabel('Password').fill('wrong password entirely');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('.login [role=alert]').textContent()).toContain('not correct');

    await logIn(page, server.url, server.login('director'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Estate overview');
    // The heading comes before the data: wait for the table and the chart to be drawn.
    await page.locator('table tbody tr').first().waitFor();
    await page.locator('svg.bar-chart .bar-row').first().waitFor();
    const sites = await page.locator('table tbody tr').count();
    expect(sites).toBeGreaterThan(0);
    // One bar per site, each with a track (beds) and a fill (occupied).
    expect(await page.locator('svg.bar-chart .bar-row').count()).toBe(sites);
    expect(await page.locator('svg.bar-chart .bar-fill').count()).toBe(sites);
    expect(await page.locator('svg.bar-chart').getAttribute('role')).toBe('img');
    expect(await page.locator('.tile dd').first().textContent()).toBe(String(sites));
  });

  it('keeps the session across a reload and logs out', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.reload();
    await page.locator('#primary-nav').waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#username').waitFor();
  });
});

describe('Arabic', () => {
  it('turns the whole page right to left, with no English left in the interface of the main pages', async () => {
    await logIn(page, server.url, server.login('director'));
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
      'ltr',
      'en',
    ]);
    await page.locator('.language-switch').click();
    await expect
      .poll(() => page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]))
      .toEqual(['rtl', 'ar']);
    await expect.poll(() => page.locator('h1').textContent()).toBe('نظرة عامة على المنشآت');
    // The navigation sits at the inline start: on the right in Arabic.
    const nav = await page.locator('#primary-nav').boundingBox();
    expect(nav!.x).toBeGreaterThan(600);
    // Numbers in Arabic digits.
    expect(await page.locator('.tile dd').first().textContent()).toMatch(/^[٠-٩]+$/);

    const pages: [string, string][] = [
      ['/', 'svg.bar-chart'],
      ['/detainees', 'table tbody tr'],
      ['/alerts', '.alert-item'],
      ['/reports', 'h1'],
      ['/audit', 'table tbody tr'],
    ];
    for (const [path, ready] of pages) {
      await page.goto(server.url + path);
      await page.locator(ready).first().waitFor();
      // Several sections may be loading at once: wait until none is.
      await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0);
      const texts = await chromeText(page);
      expect(texts.length, path).toBeGreaterThan(5);
      expect(englishIn(texts), `English left on ${path}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    }

    // The detainee page, reached from the list.
    await page.goto(`${server.url}/detainees`);
    await page.locator('a.name-link').first().click();
    await page.locator('.timeline').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.state-loading').length === 0);
    expect(englishIn(await chromeText(page))).toEqual([]);
  });

  it('remembers the language across a reload and on the log-in page', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.locator('.language-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await page.reload();
    await page.locator('#primary-nav').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.locator('.banner button:not(.language-switch):not(.menu-button)').click();
    await page.locator('#username').waitFor();
    expect(await page.locator('label[for=username]').textContent()).toBe('اسم المستخدم');
    expect(englishIn(await chromeText(page))).toEqual([]);
  });
});

describe('detainees', () => {
  it('lists, searches, filters, pages and opens a detainee with names in both scripts and the legal basis', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.locator('#primary-nav a[href="/detainees"]').click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(25);
    const range = await page.locator('.pager-range').textContent();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('.pager-range').textContent()).not.toBe(range);
    expect(page.url()).toContain('page=2');

    // Search by the second page's first detainee's number: exactly that record.
    const number = (await page.locator('table tbody tr td.code').first().textContent())!.trim();
    await page.getByLabel('Search by name or number').fill(number);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
    expect(await page.locator('table tbody tr td.code').textContent()).toBe(number);
    expect(page.url()).toContain(`q=${number}`);
    expect(page.url()).not.toContain('page=2');

    // Search by an Arabic name finds the same person.
    const arabic = (await page.locator('.name-ar bdi').first().textContent())!.trim();
    await page.getByLabel('Search by name or number').fill(arabic);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('table tbody tr td.code', { hasText: number }).count()).toBe(1);

    // The status filter with a status nobody holds in the demo's small scale shows the empty state.
    await page.getByLabel('Search by name or number').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Status').selectOption('deceased');
    await expect.poll(() => page.locator('.state-empty').count()).toBe(1);
    await page.getByLabel('Status').selectOption('in_custody');
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('.badge', { hasText: 'In custody' }).count()).toBe(
      await page.locator('table tbody tr').count(),
    );

    // The detainee page.
    const name = (await page.locator('a.name-link').first().textContent())!.trim();
    await page.locator('a.name-link').first().click();
    await page.locator('.detainee-header').waitFor();
    expect(await page.locator('h1').textContent()).toBe(name);
    expect(await page.locator('.name-ar-large bdi').textContent()).toMatch(/[\u0600-\u06FF]/);
    const scripts = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(scripts).toContain('Arabic');
    expect(scripts).toContain('Latin');
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('.timeline li.current').count()).toBe(1);
    // The director reads the audit: the section and the link to "who viewed this file".
    await page.locator('#section-record-views').waitFor();
    await page.getByRole('link', { name: 'Who viewed this file' }).click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('td.code', { hasText: 'detainee.view' }).count()).toBeGreaterThan(0);
    expect(page.url()).toContain('subjectType=detainee');
  });
});

describe('alerts', () => {
  it('acknowledges and resolves an alert with a note', async () => {
    await logIn(page, server.url, server.login('commander'));
    await page.locator('#primary-nav a[href="/alerts"]').click();
    const item = page.locator('.alert-item', { hasText: 'Roll count discrepancy' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => item.locator('[role=alert]').textContent()).toBe('Write a note first.');
    await item.getByLabel('Note on acknowledging').fill('Recount ordered for block A.');
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => item.locator('.alert-note').textContent()).toContain('Recount ordered');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await item.getByLabel('Note on resolving').fill('Detainee found in the medical wing.');
    await item.getByRole('button', { name: 'Resolve' }).click();
    // Resolved alerts leave the default (active) list.
    await expect.poll(() => item.count()).toBe(0);
    await page.getByLabel('Status').selectOption('resolved');
    await expect
      .poll(() => page.locator('.alert-item', { hasText: 'Roll count discrepancy' }).count())
      .toBe(1);
  });
});

describe('reports', () => {
  it('shows the population chart, or an error state while the report API is missing — never a broken page', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.locator('#primary-nav a[href="/reports"]').click();
    await page.locator('h1', { hasText: 'Population report' }).waitFor();
    await page.locator('svg.bar-chart, .state-error').first().waitFor();
    if ((await page.locator('svg.bar-chart').count()) > 0) {
      expect(await page.locator('svg.bar-chart .bar-row').count()).toBeGreaterThan(1);
      await page.getByRole('radio', { name: 'Status' }).click();
      await expect.poll(() => page.url()).toContain('by=status');
      await page.locator('svg.bar-chart').waitFor();
      expect(await page.locator('a', { hasText: 'Download CSV' }).getAttribute('href')).toBe(
        '/api/reports/population.csv?by=status',
      );
    } else {
      expect(await page.locator('.state-error').getAttribute('role')).toBe('alert');
    }
  });
});

describe('navigation follows the role', () => {
  it('shows user administration to an administrator only, and refuses it by address to others', async () => {
    await logIn(page, server.url, server.login('administrator'));
    expect(await navTexts(page)).toContain('Users');
    await page.locator('#primary-nav a[href="/users"]').click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('td.code', { hasText: 'officer' }).count()).toBe(1);
    // The administrator reads no detainees: no such entry.
    expect(await navTexts(page)).not.toContain('Detainees');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#username').waitFor();

    await logIn(page, server.url, server.login('officer'));
    const nav = await navTexts(page);
    // Other capabilities add pages for officers (rounds, counts…); what matters here is what they must not see.
    expect(nav).toEqual(expect.arrayContaining(['Estate', 'Detainees', 'Alerts']));
    for (const forbidden of ['Users', 'Audit', 'Intelligence']) expect(nav).not.toContain(forbidden);
    await page.goto(`${server.url}/users`);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Not permitted');
    await page.goto(`${server.url}/audit`);
    expect(await page.locator('h1').textContent()).toBe('Not permitted');
  });

  it('lets an administrator create, disable and reset an account', async () => {
    await logIn(page, server.url, server.login('administrator'));
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByLabel('Username').fill('officer.e2e');
    await page.getByLabel('Full name').fill('E2E Officer');
    await page.locator('#new-password').fill('a long enough password');
    await page.getByLabel('Role').selectOption('officer');
    await page.getByLabel('All sites').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    const row = page.locator('tr', { hasText: 'officer.e2e' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Disabled');
    await row.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Active');
    await row.getByRole('button', { name: 'Reset password' }).click();
    await row.getByLabel('New password').fill('another long password');
    await row.locator('form button[type=submit]').click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('officer.e2e');
  });

  it('is usable on a tablet: the navigation folds into a menu button with 44px targets', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await logIn(page, server.url, server.login('director'));
    const menu = page.locator('.menu-button');
    expect(await page.locator('#primary-nav').isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#primary-nav a[href="/detainees"]').click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('#primary-nav').isVisible()).toBe(false);
    await menu.click();
    const sizes = await page
      .locator('button:visible, #primary-nav a, input:visible, select:visible')
      // A checkbox's target is its label (the box itself is drawn small, the whole label answers a tap).
      .evaluateAll((els) =>
        els.map((e) => {
          const box = (e as HTMLInputElement).type === 'checkbox' || (e as HTMLInputElement).type === 'radio';
          return ((box && e.closest('label')) || e).getBoundingClientRect().height;
        }),
      );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(44);
  });
});
