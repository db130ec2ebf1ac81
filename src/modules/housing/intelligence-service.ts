import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import { findNetworks } from '../../engines/housing';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import type {
  AssociationLinksTable,
  DetaineeClassificationsTable,
  NonAssociationDirectivesTable,
} from './tables';

export const LINK_KINDS = [
  'co-accused',
  'same-unit',
  'family',
  'seized-device',
  'common-number',
  'observed',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const DIRECTIVE_SCOPES = ['cell', 'wing', 'block', 'site'] as const;
export type DirectiveScope = (typeof DIRECTIVE_SCOPES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const DETAINEE_ROLES = ['leader', 'ideologue', 'planner', 'member', 'unknown'] as const;
export type DetaineeRole = (typeof DETAINEE_ROLES)[number];

export interface PartyView {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  cellId: string | null;
}

interface Versioned {
  version: number;
  recordedAt: string;
  recordedBy: string;
  supersededAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
}

export interface LinkView extends Versioned {
  id: string;
  a: PartyView;
  b: PartyView;
  kind: LinkKind;
  weight: number;
  source: string;
  note: string | null;
  active: boolean;
}

export interface DirectiveView extends Versioned {
  id: string;
  a: PartyView;
  b: PartyView;
  scope: DirectiveScope;
  reason: string;
  authorisedBy: string;
  reviewDate: string | null;
  active: boolean;
}

export interface ClassificationView {
  detaineeId: string;
  risk: RiskLevel;
  role: DetaineeRole;
  reason: string;
  recordedAt: string;
  recordedBy: string;
  supersededAt: string | null;
}

export interface NewLink {
  a: string;
  b: string;
  kind: LinkKind;
  weight: number;
  source: string;
  note?: string | null;
}

export interface NewDirective {
  a: string;
  b: string;
  scope: DirectiveScope;
  reason: string;
  authorisedBy: string;
  reviewDate?: string | null;
}

/** An active link or directive as the placement rules need it: both ends and the numbers. */
export interface ActiveLink {
  id: string;
  a: string;
  b: string;
  kind: string;
  weight: number;
}
export interface ActiveDirective {
  id: string;
  a: string;
  b: string;
  scope: DirectiveScope;
  reason: string;
}

type LinkRow = Selectable<AssociationLinksTable>;
type DirectiveRow = Selectable<NonAssociationDirectivesTable>;

/**
 * Intelligence for housing: association links, non-association directives, risk classification
 * and role. Nothing is overwritten: an edit is a new version (the old one is marked superseded),
 * closing records who, when and why, and the row stays.
 */
export class IntelligenceService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  // ---- links ----

  async listLinks(
    actor: Actor,
    filter: { detaineeId?: string; siteId?: string; includeClosed?: boolean },
  ): Promise<LinkView[]> {
    let q = this.db.selectFrom('association_links').selectAll().where('superseded_at', 'is', null);
    if (!filter.includeClosed) q = q.where('closed_at', 'is', null);
    if (filter.detaineeId)
      q = q.where((eb) =>
        eb.or([eb('detainee_a', '=', filter.detaineeId!), eb('detainee_b', '=', filter.detaineeId!)]),
      );
    const rows = await q.orderBy('recorded_at', 'desc').limit(5000).execute();
    return this.linkViews(actor, rows, filter.siteId);
  }

  /** The link's current version and every earlier one, newest first. */
  async getLink(actor: Actor, id: string): Promise<{ current: LinkView; versions: LinkView[] }> {
    const rows = await this.db
      .selectFrom('association_links')
      .selectAll()
      .where('link_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    const views = await this.linkViews(actor, rows);
    if (views.length === 0 || views.length !== rows.length) throw new NotFound('link');
    return { current: views[0], versions: views };
  }

  async createLink(actor: Actor, input: NewLink): Promise<LinkView> {
    await this.parties(actor, input.a, input.b);
    checkWeight(input.weight);
    const linkId = randomUUID();
    const row = this.linkRow(actor, linkId, 1, input);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('association_links').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'link.create',
        subjectType: 'association-link',
        subjectId: linkId,
        changes: row,
      });
    });
    return (await this.getLink(actor, linkId)).current;
  }

  /** An edit is a new version; the old one stays, marked superseded. A closed link is not edited. */
  async updateLink(
    actor: Actor,
    id: string,
    patch: Partial<Pick<NewLink, 'kind' | 'weight' | 'source' | 'note'>>,
  ): Promise<LinkView> {
    const { current } = await this.getLink(actor, id);
    if (!current.active) throw new Conflict('the link is closed: record a new one');
    if (patch.weight !== undefined) checkWeight(patch.weight);
    const next: NewLink = {
      a: current.a.id,
      b: current.b.id,
      kind: patch.kind ?? current.kind,
      weight: patch.weight ?? current.weight,
      source: patch.source ?? current.source,
      note: patch.note === undefined ? current.note : patch.note,
    };
    const row = this.linkRow(actor, id, current.version + 1, next);
    await this.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('association_links')
        .set({ superseded_at: row.recorded_at })
        .where('link_id', '=', id)
        .where('version', '=', current.version)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new Conflict('the link changed meanwhile: reload it');
      await trx.insertInto('association_links').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'link.update',
        subjectType: 'association-link',
        subjectId: id,
        changes: { before: current.version, after: row },
      });
    });
    return (await this.getLink(actor, id)).current;
  }

  async closeLink(actor: Actor, id: string, reason: string): Promise<LinkView> {
    const { current } = await this.getLink(actor, id);
    if (!current.active) throw new Conflict('the link is already closed');
    if (!reason.trim()) throw new BadRequest('reason: say why the link is closed', 'reason');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('association_links')
        .set({ closed_at: now, closed_by: actor.audit.actor.name, close_reason: reason.trim() })
        .where('link_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'link.close',
        subjectType: 'association-link',
        subjectId: id,
        changes: { reason: reason.trim() },
      });
    });
    return (await this.getLink(actor, id)).current;
  }

  // ---- directives ----

  async listDirectives(
    actor: Actor,
    filter: { detaineeId?: string; siteId?: string; includeClosed?: boolean; reviewDueBy?: string },
  ): Promise<DirectiveView[]> {
    let q = this.db.selectFrom('non_association_directives').selectAll().where('superseded_at', 'is', null);
    if (!filter.includeClosed) q = q.where('closed_at', 'is', null);
    if (filter.detaineeId)
      q = q.where((eb) =>
        eb.or([eb('detainee_a', '=', filter.detaineeId!), eb('detainee_b', '=', filter.detaineeId!)]),
      );
    if (filter.reviewDueBy) q = q.where('review_date', '<=', filter.reviewDueBy);
    const rows = await q.orderBy('recorded_at', 'desc').limit(5000).execute();
    return this.directiveViews(actor, rows, filter.siteId);
  }

  async getDirective(
    actor: Actor,
    id: string,
  ): Promise<{ current: DirectiveView; versions: DirectiveView[] }> {
    const rows = await this.db
      .selectFrom('non_association_directives')
      .selectAll()
      .where('directive_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    const views = await this.directiveViews(actor, rows);
    if (views.length === 0 || views.length !== rows.length) throw new NotFound('directive');
    return { current: views[0], versions: views };
  }

  async createDirective(actor: Actor, input: NewDirective): Promise<DirectiveView> {
    await this.parties(actor, input.a, input.b);
    checkText(input.reason, 'reason');
    checkText(input.authorisedBy, 'authorisedBy');
    const id = randomUUID();
    const row = this.directiveRow(actor, id, 1, input);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('non_association_directives').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'directive.create',
        subjectType: 'non-association',
        subjectId: id,
        changes: row,
      });
    });
    return (await this.getDirective(actor, id)).current;
  }

  async updateDirective(
    actor: Actor,
    id: string,
    patch: Partial<Pick<NewDirective, 'scope' | 'reason' | 'authorisedBy' | 'reviewDate'>>,
  ): Promise<DirectiveView> {
    const { current } = await this.getDirective(actor, id);
    if (!current.active) throw new Conflict('the directive is closed: issue a new one');
    if (patch.reason !== undefined) checkText(patch.reason, 'reason');
    if (patch.authorisedBy !== undefined) checkText(patch.authorisedBy, 'authorisedBy');
    const next: NewDirective = {
      a: current.a.id,
      b: current.b.id,
      scope: patch.scope ?? current.scope,
      reason: patch.reason ?? current.reason,
      authorisedBy: patch.authorisedBy ?? current.authorisedBy,
      reviewDate: patch.reviewDate === undefined ? current.reviewDate : patch.reviewDate,
    };
    const row = this.directiveRow(actor, id, current.version + 1, next);
    await this.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('non_association_directives')
        .set({ superseded_at: row.recorded_at })
        .where('directive_id', '=', id)
        .where('version', '=', current.version)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new Conflict('the directive changed meanwhile: reload it');
      await trx.insertInto('non_association_directives').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'directive.update',
        subjectType: 'non-association',
        subjectId: id,
        changes: { before: current.version, after: row },
      });
    });
    return (await this.getDirective(actor, id)).current;
  }

  async closeDirective(actor: Actor, id: string, reason: string): Promise<DirectiveView> {
    const { current } = await this.getDirective(actor, id);
    if (!current.active) throw new Conflict('the directive is already closed');
    if (!reason.trim()) throw new BadRequest('reason: say why the directive is closed', 'reason');
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('non_association_directives')
        .set({ closed_at: now, closed_by: actor.audit.actor.name, close_reason: reason.trim() })
        .where('directive_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'directive.close',
        subjectType: 'non-association',
        subjectId: id,
        changes: { reason: reason.trim() },
      });
    });
    return (await this.getDirective(actor, id)).current;
  }

  // ---- classification ----

  /** The current classification (null if never classified) and its history, newest first. */
  async classification(
    actor: Actor,
    detaineeId: string,
  ): Promise<{ current: ClassificationView | null; history: ClassificationView[] }> {
    await this.party(actor, detaineeId, 'detainee');
    const rows = await this.db
      .selectFrom('detainee_classifications')
      .selectAll()
      .where('detainee_id', '=', detaineeId)
      .orderBy('recorded_at', 'desc')
      .execute();
    const history = rows.map(classificationView);
    return { current: history.find((h) => h.supersededAt === null) ?? null, history };
  }

  async classify(
    actor: Actor,
    detaineeId: string,
    input: { risk: RiskLevel; role: DetaineeRole; reason: string },
  ) {
    const party = await this.party(actor, detaineeId, 'detainee');
    checkText(input.reason, 'reason');
    const now = this.clock.now().toISOString();
    const row = {
      id: randomUUID(),
      detainee_id: detaineeId,
      risk: input.risk,
      role: input.role,
      reason: input.reason.trim(),
      recorded_at: now,
      recorded_by: actor.audit.actor.name,
      recorded_by_id: actor.audit.actor.id,
      superseded_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('detainee_classifications')
        .set({ superseded_at: now })
        .where('detainee_id', '=', detaineeId)
        .where('superseded_at', 'is', null)
        .execute();
      await trx.insertInto('detainee_classifications').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'detainee.classify',
        subjectType: 'detainee',
        subjectId: detaineeId,
        siteId: party.siteId,
        changes: row,
      });
    });
    return this.classification(actor, detaineeId);
  }

  /** Current roles of many detainees (unknown when never classified): for instances and move checks. */
  async rolesOf(ids: string[], trx?: Transaction<Database>): Promise<Map<string, DetaineeRole>> {
    const roles = new Map<string, DetaineeRole>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await (trx ?? this.db)
        .selectFrom('detainee_classifications')
        .select(['detainee_id', 'role'])
        .where('detainee_id', 'in', ids.slice(i, i + 500))
        .where('superseded_at', 'is', null)
        .execute();
      for (const r of rows) roles.set(r.detainee_id, r.role as DetaineeRole);
    }
    return roles;
  }

  // ---- networks ----

  /**
   * Latent networks (Louvain communities) in the active links among detainees held or arriving
   * at the caller's sites (or one site), for analysts to review.
   */
  async networks(actor: Actor, options: { siteId?: string; resolution?: number; minSize?: number }) {
    if (options.siteId && !inScope(actor, options.siteId)) throw new NotFound('site');
    let dq = this.db
      .selectFrom('detainees')
      .select(['id', 'number', 'display_name', 'site_id', 'cell_id'])
      .where('status', 'in', ['arriving', 'in_custody']);
    if (options.siteId) dq = dq.where('site_id', '=', options.siteId);
    else if (actor.sites !== null) dq = dq.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    const people = new Map((await dq.execute()).map((d) => [d.id, d]));
    const links = (await this.activeLinks()).filter((l) => people.has(l.a) && people.has(l.b));
    const result = findNetworks(
      links.map((l) => ({ a: l.a, b: l.b, weight: l.weight })),
      { resolution: options.resolution, minSize: options.minSize ?? 2, seed: 1 },
    );
    const cells = await this.cellCodes(
      [...people.values()].map((p) => p.cell_id).filter((c): c is string => !!c),
    );
    return {
      modularity: result.modularity,
      links: links.length,
      networks: result.networks.map((n) => ({
        id: n.id,
        size: n.size,
        members: n.members.map((m) => {
          const p = people.get(m)!;
          const cell = p.cell_id ? cells.get(p.cell_id) : undefined;
          return {
            id: p.id,
            number: p.number,
            displayName: p.display_name,
            siteId: p.site_id,
            cellId: p.cell_id,
            cellCode: cell?.code ?? null,
            wingId: cell?.wing_id ?? null,
          };
        }),
        // Members who share a wing today: what a re-plan should break up.
        sharingWings: countSharing(
          n.members
            .map((m) => people.get(m)!.cell_id)
            .map((c) => (c ? (cells.get(c)?.wing_id ?? null) : null)),
        ),
      })),
    };
  }

  /** Every active link (current version, not closed). */
  async activeLinks(trx?: Transaction<Database>): Promise<ActiveLink[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('association_links')
      .select(['link_id', 'detainee_a', 'detainee_b', 'kind', 'weight'])
      .where('superseded_at', 'is', null)
      .where('closed_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      id: r.link_id,
      a: r.detainee_a,
      b: r.detainee_b,
      kind: r.kind,
      weight: Number(r.weight),
    }));
  }

  /** Every active directive (current version, not closed). */
  async activeDirectives(trx?: Transaction<Database>): Promise<ActiveDirective[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('non_association_directives')
      .select(['directive_id', 'detainee_a', 'detainee_b', 'scope', 'reason'])
      .where('superseded_at', 'is', null)
      .where('closed_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      id: r.directive_id,
      a: r.detainee_a,
      b: r.detainee_b,
      scope: r.scope as DirectiveScope,
      reason: r.reason,
    }));
  }

  // ---- helpers ----

  private async cellCodes(ids: string[]) {
    const map = new Map<string, { code: string; wing_id: string }>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('cells')
        .select(['id', 'code', 'wing_id'])
        .where('id', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows) map.set(r.id, r);
    }
    return map;
  }

  private linkRow(actor: Actor, linkId: string, version: number, input: NewLink) {
    checkText(input.source, 'source');
    return {
      id: randomUUID(),
      link_id: linkId,
      version,
      detainee_a: input.a,
      detainee_b: input.b,
      kind: input.kind,
      weight: input.weight,
      source: input.source.trim(),
      note: input.note?.trim() || null,
      recorded_at: this.clock.now().toISOString(),
      recorded_by: actor.audit.actor.name,
      recorded_by_id: actor.audit.actor.id,
      superseded_at: null,
      closed_at: null,
      closed_by: null,
      close_reason: null,
    };
  }

  private directiveRow(actor: Actor, directiveId: string, version: number, input: NewDirective) {
    return {
      id: randomUUID(),
      directive_id: directiveId,
      version,
      detainee_a: input.a,
      detainee_b: input.b,
      scope: input.scope,
      reason: input.reason.trim(),
      authorised_by: input.authorisedBy.trim(),
      review_date: input.reviewDate ?? null,
      recorded_at: this.clock.now().toISOString(),
      recorded_by: actor.audit.actor.name,
      recorded_by_id: actor.audit.actor.id,
      superseded_at: null,
      closed_at: null,
      closed_by: null,
      close_reason: null,
    };
  }

  private async parties(actor: Actor, a: string, b: string) {
    if (a === b) throw new BadRequest('b: a detainee cannot be linked to themselves', 'b');
    await this.party(actor, a, 'a');
    await this.party(actor, b, 'b');
  }

  /** A detainee outside the caller's sites does not exist for them. */
  private async party(actor: Actor, id: string, field: string) {
    const d = await this.db
      .selectFrom('detainees')
      .select(['id', 'site_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!d || !inScope(actor, d.site_id)) {
      if (field === 'detainee') throw new NotFound('detainee');
      throw new BadRequest(`${field}: unknown detainee`, field);
    }
    return { siteId: d.site_id };
  }

  private async partyViews(ids: string[]): Promise<Map<string, PartyView>> {
    const map = new Map<string, PartyView>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db
        .selectFrom('detainees')
        .select(['id', 'number', 'display_name', 'site_id', 'cell_id'])
        .where('id', 'in', unique.slice(i, i + 500))
        .execute();
      for (const r of rows)
        map.set(r.id, {
          id: r.id,
          number: r.number,
          displayName: r.display_name,
          siteId: r.site_id,
          cellId: r.cell_id,
        });
    }
    return map;
  }

  /** Only links whose two ends are both in the caller's sites (and the filter's site, if any). */
  private async linkViews(actor: Actor, rows: LinkRow[], siteId?: string): Promise<LinkView[]> {
    const parties = await this.partyViews(rows.flatMap((r) => [r.detainee_a, r.detainee_b]));
    return rows
      .map((r) => ({ r, a: parties.get(r.detainee_a), b: parties.get(r.detainee_b) }))
      .filter((x): x is { r: LinkRow; a: PartyView; b: PartyView } => visible(actor, x.a, x.b, siteId))
      .map(({ r, a, b }) => ({
        id: r.link_id,
        version: r.version,
        a,
        b,
        kind: r.kind as LinkKind,
        weight: Number(r.weight),
        source: r.source,
        note: r.note,
        active: r.superseded_at === null && r.closed_at === null,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
        supersededAt: r.superseded_at,
        closedAt: r.closed_at,
        closedBy: r.closed_by,
        closeReason: r.close_reason,
      }));
  }

  private async directiveViews(
    actor: Actor,
    rows: DirectiveRow[],
    siteId?: string,
  ): Promise<DirectiveView[]> {
    const parties = await this.partyViews(rows.flatMap((r) => [r.detainee_a, r.detainee_b]));
    return rows
      .map((r) => ({ r, a: parties.get(r.detainee_a), b: parties.get(r.detainee_b) }))
      .filter((x): x is { r: DirectiveRow; a: PartyView; b: PartyView } => visible(actor, x.a, x.b, siteId))
      .map(({ r, a, b }) => ({
        id: r.directive_id,
        version: r.version,
        a,
        b,
        scope: r.scope as DirectiveScope,
        reason: r.reason,
        authorisedBy: r.authorised_by,
        reviewDate: r.review_date,
        active: r.superseded_at === null && r.closed_at === null,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
        supersededAt: r.superseded_at,
        closedAt: r.closed_at,
        closedBy: r.closed_by,
        closeReason: r.close_reason,
      }));
  }
}

function visible(actor: Actor, a: PartyView | undefined, b: PartyView | undefined, siteId?: string): boolean {
  if (!a || !b || !inScope(actor, a.siteId) || !inScope(actor, b.siteId)) return false;
  return !siteId || a.siteId === siteId || b.siteId === siteId;
}

function classificationView(r: Selectable<DetaineeClassificationsTable>): ClassificationView {
  return {
    detaineeId: r.detainee_id,
    risk: r.risk as RiskLevel,
    role: r.role as DetaineeRole,
    reason: r.reason,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    supersededAt: r.superseded_at,
  };
}

function checkWeight(weight: number): void {
  if (!(weight > 0 && weight <= 1)) throw new BadRequest('weight: must be in (0, 1]', 'weight');
}

function checkText(value: string, field: string): void {
  if (!value.trim()) throw new BadRequest(`${field}: is empty`, field);
}

function countSharing(wings: (string | null)[]): number {
  const counts = new Map<string, number>();
  for (const w of wings) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  let n = 0;
  for (const c of counts.values()) if (c > 1) n += c;
  return n;
}
