import { sql } from 'kysely';
import type { LiveEvent } from '../../platform/events';
import type { Actor } from '../../platform/http/actor';
import { addMinutes, type MonitoringDeps } from './monitoring-shared';

/** Site posture as the incidents module sets it: normal, heightened or lockdown. */
export type Posture = string;
/** Where the dashboard reads postures from (the incidents module, once it is wired in). */
export type PostureSource = (siteIds: string[]) => Promise<Record<string, Posture>>;

export interface SiteDashboard {
  siteId: string;
  code: string;
  name: string;
  /** In custody at the site. */
  population: number;
  arriving: number;
  unassigned: number;
  beds: number;
  /** population / beds (0 when the site has no beds). */
  occupancy: number;
  openCount: { id: string; startedAt: string } | null;
  lastCountClosedAt: string | null;
  watchedCells: number;
  overdueChecks: number;
  checksLastHour: number;
  openAlerts: { critical: number; warning: number; info: number };
  openHeadcount: { id: string; startedAt: string; total: number; accounted: number } | null;
  posture: Posture | null;
}

export interface Dashboard {
  at: string;
  sites: SiteDashboard[];
  estate: Omit<
    SiteDashboard,
    'siteId' | 'code' | 'name' | 'openCount' | 'lastCountClosedAt' | 'openHeadcount' | 'posture'
  > & {
    sitesWithOpenCount: number;
    sitesWithOpenHeadcount: number;
    sitesInLockdown: number;
  };
}

/**
 * The live picture: one summary per site in the caller's scope and the estate's totals, each
 * figure one grouped query over indexed columns (never a scan of the check events), so it stays
 * fast at 50,000 detainees and millions of checks.
 */
export class DashboardService {
  /** Postures heard on the bus, for when no source is wired in. */
  private readonly heardPostures = new Map<string, Posture>();
  private postureSource: PostureSource | null = null;

  constructor(private readonly deps: MonitoringDeps) {
    deps.events.subscribe((e: LiveEvent) => {
      if (e.type === 'posture.changed' && e.siteId && typeof e.data.posture === 'string')
        this.heardPostures.set(e.siteId, e.data.posture);
    });
  }

  /** Lets the module that owns postures answer for them (read at every summary). */
  setPostureSource(source: PostureSource): void {
    this.postureSource = source;
  }

  /**
   * @example const { sites, estate } = await dashboard.summary(actor);
   */
  async summary(actor: Actor, siteId?: string): Promise<Dashboard> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    let sq = db.selectFrom('sites').select(['id', 'code', 'name']).orderBy('code');
    if (actor.sites !== null) sq = sq.where('id', 'in', actor.sites.length ? actor.sites : ['']);
    if (siteId) sq = sq.where('id', '=', siteId);
    const sites = await sq.execute();
    const ids = sites.map((s) => s.id);
    if (ids.length === 0) return { at: nowIso, sites: [], estate: emptyEstate() };
    const [population, unassigned, beds, statuses, checks, alerts, counts, lastCounts, headcounts, postures] =
      await Promise.all([
        db
          .selectFrom('detainees')
          .select(['site_id', 'status', sql<number>`count(*)`.as('n')])
          .where('site_id', 'in', ids)
          .where('status', 'in', ['in_custody', 'arriving'])
          .groupBy(['site_id', 'status'])
          .execute(),
        db
          .selectFrom('detainees')
          .select(['site_id', sql<number>`count(*)`.as('n')])
          .where('site_id', 'in', ids)
          .where('status', '=', 'in_custody')
          .where('cell_id', 'is', null)
          .groupBy('site_id')
          .execute(),
        db
          .selectFrom('cells')
          .select([
            'site_id',
            sql<number>`sum(case when out_of_service = 0 then capacity else 0 end)`.as('n'),
          ])
          .where('site_id', 'in', ids)
          .groupBy('site_id')
          .execute(),
        db
          .selectFrom('cell_check_status')
          .select([
            'site_id',
            sql<number>`count(*)`.as('watched'),
            sql<number>`sum(case when next_due_at < ${nowIso} then 1 else 0 end)`.as('overdue'),
          ])
          .where('site_id', 'in', ids)
          .where('interval_minutes', 'is not', null)
          .groupBy('site_id')
          .execute(),
        db
          .selectFrom('cell_checks')
          .select(['site_id', sql<number>`count(*)`.as('n')])
          .where('site_id', 'in', ids)
          .where('observed_at', '>=', addMinutes(now, -60))
          .groupBy('site_id')
          .execute(),
        db
          .selectFrom('alerts')
          .select(['site_id', 'severity', sql<number>`count(*)`.as('n')])
          .where('site_id', 'in', ids)
          .where('status', '!=', 'resolved')
          .groupBy(['site_id', 'severity'])
          .execute(),
        db
          .selectFrom('roll_counts')
          .select(['id', 'site_id', 'started_at'])
          .where('site_id', 'in', ids)
          .where('status', '=', 'open')
          .execute(),
        db
          .selectFrom('roll_counts')
          .select(['site_id', sql<string>`max(closed_at)`.as('at')])
          .where('site_id', 'in', ids)
          .where('status', '=', 'closed')
          .groupBy('site_id')
          .execute(),
        db
          .selectFrom('headcounts')
          .select([
            'id',
            'site_id',
            'started_at',
            (eb) =>
              eb
                .selectFrom('headcount_subjects')
                .select(sql<number>`count(*)`.as('n'))
                .whereRef('headcount_subjects.headcount_id', '=', 'headcounts.id')
                .as('total'),
            (eb) =>
              eb
                .selectFrom('headcount_confirmations')
                .select(sql<number>`count(distinct detainee_id)`.as('n'))
                .whereRef('headcount_confirmations.headcount_id', '=', 'headcounts.id')
                .as('accounted'),
          ])
          .where('site_id', 'in', ids)
          .where('status', '=', 'open')
          .execute(),
        this.postureSource ? this.postureSource(ids) : Promise.resolve({} as Record<string, Posture>),
      ]);
    const n = (rows: { site_id: string | null; n: number | string | null }[], id: string) =>
      Number(rows.find((r) => r.site_id === id)?.n ?? 0);
    const rows: SiteDashboard[] = sites.map((s) => {
      const pop = Number(population.find((p) => p.site_id === s.id && p.status === 'in_custody')?.n ?? 0);
      const bedCount = n(beds, s.id);
      const st = statuses.find((r) => r.site_id === s.id);
      const al = (sev: string) =>
        Number(alerts.find((a) => a.site_id === s.id && a.severity === sev)?.n ?? 0);
      const count = counts.find((c) => c.site_id === s.id);
      const hc = headcounts.find((h) => h.site_id === s.id);
      return {
        siteId: s.id,
        code: s.code,
        name: s.name,
        population: pop,
        arriving: Number(population.find((p) => p.site_id === s.id && p.status === 'arriving')?.n ?? 0),
        unassigned: n(unassigned, s.id),
        beds: bedCount,
        occupancy: bedCount === 0 ? 0 : Math.round((pop / bedCount) * 1000) / 1000,
        openCount: count ? { id: count.id, startedAt: count.started_at } : null,
        lastCountClosedAt: lastCounts.find((c) => c.site_id === s.id)?.at ?? null,
        watchedCells: Number(st?.watched ?? 0),
        overdueChecks: Number(st?.overdue ?? 0),
        checksLastHour: n(checks, s.id),
        openAlerts: { critical: al('critical'), warning: al('warning'), info: al('info') },
        openHeadcount: hc
          ? {
              id: hc.id,
              startedAt: hc.started_at,
              total: Number(hc.total ?? 0),
              accounted: Number(hc.accounted ?? 0),
            }
          : null,
        posture: postures[s.id] ?? this.heardPostures.get(s.id) ?? null,
      };
    });
    const sum = (f: (r: SiteDashboard) => number) => rows.reduce((t, r) => t + f(r), 0);
    const totalBeds = sum((r) => r.beds);
    const totalPop = sum((r) => r.population);
    return {
      at: nowIso,
      sites: rows,
      estate: {
        population: totalPop,
        arriving: sum((r) => r.arriving),
        unassigned: sum((r) => r.unassigned),
        beds: totalBeds,
        occupancy: totalBeds === 0 ? 0 : Math.round((totalPop / totalBeds) * 1000) / 1000,
        watchedCells: sum((r) => r.watchedCells),
        overdueChecks: sum((r) => r.overdueChecks),
        checksLastHour: sum((r) => r.checksLastHour),
        openAlerts: {
          critical: sum((r) => r.openAlerts.critical),
          warning: sum((r) => r.openAlerts.warning),
          info: sum((r) => r.openAlerts.info),
        },
        sitesWithOpenCount: rows.filter((r) => r.openCount).length,
        sitesWithOpenHeadcount: rows.filter((r) => r.openHeadcount).length,
        sitesInLockdown: rows.filter((r) => r.posture === 'lockdown').length,
      },
    };
  }
}

function emptyEstate(): Dashboard['estate'] {
  return {
    population: 0,
    arriving: 0,
    unassigned: 0,
    beds: 0,
    occupancy: 0,
    watchedCells: 0,
    overdueChecks: 0,
    checksLastHour: 0,
    openAlerts: { critical: 0, warning: 0, info: 0 },
    sitesWithOpenCount: 0,
    sitesWithOpenHeadcount: 0,
    sitesInLockdown: 0,
  };
}
