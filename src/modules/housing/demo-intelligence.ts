import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { seededRandom } from '../../engines/housing';
import { type AuditRecord, recordAudit } from '../../platform/audit/audit-log';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import { Conflict } from '../../platform/errors';
import type { Actor } from '../../platform/http/actor';

export interface DemoIntelligenceSummary {
  networks: number;
  members: number;
  links: number;
  directives: number;
  classified: number;
}

/**
 * Fictional intelligence over the people already housed (the demo estate): networks of 3 to 12
 * carved out of the detainees of one wing, as a naive past policy would have kept them, each with
 * a leader; links inside each network, weak ties across networks, and directives between rival
 * factions of the same wing that today's housing breaks. Every item is audited. Refuses a store
 * that already holds links, so that it runs once.
 *
 * @example const summary = await loadDemoIntelligence(db, clock, systemActor('demo'), { seed: 1 });
 */
export async function loadDemoIntelligence(
  db: Db,
  clock: Clock,
  actor: Actor,
  options: { seed?: number; share?: number } = {},
): Promise<DemoIntelligenceSummary> {
  const rnd = seededRandom(options.seed ?? 1);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const share = options.share ?? 0.6;
  const now = clock.now().toISOString();
  const who = actor.audit.actor;
  return db.transaction().execute(async (trx) => {
    const existing = Number(
      (
        await trx
          .selectFrom('association_links')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (existing > 0)
      throw new Conflict('the store already holds association links: the demo intelligence loads once');
    const people = await trx
      .selectFrom('detainees')
      .innerJoin('cells', 'cells.id', 'detainees.cell_id')
      .innerJoin('wings', 'wings.id', 'cells.wing_id')
      .innerJoin('sites', 'sites.id', 'cells.site_id')
      .select(['detainees.id', 'detainees.site_id', 'cells.wing_id', 'cells.id as cell_id', 'cells.use'])
      .where('detainees.status', '=', 'in_custody')
      .where('cells.use', '=', 'general')
      // By codes and register numbers, not ids (random): the same seed gives the same intelligence.
      .orderBy('sites.code')
      .orderBy('wings.code')
      .orderBy('cells.code')
      .orderBy('detainees.number')
      .execute();
    const byWing = new Map<string, typeof people>();
    for (const p of people) byWing.set(p.wing_id, [...(byWing.get(p.wing_id) ?? []), p]);

    const networks: { wing: string; members: typeof people }[] = [];
    for (const [wing, list] of byWing) {
      let i = 0;
      while (i < list.length) {
        const size = int(3, 12);
        const chunk = list.slice(i, i + size);
        i += size;
        if (chunk.length >= 3 && rnd() < share) networks.push({ wing, members: chunk });
      }
    }
    const links: Database['association_links'][] = [];
    const directives: Database['non_association_directives'][] = [];
    const classes: Database['detainee_classifications'][] = [];
    const audits: AuditRecord[] = [];
    const link = (a: string, b: string, kind: string, weight: number, source: string) => {
      const row = {
        id: randomUUID(),
        link_id: randomUUID(),
        version: 1,
        detainee_a: a,
        detainee_b: b,
        kind,
        weight: Math.round(weight * 100) / 100,
        source,
        note: 'demo (fictional)',
        recorded_at: now,
        recorded_by: who.name,
        recorded_by_id: who.id,
        superseded_at: null,
        closed_at: null,
        closed_by: null,
        close_reason: null,
      };
      links.push(row);
      audits.push({
        action: 'link.create',
        subjectType: 'association-link',
        subjectId: row.link_id,
        changes: row,
      });
    };
    const classify = (d: (typeof people)[number], role: string, risk: string, reason: string) => {
      const row = {
        id: randomUUID(),
        detainee_id: d.id,
        risk,
        role,
        reason,
        recorded_at: now,
        recorded_by: who.name,
        recorded_by_id: who.id,
        superseded_at: null,
      };
      classes.push(row);
      audits.push({
        action: 'detainee.classify',
        subjectType: 'detainee',
        subjectId: d.id,
        siteId: d.site_id,
        changes: row,
      });
    };
    for (const [n, net] of networks.entries()) {
      const [leader, ...rest] = net.members;
      classify(leader, 'leader', 'critical', `demo network ${n + 1}: named as its emir by several members`);
      if (rest.length >= 4 && rnd() < 0.4)
        classify(
          rest[0],
          pick(['ideologue', 'planner']),
          'high',
          `demo network ${n + 1}: preaching or planning role`,
        );
      for (const m of rest.slice(rnd() < 0.4 && rest.length >= 4 ? 1 : 0))
        classify(m, 'member', 'medium', `demo network ${n + 1}: member`);
      for (const m of rest)
        link(
          leader.id,
          m.id,
          pick(['co-accused', 'same-unit']),
          0.6 + rnd() * 0.4,
          `demo case file ${1000 + n}`,
        );
      for (let k = 0; k < rest.length; k++) {
        const a = pick(rest);
        const b = pick(rest);
        if (a.id !== b.id)
          link(
            a.id,
            b.id,
            pick(['family', 'observed', 'common-number', 'seized-device']),
            0.3 + rnd() * 0.5,
            'demo wing observation log',
          );
      }
      // A weak tie to another network, anywhere in the estate.
      const other = pick(networks);
      if (other !== net)
        link(
          pick(net.members).id,
          pick(other.members).id,
          'observed',
          0.1 + rnd() * 0.2,
          'demo yard observation',
        );
      // Rival factions in the same wing: a directive that today's housing breaks.
      const rival = networks[n + 1];
      if (rival && rival.wing === net.wing && rnd() < 0.5) {
        const a = pick(net.members);
        const b = pick(rival.members);
        const row = {
          id: randomUUID(),
          directive_id: randomUUID(),
          version: 1,
          detainee_a: a.id,
          detainee_b: b.id,
          scope: pick(['cell', 'wing', 'wing', 'block']),
          reason: 'demo: rival factions, threats reported',
          authorised_by: 'Demo security chief',
          review_date: new Date(Date.parse(now) + 90 * 86_400_000).toISOString().slice(0, 10),
          recorded_at: now,
          recorded_by: who.name,
          recorded_by_id: who.id,
          superseded_at: null,
          closed_at: null,
          closed_by: null,
          close_reason: null,
        };
        directives.push(row);
        audits.push({
          action: 'directive.create',
          subjectType: 'non-association',
          subjectId: row.directive_id,
          siteId: a.site_id,
          changes: row,
        });
      }
    }
    for (let i = 0; i < links.length; i += 500)
      await trx
        .insertInto('association_links')
        .values(links.slice(i, i + 500))
        .execute();
    for (let i = 0; i < directives.length; i += 500)
      await trx
        .insertInto('non_association_directives')
        .values(directives.slice(i, i + 500))
        .execute();
    for (let i = 0; i < classes.length; i += 500)
      await trx
        .insertInto('detainee_classifications')
        .values(classes.slice(i, i + 500))
        .execute();
    await recordAudit(trx, clock, actor.audit, audits);
    return {
      networks: networks.length,
      members: networks.reduce((s, n) => s + n.members.length, 0),
      links: links.length,
      directives: directives.length,
      classified: classes.length,
    };
  });
}
