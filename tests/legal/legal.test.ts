import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, newDetaineeBody, type TestApp } from '../helpers/test-app';

/**
 * Due process on a real store (SQLite or PostgreSQL): holding rules, the legal-clock job raising
 * unlawful detention and approaching deadlines (FixedClock, once each), case stages and their
 * refusals, sentences feeding the release date.
 */
let t: TestApp;
const actor = systemActor('legal-test');
const db = () => t.services.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function detainee(overrides: Record<string, unknown> = {}) {
  const body = newDetaineeBody(t.seed.s1.id, overrides) as Parameters<
    TestApp['services']['register']['create']
  >[1];
  return t.services.register.create(actor, body);
}

const legalAlerts = async (detaineeId: string) =>
  (
    await db()
      .selectFrom('alerts')
      .selectAll()
      .where('subject_id', '=', detaineeId)
      .where('kind', 'like', 'legal.%')
      .orderBy('raised_at')
      .execute()
  ).map((a) => a.kind);

describe('the legal clock job', () => {
  beforeAll(async () => {
    await t.services.legal.setRule(actor, {
      basis: 'Judicial Order',
      maxDaysBeforeCharge: 90,
      reviewIntervalDays: 30,
      maxPretrialDays: 365,
      warnDaysBefore: 7,
    });
  });

  it('raises a detainee held with no basis at once, and only once', async () => {
    const d = await detainee({ legalBasis: undefined, number: 'LEG-NOBASIS' });
    const first = await t.services.legal.checkLegalClock(t.clock.now());
    expect(first.raised.filter((r) => r.detaineeId === d.id).map((r) => r.kind)).toEqual(['legal.no_basis']);
    const again = await t.services.legal.checkLegalClock(t.clock.now());
    expect(again.raised.filter((r) => r.detaineeId === d.id)).toEqual([]);
    expect(await legalAlerts(d.id)).toEqual(['legal.no_basis']);
    const alert = await db()
      .selectFrom('alerts')
      .selectAll()
      .where('subject_id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(alert.severity).toBe('critical');
    expect(alert.title).toContain('without a valid legal basis');
    // Resolved but still unlawful: the same condition is not raised a second time.
    await t.services.alerts.resolve(actor, alert.id, 'basis requested from the court');
    expect(
      (await t.services.legal.checkLegalClock(t.clock.now())).raised.filter((r) => r.detaineeId === d.id),
    ).toEqual([]);
  });

  it('warns before a review is due, then raises the overdue review as unlawful', async () => {
    // Basis from 2026-02-05: review due 2026-03-07; today 2026-03-01 is within 7 days.
    const d = await detainee({
      number: 'LEG-REVIEW',
      legalBasis: { basis: 'judicial order', authority: 'Investigating Court 3', from: '2026-02-05' },
    });
    const r1 = await t.services.legal.checkLegalClock(t.clock.now());
    expect(r1.raised.filter((r) => r.detaineeId === d.id).map((r) => r.kind)).toEqual([
      'legal.deadline.review',
    ]);
    const before = t.clock.now();
    try {
      t.clock.set('2026-03-08T08:00:00.000Z');
      const r2 = await t.services.legal.checkLegalClock(t.clock.now());
      expect(r2.raised.filter((r) => r.detaineeId === d.id).map((r) => r.kind)).toEqual([
        'legal.review_overdue',
      ]);
      const { clock } = await t.services.legal.clockOf(actor, d.id);
      expect(clock.basis.status).toBe('expired');
      expect(clock.problems[0].steps.map((s) => s.rule)).toEqual(['review.from-basis', 'review.interval']);
    } finally {
      t.clock.set(before);
    }
  });

  it('a basis that lapsed is unlawful; a detainee released is not checked', async () => {
    const d = await detainee({
      number: 'LEG-LAPSED',
      legalBasis: {
        basis: 'transfer agreement',
        authority: 'Ministry',
        from: '2026-01-01',
        to: '2026-02-01',
      },
    });
    const gone = await detainee({ number: 'LEG-GONE', legalBasis: undefined });
    await t.services.register.update(actor, gone.id, { status: 'released' });
    const r = await t.services.legal.checkLegalClock(t.clock.now());
    expect(r.raised.filter((x) => x.detaineeId === d.id).map((x) => x.kind)).toEqual(['legal.no_basis']);
    expect(r.raised.filter((x) => x.detaineeId === gone.id)).toEqual([]);
  });
});

describe('cases', () => {
  let d: { id: string };
  let caseId: string;
  beforeAll(async () => {
    d = await detainee({ number: 'LEG-CASE' });
  });

  it('opens a case with a charge and refuses a hearing before it was opened', async () => {
    const c = await t.services.legal.createCase(actor, {
      detaineeId: d.id,
      reference: 'IC3/2026/101',
      court: 'Investigating Court 3',
      openedOn: '2026-01-15',
      charges: [{ law: 'Anti-Terrorism Law 13/2005', article: '4(1)', chargedOn: '2026-01-20' }],
    });
    caseId = c.id;
    expect(c.stage).toBe('investigation');
    expect(c.nextStages).toEqual(['referral', 'final']);
    await expect(
      t.services.legal.addHearing(actor, caseId, {
        kind: 'investigation',
        scheduledAt: '2026-01-10T09:00:00.000Z',
      }),
    ).rejects.toMatchObject({ field: 'scheduledAt' });
    await expect(
      t.services.legal.addCharge(actor, caseId, { law: 'Penal Code', article: '1', chargedOn: '2026-01-01' }),
    ).rejects.toMatchObject({ field: 'chargedOn' });
    const withHearing = await t.services.legal.addHearing(actor, caseId, {
      kind: 'detention_review',
      scheduledAt: '2026-02-20T09:00:00.000Z',
    });
    expect(withHearing.hearings).toHaveLength(1);
  });

  it('counts a held review hearing and the charge in the clock', async () => {
    const [h] = (await t.services.legal.getCase(actor, caseId)).hearings;
    await t.services.legal.recordHearingOutcome(actor, h.id, { outcome: 'detention_extended' });
    await expect(
      t.services.legal.recordHearingOutcome(actor, h.id, { outcome: 'held' }),
    ).rejects.toMatchObject({ statusCode: 409 });
    const { clock } = await t.services.legal.clockOf(actor, d.id);
    const by = Object.fromEntries(clock.deadlines.map((x) => [x.kind, x]));
    expect(by.charge.state).toBe('met');
    expect(by.review.date).toBe('2026-03-22');
    expect(by.pretrial.date).toBe('2026-11-02'); // arrested 2025-11-02 + 365 days
  });

  it('refuses skipped stages by name, going back, and a verdict without its outcome', async () => {
    await expect(
      t.services.legal.advanceStage(actor, caseId, { stage: 'trial', on: '2026-02-01' }),
    ).rejects.toThrow(/investigation → trial skips referral/);
    await t.services.legal.advanceStage(actor, caseId, { stage: 'referral', on: '2026-02-01' });
    await expect(
      t.services.legal.advanceStage(actor, caseId, { stage: 'investigation', on: '2026-02-02' }),
    ).rejects.toThrow(/cannot go from referral back to investigation/);
    await expect(
      t.services.legal.advanceStage(actor, caseId, { stage: 'sentence', on: '2026-02-02' }),
    ).rejects.toThrow(/skips trial, verdict/);
    await t.services.legal.advanceStage(actor, caseId, { stage: 'trial', on: '2026-02-10' });
    await expect(
      t.services.legal.advanceStage(actor, caseId, { stage: 'verdict', on: '2026-02-20' }),
    ).rejects.toMatchObject({ field: 'outcome' });
    await expect(
      t.services.legal.advanceStage(actor, caseId, {
        stage: 'verdict',
        on: '2026-02-05',
        outcome: 'convicted',
      }),
    ).rejects.toMatchObject({ field: 'on' });
    await expect(
      t.services.legal.addSentence(actor, caseId, {
        imposedOn: '2026-02-20',
        years: 5,
        months: 0,
        days: 0,
        consecutive: false,
      }),
    ).rejects.toMatchObject({ field: 'stage' });
  });

  it('a conviction makes the detainee convicted; sentences set the release date', async () => {
    await t.services.legal.advanceStage(actor, caseId, {
      stage: 'verdict',
      on: '2026-02-20',
      outcome: 'convicted',
    });
    expect((await t.services.register.read(d.id))!.legalStatus).toBe('convicted');
    await t.services.legal.advanceStage(actor, caseId, { stage: 'sentence', on: '2026-02-25' });
    await expect(
      t.services.legal.addSentence(actor, caseId, {
        imposedOn: '2026-02-25',
        years: -2,
        months: 0,
        days: 0,
        consecutive: false,
      }),
    ).rejects.toThrow(/negative length/);
    await t.services.legal.addSentence(actor, caseId, {
      imposedOn: '2026-02-25',
      years: 5,
      months: 0,
      days: 0,
      consecutive: false,
    });
    await t.services.legal.addSentence(actor, caseId, {
      imposedOn: '2026-02-26',
      years: 1,
      months: 0,
      days: 0,
      consecutive: true,
    });
    const { clock } = await t.services.legal.clockOf(actor, d.id);
    // 5 years from 2026-02-25 (2031-02-25), then 1 year consecutive (2032-02-25), less 115 days since arrest 2025-11-02.
    expect(clock.release?.date).toBe('2031-11-02');
    expect(clock.release?.steps.map((s) => s.rule)).toEqual([
      'credit.computed',
      'sentence.first',
      'sentence.consecutive',
      'sentence.aggregate',
      'credit.time-served',
    ]);
    expect(clock.deadlines.find((x) => x.kind === 'pretrial')?.state).toBe('met');
  });

  it('an acquittal cannot be sentenced; a conviction cannot skip its sentence', async () => {
    const other = await detainee({ number: 'LEG-ACQ' });
    const c = await t.services.legal.createCase(actor, {
      detaineeId: other.id,
      reference: 'IC3/2026/102',
      court: 'Court 3',
      openedOn: '2026-01-15',
      charges: [{ law: 'Penal Code', article: '7', chargedOn: '2026-01-15' }],
    });
    for (const [stage, on] of [
      ['referral', '2026-01-20'],
      ['trial', '2026-01-25'],
    ] as const)
      await t.services.legal.advanceStage(actor, c.id, { stage, on });
    await t.services.legal.advanceStage(actor, c.id, {
      stage: 'verdict',
      on: '2026-02-01',
      outcome: 'acquitted',
    });
    await expect(
      t.services.legal.advanceStage(actor, c.id, { stage: 'sentence', on: '2026-02-02' }),
    ).rejects.toThrow(/only a conviction is sentenced/);
    const final = await t.services.legal.advanceStage(actor, c.id, {
      stage: 'final',
      on: '2026-02-02',
      outcome: 'acquitted',
    });
    expect(final.stage).toBe('final');
    expect(final.stages.map((s) => s.stage)).toEqual([
      'investigation',
      'referral',
      'trial',
      'verdict',
      'final',
    ]);
    await expect(
      t.services.legal.addHearing(actor, c.id, { kind: 'trial', scheduledAt: '2026-02-10T09:00:00.000Z' }),
    ).rejects.toMatchObject({ statusCode: 409 });
    expect(await t.services.legal.openCasesOf(other.id)).toEqual([]);
  });

  it('keeps co-accused, lawyers (with history) and lawyer visits', async () => {
    const co = await detainee({ number: 'LEG-CO' });
    let c = await t.services.legal.addCoAccused(actor, caseId, { detaineeId: co.id });
    c = await t.services.legal.addCoAccused(actor, caseId, { name: 'Unknown person at large' });
    expect(c.accused.map((a) => a.detaineeId)).toEqual([co.id, null]);
    expect((await t.services.legal.openCasesOf(co.id)).map((x) => x.id)).toEqual([caseId]);
    await t.services.legal.assignLawyer(actor, caseId, {
      lawyerName: 'Layla Fictional',
      assignedOn: '2026-01-20',
    });
    c = await t.services.legal.assignLawyer(actor, caseId, {
      lawyerName: 'Omar Imaginary',
      barNumber: 'B-77',
      assignedOn: '2026-02-15',
    });
    expect(c.lawyers.map((l) => [l.lawyerName, l.endedOn])).toEqual([
      ['Layla Fictional', '2026-02-15'],
      ['Omar Imaginary', null],
    ]);
    await t.services.legal.addLawyerVisit(actor, d.id, {
      lawyerName: 'Omar Imaginary',
      visitedAt: '2026-02-28T10:00:00.000Z',
      durationMinutes: 45,
    });
    await expect(
      t.services.legal.addLawyerVisit(actor, d.id, {
        lawyerName: 'X',
        visitedAt: '2026-03-05T10:00:00.000Z',
      }),
    ).rejects.toMatchObject({ field: 'visitedAt' });
    expect((await t.services.legal.lawyerVisits(actor, d.id)).map((v) => v.durationMinutes)).toEqual([45]);
  });

  it('lists the hearings calendar by site and court, and hides other sites', async () => {
    const all = await t.services.legal.calendar(actor, { from: '2026-02-01', to: '2026-02-28' });
    expect(all.some((h) => h.caseId === caseId)).toBe(true);
    expect(
      await t.services.legal.calendar(actor, { from: '2026-02-01', to: '2026-02-28', court: 'Nowhere' }),
    ).toEqual([]);
    const s2 = { ...actor, sites: [t.seed.s2.id] };
    expect(await t.services.legal.calendar(s2, { from: '2026-02-01', to: '2026-02-28' })).toEqual([]);
    await expect(t.services.legal.getCase(s2, caseId)).rejects.toMatchObject({ statusCode: 404 });
  });
});
