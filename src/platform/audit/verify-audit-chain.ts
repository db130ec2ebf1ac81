import type { Db } from '../db/database';
import { GENESIS_HASH, hashEntry } from './audit-hash';

export interface ChainVerdict {
  ok: boolean;
  /** Entries checked before the verdict. */
  checked: number;
  /** The hash of the last good entry: record it elsewhere to anchor the chain. */
  headHash: string;
  /** The first entry that does not hold, and why. */
  firstBad?: { seq: number; reason: string };
}

/**
 * Walks the whole chain in order and recomputes every hash. It names the first entry that was
 * altered (its hash no longer matches), removed (a gap in the sequence, or the next entry's link
 * broken), or inserted out of order (a link that points to the wrong predecessor, or entries past
 * the sealed head).
 *
 * @example const verdict = await verifyAuditChain(store.db); if (!verdict.ok) console.error(verdict.firstBad);
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainVerdict> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return bad(checked, prev, expectedSeq, `entry ${expectedSeq} is missing (next present is ${seq})`);
      }
      if (row.prev_hash !== prev) {
        return bad(
          checked,
          prev,
          seq,
          'its link to the previous entry is broken (inserted, or its predecessor removed)',
        );
      }
      const recomputed = hashEntry({ ...row, seq });
      if (recomputed !== row.hash) return bad(checked, prev, seq, 'its content was altered (hash mismatch)');
      prev = row.hash;
      expectedSeq++;
      checked++;
    }
    if (page.length < pageSize) break;
    after = Number(page[page.length - 1].seq);
  }
  if (!head) return bad(checked, prev, expectedSeq, 'the chain head is missing');
  if (Number(head.seq) !== checked || head.hash !== prev) {
    return bad(
      checked,
      prev,
      Number(head.seq) > checked ? checked + 1 : Number(head.seq) + 1,
      Number(head.seq) > checked
        ? `entries after ${checked} were removed (the head was sealed at ${head.seq})`
        : `entries after ${head.seq} were added outside the application`,
    );
  }
  return { ok: true, checked, headHash: prev };
}

function bad(checked: number, headHash: string, seq: number, reason: string): ChainVerdict {
  return { ok: false, checked, headHash, firstBad: { seq, reason } };
}
