import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../src/platform/db/dialect';
import { GENESIS_HASH } from '../src/platform/audit/audit-hash';

/** Accounts, sessions, tokens, the audit chain, alerts; the estate and the core register. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('all_sites', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('locked_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('access_expires_at', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('principal_sites')
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('principal_sites_pk', ['principal_id', 'site_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('all_sites', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('site_id', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_subject')
    .on('audit_entries')
    .columns(['subject_type', 'subject_id'])
    .execute();
  await db.schema.createIndex('audit_actor').on('audit_entries').column('actor_id').execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head' as never)
    .values({ id: 1, seq: 0, hash: GENESIS_HASH } as never)
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledge_note', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolve_note', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_site_status').on('alerts').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('alerts_dedupe').on('alerts').columns(['dedupe_key', 'status']).execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('blocks_site_code', ['site_id', 'code'])
    .execute();
  await db.schema
    .createTable('wings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('block_id', 'text', (c) => c.notNull().references('blocks.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('age_group', 'text', (c) => c.notNull())
    .addUniqueConstraint('wings_block_code', ['block_id', 'code'])
    .execute();
  await db.schema
    .createTable('cells')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wing_id', 'text', (c) => c.notNull().references('wings.id'))
    .addColumn('block_id', 'text', (c) => c.notNull().references('blocks.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('use', 'text', (c) => c.notNull().defaultTo('general'))
    .addColumn('out_of_service', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('out_of_service_reason', 'text')
    .addColumn('out_of_service_since', 'text')
    .addUniqueConstraint('cells_wing_code', ['wing_id', 'code'])
    .execute();
  await db.schema.createIndex('cells_site').on('cells').column('site_id').execute();

  await db.schema
    .createTable('detainees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('dob', 'text')
    .addColumn('legal_status', 'text', (c) => c.notNull())
    .addColumn('age_category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('cell_id', 'text', (c) => c.references('cells.id'))
    .addColumn('arrested_at', 'text')
    .addColumn('arrest_place', 'text')
    .addColumn('admitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('detainees_site_status')
    .on('detainees')
    .columns(['site_id', 'status'])
    .execute();
  await db.schema.createIndex('detainees_cell').on('detainees').column('cell_id').execute();
  await db.schema.createIndex('detainees_display_name').on('detainees').column('display_name').execute();

  await db.schema
    .createTable('detainee_names')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('script', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('detainee_names_detainee').on('detainee_names').column('detainee_id').execute();

  await db.schema
    .createTable('detainee_nationalities')
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('detainee_nationalities_pk', ['detainee_id', 'country'])
    .execute();
  await db.schema
    .createIndex('detainee_nationalities_country')
    .on('detainee_nationalities')
    .column('country')
    .execute();

  await db.schema
    .createTable('legal_bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detainee_id', 'text', (c) => c.notNull().references('detainees.id'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('legal_bases_detainee').on('legal_bases').column('detainee_id').execute();

  await protectAuditTable(db);
}

/**
 * The application never updates or deletes an audit entry; the store refuses it too. (Someone with
 * the database's owner rights can drop these triggers: that is what `custodia audit verify` catches.)
 */
async function protectAuditTable(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create function custodia_audit_immutable() returns trigger language plpgsql as $$
      begin raise exception 'audit entries are never updated or deleted'; end $$`.execute(db);
    await sql`create trigger audit_entries_immutable before update or delete on audit_entries
      for each row execute function custodia_audit_immutable()`.execute(db);
  } else {
    await sql`create trigger audit_entries_no_update before update on audit_entries
      begin select raise(abort, 'audit entries are never updated or deleted'); end`.execute(db);
    await sql`create trigger audit_entries_no_delete before delete on audit_entries
      begin select raise(abort, 'audit entries are never updated or deleted'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Custodia does not migrate down: nothing that was written is ever lost');
}
