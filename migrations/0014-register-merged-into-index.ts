import type { Kysely } from 'kysely';

/** Register (issue 4): a record's page lists the records merged into it, read by `merged_into`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('detainees_merged_into').on('detainees').column('merged_into').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('detainees_merged_into').execute();
}
