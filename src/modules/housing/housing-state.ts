import type { Transaction } from 'kysely';
import { sharedLevel } from '../../engines/housing';
import type { Cell, Instance, Policy, Scope } from '../../engines/housing';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import type { ActiveDirective, ActiveLink, DetaineeRole } from './intelligence-service';

/** A cell as the placement rules see it: its place in the estate, its wing's designation, its state. */
export interface CellState {
  id: string;
  code: string;
  wingId: string;
  wingCode: string;
  blockId: string;
  siteId: string;
  capacity: number;
  use: string;
  outOfService: boolean;
  outOfServiceReason: string | null;
  sex: 'M' | 'F';
  age: 'adult' | 'juvenile';
}

export interface DetaineeState {
  id: string;
  number: string;
  displayName: string;
  siteId: string;
  status: string;
  cellId: string | null;
  sex: 'M' | 'F';
  age: 'adult' | 'juvenile';
  legalStatus: 'untried' | 'convicted';
  role: DetaineeRole;
  segregated: boolean;
}

/** The housing of some sites at one moment: cells, the people held or arriving, links, directives. */
export interface HousingState {
  siteIds: string[];
  cells: Map<string, CellState>;
  detainees: Map<string, DetaineeState>;
  links: ActiveLink[];
  directives: ActiveDirective[];
}

export const SINGLE_CELL_ROLES: DetaineeRole[] = ['leader', 'ideologue', 'planner'];
export const DEFAULT_PENALTIES: Record<Scope, number> = { cell: 100, wing: 10, block: 2, facility: 0.5 };

/**
 * Reads the housing of the given sites (inside the caller's transaction when given, so that an
 * approval re-checks exactly the state it then changes).
 */
export async function loadHousingState(
  db: Db | Transaction<Database>,
  siteIds: string[],
  intelligence: {
    activeLinks(trx?: Transaction<Database>): Promise<ActiveLink[]>;
    activeDirectives(trx?: Transaction<Database>): Promise<ActiveDirective[]>;
  },
): Promise<HousingState> {
  const trx = db.isTransaction ? (db as Transaction<Database>) : undefined;
  const sites = siteIds.length ? siteIds : [''];
  const cellRows = await db
    .selectFrom('cells')
    .innerJoin('wings', 'wings.id', 'cells.wing_id')
    .innerJoin('sites', 'sites.id', 'cells.site_id')
    .select([
      'cells.id',
      'cells.code',
      'cells.wing_id',
      'wings.code as wing_code',
      'cells.block_id',
      'cells.site_id',
      'cells.capacity',
      'cells.use',
      'cells.out_of_service',
      'cells.out_of_service_reason',
      'wings.sex',
      'wings.age_group',
    ])
    .where('cells.site_id', 'in', sites)
    // A fixed order (the stores return rows in different orders): the same estate gives the engine
    // the same instance, so a plan depends only on the estate and the seed.
    .orderBy('sites.code')
    .orderBy('wings.code')
    .orderBy('cells.code')
    .orderBy('cells.id')
    .execute();
  const cells = new Map<string, CellState>();
  for (const c of cellRows)
    cells.set(c.id, {
      id: c.id,
      code: c.code,
      wingId: c.wing_id,
      wingCode: c.wing_code,
      blockId: c.block_id,
      siteId: c.site_id,
      capacity: Number(c.capacity),
      use: c.use,
      outOfService: Number(c.out_of_service) === 1,
      outOfServiceReason: c.out_of_service_reason,
      sex: c.sex as 'M' | 'F',
      age: c.age_group as 'adult' | 'juvenile',
    });
  const people = await db
    .selectFrom('detainees')
    .select([
      'id',
      'number',
      'display_name',
      'site_id',
      'status',
      'cell_id',
      'sex',
      'age_category',
      'legal_status',
    ])
    .where('site_id', 'in', sites)
    .where('status', 'in', ['arriving', 'in_custody'])
    .orderBy('number')
    .orderBy('id')
    .execute();
  const roles = new Map<string, DetaineeRole>();
  const segregated = new Set<string>();
  const ids = people.map((p) => p.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const r of await db
      .selectFrom('detainee_classifications')
      .select(['detainee_id', 'role'])
      .where('detainee_id', 'in', chunk)
      .where('superseded_at', 'is', null)
      .execute())
      roles.set(r.detainee_id, r.role as DetaineeRole);
    for (const r of await db
      .selectFrom('segregations')
      .select('detainee_id')
      .where('detainee_id', 'in', chunk)
      .where('ended_at', 'is', null)
      .execute())
      segregated.add(r.detainee_id);
  }
  const detainees = new Map<string, DetaineeState>();
  for (const p of people)
    detainees.set(p.id, {
      id: p.id,
      number: p.number,
      displayName: p.display_name,
      siteId: p.site_id,
      status: p.status,
      // A cell at another site (or none) is no place in this state.
      cellId: p.cell_id && cells.has(p.cell_id) ? p.cell_id : null,
      sex: p.sex as 'M' | 'F',
      age: p.age_category as 'adult' | 'juvenile',
      legalStatus: p.legal_status as 'untried' | 'convicted',
      role: roles.get(p.id) ?? 'unknown',
      segregated: segregated.has(p.id),
    });
  // Ordered by the register numbers of the pair (ids are random): the same estate, the same instance.
  const pairKey = (x: { a: string; b: string }) =>
    [detainees.get(x.a)!.number, detainees.get(x.b)!.number].sort().join('|');
  const byPair = <T extends { a: string; b: string; id: string }>(xs: T[]) =>
    xs
      .filter((x) => detainees.has(x.a) && detainees.has(x.b))
      .map((x) => ({ x, key: `${pairKey(x)}|${x.id}` }))
      .sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0))
      .map((p) => p.x);
  const links = byPair(await intelligence.activeLinks(trx));
  const directives = byPair(await intelligence.activeDirectives(trx));
  return { siteIds, cells, detainees, links, directives };
}

/**
 * The allocation instance (format 1) of a state. Detainees under segregation are left out (a plan
 * never moves them) and the beds they hold are taken off their cell's capacity. With `unhoused`,
 * only those of the unhoused are to be placed (the others are not in the instance at all).
 *
 * @example const instance = toInstance(state, { moveBudget: 40 });
 */
export function toInstance(
  state: HousingState,
  options: { moveBudget: number; name?: string; unhoused?: Set<string> },
): Instance {
  const held = new Map<string, number>();
  for (const d of state.detainees.values())
    if (d.segregated && d.cellId) held.set(d.cellId, (held.get(d.cellId) ?? 0) + 1);
  const cells: Cell[] = [...state.cells.values()].map((c) => ({
    id: c.id,
    facility: c.siteId,
    block: c.blockId,
    wing: c.wingId,
    capacity: Math.max(0, c.capacity - (held.get(c.id) ?? 0)),
    outOfService: c.outOfService,
    designation: { sex: c.sex, age: c.age },
    use: (c.use as Cell['use']) ?? 'general',
  }));
  const detainees = [...state.detainees.values()]
    .filter((d) => !d.segregated && (d.cellId !== null || !options.unhoused || options.unhoused.has(d.id)))
    .map((d) => ({
      id: d.id,
      sex: d.sex,
      age: d.age,
      status: d.legalStatus,
      role: d.role,
      currentCell: d.cellId,
    }));
  const inInstance = new Set(detainees.map((d) => d.id));
  const both = (x: { a: string; b: string }) => inInstance.has(x.a) && inInstance.has(x.b);
  const policy: Policy = {
    moveBudget: options.moveBudget,
    moveCost: 1,
    penalties: { ...DEFAULT_PENALTIES },
    singleCellRoles: [...SINGLE_CELL_ROLES],
  };
  return {
    version: 1,
    name: options.name,
    cells,
    detainees,
    links: state.links.filter(both).map((l) => ({ a: l.a, b: l.b, weight: l.weight })),
    nonAssociations: state.directives
      .filter(both)
      .map((d) => ({ a: d.a, b: d.b, scope: d.scope === 'site' ? 'facility' : d.scope })),
    policy,
  };
}

export interface Finding {
  rule:
    | 'cell'
    | 'out-of-service'
    | 'special-use'
    | 'designation'
    | 'capacity'
    | 'legal-status'
    | 'single-cell'
    | 'directive'
    | 'segregation'
    | 'association';
  /** For roles that may read intelligence: the reason, with names. */
  detail: string;
  /** For everyone else: nothing that reveals intelligence. */
  publicText: string;
}

export const SECURITY_ADVICE = 'security advises against this move: ask the duty analyst';
const DIRECTIVE_TEXT = 'a non-association directive forbids this placement: ask the duty analyst';
const SINGLE_TEXT = 'a single-cell rule applies to this detainee or a cellmate: ask the duty analyst';

const RANK: Record<Scope, number> = { cell: 0, wing: 1, block: 2, facility: 3 };
const rank = (s: Scope | null) => (s === null ? 4 : RANK[s]);
const cellOf = (c: CellState | undefined): Cell | undefined =>
  c ? { id: c.id, facility: c.siteId, block: c.blockId, wing: c.wingId, capacity: c.capacity } : undefined;
const directiveCovers = (scope: ActiveDirective['scope'], level: Scope | null) =>
  level !== null && (scope === 'site' ? true : rank(level) <= RANK[scope]);

/**
 * The hard rules for one detainee in one cell, given where everybody is (`positions`, the moved
 * ones included): what would block the placement. Used for an officer's single move (positions =
 * today plus that move) and for an approval (positions = today plus every move of the plan).
 */
export function blocksFor(
  state: HousingState,
  detaineeId: string,
  cellId: string,
  positions: Map<string, string>,
): Finding[] {
  const d = state.detainees.get(detaineeId)!;
  const cell = state.cells.get(cellId);
  const out: Finding[] = [];
  const plain = (rule: Finding['rule'], text: string) => out.push({ rule, detail: text, publicText: text });
  if (!cell || cell.siteId !== d.siteId) {
    plain('cell', "the cell is not at the detainee's site: that is a transfer, not a move");
    return out;
  }
  const isNew = d.cellId !== cellId;
  if (cell.outOfService)
    plain(
      'out-of-service',
      `cell ${cell.code} is out of service${cell.outOfServiceReason ? ` (${cell.outOfServiceReason})` : ''}`,
    );
  if (d.segregated && cell.use !== 'segregation')
    plain('segregation', 'the detainee is under segregation: end it before a move to another kind of cell');
  else if (isNew && cell.use !== 'general' && !(d.segregated && cell.use === 'segregation'))
    plain('special-use', `cell ${cell.code} is a ${cell.use} cell: no new placement there`);
  if (cell.sex !== d.sex)
    plain('designation', `wing ${cell.wingCode} is designated for ${cell.sex === 'M' ? 'men' : 'women'}`);
  if (cell.age !== d.age)
    plain(
      'designation',
      `wing ${cell.wingCode} is designated for ${cell.age === 'adult' ? 'adults' : 'juveniles'}`,
    );
  const mates: DetaineeState[] = [];
  for (const [id, c] of positions)
    if (c === cellId && id !== detaineeId) mates.push(state.detainees.get(id)!);
  if (mates.length + 1 > cell.capacity)
    plain('capacity', `cell ${cell.code} is full (${cell.capacity} ${cell.capacity === 1 ? 'bed' : 'beds'})`);
  const otherStatus = mates.filter((m) => m.legalStatus !== d.legalStatus);
  if (otherStatus.length)
    plain(
      'legal-status',
      `cell ${cell.code} holds ${otherStatus[0].legalStatus} detainees; this detainee is ${d.legalStatus} (Rule 11: untried apart from convicted)`,
    );
  if (mates.length > 0) {
    const single = [d, ...mates].filter((m) => SINGLE_CELL_ROLES.includes(m.role));
    if (single.length)
      out.push({
        rule: 'single-cell',
        detail: `${single.map((m) => `${m.number} is classified ${m.role}`).join('; ')}: held alone`,
        publicText: SINGLE_TEXT,
      });
  }
  for (const dir of state.directives) {
    if (dir.a !== detaineeId && dir.b !== detaineeId) continue;
    const other = dir.a === detaineeId ? dir.b : dir.a;
    const where = positions.get(other);
    if (!where) continue;
    if (directiveCovers(dir.scope, sharedLevel(cellOf(cell), cellOf(state.cells.get(where))))) {
      const o = state.detainees.get(other)!;
      out.push({
        rule: 'directive',
        detail: `non-association directive (${dir.scope}) with ${o.number} ${o.displayName}: ${dir.reason}`,
        publicText: DIRECTIVE_TEXT,
      });
    }
  }
  return out;
}

/**
 * Links that a placement brings closer than today, to a future cellmate or wing-mate: warnings,
 * not blocks (the officer confirms or stops).
 */
export function warningsFor(
  state: HousingState,
  detaineeId: string,
  cellId: string,
  positions: Map<string, string>,
): Finding[] {
  const cell = state.cells.get(cellId);
  const d = state.detainees.get(detaineeId)!;
  if (!cell) return [];
  const from = d.cellId ? state.cells.get(d.cellId) : undefined;
  const out: Finding[] = [];
  for (const link of state.links) {
    if (link.a !== detaineeId && link.b !== detaineeId) continue;
    const other = link.a === detaineeId ? link.b : link.a;
    const where = positions.get(other);
    if (!where) continue;
    const otherCell = cellOf(state.cells.get(where));
    const after = sharedLevel(cellOf(cell), otherCell);
    const before = sharedLevel(cellOf(from), otherCell);
    if ((after === 'cell' || after === 'wing') && rank(after) < rank(before)) {
      const o = state.detainees.get(other)!;
      out.push({
        rule: 'association',
        detail: `linked to ${o.number} ${o.displayName} (${link.kind}, weight ${link.weight}), who would be a ${after === 'cell' ? 'cellmate' : 'wing-mate'}`,
        publicText: SECURITY_ADVICE,
      });
    }
  }
  return out;
}

/** Where everybody of the state is housed now. */
export function positionsOf(state: HousingState): Map<string, string> {
  const positions = new Map<string, string>();
  for (const d of state.detainees.values()) if (d.cellId) positions.set(d.id, d.cellId);
  return positions;
}

/** The texts a caller may read: the reasons for intelligence roles, the neutral text for others (each once). */
export function textsFor(findings: Finding[], mayReadIntelligence: boolean): string[] {
  return [...new Set(findings.map((f) => (mayReadIntelligence ? f.detail : f.publicText)))];
}
