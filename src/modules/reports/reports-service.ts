import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { toCsv } from '../../platform/csv';
import { NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { DetaineeListItem, RegisterService } from '../register';

export const POPULATION_GROUPINGS = ['nationality', 'site', 'status'] as const;
export type PopulationGrouping = (typeof POPULATION_GROUPINGS)[number];

/** One line of the population report: the grouping key (`nationality`, `site` or `status`) and a count. */
export type PopulationRow = { [K in PopulationGrouping]?: string } & { count: number };

/** The statuses a population counts: the people the service is holding or about to receive. */
const COUNTED = ['arriving', 'in_custody'];

/** The register fields of an export, in order: those of the detainee list. */
export const EXPORT_COLUMNS = [
  'id',
  'number',
  'displayName',
  'nameAr',
  'sex',
  'dob',
  'nationalities',
  'legalStatus',
  'ageCategory',
  'status',
  'siteId',
  'siteCode',
  'cellId',
  'cellCode',
] as const satisfies readonly (keyof DetaineeListItem)[];

/**
 * Reports and exports (Mandela Rule 10: statistics), one service for the CLI and the API so that
 * both give the same figures. Everything is limited to the caller's sites.
 */
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly register: RegisterService,
  ) {}

  /**
   * Detainees arriving or in custody, counted by nationality (a dual national counts once under
   * each), by site code or by status; largest first.
   *
   * @example await reports.population(actor, 'nationality') // [{ nationality: 'IQ', count: 9012 }, …]
   */
  async population(actor: Actor, by: PopulationGrouping): Promise<PopulationRow[]> {
    const scope = actor.sites === null ? null : actor.sites.length ? actor.sites : [''];
    let rows: { key: string; n: number }[];
    if (by === 'nationality') {
      let q = this.db
        .selectFrom('detainee_nationalities')
        .innerJoin('detainees', 'detainees.id', 'detainee_nationalities.detainee_id')
        .select(['detainee_nationalities.country as key', sql<number>`count(*)`.as('n')])
        .where('detainees.status', 'in', COUNTED)
        .groupBy('detainee_nationalities.country');
      if (scope) q = q.where('detainees.site_id', 'in', scope);
      rows = await q.execute();
    } else if (by === 'site') {
      let q = this.db
        .selectFrom('detainees')
        .innerJoin('sites', 'sites.id', 'detainees.site_id')
        .select(['sites.code as key', sql<number>`count(*)`.as('n')])
        .where('detainees.status', 'in', COUNTED)
        .groupBy('sites.code');
      if (scope) q = q.where('detainees.site_id', 'in', scope);
      rows = await q.execute();
    } else {
      let q = this.db
        .selectFrom('detainees')
        .select(['detainees.status as key', sql<number>`count(*)`.as('n')])
        .where('detainees.status', 'in', COUNTED)
        .groupBy('detainees.status');
      if (scope) q = q.where('detainees.site_id', 'in', scope);
      rows = await q.execute();
    }
    return rows
      .map((r) => ({ key: r.key, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => ({ [by]: r.key, count: r.count }) as PopulationRow);
  }

  /** The population report as CSV: the grouping key and `count`. */
  populationCsv(by: PopulationGrouping, rows: PopulationRow[]): string {
    return toCsv(
      [by, 'count'],
      rows.map((r) => [r[by], r.count]),
      { spreadsheetSafe: true },
    );
  }

  /**
   * Every detainee of the register in the caller's sites (any status), or of one site named by id
   * or code, with the fields of the detainee list. Read through the register's own list, page by
   * page, so that an export shows exactly what the list shows.
   *
   * @example await reports.exportDetainees(actor, { siteCode: 'HLC' })
   */
  async exportDetainees(
    actor: Actor,
    filter: { siteId?: string; siteCode?: string } = {},
  ): Promise<DetaineeListItem[]> {
    let siteId = filter.siteId;
    if (filter.siteCode !== undefined) {
      const site = await this.db
        .selectFrom('sites')
        .select('id')
        .where('code', '=', filter.siteCode)
        .executeTakeFirst();
      if (!site) throw new NotFound(`site ${filter.siteCode}`);
      siteId = site.id;
    }
    if (siteId !== undefined) {
      const site = await this.db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
      if (!site || !inScope(actor, siteId)) throw new NotFound('site');
    }
    const items: DetaineeListItem[] = [];
    for (let page = 1; ; page++) {
      const chunk = await this.register.list(actor, { siteId, page, pageSize: 5000 });
      items.push(...chunk.items);
      if (items.length >= chunk.total || chunk.items.length === 0) break;
    }
    return items;
  }

  /** An export as CSV, nationalities joined with `;`; cells that a spreadsheet would run are defused. */
  detaineesCsv(items: DetaineeListItem[]): string {
    return toCsv(
      EXPORT_COLUMNS,
      items.map((d) => EXPORT_COLUMNS.map((c) => d[c])),
      { spreadsheetSafe: true },
    );
  }
}
