import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, newDetaineeBody, type TestApp } from '../helpers/test-app';

let t: TestApp;
const actor = systemActor('transfer-test');
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a transfer between sites', () => {
  it('holds the person at the destination without a cell once completed, audited with the movement', async () => {
    const d = await t.services.register.create(
      actor,
      newDetaineeBody(t.seed.s1.id, { number: 'TR-1', cellId: t.seed.s1.cellId }) as never,
    );
    const m = await t.services.intake.movements.create(actor, {
      detaineeId: d.id,
      kind: 'site-transfer',
      destination: 'Site two',
      destinationSiteId: t.seed.s2.id,
      scheduledFor: '2026-03-01T10:00:00.000Z',
    });
    const handover = { handedOverBy: 'Officer A', receivedBy: 'Officer B', place: 'gate 1' };
    await t.services.intake.movements.advance(actor, m.id, { status: 'in_transit', handover });
    expect(await t.services.register.read(d.id)).toMatchObject({ siteId: t.seed.s1.id });
    await t.services.intake.movements.advance(actor, m.id, { status: 'completed', handover });
    expect(await t.services.register.read(d.id)).toMatchObject({
      siteId: t.seed.s2.id,
      cellId: null,
      status: 'in_custody',
    });
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select(['site_id', 'changes'])
      .where('action', '=', 'detainee.transfer')
      .where('subject_id', '=', d.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].site_id).toBe(t.seed.s2.id);
    expect(JSON.parse(audit[0].changes)).toEqual({
      before: { siteId: t.seed.s1.id },
      after: { siteId: t.seed.s2.id },
      movementId: m.id,
    });
  });
});
