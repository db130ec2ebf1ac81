import type { Kysely } from 'kysely';

/** Around the clock: roll counts, observation levels, check schedules, cell checks, headcounts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roll_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('roll_counts_site')
    .on('roll_counts')
    .columns(['site_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('roll_count_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('count_id', 'text', (c) => c.notNull().references('roll_counts.id'))
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('wing_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roll_count_units_count').on('roll_count_units').column('count_id').execute();

  await db.schema
    .createTable('roll_count_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('count_id', 'text', (c) => c.notNull().references('roll_counts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('roll_count_units.id'))
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roll_count_entries_count')
    .on('roll_count_entries')
    .column('count_id')
    .execute();

  await db.schema
    .createTable('roll_count_resolutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('count_id', 'text', (c) => c.notNull().references('roll_counts.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('roll_count_units.id'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('roll_count_entries.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('roll_count_resolutions_count')
    .on('roll_count_resolutions')
    .column('count_id')
    .execute();

  await db.schema
    .createTable('observation_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('cell_id', 'text', (c) => c.references('cells.id'))
    .addColumn('detainee_id', 'text', (c) => c.references('detainees.id'))
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('observation_levels_site')
    .on('observation_levels')
    .columns(['site_id', 'ended_at'])
    .execute();

  await db.schema
    .createTable('check_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('wing_id', 'text', (c) => c.notNull().references('wings.id'))
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('check_schedules_wing')
    .on('check_schedules')
    .columns(['wing_id', 'ended_at'])
    .execute();

  await db.schema
    .createTable('cell_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('wing_id', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text', (c) => c.notNull())
    .addColumn('detainee_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('officer_id', 'text')
    .addColumn('officer_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  // Ranges per cell (last seen, history) and per site (compliance of a day, checks in the last hour).
  await db.schema
    .createIndex('cell_checks_cell_time')
    .on('cell_checks')
    .columns(['cell_id', 'observed_at'])
    .execute();
  await db.schema
    .createIndex('cell_checks_site_time')
    .on('cell_checks')
    .columns(['site_id', 'observed_at'])
    .execute();
  await db.schema
    .createIndex('cell_checks_detainee_time')
    .on('cell_checks')
    .columns(['detainee_id', 'observed_at'])
    .execute();

  await db.schema
    .createTable('cell_check_status')
    .addColumn('cell_id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('wing_id', 'text', (c) => c.notNull())
    .addColumn('last_check_id', 'text')
    .addColumn('last_observed_at', 'text')
    .addColumn('last_state', 'text')
    .addColumn('interval_minutes', 'integer')
    .addColumn('next_due_at', 'text')
    .addColumn('alerted_due_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cell_check_status_site_due')
    .on('cell_check_status')
    .columns(['site_id', 'next_due_at'])
    .execute();

  await db.schema
    .createTable('missed_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('wing_id', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('missed_checks_cell_due', ['cell_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('missed_checks_site_due')
    .on('missed_checks')
    .columns(['site_id', 'due_at'])
    .execute();

  await db.schema
    .createTable('monitoring_annotations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('monitoring_annotations_subject')
    .on('monitoring_annotations')
    .columns(['subject_type', 'subject_id'])
    .execute();

  await db.schema
    .createTable('headcounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('close_note', 'text')
    .addColumn('report', 'text')
    .execute();
  await db.schema.createIndex('headcounts_site').on('headcounts').columns(['site_id', 'status']).execute();

  await db.schema
    .createTable('headcount_subjects')
    .addColumn('headcount_id', 'text', (c) => c.notNull().references('headcounts.id'))
    .addColumn('detainee_id', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text')
    .addColumn('wing_id', 'text')
    .addPrimaryKeyConstraint('headcount_subjects_pk', ['headcount_id', 'detainee_id'])
    .execute();

  await db.schema
    .createTable('headcount_confirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('headcount_id', 'text', (c) => c.notNull().references('headcounts.id'))
    .addColumn('detainee_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('headcount_confirmations_hc')
    .on('headcount_confirmations')
    .columns(['headcount_id', 'detainee_id'])
    .execute();

  await db.schema
    .createTable('monitoring_escalations')
    .addColumn('alert_id', 'text', (c) => c.primaryKey())
    .addColumn('commander_alert_id', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Custodia does not migrate down: nothing that was written is ever lost');
}
