import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit, systemContext } from '../../src/platform/audit/audit-log';
import { canonicalJson } from '../../src/platform/audit/audit-hash';
import { verifyAuditChain } from '../../src/platform/audit/verify-audit-chain';
import { FixedClock } from '../../src/platform/clock';
import type { Store } from '../../src/platform/db/database';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { freshStore, STORE_KIND } from '../helpers/store';

let store: Store;
let cleanup: () => Promise<void>;
const clock = new FixedClock('2026-03-01T08:00:00Z');

beforeEach(async () => {
  ({ store, cleanup } = await freshStore());
  await migrateToLatest(store.db, clock);
  for (let i = 0; i < 5; i++) {
    await store.db.transaction().execute((trx) =>
      recordAudit(trx, clock, systemContext('test'), {
        action: 'thing.change',
        subjectType: 'thing',
        subjectId: `T${i}`,
        changes: { i },
      }),
    );
  }
});
afterEach(() => cleanup());

/** What someone with the database owner's rights can do: switch the guard off first. */
async function tamper(statement: string) {
  if (STORE_KIND === 'postgres') {
    await sql.raw('alter table audit_entries disable trigger audit_entries_immutable').execute(store.db);
    await sql.raw(statement).execute(store.db);
    await sql.raw('alter table audit_entries enable trigger audit_entries_immutable').execute(store.db);
  } else {
    await sql.raw('drop trigger if exists audit_entries_no_update').execute(store.db);
    await sql.raw('drop trigger if exists audit_entries_no_delete').execute(store.db);
    await sql.raw(statement).execute(store.db);
  }
}

describe('the audit chain', () => {
  it('holds after migration and writes: the migration is the first entry', async () => {
    const verdict = await verifyAuditChain(store.db);
    expect(verdict).toMatchObject({ ok: true, checked: 6 });
    const first = await store.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ actor_type: 'system', action: 'store.migrate' });
  });

  it('is refused updates and deletes by the store itself', async () => {
    await expect(
      store.db.updateTable('audit_entries').set({ action: 'x' }).where('seq', '=', 2).execute(),
    ).rejects.toThrow(/never updated or deleted/);
    await expect(store.db.deleteFrom('audit_entries').where('seq', '=', 2).execute()).rejects.toThrow(
      /never updated or deleted/,
    );
  });

  it('names an altered entry', async () => {
    await tamper(`update audit_entries set changes = '{"i":99}' where seq = 3`);
    expect(await verifyAuditChain(store.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: expect.stringMatching(/altered/) },
    });
  });

  it('names a removed entry in the middle', async () => {
    await tamper('delete from audit_entries where seq = 4');
    expect(await verifyAuditChain(store.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: expect.stringMatching(/missing/) },
    });
  });

  it('notices the last entries cut off', async () => {
    await tamper('delete from audit_entries where seq = 6');
    expect(await verifyAuditChain(store.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 6, reason: expect.stringMatching(/removed/) },
    });
  });

  it('names an entry inserted out of order, even with a well-formed hash', async () => {
    // Renumber the tail to make room, then insert a forged entry at 3 whose hash is computed correctly over its own content.
    await tamper('update audit_entries set seq = seq + 100 where seq >= 3');
    await tamper('update audit_entries set seq = seq - 99 where seq >= 103');
    const prev = await store.db
      .selectFrom('audit_entries')
      .select('hash')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const { hashEntry } = await import('../../src/platform/audit/audit-hash');
    const forged = {
      seq: 3,
      at: '2026-03-01T08:00:00.000Z',
      actor_type: 'user',
      actor_id: 'u',
      actor_name: 'mallory',
      action: 'thing.change',
      subject_type: 'thing',
      subject_id: 'T9',
      site_id: null,
      changes: canonicalJson({}),
      request_id: null,
      ip: null,
      prev_hash: prev.hash,
    };
    await store.db
      .insertInto('audit_entries')
      .values({ ...forged, hash: hashEntry(forged) })
      .execute();
    expect(await verifyAuditChain(store.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: expect.stringMatching(/link/) },
    });
  });

  it("notices an entry appended behind the application's back", async () => {
    const last = await store.db
      .selectFrom('audit_entries')
      .select('hash')
      .where('seq', '=', 6)
      .executeTakeFirstOrThrow();
    const { hashEntry } = await import('../../src/platform/audit/audit-hash');
    const forged = {
      seq: 7,
      at: '2026-03-01T08:00:00.000Z',
      actor_type: 'user',
      actor_id: 'u',
      actor_name: 'mallory',
      action: 'thing.change',
      subject_type: 'thing',
      subject_id: 'T9',
      site_id: null,
      changes: '{}',
      request_id: null,
      ip: null,
      prev_hash: last.hash,
    };
    await store.db
      .insertInto('audit_entries')
      .values({ ...forged, hash: hashEntry(forged) })
      .execute();
    expect(await verifyAuditChain(store.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 7, reason: expect.stringMatching(/outside the application/) },
    });
  });

  it('writes nothing when the change it describes is rolled back', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await recordAudit(trx, clock, systemContext('test'), {
          action: 'thing.change',
          subjectType: 'thing',
        });
        throw new Error('half-way failure');
      }),
    ).rejects.toThrow('half-way failure');
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 6 });
  });

  it('stays whole under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.db.transaction().execute((trx) =>
          recordAudit(trx, clock, systemContext('test'), {
            action: 'c',
            subjectType: 'thing',
            subjectId: String(i),
          }),
        ),
      ),
    );
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true, checked: 46 });
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], u: undefined })).toBe(
      '{"a":[2,{"c":4,"d":3}],"b":1}',
    );
  });
});
