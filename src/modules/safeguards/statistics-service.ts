import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { BadRequest } from '../../platform/errors';
import type { Actor } from '../../platform/http/actor';

const DAY = 86_400_000;
/** How far back the backfill of an empty snapshot table goes (two years). */
const BACKFILL_DAYS = 730;
/** Statuses that count in the held population. */
const HELD = ['in_custody'];
/** Status changes that are flows out of custody, by the month's column. */
const EXITS: Record<string, 'releases' | 'transfers' | 'repatriations' | 'deaths' | 'escapes'> = {
  released: 'releases',
  transferred_out: 'transfers',
  repatriated: 'repatriations',
  deceased: 'deaths',
  escaped: 'escapes',
};
export const POPULATION_DIMENSIONS = ['site', 'nationality', 'legalStatus', 'ageCategory', 'sex'] as const;
export type PopulationDimension = (typeof POPULATION_DIMENSIONS)[number];

export interface StatisticsSources {
  /** register: every record (status, site, category, nationalities, admission and last update). */
  population(): Promise<
    {
      id: string;
      siteId: string;
      sex: string;
      legalStatus: string;
      ageCategory: string;
      status: string;
      admittedAt: string | null;
      updatedAt: string;
      nationalities: string[];
    }[]
  >;
  /** estate: the caller's sites with beds and occupancy. */
  sites(actor: Actor): Promise<
    {
      id: string;
      code: string;
      name: string;
      nameAr: string;
      beds: number;
      occupied: number;
      population: number;
      cellsOutOfService: number;
    }[]
  >;
}

export interface MonthRow {
  month: string;
  siteId: string;
  admissions: number;
  releases: number;
  transfers: number;
  repatriations: number;
  deaths: number;
  escapes: number;
}

export interface PopulationSeries {
  by: PopulationDimension;
  from: string;
  to: string;
  days: string[];
  /** One series per group value: the held population at the end of each day (null: no snapshot). */
  series: { key: string; values: (number | null)[] }[];
  totals: (number | null)[];
}

/** A person's primary nationality for statistics: the first in alphabetical order ('--' when none). */
const primaryNationality = (n: string[]) => n[0] ?? '--';
const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Statistics (Mandela Rule 10): the held population per day and group from daily snapshots (a job
 * takes one each day; an empty table is backfilled from the register's admissions and its
 * status-change history in the audit), occupancy, and flows per month.
 */
export class StatisticsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sources: StatisticsSources,
  ) {}

  /**
   * The job: today's snapshot of the held population (once per day: the first run after
   * midnight UTC), and, when there is no snapshot at all, a backfill of every earlier day since
   * the first admission.
   *
   * @example await statistics.snapshotPopulation(clock.now()) // { day: '2026-03-01', rows: 12, backfilledDays: 50 }
   */
  async snapshotPopulation(
    now: Date = this.clock.now(),
  ): Promise<{ day: string; rows: number; backfilledDays: number }> {
    const day = dayOf(now.toISOString());
    const any = await this.db.selectFrom('population_snapshots').select('day').limit(1).executeTakeFirst();
    let backfilledDays = 0;
    if (!any) backfilledDays = await this.backfill(day);
    const exists = await this.db
      .selectFrom('population_snapshots')
      .select('day')
      .where('day', '=', day)
      .limit(1)
      .executeTakeFirst();
    if (exists) return { day, rows: 0, backfilledDays };
    const people = (await this.sources.population()).filter((p) => HELD.includes(p.status));
    const rows = this.group(people, day, 'job', now.toISOString());
    await this.insert(rows);
    return { day, rows: rows.length, backfilledDays };
  }

  /**
   * Days before `untilDay` reconstructed from the register: a person is held from the day of
   * admission to the day before their first status change out of custody in the audit (or, with
   * none recorded, their record's last update). Categories are today's: the past's are not kept.
   */
  async backfill(untilDay: string): Promise<number> {
    const people = await this.sources.population();
    const exits = await this.exitDates();
    const spans = people
      .filter((p) => p.admittedAt)
      .map((p) => ({
        p,
        from: dayOf(p.admittedAt!),
        to: HELD.includes(p.status) ? null : dayOf(exits.get(p.id)?.at ?? p.updatedAt),
      }));
    if (spans.length === 0) return 0;
    // At most BACKFILL_DAYS back: older days would cost storage for figures nobody asked for.
    const earliest = dayOf(new Date(Date.parse(untilDay) - BACKFILL_DAYS * DAY).toISOString());
    const first = spans.reduce((m, s) => (s.from < m ? s.from : m), untilDay);
    const start = first < earliest ? earliest : first;
    const takenAt = this.clock.now().toISOString();
    // A sweep: each person enters their group on admission and leaves on exit, so a day costs
    // its events and its groups, not the whole population.
    const key = (p: (typeof spans)[number]['p']) =>
      [p.siteId, primaryNationality(p.nationalities), p.legalStatus, p.ageCategory, p.sex].join('|');
    const delta = new Map<string, Map<string, number>>();
    const bump = (day: string, k: string, by: number) => {
      const m = delta.get(day) ?? new Map<string, number>();
      m.set(k, (m.get(k) ?? 0) + by);
      delta.set(day, m);
    };
    for (const s of spans) {
      if (s.to !== null && s.to <= s.from) continue;
      bump(s.from < start ? start : s.from, key(s.p), 1);
      if (s.to !== null) {
        if (s.to <= start) bump(start, key(s.p), -1);
        else bump(s.to, key(s.p), -1);
      }
    }
    const counts = new Map<string, number>();
    let days = 0;
    for (let t = Date.parse(start); dayOf(new Date(t).toISOString()) < untilDay; t += DAY) {
      const day = dayOf(new Date(t).toISOString());
      for (const [k, by] of delta.get(day) ?? []) counts.set(k, (counts.get(k) ?? 0) + by);
      const rows = [...counts]
        .filter(([, n]) => n > 0)
        .map(([k, n]) => {
          const [site_id, nationality, legal_status, age_category, sex] = k.split('|');
          return {
            day,
            site_id,
            nationality,
            legal_status,
            age_category,
            sex,
            count: n,
            source: 'backfill',
            takenAt,
          };
        })
        .map(({ takenAt: taken_at, ...r }) => ({ ...r, taken_at }));
      await this.insert(rows);
      days++;
    }
    return days;
  }

  /** The held population per day between two dates, by one dimension, in the caller's sites. */
  async population(
    actor: Actor,
    filter: { from: string; to: string; by: PopulationDimension },
  ): Promise<PopulationSeries> {
    if (filter.to < filter.from) throw new BadRequest('to: before from', 'to');
    if ((Date.parse(filter.to) - Date.parse(filter.from)) / DAY > 3660)
      throw new BadRequest('to: at most ten years at a time', 'to');
    let q = this.db
      .selectFrom('population_snapshots')
      .selectAll()
      .where('day', '>=', filter.from)
      .where('day', '<=', filter.to);
    if (actor.sites !== null) q = q.where('site_id', 'in', actor.sites.length ? actor.sites : ['']);
    const rows = await q.execute();
    const codes = new Map((await this.sources.sites(actor)).map((s) => [s.id, s.code]));
    const column = {
      site: 'site_id',
      nationality: 'nationality',
      legalStatus: 'legal_status',
      ageCategory: 'age_category',
      sex: 'sex',
    } as const;
    const days: string[] = [];
    for (let t = Date.parse(filter.from); dayOf(new Date(t).toISOString()) <= filter.to; t += DAY)
      days.push(dayOf(new Date(t).toISOString()));
    const index = new Map(days.map((d, i) => [d, i]));
    const seen = new Set(rows.map((r) => r.day));
    const series = new Map<string, (number | null)[]>();
    const totals: (number | null)[] = days.map((d) => (seen.has(d) ? 0 : null));
    for (const r of rows) {
      const raw = r[column[filter.by]];
      const key = filter.by === 'site' ? (codes.get(raw) ?? raw) : raw;
      if (!series.has(key))
        series.set(
          key,
          days.map((d) => (seen.has(d) ? 0 : null)),
        );
      const i = index.get(r.day)!;
      series.get(key)![i] = (series.get(key)![i] ?? 0) + Number(r.count);
      totals[i] = (totals[i] ?? 0) + Number(r.count);
    }
    const ordered = [...series]
      .map(([key, values]) => ({ key, values }))
      .sort((a, b) => (b.values.at(-1) ?? 0) - (a.values.at(-1) ?? 0) || a.key.localeCompare(b.key));
    return { by: filter.by, from: filter.from, to: filter.to, days, series: ordered, totals };
  }

  /** Beds, occupied places and the rate per site of the caller, and for all of them. */
  async occupancy(actor: Actor) {
    const sites = await this.sources.sites(actor);
    const rate = (o: number, b: number) => (b > 0 ? Math.round((o / b) * 1000) / 10 : null);
    const beds = sites.reduce((n, s) => n + s.beds, 0);
    const occupied = sites.reduce((n, s) => n + s.occupied, 0);
    return {
      sites: sites.map((s) => ({
        siteId: s.id,
        code: s.code,
        name: s.name,
        nameAr: s.nameAr,
        beds: s.beds,
        occupied: s.occupied,
        population: s.population,
        cellsOutOfService: s.cellsOutOfService,
        rate: rate(s.occupied, s.beds),
      })),
      total: {
        beds,
        occupied,
        population: sites.reduce((n, s) => n + s.population, 0),
        rate: rate(occupied, beds),
      },
    };
  }

  /**
   * Admissions, releases, transfers, repatriations, deaths and escapes per month and site
   * (YYYY-MM, inclusive), from admissions and the status-change history.
   */
  async monthly(actor: Actor, filter: { from: string; to: string }): Promise<MonthRow[]> {
    if (filter.to < filter.from) throw new BadRequest('to: before from', 'to');
    const people = await this.sources.population();
    const exits = await this.exitDates();
    const inScope = (siteId: string) => actor.sites === null || actor.sites.includes(siteId);
    const rows = new Map<string, MonthRow>();
    const bump = (month: string, siteId: string, col: keyof Omit<MonthRow, 'month' | 'siteId'>) => {
      if (month < filter.from || month > filter.to || !inScope(siteId)) return;
      const k = `${month}|${siteId}`;
      if (!rows.has(k))
        rows.set(k, {
          month,
          siteId,
          admissions: 0,
          releases: 0,
          transfers: 0,
          repatriations: 0,
          deaths: 0,
          escapes: 0,
        });
      rows.get(k)![col]++;
    };
    for (const p of people) {
      if (p.admittedAt) bump(p.admittedAt.slice(0, 7), p.siteId, 'admissions');
      const exit = exits.get(p.id);
      if (exit && EXITS[exit.status]) bump(exit.at.slice(0, 7), exit.siteId ?? p.siteId, EXITS[exit.status]);
      else if (!exit && EXITS[p.status]) bump(p.updatedAt.slice(0, 7), p.siteId, EXITS[p.status]);
    }
    return [...rows.values()].sort(
      (a, b) => a.month.localeCompare(b.month) || a.siteId.localeCompare(b.siteId),
    );
  }

  /** Each detainee's latest change of status out of custody, from the audit (the register's status history). */
  private async exitDates(): Promise<Map<string, { at: string; status: string; siteId: string | null }>> {
    const rows = await this.db
      .selectFrom('audit_entries')
      .select(['subject_id', 'at', 'site_id', 'changes'])
      .where('action', '=', 'detainee.status')
      .orderBy('seq')
      .execute();
    const out = new Map<string, { at: string; status: string; siteId: string | null }>();
    for (const r of rows) {
      if (!r.subject_id) continue;
      const after = (JSON.parse(r.changes) as { after?: { status?: string } }).after?.status;
      if (after && EXITS[after]) out.set(r.subject_id, { at: r.at, status: after, siteId: r.site_id });
      else if (after && HELD.includes(after)) out.delete(r.subject_id);
    }
    return out;
  }

  private group(
    people: {
      siteId: string;
      nationalities: string[];
      legalStatus: string;
      ageCategory: string;
      sex: string;
    }[],
    day: string,
    source: string,
    takenAt: string,
  ) {
    const counts = new Map<
      string,
      {
        day: string;
        site_id: string;
        nationality: string;
        legal_status: string;
        age_category: string;
        sex: string;
        count: number;
        source: string;
        taken_at: string;
      }
    >();
    for (const p of people) {
      const nationality = primaryNationality(p.nationalities);
      const k = [p.siteId, nationality, p.legalStatus, p.ageCategory, p.sex].join('|');
      const row = counts.get(k);
      if (row) row.count++;
      else
        counts.set(k, {
          day,
          site_id: p.siteId,
          nationality,
          legal_status: p.legalStatus,
          age_category: p.ageCategory,
          sex: p.sex,
          count: 1,
          source,
          taken_at: takenAt,
        });
    }
    return [...counts.values()];
  }

  private async insert(rows: ReturnType<StatisticsService['group']>) {
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insertInto('population_snapshots')
        .values(rows.slice(i, i + 500))
        .execute();
  }
}
