import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../src/platform/db/dialect';

/**
 * The live dashboard's per-site register figures (in custody, arriving, in custody without a cell,
 * beds in service), kept current by triggers on `detainees` and `cells` instead of being counted
 * at every summary: at 50,000 detainees counting them was most of the dashboard's time. Triggers,
 * not service code, so that every module that admits, moves, releases or merges detainees, or
 * changes cells, keeps the figures right without knowing about them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_figures')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('population', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('arriving', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unassigned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('beds', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  if (isPostgres(db)) {
    // Adds (sign 1) or takes away (sign -1) one detainee's or one cell's share of its site's figures.
    await sql`create function custodia_site_figures_detainee(s text, st text, cell text, sign integer) returns void
      language plpgsql as $$
      begin
        update site_figures set
          population = population + sign * (st = 'in_custody')::int,
          arriving = arriving + sign * (st = 'arriving')::int,
          unassigned = unassigned + sign * (st = 'in_custody' and cell is null)::int
        where site_id = s;
      end $$`.execute(db);
    await sql`create function custodia_site_figures_detainees() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          perform custodia_site_figures_detainee(old.site_id, old.status, old.cell_id, -1);
        end if;
        if tg_op in ('UPDATE', 'INSERT') then
          perform custodia_site_figures_detainee(new.site_id, new.status, new.cell_id, 1);
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger detainees_site_figures after insert or delete on detainees
      for each row execute function custodia_site_figures_detainees()`.execute(db);
    await sql`create trigger detainees_site_figures_update after update of site_id, status, cell_id on detainees
      for each row when (old.site_id is distinct from new.site_id or old.status is distinct from new.status
        or (old.cell_id is null) <> (new.cell_id is null))
      execute function custodia_site_figures_detainees()`.execute(db);
    await sql`create function custodia_site_figures_cells() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          update site_figures set beds = beds - case when old.out_of_service = 0 then old.capacity else 0 end
          where site_id = old.site_id;
        end if;
        if tg_op in ('UPDATE', 'INSERT') then
          update site_figures set beds = beds + case when new.out_of_service = 0 then new.capacity else 0 end
          where site_id = new.site_id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger cells_site_figures after insert or delete or update of site_id, capacity, out_of_service
      on cells for each row execute function custodia_site_figures_cells()`.execute(db);
    await sql`create function custodia_site_figures_sites() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into site_figures (site_id) values (new.id) on conflict do nothing;
        else
          delete from site_figures where site_id = old.id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger sites_site_figures after insert or delete on sites
      for each row execute function custodia_site_figures_sites()`.execute(db);
  } else {
    const detainee = (row: 'old' | 'new', sign: '+' | '-') =>
      sql.raw(`update site_figures set
        population = population ${sign} (${row}.status = 'in_custody'),
        arriving = arriving ${sign} (${row}.status = 'arriving'),
        unassigned = unassigned ${sign} (${row}.status = 'in_custody' and ${row}.cell_id is null)
        where site_id = ${row}.site_id;`);
    const cell = (row: 'old' | 'new', sign: '+' | '-') =>
      sql.raw(`update site_figures set
        beds = beds ${sign} case when ${row}.out_of_service = 0 then ${row}.capacity else 0 end
        where site_id = ${row}.site_id;`);
    await sql`create trigger detainees_site_figures_insert after insert on detainees
      begin ${detainee('new', '+')} end`.execute(db);
    await sql`create trigger detainees_site_figures_delete after delete on detainees
      begin ${detainee('old', '-')} end`.execute(db);
    await sql`create trigger detainees_site_figures_update after update of site_id, status, cell_id on detainees
      when old.site_id is not new.site_id or old.status is not new.status
        or (old.cell_id is null) <> (new.cell_id is null)
      begin ${detainee('old', '-')} ${detainee('new', '+')} end`.execute(db);
    await sql`create trigger cells_site_figures_insert after insert on cells begin ${cell('new', '+')} end`.execute(
      db,
    );
    await sql`create trigger cells_site_figures_delete after delete on cells begin ${cell('old', '-')} end`.execute(
      db,
    );
    await sql`create trigger cells_site_figures_update after update of site_id, capacity, out_of_service on cells
      begin ${cell('old', '-')} ${cell('new', '+')} end`.execute(db);
    await sql`create trigger sites_site_figures_insert after insert on sites
      begin insert or ignore into site_figures (site_id) values (new.id); end`.execute(db);
    await sql`create trigger sites_site_figures_delete after delete on sites
      begin delete from site_figures where site_id = old.id; end`.execute(db);
  }

  // The figures of the estate as it stands when this runs.
  await sql`insert into site_figures (site_id, population, arriving, unassigned, beds)
    select s.id,
      (select count(*) from detainees d where d.site_id = s.id and d.status = 'in_custody'),
      (select count(*) from detainees d where d.site_id = s.id and d.status = 'arriving'),
      (select count(*) from detainees d where d.site_id = s.id and d.status = 'in_custody' and d.cell_id is null),
      (select coalesce(sum(case when c.out_of_service = 0 then c.capacity else 0 end), 0) from cells c where c.site_id = s.id)
    from sites s`.execute(db);
  // Overdue checks are counted from this index alone: the cells under watch, per site, by due time.
  await db.schema
    .createIndex('cell_check_status_watched')
    .on('cell_check_status')
    .columns(['site_id', 'next_due_at'])
    .where(sql.ref('interval_minutes'), 'is not', null)
    .execute();
  // Open alerts per site and severity, counted from the index alone.
  await db.schema
    .createIndex('alerts_unresolved_site_severity')
    .on('alerts')
    .columns(['site_id', 'severity'])
    .where(sql.ref('status'), '<>', 'resolved')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cell_check_status_watched').execute();
  await db.schema.dropIndex('alerts_unresolved_site_severity').execute();
  if (isPostgres(db)) {
    await sql`drop trigger detainees_site_figures on detainees`.execute(db);
    await sql`drop trigger detainees_site_figures_update on detainees`.execute(db);
    await sql`drop trigger cells_site_figures on cells`.execute(db);
    await sql`drop trigger sites_site_figures on sites`.execute(db);
    await sql`drop function custodia_site_figures_detainees()`.execute(db);
    await sql`drop function custodia_site_figures_detainee(text, text, text, integer)`.execute(db);
    await sql`drop function custodia_site_figures_cells()`.execute(db);
    await sql`drop function custodia_site_figures_sites()`.execute(db);
  } else {
    for (const name of [
      'detainees_site_figures_insert',
      'detainees_site_figures_delete',
      'detainees_site_figures_update',
      'cells_site_figures_insert',
      'cells_site_figures_delete',
      'cells_site_figures_update',
      'sites_site_figures_insert',
      'sites_site_figures_delete',
    ])
      await sql`drop trigger ${sql.id(name)}`.execute(db);
  }
  await db.schema.dropTable('site_figures').execute();
}
