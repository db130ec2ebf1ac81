import { randomUUID } from 'node:crypto';
import { type Selectable, type Transaction, sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import { normaliseIccid, normaliseImei, normaliseImsi, normalisePhone } from './identifiers';
import type { SearchesTable, SeizedItemsTable } from './tables';

export const SEARCH_KINDS = ['cell', 'person', 'area'] as const;
export const ITEM_TYPES = ['phone', 'sim', 'charger', 'weapon', 'drugs', 'documents', 'other'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const CUSTODY_ACTIONS = ['transferred', 'analysed', 'disposed'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export interface NewItem {
  type: ItemType;
  description: string;
  imei?: string | null;
  iccid?: string | null;
  imsi?: string | null;
  phoneNumber?: string | null;
  /** The detainees the item is tied to (found on them, in their cell, admitted as theirs). */
  detaineeIds?: string[];
  holder: string;
}

export interface NewSearch {
  siteId: string;
  kind: (typeof SEARCH_KINDS)[number];
  cellId?: string | null;
  detaineeId?: string | null;
  area?: string | null;
  searchedAt: string;
  searchedBy: string;
  note?: string | null;
  items?: NewItem[];
}

export interface ItemView {
  id: string;
  searchId: string | null;
  siteId: string;
  type: string;
  description: string;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  phoneNumber: string | null;
  custodyStatus: string;
  holder: string;
  seizedAt: string;
  recordedBy: string;
  detainees: { id: string; number: string; displayName: string }[];
  custody: { action: string; holder: string; note: string | null; at: string; by: string }[];
}

export interface SearchView {
  id: string;
  siteId: string;
  kind: string;
  cellId: string | null;
  cellCode: string | null;
  detaineeId: string | null;
  area: string | null;
  searchedAt: string;
  searchedBy: string;
  result: string;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
  items: ItemView[];
}

/** Two detainees tied to the same device, SIM or number: a suggested association link, with the evidence. */
export interface SeizureLink {
  detaineeA: string;
  detaineeB: string;
  /** The housing module's link kinds. */
  kind: 'seized-device' | 'common-number';
  evidence: { identifier: 'imei' | 'iccid' | 'imsi' | 'phoneNumber'; value: string; itemIds: string[] }[];
}

const IDENTIFIERS = [
  ['imei', 'imei'],
  ['iccid', 'iccid'],
  ['imsi', 'imsi'],
  ['phone_number', 'phoneNumber'],
] as const;

/**
 * Searches of cells, people and areas; what they seized, tied to detainees, with its custody until
 * disposal; and the links that seized devices and numbers reveal between detainees.
 */
export class ContrabandService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async createSearch(actor: Actor, input: NewSearch): Promise<SearchView> {
    if (!inScope(actor, input.siteId)) throw new BadRequest('siteId: unknown site', 'siteId');
    const searchedAt = new Date(input.searchedAt);
    if (searchedAt.getTime() > this.clock.now().getTime() + 5 * 60_000)
      throw new BadRequest('searchedAt: is in the future', 'searchedAt');
    if (input.kind === 'cell' && !input.cellId)
      throw new BadRequest('cellId: a cell search names the cell', 'cellId');
    if (input.kind === 'person' && !input.detaineeId)
      throw new BadRequest('detaineeId: a person search names the detainee', 'detaineeId');
    if (input.kind === 'area' && !input.area?.trim())
      throw new BadRequest('area: an area search names the area', 'area');
    const items = (input.items ?? []).map((item, i) => this.checkItem(item, `items[${i}].`));
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const site = await trx
        .selectFrom('sites')
        .select('id')
        .where('id', '=', input.siteId)
        .executeTakeFirst();
      if (!site) throw new BadRequest('siteId: unknown site', 'siteId');
      if (input.cellId) {
        const cell = await trx
          .selectFrom('cells')
          .select('site_id')
          .where('id', '=', input.cellId)
          .executeTakeFirst();
        if (cell?.site_id !== input.siteId) throw new BadRequest('cellId: not a cell of the site', 'cellId');
      }
      if (input.detaineeId) await this.checkDetainees(trx, input.siteId, [input.detaineeId], 'detaineeId');
      const now = this.clock.now().toISOString();
      const row = {
        id,
        site_id: input.siteId,
        kind: input.kind,
        cell_id: input.cellId ?? null,
        detainee_id: input.detaineeId ?? null,
        area: input.area?.trim() || null,
        searched_at: searchedAt.toISOString(),
        searched_by: input.searchedBy.trim(),
        result: items.length ? 'items_seized' : 'nothing_found',
        note: input.note?.trim() || null,
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
      };
      await trx.insertInto('searches').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'search.create',
        subjectType: 'search',
        subjectId: id,
        siteId: input.siteId,
        changes: row,
      });
      for (const [i, item] of items.entries())
        await this.insertItem(trx, actor, input.siteId, id, row.searched_at, item, `items[${i}].`);
    });
    return (await this.readSearch(id))!;
  }

  /** An item seized after the search was logged (found on a second look, handed over). */
  async addItem(actor: Actor, searchId: string, item: NewItem): Promise<SearchView> {
    const search = await this.getSearch(actor, searchId);
    const checked = this.checkItem(item, '');
    await this.db.transaction().execute(async (trx) => {
      await this.insertItem(trx, actor, search.siteId, searchId, this.clock.now().toISOString(), checked, '');
      await trx.updateTable('searches').set({ result: 'items_seized' }).where('id', '=', searchId).execute();
    });
    return (await this.readSearch(searchId))!;
  }

  async getSearch(actor: Actor, id: string): Promise<SearchView> {
    const search = await this.readSearch(id);
    if (!search || !inScope(actor, search.siteId)) throw new NotFound('search');
    return search;
  }

  async listSearches(
    actor: Actor,
    filter: { siteId?: string; detaineeId?: string; kind?: string; page?: number; pageSize?: number },
  ) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    let q = this.db.selectFrom('searches');
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.detaineeId) {
      const d = filter.detaineeId;
      q = q.where((eb) =>
        eb.or([
          eb('detainee_id', '=', d),
          eb(
            'id',
            'in',
            eb
              .selectFrom('seized_items')
              .innerJoin('seized_item_detainees', 'seized_item_detainees.item_id', 'seized_items.id')
              .select('seized_items.search_id')
              .where('seized_item_detainees.detainee_id', '=', d),
          ),
        ]),
      );
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select('id')
      .orderBy('searched_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const items = await Promise.all(rows.map((r) => this.readSearch(r.id)));
    return { items: items.filter((s): s is SearchView => s !== null), total, page, pageSize };
  }

  /** Seized items by detainee or by identifier (an IMEI, ICCID, IMSI or number, normalised first). */
  async listItems(
    actor: Actor,
    filter: { siteId?: string; detaineeId?: string; identifier?: string; type?: string },
  ): Promise<ItemView[]> {
    let q = this.db.selectFrom('seized_items').select('seized_items.id');
    if (actor.sites !== null)
      q = q.where('seized_items.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('seized_items.site_id', '=', filter.siteId);
    if (filter.type) q = q.where('seized_items.type', '=', filter.type);
    if (filter.detaineeId)
      q = q.where('seized_items.id', 'in', (eb) =>
        eb
          .selectFrom('seized_item_detainees')
          .select('item_id')
          .where('detainee_id', '=', filter.detaineeId!),
      );
    if (filter.identifier) {
      const raw = filter.identifier.trim();
      const phone = normalisePhone(raw);
      const digits = raw.replace(/[\s\-./]/g, '');
      q = q.where((eb) =>
        eb.or([
          eb('imei', '=', digits),
          eb('iccid', '=', digits),
          eb('imsi', '=', digits),
          eb('phone_number', '=', 'value' in phone ? phone.value : digits),
        ]),
      );
    }
    const rows = await q.orderBy('seized_items.seized_at', 'desc').limit(500).execute();
    return this.itemViews(rows.map((r) => r.id));
  }

  /** The chain of custody: each hand-over, analysis, and the disposal that ends it. */
  async recordCustody(
    actor: Actor,
    itemId: string,
    input: { action: CustodyAction; holder: string; note?: string | null },
  ): Promise<ItemView> {
    const item = await this.db
      .selectFrom('seized_items')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item || !inScope(actor, item.site_id)) throw new NotFound('seized item');
    if (item.custody_status === 'disposed')
      throw new Conflict('the item was disposed of: its custody has ended');
    if (input.action === 'disposed' && !input.note?.trim())
      throw new BadRequest('note: say how the item was disposed of', 'note');
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        item_id: itemId,
        action: input.action,
        holder: input.holder.trim(),
        note: input.note?.trim() || null,
        at: this.clock.now().toISOString(),
        by: actor.audit.actor.name,
      };
      await trx.insertInto('item_custody_events').values(row).execute();
      await trx
        .updateTable('seized_items')
        .set({ holder: row.holder, custody_status: input.action === 'disposed' ? 'disposed' : 'held' })
        .where('id', '=', itemId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'seized-item.custody',
        subjectType: 'seized_item',
        subjectId: itemId,
        siteId: item.site_id,
        changes: row,
      });
    });
    return (await this.itemViews([itemId]))[0];
  }

  /**
   * Pairs of detainees tied to the same seized device (IMEI, ICCID, IMSI) or number, with the
   * evidence: what the housing module offers analysts as suggested association links.
   *
   * @example const links = await contraband.seizureLinks(actor, { siteId }); // [{ detaineeA, detaineeB, kind: 'seized-device', evidence }]
   */
  async seizureLinks(
    actor: Actor,
    filter: { siteId?: string; detaineeId?: string } = {},
  ): Promise<SeizureLink[]> {
    let q = this.db
      .selectFrom('seized_items')
      .innerJoin('seized_item_detainees', 'seized_item_detainees.item_id', 'seized_items.id')
      .select([
        'seized_items.id',
        'seized_items.imei',
        'seized_items.iccid',
        'seized_items.imsi',
        'seized_items.phone_number',
        'seized_item_detainees.detainee_id',
      ])
      .where((eb) =>
        eb.or([
          eb('imei', 'is not', null),
          eb('iccid', 'is not', null),
          eb('imsi', 'is not', null),
          eb('phone_number', 'is not', null),
        ]),
      );
    // Links are drawn inside the caller's sites: a tie to a detainee elsewhere is not theirs to see.
    if (actor.sites !== null)
      q = q.where('seized_items.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('seized_items.site_id', '=', filter.siteId);
    const rows = await q.execute();
    const byValue = new Map<
      string,
      {
        identifier: SeizureLink['evidence'][number]['identifier'];
        value: string;
        items: Set<string>;
        detainees: Set<string>;
      }
    >();
    for (const r of rows)
      for (const [column, identifier] of IDENTIFIERS) {
        const value = r[column];
        if (!value) continue;
        const key = `${identifier}:${value}`;
        const entry = byValue.get(key) ?? { identifier, value, items: new Set(), detainees: new Set() };
        entry.items.add(r.id);
        entry.detainees.add(r.detainee_id);
        byValue.set(key, entry);
      }
    const pairs = new Map<string, SeizureLink>();
    for (const entry of byValue.values()) {
      const ds = [...entry.detainees].sort();
      for (let i = 0; i < ds.length; i++)
        for (let j = i + 1; j < ds.length; j++) {
          if (filter.detaineeId && ds[i] !== filter.detaineeId && ds[j] !== filter.detaineeId) continue;
          const key = `${ds[i]}|${ds[j]}`;
          const link = pairs.get(key) ?? {
            detaineeA: ds[i],
            detaineeB: ds[j],
            kind: 'common-number',
            evidence: [],
          };
          link.evidence.push({
            identifier: entry.identifier,
            value: entry.value,
            itemIds: [...entry.items].sort(),
          });
          if (entry.identifier !== 'phoneNumber') link.kind = 'seized-device';
          pairs.set(key, link);
        }
    }
    return [...pairs.values()].sort(
      (a, b) =>
        b.evidence.length - a.evidence.length ||
        a.detaineeA.localeCompare(b.detaineeA) ||
        a.detaineeB.localeCompare(b.detaineeB),
    );
  }

  private checkItem(item: NewItem, prefix: string): NewItem {
    const out: NewItem = { ...item, description: item.description.trim(), holder: item.holder.trim() };
    const check = (
      field: 'imei' | 'iccid' | 'imsi' | 'phoneNumber',
      fn: (v: string) => { value: string } | { problem: string },
    ) => {
      const v = item[field];
      if (v === undefined || v === null || v === '') return void (out[field] = null);
      const r = fn(v);
      if ('problem' in r) throw new BadRequest(`${prefix}${field}: ${r.problem}`, `${prefix}${field}`);
      out[field] = r.value;
    };
    check('imei', normaliseImei);
    check('iccid', normaliseIccid);
    check('imsi', normaliseImsi);
    check('phoneNumber', normalisePhone);
    if (out.imei && item.type !== 'phone')
      throw new BadRequest(`${prefix}imei: only a phone has an IMEI`, `${prefix}imei`);
    if ((out.iccid || out.imsi) && item.type !== 'sim' && item.type !== 'phone')
      throw new BadRequest(
        `${prefix}${out.iccid ? 'iccid' : 'imsi'}: only a SIM card (or the phone holding it) has one`,
        `${prefix}${out.iccid ? 'iccid' : 'imsi'}`,
      );
    return out;
  }

  private async insertItem(
    trx: Transaction<Database>,
    actor: Actor,
    siteId: string,
    searchId: string,
    seizedAt: string,
    item: NewItem,
    prefix: string,
  ) {
    const detaineeIds = [...new Set(item.detaineeIds ?? [])];
    await this.checkDetainees(trx, siteId, detaineeIds, `${prefix}detaineeIds`);
    const row = {
      id: randomUUID(),
      search_id: searchId,
      site_id: siteId,
      type: item.type,
      description: item.description,
      imei: item.imei ?? null,
      iccid: item.iccid ?? null,
      imsi: item.imsi ?? null,
      phone_number: item.phoneNumber ?? null,
      custody_status: 'held',
      holder: item.holder,
      seized_at: seizedAt,
      recorded_by: actor.audit.actor.name,
    };
    await trx.insertInto('seized_items').values(row).execute();
    if (detaineeIds.length)
      await trx
        .insertInto('seized_item_detainees')
        .values(detaineeIds.map((d) => ({ item_id: row.id, detainee_id: d })))
        .execute();
    await trx
      .insertInto('item_custody_events')
      .values({
        id: randomUUID(),
        item_id: row.id,
        action: 'seized',
        holder: item.holder,
        note: null,
        at: seizedAt,
        by: actor.audit.actor.name,
      })
      .execute();
    await recordAudit(trx, this.clock, actor.audit, {
      action: 'seized-item.create',
      subjectType: 'seized_item',
      subjectId: row.id,
      siteId,
      changes: { ...row, detaineeIds },
    });
  }

  private async checkDetainees(trx: Transaction<Database>, siteId: string, ids: string[], field: string) {
    if (ids.length === 0) return;
    const rows = await trx.selectFrom('detainees').select(['id', 'site_id']).where('id', 'in', ids).execute();
    for (const [i, id] of ids.entries())
      if (rows.find((r) => r.id === id)?.site_id !== siteId)
        throw new BadRequest(
          `${field.endsWith('Ids') ? `${field}[${i}]` : field}: not a detainee of the site`,
          field.endsWith('Ids') ? `${field}[${i}]` : field,
        );
  }

  private async readSearch(id: string): Promise<SearchView | null> {
    const s = await this.db
      .selectFrom('searches')
      .leftJoin('cells', 'cells.id', 'searches.cell_id')
      .selectAll('searches')
      .select('cells.code as cell_code')
      .where('searches.id', '=', id)
      .executeTakeFirst();
    if (!s) return null;
    const itemIds = (
      await this.db
        .selectFrom('seized_items')
        .select('id')
        .where('search_id', '=', id)
        .orderBy('seized_at')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    return { ...searchView(s, s.cell_code), items: await this.itemViews(itemIds) };
  }

  private async itemViews(ids: string[]): Promise<ItemView[]> {
    if (ids.length === 0) return [];
    const [items, links, custody] = await Promise.all([
      this.db.selectFrom('seized_items').selectAll().where('id', 'in', ids).execute(),
      this.db
        .selectFrom('seized_item_detainees')
        .innerJoin('detainees', 'detainees.id', 'seized_item_detainees.detainee_id')
        .select([
          'seized_item_detainees.item_id',
          'detainees.id',
          'detainees.number',
          'detainees.display_name',
        ])
        .where('item_id', 'in', ids)
        .orderBy('detainees.number')
        .execute(),
      this.db
        .selectFrom('item_custody_events')
        .selectAll()
        .where('item_id', 'in', ids)
        .orderBy('at')
        .orderBy('action', 'desc')
        .execute(),
    ]);
    return ids
      .map((id) => items.find((i) => i.id === id))
      .filter((i): i is Selectable<SeizedItemsTable> => !!i)
      .map((i) => ({
        id: i.id,
        searchId: i.search_id,
        siteId: i.site_id,
        type: i.type,
        description: i.description,
        imei: i.imei,
        iccid: i.iccid,
        imsi: i.imsi,
        phoneNumber: i.phone_number,
        custodyStatus: i.custody_status,
        holder: i.holder,
        seizedAt: i.seized_at,
        recordedBy: i.recorded_by,
        detainees: links
          .filter((l) => l.item_id === i.id)
          .map((l) => ({ id: l.id, number: l.number, displayName: l.display_name })),
        custody: custody
          .filter((c) => c.item_id === i.id)
          .map((c) => ({ action: c.action, holder: c.holder, note: c.note, at: c.at, by: c.by })),
      }));
  }
}

function searchView(s: Selectable<SearchesTable>, cellCode: string | null): Omit<SearchView, 'items'> {
  return {
    id: s.id,
    siteId: s.site_id,
    kind: s.kind,
    cellId: s.cell_id,
    cellCode,
    detaineeId: s.detainee_id,
    area: s.area,
    searchedAt: s.searched_at,
    searchedBy: s.searched_by,
    result: s.result,
    note: s.note,
    recordedAt: s.recorded_at,
    recordedBy: s.recorded_by,
  };
}
