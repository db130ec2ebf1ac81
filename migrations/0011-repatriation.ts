import type { Kysely } from 'kysely';

/** Consular notification (Vienna Convention Art. 36) and repatriation cases per requesting state. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consular_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('consulate', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('consular_records_detainee_country', ['detainee_id', 'country'])
    .execute();
  await db.schema
    .createTable('consular_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('consular_records.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('detail', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consular_events_record').on('consular_events').column('record_id').execute();

  await db.schema
    .createTable('repatriation_states')
    .addColumn('country', 'text', (c) => c.primaryKey())
    .addColumn('max_days_before_charge', 'integer')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('repatriation_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('requesting_state', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('suspended_from', 'text')
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('handover_at', 'text')
    .addColumn('handover_place', 'text')
    .addColumn('receiving_officials', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('repatriation_cases_detainee')
    .on('repatriation_cases')
    .column('detainee_id')
    .execute();
  await db.schema
    .createIndex('repatriation_cases_state')
    .on('repatriation_cases')
    .columns(['requesting_state', 'stage'])
    .execute();
  await db.schema
    .createTable('repatriation_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('repatriation_cases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('repatriation_steps_case').on('repatriation_steps').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'repatriation_steps',
    'repatriation_cases',
    'repatriation_states',
    'consular_events',
    'consular_records',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
