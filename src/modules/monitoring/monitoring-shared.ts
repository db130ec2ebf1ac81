import type { Kysely } from 'kysely';
import type { AlertsService } from '../../platform/alerts/alerts-service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { NotFound } from '../../platform/errors';
import type { LiveEventBus } from '../../platform/events';
import { type Actor, inScope } from '../../platform/http/actor';

/** What every monitoring service is built from (one set, from the composition root). */
export interface MonitoringDeps {
  db: Db;
  clock: Clock;
  alerts: AlertsService;
  events: LiveEventBus;
}

/** A query runner: the store itself or an open transaction. */
export type Q = Kysely<Database>;

/** The site of a record, or 404 when it does not exist or is outside the caller's sites. */
export async function siteInScope(
  db: Q,
  actor: Actor,
  siteId: string,
): Promise<{ id: string; code: string; name: string }> {
  const site = await db
    .selectFrom('sites')
    .select(['id', 'code', 'name'])
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site || !inScope(actor, site.id)) throw new NotFound('site');
  return site;
}

/** Splits a list for `in (…)` so no statement exceeds either store's parameter limit. */
export function chunks<T>(items: T[], size = 900): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function addMinutes(at: string | Date, minutes: number): string {
  return new Date(new Date(at).getTime() + minutes * 60_000).toISOString();
}

/** The UTC day [start, end) containing `at`, as ISO strings: "today" for the roll and compliance. */
export function utcDay(at: Date | string): { start: string; end: string; day: string } {
  const day = (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
  const start = `${day}T00:00:00.000Z`;
  return { start, end: addMinutes(start, 24 * 60), day };
}

/** The user (or token) behind an actor, for records that name the officer. */
export function actorName(actor: Actor): string {
  return actor.audit.actor.name;
}
