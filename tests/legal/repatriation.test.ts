import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { createServices } from '../../src/services';
import { createTestApp, newDetaineeBody, type TestApp } from '../helpers/test-app';

/**
 * Consular notification and repatriation on a real store: the Convention's order of events, the
 * path with no stage skipped, refusals named, judicial clearance against the legal module's open
 * cases, the handover ending custody, and the nationality figures.
 */
let t: TestApp;
const actor = systemActor('repatriation-test');
const when = (d: string) => `${d}T09:00:00.000Z`;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function detainee(overrides: Record<string, unknown>) {
  return t.services.register.create(
    actor,
    newDetaineeBody(t.seed.s1.id, overrides) as Parameters<TestApp['services']['register']['create']>[1],
  );
}

describe('consular notification (Vienna Convention Art. 36)', () => {
  it('refuses a record for a national of the detaining state, or for a nationality not held', async () => {
    const local = await detainee({ number: 'CON-IQ', nationalities: ['IQ'] });
    await expect(t.services.consular.create(actor, { detaineeId: local.id, country: 'IQ' })).rejects.toThrow(
      /detaining state/,
    );
    await expect(
      t.services.consular.create(actor, { detaineeId: local.id, country: 'TR' }),
    ).rejects.toMatchObject({ field: 'country' });
  });

  it('takes the detaining state from the configuration', async () => {
    const elsewhere = createServices(t.services.store, t.clock, { policy: { ownCountry: 'JO' } });
    const jordanian = await detainee({ number: 'CON-JO', nationalities: ['JO'] });
    const iraqi = await detainee({ number: 'CON-IQ2', nationalities: ['IQ'] });
    await expect(
      elsewhere.consular.create(actor, { detaineeId: jordanian.id, country: 'JO' }),
    ).rejects.toThrow(/detaining state/);
    expect((await elsewhere.consular.create(actor, { detaineeId: iraqi.id, country: 'IQ' })).country).toBe(
      'IQ',
    );
  });

  it('keeps the order: told of the right, asked, consulate told; letters, visits, objection', async () => {
    const d = await detainee({
      number: 'CON-RU',
      nationalities: ['RU'],
      names: [{ name: 'Ivan Fictionov', script: 'latin', kind: 'legal' }],
    });
    const r = await t.services.consular.create(actor, {
      detaineeId: d.id,
      country: 'RU',
      consulate: 'Consulate of RU (fictional)',
    });
    await expect(
      t.services.consular.addEvent(actor, r.id, { type: 'requested', occurredAt: when('2026-01-11') }),
    ).rejects.toThrow(/before the detainee was told/);
    await t.services.consular.addEvent(actor, r.id, { type: 'informed', occurredAt: when('2026-01-11') });
    await expect(
      t.services.consular.addEvent(actor, r.id, {
        type: 'notified',
        occurredAt: when('2026-01-12'),
        channel: 'note verbale',
      }),
    ).rejects.toThrow(/only at the detainee's request/);
    await t.services.consular.addEvent(actor, r.id, { type: 'requested', occurredAt: when('2026-01-11') });
    await expect(
      t.services.consular.addEvent(actor, r.id, { type: 'notified', occurredAt: when('2026-01-12') }),
    ).rejects.toMatchObject({ field: 'channel' });
    await t.services.consular.addEvent(actor, r.id, {
      type: 'notified',
      occurredAt: when('2026-01-12'),
      channel: 'note verbale',
    });
    await t.services.consular.addEvent(actor, r.id, {
      type: 'letter_forwarded',
      occurredAt: when('2026-01-20'),
      detail: 'letter to family',
    });
    await t.services.consular.addEvent(actor, r.id, {
      type: 'visit',
      occurredAt: when('2026-02-01'),
      detail: 'Consul A. Fictional',
    });
    const v = await t.services.consular.addEvent(actor, r.id, {
      type: 'objection',
      occurredAt: when('2026-02-10'),
      detail: 'does not want consular action',
    });
    expect(v).toMatchObject({
      informedAt: when('2026-01-11'),
      daysToInform: 0,
      requested: true,
      notifiedHow: 'note verbale',
      lettersForwarded: 1,
      visits: 1,
      objection: true,
    });
    expect(v.events.map((e) => e.type)).toEqual([
      'informed',
      'requested',
      'notified',
      'letter_forwarded',
      'visit',
      'objection',
    ]);
  });
});

describe('repatriation', () => {
  let ru: { id: string };
  let caseId: string;
  beforeAll(async () => {
    ru = await detainee({
      number: 'REP-RU',
      nationalities: ['RU'],
      names: [{ name: 'Pyotr Imaginary', script: 'latin', kind: 'legal' }],
    });
    await t.services.repatriation.setState(actor, 'RU', {
      maxDaysBeforeCharge: 2,
      note: 'returnees charged within 48 hours (fictional)',
    });
  });

  it('opens a case for a national of the requesting state only, one at a time', async () => {
    const local = await detainee({ number: 'REP-IQ', nationalities: ['IQ'] });
    await expect(
      t.services.repatriation.create(actor, { detaineeId: local.id, requestingState: 'IQ' }),
    ).rejects.toThrow(/detaining state/);
    await expect(
      t.services.repatriation.create(actor, {
        detaineeId: ru.id,
        requestingState: 'TR',
        requestedOn: '2026-02-01',
      }),
    ).rejects.toMatchObject({ field: 'requestingState' });
    const c = await t.services.repatriation.create(actor, {
      detaineeId: ru.id,
      requestingState: 'RU',
      requestedOn: '2026-02-01',
      reference: 'RU-REQ-1',
      documents: ['note verbale 12/2026'],
    });
    caseId = c.id;
    expect(c.stateLimit).toMatchObject({ country: 'RU', maxDaysBeforeCharge: 2 });
    expect(c.nextStages).toEqual(['identity_verified', 'refused', 'withdrawn', 'suspended']);
    await expect(
      t.services.repatriation.create(actor, {
        detaineeId: ru.id,
        requestingState: 'RU',
        requestedOn: '2026-02-02',
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
  });

  it('refuses a skipped stage by name and a handover for a case not approved', async () => {
    await expect(
      t.services.repatriation.addStep(actor, caseId, { stage: 'approved', at: when('2026-02-02') }),
    ).rejects.toThrow(
      /request_received → approved skips identity_verified, consular_interview, judicial_clearance/,
    );
    await expect(
      t.services.repatriation.addStep(actor, caseId, {
        stage: 'handed_over',
        at: when('2026-02-02'),
        handover: {
          at: when('2026-02-02'),
          place: 'Border post',
          receivingOfficials: [{ name: 'A', role: 'B', organisation: 'C' }],
        },
      }),
    ).rejects.toMatchObject({ field: 'stage' });
    await expect(
      t.services.repatriation.addStep(actor, caseId, { stage: 'suspended', at: when('2026-02-02') }),
    ).rejects.toMatchObject({ field: 'note' });
  });

  it('suspends and resumes where it stopped', async () => {
    await t.services.repatriation.addStep(actor, caseId, {
      stage: 'identity_verified',
      at: when('2026-02-03'),
      documents: ['fingerprint match report'],
    });
    const s = await t.services.repatriation.addStep(actor, caseId, {
      stage: 'suspended',
      at: when('2026-02-04'),
      note: 'requesting state asked for a pause',
    });
    expect(s).toMatchObject({ stage: 'suspended', suspendedFrom: 'identity_verified' });
    expect(s.nextStages).toEqual(['identity_verified', 'consular_interview', 'refused', 'withdrawn']);
    const r = await t.services.repatriation.addStep(actor, caseId, {
      stage: 'consular_interview',
      at: when('2026-02-06'),
      note: 'interviewed by the consul',
    });
    expect(r.suspendedFrom).toBeNull();
  });

  it('judicial clearance needs a court decision while a case is open', async () => {
    const legal = await t.services.legal.createCase(actor, {
      detaineeId: ru.id,
      reference: 'IC3/2026/RU1',
      court: 'Investigating Court 3',
      openedOn: '2026-01-12',
    });
    await expect(
      t.services.repatriation.addStep(actor, caseId, { stage: 'judicial_clearance', at: when('2026-02-10') }),
    ).rejects.toThrow(/open cases \(IC3\/2026\/RU1 at investigation\)/);
    const c = await t.services.repatriation.addStep(actor, caseId, {
      stage: 'judicial_clearance',
      at: when('2026-02-10'),
      courtDecision: {
        court: 'Investigating Court 3',
        decidedOn: '2026-02-09',
        reference: 'DEC-9',
        summary: 'no objection to the return',
      },
    });
    expect((c.steps.at(-1)!.detail as { openCases: { id: string }[] }).openCases.map((o) => o.id)).toEqual([
      legal.id,
    ]);
    // A case opened after clearance stops the approval.
    const late = await t.services.legal.createCase(actor, {
      detaineeId: ru.id,
      reference: 'IC3/2026/RU2',
      court: 'Investigating Court 3',
      openedOn: '2026-02-11',
    });
    await expect(
      t.services.repatriation.addStep(actor, caseId, { stage: 'approved', at: when('2026-02-12') }),
    ).rejects.toThrow(/opened since judicial clearance \(IC3\/2026\/RU2\)/);
    await t.services.legal.advanceStage(actor, late.id, {
      stage: 'final',
      on: '2026-02-12',
      outcome: 'discontinued',
    });
    await t.services.repatriation.addStep(actor, caseId, {
      stage: 'approved',
      at: when('2026-02-13'),
      documents: ['ministerial approval'],
    });
  });

  it('the handover names the receiving officials and ends custody as repatriated; the figures change', async () => {
    const before = await t.services.repatriation.statistics(actor);
    const ruBefore = before.byNationality.find((n) => n.country === 'RU')!.inCustody;
    await t.services.repatriation.addStep(actor, caseId, {
      stage: 'handover_scheduled',
      at: when('2026-02-14'),
      handover: { at: when('2026-02-20'), place: 'Fictional airport, gate 3' },
    });
    await expect(
      t.services.repatriation.addStep(actor, caseId, {
        stage: 'handed_over',
        at: when('2026-02-20'),
        handover: { at: when('2026-02-20'), place: 'Fictional airport' },
      }),
    ).rejects.toMatchObject({
      field: 'handover.receivingOfficials',
    });
    const done = await t.services.repatriation.addStep(actor, caseId, {
      stage: 'handed_over',
      at: when('2026-02-20'),
      handover: {
        at: when('2026-02-20'),
        place: 'Fictional airport, gate 3',
        receivingOfficials: [
          { name: 'Officer N. Fictional', role: 'escort lead', organisation: 'RU ministry (fictional)' },
        ],
      },
    });
    expect(done).toMatchObject({
      stage: 'handed_over',
      detaineeStatus: 'repatriated',
      handoverPlace: 'Fictional airport, gate 3',
      nextStages: [],
    });
    expect((await t.services.register.read(ru.id))!).toMatchObject({ status: 'repatriated', cellId: null });
    await expect(
      t.services.repatriation.addStep(actor, caseId, {
        stage: 'withdrawn',
        at: when('2026-02-21'),
        note: 'x',
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
    const after = await t.services.repatriation.statistics(actor);
    expect(after.byNationality.find((n) => n.country === 'RU')?.inCustody ?? 0).toBe(ruBefore - 1);
    expect(after.casesByStateStage).toContainEqual({ state: 'RU', stage: 'handed_over', count: 1 });
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('action')
      .where('subject_id', '=', ru.id)
      .where('action', '=', 'detainee.status')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a refusal ends the case with its reasons', async () => {
    const tr = await detainee({ number: 'REP-TR', nationalities: ['TR'] });
    const c = await t.services.repatriation.create(actor, {
      detaineeId: tr.id,
      requestingState: 'TR',
      requestedOn: '2026-02-01',
    });
    const r = await t.services.repatriation.addStep(actor, c.id, {
      stage: 'refused',
      at: when('2026-02-02'),
      note: 'risk of torture on return (non-refoulement)',
    });
    expect(r.stage).toBe('refused');
    expect(r.steps.at(-1)!.note).toMatch(/non-refoulement/);
    expect((await t.services.register.read(tr.id))!.status).toBe('in_custody');
  });
});
