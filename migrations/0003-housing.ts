import type { Kysely } from 'kysely';

/**
 * Housing that keeps networks apart: association links and non-association directives (every
 * edit a new version, closing never deletes), risk classification and role, housing plans,
 * the move history, and segregation with its reviews and medical checks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('association_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Stable across versions: the API names a link by it.
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('detainee_a', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('detainee_b', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_reason', 'text')
    .addUniqueConstraint('association_links_version', ['link_id', 'version'])
    .execute();
  await db.schema.createIndex('association_links_a').on('association_links').column('detainee_a').execute();
  await db.schema.createIndex('association_links_b').on('association_links').column('detainee_b').execute();

  await db.schema
    .createTable('non_association_directives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('directive_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('detainee_a', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('detainee_b', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('authorised_by', 'text', (c) => c.notNull())
    .addColumn('review_date', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_reason', 'text')
    .addUniqueConstraint('non_association_directives_version', ['directive_id', 'version'])
    .execute();
  await db.schema
    .createIndex('non_association_directives_a')
    .on('non_association_directives')
    .column('detainee_a')
    .execute();
  await db.schema
    .createIndex('non_association_directives_b')
    .on('non_association_directives')
    .column('detainee_b')
    .execute();

  await db.schema
    .createTable('detainee_classifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text')
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema
    .createIndex('detainee_classifications_detainee')
    .on('detainee_classifications')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('housing_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_by_id', 'text')
    .addColumn('move_budget', 'integer', (c) => c.notNull())
    .addColumn('cost_before', 'double precision', (c) => c.notNull())
    .addColumn('cost_after', 'double precision', (c) => c.notNull())
    .addColumn('stats', 'text', (c) => c.notNull())
    .addColumn('moves', 'text', (c) => c.notNull())
    .addColumn('links_broken_up', 'text', (c) => c.notNull())
    .addColumn('unplaced', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_by_id', 'text')
    .addColumn('review_note', 'text')
    .execute();
  await db.schema
    .createIndex('housing_plans_status')
    .on('housing_plans')
    .columns(['status', 'proposed_at'])
    .execute();

  await db.schema
    .createTable('housing_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('from_cell_id', 'text')
    .addColumn('to_cell_id', 'text')
    .addColumn('moved_at', 'text', (c) => c.notNull())
    .addColumn('moved_by', 'text', (c) => c.notNull())
    .addColumn('moved_by_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('warnings_confirmed', 'text')
    .execute();
  await db.schema
    .createIndex('housing_moves_detainee')
    .on('housing_moves')
    .columns(['detainee_id', 'moved_at'])
    .execute();

  await db.schema
    .createTable('segregations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    // Rule 44 counts consecutive days: a new period that starts within a day of the last one ends continues its count.
    .addColumn('counted_from', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('day13_alerted_at', 'text')
    .addColumn('breach_flagged_at', 'text')
    .execute();
  await db.schema.createIndex('segregations_detainee').on('segregations').column('detainee_id').execute();
  await db.schema
    .createIndex('segregations_site')
    .on('segregations')
    .columns(['site_id', 'ended_at'])
    .execute();

  await db.schema
    .createTable('segregation_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('segregation_id', 'text', (c) => c.notNull().references('segregations.id'))
    // review | medical
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text')
    .execute();
  await db.schema
    .createIndex('segregation_reviews_segregation')
    .on('segregation_reviews')
    .column('segregation_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Custodia does not migrate down: nothing that was written is ever lost');
}
