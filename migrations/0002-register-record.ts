import type { Kysely } from 'kysely';

/**
 * The full register record (Mandela Rules 7-8) and identity resolution: name parts, a versioned
 * store of record sections (documents, family, property, injuries at admission...), name history,
 * duplicate candidates, merges and the exact moves each merge made so that unmerge can undo them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('detainees').addColumn('merged_into', 'text').execute();
  await db.schema.alterTable('detainees').addColumn('merged_at', 'text').execute();
  // The search index catches up with writes from any process by what changed since it last looked.
  await db.schema.createIndex('detainees_updated_at').on('detainees').column('updated_at').execute();

  for (const part of ['given', 'father', 'grandfather', 'family'])
    await db.schema.alterTable('detainee_names').addColumn(part, 'text').execute();

  await db.schema
    .createTable('detainee_name_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text')
    .execute();
  await db.schema
    .createIndex('detainee_name_history_detainee')
    .on('detainee_name_history')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('detainee_record_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text')
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema
    .createIndex('detainee_record_items_detainee')
    .on('detainee_record_items')
    .columns(['detainee_id', 'section'])
    .execute();
  await db.schema
    .createIndex('detainee_record_items_item')
    .on('detainee_record_items')
    .columns(['item_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('identity_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_a', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('detainee_b', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('identity_candidates_pair')
    .on('identity_candidates')
    .columns(['detainee_a', 'detainee_b', 'source'])
    .unique()
    .execute();
  await db.schema
    .createIndex('identity_candidates_status')
    .on('identity_candidates')
    .column('status')
    .execute();

  await db.schema
    .createTable('detainee_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survivor_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('absorbed_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('candidate_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('merged_by_id', 'text')
    .addColumn('unmerged_at', 'text')
    .addColumn('unmerged_by', 'text')
    .addColumn('unmerged_by_id', 'text')
    .addColumn('unmerge_reason', 'text')
    .execute();
  await db.schema
    .createIndex('detainee_merges_survivor')
    .on('detainee_merges')
    .column('survivor_id')
    .execute();
  await db.schema
    .createIndex('detainee_merges_absorbed')
    .on('detainee_merges')
    .column('absorbed_id')
    .execute();

  await db.schema
    .createTable('merge_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merge_id', 'text', (c) => c.notNull().references('detainee_merges.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    /** moved | kept (the survivor already held the same fact: the absorbed record keeps its copy) */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('restored_at', 'text')
    .execute();
  await db.schema.createIndex('merge_moves_merge').on('merge_moves').columns(['merge_id', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'merge_moves',
    'detainee_merges',
    'identity_candidates',
    'detainee_record_items',
    'detainee_name_history',
  ])
    await db.schema.dropTable(t).execute();
}
