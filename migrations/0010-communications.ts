import { type Kysely, sql } from 'kysely';

/** Searches and seized items with their chain of custody; approved contacts; visits, calls and letters; restrictions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('searches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text', (c) => c.references('cells.id'))
    .addColumn('detainee_id', 'text', (c) => c.references('detainees.id'))
    .addColumn('area', 'text')
    .addColumn('searched_at', 'text', (c) => c.notNull())
    .addColumn('searched_by', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('searches_site_time')
    .on('searches')
    .columns(['site_id', 'searched_at'])
    .execute();

  await db.schema
    .createTable('seized_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('search_id', 'text', (c) => c.references('searches.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('imei', 'text')
    .addColumn('iccid', 'text')
    .addColumn('imsi', 'text')
    .addColumn('phone_number', 'text')
    .addColumn('custody_status', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('seized_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seized_items_search').on('seized_items').column('search_id').execute();
  await db.schema.createIndex('seized_items_imei').on('seized_items').column('imei').execute();
  await db.schema.createIndex('seized_items_iccid').on('seized_items').column('iccid').execute();
  await db.schema.createIndex('seized_items_imsi').on('seized_items').column('imsi').execute();
  await db.schema.createIndex('seized_items_number').on('seized_items').column('phone_number').execute();

  await db.schema
    .createTable('seized_item_detainees')
    .addColumn('item_id', 'text', (c) => c.notNull().references('seized_items.id'))
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addPrimaryKeyConstraint('seized_item_detainees_pk', ['item_id', 'detainee_id'])
    .execute();
  await db.schema
    .createIndex('seized_item_detainees_detainee')
    .on('seized_item_detainees')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('item_custody_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('seized_items.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('item_custody_events_item')
    .on('item_custody_events')
    .column('item_id')
    .execute();

  await db.schema
    .createTable('approved_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text')
    .addColumn('organisation', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('approved_contacts_detainee')
    .on('approved_contacts')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('communications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.references('approved_contacts.id'))
    .addColumn('counterpart_kind', 'text', (c) => c.notNull())
    .addColumn('counterpart_name', 'text', (c) => c.notNull())
    .addColumn('phone_number', 'text')
    .addColumn('privileged', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('monitored', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    // A privileged contact can never be monitored nor have content: the store refuses it too.
    .addCheckConstraint(
      'communications_privileged_unmonitored',
      sql`privileged = 0 or (monitored = 0 and summary is null)`,
    )
    .execute();
  await db.schema
    .createIndex('communications_detainee_time')
    .on('communications')
    .columns(['detainee_id', 'at'])
    .execute();

  await db.schema
    .createTable('contact_restrictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('modes', 'text', (c) => c.notNull())
    .addColumn('counterparts', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('imposed_at', 'text', (c) => c.notNull())
    .addColumn('imposed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_restrictions_detainee')
    .on('contact_restrictions')
    .column('detainee_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Custodia does not migrate down: nothing that was written is ever lost');
}
