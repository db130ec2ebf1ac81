import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allocate, checkPlan } from '../../src/engines/housing';
import { SECURITY_ADVICE } from '../../src/modules/housing';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, newDetaineeBody, type TestApp } from '../helpers/test-app';

/**
 * Housing on a real store: the instance built from the database, plans approved all at once or
 * refused when stale, an officer's move blocked or warned, segregation's Rule 44 watch, and
 * directives whose history is kept.
 */
let t: TestApp;
// Log-ins hash with argon2: on a busy machine a test with several of them needs time.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const sys = systemActor('housing-test');
let n = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cell = async (wingId: string, capacity: number, use?: 'general' | 'segregation' | 'medical') =>
  (await t.services.estate.createCell(sys, wingId, { code: `T${++n}`, capacity, use })).id;
const wing = async (sex: 'M' | 'F', ageGroup: 'adult' | 'juvenile' = 'adult') =>
  (
    await t.services.estate.createWing(sys, t.seed.s1.blockId, {
      code: `TW${++n}`,
      name: `Test wing ${n}`,
      sex,
      ageGroup,
    })
  ).id;
const detainee = async (overrides: Record<string, unknown> = {}) => {
  const d = await t.services.register.create(
    sys,
    newDetaineeBody(t.seed.s1.id, { number: `HT-${++n}`, ...overrides }) as never,
  );
  return d;
};
const cellOf = async (id: string) => (await t.services.register.read(id))!.cellId;

describe('plans', () => {
  it('builds an instance from the database that the engine plans validly; approval moves everyone at once with history and audit', async () => {
    const w1 = await wing('M');
    const w2 = await wing('M');
    const cells = [await cell(w1, 4), await cell(w1, 4), await cell(w2, 4), await cell(w2, 4)];
    // A network of four housed together in one cell by a naive past policy, and two arrivals.
    const net: { id: string }[] = [];
    for (let i = 0; i < 4; i++) net.push(await detainee({ cellId: cells[0] }));
    const arrivals = [await detainee({ status: 'arriving' }), await detainee({ status: 'arriving' })];
    const { intelligence, housing } = t.services.housing;
    for (let i = 0; i < 4; i++)
      for (let j = i + 1; j < 4; j++)
        await intelligence.createLink(sys, {
          a: net[i].id,
          b: net[j].id,
          kind: 'same-unit',
          weight: 1,
          source: 'case file',
        });
    await intelligence.classify(sys, net[0].id, {
      risk: 'critical',
      role: 'leader',
      reason: 'named by three co-accused',
    });

    const { instance } = await housing.buildInstance(sys, { siteIds: [t.seed.s1.id], moveBudget: 10 });
    expect(instance.detainees.find((d) => d.id === net[0].id)?.role).toBe('leader');
    const enginePlan = allocate(instance, { timeLimitMs: 1000, seed: 1 });
    expect(checkPlan(instance, enginePlan.assignments).valid).toBe(true);

    const plan = await housing.propose(sys, {
      kind: 'replan',
      siteIds: [t.seed.s1.id],
      moveBudget: 10,
      timeLimitSeconds: 1,
    });
    expect(plan.status).toBe('proposed');
    expect(plan.costAfter).toBeLessThan(plan.costBefore);
    expect(plan.linksBrokenUp.length).toBeGreaterThan(0);
    expect(plan.moves.some((m) => arrivals.some((a) => a.id === m.detaineeId) && m.fromCellId === null)).toBe(
      true,
    );
    // Nothing moved yet.
    for (const d of net) expect(await cellOf(d.id)).toBe(cells[0]);

    const analyst = await t.login('analyst');
    const res = await analyst.request({
      method: 'POST',
      url: `/api/housing/plans/${plan.id}/approve`,
      payload: { note: 'agreed' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    for (const m of plan.moves) expect(await cellOf(m.detaineeId)).toBe(m.toCellId);
    // The leader is alone in a cell now.
    const leaderCell = await cellOf(net[0].id);
    const mates = await t.services.db
      .selectFrom('detainees')
      .select('id')
      .where('cell_id', '=', leaderCell)
      .execute();
    expect(mates).toHaveLength(1);
    const moved = plan.moves[0];
    const history = await housing.moveHistory(sys, moved.detaineeId);
    expect(history[0]).toMatchObject({
      planId: plan.id,
      fromCellId: moved.fromCellId,
      toCellId: moved.toCellId,
    });
    const audits = await t.services.db
      .selectFrom('audit_entries')
      .select('action')
      .where('subject_id', '=', moved.detaineeId)
      .where('action', '=', 'detainee.move')
      .execute();
    expect(audits).toHaveLength(1);
    // The state after the plan is valid in a fresh instance too.
    const after = await housing.buildInstance(sys, { siteIds: [t.seed.s1.id], moveBudget: 0 });
    const assignments = Object.fromEntries(
      after.instance.detainees.filter((d) => d.currentCell).map((d) => [d.id, d.currentCell!]),
    );
    const check = checkPlan(
      { ...after.instance, detainees: after.instance.detainees.filter((d) => d.currentCell) },
      assignments,
    );
    expect(
      check.violations.nonAssociation +
        check.violations.singleCell +
        check.violations.overCapacity +
        check.violations.cellStatus,
    ).toBe(0);
  });

  it('refuses a stale plan with the reason and moves nobody', async () => {
    const w1 = await wing('M');
    const c1 = await cell(w1, 4);
    const c2 = await cell(w1, 4);
    const a = await detainee({ cellId: c1 });
    const b = await detainee({ cellId: c1 });
    const arriving = await detainee({ status: 'arriving' });
    const { intelligence, housing } = t.services.housing;
    await intelligence.createDirective(sys, {
      a: a.id,
      b: b.id,
      scope: 'cell',
      reason: 'threats',
      authorisedBy: 'Security chief',
    });
    const plan = await housing.propose(sys, {
      kind: 'replan',
      siteIds: [t.seed.s1.id],
      moveBudget: 5,
      timeLimitSeconds: 1,
    });
    const moveOfA = plan.moves.find((m) => m.detaineeId === a.id || m.detaineeId === b.id);
    expect(moveOfA, 'the directive forces one of the two out').toBeDefined();
    expect(plan.moves.some((m) => m.detaineeId === arriving.id)).toBe(true);
    // Meanwhile an officer moves the one the plan wanted to move.
    const who = moveOfA!.detaineeId;
    const target = [c2, await cell(w1, 2)].find((c) => c !== moveOfA!.toCellId)!;
    await housing.move(sys, who, { toCellId: target, reason: 'fight in the cell' });
    const before = await Promise.all([a.id, b.id, arriving.id].map(cellOf));

    const analyst = await t.login('analyst');
    const res = await analyst.request({
      method: 'POST',
      url: `/api/housing/plans/${plan.id}/approve`,
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/has moved since the plan was made/);
    expect(await Promise.all([a.id, b.id, arriving.id].map(cellOf))).toEqual(before);
    const stale = await housing.getPlan(sys, plan.id);
    expect(stale.status).toBe('stale');
    expect(stale.reviewNote).toMatch(/moved since/);
  });

  it('refuses a plan whose target cell went out of service', async () => {
    const w1 = await wing('F');
    await cell(w1, 2);
    await cell(w1, 2);
    const d = await detainee({ sex: 'F', status: 'arriving' });
    const plan = await t.services.housing.housing.proposeForDetainees(sys, [d.id], {
      siteIds: [t.seed.s1.id],
    });
    expect(plan.kind).toBe('placement');
    const move = plan.moves.find((m) => m.detaineeId === d.id)!;
    expect(move.fromCellId).toBeNull();
    await t.services.estate.updateCell(sys, move.toCellId, { outOfService: true, reason: 'drone strike' });
    await expect(t.services.housing.housing.approvePlan(sys, plan.id)).rejects.toThrow(/out of service/);
    expect(await cellOf(d.id)).toBeNull();
  });
});

describe("an officer's move", () => {
  it('is blocked by category rules and directives, and warned by links: reasons only for intelligence roles', async () => {
    const men = await wing('M');
    const women = await wing('F');
    const from = await cell(men, 4);
    const target = await cell(men, 4);
    const small = await cell(men, 1);
    const womensCell = await cell(women, 4);
    const mover = await detainee({ cellId: from });
    const cellmate = await detainee({
      cellId: target,
      names: [{ name: 'Khalid Test Linked', script: 'latin', kind: 'legal' }],
    });
    await detainee({ cellId: small });
    const convictedCell = await cell(men, 4);
    await detainee({ cellId: convictedCell, legalStatus: 'convicted' });
    const link = await t.services.housing.intelligence.createLink(sys, {
      a: mover.id,
      b: cellmate.id,
      kind: 'seized-device',
      weight: 0.9,
      source: 'phone seized 2026-02-01',
    });

    const officer = await t.login('officer1');
    const commander = await t.login('commander1');
    const check = async (s: typeof officer, toCellId: string) =>
      (
        await s.request({ method: 'GET', url: `/api/detainees/${mover.id}/move-check?toCellId=${toCellId}` })
      ).json();

    expect((await check(officer, womensCell)).blocks).toEqual([
      expect.stringMatching(/designated for women/),
    ]);
    expect((await check(officer, small)).blocks).toEqual([expect.stringMatching(/full/)]);
    expect((await check(officer, convictedCell)).blocks).toEqual([expect.stringMatching(/convicted/)]);

    // A warning: the commander reads why, the officer only the neutral advice.
    const forCommander = await check(commander, target);
    expect(forCommander).toMatchObject({ allowed: true, requiresConfirmation: true });
    expect(forCommander.warnings[0]).toMatch(cellmate.number);
    expect(forCommander.warnings[0]).toMatch(/seized-device/);
    const forOfficer = await check(officer, target);
    expect(forOfficer.warnings).toEqual([SECURITY_ADVICE]);
    expect(JSON.stringify(forOfficer)).not.toMatch(new RegExp(`${cellmate.number}|Khalid|seized|phone`));

    const first = await officer.request({
      method: 'POST',
      url: `/api/detainees/${mover.id}/moves`,
      payload: { toCellId: target, reason: 'cell repair' },
    });
    expect(first.statusCode).toBe(409);
    expect(first.json()).toMatchObject({ error: 'confirmation_required' });
    expect(first.json().message).not.toMatch(/Khalid|seized/);
    expect(await cellOf(mover.id)).toBe(from);

    // A directive blocks (and the officer is not told with whom or why).
    const directive = await t.services.housing.intelligence.createDirective(sys, {
      a: mover.id,
      b: cellmate.id,
      scope: 'wing',
      reason: 'planned an escape together',
      authorisedBy: 'Security chief',
    });
    const blocked = await officer.request({
      method: 'POST',
      url: `/api/detainees/${mover.id}/moves`,
      payload: { toCellId: target, reason: 'cell repair', confirm: true },
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe('move_blocked');
    expect(blocked.json().message).not.toMatch(/escape|Khalid/);
    expect((await check(commander, target)).blocks.join()).toMatch(/planned an escape together/);

    // Closing the directive keeps its history and lifts the block; the link still warns; confirmed, the move is done.
    await t.services.housing.intelligence.closeDirective(sys, directive.id, 'the escape plan was disproved');
    const confirmed = await officer.request({
      method: 'POST',
      url: `/api/detainees/${mover.id}/moves`,
      payload: { toCellId: target, reason: 'cell repair', confirm: true },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(await cellOf(mover.id)).toBe(target);
    const officerHistory = (
      await officer.request({ method: 'GET', url: `/api/detainees/${mover.id}/moves` })
    ).json();
    expect(officerHistory[0]).toMatchObject({
      fromCellId: from,
      toCellId: target,
      reason: 'cell repair',
      warningsConfirmed: [],
    });
    const analystHistory = (
      await (await t.login('analyst')).request({ method: 'GET', url: `/api/detainees/${mover.id}/moves` })
    ).json();
    expect(analystHistory[0].warningsConfirmed[0]).toMatch(/seized-device/);
    expect(link.active).toBe(true);
  });
});

describe('directives', () => {
  it('keeps every version and the closing', async () => {
    const a = await detainee();
    const b = await detainee();
    const { intelligence } = t.services.housing;
    const d = await intelligence.createDirective(sys, {
      a: a.id,
      b: b.id,
      scope: 'cell',
      reason: 'feud',
      authorisedBy: 'Security chief',
      reviewDate: '2026-04-01',
    });
    await intelligence.updateDirective(sys, d.id, { scope: 'block', reason: 'feud, now with threats' });
    await intelligence.closeDirective(sys, d.id, 'reconciled before the judge');
    const { current, versions } = await intelligence.getDirective(sys, d.id);
    expect(versions).toHaveLength(2);
    expect(current).toMatchObject({
      version: 2,
      scope: 'block',
      active: false,
      closeReason: 'reconciled before the judge',
    });
    expect(versions[1]).toMatchObject({ version: 1, scope: 'cell', reason: 'feud' });
    expect(versions[1].supersededAt).not.toBeNull();
    expect((await intelligence.listDirectives(sys, { detaineeId: a.id })).length).toBe(0);
    expect((await intelligence.listDirectives(sys, { detaineeId: a.id, includeClosed: true })).length).toBe(
      1,
    );
    await expect(intelligence.updateDirective(sys, d.id, { reason: 'x' })).rejects.toThrow(/closed/);
  });
});

describe('segregation', () => {
  it('alerts on day 13 and flags a breach beyond 15 consecutive days', async () => {
    const segCell = await cell(t.seed.s1.wingId, 1, 'segregation');
    const d = await detainee({ cellId: await cell(t.seed.s1.wingId, 2) });
    const start = t.clock.now();
    const seg = await t.services.housing.segregation.start(sys, d.id, {
      reason: 'attack on an officer',
      authority: 'Commander, North Test Site',
      plannedEnd: new Date(start.getTime() + 14 * 86_400_000).toISOString(),
    });
    expect(seg).toMatchObject({ active: true, day: 1, breach: false });
    // Into the segregation unit: allowed for a segregated detainee, not for others.
    expect((await t.services.housing.housing.checkMove(sys, d.id, segCell)).allowed).toBe(true);
    const watch = t.services.housing.segregation;
    try {
      t.clock.set(new Date(start.getTime() + 11 * 86_400_000 + 3_600_000)); // day 12
      expect(await watch.checkSegregation(t.clock.now())).toEqual({ alerted: [], breached: [] });
      t.clock.set(new Date(start.getTime() + 12 * 86_400_000 + 3_600_000)); // day 13
      expect((await watch.checkSegregation(t.clock.now())).alerted).toEqual([seg.id]);
      expect((await watch.checkSegregation(t.clock.now())).alerted).toEqual([]);
      const day13 = await t.services.db
        .selectFrom('alerts')
        .selectAll()
        .where('subject_id', '=', d.id)
        .where('kind', '=', 'segregation.day13')
        .execute();
      expect(day13).toHaveLength(1);
      t.clock.set(new Date(start.getTime() + 15 * 86_400_000 - 60_000)); // still day 15
      expect((await watch.checkSegregation(t.clock.now())).breached).toEqual([]);
      t.clock.set(new Date(start.getTime() + 15 * 86_400_000 + 3_600_000)); // day 16
      expect((await watch.checkSegregation(t.clock.now())).breached).toEqual([seg.id]);
      const breach = await t.services.db
        .selectFrom('alerts')
        .selectAll()
        .where('subject_id', '=', d.id)
        .where('kind', '=', 'segregation.breach')
        .execute();
      expect(breach).toHaveLength(1);
      expect(breach[0].severity).toBe('critical');
      const officer = await t.login('officer1');
      const list = (
        await officer.request({ method: 'GET', url: `/api/sites/${t.seed.s1.id}/segregations` })
      ).json();
      expect(list[0]).toMatchObject({ id: seg.id, day: 16, breach: true });
      // A medical check's note is for medical eyes only.
      await watch.addReview(sys, seg.id, 'medical', { outcome: 'fit', note: 'blood pressure high' });
      const seen = (
        await officer.request({ method: 'GET', url: `/api/detainees/${d.id}/segregations` })
      ).json();
      expect(seen[0].reviews[0]).toMatchObject({ kind: 'medical', outcome: 'fit', note: '' });
      const ended = await watch.end(sys, seg.id, 'review board: back to the wing');
      expect(ended.active).toBe(false);
    } finally {
      t.clock.set(start);
    }
  });
});

describe('networks', () => {
  it('finds the communities in the active links', async () => {
    const a = await detainee();
    const b = await detainee();
    const c = await detainee();
    const { intelligence } = t.services.housing;
    await intelligence.createLink(sys, { a: a.id, b: b.id, kind: 'family', weight: 1, source: 'visits' });
    await intelligence.createLink(sys, { a: b.id, b: c.id, kind: 'observed', weight: 1, source: 'yard' });
    const res = await (
      await t.login('analyst')
    ).request({ method: 'GET', url: `/api/intelligence/networks?siteId=${t.seed.s1.id}` });
    expect(res.statusCode).toBe(200);
    const networks = res.json().networks as { members: { id: string }[] }[];
    expect(networks.some((n) => [a.id, b.id, c.id].every((id) => n.members.some((m) => m.id === id)))).toBe(
      true,
    );
  });
});

describe('four eyes on a housing plan', () => {
  it('refuses the proposer their own approval; another analyst, commander or director approves', async () => {
    await detainee({ status: 'arriving' });
    const analyst = await t.login('analyst');
    const proposed = await analyst.request({
      method: 'POST',
      url: '/api/housing/plans',
      payload: { kind: 'placement', siteIds: [t.seed.s1.id], timeLimitSeconds: 0.5 },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const plan = proposed.json();
    const me = (await analyst.request({ method: 'GET', url: '/api/auth/me' })).json();
    expect(plan.proposedById).toBe(me.id);
    const own = await analyst.request({
      method: 'POST',
      url: `/api/housing/plans/${plan.id}/approve`,
      payload: {},
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toMatch(/somebody other than the person who proposed it/);
    expect((await t.services.housing.housing.getPlan(sys, plan.id)).status).toBe('proposed');
    const director = await t.login('director');
    const approved = await director.request({
      method: 'POST',
      url: `/api/housing/plans/${plan.id}/approve`,
      payload: { note: 'second pair of eyes' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', reviewedBy: 'director' });
  });
});
