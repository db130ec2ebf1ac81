import { randomUUID } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import { type AuditRecord, recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import { isCountryCode } from '../../platform/countries';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';

export const DETAINEE_STATUSES = [
  'arriving',
  'in_custody',
  'released',
  'transferred_out',
  'repatriated',
  'escaped',
  'deceased',
] as const;
export type DetaineeStatus = (typeof DETAINEE_STATUSES)[number];
export const NAME_KINDS = ['legal', 'alias', 'kunya', 'transliteration'] as const;
export type NameKind = (typeof NAME_KINDS)[number];
export type Script = 'arabic' | 'latin';

export interface NameInput {
  name: string;
  script: Script;
  kind: NameKind;
}

export interface LegalBasisInput {
  basis: string;
  authority: string;
  from: string;
  to?: string | null;
  note?: string | null;
}

export interface NewDetainee {
  number?: string;
  names: NameInput[];
  sex: 'M' | 'F';
  dob?: string | null;
  nationalities: string[];
  legalStatus: 'untried' | 'convicted';
  ageCategory: 'adult' | 'juvenile';
  /** Arriving or in custody; released or transferred out for a past custody (the demo's earlier records). */
  status?: DetaineeStatus;
  siteId: string;
  cellId?: string | null;
  arrestedAt?: string | null;
  arrestPlace?: string | null;
  admittedAt?: string | null;
  legalBasis?: LegalBasisInput;
}

export interface DetaineeListItem {
  id: string;
  number: string;
  displayName: string;
  nameAr: string | null;
  sex: string;
  dob: string | null;
  nationalities: string[];
  legalStatus: string;
  ageCategory: string;
  status: string;
  siteId: string;
  siteCode: string;
  cellId: string | null;
  cellCode: string | null;
  /** The record this one was merged into (it is no longer a live record). */
  mergedInto: string | null;
}

export interface LegalBasisView {
  id: string;
  basis: string;
  authority: string;
  from: string;
  to: string | null;
  note: string | null;
  recordedAt: string;
}

export interface DetaineeRecord extends DetaineeListItem {
  names: NameInput[];
  wingCode: string | null;
  arrestedAt: string | null;
  arrestPlace: string | null;
  admittedAt: string | null;
  legalBases: LegalBasisView[];
  /** The register number of the record this one was merged into. */
  mergedIntoNumber: string | null;
  /** Records merged into this one (the same person, registered twice): their history is this person's. */
  mergedFrom: { id: string; number: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface DetaineeFilter {
  siteId?: string;
  nationality?: string;
  status?: string;
  q?: string;
  /** Records merged into another are left out unless asked for (`include`, or `only` for reviewers). */
  merged?: 'include' | 'only';
  page?: number;
  pageSize?: number;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

/**
 * Checks a new detainee's fields that a schema cannot: script against the letters, countries,
 * dates in order. Returns the first problem as `field: reason` (fields are named as in the API).
 */
export function detaineeProblem(input: NewDetainee, prefix = ''): { field: string; message: string } | null {
  if (input.names.length === 0) return { field: `${prefix}names`, message: 'at least one name is required' };
  for (const [i, n] of input.names.entries()) {
    const field = `${prefix}names[${i}]`;
    if (!n.name.trim()) return { field: `${field}.name`, message: 'is empty' };
    if (n.script === 'arabic' && (!ARABIC.test(n.name) || LATIN.test(n.name)))
      return { field: `${field}.script`, message: 'arabic, but the name is not written in Arabic script' };
    if (n.script === 'latin' && (ARABIC.test(n.name) || !LATIN.test(n.name)))
      return { field: `${field}.script`, message: 'latin, but the name is not written in Latin script' };
  }
  for (const [i, c] of input.nationalities.entries())
    if (!isCountryCode(c))
      return { field: `${prefix}nationalities[${i}]`, message: `"${c}" is not an ISO 3166-1 alpha-2 code` };
  if (input.dob && !validPartialDate(input.dob))
    return { field: `${prefix}dob`, message: `"${input.dob}" is not a date` };
  if (input.arrestedAt && input.admittedAt && input.arrestedAt > input.admittedAt)
    return { field: `${prefix}admittedAt`, message: 'is before the arrest' };
  if (input.legalBasis?.to && input.legalBasis.to < input.legalBasis.from)
    return { field: `${prefix}legalBasis.to`, message: 'is before legalBasis.from' };
  return null;
}

/** YYYY, YYYY-MM or a real calendar day YYYY-MM-DD. */
export function validPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) return false;
  if (d) {
    const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return false;
  }
  return true;
}

/** The register: every detainee's identity, category, status, place and legal basis. */
export class RegisterService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(
    actor: Actor,
    filter: DetaineeFilter,
  ): Promise<{ items: DetaineeListItem[]; total: number; page: number; pageSize: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    if (filter.siteId && !inScope(actor, filter.siteId)) return { items: [], total: 0, page, pageSize };
    let q = this.db.selectFrom('detainees');
    if (actor.sites !== null) q = q.where('detainees.site_id', 'in', actor.sites.length ? actor.sites : ['']);
    if (filter.siteId) q = q.where('detainees.site_id', '=', filter.siteId);
    if (filter.status) q = q.where('detainees.status', '=', filter.status);
    if (filter.merged === 'only') q = q.where('detainees.merged_into', 'is not', null);
    else if (filter.merged !== 'include') q = q.where('detainees.merged_into', 'is', null);
    if (filter.nationality)
      q = q.where('detainees.id', 'in', (eb) =>
        eb
          .selectFrom('detainee_nationalities')
          .select('detainee_id')
          .where('country', '=', filter.nationality!),
      );
    if (filter.q?.trim()) {
      const needle = `%${filter.q.trim().toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(detainees.number)`, 'like', needle),
          eb(
            'detainees.id',
            'in',
            eb
              .selectFrom('detainee_names')
              .select('detainee_id')
              .where(sql`lower(name)`, 'like', needle),
          ),
        ]),
      );
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .innerJoin('sites', 'sites.id', 'detainees.site_id')
      .leftJoin('cells', 'cells.id', 'detainees.cell_id')
      .select([
        'detainees.id',
        'detainees.number',
        'detainees.display_name',
        'detainees.sex',
        'detainees.dob',
        'detainees.legal_status',
        'detainees.age_category',
        'detainees.status',
        'detainees.site_id',
        'sites.code as site_code',
        'detainees.cell_id',
        'cells.code as cell_code',
        'detainees.merged_into',
      ])
      .orderBy('detainees.display_name')
      .orderBy('detainees.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const extras = await this.namesAndNationalities(rows.map((r) => r.id));
    const items = rows.map((r) => ({
      id: r.id,
      number: r.number,
      displayName: r.display_name,
      nameAr: extras.names.get(r.id)?.find((n) => n.script === 'arabic')?.name ?? null,
      sex: r.sex,
      dob: r.dob,
      nationalities: extras.nationalities.get(r.id) ?? [],
      legalStatus: r.legal_status,
      ageCategory: r.age_category,
      status: r.status,
      siteId: r.site_id,
      siteCode: r.site_code,
      cellId: r.cell_id,
      cellCode: r.cell_code,
      mergedInto: r.merged_into ?? null,
    }));
    return { items, total, page, pageSize };
  }

  /** The whole record. Every view is audited (Mandela Rule 6: who saw what). */
  async get(actor: Actor, id: string): Promise<DetaineeRecord> {
    const record = await this.read(id);
    if (!record || !inScope(actor, record.siteId)) throw new NotFound('detainee');
    await this.db.transaction().execute((trx) =>
      recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.view',
        subjectType: 'detainee',
        subjectId: id,
        siteId: record.siteId,
      }),
    );
    return record;
  }

  async create(actor: Actor, input: NewDetainee): Promise<DetaineeRecord> {
    const [id] = await this.db.transaction().execute((trx) => this.insertMany(trx, actor, [input]));
    return (await this.read(id))!;
  }

  /**
   * Puts many detainees on the register inside the caller's transaction, one audit entry each:
   * the intake of a manifest and the demo load use it so that all of a batch lands or none does.
   * Problems are reported with the row's index (`rows[12].nationalities[0]: …`).
   */
  async insertMany(trx: Transaction<Database>, actor: Actor, inputs: NewDetainee[]): Promise<string[]> {
    const now = this.clock.now().toISOString();
    const many = inputs.length > 1;
    const siteIds = [...new Set(inputs.map((i) => i.siteId))];
    const sites = await trx.selectFrom('sites').select('id').where('id', 'in', siteIds).execute();
    const cellIds = [...new Set(inputs.map((i) => i.cellId).filter((c): c is string => !!c))];
    const cells = new Map<string, string>();
    for (let i = 0; i < cellIds.length; i += 500) {
      const found = await trx
        .selectFrom('cells')
        .select(['id', 'site_id'])
        .where('id', 'in', cellIds.slice(i, i + 500))
        .execute();
      for (const c of found) cells.set(c.id, c.site_id);
    }
    let next = await this.nextNumber(trx);
    const year = now.slice(0, 4);
    const detainees: Database['detainees'][] = [];
    const names: Database['detainee_names'][] = [];
    const nationalities: Database['detainee_nationalities'][] = [];
    const bases: Database['legal_bases'][] = [];
    const audits: AuditRecord[] = [];
    for (const [index, input] of inputs.entries()) {
      const prefix = many ? `rows[${index}].` : '';
      const problem = detaineeProblem(input, prefix);
      if (problem) throw new BadRequest(`${problem.field}: ${problem.message}`, problem.field);
      if (!sites.some((s) => s.id === input.siteId) || !inScope(actor, input.siteId))
        throw new BadRequest(`${prefix}siteId: unknown site`, `${prefix}siteId`);
      if (input.cellId && cells.get(input.cellId) !== input.siteId)
        throw new BadRequest(`${prefix}cellId: not a cell of the site`, `${prefix}cellId`);
      const id = randomUUID();
      const latin =
        input.names.find((n) => n.script === 'latin' && n.kind === 'legal') ??
        input.names.find((n) => n.script === 'latin') ??
        input.names[0];
      const row = {
        id,
        number: input.number ?? `CUS-${year}-${String(next++).padStart(6, '0')}`,
        display_name: latin.name.trim(),
        sex: input.sex,
        dob: input.dob ?? null,
        legal_status: input.legalStatus,
        age_category: input.ageCategory,
        status: input.status ?? 'in_custody',
        site_id: input.siteId,
        cell_id: input.cellId ?? null,
        arrested_at: input.arrestedAt ?? null,
        arrest_place: input.arrestPlace ?? null,
        admitted_at: input.admittedAt ?? null,
        created_at: now,
        updated_at: now,
      };
      detainees.push(row);
      input.names.forEach((n, position) =>
        names.push({
          id: randomUUID(),
          detainee_id: id,
          name: n.name.trim(),
          script: n.script,
          kind: n.kind,
          position,
        }),
      );
      for (const country of new Set(input.nationalities)) nationalities.push({ detainee_id: id, country });
      if (input.legalBasis)
        bases.push({
          id: randomUUID(),
          detainee_id: id,
          basis: input.legalBasis.basis,
          authority: input.legalBasis.authority,
          from_date: input.legalBasis.from,
          to_date: input.legalBasis.to ?? null,
          note: input.legalBasis.note ?? null,
          recorded_at: now,
        });
      audits.push({
        action: 'detainee.create',
        subjectType: 'detainee',
        subjectId: id,
        siteId: input.siteId,
        changes: { ...input, number: row.number },
      });
    }
    const numbers = detainees.map((d) => d.number);
    if (new Set(numbers).size !== numbers.length)
      throw new BadRequest('number: the same register number twice in one batch', 'number');
    for (let i = 0; i < numbers.length; i += 500) {
      const taken = await trx
        .selectFrom('detainees')
        .select('number')
        .where('number', 'in', numbers.slice(i, i + 500))
        .executeTakeFirst();
      if (taken) throw new Conflict(`number: ${taken.number} is already on the register`, 'number');
    }
    await insertChunked(trx, 'detainees', detainees, 15);
    await insertChunked(trx, 'detainee_names', names, 6);
    await insertChunked(trx, 'detainee_nationalities', nationalities, 2);
    await insertChunked(trx, 'legal_bases', bases, 8);
    await recordAudit(trx, this.clock, actor.audit, audits);
    return detainees.map((d) => d.id);
  }

  async update(
    actor: Actor,
    id: string,
    patch: {
      status?: DetaineeStatus;
      legalStatus?: 'untried' | 'convicted';
      ageCategory?: 'adult' | 'juvenile';
      arrestedAt?: string | null;
      arrestPlace?: string | null;
      admittedAt?: string | null;
    },
  ): Promise<DetaineeRecord> {
    const before = await this.read(id);
    if (!before || !inScope(actor, before.siteId)) throw new NotFound('detainee');
    refuseMerged(before);
    const set: Partial<Database['detainees']> = { updated_at: this.clock.now().toISOString() };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.legalStatus !== undefined) set.legal_status = patch.legalStatus;
    if (patch.ageCategory !== undefined) set.age_category = patch.ageCategory;
    if (patch.arrestedAt !== undefined) set.arrested_at = patch.arrestedAt;
    if (patch.arrestPlace !== undefined) set.arrest_place = patch.arrestPlace;
    if (patch.admittedAt !== undefined) set.admitted_at = patch.admittedAt;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('detainees').set(set).where('id', '=', id).execute();
      const changedBefore = Object.fromEntries(
        Object.keys(patch).map((k) => [k, (before as unknown as Record<string, unknown>)[k]]),
      );
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.update',
        subjectType: 'detainee',
        subjectId: id,
        siteId: before.siteId,
        changes: { before: changedBefore, after: patch },
      });
    });
    return (await this.read(id))!;
  }

  /**
   * Changes many detainees' status inside the caller's transaction (an escape, a death, a
   * recapture), one audit entry each with the reason. `cellId` is changed only when given.
   * Detainees outside the actor's sites are refused as not found.
   *
   * @example await register.setStatusMany(trx, actor, [{ id, status: 'escaped' }], 'INC-2026-000007');
   */
  async setStatusMany(
    trx: Transaction<Database>,
    actor: Actor,
    changes: { id: string; status: DetaineeStatus; cellId?: string | null }[],
    reason: string,
  ): Promise<void> {
    if (changes.length === 0) return;
    const rows = await trx
      .selectFrom('detainees')
      .select(['id', 'site_id', 'status', 'cell_id'])
      .where(
        'id',
        'in',
        changes.map((c) => c.id),
      )
      .execute();
    const now = this.clock.now().toISOString();
    const audits: AuditRecord[] = [];
    for (const change of changes) {
      const row = rows.find((r) => r.id === change.id);
      if (!row || !inScope(actor, row.site_id)) throw new NotFound('detainee');
      const set: Partial<Database['detainees']> = { status: change.status, updated_at: now };
      if (change.cellId !== undefined) set.cell_id = change.cellId;
      await trx.updateTable('detainees').set(set).where('id', '=', change.id).execute();
      audits.push({
        action: 'detainee.status',
        subjectType: 'detainee',
        subjectId: change.id,
        siteId: row.site_id,
        changes: {
          before: { status: row.status, cellId: row.cell_id },
          after: { status: change.status, cellId: change.cellId },
          reason,
        },
      });
    }
    await recordAudit(trx, this.clock, actor.audit, audits);
  }

  /**
   * People who come back into custody on a known record (intake's sure link with an earlier
   * custody), in the caller's transaction: each record is arriving again at the receiving site,
   * with no cell, a legal basis of its own for the new episode, and the spellings it arrives under
   * added as aliases so that the next search finds them too. `context` goes into each audit entry.
   */
  async readmitMany(
    trx: Transaction<Database>,
    actor: Actor,
    siteId: string,
    people: {
      id: string;
      names: NameInput[];
      legalBasis: LegalBasisInput;
      context: Record<string, unknown>;
    }[],
  ): Promise<void> {
    if (people.length === 0) return;
    const now = this.clock.now().toISOString();
    const before = new Map<string, { status: string; site_id: string }>();
    const have = new Map<string, Set<string>>();
    for (let i = 0; i < people.length; i += 500) {
      const ids = people.slice(i, i + 500).map((p) => p.id);
      for (const d of await trx
        .selectFrom('detainees')
        .select(['id', 'status', 'site_id'])
        .where('id', 'in', ids)
        .execute())
        before.set(d.id, d);
      for (const n of await trx
        .selectFrom('detainee_names')
        .select(['detainee_id', 'name'])
        .where('detainee_id', 'in', ids)
        .execute()) {
        const set = have.get(n.detainee_id) ?? new Set<string>();
        set.add(n.name.trim().toLowerCase());
        have.set(n.detainee_id, set);
      }
    }
    const names: Database['detainee_names'][] = [];
    const audits: AuditRecord[] = [];
    for (const p of people) {
      const was = before.get(p.id);
      if (!was) throw new NotFound('detainee');
      await trx
        .updateTable('detainees')
        .set({ status: 'arriving', site_id: siteId, cell_id: null, updated_at: now })
        .where('id', '=', p.id)
        .execute();
      // The new custody episode has its own basis, as a new record would (the old ones stay closed).
      const basis = {
        id: randomUUID(),
        detainee_id: p.id,
        basis: p.legalBasis.basis,
        authority: p.legalBasis.authority,
        from_date: p.legalBasis.from,
        to_date: null,
        note: p.legalBasis.note ?? null,
        recorded_at: now,
      };
      await trx.insertInto('legal_bases').values(basis).execute();
      const known = have.get(p.id) ?? new Set<string>();
      let position = known.size;
      const added: string[] = [];
      for (const n of p.names) {
        const key = n.name.trim().toLowerCase();
        if (known.has(key)) continue;
        known.add(key);
        added.push(n.name);
        names.push({
          id: randomUUID(),
          detainee_id: p.id,
          name: n.name.trim(),
          script: n.script,
          kind: n.kind === 'legal' ? 'alias' : n.kind,
          position: position++,
        });
      }
      audits.push({
        action: 'detainee.readmit',
        subjectType: 'detainee',
        subjectId: p.id,
        siteId,
        changes: {
          before: { status: was.status, siteId: was.site_id },
          after: { status: 'arriving', siteId },
          namesAdded: added,
          legalBasis: basis,
          ...p.context,
        },
      });
    }
    for (let i = 0; i < names.length; i += 2000)
      await trx
        .insertInto('detainee_names')
        .values(names.slice(i, i + 2000))
        .execute();
    await recordAudit(trx, this.clock, actor.audit, audits);
  }

  /**
   * The time of admission Rule 7 asks for, written in the caller's transaction with the admission
   * record it comes from (the caller audits the admission).
   */
  async setAdmittedAt(trx: Transaction<Database>, id: string, admittedAt: string): Promise<void> {
    await trx
      .updateTable('detainees')
      .set({ admitted_at: admittedAt, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** A completed transfer between sites, in the caller's transaction: held at the destination, without a cell until housed there. */
  async transferToSite(
    trx: Transaction<Database>,
    actor: Actor,
    id: string,
    toSiteId: string,
    context: Record<string, unknown>,
  ): Promise<void> {
    const row = await trx.selectFrom('detainees').select(['site_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('detainee');
    await trx
      .updateTable('detainees')
      .set({ site_id: toSiteId, cell_id: null, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, this.clock, actor.audit, {
      action: 'detainee.transfer',
      subjectType: 'detainee',
      subjectId: id,
      siteId: toSiteId,
      changes: { before: { siteId: row.site_id }, after: { siteId: toSiteId }, ...context },
    });
  }

  /** A new legal basis; the one in force until now ends where the new one starts. */
  async addLegalBasis(actor: Actor, id: string, input: LegalBasisInput): Promise<DetaineeRecord> {
    const before = await this.read(id);
    if (!before || !inScope(actor, before.siteId)) throw new NotFound('detainee');
    refuseMerged(before);
    if (input.to && input.to < input.from) throw new BadRequest('to: is before from', 'to');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('legal_bases')
        .set({ to_date: input.from })
        .where('detainee_id', '=', id)
        .where('to_date', 'is', null)
        .where('from_date', '<=', input.from)
        .execute();
      const row = {
        id: randomUUID(),
        detainee_id: id,
        basis: input.basis,
        authority: input.authority,
        from_date: input.from,
        to_date: input.to ?? null,
        note: input.note ?? null,
        recorded_at: this.clock.now().toISOString(),
      };
      await trx.insertInto('legal_bases').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.legal-basis',
        subjectType: 'detainee',
        subjectId: id,
        siteId: before.siteId,
        changes: row,
      });
    });
    return (await this.read(id))!;
  }

  /**
   * Every record on the register (not merged away), with the facts that compliance checks and
   * statistics group by: for the safeguards module (issue 10). Not audited as a view: no names
   * beyond the display name leave it.
   *
   * @example const facts = await register.populationFacts(); facts.filter((f) => f.status === 'in_custody')
   */
  async populationFacts(): Promise<
    {
      id: string;
      number: string;
      displayName: string;
      siteId: string;
      cellId: string | null;
      sex: string;
      legalStatus: string;
      ageCategory: string;
      status: string;
      admittedAt: string | null;
      updatedAt: string;
      nationalities: string[];
    }[]
  > {
    const rows = await this.db
      .selectFrom('detainees')
      .select([
        'id',
        'number',
        'display_name',
        'site_id',
        'cell_id',
        'sex',
        'legal_status',
        'age_category',
        'status',
        'admitted_at',
        'updated_at',
      ])
      .where('merged_into', 'is', null)
      .execute();
    const nationalities = new Map<string, string[]>();
    for (const n of await this.db
      .selectFrom('detainee_nationalities')
      .select(['detainee_id', 'country'])
      .orderBy('country')
      .execute())
      nationalities.set(n.detainee_id, [...(nationalities.get(n.detainee_id) ?? []), n.country]);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      displayName: r.display_name,
      siteId: r.site_id,
      cellId: r.cell_id,
      sex: r.sex,
      legalStatus: r.legal_status,
      ageCategory: r.age_category,
      status: r.status,
      admittedAt: r.admitted_at,
      updatedAt: r.updated_at,
      nationalities: nationalities.get(r.id) ?? [],
    }));
  }

  /** The record without auditing a view: for other modules' checks and for responses after a change. */
  async read(id: string): Promise<DetaineeRecord | null> {
    const r = await this.db
      .selectFrom('detainees')
      .innerJoin('sites', 'sites.id', 'detainees.site_id')
      .leftJoin('cells', 'cells.id', 'detainees.cell_id')
      .leftJoin('wings', 'wings.id', 'cells.wing_id')
      .leftJoin('detainees as survivor', 'survivor.id', 'detainees.merged_into')
      .selectAll('detainees')
      .select([
        'sites.code as site_code',
        'cells.code as cell_code',
        'wings.code as wing_code',
        'survivor.number as merged_into_number',
      ])
      .where('detainees.id', '=', id)
      .executeTakeFirst();
    if (!r) return null;
    const extras = await this.namesAndNationalities([id]);
    const names = extras.names.get(id) ?? [];
    const bases = await this.db
      .selectFrom('legal_bases')
      .selectAll()
      .where('detainee_id', '=', id)
      .orderBy('from_date')
      .execute();
    const absorbed = await this.db
      .selectFrom('detainees')
      .select(['id', 'number'])
      .where('merged_into', '=', id)
      .orderBy('number')
      .execute();
    return {
      id: r.id,
      number: r.number,
      displayName: r.display_name,
      nameAr: names.find((n) => n.script === 'arabic')?.name ?? null,
      names,
      sex: r.sex,
      dob: r.dob,
      nationalities: extras.nationalities.get(id) ?? [],
      legalStatus: r.legal_status,
      ageCategory: r.age_category,
      status: r.status,
      siteId: r.site_id,
      siteCode: r.site_code,
      cellId: r.cell_id,
      cellCode: r.cell_code,
      wingCode: r.wing_code,
      arrestedAt: r.arrested_at,
      arrestPlace: r.arrest_place,
      admittedAt: r.admitted_at,
      legalBases: bases.map((b) => ({
        id: b.id,
        basis: b.basis,
        authority: b.authority,
        from: b.from_date,
        to: b.to_date,
        note: b.note,
        recordedAt: b.recorded_at,
      })),
      mergedInto: r.merged_into ?? null,
      mergedIntoNumber: r.merged_into_number ?? null,
      mergedFrom: absorbed,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private async namesAndNationalities(ids: string[]) {
    const names = new Map<string, NameInput[]>();
    const nationalities = new Map<string, string[]>();
    if (ids.length === 0) return { names, nationalities };
    const nameRows = await this.db
      .selectFrom('detainee_names')
      .selectAll()
      .where('detainee_id', 'in', ids)
      .orderBy('position')
      .execute();
    for (const n of nameRows) {
      const list = names.get(n.detainee_id) ?? [];
      list.push({ name: n.name, script: n.script as Script, kind: n.kind as NameKind });
      names.set(n.detainee_id, list);
    }
    const natRows = await this.db
      .selectFrom('detainee_nationalities')
      .selectAll()
      .where('detainee_id', 'in', ids)
      .orderBy('country')
      .execute();
    for (const n of natRows)
      nationalities.set(n.detainee_id, [...(nationalities.get(n.detainee_id) ?? []), n.country]);
    return { names, nationalities };
  }

  private async nextNumber(trx: Transaction<Database>): Promise<number> {
    const year = this.clock.now().toISOString().slice(0, 4);
    const row = await trx
      .selectFrom('detainees')
      .select(sql<string | null>`max(number)`.as('max'))
      .where('number', 'like', `CUS-${year}-%`)
      .executeTakeFirst();
    return row?.max ? Number(row.max.slice(9)) + 1 : 1;
  }
}

/** A record merged into another is history: changes go to the surviving record. */
export function refuseMerged(record: { mergedInto: string | null; mergedIntoNumber: string | null }): void {
  if (record.mergedInto)
    throw new Conflict(
      `id: this record was merged into ${record.mergedIntoNumber ?? record.mergedInto}; change the surviving record`,
      'id',
    );
}

/** Inserts in slices that keep each statement under both stores' parameter limits. */
async function insertChunked<T extends keyof Database>(
  trx: Transaction<Database>,
  table: T,
  rows: Database[T][],
  columns: number,
): Promise<void> {
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .values(rows.slice(i, i + size) as any)
      .execute();
  }
}
