import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/http/actor';
import { createTestApp, type Session, type TestApp } from '../helpers/test-app';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url), 'utf8');
const handover = {
  handedOverBy: 'Captain R. Example (Test Authority)',
  receivedBy: 'Intake Officer One',
  escort: 'Convoy 7, six guards',
  place: 'Gate 2, North Test Site',
};

describe('intake: import, match, accept, arrive, move out, release', () => {
  let t: TestApp;
  let intake: Session;
  let released: string;
  let held: string;
  const count = async (table: 'detainees' | 'intake_arrivals' | 'duplicate_reviews') =>
    Number(
      (
        await t.services.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    intake = await t.login('intake1');
    const actor = systemActor('test');
    // Held years ago and released: the same person as row 1, written the register's way.
    const r = await t.services.register.create(actor, {
      names: [
        { name: 'Husain Hassan Ismail al-Juburi', script: 'latin', kind: 'legal' },
        { name: 'حسين حسن اسماعيل الجبوري', script: 'arabic', kind: 'legal' },
      ],
      sex: 'M',
      dob: '1987-03-14',
      nationalities: ['IQ'],
      legalStatus: 'untried',
      ageCategory: 'adult',
      siteId: t.seed.s2.id,
      legalBasis: {
        basis: 'pre-trial detention order',
        authority: 'Court 1',
        from: '2014-01-01',
        to: '2015-01-01',
      },
    });
    released = r.id;
    await t.services.db
      .transaction()
      .execute((trx) =>
        t.services.register.setStatusMany(
          trx,
          actor,
          [{ id: released, status: 'released' }],
          'released in 2015',
        ),
      );
    // In custody now, and very like row 2: one body cannot be in two places, so this is for review.
    held = (
      await t.services.register.create(actor, {
        names: [{ name: 'Mehmet Emin Yildirim', script: 'latin', kind: 'legal' }],
        sex: 'M',
        dob: '1991',
        nationalities: ['TR'],
        legalStatus: 'untried',
        ageCategory: 'adult',
        siteId: t.seed.s1.id,
      })
    ).id;
  });
  afterAll(async () => t.close());

  let batchId: string;

  it('previews a manifest: counts of new, linked and for review; nothing on the register yet', async () => {
    const before = await count('detainees');
    const res = await intake.request({
      method: 'POST',
      url: '/api/intake/imports',
      payload: {
        content: fixture('manifest-small.csv'),
        siteCode: 'S1',
        manifestRef: 'TA/2026/001',
        fileName: 'manifest-small.csv',
      },
    });
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    batchId = batch.id;
    expect(batch).toMatchObject({
      status: 'preview',
      manifestRef: 'TA/2026/001',
      sendingAuthority: 'Test Authority',
      errors: [],
    });
    expect(batch.counts).toEqual({ rows: 8, new: 6, linked: 1, review: 1, invalid: 0, alreadyApplied: 0 });
    expect(await count('detainees')).toBe(before);

    const rows = (
      await intake.request({ method: 'GET', url: `/api/intake/imports/${batchId}/rows?pageSize=20` })
    ).json();
    const linked = rows.items.find((r: { outcome: string }) => r.outcome === 'linked');
    expect(linked).toMatchObject({ manifestNo: 'TST-0001', candidate: { id: released } });
    expect(linked.evidence[0].evidence.length).toBeGreaterThan(0);
    const review = rows.items.find((r: { outcome: string }) => r.outcome === 'review');
    expect(review).toMatchObject({ manifestNo: 'TST-0002', candidate: { id: held } });
    expect(review.evidence[0].reason).toContain('in_custody');
  });

  it('accepts all of it in one go: arriving at the receiving site, the returning person on their own record', async () => {
    const before = await count('detainees');
    const res = await intake.request({ method: 'POST', url: `/api/intake/imports/${batchId}/accept` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'accepted',
      counts: { new: 6, linked: 1, review: 1, alreadyApplied: 0 },
    });
    expect(await count('detainees')).toBe(before + 7);
    const list = await t.services.register.list(systemActor(), {
      siteId: t.seed.s1.id,
      status: 'arriving',
      pageSize: 100,
    });
    expect(list.total).toBe(8);
    const back = await t.services.register.read(released);
    expect(back).toMatchObject({ status: 'arriving', siteId: t.seed.s1.id, cellId: null });
    // The manifest's spelling is now one of the record's names, so the next search finds it.
    expect(back!.names.map((n) => n.name)).toContain('Husayn Hasan Ismail al-Jubouri');
    const reviews = (await intake.request({ method: 'GET', url: '/api/intake/reviews' })).json();
    expect(reviews.items).toHaveLength(1);
    expect(reviews.items[0]).toMatchObject({ candidateId: held, source: 'intake', status: 'open' });
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'in', ['intake.accept', 'detainee.readmit', 'detainee.create'])
      .execute();
    expect(audit.filter((a) => a.action === 'detainee.readmit')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'intake.accept')).toHaveLength(1);
  });

  it('changes nothing when the same manifest is accepted again or imported again', async () => {
    const detainees = await count('detainees');
    const arrivals = await count('intake_arrivals');
    expect(
      (await intake.request({ method: 'POST', url: `/api/intake/imports/${batchId}/accept` })).json().status,
    ).toBe('accepted');
    const again = (
      await intake.request({
        method: 'POST',
        url: '/api/intake/imports',
        payload: { content: fixture('manifest-small.csv'), siteCode: 'S1', manifestRef: 'TA/2026/001' },
      })
    ).json();
    expect(again.counts).toEqual({ rows: 8, new: 0, linked: 0, review: 0, invalid: 0, alreadyApplied: 8 });
    const accepted = (
      await intake.request({ method: 'POST', url: `/api/intake/imports/${again.id}/accept` })
    ).json();
    expect(accepted.counts.alreadyApplied).toBe(8);
    expect(await count('detainees')).toBe(detainees);
    expect(await count('intake_arrivals')).toBe(arrivals);
  });

  it('refuses to accept a manifest with invalid rows, naming every row error in the preview', async () => {
    const before = await count('detainees');
    const preview = (
      await intake.request({
        method: 'POST',
        url: '/api/intake/imports',
        payload: { content: fixture('manifest-errors.csv'), siteCode: 'S1', manifestRef: 'ERR' },
      })
    ).json();
    expect(preview.counts.invalid).toBe(4);
    expect(preview.errors).toContainEqual({
      row: 2,
      field: 'nationalities',
      reason: '"Narnia" is not a known country code or name',
    });
    expect(preview.errors).toContainEqual({
      row: 3,
      field: 'manifest_id',
      reason: '"ERR-0001" is already on row 1',
    });
    const res = await intake.request({ method: 'POST', url: `/api/intake/imports/${preview.id}/accept` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'rows' });
    expect(res.json().message).toContain('4 rows are invalid');
    expect(await count('detainees')).toBe(before);
  });

  it('refuses whole files it cannot read: wrong encoding, missing columns, unknown site', async () => {
    const latin1 = Buffer.from([...Buffer.from('manifest_id,given_names\nX-1,'), 0xe5, 0xd3]).toString(
      'base64',
    );
    const bad = [
      [{ contentBase64: latin1, siteCode: 'S1' }, 'file', /not UTF-8/],
      [{ content: fixture('manifest-foreign.csv'), siteCode: 'S1' }, 'file', /missing required columns/],
      [{ content: fixture('manifest-small.csv'), siteCode: 'NOPE' }, 'siteCode', /no such site/],
      [{ content: fixture('manifest-small.csv'), siteCode: 'S2' }, 'siteCode', /no such site/],
    ] as const;
    for (const [payload, field, message] of bad) {
      const res = await intake.request({ method: 'POST', url: '/api/intake/imports', payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(res.json().field).toBe(field);
      expect(res.json().message).toMatch(message);
    }
  });

  it('leaves nothing behind when the accept fails half-way', async () => {
    const preview = (
      await intake.request({
        method: 'POST',
        url: '/api/intake/imports',
        payload: {
          content: fixture('manifest-foreign.csv'),
          siteCode: 'S1',
          manifestRef: 'ATOMIC',
          mapping: undefined,
          mappingId: await mappingId(),
        },
      })
    ).json();
    expect(preview.counts.invalid).toBe(0);
    // Make the last row fail inside the register's insert, after the earlier rows' work is done.
    const last = await t.services.db
      .selectFrom('intake_rows')
      .selectAll()
      .where('batch_id', '=', preview.id)
      .orderBy('row_number', 'desc')
      .executeTakeFirstOrThrow();
    const data = JSON.parse(last.data);
    await t.services.db
      .updateTable('intake_rows')
      .set({ data: JSON.stringify({ ...data, nationalities: ['ZZ'] }) })
      .where('id', '=', last.id)
      .execute();
    const detainees = await count('detainees');
    const arrivals = await count('intake_arrivals');
    const res = await intake.request({ method: 'POST', url: `/api/intake/imports/${preview.id}/accept` });
    expect(res.statusCode).toBe(400);
    expect(await count('detainees')).toBe(detainees);
    expect(await count('intake_arrivals')).toBe(arrivals);
    expect(
      (await intake.request({ method: 'GET', url: `/api/intake/imports/${preview.id}` })).json().status,
    ).toBe('preview');
  });

  let mapping: string | null = null;
  async function mappingId(): Promise<string> {
    if (mapping) return mapping;
    const res = await intake.request({
      method: 'POST',
      url: '/api/intake/mappings',
      payload: JSON.parse(fixture('mapping-foreign.json')),
    });
    expect(res.statusCode).toBe(201);
    mapping = res.json().id as string;
    return mapping;
  }

  it('saves a mapping (create, read, change, delete) and imports the foreign layout with it', async () => {
    const id = await mappingId();
    expect(
      (await intake.request({ method: 'GET', url: `/api/intake/mappings/${id}` })).json().columns['Gender'],
    ).toBe('sex');
    const preview = (
      await intake.request({
        method: 'POST',
        url: '/api/intake/imports',
        payload: {
          content: fixture('manifest-foreign.csv'),
          siteCode: 'S1',
          manifestRef: 'FR/2026/001',
          mappingId: id,
        },
      })
    ).json();
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toMatchObject({ rows: 4, invalid: 0 });
    const rows = (
      await intake.request({ method: 'GET', url: `/api/intake/imports/${preview.id}/rows` })
    ).json().items;
    expect(rows.map((r: { displayName: string }) => r.displayName)).toEqual([
      'Omar Khalid al-Dulaimi',
      'Emre Yilmaz',
      'Karim Dubois',
      'Salma Ibrahim',
    ]);
    expect(rows[2]).toMatchObject({ dob: '2008-07', nationalities: ['FR'] });
    const changed = await intake.request({
      method: 'PUT',
      url: `/api/intake/mappings/${id}`,
      payload: { ...JSON.parse(fixture('mapping-foreign.json')), name: 'Renamed layout' },
    });
    expect(changed.json().name).toBe('Renamed layout');
    const bad = await intake.request({
      method: 'POST',
      url: '/api/intake/mappings',
      payload: { name: 'x', columns: { A: 'shoe_size' } },
    });
    expect(bad.statusCode).toBe(400);
    const tmp = (
      await intake.request({
        method: 'POST',
        url: '/api/intake/mappings',
        payload: { name: 'tmp', columns: { A: 'sex' } },
      })
    ).json();
    expect(
      (await intake.request({ method: 'DELETE', url: `/api/intake/mappings/${tmp.id}` })).statusCode,
    ).toBe(204);
    expect((await intake.request({ method: 'GET', url: `/api/intake/mappings/${tmp.id}` })).statusCode).toBe(
      404,
    );
  });

  it('imports JSON with the manifest identifier from the file', async () => {
    const preview = (
      await intake.request({
        method: 'POST',
        url: '/api/intake/imports',
        payload: { content: fixture('manifest-small.json'), siteCode: 'S1' },
      })
    ).json();
    expect(preview).toMatchObject({
      format: 'json',
      manifestRef: 'TA/2026/JSON-1',
      counts: { rows: 2, new: 2, invalid: 0 },
    });
  });

  it('reconciles the day: confirmed by number or search, one unexpected, the rest missing at close', async () => {
    const rec = () =>
      intake
        .request({ method: 'GET', url: `/api/intake/imports/${batchId}/reconciliation` })
        .then((r) => r.json());
    expect(await rec()).toMatchObject({ expected: 8, arrived: 0, outstanding: 8, missing: 0, unexpected: 0 });
    const events: string[] = [];
    const stop = t.services.events.subscribe((e) =>
      events.push(`${e.type}:${(e.data as { arrived?: number }).arrived}`),
    );
    for (const no of ['TST-0001', 'TST-0003', 'TST-0005']) {
      const res = await intake.request({
        method: 'POST',
        url: `/api/intake/imports/${batchId}/arrivals/confirm`,
        payload: { manifestNo: no, handover },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // A search by name finds the arrival; confirming by its id works as well.
    const found = (
      await intake.request({ method: 'GET', url: `/api/intake/imports/${batchId}/arrivals?q=tremblay` })
    ).json().items;
    expect(found).toHaveLength(1);
    const res = await intake.request({
      method: 'POST',
      url: `/api/intake/imports/${batchId}/arrivals/confirm`,
      payload: { arrivalId: found[0].id, handover },
    });
    expect(res.json().reconciliation).toMatchObject({ expected: 8, arrived: 4, outstanding: 4 });
    const twice = await intake.request({
      method: 'POST',
      url: `/api/intake/imports/${batchId}/arrivals/confirm`,
      payload: { manifestNo: 'TST-0001', handover },
    });
    expect(twice.statusCode).toBe(409);
    const unexpected = await intake.request({
      method: 'POST',
      url: `/api/intake/imports/${batchId}/arrivals/unexpected`,
      payload: {
        names: [{ name: 'Walid Unlisted', script: 'latin', kind: 'legal' }],
        sex: 'M',
        nationalities: ['LY'],
        legalStatus: 'untried',
        ageCategory: 'adult',
        note: 'on the bus, not on the list',
        handover,
      },
    });
    expect(unexpected.statusCode).toBe(201);
    expect(unexpected.json().reconciliation).toMatchObject({ arrived: 4, unexpected: 1 });
    stop();
    expect(events).toContain('intake.reconciliation:4');
    expect((await t.services.register.read(released))!.status).toBe('in_custody');

    const closed = (
      await intake.request({ method: 'POST', url: `/api/intake/imports/${batchId}/close` })
    ).json();
    expect(closed).toMatchObject({ expected: 8, arrived: 4, outstanding: 0, missing: 4, unexpected: 1 });
    const alert = await t.services.db
      .selectFrom('alerts')
      .selectAll()
      .where('kind', '=', 'intake.missing')
      .executeTakeFirstOrThrow();
    expect(alert.title).toContain('4 of manifest TA/2026/001');
    const missing = (
      await intake.request({ method: 'GET', url: `/api/intake/imports/${batchId}/arrivals?status=missing` })
    ).json();
    expect(missing.items.map((a: { manifestNo: string }) => a.manifestNo)).toEqual([
      'TST-0002',
      'TST-0006',
      'TST-0007',
      'TST-0008',
    ]);
  });

  it('records the chain of custody of each arrival', async () => {
    const chain = (
      await intake.request({ method: 'GET', url: `/api/detainees/${released}/custody-chain` })
    ).json();
    expect(chain).toHaveLength(1);
    expect(chain[0]).toMatchObject({
      kind: 'arrival',
      ...handover,
      recordedBy: 'intake1',
      at: '2026-03-01T08:00:00.000Z',
    });
  });

  it('completes the admission; injuries are recorded and seen only on a need-to-know basis', async () => {
    const arrival = (
      await intake.request({ method: 'GET', url: `/api/intake/imports/${batchId}/arrivals?q=TST-0001` })
    ).json().items[0];
    const commander = await t.login('commander1');
    const body = {
      property: [
        { item: 'watch', quantity: 1 },
        { item: 'cash (fictional units)', quantity: 40 },
      ],
      injuries: [{ description: 'bruising, left forearm', bodyArea: 'arm' }],
    };
    const refused = await commander.request({
      method: 'POST',
      url: `/api/intake/arrivals/${arrival.id}/admission`,
      payload: body,
    });
    expect(refused.statusCode).toBe(403);
    const res = await intake.request({
      method: 'POST',
      url: `/api/intake/arrivals/${arrival.id}/admission`,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    // The intake officer may record injuries but not read them back.
    expect(res.json()).toMatchObject({ medicalHidden: true });
    expect(res.json().injuries).toBeUndefined();
    const medical = await t.login('medical1');
    const seen = (
      await medical.request({ method: 'GET', url: `/api/intake/arrivals/${arrival.id}/admission` })
    ).json();
    expect(seen).toMatchObject({
      medicalHidden: false,
      injuries: [{ description: 'bruising, left forearm', bodyArea: 'arm' }],
    });
    const officer = await t.login('officer1');
    const hidden = (
      await officer.request({ method: 'GET', url: `/api/intake/arrivals/${arrival.id}/admission` })
    ).json();
    expect(hidden.injuries).toBeUndefined();
    expect(hidden.property).toHaveLength(2);
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('changes')
      .where('action', '=', 'detainee.admission')
      .executeTakeFirstOrThrow();
    expect(String(audit.changes)).not.toContain('bruising');
    expect((await t.services.register.read(released))!.admittedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(
      (
        await intake.request({
          method: 'POST',
          url: `/api/intake/arrivals/${arrival.id}/admission`,
          payload: { property: [] },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('moves a detainee to court and back, counting them en route while away', async () => {
    const m = (
      await intake.request({
        method: 'POST',
        url: '/api/movements',
        payload: {
          detaineeId: released,
          kind: 'court',
          destination: 'Investigating Court 3',
          scheduledFor: '2026-03-02T07:00:00.000Z',
        },
      })
    ).json();
    expect(m.status).toBe('scheduled');
    const out = await intake.request({
      method: 'POST',
      url: `/api/movements/${m.id}/status`,
      payload: {
        status: 'in_transit',
        handover: { ...handover, handedOverBy: 'Gate officer', receivedBy: 'Escort lead' },
      },
    });
    expect(out.statusCode, out.body).toBe(200);
    expect((await intake.request({ method: 'GET', url: '/api/movements' })).json().enRoute).toBe(1);
    const skip = await intake.request({
      method: 'POST',
      url: `/api/movements/${m.id}/status`,
      payload: { status: 'scheduled' },
    });
    expect(skip.statusCode).toBe(409);
    const back = (
      await intake.request({
        method: 'POST',
        url: `/api/movements/${m.id}/status`,
        payload: { status: 'completed', handover },
      })
    ).json();
    expect(back.history.map((h: { status: string }) => h.status)).toEqual([
      'scheduled',
      'in_transit',
      'completed',
    ]);
    expect((await intake.request({ method: 'GET', url: '/api/movements' })).json().enRoute).toBe(0);
    expect((await t.services.register.read(released))!.status).toBe('in_custody');
    const chain = (
      await intake.request({ method: 'GET', url: `/api/detainees/${released}/custody-chain` })
    ).json();
    expect(chain.map((h: { kind: string }) => h.kind)).toEqual([
      'arrival',
      'movement-out',
      'movement-return',
    ]);
  });

  it('transfers a detainee out to another authority: the register says transferred_out', async () => {
    const arrival = (
      await intake.request({ method: 'GET', url: `/api/intake/imports/${batchId}/arrivals?q=TST-0003` })
    ).json().items[0];
    const m = (
      await intake.request({
        method: 'POST',
        url: '/api/movements',
        payload: {
          detaineeId: arrival.detaineeId,
          kind: 'authority-transfer',
          destination: 'Neighbouring Authority',
          scheduledFor: '2026-03-03T07:00:00.000Z',
        },
      })
    ).json();
    await intake.request({
      method: 'POST',
      url: `/api/movements/${m.id}/status`,
      payload: { status: 'in_transit', handover },
    });
    await intake.request({
      method: 'POST',
      url: `/api/movements/${m.id}/status`,
      payload: {
        status: 'completed',
        handover: { ...handover, receivedBy: 'Officer of the Neighbouring Authority' },
      },
    });
    expect((await t.services.register.read(arrival.detaineeId))!.status).toBe('transferred_out');
  });

  it('releases only after the checks: approval by a legal officer, no other basis in force, property returned', async () => {
    const record = (await t.services.register.read(released))!;
    const transferBasis = record.legalBases.find((b) => b.to === null)!;
    const req = await intake.request({
      method: 'POST',
      url: '/api/releases',
      payload: {
        detaineeId: released,
        grounds: 'court-order',
        legalAuthority: 'Investigating Court 3',
        orderRef: 'IC3/2026/118',
        legalBasisId: transferBasis.id,
        identityCheck: {
          method: 'photograph and fingerprints against the record',
          confirmedBy: 'Intake Officer One',
        },
      },
    });
    expect(req.statusCode, req.body).toBe(201);
    const id = req.json().id;
    const legal = await t.login('legal1');
    // Another basis comes into force: the approval is refused.
    const extra = await t.services.register.addLegalBasis(systemActor(), released, {
      basis: 'charge of membership',
      authority: 'Court 5',
      from: '2026-03-01',
    });
    const refused = await legal.request({ method: 'POST', url: `/api/releases/${id}/approve`, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('charge of membership');
    await t.services.db
      .updateTable('legal_bases')
      .set({ to_date: '2026-03-01' })
      .where('id', '=', extra.legalBases.find((b) => b.basis === 'charge of membership')!.id)
      .execute();
    expect(
      (await intake.request({ method: 'POST', url: `/api/releases/${id}/approve`, payload: {} })).statusCode,
    ).toBe(403);
    const approved = await legal.request({ method: 'POST', url: `/api/releases/${id}/approve`, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const short = await intake.request({
      method: 'POST',
      url: `/api/releases/${id}/complete`,
      payload: { propertyReturned: [{ item: 'watch', quantity: 1 }], signedBy: 'H. H. al-Jubouri', handover },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('40 × cash');
    const done = await intake.request({
      method: 'POST',
      url: `/api/releases/${id}/complete`,
      payload: {
        propertyReturned: [
          { item: 'watch', quantity: 1 },
          { item: 'cash (fictional units)', quantity: 40 },
        ],
        signedBy: 'H. H. al-Jubouri',
        handover: { ...handover, receivedBy: 'the detainee, released' },
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'completed',
      approvedBy: 'legal1',
      signedBy: 'H. H. al-Jubouri',
    });
    const after = (await t.services.register.read(released))!;
    expect(after.status).toBe('released');
    expect(after.legalBases.find((b) => b.id === transferBasis.id)!.to).not.toBeNull();
    const chain = (
      await intake.request({ method: 'GET', url: `/api/detainees/${released}/custody-chain` })
    ).json();
    expect(chain.at(-1)).toMatchObject({ kind: 'release' });
  });

  it('proposes housing for the batch for an analyst to approve', async () => {
    const analyst = await t.login('analyst');
    const res = await analyst.request({ method: 'POST', url: `/api/intake/imports/${batchId}/housing` });
    expect(res.statusCode, res.body).toBe(200);
    const planId = res.json().housingPlanId;
    expect(planId).toBeTruthy();
    const plan = await t.services.housing.housing.getPlan(systemActor(), planId);
    expect(plan).toMatchObject({ kind: 'placement', status: 'proposed' });
  });
});
