import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { BadRequest, Conflict, NotFound } from '../../platform/errors';
import { type Actor, inScope } from '../../platform/http/actor';
import { FICTIONAL_REGION } from './geodata/fictional-region';

export const POSTURE_LEVELS = ['normal', 'heightened', 'lockdown'] as const;
export type PostureLevel = (typeof POSTURE_LEVELS)[number];

/**
 * What a lockdown calls to start an emergency headcount of the site: the monitoring module's
 * `startHeadcount` (wired in src/services.ts). It runs in its own transaction, so it is called
 * once the posture is checked and before it is recorded; without it a lockdown has no headcount.
 */
export interface HeadcountStarter {
  startHeadcount(
    actor: Actor,
    input: { siteId: string; reason: string; trigger?: string },
  ): Promise<{ id: string }>;
}

export interface PostureEntry {
  id: string;
  siteId: string;
  level: PostureLevel;
  reason: string;
  incidentId: string | null;
  headcountId: string | null;
  setAt: string;
  setBy: string;
}

export interface SitePosture {
  siteId: string;
  /** The posture now; a site that was never set is normal. */
  current:
    | PostureEntry
    | {
        level: 'normal';
        siteId: string;
        reason: null;
        setAt: null;
        setBy: null;
        incidentId: null;
        headcountId: null;
        id: null;
      };
  timeline: PostureEntry[];
}

export interface ThreatPicture {
  generatedAt: string;
  days: number;
  sites: {
    id: string;
    code: string;
    name: string;
    nameAr: string;
    lat: number | null;
    lon: number | null;
    posture: PostureLevel;
    postureSince: string | null;
    incidents: number;
    attacks: number;
    cellsOutOfService: number;
  }[];
  incidents: {
    id: string;
    number: string;
    siteId: string;
    type: string;
    occurredAt: string;
    title: string;
    status: string;
  }[];
}

const ATTACKS = ['drone_strike', 'rocket_missile_strike', 'drone_sighting', 'explosive_device'];

/** Site posture on a timeline, site coordinates, and the estate's threat picture. */
export class PostureService {
  private headcounts: HeadcountStarter | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Connects the emergency headcount that a lockdown starts (the monitoring module's). */
  useHeadcounts(starter: HeadcountStarter): void {
    this.headcounts = starter;
  }

  async get(actor: Actor, siteId: string): Promise<SitePosture> {
    if (!inScope(actor, siteId)) throw new NotFound('site');
    const site = await this.db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
    if (!site) throw new NotFound('site');
    const rows = await this.db
      .selectFrom('site_postures')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('set_at', 'desc')
      .orderBy('id')
      .execute();
    const timeline = rows.map(toEntry);
    return {
      siteId,
      current: timeline[0] ?? {
        id: null,
        siteId,
        level: 'normal',
        reason: null,
        setAt: null,
        setBy: null,
        incidentId: null,
        headcountId: null,
      },
      timeline,
    };
  }

  /**
   * The posture in force at each of these sites, in one read (the live dashboard asks for every
   * site at once); a site that never had one set is `normal`.
   *
   * @example (await posture.currentLevels([siteId]))[siteId] // => 'lockdown'
   */
  async currentLevels(siteIds: string[]): Promise<Record<string, PostureLevel>> {
    const out: Record<string, PostureLevel> = Object.fromEntries(
      siteIds.map((id) => [id, 'normal' as const]),
    );
    if (siteIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('site_postures')
      .select(['site_id', 'level'])
      .where('site_id', 'in', siteIds)
      .orderBy('set_at', 'desc')
      .orderBy('id')
      .execute();
    const seen = new Set<string>();
    for (const r of rows)
      if (!seen.has(r.site_id)) {
        seen.add(r.site_id);
        out[r.site_id] = r.level as PostureLevel;
      }
    return out;
  }

  /**
   * Sets a site's posture with who and why; a lockdown starts an emergency headcount where that
   * capability is connected.
   *
   * @example await posture.set(actor, siteId, { level: 'lockdown', reason: 'rocket strike on block B' });
   */
  async set(
    actor: Actor,
    siteId: string,
    input: { level: PostureLevel; reason: string; incidentId?: string | null },
  ): Promise<SitePosture> {
    const before = await this.get(actor, siteId);
    if (!input.reason.trim()) throw new BadRequest('reason: say why', 'reason');
    if (before.current.level === input.level)
      throw new Conflict(`level: the site is already at ${input.level}`, 'level');
    if (input.incidentId) {
      const incident = await this.db
        .selectFrom('incidents')
        .select('site_id')
        .where('id', '=', input.incidentId)
        .executeTakeFirst();
      if (!incident || incident.site_id !== siteId)
        throw new BadRequest('incidentId: not an incident of the site', 'incidentId');
    }
    const reason = input.reason.trim();
    // A lockdown's headcount starts first (or joins the one open): people are counted at once.
    const headcount =
      input.level === 'lockdown' && this.headcounts
        ? await this.headcounts.startHeadcount(actor, {
            siteId,
            reason: `lockdown: ${reason}`,
            trigger: 'lockdown',
          })
        : null;
    await this.db.transaction().execute(async (trx) => {
      const row = {
        id: randomUUID(),
        site_id: siteId,
        level: input.level,
        reason,
        incident_id: input.incidentId ?? null,
        headcount_id: headcount?.id ?? null,
        set_at: this.clock.now().toISOString(),
        set_by: actor.audit.actor.name,
      };
      await trx.insertInto('site_postures').values(row).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'site.posture',
        subjectType: 'site',
        subjectId: siteId,
        siteId,
        changes: { from: before.current.level, ...row },
      });
    });
    return this.get(actor, siteId);
  }

  /** Where a site is on the map (WGS84). */
  async setLocation(
    actor: Actor,
    siteId: string,
    input: { lat: number; lon: number },
  ): Promise<{ id: string; lat: number; lon: number }> {
    if (!inScope(actor, siteId)) throw new NotFound('site');
    const site = await this.db
      .selectFrom('sites')
      .select(['id', 'lat', 'lon'])
      .where('id', '=', siteId)
      .executeTakeFirst();
    if (!site) throw new NotFound('site');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sites')
        .set({ lat: input.lat, lon: input.lon })
        .where('id', '=', siteId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'site.location',
        subjectType: 'site',
        subjectId: siteId,
        siteId,
        changes: { before: { lat: site.lat, lon: site.lon }, after: input },
      });
    });
    return { id: siteId, ...input };
  }

  /** The shipped outline of the (fictional) region the map is drawn on. */
  region(): typeof FICTIONAL_REGION {
    return FICTIONAL_REGION;
  }

  /** Every site in scope with its place, posture and recent incidents; the incidents of the window. */
  async threatPicture(actor: Actor, options: { days?: number } = {}): Promise<ThreatPicture> {
    const days = options.days ?? 7;
    const now = this.clock.now();
    const since = new Date(now.getTime() - days * 86_400_000).toISOString();
    let sq = this.db.selectFrom('sites').selectAll().orderBy('code');
    if (actor.sites !== null) sq = sq.where('id', 'in', actor.sites.length ? actor.sites : ['']);
    const sites = await sq.execute();
    const ids = sites.length ? sites.map((s) => s.id) : [''];
    const [postures, incidents, oos] = await Promise.all([
      this.db
        .selectFrom('site_postures')
        .selectAll()
        .where('site_id', 'in', ids)
        .orderBy('set_at', 'desc')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('incidents')
        .select(['id', 'number', 'site_id', 'type', 'occurred_at', 'title', 'status'])
        .where('site_id', 'in', ids)
        .where('occurred_at', '>=', since)
        .orderBy('occurred_at', 'desc')
        .limit(500)
        .execute(),
      this.db
        .selectFrom('cells')
        .select(['site_id', 'id'])
        .where('site_id', 'in', ids)
        .where('out_of_service', '=', 1)
        .execute(),
    ]);
    return {
      generatedAt: now.toISOString(),
      days,
      sites: sites.map((s) => {
        const p = postures.find((x) => x.site_id === s.id);
        const mine = incidents.filter((i) => i.site_id === s.id);
        return {
          id: s.id,
          code: s.code,
          name: s.name,
          nameAr: s.name_ar,
          lat: s.lat === null ? null : Number(s.lat),
          lon: s.lon === null ? null : Number(s.lon),
          posture: (p?.level ?? 'normal') as PostureLevel,
          postureSince: p?.set_at ?? null,
          incidents: mine.length,
          attacks: mine.filter((i) => ATTACKS.includes(i.type)).length,
          cellsOutOfService: oos.filter((c) => c.site_id === s.id).length,
        };
      }),
      incidents: incidents.map((i) => ({
        id: i.id,
        number: i.number,
        siteId: i.site_id,
        type: i.type,
        occurredAt: i.occurred_at,
        title: i.title,
        status: i.status,
      })),
    };
  }
}

function toEntry(r: Database['site_postures']): PostureEntry {
  return {
    id: r.id,
    siteId: r.site_id,
    level: r.level as PostureLevel,
    reason: r.reason,
    incidentId: r.incident_id,
    headcountId: r.headcount_id,
    setAt: r.set_at,
    setBy: r.set_by,
  };
}
