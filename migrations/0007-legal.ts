import type { Kysely } from 'kysely';

/** Due process: holding rules per basis, cases, stages, charges, co-accused, hearings, sentences, lawyers and their visits. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('legal_holding_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('basis', 'text', (c) => c.notNull().unique())
    .addColumn('max_days_before_charge', 'integer')
    .addColumn('review_interval_days', 'integer')
    .addColumn('max_pretrial_days', 'integer')
    .addColumn('warn_days_before', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('legal_holding_rules' as never)
    .values({
      id: 'default',
      basis: '*',
      max_days_before_charge: null,
      review_interval_days: null,
      max_pretrial_days: null,
      warn_days_before: 7,
      updated_at: '1970-01-01T00:00:00.000Z',
      updated_by: 'migration',
    } as never)
    .execute();

  await db.schema
    .createTable('legal_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_cases_detainee').on('legal_cases').column('detainee_id').execute();

  await db.schema
    .createTable('legal_case_stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('entered_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_case_stages_case').on('legal_case_stages').column('case_id').execute();

  await db.schema
    .createTable('legal_charges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('law', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('charged_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_charges_case').on('legal_charges').column('case_id').execute();

  await db.schema
    .createTable('legal_case_accused')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('detainee_id', 'text', (c) => c.references('detainees.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_case_accused_case').on('legal_case_accused').column('case_id').execute();
  await db.schema
    .createIndex('legal_case_accused_detainee')
    .on('legal_case_accused')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('legal_hearings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_recorded_at', 'text')
    .addColumn('outcome_recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_hearings_case').on('legal_hearings').column('case_id').execute();
  await db.schema
    .createIndex('legal_hearings_calendar')
    .on('legal_hearings')
    .columns(['site_id', 'scheduled_at'])
    .execute();

  await db.schema
    .createTable('legal_sentences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('imposed_on', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('years', 'integer', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('consecutive', 'integer', (c) => c.notNull())
    .addColumn('credit_days', 'integer')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('legal_sentences_detainee')
    .on('legal_sentences')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('legal_lawyers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('case_id', 'text', (c) => c.references('legal_cases.id'))
    .addColumn('lawyer_name', 'text', (c) => c.notNull())
    .addColumn('bar_number', 'text')
    .addColumn('assigned_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_lawyers_detainee').on('legal_lawyers').column('detainee_id').execute();

  await db.schema
    .createTable('legal_lawyer_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('lawyer_name', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('legal_lawyer_visits_detainee')
    .on('legal_lawyer_visits')
    .column('detainee_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'legal_lawyer_visits',
    'legal_lawyers',
    'legal_sentences',
    'legal_hearings',
    'legal_case_accused',
    'legal_charges',
    'legal_case_stages',
    'legal_cases',
    'legal_holding_rules',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
