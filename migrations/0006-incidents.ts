import type { Kysely } from 'kysely';

/** Incidents and their people, damage, escapes and deaths; site posture; required notifications; site coordinates. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Where each site is, for the threat map (nullable: a site may not be placed yet).
  await db.schema.alterTable('sites').addColumn('lat', 'double precision').execute();
  await db.schema.alterTable('sites').addColumn('lon', 'double precision').execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('block_id', 'text', (c) => c.references('blocks.id'))
    .addColumn('wing_id', 'text', (c) => c.references('wings.id'))
    .addColumn('cell_id', 'text', (c) => c.references('cells.id'))
    .addColumn('location', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('detainees_killed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detainees_injured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('staff_killed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('staff_injured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('others_killed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('others_injured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_unit', 'text')
    .addColumn('response_actions', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incidents_site_time')
    .on('incidents')
    .columns(['site_id', 'occurred_at'])
    .execute();
  await db.schema.createIndex('incidents_time').on('incidents').column('occurred_at').execute();

  await db.schema
    .createTable('incident_status_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_status_changes_incident')
    .on('incident_status_changes')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('incident_addenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status_then', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_addenda_incident')
    .on('incident_addenda')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('incident_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('person_kind', 'text', (c) => c.notNull())
    .addColumn('detainee_id', 'text', (c) => c.references('detainees.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('injury', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_people_incident')
    .on('incident_people')
    .column('incident_id')
    .execute();
  await db.schema
    .createIndex('incident_people_detainee')
    .on('incident_people')
    .column('detainee_id')
    .execute();

  await db.schema
    .createTable('incident_damage')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('cell_id', 'text', (c) => c.notNull().references('cells.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_damage_incident')
    .on('incident_damage')
    .column('incident_id')
    .execute();
  await db.schema.createIndex('incident_damage_cell').on('incident_damage').column('cell_id').execute();

  await db.schema
    .createTable('escapes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('last_cell_id', 'text')
    .addColumn('last_cell_code', 'text')
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_place', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recaptured_at', 'text')
    .addColumn('recaptured_by', 'text')
    .addColumn('recapture_note', 'text')
    .execute();
  await db.schema.createIndex('escapes_detainee').on('escapes').column('detainee_id').execute();

  await db.schema
    .createTable('custody_deaths')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('detainee_id', 'text', (c) => c.notNull().unique().references('detainees.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('died_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('circumstances', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('remains_disposition', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('site_postures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('headcount_id', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_postures_site_time')
    .on('site_postures')
    .columns(['site_id', 'set_at'])
    .execute();

  await db.schema
    .createTable('notification_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
    .addColumn('detainee_id', 'text', (c) => c.references('detainees.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('completion_note', 'text')
    .addColumn('overdue_alert_id', 'text')
    .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('notification_tasks_due')
    .on('notification_tasks')
    .columns(['completed_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('notification_tasks_incident')
    .on('notification_tasks')
    .column('incident_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Custodia does not migrate down: nothing that was written is ever lost');
}
