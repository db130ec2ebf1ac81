import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newDetaineeBody, type Session, type TestApp } from '../helpers/test-app';
import {
  luhnValid,
  normaliseIccid,
  normaliseImei,
  normaliseImsi,
  normalisePhone,
} from '../../src/modules/communications';

let t: TestApp;
let officer: Session;
let commander: Session;
let legal: Session;
let analyst: Session;

beforeAll(async () => {
  t = await createTestApp();
  [officer, commander, legal, analyst] = await Promise.all(
    ['officer1', 'commander1', 'legal1', 'analyst'].map((u) => t.login(u)),
  );
});
afterAll(() => t.close());

const admit = async (siteId = t.seed.s1.id) => {
  const s = await t.login(siteId === t.seed.s1.id ? 'intake1' : 'director');
  const res = await s.request({ method: 'POST', url: '/api/detainees', payload: newDetaineeBody(siteId) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

// 490154203237518 is the textbook valid IMEI; 35-209900-176148-1 another.
const IMEI = '490154203237518';
const IMEI2 = '352099001761481';

describe('identifier checks', () => {
  it('validates IMEIs by length and Luhn check digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(normaliseImei('49-015420-323751-8')).toEqual({ value: IMEI });
    expect(normaliseImei('490154203237519')).toEqual({ problem: 'the check digit is wrong' });
    expect(normaliseImei('49015420323751')).toHaveProperty('problem');
    expect(normaliseImei(IMEI2)).toEqual({ value: IMEI2 });
  });
  it('validates ICCIDs, IMSIs and numbers', () => {
    expect(normaliseIccid('8991101200003204514')).toEqual({ value: '8991101200003204514' });
    expect(normaliseIccid('8991101200003204515')).toHaveProperty('problem');
    expect(normaliseIccid('1234567890123456789')).toHaveProperty('problem');
    expect(normaliseImsi('418 05 1234567890')).toEqual({ value: '418051234567890' });
    expect(normaliseImsi('4180512')).toHaveProperty('problem');
    expect(normalisePhone('0096 4770 123 4567')).toEqual({ value: '+9647701234567' });
    expect(normalisePhone('+964 (0)770-123-4567')).toEqual({ value: '+9647701234567' });
    expect(normalisePhone('call me')).toHaveProperty('problem');
  });
});

describe('searches and seizures', () => {
  it('logs a cell search that seizes a phone, refusing a bad IMEI with the field named', async () => {
    const d = await admit();
    const bad = await officer.request({
      method: 'POST',
      url: '/api/searches',
      payload: {
        siteId: t.seed.s1.id,
        kind: 'cell',
        cellId: t.seed.s1.cellId,
        searchedAt: '2026-03-01T07:00:00Z',
        searchedBy: 'Team 2',
        items: [{ type: 'phone', description: 'Nokia', imei: '490154203237519', holder: 'Evidence room' }],
      },
    });
    expect([bad.statusCode, bad.json().field]).toEqual([400, 'items[0].imei']);
    const res = await officer.request({
      method: 'POST',
      url: '/api/searches',
      payload: {
        siteId: t.seed.s1.id,
        kind: 'cell',
        cellId: t.seed.s1.cellId,
        searchedAt: '2026-03-01T07:00:00Z',
        searchedBy: 'Team 2',
        items: [
          {
            type: 'phone',
            description: 'Nokia 105',
            imei: '49 015420 323751 8',
            phoneNumber: '+964 770 123 4567',
            detaineeIds: [d],
            holder: 'Evidence room',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const search = res.json();
    expect(search).toMatchObject({ result: 'items_seized', cellCode: 'C001' });
    expect(search.items[0]).toMatchObject({
      imei: IMEI,
      phoneNumber: '+9647701234567',
      custodyStatus: 'held',
    });
    expect(search.items[0].detainees.map((x: { id: string }) => x.id)).toEqual([d]);
    const empty = await officer.request({
      method: 'POST',
      url: '/api/searches',
      payload: {
        siteId: t.seed.s1.id,
        kind: 'area',
        area: 'Yard',
        searchedAt: '2026-03-01T07:10:00Z',
        searchedBy: 'Team 2',
      },
    });
    expect(empty.json().result).toBe('nothing_found');
    const noCell = await officer.request({
      method: 'POST',
      url: '/api/searches',
      payload: { siteId: t.seed.s1.id, kind: 'cell', searchedAt: '2026-03-01T07:10:00Z', searchedBy: 'x' },
    });
    expect([noCell.statusCode, noCell.json().field]).toEqual([400, 'cellId']);
    const elsewhere = await admit(t.seed.s2.id);
    const foreign = await officer.request({
      method: 'POST',
      url: `/api/searches/${search.id}/items`,
      payload: { type: 'charger', description: 'USB', detaineeIds: [elsewhere], holder: 'x' },
    });
    expect([foreign.statusCode, foreign.json().field]).toEqual([400, 'detaineeIds[0]']);
    const imeiOnCharger = await officer.request({
      method: 'POST',
      url: `/api/searches/${search.id}/items`,
      payload: { type: 'charger', description: 'USB', imei: IMEI, holder: 'x' },
    });
    expect([imeiOnCharger.statusCode, imeiOnCharger.json().field]).toEqual([400, 'imei']);
  });

  it('keeps the chain of custody until disposal', async () => {
    const res = await officer.request({
      method: 'POST',
      url: '/api/searches',
      payload: {
        siteId: t.seed.s1.id,
        kind: 'area',
        area: 'Kitchen',
        searchedAt: '2026-03-01T07:00:00Z',
        searchedBy: 'Team 1',
        items: [{ type: 'weapon', description: 'Sharpened spoon', holder: 'Evidence room' }],
      },
    });
    const item = res.json().items[0];
    const moved = await commander.request({
      method: 'POST',
      url: `/api/seized-items/${item.id}/custody`,
      payload: { action: 'transferred', holder: 'Police forensic lab' },
    });
    expect(moved.json().holder).toBe('Police forensic lab');
    const noNote = await commander.request({
      method: 'POST',
      url: `/api/seized-items/${item.id}/custody`,
      payload: { action: 'disposed', holder: 'x' },
    });
    expect([noNote.statusCode, noNote.json().field]).toEqual([400, 'note']);
    const gone = await commander.request({
      method: 'POST',
      url: `/api/seized-items/${item.id}/custody`,
      payload: { action: 'disposed', holder: 'Police forensic lab', note: 'Destroyed, certificate 17' },
    });
    expect(gone.json().custody.map((c: { action: string }) => c.action)).toEqual([
      'seized',
      'transferred',
      'disposed',
    ]);
    expect(
      (
        await commander.request({
          method: 'POST',
          url: `/api/seized-items/${item.id}/custody`,
          payload: { action: 'transferred', holder: 'x' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('surfaces two detainees tied by the same device or number as a suggested link, with the evidence', async () => {
    const a = await admit();
    const b = await admit();
    const c = await admit();
    const seize = (detaineeIds: string[], item: Record<string, unknown>) =>
      officer.request({
        method: 'POST',
        url: '/api/searches',
        payload: {
          siteId: t.seed.s1.id,
          kind: 'person',
          detaineeId: detaineeIds[0],
          searchedAt: '2026-03-01T07:00:00Z',
          searchedBy: 'Team 3',
          items: [{ holder: 'Evidence room', detaineeIds, ...item }],
        },
      });
    const first = await seize([a], { type: 'phone', description: 'Phone A', imei: IMEI2 });
    const second = await seize([b], {
      type: 'phone',
      description: 'Same phone, found again',
      imei: '35-209900-176148-1',
    });
    await seize([b], { type: 'sim', description: 'SIM', phoneNumber: '+9647709998877' });
    await seize([c], {
      type: 'documents',
      description: 'Note with a number',
      phoneNumber: '00964 770 999 8877',
    });
    const links = (
      await analyst.request({ method: 'GET', url: `/api/seizure-links?siteId=${t.seed.s1.id}` })
    ).json() as {
      detaineeA: string;
      detaineeB: string;
      kind: string;
      evidence: { identifier: string; value: string; itemIds: string[] }[];
    }[];
    const pair = (x: string, y: string) =>
      links.find((l) => [l.detaineeA, l.detaineeB].sort().join() === [x, y].sort().join());
    expect(pair(a, b)).toMatchObject({
      kind: 'seized-device',
      evidence: [{ identifier: 'imei', value: IMEI2 }],
    });
    expect(pair(a, b)!.evidence[0].itemIds.sort()).toEqual(
      [first.json().items[0].id, second.json().items[0].id].sort(),
    );
    expect(pair(b, c)).toMatchObject({
      kind: 'common-number',
      evidence: [{ identifier: 'phoneNumber', value: '+9647709998877' }],
    });
    expect(pair(a, c)).toBeUndefined();
    const byId = await t.services.contraband.seizureLinks(
      { audit: { actor: { type: 'system', id: null, name: 't' } }, sites: null, may: () => true },
      { detaineeId: c },
    );
    expect(byId.map((l) => l.kind)).toEqual(['common-number']);
    const found = (
      await officer.request({
        method: 'GET',
        url: `/api/seized-items?identifier=${encodeURIComponent('+964 770 999 8877')}`,
      })
    ).json();
    expect(found).toHaveLength(2);
    // Another site's officer sees none of it.
    const officer2 = await t.login('officer2');
    expect((await officer2.request({ method: 'GET', url: '/api/seizure-links' })).json()).toEqual([]);
  });
});

describe('contacts and communications', () => {
  it('records privileged contact — who, when, how long — never monitored, never its content, hidden from roles without need-to-know', async () => {
    const d = await admit();
    const lawyer = await legal.request({
      method: 'POST',
      url: `/api/detainees/${d}/contacts`,
      payload: { kind: 'lawyer', name: 'Maître Fictif', organisation: 'Fictional Bar Association' },
    });
    expect(lawyer.statusCode, lawyer.body).toBe(201);
    expect(
      (
        await legal.request({
          method: 'POST',
          url: `/api/contacts/${lawyer.json().id}/decision`,
          payload: { decision: 'approved' },
        })
      ).json().status,
    ).toBe('approved');
    const base = {
      mode: 'visit',
      direction: 'in',
      contactId: lawyer.json().id,
      at: '2026-03-01T07:00:00Z',
      durationMinutes: 45,
    };
    const monitored = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: { ...base, monitored: true },
    });
    expect([monitored.statusCode, monitored.json().field]).toEqual([400, 'monitored']);
    const content = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: { ...base, monitored: false, summary: 'Discussed the defence' },
    });
    expect([content.statusCode, content.json().field]).toEqual([400, 'summary']);
    const consul = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: {
        mode: 'call',
        direction: 'out',
        counterpartKind: 'consul',
        counterpartName: 'Consul of Fictionland',
        at: '2026-03-01T07:20:00Z',
        durationMinutes: 10,
        monitored: true,
      },
    });
    expect([consul.statusCode, consul.json().field]).toEqual([400, 'monitored']);
    const ok = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: { ...base, monitored: false },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      privileged: true,
      monitored: false,
      summary: null,
      counterpartName: 'Maître Fictif',
      durationMinutes: 45,
    });
    const family = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: {
        mode: 'call',
        direction: 'out',
        counterpartKind: 'family',
        counterpartName: 'Brother',
        phoneNumber: '+9647700000001',
        at: '2026-03-01T07:30:00Z',
        durationMinutes: 5,
        monitored: true,
        summary: 'Asked about the children',
      },
    });
    expect(family.statusCode, family.body).toBe(201);

    // An officer and an analyst see the family call, not the lawyer's visit, and may not ask for it.
    for (const who of [officer, analyst]) {
      const seen = (
        await who.request({ method: 'GET', url: `/api/detainees/${d}/communications` })
      ).json() as { privileged: boolean }[];
      expect(seen.map((x) => x.privileged)).toEqual([false]);
      expect(
        (await who.request({ method: 'GET', url: `/api/detainees/${d}/communications?privileged=only` }))
          .statusCode,
      ).toBe(403);
      const contacts = (await who.request({ method: 'GET', url: `/api/detainees/${d}/contacts` })).json() as {
        kind: string;
      }[];
      expect(contacts.map((c) => c.kind)).toEqual([]);
    }
    expect(
      (
        await officer.request({
          method: 'POST',
          url: `/api/contacts/${lawyer.json().id}/decision`,
          payload: { decision: 'revoked', note: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    // Legal staff see it: the record, not content (there is none).
    const legalView = (
      await legal.request({ method: 'GET', url: `/api/detainees/${d}/communications?privileged=only` })
    ).json();
    expect(legalView).toHaveLength(1);
    expect(legalView[0]).toMatchObject({ counterpartKind: 'lawyer', monitored: false, summary: null });
    // The store refuses it too, whatever the service does.
    const row = await t.services.db
      .selectFrom('communications')
      .selectAll()
      .where('id', '=', ok.json().id)
      .executeTakeFirstOrThrow();
    await expect(
      t.services.db.updateTable('communications').set({ monitored: 1 }).where('id', '=', row.id).execute(),
    ).rejects.toThrow();
  });

  it('approves contacts, and limits restrictions in time, never banning family contact (Rule 43)', async () => {
    const d = await admit();
    const friend = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/contacts`,
      payload: { kind: 'other', name: 'Old friend', phone: '+9647711112222' },
    });
    const refuse = await commander.request({
      method: 'POST',
      url: `/api/contacts/${friend.json().id}/decision`,
      payload: { decision: 'refused' },
    });
    expect([refuse.statusCode, refuse.json().field]).toEqual([400, 'note']);
    await commander.request({
      method: 'POST',
      url: `/api/contacts/${friend.json().id}/decision`,
      payload: { decision: 'approved' },
    });
    const url = `/api/detainees/${d}/contact-restrictions`;
    const base = { reason: 'Disciplinary sanction 12', from: '2026-03-01T00:00:00Z' };
    const ban = await commander.request({
      method: 'POST',
      url,
      payload: {
        ...base,
        modes: ['visit', 'call', 'letter'],
        counterparts: ['family'],
        to: '2026-03-08T00:00:00Z',
      },
    });
    expect([ban.statusCode, ban.json().field]).toEqual([400, 'modes']);
    const long = await commander.request({
      method: 'POST',
      url,
      payload: { ...base, modes: ['call'], counterparts: ['other'], to: '2026-05-01T00:00:00Z' },
    });
    expect([long.statusCode, long.json().field]).toEqual([400, 'to']);
    const lawyers = await commander.request({
      method: 'POST',
      url,
      payload: { ...base, modes: ['visit'], counterparts: ['lawyer'], to: '2026-03-08T00:00:00Z' },
    });
    expect([lawyers.statusCode, lawyers.json().field]).toEqual([400, 'counterparts[0]']);
    expect(
      (
        await officer.request({
          method: 'POST',
          url,
          payload: { ...base, modes: ['call'], counterparts: ['other'], to: '2026-03-08T00:00:00Z' },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await commander.request({
      method: 'POST',
      url,
      payload: {
        ...base,
        modes: ['call', 'visit'],
        counterparts: ['family', 'other'],
        to: '2026-03-08T00:00:00Z',
      },
    });
    expect(ok.json()).toMatchObject({ active: true, modes: ['call', 'visit'] });
    const call = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: {
        mode: 'call',
        direction: 'out',
        contactId: friend.json().id,
        at: '2026-03-01T07:00:00Z',
        durationMinutes: 5,
        monitored: true,
      },
    });
    expect(call.statusCode).toBe(409);
    const letter = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: {
        mode: 'letter',
        direction: 'out',
        counterpartKind: 'family',
        counterpartName: 'Mother',
        at: '2026-03-01T07:00:00Z',
        monitored: false,
      },
    });
    expect(letter.statusCode, letter.body).toBe(201);
    const lawyerCall = await officer.request({
      method: 'POST',
      url: `/api/detainees/${d}/communications`,
      payload: {
        mode: 'call',
        direction: 'in',
        counterpartKind: 'lawyer',
        counterpartName: 'Counsel',
        at: '2026-03-01T07:05:00Z',
        durationMinutes: 20,
        monitored: false,
      },
    });
    expect(lawyerCall.statusCode).toBe(201);
  });
});
