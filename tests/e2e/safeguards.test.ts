/**
 * Safeguards in Chromium against the demo: the director's compliance page lists the findings the
 * demo seeds (a segregation past 15 days, an untried/convicted cell) and the undecided foreign
 * nationals, each with who must act; a finding is resolved only with a reason; the printable
 * report opens in Arabic, right to left, with its statistics.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { type E2eServer, launchBrowser, logIn, startServer, newDesktopPage } from './helpers';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const RULE44 = 'Segregation beyond 15 consecutive days (Rule 44)';
const RULE11 = 'Categories not separated (Rule 11)';
const VCCR36 = 'Foreign national with no consular decision (VCCR Art. 36)';

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

/** The rows of the findings table (each names a detainee), not of the per-rule summary. */
function findingRows(text: string): Locator {
  return page
    .locator('tbody tr')
    .filter({ has: page.locator('a[href^="/detainees/"]') })
    .filter({ hasText: text });
}

async function openCompliance(): Promise<void> {
  await logIn(page, server.url, server.login('director'));
  await page.goto(`${server.url}/compliance`);
  await findingRows(RULE44).first().waitFor();
}

describe('the compliance page', () => {
  it('lists the Rule 44, Rule 11 and VCCR 36 findings of the demo, each with who must act', async () => {
    await openCompliance();
    const seg = findingRows(RULE44);
    expect(await seg.count()).toBe(2);
    for (const text of await seg.allTextContents()) expect(text).toContain('Commander');
    expect(await seg.first().textContent()).toMatch(/segregated since 2026-01-\d\d: day \d+/);

    const mixed = findingRows(RULE11).filter({ hasText: /in a cell with (convicted|untried) detainees/ });
    expect(await mixed.count()).toBeGreaterThanOrEqual(2);
    const mixedText = (await mixed.allTextContents()).join('\n');
    expect(mixedText).toContain('convicted in a cell with untried detainees');
    expect(mixedText).toContain('untried in a cell with convicted detainees');
    for (const text of await mixed.allTextContents()) expect(text).toContain('Commander');

    const consular = findingRows(VCCR36);
    expect(await consular.count()).toBeGreaterThan(0);
    expect(await consular.first().textContent()).toContain('Consular liaison');
  });

  it('refuses to resolve a finding without a reason, and resolves it with one', async () => {
    await openCompliance();
    const row = findingRows(RULE44).first();
    const number = (await row.locator('.code').textContent())!;
    const mine = () => findingRows(RULE44).filter({ hasText: number });

    await mine().getByRole('button', { name: 'Resolve' }).click();
    await expect
      .poll(() => mine().getByRole('alert').textContent())
      .toBe('Give the reason for resolving this finding.');
    const resolutions = () =>
      server.services.db
        .selectFrom('compliance_resolutions')
        .select('reason')
        .where('finding_key', 'like', 'rule44-segregation:%')
        .execute();
    expect(await resolutions()).toEqual([]);
    // The server refuses a blank reason too, whatever the page does.
    const key = (await server.services.safeguards.compliance.report(systemActor('e2e'))).findings.find(
      (f) => f.rule === 'rule44-segregation' && f.detaineeNumber === number,
    )!.key;
    await expect(
      server.services.safeguards.compliance.resolve(systemActor('e2e'), key, '   '),
    ).rejects.toThrow(/reason/);

    await mine().getByLabel('Reason').fill('Segregation ended by the director; returned to the wing today');
    await mine().getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => mine().textContent()).toContain('Resolved by');
    expect(await mine().textContent()).toContain('returned to the wing today');
    expect(await resolutions()).toEqual([
      { reason: 'Segregation ended by the director; returned to the wing today' },
    ]);
  });
});

describe('the printable report', () => {
  it('opens in Arabic, right to left, with its statistics', async () => {
    await logIn(page, server.url, server.login('director'));
    const res = await page.goto(`${server.url}/api/reports/safeguards.html?lang=ar`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('h1').textContent()).toBe('الضمانات والإحصاءات');
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toContain('الإشغال');
    expect(headings).toContain('الحركة الشهرية');
  });
});
