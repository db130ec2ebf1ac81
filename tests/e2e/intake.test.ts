/**
 * The arrival day in Chromium against the demo: the intake officer imports a small manifest in
 * Custodia's own columns, previews and accepts it, then on the arrival day confirms two arrivals
 * (one by manifest number, one by name) with the handover, records one person not on the manifest
 * and closes the day; the reconciliation shows expected / arrived / missing / unexpected. Arabic
 * shows the same page right to left.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type E2eServer, launchBrowser, logIn, startServer, newDesktopPage, siteOfRole } from './helpers';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let siteCode: string;

const HEADER =
  'manifest_row,manifest_id,family_name,given_names,name_ar,aliases,kunya,sex,dob,nationalities,mother_name,legal_status,age_category,arrest_date,arrest_place,sending_authority,sending_reference,origin_facility,remarks';

/** Four fictional people, names unlike any the demo generates, so that each is a new record. */
const MANIFEST = [
  HEADER,
  '1,E2E-INT-0001,Quillfeather,Osric Tamber,,,,M,1990-04-02,TR,,untried,adult,2026-01-04,Fictional Town,Fictional Authority,E2E-T1,Fictional Camp,',
  '2,E2E-INT-0002,Bramblewick,Yeven Lodar,,,,M,1987,RU,,untried,adult,2026-01-05,Fictional Town,Fictional Authority,E2E-T1,Fictional Camp,',
  '3,E2E-INT-0003,Thornquist,Halvard Pem,,,,M,1993-11,CA,,convicted,adult,2026-01-06,Fictional Town,Fictional Authority,E2E-T1,Fictional Camp,',
  '4,E2E-INT-0004,Marrowgate,Ivo Sellan,,,,M,1985-07-19,TR,,untried,adult,2026-01-07,Fictional Town,Fictional Authority,E2E-T1,Fictional Camp,',
].join('\r\n');

beforeAll(async () => {
  server = await startServer({ scale: 0.01 });
  browser = await launchBrowser();
  // The intake officer's own site: the import must land where the account may see it.
  siteCode = (await siteOfRole(server, 'intake')).code;
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

/** The reconciliation panel as label → number, as the officer reads it. */
async function counts(): Promise<Record<string, string>> {
  return page.locator('[data-testid=reconciliation]').evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const div of Array.from(dl.querySelectorAll('div'))) {
      out[(div.querySelector('dt')?.textContent ?? '').trim()] = (
        div.querySelector('dd')?.textContent ?? ''
      ).trim();
    }
    return out;
  });
}

async function findAndConfirm(query: string, rowText: string) {
  await page.getByLabel('Manifest number, register number or name').fill(query);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const row = page.locator('table tbody tr', { hasText: rowText });
  await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
  await row.getByRole('button', { name: 'Confirm arrival' }).click();
  await expect.poll(() => row.textContent()).toContain('arrived');
}

describe('arrival day', () => {
  it('imports a manifest, confirms arrivals, records one unexpected, closes the day; the counts follow', async () => {
    await logIn(page, server.url, server.login('intake'));
    await page.goto(`${server.url}/intake`);

    await page.getByLabel('Manifest file (CSV or JSON, UTF-8)').setInputFiles({
      name: 'e2e-manifest.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(MANIFEST, 'utf8'),
    });
    const site = page.getByLabel('Receiving site');
    await expect.poll(() => site.locator('option').count()).toBeGreaterThan(1);
    const option = site.locator('option', { hasText: siteCode });
    await site.selectOption((await option.first().getAttribute('value'))!);
    await page.getByLabel('Manifest identifier (optional)').fill('E2E-MANIFEST-1');
    await page.getByRole('button', { name: 'Check and preview' }).click();

    const preview = page.locator('div.panel[aria-live=polite]');
    await expect.poll(() => preview.locator('h2').textContent()).toContain('preview');
    await expect.poll(() => preview.locator('.stats').textContent()).toContain('Rows4');
    await page.getByRole('button', { name: 'Accept all 4 rows' }).click();
    await expect.poll(() => preview.locator('h2').textContent()).toContain('accepted');

    await page.getByRole('link', { name: 'Open the arrival day' }).click();
    await page.waitForURL(/\/intake\/[^/]+\/arrivals$/);
    await expect
      .poll(counts)
      .toEqual({ Expected: '4', Arrived: '0', 'Not yet arrived': '4', Missing: '0', Unexpected: '0' });

    await page.getByLabel('Handed over by').fill('Sgt. A. Fictional, sending escort');
    await page.getByLabel('Received by').fill('Officer B. Imaginary, gate');
    await page.getByLabel('Escort').fill('Convoy 7 (fictional)');
    await page.getByLabel('Place').fill('Main gate');

    await findAndConfirm('E2E-INT-0001', 'Quillfeather');
    await findAndConfirm('Thornquist', 'Thornquist');
    await expect
      .poll(counts)
      .toEqual({ Expected: '4', Arrived: '2', 'Not yet arrived': '2', Missing: '0', Unexpected: '0' });

    const unexpected = page.locator('form[aria-labelledby=unexpected-title]');
    await unexpected.getByLabel('Name').fill('Corvin Ashdale');
    await unexpected.getByLabel('Sex').selectOption('M');
    await unexpected.getByLabel('Nationality (two-letter code)').fill('TR');
    await unexpected.getByLabel('Legal status').selectOption('untried');
    await unexpected.getByLabel('Age').selectOption('adult');
    await unexpected.getByRole('button', { name: 'Record the unexpected arrival' }).click();
    await expect
      .poll(counts)
      .toEqual({ Expected: '4', Arrived: '2', 'Not yet arrived': '2', Missing: '0', Unexpected: '1' });

    await page.getByRole('button', { name: /^Close the day/ }).click();
    await expect
      .poll(counts)
      .toEqual({ Expected: '4', Arrived: '2', 'Not yet arrived': '0', Missing: '2', Unexpected: '1' });
    expect(await page.getByRole('button', { name: /^Close the day/ }).count()).toBe(0);

    // The whole list: the two not confirmed are now missing.
    await page.getByLabel('Manifest number, register number or name').fill('');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect.poll(() => page.locator('table tbody tr', { hasText: 'missing' }).count()).toBe(2);
    expect(await page.locator('table tbody tr', { hasText: 'Marrowgate' }).textContent()).toContain(
      'missing',
    );

    // The same page in Arabic reads right to left, with the same figures.
    await page.evaluate(() => localStorage.setItem('custodia.language', 'ar'));
    await page.reload();
    await page.locator('[data-testid=reconciliation]').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('h1').first().textContent()).toBe('يوم الوصول');
    await expect.poll(() => page.locator('[data-testid=reconciliation]').textContent()).toContain('مفقود');
  });
});
