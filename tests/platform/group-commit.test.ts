import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/platform/db/database';
import { GroupCommit } from '../../src/platform/db/group-commit';
import { freshStore } from '../helpers/store';

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await freshStore());
  await sql`create table gc (k text primary key, v integer not null)`.execute(store.db);
});
afterAll(() => cleanup());

const count = async () =>
  Number((await sql<{ n: number }>`select count(*) as n from gc`.execute(store.db)).rows[0].n);

describe('group commit', () => {
  it('writes the writes that arrive together in one transaction, each caller hearing of its own', async () => {
    const transactions = new Set<unknown>();
    const writer = new GroupCommit(store.db, async (trx, k: string) => {
      transactions.add(trx);
      await sql`insert into gc (k, v) values (${k}, ${1})`.execute(trx);
      return `wrote ${k}`;
    });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => writer.write(`a${i}`)));
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => `wrote a${i}`));
    expect(transactions.size).toBe(1);
    expect(await count()).toBe(30);
    // A later write is a batch of its own.
    expect(await writer.write('a30')).toBe('wrote a30');
    expect(transactions.size).toBe(2);
  });

  it('lets one bad write fail alone: the others are written, each caller told its own outcome', async () => {
    const before = await count();
    const writer = new GroupCommit(store.db, async (trx, k: string) => {
      // b3 repeats a key written before: the shared transaction fails on it.
      await sql`insert into gc (k, v) values (${k === 'b3' ? 'a0' : k}, ${2})`.execute(trx);
      return k;
    });
    const outcomes = await Promise.allSettled(['b1', 'b2', 'b3', 'b4'].map((k) => writer.write(k)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(before + 3);
  });

  it('keeps batches to their limit', async () => {
    const sizes: number[] = [];
    let current: unknown = null;
    const writer = new GroupCommit(
      store.db,
      async (trx, k: string) => {
        if (trx !== current) {
          current = trx;
          sizes.push(0);
        }
        sizes[sizes.length - 1]++;
        await sql`insert into gc (k, v) values (${k}, ${3})`.execute(trx);
      },
      4,
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => writer.write(`c${i}`)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});
