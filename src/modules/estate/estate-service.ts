import { randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import { type AuditRecord, recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';

export type Sex = 'M' | 'F';
export type AgeGroup = 'adult' | 'juvenile';
export type CellUse = 'general' | 'segregation' | 'medical';

export interface SiteSummary {
  id: string;
  code: string;
  name: string;
  nameAr: string;
  blocks: number;
  wings: number;
  cells: number;
  cellsOutOfService: number;
  /** Beds in cells that are in service. */
  beds: number;
  /** Detainees in custody housed in a cell of this site. */
  occupied: number;
  /** Detainees arriving at or in custody of this site. */
  population: number;
}

export interface WingView {
  id: string;
  blockId: string;
  code: string;
  name: string;
  sex: Sex;
  ageGroup: AgeGroup;
  cells: number;
  beds: number;
  occupied: number;
}

/** A site to put in place with everything in it (see EstateService.insertEstate). */
export interface NewEstateSite {
  code: string;
  name: string;
  nameAr: string;
  blocks: {
    code: string;
    name: string;
    wings: {
      code: string;
      name: string;
      sex: Sex;
      ageGroup: AgeGroup;
      cells: { code: string; capacity: number; use?: CellUse; outOfServiceReason?: string | null }[];
    }[];
  }[];
}

export interface CellView {
  id: string;
  wingId: string;
  code: string;
  capacity: number;
  use: CellUse;
  outOfService: boolean;
  outOfServiceReason: string | null;
  occupied: number;
}

/** The estate: sites › blocks › wings › cells, with capacity, designation and service state. */
export class EstateService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async listSites(actor: Actor): Promise<SiteSummary[]> {
    let q = this.db.selectFrom('sites').selectAll().orderBy('code');
    if (actor.sites !== null) q = q.where('id', 'in', actor.sites.length ? actor.sites : ['']);
    const sites = await q.execute();
    if (sites.length === 0) return [];
    const ids = sites.map((s) => s.id);
    const [blocks, wings, cells, occupied, population] = await Promise.all([
      this.db
        .selectFrom('blocks')
        .select(['site_id', sql<number>`count(*)`.as('n')])
        .where('site_id', 'in', ids)
        .groupBy('site_id')
        .execute(),
      this.db
        .selectFrom('wings')
        .select(['site_id', sql<number>`count(*)`.as('n')])
        .where('site_id', 'in', ids)
        .groupBy('site_id')
        .execute(),
      this.db
        .selectFrom('cells')
        .select([
          'site_id',
          sql<number>`count(*)`.as('n'),
          sql<number>`sum(case when out_of_service = 1 then 1 else 0 end)`.as('oos'),
          sql<number>`sum(case when out_of_service = 0 then capacity else 0 end)`.as('beds'),
        ])
        .where('site_id', 'in', ids)
        .groupBy('site_id')
        .execute(),
      this.db
        .selectFrom('detainees')
        .innerJoin('cells', 'cells.id', 'detainees.cell_id')
        .select(['cells.site_id', sql<number>`count(*)`.as('n')])
        .where('detainees.status', '=', 'in_custody')
        .where('cells.site_id', 'in', ids)
        .groupBy('cells.site_id')
        .execute(),
      this.db
        .selectFrom('detainees')
        .select(['site_id', sql<number>`count(*)`.as('n')])
        .where('status', 'in', ['arriving', 'in_custody'])
        .where('site_id', 'in', ids)
        .groupBy('site_id')
        .execute(),
    ]);
    const count = (rows: { site_id: string; n: number }[], id: string) =>
      Number(rows.find((r) => r.site_id === id)?.n ?? 0);
    return sites.map((s) => {
      const c = cells.find((r) => r.site_id === s.id);
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        nameAr: s.name_ar,
        blocks: count(blocks, s.id),
        wings: count(wings, s.id),
        cells: Number(c?.n ?? 0),
        cellsOutOfService: Number(c?.oos ?? 0),
        beds: Number(c?.beds ?? 0),
        occupied: count(occupied, s.id),
        population: count(population, s.id),
      };
    });
  }

  async getSite(
    actor: Actor,
    id: string,
  ): Promise<SiteSummary & { blockList: { id: string; code: string; name: string; wings: WingView[] }[] }> {
    this.assertSite(actor, id, 'site');
    const summary = (await this.listSites({ ...actor, sites: [id] }))[0];
    if (!summary) throw new NotFound('site');
    const blocks = await this.db
      .selectFrom('blocks')
      .selectAll()
      .where('site_id', '=', id)
      .orderBy('code')
      .execute();
    const wings = await this.wingViews(id);
    return {
      ...summary,
      blockList: blocks.map((b) => ({
        id: b.id,
        code: b.code,
        name: b.name,
        wings: wings.filter((w) => w.blockId === b.id),
      })),
    };
  }

  async createSite(
    actor: Actor,
    input: { code: string; name: string; nameAr: string },
  ): Promise<SiteSummary> {
    if (actor.sites !== null) throw new Forbidden('only an estate-wide account may add a site');
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('sites')
        .select('id')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw new Conflict(`code: site ${input.code} exists`, 'code');
      const row = {
        id,
        code: input.code,
        name: input.name,
        name_ar: input.nameAr,
        created_at: this.clock.now().toISOString(),
      };
      await trx.insertInto('sites').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'site.create',
        subjectType: 'site',
        subjectId: id,
        siteId: id,
        changes: row,
      });
    });
    return (await this.listSites(actor)).find((s) => s.id === id)!;
  }

  async createBlock(
    actor: Actor,
    siteId: string,
    input: { code: string; name: string },
  ): Promise<{ id: string; code: string; name: string }> {
    this.assertSite(actor, siteId, 'site');
    const site = await this.db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
    if (!site) throw new NotFound('site');
    const row = { id: randomUUID(), site_id: siteId, code: input.code, name: input.name };
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('blocks')
        .select('id')
        .where('site_id', '=', siteId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw new Conflict(`code: block ${input.code} exists at this site`, 'code');
      await trx.insertInto('blocks').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'block.create',
        subjectType: 'block',
        subjectId: row.id,
        siteId,
        changes: row,
      });
    });
    return { id: row.id, code: row.code, name: row.name };
  }

  async createWing(
    actor: Actor,
    blockId: string,
    input: { code: string; name: string; sex: Sex; ageGroup: AgeGroup },
  ): Promise<WingView> {
    const block = await this.db.selectFrom('blocks').selectAll().where('id', '=', blockId).executeTakeFirst();
    if (!block || !inScope(actor, block.site_id)) throw new NotFound('block');
    const row = {
      id: randomUUID(),
      block_id: blockId,
      site_id: block.site_id,
      code: input.code,
      name: input.name,
      sex: input.sex,
      age_group: input.ageGroup,
    };
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('wings')
        .select('id')
        .where('block_id', '=', blockId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw new Conflict(`code: wing ${input.code} exists in this block`, 'code');
      await trx.insertInto('wings').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'wing.create',
        subjectType: 'wing',
        subjectId: row.id,
        siteId: block.site_id,
        changes: row,
      });
    });
    return (await this.wingViews(block.site_id)).find((w) => w.id === row.id)!;
  }

  async createCell(
    actor: Actor,
    wingId: string,
    input: { code: string; capacity: number; use?: CellUse },
  ): Promise<CellView> {
    const wing = await this.db.selectFrom('wings').selectAll().where('id', '=', wingId).executeTakeFirst();
    if (!wing || !inScope(actor, wing.site_id)) throw new NotFound('wing');
    const row = {
      id: randomUUID(),
      wing_id: wingId,
      block_id: wing.block_id,
      site_id: wing.site_id,
      code: input.code,
      capacity: input.capacity,
      use: input.use ?? 'general',
      out_of_service: 0,
      out_of_service_reason: null,
      out_of_service_since: null,
    };
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('cells')
        .select('id')
        .where('wing_id', '=', wingId)
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw new Conflict(`code: cell ${input.code} exists in this wing`, 'code');
      await trx.insertInto('cells').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'cell.create',
        subjectType: 'cell',
        subjectId: row.id,
        siteId: wing.site_id,
        changes: row,
      });
    });
    return (await this.cellViews(wingId)).find((c) => c.id === row.id)!;
  }

  async listCells(actor: Actor, wingId: string): Promise<CellView[]> {
    const wing = await this.db
      .selectFrom('wings')
      .select(['id', 'site_id'])
      .where('id', '=', wingId)
      .executeTakeFirst();
    if (!wing || !inScope(actor, wing.site_id)) throw new NotFound('wing');
    return this.cellViews(wingId);
  }

  /** Capacity, use, or service state. Taking a cell out of service needs a reason. */
  async updateCell(
    actor: Actor,
    id: string,
    patch: { capacity?: number; use?: CellUse; outOfService?: boolean; reason?: string },
  ): Promise<CellView> {
    const cell = await this.db.selectFrom('cells').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cell || !inScope(actor, cell.site_id)) throw new NotFound('cell');
    if (patch.outOfService === true && !patch.reason?.trim())
      throw new BadRequest('reason: say why the cell goes out of service', 'reason');
    const now = this.clock.now().toISOString();
    const set = {
      capacity: patch.capacity ?? cell.capacity,
      use: patch.use ?? cell.use,
      out_of_service: patch.outOfService === undefined ? cell.out_of_service : patch.outOfService ? 1 : 0,
      out_of_service_reason:
        patch.outOfService === undefined
          ? cell.out_of_service_reason
          : patch.outOfService
            ? patch.reason!.trim()
            : null,
      out_of_service_since:
        patch.outOfService === undefined ? cell.out_of_service_since : patch.outOfService ? now : null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('cells').set(set).where('id', '=', id).execute();
      const action =
        patch.outOfService === true
          ? 'cell.out-of-service'
          : patch.outOfService === false
            ? 'cell.in-service'
            : 'cell.update';
      await recordAudit(trx, this.clock, actor.audit, {
        action,
        subjectType: 'cell',
        subjectId: id,
        siteId: cell.site_id,
        changes: {
          before: { capacity: cell.capacity, use: cell.use, outOfService: cell.out_of_service === 1 },
          after: patch,
        },
      });
    });
    return (await this.cellViews(cell.wing_id)).find((c) => c.id === id)!;
  }

  /**
   * Puts a whole estate (sites › blocks › wings › cells) in place inside the caller's transaction,
   * with one audit entry per item as the single-item methods write: the demo load and an estate
   * import use it. Returns the new ids in the shape of the input.
   *
   * @example const [site] = await estate.insertEstate(trx, actor, [{ code: 'S1', name: 'North', nameAr: 'الشمال', blocks: [] }]);
   */
  async insertEstate(
    trx: Transaction<Database>,
    actor: Actor,
    sites: NewEstateSite[],
  ): Promise<{ id: string; blocks: { id: string; wings: { id: string; cells: string[] }[] }[] }[]> {
    if (actor.sites !== null) throw new Forbidden('only an estate-wide account may add a site');
    const now = this.clock.now().toISOString();
    const taken = sites.length
      ? await trx
          .selectFrom('sites')
          .select('code')
          .where(
            'code',
            'in',
            sites.map((s) => s.code),
          )
          .executeTakeFirst()
      : undefined;
    if (taken) throw new Conflict(`code: site ${taken.code} exists`, 'code');
    const rows = {
      sites: [] as Database['sites'][],
      blocks: [] as Database['blocks'][],
      wings: [] as Database['wings'][],
      cells: [] as Database['cells'][],
    };
    const audits: AuditRecord[] = [];
    const ids = sites.map((site) => {
      const siteRow = {
        id: randomUUID(),
        code: site.code,
        name: site.name,
        name_ar: site.nameAr,
        created_at: now,
      };
      rows.sites.push(siteRow as Database['sites']);
      audits.push({
        action: 'site.create',
        subjectType: 'site',
        subjectId: siteRow.id,
        siteId: siteRow.id,
        changes: siteRow,
      });
      const blocks = site.blocks.map((block) => {
        const blockRow = { id: randomUUID(), site_id: siteRow.id, code: block.code, name: block.name };
        rows.blocks.push(blockRow);
        audits.push({
          action: 'block.create',
          subjectType: 'block',
          subjectId: blockRow.id,
          siteId: siteRow.id,
          changes: blockRow,
        });
        const wings = block.wings.map((wing) => {
          const wingRow = {
            id: randomUUID(),
            block_id: blockRow.id,
            site_id: siteRow.id,
            code: wing.code,
            name: wing.name,
            sex: wing.sex,
            age_group: wing.ageGroup,
          };
          rows.wings.push(wingRow);
          audits.push({
            action: 'wing.create',
            subjectType: 'wing',
            subjectId: wingRow.id,
            siteId: siteRow.id,
            changes: wingRow,
          });
          const cells = wing.cells.map((cell) => {
            const cellRow = {
              id: randomUUID(),
              wing_id: wingRow.id,
              block_id: blockRow.id,
              site_id: siteRow.id,
              code: cell.code,
              capacity: cell.capacity,
              use: cell.use ?? 'general',
              out_of_service: cell.outOfServiceReason ? 1 : 0,
              out_of_service_reason: cell.outOfServiceReason ?? null,
              out_of_service_since: cell.outOfServiceReason ? now : null,
            } as const;
            rows.cells.push(cellRow);
            audits.push({
              action: 'cell.create',
              subjectType: 'cell',
              subjectId: cellRow.id,
              siteId: siteRow.id,
              changes: cellRow,
            });
            return cellRow.id;
          });
          return { id: wingRow.id, cells };
        });
        return { id: blockRow.id, wings };
      });
      return { id: siteRow.id, blocks };
    });
    // Slices keep each statement under both stores' parameter limits.
    for (const [table, list, columns] of [
      ['sites', rows.sites, 5],
      ['blocks', rows.blocks, 4],
      ['wings', rows.wings, 7],
      ['cells', rows.cells, 10],
    ] as const) {
      const size = Math.floor(30_000 / columns);
      for (let i = 0; i < list.length; i += size)
        await trx
          .insertInto(table)
          .values(list.slice(i, i + size) as never)
          .execute();
    }
    await recordAudit(trx, this.clock, actor.audit, audits);
    return ids;
  }

  /**
   * A wing's name or designation. A new designation must fit everyone held or expected in the wing
   * now: men and women, adults and juveniles are never mixed (Rule 11), so the occupants move first.
   */
  async updateWing(
    actor: Actor,
    id: string,
    patch: { name?: string; sex?: Sex; ageGroup?: AgeGroup },
  ): Promise<WingView> {
    const wing = await this.db.selectFrom('wings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!wing || !inScope(actor, wing.site_id)) throw new NotFound('wing');
    const sex = patch.sex ?? (wing.sex as Sex);
    const ageGroup = patch.ageGroup ?? (wing.age_group as AgeGroup);
    await this.db.transaction().execute(async (trx) => {
      if (sex !== wing.sex || ageGroup !== wing.age_group) {
        const misfits = await trx
          .selectFrom('detainees')
          .innerJoin('cells', 'cells.id', 'detainees.cell_id')
          .select(['detainees.number', 'detainees.sex', 'detainees.age_category'])
          .where('cells.wing_id', '=', id)
          .where('detainees.status', 'in', ['arriving', 'in_custody'])
          .where((eb) =>
            eb.or([eb('detainees.sex', '!=', sex), eb('detainees.age_category', '!=', ageGroup)]),
          )
          .limit(20)
          .execute();
        if (misfits.length)
          throw new Conflict(
            `sex: the wing holds detainees who do not match the new designation (${misfits.map((m) => `${m.number} ${m.sex}/${m.age_category}`).join(', ')}): move them first`,
            patch.sex !== undefined && patch.sex !== wing.sex ? 'sex' : 'ageGroup',
          );
      }
      const set = { name: patch.name ?? wing.name, sex, age_group: ageGroup };
      await trx.updateTable('wings').set(set).where('id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'wing.update',
        subjectType: 'wing',
        subjectId: id,
        siteId: wing.site_id,
        changes: { before: { name: wing.name, sex: wing.sex, ageGroup: wing.age_group }, after: patch },
      });
    });
    return (await this.wingViews(wing.site_id)).find((w) => w.id === id)!;
  }

  /** A site's cells out of service, with the reason and since when (damage after an attack, repair). */
  async cellsOutOfService(actor: Actor, siteId: string) {
    this.assertSite(actor, siteId, 'site');
    const rows = await this.db
      .selectFrom('cells')
      .innerJoin('wings', 'wings.id', 'cells.wing_id')
      .innerJoin('blocks', 'blocks.id', 'cells.block_id')
      .select([
        'cells.id',
        'cells.code',
        'cells.capacity',
        'cells.use',
        'cells.out_of_service_reason',
        'cells.out_of_service_since',
        'wings.id as wing_id',
        'wings.code as wing_code',
        'blocks.code as block_code',
      ])
      .where('cells.site_id', '=', siteId)
      .where('cells.out_of_service', '=', 1)
      .orderBy('cells.out_of_service_since')
      .orderBy('cells.code')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      wingId: r.wing_id,
      wingCode: r.wing_code,
      blockCode: r.block_code,
      capacity: r.capacity,
      use: r.use as CellUse,
      reason: r.out_of_service_reason,
      since: r.out_of_service_since,
    }));
  }

  /**
   * Takes many cells out of service inside the caller's transaction (damage in an attack), one
   * audit entry each. Cells outside the actor's sites or unknown are refused as not found.
   *
   * @example await estate.takeOutOfService(trx, actor, [cellA, cellB], 'INC-2026-000004: drone strike');
   */
  async takeOutOfService(
    trx: Transaction<Database>,
    actor: Actor,
    cellIds: string[],
    reason: string,
  ): Promise<{ id: string; siteId: string; code: string }[]> {
    if (!reason.trim()) throw new BadRequest('reason: say why the cells go out of service', 'reason');
    const ids = [...new Set(cellIds)];
    const cells = ids.length
      ? await trx
          .selectFrom('cells')
          .select(['id', 'site_id', 'code', 'out_of_service'])
          .where('id', 'in', ids)
          .execute()
      : [];
    for (const id of ids) {
      const cell = cells.find((c) => c.id === id);
      if (!cell || !inScope(actor, cell.site_id)) throw new NotFound('cell');
    }
    const now = this.clock.now().toISOString();
    const changing = cells.filter((c) => c.out_of_service !== 1);
    if (changing.length)
      await trx
        .updateTable('cells')
        .set({ out_of_service: 1, out_of_service_reason: reason.trim(), out_of_service_since: now })
        .where(
          'id',
          'in',
          changing.map((c) => c.id),
        )
        .execute();
    await recordAudit(
      trx,
      this.clock,
      actor.audit,
      changing.map((c) => ({
        action: 'cell.out-of-service',
        subjectType: 'cell',
        subjectId: c.id,
        siteId: c.site_id,
        changes: { reason: reason.trim() },
      })),
    );
    return cells.map((c) => ({ id: c.id, siteId: c.site_id, code: c.code }));
  }

  /** The cell with its wing's designation, for moves and placement checks in other modules. */
  async cellWithWing(id: string) {
    return this.db
      .selectFrom('cells')
      .innerJoin('wings', 'wings.id', 'cells.wing_id')
      .select([
        'cells.id',
        'cells.code',
        'cells.site_id',
        'cells.capacity',
        'cells.use',
        'cells.out_of_service',
        'wings.sex',
        'wings.age_group',
        'wings.code as wing_code',
      ])
      .where('cells.id', '=', id)
      .executeTakeFirst();
  }

  private async wingViews(siteId: string): Promise<WingView[]> {
    const wings = await this.db
      .selectFrom('wings')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('code')
      .execute();
    const cells = await this.db
      .selectFrom('cells')
      .select([
        'wing_id',
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when out_of_service = 0 then capacity else 0 end)`.as('beds'),
      ])
      .where('site_id', '=', siteId)
      .groupBy('wing_id')
      .execute();
    const occupied = await this.db
      .selectFrom('detainees')
      .innerJoin('cells', 'cells.id', 'detainees.cell_id')
      .select(['cells.wing_id', sql<number>`count(*)`.as('n')])
      .where('cells.site_id', '=', siteId)
      .where('detainees.status', '=', 'in_custody')
      .groupBy('cells.wing_id')
      .execute();
    return wings.map((w) => {
      const c = cells.find((r) => r.wing_id === w.id);
      return {
        id: w.id,
        blockId: w.block_id,
        code: w.code,
        name: w.name,
        sex: w.sex as Sex,
        ageGroup: w.age_group as AgeGroup,
        cells: Number(c?.n ?? 0),
        beds: Number(c?.beds ?? 0),
        occupied: Number(occupied.find((r) => r.wing_id === w.id)?.n ?? 0),
      };
    });
  }

  private async cellViews(wingId: string): Promise<CellView[]> {
    const cells = await this.db
      .selectFrom('cells')
      .selectAll()
      .where('wing_id', '=', wingId)
      .orderBy('code')
      .execute();
    const occupied = await this.db
      .selectFrom('detainees')
      .select(['cell_id', sql<number>`count(*)`.as('n')])
      .where('cell_id', 'in', cells.length ? cells.map((c) => c.id) : [''])
      .where('status', '=', 'in_custody')
      .groupBy('cell_id')
      .execute();
    return cells.map((c) => ({
      id: c.id,
      wingId: c.wing_id,
      code: c.code,
      capacity: c.capacity,
      use: c.use as CellUse,
      outOfService: c.out_of_service === 1,
      outOfServiceReason: c.out_of_service_reason,
      occupied: Number(occupied.find((o) => o.cell_id === c.id)?.n ?? 0),
    }));
  }

  /** Outside the caller's sites a site does not exist for them: 404, not 403. */
  private assertSite(actor: Actor, siteId: string, what: string): void {
    if (!inScope(actor, siteId)) throw new NotFound(what);
  }
}
