import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newDetaineeBody, type Session, type TestApp } from '../helpers/test-app';
import { systemActor } from '../../src/platform/http/actor';

/**
 * The full record (Rules 7-8), its history and need-to-know, name search in both scripts,
 * screening, and merge/unmerge carrying every safety record — on the suite's store.
 */
let t: TestApp;
let intake: Session;
let medical: Session;
let officer: Session;
let director: Session;

beforeAll(async () => {
  t = await createTestApp();
  intake = await t.login('intake1');
  medical = await t.login('medical1');
  officer = await t.login('officer1');
  director = await t.login('director');
});
afterAll(() => t.close());

async function admit(overrides: Record<string, unknown> = {}, site = t.seed.s1.id): Promise<string> {
  const res = await director.request({
    method: 'POST',
    url: '/api/detainees',
    payload: newDetaineeBody(site, overrides),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('the full record', () => {
  it('keeps every version of each section with who and when', async () => {
    const id = await admit();
    const doc = await intake.request({
      method: 'POST',
      url: `/api/detainees/${id}/documents`,
      payload: { type: 'passport', number: 'A1234567', issuingState: 'IQ', expiresOn: '2027-05-01' },
    });
    expect(doc.statusCode, doc.body).toBe(201);
    const itemId = doc.json().itemId;
    t.clock.advance({ minutes: 5 });
    const changed = await intake.request({
      method: 'PUT',
      url: `/api/detainees/${id}/documents/${itemId}`,
      payload: { type: 'passport', number: 'A1234568', issuingState: 'IQ', reason: 'digit misread' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().version).toBe(2);
    for (const [path, payload] of [
      [
        'biometric-references',
        { system: 'National AFIS', reference: 'AFIS-99-0001', modality: 'fingerprints' },
      ],
      ['family', { relation: 'child', name: 'Fictional Child', age: 6, caredForBy: 'the grandmother' }],
      ['emergency-contacts', { name: 'Fictional Brother', relation: 'brother', phone: '+964 770 000 0000' }],
      [
        'property',
        {
          bagNumber: 'BAG-0001',
          items: [{ description: 'watch', quantity: 1 }],
          receivedAt: '2026-03-01T08:00:00.000Z',
          detaineeSignature: 'H. Hasan',
          officerSignature: 'Officer Intake',
        },
      ],
    ] as const) {
      const res = await intake.request({ method: 'POST', url: `/api/detainees/${id}/${path}`, payload });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(201);
    }
    const personal = await intake.request({
      method: 'PUT',
      url: `/api/detainees/${id}/personal`,
      payload: { motherName: 'Fatima Ali', placeOfBirth: 'Fictional Town', placeOfBirthCountry: 'IQ' },
    });
    expect(personal.statusCode, personal.body).toBe(200);
    await intake.request({
      method: 'PUT',
      url: `/api/detainees/${id}/personal`,
      payload: {
        motherName: 'Fatimah Ali',
        placeOfBirth: 'Fictional Town',
        placeOfBirthCountry: 'IQ',
        reason: 'spelling',
      },
    });
    const name = await intake.request({
      method: 'POST',
      url: `/api/detainees/${id}/names`,
      payload: {
        name: 'Hussein Hassan',
        script: 'latin',
        kind: 'transliteration',
        given: 'Hussein',
        father: 'Hassan',
      },
    });
    expect(name.statusCode, name.body).toBe(201);
    const nameId = name.json().find((n: { name: string }) => n.name === 'Hussein Hassan').id;
    await intake.request({
      method: 'PUT',
      url: `/api/detainees/${id}/names/${nameId}`,
      payload: {
        name: 'Husein Hassan',
        script: 'latin',
        kind: 'transliteration',
        given: 'Husein',
        father: 'Hassan',
        reason: 'as on the manifest',
      },
    });

    const record = (await officer.request({ method: 'GET', url: `/api/detainees/${id}/record` })).json();
    expect(record.documents).toHaveLength(1);
    expect(record.documents[0].number).toBe('A1234568');
    expect(record.biometricReferences[0].reference).toBe('AFIS-99-0001');
    expect(record.family[0].caredForBy).toBe('the grandmother');
    expect(record.emergencyContacts).toHaveLength(1);
    expect(record.property[0].bagNumber).toBe('BAG-0001');
    expect(record.personal.motherName).toBe('Fatimah Ali');
    expect(record.names.find((n: { id: string }) => n.id === nameId).given).toBe('Husein');

    const history = (
      await officer.request({ method: 'GET', url: `/api/detainees/${id}/record/history` })
    ).json();
    const docVersions = history.items.filter((i: { itemId: string }) => i.itemId === itemId);
    expect(docVersions.map((v: { version: number }) => v.version).sort()).toEqual([1, 2]);
    expect(docVersions.find((v: { version: number }) => v.version === 1).data.number).toBe('A1234567');
    expect(docVersions.every((v: { recordedBy: string }) => v.recordedBy === 'intake1')).toBe(true);
    expect(history.items.filter((i: { section: string }) => i.section === 'personal')).toHaveLength(2);
    expect(history.names.map((n: { action: string }) => n.action).sort()).toEqual(['add', 'edit']);
    expect(history.names.find((n: { action: string }) => n.action === 'edit').before.name).toBe(
      'Hussein Hassan',
    );

    // A removal is a last version; the earlier ones stay.
    const del = await intake.request({
      method: 'DELETE',
      url: `/api/detainees/${id}/documents/${itemId}`,
      payload: { reason: 'entered on the wrong record' },
    });
    expect(del.statusCode, del.body).toBe(204);
    expect(
      (await officer.request({ method: 'GET', url: `/api/detainees/${id}/record` })).json().documents,
    ).toHaveLength(0);
    const after = (
      await officer.request({ method: 'GET', url: `/api/detainees/${id}/record/history` })
    ).json();
    expect(after.items.filter((i: { itemId: string }) => i.itemId === itemId)).toHaveLength(3);

    // Property returned on release, signed.
    const bag = record.property[0].itemId;
    const ret = await intake.request({
      method: 'POST',
      url: `/api/detainees/${id}/property/${bag}/return`,
      payload: {
        returnedAt: '2026-03-02T09:00:00.000Z',
        returnedSignature: 'H. Hasan',
        officerSignature: 'Officer Release',
      },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json().returnedSignature).toBe('H. Hasan');
    const again = await intake.request({
      method: 'POST',
      url: `/api/detainees/${id}/property/${bag}/return`,
      payload: {
        returnedAt: '2026-03-02T09:00:00.000Z',
        returnedSignature: 'H. Hasan',
        officerSignature: 'Officer Release',
      },
    });
    expect(again.statusCode).toBe(400);
  });

  it('shows injuries, complaints and classification only on a need-to-know basis', async () => {
    const id = await admit();
    const injury = await medical.request({
      method: 'POST',
      url: `/api/detainees/${id}/injuries`,
      payload: {
        observedAt: '2026-03-01T08:00:00.000Z',
        bodyLocation: 'left forearm',
        description: 'bruising, 3 cm',
        examinedBy: 'Dr Fictional',
      },
    });
    expect(injury.statusCode, injury.body).toBe(201);
    const complaint = await intake.request({
      method: 'POST',
      url: `/api/detainees/${id}/complaints`,
      payload: {
        receivedAt: '2026-03-01T08:10:00.000Z',
        allegation: 'beaten during the earlier transfer',
        when: '2026-02',
      },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    // An officer may neither write nor see them: the record comes without them, not as an error.
    const refused = await officer.request({
      method: 'POST',
      url: `/api/detainees/${id}/injuries`,
      payload: {
        observedAt: '2026-03-01T08:00:00.000Z',
        bodyLocation: 'x',
        description: 'x',
        examinedBy: 'x',
      },
    });
    expect(refused.statusCode).toBe(403);
    const forOfficer = await officer.request({ method: 'GET', url: `/api/detainees/${id}/record` });
    expect(forOfficer.statusCode).toBe(200);
    expect(forOfficer.json().injuries).toBeUndefined();
    expect(forOfficer.json().complaints).toBeUndefined();
    expect(forOfficer.json().classification).toBeUndefined();
    expect(forOfficer.json().withheld).toEqual(
      expect.arrayContaining(['injuries', 'complaints', 'classification']),
    );
    const history = (
      await officer.request({ method: 'GET', url: `/api/detainees/${id}/record/history` })
    ).json();
    expect(
      history.items.some((i: { section: string }) => i.section === 'injury' || i.section === 'complaint'),
    ).toBe(false);
    // Medical, legal, directors and inspectors see them.
    for (const who of ['medical1', 'legal1', 'director', 'inspector']) {
      const s = await t.login(who);
      const rec = (await s.request({ method: 'GET', url: `/api/detainees/${id}/record` })).json();
      expect(rec.injuries, who).toHaveLength(1);
      expect(rec.complaints, who).toHaveLength(1);
    }
    // Classification: security roles only, through the housing module's table.
    const analyst = await t.login('analyst');
    const cls = await analyst.request({
      method: 'POST',
      url: `/api/detainees/${id}/classification`,
      payload: { risk: 'high', role: 'planner', reason: 'fictional intelligence report 17' },
    });
    expect(cls.statusCode, cls.body).toBe(201);
    expect(
      (await analyst.request({ method: 'GET', url: `/api/detainees/${id}/record` })).json().classification
        .current.role,
    ).toBe('planner');
    const forMedical = (await medical.request({ method: 'GET', url: `/api/detainees/${id}/record` })).json();
    expect(forMedical.classification).toBeUndefined();
    // The medical text stays out of the audit, which more people read.
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('changes')
      .where('action', '=', 'detainee.injury.add')
      .execute();
    expect(audit.every((a) => !String(a.changes).includes('bruising'))).toBe(true);
  });

  it('refuses bad input naming the field', async () => {
    const id = await admit();
    const cases: [string, string, unknown, string][] = [
      ['POST', `/api/detainees/${id}/names`, { name: 'Husayn حسين', script: 'latin', kind: 'alias' }, 'name'],
      ['POST', `/api/detainees/${id}/names`, { name: 'حسين', script: 'latin', kind: 'alias' }, 'script'],
      ['POST', `/api/detainees/${id}/names`, { name: 'Husayn', script: 'latin', kind: 'nickname' }, 'kind'],
      [
        'POST',
        `/api/detainees/${id}/documents`,
        { type: 'passport', number: 'X1', issuingState: 'QQ' },
        'issuingState',
      ],
      [
        'POST',
        `/api/detainees/${id}/documents`,
        { type: 'passport', number: 'X1', issuingState: 'IQ', expiresOn: '2026-02-30' },
        'expiresOn',
      ],
      ['POST', `/api/detainees/${id}/family`, { relation: 'child', name: 'C', dob: '2019-13' }, 'dob'],
      ['PUT', `/api/detainees/${id}/personal`, { placeOfBirthCountry: 'XX' }, 'placeOfBirthCountry'],
      ['POST', '/api/detainees', newDetaineeBody(t.seed.s1.id, { names: [] }), 'names'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await director.request({ method: method as 'POST', url, payload: payload as object });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(res.json().field, url).toBe(field);
    }
    const names = (await officer.request({ method: 'GET', url: `/api/detainees/${id}/record` })).json().names;
    for (const n of names.slice(1))
      await director.request({
        method: 'DELETE',
        url: `/api/detainees/${id}/names/${n.id}`,
        payload: { reason: 'test' },
      });
    const last = await director.request({
      method: 'DELETE',
      url: `/api/detainees/${id}/names/${names[0].id}`,
      payload: { reason: 'test' },
    });
    expect(last.statusCode).toBe(400);
    expect(last.json().field).toBe('nameId');
  });
});

describe('name search in either script', () => {
  it('finds a Latin-written record from Arabic script and the reverse, in my sites only', async () => {
    const latinOnly = await admit({
      names: [{ name: 'Qasim Kadhim Uthman al-Dulaimi', script: 'latin', kind: 'legal' }],
      dob: '1990',
    });
    const arabicOnly = await admit({
      names: [{ name: 'عبد الرحمن يوسف الشمري', script: 'arabic', kind: 'legal' }],
      dob: '1985',
    });
    const otherSite = await admit(
      { names: [{ name: 'Qasim Kazim Osman', script: 'latin', kind: 'legal' }] },
      t.seed.s2.id,
    );
    const ar = await officer.request({
      method: 'GET',
      url: `/api/detainees/search?q=${encodeURIComponent('قاسم كاظم عثمان الدليمي')}`,
    });
    expect(ar.statusCode, ar.body).toBe(200);
    expect(ar.json().items[0].id).toBe(latinOnly);
    // officer1 is scoped to S1: the S2 record never shows.
    expect(ar.json().items.some((h: { id: string }) => h.id === otherSite)).toBe(false);
    const la = await officer.request({
      method: 'GET',
      url: `/api/detainees/search?q=${encodeURIComponent('Abdulrahman Yousef al-Shammari')}`,
    });
    expect(la.json().items[0].id).toBe(arabicOnly);
    expect(la.json().items[0].evidence.length).toBeGreaterThan(0);
    // The director sees both sites.
    const all = (
      await director.request({
        method: 'GET',
        url: `/api/detainees/search?q=${encodeURIComponent('Kasim Kazim')}`,
      })
    )
      .json()
      .items.map((h: { id: string }) => h.id);
    expect(all).toEqual(expect.arrayContaining([latinOnly, otherSite]));
  });

  it('follows writes: a new name is found at once, a removed one no more', async () => {
    const id = await admit({ names: [{ name: 'Fictional Person One', script: 'latin', kind: 'legal' }] });
    const before = (
      await officer.request({
        method: 'GET',
        url: `/api/detainees/search?q=${encodeURIComponent('أبو دجانة الحلبي')}`,
      })
    ).json().items;
    expect(before.some((h: { id: string }) => h.id === id)).toBe(false);
    const added = await intake.request({
      method: 'POST',
      url: `/api/detainees/${id}/names`,
      payload: { name: 'Abu Dujana al-Halabi', script: 'latin', kind: 'kunya' },
    });
    const after = (
      await officer.request({
        method: 'GET',
        url: `/api/detainees/search?q=${encodeURIComponent('أبو دجانة الحلبي')}`,
      })
    ).json().items;
    expect(after[0]?.id).toBe(id);
    const kunyaId = added.json().find((n: { kind: string }) => n.kind === 'kunya').id;
    await intake.request({
      method: 'DELETE',
      url: `/api/detainees/${id}/names/${kunyaId}`,
      payload: { reason: 'belongs to another person' },
    });
    const gone = (
      await officer.request({
        method: 'GET',
        url: `/api/detainees/search?q=${encodeURIComponent('Abu Dujana al-Halabi')}`,
      })
    ).json().items;
    expect(gone.some((h: { id: string }) => h.id === id)).toBe(false);
  });
});

describe('screening', () => {
  it('finds the register record of an incoming person written another way, with evidence', async () => {
    const id = await admit({
      names: [
        { name: 'Mehmet Hüseyin Yıldız', script: 'latin', kind: 'legal' },
        { name: 'محمد حسين يلدز', script: 'arabic', kind: 'legal' },
      ],
      dob: '1984-04-12',
      nationalities: ['TR'],
    });
    const hits = await t.services.registerRecord.screenRecord({
      id: 'manifest-17',
      names: ['Muhammad Husayn Yildiz'],
      dob: '1984-04-12',
      sex: 'M',
      nationality: ['TR'],
    });
    expect(hits[0].id).toBe(id);
    expect(hits[0].decision).toBe('same');
    expect(hits[0].evidence.some((e) => e.direction === 'for')).toBe(true);
    const none = await t.services.registerRecord.screenRecord({
      id: 'manifest-18',
      names: ['Ivan Petrov Sidorov'],
      dob: '1970',
      sex: 'M',
    });
    expect(none.some((h) => h.id === id)).toBe(false);
  });
});

describe('duplicate review, merge and unmerge', () => {
  it('finds candidates in a scan, and a merge carries every safety record and unmerge puts each back', async () => {
    const survivor = await admit({
      names: [{ name: 'Khalid Ibrahim Saleh al-Obaidi', script: 'latin', kind: 'legal' }],
      dob: '1979-02-03',
      nationalities: ['IQ'],
    });
    const absorbed = await admit({
      names: [
        { name: 'خالد ابراهيم صالح العبيدي', script: 'arabic', kind: 'legal' },
        { name: 'Abu Omar al-Obaidi', script: 'latin', kind: 'kunya' },
      ],
      dob: '1979-02-03',
      nationalities: ['IQ', 'SY'],
    });
    const other = await admit({
      names: [{ name: 'Fictional Other Detainee', script: 'latin', kind: 'legal' }],
    });
    const analyst = await t.login('analyst');
    const commander = await t.login('commander1');
    const scan = await director.request({ method: 'POST', url: '/api/identity/scan' });
    expect(scan.statusCode, scan.body).toBe(200);
    const candidates = (
      await director.request({ method: 'GET', url: '/api/identity/candidates?status=open' })
    ).json().items;
    const candidate = candidates.find(
      (c: { a: { id: string }; b: { id: string } }) =>
        new Set([c.a.id, c.b.id]).has(survivor) && new Set([c.a.id, c.b.id]).has(absorbed),
    );
    expect(
      candidate,
      JSON.stringify(
        candidates.map((c: { a: { displayName: string }; b: { displayName: string } }) => [
          c.a.displayName,
          c.b.displayName,
        ]),
      ),
    ).toBeTruthy();
    expect(candidate.evidence.length).toBeGreaterThan(0);

    // Safety records on the absorbed record, of several modules.
    const actor = systemActor('test');
    await t.services.alerts.raise(actor, {
      siteId: t.seed.s1.id,
      subjectType: 'detainee',
      subjectId: absorbed,
      kind: 'test',
      severity: 'critical',
      title: 'Self-harm risk',
    });
    const directive = await analyst.request({
      method: 'POST',
      url: '/api/intelligence/directives',
      payload: { a: absorbed, b: other, scope: 'site', reason: 'threatened him', authorisedBy: 'Director' },
    });
    expect(directive.statusCode, directive.body).toBe(201);
    const link = await analyst.request({
      method: 'POST',
      url: '/api/intelligence/links',
      payload: { a: other, b: absorbed, kind: 'co-accused', weight: 0.8, source: 'case file' },
    });
    expect(link.statusCode, link.body).toBe(201);
    const seg = await commander.request({
      method: 'POST',
      url: `/api/detainees/${absorbed}/segregations`,
      payload: {
        reason: 'protection from others',
        authority: 'Commander S1',
        plannedEnd: '2026-03-08T08:00:00.000Z',
      },
    });
    expect(seg.statusCode, seg.body).toBe(201);
    await medical.request({
      method: 'POST',
      url: `/api/detainees/${absorbed}/injuries`,
      payload: {
        observedAt: '2026-03-01T08:00:00.000Z',
        bodyLocation: 'head',
        description: 'healed scar',
        examinedBy: 'Dr Fictional',
      },
    });
    await t.services.register.addLegalBasis(actor, absorbed, {
      basis: 'investigation',
      authority: 'Court 5',
      from: '2026-02-01',
    });

    const before = await referencesOf(absorbed);
    expect(before.alerts).toBe(1);
    expect(before.non_association_directives).toBeGreaterThan(0);
    expect(before.association_links).toBeGreaterThan(0);
    expect(before.segregations).toBe(1);
    const survivorBefore = await referencesOf(survivor);

    const refused = await officer.request({
      method: 'POST',
      url: '/api/identity/merges',
      payload: { survivorId: survivor, absorbedId: absorbed, reason: 'same person' },
    });
    expect(refused.statusCode).toBe(403);
    const merged = await intake.request({
      method: 'POST',
      url: '/api/identity/merges',
      payload: {
        survivorId: survivor,
        absorbedId: absorbed,
        reason: 'same date of birth and mother; fingerprints AFIS-1',
        candidateId: candidate.id,
      },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const merge = merged.json();
    expect(merge.mergedBy).toBe('intake1');

    // Everything the absorbed record held is now on the survivor; only facts the survivor already had stay behind.
    const moved = await referencesOf(survivor);
    const left = await referencesOf(absorbed);
    for (const [table, n] of Object.entries(before)) {
      if (table === 'detainee_nationalities') continue;
      expect(left[table] ?? 0, `${table} left on the absorbed record`).toBe(0);
      expect(moved[table], table).toBe((survivorBefore[table] ?? 0) + n);
    }
    expect(left.detainee_nationalities).toBe(1); // IQ: the survivor already had it
    expect(moved.detainee_nationalities).toBe(2); // IQ and SY
    const rec = (await director.request({ method: 'GET', url: `/api/detainees/${survivor}/record` })).json();
    expect(rec.injuries).toHaveLength(1);
    expect(rec.names.map((n: { name: string }) => n.name)).toContain('Abu Omar al-Obaidi');
    expect(
      (await director.request({ method: 'GET', url: `/api/detainees/${absorbed}/record` })).json().mergedInto,
    ).toBe(survivor);
    // The survivor is found by the absorbed record's names; the absorbed record no longer shows in search.
    const hits = (
      await director.request({
        method: 'GET',
        url: `/api/detainees/search?q=${encodeURIComponent('أبو عمر العبيدي')}`,
      })
    ).json().items;
    expect(hits[0].id).toBe(survivor);
    expect(hits.some((h: { id: string }) => h.id === absorbed)).toBe(false);
    // The directive with `other` and the alert still bind the person.
    const directives = await t.services.db
      .selectFrom('non_association_directives')
      .select(['detainee_a', 'detainee_b'])
      .where('detainee_a', '=', survivor)
      .execute();
    expect(directives.some((d) => d.detainee_b === other)).toBe(true);

    const again = await intake.request({
      method: 'POST',
      url: '/api/identity/merges',
      payload: { survivorId: survivor, absorbedId: absorbed, reason: 'again' },
    });
    expect(again.statusCode).toBe(409);

    const undone = await director.request({
      method: 'POST',
      url: `/api/identity/merges/${merge.id}/unmerge`,
      payload: { reason: 'DNA says two brothers' },
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().conflicts).toEqual([]);
    expect(undone.json().unmergedBy).toBe('director');
    expect(await referencesOf(absorbed)).toEqual(before);
    expect(await referencesOf(survivor)).toEqual(survivorBefore);
    expect(
      (await director.request({ method: 'GET', url: `/api/detainees/${absorbed}/record` })).json().mergedInto,
    ).toBeNull();
    const audit = await t.services.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'in', ['identity.merge', 'identity.unmerge'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['identity.merge', 'identity.unmerge']);
    // The candidate is open again for a new decision; decide it.
    const notSame = await director.request({
      method: 'POST',
      url: `/api/identity/candidates/${candidate.id}/not-same`,
      payload: { reason: 'brothers' },
    });
    expect(notSame.statusCode, notSame.body).toBe(200);
    expect(notSame.json().status).toBe('not_same');
  });
});

/** How many rows of each moving table point at this detainee (by the reference registry). */
async function referencesOf(id: string): Promise<Record<string, number>> {
  const { detaineeReferences } = await import('../../src/modules/register');
  const present = new Set((await t.services.db.introspection.getTables()).map((x) => x.name));
  const out: Record<string, number> = {};
  for (const ref of detaineeReferences()) {
    if (ref.policy !== 'move' || !present.has(ref.table)) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let q = (t.services.db as any)
      .selectFrom(ref.table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .select((eb: any) => eb.fn.countAll().as('n'))
      .where(ref.column, '=', id);
    if (ref.where) q = q.where(ref.where.column, '=', ref.where.value);
    const n = Number((await q.executeTakeFirst()).n);
    if (n > 0) out[ref.table] = (out[ref.table] ?? 0) + n;
  }
  return out;
}
