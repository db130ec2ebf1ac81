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
 * The live picture: one summary per site in the caller's scope and the estate's totals. The
 * register's figures (population, arriving, unassigned, beds) are read from `site_figures`, which
 * triggers keep current; the rest are per-site counts over small index ranges (never a scan of the
 * check events or the register), all in one statement, so it stays fast at 50,000 detainees and
 * millions of checks.
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
    const hourAgo = addMinutes(now, -60);
    // A per-site subquery over `s` (the site row); plain SQL that both stores read the same.
    const scalar = <T>(q: string) => sql<T>`(${sql.raw(q)})`;
    // One statement for every per-site figure: the register's figures are kept per site by
    // triggers (site_figures), the rest are counts over small index ranges of each site.
    const [figures, headcounts, postures] = await Promise.all([
      db
        .selectFrom('sites as s')
        .leftJoin('site_figures as f', 'f.site_id', 's.id')
        .select([
          's.id',
          'f.population',
          'f.arriving',
          'f.unassigned',
          'f.beds',
          scalar<number>(
            'select count(*) from cell_check_status c where c.site_id = s.id and c.interval_minutes is not null',
          ).as('watched'),
          sql<number>`(select count(*) from cell_check_status c where c.site_id = s.id and c.interval_minutes is not null and c.next_due_at < ${nowIso})`.as(
            'overdue',
          ),
          sql<number>`(select count(*) from cell_checks k where k.site_id = s.id and k.observed_at >= ${hourAgo})`.as(
            'checks',
          ),
          ...(['critical', 'warning', 'info'] as const).map((severity) =>
            sql<number>`(select count(*) from alerts a where a.site_id = s.id and a.status <> 'resolved' and a.severity = ${severity})`.as(
              severity,
            ),
          ),
          scalar<string | null>(
            "select r.id from roll_counts r where r.site_id = s.id and r.status = 'open' order by r.started_at, r.id limit 1",
          ).as('open_count_id'),
          scalar<string | null>(
            "select r.started_at from roll_counts r where r.site_id = s.id and r.status = 'open' order by r.started_at, r.id limit 1",
          ).as('open_count_at'),
          scalar<string | null>(
            "select max(r.closed_at) from roll_counts r where r.site_id = s.id and r.status = 'closed'",
          ).as('last_closed_at'),
        ])
        .where('s.id', 'in', ids)
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
    const bySite = new Map(figures.map((f) => [f.id, f]));
    const rows: SiteDashboard[] = sites.map((s) => {
      const f = bySite.get(s.id);
      const pop = Number(f?.population ?? 0);
      const bedCount = Number(f?.beds ?? 0);
      const hc = headcounts.find((h) => h.site_id === s.id);
      return {
        siteId: s.id,
        code: s.code,
        name: s.name,
        population: pop,
        arriving: Number(f?.arriving ?? 0),
        unassigned: Number(f?.unassigned ?? 0),
        beds: bedCount,
        occupancy: bedCount === 0 ? 0 : Math.round((pop / bedCount) * 1000) / 1000,
        openCount: f?.open_count_id ? { id: f.open_count_id, startedAt: f.open_count_at! } : null,
        lastCountClosedAt: f?.last_closed_at ?? null,
        watchedCells: Number(f?.watched ?? 0),
        overdueChecks: Number(f?.overdue ?? 0),
        checksLastHour: Number(f?.checks ?? 0),
        openAlerts: {
          critical: Number(f?.critical ?? 0),
          warning: Number(f?.warning ?? 0),
          info: Number(f?.info ?? 0),
        },
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
