import {
  NameSearchIndex,
  type PersonRecord,
  type ScreeningHit,
  type Evidence,
  type Decision,
} from '../../engines/identity';
import type { Db } from '../../platform/db/database';
import { type Actor, inScope } from '../../platform/http/actor';

export interface RegisterSearchHit {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  status: string;
  score: number;
  matchedName: string;
  evidence: Evidence[];
}

export interface ScreeningCandidate {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  status: string;
  score: number;
  decision: Decision;
  evidence: Evidence[];
}

interface Indexed {
  key: string;
  updatedAt: string;
  number: string;
  displayName: string;
  siteId: string;
  status: string;
}

/** How far back the catch-up looks, so that a transaction committed late with an earlier stamp is still seen. */
const CATCH_UP_WINDOW_MS = 5_000;

/**
 * The register's name search: the identity engine's index, held in memory per process, built from
 * the register on first use and kept current on every search by re-reading what changed since
 * (new ids, a newer `updated_at`, or ids this process marked after a write). A changed record is
 * added again under a new version key; the old version is ignored, and the index is rebuilt once
 * stale versions pass a fifth of it. Merged-away records are left out: their names live on the
 * survivor.
 */
export class RegisterSearch {
  private index: NameSearchIndex | null = null;
  private building: Promise<void> | null = null;
  private readonly live = new Map<string, Indexed>();
  private readonly dirty = new Set<string>();
  private stale = 0;
  private watermark = '';
  private version = 0;

  constructor(private readonly db: Db) {}

  /** Marks records to re-read before the next search (called after a write commits). */
  invalidate(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
  }

  /** Drops the index: the next search rebuilds it from the register. */
  reset(): void {
    this.index = null;
    this.live.clear();
    this.dirty.clear();
    this.stale = 0;
    this.watermark = '';
  }

  /** Rebuilds now (the `rebuild` endpoint, and a warm start). Returns how many records it holds. */
  async rebuild(): Promise<number> {
    this.reset();
    await this.ensure();
    return this.live.size;
  }

  /**
   * Ranked detainees whose names match a query typed in Latin or Arabic script, in the actor's sites.
   *
   * @example (await search.search(actor, 'حسين الجبوري', 10))[0].number // => 'CUS-2026-000001'
   */
  async search(actor: Actor, query: string, limit = 20): Promise<RegisterSearchHit[]> {
    await this.ensure();
    // The engine scores ten times what is asked: ask for little, and for more only when the caller's
    // sites filtered too much away.
    const first = this.index!.search(query, limit * 2);
    let out = this.collect(actor, first, limit);
    if (out.length < limit && actor.sites !== null && first.length === limit * 2)
      out = this.collect(actor, this.index!.search(query, Math.max(limit * 10, 100)), limit);
    return out;
  }

  private collect(
    actor: Actor,
    hits: ReturnType<NameSearchIndex['search']>,
    limit: number,
  ): RegisterSearchHit[] {
    const out: RegisterSearchHit[] = [];
    const seen = new Set<string>();
    for (const h of hits) {
      const id = this.current(h.id);
      if (!id || seen.has(id)) continue;
      const info = this.live.get(id)!;
      if (!inScope(actor, info.siteId)) continue;
      seen.add(id);
      out.push({
        id,
        number: info.number,
        displayName: info.displayName,
        siteId: info.siteId,
        status: info.status,
        score: h.score,
        matchedName: h.matchedName,
        evidence: h.evidence,
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Screens one incoming record against the whole register (identity does not stop at a site's
   * wall): every record that is, or may be, the same person, best first, with the evidence.
   * `excludeId` leaves out the record itself when it is already on the register.
   *
   * @example const [best] = await search.screenRecord({ id: 'row-17', names: ['Hüseyin Hasan'], dob: '1987' });
   *   best?.decision // => 'same'
   */
  async screenRecord(
    record: PersonRecord,
    options: { limit?: number; excludeId?: string } = {},
  ): Promise<ScreeningCandidate[]> {
    await this.ensure();
    const hits: ScreeningHit[] = this.index!.screen(
      { ...record, id: `incoming:${record.id}` },
      (options.limit ?? 10) * 3,
    );
    const out: ScreeningCandidate[] = [];
    const seen = new Set<string>();
    for (const h of hits) {
      const id = this.current(h.id);
      if (!id || seen.has(id) || id === options.excludeId) continue;
      seen.add(id);
      const info = this.live.get(id)!;
      out.push({
        id,
        number: info.number,
        displayName: info.displayName,
        siteId: info.siteId,
        status: info.status,
        score: h.score,
        decision: h.decision,
        evidence: h.evidence,
      });
    }
    return out.slice(0, options.limit ?? 10);
  }

  /** How many records the index holds now (for the health of the feature and the benchmark). */
  get size(): number {
    return this.live.size;
  }

  private current(key: string): string | null {
    const id = key.slice(0, key.lastIndexOf('~'));
    return this.live.get(id)?.key === key ? id : null;
  }

  private async ensure(): Promise<void> {
    if (this.building) await this.building;
    if (!this.index || this.stale > Math.max(1000, this.live.size / 5)) {
      this.building = this.build().finally(() => (this.building = null));
      await this.building;
      return;
    }
    await this.catchUp();
  }

  private async build(): Promise<void> {
    this.live.clear();
    this.stale = 0;
    this.dirty.clear();
    const started = await this.clockOfStore();
    const records = await this.load(null);
    this.index = new NameSearchIndex(records);
    this.watermark = started;
  }

  /** Re-reads records new or changed since the last look and adds their new versions. */
  private async catchUp(): Promise<void> {
    const since = new Date(
      Date.parse(this.watermark || '1970-01-01T00:00:00Z') - CATCH_UP_WINDOW_MS,
    ).toISOString();
    const recent = await this.db
      .selectFrom('detainees')
      .select(['id', 'updated_at'])
      .where('updated_at', '>=', since)
      .execute();
    const ids = new Set(this.dirty);
    for (const r of recent) if (this.live.get(r.id)?.updatedAt !== r.updated_at) ids.add(r.id);
    this.dirty.clear();
    let newest = this.watermark;
    for (const r of recent) if (r.updated_at > newest) newest = r.updated_at;
    if (ids.size > 0) {
      const present = new Set<string>();
      const list = [...ids];
      for (let i = 0; i < list.length; i += 500) {
        for (const record of await this.load(list.slice(i, i + 500))) {
          present.add(record.id.slice(0, record.id.lastIndexOf('~')));
          this.index!.add(record);
        }
      }
      // Merged away (or gone): its old version no longer counts.
      for (const id of ids) if (!present.has(id) && this.live.delete(id)) this.stale++;
    }
    this.watermark = newest;
  }

  private async clockOfStore(): Promise<string> {
    const row = await this.db
      .selectFrom('detainees')
      .select((eb) => eb.fn.max('updated_at').as('m'))
      .executeTakeFirst();
    return (row?.m as string | null) ?? '';
  }

  /** The engine's records for these detainees (all when `ids` is null), registering their versions. */
  private async load(ids: string[] | null): Promise<PersonRecord[]> {
    let q = this.db
      .selectFrom('detainees')
      .select(['id', 'number', 'display_name', 'sex', 'dob', 'site_id', 'status', 'updated_at'])
      .where('merged_into', 'is', null);
    if (ids) q = q.where('id', 'in', ids);
    const rows = await q.execute();
    const names = new Map<string, string[]>();
    const nats = new Map<string, string[]>();
    const mothers = new Map<string, string>();
    let nq = this.db.selectFrom('detainee_names').select(['detainee_id', 'name']).orderBy('position');
    let cq = this.db.selectFrom('detainee_nationalities').select(['detainee_id', 'country']);
    let mq = this.db
      .selectFrom('detainee_record_items')
      .select(['detainee_id', 'data'])
      .where('section', '=', 'personal')
      .where('superseded_at', 'is', null)
      .where('removed', '=', 0);
    if (ids) {
      nq = nq.where('detainee_id', 'in', ids);
      cq = cq.where('detainee_id', 'in', ids);
      mq = mq.where('detainee_id', 'in', ids);
    }
    for (const n of await nq.execute())
      names.set(n.detainee_id, [...(names.get(n.detainee_id) ?? []), n.name]);
    for (const n of await cq.execute())
      nats.set(n.detainee_id, [...(nats.get(n.detainee_id) ?? []), n.country]);
    for (const m of await mq.execute()) {
      const mother = (JSON.parse(m.data) as { motherName?: string | null }).motherName;
      if (mother) mothers.set(m.detainee_id, mother);
    }
    const out: PersonRecord[] = [];
    for (const r of rows) {
      const key = `${r.id}~${++this.version}`;
      if (this.live.has(r.id)) this.stale++;
      this.live.set(r.id, {
        key,
        updatedAt: r.updated_at,
        number: r.number,
        displayName: r.display_name,
        siteId: r.site_id,
        status: r.status,
      });
      out.push({
        id: key,
        names: names.get(r.id) ?? [r.display_name],
        sex: r.sex === 'F' ? 'F' : 'M',
        dob: engineDob(r.dob),
        nationality: nats.get(r.id) ?? [],
        motherName: mothers.get(r.id),
      });
    }
    return out;
  }
}

/** The engine reads YYYY-MM-DD or YYYY: a month-precise date of birth is given as its year. */
function engineDob(dob: string | null): string | undefined {
  if (!dob) return undefined;
  return dob.length === 7 ? dob.slice(0, 4) : dob;
}
