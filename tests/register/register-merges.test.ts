import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeMergedOutOfPopulation } from '../../migrations/0012-register-merges';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, newDetaineeBody, type Session, type TestApp } from '../helpers/test-app';

/**
 * What a merge leaves behind: the merged-away record out of lists and searches and saying where
 * it went; merges refused when a directive keeps the two apart or would drop a held person from
 * the roll; one cell for the survivor; and the periodic duplicate scan — on the suite's store.
 */
let t: TestApp;
let director: Session;
let intake: Session;
let analyst: Session;

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  intake = await t.login('intake1');
  analyst = await t.login('analyst');
});
afterAll(() => t.close());

async function admit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await director.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(t.seed.s1.id, overrides),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function merge(survivorId: string, absorbedId: string) {
  return intake.request({
    method: 'POST',
    url: '/api/identity/merges',
    payload: { survivorId, absorbedId, reason: 'same passport (test)' },
  });
}

async function listIds(query: string): Promise<string[]> {
  const res = await director.request({ method: 'GET', url: `/api/detainees?pageSize=200&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

describe('a merged-away record', () => {
  it('leaves lists and searches, says where it went, and refuses changes', async () => {
    const survivor = await admit({
      names: [{ name: 'Fictional Mergetest Survivor', script: 'latin', kind: 'legal' }],
    });
    const absorbed = await admit({
      names: [{ name: 'Fictional Mergetest Absorbed', script: 'latin', kind: 'legal' }],
    });
    expect(await listIds('q=mergetest')).toEqual(expect.arrayContaining([survivor, absorbed]));
    const merged = await merge(survivor, absorbed);
    expect(merged.statusCode, merged.body).toBe(201);

    // Its names moved to the survivor; its register number stays its own.
    const number = (await director.request({ method: 'GET', url: `/api/detainees/${absorbed}` })).json()
      .number;
    expect(await listIds('q=mergetest')).toEqual([survivor]);
    expect(await listIds(`q=${number}`)).toEqual([]);
    expect(await listIds(`q=${number}&merged=include`)).toEqual([absorbed]);
    expect(await listIds('merged=only')).toContain(absorbed);
    expect(await listIds('merged=only')).not.toContain(survivor);
    expect(await listIds('')).not.toContain(absorbed);
    const bad = await director.request({ method: 'GET', url: '/api/detainees?merged=yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('merged');
    const hits = (
      await director.request({
        method: 'GET',
        url: '/api/detainees/search?q=Fictional%20Mergetest%20Absorbed',
      })
    ).json().items;
    expect(hits.map((h: { id: string }) => h.id)).not.toContain(absorbed);
    expect(hits[0]?.id).toBe(survivor); // its names now live on the survivor

    const page = (await director.request({ method: 'GET', url: `/api/detainees/${absorbed}` })).json();
    const survivorPage = (
      await director.request({ method: 'GET', url: `/api/detainees/${survivor}` })
    ).json();
    const survivorNumber = survivorPage.number;
    // The survivor's page names the record merged into it.
    expect(survivorPage.mergedFrom).toEqual([{ id: absorbed, number }]);
    expect(page.mergedFrom).toEqual([]);
    expect(page.mergedInto).toBe(survivor);
    expect(page.mergedIntoNumber).toBe(survivorNumber);
    expect(page.status).toBe('merged');
    expect(page.cellId).toBeNull();
    const record = (
      await director.request({ method: 'GET', url: `/api/detainees/${absorbed}/record` })
    ).json();
    expect(record.mergedInto).toBe(survivor);
    expect(record.mergedIntoNumber).toBe(survivorNumber);

    const patch = await director.request({
      method: 'PATCH',
      url: `/api/detainees/${absorbed}`,
      payload: { arrestPlace: 'elsewhere' },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().message).toContain(survivorNumber);
    const family = await intake.request({
      method: 'POST',
      url: `/api/detainees/${absorbed}/family`,
      payload: { relation: 'child', name: 'Fictional Child', age: 4 },
    });
    expect(family.statusCode).toBe(409);
  });
});

describe('merge refusals and custody', () => {
  it('refuses to merge two records a non-association directive keeps apart, until it is closed', async () => {
    const a = await admit({ names: [{ name: 'Fictional Apart One', script: 'latin', kind: 'legal' }] });
    const b = await admit({ names: [{ name: 'Fictional Apart Two', script: 'latin', kind: 'legal' }] });
    const directive = await analyst.request({
      method: 'POST',
      url: '/api/intelligence/directives',
      payload: { a: b, b: a, scope: 'wing', reason: 'threats (test)', authorisedBy: 'Director' },
    });
    expect(directive.statusCode, directive.body).toBe(201);
    const directiveId = directive.json().id;

    const refused = await merge(a, b);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('kept_apart');
    expect(refused.json().field).toBe('absorbedId');
    expect(refused.json().message).toContain(directiveId);
    expect(refused.json().message).toContain('non-association');
    // Nothing changed.
    expect(
      (await director.request({ method: 'GET', url: `/api/detainees/${b}` })).json().mergedInto,
    ).toBeNull();

    const closed = await analyst.request({
      method: 'POST',
      url: `/api/intelligence/directives/${directiveId}/close`,
      payload: { reason: 'found to be one person (test)' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await merge(a, b)).statusCode).toBe(201);
  });

  it('merges two records held in different cells into one person in one cell, and an unmerge puts both back', async () => {
    const { cellId, cell2Id } = t.seed.s1;
    const survivor = await admit({
      names: [{ name: 'Fictional Twocells One', script: 'latin', kind: 'legal' }],
      cellId,
    });
    const absorbed = await admit({
      names: [{ name: 'Fictional Twocells Two', script: 'latin', kind: 'legal' }],
      cellId: cell2Id,
    });
    const held = async (cell: string) =>
      (
        await t.services.db
          .selectFrom('detainees')
          .select('id')
          .where('cell_id', '=', cell)
          .where('status', '=', 'in_custody')
          .execute()
      ).map((r) => r.id);
    expect(await held(cell2Id)).toContain(absorbed);

    const merged = await merge(survivor, absorbed);
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json().vacatedCellId).toBe(cell2Id);
    expect(await held(cell2Id)).not.toContain(absorbed);
    expect(await held(cellId)).toContain(survivor);
    const population = await t.services.register.populationFacts();
    expect(population.filter((p) => [survivor, absorbed].includes(p.id)).map((p) => p.id)).toEqual([
      survivor,
    ]);

    const undone = await director.request({
      method: 'POST',
      url: `/api/identity/merges/${merged.json().id}/unmerge`,
      payload: { reason: 'two people after all (test)' },
    });
    expect(undone.statusCode, undone.body).toBe(200);
    const back = (await director.request({ method: 'GET', url: `/api/detainees/${absorbed}` })).json();
    expect(back).toMatchObject({ status: 'in_custody', cellId: cell2Id, mergedInto: null });
    expect(
      (await director.request({ method: 'GET', url: `/api/detainees/${survivor}` })).json().mergedFrom,
    ).toEqual([]);
  });

  it('takes records merged before the change out of the population, and an unmerge gives their custody back', async () => {
    const { cell2Id } = t.seed.s1;
    const survivor = await admit({
      names: [{ name: 'Fictional Oldmerge One', script: 'latin', kind: 'legal' }],
    });
    const absorbed = await admit({
      names: [{ name: 'Fictional Oldmerge Two', script: 'latin', kind: 'legal' }],
      cellId: cell2Id,
    });
    const merged = await merge(survivor, absorbed);
    expect(merged.statusCode, merged.body).toBe(201);
    // As a merge made before migration 0012 left it.
    const db = t.services.db;
    await db
      .updateTable('detainees')
      .set({ status: 'in_custody', cell_id: cell2Id })
      .where('id', '=', absorbed)
      .execute();
    await db
      .updateTable('detainee_merges')
      .set({ absorbed_status: null, absorbed_cell_id: null })
      .where('id', '=', merged.json().id)
      .execute();

    await takeMergedOutOfPopulation(db);
    const row = await db
      .selectFrom('detainees')
      .select(['status', 'cell_id'])
      .where('id', '=', absorbed)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'merged', cell_id: null });
    const undone = await director.request({
      method: 'POST',
      url: `/api/identity/merges/${merged.json().id}/unmerge`,
      payload: { reason: 'two people after all (test)' },
    });
    expect(undone.statusCode, undone.body).toBe(200);
    const back = (await director.request({ method: 'GET', url: `/api/detainees/${absorbed}` })).json();
    expect(back).toMatchObject({ status: 'in_custody', cellId: cell2Id });
  });

  it('refuses to merge a held record into a released one', async () => {
    const released = await admit({
      names: [{ name: 'Fictional Earlier Custody', script: 'latin', kind: 'legal' }],
    });
    const release = await director.request({
      method: 'PATCH',
      url: `/api/detainees/${released}`,
      payload: { status: 'released' },
    });
    expect(release.statusCode, release.body).toBe(200);
    const held = await admit({ names: [{ name: 'Fictional Held Now', script: 'latin', kind: 'legal' }] });
    const refused = await merge(released, held);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('survivor_not_held');
    expect(refused.json().field).toBe('survivorId');
    expect((await merge(held, released)).statusCode).toBe(201);
  });
});

describe('the periodic duplicate scan', () => {
  it('files pairs among records changed since the last run, once, and never a pair already decided', async () => {
    const actor = systemActor('duplicate-scan');
    const merges = t.services.registerRecord.merges;
    t.clock.advance({ minutes: 1 });
    await merges.scanChanged(actor); // everything so far
    expect(await merges.scanChanged(actor)).toEqual({ screened: 0, added: 0 });

    const one = await admit({
      names: [{ name: 'Mahmoud Abdulkarim Jasim al-Dulaimi', script: 'latin', kind: 'legal' }],
      dob: '1983-04-12',
    });
    const two = await admit({
      names: [{ name: 'محمود عبد الكريم جاسم الدليمي', script: 'arabic', kind: 'legal' }],
      dob: '1983-04-12',
    });
    // Just written: left to the next run, in case a transaction is still committing.
    expect((await merges.scanChanged(actor)).screened).toBe(0);
    t.clock.advance({ minutes: 1 });
    const first = await merges.scanChanged(actor);
    expect(first.screened).toBe(2);
    expect(first.added).toBe(1);
    const open = await t.services.db
      .selectFrom('identity_candidates')
      .selectAll()
      .where('source', '=', 'register-scan')
      .where((eb) => eb.or([eb('detainee_a', '=', one), eb('detainee_b', '=', one)]))
      .execute();
    expect(open).toHaveLength(1);
    expect(new Set([open[0].detainee_a, open[0].detainee_b])).toEqual(new Set([one, two]));
    expect(JSON.parse(open[0].evidence).length).toBeGreaterThan(0);

    // Found to be two people; a later change to one of them does not file the pair again.
    const dismissed = await director.request({
      method: 'POST',
      url: `/api/identity/candidates/${open[0].id}/not-same`,
      payload: { reason: 'brothers (test)' },
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    await director.request({
      method: 'PATCH',
      url: `/api/detainees/${two}`,
      payload: { arrestPlace: 'Town B' },
    });
    t.clock.advance({ minutes: 1 });
    expect(await merges.scanChanged(actor)).toEqual({ screened: 1, added: 0 });
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('changes')
      .where('action', '=', 'identity.scan')
      .execute();
    expect(audit.some((a) => String(a.changes).includes('"added":1'))).toBe(true);
  });
});
