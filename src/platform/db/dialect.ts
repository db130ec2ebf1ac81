import { type Kysely, PostgresAdapter } from 'kysely';

/** For the few statements (row locks, triggers) that the two stores spell differently. */
export function isPostgres(
  db: Kysely<never> | Kysely<unknown> | { getExecutor(): { adapter: unknown } },
): boolean {
  return (db as { getExecutor(): { adapter: unknown } }).getExecutor().adapter instanceof PostgresAdapter;
}
