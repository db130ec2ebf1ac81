import type { Kysely } from 'kysely';

/**
 * Transfers and intake: saved column mappings, manifest imports (previewed, then accepted as a
 * whole), the arrivals they expect, duplicate reviews raised by screening, chain of custody,
 * admission records (Rule 7), outbound movements and releases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('intake_mappings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('value_map', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('intake_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('manifest_ref', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('sending_authority', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('mapping_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('ignored_columns', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('housing_plan_id', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('intake_batches_ref')
    .on('intake_batches')
    .columns(['manifest_ref', 'status'])
    .execute();

  await db.schema
    .createTable('intake_rows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('intake_batches.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('manifest_no', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text')
    .addColumn('score', 'real')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('intake_rows_batch')
    .on('intake_rows')
    .columns(['batch_id', 'row_number'])
    .execute();

  await db.schema
    .createTable('intake_arrivals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.references('intake_batches.id'))
    .addColumn('manifest_ref', 'text')
    .addColumn('manifest_no', 'text')
    .addColumn('manifest_row', 'integer')
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('match', 'text', (c) => c.notNull())
    .addColumn('match_score', 'real')
    .addColumn('match_evidence', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The idempotence of a manifest: one arrival per manifest and person, whatever is imported twice.
  await db.schema
    .createIndex('intake_arrivals_key')
    .on('intake_arrivals')
    .columns(['manifest_ref', 'manifest_no'])
    .unique()
    .execute();
  await db.schema
    .createIndex('intake_arrivals_batch')
    .on('intake_arrivals')
    .columns(['batch_id', 'status'])
    .execute();
  await db.schema
    .createIndex('intake_arrivals_detainee')
    .on('intake_arrivals')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('duplicate_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('duplicate_reviews_status')
    .on('duplicate_reviews')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('custody_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('handed_over_by', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('escort', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('custody_handovers_detainee')
    .on('custody_handovers')
    .columns(['detainee_id', 'at'])
    .execute();

  await db.schema
    .createTable('admissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('arrival_id', 'text', (c) => c.unique().references('intake_arrivals.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('admitted_at', 'text', (c) => c.notNull())
    .addColumn('property', 'text', (c) => c.notNull())
    .addColumn('injuries', 'text')
    .addColumn('ill_treatment_complaint', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admissions_detainee').on('admissions').column('detainee_id').execute();

  await db.schema
    .createTable('movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('destination_site_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('movements_site_status')
    .on('movements')
    .columns(['site_id', 'status'])
    .execute();
  await db.schema
    .createTable('movement_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('movement_id', 'text', (c) => c.notNull().references('movements.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('movement_events_movement')
    .on('movement_events')
    .column('movement_id')
    .execute();

  await db.schema
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('legal_authority', 'text', (c) => c.notNull())
    .addColumn('order_ref', 'text', (c) => c.notNull())
    .addColumn('legal_basis_id', 'text')
    .addColumn('identity_check', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('property_returned', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('releases_detainee')
    .on('releases')
    .columns(['detainee_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'releases',
    'movement_events',
    'movements',
    'admissions',
    'custody_handovers',
    'duplicate_reviews',
    'intake_arrivals',
    'intake_rows',
    'intake_batches',
    'intake_mappings',
  ])
    await db.schema.dropTable(t).execute();
}
