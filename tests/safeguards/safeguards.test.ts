import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { ComplianceService, type RuleId } from '../../src/modules/safeguards';
import { createTestApp, newDetaineeBody, type Session, type TestApp } from '../helpers/test-app';

const actor = systemActor('safeguards-test');
let t: TestApp;
let n = 0;
const START = '2026-03-01T08:00:00.000Z';

/** A detainee at S1, admitted yesterday so that Rule 61 does not fire unless a case wants it. */
async function detainee(overrides: Record<string, unknown> = {}): Promise<string> {
  n++;
  const body = newDetaineeBody(t.seed.s1.id, {
    number: `SG-${String(n).padStart(4, '0')}`,
    admittedAt: new Date(Date.parse(t.clock.now().toISOString()) - 86_400_000).toISOString(),
    arrestedAt: new Date(Date.parse(t.clock.now().toISOString()) - 2 * 86_400_000).toISOString(),
    legalBasis: {
      basis: 'judicial order',
      authority: 'Investigating Court 3',
      from: t.clock.now().toISOString().slice(0, 10),
    },
    ...overrides,
  });
  return (
    await t.services.register.create(actor, body as Parameters<TestApp['services']['register']['create']>[1])
  ).id;
}

async function findings(rule: RuleId, detaineeId?: string) {
  const report = await t.services.safeguards.compliance.report(actor, { rule });
  return report.findings.filter((f) => !detaineeId || f.detaineeId === detaineeId);
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('compliance rules (a fixture that breaks each, then puts it right)', () => {
  it('Rule 44: segregation beyond 15 consecutive days, then ended', async () => {
    t.clock.set(START);
    const id = await detainee();
    const seg = await t.services.housing.segregation.start(actor, id, {
      reason: 'threats to staff',
      authority: 'Commander',
      plannedEnd: '2026-03-10T08:00:00.000Z',
    });
    t.clock.set('2026-03-15T08:00:00.000Z'); // day 15: not yet
    expect(await findings('rule44-segregation', id)).toHaveLength(0);
    t.clock.set('2026-03-16T09:00:00.000Z'); // day 16
    const [f] = await findings('rule44-segregation', id);
    expect(f).toMatchObject({
      rule: 'rule44-segregation',
      since: '2026-03-16T08:00:00.000Z',
      mustAct: 'commander',
      article: 'Mandela Rule 44',
    });
    expect(f.detaineeNumber).toMatch(/^SG-/);
    await t.services.housing.segregation.end(actor, seg.id, 'returned to the wing');
    expect(await findings('rule44-segregation', id)).toHaveLength(0);
  });

  it("Rule 11: untried with convicted in a cell, then moved apart; a woman in a men's wing", async () => {
    t.clock.set(START);
    const a = await detainee({ cellId: t.seed.s1.cellId, legalStatus: 'untried' });
    const b = await detainee({ cellId: t.seed.s1.cellId, legalStatus: 'convicted' });
    const fs = await findings('rule11-separation');
    expect(fs.map((f) => f.detaineeId).sort()).toEqual([a, b].sort());
    expect(fs[0].mustAct).toBe('commander');
    t.clock.advance({ hours: 1 });
    await t.services.housing.housing.move(actor, b, {
      toCellId: t.seed.s1.cell2Id,
      reason: 'separation of categories',
      confirm: true,
    });
    expect(await findings('rule11-separation')).toHaveLength(0);
    const w = await detainee({ cellId: t.seed.s1.cellId, sex: 'F' });
    const mixed = await findings('rule11-separation');
    expect(mixed.map((f) => f.detaineeId)).toEqual([w]);
    expect(mixed[0].detail).toMatch(/woman/);
    // Put right by release: nobody left to separate.
    await t.services.db.transaction().execute((trx) =>
      t.services.register.setStatusMany(
        trx,
        actor,
        [w, a, b].map((id) => ({ id, status: 'released' as const, cellId: null })),
        'test: released',
      ),
    );
    expect(await findings('rule11-separation')).toHaveLength(0);
  });

  it('VCCR Art. 36: a foreign national with no consular decision, then asked', async () => {
    t.clock.set(START);
    const own = await detainee({ nationalities: ['IQ'] });
    const id = await detainee({ nationalities: ['TR'] });
    const fs = await findings('vccr36-consular');
    expect(fs.map((f) => f.detaineeId)).toContain(id);
    expect(fs.map((f) => f.detaineeId)).not.toContain(own);
    expect(fs.find((f) => f.detaineeId === id)!.mustAct).toBe('liaison');
    const rec = await t.services.consular.create(actor, { detaineeId: id, country: 'TR' });
    await t.services.consular.addEvent(actor, rec.id, { type: 'informed', occurredAt: START });
    expect((await findings('vccr36-consular', id)).length).toBe(1);
    await t.services.consular.addEvent(actor, rec.id, { type: 'declined', occurredAt: START });
    expect(await findings('vccr36-consular', id)).toHaveLength(0);
  });

  it('Rules 68-69 and 71: the family and the authority not told by the deadline, then told', async () => {
    t.clock.set(START);
    const id = await detainee();
    const authority = await t.services.notifications.createManual(actor, {
      siteId: t.seed.s1.id,
      kind: 'authority_serious_injury',
      detaineeId: id,
    });
    const family = await t.services.notifications.createManual(actor, {
      siteId: t.seed.s1.id,
      kind: 'family_serious_illness',
      detaineeId: id,
    });
    expect(await findings('rule71-authority', id)).toHaveLength(0);
    t.clock.advance({ hours: 25 });
    const [r71] = await findings('rule71-authority', id);
    expect(r71).toMatchObject({ mustAct: 'director', since: authority.dueAt });
    const [r69] = await findings('rule68-69-family', id);
    expect(r69).toMatchObject({ mustAct: 'commander', since: family.dueAt });
    await t.services.notifications.complete(actor, authority.id, {
      note: 'reported to the independent authority, ref IA-1',
    });
    await t.services.notifications.complete(actor, family.id, { note: 'brother told by telephone' });
    expect(await findings('rule71-authority', id)).toHaveLength(0);
    expect(await findings('rule68-69-family', id)).toHaveLength(0);
  });

  it('Rule 61: no lawyer visit within the set days, then a visit', async () => {
    t.clock.set(START);
    const id = await detainee();
    t.clock.advance({ days: 28 }); // 29 days since admission
    expect(await findings('rule61-lawyer', id)).toHaveLength(0);
    t.clock.advance({ days: 2 }); // 31
    const [f] = await findings('rule61-lawyer', id);
    expect(f).toMatchObject({ mustAct: 'legal' });
    await t.services.legal.addLawyerVisit(actor, id, {
      lawyerName: 'A. Advocate',
      visitedAt: t.clock.now().toISOString(),
    });
    expect(await findings('rule61-lawyer', id)).toHaveLength(0);
  });

  it('legal limit: held with no valid basis, then a basis recorded', async () => {
    t.clock.set(START);
    const id = await detainee({ legalBasis: undefined });
    const [f] = await findings('legal-limit', id);
    expect(f).toMatchObject({ mustAct: 'legal' });
    expect(f.key).toContain('no_basis');
    await t.services.register.addLegalBasis(actor, id, {
      basis: 'judicial order',
      authority: 'Investigating Court 3',
      from: '2026-02-27',
    });
    expect(await findings('legal-limit', id)).toHaveLength(0);
  });

  it('Rule 68: a transfer out with no family notice after 72 hours, then a notice done', async () => {
    t.clock.set(START);
    const id = await detainee();
    const m = await t.services.intake.movements.create(actor, {
      detaineeId: id,
      kind: 'authority-transfer',
      destination: 'Central Prison (fictional)',
      scheduledFor: '2026-03-01T10:00:00.000Z',
    });
    const handover = { handedOverBy: 'Officer A', receivedBy: 'Officer B', place: 'gate 1' };
    await t.services.intake.movements.advance(actor, m.id, { status: 'in_transit', handover });
    await t.services.intake.movements.advance(actor, m.id, { status: 'completed', handover });
    t.clock.advance({ hours: 71 });
    expect(await findings('rule68-transfer', id)).toHaveLength(0);
    t.clock.advance({ hours: 2 });
    const [f] = await findings('rule68-transfer', id);
    expect(f).toMatchObject({ mustAct: 'commander', since: '2026-03-04T08:00:00.000Z' });
    const task = await t.services.notifications.createManual(actor, {
      siteId: t.seed.s1.id,
      kind: 'family_transfer',
      detaineeId: id,
    });
    await t.services.notifications.complete(actor, task.id, { note: 'mother told of the transfer' });
    expect(await findings('rule68-transfer', id)).toHaveLength(0);
  });

  it('every rule is evaluated on the full platform; a rule whose data source is missing says so instead of reporting zero', async () => {
    const report = await t.services.safeguards.compliance.report(actor);
    expect(report.rules.every((r) => r.evaluated && r.note === null)).toBe(true);
    const bare = new ComplianceService(
      t.services.db,
      t.clock,
      t.services.alerts,
      { sites: async () => [], population: async () => [] },
      t.services.safeguards.compliance.options,
    );
    const rules = (await bare.report(actor)).rules;
    expect(rules.find((r) => r.rule === 'rule68-transfer')).toMatchObject({
      evaluated: false,
      note: 'not evaluated: intake, incidents missing',
      open: 0,
    });
    expect(rules.find((r) => r.rule === 'rule61-lawyer')).toMatchObject({
      evaluated: false,
      note: 'not evaluated: legal missing',
    });
  });
});

describe('resolution', () => {
  it('needs a reason, is audited, keeps the finding listed, and lapses while the condition holds', async () => {
    t.clock.set(START);
    const id = await detainee({ nationalities: ['RU'] });
    const [f] = await findings('vccr36-consular', id);
    const director = await t.login('director');
    const empty = await director.request({
      method: 'POST',
      url: '/api/compliance/resolve',
      payload: { key: f.key, reason: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('reason');
    const blank = await director.request({
      method: 'POST',
      url: '/api/compliance/resolve',
      payload: { key: f.key, reason: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().field).toBe('reason');
    const ok = await director.request({
      method: 'POST',
      url: '/api/compliance/resolve',
      payload: { key: f.key, reason: 'interpreter booked; asked on Monday' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().resolution.reason).toBe('interpreter booked; asked on Monday');
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'compliance.resolve')
      .where('subject_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    // Not hidden: listed, marked resolved.
    const [still] = await findings('vccr36-consular', id);
    expect(still.resolution).not.toBeNull();
    // The condition still holds after the resolution's days: open again, the history kept.
    t.clock.advance({ days: 8 });
    const [back] = await findings('vccr36-consular', id);
    expect(back.resolution).toBeNull();
    const again = await t.login('director');
    const history = await again.request({
      method: 'GET',
      url: `/api/compliance/resolutions?key=${encodeURIComponent(f.key)}`,
    });
    expect(history.json()).toHaveLength(1);
  });

  it('the job raises an alert once per open finding and again when a finding returns', async () => {
    t.clock.set('2026-04-01T08:00:00.000Z');
    const id = await detainee({ nationalities: ['CA'] });
    const first = await t.services.safeguards.compliance.evaluateCompliance(t.clock.now());
    expect(first.raised).toBeGreaterThan(0);
    const again = await t.services.safeguards.compliance.evaluateCompliance(t.clock.now());
    expect(again.raised).toBe(0);
    const alerts = await t.services.db
      .selectFrom('alerts')
      .selectAll()
      .where('subject_id', '=', id)
      .where('kind', '=', 'compliance.vccr36-consular')
      .execute();
    expect(alerts).toHaveLength(1);
    const [f] = await findings('vccr36-consular', id);
    await t.services.safeguards.compliance.resolve(actor, f.key, 'asked, answer awaited');
    t.clock.advance({ days: 8 });
    await t.services.safeguards.compliance.evaluateCompliance(t.clock.now());
    expect(
      await t.services.db
        .selectFrom('alerts')
        .selectAll()
        .where('subject_id', '=', id)
        .where('kind', '=', 'compliance.vccr36-consular')
        .execute(),
    ).toHaveLength(2);
  });

  it("a finding outside the caller's sites cannot be resolved (404)", async () => {
    t.clock.set(START);
    const id = await detainee({ nationalities: ['DE'] });
    const [f] = await findings('vccr36-consular', id);
    const other = await t.login('officer2');
    expect(
      (
        await other.request({
          method: 'POST',
          url: '/api/compliance/resolve',
          payload: { key: f.key, reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const commander = await t.login('commander1');
    const s2 = (
      await t.services.register.create(
        actor,
        newDetaineeBody(t.seed.s2.id, { number: 'SG-S2-1', nationalities: ['FR'] }) as Parameters<
          TestApp['services']['register']['create']
        >[1],
      )
    ).id;
    const [g] = await findings('vccr36-consular', s2);
    expect(
      (
        await commander.request({
          method: 'POST',
          url: '/api/compliance/resolve',
          payload: { key: g.key, reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('complaints', () => {
  let officer: Session;
  beforeAll(async () => {
    officer = await t.login('officer1');
  });

  it('refuses a complaint without a detainee', async () => {
    const res = await officer.request({
      method: 'POST',
      url: '/api/complaints',
      payload: {
        kind: 'allegation',
        category: 'treatment',
        summary: 'beaten during a search',
        lodgedByKind: 'detainee',
        lodgedByName: 'the detainee',
        lodgedAt: START,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('detaineeId');
  });

  it('records, refers to an independent authority, closes with an outcome; the complainant is flagged on later moves', async () => {
    t.clock.set(START);
    const id = await detainee({ cellId: t.seed.s1.cellId });
    expect((await t.services.safeguards.reprisalWatch(id)).watched).toBe(false);
    const res = await officer.request({
      method: 'POST',
      url: '/api/complaints',
      payload: {
        detaineeId: id,
        kind: 'allegation',
        category: 'treatment',
        summary: 'struck during a cell search',
        lodgedByKind: 'detainee',
        lodgedByName: 'the detainee',
        lodgedAt: START,
      },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.status).toBe('received');
    const director = await t.login('director');
    const refused = await officer.request({
      method: 'POST',
      url: `/api/complaints/${c.id}/referral`,
      payload: { authority: 'Independent Inspectorate', referredAt: START },
    });
    expect(refused.statusCode).toBe(403);
    const referred = await director.request({
      method: 'POST',
      url: `/api/complaints/${c.id}/referral`,
      payload: {
        authority: 'Independent Inspectorate (fictional)',
        referredAt: START,
        reference: 'II-2026-17',
      },
    });
    expect(referred.json()).toMatchObject({
      status: 'referred',
      authority: 'Independent Inspectorate (fictional)',
      authorityReference: 'II-2026-17',
    });
    const noOutcome = await director.request({
      method: 'POST',
      url: `/api/complaints/${c.id}/steps`,
      payload: { status: 'closed' },
    });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().field).toBe('outcome');
    const closed = await director.request({
      method: 'POST',
      url: `/api/complaints/${c.id}/steps`,
      payload: { status: 'closed', outcome: 'substantiated; officer suspended' },
    });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'substantiated; officer suspended' });
    expect(closed.json().events.map((e: { type: string }) => e.type)).toEqual([
      'recorded',
      'referred',
      'closed',
    ]);
    const watch = await t.services.safeguards.reprisalWatch(id);
    expect(watch).toMatchObject({ watched: true });
    expect(watch.warning).toMatch(/Rule 57/);
    const api = await director.request({ method: 'GET', url: `/api/detainees/${id}/reprisal-watch` });
    expect(api.json().watched).toBe(true);
    const check = await director.request({
      method: 'GET',
      url: `/api/detainees/${id}/move-check?toCellId=${t.seed.s1.cell2Id}`,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ allowed: true, requiresConfirmation: true });
    expect(check.json().warnings.join(' ')).toMatch(/reprisal/);
    const unconfirmed = await director.request({
      method: 'POST',
      url: `/api/detainees/${id}/moves`,
      payload: { toCellId: t.seed.s1.cell2Id, reason: 'routine' },
    });
    if (unconfirmed.statusCode !== 404) expect(unconfirmed.json().message).toMatch(/reprisal/);
  });
});

describe('inspections', () => {
  it('refuses a record by a role that may not write one, and records a visit with responses', async () => {
    t.clock.set(START);
    const body = {
      siteId: t.seed.s1.id,
      body: 'National Preventive Mechanism (fictional)',
      inspectors: 'Inspector A, Inspector B',
      visitFrom: '2026-02-20',
      visitTo: '2026-02-21',
      summary: 'Announced visit',
      findings: ['Cell C002 overcrowded'],
      recommendations: ['Reduce occupancy of C002'],
    };
    for (const user of ['officer1', 'inspector', 'legal1']) {
      const s = await t.login(user);
      expect((await s.request({ method: 'POST', url: '/api/inspections', payload: body })).statusCode).toBe(
        403,
      );
    }
    const commander = await t.login('commander1');
    const created = await commander.request({ method: 'POST', url: '/api/inspections', payload: body });
    expect(created.statusCode).toBe(201);
    const insp = created.json();
    expect(insp.unanswered).toBe(1);
    const rec = insp.items.find((i: { kind: string }) => i.kind === 'recommendation');
    const inspector = await t.login('inspector');
    expect(
      (
        await inspector.request({
          method: 'POST',
          url: `/api/inspection-items/${rec.id}/responses`,
          payload: { decision: 'accepted', text: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const director = await t.login('director');
    const answered = await director.request({
      method: 'POST',
      url: `/api/inspection-items/${rec.id}/responses`,
      payload: { decision: 'accepted', text: 'Two detainees moved by 1 March' },
    });
    expect(answered.json().unanswered).toBe(0);
    expect(answered.json().items.find((i: { id: string }) => i.id === rec.id).responses[0]).toMatchObject({
      decision: 'accepted',
      respondedRole: 'director',
    });
    expect((await inspector.request({ method: 'GET', url: `/api/inspections/${insp.id}` })).statusCode).toBe(
      200,
    );
    // The inspector's access ends with its expiry (30 days in the seed): refused from then on.
    t.clock.advance({ days: 31 });
    expect([401, 403]).toContain(
      (await inspector.request({ method: 'GET', url: `/api/inspections/${insp.id}` })).statusCode,
    );
    t.clock.set(START);
  });
});

describe('statistics and the printable report', () => {
  it('counts population per day from snapshots (backfilled), occupancy and monthly flows', async () => {
    const s = await createTestApp();
    try {
      const mk = async (
        number: string,
        admittedAt: string,
        nationalities: string[],
        cellId: string | null = null,
      ) =>
        (
          await s.services.register.create(
            actor,
            newDetaineeBody(s.seed.s1.id, {
              number,
              admittedAt,
              arrestedAt: admittedAt,
              nationalities,
              cellId,
            }) as Parameters<TestApp['services']['register']['create']>[1],
          )
        ).id;
      s.clock.set('2026-01-05T12:00:00.000Z');
      await mk('ST-1', '2026-01-01T10:00:00.000Z', ['IQ'], s.seed.s1.cellId);
      const b = await mk('ST-2', '2026-01-03T10:00:00.000Z', ['TR']);
      await mk('ST-3', '2026-02-10T10:00:00.000Z', ['TR']);
      s.clock.set('2026-02-01T09:00:00.000Z');
      await s.services.db
        .transaction()
        .execute((trx) =>
          s.services.register.setStatusMany(
            trx,
            actor,
            [{ id: b, status: 'released', cellId: null }],
            'test: released',
          ),
        );
      s.clock.set('2026-02-15T00:30:00.000Z');
      const snap = await s.services.safeguards.statistics.snapshotPopulation(s.clock.now());
      expect(snap.backfilledDays).toBe(45); // 1 January to 14 February
      const director = await s.login('director');
      const byNat = (
        await director.request({
          method: 'GET',
          url: '/api/statistics/population?from=2026-01-01&to=2026-02-15&by=nationality',
        })
      ).json();
      const at = (day: string) => byNat.days.indexOf(day);
      const tr = byNat.series.find((x: { key: string }) => x.key === 'TR').values;
      const iq = byNat.series.find((x: { key: string }) => x.key === 'IQ').values;
      expect([
        iq[at('2026-01-01')],
        tr[at('2026-01-02')],
        tr[at('2026-01-03')],
        tr[at('2026-01-31')],
        tr[at('2026-02-01')],
        tr[at('2026-02-10')],
      ]).toEqual([1, 0, 1, 1, 0, 1]);
      expect(byNat.totals[at('2026-02-15')]).toBe(2);
      const csv = await director.request({
        method: 'GET',
        url: '/api/statistics/population.csv?from=2026-02-14&to=2026-02-15&by=nationality',
      });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body.split(/\r?\n/)[0]).toBe('day,nationality,count');
      const occ = (await director.request({ method: 'GET', url: '/api/statistics/occupancy' })).json();
      expect(occ.sites.find((x: { siteId: string }) => x.siteId === s.seed.s1.id)).toMatchObject({
        beds: 3,
        occupied: 1,
        rate: 33.3,
      });
      const monthly = (
        await director.request({ method: 'GET', url: '/api/statistics/monthly?from=2026-01&to=2026-02' })
      ).json();
      expect(monthly).toEqual([
        {
          month: '2026-01',
          siteId: s.seed.s1.id,
          admissions: 2,
          releases: 0,
          transfers: 0,
          repatriations: 0,
          deaths: 0,
          escapes: 0,
        },
        {
          month: '2026-02',
          siteId: s.seed.s1.id,
          admissions: 1,
          releases: 1,
          transfers: 0,
          repatriations: 0,
          deaths: 0,
          escapes: 0,
        },
      ]);
      const mcsv = await director.request({
        method: 'GET',
        url: '/api/statistics/monthly.csv?from=2026-01&to=2026-02',
      });
      expect(mcsv.body.split(/\r?\n/).filter(Boolean)).toHaveLength(3);
      // The next day's job adds that day only.
      s.clock.set('2026-02-16T00:10:00.000Z');
      expect(await s.services.safeguards.statistics.snapshotPopulation(s.clock.now())).toMatchObject({
        backfilledDays: 0,
      });
      expect((await s.services.safeguards.statistics.snapshotPopulation(s.clock.now())).rows).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('prints in English and in Arabic (right to left)', async () => {
    const director = await t.login('director');
    const en = await director.request({ method: 'GET', url: '/api/reports/safeguards.html?lang=en' });
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toMatch(/text\/html/);
    expect(en.body).toContain('<html lang="en" dir="ltr">');
    expect(en.body).toContain('@media print');
    expect(en.body).toContain('Mandela Rule 44');
    const ar = await director.request({ method: 'GET', url: '/api/reports/safeguards.html?lang=ar' });
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain('الضمانات والإحصاءات');
    expect(ar.body).not.toContain('Flows per month');
    const bad = await director.request({ method: 'GET', url: '/api/reports/safeguards.html?lang=fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('lang');
  });
});
