import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../platform/audit/audit-log';
import type { Clock } from '../platform/clock';
import type { Database } from '../platform/db/schema';
import type { Actor } from '../platform/http/actor';
import { DEMO_REFERENCE_DATE, type DemoPlan, type PlanDetainee } from './generate-demo';

const DAY = 86_400_000;
/** Days before the reference date each seeded segregation started: both past Rule 44's 15 days. */
const SEGREGATION_DAYS = [17, 24];
/** The verdict that made one of two cellmates convicted, days before the reference date. */
const VERDICT_DAYS = 6;

/** The detainees of the plan that the demo's safeguards cases are about. */
export interface SafeguardsCases {
  /** Held in a segregation cell, segregated for more than 15 days at the reference date. */
  segregated: PlanDetainee[];
  /** Untried sharing a general cell with another untried; convicted later, not yet moved. */
  convictedLater: PlanDetainee | null;
}

/**
 * Picks, deterministically, who the demo's safeguards cases are about. The placement respects
 * the rules; a real estate does not always, and the compliance page is there to show it. When
 * a small demo has fewer detainees in segregation cells than cases, adult men are moved (in
 * the plan, before anything is written) into a free segregation cell of their site.
 *
 * @example const cases = pickSafeguardsCases(generateDemo(7, 0.01)); // { segregated: [a, b], convictedLater: c }
 */
export function pickSafeguardsCases(plan: DemoPlan): SafeguardsCases {
  const segregated = plan.inCustody
    .filter((d) => d.cell?.use === 'segregation')
    .slice(0, SEGREGATION_DAYS.length);
  for (const d of plan.inCustody) {
    if (segregated.length >= SEGREGATION_DAYS.length) break;
    if (d.cell?.use !== 'general' || d.input.sex !== 'M' || d.input.ageCategory !== 'adult') continue;
    const free = plan.sites[d.siteIndex].blocks
      .flatMap((b) => b.wings.flatMap((w) => w.cells))
      .find((c) => c.use === 'segregation' && !c.outOfServiceReason && c.occupants < c.capacity);
    if (!free) continue;
    d.cell.occupants--;
    free.occupants++;
    free.legalStatus = d.input.legalStatus;
    d.cell = free;
    segregated.push(d);
  }
  const byCell = new Map<PlanDetainee['cell'], PlanDetainee[]>();
  for (const d of plan.inCustody)
    if (d.cell?.use === 'general' && d.input.legalStatus === 'untried')
      byCell.set(d.cell, [...(byCell.get(d.cell) ?? []), d]);
  const shared = [...byCell.values()].find((occupants) => occupants.length >= 2);
  return { segregated, convictedLater: shared ? shared[0] : null };
}

/**
 * Writes the cases inside the demo's transaction, each audited: the segregations (counted
 * from days before the reference date, so they are past the limit on that date and on any
 * later day the demo is run), and the conviction of one of two untried cellmates, recorded
 * with no move — the Rule 11 breach that follows a verdict until someone rehouses them.
 *
 * @example await seedSafeguardsCases(trx, clock, actor, cases, (d) => ids.get(d)!);
 */
export async function seedSafeguardsCases(
  trx: Transaction<Database>,
  clock: Clock,
  actor: Actor,
  cases: SafeguardsCases,
  idOf: (d: PlanDetainee) => { id: string; siteId: string },
): Promise<void> {
  const ref = Date.parse(`${DEMO_REFERENCE_DATE}T09:00:00.000Z`);
  for (const [i, d] of cases.segregated.entries()) {
    const { id, siteId } = idOf(d);
    const started = new Date(ref - SEGREGATION_DAYS[i] * DAY).toISOString();
    const row = {
      id: randomUUID(),
      detainee_id: id,
      site_id: siteId,
      reason:
        i === 0
          ? 'Assault on a cellmate; risk to others pending investigation'
          : 'Threats to staff; own protection',
      authority: 'Site commander',
      started_at: started,
      started_by: 'demo',
      counted_from: started,
      planned_end: new Date(ref - (SEGREGATION_DAYS[i] - 14) * DAY).toISOString(),
      ended_at: null,
      ended_by: null,
      end_reason: null,
      day13_alerted_at: null,
      breach_flagged_at: null,
    };
    await trx.insertInto('segregations').values(row).execute();
    await recordAudit(trx, clock, actor.audit, {
      action: 'segregation.start',
      subjectType: 'detainee',
      subjectId: id,
      siteId,
      changes: row,
    });
  }
  if (cases.convictedLater) {
    const { id, siteId } = idOf(cases.convictedLater);
    const verdictOn = new Date(ref - VERDICT_DAYS * DAY).toISOString().slice(0, 10);
    await trx
      .updateTable('detainees')
      .set({ legal_status: 'convicted', updated_at: clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, actor.audit, {
      action: 'detainee.update',
      subjectType: 'detainee',
      subjectId: id,
      siteId,
      changes: {
        before: { legalStatus: 'untried' },
        after: { legalStatus: 'convicted' },
        reason: `verdict of ${verdictOn}: convicted; not yet moved from the cell shared with an untried detainee`,
      },
    });
  }
}
