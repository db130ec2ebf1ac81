import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { recordAudit } from '../platform/audit/audit-log';
import { hashPassword } from '../platform/auth/passwords';
import { ROLES, type Role } from '../platform/auth/policy';
import { BadRequest, Conflict } from '../platform/errors';
import { systemActor } from '../platform/http/actor';
import type { NewDetainee } from '../modules/register';
import type { Services } from '../services';
import { generateDemo, type PlanCell } from './generate-demo';
import { foreignManifestCsv, manifestCsv } from './manifest-files';
import { random } from './random';
import { pickSafeguardsCases, seedSafeguardsCases } from './safeguards-cases';
import { placeDemoSites } from '../modules/incidents';

export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
  /** Site codes, or 'all'. */
  sites: string[] | 'all';
}

export interface DemoSummary {
  seed: number;
  scale: number;
  sites: { code: string; name: string; nameAr: string; cells: number; beds: number }[];
  cells: number;
  /** Beds in cells that are in service. */
  beds: number;
  inCustody: number;
  housed: number;
  nationalitiesInCustody: number;
  manifest: {
    rows: number;
    countries: number;
    /** Where the two copies were written. */
    file: string;
    foreignFile: string;
    /** The arrivals already on the register from an earlier custody, and how the manifest differs. */
    alreadyOnRegister: { manifestRow: number; number: string; how: string }[];
  };
  logins: DemoLogin[];
}

/** Roles whose demo account is scoped to the first site (the others see the whole estate). */
const SCOPED: readonly Role[] = ['commander', 'officer', 'intake', 'medical'];
const USERNAMES: Record<Role, string> = {
  administrator: 'admin',
  director: 'director',
  commander: 'commander',
  officer: 'officer',
  intake: 'intake',
  analyst: 'analyst',
  legal: 'legal',
  liaison: 'liaison',
  medical: 'medical',
  inspector: 'inspector',
};

/**
 * The demo accounts for a seed: one per role, passwords derived from the seed so that
 * `custodia start` can print them again on a store loaded earlier. A demo's passwords are public
 * by design; a real estate starts with `custodia users add`.
 *
 * @example demoLogins(1)[0] // { role: 'administrator', username: 'admin', password: 'k7qm-…', sites: 'all' }
 */
export function demoLogins(seed: number, firstSiteCode = 'HLC'): DemoLogin[] {
  const rnd = random(seed ^ 0x5eed);
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return ROLES.map((role) => {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => rnd.pick([...alphabet])).join(''),
    );
    return {
      role,
      username: USERNAMES[role],
      password: groups.join('-'),
      sites: SCOPED.includes(role) ? [firstSiteCode] : 'all',
    };
  });
}

/** A seed is a non-negative whole number; anything else is refused before anything is written. */
export function parseSeed(value: string | number | undefined): number {
  if (value === undefined) return 1;
  const text = String(value).trim();
  if (!/^\d{1,15}$/.test(text))
    throw new BadRequest(`seed: "${value}" is not a number (a whole number from 0)`, 'seed');
  return Number(text);
}

/** The seed and scale of the demo this store holds, if it holds one (read from the audit). */
export async function loadedDemo(services: Services): Promise<{ seed: number; scale: number } | null> {
  const row = await services.db
    .selectFrom('audit_entries')
    .select('changes')
    .where('action', '=', 'demo.load')
    .executeTakeFirst();
  if (!row) return null;
  const { seed, scale } = JSON.parse(row.changes) as { seed: number; scale: number };
  return { seed, scale };
}

/** What the store holds that a demo load would mix with: sites and detainees. */
export async function storeContents(services: Services): Promise<{ sites: number; detainees: number }> {
  const count = async (table: 'sites' | 'detainees') =>
    Number(
      (
        await services.db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { sites: await count('sites'), detainees: await count('detainees') };
}

/**
 * Loads the demo estate into an empty store in one transaction, through the services (every item
 * audited, actor `demo`), and writes the pending transfer manifest in two layouts under
 * `manifestDir` (default `data/demo`, relative to the working directory). Refuses, changing
 * nothing, when the store already holds a site or a detainee.
 *
 * @example const summary = await loadDemo(services, { seed: 7, scale: 0.02 });
 */
export async function loadDemo(
  services: Services,
  options: { seed: number; scale?: number; manifestDir?: string },
): Promise<DemoSummary> {
  const seed = parseSeed(options.seed);
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2)
    throw new BadRequest(`scale: ${scale} is not between 0 (excluded) and 2`, 'scale');
  const refuse = (held: { sites: number; detainees: number }) =>
    new Conflict(
      `the store already holds data (${held.sites} site(s), ${held.detainees} detainee(s)): the demo loads only into an empty store`,
    );
  const held = await storeContents(services);
  if (held.sites > 0 || held.detainees > 0) throw refuse(held);

  const plan = generateDemo(seed, scale);
  // Before the plan is written: a small demo may move a detainee into a segregation cell.
  const cases = pickSafeguardsCases(plan);
  const logins = demoLogins(seed, plan.sites[0].code);
  const hashes = await Promise.all(logins.map((l) => hashPassword(l.password)));
  const files = { manifest: manifestCsv(plan.manifest), foreign: foreignManifestCsv(plan.manifest) };
  const actor = systemActor('demo');
  const expires = new Date(services.clock.now().getTime() + 365 * 86_400_000).toISOString();

  const numbers = await services.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: nothing may have slipped in since.
    const sites = Number(
      (
        await trx
          .selectFrom('sites')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const detainees = Number(
      (
        await trx
          .selectFrom('detainees')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (sites || detainees) throw refuse({ sites, detainees });

    const ids = await services.estate.insertEstate(trx, actor, plan.sites);
    // The threat map draws the sites where they are in the (fictional) region.
    await placeDemoSites(
      trx,
      plan.sites.map((site, i) => ({ id: ids[i].id, code: site.code })),
    );
    const cellIds = new Map<PlanCell, string>();
    plan.sites.forEach((site, s) =>
      site.blocks.forEach((block, b) =>
        block.wings.forEach((wing, w) =>
          wing.cells.forEach((cell, c) => cellIds.set(cell, ids[s].blocks[b].wings[w].cells[c])),
        ),
      ),
    );
    const toInput = (d: (typeof plan.inCustody)[number]): NewDetainee => ({
      ...d.input,
      siteId: ids[d.siteIndex].id,
      cellId: d.cell ? cellIds.get(d.cell)! : null,
    });
    const heldIds = await services.register.insertMany(trx, actor, plan.inCustody.map(toInput));
    await services.register.insertMany(
      trx,
      actor,
      plan.earlierCustody.map((e) => toInput(e.detainee)),
    );
    // The findings a real estate has and the compliance page exists to show (Rules 44 and 11).
    await seedSafeguardsCases(trx, services.clock, actor, cases, (d) => {
      const i = plan.inCustody.indexOf(d);
      return { id: heldIds[i], siteId: ids[plan.inCustody[i].siteIndex].id };
    });
    await services.users.insertMany(
      trx,
      actor,
      logins.map((l, i) => ({
        username: l.username,
        displayName: `Demo ${l.role}`,
        passwordHash: hashes[i],
        role: l.role,
        allSites: l.sites === 'all',
        siteIds: l.sites === 'all' ? [] : [ids[0].id],
        accessExpiresAt: l.role === 'inspector' ? expires : null,
      })),
    );
    await recordAudit(trx, services.clock, actor.audit, {
      action: 'demo.load',
      subjectType: 'store',
      changes: {
        seed,
        scale,
        sites: plan.sites.length,
        detainees: plan.inCustody.length + plan.earlierCustody.length,
        manifestRows: plan.manifest.length,
      },
    });
    return plan.earlierCustody.map((e) => e.detainee.input.number!);
  });

  const dir = path.resolve(options.manifestDir ?? 'data/demo');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'transfer-manifest.csv');
  const foreignFile = path.join(dir, 'transfer-manifest-foreign.csv');
  writeFileSync(file, files.manifest);
  writeFileSync(foreignFile, files.foreign);

  const summarySites = plan.sites.map((s) => {
    const cells = s.blocks.flatMap((b) => b.wings.flatMap((w) => w.cells));
    return {
      code: s.code,
      name: s.name,
      nameAr: s.nameAr,
      cells: cells.length,
      beds: cells.reduce((n, c) => n + (c.outOfServiceReason ? 0 : c.capacity), 0),
    };
  });
  return {
    seed,
    scale,
    sites: summarySites,
    cells: summarySites.reduce((n, s) => n + s.cells, 0),
    beds: summarySites.reduce((n, s) => n + s.beds, 0),
    inCustody: plan.inCustody.length,
    housed: plan.inCustody.filter((d) => d.cell).length,
    nationalitiesInCustody: new Set(plan.inCustody.flatMap((d) => d.input.nationalities)).size,
    manifest: {
      rows: plan.manifest.length,
      countries: new Set(plan.manifest.map((r) => r.nationalities)).size,
      file,
      foreignFile,
      alreadyOnRegister: plan.earlierCustody.map((e, i) => ({
        manifestRow: e.manifestRow,
        number: numbers[i],
        how: e.how,
      })),
    },
    logins,
  };
}
