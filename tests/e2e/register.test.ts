/**
 * The register's record in Chromium against the demo: intake staff add a family member and a
 * sealed property bag from the detainee page and see them listed (in Arabic too), and hand the
 * bag back on release; medical staff record a complaint of earlier ill-treatment, a form officers
 * never see; a record merged into another says so and links to the surviving record.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { type E2eServer, launchBrowser, logIn, startServer, newDesktopPage, siteOfRole } from './helpers';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let detaineeId: string;
let survivor: { id: string; number: string };
let absorbedId: string;
let apart: { a: string; b: string; bNumber: string };

beforeAll(async () => {
  server = await startServer({ scale: 0.01 });
  browser = await launchBrowser();
  const actor = systemActor('e2e');
  // The site of the scoped demo accounts (intake, officer, medical), so they see what is made here.
  const siteId = (await siteOfRole(server, 'intake')).id;
  const make = (number: string, name: string) =>
    server.services.register.create(actor, {
      number,
      names: [{ name, script: 'latin', kind: 'legal' }],
      sex: 'M',
      nationalities: ['IQ'],
      legalStatus: 'untried',
      ageCategory: 'adult',
      siteId,
    });
  detaineeId = (await make('E2E-REG-1', 'Fictional Recordholder')).id;
  const s = await make('E2E-REG-2', 'Fictional Survivor Record');
  survivor = { id: s.id, number: s.number };
  absorbedId = (await make('E2E-REG-3', 'Fictional Absorbed Record')).id;
  await server.services.registerRecord.merges.merge(actor, {
    survivorId: survivor.id,
    absorbedId,
    reason: 'same passport (fictional)',
  });
  // A pair in the review queue that a non-association directive keeps apart.
  const a = await make('E2E-REG-4', 'Fictional Apart Alpha');
  const b = await make('E2E-REG-5', 'Fictional Apart Beta');
  apart = { a: a.id, b: b.id, bNumber: b.number };
  await server.services.housing.intelligence.createDirective(actor, {
    a: a.id,
    b: b.id,
    scope: 'wing',
    reason: 'threats (fictional)',
    authorisedBy: 'Director (fictional)',
  });
  await server.services.db
    .insertInto('identity_candidates')
    .values({
      id: 'e2e-apart-pair',
      detainee_a: a.id < b.id ? a.id : b.id,
      detainee_b: a.id < b.id ? b.id : a.id,
      score: 20,
      decision: 'possible',
      evidence: '[]',
      source: 'register-scan',
      source_ref: null,
      status: 'open',
      found_at: '2026-03-01T08:00:00.000Z',
      decided_at: null,
      decided_by: null,
      decided_by_id: null,
      decision_note: null,
    })
    .execute();
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

async function openRecord(id: string) {
  await page.goto(`${server.url}/detainees/${id}`);
  await page.locator('#section-register-record').waitFor();
  await page.locator('#rr-family-name').waitFor();
}

describe('the detainee record written from the web', () => {
  it('adds a family member and a sealed property bag, lists them, and returns the bag on release', async () => {
    await logIn(page, server.url, server.login('intake'));
    await openRecord(detaineeId);

    await page.locator('#rr-family-relation').selectOption('child');
    await page.locator('#rr-family-name').fill('Fictional Daughter');
    await page.locator('#rr-family-age').fill('6');
    await page.locator('#rr-family-cared').fill('her grandmother');
    await page.getByRole('button', { name: 'Add family member' }).click();
    const family = page.getByTestId('rr-family-list');
    await expect.poll(() => family.textContent()).toContain('Fictional Daughter');
    expect(await family.textContent()).toContain('Child');
    expect(await family.textContent()).toContain('age 6');
    expect(await family.textContent()).toContain('her grandmother');

    await page.locator('#rr-property-bag').fill('BAG-E2E-77');
    await page.locator('#rr-property-desc-0').fill('wristwatch');
    await page.getByRole('button', { name: 'Add another item' }).click();
    await page.locator('#rr-property-desc-1').fill('house keys');
    await page.locator('#rr-property-qty-1').fill('3');
    await page.locator('#rr-property-dsig').fill('F. Recordholder');
    await page.locator('#rr-property-osig').fill('Intake officer');
    await page.getByRole('button', { name: 'Record property' }).click();
    const property = page.getByTestId('rr-property-list');
    await expect.poll(() => property.textContent()).toContain('BAG-E2E-77');
    expect(await property.textContent()).toContain('1 × wristwatch, 3 × house keys');
    expect(await property.textContent()).toContain('Held');

    await page.getByRole('button', { name: 'Return bag BAG-E2E-77 on release' }).click();
    await page.getByLabel("Detainee's signature on receipt").fill('F. Recordholder');
    await page.getByTestId('rr-property-list').getByLabel("Officer's signature").fill('Release officer');
    await page.getByRole('button', { name: 'Record the return' }).click();
    // The list is re-read after the return: wait for the whole returned entry, not its first word.
    await expect.poll(() => page.getByTestId('rr-property-list').textContent()).toContain('Return signed by');
    expect(await page.getByTestId('rr-property-list').textContent()).toContain('Returned');
  });

  it('adds a family member in Arabic and lists them with the relation in Arabic', async () => {
    await logIn(page, server.url, server.login('intake'));
    await page.evaluate(() => localStorage.setItem('custodia.language', 'ar'));
    await openRecord(detaineeId);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('#rr-family-relation').selectOption('sibling');
    await page.locator('#rr-family-name').fill('سمير الخيالي');
    await page.getByRole('button', { name: 'إضافة فرد من العائلة' }).click();
    const family = page.getByTestId('rr-family-list');
    await expect.poll(() => family.textContent()).toContain('سمير الخيالي');
    expect(await family.textContent()).toContain('أخ أو أخت');
    // The English label of the relation is nowhere in the list.
    expect(await family.textContent()).not.toContain('Brother');
  });

  it('shows the complaint form to medical staff and not to officers', async () => {
    await logIn(page, server.url, server.login('medical'));
    await page.goto(`${server.url}/detainees/${detaineeId}`);
    await page.locator('#am-complaint-allegation').waitFor();
    await page.locator('#am-complaint-allegation').fill('Beaten during questioning (fictional)');
    await page.locator('#am-complaint-when').fill('2025-11');
    await page.locator('#am-complaint-referred').fill('Independent inspector (fictional)');
    await page.getByRole('button', { name: 'Record complaint' }).click();
    await expect
      .poll(() => page.locator('#section-admission-medical').locator('..').textContent())
      .toContain('Beaten during questioning (fictional)');

    await context.clearCookies();
    await logIn(page, server.url, server.login('officer'));
    await page.goto(`${server.url}/detainees/${detaineeId}`);
    await page.locator('section:has(#section-register-record) h4').first().waitFor();
    expect(await page.locator('#am-complaint-allegation').count()).toBe(0);
    expect(await page.locator('#section-admission-medical').count()).toBe(0);
  });
});

describe('a merged-away record', () => {
  it('is not listed, and its page says where the person is now with a link', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.goto(`${server.url}/detainees?q=E2E-REG`);
    await page.locator('table tbody tr').first().waitFor();
    const listed = await page.locator('table tbody').textContent();
    expect(listed).toContain('E2E-REG-2');
    expect(listed).not.toContain('E2E-REG-3');

    await page.goto(`${server.url}/detainees/${absorbedId}`);
    const notice = page.getByTestId('merged-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`merged into ${survivor.number}`);
    expect(await page.locator('#section-register-record').count()).toBe(0);
    await notice.getByRole('link').click();
    await page.waitForURL(`**/detainees/${survivor.id}`);
    await page.locator('#section-register-record').waitFor();
    expect(await page.getByTestId('merged-notice').count()).toBe(0);
  });
});

describe('duplicate review', () => {
  it('says why a merge of two records kept apart by a directive is refused', async () => {
    await logIn(page, server.url, server.login('director'));
    await page.goto(`${server.url}/identity`);
    const reason = page.locator('#why-e2e-apart-pair');
    await reason.waitFor();
    await reason.fill('looks like one person');
    await page.getByRole('button', { name: `Merge into ${apart.bNumber}` }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('A non-association directive keeps these two records apart');
    const b = (await server.services.register.read(apart.b))!;
    expect(b.mergedInto).toBeNull();
  });
});
