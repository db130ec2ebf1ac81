import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Actor } from '../http/actor';

export interface AuditEntryView {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  siteId: string | null;
  changes: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Reads the audit: who did and who viewed what, per subject (a detainee's file) and per actor.
 * A site-scoped reader sees the entries of their sites only.
 */
export async function queryAudit(db: Db, actor: Actor, filter: AuditFilter) {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 100;
  let q = db.selectFrom('audit_entries');
  if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items: AuditEntryView[] = rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    siteId: r.site_id,
    changes: JSON.parse(r.changes) as unknown,
    requestId: r.request_id,
    ip: r.ip,
  }));
  return { items, total, page, pageSize };
}
