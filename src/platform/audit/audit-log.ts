import type { Transaction } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/dialect';
import { canonicalJson, hashEntry, type HashedEntry } from './audit-hash';

export type ActorType = 'user' | 'token' | 'system';

export interface AuditActor {
  type: ActorType;
  id: string | null;
  name: string;
}

/** Who is acting, and from where: carried from the request (or the CLI) into every service call. */
export interface AuditContext {
  actor: AuditActor;
  requestId?: string | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, name: 'system' };

export function systemContext(what = 'system'): AuditContext {
  return { actor: { type: 'system', id: null, name: what } };
}

export interface AuditRecord {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  siteId?: string | null;
  /** What changed: the fields written, or `{ before, after }`. */
  changes?: unknown;
}

/**
 * Appends entries to the hash chain inside the caller's transaction, so an entry exists if and
 * only if the change it describes was committed. The head row is locked for the rest of the
 * transaction (PostgreSQL) or the whole store is (SQLite's single writer): entries are sealed in
 * commit order with no gaps. Many entries in one call cost one head read and one head write.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.insertInto('sites').values(site).execute();
 *   await recordAudit(trx, clock, ctx, { action: 'site.create', subjectType: 'site', subjectId: site.id, changes: site });
 * });
 */
export async function recordAudit(
  trx: Transaction<Database>,
  clock: Clock,
  ctx: AuditContext,
  records: AuditRecord | AuditRecord[],
): Promise<void> {
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return;
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (isPostgres(trx)) headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();

  const at = clock.now().toISOString();
  let seq = Number(head.seq);
  let prev = head.hash;
  const rows = list.map((record) => {
    const entry: HashedEntry = {
      seq: ++seq,
      at,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      action: record.action,
      subject_type: record.subjectType,
      subject_id: record.subjectId ?? null,
      site_id: record.siteId ?? null,
      changes: canonicalJson(record.changes ?? {}),
      request_id: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
      prev_hash: prev,
    };
    prev = hashEntry(entry);
    return { ...entry, hash: prev };
  });
  // Both stores accept a few thousand parameters per statement: 14 columns × 500 rows is safe.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('audit_entries')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await trx.updateTable('audit_head').set({ seq, hash: prev }).where('id', '=', 1).execute();
}
