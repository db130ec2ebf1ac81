import type { Transaction } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';

interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: small writes that arrive together (many tablets sending checks at once) share one
 * transaction — one commit, one turn of the audit chain's head — instead of paying for one each.
 * A write is queued and the queue is written at the next turn of the event loop; each caller still
 * hears only of its own write, after the commit. If the shared transaction fails, each write is
 * tried again in a transaction of its own, so one bad write never takes the others with it.
 *
 * `writeOne` may run twice for one item (shared, then alone after a rollback): it must not keep
 * state outside the transaction.
 *
 * @example
 * const checks = new GroupCommit(db, (trx, check) => insertCheck(trx, check));
 * const row = await checks.write(check);
 */
export class GroupCommit<I, R> {
  private queue: Pending<I, R>[] = [];
  private draining = false;

  constructor(
    private readonly db: Db,
    private readonly writeOne: (trx: Transaction<Database>, item: I) => Promise<R>,
    private readonly maxBatch = 200,
  ) {}

  write(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // setImmediate, not a microtask: the requests read in this turn of the loop join the batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.commit(this.queue.splice(0, this.maxBatch));
    this.draining = false;
  }

  private async commit(batch: Pending<I, R>[]): Promise<void> {
    try {
      const results = await this.db.transaction().execute(async (trx) => {
        const out: R[] = [];
        for (const p of batch) out.push(await this.writeOne(trx, p.item));
        return out;
      });
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const p of batch) {
        try {
          p.resolve(await this.db.transaction().execute((trx) => this.writeOne(trx, p.item)));
        } catch (alone) {
          p.reject(alone);
        }
      }
    }
  }
}
