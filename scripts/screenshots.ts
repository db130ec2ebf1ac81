/**
 * Screenshots of the main pages in English and Arabic for the README, into docs/screenshots/:
 * starts Custodia on a fresh store with the demo estate, logs in as the director and saves
 * 1280×800 PNGs of the log-in, the estate, the detainee list, a detainee's page and the
 * population report.
 *
 *   node --import tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import buildIfStale from '../tests/e2e/global-setup';
import { launchBrowser, logIn, ROOT, startServer } from '../tests/e2e/helpers';

const OUT = path.join(ROOT, 'docs/screenshots');

async function main(): Promise<void> {
  buildIfStale();
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ seed: 1, scale: 0.05 });
  const browser = await launchBrowser();
  try {
    for (const lang of ['en', 'ar'] as const) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: lang === 'ar' ? 'ar' : 'en-GB',
      });
      await context.addInitScript((l) => localStorage.setItem('custodia.language', l), lang);
      const page = await context.newPage();
      const shot = async (name: string) => {
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: path.join(OUT, `${name}-${lang}.png`) });
        console.log(`docs/screenshots/${name}-${lang}.png`);
      };

      await page.goto(server.url);
      await page.locator('#username').waitFor();
      await page.locator('#username').fill('director');
      await shot('login');

      await logIn(page, server.url, server.login('director'));
      await page.locator('svg.bar-chart').waitFor();
      await shot('estate');

      await page.locator('#primary-nav a[href="/detainees"]').click();
      await page.locator('table tbody tr').first().waitFor();
      await shot('detainees');

      await page.locator('table tbody tr a.name-link').first().click();
      await page.locator('.detainee-header').waitFor();
      await page.locator('.timeline').waitFor();
      await shot('detainee');

      await page.locator('#primary-nav a[href="/reports"]').click();
      await page.locator('svg.bar-chart, .state-error').first().waitFor();
      await shot('reports');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
