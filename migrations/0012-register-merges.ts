import { type Kysely, sql } from 'kysely';

/**
 * Register (issue 4): what a merge took from the absorbed record's custody (its status and cell,
 * given back by an unmerge), and the watermark of the periodic duplicate scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('detainee_merges').addColumn('absorbed_status', 'text').execute();
  await db.schema.alterTable('detainee_merges').addColumn('absorbed_cell_id', 'text').execute();
  await takeMergedOutOfPopulation(db);
  await db.schema
    .createTable('identity_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    /** The last record screened, as (updated_at, id): the next scan starts after it. */
    .addColumn('last_updated_at', 'text', (c) => c.notNull())
    .addColumn('last_id', 'text', (c) => c.notNull())
    .addColumn('screened', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_scans_ran_at').on('identity_scans').column('ran_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('identity_scans').execute();
  await db.schema.alterTable('detainee_merges').dropColumn('absorbed_cell_id').execute();
  await db.schema.alterTable('detainee_merges').dropColumn('absorbed_status').execute();
}

/**
 * Records merged before this change still stood in the population (in custody, in a cell): they
 * are taken out as a merge now does, keeping what an unmerge gives back.
 */
export async function takeMergedOutOfPopulation<DB>(db: Kysely<DB>): Promise<void> {
  await sql`
    update detainee_merges
    set absorbed_status = (select status from detainees where detainees.id = detainee_merges.absorbed_id),
        absorbed_cell_id = (select cell_id from detainees where detainees.id = detainee_merges.absorbed_id)
    where unmerged_at is null and absorbed_status is null`.execute(db);
  await sql`update detainees set status = 'merged', cell_id = null where merged_into is not null`.execute(db);
}
