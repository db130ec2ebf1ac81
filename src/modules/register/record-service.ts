import { randomUUID } from 'node:crypto';
import type { Static } from '@fastify/type-provider-typebox';
import type { Transaction } from 'kysely';
import { detectScript } from '../../engines/identity';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Forbidden, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type { ClassificationView } from '../housing';
import { personalProblem, PropertyReturn, SECTIONS, type SectionDef } from './record-sections';
import {
  type DetaineeRecord,
  type NameKind,
  refuseMerged,
  type RegisterService,
  type Script,
} from './register-service';
import type { RegisterSearch } from './register-search';

export interface NameView {
  id: string;
  name: string;
  script: Script;
  kind: NameKind;
  position: number;
  given: string | null;
  father: string | null;
  grandfather: string | null;
  family: string | null;
}

export interface NameChange {
  name: string;
  script: Script;
  kind: NameKind;
  given?: string | null;
  father?: string | null;
  grandfather?: string | null;
  family?: string | null;
  reason?: string | null;
}

export interface ItemView {
  itemId: string;
  version: number;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
  [field: string]: unknown;
}

export interface FullRecord extends Omit<DetaineeRecord, 'names'> {
  names: NameView[];
  mergedInto: string | null;
  personal: {
    motherName: string | null;
    motherNameAr: string | null;
    placeOfBirth: string | null;
    placeOfBirthCountry: string | null;
    recordedAt: string;
    recordedBy: string;
  } | null;
  documents: ItemView[];
  biometricReferences: ItemView[];
  family: ItemView[];
  emergencyContacts: ItemView[];
  property: ItemView[];
  injuries?: ItemView[];
  complaints?: ItemView[];
  classification?: { current: ClassificationView | null; history: ClassificationView[] };
  /** Sections this caller may not see (need-to-know): the page says they exist without showing them. */
  withheld: string[];
}

export interface HistoryEntry {
  section: string;
  itemId: string;
  version: number;
  action: 'add' | 'change' | 'remove';
  data: unknown;
  reason: string | null;
  recordedAt: string;
  recordedBy: string;
  supersededAt: string | null;
}

/** Reads classification through the housing module (it owns the table): only what the record page needs. */
export interface ClassificationSource {
  classification(
    actor: Actor,
    detaineeId: string,
  ): Promise<{ current: ClassificationView | null; history: ClassificationView[] }>;
}

type ItemRow = Database['detainee_record_items'];

/**
 * The full record of Mandela Rules 7-8 around the register's core: names with their parts,
 * mother's name and place of birth, documents, biometric references, family and emergency
 * contacts, property, injuries at admission and complaints of earlier ill-treatment, and the
 * classification (read through the housing module). Every change is a new version or a history
 * row with who and when; nothing is overwritten. Need-to-know sections are left out of the
 * record for callers without the permission, and refused to them when written.
 */
export class RecordService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly search: RegisterSearch,
    private readonly classifications: ClassificationSource,
  ) {}

  /**
   * The whole record as this caller may see it; the view is audited.
   *
   * @example const record = await records.full(actor, id); record.withheld // => ['injuries', 'complaints', 'classification'] for an officer
   */
  async full(actor: Actor, id: string): Promise<FullRecord> {
    const base = await this.scoped(actor, id);
    const names = await this.names(id);
    const items = await this.db
      .selectFrom('detainee_record_items')
      .selectAll()
      .where('detainee_id', '=', id)
      .where('superseded_at', 'is', null)
      .where('removed', '=', 0)
      .orderBy('recorded_at')
      .orderBy('item_id')
      .execute();
    const withheld: string[] = [];
    const record: FullRecord = {
      ...base,
      names,
      personal: null,
      documents: [],
      biometricReferences: [],
      family: [],
      emergencyContacts: [],
      property: [],
      withheld,
    };
    const personal = items.find((i) => i.section === 'personal');
    if (personal)
      record.personal = {
        ...emptyPersonal(),
        ...JSON.parse(personal.data),
        recordedAt: personal.recorded_at,
        recordedBy: personal.recorded_by,
      };
    for (const def of SECTIONS) {
      if (def.read && !actor.may(def.read)) {
        withheld.push(def.field);
        continue;
      }
      (record as unknown as Record<string, ItemView[]>)[def.field] = items
        .filter((i) => i.section === def.section)
        .map(itemView);
    }
    if (actor.may('intelligence.read'))
      record.classification = await this.classifications.classification(actor, id);
    else withheld.push('classification');
    await this.db.transaction().execute((trx) =>
      recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.view',
        subjectType: 'detainee',
        subjectId: id,
        siteId: base.siteId,
        changes: { view: 'record', withheld },
      }),
    );
    return record;
  }

  /** Every version of every section and every name change, newest first; need-to-know sections only for those who may. */
  async history(
    actor: Actor,
    id: string,
  ): Promise<{
    names: {
      nameId: string;
      action: string;
      before: unknown;
      after: unknown;
      reason: string | null;
      recordedAt: string;
      recordedBy: string;
    }[];
    items: HistoryEntry[];
    withheld: string[];
  }> {
    const base = await this.scoped(actor, id);
    const hidden = SECTIONS.filter((s) => s.read && !actor.may(s.read));
    let q = this.db.selectFrom('detainee_record_items').selectAll().where('detainee_id', '=', id);
    if (hidden.length)
      q = q.where(
        'section',
        'not in',
        hidden.map((s) => s.section),
      );
    const rows = await q.orderBy('recorded_at', 'desc').orderBy('version', 'desc').execute();
    const names = await this.db
      .selectFrom('detainee_name_history')
      .selectAll()
      .where('detainee_id', '=', id)
      .orderBy('recorded_at', 'desc')
      .execute();
    await this.db.transaction().execute((trx) =>
      recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.view',
        subjectType: 'detainee',
        subjectId: id,
        siteId: base.siteId,
        changes: { view: 'history' },
      }),
    );
    return {
      names: names.map((n) => ({
        nameId: n.name_id,
        action: n.action,
        before: n.before ? JSON.parse(n.before) : null,
        after: n.after ? JSON.parse(n.after) : null,
        reason: n.reason,
        recordedAt: n.recorded_at,
        recordedBy: n.recorded_by,
      })),
      items: rows.map((r) => ({
        section: r.section,
        itemId: r.item_id,
        version: r.version,
        action: r.removed ? 'remove' : r.version === 1 ? 'add' : 'change',
        data: JSON.parse(r.data),
        reason: r.reason,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
        supersededAt: r.superseded_at,
      })),
      withheld: hidden.map((s) => s.field),
    };
  }

  /** Mother's name and place of birth: one item, a new version at each change. */
  async setPersonal(
    actor: Actor,
    id: string,
    input: Record<string, unknown> & { reason?: string | null },
  ): Promise<FullRecord> {
    const { reason, ...data } = input;
    const problem = personalProblem(data);
    if (problem) throw new BadRequest(`${problem.field}: ${problem.message}`, problem.field);
    const base = await this.writable(actor, id);
    const current = await this.db
      .selectFrom('detainee_record_items')
      .select('item_id')
      .where('detainee_id', '=', id)
      .where('section', '=', 'personal')
      .executeTakeFirst();
    await this.db
      .transaction()
      .execute((trx) =>
        this.writeVersion(
          trx,
          actor,
          base.siteId,
          id,
          'personal',
          current?.item_id ?? null,
          { ...emptyPersonal(), ...data },
          0,
          reason ?? null,
        ),
      );
    // The mother's name is evidence for the identity engine.
    this.search.invalidate([id]);
    return this.full(actor, id);
  }

  /** A new item in a section. */
  async addItem(
    actor: Actor,
    id: string,
    def: SectionDef,
    input: Record<string, unknown> & { reason?: string | null },
  ): Promise<ItemView> {
    this.mayWrite(actor, def);
    const { reason, ...data } = input;
    this.checkData(def, data);
    const base = await this.writable(actor, id);
    const row = await this.db
      .transaction()
      .execute((trx) =>
        this.writeVersion(trx, actor, base.siteId, id, def.section, null, data, 0, reason ?? null),
      );
    return itemView(row);
  }

  /** A new version of an item (a correction, a renewed document, a child now cared for by someone else). */
  async changeItem(
    actor: Actor,
    id: string,
    def: SectionDef,
    itemId: string,
    input: Record<string, unknown> & { reason?: string | null },
  ): Promise<ItemView> {
    this.mayWrite(actor, def);
    const { reason, ...data } = input;
    this.checkData(def, data);
    const base = await this.writable(actor, id);
    await this.currentItem(id, def, itemId);
    const row = await this.db
      .transaction()
      .execute((trx) =>
        this.writeVersion(trx, actor, base.siteId, id, def.section, itemId, data, 0, reason ?? null),
      );
    return itemView(row);
  }

  /** Removes an item: a last version marked removed, with the reason; the earlier versions stay. */
  async removeItem(actor: Actor, id: string, def: SectionDef, itemId: string, reason: string): Promise<void> {
    this.mayWrite(actor, def);
    if (!def.removable)
      throw new BadRequest(`${def.path}: items are corrected with a new version, never removed`, 'itemId');
    const base = await this.writable(actor, id);
    const current = await this.currentItem(id, def, itemId);
    await this.db
      .transaction()
      .execute((trx) =>
        this.writeVersion(
          trx,
          actor,
          base.siteId,
          id,
          def.section,
          itemId,
          JSON.parse(current.data),
          1,
          reason,
        ),
      );
  }

  /** Property handed back on release, with the detainee's signature: a new version of the bag's item. */
  async returnProperty(
    actor: Actor,
    id: string,
    itemId: string,
    input: Static<typeof PropertyReturn>,
  ): Promise<ItemView> {
    const def = SECTIONS.find((s) => s.section === 'property')!;
    const base = await this.writable(actor, id);
    const current = await this.currentItem(id, def, itemId);
    const data = JSON.parse(current.data) as Record<string, unknown>;
    if (data.returnedAt) throw new BadRequest('itemId: this property was already returned', 'itemId');
    if (input.returnedAt < String(data.receivedAt))
      throw new BadRequest('returnedAt: is before the property was received', 'returnedAt');
    const next = {
      ...data,
      returnedAt: input.returnedAt,
      returnedSignature: input.returnedSignature,
      returnOfficerSignature: input.officerSignature,
      withheld: input.withheld ?? null,
    };
    const row = await this.db
      .transaction()
      .execute((trx) =>
        this.writeVersion(trx, actor, base.siteId, id, 'property', itemId, next, 0, 'returned'),
      );
    return itemView(row);
  }

  // ---- names ----

  async names(id: string): Promise<NameView[]> {
    const rows = await this.db
      .selectFrom('detainee_names')
      .selectAll()
      .where('detainee_id', '=', id)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map((n) => ({
      id: n.id,
      name: n.name,
      script: n.script as Script,
      kind: n.kind as NameKind,
      position: n.position,
      given: n.given ?? null,
      father: n.father ?? null,
      grandfather: n.grandfather ?? null,
      family: n.family ?? null,
    }));
  }

  /** Adds a name (an alias, a kunya, another transliteration) with its parts. */
  async addName(actor: Actor, id: string, input: NameChange): Promise<NameView[]> {
    checkName(input);
    const base = await this.writable(actor, id);
    const existing = await this.names(id);
    const row = {
      id: randomUUID(),
      detainee_id: id,
      name: input.name.trim(),
      script: input.script,
      kind: input.kind,
      position: existing.reduce((m, n) => Math.max(m, n.position + 1), 0),
      ...parts(input),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('detainee_names').values(row).execute();
      await this.nameChanged(trx, actor, base.siteId, id, row.id, 'add', null, row, input.reason ?? null);
    });
    this.search.invalidate([id]);
    return this.names(id);
  }

  /** Corrects a name or its parts; the previous form is kept in the history. */
  async changeName(actor: Actor, id: string, nameId: string, input: NameChange): Promise<NameView[]> {
    checkName(input);
    const base = await this.writable(actor, id);
    const before = (await this.names(id)).find((n) => n.id === nameId);
    if (!before) throw new NotFound('name');
    const after = {
      ...before,
      name: input.name.trim(),
      script: input.script,
      kind: input.kind,
      ...parts(input),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('detainee_names')
        .set({
          name: after.name,
          script: after.script,
          kind: after.kind,
          given: after.given,
          father: after.father,
          grandfather: after.grandfather,
          family: after.family,
        })
        .where('id', '=', nameId)
        .execute();
      await this.nameChanged(
        trx,
        actor,
        base.siteId,
        id,
        nameId,
        'edit',
        before,
        after,
        input.reason ?? null,
      );
    });
    this.search.invalidate([id]);
    return this.names(id);
  }

  /** Removes a name given in error; the history keeps it. The last name cannot go. */
  async removeName(actor: Actor, id: string, nameId: string, reason: string): Promise<NameView[]> {
    const base = await this.writable(actor, id);
    const names = await this.names(id);
    const before = names.find((n) => n.id === nameId);
    if (!before) throw new NotFound('name');
    if (names.length === 1) throw new BadRequest('nameId: a record keeps at least one name', 'nameId');
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('detainee_names').where('id', '=', nameId).execute();
      await this.nameChanged(trx, actor, base.siteId, id, nameId, 'remove', before, null, reason);
    });
    this.search.invalidate([id]);
    return this.names(id);
  }

  // ---- internals ----

  private async scoped(actor: Actor, id: string): Promise<DetaineeRecord> {
    const base = await this.register.read(id);
    if (!base || !inScope(actor, base.siteId)) throw new NotFound('detainee');
    return base;
  }

  private async writable(actor: Actor, id: string): Promise<DetaineeRecord> {
    const base = await this.scoped(actor, id);
    refuseMerged(base);
    return base;
  }

  private mayWrite(actor: Actor, def: SectionDef): void {
    if (!actor.may(def.write)) throw new Forbidden(`${def.path}: need-to-know (${def.write})`);
  }

  private checkData(def: SectionDef, data: Record<string, unknown>): void {
    const problem = def.check?.(data);
    if (problem) throw new BadRequest(`${problem.field}: ${problem.message}`, problem.field);
  }

  private async currentItem(id: string, def: SectionDef, itemId: string) {
    const row = await this.db
      .selectFrom('detainee_record_items')
      .selectAll()
      .where('detainee_id', '=', id)
      .where('item_id', '=', itemId)
      .where('section', '=', def.section)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.removed) throw new NotFound(def.path.replace(/s$/, ''));
    return row;
  }

  private async writeVersion(
    trx: Transaction<Database>,
    actor: Actor,
    siteId: string,
    detaineeId: string,
    section: string,
    itemId: string | null,
    data: Record<string, unknown>,
    removed: 0 | 1,
    reason: string | null,
  ): Promise<ItemRow> {
    const now = this.clock.now().toISOString();
    let version = 1;
    if (itemId) {
      const prev = await trx
        .selectFrom('detainee_record_items')
        .select(['version'])
        .where('item_id', '=', itemId)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      version = (prev?.version ?? 0) + 1;
      await trx
        .updateTable('detainee_record_items')
        .set({ superseded_at: now })
        .where('item_id', '=', itemId)
        .where('superseded_at', 'is', null)
        .execute();
    }
    const row: ItemRow = {
      id: randomUUID(),
      item_id: itemId ?? randomUUID(),
      version,
      detainee_id: detaineeId,
      section,
      data: JSON.stringify(data),
      removed,
      reason,
      recorded_at: now,
      recorded_by: actor.audit.actor.name,
      recorded_by_id: actor.audit.actor.id,
      superseded_at: null,
    };
    await trx.insertInto('detainee_record_items').values(row).execute();
    await trx.updateTable('detainees').set({ updated_at: now }).where('id', '=', detaineeId).execute();
    await recordAudit(trx, this.clock, actor.audit, {
      action: removed
        ? `detainee.${section}.remove`
        : version === 1
          ? `detainee.${section}.add`
          : `detainee.${section}.change`,
      subjectType: 'detainee',
      subjectId: detaineeId,
      siteId,
      // Medical observations stay out of the audit text: the audit view is read more widely than the record.
      changes:
        section === 'injury' || section === 'complaint'
          ? { itemId: row.item_id, version }
          : { itemId: row.item_id, version, data, reason },
    });
    return row;
  }

  private async nameChanged(
    trx: Transaction<Database>,
    actor: Actor,
    siteId: string,
    detaineeId: string,
    nameId: string,
    action: 'add' | 'edit' | 'remove',
    before: unknown,
    after: unknown,
    reason: string | null,
  ) {
    const now = this.clock.now().toISOString();
    await trx
      .insertInto('detainee_name_history')
      .values({
        id: randomUUID(),
        detainee_id: detaineeId,
        name_id: nameId,
        action,
        before: before ? JSON.stringify(before) : null,
        after: after ? JSON.stringify(after) : null,
        reason,
        recorded_at: now,
        recorded_by: actor.audit.actor.name,
        recorded_by_id: actor.audit.actor.id,
      })
      .execute();
    const names = await trx
      .selectFrom('detainee_names')
      .select(['name', 'script', 'kind'])
      .where('detainee_id', '=', detaineeId)
      .orderBy('position')
      .execute();
    const display =
      names.find((n) => n.script === 'latin' && n.kind === 'legal') ??
      names.find((n) => n.script === 'latin') ??
      names[0];
    await trx
      .updateTable('detainees')
      .set({ updated_at: now, ...(display ? { display_name: display.name } : {}) })
      .where('id', '=', detaineeId)
      .execute();
    await recordAudit(trx, this.clock, actor.audit, {
      action: `detainee.name.${action}`,
      subjectType: 'detainee',
      subjectId: detaineeId,
      siteId,
      changes: { nameId, before, after, reason },
    });
  }
}

function emptyPersonal() {
  return { motherName: null, motherNameAr: null, placeOfBirth: null, placeOfBirthCountry: null };
}

function itemView(r: ItemRow): ItemView {
  return {
    ...(JSON.parse(r.data) as Record<string, unknown>),
    itemId: r.item_id,
    version: r.version,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    reason: r.reason,
  };
}

function parts(input: NameChange) {
  const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  return {
    given: clean(input.given),
    father: clean(input.father),
    grandfather: clean(input.grandfather),
    family: clean(input.family),
  };
}

/**
 * A name must be written in the script it claims, in one script: a mix (Latin and Arabic letters
 * in one name) or letters the engine cannot read are refused naming the field.
 */
export function checkName(input: NameChange): void {
  const script = detectScript(input.name);
  if (script === 'none') throw new BadRequest('name: has no letters', 'name');
  if (script === 'mixed')
    throw new BadRequest('name: mixes scripts in one name; give each script as its own name', 'name');
  if (script === 'unknown' || script === 'cyrillic')
    throw new BadRequest(
      'name: is in a script the register does not hold (Arabic or Latin); give its transliteration',
      'name',
    );
  if (script !== input.script)
    throw new BadRequest(`script: the name is written in ${script} script, not ${input.script}`, 'script');
  for (const part of ['given', 'father', 'grandfather', 'family'] as const) {
    const v = input[part];
    if (v && v.trim() && detectScript(v) !== script)
      throw new BadRequest(`${part}: is not written in the name's script (${script})`, part);
  }
}
